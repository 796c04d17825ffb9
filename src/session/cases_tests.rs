//! The session on cases and attributes, and on a whole import: every action applies, undoes and
//! redoes to the same project; names are checked; values keep their types.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::import::{Placement, SpeakerCode, plan_import};
use crate::model::{AttributeKind, CaseId, Document, DocumentKind, Text, Value};

fn session() -> (tempfile::TempDir, Session, DocumentId) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::create(&dir.path().join("study")).unwrap();
    s.set_coder("Lin").unwrap();
    let doc = Document::new(
        "G1 interview",
        DocumentKind::Notes,
        Text::new("我们都叫它毕业。"),
    );
    let id = doc.id;
    s.execute(Action::AddDocuments(vec![doc])).unwrap().unwrap();
    (dir, s, id)
}

/// Cases, attributes and which case each document is in.
fn state(p: &Project) -> String {
    let docs: Vec<_> = p.documents().values().map(|d| (d.id, d.case)).collect();
    format!(
        "{:?}\n{:?}\n{docs:?}\n{:?}\n{:?}",
        p.cases(),
        p.attributes(),
        p.codes(),
        p.codings()
    )
}

/// Apply `action`, check that undo and redo give the states before and after; returns the
/// step's name.
fn round_trip(s: &mut Session, action: Action) -> ActionName {
    let before = state(s.project());
    let applied = s.execute(action).unwrap().expect("a change");
    let after = state(s.project());
    assert_ne!(before, after, "{}", applied.step.label);
    s.undo().unwrap().unwrap();
    assert_eq!(state(s.project()), before, "undo of {}", applied.step.label);
    s.redo().unwrap().unwrap();
    assert_eq!(state(s.project()), after, "redo of {}", applied.step.label);
    applied.step.name
}

fn case_named(s: &Session, name: &str) -> CaseId {
    s.project().case_named(name).unwrap().id
}

fn attribute_named(s: &Session, name: &str) -> crate::model::AttributeId {
    s.project()
        .attributes()
        .values()
        .find(|a| a.name == name)
        .unwrap()
        .id
}

#[test]
fn every_case_and_attribute_action_is_one_undo_step() {
    let (_dir, mut s, doc) = session();
    assert_eq!(
        round_trip(&mut s, Action::AddCase(" G8 ".into())),
        ActionName::AddCase
    );
    let g8 = case_named(&s, "G8");
    round_trip(&mut s, Action::AddCase("G9".into()));
    round_trip(
        &mut s,
        Action::AddAttribute {
            name: "age".into(),
            kind: AttributeKind::Number,
        },
    );
    round_trip(
        &mut s,
        Action::AddAttribute {
            name: "region".into(),
            kind: AttributeKind::Category(vec!["Beijing".into()]),
        },
    );
    let age = attribute_named(&s, "age");
    let region = attribute_named(&s, "region");
    round_trip(
        &mut s,
        Action::SetAttributeValue {
            case: g8,
            attribute: age,
            value: Some(Value::Number(50.0)),
        },
    );
    // A category value not yet known joins the category, in the same step.
    round_trip(
        &mut s,
        Action::SetAttributeValue {
            case: g8,
            attribute: region,
            value: Some(Value::Category("山东".into())),
        },
    );
    assert_eq!(
        s.project().attributes()[&region].kind,
        AttributeKind::Category(vec!["Beijing".into(), "山东".into()])
    );
    round_trip(
        &mut s,
        Action::SetDocumentCase {
            document: doc,
            case: Some(g8),
        },
    );
    round_trip(
        &mut s,
        Action::RenameCase {
            case: g8,
            name: "G08".into(),
        },
    );
    round_trip(
        &mut s,
        Action::RenameAttribute {
            attribute: age,
            name: "年龄".into(),
        },
    );
    round_trip(
        &mut s,
        Action::SetAttributeValue {
            case: g8,
            attribute: age,
            value: None,
        },
    );
    // Deleting an attribute takes its values; deleting a case takes its documents out of it.
    assert_eq!(
        round_trip(&mut s, Action::DeleteAttribute(region)),
        ActionName::DeleteAttribute
    );
    assert!(!s.project().cases()[&g8].values.contains_key(&region));
    round_trip(&mut s, Action::DeleteCase(g8));
    assert_eq!(s.project().document(doc).unwrap().case, None);
    s.undo().unwrap();
    assert_eq!(s.project().document(doc).unwrap().case, Some(g8));
}

#[test]
fn names_are_checked_and_values_keep_their_type() {
    let (_dir, mut s, _) = session();
    s.execute(Action::AddCase("G1".into())).unwrap();
    s.execute(Action::AddCase("G2".into())).unwrap();
    assert!(matches!(
        s.execute(Action::AddCase("  ".into())),
        Err(SessionError::EmptyCaseName)
    ));
    assert!(matches!(
        s.execute(Action::RenameCase {
            case: case_named(&s, "G2"),
            name: "G1".into()
        }),
        Err(SessionError::NameTaken(n)) if n == "G1"
    ));
    // Renaming to its own name changes nothing and is no undo step.
    assert!(
        s.execute(Action::RenameCase {
            case: case_named(&s, "G2"),
            name: "G2".into()
        })
        .unwrap()
        .is_none()
    );
    s.execute(Action::AddAttribute {
        name: "age".into(),
        kind: AttributeKind::Number,
    })
    .unwrap();
    assert!(matches!(
        s.execute(Action::AddAttribute {
            name: "age".into(),
            kind: AttributeKind::Text,
        }),
        Err(SessionError::NameTaken(_))
    ));
    let wrong = s.execute(Action::SetAttributeValue {
        case: case_named(&s, "G1"),
        attribute: attribute_named(&s, "age"),
        value: Some(Value::Text("fifty".into())),
    });
    assert!(matches!(wrong, Err(SessionError::Edit { .. })), "{wrong:?}");
}

