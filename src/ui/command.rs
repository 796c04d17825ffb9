//! Commands: everything the user can ask the window to do. Panels never change the project; they
//! return [`Command`]s, which the app applies once all panels have drawn (recording undo and
//! marking files for saving). Each command knows its label and, for the menu commands, its
//! keyboard shortcut, so the menus, the shortcuts and the undo history cannot disagree.
//!
//! A new panel (export, search, agreement…) plugs in by returning its own variants here and
//! handling them in `app.rs`.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::config::ThemeChoice;
use super::export_dialog::ExportChoice;
use super::file_picker::FileTarget;
use super::i18n::{Language, tr};
use crate::model::{AttributeId, CharRange, CodeId, CodingId, DocumentId, MemoTarget};
use crate::session::Action;

/// Something to do, returned by a panel and applied by the app after the frame.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum Command {
    // --- project -----------------------------------------------------------------------------
    /// Ask for a folder and create a new project there.
    NewProjectDialog,
    /// Ask for a project folder and open it.
    OpenProjectDialog,
    /// Ask for a REFI-QDA project file (`.qdpx`) to open as a new project.
    OpenQdpxDialog,
    /// Ask where to create the project read from this `.qdpx`.
    QdpxChosen(PathBuf),
    /// Create a project at `target` from the `.qdpx` at `qdpx`, open it, and show what was
    /// imported and what was not.
    CreateFromQdpx {
        /// The `.qdpx` file.
        qdpx: PathBuf,
        /// The project folder to create.
        target: PathBuf,
    },
    /// Ask for the folder a new project goes in (from the "New project" form).
    ChooseNewProjectFolder,
    /// Put the new project in this folder (the "New project" form).
    NewProjectIn(PathBuf),
    /// Open the project in this folder.
    OpenProject(PathBuf),
    /// Create a new, empty project in this (absent or empty) folder and open it.
    CreateProject(PathBuf),
    /// Open the bundled sample project.
    OpenSample,
    /// Ask for files and import them.
    ImportDialog,
    /// Import these files as documents (one undo step).
    ImportFiles(Vec<PathBuf>),
    /// A file dialog (the system's or the built-in one) answered: remember the folder, then do
    /// what `target` asked for with `paths`.
    FilesChosen {
        /// Why the dialog was opened.
        target: FileTarget,
        /// The paths chosen.
        paths: Vec<PathBuf>,
    },
    /// Save everything now.
    Save,
    /// Save and close the window.
    Quit,

    // --- history -----------------------------------------------------------------------------
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,

    // --- view --------------------------------------------------------------------------------
    /// Show a document in the transcript view.
    OpenDocument(DocumentId),
    /// Open the find bar of the transcript.
    Find,
    /// Open the "go to message or time" field.
    GoTo,
    /// Light, dark or system theme.
    SetTheme(ThemeChoice),
    /// Show the window in this language from the next frame on (and keep it in the settings).
    SetLanguage(Language),
    /// Larger transcript text.
    TextBigger,
    /// Smaller transcript text.
    TextSmaller,
    /// Show the list of keyboard shortcuts.
    ShowShortcuts,
    /// Show the "how to" page of the help.
    ShowHowTo,
    /// Show the About box: version, commit, licences, folders.
    ShowAbout,
    /// Ask who is coding.
    AskCoderName,
    /// Set who is coding (creates the coder in the project when new).
    SetCoderName(String),

    // --- selection-based (resolved by the app from the transcript's selection) ---------------
    /// Apply a code to the current text selection.
    CodeSelection(CodeId),
    /// Make an in-vivo code from the current text selection.
    InVivoSelection,
    /// Select the whole turn or message at the caret.
    SelectSegment,
    /// Remove the coding selected in the transcript.
    RemoveSelectedCoding,
    /// Select a coding (in the transcript and the inspector).
    SelectCoding(CodingId),
    /// Select a code (in the codebook and the inspector).
    SelectCode(Option<CodeId>),

    // --- changes to the project (each one undo step; see `crate::session`) -----------------
    /// Change the project: one undo step, applied by the session.
    Edit(Action),

    // --- analysis ----------------------------------------------------------------------------
    /// Show the analysis window at a tab.
    ShowAnalysis(AnalysisTab),
    /// Open a document, select `range` and scroll to it.
    JumpTo {
        /// The document.
        document: DocumentId,
        /// The characters.
        range: CharRange,
    },
    /// Open the export dialog on the summary grid, its rows grouped by this attribute.
    ExportSummaryGrid(Option<AttributeId>),
    /// Ask where to export the retrieved excerpts.
    ExportRetrievalDialog,
    /// Export the retrieved excerpts to this file (format from its extension).
    ExportRetrieval(PathBuf),
    /// Ask where to save the table shown as CSV.
    ExportTableDialog,
    /// Ask where to save the table shown as a chart (PNG, SVG).
    ExportChartDialog,
    /// Save the table shown as CSV to this file.
    ExportTable(PathBuf),

    // --- dialogs -----------------------------------------------------------------------------
    /// Start renaming a code in the codebook.
    StartRename(CodeId),
    /// Ask which code to merge `0` into.
    StartMerge(CodeId),
    /// Ask for the key of a code.
    StartShortcut(CodeId),

    // --- team review (src/ui/review.rs) ----------------------------------------------------
    /// Show or hide the team review panel.
    ToggleReview,
    /// Hide (or show again) the other coders' codings in the transcript.
    ToggleBlind,
    /// Open a document at a passage and select it.
    ShowPassage {
        /// The document.
        document: DocumentId,
        /// The passage.
        range: CharRange,
    },
    /// Review a compared passage (an index into the comparison's passages): show it in the
    /// review panel and in the transcript.
    ReviewPassage(usize),
    /// Show a message.
    Notify(String),
    /// Ask for another copy of the project and merge it into this one.
    MergeDialog,
    /// Open Project ▸ Team sync….
    TeamSyncDialog,
    /// Sync the project with the team now.
    Sync,
    /// Set the project up to sync with the repository at this address, then sync.
    SyncSetUp(String),
    /// Copy a teammate's project from `address` into `target` and open it.
    SyncJoin {
        /// The repository's address.
        address: String,
        /// The new project folder.
        target: PathBuf,
    },

    // --- documents, memos, exports (document_windows.rs, memo_manager.rs, export_dialog.rs) --
    /// Ask for a document's new name.
    StartRenameDocument(DocumentId),
    /// Ask whether to delete a document, saying what goes with it.
    AskDeleteDocument(DocumentId),
    /// Show a document's properties and its memo.
    ShowDocumentProperties(DocumentId),
    /// Show the project memo.
    ShowProjectMemo,
    /// Show the memo manager.
    ShowMemos,
    /// Open what a memo is about.
    OpenMemoTarget(MemoTarget),
    /// Show the export dialog.
    ExportDialog,
    /// Ask where to write an export.
    ExportAsDialog(ExportChoice),
    /// Write an export to this file.
    ExportTo {
        /// What and in which format.
        choice: ExportChoice,
        /// The file.
        path: PathBuf,
    },
    /// Ask for a codebook file (`.qdc`, CSV) to import.
    ImportCodebookDialog,
    /// Read this codebook and show what importing it would add or merge.
    CodebookChosen(PathBuf),
    /// Show the export dialog with every memo chosen (from the memo manager).
    ExportMemosDialog,
    /// Open the excerpts behind a cell of the table shown in the retrieval tab.
    RetrieveCell {
        /// The cell's row.
        row: usize,
        /// The cell's column.
        column: usize,
    },

    // --- import options, cases (src/ui/import_dialog.rs, src/ui/cases.rs) -------------------
    /// Ask for a file for a dialog (the pseudonym map, an attribute table).
    AskFile(FileTarget),
    /// Use this pseudonym map in the import dialog.
    PseudonymMapChosen(PathBuf),
    /// Read this attribute table and show how its rows match the cases.
    AttributeTableChosen(PathBuf),
    /// Add what the import dialog read (one undo step), then show its report.
    ImportPlanned {
        /// The import.
        action: Action,
        /// What it brought, for the report.
        report: super::dialogs::ImportReport,
    },
    /// Show or hide the case sheet.
    ToggleCases,
    /// Turn snapping drag-selections to whole words on or off.
    ToggleWordSnap,
    /// Something asked of a recording: link one, play, seek, play a coding.
    Media(super::player::MediaCommand),
    /// Turn the transcript's edit mode on or off (Document ▸ Edit text).
    ToggleEditText,
    /// Show the Find and replace dialog.
    FindReplaceDialog,
    /// Show the Replace a name everywhere dialog.
    ReplaceNameDialog,
}

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
    /// The summary grid: cases × codes with the researchers' summaries.
    Summaries,
}

