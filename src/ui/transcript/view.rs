//! Drawing the transcript and handling the mouse and keyboard in it.

use std::sync::Arc;

use egui::text::CCursor;
use egui::{
    Align2, Color32, CursorIcon, Event, FontId, Galley, Id, Key, Pos2, Rect, Response, RichText,
    Role, ScrollArea, Sense, Shape, Stroke, StrokeKind, Ui, WidgetInfo, pos2, vec2,
};

use super::blocks::BlockKind;
use super::geometry::{LayoutKey, Metrics, range_rects, rows_span};
use super::index::{Slot, Whose};
use super::{Drag, Reveal, Selection, SelectionDrag, TranscriptState, Visible};
use crate::analysis::agreement::{Passage, PassageStatus};
use crate::model::{CharRange, CoderId, Document, DocumentKind, Project, SegmentKind};
use crate::session::Action;
use crate::ui::command::Command;
use crate::ui::i18n::{self, tr};
use crate::ui::player::MediaCommand;
use crate::ui::search_panel::code_list_ui;
use crate::ui::theme;

/// Width of one margin stripe and the gap after it.
const STRIPE: f32 = 4.0;
const STRIPE_GAP: f32 = 3.0;
/// Most lanes drawn; codings in deeper lanes share the last one.
const MAX_LANES: u16 = 6;
/// Lanes the gutter always has room for, so that the text does not move when codings overlap.
const MIN_LANES: u16 = 3;
/// Compare mode: lanes per coder column (deeper lanes share the last), and the space between
/// two coders' columns.
const COMPARE_LANES: u16 = 2;
const COLUMN_GAP: f32 = 7.0;
/// Compare mode: width of the agreement mark between the coders' columns and the text.
const MARK: f32 = 4.0;
const MARK_GAP: f32 = 4.0;
/// Width of the speaker column of interviews.
const LABEL_COLUMN: f32 = 104.0;
/// Longest line, in ems, for calm reading.
const MAX_LINE_EMS: f32 = 44.0;

/// Where things are across the width of the view (from the view's left edge).
#[derive(Clone, Copy, Debug)]
struct Columns {
    /// Right edge of the stripes (in compare mode, of the last coder's column).
    stripes_right: f32,
    /// Right edge of the margin: stripes and marks.
    gutter_right: f32,
    /// Left edge of the text.
    text_left: f32,
    /// Wrap width of the text.
    wrap: f32,
}

fn columns(state: &TranscriptState, kind: DocumentKind, width: f32, text_size: f32) -> Columns {
    let stripes_right = column_lanes(state, last_column(state)).0;
    let gutter_right = if state.marks.is_some() {
        stripes_right + MARK_GAP + MARK
    } else {
        stripes_right
    };
    let label = if kind == DocumentKind::Interview {
        LABEL_COLUMN
    } else {
        0.0
    };
    let text_left = gutter_right + 10.0 + label;
    let wrap = (width - text_left - 28.0)
        .min(text_size * MAX_LINE_EMS)
        .max(120.0)
        .round();
    Columns {
        stripes_right,
        gutter_right,
        text_left,
        wrap,
    }
}

/// The right edge of margin column `column` (its lanes grow leftwards from there) and how many
/// lanes it has room for.
fn column_lanes(state: &TranscriptState, column: u16) -> (f32, u16) {
    let lane = STRIPE + STRIPE_GAP;
    if let Whose::SideBySide(_) = state.whose() {
        let c = f32::from(column);
        let width = f32::from(COMPARE_LANES) * lane;
        (12.0 + (c + 1.0) * width + c * COLUMN_GAP, COMPARE_LANES)
    } else {
        let lanes = state.index.lanes(0).clamp(MIN_LANES, MAX_LANES);
        (12.0 + f32::from(lanes) * lane, lanes)
    }
}

/// Show the transcript of the open document. Returns the commands the user gave.
pub fn transcript_ui(
    state: &mut TranscriptState,
    project: &Project,
    text_size: f32,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(doc) = state.doc.and_then(|d| project.document(d)) else {
        ui.centered_and_justified(|ui| {
            ui.label(RichText::new(tr!("transcript-choose")).weak());
        });
        return commands;
    };
    header_ui(state, project, doc, ui);
    if state.editing {
        edit_strip_ui(state, project, &mut commands, ui);
    }
    if state.find.open {
        find_bar_ui(state, project, ui);
    }
    if state.goto.open {
        goto_bar_ui(state, project, ui);
    }
    ui.add_space(2.0);
    ui.separator();
    let before = state.selection;
    body_ui(state, project, doc, text_size, &mut commands, ui);
    if state.editing
        && state.selection != before
        && let Some(sel) = state.selection
    {
        state.edit_row_at(project, sel.head);
    }
    commands
}

/// Edit mode: what it means, the way out, and the editor of the row clicked.
fn edit_strip_ui(
    state: &mut TranscriptState,
    project: &Project,
    commands: &mut Vec<Command>,
    ui: &mut Ui,
) {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(tr!("edit-mode-on")).strong());
                if ui.button(tr!("edit-mode-leave")).clicked() {
                    commands.push(Command::ToggleEditText);
                }
            });
            let typed = crate::ui::text_editing::row_editor_ui(&mut state.row_edit, project, ui);
            state.typed(typed);
        });
}

fn header_ui(state: &mut TranscriptState, project: &Project, doc: &Document, ui: &mut Ui) {
    heading_ui(state, project, doc, ui);
    match state.whose() {
        Whose::SideBySide(coders) => compare_legend_ui(project, coders, state.marks.is_some(), ui),
        Whose::Coder(c) if state.is_imposed() => {
            let name = project.coder(*c).map_or("?", |c| c.name.as_str());
            ui.label(
                RichText::new(tr!("transcript-blind", coder = name))
                    .weak()
                    .small(),
            );
        }
        _ => {}
    }
}

/// Compare mode: which column is whose, and what the marks mean.
fn compare_legend_ui(project: &Project, coders: &[CoderId], marked: bool, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(RichText::new(tr!("transcript-side-by-side")).small().weak());
        for c in coders {
            let (r, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
            ui.painter().rect_filled(r, 2.0, coder_color(project, *c));
            let name = project.coder(*c).map_or("?", |c| c.name.as_str());
            ui.label(RichText::new(name).small());
            ui.add_space(6.0);
        }
        if marked {
            ui.separator();
            for status in [
                PassageStatus::Agreed,
                PassageStatus::Boundaries,
                PassageStatus::Missing,
            ] {
                let (r, _) = ui.allocate_exact_size(vec2(4.0, 12.0), Sense::hover());
                ui.painter().rect_filled(r, 1.0, theme::passage(status));
                ui.label(RichText::new(theme::passage_status_text(status)).small());
                ui.add_space(6.0);
            }
        }
    });
}

