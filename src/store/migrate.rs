//! Format versions. `margin.ron` records the version a project was written with; a project from
//! an older Margin is brought up to date here, in memory, one version step at a time (the files
//! are rewritten only when the project is next saved). A project from a newer Margin is refused
//! rather than misread.
//!
//! Version 1 is the first format. When the format changes, add a step to [`STEPS`] that rewrites
//! the raw files of version N into version N+1, and a fixture project of version N under
//! `tests/fixtures/` that must keep loading.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::FORMAT_VERSION;

use super::error::{Problem, StoreError};
use super::paths::{CODINGS_DIR, MANIFEST};

/// The raw files of a project, by relative path, as read from disk.
pub type RawFiles = BTreeMap<PathBuf, String>;

/// One migration step: rewrites the raw files of version `from` into version `from + 1`.
pub struct Step {
    /// The version this step reads.
    pub from: u32,
    /// The rewrite.
    pub apply: fn(&mut RawFiles) -> Result<(), Problem>,
}

/// All migration steps, oldest first.
pub const STEPS: &[Step] = &[Step {
    from: 1,
    apply: list_coded_documents,
}];

/// Version 2 keeps, per coder, the list of documents it has codings on
/// (`codings/<coder-id>.ron`), so that a missing codings file is noticed. A version-1 project
/// gets the lists of the codings files it has. (Version 2 also anchors turns and messages;
/// they get their anchors when the documents are next saved.)
#[allow(clippy::unnecessary_wraps)] // every migration step has this signature
fn list_coded_documents(files: &mut RawFiles) -> Result<(), Problem> {
    use super::format::{CodedDocuments, to_ron};
    use crate::model::{CoderId, DocumentId};
    let mut lists: BTreeMap<CoderId, Vec<DocumentId>> = BTreeMap::new();
    for path in files.keys() {
        let parts: Vec<String> = path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if let [dir, coder, file] = parts.as_slice()
            && dir == CODINGS_DIR
            && let (Ok(coder), Some(Ok(document))) = (
                coder.parse::<CoderId>(),
                file.strip_suffix(".ron").map(str::parse::<DocumentId>),
            )
        {
            lists.entry(coder).or_default().push(document);
        }
    }
    for (coder, mut documents) in lists {
        documents.sort();
        files.insert(
            PathBuf::from(CODINGS_DIR).join(format!("{coder}.ron")),
            to_ron(&CodedDocuments { coder, documents }, 2),
        );
    }
    Ok(())
}

/// The oldest format version this build can read.
pub const OLDEST: u32 = 1;

/// Check `found` (the manifest's version) and bring `files` up to [`FORMAT_VERSION`].
pub fn migrate(root: &Path, found: u32, files: &mut RawFiles) -> Result<bool, StoreError> {
    let manifest = root.join(MANIFEST);
    if found > FORMAT_VERSION {
        return Err(StoreError::TooNew {
            path: manifest,
            found,
            supported: FORMAT_VERSION,
        });
    }
    if found < OLDEST {
        return Err(StoreError::Invalid(vec![Problem::new(
            MANIFEST,
            format!("format version {found} is not a Margin format (the first is {OLDEST})"),
        )]));
    }
    let mut version = found;
    while version < FORMAT_VERSION {
        let Some(step) = STEPS.iter().find(|s| s.from == version) else {
            return Err(StoreError::Invalid(vec![Problem::new(
                MANIFEST,
                format!("no migration from format version {version}"),
            )]));
        };
        (step.apply)(files).map_err(|p| StoreError::Invalid(vec![p]))?;
        version += 1;
    }
    Ok(found != FORMAT_VERSION)
}
