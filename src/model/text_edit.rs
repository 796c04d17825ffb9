//! Editing a document's text in place, exactly: one [`TextEdit`] replaces a range of characters
//! and moves everything that holds an offset into that document (codings, speaker turns, chat
//! messages, and with them their media times) by the edit itself, with no searching. The rules
//! are in [`Splice`], the one place that says where an offset goes:
//!
//! - a coding grows or shrinks with an edit inside it: text inserted strictly inside it joins
//!   it, text inserted exactly at its start or end stays outside; characters of it replaced
//!   (a name, a typo) are replaced in it, even at its ends; what is deleted from it is gone from
//!   it, and a deletion across its edge leaves the rest; a coding whose whole text is deleted
//!   must be removed first (the session plans that, in the same undo step);
//! - a turn's or message's own text takes in what is inserted at its start or end; an edit may
//!   change its label (speaker, header line) but not cross into it, delete its last character,
//!   add or remove a line break in it, nor cross the start or end of the text it holds, so that
//!   every turn and message still starts just after its label.
//!
//! Applying a text edit returns the edit that undoes it: the removed text put back, with the
//! exact old ranges of whatever touched the edited stretch (everything else moves back by the
//! same rule), so undo gives back the old project byte for byte.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::coding::Coding;
use super::document::Document;
use super::edit::{Edit, EditError};
use super::ids::{CoderId, CodingId, DocumentId};
use super::project::{EntityKey, Project};
use super::reanchor::{MAX_LABEL, label_start};
use super::text::CharRange;

/// One replacement of a document's text: `range` becomes `text`.
#[derive(Clone, Debug, PartialEq)]
pub struct TextEdit {
    /// The document.
    pub document: DocumentId,
    /// The characters replaced (empty for an insertion).
    pub range: CharRange,
    /// What replaces them (empty for a deletion).
    pub text: String,
    /// What the edit does to the document's history of edits.
    pub log: LogOp,
    /// Exact ranges to give holders after the move (an undo's memory of what it touched).
    pub restore: Restore,
}

impl TextEdit {
    /// Replace `range` of `document` by `text`, noting nothing in its history.
    #[must_use]
    pub fn new(document: DocumentId, range: CharRange, text: impl Into<String>) -> Self {
        Self {
            document,
            range,
            text: text.into(),
            log: LogOp::Keep,
            restore: Restore::default(),
        }
    }

    /// The edit as one [`Edit`].
    #[must_use]
    pub fn into_edit(self) -> Edit {
        Edit::EditText(Box::new(self))
    }
}

/// Exact ranges to set after a text edit moved everything (only undo carries them).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Restore {
    /// Turns and messages, by index.
    pub segments: Vec<(usize, CharRange)>,
    /// Codings, with their anchors.
    pub codings: Vec<(CodingId, CharRange, Anchor)>,
}

/// One entry of a document's history of edits: who changed its text, when, and how much.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextChange {
    /// The coder's name.
    pub who: String,
    /// When (the last edit of a run of typing).
    pub at: DateTime<Utc>,
    /// Characters removed.
    pub removed: usize,
    /// Characters inserted.
    pub inserted: usize,
}

/// What a text edit does to the document's history of edits.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum LogOp {
    /// Nothing.
    #[default]
    Keep,
    /// Add an entry.
    Push(TextChange),
    /// Replace the last entry (a run of typing counted as one).
    SetLast(TextChange),
    /// Remove the last entry (undo of a push).
    Pop,
}

/// Why a text edit cannot be made as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It would cross the start or the end of turn or message `n` (from 1).
    CrossesSegment(usize),
    /// It would break the label (speaker, header) of turn or message `n`.
    BreaksLabel(usize),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::CrossesSegment(n) => write!(
                f,
                "the edit crosses the start or end of turn or message {n}; edit one turn or message at a time"
            ),
            Refusal::BreaksLabel(n) => write!(
                f,
                "the edit would break the label (speaker, time) of turn or message {n}"
            ),
        }
    }
}

/// The shape of one edit: at `start`, `removed` characters replaced by `inserted` ones. Says
/// where every offset goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Splice {
    /// First character replaced.
    pub start: usize,
    /// Characters removed.
    pub removed: usize,
    /// Characters inserted.
    pub inserted: usize,
}

impl Splice {
    /// The splice of replacing `range` by `inserted` characters.
    #[must_use]
    pub fn new(range: CharRange, inserted: usize) -> Self {
        Self {
            start: range.start,
            removed: range.len(),
            inserted,
        }
    }

