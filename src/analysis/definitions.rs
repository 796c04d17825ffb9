//! The definitions every analysis shares, in one place: what a case's text is, which case and
//! which time a coding counts for, whose codings are paired with whose, what a place of a code
//! is, what a chat message is, and the dates a period covers. `crosstab`, `cooccurrence`,
//! `timeline`, `retrieve`, `stats`, agreement and the compare view all read them from here, and
//! the window shows [`explain`]'s sentences on hover; docs/analysis.md states each with a worked
//! example.
//!
//! - **A case's text**: in an interview (a document with a case), the turns of the participant:
//!   turns whose speaker is named like the case. The interviewer's turns count only with
//!   [`Options::include_interviewer`]; when no speaker is named like the case, every turn counts
//!   (the participant cannot be told apart). A document with a case and no turns is all the
//!   case's text. In a chat (a document without a case), each message belongs to the case named
//!   like its sender. Headers, speaker labels, system notices and recalled-message notices are
//!   no case's text.
//! - **A coding counts where its text lies** (the split rule): a coding counts for every case
//!   (and every period) whose text it shares at least one character with; in coverage only those
//!   characters count for the case. A coding spanning messages of two senders counts once for
//!   each, in every measure.
//! - **The text in scope** is what the filters leave: the documents, and when cases, attributes
//!   or dates are asked for, only the turns and messages of those cases sent in that period. A
//!   coding is in scope when it shares a character with that text.
//! - **A coder's scope**: codes are paired (co-occurrence, `--and`, `--not`, `--near`) within
//!   each coder's own codings unless [`Options::pool_coders`] asks for every selected coder's
//!   codings together. Counts and coverage are over all selected coders (a passage two coders
//!   coded counts twice in count, once in coverage).
//! - **A place** of a code is a stretch of text its codings cover: codings that overlap join
//!   into one place, codings that only touch stay two ([`places`]).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::model::{CaseId, CharRange, Document, Project, Segment, SegmentKind};

/// Choices a reader may make about the definitions; the defaults are the documented ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Count the interviewer's turns as the case's text (by default only the participant's own
    /// turns are).
    #[serde(default)]
    pub include_interviewer: bool,
    /// Pair codes over all selected coders' codings together, not within each coder's own.
    #[serde(default)]
    pub pool_coders: bool,
}

/// One stretch of a document's text: a turn, a message, a notice, or the whole text of a
/// document without turns, with the case it is the text of and the time it was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The characters (without speaker label or header).
    pub range: CharRange,
    /// The case whose text it is, if any.
    pub case: Option<CaseId>,
    /// When the chat message was sent.
    pub at: Option<NaiveDateTime>,
    /// True for a chat message (see [`is_message`]).
    pub message: bool,
}

/// True for a chat message: what timelines and `stats` count as messages (system notices and
/// recalled-message notices are not messages; interview turns are turns).
#[must_use]
pub fn is_message(segment: &Segment) -> bool {
    segment.kind == SegmentKind::Message
}

/// True for a system notice or a recalled-message notice.
#[must_use]
pub fn is_notice(segment: &Segment) -> bool {
    matches!(segment.kind, SegmentKind::System | SegmentKind::Recalled)
}

