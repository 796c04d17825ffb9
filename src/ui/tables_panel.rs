//! The tables tab of the analysis window: code co-occurrence (by overlap or by turn/message),
//! code × case or attribute crosstabs (counts or coverage %) and code frequency over time in the
//! chat (per week or month), over the codings the shared filter lets through. Each is drawn as a
//! heatmap (cells coloured by value) with a bar chart beside it, and can be saved as CSV
//! ([`crate::analysis::table::Table`]'s writer). Hovering a table shows what its numbers count,
//! in the words of [`crate::analysis::definitions::explain`].

use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

use super::command::Command;
use super::error::UiError;
use super::filter_form::{FilterForm, filter_ui};
use super::i18n::{self, Language, tr};
use crate::analysis::cooccurrence::{CooccurrenceQuery, CooccurrenceUnit, cooccurrence};
use crate::analysis::crosstab::{CrosstabColumns, CrosstabQuery, Measure, crosstab};
use crate::analysis::definitions::Options;
use crate::analysis::headings::CodeHeading;
use crate::analysis::table::{Cell, Table};
use crate::analysis::timeline::{Period, TimelineQuery, timeline};
use crate::model::{AttributeId, CaseId, CodeId, Project};
use chrono::NaiveDate;

use super::retrieval_panel::{Combine, RetrievalState};

/// Which table the tab shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TableKind {
    /// Code × code co-occurrence.
    #[default]
    Cooccurrence,
    /// Code × case or attribute value.
    Crosstab,
    /// Code × week or month of the chat.
    Timeline,
}

/// A computed table, ready to draw: a grid of values with row and column headings, the bars
/// of the chart, and the table for CSV.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// Row headings.
    pub rows: Vec<String>,
    /// Column headings.
    pub columns: Vec<String>,
    /// `values[row][column]`.
    pub values: Vec<Vec<f64>>,
    /// Show values as percentages.
    pub percent: bool,
    /// The diagonal counts a code with itself: leave it out of the colour scale.
    pub skip_diagonal: bool,
    /// What the bar chart shows.
    pub bars_title: String,
    /// The bars: label and value.
    pub bars: Vec<(String, f64)>,
    /// What a cell counts, shown on hover (from [`explain`]).
    pub definition: String,
    /// The table, as CSV writes it.
    pub table: Table,
    /// The code of each row (its codings, with its sub-codes' when the table counts them).
    pub row_codes: Vec<CodeId>,
    /// What each column gathers, to open the excerpts behind a cell in retrieval.
    pub column_keys: Vec<ColumnKey>,
}

impl Grid {
    /// The table as a chart for a paper, titled `title`: its heatmap with its bars below.
    #[must_use]
    pub fn chart<'a>(&'a self, title: &'a str) -> crate::export::chart::Chart<'a> {
        crate::export::chart::Chart {
            title,
            table: &self.table,
            skip_diagonal: self.skip_diagonal,
            bars: Some((&self.bars_title, &self.bars)),
        }
    }
}

/// What a column of a table gathers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnKey {
    /// The codings of a code (co-occurrence).
    Code(CodeId),
    /// The text of these cases (a case, or the cases sharing an attribute value).
    Cases(Vec<CaseId>),
    /// Chat messages sent in these days (a period of the timeline).
    Period {
        /// Its first day.
        start: NaiveDate,
        /// Its last day.
        end: NaiveDate,
    },
}

/// The tables tab's choices and the table computed from them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Default)]
pub struct TablesState {
    /// Which table.
    pub kind: TableKind,
    /// Co-occurrence: count codes in the same turn/message rather than overlapping text.
    pub by_segment: bool,
    /// Crosstab: one column per value of this attribute (none: per case).
    pub attribute: Option<AttributeId>,
    /// Crosstab: coverage % instead of counts.
    pub coverage: bool,
    /// Timeline: per week instead of per month.
    pub weekly: bool,
    /// Count sub-codes' codings as their parent's.
    pub with_subcodes: bool,
    /// Co-occurrence: take all selected coders' codings together instead of each coder's own.
    pub pool_coders: bool,
    /// Count the interviewer's turns as the case's text.
    pub include_interviewer: bool,
    /// Which codings count: documents, cases, coders, attributes, dates.
    pub filter: FilterForm,
    /// The computed table.
    pub grid: Option<Grid>,
    /// Why computing failed.
    pub error: Option<String>,
    /// The language the table's titles and definitions were written in.
    pub language: Language,
    /// Where the heatmap's cells were drawn last: the top left of the first cell and a cell's
    /// size (a test clicks a cell there).
    pub cells_at: Option<(egui::Pos2, egui::Vec2)>,
}