fn heading_ui(state: &mut TranscriptState, project: &Project, doc: &Document, ui: &mut Ui) {
    ui.horizontal(|ui| {
        let mut facts = vec![
            match doc.kind {
                DocumentKind::Interview => tr!("transcript-kind-interview"),
                DocumentKind::Chat => tr!("transcript-kind-chat"),
                DocumentKind::Notes => tr!("transcript-kind-notes"),
            }
            .to_owned(),
        ];
        if let Some(case) = doc.case.and_then(|c| project.case(c)) {
            facts.push(tr!("transcript-case", case = case.name.as_str()));
        }
        if !doc.segments.is_empty() {
            facts.push(if doc.kind == DocumentKind::Chat {
                tr!("transcript-messages", count = doc.segments.len())
            } else {
                tr!("transcript-turns", count = doc.segments.len())
            });
        }
        facts.push(tr!("count-codings", count = state.index.len()));
        let facts = facts.join(" · ");
        // The buttons first, from the right; the name and the facts get the room left and are
        // cut short with "…" rather than drawn under the buttons.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if state.marks.is_some() || state.is_imposed() {
                // Compare or blind mode decides whose codings are shown.
            } else if project.coders().len() > 1 {
                let name = |c: Option<crate::model::CoderId>| {
                    c.and_then(|c| project.coder(c)).map_or_else(
                        || tr!("transcript-all-coders").to_owned(),
                        |c| c.name.clone(),
                    )
                };
                let current = state.coder_filter();
                let mut chosen = current;
                egui::ComboBox::from_id_salt("coder-filter")
                    .selected_text(tr!("transcript-codings-of", coder = name(current)))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut chosen, None, tr!("transcript-all-coders"));
                        let mut coders: Vec<_> = project.coders().values().collect();
                        coders.sort_by(|a, b| a.name.cmp(&b.name));
                        for c in coders {
                            ui.selectable_value(&mut chosen, Some(c.id), &c.name);
                        }
                    })
                    .response
                    .widget_info(|| {
                        WidgetInfo::labeled(
                            Role::ComboBox,
                            true,
                            tr!("transcript-codings-of-label"),
                        )
                    });
                if chosen != current {
                    state.set_coder_filter(project, chosen);
                }
            }
            if ui
                .button(tr!("transcript-goto"))
                .on_hover_text(tr!("transcript-goto-hover"))
                .clicked()
            {
                state.open_goto();
            }
            if ui
                .button(tr!("transcript-find"))
                .on_hover_text(tr!("transcript-find-hover"))
                .clicked()
            {
                state.open_find();
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(&doc.name).heading()).truncate());
                ui.add(egui::Label::new(RichText::new(&facts).weak()).truncate())
                    .on_hover_text(&facts);
            });
        });
    });
}

fn find_bar_ui(state: &mut TranscriptState, project: &Project, ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.label(tr!("search-find"));
        let edit = egui::TextEdit::singleline(&mut state.find.query)
            .hint_text(tr!("find-hint"))
            .desired_width(260.0);
        let resp = ui.add(edit).labelled_by_text(tr!("find-label"));
        if std::mem::take(&mut state.find.focus) {
            resp.request_focus();
        }
        let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if resp.changed() {
            state.run_find(project);
        }
        if enter {
            let back = ui.input(|i| i.modifiers.shift);
            state.next_match(!back);
            resp.request_focus();
        }
        let n = state.find.matches.len();
        let status = if state.find.query.is_empty() {
            String::new()
        } else if n == 0 {
            tr!("find-none").to_owned()
        } else if state.find.pending {
            tr!("find-count", count = n)
        } else if n >= super::find::MAX_MATCHES {
            tr!("find-position-more", n = state.find.current + 1, total = n)
        } else {
            tr!("find-position", n = state.find.current + 1, total = n)
        };
        ui.label(RichText::new(status).weak());
        let prev = ui
            .button(tr!("find-previous"))
            .on_hover_text(tr!("find-previous-hover"));
        prev.widget_info(|| WidgetInfo::labeled(Role::Button, true, tr!("find-previous-label")));
        if prev.clicked() {
            state.next_match(false);
        }
        let next = ui
            .button(tr!("find-next"))
            .on_hover_text(tr!("find-next-hover"));
        next.widget_info(|| WidgetInfo::labeled(Role::Button, true, tr!("find-next-label")));
        if next.clicked() {
            state.next_match(true);
        }
        if ui
            .button(tr!("dialog-close"))
            .on_hover_text(tr!("find-close-hover"))
            .clicked()
            // A text field gives up the keyboard on Escape in the same frame.
            || ((resp.has_focus() || resp.lost_focus())
                && ui.input(|i| i.key_pressed(Key::Escape)))
        {
            state.close_find();
        }
    });
}

fn goto_bar_ui(state: &mut TranscriptState, project: &Project, ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.label(tr!("goto-title"));
        let edit = egui::TextEdit::singleline(&mut state.goto.input)
            .hint_text(tr!("goto-hint"))
            .desired_width(220.0);
        let resp = ui.add(edit).labelled_by_text(tr!("goto-label"));
        if std::mem::take(&mut state.goto.focus) {
            resp.request_focus();
        }
        let go = (resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)))
            || ui.button(tr!("goto-go")).clicked();
        if go {
            let input = state.goto.input.clone();
            match state.go_to(project, &input) {
                Ok(()) => {
                    state.goto.error = None;
                    state.goto.open = false;
                    state.focus_requested = true;
                }
                Err(e) => state.goto.error = Some(e.to_string()),
            }
        }
        if let Some(e) = &state.goto.error {
            ui.label(RichText::new(e).color(ui.visuals().warn_fg_color));
        }
        if ui.button(tr!("dialog-close")).clicked()
            || ((resp.has_focus() || resp.lost_focus()) && ui.input(|i| i.key_pressed(Key::Escape)))
        {
            state.goto.open = false;
            state.goto.error = None;
        }
    });
}

/// Small helper so text fields carry an accessible name.
trait Labelled {
    fn labelled_by_text(self, label: &str) -> Self;
}

impl Labelled for Response {
    fn labelled_by_text(self, label: &str) -> Self {
        let label = label.to_owned();
        self.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, &label));
        self
    }
}