impl AnalysisTab {
    /// Every tab, in the order the panel and the menu list them.
    pub const ALL: [Self; 4] = [Self::Search, Self::Retrieval, Self::Tables, Self::Summaries];

    /// The tab's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Search => tr!("analysis-tab-search"),
            Self::Retrieval => tr!("analysis-tab-retrieval"),
            Self::Tables => tr!("analysis-tab-tables"),
            Self::Summaries => tr!("analysis-tab-summaries"),
        }
    }
}

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

impl Command {
    /// Commands with a global keyboard shortcut, most specific first (Ctrl+Shift+Z before
    /// Ctrl+Z), as the app checks them each frame.
    pub fn with_shortcuts() -> [Command; 14] {
        [
            Command::Redo,
            Command::Sync,
            Command::InVivoSelection,
            Command::Undo,
            Command::Save,
            Command::Quit,
            Command::OpenProjectDialog,
            Command::ImportDialog,
            Command::Find,
            Command::GoTo,
            Command::SelectSegment,
            Command::TextBigger,
            Command::TextSmaller,
            Command::ToggleReview,
        ]
    }

    /// The keyboard shortcut of a menu command.
    #[must_use]
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        Some(match self {
            Command::Undo => cmd(Key::Z),
            Command::Redo => cmd_shift(Key::Z),
            Command::Save => cmd(Key::S),
            Command::Sync => cmd_shift(Key::S),
            Command::Quit => cmd(Key::Q),
            Command::OpenProjectDialog => cmd(Key::O),
            Command::ImportDialog => cmd(Key::I),
            Command::Find => cmd(Key::F),
            Command::GoTo => cmd(Key::G),
            Command::InVivoSelection => cmd_shift(Key::I),
            Command::SelectSegment => cmd(Key::L),
            Command::TextBigger => cmd(Key::Plus),
            Command::TextSmaller => cmd(Key::Minus),
            Command::ToggleReview => cmd_shift(Key::R),
            Command::RemoveSelectedCoding => KeyboardShortcut::new(Modifiers::NONE, Key::Delete),
            _ => return None,
        })
    }

    /// True for commands whose shortcut would steal keys from a focused text field.
    #[must_use]
    pub fn yields_to_text_fields(&self) -> bool {
        matches!(
            self,
            Command::Undo
                | Command::Redo
                | Command::SelectSegment
                | Command::InVivoSelection
                | Command::RemoveSelectedCoding
        )
    }

    /// What the command is called in menus and in the undo history.
    #[must_use]
    pub fn label(&self) -> String {
        let path = |p: &std::path::Path| p.display().to_string();
        match self {
            Command::NewProjectDialog => tr!("cmd-new-project").into(),
            Command::OpenProjectDialog => tr!("cmd-open-project").into(),
            Command::ChooseNewProjectFolder => tr!("cmd-choose-folder").into(),
            Command::OpenQdpxDialog => tr!("cmd-open-qdpx").into(),
            Command::CreateFromQdpx { qdpx, .. } => tr!("cmd-import-qdpx", path = path(qdpx)),
            Command::NewProjectIn(p) => tr!("cmd-new-project-in", path = path(p)),
            Command::OpenProject(p) | Command::QdpxChosen(p) => tr!("cmd-open", path = path(p)),
            Command::CreateProject(p) => tr!("cmd-create", path = path(p)),
            Command::OpenSample => tr!("cmd-open-sample").into(),
            Command::ImportDialog => tr!("cmd-import-dialog").into(),
            Command::ImportFiles(files) => tr!("cmd-import-files", count = files.len()),
            Command::FilesChosen { target, .. } | Command::AskFile(target) => {
                target.request().title.into()
            }
            Command::Save => tr!("cmd-save").into(),
            Command::Quit => tr!("cmd-quit").into(),
            Command::Undo => tr!("cmd-undo").into(),
            Command::Redo => tr!("cmd-redo").into(),
            Command::OpenDocument(_) => tr!("cmd-open-document").into(),
            Command::Find => tr!("cmd-find").into(),
            Command::GoTo => tr!("cmd-goto").into(),
            Command::SetTheme(ThemeChoice::System) => tr!("cmd-theme-system").into(),
            Command::SetTheme(ThemeChoice::Light) => tr!("cmd-theme-light").into(),
            Command::SetTheme(ThemeChoice::Dark) => tr!("cmd-theme-dark").into(),
            // Each language is named in itself, so that anyone can find their own.
            Command::SetLanguage(language) => language.own_name().into(),
            Command::TextBigger => tr!("cmd-text-bigger").into(),
            Command::TextSmaller => tr!("cmd-text-smaller").into(),
            Command::ShowShortcuts => tr!("cmd-shortcuts").into(),
            Command::ShowHowTo => tr!("cmd-how-to").into(),
            Command::ShowAbout => tr!("cmd-about").into(),
            Command::AskCoderName => tr!("cmd-ask-coder").into(),
            Command::SetCoderName(_) => tr!("cmd-set-coder").into(),
            Command::CodeSelection(_) => tr!("cmd-code-selection").into(),
            Command::InVivoSelection => tr!("cmd-in-vivo").into(),
            Command::SelectSegment => tr!("cmd-select-segment").into(),
            Command::RemoveSelectedCoding => tr!("cmd-remove-coding").into(),
            Command::SelectCoding(_) => tr!("cmd-select-coding").into(),
            Command::SelectCode(_) => tr!("cmd-select-code").into(),
            Command::ShowAnalysis(tab) => tr!("cmd-show-analysis", tab = tab.title()),
            Command::JumpTo { .. } => tr!("cmd-jump-to").into(),
            Command::ExportSummaryGrid(_) => tr!("grid-export").into(),
            Command::ExportRetrievalDialog | Command::ExportRetrieval(_) => {
                tr!("cmd-export-excerpts").into()
            }
            Command::ExportTableDialog | Command::ExportTable(_) => tr!("cmd-export-table").into(),
            Command::ExportChartDialog => tr!("tables-save-chart").into(),
            Command::StartRename(_) => tr!("cmd-start-rename").into(),
            Command::StartMerge(_) => tr!("cmd-start-merge").into(),
            Command::StartShortcut(_) => tr!("cmd-start-shortcut").into(),
            Command::ToggleReview => tr!("cmd-review").into(),
            Command::ToggleBlind => tr!("cmd-blind").into(),
            Command::ShowPassage { .. } => tr!("cmd-show-passage").into(),
            Command::ReviewPassage(_) => tr!("cmd-review-passage").into(),
            Command::Edit(action) | Command::ImportPlanned { action, .. } => action_label(action),
            Command::Notify(_) => tr!("cmd-notify").into(),
            Command::MergeDialog => tr!("cmd-merge-dialog").into(),
            Command::TeamSyncDialog => tr!("cmd-team-sync").into(),
            Command::Sync => tr!("cmd-sync").into(),
            Command::SyncSetUp(address) => tr!("cmd-sync-set-up", address = address.as_str()),
            Command::SyncJoin { address, .. } => tr!("cmd-sync-join", address = address.as_str()),
            Command::StartRenameDocument(_) => tr!("document-menu-rename").into(),
            Command::AskDeleteDocument(_) => tr!("document-menu-delete").into(),
            Command::ShowDocumentProperties(_) => tr!("document-menu-properties").into(),
            Command::ShowProjectMemo => tr!("cmd-project-memo").into(),
            Command::ShowMemos => tr!("cmd-memos").into(),
            Command::OpenMemoTarget(_) => tr!("cmd-open-memo-target").into(),
            Command::ExportDialog
            | Command::ExportMemosDialog
            | Command::ExportAsDialog(_)
            | Command::ExportTo { .. } => tr!("cmd-export").into(),
            Command::ImportCodebookDialog | Command::CodebookChosen(_) => {
                tr!("cmd-import-codebook").into()
            }
            Command::RetrieveCell { .. } => tr!("cmd-retrieve-cell").into(),
            Command::PseudonymMapChosen(p) | Command::AttributeTableChosen(p) => {
                tr!("cmd-open", path = path(p))
            }
            Command::ToggleCases => tr!("cmd-cases").into(),
            Command::ToggleWordSnap => tr!("cmd-snap-words").into(),
            Command::Media(_) => tr!("cmd-media").into(),
            Command::ToggleEditText => tr!("cmd-edit-text").into(),
            Command::FindReplaceDialog => tr!("cmd-find-replace").into(),
            Command::ReplaceNameDialog => tr!("cmd-replace-name-dialog").into(),
        }
    }
}

