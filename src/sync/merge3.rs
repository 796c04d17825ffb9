//! Three-way merge of two copies of a project that share an ancestor: the teammate's copy
//! (`theirs`) into this one (`ours`), entity by entity (by id). What only one side changed is
//! taken as that side has it, removals included; what both changed differently is kept so that
//! no work is lost and both values stay visible:
//! - a coding changed on both sides is kept twice (theirs comes in under a new id);
//! - a memo edited on both sides is kept twice (theirs as a second memo on the same target);
//! - a code renamed (or recoloured, moved, described) on both sides keeps ours, and its
//!   description records the name theirs gave it;
//! - an entity one side removed and the other changed is kept, as changed, but for a coding
//!   whose only change is its code (a merge of codes recoded it): the removal stands;
//! - a coding recoded differently on both sides (each merged its code elsewhere) keeps ours;
//! - a coder both sides added under the same name (the consensus coder, made by the first
//!   decision on each side) is one coder, ours;
//! - anything else changed twice (a document's text, a case, a coder) keeps ours; the report
//!   says so.
//!
//! Finally every reference is made to hold: a coding whose code, document or coder is gone
//! brings it back (from whichever side has it), as does a memo on something gone, so a
//! teammate's new codings survive the deletion or merging away of their code elsewhere.

use std::collections::BTreeMap;

use crate::model::{
    Anchor, AttributeDef, Case, Code, CodeId, Coder, Coding, CodingId, Document, Edit, EditError,
    Manifest, Memo, MemoId, MemoTarget, Project, SavedQuery, Splice,
};

/// What a three-way merge did beyond taking each side's own changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged3 {
    /// What was changed on both sides and how it was kept, one line each.
    pub kept_both: Vec<String>,
    /// Entities brought back because something kept still refers to them.
    pub restored: Vec<String>,
}

/// How to settle an entity both sides changed.
enum Both<V> {
    /// Keep this value.
    Keep(V),
    /// Keep ours and add this one as well (a second entity under a new id).
    KeepOursAndAdd(V, V),
}

