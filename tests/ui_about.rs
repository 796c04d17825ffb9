//! Help ▸ About Margin, driven headless: the menu line opens the box, which shows this build's
//! version and commit, the licences and the folders it uses, copies them for a bug report, and
//! closes.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use egui_kittest::kittest::Queryable;
use margin::install;
use margin::ui::ConfigStore;
use ui_common::{frames, harness_with};

#[test]
fn help_about_shows_version_commit_licences_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.ron"),
        "(coder_name: Some(\"Ada\"), language: Some(English))",
    )
    .unwrap();
    let mut h = harness_with(None, ConfigStore::in_dir(dir.path()));
    assert!(!h.state().dialog_open());
    assert!(!margin::ui::about::is_open(&h.ctx));

    h.get_by_label("Help").click();
    frames(&mut h, 2);
    h.get_by_label("About Margin").click();
    frames(&mut h, 3);
    assert!(margin::ui::about::is_open(&h.ctx));
    h.get_by_label(install::VERSION);
    h.get_by_label(install::COMMIT);
    h.get_by_label("MIT or Apache-2.0, at your choice");
    h.get_by_label_contains("Apache License 2.0");
    let logs = install::log_dir().unwrap();
    h.get_by_label(&logs.display().to_string());

    h.get_by_label("Copy for a bug report").click();
    let copied = (0..3).find_map(|_| {
        h.step();
        h.output()
            .platform_output
            .commands
            .iter()
            .find_map(|c| match c {
                egui::OutputCommand::CopyText(t) => Some(t.clone()),
                _ => None,
            })
    });
    let copied = copied.expect("the button copies the details");
    assert!(
        copied.starts_with(&format!(
            "Version: {}\nCommit: {}\n",
            install::VERSION,
            install::COMMIT
        )),
        "{copied}"
    );
    assert!(
        copied.contains(&format!("Log files: {}", logs.display())),
        "{copied}"
    );
    frames(&mut h, 1);
    h.get_by_label("Copied.");

    h.get_by_label("Close window").click();
    frames(&mut h, 2);
    assert!(!margin::ui::about::is_open(&h.ctx));
    assert!(h.query_by_label("Copy for a bug report").is_none());
}