/// A code's heading: its name, indented by its depth in the codebook.
fn label(h: &CodeHeading) -> String {
    format!("{}{}", "    ".repeat(h.depth), h.name)
}

fn number(cell: &Cell) -> f64 {
    match cell {
        #[allow(clippy::cast_precision_loss)]
        Cell::Count(n) => *n as f64,
        Cell::Percent(p) => *p,
        Cell::Empty | Cell::Text(_) => 0.0,
    }
}

impl TablesState {
    /// Compute the chosen table on `project`.
    pub fn run(&mut self, project: &Project) {
        self.language = i18n::language();
        match self.compute(project) {
            Ok(g) => {
                self.grid = Some(g);
                self.error = None;
            }
            Err(e) => {
                self.grid = None;
                self.error = Some(e.to_string());
            }
        }
    }

    // Whole: one arm per table kind, each building the grid its chart and CSV share.
    #[allow(clippy::cast_precision_loss)]
    fn compute(&self, project: &Project) -> Result<Grid, UiError> {
        let filter = self.filter.filter(project)?;
        let options = Options {
            include_interviewer: self.include_interviewer,
            pool_coders: self.pool_coders,
        };
        match self.kind {
            TableKind::Cooccurrence => {
                let t = cooccurrence(
                    project,
                    &CooccurrenceQuery {
                        by: if self.by_segment {
                            CooccurrenceUnit::Segment
                        } else {
                            CooccurrenceUnit::Overlap
                        },
                        with_subcodes: self.with_subcodes,
                        filter,
                        options,
                        ..CooccurrenceQuery::default()
                    },
                )?;
                let names: Vec<String> = t.codes.iter().map(label).collect();
                let mut definition = if self.by_segment {
                    tr!("explain-segment")
                } else {
                    tr!("explain-overlap")
                }
                .to_owned();
                if t.pooled {
                    definition = format!("{definition}\n{}", tr!("explain-pooled"));
                }
                Ok(Grid {
                    rows: names.clone(),
                    columns: names.clone(),
                    values: t
                        .counts
                        .iter()
                        .map(|r| r.iter().map(|n| *n as f64).collect())
                        .collect(),
                    percent: false,
                    skip_diagonal: true,
                    bars_title: if t.pooled {
                        tr!("tables-bars-places-pooled").into()
                    } else {
                        tr!("tables-bars-places").into()
                    },
                    definition,
                    bars: names
                        .into_iter()
                        .enumerate()
                        .map(|(i, n)| (n, t.counts[i][i] as f64))
                        .collect(),
                    table: t.to_table(),
                    row_codes: t.codes.iter().map(|h| h.id).collect(),
                    column_keys: t.codes.iter().map(|h| ColumnKey::Code(h.id)).collect(),
                })
            }
            TableKind::Crosstab => {
                let t = crosstab(
                    project,
                    &CrosstabQuery {
                        columns: self.attribute.map_or(CrosstabColumns::Cases, |attribute| {
                            CrosstabColumns::Attribute {
                                attribute,
                                bin: None,
                            }
                        }),
                        with_subcodes: self.with_subcodes,
                        filter,
                        options,
                        ..CrosstabQuery::default()
                    },
                )?;
                let measure = if self.coverage {
                    Measure::Coverage
                } else {
                    Measure::Count
                };
                let rows: Vec<String> = t.codes.iter().map(label).collect();
                Ok(Grid {
                    columns: t.columns.iter().map(|c| c.label.clone()).collect(),
                    values: (0..rows.len())
                        .map(|i| {
                            (0..t.columns.len())
                                .map(|j| number(&t.cell(measure, i, j)))
                                .collect()
                        })
                        .collect(),
                    percent: self.coverage,
                    skip_diagonal: false,
                    bars_title: if self.coverage {
                        tr!("tables-bars-coverage").into()
                    } else {
                        tr!("tables-bars-codings").into()
                    },
                    definition: format!(
                        "{}{}",
                        if self.coverage {
                            tr!("explain-coverage")
                        } else {
                            tr!("explain-count")
                        },
                        if t.unattributed_codings > 0 {
                            format!(
                                "\n{}",
                                tr!("tables-unattributed", count = t.unattributed_codings)
                            )
                        } else {
                            String::new()
                        }
                    ),
                    bars: rows
                        .iter()
                        .enumerate()
                        .map(|(i, n)| (n.clone(), number(&t.total(measure, i))))
                        .collect(),
                    rows,
                    table: t.to_table(measure),
                    row_codes: t.codes.iter().map(|h| h.id).collect(),
                    column_keys: t
                        .columns
                        .iter()
                        .map(|c| ColumnKey::Cases(c.cases.clone()))
                        .collect(),
                })
            }
            TableKind::Timeline => {
                let t = timeline(
                    project,
                    &TimelineQuery {
                        per: if self.weekly {
                            Period::Week
                        } else {
                            Period::Month
                        },
                        with_subcodes: self.with_subcodes,
                        filter,
                        options,
                        ..TimelineQuery::default()
                    },
                )?;
                Ok(Grid {
                    rows: t.codes.iter().map(label).collect(),
                    columns: t.periods.iter().map(|p| p.label.clone()).collect(),
                    values: t
                        .counts
                        .iter()
                        .map(|r| r.iter().map(|n| *n as f64).collect())
                        .collect(),
                    percent: false,
                    skip_diagonal: false,
                    bars_title: tr!("tables-bars-per-period").into(),
                    definition: format!(
                        "{}\n{}",
                        tr!("explain-timeline"),
                        tr!(
                            "tables-periods",
                            periods = t
                                .periods
                                .iter()
                                .map(|p| tr!(
                                    "tables-period",
                                    label = p.label.as_str(),
                                    start = i18n::date(p.start),
                                    end = i18n::date(p.end)
                                ))
                                .collect::<Vec<_>>()
                                .join(tr!("tables-period-separator"))
                        )
                    ),
                    bars: t
                        .periods
                        .iter()
                        .enumerate()
                        .map(|(p, h)| (h.label.clone(), t.counts.iter().map(|r| r[p] as f64).sum()))
                        .collect(),
                    table: t.to_table(),
                    row_codes: t.codes.iter().map(|h| h.id).collect(),
                    column_keys: t
                        .periods
                        .iter()
                        .map(|p| ColumnKey::Period {
                            start: p.start,
                            end: p.end,
                        })
                        .collect(),
                })
            }
        }
    }
}