/// Merge `theirs` into `ours` given their common `base`; returns the merged project and what
/// was settled beyond each side's own changes.
pub fn merge3(
    base: &Project,
    ours: &Project,
    theirs: &Project,
) -> Result<(Project, Merged3), EditError> {
    let mut report = Merged3::default();
    let code_name = |p: &Project, id: CodeId| p.code_path(id);

    let same_coder = same_new_coders(base, ours, theirs);
    let mut their_coders = theirs.coders().clone();
    their_coders.retain(|id, _| !same_coder.contains_key(id));
    let mut their_codings = theirs.codings().clone();
    let mut their_memos = theirs.memos().clone();
    if !same_coder.is_empty() {
        for c in their_codings.values_mut() {
            c.coder = *same_coder.get(&c.coder).unwrap_or(&c.coder);
        }
        for m in their_memos.values_mut() {
            m.author = m.author.map(|a| *same_coder.get(&a).unwrap_or(&a));
        }
    }

    let coders = three_way(
        base.coders(),
        ours.coders(),
        &their_coders,
        |o: &Coder, _| Both::Keep(o.clone()),
        never,
    );
    let attributes = three_way(
        base.attributes(),
        ours.attributes(),
        theirs.attributes(),
        |o: &AttributeDef, _| Both::Keep(o.clone()),
        never,
    );
    let cases = three_way(
        base.cases(),
        ours.cases(),
        theirs.cases(),
        |o: &Case, t| {
            report.kept_both.push(format!(
                "case {:?}: changed on both sides, ours kept ({:?} theirs)",
                o.name, t.name
            ));
            Both::Keep(o.clone())
        },
        never,
    );
    let mut codebook = three_way(
        base.codes(),
        ours.codes(),
        theirs.codes(),
        |o: &Code, t| {
            let mut kept = o.clone();
            if o.name != t.name {
                let note = format!("Also named “{}” in a teammate's copy (sync).", t.name);
                if !kept.description.contains(&note) {
                    if !kept.description.is_empty() {
                        kept.description.push('\n');
                    }
                    kept.description.push_str(&note);
                }
                report.kept_both.push(format!(
                "code {:?} was renamed on both sides; the other name, {:?}, is in its description",
                o.name, t.name
            ));
            }
            Both::Keep(kept)
        },
        never,
    );
    let mut documents = three_way(
        base.documents(),
        ours.documents(),
        theirs.documents(),
        |o: &Document, _| {
            report.kept_both.push(format!(
                "document {:?} was changed on both sides; ours kept",
                o.name
            ));
            Both::Keep(o.clone())
        },
        never,
    );
    let mut codings = three_way(
        base.codings(),
        ours.codings(),
        &their_codings,
        |o: &Coding, t| {
            if recoded_only(o, t) {
                report.kept_both.push(format!(
                    "a coding was recoded on both sides (to {:?} and {:?}); {:?} kept",
                    code_name(ours, o.code),
                    code_name(theirs, t.code),
                    code_name(ours, o.code)
                ));
                return Both::Keep(o.clone());
            }
            let mut second = t.clone();
            second.id = CodingId::new();
            report.kept_both.push(format!(
                "a coding with {:?} was changed on both sides; both versions kept",
                code_name(ours, o.code)
            ));
            Both::KeepOursAndAdd(o.clone(), second)
        },
        recoded_only,
    );
    follow_texts([base, ours, theirs], &documents, &mut codings, &mut report);
    let memos = three_way(
        base.memos(),
        ours.memos(),
        &their_memos,
        |o: &Memo, t| {
            let mut second = t.clone();
            second.id = MemoId::new();
            report
                .kept_both
                .push("a memo was edited on both sides; both texts kept".to_owned());
            Both::KeepOursAndAdd(o.clone(), second)
        },
        never,
    );

    // Every reference holds: bring back what something kept still names.
    let sides = [ours, theirs];
    let restore_code = |id: CodeId, codes: &mut BTreeMap<CodeId, Code>, report: &mut Merged3| {
        let mut next = Some(id);
        while let Some(id) = next.filter(|id| !codes.contains_key(id)) {
            let Some(code) = sides.iter().find_map(|p| p.code(id)) else {
                break;
            };
            report.restored.push(format!("code {:?}", code.name));
            next = code.parent;
            codes.insert(id, code.clone());
        }
    };
    let mut restored_coders = Vec::new();
    for coding in codings.values() {
        restore_code(coding.code, &mut codebook, &mut report);
        if !documents.contains_key(&coding.document)
            && let Some(doc) = sides.iter().find_map(|p| p.document(coding.document))
        {
            report.restored.push(format!("document {:?}", doc.name));
            documents.insert(doc.id, doc.clone());
        }
        restored_coders.push(coding.coder);
    }
    let mut memos = memos;
    memos.retain(|_, m| match m.target {
        MemoTarget::Project => true,
        MemoTarget::Document(d) => documents.contains_key(&d),
        MemoTarget::Code(c) => {
            restore_code(c, &mut codebook, &mut report);
            codebook.contains_key(&c)
        }
        MemoTarget::Coding(c) => codings.contains_key(&c),
        MemoTarget::Summary { case, code } => {
            restore_code(code, &mut codebook, &mut report);
            codebook.contains_key(&code) && cases.contains_key(&case)
        }
    });
    let mut coders = coders;
    for id in restored_coders
        .into_iter()
        .chain(memos.values().filter_map(|m| m.author))
    {
        if !coders.contains_key(&id)
            && let Some(c) = sides.iter().find_map(|p| p.coder(id))
        {
            coders.insert(id, c.clone());
        }
    }
    // Codings whose code could not be found on either side cannot be kept (cannot happen
    // between two loadable copies).
    codings.retain(|_, c| codebook.contains_key(&c.code) && documents.contains_key(&c.document));

    let mut manifest = if ours.manifest() == base.manifest() {
        theirs.manifest()
    } else {
        ours.manifest()
    }
    .clone();
    manifest.queries = saved_queries(base.manifest(), ours.manifest(), theirs.manifest());
    let target = Target {
        coders,
        attributes,
        cases,
        codes: codebook,
        documents,
        codings,
        memos,
    };
    // The target is consistent by construction; a refusal would be a bug in the rules above,
    // and the caller keeps this copy as it is rather than half-merged.
    let merged = target.into_project(manifest)?;
    Ok((merged, report))
}

