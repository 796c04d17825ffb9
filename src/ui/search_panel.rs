//! The search tab of the analysis window: text search across every document (plain, whole word,
//! regular expression; optionally ignoring case), hits with their context, a click on a hit
//! opens it in the transcript, and "Code all hits" codes them with one code as one undo step.
//!
//! The panel also holds the analysis panel itself ([`analysis_ui`]): its tabs, where it is docked
//! (below or beside the transcript, or in its own window) and the state of the retrieval and
//! tables tabs, so the app needs one field and one call.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, RichText, TextFormat, Ui};

use super::command::Command;
use super::i18n::tr;
use super::retrieval_panel::{RetrievalState, retrieval_ui};
use super::summary_grid::{SummaryGridState, summary_grid_ui};
use super::tables_panel::{TablesState, tables_ui};
use crate::analysis::excerpt::Excerpt;
use crate::analysis::search::{self, AutocodeScope, MatchMode, SearchQuery};
use crate::model::{CodeId, CoderId, Project};
use crate::session::Action;

/// Characters of context shown either side of a hit or excerpt.
pub const CONTEXT: usize = 40;

// The tabs are named in `command.rs` (commands open them); the panel shows them.
pub use super::command::AnalysisTab;

/// Where the analysis panel sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dock {
    /// Under the transcript, as wide as it.
    #[default]
    Below,
    /// Beside the transcript, on its right.
    Beside,
    /// In a window of its own.
    Window,
}

impl Dock {
    /// The place, in words (a menu entry).
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Below => tr!("analysis-dock-below"),
            Self::Beside => tr!("analysis-dock-beside"),
            Self::Window => tr!("analysis-dock-window"),
        }
    }
}

/// Everything the analysis panel remembers.
#[derive(Debug, Default)]
pub struct AnalysisState {
    /// Whether the panel is shown.
    pub open: bool,
    /// Where it sits.
    pub dock: Dock,
    /// The tab shown.
    pub tab: AnalysisTab,
    /// The search tab.
    pub search: SearchState,
    /// The retrieval tab.
    pub retrieval: RetrievalState,
    /// The tables tab.
    pub tables: TablesState,
    /// The summary grid tab.
    pub summaries: SummaryGridState,
    /// Who is coding (whose summaries the grid edits).
    pub coder: Option<CoderId>,
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
    /// The code "Code all hits" applies. None until the user picks one for this search: a
    /// code highlighted in the codebook for something else is never assumed.
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
        // A new search asks again which code its hits get.
        self.code = None;
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
        Command::Edit(Action::Autocode {
            hits: self.hits.iter().map(|h| (h.document, h.range)).collect(),
            code,
            scope: if self.whole_segment {
                AutocodeScope::Segment
            } else {
                AutocodeScope::Hit
            },
        })
    }
}

/// A combo box choosing one code of the codebook (shown by its path), with a field to filter
/// the codes by typing.
pub(crate) fn code_picker(
    salt: &str,
    project: &Project,
    code: &mut Option<CodeId>,
    ui: &mut Ui,
) -> bool {
    let shown = code.map_or_else(
        || tr!("analysis-choose-code").to_owned(),
        |c| super::quote::path_tail(&project.code_path(c), 32),
    );
    let before = *code;
    let filter_id = ui.scope_id().with((salt, "filter"));
    let response = egui::ComboBox::from_id_salt(salt)
        .selected_text(shown)
        .width(220.0)
        .height(400.0)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            if let Some(c) = code_list_ui(filter_id, project, *code, ui) {
                *code = Some(c);
                ui.close();
            }
        });
    if response.inner.is_none() {
        // Closed: start with an empty filter next time.
        ui.data_mut(|d| d.remove_temp::<String>(filter_id));
    }
    *code != before
}

