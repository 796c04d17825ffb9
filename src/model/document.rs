//! Documents: the source texts that are coded, with their speaker turns or chat messages.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{CaseId, DocumentId};
use super::text::{CharRange, Text};

/// What kind of material a document is; decides how the transcript view lays it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DocumentKind {
    /// Plain notes, field notes, articles: paragraphs.
    Notes,
    /// An interview transcript with speaker turns.
    Interview,
    /// A chat log: messages with sender and time.
    Chat,
}

impl DocumentKind {
    /// All kinds, in display order.
    pub const ALL: [Self; 3] = [Self::Interview, Self::Chat, Self::Notes];

    /// A lowercase name, as used on the command line.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Notes => "notes",
            Self::Interview => "interview",
            Self::Chat => "chat",
        }
    }
}

impl std::str::FromStr for DocumentKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "notes" | "note" | "text" => Ok(Self::Notes),
            "interview" | "transcript" => Ok(Self::Interview),
            "chat" | "chatlog" => Ok(Self::Chat),
            other => Err(format!(
                "unknown document kind {other:?} (expected interview, chat or notes)"
            )),
        }
    }
}

/// What a segment of a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum SegmentKind {
    /// A speaker's turn in an interview.
    #[default]
    Turn,
    /// A chat message.
    Message,
    /// A system notice in a chat ("X joined the group").
    System,
    /// A message its sender recalled (only the notice remains).
    Recalled,
}

/// A time within a recording, for timestamped transcripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MediaTime {
    /// Start, in milliseconds from the beginning of the recording.
    pub start_ms: u64,
    /// End, when the source gives one (subtitles do).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<u64>,
}

/// The recording a document was transcribed from: a path relative to the project folder where
/// the two share a parent (written with `/`), else absolute. The file is never copied; where
/// it is now is resolved (and a missing file reported) by `crate::media`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MediaLink {
    /// The path as stored.
    pub path: String,
}

/// A speaker turn or chat message: who said the text in `range`, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Segment {
    /// The characters of the document text this segment holds (without speaker label or header).
    pub range: CharRange,
    /// Speaker or sender, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Wall-clock time of a chat message, as the export gives it (local time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<NaiveDateTime>,
    /// Position in a recording, for timestamped transcripts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<MediaTime>,
    /// Turn, message, system notice or recalled message.
    #[serde(default)]
    pub kind: SegmentKind,
}

/// Where a document came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The imported file's name (not its full path, which may name a person's home folder).
    pub file: String,
    /// The format it was read as, e.g. `text`, `wechat-txt`, `docx`.
    pub format: String,
    /// The character encoding it was decoded from, e.g. `UTF-8`, `GB18030`.
    pub encoding: String,
    /// When it was imported.
    pub imported: DateTime<Utc>,
}

/// A document: its text (stored as `documents/<id>.txt`) and metadata (`documents/<id>.ron`).
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Its id.
    pub id: DocumentId,
    /// Display name.
    pub name: String,
    /// Interview, chat or notes.
    pub kind: DocumentKind,
    /// The case (participant) the document belongs to, if any.
    pub case: Option<CaseId>,
    /// Where it came from.
    pub origin: Option<Origin>,
    /// Speaker turns or chat messages, in text order; empty for plain notes.
    pub segments: Vec<Segment>,
    /// The text as coded: UTF-8, LF line endings.
    pub text: Text,
    /// The recording it was transcribed from, if one is linked.
    pub media: Option<MediaLink>,
    /// Who changed the text in Margin, when and how much, oldest first.
    pub edits: Vec<super::text_edit::TextChange>,
}

impl Document {
    /// A new document with a fresh id.
    #[must_use]
    pub fn new(name: impl Into<String>, kind: DocumentKind, text: impl Into<Text>) -> Self {
        Self {
            id: DocumentId::new(),
            name: name.into(),
            kind,
            case: None,
            origin: None,
            segments: Vec::new(),
            text: text.into(),
            media: None,
            edits: Vec::new(),
        }
    }

    /// Index of the segment holding character `pos`, if any (segments are sorted by start).
    #[must_use]
    pub fn segment_at(&self, pos: usize) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.range.start <= pos);
        let i = i.checked_sub(1)?;
        (pos < self.segments[i].range.end).then_some(i)
    }

    /// Indices of the segments that overlap `range`.
    pub fn segments_overlapping(&self, range: CharRange) -> impl Iterator<Item = usize> + '_ {
        let first = self
            .segments
            .partition_point(|s| s.range.end <= range.start);
        (first..self.segments.len()).take_while(move |&i| self.segments[i].range.start < range.end)
    }
}
