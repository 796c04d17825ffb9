//! The app: owns the open project, the panels' state and the settings; lays out the window each
//! frame; collects the commands the panels return and applies them after the frame (recording
//! undo, marking files for saving, keeping the views up to date).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use egui::{Key, RichText, Ui};

use super::autosave::{Autosave, SaveStatus};
use super::codebook::{CodebookState, codebook_ui};
use super::command::Command;
use super::config::{Config, ConfigStore, ThemeChoice};
use super::dialogs::{Dialogs, dialogs_ui};
use super::documents::{DocumentsState, documents_ui, natural_cmp};
use super::file_picker::{DialogChoice, FilePicker, FileTarget};
use super::help::{HelpState, HelpTab, help_ui};
use super::inspector::{InspectorInput, InspectorState, inspector_ui};
use super::keys::{code_for_key, code_keys};
use super::layout_generation::LayoutGeneration;
use super::retrieval_panel::export_results;
use super::review::{ReviewState, review_ui};
use super::search_panel::{AnalysisState, AnalysisTab, analysis_ui};
use super::session::{Changes, Session};
use super::theme;
use super::transcript::index::Whose;
use super::transcript::{TranscriptState, transcript_ui};
use crate::analysis::agreement::consensus_coder;
use crate::model::{CodeId, DocumentKind, Project};

/// The name a code gets from "New code" before the user types one.
const NEW_CODE: &str = "New code";
/// How much "Larger text" and "Smaller text" change the window's scale.
const ZOOM_STEP: f32 = 0.1;
/// The smallest and largest scale of the window.
const ZOOM_RANGE: (f32, f32) = (0.7, 2.0);
/// Seconds an information notice stays.
const NOTICE_SECONDS: f64 = 8.0;

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

/// A message shown at the top of the window.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// True for errors (they stay until dismissed).
    pub error: bool,
    /// When it was shown (input time, seconds).
    pub at: f64,
}

/// What a background file dialog returns: why it was asked, and the paths chosen (`None` when
/// cancelled or when no dialog could be shown).
type DialogResult = (FileTarget, Option<Vec<PathBuf>>);

/// A system file dialog that answers "nothing" sooner than this did not show (a person takes
/// longer to cancel one): the built-in picker takes over.
const NATIVE_FAILED_WITHIN: f64 = 1.0;

