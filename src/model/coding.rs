//! Codings: a code applied by one coder to a range of characters of one document.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::ids::{CodeId, CoderId, CodingId, DocumentId};
use super::text::{CharRange, Text};

/// One coding. Stored in `codings/<coder-id>/<document-id>.ron`, one line per coding.
#[derive(Clone, Debug, PartialEq)]
pub struct Coding {
    /// Its id.
    pub id: CodingId,
    /// The document coded.
    pub document: DocumentId,
    /// The characters coded.
    pub range: CharRange,
    /// The code applied.
    pub code: CodeId,
    /// Who coded it.
    pub coder: CoderId,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// The coder's note on it.
    pub memo: Option<String>,
    /// The text it covered, to find it again should the document text change.
    pub anchor: Anchor,
    /// Chosen as an exemplar of its code: quoted first in every report.
    pub exemplar: bool,
    /// The quote in another language (the English of a Chinese quote, for the paper).
    pub translation: Option<Translation>,
}

/// A quote's translation, with a note on it (who translated it, a choice of words).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// The translated text.
    pub text: String,
    /// A note on the translation (the translator, a choice made).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Coding {
    /// A new coding of `range` in `text`, made now.
    #[must_use]
    pub fn new(
        document: DocumentId,
        text: &Text,
        range: CharRange,
        code: CodeId,
        coder: CoderId,
    ) -> Self {
        Self {
            id: CodingId::new(),
            document,
            range,
            code,
            coder,
            created: Utc::now(),
            memo: None,
            anchor: Anchor::capture(text, range),
            exemplar: false,
            translation: None,
        }
    }
}

/// The part of a coding that its file stores per line (document and coder are in the file name).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodingRecord {
    /// Its id.
    pub id: CodingId,
    /// The code applied.
    pub code: CodeId,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// The coder's note on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
    /// The text it covered.
    pub anchor: Anchor,
    /// Chosen as an exemplar of its code.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exemplar: bool,
    /// The quote in another language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<Translation>,
}

impl CodingRecord {
    /// The record of a coding.
    #[must_use]
    pub fn of(c: &Coding) -> Self {
        Self {
            id: c.id,
            code: c.code,
            start: c.range.start,
            end: c.range.end,
            created: c.created,
            memo: c.memo.clone(),
            anchor: c.anchor.clone(),
            exemplar: c.exemplar,
            translation: c.translation.clone(),
        }
    }

    /// The coding this record describes, in `document` by `coder`.
    #[must_use]
    pub fn into_coding(self, document: DocumentId, coder: CoderId) -> Coding {
        Coding {
            id: self.id,
            document,
            range: CharRange::new(self.start, self.end),
            code: self.code,
            coder,
            created: self.created,
            memo: self.memo,
            anchor: self.anchor,
            exemplar: self.exemplar,
            translation: self.translation,
        }
    }
}
