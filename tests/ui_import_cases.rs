//! The study from the window: the import dialog with a pseudonym map (its preview before
//! anything is stored, then the report), several files read with a progress bar and stopped,
//! the case sheet edited and undone, an attribute table previewed and imported, and a .qdpx
//! opened as a new project with its report. Fixtures are ours, fictional.

#![allow(clippy::unwrap_used)]

mod ui_common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::model::{CharRange, Document, DocumentKind, Text, Value};
use margin::session::{Action, Session};
use margin::ui::MarginApp;
use margin::ui::command::Command;
use ui_common::{first_run_in_english, frames, harness_with, project};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/window")
        .join(name)
}

/// A project with a coder, and the window on it (in English, coder named).
fn window_on(dir: &Path, setup: impl FnOnce(&mut Session)) -> Harness<'static, MarginApp> {
    let root = dir.join("study");
    {
        let mut s = Session::create(&root).unwrap();
        s.set_coder("Lin Yue").unwrap();
        setup(&mut s);
        s.save().unwrap();
    }
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(language: Some(English), coder_name: Some(\"Lin Yue\"))",
    )
    .unwrap();
    harness_with(Some(root), margin::ui::ConfigStore::in_dir(&config))
}

/// Click a field, then type into it.
fn type_into(h: &mut Harness<'static, MarginApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    frames(h, 1);
    h.get_by_label(label).type_text(text);
    frames(h, 1);
}

/// Run frames until `done` holds (the reader works on its own thread), at most 60 s.
fn until(h: &mut Harness<'static, MarginApp>, what: &str, done: impl Fn(&MarginApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_mins(1),
            "waited for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    frames(h, 2);
}

#[test]
fn import_with_a_pseudonym_map_shows_the_replacements_before_storing_then_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window_on(dir.path(), |_| {});
    h.state_mut()
        .queue(Command::ImportFiles(vec![fixture("group_chat.txt")]));
    frames(&mut h, 3);
    h.get_by_label("Import 1 file");
    // The options the command line has: kind, senders as cases, a speaker's turns coded, a map.
    h.get_by_role_and_label(Role::ComboBox, "Kind");
    h.get_by_role_and_label(Role::ComboBox, "Format");
    h.get_by_label("Make a case of every sender or speaker (chats)")
        .click();
    type_into(&mut h, "The speaker whose turns are coded", "G7");
    type_into(
        &mut h,
        "The code for the speaker's turns",
        "Emotional arousal",
    );
    type_into(
        &mut h,
        "The pseudonym map",
        &fixture("pseudonyms.csv").display().to_string(),
    );
    frames(&mut h, 2);
    h.get_by_label("Read and preview").click();
    until(&mut h, "the preview", |app| {
        app.import_dialog()
            .is_some_and(margin::ui::import_dialog::ImportDialog::previewing)
    });
    // The replacements, Chinese names included, before anything is stored.
    h.get_by_label("Replacements the pseudonym map makes");
    h.get_by_label("Name in the files");
    // Where each pseudonym stands in the text as it will be stored.
    // (X市 and Z医院 first stand in the same sentence.)
    assert_eq!(
        h.get_all_by_label_contains("我昨天在X市复查，Z医院的")
            .count(),
        2
    );
    h.get_by_label("陈红");
    h.get_by_label("G3");
    h.get_by_label("赵丽");
    h.get_by_label("G7");
    h.get_by_label("济南");
    h.get_by_label("X市");
    h.get_by_label("Z医院");
    h.get_by_label("New cases: G3, G7");
    h.get_by_label("New code: Emotional arousal");
    h.get_by_label("2 turns or messages will be coded.");
    assert!(project(&h).documents().is_empty(), "nothing stored yet");

    h.get_by_label("Add to project").click();
    frames(&mut h, 3);
    let p = project(&h);
    assert_eq!(p.documents().len(), 1);
    let doc = p.documents().values().next().unwrap();
    let text = doc.text.as_str();
    assert!(text.contains("G3") && text.contains("X市") && text.contains("Z医院"));
    for real in ["陈红", "赵丽", "济南", "齐鲁医院"] {
        assert!(!text.contains(real), "{real} stored");
    }
    assert_eq!(doc.kind, DocumentKind::Chat);
    assert_eq!(p.cases().len(), 2);
    assert_eq!(p.codings().len(), 2);
    // The report.
    h.get_by_label("Imported 1 document");
    h.get_by_label("Pseudonyms applied");
    h.get_by_label_contains("陈红 becomes G3 (");
    h.get_by_label("Close").click();
    frames(&mut h, 2);
    // One undo step takes the document, the cases, the code and the codings back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    frames(&mut h, 3);
    let p = project(&h);
    assert!(p.documents().is_empty() && p.cases().is_empty() && p.codes().is_empty());
}

