//! The project loader on a small fixed project (fuzz/fixtures/project, copied to a temporary
//! folder once per process) of which one file at a time is replaced by the input: the first byte
//! chooses the file, the rest is its content. What loads must keep every coding and every turn
//! on its document's text; what does not load must say why.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use margin::store::ProjectDir;

/// The copy of the fixture, and its files (relative paths, sorted) with their original bytes.
struct Fixture {
    root: PathBuf,
    files: Vec<(PathBuf, Vec<u8>)>,
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("the fixture folder reads")
        .map(|e| e.expect("a fixture entry").path())
        .collect();
    entries.sort();
    for path in entries {
        // Dot files (.gitignore, the lock) are not project data.
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).expect("inside").to_path_buf();
            out.push((rel, std::fs::read(&path).expect("a fixture file reads")));
        }
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("the copy's folder");
    for entry in std::fs::read_dir(from).expect("the fixture folder reads") {
        let path = entry.expect("a fixture entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("a fixture file copies");
        }
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/project");
        let root = std::env::temp_dir().join(format!("margin-fuzz-project-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy(&source, &root);
        let mut files = Vec::new();
        collect(&root, &root, &mut files);
        assert!(!files.is_empty(), "the fixture project has files");
        Fixture { root, files }
    })
}

fuzz_target!(|data: &[u8]| {
    let fixture = fixture();
    let Some((&first, content)) = data.split_first() else {
        return;
    };
    let (rel, original) = &fixture.files[usize::from(first) % fixture.files.len()];
    let path = fixture.root.join(rel);
    std::fs::write(&path, content).expect("the input is written");
    match ProjectDir::open_read_only(&fixture.root) {
        Ok(opened) => {
            let p = &opened.project;
            for c in p.codings().values() {
                let doc = &p.documents()[&c.document];
                assert!(
                    c.range.start < c.range.end && c.range.end <= doc.text.char_len(),
                    "a coding off its text loaded"
                );
            }
            for doc in p.documents().values() {
                for s in &doc.segments {
                    assert!(
                        s.range.start <= s.range.end && s.range.end <= doc.text.char_len(),
                        "a turn off its text loaded"
                    );
                }
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    std::fs::write(&path, original).expect("the original is put back");
});
