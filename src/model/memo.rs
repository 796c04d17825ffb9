//! Memos: notes on the project, a document, a code or a coding (also the comments coders leave
//! each other on a coding while reviewing), and the summaries in the summary grid's cells.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{CaseId, CodeId, CoderId, CodingId, DocumentId, MemoId};

/// What a memo is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MemoTarget {
    /// The project as a whole.
    Project,
    /// A document.
    Document(DocumentId),
    /// A code.
    Code(CodeId),
    /// A coding.
    Coding(CodingId),
    /// A cell of the summary grid: the researcher's summary of what a case says about a code
    /// (a framework matrix's cell).
    Summary {
        /// The case (the grid's row).
        case: CaseId,
        /// The code (the grid's column).
        code: CodeId,
    },
}

impl MemoTarget {
    /// True when the memo is about `code` or a summary cell of it.
    #[must_use]
    pub fn refers_to_code(self, id: CodeId) -> bool {
        matches!(self, Self::Code(c) | Self::Summary { code: c, .. } if c == id)
    }

    /// True when the memo is a summary cell of `case`.
    #[must_use]
    pub fn refers_to_case(self, id: CaseId) -> bool {
        matches!(self, Self::Summary { case, .. } if case == id)
    }
}

/// A memo (stored as `memos/<id>.ron`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Memo {
    /// Its id.
    pub id: MemoId,
    /// What it is about.
    pub target: MemoTarget,
    /// A title.
    #[serde(default)]
    pub title: String,
    /// The text.
    pub text: String,
    /// Who wrote it.
    #[serde(default)]
    pub author: Option<CoderId>,
    /// When it was written.
    pub created: DateTime<Utc>,
    /// When it was last changed.
    pub modified: DateTime<Utc>,
}

impl Memo {
    /// A new memo, written now.
    #[must_use]
    pub fn new(target: MemoTarget, text: impl Into<String>, author: Option<CoderId>) -> Self {
        let now = Utc::now();
        Self {
            id: MemoId::new(),
            target,
            title: String::new(),
            text: text.into(),
            author,
            created: now,
            modified: now,
        }
    }
}