impl TablesState {
    /// The retrieval that lists the excerpts behind cell (`row`, `column`) of the table shown:
    /// the row's code (with its sub-codes when the table counts them), the table's filter, and
    /// the column's cases, period or second code. `None` when there is no such cell.
    #[must_use]
    pub fn retrieval_for_cell(&self, row: usize, column: usize) -> Option<RetrievalState> {
        let grid = self.grid.as_ref()?;
        let code = *grid.row_codes.get(row)?;
        let mut r = RetrievalState::default();
        r.code = Some(code);
        r.subcodes = self.with_subcodes;
        r.filter = self.filter.clone();
        match grid.column_keys.get(column)? {
            ColumnKey::Code(other) => {
                r.combine = if self.by_segment {
                    Combine::NearTurns
                } else {
                    Combine::And
                };
                r.within = 0;
                r.other = Some(*other);
                r.other_subcodes = self.with_subcodes;
            }
            ColumnKey::Cases(cases) => {
                if cases.is_empty() {
                    return None;
                }
                r.filter.cases = cases.iter().copied().collect();
            }
            ColumnKey::Period { start, end } => {
                r.filter.sent_from = start.format("%Y-%m-%d").to_string();
                r.filter.sent_to = end.format("%Y-%m-%d").to_string();
            }
        }
        Some(r)
    }
}

