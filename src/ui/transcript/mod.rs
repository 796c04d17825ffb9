//! The transcript view: a document laid out as interview turns, chat messages or paragraphs,
//! with codings as coloured highlights and, where they overlap, stripes in the margin.
//!
//! Only the visible part is laid out: the document is cut into [`blocks`]; each block's height
//! is estimated until it is first shown, then measured, and its galley is cached
//! ([`geometry`]). Codings are found per block through an index kept up to date edit by edit
//! ([`index`]). Text is selected with the mouse or the keyboard; a selection can be dragged onto
//! a code in the codebook; the selected coding's edges can be dragged to move its boundaries.
//! In compare mode the coders' stripes stand side by side and the compared passages are marked
//! ([`marks`]).

pub mod blocks;
pub mod find;
pub mod geometry;
pub mod index;
pub mod marks;
pub mod snap;
mod view;

use std::sync::Arc;

use egui::{Galley, Pos2, Rect};

use self::blocks::Blocks;
use self::find::{find_all, parse_jump, resolve_jump};
use self::geometry::Geometry;
use self::index::{CodingIndex, Slot, Whose};
use self::marks::PassageMarks;
use super::error::UiError;
use crate::analysis::agreement::Comparison;
use crate::model::{CharRange, CoderId, CodingId, DocumentId, Project};
use crate::session::Changes;

pub use view::transcript_ui;

/// A text selection: where it started and where the caret is (char offsets in the document).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Where the selection started.
    pub anchor: usize,
    /// The caret.
    pub head: usize,
}

impl Selection {
    /// A caret with nothing selected.
    #[must_use]
    pub const fn caret(pos: usize) -> Self {
        Self {
            anchor: pos,
            head: pos,
        }
    }

    /// The selected characters.
    #[must_use]
    pub fn range(self) -> CharRange {
        CharRange::new(self.anchor.min(self.head), self.anchor.max(self.head))
    }
}

/// What a selection dragged onto a code carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SelectionDrag {
    /// The document.
    pub document: DocumentId,
    /// The selected characters.
    pub range: CharRange,
}

/// The find bar.
#[derive(Debug, Default)]
struct FindBar {
    open: bool,
    query: String,
    searched: String,
    matches: Vec<CharRange>,
    current: usize,
    /// The matches were found in a newly opened document and the current one is not shown
    /// yet.
    pending: bool,
    focus: bool,
}

/// The "go to" field.
#[derive(Debug, Default)]
struct GotoBar {
    open: bool,
    input: String,
    error: Option<String>,
    focus: bool,
}

/// How a pending scroll should place its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reveal {
    /// Put it a third of the way down the view.
    Place,
    /// Only scroll if it is out of view.
    IfNeeded,
}

/// A block on screen in the current frame.
#[derive(Clone, Debug)]
struct Visible {
    block: usize,
    /// The whole block, on screen.
    rect: Rect,
    /// Where the galley's origin is on screen.
    text_origin: Pos2,
    galley: Arc<Galley>,
    /// The header (speaker label or sender line), on screen.
    header: Option<Rect>,
}

/// Mouse dragging in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drag {
    None,
    /// Extending the selection.
    Selecting,
    /// Dragging the selection towards a code.
    Carrying,
    /// Dragging an edge of the selected coding: its start (or end), and the range so far.
    Edge {
        coding: CodingId,
        start: bool,
        range: CharRange,
    },
}