    /// The one splice that turns `old` into `new` when they differ in one stretch: their
    /// common beginning and end kept (what one key press or paste changed in an edited line).
    #[must_use]
    pub fn common(old: &str, new: &str) -> Option<Self> {
        if old == new {
            return None;
        }
        let prefix = old
            .chars()
            .zip(new.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let (old_len, new_len) = (old.chars().count(), new.chars().count());
        let suffix = old
            .chars()
            .rev()
            .zip(new.chars().rev())
            .take(old_len.min(new_len) - prefix)
            .take_while(|(a, b)| a == b)
            .count();
        Some(Self {
            start: prefix,
            removed: old_len - prefix - suffix,
            inserted: new_len - prefix - suffix,
        })
    }

    /// The splices that turn `old` into `new` (a character diff, given at most two seconds,
    /// then coarser), last first: applied in this order, each is in the coordinates of the text
    /// the ones before it left. How a text that arrives whole (a merge, a sync) moved.
    #[must_use]
    pub fn between(old: &str, new: &str) -> Vec<Self> {
        if old == new {
            return Vec::new();
        }
        let (old, new): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        let ops = similar::capture_diff_slices_deadline(
            similar::Algorithm::Myers,
            &old,
            &new,
            Some(deadline),
        );
        let mut out: Vec<Self> = ops
            .iter()
            .filter(|op| !matches!(op, similar::DiffOp::Equal { .. }))
            .map(|op| {
                let (_, old_range, new_range) = op.as_tag_tuple();
                Self {
                    start: old_range.start,
                    removed: old_range.len(),
                    inserted: new_range.len(),
                }
            })
            .collect();
        out.reverse();
        out
    }

    /// Where a coding of `old` goes in `new` when `old` became `new` by `splices` (as
    /// [`Splice::between`] gives them).
    #[must_use]
    pub fn coding_through(splices: &[Self], range: CharRange) -> CharRange {
        splices.iter().fold(range, |r, s| s.coding(r))
    }

    /// Where a coding of `new` goes back in `old` (the inverse of [`Splice::coding_through`]).
    #[must_use]
    pub fn coding_back(splices: &[Self], range: CharRange) -> CharRange {
        splices
            .iter()
            .rev()
            .fold(range, |r, s| s.inverse().coding(r))
    }

    /// The splice that takes positions of the new text back to the old one.
    #[must_use]
    pub fn inverse(self) -> Self {
        Self {
            start: self.start,
            removed: self.inserted,
            inserted: self.removed,
        }
    }

    /// One past the last character removed.
    #[must_use]
    pub fn end(self) -> usize {
        self.start + self.removed
    }

    fn after_deletion(self, p: usize) -> usize {
        if p <= self.start {
            p
        } else if p >= self.end() {
            p - self.removed
        } else {
            self.start
        }
    }

    /// Where a coding's range goes (empty when its whole text is deleted).
    #[must_use]
    #[allow(clippy::many_single_char_names)] // positions named as in the module docs
    pub fn coding(self, r: CharRange) -> CharRange {
        let a = self.start;
        if self.removed > 0 && r.start <= a && self.end() <= r.end {
            // Characters of the coding replaced: the replacement takes their place in it.
            let len = r.len() - self.removed + self.inserted;
            return CharRange::new(r.start, r.start + len);
        }
        let (s, e) = (self.after_deletion(r.start), self.after_deletion(r.end));
        if e <= s {
            let p = if s < a { s } else { s + self.inserted };
            return CharRange::new(p, p);
        }
        let s = if s < a { s } else { s + self.inserted };
        let e = if e <= a { e } else { e + self.inserted };
        CharRange::new(s, e)
    }

    /// Where a turn's or message's text goes (what is inserted at its ends joins it); `None`
    /// when the edit crosses its start or end.
    #[must_use]
    #[allow(clippy::many_single_char_names)] // positions named as in the module docs
    pub fn segment(self, r: CharRange) -> Option<CharRange> {
        let (a, b) = (self.start, self.end());
        if (a < r.start && r.start < b) || (a < r.end && r.end < b) {
            return None;
        }
        let shift = |p: usize| p + self.inserted - self.removed;
        let s = if r.start <= a {
            r.start
        } else {
            shift(r.start)
        };
        let e = if r.end < a || (r.end == a && self.removed > 0) {
            r.end
        } else {
            shift(r.end)
        };
        Some(CharRange::new(s, e))
    }

    /// True when a holder of `r` may move otherwise than all of it by the same amount (it
    /// touches the edited stretch): its old range is what an undo must remember.
    #[must_use]
    pub fn touches(self, r: CharRange) -> bool {
        r.end >= self.start && r.start <= self.end()
    }
}

impl Document {
    /// Why replacing `range` (whose text is `removed`) by `text` would break a turn or message,
    /// if it would.
    pub fn check_text_edit(
        &self,
        range: CharRange,
        removed: &str,
        text: &str,
    ) -> Result<(), Refusal> {
        let splice = Splice::new(range, text.chars().count());
        let (a, b) = (range.start, range.end);
        // Segments whose label or text can meet [a, b]: from the first that ends at or after
        // `a`, while the one before ends at or before `b`.
        let first = self.segments.partition_point(|s| s.range.end < a);
        for i in first..self.segments.len() {
            let previous_end = i.checked_sub(1).map_or(0, |p| self.segments[p].range.end);
            if previous_end > b {
                break;
            }
            let seg = self.segments[i].range;
            if splice.segment(seg).is_none() {
                return Err(Refusal::CrossesSegment(i + 1));
            }
            let ls = label_start(&self.text, seg.start, previous_end);
            if ls == seg.start {
                continue;
            }
            let touches = if a == b {
                ls <= a && a < seg.start
            } else {
                a < seg.start && b >= ls
            };
            if !touches {
                continue;
            }
            let inside = ls <= a && b < seg.start;
            if !inside
                || removed.contains('\n')
                || text.contains('\n')
                || seg.start - ls - range.len() + splice.inserted > MAX_LABEL
            {
                return Err(Refusal::BreaksLabel(i + 1));
            }
        }
        Ok(())
    }
}

impl Project {
    /// Apply a text edit (see the module docs); returns its inverse.
    pub(super) fn edit_text(&mut self, e: TextEdit) -> Result<Edit, EditError> {
        let TextEdit {
            document,
            range,
            text,
            log,
            restore,
        } = e;
        let Project {
            documents,
            codings,
            touched,
            ..
        } = self;
        let doc = documents
            .get_mut(&document)
            .ok_or_else(|| EditError::Missing(format!("document {document}")))?;
        let len = doc.text.char_len();
        if range.start > range.end || range.end > len {
            return Err(EditError::OutOfRange {
                start: range.start,
                end: range.end,
                len,
            });
        }
        let splice = Splice::new(range, text.chars().count());
        let name = doc.name.clone();
        let refuse = |reason: String| EditError::TextEdit {
            document: name.clone(),
            reason,
        };
        if restore.segments.is_empty() {
            doc.check_text_edit(range, doc.text.slice(range), &text)
                .map_err(|r| refuse(r.to_string()))?;
        }
        let new_len = len - range.len() + splice.inserted;

        // Checked before anything changes. Only what touches the edited stretch can refuse it
        // or move otherwise than whole; the rest of the document's turns, messages and codings
        // just shift, in one pass each below (no searching, nothing re-read).
        let restored: std::collections::HashMap<CodingId, (CharRange, &Anchor)> = restore
            .codings
            .iter()
            .map(|(id, r, a)| (*id, (*r, a)))
            .collect();
        let first = doc.segments.partition_point(|s| s.range.end < range.start);
        let mut old_touched_segments = Vec::new();
        for (i, s) in doc.segments.iter().enumerate().skip(first) {
            if !splice.touches(s.range) {
                break;
            }
            splice
                .segment(s.range)
                .ok_or_else(|| refuse(Refusal::CrossesSegment(i + 1).to_string()))?;
            old_touched_segments.push((i, s.range));
        }
        for &(i, r) in &restore.segments {
            if i >= doc.segments.len() || r.end > new_len {
                return Err(refuse(format!(
                    "turn or message {} cannot be put back",
                    i + 1
                )));
            }
            if !old_touched_segments.iter().any(|&(j, _)| j == i) {
                old_touched_segments.push((i, doc.segments[i].range));
            }
        }
        old_touched_segments.sort_by_key(|&(i, _)| i);
        // The document's codings, each with its range before the edit, in one walk; the rest
        // reads the ranges from this list.
        let mut mine: Vec<(CharRange, &mut Coding)> = codings
            .values_mut()
            .filter(|c| c.document == document)
            .map(|c| (c.range, c))
            .collect();
        let restoring = |c: &Coding| {
            if restored.is_empty() {
                None
            } else {
                restored.get(&c.id)
            }
        };
        let is_touched = |r: CharRange, c: &Coding| splice.touches(r) || restoring(c).is_some();
        let moved =
            |r: CharRange, c: &Coding| restoring(c).map_or_else(|| splice.coding(r), |t| t.0);
        let mut touched_codings = Vec::new();
        for (r, c) in mine.iter().filter(|(r, c)| is_touched(*r, c)) {
            let to = moved(*r, c);
            if to.is_empty() {
                return Err(refuse(format!(
                    "it deletes the whole text of a coding ({}..{}); remove the coding first",
                    r.start, r.end
                )));
            }
            if to.end > new_len {
                return Err(EditError::OutOfRange {
                    start: to.start,
                    end: to.end,
                    len: new_len,
                });
            }
            touched_codings.push((c.id, *r, c.anchor.clone()));
        }

        // Checked: now change.
        let removed = doc.text.replace_in_place(range, &text);
        for s in &mut doc.segments[first..] {
            if let Some(to) = splice.segment(s.range) {
                s.range = to;
            }
        }
        for &(i, r) in &restore.segments {
            doc.segments[i].range = r;
        }
        let undo_log = match log {
            LogOp::Keep => LogOp::Keep,
            LogOp::Push(entry) => {
                doc.edits.push(entry);
                LogOp::Pop
            }
            LogOp::SetLast(entry) => match doc.edits.last_mut() {
                Some(last) => LogOp::SetLast(std::mem::replace(last, entry)),
                None => {
                    doc.edits.push(entry);
                    LogOp::Pop
                }
            },
            LogOp::Pop => doc.edits.pop().map_or(LogOp::Keep, LogOp::Push),
        };
        touched.insert(EntityKey::Document(document));
        // The coders whose codings moved (a handful: a list, not a set).
        let mut coders: Vec<CoderId> = Vec::new();
        for (r, c) in &mut mine {
            let was_touched = is_touched(*r, c);
            let to = moved(*r, c);
            if to != *r || was_touched {
                c.range = to;
                if !coders.contains(&c.coder) {
                    coders.push(c.coder);
                }
            }
            if was_touched {
                c.anchor = match restoring(c) {
                    Some((_, anchor)) => (*anchor).clone(),
                    None => Anchor::capture(&doc.text, c.range),
                };
            }
        }
        for coder in coders {
            touched.insert(EntityKey::Codings(coder, document));
        }
        Ok(Edit::EditText(Box::new(TextEdit {
            document,
            range: CharRange::new(range.start, range.start + splice.inserted),
            text: removed,
            log: undo_log,
            restore: Restore {
                segments: old_touched_segments,
                codings: touched_codings,
            },
        })))
    }
}

impl Edit {
    /// A text edit with, first, the removal of every coding whose whole text it deletes (with
    /// the memos on them), as one step; and how many codings that removes.
    #[must_use]
    pub fn edit_text(project: &Project, edit: TextEdit) -> (Edit, usize) {
        Self::edit_texts(project, vec![edit])
    }