#[test]
fn an_attribute_table_is_one_undo_step() {
    let (dir, mut s, _) = session();
    s.execute(Action::AddCase("G8".into())).unwrap();
    let table = dir.path().join("participants.csv");
    std::fs::write(&table, "case,age,region\nG8,50,Shandong\nG9,52,Shandong\n").unwrap();
    let read = crate::import::import_attributes(&table, s.project()).unwrap();
    assert_eq!(
        (read.created.clone(), read.updated.clone()),
        (vec!["G9".to_owned()], vec!["G8".to_owned()])
    );
    let name = round_trip(
        &mut s,
        Action::ImportAttributeTable {
            file: "participants.csv".into(),
            edit: read.edit,
        },
    );
    assert_eq!(name, ActionName::ImportAttributeTable);
    assert_eq!(s.project().cases().len(), 2);
}

#[test]
fn a_whole_import_is_one_undo_step() {
    let (_dir, mut s, _) = session();
    let coder = s.coder().unwrap();
    let chat = crate::import::import_bytes(
        "2024-05-01 08:00:00 G3\n今天复查\n\n2024-05-01 08:01:00 G7\n恭喜\n".as_bytes(),
        std::path::Path::new("group.txt"),
        &crate::import::ImportOptions::default(),
    )
    .unwrap()
    .document;
    let plan = plan_import(
        s.project(),
        &[chat],
        &Placement {
            case: None,
            senders_as_cases: true,
            autocode: Some(SpeakerCode {
                speaker: "G7".into(),
                code: "Emotional arousal".into(),
                coder,
            }),
        },
    )
    .unwrap();
    let docs = plan.documents.clone();
    let applied = s
        .execute(Action::Import {
            files: 1,
            edit: plan.edit.clone(),
        })
        .unwrap()
        .unwrap();
    assert_eq!(applied.created_documents, docs);
    assert_eq!(applied.step.name, ActionName::Import(1));
    assert_eq!(s.project().cases().len(), 2);
    assert_eq!(s.project().codings().len(), 1);
    s.undo().unwrap();
    assert!(s.project().cases().is_empty() && s.project().codes().is_empty());
    assert_eq!(s.project().documents().len(), 1, "only the first document");
}

/// The summaries of a case × code cell: one per coder; they go with their case or code and
/// follow a merge of codes, each as one undo step.
#[test]
fn summaries_belong_to_their_coder_and_go_with_their_case_and_code() {
    use crate::model::MemoTarget;
    let (_dir, mut s, _) = session();
    s.execute(Action::AddCase("G1".into())).unwrap();
    let case = case_named(&s, "G1");
    let code = |s: &mut Session, name: &str| {
        s.execute(Action::CreateCode {
            name: name.into(),
            parent: None,
        })
        .unwrap()
        .unwrap()
        .created_code
        .unwrap()
    };
    let (role, lonely) = (code(&mut s, "Role disorder"), code(&mut s, "Loneliness"));
    let cell = MemoTarget::Summary { case, code: role };
    let summarise = |s: &mut Session, text: &str| {
        s.execute(Action::SetMemo {
            target: cell,
            text: text.into(),
        })
        .unwrap()
    };
    summarise(&mut s, "瞒着家里人");
    summarise(&mut s, "瞒着家里人，后来说了");
    s.set_coder("Zhou").unwrap();
    summarise(&mut s, "Hid it, then told");
    let texts = |s: &Session, target| {
        let mut t: Vec<String> = s
            .project()
            .memos_on(target)
            .into_iter()
            .map(|m| m.text.clone())
            .collect();
        t.sort();
        t
    };
    assert_eq!(
        texts(&s, cell),
        ["Hid it, then told", "瞒着家里人，后来说了"]
    );
    // Merging the code moves both summaries; deleting the case takes them away; undo brings
    // each state back.
    s.execute(Action::MergeCodes {
        from: role,
        into: lonely,
    })
    .unwrap();
    let moved = MemoTarget::Summary { case, code: lonely };
    assert_eq!(texts(&s, moved).len(), 2);
    assert!(texts(&s, cell).is_empty());
    s.execute(Action::DeleteCase(case)).unwrap();
    assert!(s.project().case(case).is_none());
    assert!(texts(&s, moved).is_empty());
    s.undo().unwrap();
    assert_eq!(texts(&s, moved).len(), 2);
    s.undo().unwrap();
    assert_eq!(texts(&s, cell).len(), 2);
    // Emptying this coder's summary removes only it.
    summarise(&mut s, "  ");
    assert_eq!(texts(&s, cell), ["瞒着家里人，后来说了"]);
}
