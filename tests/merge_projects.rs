//! Merging another copy of a project: nothing lost, nothing doubled, and a second merge of the
//! same copy changes nothing.

// Unexpected errors should stop a test at once.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeSet, HashMap};

use margin::merge::merge;
use margin::model::{
    AttributeDef, AttributeId, AttributeKind, Case, CharRange, Code, CodeId, Coder, CoderId,
    Coding, CodingId, Color, Document, DocumentId, DocumentKind, Edit, Manifest, Memo, MemoTarget,
    Project, SortKey, Value,
};

const G1: &str = "Interviewer: How did you find the group?\nG1: A nurse told me about it. I felt alone.\nInterviewer: And now?\nG1: Now I help the new ones.\n";
const CHAT: &str = "2024-05-03 08:01:10 G4\nResults are back, all normal!\n\n2024-05-03 08:02:44 G2\nCongratulations, you graduated!\n";
const NOTES: &str = "Members met by the lake on Sunday.\nSomeone brought tea.\n";

/// The shared starting point of both copies, with handles on its parts.
struct Base {
    project: Project,
    lin: CoderId,
    wei: CoderId,
    identity: CodeId,
    resonance: CodeId,
    age: AttributeId,
    g1_case: margin::model::CaseId,
    g1: DocumentId,
    chat: DocumentId,
    lin_first: CodingId,
    wei_first: CodingId,
}

fn at(text: &str, phrase: &str) -> CharRange {
    let byte = text.find(phrase).unwrap();
    let start = text[..byte].chars().count();
    CharRange::new(start, start + phrase.chars().count())
}

fn coding(p: &Project, doc: DocumentId, phrase: &str, code: CodeId, coder: CoderId) -> Coding {
    let d = p.document(doc).unwrap();
    Coding::new(doc, &d.text, at(d.text.as_str(), phrase), code, coder)
}

/// Code `phrase` of `doc` and return the coding's id.
fn code(p: &mut Project, doc: DocumentId, phrase: &str, code: CodeId, coder: CoderId) -> CodingId {
    let c = coding(p, doc, phrase, code, coder);
    put(p, c)
}

fn put(p: &mut Project, c: Coding) -> CodingId {
    let id = c.id;
    p.apply(Edit::PutCoding(Box::new(c))).unwrap();
    id
}

fn base() -> Base {
    let mut p = Project::new(Manifest::new("support group"));
    let lin = Coder::new("Lin", Color::palette(0));
    let wei = Coder::new("Wei", Color::palette(1));
    let identity = Code::new("Identity", Color::palette(2), SortKey("a".into()));
    let resonance = Code::new("Resonance", Color::palette(3), SortKey("b".into()));
    let age = AttributeDef {
        id: AttributeId::new(),
        name: "age".into(),
        kind: AttributeKind::Number,
        sort_key: SortKey("a".into()),
    };
    let mut g1_case = Case::new("G1");
    g1_case.values.insert(age.id, Value::Number(28.0));
    let mut g1 = Document::new("G1 interview", DocumentKind::Interview, G1);
    g1.case = Some(g1_case.id);
    let chat = Document::new("Chat May", DocumentKind::Chat, CHAT);
    let base = Base {
        lin: lin.id,
        wei: wei.id,
        identity: identity.id,
        resonance: resonance.id,
        age: age.id,
        g1_case: g1_case.id,
        g1: g1.id,
        chat: chat.id,
        lin_first: CodingId::new(),
        wei_first: CodingId::new(),
        project: p.clone(),
    };
    p.apply(Edit::Batch(vec![
        Edit::PutCoder(lin),
        Edit::PutCoder(wei),
        Edit::PutCode(identity),
        Edit::PutCode(resonance),
        Edit::PutAttribute(age),
        Edit::PutCase(g1_case),
        Edit::PutDocument(Box::new(g1)),
        Edit::PutDocument(Box::new(chat)),
        Edit::PutMemo(Memo::new(MemoTarget::Project, "Study memo", None)),
    ]))
    .unwrap();
    let mut c = coding(
        &p,
        base.g1,
        "A nurse told me about it.",
        base.identity,
        base.lin,
    );
    c.id = base.lin_first;
    put(&mut p, c);
    let mut c = coding(&p, base.g1, "I felt alone.", base.identity, base.wei);
    c.id = base.wei_first;
    put(&mut p, c);
    let c = coding(&p, base.chat, "Congratulations", base.resonance, base.lin);
    put(&mut p, c);
    Base { project: p, ..base }
}

