//! Regression tests of the data-integrity defects found by testing Margin as a hostile user and a
//! crashing machine would (the lock, the save order, re-anchoring of everything that holds an
//! offset, silent re-anchoring by other commands, missing files, unclear messages). Each test is
//! named after the defect it pins down.

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

mod project_common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use margin::model::{CodingId, DocumentKind, Project};
use margin::store::{LOCK_FILE, ProjectDir, StoreError};
use project_common::{coded_texts, copy_dir, sample_copy};

fn problems_of(root: &Path) -> String {
    match ProjectDir::open_read_only(root) {
        Err(StoreError::Invalid(problems)) => problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        other => panic!("expected problems, got {other:?}"),
    }
}

/// The text of each turn or message of a document, with its speaker.
fn segment_texts(p: &Project, name: &str) -> Vec<(Option<String>, String)> {
    let doc = p.documents().values().find(|d| d.name == name).unwrap();
    doc.segments
        .iter()
        .map(|s| (s.speaker.clone(), doc.text.slice(s.range).to_owned()))
        .collect()
}

const CHAT: &str = "WeChat group chat, May–August 2024";

/// Insert 20 lines at the top of the sample chat's text, as another editor would.
fn insert_lines_in_chat(root: &Path, p: &Project) -> PathBuf {
    let chat = p.documents().values().find(|d| d.name == CHAT).unwrap();
    let txt = root.join(format!("documents/{}.txt", chat.id));
    let mut lines = String::new();
    for i in 1..=20 {
        writeln!(
            lines,
            "Transcriber's note {i}: 2024-05-01 06:42:15 G8 said more."
        )
        .unwrap();
    }
    fs::write(&txt, format!("{lines}{}", chat.text.as_str())).unwrap();
    txt
}