#[allow(clippy::too_many_lines)]
fn body_ui(
    state: &mut TranscriptState,
    project: &Project,
    doc: &Document,
    text_size: f32,
    commands: &mut Vec<Command>,
    ui: &mut Ui,
) {
    let m = Metrics::new(text_size);
    // Scroll requests are resolved with last frame's geometry.
    let mut area = ScrollArea::vertical()
        .id_salt(("transcript", doc.id))
        .auto_shrink(false)
        .scroll_source(egui::scroll_area::ScrollSource {
            drag: egui::scroll_area::DragScroll::Never,
            ..egui::scroll_area::ScrollSource::ALL
        });
    let scrolled_by_us = state.pending_offset.is_some() || state.reveal.is_some();
    if let Some(y) = state.pending_offset.take() {
        area = area.vertical_scroll_offset(y.max(0.0));
    } else if let Some((pos, how)) = state.reveal
        && state.geometry.key().is_some()
        && !state.blocks.is_empty()
    {
        state.reveal = None;
        if let Some(y) = reveal_offset(state, &m, pos, how) {
            area = area.vertical_scroll_offset(y.max(0.0));
        }
    }
    let output = area.show_viewport(ui, |ui, viewport| {
        let width = ui.available_width();
        let cols = columns(state, doc.kind, width, text_size);
        let key = LayoutKey {
            width: cols.wrap,
            text_size,
            pixels_per_point: ui.pixels_per_point(),
        };
        let old_anchor = state.top_anchor;
        if state.geometry.set_key(key, &state.blocks, &m) {
            // Keep the block that was at the top in place across a re-layout.
            if let Some((b, into)) = old_anchor {
                let y = state.geometry.top(b) + into.min(state.geometry.height(b));
                state.pending_offset = Some(y);
                ui.ctx().request_repaint();
            }
        }
        state
            .geometry
            .check_generation(crate::ui::layout_generation::current(ui.ctx()));
        let total = state.geometry.total().max(viewport.height());
        let (content, response) =
            ui.allocate_exact_size(vec2(width, total), Sense::click_and_drag());
        let origin = content.min;
        state.viewport = viewport;

        // 1. Lay out the visible blocks.
        state.visible.clear();
        state.layouts_last_frame = 0;
        let mut shift = 0.0;
        let first = state.geometry.block_at_y(viewport.min.y);
        let mut i = first;
        while i < state.blocks.len() {
            let top = state.geometry.top(i);
            if top > viewport.max.y {
                break;
            }
            let painter = ui.painter().clone();
            let was_cached = state.geometry.cached(i).is_some();
            let (galley, delta) = state
                .geometry
                .galley(i, doc, &state.blocks, &m, |job| painter.layout_job(job));
            if !was_cached {
                state.layouts_last_frame += 1;
            }
            if top < viewport.min.y && delta != 0.0 {
                // The top block grew or shrank above the view: keep what is in view still.
                shift += delta;
            }
            let block = &state.blocks.blocks[i];
            let h = state.geometry.height(i);
            let rect = Rect::from_min_size(origin + vec2(0.0, top), vec2(width, h));
            let text_origin = pos2(origin.x + cols.text_left, rect.top() + m.above(block));
            let header = header_rect(block, &m, rect, text_origin, &cols, &galley);
            state.visible.push(Visible {
                block: i,
                rect,
                text_origin,
                galley,
                header,
            });
            i += 1;
        }
        if let Some(v) = state.visible.first() {
            let top = state.geometry.top(v.block);
            state.top_anchor = Some((v.block, viewport.min.y - top));
        }

        // 2. Mouse and keyboard.
        interact(state, doc, &response, commands, ui);
        context_menu(state, project, doc, &response, commands);

        // 3. Paint.
        let place = Place {
            m,
            cols,
            origin,
            text_id: response.id,
        };
        paint(state, project, doc, &place, ui);
        hover_tooltip(state, project, &response, ui);

        response.widget_info(|| {
            WidgetInfo::labeled(
                Role::Document,
                true,
                tr!("transcript-label", document = doc.name.as_str()),
            )
        });
        accessibility(state, doc, ui);
        shift
    });
    let shift = output.inner;
    let offset = output.state.clamped_offset().y;
    if !scrolled_by_us && shift == 0.0 && (offset - state.scroll_watch.last).abs() > 0.5 {
        state.scroll_watch.by_user = true;
    }
    state.scroll_watch.last = offset;
    if shift != 0.0 && state.pending_offset.is_none() {
        state.pending_offset = Some(output.state.clamped_offset().y + shift);
        ui.ctx().request_repaint();
    }
    if state.reveal.is_some() {
        ui.ctx().request_repaint();
    }
}

/// The scroll offset that brings char `pos` into view, or `None` if it already is.
fn reveal_offset(state: &mut TranscriptState, m: &Metrics, pos: usize, how: Reveal) -> Option<f32> {
    let b = state.blocks.block_at(pos)?;
    let top = state.geometry.top(b);
    let block = state.blocks.blocks[b].clone();
    let within = state.geometry.cached(b).map_or(0.0, |g| {
        let start = block.range.start;
        g.pos_from_cursor(CCursor::new(pos.saturating_sub(start)))
            .min
            .y
    });
    let y = top + m.above(&block) + within;
    let view = state.viewport;
    match how {
        Reveal::IfNeeded if view.is_positive() => {
            if y >= view.min.y && y + m.line <= view.max.y {
                None
            } else if y < view.min.y {
                Some(y - m.line)
            } else {
                Some(y + 2.0 * m.line - view.height())
            }
        }
        _ => Some(y - view.height().max(300.0) / 3.0),
    }
}

fn header_rect(
    block: &super::blocks::Block,
    m: &Metrics,
    rect: Rect,
    text_origin: Pos2,
    cols: &Columns,
    galley: &Galley,
) -> Option<Rect> {
    if !block.has_header() {
        return None;
    }
    if block.kind == BlockKind::Turn {
        let first_row = galley.rows.first().map_or(m.line, |r| r.rect().height());
        Some(Rect::from_min_max(
            pos2(rect.left() + cols.gutter_right + 6.0, text_origin.y),
            pos2(text_origin.x - 6.0, text_origin.y + first_row),
        ))
    } else {
        Some(Rect::from_min_max(
            pos2(text_origin.x, text_origin.y - m.header),
            pos2(text_origin.x + cols.wrap, text_origin.y),
        ))
    }
}

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hit {
    /// A character of the text (the position between characters nearest the pointer).
    Text(usize),
    /// The header of block `b`.
    Header(usize),
    /// A stripe in the margin.
    Stripe(crate::model::CodingId),
    /// An agreement mark in the margin (compare mode): an index into the compared passages.
    Mark(usize),
}

fn hit_test(state: &TranscriptState, pos: Pos2) -> Option<Hit> {
    let v = state
        .visible
        .iter()
        .find(|v| v.rect.y_range().contains(pos.y))
        .or_else(|| {
            if pos.y < state.visible.first()?.rect.top() {
                state.visible.first()
            } else {
                state.visible.last()
            }
        })?;
    if let Some(h) = v.header
        && h.contains(pos)
    {
        return Some(Hit::Header(v.block));
    }
    if pos.x < v.text_origin.x - 8.0 {
        if let Some(id) = stripe_at(state, v, pos) {
            return Some(Hit::Stripe(id));
        }
        if let Some(i) = mark_at(state, v, pos) {
            return Some(Hit::Mark(i));
        }
    }
    let block = &state.blocks.blocks[v.block];
    let c = v.galley.cursor_from_pos(pos - v.text_origin);
    Some(Hit::Text(
        block.range.start + c.index.0.min(block.range.len()),
    ))
}

fn stripe_geometry(state: &TranscriptState, v: &Visible, slot: &Slot) -> Rect {
    // Lane 0 is nearest the text; deeper lanes go leftwards.
    let (right, lanes) = column_lanes(state, slot.column);
    let lane = f32::from(slot.lane.min(lanes - 1));
    let x0 = v.rect.left() + right - (lane + 1.0) * (STRIPE + STRIPE_GAP);
    span_rect(state, v, slot.range, x0, x0 + STRIPE)
}