/// The places of a code: its codings' ranges merged where they overlap (sharing a character);
/// ranges that only touch stay apart, empty ranges are dropped. Sorted, disjoint.
#[must_use]
pub fn places(mut ranges: Vec<CharRange>) -> Vec<CharRange> {
    ranges.sort_unstable();
    let mut out: Vec<CharRange> = Vec::with_capacity(ranges.len());
    for r in ranges {
        if r.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if joins(*last, r) => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// True when `next` (starting at or after `place`'s start) is part of the same place: it shares
/// a character with it.
#[must_use]
pub fn joins(place: CharRange, next: CharRange) -> bool {
    next.start < place.end
}

/// The pieces of `pieces` (sorted by start, disjoint) that share a character with `range`.
pub fn overlapping(pieces: &[Piece], range: CharRange) -> impl Iterator<Item = &Piece> + '_ {
    let first = pieces.partition_point(|p| p.range.end <= range.start);
    pieces[first..]
        .iter()
        .take_while(move |p| p.range.start < range.end)
        .filter(move |p| p.range.overlaps(range))
}

/// The first and last day of a period, cut to the dates asked for: a period starting before
/// `from` starts on `from`, one ending after `to` ends on `to`.
#[must_use]
pub fn period_dates(
    start: NaiveDate,
    end: NaiveDate,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> (NaiveDate, NaiveDate) {
    (
        from.map_or(start, |f| start.max(f)),
        to.map_or(end, |t| end.min(t)),
    )
}

/// Looks up whose text a passage is and when it was sent, under the definitions above.
#[derive(Debug)]
pub struct Attribution<'p> {
    project: &'p Project,
    case_by_name: HashMap<&'p str, CaseId>,
    options: Options,
}

impl<'p> Attribution<'p> {
    /// Prepare look-ups for `project` with the default definitions.
    #[must_use]
    pub fn new(project: &'p Project) -> Self {
        Self::with(project, Options::default())
    }

    /// Prepare look-ups for `project` with `options`.
    #[must_use]
    pub fn with(project: &'p Project, options: Options) -> Self {
        let case_by_name = project
            .cases()
            .values()
            .map(|c| (c.name.as_str(), c.id))
            .collect();
        Self {
            project,
            case_by_name,
            options,
        }
    }

    /// The project.
    #[must_use]
    pub fn project(&self) -> &'p Project {
        self.project
    }

    /// The options in force.
    #[must_use]
    pub fn options(&self) -> Options {
        self.options
    }

    /// The segment a passage is shown in: the one holding its first character, else the first
    /// it overlaps.
    #[must_use]
    pub fn segment_of(doc: &Document, range: CharRange) -> Option<usize> {
        doc.segment_at(range.start)
            .or_else(|| doc.segments_overlapping(range).next())
    }

    /// The case a speaker name stands for.
    #[must_use]
    pub fn case_named(&self, speaker: &str) -> Option<CaseId> {
        self.case_by_name.get(speaker.trim()).copied()
    }

    /// Every stretch of `doc`'s text that is a turn, message or notice (or the whole text of a
    /// document without them), in text order, each with the case whose text it is.
    #[must_use]
    pub fn pieces(&self, doc: &Document) -> Vec<Piece> {
        if doc.segments.is_empty() {
            return vec![Piece {
                range: CharRange::new(0, doc.text.char_len()),
                case: doc.case,
                at: None,
                message: false,
            }];
        }
        // In an interview, the participant's turns are those of the speaker named like the case;
        // when nobody is, the participant cannot be told apart and every turn counts.
        let participant_named = doc.case.is_some_and(|case| {
            doc.segments.iter().any(|s| {
                s.speaker
                    .as_deref()
                    .is_some_and(|n| self.case_named(n) == Some(case))
            })
        });
        let mut out: Vec<Piece> = doc
            .segments
            .iter()
            .filter(|s| !s.range.is_empty())
            .map(|s| {
                let named = s.speaker.as_deref().and_then(|n| self.case_named(n));
                let case = if is_notice(s) {
                    None
                } else if let Some(case) = doc.case {
                    (named == Some(case) || !participant_named || self.options.include_interviewer)
                        .then_some(case)
                } else {
                    named
                };
                Piece {
                    range: s.range,
                    case,
                    at: s.at,
                    message: is_message(s),
                }
            })
            .collect();
        out.sort_unstable_by_key(|p| (p.range.start, p.range.end));
        out
    }

    /// The cases whose text `range` shares a character with, in text order, each once.
    #[must_use]
    pub fn cases_of(&self, doc: &Document, range: CharRange) -> Vec<CaseId> {
        let pieces = self.pieces(doc);
        cases_in(&pieces, range)
    }

    /// The first case whose text `range` shares a character with (what a list shows).
    #[must_use]
    pub fn case_of(&self, doc: &Document, range: CharRange) -> Option<CaseId> {
        self.cases_of(doc, range).first().copied()
    }
}