fn margin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn defect_1_the_lock_file_is_never_removed_and_temporary_names_are_unique() {
    let tmp = tempfile::tempdir().unwrap();
    let root = sample_copy(tmp.path());
    let first = ProjectDir::open(&root).unwrap();
    let lock = root.join(LOCK_FILE);
    assert!(lock.is_file());
    let second = ProjectDir::open(&root).unwrap();
    assert!(second.dir.read_only_reason().is_some());
    drop(second);
    // The reader's release does not touch the holder's lock.
    assert!(lock.is_file());
    let mut p = first.project;
    p.touch_all();
    // A leftover temporary file of a killed writer is removed by the next holder, and saving
    // never collides with it.
    drop(first.dir);
    let stale = root.join("codebook/.leftover.ron.4242-0.tmp");
    fs::write(&stale, "torn").unwrap();
    let again = ProjectDir::open(&root).unwrap();
    assert!(!stale.exists());
    again.dir.save(&mut p).unwrap();
    drop(again);
    assert!(lock.is_file(), "the lock file stays after release");
    let hidden: Vec<_> = walk(&root)
        .into_iter()
        .filter(|f| f.file_name().unwrap().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(root).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn defect_2_a_crash_while_saving_reanchored_positions_never_leaves_codings_on_the_wrong_text() {
    let tmp = tempfile::tempdir().unwrap();
    let template = sample_copy(tmp.path());
    let original = ProjectDir::open_read_only(&template).unwrap().project;
    let expected = coded_texts(&original);
    let expected_chat = segment_texts(&original, CHAT);
    insert_lines_in_chat(&template, &original);
    let mut crashed = 0;
    for steps in 0.. {
        let root = tmp.path().join(format!("crash-{steps}"));
        copy_dir(&template, &root);
        let mut opened = ProjectDir::open(&root).unwrap();
        assert!(opened.report.needs_consent());
        opened.report.accept(&mut opened.project);
        let result = opened.dir.save_interrupted(&mut opened.project, steps);
        drop(opened);
        // Whatever the moment of the crash, the project loads and every coding and message
        // covers its own text: re-anchored already, or re-anchored again at this load.
        let loaded = ProjectDir::open_read_only(&root).unwrap();
        assert_eq!(
            coded_texts(&loaded.project),
            expected,
            "crash after {steps}"
        );
        assert_eq!(segment_texts(&loaded.project, CHAT), expected_chat);
        if result.is_ok() {
            assert!(!loaded.report.needs_consent());
            break;
        }
        crashed += 1;
        fs::remove_dir_all(&root).unwrap();
    }
    assert!(crashed > 3);
}

#[test]
fn defect_3_turns_and_messages_follow_an_external_edit_with_the_codings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = sample_copy(tmp.path());
    let original = ProjectDir::open_read_only(&root).unwrap().project;
    let expected_chat = segment_texts(&original, CHAT);
    let expected = coded_texts(&original);
    insert_lines_in_chat(&root, &original);
    let mut opened = ProjectDir::open(&root).unwrap();
    assert_eq!(opened.report.changed_texts, vec![CHAT.to_owned()]);
    assert_eq!(opened.report.moved_segments.len(), expected_chat.len());
    assert_eq!(segment_texts(&opened.project, CHAT), expected_chat);
    assert_eq!(coded_texts(&opened.project), expected);
    opened.report.accept(&mut opened.project);
    opened.dir.save(&mut opened.project).unwrap();
    drop(opened);
    // Saved, the project checks clean: every message starts after its sender's label.
    let out = margin(&["check", root.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let loaded = ProjectDir::open_read_only(&root).unwrap().project;
    assert_eq!(segment_texts(&loaded, CHAT), expected_chat);
}

#[test]
fn defect_4_import_does_not_reanchor_silently_and_a_repeated_quote_keeps_its_coding() {
    let tmp = tempfile::tempdir().unwrap();
    let root = sample_copy(tmp.path());
    let original = ProjectDir::open_read_only(&root).unwrap().project;
    let interview = original
        .documents()
        .values()
        .find(|d| d.kind == DocumentKind::Interview && original.codings_of(d.id).count() > 0)
        .unwrap();
    let coding = original.codings_of(interview.id).next().unwrap();
    let quote = interview.text.slice(coding.range).to_owned();
    // A summary repeating the quote is inserted at the top of the interview.
    let txt = root.join(format!("documents/{}.txt", interview.id));
    fs::write(
        &txt,
        format!("Summary: \"{quote}\"\n\n{}", interview.text.as_str()),
    )
    .unwrap();
    let before = walk(&root)
        .into_iter()
        .map(|f| (f.clone(), fs::read(&f).unwrap()))
        .collect::<BTreeMap<_, _>>();
    let notes = tmp.path().join("notes.txt");
    fs::write(&notes, "A field note.\n").unwrap();
    let out = margin(&["import", root.to_str().unwrap(), notes.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("changed outside Margin"), "{err}");
    assert!(err.contains("margin check --repair"), "{err}");
    let after = walk(&root)
        .into_iter()
        .filter(|f| f.file_name().unwrap() != LOCK_FILE)
        .map(|f| (f.clone(), fs::read(&f).unwrap()))
        .collect::<BTreeMap<_, _>>();
    assert_eq!(
        before
            .into_iter()
            .filter(|(f, _)| f.file_name().unwrap() != LOCK_FILE)
            .collect::<BTreeMap<_, _>>(),
        after
    );

    // `check` lists what would move; `--repair` saves it, on the shifted original.
    let out = margin(&["check", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let out = margin(&["check", "--repair", root.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let repaired = ProjectDir::open_read_only(&root).unwrap().project;
    let moved = repaired.coding(coding.id).unwrap();
    let shift = format!("Summary: \"{quote}\"\n\n").chars().count();
    assert_eq!(moved.range.start, coding.range.start + shift);
    assert_eq!(coded_texts(&repaired), coded_texts(&original));
    let out = margin(&["check", root.to_str().unwrap()]);
    assert!(out.status.success());
}

#[test]
fn defect_5_an_inverted_segment_is_refused_even_when_the_text_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = sample_copy(tmp.path());
    let p = ProjectDir::open_read_only(&root).unwrap().project;
    let chat = p.documents().values().find(|d| d.name == CHAT).unwrap();
    let meta = root.join(format!("documents/{}.ron", chat.id));
    let first = chat.segments[0].range;
    let text = fs::read_to_string(&meta).unwrap().replacen(
        &format!("range: (start: {}, end: {})", first.start, first.end),
        &format!("range: (start: {}, end: {})", first.end, first.start),
        1,
    );
    fs::write(&meta, text).unwrap();
    let msg = problems_of(&root);
    assert!(msg.contains("ends before it starts"), "{msg}");
    insert_lines_in_chat(&root, &p);
    let msg = problems_of(&root);
    assert!(msg.contains("ends before it starts"), "{msg}");
}

#[test]
fn defect_5_a_turn_that_no_longer_starts_at_its_label_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let root = sample_copy(tmp.path());
    let p = ProjectDir::open_read_only(&root).unwrap().project;
    let chat = p.documents().values().find(|d| d.name == CHAT).unwrap();
    let meta = root.join(format!("documents/{}.ron", chat.id));
    // The second message's range shifted by one character, its hash kept: the kind of file a
    // torn save of an older Margin could leave.
    let second = chat.segments[1].range;
    let text = fs::read_to_string(&meta).unwrap().replacen(
        &format!("range: (start: {}, end: {})", second.start, second.end),
        &format!("range: (start: {}, end: {})", second.start - 3, second.end),
        1,
    );
    fs::write(&meta, text).unwrap();
    let msg = problems_of(&root);
    assert!(msg.contains("does not start after its label"), "{msg}");
}

#[test]
fn defect_7_a_deleted_codings_file_is_noticed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = sample_copy(tmp.path());
    let p = ProjectDir::open_read_only(&root).unwrap().project;
    let coding = p.codings().values().next().unwrap();
    let file = root.join(format!("codings/{}/{}.ron", coding.coder, coding.document));
    fs::remove_file(&file).unwrap();
    let msg = problems_of(&root);
    assert!(msg.contains("is missing"), "{msg}");
    assert!(msg.contains("its codings file is gone"), "{msg}");
    let out = margin(&["check", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn defect_7_removing_a_coders_last_coding_on_a_document_keeps_the_list_true() {
    let tmp = tempfile::tempdir().unwrap();
    let root = sample_copy(tmp.path());
    let opened = ProjectDir::open(&root).unwrap();
    let mut p = opened.project;
    let coding = p.codings().values().next().unwrap().clone();
    let all: Vec<CodingId> = p
        .codings_of(coding.document)
        .filter(|c| c.coder == coding.coder)
        .map(|c| c.id)
        .collect();
    let edit = margin::model::Edit::Batch(
        all.iter()
            .map(|id| margin::model::Edit::RemoveCoding(*id))
            .collect(),
    );
    margin::model::History::new()
        .apply(&mut p, "remove", edit)
        .unwrap();
    // Every moment of the save leaves a project that loads.
    for steps in 0..20 {
        let mut copy = p.clone();
        if opened.dir.save_interrupted(&mut copy, steps).is_ok() {
            break;
        }
        ProjectDir::open_read_only(&root).unwrap();
    }
    opened.dir.save(&mut p).unwrap();
    let loaded = ProjectDir::open_read_only(&root).unwrap().project;
    assert_eq!(loaded.codings().len(), p.codings().len());
}

#[test]
fn defect_12_an_empty_manifest_is_named_as_such_and_a_byte_order_mark_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let root = sample_copy(tmp.path());
    let manifest = root.join("margin.ron");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(&manifest, format!("\u{feff}{text}")).unwrap();
    ProjectDir::open_read_only(&root).unwrap();
    fs::write(&manifest, "").unwrap();
    let msg = problems_of(&root);
    assert!(msg.contains("margin.ron: the file is empty"), "{msg}");
    fs::write(&manifest, "not ron at all").unwrap();
    let msg = problems_of(&root);
    assert!(
        msg.contains("cannot read the project's format version"),
        "{msg}"
    );
}

#[cfg(unix)]
#[test]
fn defect_12_a_file_name_that_is_not_utf8_is_named_clearly() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let root = sample_copy(tmp.path());
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.ron");
    fs::write(root.join("codebook").join(name), "()").unwrap();
    let msg = problems_of(&root);
    assert!(
        msg.contains("codebook: holds a file whose name is not valid UTF-8"),
        "{msg}"
    );
    assert!(msg.contains(r"caf\xe9.ron"), "{msg}");
}

#[test]
fn defect_12_an_io_error_says_the_os_message_once() {
    let tmp = tempfile::tempdir().unwrap();
    let root = sample_copy(tmp.path());
    // A folder where the lock file should be: opening it for writing fails in the OS.
    fs::create_dir(root.join(LOCK_FILE)).unwrap();
    let notes = tmp.path().join("notes.txt");
    fs::write(&notes, "A field note.\n").unwrap();
    let out = margin(&["import", root.to_str().unwrap(), notes.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(LOCK_FILE), "{err}");
    assert_eq!(err.matches("Is a directory").count(), 1, "{err}");
}