fn value_text(v: f64, percent: bool) -> String {
    if percent {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

/// The width of `text` in `font`.
fn text_width(ui: &Ui, text: &str, font: &FontId) -> f32 {
    ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE))
        .size()
        .x
}

/// Where a heatmap's parts go.
struct Layout {
    cell: egui::Vec2,
    row_w: f32,
    head_h: f32,
    size: egui::Vec2,
}

/// The heatmap's size: row headings as wide as the widest, column headings slanted
/// with the room their length needs.
fn heatmap_layout(grid: &Grid, ui: &Ui) -> Layout {
    let font = FontId::proportional(12.0);
    let cell = vec2(44.0, 22.0);
    let row_w = grid
        .rows
        .iter()
        .map(|r| text_width(ui, r, &font))
        .fold(80.0_f32, f32::max)
        + 8.0;
    // A heading slanted at 45° rises and reaches right by its length / √2.
    let slant = std::f32::consts::FRAC_1_SQRT_2;
    let longest = grid
        .columns
        .iter()
        .map(|c| text_width(ui, c, &font))
        .fold(0.0_f32, f32::max);
    let head_h = (longest * slant + 16.0).max(40.0);
    #[allow(clippy::cast_precision_loss)]
    let size = vec2(
        row_w + cell.x * grid.columns.len() as f32 + longest * slant + 16.0,
        head_h + cell.y * grid.rows.len() as f32,
    );
    Layout {
        cell,
        row_w,
        head_h,
        size,
    }
}

/// The bar chart's size and the width of its labels.
fn bar_chart_layout(grid: &Grid, ui: &Ui) -> (egui::Vec2, f32) {
    let font = FontId::proportional(12.0);
    let label_w = grid
        .bars
        .iter()
        .map(|(l, _)| text_width(ui, l, &font))
        .fold(60.0_f32, f32::max)
        + 12.0;
    #[allow(clippy::cast_precision_loss)]
    let size = vec2(
        label_w + BAR_SPAN + 50.0,
        BAR_H * grid.bars.len() as f32 + 4.0,
    );
    (size, label_w)
}

/// The longest bar, and a bar's height.
const BAR_SPAN: f32 = 200.0;
const BAR_H: f32 = 18.0;