#[test]
fn the_kind_and_the_encoding_named_in_the_dialog_are_used() {
    let dir = tempfile::tempdir().unwrap();
    // GB18030 bytes of a Chinese note, read as windows-1252 because the user says so.
    let file = dir.path().join("note.txt");
    let (bytes, _, _) = encoding_rs::GB18030.encode("候诊区里大家都在聊复查的事。");
    std::fs::write(&file, &bytes).unwrap();
    let mut h = window_on(dir.path(), |_| {});
    h.state_mut().queue(Command::ImportFiles(vec![file]));
    frames(&mut h, 3);
    h.get_by_role_and_label(Role::ComboBox, "Encoding").click();
    frames(&mut h, 2);
    h.get_by_label("windows-1252").click();
    frames(&mut h, 2);
    h.get_by_role_and_label(Role::ComboBox, "Kind").click();
    frames(&mut h, 2);
    h.get_by_label("Notes").click();
    frames(&mut h, 2);
    h.get_by_label("Read the files").click();
    until(&mut h, "the preview", |app| {
        app.import_dialog()
            .is_some_and(margin::ui::import_dialog::ImportDialog::previewing)
    });
    h.get_by_label("Add to project").click();
    frames(&mut h, 3);
    let p = project(&h);
    let doc = p.documents().values().next().unwrap();
    assert_eq!(doc.kind, DocumentKind::Notes);
    assert_eq!(doc.origin.as_ref().unwrap().encoding, "windows-1252");
    assert!(!doc.text.as_str().contains("候诊"));
}

#[test]
fn a_map_that_cannot_be_read_is_said_and_nothing_starts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window_on(dir.path(), |_| {});
    h.state_mut()
        .queue(Command::ImportFiles(vec![fixture("group_chat.txt")]));
    frames(&mut h, 3);
    type_into(
        &mut h,
        "The pseudonym map",
        &dir.path().join("missing.csv").display().to_string(),
    );
    frames(&mut h, 2);
    h.get_by_label("Read and preview").click();
    frames(&mut h, 3);
    h.get_by_label_contains("The pseudonym map cannot be used:");
    h.get_by_label_contains("missing.csv");
    assert!(!h.state().import_dialog().unwrap().reading());

    // Nor a map inside the project folder: it holds the real names.
    let inside = dir.path().join("study").join("names.csv");
    std::fs::copy(fixture("pseudonyms.csv"), &inside).unwrap();
    h.get_by_label("The pseudonym map").click();
    frames(&mut h, 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("The pseudonym map")
        .type_text(&inside.display().to_string());
    frames(&mut h, 1);
    h.get_by_label("Read and preview").click();
    frames(&mut h, 3);
    h.get_by_label_contains("is inside the project folder");
    assert!(!h.state().import_dialog().unwrap().reading());
}