/// Codings placed on one side's text of a document whose merged text is the other side's (a
/// teammate edited the text, issue 16) move with the text by the same rule as an edit in the
/// window (`model::Splice`): from their side's text back to the common ancestor's, then to the
/// merged text, through a character diff of the two. A coding whose whole text
/// the other side deleted is dropped, and the report says so.
fn follow_texts(
    [base, ours, theirs]: [&Project; 3],
    documents: &BTreeMap<crate::model::DocumentId, Document>,
    codings: &mut BTreeMap<CodingId, Coding>,
    report: &mut Merged3,
) {
    let mut dropped = 0;
    codings.retain(|id, c| {
        let (Some(doc), Some(old)) = (documents.get(&c.document), base.document(c.document)) else {
            return true;
        };
        // Ours as ours has it; anything else (theirs, or theirs kept as a second copy) theirs.
        let from = if ours.coding(*id) == Some(&*c) {
            ours
        } else {
            theirs
        };
        let Some(side) = from.document(c.document) else {
            return true;
        };
        if side.text == doc.text {
            return true;
        }
        let back = Splice::between(old.text.as_str(), side.text.as_str());
        let forward = Splice::between(old.text.as_str(), doc.text.as_str());
        let range = Splice::coding_through(&forward, Splice::coding_back(&back, c.range));
        if range.is_empty() || range.end > doc.text.char_len() {
            dropped += 1;
            return false;
        }
        c.range = range;
        c.anchor = Anchor::capture(&doc.text, range);
        true
    });
    if dropped > 0 {
        report.kept_both.push(format!(
            "{dropped} coding(s) on text a teammate deleted could not be kept"
        ));
    }
}

/// A removal never outweighs a change.
fn never<V>(_: &V, _: &V) -> bool {
    false
}

/// True when `a` and `b` differ only by what a change to the codebook does to a coding (its
/// code, and the anchor kept to find its text again): the same work of the same coder.
fn recoded_only(a: &Coding, b: &Coding) -> bool {
    (a.document, a.range, &a.memo, a.coder, a.created)
        == (b.document, b.range, &b.memo, b.coder, b.created)
}

/// Coders added on both sides under the same name: theirs' id to ours'.
fn same_new_coders(
    base: &Project,
    ours: &Project,
    theirs: &Project,
) -> BTreeMap<crate::model::CoderId, crate::model::CoderId> {
    let new = |p: &Project| -> Vec<Coder> {
        p.coders()
            .values()
            .filter(|c| base.coder(c.id).is_none())
            .cloned()
            .collect()
    };
    let ours_new = new(ours);
    new(theirs)
        .into_iter()
        .filter(|t| ours.coder(t.id).is_none())
        .filter_map(|t| {
            ours_new
                .iter()
                .find(|o| o.name == t.name)
                .map(|o| (t.id, o.id))
        })
        .collect()
}

/// Merge one kind of entity by id; `removal_wins(base, changed)` says when a removal on one
/// side outweighs a change on the other.
fn three_way<K: Ord + Copy, V: Clone + PartialEq + Keyed<K>>(
    base: &BTreeMap<K, V>,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
    mut both: impl FnMut(&V, &V) -> Both<V>,
    removal_wins: impl Fn(&V, &V) -> bool,
) -> BTreeMap<K, V> {
    let mut out = BTreeMap::new();
    let keys: std::collections::BTreeSet<K> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .copied()
        .collect();
    for k in keys {
        let (b, o, t) = (base.get(&k), ours.get(&k), theirs.get(&k));
        let kept: Vec<V> = if o == t || t == b {
            o.cloned().into_iter().collect()
        } else if o == b {
            t.cloned().into_iter().collect()
        } else {
            match (o, t) {
                // Removed on one side, changed on the other: keep it, changed (unless the
                // change was incidental).
                (None, Some(v)) | (Some(v), None) => match b {
                    Some(b) if removal_wins(b, v) => Vec::new(),
                    _ => vec![v.clone()],
                },
                (Some(o), Some(t)) => match both(o, t) {
                    Both::Keep(v) => vec![v],
                    Both::KeepOursAndAdd(o, extra) => vec![o, extra],
                },
                (None, None) => Vec::new(),
            }
        };
        for v in kept {
            out.insert(v.key(), v);
        }
    }
    out
}

