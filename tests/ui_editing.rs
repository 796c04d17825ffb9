//! Editing text in the window (issue 16), on a copy of the sample study: edit mode from the
//! Document menu, a message clicked and typed into (its codings and the messages after it
//! follow, coding is off), one undo giving the project back exactly; Find and replace across
//! all documents with its preview count; Replace a name everywhere with its preview per
//! document, in texts, chat headers and speakers alike, as one undo step.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod project_common;
mod ui_common;

use std::path::PathBuf;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::model::{Anchor, DocumentId, Project};
use margin::ui::{Command, ConfigStore, MarginApp};
use ui_common::{click_at, frames, harness_with, project};

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

const CHAT: &str = "WeChat group chat, May–August 2024";

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
        "{:?}\n{:?}\n{:?}\n{:?}",
        p.documents(),
        p.codes(),
        p.codings(),
        p.memos(),
    )
}

/// Every coding still covers the text its anchor holds, and every turn or message starts just
/// after a label (what `margin check` would say of the project).
fn consistent(p: &Project) {
    for c in p.codings().values() {
        let d = p.document(c.document).unwrap();
        assert_eq!(
            c.anchor,
            Anchor::capture(&d.text, c.range),
            "coding {:?}",
            c.range
        );
    }
    for d in p.documents().values() {
        for s in &d.segments {
            let before = d.text.as_str()[..d.text.byte_of(s.range.start)]
                .chars()
                .next_back();
            assert!(
                s.range.start == 0
                    || before.is_some_and(|c| c.is_whitespace() || ":：])）】".contains(c)),
                "{}: a turn starts after {before:?}",
                d.name
            );
        }
    }
}

/// Focus the text field of `role` (named `label`) and type `text` into it.
fn type_into(h: &mut Harness<'static, MarginApp>, role: Role, label: &str, text: &str) {
    h.get_by_role_and_label(role, label).focus();
    frames(h, 2);
    h.get_by_role_and_label(role, label).type_text(text);
    frames(h, 1);
}

/// Frames for longer than the row editor's pause in typing (0.4 s at 0.05 s a frame).
fn pause(h: &mut Harness<'static, MarginApp>) {
    frames(h, 10);
}

#[test]
fn edit_mode_type_into_a_message_and_one_undo_gives_the_text_back() {
    let f = fixture();
    let mut h = harness(&f);
    let chat = document_named(project(&h), CHAT);
    h.state_mut().queue(Command::OpenDocument(chat));
    frames(&mut h, 3);
    let before = state(project(&h));

    // Document ▸ Edit text: the header says what the mode means.
    h.get_by_role_and_label(Role::Button, "Document").click();
    frames(&mut h, 2);
    h.get_by_label("Edit text").click();
    frames(&mut h, 3);
    assert!(h.state().transcript().editing);
    h.get_by_label("✏ Editing the text. Codings follow every change; coding is off.");
    h.get_by_label("Click a turn, message or paragraph to edit its text.");

    // Click into the third message: its text is in the editor.
    let (message, text, editor_label) = {
        let d = project(&h).document(chat).unwrap();
        let s = &d.segments[2];
        (
            s.range,
            d.text.slice(s.range).to_owned(),
            format!(
                "Editing turn or message 3 ({})",
                s.speaker.as_deref().unwrap_or_default()
            ),
        )
    };
    let at = h
        .state()
        .transcript()
        .char_edge_after(message.start + 1)
        .expect("the third message is on screen");
    click_at(&mut h, at);
    let editor = h.get_by_role_and_label(Role::MultilineTextInput, &editor_label);
    assert_eq!(editor.value().as_deref(), Some(text.as_str()));

    // Type where the row was clicked: the editor has it at once, the document after a pause
    // in typing, as one exact edit.
    let counted_before = project(&h).codings().len();
    type_into(&mut h, Role::MultilineTextInput, &editor_label, "（补记）");
    let typed = h
        .get_by_role_and_label(Role::MultilineTextInput, &editor_label)
        .value()
        .unwrap_or_default();
    // The click was just after the message's second character.
    let (head, tail): (String, String) = (
        text.chars().take(2).collect(),
        text.chars().skip(2).collect(),
    );
    assert_eq!(typed, format!("{head}（补记）{tail}"));
    assert_eq!(state(project(&h)), before, "not yet: the user is typing");
    pause(&mut h);
    let p = project(&h);
    let d = p.document(chat).unwrap();
    let now = d.text.slice(d.segments[2].range);
    assert!(now.contains("（补记）"), "{now}");
    assert_eq!(now.chars().count(), text.chars().count() + 4);
    assert_eq!(p.codings().len(), counted_before);
    consistent(p);
    assert_eq!(d.edits.last().unwrap().who, "Lin Yue");
    assert_eq!(d.edits.last().unwrap().inserted, 4);
    assert_eq!(
        h.state().session().unwrap().undo_redo_labels().0,
        Some("Edit text")
    );
    // The properties window lists the edit.
    h.state_mut().queue(Command::ShowDocumentProperties(chat));
    frames(&mut h, 3);
    h.get_by_label("Edited in Margin");
    assert!(
        h.query_all_by_label_contains("by Lin Yue: 0 characters removed, 4 inserted")
            .count()
            == 1
    );
    // Coding is off in edit mode.
    let code = *project(&h).codes().keys().next().unwrap();
    h.state_mut().queue(Command::CodeSelection(code));
    frames(&mut h, 2);
    assert_eq!(
        h.state().notices().last().unwrap().text,
        "Coding is off while you edit the text (Document › Edit text)."
    );

    // One undo takes the typing back, and the editor shows the old text; typing and undoing at
    // once too (what was typed goes to the session first, and is undone).
    for typed_just_now in [None, Some("甲")] {
        if let Some(typed) = typed_just_now {
            type_into(&mut h, Role::MultilineTextInput, &editor_label, typed);
        }
        h.state_mut().queue(Command::Undo);
        frames(&mut h, 3);
        assert_eq!(state(project(&h)), before);
        assert_eq!(
            h.get_by_role_and_label(Role::MultilineTextInput, &editor_label)
                .value()
                .as_deref(),
            Some(text.as_str())
        );
    }
    h.get_by_role_and_label(Role::Button, "Done editing")
        .click();
    frames(&mut h, 2);
    assert!(!h.state().transcript().editing);
}