    /// Text edits of one document applied in the order given (each in the coordinates the ones
    /// before it left), with the removal of every coding whose whole text they delete put
    /// first; and how many codings that removes. Only the document's codings are followed.
    #[must_use]
    pub fn edit_texts(project: &Project, edits: Vec<TextEdit>) -> (Edit, usize) {
        let of = |document| {
            project
                .codings()
                .values()
                .filter(move |c| c.document == document)
        };
        let doomed: Vec<CodingId> = match edits.as_slice() {
            // An insertion deletes no coding's text.
            [one] if one.range.is_empty() => Vec::new(),
            // One edit: no need to follow the ranges through it.
            [one] => {
                let splice = Splice::new(one.range, one.text.chars().count());
                of(one.document)
                    .filter(|c| splice.coding(c.range).is_empty())
                    .map(|c| c.id)
                    .collect()
            }
            _ => {
                let mut doomed = Vec::new();
                let mut ranges: Vec<(CodingId, CharRange)> = Vec::new();
                let mut document = None;
                for edit in &edits {
                    if document != Some(edit.document) {
                        document = Some(edit.document);
                        ranges = of(edit.document).map(|c| (c.id, c.range)).collect();
                    }
                    let splice = Splice::new(edit.range, edit.text.chars().count());
                    ranges.retain_mut(|(id, r)| {
                        *r = splice.coding(*r);
                        if r.is_empty() {
                            doomed.push(*id);
                        }
                        !r.is_empty()
                    });
                }
                doomed
            }
        };
        let n = doomed.len();
        let mut out: Vec<Edit> = doomed
            .into_iter()
            .map(|id| Edit::remove_coding(project, id))
            .collect();
        out.extend(edits.into_iter().map(TextEdit::into_edit));
        match out.len() {
            1 => (out.pop().unwrap_or(Edit::Batch(Vec::new())), n),
            _ => (Edit::Batch(out), n),
        }
    }
}
