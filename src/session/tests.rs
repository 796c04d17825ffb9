//! The session headless: every action applies, undoes and redoes to the same project and the
//! same files to save; the rules; the counts; the background saver.

#![allow(clippy::unwrap_used, clippy::many_single_char_names)]

use std::collections::BTreeSet;

use super::*;
use crate::analysis::search::AutocodeScope;
use crate::import::codebook::IncomingCode;
use crate::model::{CharRange, Document, DocumentKind, EntityKey, MemoTarget, Text};

fn session() -> (tempfile::TempDir, Session, DocumentId) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("study");
    let mut s = Session::create(&root).unwrap();
    s.set_coder("Lin").unwrap();
    let doc = Document::new(
        "G1",
        DocumentKind::Notes,
        Text::new("  我们都叫它毕业。 We call it graduating.  "),
    );
    let id = doc.id;
    s.execute(Action::AddDocuments(vec![doc])).unwrap().unwrap();
    (dir, s, id)
}

fn create_code(s: &mut Session, name: &str, parent: Option<CodeId>) -> CodeId {
    s.execute(Action::CreateCode {
        name: name.into(),
        parent,
    })
    .unwrap()
    .unwrap()
    .created_code
    .unwrap()
}

fn code(s: &mut Session, document: DocumentId, range: CharRange, code: CodeId) -> CodingId {
    s.execute(Action::ApplyCode {
        document,
        range,
        code,
    })
    .unwrap()
    .unwrap()
    .created_coding
    .unwrap()
}

/// Everything a user can change, as text (the maps are ordered).
fn state(p: &Project) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        p.documents(),
        p.codes(),
        p.codings(),
        p.memos(),
        p.coders(),
        p.cases()
    )
}

fn touched(s: &mut Session) -> BTreeSet<EntityKey> {
    s.project.take_touched()
}