/// The state of the transcript view.
#[allow(clippy::struct_excessive_bools)] // modes and settings the view reads every frame
pub struct TranscriptState {
    doc: Option<DocumentId>,
    blocks: Blocks,
    index: CodingIndex,
    geometry: Geometry,
    selection: Option<Selection>,
    selected_coding: Option<CodingId>,
    find: FindBar,
    goto: GotoBar,
    reveal: Option<(usize, Reveal)>,
    pending_offset: Option<f32>,
    drag: Drag,
    /// Where a drag-selection started, before snapping.
    drag_anchor: usize,
    /// Drag-selections snap to whole words (a setting; Alt selects exactly).
    pub snap_words: bool,
    /// Remembered x of the caret for up/down movement.
    caret_x: Option<f32>,
    visible: Vec<Visible>,
    /// The visible part of the content (content coordinates) last frame.
    viewport: Rect,
    /// The first block shown last frame and how far into it the view started.
    top_anchor: Option<(usize, f32)>,
    focus_requested: bool,
    /// The "Codings of …" switch: one coder's, or everyone's (`None`).
    chosen_coder: Option<CoderId>,
    /// Whose codings the app shows over the switch: blind mode or compare mode.
    imposed: Option<Whose>,
    /// Compare mode: the compared passages of the open document, agreed or not.
    marks: Option<PassageMarks>,
    /// The document is mostly Chinese (or Japanese, Korean): days are written its way.
    chinese: bool,
    /// Galleys laid out in the last frame (for benchmarks and tests).
    pub layouts_last_frame: usize,
    /// Edit mode: the text can be changed, coding is off (Document ▸ Edit text).
    pub editing: bool,
    /// The turn, message or paragraph being edited.
    pub row_edit: Option<crate::ui::text_editing::RowEdit>,
    /// What was typed, ready for the session (see [`Self::take_typed`]).
    typed: Vec<crate::session::Action>,
    /// The turn the recording is at (marked in the margin), while a recording is open.
    pub playing_segment: Option<usize>,
    /// Whether the user scrolled the view (the player's follow mode stops following).
    scroll_watch: ScrollWatch,
}

/// The user's scrolling, told from the view's own (reveals, re-layouts).
#[derive(Clone, Copy, Debug, Default)]
struct ScrollWatch {
    /// The view was scrolled by the user since this was last taken.
    by_user: bool,
    /// The scroll offset last frame.
    last: f32,
}

impl Default for TranscriptState {
    fn default() -> Self {
        Self {
            doc: None,
            blocks: Blocks::default(),
            index: CodingIndex::default(),
            geometry: Geometry::default(),
            selection: None,
            selected_coding: None,
            find: FindBar::default(),
            goto: GotoBar::default(),
            reveal: None,
            pending_offset: None,
            drag: Drag::None,
            drag_anchor: 0,
            snap_words: true,
            caret_x: None,
            visible: Vec::new(),
            viewport: Rect::NOTHING,
            top_anchor: None,
            focus_requested: false,
            chosen_coder: None,
            imposed: None,
            marks: None,
            chinese: false,
            layouts_last_frame: 0,
            editing: false,
            row_edit: None,
            typed: Vec::new(),
            playing_segment: None,
            scroll_watch: ScrollWatch::default(),
        }
    }
}

impl std::fmt::Debug for TranscriptState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TranscriptState")
            .field("doc", &self.doc)
            .field("blocks", &self.blocks.len())
            .field("codings", &self.index.len())
            .field("selection", &self.selection)
            .field("selected_coding", &self.selected_coding)
            .finish_non_exhaustive()
    }
}

impl TranscriptState {
    /// Show document `id` (or nothing).
    pub fn open(&mut self, project: &Project, id: Option<DocumentId>) {
        let keep_find = std::mem::take(&mut self.find);
        let marks = self.marks.take();
        *self = Self {
            imposed: self.imposed.take(),
            editing: self.editing,
            find: FindBar {
                open: keep_find.open,
                query: keep_find.query,
                ..FindBar::default()
            },
            chosen_coder: self.chosen_coder.filter(|c| project.coder(*c).is_some()),
            ..Self::default()
        };
        let Some(doc) = id.and_then(|id| project.document(id)) else {
            return;
        };
        self.doc = Some(doc.id);
        self.chinese = crate::ui::quote::mostly_cjk(doc.text.as_str());
        self.blocks = Blocks::build(doc);
        self.index = CodingIndex::build_for(project, doc.id, &self.blocks, self.whose_wanted());
        self.marks = marks.map(|m| PassageMarks::build(m.comparison(), doc.id, &self.blocks));
        self.selection = Some(Selection::caret(0));
        // The find bar keeps its words: search the new document for them (without moving to a
        // match: whoever opened the document may be showing a passage of it).
        if self.find.open && !self.find.query.is_empty() {
            self.search(project);
            self.find.pending = true;
        }
    }

