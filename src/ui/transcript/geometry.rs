//! Where each block sits: heights (estimated until a block is first laid out, then measured),
//! their running sums, and the cache of laid-out blocks. A galley is kept per block for the
//! current wrap width, text size, pixel density and layout generation; highlights are painted from the galley's
//! row geometry, so coding never invalidates a galley.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, Rect, TextFormat, pos2};

use super::blocks::{Block, BlockKind, Blocks};
use crate::model::Document;

/// Galleys kept at most; beyond this the ones far from the view are dropped.
const MAX_GALLEYS: usize = 3000;

/// What a layout depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutKey {
    /// Wrap width of the text column, in points.
    pub width: f32,
    /// Text size, in points.
    pub text_size: f32,
    /// Physical pixels per point.
    pub pixels_per_point: f32,
}

/// Vertical measures derived from the text size.
#[derive(Clone, Copy, Debug)]
pub struct Metrics {
    /// Height of one row of body text.
    pub line: f32,
    /// Height of a chat header (sender and time).
    pub header: f32,
    /// Height of a day separator.
    pub day: f32,
    /// Space above and below a block.
    pub pad: f32,
    /// Size of header text.
    pub small: f32,
}

impl Metrics {
    /// Measures for `text_size`.
    #[must_use]
    pub fn new(text_size: f32) -> Self {
        let line = (text_size * 1.55).round();
        let small = (text_size * 0.82).round();
        Self {
            line,
            header: (small * 1.5).round(),
            day: (text_size * 2.6).round(),
            pad: (text_size * 0.4).round(),
            small,
        }
    }

    /// Space a block takes above its text (padding, day separator, chat header).
    #[must_use]
    pub fn above(&self, block: &Block) -> f32 {
        let mut h = self.pad;
        if block.new_day.is_some() {
            h += self.day;
        }
        if block.has_header() && block.kind != BlockKind::Turn {
            h += self.header;
        }
        h
    }

    /// The least height of a block's text: two rows when a time in the recording sits under
    /// the speaker.
    #[must_use]
    pub fn min_body(&self, block: &Block) -> f32 {
        if block.has_media {
            self.line + self.small * 1.2
        } else {
            self.line
        }
    }

    /// Space below a block's text.
    #[must_use]
    pub fn below(&self, block: &Block) -> f32 {
        match block.kind {
            BlockKind::Message | BlockKind::System | BlockKind::Recalled => self.pad,
            BlockKind::Turn | BlockKind::Paragraph => self.pad * 2.0,
        }
    }
}

/// Heights, positions and galleys of one document's blocks.
#[derive(Default)]
pub struct Geometry {
    key: Option<LayoutKey>,
    heights: Vec<f32>,
    measured: Vec<bool>,
    tops: Vec<f32>,
    /// `tops[..=valid_to]` are correct.
    valid_to: usize,
    galleys: HashMap<usize, Arc<Galley>>,
    /// The layout generation the galleys were laid out in (see [`crate::ui::layout_generation`]).
    generation: u64,
}

impl Geometry {
    /// Forget everything (a new document).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Block `i`'s text changed: lay it out and measure it again when next shown.
    pub fn forget(&mut self, i: usize) {
        self.galleys.remove(&i);
        if let Some(m) = self.measured.get_mut(i) {
            *m = false;
        }
        self.valid_to = self.valid_to.min(i);
    }

    /// The layout key in use.
    #[must_use]
    pub fn key(&self) -> Option<LayoutKey> {
        self.key
    }

