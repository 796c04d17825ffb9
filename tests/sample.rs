//! The bundled sample project is exactly what its source material builds: the chat log comes
//! from the WeChat export with the pseudonym mapping applied, the codings from the coders' quotes.

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use margin::model::DocumentKind;
use margin::store::ProjectDir;

fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".margin")
            {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

#[test]
fn the_sample_project_is_rebuilt_byte_for_byte_from_its_sources() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects");
    let mut project = margin::sample::build(&root.join("source")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("support-group");
    drop(ProjectDir::create(&out, &mut project).unwrap());
    let built = files(&out);
    let committed = files(&root.join("support-group"));
    let differ: Vec<_> = built
        .keys()
        .chain(committed.keys())
        .filter(|k| built.get(*k) != committed.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "run `cargo run --example build_sample`; these differ: {differ:?}"
    );
}

#[test]
fn the_sample_is_the_reference_study() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/support-group");
    let p = ProjectDir::open_read_only(&root).unwrap().project;
    let chat = p
        .documents()
        .values()
        .find(|d| d.kind == DocumentKind::Chat)
        .unwrap();
    assert!(
        chat.segments.len() >= 1000,
        "{} messages",
        chat.segments.len()
    );
    let first = chat.segments.first().and_then(|s| s.at).unwrap();
    let last = chat.segments.last().and_then(|s| s.at).unwrap();
    assert_eq!(
        (
            first.format("%Y-%m").to_string(),
            last.format("%Y-%m").to_string()
        ),
        ("2024-05".into(), "2024-08".into())
    );
    // Pseudonymised: no display name or hospital of the mapping is left in the text.
    let mapping = fs::read_to_string(root.join("../source/chat/pseudonyms.csv")).unwrap();
    for real in mapping.lines().skip(1).filter_map(|l| l.split(',').next()) {
        assert!(
            !chat.text.as_str().contains(real),
            "{real} is still in the chat"
        );
    }
    let interviews = p
        .documents()
        .values()
        .filter(|d| d.kind == DocumentKind::Interview)
        .count();
    assert_eq!(interviews, 10);
    assert_eq!(p.cases().len(), 10);
    for coder in p.coders().values() {
        let n = p.codings().values().filter(|c| c.coder == coder.id).count();
        assert!(n >= 300, "{} has {n} codings", coder.name);
    }
    assert_eq!(p.codes().values().filter(|c| c.in_vivo).count(), 5);
}
