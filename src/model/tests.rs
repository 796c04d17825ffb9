//! Tests of the edit rules and undo/redo.

use super::*;

fn small() -> (Project, DocumentId, CodeId, CoderId) {
    let mut p = Project::new(Manifest::new("t"));
    let coder = Coder::new("lin", Color::palette(0));
    let code = Code::new("identity", Color::palette(1), SortKey::after(None));
    let doc = Document::new(
        "G8",
        DocumentKind::Interview,
        "访谈者：你好😀\nG8：我们都毕业了。",
    );
    let ids = (doc.id, code.id, coder.id);
    p.apply(Edit::Batch(vec![
        Edit::PutCoder(coder),
        Edit::PutCode(code),
        Edit::PutDocument(Box::new(doc)),
    ]))
    .unwrap();
    (p, ids.0, ids.1, ids.2)
}

#[test]
fn codings_are_checked_against_their_document_code_and_coder() {
    let (mut p, doc, code, coder) = small();
    let text = p.document(doc).unwrap().text.clone();
    let past_end = Coding::new(doc, &text, CharRange::new(5, 99), code, coder);
    assert!(matches!(
        p.apply(Edit::PutCoding(Box::new(past_end))),
        Err(EditError::OutOfRange { len: 18, .. })
    ));
    let unknown = Coding::new(doc, &text, CharRange::new(0, 3), CodeId::new(), coder);
    assert!(matches!(
        p.apply(Edit::PutCoding(Box::new(unknown))),
        Err(EditError::Missing(_))
    ));
    assert!(p.codings().is_empty());
}

#[test]
fn undo_and_redo_restore_exact_states() {
    let (mut p, doc, code, coder) = small();
    let mut h = History::new();
    let text = p.document(doc).unwrap().text.clone();
    let c = Coding::new(doc, &text, CharRange::new(11, 18), code, coder);
    let cid = c.id;
    h.apply(&mut p, "Code", Edit::PutCoding(Box::new(c)))
        .unwrap();
    let mut child = Code::new("child", Color::palette(2), SortKey::after(None));
    child.parent = Some(code);
    h.apply(&mut p, "New code", Edit::PutCode(child)).unwrap();
    let before_delete = (p.codes().clone(), p.codings().clone());
    let delete = Edit::delete_code(&p, code);
    h.apply(&mut p, "Delete code", delete).unwrap();
    assert!(p.codes().is_empty() && p.codings().is_empty());
    assert_eq!(h.undo(&mut p).unwrap().as_deref(), Some("Delete code"));
    assert_eq!((p.codes().clone(), p.codings().clone()), before_delete);
    assert_eq!(p.codings_of(doc).count(), 1);
    h.redo(&mut p).unwrap();
    assert!(p.codes().is_empty());
    h.undo(&mut p).unwrap();
    h.undo(&mut p).unwrap();
    h.undo(&mut p).unwrap();
    assert!(p.coding(cid).is_none());
    assert_eq!(h.undo(&mut p).unwrap(), None);
}

#[test]
fn a_failing_batch_changes_nothing() {
    let (mut p, doc, code, coder) = small();
    let text = p.document(doc).unwrap().text.clone();
    let good = Coding::new(doc, &text, CharRange::new(0, 3), code, coder);
    let bad = Coding::new(doc, &text, CharRange::new(0, 300), code, coder);
    assert!(
        p.apply(Edit::Batch(vec![
            Edit::PutCoding(Box::new(good)),
            Edit::PutCoding(Box::new(bad))
        ]))
        .is_err()
    );
    assert!(p.codings().is_empty());
    assert_eq!(p.codings_of(doc).count(), 0);
}

#[test]
fn merging_codes_moves_codings_and_children_and_drops_duplicates() {
    let (mut p, doc, a, coder) = small();
    let b = Code::new("b", Color::palette(3), SortKey::after(None));
    let bid = b.id;
    let mut child = Code::new("child of b", Color::palette(4), SortKey::after(None));
    child.parent = Some(bid);
    let child_id = child.id;
    p.apply(Edit::PutCode(b)).unwrap();
    p.apply(Edit::PutCode(child)).unwrap();
    let text = p.document(doc).unwrap().text.clone();
    let same = CharRange::new(0, 3);
    for (code, range) in [(a, same), (bid, same), (bid, CharRange::new(5, 9))] {
        p.apply(Edit::PutCoding(Box::new(Coding::new(
            doc, &text, range, code, coder,
        ))))
        .unwrap();
    }
    let merge = Edit::merge_codes(&p, bid, a);
    p.apply(merge).unwrap();
    assert!(p.code(bid).is_none());
    assert_eq!(p.code(child_id).unwrap().parent, Some(a));
    let mut ranges: Vec<_> = p.codings().values().map(|c| (c.code, c.range)).collect();
    ranges.sort();
    assert_eq!(ranges, vec![(a, same), (a, CharRange::new(5, 9))]);
}

#[test]
fn codes_cannot_form_cycles() {
    let (mut p, _, a, _) = small();
    let mut b = Code::new("b", Color::palette(3), SortKey::after(None));
    b.parent = Some(a);
    let bid = b.id;
    p.apply(Edit::PutCode(b)).unwrap();
    let mut a2 = p.code(a).unwrap().clone();
    a2.parent = Some(bid);
    assert_eq!(p.apply(Edit::PutCode(a2)), Err(EditError::Cycle(a)));
}

#[test]
fn edits_record_what_must_be_saved() {
    let (mut p, doc, code, coder) = small();
    p.take_touched();
    let text = p.document(doc).unwrap().text.clone();
    p.apply(Edit::PutCoding(Box::new(Coding::new(
        doc,
        &text,
        CharRange::new(0, 2),
        code,
        coder,
    ))))
    .unwrap();
    assert_eq!(
        p.take_touched().into_iter().collect::<Vec<_>>(),
        vec![EntityKey::Codings(coder, doc)]
    );
}
