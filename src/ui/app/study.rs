//! Applying the commands of the document dialogs, the memo manager, the export dialog and the
//! codebook import, and opening in retrieval the excerpts behind a table cell.

use super::MarginApp;
use crate::model::MemoTarget;
use crate::session::Action;
use crate::ui::command::{AnalysisTab, Command};
use crate::ui::export_dialog::{ExportChoice, ExportWhat, write_export};
use crate::ui::file_picker::FileTarget;
use crate::ui::i18n::tr;

impl MarginApp {
    /// Apply a command of the document, memo and export windows.
    pub(super) fn apply_study(&mut self, command: Command, ctx: &egui::Context) {
        let Some(session) = &self.session else {
            self.error(tr!("notice-no-project"));
            return;
        };
        let project = session.project();
        match command {
            Command::StartRenameDocument(d) => self.document_windows.start_rename(project, d),
            Command::AskDeleteDocument(d) => self.document_windows.ask_delete(d),
            Command::ShowDocumentProperties(d) => {
                self.document_windows.show_properties(project, d);
            }
            Command::ShowProjectMemo => self.memos.show_project_memo(project),
            Command::ShowMemos => self.memos.show(),
            Command::OpenMemoTarget(target) => self.open_memo_target(target, ctx),
            Command::ExportDialog => self.export.open = true,
            Command::ExportMemosDialog => {
                self.export.what = ExportWhat::Memos;
                self.export.open = true;
            }
            Command::ExportAsDialog(choice) => self.ask_file(FileTarget::ExportAs(choice)),
            Command::ExportTo { choice, path } => {
                let retrieval = (matches!(choice, ExportChoice::Excerpts(_))
                    && self.export.with_retrieval)
                    .then_some(&self.analysis.retrieval);
                match write_export(project, choice, retrieval, &path) {
                    Ok(said) => self.info(said),
                    Err(e) => self.error(e.to_string()),
                }
            }
            Command::ImportCodebookDialog => self.ask_file(FileTarget::Codebook),
            Command::CodebookChosen(path) => match crate::import::codebook::read_codebook(&path) {
                Ok(codes) => self.export.preview_codebook(project, path, codes),
                Err(e) => self.error(tr!("notice-codebook-failed", error = e.to_string())),
            },
            Command::RetrieveCell { row, column } => {
                let Some(mut retrieval) = self.analysis.tables.retrieval_for_cell(row, column)
                else {
                    return;
                };
                retrieval.run(project);
                self.analysis.retrieval = retrieval;
                self.analysis.open = true;
                self.analysis.tab = AnalysisTab::Retrieval;
            }
            // Only the commands above are sent here (see `apply`).
            _ => {}
        }
    }

    /// Open what a memo is about: the project memo, a document with its properties, a code in
    /// the codebook, a coding in its transcript.
    fn open_memo_target(&mut self, target: MemoTarget, ctx: &egui::Context) {
        let Some(session) = &self.session else { return };
        let project = session.project();
        match target {
            MemoTarget::Project => self.memos.show_project_memo(project),
            MemoTarget::Document(d) => {
                self.document_windows.show_properties(project, d);
                self.apply(Command::OpenDocument(d), ctx);
            }
            MemoTarget::Code(c) => self.codebook.selected = Some(c),
            MemoTarget::Summary { case, code } => {
                self.analysis.open = true;
                self.analysis.tab = AnalysisTab::Summaries;
                let coder = session.coder();
                self.analysis.summaries.select(project, case, code, coder);
            }
            MemoTarget::Coding(c) => {
                if let Some(coding) = project.coding(c) {
                    let (document, range) = (coding.document, coding.range);
                    self.apply(Command::ShowPassage { document, range }, ctx);
                    self.transcript.collapse_selection();
                    self.transcript.select_coding(Some(c));
                }
            }
        }
    }
}

/// What a document deletion or a codebook import did, in a sentence (said after it is done, so
/// the user knows to undo if it was a slip).
pub(super) fn study_summary(project: &crate::model::Project, action: &Action) -> Option<String> {
    match action {
        Action::DeleteDocument(d) => project.document(*d).map(|doc| {
            let (codings, _, memos) = crate::ui::document_windows::what_goes(project, *d);
            tr!(
                "notice-deleted-document",
                name = doc.name.as_str(),
                codings = codings,
                memos = memos
            )
        }),
        Action::ImportCodebook(codes) => {
            let merge = crate::import::codebook::merge_codebook(project, codes);
            Some(tr!(
                "notice-codebook-imported",
                added = merge.added.len(),
                described = merge.described.len()
            ))
        }
        _ => None,
    }
}
