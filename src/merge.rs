//! Merging another copy of a project into this one, for teams that share copies rather than a
//! git repository: each coder codes a copy, and one of them brings the other's work in.
//!
//! The rule is that no work is lost and nothing is doubled (docs/agreement.md, "Merging"):
//! - Everything is matched by id first: the same UUID is the same entity. Entities only the
//!   other copy has are added; where both copies have one with different content, this
//!   project's version stays (codes, coders, cases, attribute definitions, documents' metadata)
//!   and the report says so, except where keeping only ours would lose work:
//! - A coding whose id both copies have but whose place or code differs is kept twice: the other
//!   copy's version comes in as a new coding. Different notes on the same coding are joined.
//! - A coding the other copy has under another id but at the same place, with the same code,
//!   by the same coder, is the same coding: it is not added again.
//! - Documents with different ids but the same text are one document: the other copy's codings
//!   are moved onto ours. A document whose text differs under the same id keeps our text; the
//!   other copy's codings are re-anchored onto it, or, if any cannot be placed, the other copy's
//!   document comes in as a separate copy with all its codings.
//! - Memos are kept both when they differ; a case gains the attribute values only the other
//!   copy has.
//! - Nothing is ever removed: a coding deleted in one copy but kept in the other comes back.
//!
//! Merging the same copy twice changes nothing the second time.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::model::{
    Anchor, CharRange, CodeId, CoderId, Coding, CodingId, Document, DocumentId, Edit, Memo, MemoId,
    MemoTarget, Placement, Project,
};

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// Coders added.
    pub coders_added: usize,
    /// Codes added.
    pub codes_added: usize,
    /// Attribute definitions added.
    pub attributes_added: usize,
    /// Cases added.
    pub cases_added: usize,
    /// Cases that gained attribute values only the other copy had.
    pub cases_completed: usize,
    /// Documents added.
    pub documents_added: usize,
    /// Documents matched by their text although their ids differ.
    pub documents_matched_by_text: usize,
    /// Documents whose text differs under the same id, added as separate copies.
    pub documents_copied: usize,
    /// Codings added.
    pub codings_added: usize,
    /// Codings both copies already had.
    pub codings_present: usize,
    /// Codings whose two versions differ, the other copy's added as a new coding.
    pub codings_kept_both: usize,
    /// Codings whose notes were joined.
    pub codings_notes_joined: usize,
    /// Codings placed by re-anchoring onto this project's text of their document.
    pub codings_reanchored: usize,
    /// Memos added (comments included).
    pub memos_added: usize,
    /// Memos both copies already had.
    pub memos_present: usize,
    /// Memos whose two versions differ, the other copy's added as a new memo.
    pub memos_kept_both: usize,
    /// Everything a person should check, one line each.
    pub notes: Vec<String>,
}

impl MergeReport {
    /// True when the merge brings nothing in.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.coders_added
            + self.codes_added
            + self.attributes_added
            + self.cases_added
            + self.cases_completed
            + self.documents_added
            + self.documents_copied
            + self.codings_added
            + self.codings_kept_both
            + self.codings_notes_joined
            + self.memos_added
            + self.memos_kept_both
            == 0
    }
}

/// Where a document of the other copy ends up.
enum DocTarget {
    /// The same text: codings keep their ranges.
    Same(DocumentId),
    /// Our text differs: each coding's range as re-anchored.
    Reanchored(DocumentId, HashMap<CodingId, CharRange>),
}

/// Bring `theirs` into `ours`: the edit to apply (one undoable step) and what it does.
#[must_use]
pub fn merge(ours: &Project, theirs: &Project) -> (Edit, MergeReport) {
    let mut m = Merger {
        ours,
        theirs,
        report: MergeReport::default(),
        edits: Vec::new(),
    };
    m.attributes_and_cases();
    m.coders();
    m.codes();
    let docs = m.documents();
    let codings = m.codings(&docs);
    m.memos(&docs, &codings);
    (Edit::Batch(m.edits), m.report)
}

struct Merger<'a> {
    ours: &'a Project,
    theirs: &'a Project,
    report: MergeReport,
    edits: Vec<Edit>,
}

