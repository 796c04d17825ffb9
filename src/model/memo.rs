//! Memos: notes on the project, a document, a code or a coding (also the comments coders leave
//! each other on a coding while reviewing).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{CodeId, CoderId, CodingId, DocumentId, MemoId};

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
