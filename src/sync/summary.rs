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
        let mut s = Self::default();
        for (id, c) in after.codings() {
            match before.coding(*id) {
                None => s.codings_added += 1,
                Some(old) if old != c => s.codings_changed += 1,
                Some(_) => {}
            }
        }
        s.codings_removed = before
            .codings()
            .keys()
            .filter(|id| after.coding(**id).is_none())
            .count();
        for (id, c) in after.codes() {
            match before.code(*id) {
                None => s.codes_added += 1,
                Some(old) if old != c => s.codes_changed += 1,
                Some(_) => {}
            }
        }
        s.codes_removed = before
            .codes()
            .keys()
            .filter(|id| after.code(**id).is_none())
            .count();
        s.memos = after
            .memos()
            .iter()
            .filter(|(id, m)| before.memos().get(id) != Some(m))
            .count()
            + before
                .memos()
                .keys()
                .filter(|id| !after.memos().contains_key(id))
                .count();
        for (id, d) in after.documents() {
            match before.document(*id) {
                None => s.documents_added += 1,
                Some(old) if old != d => s.documents_changed += 1,
                Some(_) => {}
            }
        }
        s.documents_changed += before
            .documents()
            .keys()
            .filter(|id| after.document(**id).is_none())
            .count();
        s.other = changed(before.cases(), after.cases())
            + changed(before.attributes(), after.attributes())
            + changed(before.coders(), after.coders());
        s
    }

    /// True when nothing changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
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

fn changed<K: Ord, V: PartialEq>(before: &BTreeMap<K, V>, after: &BTreeMap<K, V>) -> usize {
    after
        .iter()
        .filter(|(k, v)| before.get(k) != Some(v))
        .count()
        + before.keys().filter(|k| !after.contains_key(k)).count()
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