    /// Make sure the geometry is for `key`; on a change, re-estimate every height. Returns true
    /// when it changed.
    pub fn set_key(&mut self, key: LayoutKey, blocks: &Blocks, m: &Metrics) -> bool {
        if self.key == Some(key) && self.heights.len() == blocks.len() {
            return false;
        }
        self.key = Some(key);
        self.galleys.clear();
        let width_ems = key.width / key.text_size;
        self.heights = blocks
            .blocks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                m.above(b)
                    + (blocks.estimate_rows(i, width_ems) as f32 * m.line).max(m.min_body(b))
                    + m.below(b)
            })
            .collect();
        self.measured = vec![false; blocks.len()];
        self.tops = vec![0.0; blocks.len() + 1];
        self.valid_to = 0;
        true
    }

    /// Drop the galleys when the layout generation changed: the font atlas was rebuilt (they
    /// point into the old one) or the fonts or style changed. Heights stay: a new galley
    /// measures its block again when it differs.
    pub fn check_generation(&mut self, generation: u64) {
        if generation != self.generation {
            self.galleys.clear();
            self.measured.fill(false);
            self.generation = generation;
        }
    }

    /// Total height of all blocks.
    pub fn total(&mut self) -> f32 {
        let n = self.heights.len();
        self.top(n)
    }

    /// Top of block `i` (`i == len` gives the total height).
    pub fn top(&mut self, i: usize) -> f32 {
        let i = i.min(self.heights.len());
        while self.valid_to < i {
            let k = self.valid_to;
            self.tops[k + 1] = self.tops[k] + self.heights[k];
            self.valid_to += 1;
        }
        self.tops[i]
    }

    /// Height of block `i`.
    #[must_use]
    pub fn height(&self, i: usize) -> f32 {
        self.heights.get(i).copied().unwrap_or(0.0)
    }

    /// The block at height `y` (the last block for `y` past the end).
    pub fn block_at_y(&mut self, y: f32) -> usize {
        let n = self.heights.len();
        if n == 0 {
            return 0;
        }
        self.top(n);
        let i = self.tops[..=n].partition_point(|&t| t <= y);
        i.saturating_sub(1).min(n - 1)
    }

    /// The galley of block `i`, laying it out if needed. Returns it with the change in the
    /// block's height this caused (non-zero the first time a block is measured).
    pub fn galley(
        &mut self,
        i: usize,
        doc: &Document,
        blocks: &Blocks,
        m: &Metrics,
        layout: impl FnOnce(LayoutJob) -> Arc<Galley>,
    ) -> (Arc<Galley>, f32) {
        if let Some(g) = self.galleys.get(&i) {
            return (g.clone(), 0.0);
        }
        let Some(key) = self.key else {
            return (layout(LayoutJob::default()), 0.0);
        };
        let block = &blocks.blocks[i];
        let galley = layout(block_job(doc, block, key));
        let mut delta = 0.0;
        if !self.measured[i] {
            let h = m.above(block) + galley.rect.height().max(m.min_body(block)) + m.below(block);
            delta = h - self.heights[i];
            if delta.abs() > 0.01 {
                self.heights[i] = h;
                self.valid_to = self.valid_to.min(i);
            }
            self.measured[i] = true;
        }
        if self.galleys.len() >= MAX_GALLEYS {
            self.galleys.retain(|&k, _| k.abs_diff(i) < MAX_GALLEYS / 4);
        }
        self.galleys.insert(i, galley.clone());
        (galley, delta)
    }

    /// The galley of block `i` if it is laid out.
    #[must_use]
    pub fn cached(&self, i: usize) -> Option<&Arc<Galley>> {
        self.galleys.get(&i)
    }

    /// Number of galleys kept.
    #[must_use]
    pub fn cached_len(&self) -> usize {
        self.galleys.len()
    }
}

/// The layout job of a block's text. The colour is a placeholder, filled in when painting, so a
/// theme change needs no new layout.
fn block_job(doc: &Document, block: &Block, key: LayoutKey) -> LayoutJob {
    let m = Metrics::new(key.text_size);
    let text = doc.text.slice(block.range).to_owned();
    let format = TextFormat {
        font_id: FontId::proportional(key.text_size),
        line_height: Some(m.line),
        color: Color32::PLACEHOLDER,
        // Chinese has no italics: egui would slant the glyphs synthetically and break them up.
        italics: matches!(block.kind, BlockKind::System | BlockKind::Recalled)
            && !crate::ui::quote::mostly_cjk(&text),
        valign: egui::Align::Center,
        ..TextFormat::default()
    };
    let mut job = LayoutJob::single_section(text, format);
    job.wrap = TextWrapping::wrap_at_width(key.width);
    job
}

/// The rectangles (in galley coordinates) covering chars `[start, end)` of a galley; a range
/// running past a line's end covers a little of the space after it.
pub fn range_rects(galley: &Galley, start: usize, end: usize, out: &mut Vec<Rect>) {
    if end <= start {
        return;
    }
    let mut idx = 0usize;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let row_start = idx;
        let row_end = idx + n;
        idx += row.char_count_including_newline().0;
        if row_end < start {
            continue;
        }
        if row_start >= end {
            break;
        }
        let a = start.max(row_start) - row_start;
        let b = end.min(row_end) - row_start;
        let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(a));
        let mut x1 = row.pos.x + row.x_offset(egui::text::CharIndex(b));
        if end > row_end && (row.ends_with_newline || end > idx) {
            x1 += 4.0;
        }
        if x1 > x0 {
            out.push(Rect::from_min_max(
                pos2(x0, row.min_y()),
                pos2(x1, row.max_y()),
            ));
        }
    }
}

/// Top and bottom (galley coordinates) of the rows holding chars `start` and `end - 1`.
#[must_use]
pub fn rows_span(galley: &Galley, start: usize, end: usize) -> (f32, f32) {
    let mut idx = 0usize;
    let (mut top, mut bottom) = (None, 0.0f32);
    for row in &galley.rows {
        let n = row.char_count_including_newline().0;
        let row_end = idx + n;
        if top.is_none() && start < row_end.max(idx + 1) {
            top = Some(row.min_y());
        }
        if top.is_some() {
            bottom = row.max_y();
            if end <= row_end {
                break;
            }
        }
        idx = row_end;
    }
    (top.unwrap_or(0.0), bottom.max(top.unwrap_or(0.0)))
}