/// What the window calls an action (the core's [`Action::label`] is the command line's English).
#[must_use]
pub fn action_label(action: &Action) -> String {
    match action {
        Action::ApplyCode { .. } => tr!("cmd-code-selection").into(),
        Action::InVivo { .. } => tr!("cmd-in-vivo").into(),
        Action::RemoveCoding(_) => tr!("cmd-remove-coding").into(),
        Action::ChangeCodingCode { .. } => tr!("cmd-change-coding-code").into(),
        Action::SetCodingRange { .. } => tr!("cmd-adjust-coding").into(),
        Action::SetCodingMemo { .. } => tr!("cmd-coding-memo").into(),
        Action::CreateCode { .. } => tr!("cmd-create-code").into(),
        Action::RenameCode { .. } => tr!("cmd-rename-code").into(),
        Action::RecolorCode { .. } => tr!("cmd-recolor-code").into(),
        Action::DescribeCode { .. } => tr!("cmd-describe-code").into(),
        Action::SetCodeShortcut { .. } => tr!("cmd-code-shortcut").into(),
        Action::MoveCode { .. } => tr!("cmd-move-code").into(),
        Action::MergeCodes { .. } => tr!("cmd-merge-codes").into(),
        Action::DeleteCode(_) => tr!("cmd-delete-code").into(),
        Action::SetMemo { .. } => tr!("cmd-memo").into(),
        Action::Autocode { .. } => tr!("cmd-autocode").into(),
        Action::AddDocuments(docs) => tr!("cmd-import-files", count = docs.len()),
        Action::MergeCopy(p) => tr!("cmd-merge-project", path = p.display().to_string()),
        // Prepared in the window (team review: already in its language) or by a core planner.
        Action::Prepared { label, .. } => label.clone(),
        Action::TakeIncoming(_) => tr!("cmd-take-incoming").into(),
        Action::SetExemplar { exemplar: true, .. } => tr!("cmd-mark-exemplar").into(),
        Action::SetExemplar {
            exemplar: false, ..
        } => tr!("cmd-unmark-exemplar").into(),
        Action::SetTranslation { .. } => tr!("cmd-translation").into(),
        Action::SaveQuery { name, .. } => tr!("cmd-save-query", name = name.as_str()),
        Action::RenameDocument { .. } => tr!("cmd-rename-document").into(),
        Action::DeleteDocument(_) => tr!("cmd-delete-document").into(),
        Action::SetDocumentKind { .. } => tr!("cmd-document-kind").into(),
        Action::SetDocumentCase { .. } => tr!("cmd-document-case").into(),
        Action::SetDocumentMedia { .. } => tr!("cmd-document-media").into(),
        Action::SetTranscript { .. } => tr!("cmd-transcribe").into(),
        Action::ImportCodebook(_) => tr!("cmd-import-codebook").into(),
        Action::EditText { .. } => tr!("cmd-edit-text").into(),
        Action::ReplaceAll { .. } => tr!("cmd-replace-all").into(),
        Action::ReplaceName { .. } => tr!("cmd-replace-name").into(),
        Action::Import { .. }
        | Action::AddCase(_)
        | Action::RenameCase { .. }
        | Action::DeleteCase(_)
        | Action::AddAttribute { .. }
        | Action::RenameAttribute { .. }
        | Action::DeleteAttribute(_)
        | Action::SetAttributeValue { .. }
        | Action::ImportAttributeTable { .. } => super::app::case_step_label(action.name()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_unique_and_specific_ones_come_first() {
        let all = Command::with_shortcuts();
        let shortcuts: Vec<KeyboardShortcut> = all.iter().filter_map(Command::shortcut).collect();
        assert_eq!(
            shortcuts.len(),
            all.len(),
            "every listed command has a shortcut"
        );
        for (i, a) in shortcuts.iter().enumerate() {
            for b in &shortcuts[i + 1..] {
                assert_ne!(a, b);
                // Shortcuts match ignoring extra Shift, so Ctrl+Shift+X must come before Ctrl+X.
                if a.logical_key == b.logical_key {
                    assert!(
                        a.modifiers.shift && !b.modifiers.shift,
                        "{a:?} must be checked after {b:?}"
                    );
                }
            }
        }
    }
}