#[test]
fn several_files_are_read_in_the_background_with_progress_and_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    // Large files: reading them takes long enough to be stopped after the first.
    let large: Vec<PathBuf> = (1..=24)
        .map(|i| {
            let path = dir.path().join(format!("large-{i:02}.txt"));
            let para = format!("第{i}次田野笔记：今天在社区卫生服务中心观察了筛查的流程。\n");
            std::fs::write(&path, para.repeat(45_000)).unwrap();
            path
        })
        .collect();
    let mut h = window_on(dir.path(), |_| {});
    h.state_mut().queue(Command::ImportFiles(large));
    frames(&mut h, 3);
    h.get_by_label("Import 24 files");
    h.get_by_label("Read the files").click();
    frames(&mut h, 3);
    assert!(h.state().import_dialog().unwrap().reading());
    h.get_by_label_contains("of 24 files");
    // The window stays usable: no modal dialog while the files are read.
    assert!(!h.state().dialog_open());
    h.get_by_label("View").click();
    frames(&mut h, 2);
    h.get_by_label("Select whole words");
    h.key_press(Key::Escape);
    frames(&mut h, 1);
    assert!(h.state().import_dialog().unwrap().reading());
    h.get_by_label("Stop").click();
    until(&mut h, "the reader to stop", |app| {
        app.import_dialog().is_some_and(|d| !d.reading())
    });
    h.get_by_label("Stopped: nothing was added to the project.");
    assert!(project(&h).documents().is_empty());

    h.get_by_label("Cancel").click();
    frames(&mut h, 2);
    assert!(h.state().import_dialog().is_none());

    // Several files read to the end, then added as one undo step.
    let files: Vec<PathBuf> = (1..=40)
        .map(|i| {
            let path = dir.path().join(format!("fieldnotes-{i:02}.txt"));
            std::fs::write(&path, format!("第{i}次田野笔记：候诊区的谈话。")).unwrap();
            path
        })
        .collect();
    h.state_mut().queue(Command::ImportFiles(files));
    frames(&mut h, 3);
    h.get_by_label("Read the files").click();
    until(&mut h, "the preview", |app| {
        app.import_dialog()
            .is_some_and(margin::ui::import_dialog::ImportDialog::previewing)
    });
    h.get_by_label("fieldnotes-40.txt");
    h.get_by_label("Add to project").click();
    frames(&mut h, 3);
    assert_eq!(project(&h).documents().len(), 40);
    h.get_by_label("Imported 40 documents");
    // No map, no word of replacements.
    h.get_by_label("40 documents added as one step (Ctrl+Z undoes it).");
    h.get_by_label("Close").click();
    frames(&mut h, 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    frames(&mut h, 3);
    assert!(project(&h).documents().is_empty(), "one undo step for all");
}

fn sheet_project(s: &mut Session) {
    let doc = Document::new(
        "G1 interview",
        DocumentKind::Interview,
        Text::new("访谈者：您是怎么加入这个群的？\nG1：病友介绍的。"),
    );
    s.execute(Action::AddDocuments(vec![doc])).unwrap();
    s.execute(Action::AddCase("G1".into())).unwrap();
    s.execute(Action::AddAttribute {
        name: "age".into(),
        kind: margin::model::AttributeKind::Number,
    })
    .unwrap();
}

fn value_of(h: &Harness<'static, MarginApp>, case: &str, attribute: &str) -> Option<Value> {
    let p = project(h);
    let a = p.attributes().values().find(|a| a.name == attribute)?.id;
    p.case_named(case)?.values.get(&a).cloned()
}

