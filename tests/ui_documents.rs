//! A document as a whole, from the window, on a copy of the sample study: renamed and deleted
//! from the documents list's right-click menu (the deletion says how many codings go with it,
//! and one undo gives the project back exactly), given another kind and case, and read in its
//! properties window (source file, import date, characters, turns or messages, text hash) where
//! its memo is written.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod project_common;
mod ui_common;

use std::path::PathBuf;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::model::{DocumentId, DocumentKind, MemoTarget, Project, SegmentKind};
use margin::ui::{Command, ConfigStore, MarginApp};
use ui_common::{frames, harness_with, project};

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    config: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = project_common::sample_copy(dir.path());
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin Yue\"), theme: Light, language: Some(English))",
    )
    .unwrap();
    Fixture {
        _dir: dir,
        root,
        config,
    }
}

fn harness(f: &Fixture) -> Harness<'static, MarginApp> {
    harness_with(Some(f.root.clone()), ConfigStore::in_dir(&f.config))
}

fn document_named(p: &Project, name: &str) -> DocumentId {
    p.documents()
        .values()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no document {name}"))
        .id
}

/// Everything a user can change, as text.
fn state(p: &Project) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        p.documents(),
        p.codes(),
        p.codings(),
        p.memos(),
        p.cases()
    )
}

/// A number as the English window writes it: `147,370`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Right-click the row of `name` in the documents list.
fn right_click_row(h: &mut Harness<'static, MarginApp>, name: &str) {
    h.get_by(|n| {
        n.role() == Role::ListItem
            && n.label()
                .is_some_and(|l| l.starts_with(&format!("{name}, ")))
    })
    .click_secondary();
    frames(h, 2);
}

#[test]
fn a_document_is_renamed_and_deleted_from_its_menu_and_one_undo_gives_it_back() {
    let f = fixture();
    let mut h = harness(&f);
    let g3 = document_named(project(&h), "Interview G3");
    let before = state(project(&h));

    // Rename: the field holds the old name; select it all, type the new one, Enter.
    right_click_row(&mut h, "Interview G3");
    h.get_by_label("Rename…").click();
    frames(&mut h, 3);
    assert_eq!(
        h.get_by_label("Document name").value().as_deref(),
        Some("Interview G3")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Document name")
        .type_text("G3 (first visit)");
    frames(&mut h, 1);
    h.key_press(Key::Enter);
    frames(&mut h, 3);
    assert_eq!(project(&h).document(g3).unwrap().name, "G3 (first visit)");
    assert_eq!(
        h.state().session().unwrap().undo_redo_labels().0,
        Some("Rename document")
    );
    h.get_by(|n| {
        n.role() == Role::ListItem
            && n.label()
                .is_some_and(|l| l.starts_with("G3 (first visit), "))
    });

    // Delete: the question says what goes with it; Delete takes it all, one undo step.
    let p = project(&h);
    let codings = p.codings_of(g3).count();
    let memos = p.memos_on(MemoTarget::Document(g3)).len()
        + p.codings_of(g3)
            .map(|c| usize::from(c.memo.is_some()) + p.memos_on(MemoTarget::Coding(c.id)).len())
            .sum::<usize>();
    assert!(codings > 20, "G3 is coded by both coders ({codings})");
    let others = p.codings().len() - codings;
    right_click_row(&mut h, "G3 (first visit)");
    h.get_by_label("Delete…").click();
    frames(&mut h, 3);
    h.get_by_label("Delete “G3 (first visit)”?");
    let explain = format!(
        "Its {codings} codings go with it (by 2 coders).{} You can undo this with Ctrl+Z.",
        match memos {
            0 => String::new(),
            1 => " So does 1 memo.".to_owned(),
            n => format!(" So do {n} memos."),
        }
    );
    h.get_by_label(&explain);
    // Escape keeps it.
    h.key_press(Key::Escape);
    frames(&mut h, 2);
    assert!(project(&h).document(g3).is_some());
    right_click_row(&mut h, "G3 (first visit)");
    h.get_by_label("Delete…").click();
    frames(&mut h, 3);
    h.get_by_role_and_label(Role::Button, "Delete").click();
    frames(&mut h, 3);
    let p = project(&h);
    assert!(p.document(g3).is_none());
    assert_eq!(p.codings().len(), others);
    assert_eq!(
        h.state().notices().last().unwrap().text,
        format!(
            "Deleted “G3 (first visit)” with {codings} codings and {memos} {}. Undo with Ctrl+Z.",
            if memos == 1 { "memo" } else { "memos" }
        )
    );
    assert!(
        h.query_by(|n| n
            .label()
            .is_some_and(|l| l.starts_with("G3 (first visit), ")))
            .is_none()
    );

    // Ctrl+Z: the document, its codings and memos are back; a second undo, the old name.
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 3);
    assert_eq!(
        h.state().notices().last().unwrap().text,
        "Undid: Delete document"
    );
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 3);
    assert_eq!(state(project(&h)), before);

    // What was undone is on disk too.
    h.state_mut().flush().unwrap();
    let on_disk = margin::store::ProjectDir::open_read_only(&f.root).unwrap();
    assert_eq!(state(&on_disk.project), before);
}