/// The codes of the codebook as a list to pick from (in a menu or a combo box), under a field
/// that filters them by typing; Enter picks the first code left. Returns the code picked.
pub(crate) fn code_list_ui(
    filter_id: egui::Id,
    project: &Project,
    current: Option<CodeId>,
    ui: &mut Ui,
) -> Option<CodeId> {
    let mut filter: String = ui.data(|d| d.get_temp(filter_id)).unwrap_or_default();
    let edit = ui.add(
        egui::TextEdit::singleline(&mut filter)
            .hint_text(tr!("analysis-code-filter-hint"))
            .desired_width(200.0),
    );
    edit.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::TextInput, true, tr!("codebook-filter-label"))
    });
    if !edit.has_focus() && !edit.lost_focus() {
        edit.request_focus();
    }
    let needle = filter.to_lowercase();
    let mut first = None;
    let mut picked = None;
    egui::ScrollArea::vertical()
        .id_salt(filter_id.with("codes"))
        .max_height(320.0)
        .show(ui, |ui| {
            for (depth, c) in project.code_tree() {
                let path = project.code_path(c.id);
                if !needle.is_empty() && !path.to_lowercase().contains(&needle) {
                    continue;
                }
                first.get_or_insert(c.id);
                let label = if needle.is_empty() {
                    format!("{}{}", "   ".repeat(depth), c.name)
                } else {
                    path
                };
                if ui.selectable_label(current == Some(c.id), label).clicked() {
                    picked = Some(c.id);
                }
            }
            if first.is_none() {
                ui.label(RichText::new(tr!("analysis-no-code-matches")).weak());
            }
        });
    if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        picked = picked.or(first);
    }
    ui.data_mut(|d| d.insert_temp(filter_id, filter));
    picked
}

/// An excerpt as one clickable line: document, context, the passage in bold, context.
pub(crate) fn excerpt_row(ui: &mut Ui, prefix: &str, e: &Excerpt) -> bool {
    let mut job = excerpt_job(ui, prefix, e);
    job.wrap.max_rows = 1;
    job.wrap.break_anywhere = true;
    job.wrap.max_width = ui.available_width();
    ui.add(egui::Label::new(egui::WidgetText::LayoutJob(Arc::new(job))).sense(egui::Sense::click()))
        .on_hover_text(tr!("analysis-show-in-transcript"))
        .clicked()
}

/// An excerpt as a clickable paragraph: the whole passage, wrapped, in bold within its
/// context, after `prefix` (who coded it, where).
pub(crate) fn excerpt_paragraph(ui: &mut Ui, prefix: &str, e: &Excerpt) -> bool {
    let mut job = excerpt_job(ui, prefix, e);
    job.wrap.max_width = ui.available_width();
    ui.add(egui::Label::new(egui::WidgetText::LayoutJob(Arc::new(job))).sense(egui::Sense::click()))
        .on_hover_text(tr!("analysis-show-in-transcript"))
        .clicked()
}

/// The layout of an excerpt: `prefix` weak, the context, the passage in bold on a tint.
fn excerpt_job(ui: &Ui, prefix: &str, e: &Excerpt) -> LayoutJob {
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
    job
}

/// The analysis panel (when open), with its three tabs: docked below or beside the transcript,
/// so it never covers it, or in a window of its own. Call it before the transcript's central
/// panel, so the transcript gets the room that is left and wraps to it.
pub fn analysis_ui(state: &mut AnalysisState, project: &Project, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    if !state.open {
        return commands;
    }
    match state.dock {
        Dock::Below => {
            let most = (ui.available_height() * 0.75).max(200.0);
            egui::Panel::bottom("analysis")
                .resizable(true)
                .default_size(340.0)
                .size_range(160.0..=most)
                .show(ui, |ui| {
                    commands.extend(analysis_body_ui(state, project, ui));
                });
        }
        Dock::Beside => {
            let most = (ui.available_width() * 0.7).max(360.0);
            egui::Panel::right("analysis-beside")
                .resizable(true)
                .default_size(560.0)
                .size_range(340.0..=most)
                .show(ui, |ui| {
                    commands.extend(analysis_body_ui(state, project, ui));
                });
        }
        Dock::Window => {
            let viewport = egui::ViewportId::from_hash_of("margin-analysis");
            let builder = egui::ViewportBuilder::default()
                .with_title(tr!("analysis-window-title"))
                .with_inner_size([1000.0, 700.0])
                .with_min_inner_size([520.0, 360.0]);
            let inner = ui
                .ctx()
                .show_viewport_immediate(viewport, builder, |ui, _| {
                    let mut out = Vec::new();
                    egui::CentralPanel::default().show(ui, |ui| {
                        out = analysis_body_ui(state, project, ui);
                    });
                    if ui.ctx().input(|i| i.viewport().close_requested()) {
                        // Closing the window puts the panel back under the transcript.
                        state.dock = Dock::Below;
                    }
                    out
                });
            commands.extend(inner);
        }
    }
    commands
}

