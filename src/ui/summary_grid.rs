//! The summary grid tab of the analysis panel (a framework matrix): a row per case, grouped by
//! an attribute if asked, a column per code; each cell says how many codings are behind it and
//! starts its summary. A click on a cell lists its quotes (a click opens one in the transcript)
//! and lets the coder write their own summary of it (one undo step, saved as a memo on the
//! cell); teammates' summaries of the same cell show beside it. The grid is computed by
//! `export::excerpts::summary_grid` and kept until the project changes.

use egui::{RichText, Ui};

use super::command::Command;
use super::i18n::tr;
use super::quote::{path_tail, quote_start};
use crate::analysis::crosstab::CrosstabColumns;
use crate::export::ExcerptFilter;
use crate::export::excerpts::summary_grid;
use crate::model::{
    AttributeId, AttributeKind, CaseId, CharRange, CodeId, CoderId, DocumentId, MemoTarget, Project,
};
use crate::session::Action;

/// The width of the bands a number attribute groups the rows in.
const BAND: f64 = 10.0;

/// The width of a cell of the grid, in points.
const CELL_WIDTH: f32 = 140.0;

/// Characters of a summary shown in its cell.
const PREVIEW: usize = 40;

/// The tab's choices, the grid as last computed and the cell being read.
#[derive(Debug, Default)]
pub struct SummaryGridState {
    /// Group the rows by this attribute (a number attribute in bands of ten).
    pub group_by: Option<AttributeId>,
    /// The cell chosen: its case and code.
    pub selected: Option<(CaseId, CodeId)>,
    /// This coder's summary of the chosen cell, as edited.
    pub draft: String,
    /// The grid as last computed; `None` when the project changed since.
    view: Option<View>,
}

/// The grid, owned, as the tab draws it.
#[derive(Debug)]
struct View {
    codes: Vec<(CodeId, String)>,
    rows: Vec<ViewRow>,
    /// Per row and code: the quotes of the cell, in the grid's order.
    quotes: Vec<Vec<Vec<Quote>>>,
}

#[derive(Debug)]
struct ViewRow {
    case: CaseId,
    name: String,
    group: Option<String>,
    cells: Vec<ViewCell>,
}

#[derive(Debug, Default)]
struct ViewCell {
    codings: usize,
    /// Every summary with its author's id (to tell this coder's own).
    summaries: Vec<(Option<CoderId>, String)>,
}

#[derive(Debug)]
struct Quote {
    document: DocumentId,
    range: CharRange,
    text: String,
    attribution: String,
    exemplar: bool,
    translation: Option<String>,
}

impl SummaryGridState {
    /// The project changed: compute the grid again when it is next shown.
    pub fn project_changed(&mut self) {
        self.view = None;
    }

    /// Choose the cell of `case` and `code`, with this coder's summary to edit.
    pub fn select(
        &mut self,
        project: &Project,
        case: CaseId,
        code: CodeId,
        coder: Option<CoderId>,
    ) {
        self.selected = Some((case, code));
        own_summary(project, case, code, coder).clone_into(&mut self.draft);
    }

