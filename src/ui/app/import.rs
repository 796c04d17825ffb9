//! The window's side of the import dialog and the case sheet: files asked for them, the
//! import handed to the session with its report shown after, the sheet shown or hidden.

use std::path::PathBuf;

use super::MarginApp;
use crate::ui::command::Command;
use crate::ui::i18n::tr;
use crate::ui::import_dialog::ImportDialog;

impl MarginApp {
    /// Open the import dialog for `paths` (from a file dialog or dropped on the window).
    pub(super) fn import(&mut self, paths: Vec<PathBuf>) {
        if self.session.is_none() {
            self.error(tr!("notice-import-no-project"));
            return;
        }
        if paths.is_empty() {
            return;
        }
        match &mut self.dialogs.import {
            // Files dropped while the options are shown join the others.
            Some(d) if !d.reading() && !d.previewing() => {
                for p in paths {
                    if !d.files.contains(&p) {
                        d.files.push(p);
                    }
                }
            }
            Some(_) => self.error(tr!("import-busy")),
            None => self.dialogs.import = Some(ImportDialog::new(paths)),
        }
    }

    /// The commands of the import dialog and the case sheet.
    pub(super) fn apply_import(&mut self, command: Command) {
        match command {
            Command::AskFile(target) => self.ask_file(target),
            Command::PseudonymMapChosen(path) => {
                if let Some(d) = &mut self.dialogs.import {
                    d.form.pseudonyms = path.display().to_string();
                }
            }
            Command::AttributeTableChosen(path) => {
                if let Some(s) = &self.session {
                    self.cases.preview_table(path, s.project());
                }
            }
            Command::ImportPlanned { action, report } => {
                let documents = match &action {
                    crate::session::Action::Import { edit, .. } => {
                        crate::session::rules::documents_in(edit)
                    }
                    _ => Vec::new(),
                };
                self.execute(action);
                let added = documents
                    .first()
                    .copied()
                    .zip(self.session.as_ref())
                    .filter(|(id, s)| s.project().document(*id).is_some());
                if let Some((id, s)) = added {
                    self.transcript.open(s.project(), Some(id));
                    self.dialogs.show_report(report);
                    self.info(tr!("notice-imported", count = documents.len()));
                }
            }
            Command::ToggleCases => self.cases.open = !self.cases.open,
            Command::ToggleWordSnap => {
                self.config.snap_to_words = !self.config.snap_to_words;
                self.transcript.snap_words = self.config.snap_to_words;
                self.save_config();
            }
            _ => {}
        }
    }
}
