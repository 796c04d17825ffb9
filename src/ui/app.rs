//! The app: owns the open project, the panels' state and the settings; lays out the window each
//! frame; collects the commands the panels return and applies them after the frame (recording
//! undo, marking files for saving, keeping the views up to date).

mod apply;
pub(crate) use apply::case_step_label;
mod chrome;
mod files;
mod import;
mod input;
mod media;
mod notices;
mod projects;
mod study;
mod sync;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use egui::Ui;

use super::codebook::{CodebookState, codebook_ui};
use super::command::Command;
use super::config::{Config, ConfigStore};
use super::dialogs::{Dialogs, dialogs_ui};
use super::document_windows::{DocumentWindows, document_windows_ui};
use super::documents::{DocumentsState, documents_ui};
use super::export_dialog::{ExportDialog, export_dialog_ui};
use super::help::{HelpState, help_ui};
use super::i18n::{self, Language};
use super::inspector::{InspectorInput, InspectorState, inspector_ui};
use super::layout_generation::LayoutGeneration;
use super::memo_manager::{MemoManager, memo_manager_ui};
use super::review::{ReviewState, review_ui};
use super::search_panel::{AnalysisState, analysis_ui};
use super::team_sync::TeamSync;
use super::theme;
use super::transcript::{TranscriptState, transcript_ui};
use crate::model::{CodeId, Project};
use crate::session::{Autosave, Session};
use files::DialogResult;
pub use notices::Notice;
use notices::notices_ui;

/// The name a code gets from "New code" before the user types one.
/// How much "Larger text" and "Smaller text" change the window's scale.
const ZOOM_STEP: f32 = 0.1;
/// The smallest and largest scale of the window.
const ZOOM_RANGE: (f32, f32) = (0.7, 2.0);

/// How the app starts.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// The project to open (else the last one, else the sample).
    pub project: Option<PathBuf>,
    /// Where settings live.
    pub config: ConfigStore,
    /// The sample project to offer (the one bundled in the binary), if any.
    pub sample: Option<crate::bundled::BundledSample>,
    /// Where working copies (of the sample) go.
    pub data: Option<PathBuf>,
}

/// The window.
pub struct MarginApp {
    store: ConfigStore,
    config: Config,
    sample: Option<crate::bundled::BundledSample>,
    data: Option<PathBuf>,
    session: Option<Session>,
    transcript: TranscriptState,
    /// The player of the open document's recording.
    player: super::player::PlayerState,
    /// Transcription mode's draft.
    transcription: super::transcription::Transcription,
    documents: DocumentsState,
    codebook: CodebookState,
    inspector: InspectorState,
    review: ReviewState,
    blind: bool,
    dialogs: Dialogs,
    team: TeamSync,
    analysis: AnalysisState,
    notices: Vec<Notice>,
    queued: Vec<Command>,
    file_dialog: Option<(Receiver<DialogResult>, f64)>,
    keys: BTreeMap<CodeId, char>,
    layout_generation: LayoutGeneration,
    help: HelpState,
    /// Renaming and deleting documents, their properties and memos.
    document_windows: DocumentWindows,
    find_replace: super::text_editing::FindReplace,
    replace_name: super::text_editing::ReplaceName,
    /// The memo manager and the project memo.
    memos: MemoManager,
    /// The export dialog and the codebook import preview.
    export: ExportDialog,
    cases: super::cases::CasesState,
    /// Where the documents, transcript and codebook panels were last frame (F6 moves between).
    panel_rects: [egui::Rect; 3],
    open_path: String,
    title: String,
    now: f64,
    closed: bool,
}

impl std::fmt::Debug for MarginApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MarginApp")
            .field("project", &self.session.as_ref().map(Session::root))
            .field("transcript", &self.transcript)
            .finish_non_exhaustive()
    }
}

