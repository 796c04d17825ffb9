//! The on-disk shapes of project files and their RON rendering.
//!
//! Output is deterministic: maps are ordered, lists are sorted, and lists of many small items
//! (codings, speaker turns) put each item on one line, so that one new coding is a one-line diff.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use chrono::NaiveDateTime;

use crate::model::{
    Anchor, AttributeDef, AttributeId, Case, CaseId, CharRange, CoderId, CodingRecord, Document,
    DocumentId, DocumentKind, MediaLink, MediaTime, Origin, Segment, SegmentAnchor, SegmentKind,
    TextChange, Value,
};

use super::error::Problem;

/// `documents/<id>.ron`: a document's metadata; its text is the `.txt` beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// Its id (must match the file name).
    pub id: DocumentId,
    /// Display name.
    pub name: String,
    /// Interview, chat or notes.
    pub kind: DocumentKind,
    /// Its case.
    #[serde(default)]
    pub case: Option<CaseId>,
    /// Where it came from.
    #[serde(default)]
    pub origin: Option<Origin>,
    /// SHA-256 of the `.txt`, to notice a text changed behind Margin's back.
    pub text_hash: String,
    /// Speaker turns or chat messages.
    #[serde(default)]
    pub segments: Vec<SegmentRecord>,
    /// The linked recording (absent in older projects, and left out when there is none so
    /// that a document without one saves as before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<MediaLink>,
    /// Who changed the text in Margin, when and how much (absent in files written before
    /// texts could be edited, and while none was).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<TextChange>,
}

impl DocumentMeta {
    /// The metadata of a document.
    #[must_use]
    pub fn of(doc: &Document) -> Self {
        let anchors = SegmentAnchor::capture_all(&doc.text, &doc.segments);
        Self {
            id: doc.id,
            name: doc.name.clone(),
            kind: doc.kind,
            case: doc.case,
            origin: doc.origin.clone(),
            text_hash: doc.text.hash(),
            segments: doc
                .segments
                .iter()
                .zip(anchors)
                .map(|(s, a)| SegmentRecord::of(s, a))
                .collect(),
            media: doc.media.clone(),
            edits: doc.edits.clone(),
        }
    }
}

/// A turn or message in `documents/<id>.ron`: the segment, and the anchor that finds it again
/// (its label and text) if the `.txt` is changed outside Margin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentRecord {
    /// The characters of the text it holds (without its label).
    pub range: CharRange,
    /// Speaker or sender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Wall-clock time of a chat message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<NaiveDateTime>,
    /// Position in a recording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<MediaTime>,
    /// Turn, message, system notice or recalled message.
    #[serde(default)]
    pub kind: SegmentKind,
    /// Characters of label (speaker, header line) before `range`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub label: usize,
    /// The label and text it covered, `[start - label, end)`.
    #[serde(default, skip_serializing_if = "Anchor::is_empty")]
    pub anchor: Anchor,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl SegmentRecord {
    /// The record of `segment` with its anchor.
    #[must_use]
    pub fn of(segment: &Segment, anchor: SegmentAnchor) -> Self {
        Self {
            range: segment.range,
            speaker: segment.speaker.clone(),
            at: segment.at,
            media: segment.media,
            kind: segment.kind,
            label: anchor.label,
            anchor: anchor.anchor,
        }
    }

    /// The segment, and its anchor.
    #[must_use]
    pub fn into_parts(self) -> (Segment, SegmentAnchor) {
        (
            Segment {
                range: self.range,
                speaker: self.speaker,
                at: self.at,
                media: self.media,
                kind: self.kind,
            },
            SegmentAnchor {
                anchor: self.anchor,
                label: self.label,
            },
        )
    }
}

/// `codings/<coder-id>/<document-id>.ron`: one coder's codings on one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodingsFile {
    /// The coder (must match the folder name).
    pub coder: CoderId,
    /// The document (must match the file name).
    pub document: DocumentId,
    /// The codings, sorted by position.
    pub codings: Vec<CodingRecord>,
}

/// `codings/<coder-id>.ron`: the documents a coder has a codings file on. It lets loading notice a
/// codings file that went missing (deleted by hand, lost in a copy): every document listed must
/// have its file. Saving keeps the list a subset of the files at every instant (a document is
/// listed only after its file is written, and unlisted before its file is removed), so a crash
/// never leaves a listed document without its file. Only its own coder changes it, so two coders'
/// clones merge without conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodedDocuments {
    /// The coder (must match the file name).
    pub coder: CoderId,
    /// The documents, in id order.
    pub documents: Vec<DocumentId>,
}

/// `cases.ron`: attribute schema and cases.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct CasesFile {
    /// Attribute definitions, in column order.
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
    /// Cases, by name.
    #[serde(default)]
    pub cases: Vec<CaseEntry>,
}

/// One case in `cases.ron`, values keyed by attribute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseEntry {
    /// Its id.
    pub id: CaseId,
    /// Display name.
    pub name: String,
    /// A description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Attribute values.
    #[serde(default)]
    pub values: BTreeMap<AttributeId, Value>,
}

impl From<&Case> for CaseEntry {
    fn from(c: &Case) -> Self {
        Self {
            id: c.id,
            name: c.name.clone(),
            description: c.description.clone(),
            values: c.values.clone(),
        }
    }
}

impl From<CaseEntry> for Case {
    fn from(c: CaseEntry) -> Self {
        Self {
            id: c.id,
            name: c.name,
            description: c.description,
            values: c.values,
        }
    }
}

/// Render `value` as RON: nested up to `depth` levels on their own lines, deeper levels compact.
#[must_use]
pub fn to_ron<T: Serialize>(value: &T, depth: usize) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(depth)
        .indentor("  ")
        .struct_names(false)
        .separate_tuple_members(false);
    // Serialising our own plain data types cannot fail.
    let mut out = ron::ser::to_string_pretty(value, config).unwrap_or_default();
    out.push('\n');
    out
}

/// Parse RON, naming the file, line and column on error.
pub fn from_ron<T: DeserializeOwned>(text: &str, path: &std::path::Path) -> Result<T, Problem> {
    ron::from_str(text).map_err(|e| Problem {
        path: path.to_path_buf(),
        position: Some((e.span.start.line, e.span.start.col)),
        message: e.code.to_string(),
    })
}
