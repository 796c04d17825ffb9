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

    /// True when nothing changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// How many things changed, all kinds together.
    #[must_use]
    pub fn total(&self) -> usize {
        self.codings_added
            + self.codings_changed
            + self.codings_removed
            + self.codes_added
            + self.codes_changed
            + self.codes_removed
            + self.memos
            + self.documents_added
            + self.documents_changed
            + self.other
    }

    /// The counts in words: "12 codings, 1 new code, 2 memos".
    #[must_use]
    pub fn words(&self) -> String {
        let mut parts = Vec::new();
        let mut say = |n: usize, one: &str, many: &str| {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        };
        say(self.codings_added, "new coding", "new codings");
        say(self.codings_changed, "changed coding", "changed codings");
        say(self.codings_removed, "removed coding", "removed codings");
        say(self.codes_added, "new code", "new codes");
        say(self.codes_changed, "changed code", "changed codes");
        say(self.codes_removed, "removed code", "removed codes");
        say(self.memos, "memo", "memos");
        say(self.documents_added, "new document", "new documents");
        say(
            self.documents_changed,
            "changed document",
            "changed documents",
        );
        say(
            self.other,
            "change to cases or coders",
            "changes to cases or coders",
        );
        if parts.is_empty() {
            "no changes".to_owned()
        } else {
            parts.join(", ")
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

/// What came in from `before` to `after`, one line per coder whose codings came in ("Zhou Ming:
/// 37 new codings in 3 documents"), then one line for the rest.
#[must_use]
pub fn by_coder(before: &Project, after: &Project) -> Vec<String> {
    let mut per: BTreeMap<CoderId, (usize, BTreeSet<DocumentId>)> = BTreeMap::new();
    for (id, c) in after.codings() {
        if before.coding(*id) != Some(c) {
            let e = per.entry(c.coder).or_default();
            e.0 += 1;
            e.1.insert(c.document);
        }
    }
    let mut lines: Vec<String> = per
        .into_iter()
        .map(|(coder, (n, docs))| {
            let name = after.coder(coder).map_or("?", |c| c.name.as_str());
            format!(
                "{name}: {n} new or changed coding{} in {} document{}",
                if n == 1 { "" } else { "s" },
                docs.len(),
                if docs.len() == 1 { "" } else { "s" }
            )
        })
        .collect();
    let mut rest = Summary::between(before, after);
    rest.codings_added = 0;
    rest.codings_changed = 0;
    if !rest.is_empty() {
        lines.push(rest.words());
    }
    lines
}
