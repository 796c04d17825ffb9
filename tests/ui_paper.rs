//! The paper's quotes in the window: a coding is marked as an exemplar of its code in the
//! inspector (undoable) and in retrieval, and its quote gets a translation with a note, saved
//! in the coding's file.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use std::path::PathBuf;

use egui::Event;
use egui_kittest::kittest::Queryable;
use margin::model::CodingId;
use margin::ui::{Command, ConfigStore};
use ui_common::{frames, harness_with, project};

fn sample() -> (tempfile::TempDir, PathBuf, ConfigStore) {
    let dir = tempfile::tempdir().unwrap();
    let sample = margin::bundled::BundledSample::support_group();
    let copy = margin::ui::sample_copy(&sample, dir.path()).unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin Yue\"), language: Some(English))",
    )
    .unwrap();
    (dir, copy, ConfigStore::in_dir(&config))
}

#[test]
fn a_coding_becomes_an_exemplar_and_gets_a_translation_in_the_inspector() {
    let (_dir, root, config) = sample();
    let mut h = harness_with(Some(root.clone()), config);
    let doc = h.state().transcript().document().unwrap();
    let id: CodingId = project(&h)
        .codings()
        .values()
        .find(|c| c.document == doc && !c.exemplar && c.translation.is_none())
        .unwrap()
        .id;
    h.state_mut().queue(Command::SelectCoding(id));
    frames(&mut h, 3);

    h.get_by_label("★ Exemplar of its code").click();
    frames(&mut h, 2);
    assert!(project(&h).coding(id).unwrap().exemplar);
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 2);
    assert!(!project(&h).coding(id).unwrap().exemplar, "undone");
    h.state_mut().queue(Command::Redo);
    frames(&mut h, 2);
    assert!(project(&h).coding(id).unwrap().exemplar, "redone");

    h.get_by_label("Translation of the quote (e.g. its English, for the paper)")
        .click();
    frames(&mut h, 1);
    h.event(Event::Text(
        "When someone graduates, the whole screen is flowers 🌹".into(),
    ));
    frames(&mut h, 1);
    // Leaving the field commits it, as one step.
    h.get_by_label("★ Exemplar of its code").focus();
    frames(&mut h, 3);
    let t = project(&h).coding(id).unwrap().translation.clone().unwrap();
    assert_eq!(
        t.text,
        "When someone graduates, the whole screen is flowers 🌹"
    );
    h.get_by_label("Note on the translation (translator, a choice of words)")
        .click();
    frames(&mut h, 1);
    h.event(Event::Text("tr. Lin Yue".into()));
    frames(&mut h, 1);
    h.get_by_label("★ Exemplar of its code").focus();
    frames(&mut h, 3);
    let t = project(&h).coding(id).unwrap().translation.clone().unwrap();
    assert_eq!(t.note, "tr. Lin Yue");

    // Saved in the coding's line.
    h.state_mut().flush().unwrap();
    let stored = margin::store::ProjectDir::open_read_only(&root)
        .unwrap()
        .project;
    let c = stored.coding(id).unwrap();
    assert!(c.exemplar);
    assert_eq!(c.translation.as_ref().unwrap().note, "tr. Lin Yue");
}

#[test]
fn the_open_document_is_exported_coded_from_the_document_menu() {
    use egui::accesskit::Role;
    use margin::export::excerpts::Format;
    use margin::ui::export_dialog::ExportChoice;
    let (dir, root, config) = sample();
    let mut h = harness_with(Some(root), config);
    let doc = h.state().transcript().document().unwrap();
    h.get_by_role_and_label(Role::Button, "Document").click();
    frames(&mut h, 2);
    h.get_by_label("Export coded (HTML)…");
    h.get_by_label("Export coded (Word)…");
    h.key_press(egui::Key::Escape);
    frames(&mut h, 2);
    // What the item asks the file dialog for, written where the user chose.
    let path = dir.path().join("G8 coded.html");
    h.state_mut().queue(Command::ExportTo {
        choice: ExportChoice::CodedDocument {
            document: doc,
            format: Format::Html,
        },
        path: path.clone(),
    });
    frames(&mut h, 2);
    let html = std::fs::read_to_string(&path).unwrap();
    let n = project(&h).codings_of(doc).count();
    assert_eq!(html.matches("<span class=\"tag\"").count(), n);
    assert!(
        h.state()
            .notices()
            .last()
            .unwrap()
            .text
            .starts_with(&format!("Wrote the document with its {n} codings")),
        "{:?}",
        h.state().notices()
    );
}
