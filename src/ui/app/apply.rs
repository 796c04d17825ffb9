//! Applying the commands the panels returned: the window's own (dialogs, views, exports) here,
//! and every change of the project through the session ([`MarginApp::execute`]), after which
//! [`MarginApp::project_changed`] tells every cached view what changed, from this one place.

use std::path::PathBuf;

use super::{MarginApp, ZOOM_RANGE, ZOOM_STEP};
use crate::analysis::agreement::consensus_coder;
use crate::merge::MergeReport;
use crate::model::CodeId;
use crate::session::{Action, Applied, Changes};
use crate::ui::command::Command;
use crate::ui::error::session_error;
use crate::ui::export_dialog::ExportWhat;
use crate::ui::file_picker::FileTarget;
use crate::ui::help::HelpTab;
use crate::ui::i18n::{self, tr};
use crate::ui::keys::code_keys;
use crate::ui::retrieval_panel::export_results;
use crate::ui::theme;
use crate::ui::transcript::index::Whose;

impl MarginApp {
    /// Apply one command: projects, files and saving here, the rest in [`Self::apply_view`].
    pub(super) fn apply(&mut self, command: Command, ctx: &egui::Context) {
        self.apply_typed(true);
        match command {
            Command::Edit(action) => self.execute(action),
            Command::NewProjectDialog => {
                let folder = self
                    .config
                    .recent_folders
                    .first()
                    .cloned()
                    .or_else(crate::ui::file_picker::home)
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
                    self.error(tr!("notice-import-no-project"));
                    return;
                }
                self.ask_file(FileTarget::Import);
            }
            Command::MergeDialog => {
                if self.session.is_none() {
                    self.error(tr!("notice-merge-no-project"));
                    return;
                }
                self.ask_file(FileTarget::Merge);
            }
            Command::FilesChosen { target, paths } => {
                if let Some(folder) = paths
                    .first()
                    .and_then(|p| crate::ui::file_picker::folder_of(target.request().kind, p))
                {
                    self.config.remember_folder(&folder);
                    self.save_config();
                }
                if let Some(cmd) = target.command(paths) {
                    self.apply(cmd, ctx);
                }
            }
            Command::TeamSyncDialog => {
                let root = self.session.as_ref().map(|s| s.root().to_path_buf());
                self.team.open_form(root.as_deref());
            }
            Command::Sync => self.sync_now(ctx),
            Command::SyncSetUp(address) => self.sync_set_up(&address, ctx),
            Command::SyncJoin { address, target } => self.sync_join(address, target, ctx),
            Command::OpenProject(p) => self.open_project(&p),
            Command::CreateProject(p) => self.create_project(&p),
            Command::OpenSample => self.open_sample(),
            Command::ImportFiles(paths) => self.import(paths),
            Command::AskFile(_)
            | Command::PseudonymMapChosen(_)
            | Command::AttributeTableChosen(_)
            | Command::ImportPlanned { .. }
            | Command::ToggleCases
            | Command::ToggleWordSnap => self.apply_import(command),
            Command::Save => match self.flush() {
                Ok(()) => {
                    if self.session.is_some() {
                        self.info(tr!("notice-saved"));
                    }
                }
                Err(e) => self.error(tr!("notice-save-failed", error = session_error(&e))),
            },
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo | Command::Redo => self.undo_redo(matches!(command, Command::Undo)),
            Command::ExportRetrievalDialog => self.ask_file(FileTarget::ExportRetrieval),
            Command::ExportRetrieval(path) => {
                if let Some(s) = &self.session {
                    match export_results(s.project(), &self.analysis.retrieval.results, &path) {
                        Ok(n) => self.info(tr!(
                            "notice-exported",
                            count = n,
                            path = path.display().to_string()
                        )),
                        Err(e) => self.error(e.to_string()),
                    }
                }
            }
            Command::ExportTableDialog => self.ask_file(FileTarget::ExportTable),
            Command::ExportChartDialog => self.ask_file(FileTarget::ExportChart),
            Command::ExportTable(path) => {
                if let Some(grid) = &self.analysis.tables.grid {
                    let chart = path.extension().is_some_and(|e| {
                        e.eq_ignore_ascii_case("png") || e.eq_ignore_ascii_case("svg")
                    });
                    let written = if chart {
                        let title = crate::ui::tables_panel::chart_title(&self.analysis.tables);
                        crate::export::chart::write(&grid.chart(title), &path)
                    } else {
                        crate::export::write_file(&path, |out| {
                            grid.table
                                .write_csv(out)
                                .map_err(|e| crate::export::ExportError::Io(e.into()))
                        })
                    };
                    match written {
                        Ok(()) => {
                            self.info(tr!("notice-table-saved", path = path.display().to_string()));
                        }
                        Err(e) => self.error(tr!("notice-table-failed", error = e.to_string())),
                    }
                }
            }
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
                    self.error(session_error(&e));
                }
                self.sync_transcript();
            }
            Command::StartRenameDocument(_)
            | Command::AskDeleteDocument(_)
            | Command::ShowDocumentProperties(_)
            | Command::ShowProjectMemo
            | Command::ShowMemos
            | Command::OpenMemoTarget(_)
            | Command::ExportDialog
            | Command::ExportMemosDialog
            | Command::ExportAsDialog(_)
            | Command::ExportTo { .. }
            | Command::ImportCodebookDialog
            | Command::CodebookChosen(_)
            | Command::RetrieveCell { .. } => self.apply_study(command, ctx),
            Command::Media(m) => self.apply_media(m),
            other => self.apply_view(other, ctx),
        }
    }

    /// Apply a command that changes what the window shows, not the project.
    // Whole: one arm per command, and the list of those `apply` handles, so that a new command
    // fails to compile until it is handled in one of the two.
    fn apply_view(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::OpenDocument(id) => {
                if let Some(s) = &self.session {
                    self.transcript.open(s.project(), Some(id));
                    self.transcript.focus();
                    let root = s.root().to_path_buf();
                    self.config.remember_document(&root, Some(id));
                    self.save_config();
                }
            }
            Command::Find => self.transcript.open_find(),
            Command::GoTo => self.transcript.open_goto(),
            Command::SetLanguage(language) => {
                // Everything reads its labels anew in the next frame.
                self.config.language = Some(language);
                i18n::set_language(language);
                self.save_config();
                ctx.request_repaint();
            }
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
            Command::ShowAbout => crate::ui::about::open(ctx),
            Command::ToggleReview => {
                self.review.open = !self.review.open;
                if let Some(s) = &self.session
                    && self.review.open
                    && self.review.coders.is_empty()
                {
                    self.review.coders = crate::ui::review::default_coders(s.project());
                    self.review.mark_stale();
                }
            }
            Command::ToggleBlind => {
                self.blind = !self.blind;
                self.sync_transcript();
            }
            Command::ReviewPassage(index) => {
                let shown = match &self.session {
                    Some(s) => self.review.select(s.project(), index),
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
            Command::CodeSelection(_) | Command::InVivoSelection if self.transcript.editing => {
                self.info(tr!("edit-coding-off"));
            }
            Command::CodeSelection(code) => match self.transcript.selected_range() {
                Some((document, range)) => self.execute(Action::ApplyCode {
                    document,
                    range,
                    code,
                }),
                None => self.info(tr!("notice-select-first")),
            },
            Command::InVivoSelection => match self.transcript.selected_range() {
                Some((document, range)) => self.execute(Action::InVivo { document, range }),
                None => {
                    self.info(tr!("notice-select-in-vivo"));
                }
            },
            Command::SelectSegment => {
                if let Some(s) = &self.session {
                    self.transcript.select_segment_at_caret(s.project());
                }
            }
            Command::RemoveSelectedCoding => {
                if let Some(c) = self.transcript.selected_coding() {
                    self.execute(Action::RemoveCoding(c));
                }
            }
            Command::SelectCoding(id) => {
                self.transcript.select_coding(Some(id));
            }
            Command::SelectCode(code) => self.codebook.selected = code,
            Command::StartRename(code) => {
                if let Some(s) = &self.session {
                    self.codebook.start_rename(s.project(), code);
                }
            }
            Command::ShowAnalysis(tab) => {
                self.analysis.open = true;
                self.analysis.tab = tab;
            }
            Command::ExportSummaryGrid(by) => {
                self.export.open = true;
                self.export.what = ExportWhat::SummaryGrid;
                self.export.matrix_by = by;
            }
            Command::JumpTo { document, range } => {
                if let Some(s) = &self.session {
                    if self.transcript.document() != Some(document) {
                        self.transcript.open(s.project(), Some(document));
                    }
                    self.transcript.select(range);
                    self.transcript.focus();
                }
            }
            Command::StartMerge(code) => self.dialogs.ask_merge(code),
            Command::StartShortcut(code) => self.dialogs.shortcut = Some(code),
            Command::ToggleEditText => self.transcript.toggle_editing(),
            Command::FindReplaceDialog => {
                self.find_replace.open = true;
                self.find_replace.project_changed();
            }
            Command::ReplaceNameDialog => {
                self.replace_name.open = true;
                self.replace_name.project_changed();
            }
            // Handled in `apply`.
            Command::Edit(_)
            | Command::NewProjectDialog
            | Command::ChooseNewProjectFolder
            | Command::OpenQdpxDialog
            | Command::QdpxChosen(_)
            | Command::CreateFromQdpx { .. }
            | Command::NewProjectIn(_)
            | Command::OpenProjectDialog
            | Command::ImportDialog
            | Command::MergeDialog
            | Command::TeamSyncDialog
            | Command::Sync
            | Command::SyncSetUp(_)
            | Command::SyncJoin { .. }
            | Command::FilesChosen { .. }
            | Command::OpenProject(_)
            | Command::CreateProject(_)
            | Command::OpenSample
            | Command::ImportFiles(_)
            | Command::AskFile(_)
            | Command::PseudonymMapChosen(_)
            | Command::AttributeTableChosen(_)
            | Command::ImportPlanned { .. }
            | Command::ToggleCases
            | Command::ToggleWordSnap
            | Command::Save
            | Command::Quit
            | Command::Undo
            | Command::Redo
            | Command::ExportRetrievalDialog
            | Command::ExportRetrieval(_)
            | Command::ExportTableDialog
            | Command::ExportChartDialog
            | Command::ExportTable(_)
            | Command::AskCoderName
            | Command::SetCoderName(_)
            | Command::StartRenameDocument(_)
            | Command::AskDeleteDocument(_)
            | Command::ShowDocumentProperties(_)
            | Command::ShowProjectMemo
            | Command::ShowMemos
            | Command::OpenMemoTarget(_)
            | Command::ExportDialog
            | Command::ExportMemosDialog
            | Command::ExportAsDialog(_)
            | Command::ExportTo { .. }
            | Command::ImportCodebookDialog
            | Command::CodebookChosen(_)
            | Command::RetrieveCell { .. }
            | Command::Media(_) => self.apply(command, ctx),
        }
    }

    /// Apply what was typed in edit mode (with `now`, also what is still being typed).
    pub(super) fn apply_typed(&mut self, now: bool) {
        for action in self.transcript.take_typed(now) {
            self.execute(action);
        }
    }

    /// Change the project: the session applies `action` as one undo step; the views learn what
    /// changed, and the user is told what a destructive or wide change did.
    pub(super) fn execute(&mut self, action: Action) {
        let Some(session) = &mut self.session else {
            self.error(tr!("notice-no-project"));
            return;
        };
        let project = session.project();
        // Coding a passage again with the same code changes nothing (checked in the view's
        // index, not by scanning every coding).
        if let Action::ApplyCode {
            document,
            range,
            code,
        } = &action
            && Some(*document) == self.transcript.document()
            && let (Some(doc), Some(coder)) = (project.document(*document), session.coder())
            && let Some(range) = crate::session::trim_range(doc, *range)
            && self.transcript.has_coding(range, *code, coder)
        {
            return;
        }
        // Say what a destructive edit did, so the user knows to undo if it was a slip.
        let summary = match &action {
            Action::DeleteCode(code) => project.code(*code).map(|c| {
                let doomed = project.code_and_descendants(*code);
                let n = project
                    .codings()
                    .values()
                    .filter(|x| doomed.contains(&x.code))
                    .count();
                tr!("notice-deleted-code", code = c.name.as_str(), count = n)
            }),
            Action::MergeCodes { from, into } => Some(tr!(
                "notice-merged-codes",
                from = project.code_path(*from),
                into = project.code_path(*into)
            )),
            other => super::study::study_summary(project, other),
        };
        let follow = Follow::of(&action);
        match session.execute(action) {
            Ok(Some(applied)) => {
                self.project_changed(&applied.changes);
                self.after(follow, &applied);
                if let Some(s) = summary {
                    self.info(s);
                }
                if matches!(
                    applied.step.name,
                    crate::session::ActionName::ReplaceAll
                        | crate::session::ActionName::ReplaceName
                ) {
                    self.info(tr!("notice-replaced", count = applied.replaced));
                }
                if applied.removed_codings > 0 {
                    self.info(tr!(
                        "notice-codings-removed",
                        count = applied.removed_codings
                    ));
                }
            }
            Ok(None) => match follow {
                Follow::SayAutocoded(_) => self.info(tr!("notice-autocode-nothing")),
                Follow::SayMerged(path) => {
                    self.info(tr!(
                        "notice-merge-nothing",
                        path = path.display().to_string()
                    ));
                }
                _ => {}
            },
            Err(e) => self.error(session_error(&e)),
        }
    }

    /// What the window does after an action of its own: select what was created, forget what
    /// was deleted, say what a wide change did.
    fn after(&mut self, follow: Follow, applied: &Applied) {
        let Some(session) = &self.session else { return };
        if let Some(c) = applied.created_coding {
            // Show the new coding, not the selection over it.
            self.transcript.collapse_selection();
            self.transcript.select_coding(Some(c));
        }
        if let (Some(code), Follow::SelectNewCode { rename }) = (applied.created_code, &follow) {
            self.codebook.selected = Some(code);
            if *rename {
                self.codebook.start_rename(session.project(), code);
            }
        }
        let said = match (follow, &applied.step.changes) {
            (Follow::Forget(c), _) => {
                if self.codebook.selected == Some(c) {
                    self.codebook.selected = None;
                }
                None
            }
            (Follow::SayAutocoded(code), Changes::Codings(ids)) => Some(tr!(
                "notice-autocoded",
                count = ids.len(),
                code = session.project().code_path(code)
            )),
            (Follow::SayMerged(path), _) => applied
                .merged
                .as_ref()
                .map(|report| merge_summary(&path, report)),
            _ => None,
        };
        if let Some(s) = said {
            self.info(s);
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        let result = if undo { session.undo() } else { session.redo() };
        match result {
            Ok(Some(step)) => {
                self.project_changed(&step.changes);
                let label = step_label(&step);
                self.info(if undo {
                    tr!("notice-undid", label = label)
                } else {
                    tr!("notice-redid", label = label)
                });
            }
            Ok(None) => self.info(if undo {
                tr!("notice-nothing-to-undo")
            } else {
                tr!("notice-nothing-to-redo")
            }),
            Err(e) => self.error(session_error(&e)),
        }
    }

    /// The one place the views hear of a change to the project (an action, undo, redo, an
    /// import, a merge): each brings what it caches up to date.
    pub(super) fn project_changed(&mut self, changes: &Changes) {
        let Some(session) = &self.session else { return };
        let project = session.project();
        // The transcript first: it lets go of the comparison, which can then be brought up to
        // date in place.
        self.transcript.apply_changes(project, changes);
        self.review.project_changed(project, changes);
        self.team.project_changed();
        self.keys = code_keys(project);
        self.document_windows.project_changed(project);
        self.memos.project_changed(project);
        self.analysis.summaries.project_changed();
        self.find_replace.project_changed();
        self.replace_name.project_changed();
    }

    /// Whose codings the transcript shows: in blind mode only the current coder's; while the
    /// review panel is open, the compared coders' (and the consensus) side by side, with the
    /// compared passages marked; otherwise what its "Codings of …" switch says.
    pub(super) fn sync_transcript(&mut self) {
        let Some(s) = &self.session else { return };
        let project = s.project();
        let comparison = if self.review.open && !self.blind {
            self.review.shared_comparison(project)
        } else {
            None
        };
        let whose = if self.blind {
            s.coder().map(Whose::Coder)
        } else {
            comparison.as_ref().map(|c| {
                let mut coders = c.coders.clone();
                coders.extend(consensus_coder(project).map(|k| k.id));
                Whose::SideBySide(coders)
            })
        };
        self.transcript.impose(project, whose);
        self.transcript
            .set_comparison(comparison.as_ref(), self.review.current);
    }
}

/// What the window does once an action is applied, beyond refreshing the views.
#[derive(Debug, PartialEq)]
enum Follow {
    /// Select the code just made in the codebook, and start renaming it if it is a "New code".
    SelectNewCode {
        /// Start renaming it.
        rename: bool,
    },
    /// Forget the selection of this code, which is gone.
    Forget(CodeId),
    /// Say how many passages were coded with this code.
    SayAutocoded(CodeId),
    /// Say what merging this copy brought.
    SayMerged(PathBuf),
    /// Nothing more.
    Nothing,
}

impl Follow {
    fn of(action: &Action) -> Self {
        match action {
            Action::CreateCode { name, .. } => Follow::SelectNewCode {
                rename: name == tr!("codebook-new-name"),
            },
            Action::DeleteCode(c) | Action::MergeCodes { from: c, .. } => Follow::Forget(*c),
            Action::Autocode { code, .. } => Follow::SayAutocoded(*code),
            Action::MergeCopy(path) => Follow::SayMerged(path.clone()),
            _ => Follow::Nothing,
        }
    }
}

/// What an undo step is called in the window's language.
pub(super) fn step_label(step: &crate::session::Step) -> String {
    use crate::session::ActionName as N;
    match step.name {
        N::ApplyCode => tr!("cmd-code-selection").into(),
        N::InVivo => tr!("cmd-in-vivo").into(),
        N::RemoveCoding => tr!("cmd-remove-coding").into(),
        N::ChangeCodingCode => tr!("cmd-change-coding-code").into(),
        N::SetCodingRange => tr!("cmd-adjust-coding").into(),
        N::SetCodingMemo => tr!("cmd-coding-memo").into(),
        N::CreateCode => tr!("cmd-create-code").into(),
        N::RenameCode => tr!("cmd-rename-code").into(),
        N::RecolorCode => tr!("cmd-recolor-code").into(),
        N::DescribeCode => tr!("cmd-describe-code").into(),
        N::SetCodeShortcut => tr!("cmd-code-shortcut").into(),
        N::MoveCode => tr!("cmd-move-code").into(),
        N::MergeCodes => tr!("cmd-merge-codes").into(),
        N::DeleteCode => tr!("cmd-delete-code").into(),
        N::SetMemo => tr!("cmd-memo").into(),
        N::Autocode => tr!("cmd-autocode").into(),
        N::AddDocuments(n) => tr!("cmd-import-files", count = n),
        N::MergeCopy => tr!("cmd-merge-copy").into(),
        // Team-review decisions are labelled by the window, in its language.
        N::Prepared => step.label.clone(),
        N::TakeIncoming => tr!("cmd-take-incoming").into(),
        N::SetExemplar => tr!("cmd-exemplar").into(),
        N::SetTranslation => tr!("cmd-translation").into(),
        N::SaveQuery => tr!("cmd-save-query-step").into(),
        N::RenameDocument => tr!("cmd-rename-document").into(),
        N::DeleteDocument => tr!("cmd-delete-document").into(),
        N::SetDocumentKind => tr!("cmd-document-kind").into(),
        N::SetDocumentCase => tr!("cmd-document-case").into(),
        N::SetDocumentMedia => tr!("cmd-document-media").into(),
        N::SetTranscript => tr!("cmd-transcribe").into(),
        N::ImportCodebook => tr!("cmd-import-codebook").into(),
        N::EditText => tr!("cmd-edit-text").into(),
        N::ReplaceAll => tr!("cmd-replace-all").into(),
        N::ReplaceName => tr!("cmd-replace-name").into(),
        N::Import(_)
        | N::AddCase
        | N::RenameCase
        | N::DeleteCase
        | N::AddAttribute
        | N::RenameAttribute
        | N::DeleteAttribute
        | N::SetAttributeValue
        | N::ImportAttributeTable => case_step_label(step.name),
    }
}

/// What imports and the actions on cases and attributes are called in the window's language.
pub(crate) fn case_step_label(name: crate::session::ActionName) -> String {
    use crate::session::ActionName as N;
    match name {
        N::Import(n) | N::AddDocuments(n) => tr!("cmd-import-files", count = n),
        N::AddCase => tr!("cmd-add-case").into(),
        N::RenameCase => tr!("cmd-rename-case").into(),
        N::DeleteCase => tr!("cmd-delete-case").into(),
        N::AddAttribute => tr!("cmd-add-attribute").into(),
        N::RenameAttribute => tr!("cmd-rename-attribute").into(),
        N::DeleteAttribute => tr!("cmd-delete-attribute").into(),
        N::SetAttributeValue => tr!("cmd-set-attribute-value").into(),
        _ => tr!("cmd-import-attribute-table").into(),
    }
}

/// What merging another copy brought, in a sentence.
fn merge_summary(path: &std::path::Path, r: &MergeReport) -> String {
    let mut summary = tr!(
        "review-merged",
        path = path.display().to_string(),
        coders = r.coders_added,
        codes = r.codes_added,
        documents = r.documents_added + r.documents_copied,
        codings = r.codings_added + r.codings_kept_both,
        memos = r.memos_added + r.memos_kept_both,
    );
    if r.codings_kept_both > 0 {
        summary = tr!(
            "review-merged-both-kept",
            summary = summary,
            codings = r.codings_kept_both
        );
    }
    for n in r.notes.iter().take(3) {
        summary = tr!("review-merged-note", summary = summary, note = n.as_str());
    }
    tr!("review-merged-end", summary = summary)
}
