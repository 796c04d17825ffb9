//! Opening, creating and closing projects in the window: a folder, the bundled sample, a
//! `.qdpx` from another tool; and what the window sets up when a project is adopted.

use std::path::Path;

use super::MarginApp;
use crate::model::{DocumentKind, Project};
use crate::session::Session;
use crate::ui::documents::natural_cmp;
use crate::ui::error::session_error;
use crate::ui::i18n::tr;
use crate::ui::keys::code_keys;

impl MarginApp {
    pub(super) fn close_project(&mut self) {
        if self.session.is_some()
            && let Err(e) = self.flush()
        {
            self.error(tr!("notice-close-unsaved", error = session_error(&e)));
        }
        // Dropping the session waits for its saving thread to finish.
        self.session = None;
        self.transcript = crate::ui::transcript::TranscriptState::default();
        self.codebook = crate::ui::codebook::CodebookState::default();
        self.review.reset();
        self.keys.clear();
        self.team.follow(None);
        // What was read for the project closed is not added to the next one.
        if let Some(d) = self.dialogs.import.take() {
            d.stop();
        }
        self.cases = crate::ui::cases::CasesState::default();
    }

    pub(super) fn open_project(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        match Session::open(&path) {
            Ok(session) => self.adopt(session, &path),
            Err(e) => {
                self.error(tr!(
                    "notice-open-failed",
                    path = path.display().to_string(),
                    error = session_error(&e)
                ));
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
            self.error(tr!("notice-no-sample"));
            return;
        };
        let Some(data) = self.data.clone() else {
            self.error(tr!("notice-no-data-folder"));
            return;
        };
        match crate::ui::sample_copy(&sample, &data) {
            Ok(copy) => {
                self.open_project(&copy);
                if self.session.is_some() {
                    self.info(tr!("notice-sample-copy", path = copy.display().to_string()));
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
                self.info(tr!("notice-created", path = path.display().to_string()));
            }
            Err(e) => self.error(tr!(
                "notice-create-failed",
                path = path.display().to_string(),
                error = session_error(&e)
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
                    (tr!("report-offsets").to_owned(), report.offset_notes()),
                    (tr!("report-adjusted").to_owned(), report.adjusted.clone()),
                    (tr!("report-skipped").to_owned(), report.skipped.clone()),
                ];
                sections.retain(|(_, lines)| !lines.is_empty());
                self.dialogs.show_report(crate::ui::dialogs::ImportReport {
                    title: tr!("report-qdpx-title", path = qdpx.display().to_string()),
                    summary: tr!(
                        "report-qdpx-summary",
                        summary = report.summary(),
                        path = target.display().to_string()
                    ),
                    sections,
                });
            }
            Err(e) => self.error(tr!(
                "notice-open-failed",
                path = qdpx.display().to_string(),
                error = e.to_string()
            )),
        }
    }

    pub(super) fn adopt(&mut self, mut session: Session, path: &Path) {
        self.close_project();
        if let Some(reason) = session.read_only() {
            self.error(tr!("notice-read-only", reason = reason));
        }
        if let Some(v) = session.report().migrated_from {
            self.info(tr!("notice-migrated", version = v.to_string()));
        }
        if let Some(name) = self.config.coder_name.clone()
            && let Err(e) = session.set_coder(&name)
        {
            self.error(session_error(&e));
        }
        self.keys = code_keys(session.project());
        let doc = self
            .config
            .last_document(path)
            .filter(|d| session.project().document(*d).is_some())
            .or_else(|| first_document(session.project()));
        self.transcript.open(session.project(), doc);
        session.start_autosave();
        self.team.follow(Some(path));
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
