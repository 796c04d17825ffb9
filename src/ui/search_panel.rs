//! The search tab of the analysis window: text search across every document (plain, whole word,
//! regular expression; optionally ignoring case), hits with their context, a click on a hit
//! opens it in the transcript, and "Code all hits" codes them with one code as one undo step.
//!
//! The panel also holds the analysis window itself ([`analysis_ui`]): its tabs and the state of
//! the retrieval and tables tabs, so the app needs one field and one call.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, RichText, TextFormat, Ui};

use super::command::Command;
use super::retrieval_panel::{RetrievalState, retrieval_ui};
use super::tables_panel::{TablesState, tables_ui};
use crate::analysis::excerpt::Excerpt;
use crate::analysis::search::{self, AutocodeScope, MatchMode, SearchQuery};
use crate::model::{CodeId, Project};

/// Characters of context shown either side of a hit or excerpt.
pub const CONTEXT: usize = 40;

/// The tabs of the analysis window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AnalysisTab {
    /// Text search and autocoding.
    #[default]
    Search,
    /// Coded retrieval.
    Retrieval,
    /// Co-occurrence, crosstab and timeline tables.
    Tables,
}

impl AnalysisTab {
    /// The tab's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Search => "Search",
            Self::Retrieval => "Coded retrieval",
            Self::Tables => "Tables",
        }
    }
}

/// Everything the analysis window remembers.
#[derive(Debug, Default)]
pub struct AnalysisState {
    /// Whether the window is shown.
    pub open: bool,
    /// The tab shown.
    pub tab: AnalysisTab,
    /// The search tab.
    pub search: SearchState,
    /// The retrieval tab.
    pub retrieval: RetrievalState,
    /// The tables tab.
    pub tables: TablesState,
}

/// The search tab's query and hits.
#[derive(Debug, Default)]
pub struct SearchState {
    /// The query as edited.
    pub query: SearchQuery,
    /// The hits of the last search.
    pub hits: Vec<Excerpt>,
    /// Why the last search failed.
    pub error: Option<String>,
    /// The code "Code all hits" applies (defaults to the code selected in the codebook).
    pub code: Option<CodeId>,
    /// Code the whole turn or message around each hit rather than the hit.
    pub whole_segment: bool,
    searched: bool,
}

impl SearchState {
    /// Run the query on `project`.
    pub fn run(&mut self, project: &Project) {
        self.query.context = CONTEXT;
        self.searched = true;
        match search::search(project, &self.query) {
            Ok(hits) => {
                self.hits = hits;
                self.error = None;
            }
            Err(e) => {
                self.hits.clear();
                self.error = Some(e.to_string());
            }
        }
    }

    /// The command that codes every hit with `code`.
    pub fn autocode_command(&self, code: CodeId) -> Command {
        Command::Autocode {
            hits: self.hits.iter().map(|h| (h.document, h.range)).collect(),
            code,
            scope: if self.whole_segment {
                AutocodeScope::Segment
            } else {
                AutocodeScope::Hit
            },
        }
    }
}

/// A combo box choosing one code of the codebook (shown by its path).
pub(crate) fn code_picker(
    salt: &str,
    project: &Project,
    code: &mut Option<CodeId>,
    ui: &mut Ui,
) -> bool {
    let shown = code.map_or_else(|| "(choose a code)".to_owned(), |c| project.code_path(c));
    let before = *code;
    egui::ComboBox::from_id_salt(salt)
        .selected_text(shown)
        .width(220.0)
        .show_ui(ui, |ui| {
            for (depth, c) in project.code_tree() {
                let label = format!("{}{}", "   ".repeat(depth), c.name);
                ui.selectable_value(code, Some(c.id), label);
            }
        });
    *code != before
}