/// The rectangle from `x0` to `x1` beside the rows of `range` within block `v` (to the block's
/// edge where the range goes on beyond it).
fn span_rect(state: &TranscriptState, v: &Visible, range: CharRange, x0: f32, x1: f32) -> Rect {
    let block = &state.blocks.blocks[v.block];
    let start = range.start.max(block.range.start) - block.range.start;
    let end = range.end.min(block.range.end) - block.range.start;
    let (t, b) = rows_span(&v.galley, start, end.max(start + 1));
    let top = if range.start < block.range.start {
        v.rect.top()
    } else {
        v.text_origin.y + t
    };
    let bottom = if range.end > block.range.end {
        v.rect.bottom()
    } else {
        v.text_origin.y + b
    };
    Rect::from_min_max(pos2(x0, top), pos2(x1, bottom))
}

/// The agreement mark of a compared passage in block `v`.
fn mark_geometry(state: &TranscriptState, v: &Visible, passage: &Passage) -> Rect {
    let x0 = v.rect.left() + column_lanes(state, last_column(state)).0 + MARK_GAP;
    span_rect(state, v, passage.range, x0, x0 + MARK)
}

fn last_column(state: &TranscriptState) -> u16 {
    u16::try_from(state.whose().columns() - 1).unwrap_or(0)
}

/// The passage whose mark is under `pos`: disagreements before agreements, shortest first.
fn mark_at(state: &TranscriptState, v: &Visible, pos: Pos2) -> Option<usize> {
    let marks = state.marks.as_ref()?;
    marks
        .in_block(v.block)
        .filter(|(_, p)| {
            mark_geometry(state, v, p)
                .expand2(vec2(3.0, 0.0))
                .contains(pos)
        })
        .min_by_key(|(_, p)| (!p.is_disagreement(), p.range.len()))
        .map(|(i, _)| i)
}

fn stripe_at(state: &TranscriptState, v: &Visible, pos: Pos2) -> Option<crate::model::CodingId> {
    state
        .slots_in_block(v.block)
        .find(|s| {
            stripe_geometry(state, v, s)
                .expand2(vec2(2.0, 0.0))
                .contains(pos)
        })
        .map(|s| s.id)
}

#[allow(clippy::too_many_lines)] // one pass over the pointer and keys, in egui's order
fn interact(
    state: &mut TranscriptState,
    doc: &Document,
    response: &Response,
    commands: &mut Vec<Command>,
    ui: &mut Ui,
) {
    let id = response.id;
    if std::mem::take(&mut state.focus_requested) {
        response.request_focus();
    }
    if response.has_focus() {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                id,
                egui::EventFilter {
                    tab: false,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                },
            );
        });
    }
    let shift_held = ui.input(|i| i.modifiers.shift);

    // Pressing: start selecting, or pick up the selection to drag it onto a code.
    if response.drag_started() {
        response.request_focus();
        let origin = ui.input(|i| i.pointer.press_origin());
        let hit = origin.and_then(|p| hit_test(state, p));
        let edge = origin.and_then(|p| edge_at(state, p));
        let inside_selection = match (hit, state.selected_range()) {
            (Some(Hit::Text(c)), Some((_, r))) => r.start < c && c < r.end,
            _ => false,
        };
        if let Some((coding, start, range)) = edge {
            state.drag = Drag::Edge {
                coding,
                start,
                range,
            };
        } else if inside_selection {
            state.drag = Drag::Carrying;
        } else if let Some(Hit::Text(c)) = hit {
            state.drag = Drag::Selecting;
            let anchor = match state.selection {
                Some(s) if shift_held => s.anchor,
                _ => c,
            };
            state.selection = Some(Selection { anchor, head: c });
            state.drag_anchor = anchor;
            state.caret_x = None;
        }
    }
    if response.dragged() {
        let pointer = ui.input(|i| i.pointer.latest_pos());
        match state.drag {
            Drag::Selecting => {
                if let Some(p) = pointer {
                    // Whole words, unless the setting is off or Alt is held; never half a
                    // character either way.
                    let words = state.snap_words && !ui.input(|i| i.modifiers.alt);
                    if let Some(Hit::Text(c)) = hit_test(state, p)
                        && let Some(s) = &mut state.selection
                    {
                        (s.anchor, s.head) =
                            super::snap::snap(&doc.text, state.drag_anchor, c, words);
                    }
                    // Scroll when dragging past the edge of the view.
                    let clip = ui.clip_rect();
                    if p.y < clip.top() + 8.0 {
                        ui.scroll_with_delta(vec2(0.0, (clip.top() + 8.0 - p.y).min(40.0)));
                    } else if p.y > clip.bottom() - 8.0 {
                        ui.scroll_with_delta(vec2(0.0, -(p.y - clip.bottom() + 8.0).min(40.0)));
                    }
                }
            }
            Drag::Carrying => {
                // In edit mode nothing is coded: a selection carries nowhere.
                if let Some((document, range)) = state.selected_range().filter(|_| !state.editing) {
                    response.dnd_set_drag_payload(SelectionDrag { document, range });
                    ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
                    if let Some(p) = pointer {
                        let text = crate::ui::quote::quote_start(doc.text.slice(range), 30);
                        egui::Area::new(id.with("carry"))
                            .order(egui::Order::Tooltip)
                            .fixed_pos(p + vec2(14.0, 10.0))
                            .interactable(false)
                            .show(ui.ctx(), |ui| {
                                egui::Frame::popup(ui.style()).show(ui, |ui| {
                                    ui.label(tr!("transcript-drop", text = text.as_str()));
                                });
                            });
                    }
                }
            }
            Drag::Edge {
                coding,
                start,
                range,
            } => {
                if let Some(p) = pointer
                    && let Some(Hit::Text(c)) = hit_test(state, p)
                {
                    // An edge can move up to the other one, never past it.
                    let range = if start {
                        CharRange::new(c.min(range.end - 1), range.end)
                    } else {
                        CharRange::new(range.start, c.max(range.start + 1))
                    };
                    state.drag = Drag::Edge {
                        coding,
                        start,
                        range,
                    };
                }
                ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
            }
            Drag::None => {}
        }
    }
    if response.drag_stopped() {
        if let Drag::Edge { coding, range, .. } = state.drag
            && state.index.slot(coding).is_some_and(|s| s.range != range)
        {
            commands.push(Command::Edit(Action::SetCodingRange { coding, range }));
        }
        state.drag = Drag::None;
    }
    if state.drag == Drag::None
        && let Some(p) = response.hover_pos()
        && edge_at(state, p).is_some()
    {
        ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
    }

    if response.clicked() {
        response.request_focus();
        let hit = response
            .interact_pointer_pos()
            .and_then(|p| hit_test(state, p));
        match hit {
            Some(Hit::Header(b)) => {
                let block = &state.blocks.blocks[b];
                let range = block.segment.map_or(block.range, |s| doc.segments[s].range);
                state.selection = Some(Selection {
                    anchor: range.start,
                    head: range.end,
                });
                // A timed turn of a document with a recording: play from its time.
                if let Some(s) = block.segment
                    && doc.media.is_some()
                    && doc.segments[s].media.is_some()
                {
                    commands.push(Command::Media(MediaCommand::PlaySegment(s)));
                }
            }
            Some(Hit::Text(c)) if ui.input(|i| i.modifiers.alt) && doc.media.is_some() => {
                state.selection = Some(Selection::caret(c));
                commands.push(Command::Media(MediaCommand::PlayChar(c)));
            }
            Some(Hit::Stripe(coding)) => {
                state.selected_coding = Some(coding);
                commands.push(Command::SelectCoding(coding));
            }
            Some(Hit::Mark(passage)) => commands.push(Command::ReviewPassage(passage)),
            Some(Hit::Text(c)) => {
                if shift_held {
                    if let Some(s) = &mut state.selection {
                        s.head = c;
                    }
                } else {
                    state.selection = Some(Selection::caret(c));
                    state.caret_x = None;
                    // Click on a highlight selects the innermost coding there; clicking again
                    // steps to the next one over the same place.
                    let here = state.slots_at(c);
                    let next = match state
                        .selected_coding
                        .and_then(|s| here.iter().position(|x| x.id == s))
                    {
                        Some(i) => here.get(i + 1).or_else(|| here.first()),
                        None => here.first(),
                    };
                    state.selected_coding = next.map(|s| s.id);
                    if let Some(s) = next {
                        commands.push(Command::SelectCoding(s.id));
                    }
                }
            }
            None => {}
        }
    }
    if response.double_clicked()
        && let Some(Hit::Text(c)) = response
            .interact_pointer_pos()
            .and_then(|p| hit_test(state, p))
    {
        let r = word_at(doc, c);
        state.selection = Some(Selection {
            anchor: r.start,
            head: r.end,
        });
    }

    if response.has_focus() {
        keyboard(state, doc, commands, ui);
    }
}

