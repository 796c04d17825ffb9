//! Excerpts: a passage of a document with the text around it and where it sits (document, char
//! range, speaker turn or chat message), so a list of results can show it and jump to it.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::definitions::Attribution;
use crate::model::{CharRange, Document, DocumentId};

/// A passage of a document, with context, ready to show and to jump to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    /// The document.
    pub document: DocumentId,
    /// The document's name.
    pub document_name: String,
    /// The passage, in characters of the document text.
    pub range: CharRange,
    /// The passage's text.
    pub text: String,
    /// Up to the context length of characters before the passage.
    pub before: String,
    /// Up to the context length of characters after the passage.
    pub after: String,
    /// The speaker turn or chat message the passage lies in (index into the document's
    /// segments).
    pub segment: Option<usize>,
    /// Who speaks there.
    pub speaker: Option<String>,
    /// When the chat message was sent.
    pub at: Option<NaiveDateTime>,
}

impl Excerpt {
    /// The excerpt of `range` in `doc`, with up to `context` characters either side.
    #[must_use]
    pub fn new(doc: &Document, range: CharRange, context: usize) -> Self {
        let text = &doc.text;
        let end = range.end.min(text.char_len());
        let start = range.start.min(end);
        let start_byte = text.byte_of(start);
        let s = text.as_str();
        let end_byte = s[start_byte..]
            .char_indices()
            .nth(end - start)
            .map_or(s.len(), |(b, _)| start_byte + b);
        Self::at(
            doc,
            CharRange::new(start, end),
            (start_byte, end_byte),
            context,
        )
    }

    /// The excerpt of `range` in `doc` whose byte offsets are known (`bytes` must be the byte
    /// offsets of `range`), with up to `context` characters either side.
    #[must_use]
    pub fn at(doc: &Document, range: CharRange, bytes: (usize, usize), context: usize) -> Self {
        let s = doc.text.as_str();
        let (start_byte, end_byte) = bytes;
        let before_byte = s[..start_byte]
            .char_indices()
            .rev()
            .take(context)
            .last()
            .map_or(start_byte, |(b, _)| b);
        let after_byte = s[end_byte..]
            .char_indices()
            .nth(context)
            .map_or(s.len(), |(b, _)| end_byte + b);
        let segment = Attribution::segment_of(doc, range);
        let seg = segment.map(|i| &doc.segments[i]);
        Self {
            document: doc.id,
            document_name: doc.name.clone(),
            range,
            text: s[start_byte..end_byte].to_owned(),
            before: s[before_byte..start_byte].to_owned(),
            after: s[end_byte..after_byte].to_owned(),
            segment,
            speaker: seg.and_then(|s| s.speaker.clone()),
            at: seg.and_then(|s| s.at),
        }
    }

    /// The characters the excerpt shows with its context.
    #[must_use]
    pub fn context_range(&self) -> CharRange {
        CharRange::new(
            self.range.start - self.before.chars().count(),
            self.range.end + self.after.chars().count(),
        )
    }
}