#[test]
fn every_action_applies_undoes_and_redoes_to_the_same_project_and_files() {
    let (dir, mut s, doc) = session();
    let a = create_code(&mut s, "A", None);
    let b = create_code(&mut s, "B", None);
    let c1 = code(&mut s, doc, CharRange::new(2, 8), a);
    // A case to give the document to, memos on the document and on the coding (deleting the
    // document takes them with it).
    let case_g1 = crate::model::Case::new("G1");
    let case = case_g1.id;
    s.execute(Action::Prepared {
        label: "Case".into(),
        edit: Edit::Batch(vec![
            Edit::PutCase(case_g1),
            Edit::PutMemo(crate::model::Memo::new(
                MemoTarget::Document(doc),
                "first visit",
                s.coder(),
            )),
        ]),
    })
    .unwrap();
    let other = dir.path().join("other");
    {
        // Another copy with one more code and coding, for MergeCopy.
        let mut o = Session::create(&other).unwrap();
        o.set_coder("Zhou").unwrap();
        o.execute(Action::AddDocuments(vec![
            s.project.document(doc).unwrap().clone(),
        ]))
        .unwrap();
        let z = create_code(&mut o, "Z", None);
        code(&mut o, doc, CharRange::new(12, 20), z);
        o.save().unwrap();
    }
    let actions = vec![
        Action::ApplyCode {
            document: doc,
            range: CharRange::new(3, 6),
            code: b,
        },
        Action::InVivo {
            document: doc,
            range: CharRange::new(7, 9),
        },
        Action::RemoveCoding(c1),
        Action::ChangeCodingCode {
            coding: c1,
            code: b,
        },
        Action::SetCodingRange {
            coding: c1,
            range: CharRange::new(4, 9),
        },
        Action::SetCodingMemo {
            coding: c1,
            memo: "first reading".into(),
        },
        Action::SetExemplar {
            coding: c1,
            exemplar: true,
        },
        Action::SetTranslation {
            coding: c1,
            translation: Some(crate::model::Translation {
                text: "We call it graduating".into(),
                note: "tr. Lin Yue".into(),
            }),
        },
        Action::CreateCode {
            name: "C".into(),
            parent: Some(a),
        },
        Action::RenameCode {
            code: a,
            name: "Graduation".into(),
        },
        Action::RecolorCode {
            code: a,
            color: Color::palette(7),
        },
        Action::DescribeCode {
            code: a,
            description: "Finishing treatment, in their words".into(),
        },
        Action::SetCodeShortcut {
            code: a,
            key: Some('g'),
        },
        Action::MoveCode {
            code: b,
            parent: None,
            before: Some(a),
        },
        Action::MergeCodes { from: b, into: a },
        Action::DeleteCode(a),
        Action::SetMemo {
            target: MemoTarget::Document(doc),
            text: "read twice".into(),
        },
        Action::Autocode {
            hits: vec![(doc, CharRange::new(13, 17))],
            code: b,
            scope: AutocodeScope::Hit,
        },
        Action::AddDocuments(vec![Document::new(
            "G2",
            DocumentKind::Notes,
            Text::new("another note"),
        )]),
        Action::MergeCopy(other.clone()),
        Action::TakeIncoming(Edit::PutCode(crate::model::Code::new(
            "Came in",
            crate::model::Color::palette(3),
            crate::model::SortKey::after(None),
        ))),
        Action::Prepared {
            label: "Comment".into(),
            edit: Edit::PutMemo(crate::model::Memo::new(
                MemoTarget::Coding(c1),
                "agree",
                s.coder(),
            )),
        },
        Action::RenameDocument {
            document: doc,
            name: "G1 (second visit)".into(),
        },
        Action::EditText {
            document: doc,
            range: CharRange::new(4, 5),
            text: "🇨🇳e\u{301}".into(),
        },
        Action::ReplaceAll {
            query: crate::analysis::search::SearchQuery {
                pattern: "call".into(),
                mode: crate::analysis::search::MatchMode::Word,
                ..Default::default()
            },
            with: "称".into(),
        },
        Action::ReplaceName {
            forms: vec!["毕业".into(), "graduating".into()],
            with: "G8".into(),
        },
        Action::DeleteDocument(doc),
        Action::SetDocumentKind {
            document: doc,
            kind: DocumentKind::Interview,
        },
        Action::SetDocumentCase {
            document: doc,
            case: Some(case),
        },
        Action::ImportCodebook(vec![
            IncomingCode {
                path: vec!["A".into()],
                color: None,
                description: "the first".into(),
            },
            IncomingCode {
                path: vec!["A".into(), "A1".into()],
                color: Some(Color::palette(4)),
                description: String::new(),
            },
        ]),
    ];
    touched(&mut s);
    for action in actions {
        let label = action.label();
        let before = state(&s.project);
        let applied = s
            .execute(action)
            .unwrap()
            .unwrap_or_else(|| panic!("{label} changed nothing"));
        assert_eq!(applied.step.label, label);
        let after = state(&s.project);
        let files = touched(&mut s);
        assert!(!files.is_empty(), "{label} marks files to save");
        let undone = s.undo().unwrap().unwrap();
        assert_eq!(undone, applied.step, "{label}");
        assert_eq!(state(&s.project), before, "undo of {label}");
        assert_eq!(
            touched(&mut s),
            files,
            "undo of {label} saves the same files"
        );
        let redone = s.redo().unwrap().unwrap();
        assert_eq!(redone, applied.step, "{label}");
        assert_eq!(state(&s.project), after, "redo of {label}");
        assert_eq!(
            touched(&mut s),
            files,
            "redo of {label} saves the same files"
        );
        s.undo().unwrap();
        touched(&mut s);
        assert_eq!(
            s.counts().by_code.values().sum::<usize>(),
            s.project.codings().len(),
            "counts after {label}"
        );
    }
}

