//! A new user's first minutes, driven headless with `egui_kittest`: the "Who is coding?" dialog
//! has the keyboard from the first frame (typing and Enter, no click), an idle window with a
//! dialog open asks for no repaint, the built-in file picker
//! (used where the system has no file dialog) imports a typed path, says what is wrong with a
//! bad one, and remembers the folder; F6 moves between the panels; "New project" takes a name
//! and a folder. (Ctrl+Q with a dialog open is checked in the real window: .ci/first-day.sh.)

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::{Event, Key, Modifiers, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::ui::{Command, ConfigStore, MarginApp};
use ui_common::{first_run_in_english, frames, harness_with, project};

/// A working copy of the bundled sample study in a temporary folder.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let sample = margin::bundled::BundledSample::support_group();
    let copy = margin::ui::sample_copy(&sample, dir.path()).unwrap();
    (dir, copy)
}

/// The delay before the next frame the window asked for (`Duration::MAX`: none).
fn repaint_delay(h: &Harness<'static, MarginApp>) -> Duration {
    h.output().viewport_output[&ViewportId::ROOT].repaint_delay
}

#[test]
fn the_first_run_dialog_takes_typing_and_enter_without_a_click() {
    let (dir, root) = sample();
    let config = first_run_in_english(&dir.path().join("config"));
    let mut h = harness_with(Some(root), config);
    assert!(h.state().dialog_open());
    assert!(h.get_by_label("Coder name").is_focused());
    // Keys straight to the window, as a keyboard sends them: no click, no focus request.
    h.event(Event::Text("Ada Example".into()));
    frames(&mut h, 1);
    assert_eq!(
        h.get_by_label("Coder name").value().as_deref(),
        Some("Ada Example")
    );
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    assert!(!h.state().dialog_open());
    assert_eq!(
        h.state().session().unwrap().coder_name(),
        Some("Ada Example")
    );
    assert_eq!(
        h.state().config().coder_name.as_deref(),
        Some("Ada Example")
    );
}

#[test]
fn an_idle_window_with_the_coder_dialog_open_asks_for_no_repaint() {
    let (dir, root) = sample();
    let config = first_run_in_english(&dir.path().join("config"));
    let mut h = harness_with(Some(root), config);
    h.run();
    assert!(h.state().dialog_open());
    assert!(h.get_by_label("Coder name").is_focused());
    // The text cursor does not blink: nothing wakes the window until the user does something.
    assert_eq!(repaint_delay(&h), Duration::MAX);
    h.event(Event::Text("A".into()));
    h.run();
    assert_eq!(repaint_delay(&h), Duration::MAX);
}

/// Settings that name the coder and ask for the built-in file picker.
fn builtin_config(dir: &Path) -> ConfigStore {
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin\"), theme: Light, file_dialog: Builtin, language: Some(English))",
    )
    .unwrap();
    ConfigStore::in_dir(&config)
}