impl Merger<'_> {
    fn note(&mut self, line: String) {
        self.report.notes.push(line);
    }

    fn attributes_and_cases(&mut self) {
        let mut kinds = BTreeMap::new();
        for (id, a) in self.ours.attributes() {
            kinds.insert(*id, a.kind.clone());
        }
        for a in self.theirs.attributes_sorted() {
            match self.ours.attributes().get(&a.id) {
                None => {
                    kinds.insert(a.id, a.kind.clone());
                    self.edits.push(Edit::PutAttribute(a.clone()));
                    self.report.attributes_added += 1;
                }
                Some(o) if o != a => self.note(format!(
                    "attribute {:?}: the two copies define it differently; kept this project's",
                    o.name
                )),
                Some(_) => {}
            }
        }
        let mut cases: Vec<_> = self.theirs.cases().values().collect();
        cases.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
        for case in cases {
            let mut values = BTreeMap::new();
            for (attr, v) in &case.values {
                if kinds.get(attr).is_some_and(|k| v.fits(k)) {
                    values.insert(*attr, v.clone());
                } else {
                    self.note(format!(
                        "case {:?}: a value that does not fit this project's attribute was left out",
                        case.name
                    ));
                }
            }
            match self.ours.case(case.id) {
                None => {
                    let mut c = case.clone();
                    c.values = values;
                    self.edits.push(Edit::PutCase(c));
                    self.report.cases_added += 1;
                }
                Some(o) => {
                    let mut completed = o.clone();
                    for (attr, v) in values {
                        match o.values.get(&attr) {
                            None => {
                                completed.values.insert(attr, v);
                            }
                            Some(ov) if *ov != v => self.note(format!(
                                "case {:?}: the copies give different values for an attribute; kept this project's",
                                o.name
                            )),
                            Some(_) => {}
                        }
                    }
                    if o.name != case.name || o.description != case.description {
                        self.note(format!(
                            "case {:?}: named or described differently in the other copy ({:?}); kept this project's",
                            o.name, case.name
                        ));
                    }
                    if completed != *o {
                        self.edits.push(Edit::PutCase(completed));
                        self.report.cases_completed += 1;
                    }
                }
            }
        }
    }

    fn coders(&mut self) {
        let mut coders: Vec<_> = self.theirs.coders().values().collect();
        coders.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
        for c in coders {
            match self.ours.coder(c.id) {
                None => {
                    if let Some(same) = self.ours.coder_named(&c.name) {
                        self.note(format!(
                            "coder {:?}: the other copy has another coder of that name (id {}); both kept",
                            same.name, c.id
                        ));
                    }
                    self.edits.push(Edit::PutCoder(c.clone()));
                    self.report.coders_added += 1;
                }
                Some(o) if o != c => self.note(format!(
                    "coder {:?}: named or coloured differently in the other copy ({:?}); kept this project's",
                    o.name, c.name
                )),
                Some(_) => {}
            }
        }
    }

    fn codes(&mut self) {
        // Parents before children: their codebook in tree order.
        let mut added: HashSet<CodeId> = HashSet::new();
        for (_, code) in self.theirs.code_tree() {
            match self.ours.code(code.id) {
                None => {
                    let mut c = code.clone();
                    if let Some(p) = c.parent
                        && self.ours.code(p).is_none()
                        && !added.contains(&p)
                    {
                        c.parent = None;
                    }
                    let path = self.theirs.code_path(code.id);
                    if self
                        .ours
                        .code_tree()
                        .iter()
                        .any(|(_, o)| o.name == code.name && self.ours.code_path(o.id) == path)
                    {
                        self.note(format!(
                            "code {path:?}: both copies created a code of that name; both kept (merge them if they mean the same)"
                        ));
                    }
                    added.insert(c.id);
                    self.edits.push(Edit::PutCode(c));
                    self.report.codes_added += 1;
                }
                Some(o) if o != code => self.note(format!(
                    "code {:?}: changed in the other copy (there {:?}); kept this project's",
                    self.ours.code_path(o.id),
                    self.theirs.code_path(code.id)
                )),
                Some(_) => {}
            }
        }
    }

    fn documents(&mut self) -> HashMap<DocumentId, DocTarget> {
        let mut by_hash: HashMap<String, Vec<&Document>> = HashMap::new();
        for d in self.ours.documents().values() {
            by_hash.entry(d.text.hash()).or_default().push(d);
        }
        let mut theirs: Vec<&Document> = self.theirs.documents().values().collect();
        theirs.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
        let mut map = HashMap::new();
        for doc in theirs {
            if let Some(o) = self.ours.document(doc.id)
                && o.text == doc.text
            {
                if o.name != doc.name {
                    self.note(format!(
                        "document {:?}: named {:?} in the other copy; kept this project's name",
                        o.name, doc.name
                    ));
                }
                map.insert(doc.id, DocTarget::Same(o.id));
                continue;
            }
            let hash = doc.text.hash();
            if let Some(same) = by_hash.get(&hash) {
                let o = same.iter().find(|o| o.name == doc.name).unwrap_or(&same[0]);
                self.note(format!(
                    "document {:?}: the other copy's {:?} has the same text under another id; its codings were moved onto this project's",
                    o.name, doc.name
                ));
                self.report.documents_matched_by_text += 1;
                map.insert(doc.id, DocTarget::Same(o.id));
                continue;
            }
            if let Some(o) = self.ours.document(doc.id) {
                if let Some(placed) = self.reanchor(doc, o) {
                    self.note(format!(
                        "document {:?}: its text differs in the other copy; {} of its codings there were re-anchored onto this project's text",
                        o.name,
                        placed.len()
                    ));
                    self.report.codings_reanchored += placed.len();
                    map.insert(doc.id, DocTarget::Reanchored(o.id, placed));
                } else {
                    let mut copy = doc.clone();
                    copy.id = DocumentId::new();
                    copy.name = format!("{} (other copy)", doc.name);
                    self.note(format!(
                        "document {:?}: its text differs in the other copy and not all codings there could be placed on this project's text; added that version as {:?}",
                        o.name, copy.name
                    ));
                    map.insert(doc.id, DocTarget::Same(copy.id));
                    by_hash.entry(hash).or_default();
                    self.edits.push(Edit::PutDocument(Box::new(copy)));
                    self.report.documents_copied += 1;
                }
                continue;
            }
            map.insert(doc.id, DocTarget::Same(doc.id));
            self.edits.push(Edit::PutDocument(Box::new(doc.clone())));
            self.report.documents_added += 1;
        }
        map
    }

    /// The ranges of `doc`'s codings (other copy) on `ours`' text, if all can be placed.
    fn reanchor(&self, doc: &Document, ours: &Document) -> Option<HashMap<CodingId, CharRange>> {
        self.theirs
            .codings_of(doc.id)
            .map(|c| match c.anchor.place(&ours.text, c.range) {
                Placement::Unchanged => Some((c.id, c.range)),
                Placement::Moved(r) => Some((c.id, r)),
                Placement::Lost => None,
            })
            .collect()
    }

    fn codings(&mut self, docs: &HashMap<DocumentId, DocTarget>) -> HashMap<CodingId, CodingId> {
        type Key = (DocumentId, CoderId, CodeId, CharRange);
        let key = |c: &Coding| (c.document, c.coder, c.code, c.range);
        let mut index: HashMap<Key, CodingId> = HashMap::new();
        for c in self.ours.codings().values() {
            index.entry(key(c)).or_insert(c.id);
        }
        // Notes joined so far, for codings met twice; codings this merge adds, by edit index.
        let mut notes: HashMap<CodingId, Option<String>> = HashMap::new();
        let mut added: HashMap<CodingId, usize> = HashMap::new();
        let mut map = HashMap::new();
        let mut theirs: Vec<&Coding> = self.theirs.codings().values().collect();
        theirs.sort_by_key(|c| (c.document, c.coder, c.range, c.id));
        for c in theirs {
            let Some(target) = docs.get(&c.document) else {
                continue;
            };
            let mut incoming = c.clone();
            match target {
                DocTarget::Same(d) => incoming.document = *d,
                DocTarget::Reanchored(d, placed) => {
                    incoming.document = *d;
                    if let Some(&r) = placed.get(&c.id) {
                        incoming.range = r;
                    }
                }
            }
            if (incoming.document != c.document || incoming.range != c.range)
                && let Some(doc) = self.ours.document(incoming.document)
            {
                incoming.anchor = Anchor::capture(&doc.text, incoming.range);
            }
            let existing = index.get(&key(&incoming)).copied();
            if let Some(id) = existing {
                // The same coding, whatever its id here: join notes.
                map.insert(c.id, id);
                let current = notes
                    .entry(id)
                    .or_insert_with(|| self.ours.coding(id).and_then(|o| o.memo.clone()));
                match join_note(current.as_deref(), incoming.memo.as_deref()) {
                    Some(joined) => {
                        *current = Some(joined.clone());
                        if let Some(&at) = added.get(&id) {
                            // Added by this merge: change the coding about to be put.
                            if let Edit::PutCoding(put) = &mut self.edits[at] {
                                put.memo = Some(joined);
                            }
                        } else if let Some(mut o) = self.ours.coding(id).cloned() {
                            o.memo = Some(joined);
                            self.edits.push(Edit::PutCoding(Box::new(o)));
                            self.report.codings_notes_joined += 1;
                        }
                    }
                    None => self.report.codings_present += 1,
                }
                continue;
            }
            if self.ours.coding(c.id).is_some() {
                // Same id, another place or code: keep both versions.
                incoming.id = CodingId::new();
                self.report.codings_kept_both += 1;
                let doc = self
                    .ours
                    .document(incoming.document)
                    .map_or_else(String::new, |d| d.name.clone());
                self.note(format!(
                    "document {doc:?}: a coding was changed differently in the two copies; both versions kept"
                ));
            } else {
                self.report.codings_added += 1;
            }
            index.insert(key(&incoming), incoming.id);
            map.insert(c.id, incoming.id);
            notes.insert(incoming.id, incoming.memo.clone());
            added.insert(incoming.id, self.edits.len());
            self.edits.push(Edit::PutCoding(Box::new(incoming)));
        }
        map
    }

    fn memos(
        &mut self,
        docs: &HashMap<DocumentId, DocTarget>,
        codings: &HashMap<CodingId, CodingId>,
    ) {
        let mut present: HashSet<(MemoTarget, String)> = self
            .ours
            .memos()
            .values()
            .map(|m| (m.target, m.text.clone()))
            .collect();
        let mut theirs: Vec<&Memo> = self.theirs.memos().values().collect();
        theirs.sort_by_key(|m| (m.created, m.id));
        for memo in theirs {
            let target = match memo.target {
                MemoTarget::Project => Some(MemoTarget::Project),
                MemoTarget::Code(c) => Some(MemoTarget::Code(c)),
                MemoTarget::Summary { case, code } => self
                    .ours
                    .case(case)
                    .map(|_| MemoTarget::Summary { case, code }),
                MemoTarget::Document(d) => docs.get(&d).map(|t| match t {
                    DocTarget::Same(d) | DocTarget::Reanchored(d, _) => MemoTarget::Document(*d),
                }),
                MemoTarget::Coding(c) => codings.get(&c).map(|&c| MemoTarget::Coding(c)),
            };
            let Some(target) = target else {
                continue;
            };
            let mut incoming = memo.clone();
            incoming.target = target;
            if let Some(o) = self.ours.memos().get(&memo.id)
                && same_memo(o, &incoming)
            {
                self.report.memos_present += 1;
                continue;
            }
            if !present.insert((target, incoming.text.clone())) {
                self.report.memos_present += 1;
                continue;
            }
            if self.ours.memos().contains_key(&memo.id) {
                incoming.id = MemoId::new();
                self.report.memos_kept_both += 1;
                self.note(format!(
                    "memo {:?}: changed differently in the two copies; both versions kept",
                    if memo.title.is_empty() {
                        memo.text.chars().take(40).collect::<String>()
                    } else {
                        memo.title.clone()
                    }
                ));
            } else {
                self.report.memos_added += 1;
            }
            self.edits.push(Edit::PutMemo(incoming));
        }
    }
}

fn same_memo(a: &Memo, b: &Memo) -> bool {
    a.target == b.target && a.title == b.title && a.text == b.text && a.author == b.author
}

/// The note that keeps both `ours` and `theirs`, when it differs from `ours`.
fn join_note(ours: Option<&str>, theirs: Option<&str>) -> Option<String> {
    let theirs = theirs.map(str::trim).filter(|t| !t.is_empty())?;
    match ours {
        Some(o) if o.contains(theirs) => None,
        Some(o) if !o.trim().is_empty() => Some(format!("{o}\n\n{theirs}")),
        _ => Some(theirs.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::join_note;

    #[test]
    fn notes_join_once() {
        assert_eq!(join_note(None, Some("b")), Some("b".into()));
        assert_eq!(join_note(Some("a"), Some("b")), Some("a\n\nb".into()));
        assert_eq!(join_note(Some("a\n\nb"), Some("b")), None);
        assert_eq!(join_note(Some("a"), None), None);
        assert_eq!(join_note(Some("a"), Some("  ")), None);
    }
}