/// Draw `grid` as a heatmap: row headings left, column headings above (slanted, with the room
/// their length needs), each cell filled by its value relative to the largest. Returns the
/// response and the cell clicked, if one was.
pub fn heatmap(grid: &Grid, ui: &mut Ui) -> HeatmapResponse {
    let font = FontId::proportional(12.0);
    let Layout {
        cell,
        row_w,
        head_h,
        size,
    } = heatmap_layout(grid, ui);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Table, true, tr!("tables-heatmap-label"))
    });
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let base = ui.visuals().extreme_bg_color;
    let hot = Color32::from_rgb(214, 96, 77);
    let max = grid
        .values
        .iter()
        .enumerate()
        .flat_map(|(i, row)| {
            row.iter()
                .enumerate()
                .filter(move |(j, _)| !(grid.skip_diagonal && i == *j))
                .map(|(_, v)| *v)
        })
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    #[allow(clippy::cast_precision_loss)]
    for (j, c) in grid.columns.iter().enumerate() {
        let x = rect.left() + row_w + cell.x * (j as f32 + 0.5);
        let anchor = pos2(x, rect.top() + head_h - 4.0);
        let galley = ui.fonts_mut(|f| f.layout_no_wrap(c.clone(), font.clone(), text));
        let shape = egui::epaint::TextShape::new(anchor, galley, text)
            .with_angle(-std::f32::consts::FRAC_PI_4);
        painter.add(shape);
    }
    // The cell under the pointer.
    let cell_at = |p: egui::Pos2| {
        let x = p.x - rect.left() - row_w;
        let y = p.y - rect.top() - head_h;
        if x < 0.0 || y < 0.0 {
            return None;
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (j, i) = ((x / cell.x) as usize, (y / cell.y) as usize);
        (i < grid.rows.len() && j < grid.columns.len()).then_some((i, j))
    };
    let hovered = response.hover_pos().and_then(cell_at);
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    for (i, r) in grid.rows.iter().enumerate() {
        let y = rect.top() + head_h + cell.y * i as f32;
        painter.text(
            pos2(rect.left() + 4.0, y + cell.y / 2.0),
            Align2::LEFT_CENTER,
            r,
            font.clone(),
            text,
        );
        for (j, v) in grid.values[i].iter().enumerate() {
            let min = pos2(rect.left() + row_w + cell.x * j as f32, y);
            let r = Rect::from_min_size(min, cell).shrink(1.0);
            let diagonal = grid.skip_diagonal && i == j;
            let t = if diagonal { 0.0 } else { (v / max) as f32 };
            let fill = if diagonal {
                ui.visuals().faint_bg_color
            } else {
                base.lerp_to_gamma(hot, t.clamp(0.0, 1.0))
            };
            painter.rect_filled(r, 2.0, fill);
            if hovered == Some((i, j)) {
                painter.rect_stroke(
                    r,
                    2.0,
                    ui.visuals().selection.stroke,
                    egui::StrokeKind::Inside,
                );
            }
            let fg = if t > 0.55 { Color32::WHITE } else { text };
            painter.text(
                r.center(),
                Align2::CENTER_CENTER,
                value_text(*v, grid.percent),
                font.clone(),
                fg,
            );
        }
    }
    if hovered.is_some() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    }
    let clicked = if response.clicked() {
        response.interact_pointer_pos().and_then(cell_at)
    } else {
        None
    };
    HeatmapResponse {
        cells_at: (pos2(rect.left() + row_w, rect.top() + head_h), cell),
        response,
        clicked,
    }
}

/// What drawing a heatmap gives back.
#[derive(Debug)]
pub struct HeatmapResponse {
    /// The heatmap's response (hover it for the definition).
    pub response: egui::Response,
    /// The cell clicked, as (row, column).
    pub clicked: Option<(usize, usize)>,
    /// The top left of the first cell, and a cell's size.
    pub cells_at: (egui::Pos2, egui::Vec2),
}

/// Draw the grid's bars: horizontal, one per label (given the room the longest needs), scaled
/// to the largest.
pub fn bar_chart(grid: &Grid, ui: &mut Ui) {
    let font = FontId::proportional(12.0);
    let (size, label_w) = bar_chart_layout(grid, ui);
    let (bar_h, span) = (BAR_H, BAR_SPAN);
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let fill = ui.visuals().selection.bg_fill;
    let max = grid
        .bars
        .iter()
        .map(|b| b.1)
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    for (i, (label, v)) in grid.bars.iter().enumerate() {
        let y = rect.top() + bar_h * i as f32;
        painter.text(
            pos2(rect.left() + label_w - 6.0, y + bar_h / 2.0),
            Align2::RIGHT_CENTER,
            label,
            font.clone(),
            text,
        );
        let w = (v / max) as f32 * span;
        let bar = Rect::from_min_size(pos2(rect.left() + label_w, y + 2.0), vec2(w, bar_h - 4.0));
        painter.rect(bar, 2.0, fill, Stroke::NONE, egui::StrokeKind::Inside);
        painter.text(
            pos2(bar.right() + 4.0, y + bar_h / 2.0),
            Align2::LEFT_CENTER,
            value_text(*v, grid.percent),
            font.clone(),
            text,
        );
    }
}

/// The title of the shown table's chart.
#[must_use]
pub fn chart_title(state: &TablesState) -> &'static str {
    match state.kind {
        TableKind::Cooccurrence => tr!("tables-chart-cooccurrence"),
        TableKind::Crosstab if state.coverage => tr!("tables-chart-coverage"),
        TableKind::Crosstab => tr!("tables-chart-crosstab"),
        TableKind::Timeline => tr!("tables-chart-timeline"),
    }
}

