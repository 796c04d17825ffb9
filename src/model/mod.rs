//! The project model: pure data and rules, no I/O and no UI. Everything a study holds
//! (documents, codebook, codings, cases, coders, memos) and the one way to change it: [`Edit`].

mod anchor;
mod between;
mod case;
mod code;
mod coder;
mod coding;
mod document;
mod edit;
mod history;
mod ids;
mod memo;
mod project;
mod reanchor;
mod sort_key;
mod text;
mod text_edit;

pub use anchor::{Anchor, Placement};
pub use case::{AttributeDef, AttributeKind, Case, Value};
pub use code::{Code, Color};
pub use coder::Coder;
pub use coding::{Coding, CodingRecord, Translation};
pub use document::{Document, DocumentKind, MediaLink, MediaTime, Origin, Segment, SegmentKind};
pub use edit::{Edit, EditError};
pub use history::History;
pub use ids::{AttributeId, CaseId, CodeId, CoderId, CodingId, DocumentId, MemoId};
pub use memo::{Memo, MemoTarget};
pub use project::{EntityKey, FORMAT_VERSION, Manifest, Project, SavedQuery, Settings};
pub use reanchor::{Held, Reanchored, SegmentAnchor, label_start, reanchor};
pub use sort_key::SortKey;
pub use text::{CharRange, Text, text_hash};
pub use text_edit::{LogOp, Refusal, Restore, Splice, TextChange, TextEdit};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod text_edit_tests;
