//! Applying the commands of recordings: linking one to a document (through the session, one
//! undo step), and the player's commands for the open document.

use super::MarginApp;
use crate::session::Action;
use crate::ui::file_picker::FileTarget;
use crate::ui::i18n::tr;
use crate::ui::player::MediaCommand;

impl MarginApp {
    /// Apply a command of the player or of a document's recording.
    pub(super) fn apply_media(&mut self, command: MediaCommand) {
        let Some(session) = &self.session else {
            self.error(tr!("notice-no-project"));
            return;
        };
        match command {
            MediaCommand::AskLink(document) => self.ask_file(FileTarget::Media(document)),
            MediaCommand::Link { document, path } => {
                match crate::media::link_for(session.root(), &path) {
                    Ok(link) => {
                        let shown = link.path.clone();
                        self.execute(Action::SetDocumentMedia {
                            document,
                            media: Some(link),
                        });
                        self.info(tr!("player-linked", path = shown));
                    }
                    Err(e) => self.error(tr!("player-link-failed", error = e.to_string())),
                }
            }
            MediaCommand::ImportMediaChosen(path) => {
                if let Some(d) = &mut self.dialogs.import {
                    d.form.media = path.display().to_string();
                }
            }
            MediaCommand::Transcribe(on) => {
                let doc = self
                    .transcript
                    .document()
                    .and_then(|d| session.project().document(d));
                match doc {
                    Some(doc) if on => {
                        let coded = session
                            .project()
                            .codings()
                            .values()
                            .any(|c| c.document == doc.id);
                        if coded {
                            self.error(tr!("transcription-coded"));
                        } else {
                            self.transcription.start(doc);
                        }
                    }
                    _ => {
                        let mut commands = Vec::new();
                        self.transcription.stop(&mut commands);
                        self.queued.extend(commands);
                    }
                }
            }
            MediaCommand::Unlink(document) => self.execute(Action::SetDocumentMedia {
                document,
                media: None,
            }),
            MediaCommand::PlayCoding(id) => {
                // The coding's document first (retrieval can name any document).
                let project = session.project();
                let Some(coding) = project.coding(id) else {
                    return;
                };
                let document = coding.document;
                if self.transcript.document() != Some(document) {
                    self.transcript.open(project, Some(document));
                }
                self.transcript.select(coding.range);
                let doc = project.document(document);
                self.player.sync(session.root(), doc);
                if let Err(why) = self.player.apply(&command, project) {
                    self.error(why);
                }
            }
            other => {
                if let Err(why) = self.player.apply(&other, session.project()) {
                    self.error(why);
                }
            }
        }
    }
}
