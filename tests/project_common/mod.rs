//! What the tests of projects on disk share: copies of the sample project and of folders, and the
//! text each coding covers (to tell a coding that moved from one that stayed on its passage).

#![allow(dead_code, clippy::unwrap_used, clippy::missing_panics_doc)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use margin::model::{CodingId, Project};
use margin::store::LOCK_FILE;

/// The bundled sample project.
pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/support-group")
}

/// A copy of the sample project in `dir`.
pub fn sample_copy(dir: &Path) -> PathBuf {
    let to = dir.join("support-group");
    copy_dir(&sample(), &to);
    to
}

/// Copy a folder, without the lock file.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_name() == LOCK_FILE {
            continue;
        }
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// The text each coding covers.
pub fn coded_texts(p: &Project) -> BTreeMap<CodingId, String> {
    p.codings()
        .values()
        .map(|c| {
            let doc = p.document(c.document).unwrap();
            (c.id, doc.text.slice(c.range).to_owned())
        })
        .collect()
}