    fn compute(&mut self, project: &Project) {
        let by = match self.group_by.and_then(|a| project.attributes().get(&a)) {
            Some(def) => CrosstabColumns::Attribute {
                attribute: def.id,
                bin: matches!(def.kind, AttributeKind::Number).then_some(BAND),
            },
            None => CrosstabColumns::Cases,
        };
        let Ok(grid) = summary_grid(project, &ExcerptFilter::all(), by) else {
            self.group_by = None;
            return;
        };
        let rows = grid
            .rows
            .iter()
            .map(|r| ViewRow {
                case: r.case.id,
                name: r.case.name.clone(),
                group: r.group.clone(),
                cells: r
                    .cells
                    .iter()
                    .map(|c| ViewCell {
                        codings: c.excerpts.len(),
                        summaries: c
                            .summaries
                            .iter()
                            .map(|m| (m.author, m.text.clone()))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let quotes = grid
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| {
                        c.excerpts
                            .iter()
                            .map(|e| Quote {
                                document: e.document.id,
                                range: e.coding.range,
                                text: e.text.to_owned(),
                                attribution: e.attribution().unwrap_or_default().to_owned(),
                                exemplar: e.coding.exemplar,
                                translation: e.coding.translation.as_ref().map(|t| t.text.clone()),
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        self.view = Some(View {
            codes: grid
                .codes
                .iter()
                .map(|c| (c.code, c.path.to_string()))
                .collect(),
            rows,
            quotes,
        });
    }
}

/// This coder's summary of the cell of `case` and `code` (empty when they wrote none).
fn own_summary(project: &Project, case: CaseId, code: CodeId, coder: Option<CoderId>) -> &str {
    project
        .memos_on(MemoTarget::Summary { case, code })
        .into_iter()
        .find(|m| m.author == coder)
        .map_or("", |m| m.text.as_str())
}

/// The summary grid tab.
pub fn summary_grid_ui(
    state: &mut SummaryGridState,
    project: &Project,
    coder: Option<CoderId>,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        let name = |a: Option<AttributeId>| {
            a.and_then(|a| project.attributes().get(&a)).map_or_else(
                || tr!("grid-rows-cases").to_owned(),
                |d| tr!("grid-rows-by", attribute = d.name.as_str()),
            )
        };
        let before = state.group_by;
        egui::ComboBox::from_id_salt("grid-group")
            .selected_text(name(state.group_by))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.group_by, None, name(None));
                for d in project.attributes_sorted() {
                    ui.selectable_value(&mut state.group_by, Some(d.id), name(Some(d.id)));
                }
            });
        if before != state.group_by {
            state.view = None;
        }
        if ui
            .button(tr!("grid-export"))
            .on_hover_text(tr!("grid-export-hover"))
            .clicked()
        {
            commands.push(Command::ExportSummaryGrid(state.group_by));
        }
    });
    if state.view.is_none() {
        state.compute(project);
    }
    // Taken out while the grid is drawn (the cell beside it is edited through `state`).
    let Some(view) = state.view.take() else {
        return commands;
    };
    if view.rows.is_empty() || view.codes.is_empty() {
        state.view = Some(view);
        ui.label(RichText::new(tr!("grid-empty")).weak());
        return commands;
    }
    ui.label(RichText::new(tr!("grid-hint")).weak());
    let mut clicked = None;
    // The grid on the left, the chosen cell beside it, each scrolling on its own.
    let size = ui.available_size();
    let grid_width = (size.x * 0.6).max(240.0);
    ui.horizontal_top(|ui| {
        ui.allocate_ui(egui::vec2(grid_width, size.y), |ui| {
            egui::ScrollArea::both()
                .id_salt("grid")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::Grid::new("summary-grid")
                        .striped(true)
                        .spacing([6.0, 4.0])
                        .show(ui, |ui| {
                            ui.label("");
                            for (_, path) in &view.codes {
                                ui.label(RichText::new(path_tail(path, 24)).strong())
                                    .on_hover_text(path);
                            }
                            ui.end_row();
                            let mut group: Option<&str> = None;
                            for row in &view.rows {
                                if let Some(g) = &row.group
                                    && group != Some(g.as_str())
                                {
                                    ui.label(RichText::new(g).strong().italics());
                                    ui.end_row();
                                    group = Some(g);
                                }
                                ui.label(&row.name);
                                for ((code, _), cell) in view.codes.iter().zip(&row.cells) {
                                    let chosen = state.selected == Some((row.case, *code));
                                    let mut text = if cell.codings == 0 {
                                        String::new()
                                    } else {
                                        cell.codings.to_string()
                                    };
                                    if let Some((_, s)) = cell.summaries.first() {
                                        if !text.is_empty() {
                                            text.push_str(" · ");
                                        }
                                        text.push_str(&quote_start(s, PREVIEW));
                                    }
                                    if text.is_empty() {
                                        text.push('·');
                                    }
                                    if ui
                                        .add(
                                            // As wide as its column, so a cell
                                            // that shows only a count is as easy to
                                            // click as one with a summary.
                                            egui::Button::selectable(chosen, text)
                                                .wrap_mode(egui::TextWrapMode::Truncate)
                                                .min_size(egui::vec2(CELL_WIDTH, 0.0)),
                                        )
                                        .clicked()
                                    {
                                        clicked = Some((row.case, *code));
                                    }
                                }
                                ui.end_row();
                            }
                        });
                });
        });
        ui.separator();
        state.view = Some(view);
        ui.vertical(|ui| {
            if let Some((case, code)) = clicked {
                state.select(project, case, code, coder);
            }
            egui::ScrollArea::vertical()
                .id_salt("grid-cell")
                .auto_shrink([false, false])
                .show(ui, |ui| commands.extend(cell_ui(state, project, coder, ui)));
        });
    });
    commands
}

/// The chosen cell: this coder's summary, teammates' summaries and the quotes behind it.
fn cell_ui(
    state: &mut SummaryGridState,
    project: &Project,
    coder: Option<CoderId>,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some((case, code)) = state.selected else {
        return commands;
    };
    let (Some(view), Some(case_def), Some(_)) =
        (&state.view, project.case(case), project.code(code))
    else {
        state.selected = None;
        return commands;
    };
    let row = view.rows.iter().position(|r| r.case == case);
    let column = view.codes.iter().position(|(c, _)| *c == code);
    ui.label(
        RichText::new(tr!(
            "grid-cell-title",
            case = case_def.name.as_str(),
            code = project.code_path(code)
        ))
        .strong(),
    );
    ui.label(tr!("grid-your-summary"));
    let edit = ui.add(
        egui::TextEdit::multiline(&mut state.draft)
            .desired_rows(3)
            .desired_width(f32::INFINITY)
            .hint_text(tr!("grid-summary-hint")),
    );
    if edit.lost_focus() && state.draft != own_summary(project, case, code, coder) {
        commands.push(Command::Edit(Action::SetMemo {
            target: MemoTarget::Summary { case, code },
            text: state.draft.clone(),
        }));
    }
    if let (Some(r), Some(c)) = (row, column) {
        for (author, text) in &view.rows[r].cells[c].summaries {
            if *author == coder {
                continue;
            }
            let who = author
                .and_then(|a| project.coder(a))
                .map_or_else(|| tr!("grid-unknown-author").to_owned(), |c| c.name.clone());
            ui.label(RichText::new(tr!("grid-summary-by", coder = who)).weak());
            ui.label(text);
        }
        let quotes = &view.quotes[r][c];
        ui.label(RichText::new(tr!("grid-quotes", count = quotes.len())).strong());
        for q in quotes {
            let star = if q.exemplar { "★ " } else { "" };
            let line = format!("{star}“{}” ({})", q.text.trim(), q.attribution);
            if ui
                .add(egui::Label::new(line).sense(egui::Sense::click()))
                .on_hover_text(tr!("grid-open-quote"))
                .clicked()
            {
                commands.push(Command::JumpTo {
                    document: q.document,
                    range: q.range,
                });
            }
            if let Some(t) = &q.translation {
                ui.label(RichText::new(t).italics().weak());
            }
        }
    }
    commands
}