/// The edge of the selected coding under `pos` (within a few points of its first or last
/// character's outer side, on that row): the coding, whether it is the start, and its range.
fn edge_at(
    state: &TranscriptState,
    pos: Pos2,
) -> Option<(crate::model::CodingId, bool, CharRange)> {
    const GRAB: f32 = 5.0;
    let slot = state.index.slot(state.selected_coding?)?;
    let range = slot.range;
    [(range.start, true), (range.end, false)]
        .into_iter()
        .find(|&(at, _)| {
            // `char_screen_pos` of the end is the side after the last character; at a wrapped
            // row's end it is the start of the next row, so also try just after the last one.
            let near = |p: Pos2| (p.x - pos.x).abs() <= GRAB && (p.y - pos.y).abs() <= 8.0;
            state.char_screen_pos(at).is_some_and(near)
                || (at == range.end
                    && at > range.start
                    && state.char_edge_after(at - 1).is_some_and(near))
        })
        .map(|(_, start)| (slot.id, start, range))
}

/// The word (or, in Chinese, the clause) around char `pos`.
fn word_at(doc: &Document, pos: usize) -> CharRange {
    let is_break = |c: char| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || "，。！？；：、“”‘’（）【】《》…—".contains(c)
    };
    let len = doc.text.char_len();
    let from = pos.saturating_sub(200);
    let to = (pos + 200).min(len);
    let chars: Vec<char> = doc.text.slice(CharRange::new(from, to)).chars().collect();
    let at = pos - from;
    let mut s = at;
    while s > 0 && !is_break(chars[s - 1]) {
        s -= 1;
    }
    let mut e = at;
    while e < chars.len() && !is_break(chars[e]) {
        e += 1;
    }
    CharRange::new(from + s, from + e)
}

#[allow(clippy::too_many_lines)]
fn keyboard(state: &mut TranscriptState, doc: &Document, commands: &mut Vec<Command>, ui: &mut Ui) {
    let painter = ui.painter().clone();
    let events = ui.input(|i| i.events.clone());
    let len = doc.text.char_len();
    for event in events {
        match event {
            Event::Copy => {
                if let Some((_, r)) = state.selected_range() {
                    ui.ctx().copy_text(doc.text.slice(r).to_owned());
                }
            }
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => {
                let Some(sel) = state.selection.or(Some(Selection::caret(0))) else {
                    continue;
                };
                let head = sel.head;
                let new_head = match key {
                    Key::ArrowLeft if modifiers.command => Some(word_step(doc, head, false)),
                    Key::ArrowRight if modifiers.command => Some(word_step(doc, head, true)),
                    Key::ArrowLeft => {
                        state.caret_x = None;
                        if !modifiers.shift && !sel.range().is_empty() {
                            Some(sel.range().start)
                        } else {
                            Some(head.saturating_sub(1))
                        }
                    }
                    Key::ArrowRight => {
                        state.caret_x = None;
                        if !modifiers.shift && !sel.range().is_empty() {
                            Some(sel.range().end)
                        } else {
                            Some((head + 1).min(len))
                        }
                    }
                    Key::ArrowUp => Some(vertical_step(state, doc, head, -1, &painter)),
                    Key::ArrowDown => Some(vertical_step(state, doc, head, 1, &painter)),
                    Key::Home if modifiers.command => Some(0),
                    Key::End if modifiers.command => Some(len),
                    Key::Home => Some(row_edge(state, doc, head, false, &painter)),
                    Key::End => Some(row_edge(state, doc, head, true, &painter)),
                    Key::PageUp | Key::PageDown => {
                        let dy = state.viewport.height() * 0.9;
                        ui.scroll_with_delta(vec2(0.0, if key == Key::PageUp { dy } else { -dy }));
                        None
                    }
                    Key::A if modifiers.command => {
                        state.selection = Some(Selection {
                            anchor: 0,
                            head: len,
                        });
                        None
                    }
                    Key::Escape => {
                        // Escape in the text lets go of the selection, then of the find bar.
                        if sel.anchor == sel.head && state.selected_coding.is_none() {
                            state.close_find();
                        }
                        state.selection = Some(Selection::caret(head));
                        state.selected_coding = None;
                        None
                    }
                    Key::Delete if modifiers.is_none() => {
                        if state.selected_coding.is_some() {
                            commands.push(Command::RemoveSelectedCoding);
                        }
                        None
                    }
                    _ => None,
                };
                if let Some(h) = new_head {
                    let h = h.min(len);
                    state.selection = Some(if modifiers.shift {
                        Selection {
                            anchor: sel.anchor,
                            head: h,
                        }
                    } else {
                        Selection::caret(h)
                    });
                    state.reveal = Some((h, Reveal::IfNeeded));
                }
            }
            _ => {}
        }
    }
}