#[test]
fn coding_trims_whitespace_and_is_one_undo_step() {
    let (_dir, mut s, doc) = session();
    let code = create_code(&mut s, "Graduate", None);
    let applied = s
        .execute(Action::ApplyCode {
            document: doc,
            range: CharRange::new(0, 11),
            code,
        })
        .unwrap()
        .unwrap();
    let id = applied.created_coding.unwrap();
    assert_eq!(applied.step.changes, Changes::Codings(vec![id]));
    assert_eq!(s.project.coding(id).unwrap().range, CharRange::new(2, 10));
    let step = s.undo().unwrap().unwrap();
    assert_eq!(step.label, "Code selection");
    assert_eq!(step.changes, Changes::Codings(vec![id]));
    assert!(s.project.codings().is_empty());
    assert_eq!(s.redo().unwrap().unwrap().label, "Code selection");
    assert_eq!(s.project.codings().len(), 1);
    assert_eq!(s.counts().by_code[&code], 1);
}

#[test]
fn counts_follow_edits_and_the_journal_replays_them_exactly() {
    let (_dir, mut s, doc) = session();
    s.start_autosave();
    let mut replica = s.project.clone();
    let mut replica_history = History::<()>::default();
    assert!(s.counts().by_code.is_empty());
    let a = create_code(&mut s, "A", None);
    let b = create_code(&mut s, "B", None);
    let c1 = code(&mut s, doc, CharRange::new(2, 5), a);
    code(&mut s, doc, CharRange::new(4, 9), a);
    s.execute(Action::ChangeCodingCode {
        coding: c1,
        code: b,
    })
    .unwrap();
    assert_eq!((s.counts().by_code[&a], s.counts().by_code[&b]), (1, 1));
    assert_eq!(s.counts().by_document[&doc], 2);
    s.execute(Action::MergeCodes { from: b, into: a }).unwrap();
    assert_eq!(s.counts().by_code[&a], 2);
    s.undo().unwrap();
    assert_eq!(s.counts().by_code[&b], 1);
    s.redo().unwrap();
    s.undo().unwrap();
    // A run of typing (one step, journaled as its edits) then a deletion of coded text, its
    // undo, and more typing.
    for (at, text) in [(3, "x"), (4, "y"), (5, "z")] {
        s.execute(Action::EditText {
            document: doc,
            range: CharRange::new(at, at),
            text: text.into(),
        })
        .unwrap();
    }
    s.execute(Action::EditText {
        document: doc,
        range: CharRange::new(1, 12),
        text: String::new(),
    })
    .unwrap();
    s.undo().unwrap();
    s.undo().unwrap();
    s.redo().unwrap();
    let fresh = Counts::of(&s.project).by_code;
    assert_eq!(s.counts().by_code, fresh, "counts follow text edits");
    for op in std::mem::take(&mut s.journal) {
        op.replay(&mut replica, &mut replica_history).unwrap();
    }
    assert_eq!(replica.codings(), s.project.codings());
    assert_eq!(replica.codes(), s.project.codes());
    assert_eq!(replica.documents(), s.project.documents());
}

#[test]
fn an_action_that_changes_nothing_is_no_undo_step() {
    let (_dir, mut s, _) = session();
    let a = create_code(&mut s, "A", None);
    assert!(
        s.execute(Action::RenameCode {
            code: a,
            name: " A ".into()
        })
        .unwrap()
        .is_none()
    );
    assert_eq!(s.undo_redo_labels().0, Some("New code"));
}

#[test]
fn in_vivo_makes_a_code_named_after_the_words_and_reuses_it() {
    let (_dir, mut s, doc) = session();
    let applied = s
        .execute(Action::InVivo {
            document: doc,
            range: CharRange::new(7, 9),
        })
        .unwrap()
        .unwrap();
    let code = s
        .project
        .code(applied.created_code.unwrap())
        .unwrap()
        .clone();
    assert_eq!(code.name, "毕业");
    assert!(code.in_vivo);
    let coding = s.project.coding(applied.created_coding.unwrap()).unwrap();
    assert_eq!(coding.code, code.id);
    let again = s
        .execute(Action::InVivo {
            document: doc,
            range: CharRange::new(6, 9),
        })
        .unwrap()
        .unwrap();
    assert!(
        again.created_code.is_some(),
        "other words make another code"
    );
    let third = s
        .execute(Action::InVivo {
            document: doc,
            range: CharRange::new(7, 9),
        })
        .unwrap()
        .unwrap();
    assert_eq!(third.created_code, None, "the same words reuse their code");
    assert_eq!(
        s.project
            .coding(third.created_coding.unwrap())
            .unwrap()
            .code,
        code.id
    );
    s.undo().unwrap();
    s.undo().unwrap();
    s.undo().unwrap();
    assert!(s.project.codes().is_empty() && s.project.codings().is_empty());
}