    /// Whose codings should be shown: what the app imposes, else the switch.
    fn whose_wanted(&self) -> Whose {
        self.imposed
            .clone()
            .unwrap_or_else(|| self.chosen_coder.map_or(Whose::Everyone, Whose::Coder))
    }

    /// Re-index when whose codings are shown changed.
    fn refresh_whose(&mut self, project: &Project) {
        let whose = self.whose_wanted();
        if let Some(doc) = self.doc
            && *self.index.whose() != whose
        {
            self.index = CodingIndex::build_for(project, doc, &self.blocks, whose);
            if let Some(c) = self.selected_coding
                && self.index.slot(c).is_none()
            {
                self.selected_coding = None;
            }
        }
    }

    /// Blind mode (one coder's codings) or compare mode (coders side by side) decide whose
    /// codings are shown, over the "Codings of …" switch; `None` gives the choice back to it.
    pub fn impose(&mut self, project: &Project, whose: Option<Whose>) {
        if self.imposed != whose {
            self.imposed = whose;
            self.refresh_whose(project);
        }
    }

    /// Whose codings are shown, and how.
    #[must_use]
    pub fn whose(&self) -> &Whose {
        self.index.whose()
    }

    /// Compare mode: mark the compared passages of the open document in the margin (agreed
    /// or not) and the characters the coders differ on; `current` is the passage under
    /// review (an index into the comparison's passages). `None` ends compare mode.
    pub fn set_comparison(&mut self, comparison: Option<&Arc<Comparison>>, current: Option<usize>) {
        let same = match (&self.marks, comparison) {
            (Some(m), Some(c)) => Arc::ptr_eq(m.comparison(), c),
            (None, None) => true,
            _ => false,
        };
        if !same {
            self.marks = match (comparison, self.doc) {
                (Some(c), Some(doc)) => Some(PassageMarks::build(c, doc, &self.blocks)),
                _ => None,
            };
        }
        if let Some(m) = &mut self.marks {
            m.current = current;
        }
    }

    /// The compared passages of the open document that touch character `pos`: indices into
    /// the comparison's passages (compare mode).
    #[must_use]
    pub fn passages_at(&self, pos: usize) -> Vec<usize> {
        let Some(m) = &self.marks else {
            return Vec::new();
        };
        let Some(b) = self.blocks.block_at(pos) else {
            return Vec::new();
        };
        m.in_block(b)
            .filter(|(_, p)| p.range.start <= pos && pos < p.range.end)
            .map(|(i, _)| i)
            .collect()
    }

    /// Number of compared passages marked in the open document (compare mode).
    #[must_use]
    pub fn marked_passages(&self) -> usize {
        self.marks.as_ref().map_or(0, PassageMarks::passage_count)
    }

    /// Turn edit mode on or off (the app has taken what was typed first).
    pub fn toggle_editing(&mut self) {
        self.editing = !self.editing;
        self.row_edit = None;
    }

    /// The edits typed in edit mode and handed over, not yet applied; with `now`, also what is
    /// being typed at this moment. The app applies them before anything else it does, so that
    /// they are in the project first.
    pub fn take_typed(&mut self, now: bool) -> Vec<crate::session::Action> {
        if now {
            self.typed.extend(
                self.row_edit
                    .as_mut()
                    .and_then(crate::ui::text_editing::RowEdit::commit),
            );
        }
        std::mem::take(&mut self.typed)
    }

    /// Edits the row editor handed over this frame.
    pub(crate) fn typed(&mut self, actions: Vec<crate::session::Action>) {
        self.typed.extend(actions);
    }

