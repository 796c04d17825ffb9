//! The one door for changes: an open project with its lock, its undo history, who is coding and
//! its saver. The window and the command line both hand it an [`Action`]; [`Session::execute`]
//! plans it by the project's rules ([`rules`]), applies it as one undo step, keeps the coding
//! counts, and says what changed ([`Changes`]) so every cached view can be told from one place.
//! Saving is either direct ([`Session::save`], the command line) or in the background
//! ([`Session::start_autosave`], the window). No egui in here.

mod action;
mod autosave;
mod cases;
#[cfg(test)]
mod cases_tests;
mod changes;
mod error;
pub mod rules;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use action::{Action, ActionName};
use autosave::Op;
pub use autosave::{Autosave, SaveStatus};
use changes::Tally;
pub use changes::{Changes, Counts};
pub use error::{Gone, SessionError};
pub use rules::{in_vivo_name, trim_range};

use crate::import::{ImportOptions, read_files};
use crate::merge::MergeReport;
use crate::model::{
    CodeId, Coder, CoderId, CodingId, Color, DocumentId, Edit, EntityKey, History, Manifest,
    Project,
};
use crate::store::{LoadReport, ProjectDir};

/// What each undo step notes about itself: its name and what it changed, so undo and redo
/// refresh the views and counts as narrowly as the action did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// What the history calls it ("Code selection", "Import 3 files", ...).
    pub label: String,
    /// Which kind of action it was (the window names it in its language).
    pub name: ActionName,
    /// What it changed.
    pub changes: Changes,
}

/// What an executed action did.
#[derive(Debug, PartialEq)]
pub struct Applied {
    /// Its undo step.
    pub step: Step,
    /// A coding it created (the window selects it).
    pub created_coding: Option<CodingId>,
    /// A code it created.
    pub created_code: Option<CodeId>,
    /// What merging another copy brought.
    pub merged: Option<MergeReport>,
    /// The documents it added.
    pub created_documents: Vec<DocumentId>,
    /// Codings it removed because their whole text was deleted (the window says how many).
    pub removed_codings: usize,
    /// Replacements it made (find and replace, a name).
    pub replaced: usize,
    /// What this application changed, for the views (narrower than its step's for a text
    /// edit: the step may grow into a run of typing, and undo takes back the whole run).
    pub changes: Changes,
}

/// Where the last text edit left the caret, while typing may continue the same undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Typing {
    document: DocumentId,
    caret: usize,
}

/// An open project.
#[derive(Debug)]
pub struct Session {
    dir: Arc<ProjectDir>,
    project: Project,
    history: History<Step>,
    coder: Option<CoderId>,
    report: LoadReport,
    counts: Option<Counts>,
    autosave: Autosave,
    /// Operations not yet sent to the autosaver (kept only while it runs).
    journal: Vec<Op>,
    /// The run of typing the next text edit may join.
    typing: Option<Typing>,
}

impl Session {
    fn new(dir: ProjectDir, project: Project, report: LoadReport) -> Self {
        Self {
            dir: Arc::new(dir),
            project,
            history: History::default(),
            coder: None,
            report,
            counts: None,
            autosave: Autosave::default(),
            journal: Vec::new(),
            typing: None,
        }
    }

    /// Open the project in `root`: for writing when no other Margin holds it, else read-only
    /// (the window says so).
    pub fn open(root: &Path) -> Result<Self, SessionError> {
        let opened = ProjectDir::open(root).inspect_err(|e| {
            log::error!(
                "could not open {}: {}",
                root.display(),
                crate::logging::redact(&e.to_string())
            );
        })?;
        log::info!(
            "opened {} ({} documents{})",
            root.display(),
            opened.project.documents().len(),
            if opened.dir.read_only_reason().is_some() {
                ", read-only"
            } else {
                ""
            }
        );
        Ok(Self::new(opened.dir, opened.project, opened.report))
    }

    /// Open the project in `root` for writing; refused when another Margin holds it (the
    /// command line's writing subcommands).
    pub fn open_writable(root: &Path) -> Result<Self, SessionError> {
        let opened = ProjectDir::open_writable(root)?;
        Ok(Self::new(opened.dir, opened.project, opened.report))
    }