#[test]
fn move_code_reorders_and_nests_but_refuses_cycles() {
    let (_dir, mut s, _) = session();
    let a = create_code(&mut s, "A", None);
    let b = create_code(&mut s, "B", None);
    let c = create_code(&mut s, "C", None);
    s.execute(Action::MoveCode {
        code: c,
        parent: None,
        before: Some(a),
    })
    .unwrap();
    let names = |s: &Session| {
        s.project
            .code_tree()
            .iter()
            .map(|(d, c)| format!("{d}{}", c.name))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&s), ["0C", "0A", "0B"]);
    s.execute(Action::MoveCode {
        code: b,
        parent: Some(c),
        before: None,
    })
    .unwrap();
    assert_eq!(names(&s), ["0C", "1B", "0A"]);
    let err = s
        .execute(Action::MoveCode {
            code: c,
            parent: Some(b),
            before: None,
        })
        .unwrap_err();
    assert!(
        matches!(err, SessionError::UnderOwnSubcode(ref n) if n == "C"),
        "{err}"
    );
    assert!(err.to_string().contains("own sub-code"), "{err}");
    // Moving a code to where it already is changes nothing.
    assert!(
        s.execute(Action::MoveCode {
            code: a,
            parent: None,
            before: None
        })
        .unwrap()
        .is_none()
    );
}

#[test]
fn merging_refuses_itself_and_its_sub_code() {
    let (_dir, mut s, _) = session();
    let a = create_code(&mut s, "A", None);
    let child = create_code(&mut s, "child", Some(a));
    assert!(matches!(
        s.execute(Action::MergeCodes { from: a, into: a }),
        Err(SessionError::MergeIntoItself)
    ));
    assert!(matches!(
        s.execute(Action::MergeCodes {
            from: a,
            into: child
        }),
        Err(SessionError::MergeIntoSubcode(_))
    ));
}

#[test]
fn shortcut_keys_belong_to_one_code() {
    let (_dir, mut s, _) = session();
    let a = create_code(&mut s, "A", None);
    let b = create_code(&mut s, "B", None);
    for code in [a, b] {
        s.execute(Action::SetCodeShortcut {
            code,
            key: Some('g'),
        })
        .unwrap();
    }
    assert_eq!(s.project.code(a).unwrap().shortcut, None);
    assert_eq!(s.project.code(b).unwrap().shortcut, Some('g'));
}

#[test]
fn memos_are_created_edited_and_removed() {
    let (_dir, mut s, doc) = session();
    let target = MemoTarget::Document(doc);
    let mut set = |text: &str| {
        s.execute(Action::SetMemo {
            target,
            text: text.into(),
        })
        .unwrap()
        .unwrap();
    };
    set("first reading");
    set("second reading");
    let memos = s.project.memos_on(target);
    assert_eq!(memos.len(), 1);
    assert_eq!(memos[0].text, "second reading");
    assert_eq!(memos[0].author, s.coder);
    s.execute(Action::SetMemo {
        target,
        text: "  ".into(),
    })
    .unwrap()
    .unwrap();
    assert!(s.project.memos_on(target).is_empty());
}

#[test]
fn coding_needs_a_coder_and_a_read_only_project_refuses_every_action() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut s = Session::create(&root).unwrap();
    let doc = Document::new("d", DocumentKind::Notes, Text::new("hello there"));
    let id = doc.id;
    s.execute(Action::AddDocuments(vec![doc])).unwrap();
    let a = create_code(&mut s, "A", None);
    assert!(matches!(
        s.execute(Action::ApplyCode {
            document: id,
            range: CharRange::new(0, 5),
            code: a
        }),
        Err(SessionError::NoCoder)
    ));
    s.save().unwrap();
    let mut second = Session::open(&root).unwrap();
    assert!(second.read_only().is_some());
    let err = second
        .execute(Action::RenameCode {
            code: a,
            name: "B".into(),
        })
        .unwrap_err();
    assert!(matches!(err, SessionError::ReadOnly { .. }), "{err}");
    assert!(second.undo().is_err());
}

