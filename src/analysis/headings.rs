//! The codes that head the rows or columns of a table, and which codings count under each:
//! a code's own codings, or with `with_subcodes` also those of every code below it.

use std::collections::HashMap;

use serde::Serialize;

use super::error::AnalysisError;
use crate::model::{CodeId, Project};

/// A code heading a row or column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeHeading {
    /// The code.
    pub id: CodeId,
    /// Its name.
    pub name: String,
    /// Its full path (`Parent / Child`).
    pub path: String,
    /// Its depth in the codebook (0 for a top-level code).
    pub depth: usize,
}

/// The headings of a table and where each code's codings count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Headings {
    /// The codes, in codebook order.
    pub codes: Vec<CodeHeading>,
    /// For each code that has codings counted, the headings they count under.
    pub under: HashMap<CodeId, Vec<usize>>,
}

impl Headings {
    /// Headings for `codes` (every code when empty), in codebook (tree) order. With
    /// `with_subcodes`, a code's heading also counts the codings of its descendants.
    pub fn new(
        project: &Project,
        codes: &[CodeId],
        with_subcodes: bool,
    ) -> Result<Self, AnalysisError> {
        if let Some(missing) = codes.iter().find(|c| project.code(**c).is_none()) {
            return Err(AnalysisError::UnknownCode(missing.to_string()));
        }
        let codes: Vec<CodeHeading> = project
            .code_tree()
            .into_iter()
            .filter(|(_, c)| codes.is_empty() || codes.contains(&c.id))
            .map(|(depth, c)| CodeHeading {
                id: c.id,
                name: c.name.clone(),
                path: project.code_path(c.id),
                depth,
            })
            .collect();
        let mut under: HashMap<CodeId, Vec<usize>> = HashMap::new();
        for (i, h) in codes.iter().enumerate() {
            if with_subcodes {
                for c in project.code_and_descendants(h.id) {
                    under.entry(c).or_default().push(i);
                }
            } else {
                under.entry(h.id).or_default().push(i);
            }
        }
        Ok(Self { codes, under })
    }

    /// The headings a coding of `code` counts under.
    #[must_use]
    pub fn of(&self, code: CodeId) -> &[usize] {
        self.under.get(&code).map_or(&[], Vec::as_slice)
    }

    /// Number of headings.
    #[must_use]
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when there are no headings.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}