/// One line saying what the shown table counts (its full definition is on hover).
fn what_it_shows(state: &TablesState) -> &'static str {
    match state.kind {
        TableKind::Cooccurrence if state.pool_coders => tr!("tables-shows-cooccurrence-pooled"),
        TableKind::Cooccurrence => tr!("tables-shows-cooccurrence"),
        TableKind::Crosstab if state.coverage => tr!("tables-shows-coverage"),
        TableKind::Crosstab => tr!("tables-shows-crosstab"),
        TableKind::Timeline => tr!("tables-shows-timeline"),
    }
}

/// The tables tab.
pub fn tables_ui(state: &mut TablesState, project: &Project, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut changed = false;
    ui.horizontal(|ui| {
        let k = &mut state.kind;
        changed |= ui
            .selectable_value(k, TableKind::Cooccurrence, tr!("tables-cooccurrence"))
            .changed();
        changed |= ui
            .selectable_value(k, TableKind::Crosstab, tr!("tables-crosstab"))
            .changed();
        changed |= ui
            .selectable_value(k, TableKind::Timeline, tr!("tables-timeline"))
            .changed();
        ui.separator();
        changed |= ui
            .checkbox(&mut state.with_subcodes, tr!("tables-with-subcodes"))
            .changed();
    });
    ui.horizontal(|ui| match state.kind {
        TableKind::Cooccurrence => {
            changed |= ui
                .radio_value(&mut state.by_segment, false, tr!("tables-by-overlap"))
                .on_hover_text(tr!("explain-overlap"))
                .changed();
            changed |= ui
                .radio_value(&mut state.by_segment, true, tr!("tables-by-segment"))
                .on_hover_text(tr!("explain-segment"))
                .changed();
            ui.separator();
            changed |= ui
                .checkbox(&mut state.pool_coders, tr!("tables-pool-coders"))
                .on_hover_text(tr!("explain-pooled"))
                .changed();
        }
        TableKind::Crosstab => {
            let shown = state
                .attribute
                .and_then(|a| project.attributes_sorted().into_iter().find(|d| d.id == a))
                .map_or_else(
                    || tr!("tables-per-case").to_owned(),
                    |d| tr!("tables-per-attribute", attribute = d.name.as_str()),
                );
            egui::ComboBox::from_id_salt("crosstab-columns")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    changed |= ui
                        .selectable_value(&mut state.attribute, None, tr!("tables-per-case"))
                        .changed();
                    for d in project.attributes_sorted() {
                        changed |= ui
                            .selectable_value(
                                &mut state.attribute,
                                Some(d.id),
                                tr!("tables-per-attribute", attribute = d.name.as_str()),
                            )
                            .changed();
                    }
                });
            changed |= ui
                .radio_value(&mut state.coverage, false, tr!("tables-counts"))
                .on_hover_text(tr!("explain-count"))
                .changed();
            changed |= ui
                .radio_value(&mut state.coverage, true, tr!("tables-coverage"))
                .on_hover_text(tr!("explain-coverage"))
                .changed();
            changed |= ui
                .checkbox(&mut state.include_interviewer, tr!("tables-interviewer"))
                .on_hover_text(tr!("tables-interviewer-hover"))
                .changed();
        }
        TableKind::Timeline => {
            changed |= ui
                .radio_value(&mut state.weekly, false, tr!("tables-per-month"))
                .changed();
            changed |= ui
                .radio_value(&mut state.weekly, true, tr!("tables-per-week"))
                .changed();
        }
    });
    let filtered = state.filter != FilterForm::default();
    let title = if filtered {
        tr!("filter-title-on")
    } else {
        tr!("filter-title")
    };
    egui::CollapsingHeader::new(title)
        .id_salt("tables-filter")
        .show(ui, |ui| {
            changed |= filter_ui(&mut state.filter, project, ui);
        });
    ui.horizontal(|ui| {
        changed |= ui.button(tr!("tables-compute")).clicked();
        if ui
            .add_enabled(
                state.grid.is_some(),
                egui::Button::new(tr!("tables-save-csv")),
            )
            .clicked()
        {
            commands.push(Command::ExportTableDialog);
        }
        if ui
            .add_enabled(
                state.grid.is_some(),
                egui::Button::new(tr!("tables-save-chart")),
            )
            .on_hover_text(tr!("tables-save-chart-hover"))
            .clicked()
        {
            commands.push(Command::ExportChartDialog);
        }
    });
    if changed
        || state.grid.is_none() && state.error.is_none()
        || state.language != i18n::language()
    {
        state.run(project);
    }
    if let Some(e) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    ui.separator();
    let mut cells_at = None;
    if let Some(grid) = &state.grid {
        ui.label(egui::RichText::new(what_it_shows(state)).weak())
            .on_hover_text(&grid.definition);
        egui::ScrollArea::both()
            .id_salt("table-view")
            .auto_shrink([false, false])
            .min_scrolled_height(120.0)
            .show(ui, |ui| {
                if grid.rows.is_empty() || grid.columns.is_empty() {
                    ui.label(tr!("tables-nothing"));
                    return;
                }
                // The bars beside the heatmap where they fit, else below it (never cut off).
                let beside =
                    heatmap_layout(grid, ui).size.x + 16.0 + bar_chart_layout(grid, ui).0.x
                        <= ui.available_width();
                let mut cells = |ui: &mut Ui, commands: &mut Vec<Command>| {
                    let drawn = heatmap(grid, ui);
                    cells_at = Some(drawn.cells_at);
                    drawn.response.on_hover_text(format!(
                        "{}\n{}",
                        grid.definition,
                        tr!("tables-click-cell")
                    ));
                    if let Some((row, column)) = drawn.clicked {
                        commands.push(Command::RetrieveCell { row, column });
                    }
                };
                let bars = |ui: &mut Ui| {
                    ui.vertical(|ui| {
                        ui.label(egui::RichText::new(&grid.bars_title).strong());
                        bar_chart(grid, ui);
                    });
                };
                if beside {
                    ui.horizontal_top(|ui| {
                        cells(ui, &mut commands);
                        ui.add_space(16.0);
                        bars(ui);
                    });
                } else {
                    cells(ui, &mut commands);
                    ui.add_space(12.0);
                    bars(ui);
                }
            });
    }
    state.cells_at = cells_at;
    commands
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Issue 22, defect 4: headings and bars were cut off at the window's default size. The
    /// room each part takes is measured from its longest text, so none is clipped by the
    /// painter (which clips to the part's rectangle).
    #[test]
    fn the_heatmap_and_the_bars_leave_room_for_their_longest_headings() {
        let long_row = "Emotional resonance / a long sub-code name (跑路)";
        let long_column = "Heilongjiang and the far north-east";
        let grid = Grid {
            rows: vec!["CR".into(), long_row.into()],
            columns: vec!["G1".into(), long_column.into()],
            values: vec![vec![1.0, 2.0], vec![3.0, 4.0]],
            bars: vec![("CR".into(), 1.0), (long_row.into(), 7.0)],
            ..Grid::default()
        };
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let font = FontId::proportional(12.0);
            let Layout {
                cell,
                row_w,
                head_h,
                size,
            } = heatmap_layout(&grid, ui);
            let row_text = text_width(ui, long_row, &font);
            let column_text = text_width(ui, long_column, &font);
            let slant = std::f32::consts::FRAC_1_SQRT_2;
            assert!(
                row_w >= row_text + 4.0,
                "row headings: {row_w} < {row_text}"
            );
            // The slanted heading rises from 4 px above the cells, and reaches right from the
            // last column's centre.
            assert!(head_h - 4.0 >= column_text * slant, "{head_h}");
            assert!(
                size.x >= row_w + cell.x * 1.5 + column_text * slant + 12.0 * slant,
                "{size:?}"
            );
            let (bars, label_w) = bar_chart_layout(&grid, ui);
            assert!(label_w - 6.0 >= row_text, "bar labels: {label_w}");
            assert!(bars.x >= label_w + BAR_SPAN);
        });
        output.textures_delta.clear();
    }
}