#[test]
fn find_and_replace_across_all_documents_shows_its_count_and_is_one_step() {
    let f = fixture();
    let mut h = harness(&f);
    let before = state(project(&h));
    let hits: usize = project(&h)
        .documents()
        .values()
        .map(|d| d.text.as_str().matches("我们").count())
        .sum();
    let documents = project(&h)
        .documents()
        .values()
        .filter(|d| d.text.as_str().contains("我们"))
        .count();
    assert!(hits > 50 && documents > 3, "{hits} in {documents}");

    h.get_by_role_and_label(Role::Button, "Edit").click();
    frames(&mut h, 2);
    h.get_by_label("Find and replace…").click();
    frames(&mut h, 3);
    type_into(&mut h, Role::TextInput, "Find", "我们");
    type_into(&mut h, Role::TextInput, "Replace with", "咱们");
    h.get_by_role_and_label(Role::RadioButton, "All documents")
        .click();
    frames(&mut h, 3);
    h.get_by_label(&format!("{hits} matches in {documents} documents."));
    h.get_by_role_and_label(Role::Button, "Replace all").click();
    frames(&mut h, 3);
    let p = project(&h);
    assert!(
        p.documents()
            .values()
            .all(|d| !d.text.as_str().contains("我们"))
    );
    consistent(p);
    assert_eq!(
        h.state().notices().last().unwrap().text,
        format!("Replaced {hits} times. Undo with Ctrl+Z.")
    );
    h.get_by_label("No matches.");

    h.state_mut().queue(Command::Undo);
    frames(&mut h, 3);
    assert_eq!(state(project(&h)), before);
    // What was undone is on disk too.
    h.state_mut().flush().unwrap();
    let on_disk = margin::store::ProjectDir::open_read_only(&f.root).unwrap();
    assert_eq!(state(&on_disk.project), before);
}

#[test]
fn a_name_is_replaced_everywhere_after_a_preview_per_document() {
    let f = fixture();
    let mut h = harness(&f);
    let before = state(project(&h));
    let chat = document_named(project(&h), CHAT);
    let in_chat = project(&h)
        .document(chat)
        .unwrap()
        .text
        .as_str()
        .matches("G8")
        .count();
    let senders = project(&h)
        .document(chat)
        .unwrap()
        .segments
        .iter()
        .filter(|s| s.speaker.as_deref() == Some("G8"))
        .count();
    assert!(in_chat > 100 && senders > 50, "{in_chat} {senders}");

    h.get_by_role_and_label(Role::Button, "Project").click();
    frames(&mut h, 2);
    h.get_by_label("Replace a name everywhere…").click();
    frames(&mut h, 3);
    type_into(&mut h, Role::TextInput, "Name", "G8");
    type_into(&mut h, Role::TextInput, "Replace with", "P8");
    // The preview: the chat's text (headers included) and its senders, by document.
    assert!(h.query_all_by_label(CHAT).count() >= 1);
    assert!(
        h.query_all_by_label(&(in_chat + senders).to_string())
            .count()
            >= 1
    );
    assert!(h.query_all_by_label("Interview G8").count() >= 1);
    h.get_by_role_and_label(Role::Button, "Replace everywhere")
        .click();
    frames(&mut h, 3);
    let p = project(&h);
    let d = p.document(chat).unwrap();
    assert!(!d.text.as_str().contains("G8"));
    assert_eq!(
        d.segments
            .iter()
            .filter(|s| s.speaker.as_deref() == Some("P8"))
            .count(),
        senders
    );
    assert!(p.document(document_named(p, "Interview P8")).is_some());
    consistent(p);
    assert_eq!(
        h.state().session().unwrap().undo_redo_labels().0,
        Some("Replace a name everywhere")
    );
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 3);
    assert_eq!(state(project(&h)), before);
}