/// Right-click on the text: code the selection with a code picked from a list, code it in
/// vivo, copy it, or copy it with who said it and where.
fn context_menu(
    state: &TranscriptState,
    project: &Project,
    doc: &Document,
    response: &Response,
    commands: &mut Vec<Command>,
) {
    let selected = state.selected_range().map(|(_, r)| r);
    response.context_menu(|ui| {
        let has = selected.is_some();
        ui.add_enabled_ui(has, |ui| {
            ui.menu_button(tr!("transcript-code-with"), |ui| {
                let filter = ui.scope_id().with("code-with-filter");
                if let Some(code) = code_list_ui(filter, project, None, ui) {
                    commands.push(Command::CodeSelection(code));
                    ui.data_mut(|d| d.remove_temp::<String>(filter));
                    ui.close();
                }
            });
            if ui.button(Command::InVivoSelection.label()).clicked() {
                commands.push(Command::InVivoSelection);
                ui.close();
            }
            ui.separator();
            if ui.button(tr!("transcript-copy")).clicked()
                && let Some(r) = selected
            {
                ui.ctx().copy_text(doc.text.slice(r).to_owned());
                ui.close();
            }
            if ui
                .button(tr!("transcript-copy-attribution"))
                .on_hover_text(tr!("transcript-copy-attribution-hover"))
                .clicked()
                && let Some(r) = selected
            {
                ui.ctx()
                    .copy_text(crate::ui::quote::with_attribution(project, doc, r));
                ui.close();
            }
        });
        if !has {
            ui.label(RichText::new(tr!("transcript-select-first")).weak());
        }
    });
}

fn word_step(doc: &Document, pos: usize, forward: bool) -> usize {
    let len = doc.text.char_len();
    if forward {
        if pos >= len {
            return len;
        }
        let r = word_at(doc, pos);
        if r.end > pos { r.end } else { pos + 1 }
    } else {
        if pos == 0 {
            return 0;
        }
        let r = word_at(doc, pos - 1);
        if r.start < pos { r.start } else { pos - 1 }
    }
}

/// The galley of block `b`, laying it out if needed.
fn galley_for(
    state: &mut TranscriptState,
    doc: &Document,
    b: usize,
    painter: &egui::Painter,
) -> Option<Arc<Galley>> {
    if let Some(g) = state.geometry.cached(b) {
        return Some(g.clone());
    }
    let key = state.geometry.key()?;
    let m = Metrics::new(key.text_size);
    let (g, _) = state
        .geometry
        .galley(b, doc, &state.blocks, &m, |job| painter.layout_job(job));
    Some(g)
}

fn vertical_step(
    state: &mut TranscriptState,
    doc: &Document,
    pos: usize,
    dir: i32,
    painter: &egui::Painter,
) -> usize {
    let Some(b) = state.blocks.block_at(pos) else {
        return pos;
    };
    let block_start = state.blocks.blocks[b].range.start;
    let Some(g) = galley_for(state, doc, b, painter) else {
        return pos;
    };
    let cur = CCursor::new(pos.saturating_sub(block_start));
    let x = state
        .caret_x
        .unwrap_or_else(|| g.pos_from_cursor(cur).center().x);
    let layout = g.layout_from_cursor(cur);
    let last_row = g.rows.len().saturating_sub(1);
    let next = if dir < 0 && layout.row == 0 {
        // Up from the first row: the last row of the block above.
        b.checked_sub(1).map(|pb| {
            let start = state.blocks.blocks[pb].range.start;
            match galley_for(state, doc, pb, painter) {
                Some(pg) => start + pg.cursor_from_pos(vec2(x, pg.rect.bottom() - 2.0)).index.0,
                None => state.blocks.blocks[pb].range.end,
            }
        })
    } else if dir > 0 && layout.row >= last_row {
        let start = state.blocks.blocks.get(b + 1).map(|nb| nb.range.start);
        start.map(|start| match galley_for(state, doc, b + 1, painter) {
            Some(ng) => start + ng.cursor_from_pos(vec2(x, 1.0)).index.0,
            None => start,
        })
    } else {
        let (c, _) = if dir < 0 {
            g.cursor_up_one_row(&cur, Some(x))
        } else {
            g.cursor_down_one_row(&cur, Some(x))
        };
        Some(block_start + c.index.0)
    };
    state.caret_x = Some(x);
    next.unwrap_or(pos)
}

fn row_edge(
    state: &mut TranscriptState,
    doc: &Document,
    pos: usize,
    end: bool,
    painter: &egui::Painter,
) -> usize {
    let Some(b) = state.blocks.block_at(pos) else {
        return pos;
    };
    let start = state.blocks.blocks[b].range.start;
    let Some(g) = galley_for(state, doc, b, painter) else {
        return pos;
    };
    let cur = CCursor::new(pos.saturating_sub(start));
    let c = if end {
        g.cursor_end_of_row(&cur)
    } else {
        g.cursor_begin_of_row(&cur)
    };
    start + c.index.0
}

#[allow(clippy::too_many_lines)]
/// Where this frame draws: measures, columns, the content's origin, the text's widget id.
struct Place {
    m: Metrics,
    cols: Columns,
    origin: Pos2,
    text_id: Id,
}