type Key = (String, String, String, CharRange);

/// Every coding as (document name, coder name, code name, range).
fn keys(p: &Project) -> Vec<Key> {
    let mut v: Vec<Key> = p
        .codings()
        .values()
        .map(|c| {
            (
                p.document(c.document).unwrap().name.clone(),
                p.coder(c.coder).unwrap().name.clone(),
                p.code(c.code).unwrap().name.clone(),
                c.range,
            )
        })
        .collect();
    v.sort();
    v
}

fn assert_no_duplicates(p: &Project) {
    let all = keys(p);
    let unique: BTreeSet<&Key> = all.iter().collect();
    assert_eq!(all.len(), unique.len(), "duplicate codings after merge");
}

/// Two copies that went separate ways, as two coders would.
fn two_copies() -> (Base, Project, Project) {
    let b = base();
    let mut ours = b.project.clone();
    let mut theirs = b.project.clone();

    // Ours: Lin codes more, renames a code, codes field notes she imported herself.
    code(
        &mut ours,
        b.g1,
        "Now I help the new ones.",
        b.resonance,
        b.lin,
    );
    let mut renamed = ours.code(b.resonance).unwrap().clone();
    renamed.name = "Emotional resonance".into();
    ours.apply(Edit::PutCode(renamed)).unwrap();
    let notes = Document::new("Field notes", DocumentKind::Notes, NOTES);
    let notes_ours = notes.id;
    ours.apply(Edit::PutDocument(Box::new(notes))).unwrap();
    code(
        &mut ours,
        notes_ours,
        "Someone brought tea.",
        b.resonance,
        b.lin,
    );

    // Theirs: Wei codes, adds an in-vivo code, a case with a document, a region attribute,
    // moves one of his codings, adds a note to one of Lin's, comments, and imports the same
    // field notes under another id.
    code(&mut theirs, b.g1, "I help the new ones", b.resonance, b.wei);
    code(&mut theirs, b.chat, "you graduated", b.resonance, b.wei);
    let mut graduate = Code::new("Graduate", Color::palette(5), SortKey("a".into()));
    graduate.parent = Some(b.resonance);
    graduate.in_vivo = true;
    let graduate_id = graduate.id;
    theirs.apply(Edit::PutCode(graduate)).unwrap();
    code(&mut theirs, b.chat, "graduated", graduate_id, b.wei);
    let region = AttributeDef {
        id: AttributeId::new(),
        name: "region".into(),
        kind: AttributeKind::Text,
        sort_key: SortKey("b".into()),
    };
    let mut g1_case = theirs.case(b.g1_case).unwrap().clone();
    g1_case
        .values
        .insert(region.id, Value::Text("Beijing".into()));
    let mut g2_case = Case::new("G2");
    g2_case.values.insert(b.age, Value::Number(32.0));
    let mut g2 = Document::new(
        "G2 interview",
        DocumentKind::Interview,
        "G2: We call it graduating.\n",
    );
    g2.case = Some(g2_case.id);
    let g2_id = g2.id;
    theirs
        .apply(Edit::Batch(vec![
            Edit::PutAttribute(region),
            Edit::PutCase(g1_case),
            Edit::PutCase(g2_case),
            Edit::PutDocument(Box::new(g2)),
        ]))
        .unwrap();
    let g2_coding = code(&mut theirs, g2_id, "graduating", graduate_id, b.wei);
    theirs
        .apply(Edit::comment_on_coding(g2_coding, b.wei, "in vivo"))
        .unwrap();
    let mut moved = theirs.coding(b.wei_first).unwrap().clone();
    moved.range = at(G1, "I felt alone");
    theirs.apply(Edit::PutCoding(Box::new(moved))).unwrap();
    let mut annotated = theirs.coding(b.lin_first).unwrap().clone();
    annotated.memo = Some("Screening, not a nurse?".into());
    theirs.apply(Edit::PutCoding(Box::new(annotated))).unwrap();
    theirs
        .apply(Edit::comment_on_coding(
            b.lin_first,
            b.wei,
            "I would code loneliness too",
        ))
        .unwrap();
    let notes = Document::new("Field notes", DocumentKind::Notes, NOTES);
    let notes_theirs = notes.id;
    theirs.apply(Edit::PutDocument(Box::new(notes))).unwrap();
    code(
        &mut theirs,
        notes_theirs,
        "Members met by the lake",
        b.identity,
        b.wei,
    );
    (b, ours, theirs)
}