#[test]
fn the_built_in_picker_imports_a_typed_path_and_remembers_its_folder() {
    let (dir, root) = sample();
    let mut h = harness_with(Some(root), builtin_config(dir.path()));
    let before = project(&h).documents().len();
    let notes = dir.path().join("field notes");
    std::fs::create_dir_all(&notes).unwrap();
    let file = notes.join("Riverside visit.txt");
    std::fs::write(
        &file,
        "The kettle was always on; people stayed after the meeting.\n",
    )
    .unwrap();

    // Ctrl+I opens the picker with the path field ready for typing.
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    frames(&mut h, 3);
    assert!(h.state().dialog_open());
    assert!(h.get_by_label("File path").is_focused());

    // A path that is not there: the picker says so and stays open.
    h.event(Event::Text(notes.join("missing.txt").display().to_string()));
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    assert!(h.state().dialog_open());
    h.get_by_label_contains("There is no file");
    assert_eq!(project(&h).documents().len(), before);

    // Clear the field and type the real path.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.event(Event::Text(file.display().to_string()));
    h.key_press(Key::Enter);
    frames(&mut h, 3);
    // The import dialog, from the keyboard: Enter reads, Enter adds, Escape closes the report.
    assert!(h.state().import_dialog().is_some());
    h.key_press(Key::Enter);
    let start = std::time::Instant::now();
    while !h
        .state()
        .import_dialog()
        .is_some_and(margin::ui::import_dialog::ImportDialog::previewing)
    {
        assert!(start.elapsed().as_secs() < 30, "the file was not read");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.key_press(Key::Enter);
    frames(&mut h, 3);
    h.get_by_label("Imported 1 document");
    h.key_press(Key::Escape);
    frames(&mut h, 2);
    assert!(!h.state().dialog_open());
    let p = project(&h);
    assert_eq!(p.documents().len(), before + 1);
    assert!(p.documents().values().any(|d| d.name == "Riverside visit"));
    assert_eq!(h.state().config().recent_folders.first(), Some(&notes));

    // The next time it opens in that folder, listing the file; Esc closes it.
    h.state_mut().queue(Command::ImportDialog);
    frames(&mut h, 3);
    h.get_by_label_contains("Riverside visit.txt");
    h.key_press(Key::Escape);
    frames(&mut h, 2);
    assert!(!h.state().dialog_open());
}

#[test]
fn f6_moves_the_keyboard_between_the_panels() {
    let (dir, root) = sample();
    let mut h = harness_with(Some(root), builtin_config(dir.path()));
    assert!(!h.state().dialog_open());
    let transcript = |h: &Harness<'static, MarginApp>| {
        h.get_by_role(egui::accesskit::Role::Document).is_focused()
    };
    h.key_press(Key::F6);
    frames(&mut h, 2);
    assert!(h.get_by_label("Filter documents").is_focused());
    h.key_press(Key::F6);
    frames(&mut h, 2);
    assert!(transcript(&h));
    h.key_press(Key::F6);
    frames(&mut h, 2);
    assert!(h.get_by_label("Filter codes").is_focused());
    h.key_press(Key::F6);
    frames(&mut h, 2);
    assert!(h.get_by_label("Filter documents").is_focused());
    h.key_press_modifiers(Modifiers::SHIFT, Key::F6);
    frames(&mut h, 2);
    assert!(h.get_by_label("Filter codes").is_focused());
    h.key_press_modifiers(Modifiers::SHIFT, Key::F6);
    frames(&mut h, 2);
    assert!(transcript(&h));
}

#[test]
fn a_new_project_takes_a_name_and_a_folder() {
    let (dir, root) = sample();
    let mut h = harness_with(Some(root), builtin_config(dir.path()));
    let parent = dir.path().join("studies");
    std::fs::create_dir_all(&parent).unwrap();
    h.state_mut().queue(Command::NewProjectDialog);
    frames(&mut h, 3);
    assert!(h.get_by_label("Project name").is_focused());
    // Choose the folder through the built-in picker: Browse…, type the folder, Enter, Open.
    h.get_by_label("Browse…").click();
    frames(&mut h, 3);
    assert!(h.get_by_label("File path").is_focused());
    h.event(Event::Text(parent.display().to_string()));
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    h.get_by_label(&parent.canonicalize().unwrap().display().to_string());
    h.get_by_label("Open").click();
    frames(&mut h, 3);
    assert_eq!(
        h.get_by_label("Folder of the new project")
            .value()
            .as_deref(),
        Some(
            parent
                .canonicalize()
                .unwrap()
                .display()
                .to_string()
                .as_str()
        )
    );
    // A name with a slash is refused, with the reason.
    h.get_by_label("Project name").focus();
    frames(&mut h, 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("Riverside/2025".into()));
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    h.get_by_label_contains("cannot be a folder name");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("Riverside 2025".into()));
    h.key_press(Key::Enter);
    frames(&mut h, 3);
    assert!(!h.state().dialog_open());
    let session = h.state().session().unwrap();
    assert_eq!(session.project().manifest().name, "Riverside 2025");
    assert!(parent.join("Riverside 2025/margin.ron").is_file());
}