#[allow(clippy::too_many_lines)] // one painter pass: highlights, stripes, marks in z-order
fn paint(state: &TranscriptState, project: &Project, doc: &Document, place: &Place, ui: &Ui) {
    let Place {
        m,
        cols,
        origin,
        text_id,
    } = place;
    let (origin, text_id) = (*origin, *text_id);
    let painter = ui.painter();
    let visuals = ui.visuals();
    let text_color = visuals.text_color();
    let weak = visuals.weak_text_color();
    let selection = state.selection.map(Selection::range);
    let selection_fill = visuals.selection.bg_fill.gamma_multiply(0.75);
    let focused = ui.memory(egui::Memory::focused) == Some(text_id);
    let mut rects = Vec::new();
    let small = FontId::proportional(m.small);

    if let (Some(first), Some(last)) = (state.visible.first(), state.visible.last()) {
        let (top, bottom) = (first.rect.top(), last.rect.bottom());
        if let Whose::SideBySide(coders) = state.whose() {
            // Compare mode: each coder's column on a faint band of their colour.
            for (c, coder) in coders.iter().enumerate() {
                let (right, lanes) = column_lanes(state, u16::try_from(c).unwrap_or(0));
                let left = right - f32::from(lanes) * (STRIPE + STRIPE_GAP) - 2.0;
                let band =
                    Rect::from_min_max(pos2(origin.x + left, top), pos2(origin.x + right, bottom));
                painter.rect_filled(band, 2.0, coder_color(project, *coder).gamma_multiply(0.12));
            }
        } else {
            // Faint guide between the stripes and the text.
            let x = origin.x + cols.stripes_right + 2.0;
            painter.line_segment(
                [pos2(x, top), pos2(x, bottom)],
                Stroke::new(
                    1.0,
                    visuals
                        .widgets
                        .noninteractive
                        .bg_stroke
                        .color
                        .gamma_multiply(0.5),
                ),
            );
        }
    }

    for v in &state.visible {
        let block = &state.blocks.blocks[v.block];
        let seg = block.segment.map(|s| &doc.segments[s]);

        // The turn the recording is at: a faint band behind it and a bar at its left.
        if block.segment.is_some() && block.segment == state.playing_segment {
            let band = Rect::from_min_max(
                pos2(v.text_origin.x - 4.0, v.rect.top()),
                pos2(v.text_origin.x + cols.wrap + 4.0, v.rect.bottom()),
            );
            painter.rect_filled(band, 3.0, theme::playing(visuals));
            painter.rect_filled(
                Rect::from_min_size(band.min, vec2(3.0, band.height())),
                1.0,
                visuals.selection.stroke.color,
            );
        }

        // Day separator.
        if let Some(day) = block.new_day {
            let y = v.rect.top() + m.pad + m.day / 2.0;
            let label = super::find::day_label(day, state.chinese);
            let center = pos2(v.text_origin.x + cols.wrap / 2.0, y);
            let r = painter.text(center, Align2::CENTER_CENTER, label, small.clone(), weak);
            let line = Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color);
            painter.line_segment([pos2(v.text_origin.x, y), pos2(r.left() - 10.0, y)], line);
            painter.line_segment(
                [
                    pos2(r.right() + 10.0, y),
                    pos2(v.text_origin.x + cols.wrap, y),
                ],
                line,
            );
        }

        // Header: the speaker in the margin column, or the sender and time above a message.
        if let (Some(h), Some(seg)) = (v.header, seg) {
            let speaker = seg.speaker.as_deref().unwrap_or("");
            if block.kind == BlockKind::Turn {
                let name_color = theme::speaker(speaker, visuals);
                let font = FontId::proportional(m.small + 1.0);
                let galley =
                    painter.layout(speaker.to_owned(), font, name_color, h.width().max(20.0));
                let pos = pos2(
                    h.right() - galley.rect.width(),
                    h.center().y - galley.rect.height() / 2.0,
                );
                painter.galley(pos, galley, name_color);
                if let Some(media) = seg.media {
                    let secs = media.start_ms / 1000;
                    let t = format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
                    painter.text(
                        pos2(h.right(), h.bottom() + 1.0),
                        Align2::RIGHT_TOP,
                        t,
                        FontId::proportional(m.small * 0.9),
                        weak,
                    );
                }
            } else {
                let mut x = h.left();
                if !speaker.is_empty() && seg.kind != SegmentKind::System {
                    let r = painter.text(
                        pos2(x, h.center().y),
                        Align2::LEFT_CENTER,
                        speaker,
                        small.clone(),
                        theme::speaker(speaker, visuals),
                    );
                    x = r.right() + 8.0;
                }
                let mut when = seg
                    .at
                    .map(|t| t.format("%H:%M:%S").to_string())
                    .unwrap_or_default();
                match seg.kind {
                    SegmentKind::System => {
                        when.push_str("  ");
                        when.push_str(tr!("transcript-system-notice"));
                    }
                    SegmentKind::Recalled => {
                        when.push_str("  ");
                        when.push_str(tr!("transcript-recalled"));
                    }
                    _ => {}
                }
                painter.text(
                    pos2(x, h.center().y),
                    Align2::LEFT_CENTER,
                    when,
                    FontId::proportional(m.small * 0.92),
                    weak,
                );
            }
        }

        let to_screen = |r: Rect| r.translate(v.text_origin.to_vec2());
        let start = block.range.start;
        let local = |r: CharRange| {
            (
                r.start.max(start).saturating_sub(start),
                r.end.min(block.range.end).saturating_sub(start),
            )
        };

        // Search matches.
        if state.find.open && !state.find.matches.is_empty() {
            let first = state
                .find
                .matches
                .partition_point(|r| r.end <= block.range.start);
            for (k, r) in state.find.matches[first..]
                .iter()
                .enumerate()
                .take_while(|(_, r)| r.start < block.range.end)
            {
                rects.clear();
                let (a, b) = local(*r);
                range_rects(&v.galley, a, b, &mut rects);
                let current = first + k == state.find.current;
                for rect in &rects {
                    painter.rect_filled(to_screen(*rect), 2.0, theme::find_match(visuals, current));
                }
            }
        }

        // Codings: translucent highlights, stripes in the margin.
        let mut slots: Vec<&Slot> = state.slots_in_block(v.block).collect();
        slots.sort_by_key(|s| (std::cmp::Reverse(s.range.len()), s.id));
        for slot in &slots {
            let Some(code) = project.code(slot.code) else {
                continue;
            };
            let strong = state.selected_coding == Some(slot.id);
            rects.clear();
            let (a, b) = local(slot.range);
            range_rects(&v.galley, a, b, &mut rects);
            for rect in &rects {
                painter.rect_filled(
                    to_screen(*rect),
                    2.0,
                    theme::highlight(code.color, visuals, strong),
                );
            }
            let stripe = stripe_geometry(state, v, slot);
            painter.rect_filled(stripe, 1.0, theme::stripe(code.color, visuals));
        }

        // Compare mode: a mark per compared passage, agreed or not; the passage under review
        // gets an outline.
        if let Some(marks) = &state.marks {
            for (i, p) in marks.in_block(v.block) {
                let r = mark_geometry(state, v, p);
                painter.rect_filled(r, 1.0, theme::passage(p.status));
                if marks.current == Some(i) {
                    painter.rect_stroke(
                        r.expand(1.5),
                        2.0,
                        Stroke::new(1.5, text_color),
                        StrokeKind::Outside,
                    );
                }
            }
        }

        // Selection.
        if let Some(sel) = selection.filter(|s| !s.is_empty() && s.overlaps(block.range)) {
            rects.clear();
            let (a, b) = local(sel);
            range_rects(&v.galley, a, b, &mut rects);
            for rect in &rects {
                painter.rect_filled(to_screen(*rect), 0.0, selection_fill);
            }
        }

        // The text.
        let color = match block.kind {
            BlockKind::System | BlockKind::Recalled => weak,
            _ => text_color,
        };
        painter.galley(v.text_origin, v.galley.clone(), color);

        // Compare mode: the characters the coders differ on are underlined.
        if let Some(marks) = &state.marks {
            for (i, p) in marks.in_block(v.block).filter(|(_, p)| p.is_disagreement()) {
                let width = if marks.current == Some(i) { 2.5 } else { 1.5 };
                let stroke = Stroke::new(width, theme::passage(p.status));
                for d in p.differing.iter().filter(|d| d.overlaps(block.range)) {
                    rects.clear();
                    let (a, b) = local(*d);
                    range_rects(&v.galley, a, b, &mut rects);
                    for rect in &rects {
                        let r = to_screen(*rect);
                        let y = r.bottom() - width / 2.0;
                        painter.line_segment([pos2(r.left(), y), pos2(r.right(), y)], stroke);
                    }
                }
            }
        }

        // The selected coding gets an outline (at its new edges while one is dragged).
        if let Some(slot) = state
            .selected_coding
            .and_then(|id| slots.iter().find(|s| s.id == id))
            && let Some(code) = project.code(slot.code)
        {
            let range = match state.drag {
                Drag::Edge { coding, range, .. } if coding == slot.id => range,
                _ => slot.range,
            };
            rects.clear();
            let (a, b) = local(range);
            range_rects(&v.galley, a, b, &mut rects);
            for rect in &rects {
                painter.rect_stroke(
                    to_screen(*rect).expand(1.0),
                    2.0,
                    Stroke::new(1.5, theme::color(code.color)),
                    StrokeKind::Outside,
                );
            }
        }

        // The caret, while the text has the keyboard.
        if let Some(sel) = state.selection
            && focused
            && sel.anchor == sel.head
            && block.range.start <= sel.head
            && sel.head <= block.range.end
        {
            let r = v.galley.pos_from_cursor(CCursor::new(sel.head - start));
            let r = to_screen(r);
            painter.add(Shape::line_segment(
                [r.center_top(), r.center_bottom()],
                Stroke::new(1.5, visuals.text_cursor.stroke.color),
            ));
        }
    }
}

