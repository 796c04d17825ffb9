//! Opening, creating and closing projects in the window: a folder, the bundled sample, a
//! `.qdpx` from another tool; and what the window sets up when a project is adopted.

use std::path::Path;

use super::MarginApp;
use crate::model::{DocumentKind, Project};
use crate::session::Session;
use crate::ui::documents::natural_cmp;
use crate::ui::keys::code_keys;

impl MarginApp {
    pub(super) fn close_project(&mut self) {
        if self.session.is_some()
            && let Err(e) = self.flush()
        {
            self.error(format!(
                "the project could not be saved before closing: {e}"
            ));
        }
        // Dropping the session waits for its saving thread to finish.
        self.session = None;
        self.transcript = crate::ui::transcript::TranscriptState::default();
        self.codebook = crate::ui::codebook::CodebookState::default();
        self.review.reset();
        self.keys.clear();
    }

    pub(super) fn open_project(&mut self, path: &Path) {
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
    pub(super) fn open_sample(&mut self) {
        let Some(sample) = self.sample.clone() else {
            self.error("This build of Margin carries no sample project.");
            return;
        };
        let Some(data) = self.data.clone() else {
            self.error("There is no folder for application data to copy the sample into.");
            return;
        };
        match crate::ui::sample_copy(&sample, &data) {
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

    pub(super) fn create_project(&mut self, path: &Path) {
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
    pub(super) fn create_from_qdpx(&mut self, qdpx: &Path, target: &Path) {
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
                self.dialogs.show_report(crate::ui::dialogs::ImportReport {
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

    pub(super) fn adopt(&mut self, mut session: Session, path: &Path) {
        self.close_project();
        if let Some(reason) = session.read_only() {
            self.error(format!(
                "Opened read-only: {reason}. Changes cannot be saved."
            ));
        }
        if let Some(v) = session.report().migrated_from {
            self.info(format!("The project was written by an older Margin (format {v}); it is upgraded as you save."));
        }
        if let Some(name) = self.config.coder_name.clone()
            && let Err(e) = session.set_coder(&name)
        {
            self.error(e.to_string());
        }
        self.keys = code_keys(session.project());
        let doc = self
            .config
            .last_document(path)
            .filter(|d| session.project().document(*d).is_some())
            .or_else(|| first_document(session.project()));
        self.transcript.open(session.project(), doc);
        session.start_autosave();
        self.session = Some(session);
        self.config.remember_project(path);
        self.save_config();
    }
}

/// The document to show first: the first interview, else the first document.
pub(super) fn first_document(project: &Project) -> Option<crate::model::DocumentId> {
    let mut docs: Vec<_> = project.documents().values().collect();
    docs.sort_by(|a, b| {
        let rank = |k: DocumentKind| DocumentKind::ALL.iter().position(|x| *x == k);
        rank(a.kind)
            .cmp(&rank(b.kind))
            .then_with(|| natural_cmp(&a.name, &b.name))
    });
    docs.first().map(|d| d.id)
}