    /// Edit mode: start editing the turn, message or paragraph holding character `pos`.
    pub fn edit_row_at(&mut self, project: &Project, pos: usize) {
        let (Some(doc), Some(b)) = (self.doc, self.blocks.block_at(pos)) else {
            return;
        };
        let block = &self.blocks.blocks[b];
        if self
            .row_edit
            .as_ref()
            .is_some_and(|r| r.segment.is_some() && r.segment == block.segment)
        {
            return;
        }
        let handed = self
            .row_edit
            .as_mut()
            .and_then(crate::ui::text_editing::RowEdit::commit);
        let mut row =
            crate::ui::text_editing::RowEdit::new(project, doc, block.segment, block.range)
                .map(|r| r.with_caret(pos));
        // What the last row hands over is applied after this frame: a paragraph after it moves.
        if let (Some(row), Some(crate::session::Action::EditText { range, text, .. })) =
            (&mut row, &handed)
        {
            row.follow_splice(crate::model::Splice::new(*range, text.chars().count()));
        }
        self.typed.extend(handed);
        self.row_edit = row;
    }

    /// The document shown.
    #[must_use]
    pub fn document(&self) -> Option<DocumentId> {
        self.doc
    }

    /// Bring the view up to date after an edit. The compared passages are let go of: the app
    /// brings the comparison up to date and marks them again (see [`Self::set_comparison`]).
    pub fn apply_changes(&mut self, project: &Project, changes: &Changes) {
        self.marks = None;
        let Some(doc_id) = self.doc else { return };
        let Some(doc) = project.document(doc_id) else {
            self.open(project, None);
            return;
        };
        match changes {
            Changes::Codings(ids) => {
                for id in ids {
                    self.index.update(project, doc_id, &self.blocks, *id);
                }
            }
            Changes::Text { document, splice } => {
                if *document != doc_id {
                    return;
                }
                match self.blocks.follow_edit(doc, *splice) {
                    Some(cut) => {
                        self.index.follow_edit(project, *splice);
                        for i in cut {
                            self.geometry.forget(i);
                        }
                    }
                    None => {
                        self.blocks = Blocks::build(doc);
                        self.geometry.clear();
                        self.index = CodingIndex::build_for(
                            project,
                            doc_id,
                            &self.blocks,
                            self.whose_wanted(),
                        );
                    }
                }
                self.find.searched.clear();
            }
            Changes::All => {
                let blocks = Blocks::build(doc);
                if blocks.blocks != self.blocks.blocks {
                    self.blocks = blocks;
                    self.geometry.clear();
                    self.marks = None;
                }
                self.chosen_coder = self.chosen_coder.filter(|c| project.coder(*c).is_some());
                self.index =
                    CodingIndex::build_for(project, doc_id, &self.blocks, self.whose_wanted());
                self.find.searched.clear();
            }
        }
        if let Some(c) = self.selected_coding
            && self.index.slot(c).is_none()
        {
            self.selected_coding = None;
        }
    }

    /// The selection, when it covers at least one character.
    #[must_use]
    pub fn selected_range(&self) -> Option<(DocumentId, CharRange)> {
        let doc = self.doc?;
        let range = self.selection?.range();
        (!range.is_empty()).then_some((doc, range))
    }

    /// The caret and selection.
    #[must_use]
    pub fn selection(&self) -> Option<Selection> {
        self.selection
    }

    /// Select `range` of the open document and bring it into view.
    pub fn select(&mut self, range: CharRange) {
        self.selection = Some(Selection {
            anchor: range.start,
            head: range.end,
        });
        self.reveal = Some((range.start, Reveal::IfNeeded));
    }

    /// True when the open document already has exactly this coding (same range, code, coder).
    #[must_use]
    pub fn has_coding(
        &self,
        range: CharRange,
        code: crate::model::CodeId,
        coder: crate::model::CoderId,
    ) -> bool {
        self.index
            .at(&self.blocks, range.start)
            .iter()
            .any(|s| s.range == range && s.code == code && s.coder == coder)
    }

    /// Keep only the caret, at the end of the selection.
    pub fn collapse_selection(&mut self) {
        if let Some(s) = self.selection {
            self.selection = Some(Selection::caret(s.range().end));
        }
    }