impl MarginApp {
    /// Set up the window: fonts and theme, settings, and the project to open.
    #[must_use]
    pub fn new(ctx: &egui::Context, options: AppOptions) -> Self {
        let (mut config, config_problem) = options.config.load();
        // The first start takes the system's language and keeps it; later, the settings say.
        let first_start = config.language.is_none();
        let language = *config.language.get_or_insert_with(Language::of_system);
        i18n::set_language(language);
        // (A damaged settings file is left alone until the next save replaces it.)
        let save_problem = if first_start && config_problem.is_none() {
            options.config.save(&config).err()
        } else {
            None
        };
        theme::install(ctx, config.theme);
        ctx.set_zoom_factor(config.zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1));
        let mut app = Self {
            store: options.config,
            config,
            sample: options.sample,
            data: options.data,
            session: None,
            transcript: TranscriptState::default(),
            player: super::player::PlayerState::default(),
            transcription: super::transcription::Transcription::default(),
            documents: DocumentsState::default(),
            codebook: CodebookState::default(),
            inspector: InspectorState::default(),
            review: ReviewState::default(),
            blind: false,
            dialogs: Dialogs::default(),
            team: TeamSync::default(),
            analysis: AnalysisState::default(),
            notices: Vec::new(),
            queued: Vec::new(),
            file_dialog: None,
            keys: BTreeMap::new(),
            layout_generation: LayoutGeneration::default(),
            help: HelpState::default(),
            document_windows: DocumentWindows::default(),
            find_replace: super::text_editing::FindReplace::default(),
            replace_name: super::text_editing::ReplaceName::default(),
            memos: MemoManager::default(),
            export: ExportDialog::default(),
            cases: super::cases::CasesState::default(),
            panel_rects: [egui::Rect::NOTHING; 3],
            open_path: String::new(),
            title: "Margin".to_owned(),
            now: 0.0,
            closed: false,
        };
        // Said now, in the language the settings (or the system) chose.
        for problem in config_problem.into_iter().chain(save_problem) {
            app.error(problem.to_string());
        }
        let start = options.project.or_else(|| {
            app.config
                .recent
                .first()
                .map(|r| r.path.clone())
                .filter(|p| p.join("margin.ron").is_file())
        });
        match start {
            // A .qdpx given to `margin` (opened from a file manager) asks where its project goes.
            Some(path)
                if path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("qdpx")) =>
            {
                app.queue(Command::QdpxChosen(path));
            }
            Some(path) => app.open_project(&path),
            None if app.sample.is_some() => app.open_sample(),
            None => {}
        }
        if app.config.coder_name.is_none() {
            app.dialogs.ask_coder(String::new());
        }
        app
    }

    // ---- access for tests and benchmarks ------------------------------------------------------

    /// The analysis window's state (search, retrieval, tables).
    #[must_use]
    pub fn analysis(&self) -> &AnalysisState {
        &self.analysis
    }

    /// The analysis window's state, to set up a query.
    pub fn analysis_mut(&mut self) -> &mut AnalysisState {
        &mut self.analysis
    }

    /// The open project, if any.
    #[must_use]
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The open project, mutably (tests).
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        self.session.as_mut()
    }

    /// The transcript view.
    #[must_use]
    pub fn transcript(&self) -> &TranscriptState {
        &self.transcript
    }

    /// The player of the open document's recording.
    #[must_use]
    pub fn player(&self) -> &super::player::PlayerState {
        &self.player
    }

    /// Whether the open document's recording is playing (for tests: `fn(&MarginApp) -> bool`).
    #[must_use]
    pub fn is_playing_for_tests(&self) -> bool {
        self.player.is_playing()
    }

    /// The player, mutably.
    pub fn player_mut(&mut self) -> &mut super::player::PlayerState {
        &mut self.player
    }

    /// The transcript view, mutably.
    pub fn transcript_mut(&mut self) -> &mut TranscriptState {
        &mut self.transcript
    }

    /// The document dialogs and properties window.
    #[must_use]
    pub fn document_windows(&self) -> &DocumentWindows {
        &self.document_windows
    }

    /// The memo manager.
    #[must_use]
    pub fn memo_manager(&self) -> &MemoManager {
        &self.memos
    }

    /// The memo manager, mutably (tests set its filters).
    pub fn memo_manager_mut(&mut self) -> &mut MemoManager {
        &mut self.memos
    }

    /// The export dialog, mutably (tests choose an export).
    pub fn export_dialog_mut(&mut self) -> &mut ExportDialog {
        &mut self.export
    }

    /// The export dialog.
    #[must_use]
    pub fn export_dialog(&self) -> &ExportDialog {
        &self.export
    }

    /// The codebook panel.
    #[must_use]
    pub fn codebook(&self) -> &CodebookState {
        &self.codebook
    }

    /// The team review panel.
    #[must_use]
    pub fn review(&self) -> &ReviewState {
        &self.review
    }

    /// The team review panel, mutably (tests).
    pub fn review_mut(&mut self) -> &mut ReviewState {
        &mut self.review
    }

    /// True in blind mode (other coders' codings hidden).
    #[must_use]
    pub fn blind(&self) -> bool {
        self.blind
    }

    /// The settings.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The messages shown.
    #[must_use]
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// The open project's background saver.
    #[must_use]
    pub fn autosave(&self) -> Option<&Autosave> {
        self.session.as_ref().map(Session::autosave)
    }

    /// The import dialog, while it is open.
    #[must_use]
    pub fn import_dialog(&self) -> Option<&super::import_dialog::ImportDialog> {
        self.dialogs.import.as_ref()
    }

    /// The case sheet's state.
    #[must_use]
    pub fn cases(&self) -> &super::cases::CasesState {
        &self.cases
    }

    /// True when a modal dialog is open.
    #[must_use]
    pub fn dialog_open(&self) -> bool {
        self.dialogs.any_open()
            || self.document_windows.modal_open()
            || self.export.codebook_preview.is_some()
            || self.team.form.is_some()
            || self.team.login.is_some()
    }

    /// Team sync's state (the status bar's part, the dialog, the thread).
    #[must_use]
    pub fn team(&self) -> &TeamSync {
        &self.team
    }

    /// Queue a command, applied at the end of the next frame (tests drive the app this way).
    pub fn queue(&mut self, command: Command) {
        self.queued.push(command);
    }

    /// Apply a command now.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        self.apply(command, ctx);
    }

    /// Write everything to disk now (waits for a running background save).
    pub fn flush(&mut self) -> Result<(), crate::session::SessionError> {
        self.apply_typed(true);
        let drafts = match &self.session {
            Some(s) => self.inspector.pending_commits(s.project()),
            None => Vec::new(),
        };
        for draft in drafts {
            self.execute(draft);
        }
        let memos: Vec<_> = self
            .document_windows
            .pending_memo()
            .into_iter()
            .chain(self.memos.pending_memo())
            .collect();
        for memo in memos {
            self.execute(memo);
        }
        match &mut self.session {
            Some(s) => s.save(),
            None => Ok(()),
        }
    }

    // ---- notices --------------------------------------------------------------------------------

    fn info(&mut self, text: impl Into<String>) {
        self.notices.push(Notice {
            text: text.into(),
            error: false,
            at: self.now,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.notices.push(Notice {
            text: text.into(),
            error: true,
            at: self.now,
        });
    }

    fn save_config(&mut self) {
        if let Err(e) = self.store.save(&self.config) {
            self.error(e.to_string());
        }
    }

    /// One frame of the window.
    pub fn frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.layout_generation
            .begin_frame(&ctx, self.config.text_size);
        self.now = ctx.input(|i| i.time);
        self.poll_dialog();
        self.poll_sync(&ctx);
        self.global_keys(&ctx);
        self.update_title(&ctx);
        let mut commands = std::mem::take(&mut self.queued);

        egui::Panel::top("menu").show(ui, |ui| {
            commands.extend(self.menu_ui(ui));
        });
        egui::Panel::bottom("status")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(10, 4)),
            )
            .show(ui, |ui| {
                commands.extend(self.status_ui(ui));
            });

        let text_size = self.config.text_size;
        let now = self.now;
        self.sync_transcript();
        if let Some(session) = &self.session {
            let doc = self
                .transcript
                .document()
                .and_then(|d| session.project().document(d));
            self.player.sync(session.root(), doc);
            self.player.tick(&mut self.transcript, &ctx);
        }
        if let Some(session) = &mut self.session {
            session.refresh_counts();
            let counts = session.cached_counts();
            let project: &Project = session.project();
            self.panel_rects[0] = egui::Panel::left("documents")
                .resizable(true)
                .default_size(230.0)
                .size_range(160.0..=420.0)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    commands.extend(documents_ui(
                        &mut self.documents,
                        project,
                        counts,
                        self.transcript.document(),
                        ui,
                    ));
                })
                .response
                .rect;
            self.panel_rects[2] = egui::Panel::right("codebook")
                .resizable(true)
                .default_size(300.0)
                .size_range(220.0..=520.0)
                .show(ui, |ui| {
                    egui::Panel::bottom("inspector")
                        .resizable(true)
                        .default_size(300.0)
                        .size_range(120.0..=700.0)
                        .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(0, 6)))
                        .show(ui, |ui| {
                            let input = InspectorInput {
                                project,
                                counts,
                                codings: self.transcript.codings_at_caret(),
                                selected_coding: self.transcript.selected_coding(),
                                selection: self.transcript.selected_range().map(|(_, r)| r),
                                code: self.codebook.selected,
                                document: self.transcript.document(),
                                player: &self.player,
                            };
                            commands.extend(inspector_ui(&mut self.inspector, &input, ui));
                        });
                    ui.add_space(6.0);
                    commands.extend(codebook_ui(
                        &mut self.codebook,
                        project,
                        counts,
                        &self.keys,
                        self.transcript.selected_range().is_some(),
                        ui,
                    ));
                })
                .response
                .rect;
            if self.review.open {
                let me = session.coder();
                egui::Panel::right("review")
                    .resizable(true)
                    .default_size(380.0)
                    .size_range(260.0..=640.0)
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        commands.extend(review_ui(&mut self.review, project, me, ui));
                    });
            }
            self.analysis.coder = session.coder();
            commands.extend(analysis_ui(&mut self.analysis, project, ui));
            self.panel_rects[1] = egui::CentralPanel::default()
                .show(ui, |ui| {
                    notices_ui(&mut self.notices, now, ui);
                    self.transcript.snap_words = self.config.snap_to_words;
                    if let Some(doc) = self.transcript.document().and_then(|d| project.document(d))
                    {
                        let on = self.transcription.is_on(doc.id);
                        commands.extend(super::player::player_ui(&mut self.player, doc, on, ui));
                        commands.extend(super::transcription::transcription_ui(
                            &mut self.transcription,
                            &self.player,
                            &self.config.transcription_keys,
                            doc,
                            now,
                            ui,
                        ));
                    }
                    commands.extend(transcript_ui(&mut self.transcript, project, text_size, ui));
                })
                .response
                .rect;
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                notices_ui(&mut self.notices, now, ui);
                commands.extend(self.welcome_ui(ui));
            });
        }

        let consent = self
            .session
            .as_ref()
            .filter(|s| s.report().needs_consent())
            .and_then(|s| super::reanchor::consent_ui(s.report(), ui));
        match consent {
            Some(super::reanchor::Consent::Accept) => {
                if let Some(session) = &mut self.session {
                    session.accept_reanchoring();
                }
            }
            Some(super::reanchor::Consent::Close) => self.close_project(),
            None => {}
        }
        let project = self.session.as_ref().map(Session::project);
        if let Some(project) = project {
            commands.extend(document_windows_ui(&mut self.document_windows, project, ui));
            commands.extend(super::text_editing::find_replace_ui(
                &mut self.find_replace,
                project,
                self.transcript.document(),
                &ctx,
            ));
            commands.extend(super::text_editing::replace_name_ui(
                &mut self.replace_name,
                project,
                &ctx,
            ));
            commands.extend(memo_manager_ui(&mut self.memos, project, ui));
            commands.extend(export_dialog_ui(
                &mut self.export,
                project,
                &self.analysis.retrieval,
                ui,
            ));
        }
        commands.extend(dialogs_ui(&mut self.dialogs, project, ui));
        let root = self.session.as_ref().map(|s| s.root().to_path_buf());
        commands.extend(self.team.form_ui(root.as_deref(), ui));
        commands.extend(self.team.login_ui(ui));
        if let Some(s) = &self.session {
            commands.extend(super::cases::cases_ui(&mut self.cases, s.project(), ui));
            commands.extend(super::import_dialog::import_dialog_ui(
                &mut self.dialogs.import,
                s.root(),
                s.project(),
                s.coder(),
                ui,
            ));
        }
        help_ui(&mut self.help, &ctx);
        super::about::about_ui(&ctx);

        self.apply_typed(false);
        for cmd in commands {
            self.apply(cmd, &ctx);
        }

        let shown = self.autosave().map(|a| a.status().clone());
        if let Some(wait) = self.session.as_mut().and_then(|s| s.poll_save(self.now)) {
            ctx.request_repaint_after_secs(wait as f32);
        }
        // The status bar was drawn before the saver was heard from: show what it said.
        if self.autosave().map(|a| a.status().clone()) != shown {
            ctx.request_repaint();
        }
        if self.file_dialog.is_some() {
            ctx.request_repaint_after_secs(0.1);
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            self.on_close();
        }
        self.layout_generation.end_frame(&ctx);
    }

    /// Save everything and the settings; called when the window closes.
    pub fn on_close(&mut self) {
        if self.closed {
            return;
        }
        self.closed = true;
        if let Err(e) = self.flush() {
            // The window is going away: the terminal is the only place left to say it.
            eprintln!("margin: could not save the project: {e}");
        }
        if let Some(s) = &self.session {
            let root = s.root().to_path_buf();
            self.config
                .remember_document(&root, self.transcript.document());
        }
        if let Err(e) = self.store.save(&self.config) {
            eprintln!("margin: {e}");
        }
    }
}

impl eframe::App for MarginApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn on_exit(&mut self) {
        self.on_close();
    }
}
