//! What a change touched, for the views that cache what they show, and the coding counts the
//! session keeps up to date across changes.

use std::collections::HashMap;

use crate::model::{CodeId, CodingId, DocumentId, Edit, Project, Splice};

/// What an applied edit changed, for the views that cache what they show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changes {
    /// These codings were added, changed or removed (nothing else that views cache).
    Codings(Vec<CodingId>),
    /// One document's text changed by one exact edit; its codings, turns and messages moved
    /// with it by that edit's rule (`model::Splice`), and nothing else changed.
    Text {
        /// The document.
        document: DocumentId,
        /// The edit.
        splice: Splice,
    },
    /// Anything may have changed.
    All,
}

impl Changes {
    /// What `edit` will change.
    #[must_use]
    pub fn of(edit: &Edit) -> Self {
        fn walk(edit: &Edit, ids: &mut Vec<CodingId>) -> bool {
            match edit {
                Edit::PutCoding(c) => {
                    ids.push(c.id);
                    true
                }
                Edit::RemoveCoding(id) => {
                    ids.push(*id);
                    true
                }
                Edit::Batch(edits) => edits.iter().all(|e| walk(e, ids)),
                // Codes, memos and coders are read fresh every frame; documents are not.
                Edit::PutCode(_)
                | Edit::RemoveCode(_)
                | Edit::PutMemo(_)
                | Edit::RemoveMemo(_)
                | Edit::PutCoder(_) => true,
                _ => false,
            }
        }
        if let Edit::EditText(e) = edit
            && e.restore.segments.is_empty()
            && e.restore.codings.is_empty()
        {
            return Changes::Text {
                document: e.document,
                splice: Splice::new(e.range, e.text.chars().count()),
            };
        }
        let mut ids = Vec::new();
        if walk(edit, &mut ids) {
            Changes::Codings(ids)
        } else {
            Changes::All
        }
    }

    /// Where the codings this names are now (code and document), to update counts across it.
    fn placements(&self, project: &Project) -> Vec<Option<(CodeId, DocumentId)>> {
        match self {
            Changes::Codings(ids) => ids
                .iter()
                .map(|id| project.coding(*id).map(|c| (c.code, c.document)))
                .collect(),
            Changes::Text { .. } | Changes::All => Vec::new(),
        }
    }
}

/// Coding counts, kept up to date after edits.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    /// Codings per code (not including sub-codes).
    pub by_code: HashMap<CodeId, usize>,
    /// Codings per document.
    pub by_document: HashMap<DocumentId, usize>,
}

impl Counts {
    /// Count the codings of `project`.
    #[must_use]
    pub fn of(project: &Project) -> Self {
        let mut counts = Self::default();
        for c in project.codings().values() {
            *counts.by_code.entry(c.code).or_default() += 1;
            *counts.by_document.entry(c.document).or_default() += 1;
        }
        counts
    }

    fn add(&mut self, code: CodeId, document: DocumentId, n: isize) {
        for v in [
            self.by_code.entry(code).or_default(),
            self.by_document.entry(document).or_default(),
        ] {
            *v = v.saturating_add_signed(n);
        }
    }
}

/// Counts that follow a change: note where its codings were, apply it, then [`Tally::after`].
pub(super) struct Tally<'a> {
    changes: &'a Changes,
    before: Vec<Option<(CodeId, DocumentId)>>,
}

impl<'a> Tally<'a> {
    /// Note where the codings `changes` names are before the change.
    pub(super) fn before(changes: &'a Changes, project: &Project) -> Self {
        Self {
            changes,
            before: changes.placements(project),
        }
    }

    /// Bring `counts` up to date now that the change is applied (or drop them to be counted
    /// afresh when anything may have changed).
    pub(super) fn after(self, project: &Project, counts: &mut Option<Counts>) {
        match (self.changes, counts.as_mut()) {
            (Changes::Codings(_), Some(counts)) => {
                let after = self.changes.placements(project);
                for (b, a) in self.before.into_iter().zip(after) {
                    if let Some((code, doc)) = b {
                        counts.add(code, doc, -1);
                    }
                    if let Some((code, doc)) = a {
                        counts.add(code, doc, 1);
                    }
                }
            }
            // A text edit moves codings; it adds and removes none.
            (Changes::Text { .. }, _) => {}
            _ => *counts = None,
        }
    }
}