    /// The coding selected in the view.
    #[must_use]
    pub fn selected_coding(&self) -> Option<CodingId> {
        self.selected_coding
    }

    /// Select a coding (and show it).
    pub fn select_coding(&mut self, id: Option<CodingId>) {
        self.selected_coding = id;
        if let Some(slot) = id.and_then(|id| self.index.slot(id)) {
            self.reveal = Some((slot.range.start, Reveal::IfNeeded));
        }
    }

    /// The "Codings of …" switch: show only `coder`'s codings, or everyone's (`None`). Blind
    /// and compare mode take precedence while they are on.
    pub fn set_coder_filter(&mut self, project: &Project, coder: Option<CoderId>) {
        self.chosen_coder = coder;
        self.refresh_whose(project);
    }

    /// The "Codings of …" switch: one coder, or everyone (`None`).
    #[must_use]
    pub fn coder_filter(&self) -> Option<CoderId> {
        self.chosen_coder
    }

    /// True while blind or compare mode decides whose codings are shown.
    #[must_use]
    pub fn is_imposed(&self) -> bool {
        self.imposed.is_some()
    }

    /// The shown codings of block `b`.
    fn slots_in_block(&self, b: usize) -> impl Iterator<Item = &Slot> + '_ {
        self.index.in_block(b)
    }

    /// The shown codings covering char `pos`, shortest first.
    fn slots_at(&self, pos: usize) -> Vec<Slot> {
        self.index.at(&self.blocks, pos)
    }

    /// The codings under the caret, shortest first; the selected coding first of all.
    #[must_use]
    pub fn codings_at_caret(&self) -> Vec<Slot> {
        let mut v = match self.selection {
            Some(s) => self.slots_at(s.head),
            None => Vec::new(),
        };
        if let Some(sel) = self.selected_coding.and_then(|id| self.index.slot(id)) {
            v.retain(|s| s.id != sel.id);
            v.insert(0, *sel);
        }
        v
    }

    /// Select the whole turn or message at the caret.
    pub fn select_segment_at_caret(&mut self, project: &Project) {
        let (Some(doc), Some(sel)) = (self.doc.and_then(|d| project.document(d)), self.selection)
        else {
            return;
        };
        if let Some(b) = self.blocks.block_at(sel.head) {
            let range = match self.blocks.blocks[b].segment {
                Some(s) => doc.segments[s].range,
                None => self.blocks.blocks[b].range,
            };
            self.select(range);
        }
    }

    /// Open the find bar.
    pub fn open_find(&mut self) {
        self.find.open = true;
        self.find.focus = true;
    }

    /// Close the find bar and give the keyboard back to the text.
    pub fn close_find(&mut self) {
        if !self.find.open {
            return;
        }
        self.find.open = false;
        self.find.matches.clear();
        self.find.searched.clear();
        self.find.pending = false;
        self.focus_requested = true;
    }

    /// True while the find bar is open.
    #[must_use]
    pub fn find_open(&self) -> bool {
        self.find.open
    }

    /// The galleys of the blocks on screen in the last frame (tests check they were laid out
    /// with the current fonts).
    #[must_use]
    pub fn visible_galleys(&self) -> Vec<Arc<Galley>> {
        self.visible.iter().map(|v| v.galley.clone()).collect()
    }

    /// Open the go-to field.
    pub fn open_goto(&mut self) {
        self.goto.open = true;
        self.goto.focus = true;
    }

    /// Search the open document for `query` and select the first match at or after the caret.
    /// Returns the number of matches.
    pub fn find(&mut self, project: &Project, query: &str) -> usize {
        self.find.open = true;
        query.clone_into(&mut self.find.query);
        self.run_find(project);
        self.find.matches.len()
    }

    fn run_find(&mut self, project: &Project) {
        if self.find.searched == self.find.query {
            return;
        }
        self.search(project);
        self.show_current_match();
    }

    /// Search the open document for the find bar's words; the current match is the first at
    /// or after the caret.
    fn search(&mut self, project: &Project) {
        let Some(doc) = self.doc.and_then(|d| project.document(d)) else {
            return;
        };
        self.find.searched.clone_from(&self.find.query);
        self.find.matches = find_all(&doc.text, &self.find.query);
        let from = self.selection.map_or(0, |s| s.range().start);
        self.find.current = self
            .find
            .matches
            .partition_point(|m| m.start < from)
            .min(self.find.matches.len().saturating_sub(1));
        self.find.pending = false;
    }

    fn show_current_match(&mut self) {
        if let Some(m) = self.find.matches.get(self.find.current).copied() {
            self.selection = Some(Selection {
                anchor: m.start,
                head: m.end,
            });
            self.reveal = Some((m.start, Reveal::Place));
        }
    }

    /// Go to the next (or previous) match.
    pub fn next_match(&mut self, forward: bool) {
        let n = self.find.matches.len();
        if n == 0 {
            return;
        }
        if std::mem::take(&mut self.find.pending) {
            // The current match of a fresh search was not shown yet: show it first.
            self.show_current_match();
            return;
        }
        self.find.current = if forward {
            (self.find.current + 1) % n
        } else {
            (self.find.current + n - 1) % n
        };
        self.show_current_match();
    }

    /// Go to a message number or a time; returns why not when it cannot.
    pub fn go_to(&mut self, project: &Project, input: &str) -> Result<(), UiError> {
        let doc = self
            .doc
            .and_then(|d| project.document(d))
            .ok_or(UiError::NoDocument)?;
        let target = parse_jump(input).ok_or(UiError::BadJump)?;
        let current = self.selection.and_then(|s| doc.segment_at(s.head));
        let seg = resolve_jump(doc, target, current)
            .ok_or_else(|| UiError::NothingAt(input.trim().to_owned()))?;
        let start = doc.segments[seg].range.start;
        self.selection = Some(Selection::caret(start));
        self.reveal = Some((start, Reveal::Place));
        Ok(())
    }

    /// Where character `pos` was drawn in the last frame (its left edge, mid-row), if visible.
    #[must_use]
    pub fn char_screen_pos(&self, pos: usize) -> Option<Pos2> {
        let (v, start) = self.visible_holding(pos, pos)?;
        let r = v
            .galley
            .pos_from_cursor(egui::text::CCursor::new(pos - start));
        Some(v.text_origin + r.center().to_vec2() + egui::vec2(1.0, 0.0))
    }

    /// The block on screen whose text holds the cursor positions `from` to `to`, and where its
    /// text starts.
    fn visible_holding(&self, from: usize, to: usize) -> Option<(&Visible, usize)> {
        self.visible.iter().find_map(|v| {
            let r = self.blocks.blocks[v.block].range;
            (r.start <= from && to <= r.end).then_some((v, r.start))
        })
    }

    /// Where the header (speaker label or sender line) of the block holding `pos` was drawn.
    #[must_use]
    pub fn header_screen_rect(&self, pos: usize) -> Option<Rect> {
        let b = self.blocks.block_at(pos)?;
        self.visible.iter().find(|v| v.block == b)?.header
    }

    /// Number of blocks in the open document.
    #[must_use]
    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    /// Number of codings in the open document's index.
    #[must_use]
    pub fn coding_count(&self) -> usize {
        self.index.len()
    }

    /// Number of matches of the last search.
    #[must_use]
    pub fn match_count(&self) -> usize {
        self.find.matches.len()
    }

    /// Ask for keyboard focus on the text next frame.
    pub fn focus(&mut self) {
        self.focus_requested = true;
    }

    /// Scroll so that character `pos` is in view next frame.
    pub fn reveal(&mut self, pos: usize) {
        self.reveal = Some((pos, Reveal::Place));
    }

    /// Scroll next frame only if character `pos` is out of view (the player following the
    /// recording).
    pub fn reveal_if_needed(&mut self, pos: usize) {
        self.reveal = Some((pos, Reveal::IfNeeded));
    }

    /// Whether the user scrolled the view since this was last asked.
    pub fn take_user_scrolled(&mut self) -> bool {
        std::mem::take(&mut self.scroll_watch.by_user)
    }
}