#[test]
fn import_reports_each_bad_file_and_imports_the_rest_as_one_step() {
    let (dir, mut s, _) = session();
    let good = dir.path().join("note.txt");
    std::fs::write(&good, "Interviewer: How long?\nA: Four months.\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let (applied, errors) = s.import(&[good, missing.clone()], &ImportOptions::default());
    assert_eq!(applied.unwrap().step.label, "Import a file");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().contains("missing.txt"),
        "{}",
        errors[0]
    );
    assert_eq!(s.project.documents().len(), 2);
}

#[test]
fn in_vivo_names_are_short_and_clean() {
    assert_eq!(in_vivo_name(" “step in\n a  pit” "), "step in a pit");
    let long = "走".repeat(50);
    assert_eq!(in_vivo_name(&long).chars().count(), 40);
    assert!(in_vivo_name(&long).ends_with('…'));
}

// ---- the background saver ---------------------------------------------------------------------

fn wait(s: &mut Session, mut t: f64) -> f64 {
    for _ in 0..400 {
        s.poll_save(t);
        if !s.autosave().is_busy() {
            return t;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        t += 0.01;
    }
    panic!("no save");
}

#[test]
fn saves_after_a_quiet_moment_on_another_thread_and_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::create(&dir.path().join("p")).unwrap();
    s.start_autosave();
    assert_eq!(s.autosave().status(), &SaveStatus::Saved);
    assert_eq!(s.poll_save(0.0), None);
    let doc = Document::new("d", DocumentKind::Notes, Text::new("hello"));
    let id = doc.id;
    s.execute(Action::AddDocuments(vec![doc])).unwrap();
    s.poll_save(10.0);
    assert_eq!(s.autosave().status(), &SaveStatus::Pending);
    let wait_for = s.poll_save(10.1).unwrap();
    assert!((wait_for - 0.5).abs() < 1e-9, "{wait_for}");
    s.poll_save(10.7);
    assert_eq!(s.autosave().status(), &SaveStatus::Saving);
    wait(&mut s, 10.7);
    assert_eq!(s.autosave().status(), &SaveStatus::Saved);
    let mut files: Vec<String> = s
        .autosave()
        .last_saved()
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [format!("documents/{id}.ron"), format!("documents/{id}.txt")]
    );
    assert!(dir.path().join(format!("p/documents/{id}.txt")).is_file());
}

#[test]
fn undo_is_saved_too_and_save_waits_for_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut s = Session::create(&root).unwrap();
    s.set_coder("x").unwrap();
    s.start_autosave();
    assert_eq!(
        s.autosave().status(),
        &SaveStatus::Pending,
        "the new coder is unsaved"
    );
    create_code(&mut s, "A", None);
    s.poll_save(0.0);
    s.poll_save(1.0);
    wait(&mut s, 1.0);
    assert_eq!(s.autosave().saves(), 1);
    s.undo().unwrap();
    s.save().unwrap();
    assert_eq!(s.autosave().status(), &SaveStatus::Saved);
    assert_eq!(s.autosave().saves(), 2);
    let on_disk = ProjectDir::open_read_only(&root).unwrap().project;
    assert!(on_disk.codes().is_empty());
    assert_eq!(on_disk.coders().len(), 1);
}

#[test]
fn keeps_saving_at_the_latest_two_seconds_into_a_stream_of_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::create(&dir.path().join("p")).unwrap();
    s.start_autosave();
    let mut t = 0.0;
    while t < 1.9 {
        s.execute(Action::AddDocuments(vec![Document::new(
            "d",
            DocumentKind::Notes,
            Text::new("x"),
        )]))
        .unwrap();
        s.poll_save(t);
        assert_ne!(s.autosave().status(), &SaveStatus::Saving, "{t}");
        t += 0.3;
    }
    s.poll_save(2.05);
    assert_eq!(s.autosave().status(), &SaveStatus::Saving);
    s.save().unwrap();
    assert_eq!(s.autosave().status(), &SaveStatus::Saved);
}