#[test]
fn the_case_sheet_edits_typed_values_cases_and_attributes_and_undoes_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window_on(dir.path(), sheet_project);
    // From the Project menu.
    h.get_by_label("Project").click();
    frames(&mut h, 2);
    h.get_by_label("Cases and attributes…").click();
    frames(&mut h, 3);
    h.get_by_label("Cases and attributes");
    h.get_by_label("age (number)");

    // A value, typed: a number is a number, text is refused with a message.
    h.get_by_label("G1 · age").click();
    frames(&mut h, 2);
    h.get_by_label("G1 · age").type_text("fifty");
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    h.get_by_label("“fifty” is not a number (age).");
    assert_eq!(value_of(&h, "G1", "age"), None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("G1 · age").type_text("50");
    h.key_press(Key::Enter);
    frames(&mut h, 3);
    assert_eq!(value_of(&h, "G1", "age"), Some(Value::Number(50.0)));

    // A new case and a new attribute.
    type_into(&mut h, "Name of the new case", "G2");
    h.get_by_label("Add case").click();
    frames(&mut h, 2);
    assert!(project(&h).case_named("G2").is_some());
    type_into(&mut h, "Name of the new attribute", "region");
    h.get_by_label("Add attribute").click();
    frames(&mut h, 2);
    h.get_by_label("region (text)");

    // Rename a case from its menu.
    h.get_by_label("G2").click_secondary();
    frames(&mut h, 2);
    h.get_by_label("Rename…").click();
    frames(&mut h, 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("New name").type_text("G02");
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    assert!(project(&h).case_named("G02").is_some());
    // From the keyboard: F2 on a focused attribute renames it.
    h.get_by_label("region (text)").focus();
    frames(&mut h, 1);
    h.key_press(Key::F2);
    frames(&mut h, 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("New name").type_text("地区");
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    assert!(project(&h).attributes().values().any(|a| a.name == "地区"));

    // Put the document in G1.
    h.get_by_label("Documents of G1").click();
    frames(&mut h, 2);
    h.get_all_by_label("G1 interview").last().unwrap().click();
    frames(&mut h, 2);
    let g1 = project(&h).case_named("G1").unwrap().id;
    assert!(project(&h).documents().values().all(|d| d.case == Some(g1)));

    // Each step undone, last first.
    let undo = |h: &mut Harness<'static, MarginApp>| {
        h.state_mut().queue(Command::Undo);
        frames(h, 2);
    };
    undo(&mut h);
    assert!(project(&h).documents().values().all(|d| d.case.is_none()));
    undo(&mut h);
    assert!(
        project(&h)
            .attributes()
            .values()
            .any(|a| a.name == "region")
    );
    undo(&mut h);
    assert!(project(&h).case_named("G2").is_some());
    undo(&mut h);
    assert!(
        project(&h)
            .attributes()
            .values()
            .all(|a| a.name != "region")
    );
    undo(&mut h);
    assert!(project(&h).case_named("G2").is_none());
    undo(&mut h);
    assert_eq!(value_of(&h, "G1", "age"), None);
}

#[test]
fn an_attribute_table_is_previewed_row_by_case_then_imported_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window_on(dir.path(), |s| {
        s.execute(Action::AddCase("G3".into())).unwrap();
    });
    h.state_mut().queue(Command::ToggleCases);
    frames(&mut h, 4);
    h.get_by_label("Import a table…");
    h.state_mut()
        .queue(Command::AttributeTableChosen(fixture("participants.csv")));
    frames(&mut h, 3);
    h.get_by_label("Attribute table participants.csv");
    h.get_by_label("Rows matching existing cases (1): G3");
    h.get_by_label("Rows that make new cases (1): G12");
    h.get_by_label("Column age: number, new attribute");
    assert_eq!(project(&h).cases().len(), 1, "nothing imported yet");
    h.get_by_label("Import").click();
    frames(&mut h, 3);
    assert_eq!(project(&h).cases().len(), 2);
    assert_eq!(value_of(&h, "G12", "age"), Some(Value::Number(45.0)));
    h.get_by_label("G12 · age");
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 2);
    assert_eq!(project(&h).cases().len(), 1);
    assert!(project(&h).attributes().is_empty());
}

#[test]
fn a_qdpx_opens_as_a_new_project_with_its_report_and_leaves_no_staging_folder() {
    let dir = tempfile::tempdir().unwrap();
    // A project of ours exported as .qdpx: one interview, one code, one coding.
    let source = dir.path().join("source");
    let qdpx = dir.path().join("support group.qdpx");
    {
        let mut s = Session::create(&source).unwrap();
        s.set_coder("Zhou Ming").unwrap();
        let doc = Document::new(
            "G5 interview",
            DocumentKind::Interview,
            Text::new("访谈者：群里的人怎么称呼治疗结束？\nG5：我们都说毕业了。"),
        );
        let id = doc.id;
        s.execute(Action::AddDocuments(vec![doc])).unwrap();
        let code = s
            .execute(Action::CreateCode {
                name: "Graduate (毕业)".into(),
                parent: None,
            })
            .unwrap()
            .unwrap()
            .created_code
            .unwrap();
        s.execute(Action::ApplyCode {
            document: id,
            range: CharRange::new(25, 27),
            code,
        })
        .unwrap();
        let mut out = std::fs::File::create(&qdpx).unwrap();
        margin::export::qdpx::write(s.project(), &mut out).unwrap();
    }
    let config = dir.path().join("config");
    let mut h = harness_with(None, first_run_in_english(&config));
    h.state_mut().queue(Command::QdpxChosen(qdpx.clone()));
    frames(&mut h, 3);
    h.get_by_label_contains("support group.qdpx");
    let target = dir.path().join("support group");
    h.get_by_label("Create").click();
    frames(&mut h, 4);
    h.get_by_label_contains("as a new project");
    h.get_by_label_contains("1 document(s), 1 code(s), 1 coding(s)");
    let p = project(&h);
    assert_eq!(p.documents().len(), 1);
    assert_eq!(p.codings().len(), 1);
    assert_eq!(
        h.state().session().unwrap().root(),
        target.canonicalize().unwrap()
    );
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("margin-import"))
        .collect();
    assert!(left.is_empty(), "staging left behind: {left:?}");
}
