//! What a change between two states of a project amounts to, in words: the message of a sync's
//! commit ("Lin Yue: 12 codings, 1 new code, 2 memos") and what came in from the team ("Zhou
//! Ming: 37 new codings in 3 documents").

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{CoderId, DocumentId, Project};

/// Counts of what changed between two states of a project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Codings added.
    pub codings_added: usize,
    /// Codings changed (place, code or note).
    pub codings_changed: usize,
    /// Codings removed.
    pub codings_removed: usize,
    /// Codes added.
    pub codes_added: usize,
    /// Codes changed (renamed, moved, recoloured, described).
    pub codes_changed: usize,
    /// Codes removed.
    pub codes_removed: usize,
    /// Memos added or changed.
    pub memos: usize,
    /// Documents added.
    pub documents_added: usize,
    /// Documents changed or removed.
    pub documents_changed: usize,
    /// Cases, attributes and coders added or changed.
    pub other: usize,
}

impl Summary {
    /// What changed from `before` to `after`.
    #[must_use]
    pub fn between(before: &Project, after: &Project) -> Self {
        let (codings_added, codings_changed, codings_removed) =
            counts(before.codings(), after.codings());
        let (codes_added, codes_changed, codes_removed) = counts(before.codes(), after.codes());
        let (memos_added, memos_changed, memos_removed) = counts(before.memos(), after.memos());
        let (documents_added, documents_changed, documents_removed) =
            counts(before.documents(), after.documents());
        let others = [
            counts(before.cases(), after.cases()),
            counts(before.attributes(), after.attributes()),
            counts(before.coders(), after.coders()),
        ];
        Self {
            codings_added,
            codings_changed,
            codings_removed,
            codes_added,
            codes_changed,
            codes_removed,
            memos: memos_added + memos_changed + memos_removed,
            documents_added,
            documents_changed: documents_changed + documents_removed,
            other: others.iter().map(|(a, c, r)| a + c + r).sum(),
        }
    }

    /// Count `other`'s changes too.
    pub fn add(&mut self, other: &Self) {
        self.codings_added += other.codings_added;
        self.codings_changed += other.codings_changed;
        self.codings_removed += other.codings_removed;
        self.codes_added += other.codes_added;
        self.codes_changed += other.codes_changed;
        self.codes_removed += other.codes_removed;
        self.memos += other.memos;
        self.documents_added += other.documents_added;
        self.documents_changed += other.documents_changed;
        self.other += other.other;
    }

    /// True when nothing changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The kinds of change with their counts, in the order they are told, leaving out those
    /// that did not happen (the command line says them in English, the window in its language).
    #[must_use]
    pub fn parts(&self) -> Vec<(Kind, usize)> {
        [
            (Kind::CodingsAdded, self.codings_added),
            (Kind::CodingsChanged, self.codings_changed),
            (Kind::CodingsRemoved, self.codings_removed),
            (Kind::CodesAdded, self.codes_added),
            (Kind::CodesChanged, self.codes_changed),
            (Kind::CodesRemoved, self.codes_removed),
            (Kind::Memos, self.memos),
            (Kind::DocumentsAdded, self.documents_added),
            (Kind::DocumentsChanged, self.documents_changed),
            (Kind::Other, self.other),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect()
    }

    /// How many things changed, all kinds together.
    #[must_use]
    pub fn total(&self) -> usize {
        self.parts().iter().map(|(_, n)| n).sum()
    }

    /// The counts in words: "12 new codings, 1 new code, 2 memos".
    #[must_use]
    pub fn words(&self) -> String {
        let parts: Vec<String> = self
            .parts()
            .into_iter()
            .map(|(kind, n)| {
                let (one, many) = kind.english();
                format!("{n} {}", if n == 1 { one } else { many })
            })
            .collect();
        if parts.is_empty() {
            "no changes".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

/// A kind of change a [`Summary`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// New codings.
    CodingsAdded,
    /// Codings moved, recoded or annotated.
    CodingsChanged,
    /// Codings removed.
    CodingsRemoved,
    /// New codes.
    CodesAdded,
    /// Codes renamed, moved, recoloured or described.
    CodesChanged,
    /// Codes removed.
    CodesRemoved,
    /// Memos added, changed or removed.
    Memos,
    /// New documents.
    DocumentsAdded,
    /// Documents changed or removed.
    DocumentsChanged,
    /// Cases, attributes and coders.
    Other,
}

impl Kind {
    /// The kind in English, for one and for many.
    #[must_use]
    pub fn english(self) -> (&'static str, &'static str) {
        match self {
            Self::CodingsAdded => ("new coding", "new codings"),
            Self::CodingsChanged => ("changed coding", "changed codings"),
            Self::CodingsRemoved => ("removed coding", "removed codings"),
            Self::CodesAdded => ("new code", "new codes"),
            Self::CodesChanged => ("changed code", "changed codes"),
            Self::CodesRemoved => ("removed code", "removed codes"),
            Self::Memos => ("memo", "memos"),
            Self::DocumentsAdded => ("new document", "new documents"),
            Self::DocumentsChanged => ("changed document", "changed documents"),
            Self::Other => ("change to cases or coders", "changes to cases or coders"),
        }
    }
}

/// How many entities `after` adds to `before`, changes, and removes.
fn counts<K: Ord, V: PartialEq>(
    before: &BTreeMap<K, V>,
    after: &BTreeMap<K, V>,
) -> (usize, usize, usize) {
    let (mut added, mut changed) = (0, 0);
    for (k, v) in after {
        match before.get(k) {
            None => added += 1,
            Some(old) if old != v => changed += 1,
            Some(_) => {}
        }
    }
    let removed = before.keys().filter(|k| !after.contains_key(k)).count();
    (added, changed, removed)
}

/// A commit message for `author`'s changes from `before` to `after`.
#[must_use]
pub fn describe(author: &str, before: &Project, after: &Project) -> String {
    format!("{author}: {}", Summary::between(before, after).words())
}

/// What one teammate's work brought: their new or changed codings and in how many documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrival {
    /// The coder.
    pub coder: String,
    /// Codings new or changed.
    pub codings: usize,
    /// In how many documents.
    pub documents: usize,
}

impl std::fmt::Display for Arrival {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, d) = (self.codings, self.documents);
        write!(
            f,
            "{}: {n} new or changed coding{} in {d} document{}",
            self.coder,
            if n == 1 { "" } else { "s" },
            if d == 1 { "" } else { "s" }
        )
    }
}

/// What came in from `before` to `after`: each coder's codings ("Zhou Ming: 37 new codings in
/// 3 documents"), and the rest counted by kind.
#[must_use]
pub fn by_coder(before: &Project, after: &Project) -> (Vec<Arrival>, Summary) {
    let mut per: BTreeMap<CoderId, (usize, BTreeSet<DocumentId>)> = BTreeMap::new();
    for (id, c) in after.codings() {
        if before.coding(*id) != Some(c) {
            let e = per.entry(c.coder).or_default();
            e.0 += 1;
            e.1.insert(c.document);
        }
    }
    let arrivals = per
        .into_iter()
        .map(|(coder, (codings, docs))| Arrival {
            coder: after
                .coder(coder)
                .map_or_else(|| "?".to_owned(), |c| c.name.clone()),
            codings,
            documents: docs.len(),
        })
        .collect();
    let mut rest = Summary::between(before, after);
    rest.codings_added = 0;
    rest.codings_changed = 0;
    (arrivals, rest)
}