#[test]
fn without_autosave_save_writes_directly() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut s = Session::create(&root).unwrap();
    s.set_coder("x").unwrap();
    create_code(&mut s, "A", None);
    s.save().unwrap();
    drop(s);
    let on_disk = ProjectDir::open_read_only(&root).unwrap().project;
    assert_eq!(on_disk.codes().len(), 1);
}

#[test]
fn deleting_a_document_takes_its_codings_and_memos_and_undo_gives_them_back() {
    let (_dir, mut s, doc) = session();
    let a = create_code(&mut s, "A", None);
    let c1 = code(&mut s, doc, CharRange::new(2, 8), a);
    code(&mut s, doc, CharRange::new(12, 20), a);
    s.execute(Action::SetCodingMemo {
        coding: c1,
        memo: "the group's word".into(),
    })
    .unwrap();
    s.execute(Action::SetMemo {
        target: MemoTarget::Document(doc),
        text: "first interview".into(),
    })
    .unwrap();
    let before = state(&s.project);
    let applied = s.execute(Action::DeleteDocument(doc)).unwrap().unwrap();
    assert_eq!(applied.step.name, ActionName::DeleteDocument);
    assert!(s.project.documents().is_empty());
    assert!(s.project.codings().is_empty() && s.project.memos().is_empty());
    assert_eq!(s.counts().by_code.get(&a).copied().unwrap_or(0), 0);
    assert_eq!(s.undo().unwrap().unwrap().label, "Delete document");
    assert_eq!(state(&s.project), before);
    assert_eq!(s.counts().by_code[&a], 2);
}

#[test]
fn a_document_is_renamed_re_kinded_and_re_cased_and_a_blank_name_is_refused() {
    let (_dir, mut s, doc) = session();
    assert!(matches!(
        s.execute(Action::RenameDocument {
            document: doc,
            name: "  ".into()
        }),
        Err(SessionError::EmptyName)
    ));
    s.execute(Action::RenameDocument {
        document: doc,
        name: " G1 revisited ".into(),
    })
    .unwrap()
    .unwrap();
    assert_eq!(s.project.document(doc).unwrap().name, "G1 revisited");
    // The same name again is no step.
    assert!(
        s.execute(Action::RenameDocument {
            document: doc,
            name: "G1 revisited".into()
        })
        .unwrap()
        .is_none()
    );
    s.execute(Action::SetDocumentKind {
        document: doc,
        kind: DocumentKind::Chat,
    })
    .unwrap()
    .unwrap();
    assert_eq!(s.project.document(doc).unwrap().kind, DocumentKind::Chat);
    // A case the project does not have is refused, and nothing changes.
    let stranger = crate::model::Case::new("nobody");
    assert!(
        s.execute(Action::SetDocumentCase {
            document: doc,
            case: Some(stranger.id)
        })
        .is_err()
    );
    assert_eq!(s.project.document(doc).unwrap().case, None);
    s.undo().unwrap();
    s.undo().unwrap();
    assert_eq!(s.project.document(doc).unwrap().name, "G1");
    assert_eq!(s.project.document(doc).unwrap().kind, DocumentKind::Notes);
}

#[test]
fn a_codebook_import_is_one_undo_step() {
    let (_dir, mut s, _) = session();
    let a = create_code(&mut s, "A", None);
    let before = state(&s.project);
    let codes = vec![
        IncomingCode {
            path: vec!["A".into(), "B".into()],
            color: None,
            description: "under A".into(),
        },
        IncomingCode {
            path: vec!["C".into()],
            color: None,
            description: String::new(),
        },
    ];
    s.execute(Action::ImportCodebook(codes.clone()))
        .unwrap()
        .unwrap();
    assert_eq!(s.project.codes().len(), 3);
    let b = s.project.code_named("B").unwrap();
    assert_eq!(b.parent, Some(a));
    // The same codebook again adds nothing.
    assert!(s.execute(Action::ImportCodebook(codes)).unwrap().is_none());
    s.undo().unwrap();
    assert_eq!(state(&s.project), before);
}