/// An entity's id.
trait Keyed<K> {
    fn key(&self) -> K;
}

macro_rules! keyed {
    ($t:ty, $k:ty) => {
        impl Keyed<$k> for $t {
            fn key(&self) -> $k {
                self.id
            }
        }
    };
}
keyed!(Coder, crate::model::CoderId);
keyed!(AttributeDef, crate::model::AttributeId);
keyed!(Case, crate::model::CaseId);
keyed!(Code, CodeId);
keyed!(Document, crate::model::DocumentId);
keyed!(Coding, CodingId);
keyed!(Memo, MemoId);

/// The merged entities, before they are a project.
struct Target {
    coders: BTreeMap<crate::model::CoderId, Coder>,
    attributes: BTreeMap<crate::model::AttributeId, AttributeDef>,
    cases: BTreeMap<crate::model::CaseId, Case>,
    codes: BTreeMap<CodeId, Code>,
    documents: BTreeMap<crate::model::DocumentId, Document>,
    codings: BTreeMap<CodingId, Coding>,
    memos: BTreeMap<MemoId, Memo>,
}

impl Target {
    /// The merged project.
    fn into_project(self, manifest: Manifest) -> Result<Project, EditError> {
        let mut project = Project::new(manifest);
        let mut puts: Vec<Edit> = Vec::new();
        puts.extend(self.coders.into_values().map(Edit::PutCoder));
        puts.extend(self.attributes.into_values().map(Edit::PutAttribute));
        puts.extend(self.cases.into_values().map(Edit::PutCase));
        puts.extend(parents_first(&self.codes).into_iter().map(Edit::PutCode));
        puts.extend(
            self.documents
                .into_values()
                .map(|d| Edit::PutDocument(Box::new(d))),
        );
        puts.extend(
            self.codings
                .into_values()
                .map(|c| Edit::PutCoding(Box::new(c))),
        );
        puts.extend(self.memos.into_values().map(Edit::PutMemo));
        project.apply(Edit::Batch(puts))?;
        project.take_touched();
        Ok(project)
    }
}

/// Codes ordered so that every parent comes before its children.
fn parents_first(codes: &BTreeMap<CodeId, Code>) -> Vec<Code> {
    let depth = |c: &Code| {
        let mut d = 0;
        let mut next = c.parent;
        while let Some(p) = next {
            d += 1;
            next = codes.get(&p).and_then(|c| c.parent);
            if d > codes.len() {
                break;
            }
        }
        d
    };
    let mut v: Vec<(usize, Code)> = codes.values().map(|c| (depth(c), c.clone())).collect();
    v.sort_by_key(|(d, c)| (*d, c.id));
    v.into_iter().map(|(_, c)| c).collect()
}