#[test]
fn the_properties_window_shows_where_a_document_came_from_and_keeps_its_memo() {
    let f = fixture();
    let mut h = harness(&f);
    let chat_name = "WeChat group chat, May–August 2024";
    let chat = document_named(project(&h), chat_name);
    h.state_mut().queue(Command::OpenDocument(chat));
    frames(&mut h, 3);

    // Document ▸ Properties and memo… for the open document.
    h.get_by_role_and_label(Role::Button, "Document").click();
    frames(&mut h, 2);
    h.get_by_label("Properties and memo…").click();
    frames(&mut h, 3);
    let doc = project(&h).document(chat).unwrap().clone();
    h.get_by_label(&format!("{chat_name}: properties"));
    let origin = doc.origin.as_ref().unwrap();
    h.get_by_label(&format!(
        "{} ({}, {})",
        origin.file, origin.format, origin.encoding
    ));
    let chars = doc.text.char_len();
    assert!(chars > 10_000);
    h.get_by_label(&grouped(chars));
    let messages = doc
        .segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Message)
        .count();
    let notices = doc
        .segments
        .iter()
        .filter(|s| matches!(s.kind, SegmentKind::System | SegmentKind::Recalled))
        .count();
    assert_eq!((messages, notices), (1178, 11));
    h.get_by_label("1,178 messages, 11 system notices");
    h.get_by_label(&doc.text.hash());

    // The memo: typed, saved, one undo step, in the project.
    assert!(project(&h).memos_on(MemoTarget::Document(chat)).is_empty());
    h.get_by_role_and_label(Role::MultilineTextInput, "Document memo")
        .focus();
    frames(&mut h, 1);
    h.event(egui::Event::Text(
        "Exported by G8 on 2024-08-31; names replaced at import.".into(),
    ));
    frames(&mut h, 2);
    h.get_by_label("Save memo").click();
    frames(&mut h, 3);
    let memos = project(&h).memos_on(MemoTarget::Document(chat));
    assert_eq!(memos.len(), 1);
    assert_eq!(
        memos[0].text,
        "Exported by G8 on 2024-08-31; names replaced at import."
    );
    assert_eq!(
        h.state().session().unwrap().undo_redo_labels().0,
        Some("Edit memo")
    );

    // Case and kind (each one undo step); the kind from the Document menu.
    let g8 = project(&h).case_named("G8").unwrap().id;
    h.state_mut()
        .queue(Command::Edit(margin::session::Action::SetDocumentCase {
            document: chat,
            case: Some(g8),
        }));
    frames(&mut h, 3);
    assert_eq!(project(&h).document(chat).unwrap().case, Some(g8));
    h.get_by_role_and_label(Role::Button, "Document").click();
    frames(&mut h, 2);
    h.get_by_role_and_label(Role::Button, "Kind").click();
    frames(&mut h, 3);
    h.get_by_label("Notes").click();
    frames(&mut h, 3);
    assert_eq!(
        project(&h).document(chat).unwrap().kind,
        DocumentKind::Notes
    );
    assert_eq!(
        h.state().session().unwrap().undo_redo_labels().0,
        Some("Change document kind")
    );
    h.state_mut().queue(Command::Undo);
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 3);
    let doc = project(&h).document(chat).unwrap();
    assert_eq!((doc.kind, doc.case), (DocumentKind::Chat, None));
}