/// An excerpt as one clickable line: document, context, the passage in bold, context.
pub(crate) fn excerpt_row(ui: &mut Ui, prefix: &str, e: &Excerpt) -> bool {
    let strong = ui.visuals().strong_text_color();
    let weak = ui.visuals().weak_text_color();
    let normal = ui.visuals().text_color();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let fmt = |color: Color32| TextFormat::simple(font.clone(), color);
    let flat = |s: &str| s.replace(['\n', '\r'], " ");
    let mut job = LayoutJob::default();
    job.append(prefix, 0.0, fmt(weak));
    job.append(&flat(&e.before), 0.0, fmt(normal));
    let mut hit = fmt(strong);
    hit.background = ui.visuals().selection.bg_fill.gamma_multiply(0.5);
    job.append(&flat(&e.text), 0.0, hit);
    job.append(&flat(&e.after), 0.0, fmt(normal));
    job.wrap.max_rows = 1;
    job.wrap.break_anywhere = true;
    job.wrap.max_width = ui.available_width();
    ui.add(egui::Label::new(egui::WidgetText::LayoutJob(Arc::new(job))).sense(egui::Sense::click()))
        .on_hover_text("Show in the transcript")
        .clicked()
}

/// The analysis window (when open), with its three tabs.
pub fn analysis_ui(
    state: &mut AnalysisState,
    project: &Project,
    selected_code: Option<CodeId>,
    ctx: &egui::Context,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut open = state.open;
    egui::Window::new("Analysis")
        .open(&mut open)
        .default_size([1000.0, 700.0])
        .resizable(true)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                for tab in [
                    AnalysisTab::Search,
                    AnalysisTab::Retrieval,
                    AnalysisTab::Tables,
                ] {
                    ui.selectable_value(&mut state.tab, tab, tab.title());
                }
            });
            ui.separator();
            commands.extend(match state.tab {
                AnalysisTab::Search => search_ui(&mut state.search, project, selected_code, ui),
                AnalysisTab::Retrieval => retrieval_ui(&mut state.retrieval, project, ui),
                AnalysisTab::Tables => tables_ui(&mut state.tables, project, ui),
            });
        });
    state.open = open;
    commands
}

/// The search tab.
pub fn search_ui(
    state: &mut SearchState,
    project: &Project,
    selected_code: Option<CodeId>,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    if state.code.is_none_or(|c| project.code(c).is_none()) {
        state.code = selected_code;
    }
    let mut run = false;
    ui.horizontal(|ui| {
        ui.label("Find");
        let edit = ui.add(
            egui::TextEdit::singleline(&mut state.query.pattern)
                .hint_text("words, or a regular expression")
                .desired_width(260.0),
        );
        run |= edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        run |= ui.button("Find all").clicked();
    });
    ui.horizontal(|ui| {
        let mode = &mut state.query.mode;
        ui.radio_value(mode, MatchMode::Plain, "Plain text");
        ui.radio_value(mode, MatchMode::Word, "Whole word");
        ui.radio_value(mode, MatchMode::Regex, "Regular expression");
        ui.checkbox(&mut state.query.ignore_case, "Ignore case");
    });
    if run {
        state.run(project);
    }
    if let Some(e) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    if !state.searched {
        return commands;
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{} hits", state.hits.len())).strong());
        ui.separator();
        code_picker("search-code", project, &mut state.code, ui);
        ui.checkbox(&mut state.whole_segment, "Whole turn/message");
        let enabled = state.code.is_some() && !state.hits.is_empty();
        if ui
            .add_enabled(enabled, egui::Button::new("Code all hits"))
            .on_hover_text("Code every hit with the chosen code (one step to undo)")
            .clicked()
            && let Some(code) = state.code
        {
            commands.push(state.autocode_command(code));
        }
    });
    ui.separator();
    let row_height = ui.text_style_height(&egui::TextStyle::Body);
    egui::ScrollArea::vertical()
        .id_salt("search-hits")
        .auto_shrink([false, false])
        .min_scrolled_height(320.0)
        .show_rows(ui, row_height, state.hits.len(), |ui, rows| {
            for hit in &state.hits[rows] {
                let prefix = format!("{}  ", hit.document_name);
                if excerpt_row(ui, &prefix, hit) {
                    commands.push(Command::JumpTo {
                        document: hit.document,
                        range: hit.range,
                    });
                }
            }
        });
    commands
}