/// The window.
pub struct MarginApp {
    store: ConfigStore,
    config: Config,
    sample: Option<crate::bundled::BundledSample>,
    data: Option<PathBuf>,
    session: Option<Session>,
    autosave: Autosave,
    transcript: TranscriptState,
    documents: DocumentsState,
    codebook: CodebookState,
    inspector: InspectorState,
    review: ReviewState,
    blind: bool,
    dialogs: Dialogs,
    analysis: AnalysisState,
    notices: Vec<Notice>,
    queued: Vec<Command>,
    file_dialog: Option<(Receiver<DialogResult>, f64)>,
    keys: BTreeMap<CodeId, char>,
    layout_generation: LayoutGeneration,
    help: HelpState,
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
        let (config, config_problem) = options.config.load();
        theme::install(ctx, config.theme);
        ctx.set_zoom_factor(config.zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1));
        let mut app = Self {
            store: options.config,
            config,
            sample: options.sample,
            data: options.data,
            session: None,
            autosave: Autosave::default(),
            transcript: TranscriptState::default(),
            documents: DocumentsState::default(),
            codebook: CodebookState::default(),
            inspector: InspectorState::default(),
            review: ReviewState::default(),
            blind: false,
            dialogs: Dialogs::default(),
            analysis: AnalysisState::default(),
            notices: Vec::new(),
            queued: Vec::new(),
            file_dialog: None,
            keys: BTreeMap::new(),
            layout_generation: LayoutGeneration::default(),
            help: HelpState::default(),
            panel_rects: [egui::Rect::NOTHING; 3],
            open_path: String::new(),
            title: "Margin".to_owned(),
            now: 0.0,
            closed: false,
        };
        if let Some(problem) = config_problem {
            app.error(problem);
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

    /// The transcript view, mutably.
    pub fn transcript_mut(&mut self) -> &mut TranscriptState {
        &mut self.transcript
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

    /// The autosaver.
    #[must_use]
    pub fn autosave(&self) -> &Autosave {
        &self.autosave
    }

    /// True when a modal dialog is open.
    #[must_use]
    pub fn dialog_open(&self) -> bool {
        self.dialogs.any_open()
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
    pub fn flush(&mut self) -> Result<(), String> {
        let drafts = self.inspector.pending_commits();
        for cmd in drafts {
            self.apply_edit(&cmd);
        }
        match &mut self.session {
            Some(s) => self.autosave.flush(s),
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
            self.error(e);
        }
    }

    // ---- projects -------------------------------------------------------------------------------

    fn close_project(&mut self) {
        if self.session.is_some()
            && let Err(e) = self.flush()
        {
            self.error(format!(
                "the project could not be saved before closing: {e}"
            ));
        }
        // Dropping the autosaver waits for its thread to finish.
        self.autosave = Autosave::default();
        self.session = None;
        self.transcript = TranscriptState::default();
        self.codebook = CodebookState::default();
        self.review.reset();
        self.keys.clear();
    }

    fn open_project(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        match Session::open(&path) {
            Ok(session) => self.adopt(session, &path),
            Err(e) => {
                self.error(format!("Could not open {}: {e}", path.display()));
                if !path.exists() {
                    self.config.forget_project(&path);
                    self.save_config();
                }
            }
        }
    }

    /// Open a working copy of the bundled sample (made on first use).
    fn open_sample(&mut self) {
        let Some(sample) = self.sample.clone() else {
            self.error("This build of Margin carries no sample project.");
            return;
        };
        let Some(data) = self.data.clone() else {
            self.error("There is no folder for application data to copy the sample into.");
            return;
        };
        match super::sample_copy(&sample, &data) {
            Ok(copy) => {
                self.open_project(&copy);
                if self.session.is_some() {
                    self.info(format!(
                        "This is your own copy of the sample study, in {}; the original is left as it is.",
                        copy.display()
                    ));
                }
            }
            Err(e) => self.error(e),
        }
    }

    fn create_project(&mut self, path: &Path) {
        match Session::create(path) {
            Ok(session) => {
                let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
                self.adopt(session, &path);
                self.info(format!(
                    "Created {}. Import files to begin (Project › Import files…, or drop them on the window).",
                    path.display()
                ));
            }
            Err(e) => self.error(format!(
                "Could not create a project at {}: {e}",
                path.display()
            )),
        }
    }

    /// Make a project at `target` from the `.qdpx` at `qdpx` (named after the folder), open it,
    /// and show what was imported and what was not.
    fn create_from_qdpx(&mut self, qdpx: &Path, target: &Path) {
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned());
        match crate::import::qdpx::create_project(qdpx, target, name.as_deref()) {
            Ok(report) => {
                self.open_project(target);
                let mut sections = vec![
                    ("How offsets were read".to_owned(), report.offset_notes()),
                    ("Adjusted to fit Margin".to_owned(), report.adjusted.clone()),
                    ("Not imported".to_owned(), report.skipped.clone()),
                ];
                sections.retain(|(_, lines)| !lines.is_empty());
                self.dialogs.show_report(super::dialogs::ImportReport {
                    title: format!("Opened {} as a new project", qdpx.display()),
                    summary: format!(
                        "Imported {}. The project is in {}.",
                        report.summary(),
                        target.display()
                    ),
                    sections,
                });
            }
            Err(e) => self.error(format!("Could not open {}: {e}", qdpx.display())),
        }
    }

    fn adopt(&mut self, mut session: Session, path: &Path) {
        self.close_project();
        if let Some(reason) = session.read_only() {
            self.error(format!(
                "Opened read-only: {reason}. Changes cannot be saved."
            ));
        }
        if let Some(v) = session.report.migrated_from {
            self.info(format!("The project was written by an older Margin (format {v}); it is upgraded as you save."));
        }
        if let Some(name) = self.config.coder_name.clone()
            && let Err(e) = session.set_coder(&name)
        {
            self.error(e);
        }
        self.keys = code_keys(&session.project);
        let doc = self
            .config
            .last_document(path)
            .filter(|d| session.project.document(*d).is_some())
            .or_else(|| first_document(&session.project));
        self.transcript.open(&session.project, doc);
        self.autosave = Autosave::start(&mut session);
        self.session = Some(session);
        self.config.remember_project(path);
        self.save_config();
    }

    /// Ask for a file or folder: the system's dialog where one can show, else the built-in one.
    fn ask_file(&mut self, target: FileTarget) {
        if self.file_dialog.is_some() || self.dialogs.picker.is_some() {
            return;
        }
        let choice = DialogChoice::from_env_or(self.config.file_dialog);
        let native = match choice {
            DialogChoice::Native => true,
            DialogChoice::Builtin => false,
            DialogChoice::Auto => super::file_picker::native_possible(),
        };
        if !native {
            self.open_picker(target);
            return;
        }
        let (tx, rx) = channel();
        let start = self.config.recent_folders.first().cloned();
        let spawned = std::thread::Builder::new()
            .name("margin-file-dialog".into())
            .spawn(move || {
                let chosen = super::file_picker::native(&target.request(), start.as_deref());
                let _ = tx.send((target, chosen));
            });
        match spawned {
            Ok(_) => self.file_dialog = Some((rx, self.now)),
            Err(e) => {
                self.info(format!(
                    "The system's file dialog could not start ({e}); this is Margin's own."
                ));
                self.open_picker(target);
            }
        }
    }

    fn open_picker(&mut self, target: FileTarget) {
        self.dialogs.picker = Some(FilePicker::new(target, None, &self.config.recent_folders));
    }

    fn poll_dialog(&mut self) {
        let Some((rx, started)) = &self.file_dialog else {
            return;
        };
        match rx.try_recv() {
            Ok((target, chosen)) => {
                let failed = self.now - *started < NATIVE_FAILED_WITHIN;
                self.file_dialog = None;
                match chosen {
                    Some(paths) => self.queued.push(Command::FilesChosen { target, paths }),
                    None if failed
                        && DialogChoice::from_env_or(self.config.file_dialog)
                            == DialogChoice::Native => self.error(
                        "The system's file dialog did not open (it needs xdg-desktop-portal or zenity).",
                    ),
                    None if failed => {
                        self.info("The system's file dialog did not open here; this is Margin's own.");
                        self.open_picker(target);
                    }
                    None => {}
                }
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.file_dialog = None;
                self.error("The file dialog stopped without an answer.");
            }
        }
    }

    // ---- commands -------------------------------------------------------------------------------

    #[allow(clippy::too_many_lines)]
    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::NewProjectDialog => {
                let folder = self
                    .config
                    .recent_folders
                    .first()
                    .cloned()
                    .or_else(super::file_picker::home)
                    .unwrap_or_default();
                self.dialogs.ask_new_project(&folder);
            }
            Command::ChooseNewProjectFolder => self.ask_file(FileTarget::NewProjectFolder),
            Command::OpenQdpxDialog => self.ask_file(FileTarget::Qdpx),
            Command::QdpxChosen(qdpx) => self.dialogs.ask_qdpx_target(qdpx),
            Command::CreateFromQdpx { qdpx, target } => self.create_from_qdpx(&qdpx, &target),
            Command::NewProjectIn(folder) => {
                if let Some(form) = &mut self.dialogs.new_project {
                    form.folder = folder.display().to_string();
                    form.problem = None;
                }
            }
            Command::OpenProjectDialog => self.ask_file(FileTarget::OpenProject),
            Command::ImportDialog => {
                if self.session.is_none() {
                    self.error("Open or create a project first, then import files into it.");
                    return;
                }
                self.ask_file(FileTarget::Import);
            }
            Command::FilesChosen { target, paths } => {
                if let Some(folder) = paths
                    .first()
                    .and_then(|p| super::file_picker::folder_of(target.request().kind, p))
                {
                    self.config.remember_folder(&folder);
                    self.save_config();
                }
                if let Some(cmd) = target.command(paths) {
                    self.apply(cmd, ctx);
                }
            }
            Command::OpenProject(p) => self.open_project(&p),
            Command::CreateProject(p) => self.create_project(&p),
            Command::OpenSample => self.open_sample(),
            Command::ImportFiles(paths) => self.import(&paths),
            Command::Save => match self.flush() {
                Ok(()) => {
                    if self.session.is_some() {
                        self.info("Saved.");
                    }
                }
                Err(e) => self.error(format!("Could not save: {e}")),
            },
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo | Command::Redo => self.undo_redo(matches!(command, Command::Undo)),
            Command::OpenDocument(id) => {
                if let Some(s) = &self.session {
                    self.transcript.open(&s.project, Some(id));
                    self.transcript.focus();
                    let root = s.root().to_path_buf();
                    self.config.remember_document(&root, Some(id));
                    self.save_config();
                }
            }
            Command::Find => self.transcript.open_find(),
            Command::GoTo => self.transcript.open_goto(),
            Command::SetTheme(t) => {
                self.config.theme = t;
                theme::set_theme(ctx, t);
                self.save_config();
            }
            Command::TextBigger | Command::TextSmaller => {
                // The whole window scales (egui's zoom), not only the transcript; the
                // transcript keeps the passage at its top in place across the re-layout.
                let d = if command == Command::TextBigger {
                    ZOOM_STEP
                } else {
                    -ZOOM_STEP
                };
                self.config.zoom = ((self.config.zoom + d) * 10.0).round() / 10.0;
                self.config.zoom = self.config.zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
                ctx.set_zoom_factor(self.config.zoom);
                self.save_config();
            }
            Command::ShowShortcuts => {
                self.help.open = true;
                self.help.tab = HelpTab::Shortcuts;
            }
            Command::ShowHowTo => {
                self.help.open = true;
                self.help.tab = HelpTab::HowTo;
            }
            Command::ShowAbout => super::about::open(ctx),
            Command::AskCoderName => {
                self.dialogs
                    .ask_coder(self.config.coder_name.clone().unwrap_or_default());
            }
            Command::SetCoderName(name) => {
                self.config.coder_name = Some(name.clone());
                self.save_config();
                if let Some(s) = &mut self.session
                    && let Err(e) = s.set_coder(&name)
                {
                    self.error(e);
                }
                self.sync_transcript();
            }
            Command::ToggleReview => {
                self.review.open = !self.review.open;
                if let Some(s) = &self.session
                    && self.review.open
                    && self.review.coders.is_empty()
                {
                    self.review.coders = super::review::default_coders(&s.project);
                    self.review.mark_stale();
                }
            }
            Command::ToggleBlind => {
                self.blind = !self.blind;
                self.sync_transcript();
            }
            Command::ReviewPassage(index) => {
                let shown = match &self.session {
                    Some(s) => self.review.select(&s.project, index),
                    None => None,
                };
                if let Some(cmd) = shown {
                    self.review.open = true;
                    self.apply(cmd, ctx);
                }
            }
            Command::ShowPassage { document, range } => {
                if self.transcript.document() != Some(document) {
                    self.apply(Command::OpenDocument(document), ctx);
                }
                self.transcript.select(range);
                self.transcript.reveal(range.start);
            }
            Command::Notify(text) => self.info(text),
            Command::MergeDialog => {
                if self.session.is_none() {
                    self.error("Open a project first, then merge another copy into it.");
                    return;
                }
                self.ask_file(FileTarget::Merge);
            }
            Command::MergeProject(path) => {
                let Some(s) = &self.session else { return };
                match super::review::merge_from(&s.project, &path) {
                    Ok(None) => self.info(format!("{} brings nothing new.", path.display())),
                    Ok(Some((edit, summary))) => {
                        self.apply_edit(&Command::ReviewEdit {
                            label: format!("Merge {}", path.display()),
                            edit,
                        });
                        self.info(summary);
                    }
                    Err(e) => self.error(e),
                }
            }
            Command::CodeSelection(code) => match self.transcript.selected_range() {
                Some((document, range)) => self.apply_edit(&Command::ApplyCode {
                    document,
                    range,
                    code,
                }),
                None => self.info("Select some text first, then choose a code."),
            },
            Command::InVivoSelection => match self.transcript.selected_range() {
                Some((document, range)) => self.apply_edit(&Command::InVivo { document, range }),
                None => {
                    self.info("Select the participant's words first, then make an in-vivo code.");
                }
            },
            Command::SelectSegment => {
                if let Some(s) = &self.session {
                    self.transcript.select_segment_at_caret(&s.project);
                }
            }
            Command::RemoveSelectedCoding => {
                if let Some(c) = self.transcript.selected_coding() {
                    self.apply_edit(&Command::RemoveCoding(c));
                }
            }
            Command::SelectCoding(id) => {
                self.transcript.select_coding(Some(id));
            }
            Command::SelectCode(code) => self.codebook.selected = code,
            Command::StartRename(code) => {
                if let Some(s) = &self.session {
                    self.codebook.start_rename(&s.project, code);
                }
            }
            Command::ShowAnalysis(tab) => {
                self.analysis.open = true;
                self.analysis.tab = tab;
            }
            Command::JumpTo { document, range } => {
                if let Some(s) = &self.session {
                    if self.transcript.document() != Some(document) {
                        self.transcript.open(&s.project, Some(document));
                    }
                    self.transcript.select(range);
                    self.transcript.focus();
                }
            }
            Command::ExportRetrievalDialog => self.ask_file(FileTarget::ExportRetrieval),
            Command::ExportRetrieval(path) => {
                if let Some(s) = &self.session {
                    match export_results(&s.project, &self.analysis.retrieval.results, &path) {
                        Ok(n) => self.info(format!("Wrote {n} excerpts to {}.", path.display())),
                        Err(e) => self.error(format!("Could not export: {e}")),
                    }
                }
            }
            Command::ExportTableDialog => self.ask_file(FileTarget::ExportTable),
            Command::ExportTable(path) => {
                if let Some(grid) = &self.analysis.tables.grid {
                    let written = crate::export::write_file(&path, |out| {
                        grid.table
                            .write_csv(out)
                            .map_err(|e| crate::export::ExportError::Io(e.into()))
                    });
                    match written {
                        Ok(()) => self.info(format!("Saved the table to {}.", path.display())),
                        Err(e) => self.error(format!("Could not save the table: {e}")),
                    }
                }
            }
            Command::StartMerge(code) => self.dialogs.ask_merge(code),
            Command::StartShortcut(code) => self.dialogs.shortcut = Some(code),
            edit => self.apply_edit(&edit),
        }
    }

    fn apply_edit(&mut self, command: &Command) {
        let Some(session) = &mut self.session else {
            self.error("Open a project first.");
            return;
        };
        // Coding a passage again with the same code changes nothing (checked in the view's
        // index, not by scanning every coding).
        if let Command::ApplyCode {
            document,
            range,
            code,
        } = command
            && Some(*document) == self.transcript.document()
            && let (Some(doc), Some(coder)) = (session.project.document(*document), session.coder)
            && let Some(range) = super::session::trim_range(doc, *range)
            && self.transcript.has_coding(range, *code, coder)
        {
            return;
        }
        // Say what a destructive edit did, so the user knows to undo if it was a slip.
        let summary = match command {
            Command::DeleteCode(code) => session.project.code(*code).map(|c| {
                let doomed = session.project.code_and_descendants(*code);
                let n = session
                    .project
                    .codings()
                    .values()
                    .filter(|x| doomed.contains(&x.code))
                    .count();
                format!(
                    "Deleted “{}” and its {n} codings. Undo with Ctrl+Z.",
                    c.name
                )
            }),
            Command::MergeCodes { from, into } => {
                let (a, b) = (
                    session.project.code_path(*from),
                    session.project.code_path(*into),
                );
                Some(format!("Merged “{a}” into “{b}”. Undo with Ctrl+Z."))
            }
            _ => None,
        };
        match session.execute(command) {
            Ok(Some(applied)) => {
                // The transcript first: it lets go of the comparison, which can then be brought
                // up to date in place.
                self.transcript
                    .apply_changes(&session.project, &applied.changes);
                self.review
                    .project_changed(&session.project, &applied.changes);
                self.keys = code_keys(&session.project);
                if let Some(c) = applied.created_coding {
                    // Show the new coding, not the selection over it.
                    self.transcript.collapse_selection();
                    self.transcript.select_coding(Some(c));
                }
                if let (Some(code), Command::CreateCode { name, .. }) =
                    (applied.created_code, command)
                {
                    self.codebook.selected = Some(code);
                    if name == NEW_CODE {
                        self.codebook.start_rename(&session.project, code);
                    }
                }
                if let Command::DeleteCode(c) | Command::MergeCodes { from: c, .. } = command
                    && self.codebook.selected == Some(*c)
                {
                    self.codebook.selected = None;
                }
                let autocoded = match (command, &applied.changes) {
                    (Command::Autocode { code, .. }, Changes::Codings(ids)) => Some(format!(
                        "Coded {} passages with “{}”. Undo with Ctrl+Z.",
                        ids.len(),
                        session.project.code_path(*code)
                    )),
                    _ => None,
                };
                for s in summary.into_iter().chain(autocoded) {
                    self.info(s);
                }
            }
            Ok(None) if matches!(command, Command::Autocode { .. }) => {
                self.info("Every hit is already coded with that code.");
            }
            Ok(None) => {}
            Err(e) => self.error(e),
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        let result = if undo { session.undo() } else { session.redo() };
        match result {
            Ok(Some((label, changes))) => {
                self.transcript.apply_changes(&session.project, &changes);
                self.review.project_changed(&session.project, &changes);
                self.keys = code_keys(&session.project);
                let verb = if undo { "Undid" } else { "Redid" };
                self.info(format!("{verb}: {label}"));
            }
            Ok(None) => self.info(if undo {
                "Nothing to undo."
            } else {
                "Nothing to redo."
            }),
            Err(e) => self.error(e),
        }
    }

    /// Whose codings the transcript shows: in blind mode only the current coder's; while the
    /// review panel is open, the compared coders' (and the consensus) side by side, with the
    /// compared passages marked; otherwise what its "Codings of …" switch says.
    fn sync_transcript(&mut self) {
        let Some(s) = &self.session else { return };
        let comparison = if self.review.open && !self.blind {
            self.review.shared_comparison(&s.project)
        } else {
            None
        };
        let whose = if self.blind {
            s.coder.map(Whose::Coder)
        } else {
            comparison.as_ref().map(|c| {
                let mut coders = c.coders.clone();
                coders.extend(consensus_coder(&s.project).map(|k| k.id));
                Whose::SideBySide(coders)
            })
        };
        self.transcript.impose(&s.project, whose);
        self.transcript
            .set_comparison(comparison.as_ref(), self.review.current);
    }

    fn import(&mut self, paths: &[PathBuf]) {
        let Some(session) = &mut self.session else {
            self.error("Open or create a project first, then import files into it.");
            return;
        };
        let (ids, errors) = session.import(paths);
        if !ids.is_empty() {
            self.transcript.open(&session.project, ids.first().copied());
            let n = ids.len();
            self.info(format!(
                "Imported {n} document{}. Undo with Ctrl+Z.",
                if n == 1 { "" } else { "s" }
            ));
        }
        for e in errors {
            self.error(e);
        }
    }

    // ---- the frame ------------------------------------------------------------------------------

    fn global_keys(&mut self, ctx: &egui::Context) {
        if self.dialogs.any_open() {
            // Quitting works whatever is open (the window saves on the way out).
            if let Some(s) = Command::Quit.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&s))
            {
                self.queued.push(Command::Quit);
            }
            return;
        }
        let typing = ctx.text_edit_focused();
        let nothing_focused = ctx.memory(egui::Memory::focused).is_none();
        for cmd in Command::with_shortcuts() {
            if typing && cmd.yields_to_text_fields() {
                continue;
            }
            if let Some(s) = cmd.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&s))
            {
                self.queued.push(cmd);
            }
        }
        // F6 and Shift+F6 move between the panels, even from a text field.
        for (modifiers, forward) in [
            (egui::Modifiers::SHIFT, false),
            (egui::Modifiers::NONE, true),
        ] {
            if ctx.input_mut(|i| i.consume_key(modifiers, Key::F6)) {
                self.cycle_focus(ctx, forward);
            }
        }
        // Ctrl+= is Ctrl+Plus without Shift on most keyboards.
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::Equals)) {
            self.queued.push(Command::TextBigger);
        }
        if typing {
            return;
        }
        // Code keys (1–9 and assigned letters) and Delete, when no text field has the keyboard.
        let keys: Vec<Key> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        repeat: false,
                        modifiers,
                        ..
                    } if modifiers.is_none() => Some(*key),
                    _ => None,
                })
                .collect()
        });
        for key in keys {
            if key == Key::Delete {
                // The transcript and the codebook handle Delete themselves when focused.
                if nothing_focused {
                    self.queued.push(Command::RemoveSelectedCoding);
                }
                continue;
            }
            let name = key.name();
            let mut chars = name.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                continue;
            };
            if let Some(code) = code_for_key(&self.keys, c) {
                self.queued.push(Command::CodeSelection(code));
            }
        }
        // Files dropped on the window are imported.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.queued.push(Command::ImportFiles(dropped));
        }
    }

    /// Give the keyboard to the next (or previous) panel: documents, transcript, codebook.
    fn cycle_focus(&mut self, ctx: &egui::Context, forward: bool) {
        if self.session.is_none() {
            return;
        }
        // The panel the focused widget overlaps most (the transcript is taller than its panel).
        let focused = ctx
            .memory(egui::Memory::focused)
            .and_then(|id| ctx.read_response(id))
            .map(|r| r.rect);
        let n = self.panel_rects.len();
        let current = focused.and_then(|w| {
            (0..n)
                .map(|i| (i, self.panel_rects[i].intersect(w)))
                .filter(|(_, r)| r.is_positive())
                .max_by(|a, b| a.1.area().total_cmp(&b.1.area()))
                .map(|(i, _)| i)
        });
        let next = match (current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        match next {
            0 => self.documents.focus = true,
            1 => self.transcript.focus(),
            _ => self.codebook.focus = true,
        }
        ctx.request_repaint();
    }

    #[allow(clippy::too_many_lines)]
    fn menu_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let has_project = self.session.is_some();
        egui::MenuBar::new().ui(ui, |ui| {
            let item = |ui: &mut Ui, cmd: Command, enabled: bool, out: &mut Vec<Command>| {
                let mut button = egui::Button::new(cmd.label());
                if let Some(s) = cmd.shortcut() {
                    button = button.shortcut_text(ui.ctx().format_shortcut(&s));
                }
                if ui.add_enabled(enabled, button).clicked() {
                    out.push(cmd);
                }
            };
            ui.menu_button("Project", |ui| {
                item(ui, Command::NewProjectDialog, true, &mut commands);
                item(ui, Command::OpenProjectDialog, true, &mut commands);
                item(ui, Command::OpenQdpxDialog, true, &mut commands);
                ui.menu_button("Open recent", |ui| {
                    if self.config.recent.is_empty() {
                        ui.label(RichText::new("No recent projects").weak());
                    }
                    for r in &self.config.recent {
                        if ui.button(r.path.display().to_string()).clicked() {
                            commands.push(Command::OpenProject(r.path.clone()));
                        }
                    }
                });
                item(
                    ui,
                    Command::OpenSample,
                    self.sample.is_some(),
                    &mut commands,
                );
                ui.separator();
                item(ui, Command::ImportDialog, has_project, &mut commands);
                item(ui, Command::Save, has_project, &mut commands);
                ui.separator();
                item(ui, Command::AskCoderName, true, &mut commands);
                ui.separator();
                if ui
                    .add(egui::Button::selectable(
                        self.review.open,
                        Command::ToggleReview.label(),
                    ))
                    .clicked()
                {
                    commands.push(Command::ToggleReview);
                }
                if ui
                    .add(egui::Button::selectable(
                        self.blind,
                        Command::ToggleBlind.label(),
                    ))
                    .clicked()
                {
                    commands.push(Command::ToggleBlind);
                }
                item(ui, Command::MergeDialog, has_project, &mut commands);
                ui.separator();
                item(ui, Command::Quit, true, &mut commands);
            });
            ui.menu_button("Edit", |ui| {
                let (undo, redo) = self.session.as_ref().map_or((None, None), |s| {
                    (
                        s.history.undo_label().map(str::to_owned),
                        s.history.redo_label().map(str::to_owned),
                    )
                });
                let labelled =
                    |ui: &mut Ui, cmd: Command, what: Option<String>, out: &mut Vec<Command>| {
                        let text = match &what {
                            Some(w) => format!("{} {w}", cmd.label()),
                            None => cmd.label(),
                        };
                        let mut b = egui::Button::new(text);
                        if let Some(s) = cmd.shortcut() {
                            b = b.shortcut_text(ui.ctx().format_shortcut(&s));
                        }
                        if ui.add_enabled(what.is_some(), b).clicked() {
                            out.push(cmd);
                        }
                    };
                labelled(ui, Command::Undo, undo, &mut commands);
                labelled(ui, Command::Redo, redo, &mut commands);
                ui.separator();
                let has_sel = self.transcript.selected_range().is_some();
                item(ui, Command::InVivoSelection, has_sel, &mut commands);
                item(
                    ui,
                    Command::SelectSegment,
                    self.transcript.document().is_some(),
                    &mut commands,
                );
                item(
                    ui,
                    Command::RemoveSelectedCoding,
                    self.transcript.selected_coding().is_some(),
                    &mut commands,
                );
                ui.separator();
                item(
                    ui,
                    Command::Find,
                    self.transcript.document().is_some(),
                    &mut commands,
                );
                item(
                    ui,
                    Command::GoTo,
                    self.transcript.document().is_some(),
                    &mut commands,
                );
            });
            ui.menu_button("Analysis", |ui| {
                for tab in [
                    AnalysisTab::Search,
                    AnalysisTab::Retrieval,
                    AnalysisTab::Tables,
                ] {
                    item(ui, Command::ShowAnalysis(tab), has_project, &mut commands);
                }
            });
            ui.menu_button("View", |ui| {
                for t in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
                    let cmd = Command::SetTheme(t);
                    if ui
                        .add(egui::Button::selectable(
                            self.config.theme == t,
                            cmd.label(),
                        ))
                        .clicked()
                    {
                        commands.push(cmd);
                    }
                }
                ui.separator();
                item(ui, Command::TextBigger, true, &mut commands);
                item(ui, Command::TextSmaller, true, &mut commands);
            });
            ui.menu_button("Help", |ui| {
                item(ui, Command::ShowHowTo, true, &mut commands);
                item(ui, Command::ShowShortcuts, true, &mut commands);
                item(ui, Command::ShowAbout, true, &mut commands);
            });
        });
        commands
    }

    fn status_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            match self.session.as_ref() {
                Some(s) => {
                    ui.label(RichText::new(&s.project.manifest().name).strong());
                    ui.separator();
                    let who = s
                        .coder_name()
                        .map_or_else(|| "nobody (click to set)".to_owned(), ToOwned::to_owned);
                    let color = s
                        .coder
                        .and_then(|c| s.project.coder(c))
                        .map_or(ui.visuals().weak_text_color(), |c| theme::color(c.color));
                    let (r, _) =
                        ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter().circle_filled(r.center(), 5.0, color);
                    if ui
                        .link(format!("Coding as {who}"))
                        .on_hover_text("Change who is coding")
                        .clicked()
                    {
                        commands.push(Command::AskCoderName);
                    }
                    ui.separator();
                    let text = match self.autosave.status() {
                        SaveStatus::Saved => RichText::new("All changes saved").weak(),
                        SaveStatus::Pending => RichText::new("Unsaved changes").weak(),
                        SaveStatus::Saving => RichText::new("Saving…").weak(),
                        SaveStatus::Failed(e) => RichText::new(format!("Saving failed: {e}"))
                            .color(ui.visuals().error_fg_color),
                        SaveStatus::ReadOnly => RichText::new(format!(
                            "Read-only: {}",
                            s.read_only().unwrap_or_default()
                        ))
                        .color(ui.visuals().warn_fg_color),
                    };
                    ui.label(text);
                }
                None => {
                    ui.label(RichText::new("No project open").weak());
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some((_, r)) = self.transcript.selected_range() {
                    ui.label(RichText::new(format!("{} characters selected", r.len())).weak());
                }
            });
        });
        commands
    }

    fn welcome_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.vertical_centered(|ui| {
            ui.add_space((ui.available_height() * 0.18).min(140.0));
            ui.heading(RichText::new("Margin").size(30.0));
            ui.label(RichText::new("Hand-coding of interviews and chat logs").weak());
            ui.add_space(18.0);
            ui.horizontal(|ui| {
                let w = 3.0 * 150.0;
                ui.add_space(((ui.available_width() - w) / 2.0).max(0.0));
                if ui
                    .add_sized([140.0, 30.0], egui::Button::new("New project…"))
                    .clicked()
                {
                    commands.push(Command::NewProjectDialog);
                }
                if ui
                    .add_sized([140.0, 30.0], egui::Button::new("Open project…"))
                    .clicked()
                {
                    commands.push(Command::OpenProjectDialog);
                }
                if ui
                    .add_enabled(
                        self.sample.is_some(),
                        egui::Button::new("Open the sample").min_size(egui::vec2(140.0, 30.0)),
                    )
                    .clicked()
                {
                    commands.push(Command::OpenSample);
                }
            });
            ui.add_space(14.0);
            ui.horizontal(|ui| {
                let w = 420.0;
                ui.add_space(((ui.available_width() - w) / 2.0).max(0.0));
                let resp = ui.add(
                    egui::TextEdit::singleline(&mut self.open_path)
                        .hint_text("…or type a project folder")
                        .desired_width(320.0),
                );
                resp.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Project folder")
                });
                let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if (ui.button("Open").clicked() || enter) && !self.open_path.trim().is_empty() {
                    commands.push(Command::OpenProject(PathBuf::from(self.open_path.trim())));
                }
            });
            if !self.config.recent.is_empty() {
                ui.add_space(18.0);
                ui.label(RichText::new("Recent projects").strong());
                for r in &self.config.recent {
                    if ui.link(r.path.display().to_string()).clicked() {
                        commands.push(Command::OpenProject(r.path.clone()));
                    }
                }
            }
        });
        commands
    }

    /// The window title names the open project.
    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.session.as_ref().map_or_else(
            || "Margin".to_owned(),
            |s| format!("{} — Margin", s.project.manifest().name),
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// One frame of the window.
    pub fn frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.layout_generation
            .begin_frame(&ctx, self.config.text_size);
        self.now = ctx.input(|i| i.time);
        self.poll_dialog();
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
        if let Some(session) = &mut self.session {
            session.refresh_counts();
            let counts = session.cached_counts();
            let project: &Project = &session.project;
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
                let me = session.coder;
                egui::Panel::right("review")
                    .resizable(true)
                    .default_size(380.0)
                    .size_range(260.0..=640.0)
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        commands.extend(review_ui(&mut self.review, project, me, ui));
                    });
            }
            commands.extend(analysis_ui(&mut self.analysis, project, ui));
            self.panel_rects[1] = egui::CentralPanel::default()
                .show(ui, |ui| {
                    notices_ui(&mut self.notices, now, ui);
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
            .filter(|s| s.report.needs_consent())
            .and_then(|s| super::reanchor::consent_ui(&s.report, ui));
        match consent {
            Some(super::reanchor::Consent::Accept) => {
                if let Some(session) = &mut self.session {
                    session.accept_reanchoring();
                }
            }
            Some(super::reanchor::Consent::Close) => self.close_project(),
            None => {}
        }
        let project = self.session.as_ref().map(|s| &s.project);
        commands.extend(dialogs_ui(&mut self.dialogs, project, ui));
        help_ui(&mut self.help, &ctx);
        super::about::about_ui(&ctx);

        for cmd in commands {
            self.apply(cmd, &ctx);
        }

        if let Some(session) = &mut self.session {
            self.autosave.record(session, self.now);
        }
        if let Some(wait) = self.autosave.poll(self.now) {
            ctx.request_repaint_after_secs(wait as f32);
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

/// The document to show first: the first interview, else the first document.
fn first_document(project: &Project) -> Option<crate::model::DocumentId> {
    let mut docs: Vec<_> = project.documents().values().collect();
    docs.sort_by(|a, b| {
        let rank = |k: DocumentKind| DocumentKind::ALL.iter().position(|x| *x == k);
        rank(a.kind)
            .cmp(&rank(b.kind))
            .then_with(|| natural_cmp(&a.name, &b.name))
    });
    docs.first().map(|d| d.id)
}

/// The messages of the window: errors stay until dismissed, the rest fade. They float over
/// the bottom of `ui`'s panel, so the text under them never moves (a notice arriving while the
/// user selects does not shift what is under the mouse).
fn notices_ui(notices: &mut Vec<Notice>, now: f64, ui: &mut Ui) {
    notices.retain(|n| n.error || now - n.at < NOTICE_SECONDS || n.at > now);
    if notices.is_empty() {
        return;
    }
    let room = ui.max_rect();
    let width = (room.width() - 40.0).clamp(120.0, 640.0);
    let mut dismiss = None;
    egui::Area::new(ui.scope_id().with("notices"))
        .order(egui::Order::Foreground)
        .pivot(egui::Align2::CENTER_BOTTOM)
        .fixed_pos(room.center_bottom() - egui::vec2(0.0, 12.0))
        .show(ui.ctx(), |ui| {
            ui.set_width(width);
            notice_list_ui(notices, &mut dismiss, ui);
        });
    if let Some(i) = dismiss {
        notices.remove(i);
    }
    // Wake up once, when the next information notice is due to go (not every second).
    if let Some(left) = notices
        .iter()
        .filter(|n| !n.error)
        .map(|n| NOTICE_SECONDS - (now - n.at))
        .reduce(f64::min)
    {
        #[allow(clippy::cast_possible_truncation)]
        ui.ctx().request_repaint_after_secs(left.max(0.05) as f32);
    }
}

/// The notices, newest last, at most three.
fn notice_list_ui(notices: &[Notice], dismiss: &mut Option<usize>, ui: &mut Ui) {
    let shown = notices.len().saturating_sub(3);
    for (i, n) in notices.iter().enumerate().skip(shown) {
        let (fill, stroke) = if n.error {
            (
                ui.visuals()
                    .panel_fill
                    .blend(ui.visuals().error_fg_color.gamma_multiply(0.12)),
                ui.visuals().error_fg_color,
            )
        } else {
            (
                ui.visuals()
                    .panel_fill
                    .blend(ui.visuals().selection.bg_fill.gamma_multiply(0.25)),
                ui.visuals().selection.stroke.color,
            )
        };
        egui::Frame::new()
            .fill(fill)
            .stroke(egui::Stroke::new(1.0, stroke.gamma_multiply(0.6)))
            .corner_radius(6.0)
            .shadow(ui.visuals().popup_shadow)
            .inner_margin(egui::Margin::symmetric(10, 6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.add(egui::Label::new(&n.text).wrap());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                            *dismiss = Some(i);
                        }
                    });
                });
            });
        ui.add_space(4.0);
    }
}