#[test]
fn merging_loses_nothing_and_doubles_nothing() {
    let (b, mut ours, theirs) = two_copies();
    let before = keys(&ours);
    let (edit, report) = merge(&ours, &theirs);
    ours.apply(edit).unwrap();

    assert_eq!(report.coders_added, 0);
    assert_eq!(report.codes_added, 1);
    assert_eq!(report.attributes_added, 1);
    assert_eq!(report.cases_added, 1);
    assert_eq!(report.cases_completed, 1);
    assert_eq!(report.documents_added, 1);
    assert_eq!(report.documents_matched_by_text, 1);
    assert_eq!(report.documents_copied, 0);
    // Wei's four new codings on shared documents and one on G2.
    assert_eq!(report.codings_added, 5);
    // Wei's moved coding: both versions.
    assert_eq!(report.codings_kept_both, 1);
    assert_eq!(report.codings_notes_joined, 1);
    assert_eq!(report.memos_added, 2);
    assert_eq!(report.memos_present, 1);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("Emotional resonance"))
    );

    // Everything ours had is still there, unchanged.
    let after = keys(&ours);
    for k in &before {
        assert!(after.contains(k), "lost {k:?}");
    }
    // Everything theirs had is there too (code names as this project names them).
    let rename = |mut k: Key| {
        if k.2 == "Resonance" {
            k.2 = "Emotional resonance".into();
        }
        k
    };
    for k in keys(&theirs).into_iter().map(rename) {
        assert!(after.contains(&k), "missing {k:?}");
    }
    assert_eq!(after.len(), before.len() + 6);
    assert_no_duplicates(&ours);

    // Wei's field-notes coding now sits on this project's copy of the document.
    let notes: Vec<&Document> = ours
        .documents()
        .values()
        .filter(|d| d.name == "Field notes")
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(ours.codings_of(notes[0].id).count(), 2);
    // Lin's coding carries both notes, and Wei's comment on it.
    let lin_first = ours.coding(b.lin_first).unwrap();
    assert_eq!(lin_first.memo.as_deref(), Some("Screening, not a nurse?"));
    assert_eq!(ours.memos_on(MemoTarget::Coding(b.lin_first)).len(), 1);
    // The case gained the region, kept its age.
    let g1_case = ours.case(b.g1_case).unwrap();
    assert_eq!(g1_case.values.len(), 2);
    assert_eq!(g1_case.values[&b.age], Value::Number(28.0));
    // The other copy's code came in under its parent.
    let graduate = ours.code_named("Graduate").unwrap();
    assert_eq!(graduate.parent, Some(b.resonance));
    let _ = b.chat;
}

#[test]
fn merging_twice_changes_nothing() {
    let (_, mut ours, theirs) = two_copies();
    let (edit, _) = merge(&ours, &theirs);
    ours.apply(edit).unwrap();
    let once = keys(&ours);
    let memos = ours.memos().len();
    let (edit, report) = merge(&ours, &theirs);
    assert!(report.is_empty(), "{report:#?}");
    assert!(edit.is_empty(), "{edit:#?}");
    ours.apply(edit).unwrap();
    assert_eq!(keys(&ours), once);
    assert_eq!(ours.memos().len(), memos);
}

