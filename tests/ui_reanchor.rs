//! The window when texts changed outside Margin: it asks before saving the re-anchored codings,
//! turns and messages, saves them when told to, and leaves every file as it is when the
//! researcher closes the project instead.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use margin::import::detect_turns;
use margin::model::{
    CharRange, Code, Coder, Coding, Color, Document, DocumentKind, Edit, Manifest, Project,
    SortKey, Text,
};
use margin::store::{LOCK_FILE, ProjectDir};
use margin::ui::ConfigStore;
use ui_common::{frames, harness_with, project};

const INTERVIEW: &str = "Interview G8 (fictional)\n\nInterviewer: 大家为什么说“毕业”？\nG8: 我们都叫它毕业，治疗结束就是毕业了。\n";

/// A project with one coded interview whose text then gains a line at the top, outside Margin.
fn changed_outside(dir: &Path) -> (PathBuf, PathBuf) {
    let root = dir.join("study");
    let config = dir.join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin\"), theme: Light, language: Some(English))",
    )
    .unwrap();
    let mut p = Project::new(Manifest::new("Support group"));
    let mut doc = Document::new("G8", DocumentKind::Interview, Text::new(INTERVIEW));
    doc.segments = detect_turns(INTERVIEW);
    let code = Code::new("Graduate", Color::palette(1), SortKey("a".into()));
    let lin = Coder::new("Lin", Color::palette(2));
    let start = INTERVIEW.find("毕业，").unwrap();
    let start = INTERVIEW[..start].chars().count();
    let coding = Coding::new(
        doc.id,
        &doc.text,
        CharRange::new(start, start + 2),
        code.id,
        lin.id,
    );
    let txt = format!("documents/{}.txt", doc.id);
    p.apply(Edit::Batch(vec![
        Edit::PutDocument(Box::new(doc)),
        Edit::PutCode(code),
        Edit::PutCoder(lin),
        Edit::PutCoding(Box::new(coding)),
    ]))
    .unwrap();
    drop(ProjectDir::create(&root, &mut p).unwrap());
    fs::write(
        root.join(&txt),
        format!("Transcribed by the team.\n{INTERVIEW}"),
    )
    .unwrap();
    (root, config)
}

fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(d).unwrap() {
            let e = e.unwrap();
            if e.path().is_dir() {
                dirs.push(e.path());
            } else if e.file_name() != LOCK_FILE {
                out.insert(e.path(), fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

#[test]
fn the_window_asks_before_saving_reanchored_positions() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, config) = changed_outside(tmp.path());
    let before = files(&root);
    let mut h = harness_with(Some(root.clone()), ConfigStore::in_dir(&config));
    h.get_by_label("Texts changed outside Margin");
    // The codings are shown where they now are, but nothing is written while the question waits.
    let coded = project(&h).codings().values().next().unwrap().clone();
    let doc = project(&h).document(coded.document).unwrap();
    assert_eq!(doc.text.slice(coded.range), "毕业");
    frames(&mut h, 3);
    h.state_mut().flush().unwrap();
    assert_eq!(files(&root), before);

    h.get_by_label("Save the new places").click();
    frames(&mut h, 3);
    h.state_mut().flush().unwrap();
    assert!(h.query_by_label("Texts changed outside Margin").is_none());
    drop(h);
    let reopened = ProjectDir::open_read_only(&root).unwrap();
    assert!(reopened.report.changed_texts.is_empty());
    let c = reopened.project.coding(coded.id).unwrap();
    assert_eq!(c.range, coded.range);
}

#[test]
fn closing_instead_leaves_every_file_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, config) = changed_outside(tmp.path());
    let before = files(&root);
    let mut h = harness_with(Some(root.clone()), ConfigStore::in_dir(&config));
    h.get_by_label("Close the project").click();
    frames(&mut h, 3);
    assert!(h.state().session().is_none());
    drop(h);
    assert_eq!(files(&root), before);
}