#[test]
fn typing_in_one_place_is_one_undo_step_and_a_deleted_coding_is_counted_and_given_back() {
    let (_dir, mut s, doc) = session();
    let a = create_code(&mut s, "A", None);
    let coded = code(&mut s, doc, CharRange::new(2, 8), a);
    let before = state(&s.project);
    let text = |s: &Session| s.project.document(doc).unwrap().text.as_str().to_owned();
    // Type three characters, then delete one with backspace: one step.
    for (i, ch) in ["我", "们", "x"].into_iter().enumerate() {
        s.execute(Action::EditText {
            document: doc,
            range: CharRange::new(10 + i, 10 + i),
            text: ch.into(),
        })
        .unwrap()
        .unwrap();
    }
    s.execute(Action::EditText {
        document: doc,
        range: CharRange::new(12, 13),
        text: String::new(),
    })
    .unwrap()
    .unwrap();
    assert!(
        text(&s).starts_with("  我们都叫它毕业。我们 We"),
        "{}",
        text(&s)
    );
    let history = &s.project.document(doc).unwrap().edits;
    assert_eq!(history.len(), 1, "one run of typing, one entry");
    assert_eq!((history[0].inserted, history[0].removed), (3, 1));
    assert_eq!(history[0].who, "Lin");
    s.undo().unwrap().unwrap();
    assert_eq!(
        state(&s.project),
        before,
        "one undo takes back the whole run"
    );
    // Deleting the coded words removes the coding, in the same step, and says so.
    let applied = s
        .execute(Action::EditText {
            document: doc,
            range: CharRange::new(1, 9),
            text: String::new(),
        })
        .unwrap()
        .unwrap();
    assert_eq!(applied.removed_codings, 1);
    assert!(s.project.coding(coded).is_none());
    s.undo().unwrap();
    assert_eq!(state(&s.project), before);
    // An edit crossing into a turn's label is refused with a clear error.
    let mut chat = Document::new(
        "chat",
        DocumentKind::Chat,
        Text::new("2024-05-01 06:42 G8\n早上好\n\n2024-05-01 06:43 G9\n你好\n"),
    );
    chat.segments = vec![
        crate::model::Segment {
            range: CharRange::new(20, 23),
            ..Default::default()
        },
        crate::model::Segment {
            range: CharRange::new(45, 47),
            ..Default::default()
        },
    ];
    let chat_id = chat.id;
    s.execute(Action::AddDocuments(vec![chat])).unwrap();
    let refused = s
        .execute(Action::EditText {
            document: chat_id,
            range: CharRange::new(22, 30),
            text: String::new(),
        })
        .unwrap_err();
    assert!(
        refused.to_string().contains("turn or message 1"),
        "{refused}"
    );
}

#[test]
fn an_edited_text_saves_its_history_and_hash_and_loads_without_re_anchoring() {
    let (dir, mut s, doc) = session();
    let a = create_code(&mut s, "A", None);
    let c = code(&mut s, doc, CharRange::new(2, 8), a);
    s.execute(Action::EditText {
        document: doc,
        range: CharRange::new(4, 4),
        text: "😀👍🏽".into(),
    })
    .unwrap();
    s.save().unwrap();
    let root = s.root().to_path_buf();
    let edited = s.project.document(doc).unwrap().clone();
    let range = s.project.coding(c).unwrap().range;
    drop(s);
    let meta = std::fs::read_to_string(root.join(format!("documents/{doc}.ron"))).unwrap();
    assert!(meta.contains("edits:"), "{meta}");
    assert!(meta.contains(&edited.text.hash()), "{meta}");
    let reopened = Session::open(&root).unwrap();
    assert!(!reopened.report().needs_consent(), "nothing to re-anchor");
    assert_eq!(reopened.project().document(doc).unwrap(), &edited);
    assert_eq!(reopened.project().coding(c).unwrap().range, range);
    assert_eq!(
        reopened.project().document(doc).unwrap().text.slice(range),
        "我们😀👍🏽都叫它毕"
    );
    drop(dir);
}