#[test]
fn merging_both_ways_converges() {
    let (_, ours, theirs) = two_copies();
    let mut a = ours.clone();
    a.apply(merge(&ours, &theirs).0).unwrap();
    let mut b = theirs.clone();
    b.apply(merge(&theirs, &ours).0).unwrap();
    // The same codings on both sides; only the renamed code's name differs.
    let normalise = |p: &Project| -> Vec<Key> {
        let mut v: Vec<Key> = keys(p)
            .into_iter()
            .map(|mut k| {
                k.2 = k.2.replace("Emotional resonance", "Resonance");
                k
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(normalise(&a), normalise(&b));
    assert_no_duplicates(&a);
    assert_no_duplicates(&b);
}

#[test]
fn a_changed_text_is_reanchored_or_kept_as_a_copy() {
    let b = base();
    let ours = b.project.clone();

    // The other copy's chat gained a line at the top: its codings move with their text.
    let mut shifted = b.project.clone();
    let mut chat = shifted.document(b.chat).unwrap().clone();
    let added = "2024-05-03 07:59:00 G9\nMorning!\n\n";
    chat.text = format!("{added}{CHAT}").into();
    let shift = added.chars().count();
    let relocated: Vec<Coding> = shifted
        .codings_of(b.chat)
        .map(|c| {
            let mut c = c.clone();
            c.range = CharRange::new(c.range.start + shift, c.range.end + shift);
            c
        })
        .collect();
    let mut edits: Vec<Edit> = vec![Edit::PutDocument(Box::new(chat))];
    edits.extend(relocated.into_iter().map(|c| Edit::PutCoding(Box::new(c))));
    shifted.apply(Edit::Batch(edits)).unwrap();
    let (edit, report) = merge(&ours, &shifted);
    assert_eq!(report.codings_reanchored, 1);
    assert_eq!(report.documents_copied, 0);
    assert!(
        edit.is_empty(),
        "the re-anchored coding is the one we have: {edit:#?}"
    );

    // The other copy rewrote a message and coded the new words: they cannot be placed on our
    // text, so its version of the document comes in whole, as a copy.
    let mut rewritten = b.project.clone();
    let mut chat = rewritten.document(b.chat).unwrap().clone();
    let text = CHAT.replace("Results are back, all normal!", "Scan results: clear.");
    chat.text = text.as_str().into();
    let moved: Vec<Edit> = rewritten
        .codings_of(b.chat)
        .map(|c| {
            let mut c = c.clone();
            c.range = at(&text, "Congratulations");
            c.anchor = margin::model::Anchor::capture(&chat.text, c.range);
            Edit::PutCoding(Box::new(c))
        })
        .collect();
    let mut edits = vec![Edit::PutDocument(Box::new(chat))];
    edits.extend(moved);
    rewritten.apply(Edit::Batch(edits)).unwrap();
    let new_words = coding(&rewritten, b.chat, "clear", b.identity, b.wei);
    put(&mut rewritten, new_words);

    let mut merged = ours.clone();
    let (edit, report) = merge(&merged, &rewritten);
    merged.apply(edit).unwrap();
    assert_eq!(report.documents_copied, 1);
    let copy = merged
        .documents()
        .values()
        .find(|d| d.name == "Chat May (other copy)")
        .unwrap();
    assert_eq!(copy.text.as_str(), text);
    assert_eq!(merged.codings_of(copy.id).count(), 2);
    assert_eq!(merged.document(b.chat).unwrap().text.as_str(), CHAT);
    assert_eq!(merged.codings_of(b.chat).count(), 1);
    // Merging again finds the copy by its text.
    let (edit, report) = merge(&merged, &rewritten);
    assert!(report.is_empty(), "{report:#?}");
    assert!(edit.is_empty());
}

#[test]
fn merging_into_an_empty_project_brings_everything() {
    let (_, _, theirs) = two_copies();
    let mut empty = Project::new(Manifest::new("empty"));
    let (edit, report) = merge(&empty, &theirs);
    empty.apply(edit).unwrap();
    assert_eq!(keys(&empty), keys(&theirs));
    assert_eq!(empty.memos().len(), theirs.memos().len());
    assert_eq!(empty.cases().len(), theirs.cases().len());
    assert_eq!(report.codings_added, theirs.codings().len());
    let ids: HashMap<DocumentId, &str> = empty
        .documents()
        .values()
        .map(|d| (d.id, d.name.as_str()))
        .collect();
    for d in theirs.documents().values() {
        assert_eq!(ids[&d.id], d.name, "documents keep their ids");
    }
}