/// What the analysis panel shows wherever it sits: the tabs, where to put it, and the tab.
fn analysis_body_ui(state: &mut AnalysisState, project: &Project, ui: &mut Ui) -> Vec<Command> {
    let mut close = false;
    ui.horizontal(|ui| {
        ui.strong(tr!("analysis-title"));
        ui.separator();
        for tab in AnalysisTab::ALL {
            let tab_button = ui.selectable_value(&mut state.tab, tab, tab.title());
            if tab == AnalysisTab::Retrieval {
                tab_button.on_hover_text(tr!("help-coded-retrieval"));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            close = ui
                .small_button("×")
                .on_hover_text(tr!("analysis-close"))
                .clicked();
            egui::ComboBox::from_id_salt("analysis-dock")
                .selected_text(state.dock.title())
                .show_ui(ui, |ui| {
                    for dock in [Dock::Below, Dock::Beside, Dock::Window] {
                        ui.selectable_value(&mut state.dock, dock, dock.title());
                    }
                })
                .response
                .on_hover_text(tr!("analysis-dock-hover"));
        });
    });
    ui.separator();
    let commands = match state.tab {
        AnalysisTab::Search => search_ui(&mut state.search, project, ui),
        AnalysisTab::Retrieval => retrieval_ui(&mut state.retrieval, project, ui),
        AnalysisTab::Tables => tables_ui(&mut state.tables, project, ui),
        AnalysisTab::Summaries => summary_grid_ui(&mut state.summaries, project, state.coder, ui),
    };
    if close {
        state.open = false;
    }
    commands
}

/// The search tab.
pub fn search_ui(state: &mut SearchState, project: &Project, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    if state.code.is_some_and(|c| project.code(c).is_none()) {
        state.code = None;
    }
    let mut run = false;
    ui.horizontal(|ui| {
        ui.label(tr!("search-find"));
        let edit = ui.add(
            egui::TextEdit::singleline(&mut state.query.pattern)
                .hint_text(tr!("search-hint"))
                .desired_width(260.0),
        );
        run |= edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        run |= ui.button(tr!("search-find-all")).clicked();
    });
    ui.horizontal(|ui| {
        let mode = &mut state.query.mode;
        ui.radio_value(mode, MatchMode::Plain, tr!("search-plain"));
        ui.radio_value(mode, MatchMode::Word, tr!("search-word"));
        ui.radio_value(mode, MatchMode::Regex, tr!("search-regex"));
        ui.checkbox(&mut state.query.ignore_case, tr!("search-ignore-case"));
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
        ui.label(RichText::new(tr!("search-hits", count = state.hits.len())).strong());
        ui.separator();
        code_picker("search-code", project, &mut state.code, ui);
        ui.checkbox(&mut state.whole_segment, tr!("search-whole-segment"));
        let enabled = state.code.is_some() && !state.hits.is_empty();
        if ui
            .add_enabled(enabled, egui::Button::new(tr!("search-code-all")))
            .on_hover_text(tr!("search-code-all-hover"))
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