fn hover_tooltip(state: &TranscriptState, project: &Project, response: &Response, ui: &Ui) {
    if state.drag != Drag::None || !response.hovered() {
        return;
    }
    let Some(pos) = response.hover_pos() else {
        return;
    };
    let slots: Vec<Slot> = match hit_test(state, pos) {
        Some(Hit::Text(c)) => {
            // Only over the text itself, not the blank space after a short line.
            let over_text = state.visible.iter().any(|v| {
                v.galley
                    .rows
                    .iter()
                    .any(|r| r.rect().translate(v.text_origin.to_vec2()).contains(pos))
            });
            if over_text {
                state.slots_at(c)
            } else {
                Vec::new()
            }
        }
        Some(Hit::Stripe(id)) => state.index.slot(id).copied().into_iter().collect(),
        Some(Hit::Mark(i)) => {
            if let Some(p) = state
                .marks
                .as_ref()
                .and_then(|m| m.comparison().passages.get(i))
            {
                response
                    .clone()
                    .on_hover_ui_at_pointer(|ui| passage_tooltip(project, p, ui));
                ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
            }
            return;
        }
        _ => Vec::new(),
    };
    if slots.is_empty() {
        return;
    }
    response.clone().on_hover_ui_at_pointer(|ui| {
        for s in &slots {
            coding_line_ui(project, s, ui);
        }
        ui.label(RichText::new(tr!("transcript-click-coding")).weak().small());
    });
    ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
}

/// What a compared passage's mark says: the code, agreed or how not, and each coder's version.
fn passage_tooltip(project: &Project, p: &Passage, ui: &mut Ui) {
    ui.horizontal(|ui| {
        let (r, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
        ui.painter().rect_filled(r, 2.0, theme::passage(p.status));
        ui.label(RichText::new(project.code_path(p.code)).strong());
        ui.label(theme::passage_status_text(p.status));
    });
    for version in &p.versions {
        let who = project
            .coder(version.coder)
            .map_or("?", |c| c.name.as_str());
        let what = if version.ranges.is_empty() {
            tr!("transcript-did-not-code").to_owned()
        } else {
            let chars: usize = version.ranges.iter().map(|r| r.len()).sum();
            tr!("transcript-coded-chars", chars = chars)
        };
        ui.label(
            RichText::new(tr!("transcript-version", coder = who, what = what))
                .color(coder_color(project, version.coder)),
        );
    }
    ui.label(RichText::new(tr!("transcript-click-review")).weak().small());
}

/// A coder's colour (grey for an unknown coder).
fn coder_color(project: &Project, coder: CoderId) -> Color32 {
    project
        .coder(coder)
        .map_or(Color32::GRAY, |c| theme::color(c.color))
}

/// One line describing a coding: colour, code path, coder.
pub fn coding_line_ui(project: &Project, slot: &Slot, ui: &mut Ui) {
    ui.horizontal(|ui| {
        let color = project
            .code(slot.code)
            .map_or(Color32::GRAY, |c| theme::color(c.color));
        let (r, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
        ui.painter().rect_filled(r, 2.0, color);
        ui.label(project.code_path(slot.code));
        let coder = project.coder(slot.coder).map_or("?", |c| c.name.as_str());
        ui.label(RichText::new(format!("— {coder}")).weak());
    });
}

fn accessibility(state: &TranscriptState, doc: &Document, ui: &Ui) {
    for v in &state.visible {
        let block = &state.blocks.blocks[v.block];
        let id = ui.scope_id().with(("block", v.block));
        let seg = block.segment.map(|s| &doc.segments[s]);
        ui.ctx().accesskit_node_builder(id, |node| {
            node.set_role(Role::Paragraph);
            let who = seg
                .and_then(|s| s.speaker.as_deref())
                .map(|s| format!("{s}: "))
                .unwrap_or_default();
            let when = seg
                .and_then(|s| s.at)
                .map(|t| format!("{} ", i18n::date_time(t)))
                .unwrap_or_default();
            let text = doc.text.slice(block.range);
            let text: String = text.chars().take(400).collect();
            node.set_label(format!("{when}{who}{text}"));
            node.set_bounds(egui::accesskit::Rect {
                x0: f64::from(v.rect.left()),
                y0: f64::from(v.rect.top()),
                x1: f64::from(v.rect.right()),
                y1: f64::from(v.rect.bottom()),
            });
        });
    }
}

impl TranscriptState {
    /// The right side of character `pos` as drawn in the last frame (mid-row), if visible.
    #[must_use]
    pub fn char_edge_after(&self, pos: usize) -> Option<Pos2> {
        let (v, start) = self.visible_holding(pos, pos + 1)?;
        let r = v.galley.pos_from_cursor(CCursor::new(pos - start));
        let next = v.galley.pos_from_cursor(CCursor::new(pos - start + 1));
        // The next cursor may sit on the following row: keep this row and add the glyph width.
        let x = if (next.center().y - r.center().y).abs() < 1.0 {
            next.left()
        } else {
            r.left() + r.width().max(6.0)
        };
        Some(v.text_origin + vec2(x, r.center().y))
    }

    /// Where the margin stripe of coding `id` was drawn in the last frame, if visible.
    #[must_use]
    pub fn stripe_screen_rect(&self, id: crate::model::CodingId) -> Option<Rect> {
        let slot = self.index.slot(id)?;
        let v = self
            .visible
            .iter()
            .find(|v| slot.range.overlaps(self.blocks.blocks[v.block].range))?;
        Some(stripe_geometry(self, v, slot))
    }

    /// Where the agreement mark of compared passage `index` was drawn in the last frame, if
    /// visible (compare mode).
    #[must_use]
    pub fn mark_screen_rect(&self, index: usize) -> Option<Rect> {
        let marks = self.marks.as_ref()?;
        let v = self
            .visible
            .iter()
            .find(|v| marks.in_block(v.block).any(|(i, _)| i == index))?;
        let (_, p) = marks.in_block(v.block).find(|(i, _)| *i == index)?;
        Some(mark_geometry(self, v, p))
    }
}
