//! Who said a passage and when: the case a coding belongs to and the time of the message it lies
//! in.
//!
//! An interview belongs to its document's case. A group chat belongs to no single case: there a
//! passage belongs to the case named like the sender of its message (after pseudonymisation the
//! senders are the case names, `G8`), so that "what do participants from Shandong say" counts
//! their chat messages as well as their interviews.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::model::{CaseId, CharRange, Document, Project};

/// Looks up the case and time of passages of one project.
#[derive(Debug)]
pub struct Attribution<'p> {
    project: &'p Project,
    case_by_name: HashMap<&'p str, CaseId>,
}

impl<'p> Attribution<'p> {
    /// Prepare look-ups for `project`.
    #[must_use]
    pub fn new(project: &'p Project) -> Self {
        let case_by_name = project
            .cases()
            .values()
            .map(|c| (c.name.as_str(), c.id))
            .collect();
        Self {
            project,
            case_by_name,
        }
    }

    /// The project.
    #[must_use]
    pub fn project(&self) -> &'p Project {
        self.project
    }

    /// The segment a passage lies in: the one holding its first character, else the first it
    /// overlaps.
    #[must_use]
    pub fn segment_of(doc: &Document, range: CharRange) -> Option<usize> {
        doc.segment_at(range.start)
            .or_else(|| doc.segments_overlapping(range).next())
    }

    /// The case of a passage: the document's case, else the case named like the sender of the
    /// message the passage lies in.
    #[must_use]
    pub fn case_of(&self, doc: &Document, range: CharRange) -> Option<CaseId> {
        if doc.case.is_some() {
            return doc.case;
        }
        let segment = &doc.segments[Self::segment_of(doc, range)?];
        self.case_named(segment.speaker.as_deref()?)
    }

    /// The case a speaker name stands for.
    #[must_use]
    pub fn case_named(&self, speaker: &str) -> Option<CaseId> {
        self.case_by_name.get(speaker.trim()).copied()
    }

    /// The time of a passage: the time of the chat message it lies in.
    #[must_use]
    pub fn time_of(doc: &Document, range: CharRange) -> Option<NaiveDateTime> {
        doc.segments[Self::segment_of(doc, range)?].at
    }

    /// The stretches of a document's text that belong to cases: the whole text for a document
    /// with a case, else each message whose sender is a case. In text order, not overlapping.
    #[must_use]
    pub fn spans(&self, doc: &Document) -> Vec<(CharRange, CaseId)> {
        if let Some(case) = doc.case {
            return vec![(CharRange::new(0, doc.text.char_len()), case)];
        }
        doc.segments
            .iter()
            .filter_map(|s| Some((s.range, self.case_named(s.speaker.as_deref()?)?)))
            .collect()
    }
}