/// The saved queries, name by name: each side's own change taken (a removal included), ours
/// where both changed one; in our order, then theirs' new ones.
fn saved_queries(base: &Manifest, ours: &Manifest, theirs: &Manifest) -> Vec<SavedQuery> {
    let find = |m: &Manifest, name: &str| m.queries.iter().find(|q| q.name == name).cloned();
    let mut names: Vec<&str> = Vec::new();
    for q in ours
        .queries
        .iter()
        .chain(&theirs.queries)
        .chain(&base.queries)
    {
        if !names.contains(&q.name.as_str()) {
            names.push(&q.name);
        }
    }
    names
        .into_iter()
        .filter_map(|name| {
            let (b, o) = (find(base, name), find(ours, name));
            if o == b { find(theirs, name) } else { o }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(queries: &[(&str, &str)]) -> Manifest {
        let mut m = Manifest::new("p");
        m.queries = queries
            .iter()
            .map(|(name, query)| SavedQuery {
                name: (*name).into(),
                query: (*query).into(),
            })
            .collect();
        m
    }

    #[test]
    fn saved_queries_merge_name_by_name() {
        let base = with(&[
            ("kept", "A"),
            ("changed by us", "B"),
            ("removed by them", "C"),
        ]);
        let ours = with(&[
            ("kept", "A"),
            ("changed by us", "B AND D"),
            ("removed by them", "C"),
            ("ours", "E"),
        ]);
        let theirs = with(&[("kept", "A"), ("changed by us", "B AND X"), ("theirs", "F")]);
        let merged: Vec<(String, String)> = saved_queries(&base, &ours, &theirs)
            .into_iter()
            .map(|q| (q.name, q.query))
            .collect();
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter().map(|(a, b)| ((*a).into(), (*b).into())).collect()
        };
        assert_eq!(
            merged,
            pairs(&[
                ("kept", "A"),
                ("changed by us", "B AND D"),
                ("ours", "E"),
                ("theirs", "F"),
            ])
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod text_tests {
    use super::*;
    use crate::model::{CharRange, Color, DocumentKind, SortKey, TextEdit};

    #[test]
    fn codings_added_on_one_side_follow_a_text_the_other_side_edited() {
        let mut base = Project::new(Manifest::new("t"));
        let coder = Coder::new("lin", Color::palette(0));
        let code = Code::new("c", Color::palette(1), SortKey::after(None));
        let doc = Document::new("d", DocumentKind::Notes, "我们都是病友 def ghi");
        let (d, k, cd) = (doc.id, code.id, coder.id);
        base.apply(Edit::Batch(vec![
            Edit::PutCoder(coder),
            Edit::PutCode(code),
            Edit::PutDocument(Box::new(doc)),
        ]))
        .unwrap();
        let text = base.document(d).unwrap().text.clone();
        let mut ours = base.clone();
        let kept = Coding::new(d, &text, CharRange::new(7, 10), k, cd);
        let lost = Coding::new(d, &text, CharRange::new(2, 4), k, cd);
        let (kept_id, lost_id) = (kept.id, lost.id);
        ours.apply(Edit::Batch(vec![
            Edit::PutCoding(Box::new(kept)),
            Edit::PutCoding(Box::new(lost)),
        ]))
        .unwrap();
        // The teammate replaced 都是 by 😀 and added a line at the top.
        let mut theirs = base.clone();
        theirs
            .apply(TextEdit::new(d, CharRange::new(2, 4), "😀").into_edit())
            .unwrap();
        theirs
            .apply(TextEdit::new(d, CharRange::new(0, 0), "新的一行\n").into_edit())
            .unwrap();
        let (merged, report) = merge3(&base, &ours, &theirs).unwrap();
        let doc = merged.document(d).unwrap();
        assert_eq!(doc.text.as_str(), "新的一行\n我们😀病友 def ghi");
        let kept = merged.coding(kept_id).unwrap();
        assert_eq!(doc.text.slice(kept.range), "def");
        assert_eq!(kept.anchor.head, "def");
        // Its whole text replaced: it covers the replacement, as in the window.
        let replaced = merged.coding(lost_id).unwrap();
        assert_eq!(doc.text.slice(replaced.range), "😀");
        assert!(report.kept_both.is_empty(), "{report:?}");
        // Text one side deleted takes the other side's new coding on it away, and says so.
        let mut theirs = base.clone();
        theirs
            .apply(TextEdit::new(d, CharRange::new(0, 6), "").into_edit())
            .unwrap();
        let (merged, report) = merge3(&base, &ours, &theirs).unwrap();
        assert!(merged.coding(lost_id).is_none());
        let kept = merged.coding(kept_id).unwrap();
        assert_eq!(merged.document(d).unwrap().text.slice(kept.range), "def");
        assert_eq!(report.kept_both.len(), 1, "{report:?}");
    }
}