/// The cases of the pieces `range` shares a character with, in text order, each once.
#[must_use]
pub fn cases_in(pieces: &[Piece], range: CharRange) -> Vec<CaseId> {
    let mut out: Vec<CaseId> = Vec::new();
    for p in overlapping(pieces, range) {
        if let Some(c) = p.case
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}

/// What a figure of each table means, in a sentence a reader can cite; the window shows these
/// on hover and docs/analysis.md gives them with worked examples.
pub mod explain {
    /// A crosstab count.
    pub const COUNT: &str = "Codings that share at least one character with the column's text \
        (its cases' own interview turns and chat messages, within the filters). A coding spanning \
        two cases' text counts for each; each coder's coding counts, so a passage two coders \
        coded counts twice.";
    /// A crosstab coverage.
    pub const COVERAGE: &str = "Characters of the column's text that some selected coder coded \
        with the code (overlaps counted once), divided by the characters of that text: the \
        participants' own turns (not the interviewer's, headers or speaker labels) and their chat \
        messages, within the filters' documents and dates.";
    /// A crosstab cases figure.
    pub const CASES: &str = "Cases of the column whose text has at least one coding of the code.";
    /// Co-occurrence by overlap, within coders.
    pub const OVERLAP: &str = "Places where both codes cover the same text, counted within each \
        coder's own codings and summed over coders. A place is a stretch of text: codings of one \
        code that overlap join, codings that only touch stay two. The diagonal counts the \
        code's own places.";
    /// Co-occurrence by turn/message, within coders.
    pub const SEGMENT: &str = "Speaker turns or chat messages holding both codes, counted within \
        each coder's own codings and summed over coders. The diagonal counts the turns or \
        messages holding the code.";
    /// Co-occurrence, pooled.
    pub const POOLED: &str = "Coders pooled: codings of all selected coders are taken together, \
        so one coder's code meeting another coder's counts too (this mostly measures where \
        coders disagree).";
    /// A timeline cell.
    pub const TIMELINE: &str = "Codings sharing at least one character with the chat messages \
        sent in the period (within the filters); a coding spanning messages of two periods counts \
        in each. The period's dates are those of its row, cut to the filter's dates.";
    /// The timeline's messages column.
    pub const MESSAGES: &str = "Chat messages sent in the period by the cases the filter allows \
        (system notices and recalled-message notices are not messages).";
    /// Retrieval: `--and`.
    pub const AND: &str = "Codings whose passage is coded with the second code: they share at \
        least one character with a coding of it (themselves included).";
    /// Retrieval: `--not`.
    pub const NOT: &str = "Codings whose passage is not coded with the second code: they share \
        no character with any coding of it, so a coding of that code is never listed.";
    /// Retrieval: `--near`.
    pub const NEAR: &str = "Codings within N characters, or N turns or messages, of another \
        coding of the second code.";
    /// Retrieval: whose codings are partners.
    pub const PARTNERS: &str = "The second code's codings are taken from the same coder as \
        each listed coding, and from the same documents, cases, attributes and dates.";
    /// The codebook's count.
    pub const CODEBOOK: &str = "Codings of this code (not its sub-codes unless folded) by every \
        coder, in every document. Tables count less: only codings in a case's text (the \
        crosstab), or places (co-occurrence), within the filters.";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: usize, b: usize) -> CharRange {
        CharRange::new(a, b)
    }

    #[test]
    fn overlapping_codings_join_and_touching_ones_stay_two_places() {
        assert_eq!(
            places(vec![r(5, 8), r(0, 3), r(2, 4), r(8, 9), r(12, 12)]),
            vec![r(0, 4), r(5, 8), r(8, 9)]
        );
    }

    #[test]
    fn a_period_is_cut_to_the_dates_asked_for() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        assert_eq!(
            period_dates(d(6, 1), d(6, 30), Some(d(6, 15)), None),
            (d(6, 15), d(6, 30))
        );
        assert_eq!(
            period_dates(d(6, 1), d(6, 30), Some(d(5, 15)), Some(d(6, 20))),
            (d(6, 1), d(6, 20))
        );
    }
}
