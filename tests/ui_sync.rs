//! Team sync in the window, driven headless against a shared folder in a temporary directory:
//! Project ▸ Team sync… makes an empty folder the team's repository and sends the project as
//! the coder; Ctrl+Shift+S brings in a teammate's codings as one undo step, says whose they
//! are, and the team review compares them at once; the status bar counts what is waiting to be
//! sent and says "Offline" when the shared folder is gone; "Join a teammate's project" copies
//! and opens it.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod sign_in_server;
mod ui_common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::model::{CharRange, CodeId, Document, DocumentId, DocumentKind, Text};
use margin::session::{Action, Session};
use margin::sync;
use margin::ui::{Command, ConfigStore, MarginApp};
use ui_common::{frames, harness_with, project};

const TEXT: &str = "Interviewer: How did the group help?\nR1: When I was afraid, someone always answered at night.\nInterviewer: And now?\nR1: Now I answer the new ones. We call it graduating.\n";

fn config(dir: &Path, coder: &str) -> ConfigStore {
    let dir = dir.join(format!("config-{coder}"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.ron"),
        format!("(coder_name: Some({coder:?}), language: Some(English))"),
    )
    .unwrap();
    ConfigStore::in_dir(&dir)
}

/// Lin Yue's project: one interview and one code, not shared yet.
fn lins_project(dir: &Path) -> (PathBuf, DocumentId, CodeId) {
    let root = dir.join("lin");
    let mut s = Session::create(&root).unwrap();
    s.set_coder("Lin Yue").unwrap();
    let doc = Document::new("R1", DocumentKind::Interview, Text::new(TEXT));
    let id = doc.id;
    s.execute(Action::AddDocuments(vec![doc])).unwrap();
    let code = s
        .execute(Action::CreateCode {
            name: "Support at night".into(),
            parent: None,
        })
        .unwrap()
        .unwrap()
        .created_code
        .unwrap();
    s.save().unwrap();
    (root, id, code)
}

/// Frames until the sync thread is idle (it answers within seconds on a local folder).
fn settle(h: &mut Harness<'static, MarginApp>) {
    let start = Instant::now();
    frames(h, 2);
    while !h.state().team().idle() {
        assert!(
            start.elapsed() < Duration::from_mins(1),
            "the sync thread did not answer"
        );
        std::thread::sleep(Duration::from_millis(20));
        frames(h, 1);
    }
    frames(h, 2);
}

/// Frames until the status bar says `label` (this copy's changes are counted on the sync
/// thread once the change is saved).
fn counted(h: &mut Harness<'static, MarginApp>, label: &str) {
    let start = Instant::now();
    while h.query_by_label(label).is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the status bar never said {label:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
        frames(h, 1);
    }
}

fn type_into(h: &mut Harness<'static, MarginApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    frames(h, 1);
    h.event(Event::Text(text.into()));
    frames(h, 1);
}

fn notices(h: &Harness<'static, MarginApp>) -> String {
    h.state()
        .notices()
        .iter()
        .map(|n| n.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

fn press_sync(h: &mut Harness<'static, MarginApp>) {
    h.event(Event::Key {
        key: Key::S,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND | Modifiers::SHIFT,
    });
    settle(h);
}

#[test]
fn setting_up_shares_the_project_and_a_sync_brings_in_a_teammates_codings() {
    let dir = tempfile::tempdir().unwrap();
    let (root, doc, code) = lins_project(dir.path());
    let shared = dir.path().join("shared drive/study.git");
    std::fs::create_dir_all(shared.parent().unwrap()).unwrap();
    let mut h = harness_with(Some(root.clone()), config(dir.path(), "Lin Yue"));
    settle(&mut h);
    assert!(!h.state().team().is_set_up());

    // Not shared yet: the status bar says so and opens the dialog.
    h.get_by_label("Not shared").click();
    frames(&mut h, 3);
    assert!(h.state().dialog_open());
    assert!(h.get_by_label("Team repository address").is_focused());
    h.event(Event::Text(shared.display().to_string()));
    frames(&mut h, 1);
    h.get_by_label("Set up and sync").click();
    settle(&mut h);
    assert!(!h.state().dialog_open(), "{}", notices(&h));
    assert_eq!(
        h.state().team().address(),
        Some(shared.display().to_string().as_str())
    );
    // The empty folder became the team's repository, holding the project as Lin committed it.
    let remote = git2::Repository::open_bare(&shared).unwrap();
    let head = remote
        .find_reference("refs/heads/main")
        .unwrap()
        .peel_to_commit()
        .unwrap();
    assert_eq!(head.author().name().ok(), Some("Lin Yue"));
    assert!(
        notices(&h).contains("Synced with the team."),
        "{}",
        notices(&h)
    );
    h.get_by_label("Up to date");

    // Lin codes: one change waits to be sent.
    h.state_mut().queue(Command::Edit(Action::ApplyCode {
        document: doc,
        range: CharRange::new(41, 55),
        code,
    }));
    counted(&mut h, "1 change to send");

    // Zhou joins from the command line's core, codes twice, and syncs.
    let zhou_root = dir.path().join("zhou");
    sync::clone(shared.to_str().unwrap(), &zhou_root).unwrap();
    let mut zhou = Session::open_writable(&zhou_root).unwrap();
    zhou.set_coder("Zhou Ming").unwrap();
    for start in [0, 60] {
        zhou.execute(Action::ApplyCode {
            document: doc,
            range: CharRange::new(start, start + 12),
            code,
        })
        .unwrap();
    }
    sync::sync(&mut zhou, "origin", "Zhou Ming").unwrap();
    drop(zhou);

    // Lin opens the team review first: it must compare against Zhou's codings at once.
    h.state_mut().queue(Command::ToggleReview);
    frames(&mut h, 2);
    press_sync(&mut h);
    let said = notices(&h);
    assert!(
        said.contains("Zhou Ming: 2 new or changed codings in 1 document"),
        "{said}"
    );
    assert!(said.contains("Your changes were sent."), "{said}");
    let zhou_id = project(&h)
        .coders()
        .values()
        .find(|c| c.name == "Zhou Ming")
        .unwrap()
        .id;
    assert_eq!(
        project(&h)
            .codings()
            .values()
            .filter(|c| c.coder == zhou_id)
            .count(),
        2
    );
    let compared = h
        .state_mut()
        .review_mut()
        .shared_comparison_now()
        .expect("the review compares Lin and Zhou");
    assert!(compared.coders.contains(&zhou_id), "{:?}", compared.coders);
    h.get_by_label("Up to date");
    // What came in is one undo step, named in the window's language.
    assert_eq!(
        h.state().session().unwrap().undo_redo_labels().0,
        Some("Sync with the team")
    );
    // The remote has Lin's coding too.
    let lin_on_remote = sync::status(&root, "origin", false)
        .unwrap()
        .unwrap()
        .committed
        .unwrap();
    assert_eq!(lin_on_remote.codings().len(), 3);

    // The shared drive goes away: the sync says so and the status bar shows it.
    std::fs::rename(&shared, dir.path().join("elsewhere.git")).unwrap();
    press_sync(&mut h);
    let said = notices(&h);
    assert!(
        said.contains("Sync failed: the team's repository cannot be reached"),
        "{said}"
    );
    h.get_by_label("Offline");
    h.state_mut().queue(Command::Edit(Action::ApplyCode {
        document: doc,
        range: CharRange::new(100, 110),
        code,
    }));
    counted(&mut h, "1 change to send");
}

#[test]
fn joining_a_teammates_project_copies_and_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let (root, _, _) = lins_project(dir.path());
    let shared = dir.path().join("study.git");
    sync::setup(&root, Some(shared.to_str().unwrap()), "origin").unwrap();
    let mut lin = Session::open_writable(&root).unwrap();
    sync::sync(&mut lin, "origin", "Lin Yue").unwrap();
    drop(lin);

    let home = dir.path().join("zhou's computer");
    std::fs::create_dir_all(&home).unwrap();
    let mut h = harness_with(None, config(dir.path(), "Zhou Ming"));
    h.state_mut().queue(Command::TeamSyncDialog);
    frames(&mut h, 3);
    assert!(
        h.get_by_label("Address of the teammate's project")
            .is_focused()
    );
    h.event(Event::Text(shared.display().to_string()));
    frames(&mut h, 1);
    assert_eq!(
        h.get_by_label("Name of the copy's folder")
            .value()
            .as_deref(),
        Some("study"),
        "named after the address"
    );
    type_into(
        &mut h,
        "Folder the copy goes in",
        &home.display().to_string(),
    );
    h.get_by_label("Copy and open").click();
    settle(&mut h);
    let opened = h
        .state()
        .session()
        .expect("the copy opened")
        .root()
        .to_path_buf();
    assert_eq!(opened, home.join("study").canonicalize().unwrap());
    assert_eq!(project(&h).documents().len(), 1);
    assert!(
        notices(&h).contains("Copied the team's project"),
        "{}",
        notices(&h)
    );
    // Zhou joined the project as a coder: that is his one change to send.
    counted(&mut h, "1 change to send");

    // A folder that is not empty is refused with a word, and nothing is copied.
    h.state_mut().queue(Command::TeamSyncDialog);
    frames(&mut h, 3);
    assert_eq!(
        h.get_by_label("Folder the copy goes in").value().as_deref(),
        Some(home.canonicalize().unwrap().display().to_string().as_str()),
        "proposed beside the open project"
    );
    type_into(
        &mut h,
        "Address of the teammate's project",
        &shared.display().to_string(),
    );
    h.get_by_label("Copy and open").click();
    frames(&mut h, 2);
    h.get_by_label_contains("is not empty; choose another name");
}

#[test]
fn a_remote_that_wants_a_sign_in_asks_for_it_once_and_the_sync_runs_again_with_it() {
    let server = sign_in_server::SignInServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (root, _, _) = lins_project(dir.path());
    sync::setup(&root, Some(&server.url), "origin").unwrap();
    let mut h = harness_with(Some(root), config(dir.path(), "Lin Yue"));
    settle(&mut h);
    assert!(h.state().team().is_set_up());
    press_sync(&mut h);
    frames(&mut h, 2);
    assert!(h.state().dialog_open(), "{}", notices(&h));
    assert!(
        h.get_by_label("User name for the team's repository")
            .is_focused()
    );
    h.event(Event::Text("lin.yue".into()));
    type_into(
        &mut h,
        "Password or access token for the team's repository",
        "t0ken",
    );
    // No git credential helper is assumed here: only the session keeps it.
    h.get_by_label("Keep it with git's credential helper (where this computer keeps passwords)")
        .click();
    frames(&mut h, 1);
    h.get_by_label("Sign in and sync").click();
    settle(&mut h);
    assert!(
        server
            .authorizations()
            .contains(&sign_in_server::basic("lin.yue", "t0ken")),
        "{:?}",
        server.authorizations()
    );
    // This server refuses everyone: the window asks again rather than failing silently.
    frames(&mut h, 2);
    assert!(h.state().dialog_open());
    h.get_by_label("Sign in to the team's repository");
}