    /// Create an empty project in `root` (absent or empty) and open it.
    pub fn create(root: &Path) -> Result<Self, SessionError> {
        let name = root.file_name().map_or_else(
            || "New project".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut project = Project::new(Manifest::new(name));
        let dir = ProjectDir::create(root, &mut project)?;
        Ok(Self::new(dir, project, LoadReport::default()))
    }

    /// The project (read it freely; change it only through [`Session::execute`]).
    #[must_use]
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The project folder.
    #[must_use]
    pub fn root(&self) -> &Path {
        self.dir.root()
    }

    /// What loading noticed.
    #[must_use]
    pub fn report(&self) -> &LoadReport {
        &self.report
    }

    /// Why the project cannot be edited, if it cannot.
    #[must_use]
    pub fn read_only(&self) -> Option<String> {
        self.dir.read_only_reason()
    }

    /// Who is coding, once known.
    #[must_use]
    pub fn coder(&self) -> Option<CoderId> {
        self.coder
    }

    /// Make `name` the coder: the coder of that name in the project, created when new. Creating
    /// a coder is not an undo step (it is who you are, not an edit of the study).
    pub fn set_coder(&mut self, name: &str) -> Result<CoderId, SessionError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(SessionError::EmptyCoderName);
        }
        if let Some(c) = self.project.coder_named(name) {
            self.coder = Some(c.id);
            return Ok(c.id);
        }
        self.writable(&format!("Adding coder {name:?}"))?;
        let coder = Coder::new(name, Color::palette(self.project.coders().len() + 3));
        let id = coder.id;
        let edit = Edit::PutCoder(coder);
        self.project
            .apply(edit.clone())
            .map_err(|source| SessionError::Edit {
                action: "Add the coder".into(),
                source,
            })?;
        self.journal(Op::Raw(edit));
        self.coder = Some(id);
        Ok(id)
    }

    /// The coder's display name.
    #[must_use]
    pub fn coder_name(&self) -> Option<&str> {
        self.coder
            .and_then(|c| self.project.coder(c))
            .map(|c| c.name.as_str())
    }

    /// The name of the step Undo would revert, and of the step Redo would re-apply.
    #[must_use]
    pub fn undo_redo_labels(&self) -> (Option<&str>, Option<&str>) {
        let (undo, redo) = self.undo_redo_steps();
        (
            undo.map(|s| s.label.as_str()),
            redo.map(|s| s.label.as_str()),
        )
    }

    /// The step Undo would revert, and the step Redo would re-apply (the window names them in
    /// its language).
    #[must_use]
    pub fn undo_redo_steps(&self) -> (Option<&Step>, Option<&Step>) {
        (self.history.next_undo(), self.history.next_redo())
    }

    /// Coding counts (cached until the next change that they cannot follow).
    pub fn counts(&mut self) -> &Counts {
        self.counts.get_or_insert_with(|| Counts::of(&self.project))
    }

    /// Count codings now if a change made the counts stale (see [`Session::cached_counts`]).
    pub fn refresh_counts(&mut self) {
        if self.counts.is_none() {
            self.counts = Some(Counts::of(&self.project));
        }
    }

    /// The counts as of the last [`Session::refresh_counts`] (empty before the first).
    #[must_use]
    pub fn cached_counts(&self) -> &Counts {
        static EMPTY: std::sync::OnceLock<Counts> = std::sync::OnceLock::new();
        self.counts
            .as_ref()
            .unwrap_or_else(|| EMPTY.get_or_init(Counts::default))
    }

    /// Apply `action` as one undo step. `Ok(None)` when it changes nothing.
    pub fn execute(&mut self, action: Action) -> Result<Option<Applied>, SessionError> {
        let label = action.label();
        let name = action.name();
        self.writable(&label)?;
        let typing = std::mem::take(&mut self.typing);
        let continues = match &action {
            Action::EditText {
                document,
                range,
                text,
            } => {
                let next = Typing {
                    document: *document,
                    caret: range.start + text.chars().count(),
                };
                let joins = typing.is_some_and(|t| {
                    t.document == *document
                        && !text.contains('\n')
                        && ((range.is_empty() && range.start == t.caret)
                            || (text.is_empty() && range.end == t.caret))
                });
                Some((next, joins))
            }
            _ => None,
        };
        let Some(plan) = rules::plan(&self.project, self.coder, action)? else {
            return Ok(None);
        };
        if plan.edit.is_empty() {
            return Ok(None);
        }
        let changes = Changes::of(&plan.edit);
        let step = Step {
            label,
            name,
            changes: match changes {
                Changes::Text { .. } => Changes::All,
                ref other => other.clone(),
            },
        };
        let tally = Tally::before(&changes, &self.project);
        let edit_error = |source| SessionError::Edit {
            action: step.label.clone(),
            source,
        };
        // A run of typing in one place is one undo step (a step that removed codings stands
        // alone, so that undoing it gives them back without undoing the typing before it).
        let joins = continues.is_some_and(|(_, joins)| joins)
            && plan.removed_codings == 0
            && self
                .history
                .next_undo()
                .is_some_and(|s| s.name == ActionName::EditText);
        if joins {
            self.history
                .extend_last(&mut self.project, plan.edit.clone())
                .map_err(edit_error)?;
        } else {
            let recorded = self
                .history
                .apply(&mut self.project, step.clone(), plan.edit.clone())
                .map_err(edit_error)?;
            if !recorded {
                return Ok(None);
            }
        }
        self.typing = continues.map(|(next, _)| next);
        tally.after(&self.project, &mut self.counts);
        self.journal(if joins {
            Op::Extend(plan.edit)
        } else {
            Op::Apply(plan.edit)
        });
        Ok(Some(Applied {
            step,
            created_coding: plan.created_coding,
            created_code: plan.created_code,
            merged: plan.merged,
            created_documents: plan.created_documents,
            removed_codings: plan.removed_codings,
            replaced: plan.replaced,
            changes,
        }))
    }

    /// Undo the last step; returns it.
    pub fn undo(&mut self) -> Result<Option<Step>, SessionError> {
        self.shift(true)
    }

    /// Redo the last undone step; returns it.
    pub fn redo(&mut self) -> Result<Option<Step>, SessionError> {
        self.shift(false)
    }

    fn shift(&mut self, undo: bool) -> Result<Option<Step>, SessionError> {
        self.typing = None;
        let what = if undo { "Undo" } else { "Redo" };
        self.writable(what)?;
        let next = if undo {
            self.history.next_undo()
        } else {
            self.history.next_redo()
        };
        let Some(step) = next.cloned() else {
            return Ok(None);
        };
        let tally = Tally::before(&step.changes, &self.project);
        let result = if undo {
            self.history.undo(&mut self.project)
        } else {
            self.history.redo(&mut self.project)
        };
        result.map_err(|source| SessionError::Edit {
            action: format!("{what} {}", step.label),
            source,
        })?;
        tally.after(&self.project, &mut self.counts);
        self.journal(if undo { Op::Undo } else { Op::Redo });
        Ok(Some(step))
    }

    /// Import files as documents, as one undo step. Files that fail are reported, one error
    /// each, and the others are still imported.
    pub fn import(
        &mut self,
        paths: &[PathBuf],
        options: &ImportOptions,
    ) -> (Option<Applied>, Vec<SessionError>) {
        if let Err(e) = self.writable("Import") {
            return (None, vec![e]);
        }
        let mut errors = Vec::new();
        let mut documents = Vec::new();
        let never = std::sync::atomic::AtomicBool::new(false);
        for (_, result) in read_files(paths, options, &never, |_| {}).results {
            match result {
                Ok(imported) => documents.push(imported.document),
                Err(e) => errors.push(SessionError::Import(e)),
            }
        }
        if documents.is_empty() {
            return (None, errors);
        }
        match self.execute(Action::AddDocuments(documents)) {
            Ok(applied) => (applied, errors),
            Err(e) => {
                errors.push(e);
                (None, errors)
            }
        }
    }

    /// Keep the positions that re-anchoring found when the project's texts had changed outside
    /// Margin (the user agreed): they are saved like any edit.
    pub fn accept_reanchoring(&mut self) {
        let keys: Vec<EntityKey> = self.report.take_pending().into_iter().collect();
        self.project.retouch(keys.iter().copied());
        self.journal(Op::Touch(keys));
    }

    // ---- saving ---------------------------------------------------------------------------------

    /// Save in the background from now on (the window): every change is sent to a saving
    /// thread that keeps its own copy. Nothing starts for a read-only project.
    pub fn start_autosave(&mut self) {
        if self.read_only().is_none() && !self.autosave.is_running() {
            self.journal.clear();
            self.autosave = Autosave::start(&self.dir, &mut self.project);
        }
    }

    /// The background saver (its status, what it last wrote).
    #[must_use]
    pub fn autosave(&self) -> &Autosave {
        &self.autosave
    }

    /// Hand the changes made since the last call to the saver and ask for a save when one is
    /// due; `now` is the caller's clock in seconds. Returns the seconds until the next call is
    /// needed, if one is.
    pub fn poll_save(&mut self, now: f64) -> Option<f64> {
        if self.autosave.is_running() {
            let ops = std::mem::take(&mut self.journal);
            // The copy marks what it changes; the session's marks would only grow.
            self.project.take_touched();
            self.autosave.record(ops, now);
        }
        self.autosave.poll(now)
    }

    /// Write every change to disk now (waiting for a running background save).
    pub fn save(&mut self) -> Result<(), SessionError> {
        if self.autosave.is_running() {
            let ops = std::mem::take(&mut self.journal);
            self.project.take_touched();
            return self.autosave.flush(ops).map_err(SessionError::Saver);
        }
        if self.read_only().is_none() {
            self.dir.save(&mut self.project)?;
        }
        Ok(())
    }

    fn journal(&mut self, op: Op) {
        if self.autosave.is_running() {
            self.journal.push(op);
        }
    }

    fn writable(&self, action: &str) -> Result<(), SessionError> {
        match self.read_only() {
            Some(reason) => Err(SessionError::ReadOnly {
                action: action.to_owned(),
                reason,
            }),
            None => Ok(()),
        }
    }
}
