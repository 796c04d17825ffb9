//! Asking for files and folders: the system's dialog on a background thread when one can show,
//! else Margin's own picker; the answer comes back as a command.

use std::path::PathBuf;
use std::sync::mpsc::channel;

use super::MarginApp;
use crate::ui::command::Command;
use crate::ui::file_picker::{DialogChoice, FilePicker, FileTarget};
use crate::ui::i18n::tr;

/// What a background file dialog returns: why it was asked, and the paths chosen (`None` when
/// cancelled or when no dialog could be shown).
pub(super) type DialogResult = (FileTarget, Option<Vec<PathBuf>>);

/// A system file dialog that answers "nothing" sooner than this did not show (a person takes
/// longer to cancel one): the built-in picker takes over.
const NATIVE_FAILED_WITHIN: f64 = 1.0;

impl MarginApp {
    /// Ask for a file or folder: the system's dialog where one can show, else the built-in one.
    pub(super) fn ask_file(&mut self, target: FileTarget) {
        if self.file_dialog.is_some() || self.dialogs.picker.is_some() {
            return;
        }
        let choice = DialogChoice::from_env_or(self.config.file_dialog);
        let native = match choice {
            DialogChoice::Native => true,
            DialogChoice::Builtin => false,
            DialogChoice::Auto => crate::ui::file_picker::native_possible(),
        };
        if !native {
            self.open_picker(target);
            return;
        }
        let (tx, rx) = channel();
        let start = self.config.recent_folders.first().cloned();
        // Its title and filters in the window's language (the language is the UI thread's).
        let request = target.request();
        let spawned = std::thread::Builder::new()
            .name("margin-file-dialog".into())
            .spawn(move || {
                let chosen = crate::ui::file_picker::native(&request, start.as_deref());
                let _ = tx.send((target, chosen));
            });
        match spawned {
            Ok(_) => self.file_dialog = Some((rx, self.now)),
            Err(e) => {
                self.info(tr!("notice-dialog-failed", error = e.to_string()));
                self.open_picker(target);
            }
        }
    }

    pub(super) fn open_picker(&mut self, target: FileTarget) {
        self.dialogs.picker = Some(FilePicker::new(target, None, &self.config.recent_folders));
    }

    pub(super) fn poll_dialog(&mut self) {
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
                            == DialogChoice::Native =>
                    {
                        self.error(tr!("notice-dialog-missing"));
                    }
                    None if failed => {
                        self.info(tr!("notice-dialog-fallback"));
                        self.open_picker(target);
                    }
                    None => {}
                }
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.file_dialog = None;
                self.error(tr!("notice-dialog-stopped"));
            }
        }
    }
}
