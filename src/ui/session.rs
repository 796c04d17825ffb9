//! An open project in the window: the folder, the project, its undo history and who is coding.
//! Turns the editing [`Command`]s into model [`Edit`]s and applies them through the history, so
//! every change is one undo step, and journals each operation ([`Op`]) so the autosaver can
//! replay it on its own copy of the project. No egui in here: the logic is tested directly.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;

use super::command::Command;
use crate::import::{ImportOptions, import_file};
use crate::model::{
    CharRange, Code, CodeId, Coder, CoderId, Coding, CodingId, Color, Document, DocumentId, Edit,
    EntityKey, History, Manifest, Memo, Project, SortKey,
};
use crate::store::{LoadReport, ProjectDir};

/// What an applied edit changed, for the views that cache what they show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changes {
    /// These codings were added, changed or removed (nothing else that views cache).
    Codings(Vec<CodingId>),
    /// Anything may have changed.
    All,
}

impl Changes {
    /// What `edit` will change.
    #[must_use]
    pub fn of(edit: &Edit) -> Self {
        fn walk(edit: &Edit, ids: &mut Vec<CodingId>) -> bool {
            match edit {
                Edit::PutCoding(c) => {
                    ids.push(c.id);
                    true
                }
                Edit::RemoveCoding(id) => {
                    ids.push(*id);
                    true
                }
                Edit::Batch(edits) => edits.iter().all(|e| walk(e, ids)),
                // Codes, memos and coders are read fresh every frame; documents are not.
                Edit::PutCode(_)
                | Edit::RemoveCode(_)
                | Edit::PutMemo(_)
                | Edit::RemoveMemo(_)
                | Edit::PutCoder(_) => true,
                _ => false,
            }
        }
        let mut ids = Vec::new();
        if walk(edit, &mut ids) {
            Changes::Codings(ids)
        } else {
            Changes::All
        }
    }
}

/// One operation on the project, as journaled for replay.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// An undoable edit, applied through the history.
    Apply {
        /// Its undo label.
        label: String,
        /// The edit.
        edit: Edit,
    },
    /// An edit outside the history (adding the coder).
    Raw(Edit),
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Mark entities to be saved as they are (re-anchored positions the user agreed to keep).
    Touch(Vec<EntityKey>),
}

impl Op {
    /// Apply the operation to `project` with `history`, as the session did.
    pub fn replay(&self, project: &mut Project, history: &mut History) -> Result<(), String> {
        let result = match self {
            Op::Apply { label, edit } => history.apply(project, label.clone(), edit.clone()),
            Op::Raw(edit) => project.apply(edit.clone()).map(drop),
            Op::Undo => history.undo(project).map(drop),
            Op::Redo => history.redo(project).map(drop),
            Op::Touch(keys) => {
                project.retouch(keys.iter().copied());
                Ok(())
            }
        };
        result.map_err(|e| e.to_string())
    }
}

/// Coding counts, kept up to date after edits.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    /// Codings per code (not including sub-codes).
    pub by_code: HashMap<CodeId, usize>,
    /// Codings per document.
    pub by_document: HashMap<DocumentId, usize>,
}

impl Counts {
    /// Count the codings of `project`.
    #[must_use]
    pub fn of(project: &Project) -> Self {
        let mut counts = Self::default();
        for c in project.codings().values() {
            *counts.by_code.entry(c.code).or_default() += 1;
            *counts.by_document.entry(c.document).or_default() += 1;
        }
        counts
    }

    fn add(&mut self, code: CodeId, document: DocumentId, n: isize) {
        for v in [
            self.by_code.entry(code).or_default(),
            self.by_document.entry(document).or_default(),
        ] {
            *v = v.saturating_add_signed(n);
        }
    }
}

/// Where the given codings are (code and document), to update counts across an edit.
fn placements(project: &Project, ids: &[CodingId]) -> Vec<Option<(CodeId, DocumentId)>> {
    ids.iter()
        .map(|id| project.coding(*id).map(|c| (c.code, c.document)))
        .collect()
}

/// An open project.
#[derive(Debug)]
pub struct Session {
    /// The folder (shared with the autosaver).
    pub dir: Arc<ProjectDir>,
    /// The project.
    pub project: Project,
    /// Undo and redo.
    pub history: History,
    /// Who is coding, once known.
    pub coder: Option<CoderId>,
    /// What loading noticed.
    pub report: LoadReport,
    counts: Option<Counts>,
    journal: Vec<Op>,
    /// What each undo step (and redo step) changes, in step with the history, so undo and redo
    /// update the views and counts as narrowly as the edit did.
    undo_changes: Vec<Changes>,
    redo_changes: Vec<Changes>,
}

/// Steps kept in the change stacks (the history keeps as many).
const STEPS: usize = 1000;

/// The result of applying an editing command.
#[derive(Debug, PartialEq, Eq)]
pub struct Applied {
    /// What changed.
    pub changes: Changes,
    /// A coding the command created (to select it).
    pub created_coding: Option<CodingId>,
    /// A code the command created.
    pub created_code: Option<CodeId>,
}

impl Session {
    /// Open the project in `root`.
    pub fn open(root: &Path) -> Result<Self, String> {
        let opened = ProjectDir::open(root).map_err(|e| {
            log::error!(
                "could not open {}: {}",
                root.display(),
                crate::logging::redact(&e.to_string())
            );
            e.to_string()
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
        Ok(Self {
            dir: Arc::new(opened.dir),
            project: opened.project,
            history: History::new(),
            coder: None,
            report: opened.report,
            counts: None,
            journal: Vec::new(),
            undo_changes: Vec::new(),
            redo_changes: Vec::new(),
        })
    }

    /// Create an empty project in `root` (absent or empty) and open it.
    pub fn create(root: &Path) -> Result<Self, String> {
        let name = root.file_name().map_or_else(
            || "New project".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut project = Project::new(Manifest::new(name));
        let dir = ProjectDir::create(root, &mut project).map_err(|e| e.to_string())?;
        Ok(Self {
            dir: Arc::new(dir),
            project,
            history: History::new(),
            coder: None,
            report: LoadReport::default(),
            counts: None,
            journal: Vec::new(),
            undo_changes: Vec::new(),
            redo_changes: Vec::new(),
        })
    }

    /// The project folder.
    #[must_use]
    pub fn root(&self) -> &Path {
        self.dir.root()
    }

    /// Why the project cannot be edited, if it cannot.
    #[must_use]
    pub fn read_only(&self) -> Option<String> {
        self.dir.read_only_reason()
    }

    /// Make `name` the coder: the coder of that name in the project, created when new. Creating
    /// a coder is not an undo step (it is who you are, not an edit of the study).
    pub fn set_coder(&mut self, name: &str) -> Result<CoderId, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("the coder's name is empty".into());
        }
        if let Some(c) = self.project.coder_named(name) {
            self.coder = Some(c.id);
            return Ok(c.id);
        }
        if let Some(reason) = self.read_only() {
            return Err(format!("cannot add coder {name:?}: {reason}"));
        }
        let coder = Coder::new(name, Color::palette(self.project.coders().len() + 3));
        let id = coder.id;
        let edit = Edit::PutCoder(coder);
        self.project
            .apply(edit.clone())
            .map_err(|e| e.to_string())?;
        self.journal.push(Op::Raw(edit));
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

    /// Coding counts (cached until the next edit).
    pub fn counts(&mut self) -> &Counts {
        self.counts.get_or_insert_with(|| Counts::of(&self.project))
    }

    /// Count codings now if an edit made the counts stale (see [`Session::cached_counts`]).
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

    /// Apply an editing command as one undo step. Returns `Ok(None)` for commands that are not
    /// edits (the app handles those) and for edits that change nothing.
    pub fn execute(&mut self, command: &Command) -> Result<Option<Applied>, String> {
        let Some((edit, created_coding, created_code)) = self.edit_for(command)? else {
            return Ok(None);
        };
        if let Some(reason) = self.read_only() {
            return Err(format!("{} is not possible: {reason}", command.label()));
        }
        if edit.is_empty() {
            return Ok(None);
        }
        let changes = Changes::of(&edit);
        let before = match &changes {
            Changes::Codings(ids) => placements(&self.project, ids),
            Changes::All => Vec::new(),
        };
        let label = command.label();
        self.history
            .apply(&mut self.project, label.clone(), edit.clone())
            .map_err(|e| format!("{label}: {e}"))?;
        self.journal.push(Op::Apply { label, edit });
        self.update_counts(&changes, before);
        self.push_step(changes.clone());
        Ok(Some(Applied {
            changes,
            created_coding,
            created_code,
        }))
    }

    /// Record what a new undo step changes (a new step clears what could be redone).
    fn push_step(&mut self, changes: Changes) {
        self.undo_changes.push(changes);
        if self.undo_changes.len() > STEPS {
            self.undo_changes.remove(0);
        }
        self.redo_changes.clear();
    }

    /// Keep the counts up to date across an edit of the codings `changes` names, given where
    /// they were before it.
    fn update_counts(&mut self, changes: &Changes, before: Vec<Option<(CodeId, DocumentId)>>) {
        match (changes, &mut self.counts) {
            (Changes::Codings(ids), Some(counts)) => {
                let after = placements(&self.project, ids);
                for (b, a) in before.into_iter().zip(after) {
                    if let Some((code, doc)) = b {
                        counts.add(code, doc, -1);
                    }
                    if let Some((code, doc)) = a {
                        counts.add(code, doc, 1);
                    }
                }
            }
            _ => self.counts = None,
        }
    }

    /// Undo the last step; returns its label and what it changed.
    pub fn undo(&mut self) -> Result<Option<(String, Changes)>, String> {
        self.shift(true)
    }

    /// Redo the last undone step; returns its label and what it changed.
    pub fn redo(&mut self) -> Result<Option<(String, Changes)>, String> {
        self.shift(false)
    }

    fn shift(&mut self, undo: bool) -> Result<Option<(String, Changes)>, String> {
        let what = if undo { "undo" } else { "redo" };
        if let Some(reason) = self.read_only() {
            return Err(format!("cannot {what}: {reason}"));
        }
        let changes = if undo {
            self.undo_changes.last()
        } else {
            self.redo_changes.last()
        }
        .cloned()
        .unwrap_or(Changes::All);
        let before = match &changes {
            Changes::Codings(ids) => placements(&self.project, ids),
            Changes::All => Vec::new(),
        };
        let result = if undo {
            self.history.undo(&mut self.project)
        } else {
            self.history.redo(&mut self.project)
        };
        let Some(label) = result.map_err(|e| format!("{what} failed: {e}"))? else {
            return Ok(None);
        };
        let (from, to) = if undo {
            (&mut self.undo_changes, &mut self.redo_changes)
        } else {
            (&mut self.redo_changes, &mut self.undo_changes)
        };
        from.pop();
        to.push(changes.clone());
        self.journal.push(if undo { Op::Undo } else { Op::Redo });
        self.update_counts(&changes, before);
        Ok(Some((label, changes)))
    }

    /// Keep the positions that re-anchoring found when the project's texts had changed outside
    /// Margin (the user agreed): they are saved like any edit.
    pub fn accept_reanchoring(&mut self) {
        let keys: Vec<EntityKey> = self.report.take_pending().into_iter().collect();
        self.project.retouch(keys.iter().copied());
        self.journal.push(Op::Touch(keys));
    }

    /// The operations applied since the last call, in order (for the autosaver).
    pub fn take_journal(&mut self) -> Vec<Op> {
        std::mem::take(&mut self.journal)
    }

    fn require_coder(&self) -> Result<CoderId, String> {
        self.coder.ok_or_else(|| {
            "tell Margin who is coding first (Project menu, Change coder…)".to_owned()
        })
    }

    fn document(&self, id: DocumentId) -> Result<&Document, String> {
        self.project
            .document(id)
            .ok_or_else(|| "that document no longer exists".to_owned())
    }

    fn code(&self, id: CodeId) -> Result<&Code, String> {
        self.project
            .code(id)
            .ok_or_else(|| "that code no longer exists".to_owned())
    }

    fn coding(&self, id: CodingId) -> Result<&Coding, String> {
        self.project
            .coding(id)
            .ok_or_else(|| "that coding no longer exists".to_owned())
    }

    /// A sort key after the last child of `parent`.
    fn last_key(&self, parent: Option<CodeId>) -> SortKey {
        let siblings = self.project.child_codes(parent);
        SortKey::after(siblings.last().map(|c| &c.sort_key))
    }

    /// The edit a command makes, with the coding and code it creates. `Ok(None)` for commands
    /// that are not edits.
    #[allow(clippy::too_many_lines, clippy::type_complexity)]
    fn edit_for(
        &self,
        command: &Command,
    ) -> Result<Option<(Edit, Option<CodingId>, Option<CodeId>)>, String> {
        let edit = |e: Edit| Ok(Some((e, None, None)));
        match command {
            Command::ApplyCode {
                document,
                range,
                code,
            } => {
                let coder = self.require_coder()?;
                let doc = self.document(*document)?;
                self.code(*code)?;
                // (The window skips codings that would repeat one exactly, using its index.)
                let range = trim_range(doc, *range)
                    .ok_or_else(|| "select some text to code first".to_owned())?;
                let coding = Coding::new(*document, &doc.text, range, *code, coder);
                let id = coding.id;
                Ok(Some((Edit::PutCoding(Box::new(coding)), Some(id), None)))
            }
            Command::Autocode { hits, code, scope } => {
                let coder = self.require_coder()?;
                self.code(*code)?;
                let plan = crate::analysis::search::autocode(
                    &self.project,
                    hits.iter().copied(),
                    *code,
                    coder,
                    *scope,
                )
                .map_err(|e| e.to_string())?;
                edit(plan.edit)
            }
            Command::InVivo { document, range } => {
                let coder = self.require_coder()?;
                let doc = self.document(*document)?;
                let range = trim_range(doc, *range)
                    .ok_or_else(|| "select the words to make an in-vivo code from".to_owned())?;
                let name = in_vivo_name(doc.text.slice(range));
                // The same words coded again reuse their in-vivo code.
                if let Some(existing) = self
                    .project
                    .codes()
                    .values()
                    .find(|c| c.in_vivo && c.name == name)
                {
                    let coding = Coding::new(*document, &doc.text, range, existing.id, coder);
                    let id = coding.id;
                    return Ok(Some((Edit::PutCoding(Box::new(coding)), Some(id), None)));
                }
                let mut code = Code::new(
                    name,
                    Color::palette(self.project.codes().len()),
                    self.last_key(None),
                );
                code.in_vivo = true;
                let coding = Coding::new(*document, &doc.text, range, code.id, coder);
                let (coding_id, code_id) = (coding.id, code.id);
                Ok(Some((
                    Edit::Batch(vec![Edit::PutCode(code), Edit::PutCoding(Box::new(coding))]),
                    Some(coding_id),
                    Some(code_id),
                )))
            }
            Command::RemoveCoding(id) => {
                self.coding(*id)?;
                edit(Edit::remove_coding(&self.project, *id))
            }
            Command::ChangeCodingCode { coding, code } => {
                self.code(*code)?;
                let mut c = self.coding(*coding)?.clone();
                if c.code == *code {
                    return Ok(None);
                }
                c.code = *code;
                edit(Edit::PutCoding(Box::new(c)))
            }
            Command::SetCodingRange { coding, range } => {
                let mut c = self.coding(*coding)?.clone();
                let doc = self.document(c.document)?;
                let range = trim_range(doc, *range)
                    .ok_or_else(|| "a coding must cover at least one character".to_owned())?;
                if c.range == range {
                    return Ok(None);
                }
                c.range = range;
                c.anchor = crate::model::Anchor::capture(&doc.text, range);
                edit(Edit::PutCoding(Box::new(c)))
            }
            Command::SetCodingMemo { coding, memo } => {
                let mut c = self.coding(*coding)?.clone();
                let memo = (!memo.trim().is_empty()).then(|| memo.clone());
                if c.memo == memo {
                    return Ok(None);
                }
                c.memo = memo;
                edit(Edit::PutCoding(Box::new(c)))
            }
            Command::CreateCode { name, parent } => {
                let name = name.trim();
                if name.is_empty() {
                    return Err("a code needs a name".into());
                }
                if let Some(p) = parent {
                    self.code(*p)?;
                }
                let mut code = Code::new(
                    name,
                    Color::palette(self.project.codes().len()),
                    self.last_key(*parent),
                );
                code.parent = *parent;
                let id = code.id;
                Ok(Some((Edit::PutCode(code), None, Some(id))))
            }
            Command::RenameCode { code, name } => {
                let name = name.trim();
                if name.is_empty() {
                    return Err("a code needs a name".into());
                }
                let mut c = self.code(*code)?.clone();
                if c.name == name {
                    return Ok(None);
                }
                name.clone_into(&mut c.name);
                edit(Edit::PutCode(c))
            }
            Command::RecolorCode { code, color } => {
                let mut c = self.code(*code)?.clone();
                if c.color == *color {
                    return Ok(None);
                }
                c.color = *color;
                edit(Edit::PutCode(c))
            }
            Command::DescribeCode { code, description } => {
                let mut c = self.code(*code)?.clone();
                if c.description == *description {
                    return Ok(None);
                }
                c.description.clone_from(description);
                edit(Edit::PutCode(c))
            }
            Command::SetCodeShortcut { code, key } => {
                let mut edits = Vec::new();
                if let Some(k) = key {
                    // A key belongs to one code: take it from any other.
                    for other in self.project.codes().values() {
                        if other.id != *code && other.shortcut == Some(*k) {
                            let mut o = other.clone();
                            o.shortcut = None;
                            edits.push(Edit::PutCode(o));
                        }
                    }
                }
                let mut c = self.code(*code)?.clone();
                if c.shortcut == *key {
                    return Ok(None);
                }
                c.shortcut = *key;
                edits.push(Edit::PutCode(c));
                edit(Edit::Batch(edits))
            }
            Command::MoveCode {
                code,
                parent,
                before,
            } => {
                let mut c = self.code(*code)?.clone();
                if *before == Some(*code) {
                    return Ok(None);
                }
                if let Some(p) = parent
                    && self.project.code_and_descendants(*code).contains(p)
                {
                    return Err(format!("“{}” cannot go under its own sub-code", c.name));
                }
                let siblings: Vec<&Code> = self
                    .project
                    .child_codes(*parent)
                    .into_iter()
                    .filter(|s| s.id != *code)
                    .collect();
                let at = before
                    .and_then(|b| siblings.iter().position(|s| s.id == b))
                    .unwrap_or(siblings.len());
                let prev = at.checked_sub(1).map(|i| &siblings[i].sort_key);
                let next = siblings.get(at).map(|s| &s.sort_key);
                // Already in place?
                let now_prev = self
                    .project
                    .child_codes(c.parent)
                    .into_iter()
                    .take_while(|s| s.id != *code)
                    .last()
                    .map(|s| s.id);
                if c.parent == *parent && now_prev == at.checked_sub(1).map(|i| siblings[i].id) {
                    return Ok(None);
                }
                c.sort_key = SortKey::between(prev, next);
                c.parent = *parent;
                edit(Edit::PutCode(c))
            }
            Command::MergeCodes { from, into } => {
                if from == into {
                    return Err("a code cannot be merged into itself".into());
                }
                let from_code = self.code(*from)?;
                self.code(*into)?;
                if self.project.code_and_descendants(*from).contains(into) {
                    return Err(format!(
                        "“{}” cannot be merged into its own sub-code",
                        from_code.name
                    ));
                }
                edit(Edit::merge_codes(&self.project, *from, *into))
            }
            Command::DeleteCode(code) => {
                self.code(*code)?;
                edit(Edit::delete_code(&self.project, *code))
            }
            Command::SetMemo { target, text } => {
                let existing = self.project.memos_on(*target).into_iter().next().cloned();
                match existing {
                    Some(m) if text.trim().is_empty() => edit(Edit::RemoveMemo(m.id)),
                    Some(mut m) => {
                        if m.text == *text {
                            return Ok(None);
                        }
                        m.text.clone_from(text);
                        m.modified = Utc::now();
                        edit(Edit::PutMemo(m))
                    }
                    None if text.trim().is_empty() => Ok(None),
                    None => edit(Edit::PutMemo(Memo::new(*target, text.clone(), self.coder))),
                }
            }
            Command::ReviewEdit { edit: e, .. } => edit(e.clone()),
            _ => Ok(None),
        }
    }

    /// Import files as documents, as one undo step. Files that fail are reported, one message
    /// each, and the others are still imported.
    pub fn import(&mut self, paths: &[PathBuf]) -> (Vec<DocumentId>, Vec<String>) {
        if let Some(reason) = self.read_only() {
            return (Vec::new(), vec![format!("cannot import: {reason}")]);
        }
        let mut errors = Vec::new();
        let mut documents = Vec::new();
        for path in paths {
            match import_file(path, &ImportOptions::default()) {
                Ok(imported) => documents.push(imported.document),
                Err(e) => errors.push(format!("could not import {e}")),
            }
        }
        match self.add_documents(documents) {
            Ok(ids) => (ids, errors),
            Err(e) => {
                errors.push(e);
                (Vec::new(), errors)
            }
        }
    }

    /// Add documents (imported by any importer) as one undo step; returns their ids.
    pub fn add_documents(&mut self, documents: Vec<Document>) -> Result<Vec<DocumentId>, String> {
        if documents.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(reason) = self.read_only() {
            return Err(format!("cannot add documents: {reason}"));
        }
        let ids: Vec<DocumentId> = documents.iter().map(|d| d.id).collect();
        let label = match ids.len() {
            1 => "Import a file".to_owned(),
            n => format!("Import {n} files"),
        };
        let edit = Edit::Batch(
            documents
                .into_iter()
                .map(|d| Edit::PutDocument(Box::new(d)))
                .collect(),
        );
        self.history
            .apply(&mut self.project, label.clone(), edit.clone())
            .map_err(|e| format!("could not add the imported documents: {e}"))?;
        self.journal.push(Op::Apply { label, edit });
        self.counts = None;
        self.push_step(Changes::All);
        Ok(ids)
    }
}

/// `range` without leading and trailing whitespace; `None` when nothing is left.
#[must_use]
pub fn trim_range(doc: &Document, range: CharRange) -> Option<CharRange> {
    let len = doc.text.char_len();
    let range = CharRange::new(range.start.min(len), range.end.min(len));
    let s = doc.text.slice(range);
    let lead = s.chars().take_while(|c| c.is_whitespace()).count();
    let trail = s.chars().rev().take_while(|c| c.is_whitespace()).count();
    let r = CharRange::new(range.start + lead, range.end.saturating_sub(trail));
    (!r.is_empty()).then_some(r)
}

/// The name of an in-vivo code made from `text`: whitespace collapsed, at most 40 characters.
#[must_use]
pub fn in_vivo_name(text: &str) -> String {
    const MAX: usize = 40;
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let collapsed = collapsed.trim_matches(|c: char| "\"“”'‘’「」『』".contains(c));
    if collapsed.chars().count() <= MAX {
        collapsed.to_owned()
    } else {
        let mut s: String = collapsed.chars().take(MAX - 1).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{DocumentKind, MemoTarget, Text};

    fn session() -> (tempfile::TempDir, Session, DocumentId) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("study");
        let mut s = Session::create(&root).unwrap();
        s.set_coder("Lin").unwrap();
        let doc = Document::new(
            "G1",
            DocumentKind::Notes,
            Text::new("  我们都叫它毕业。 We call it graduating.  "),
        );
        let id = doc.id;
        s.project.apply(Edit::PutDocument(Box::new(doc))).unwrap();
        (dir, s, id)
    }

    fn create_code(s: &mut Session, name: &str, parent: Option<CodeId>) -> CodeId {
        s.execute(&Command::CreateCode {
            name: name.into(),
            parent,
        })
        .unwrap()
        .unwrap()
        .created_code
        .unwrap()
    }

    #[test]
    fn coding_trims_whitespace_and_is_one_undo_step() {
        let (_dir, mut s, doc) = session();
        let code = create_code(&mut s, "Graduate", None);
        let applied = s
            .execute(&Command::ApplyCode {
                document: doc,
                range: CharRange::new(0, 11),
                code,
            })
            .unwrap()
            .unwrap();
        let id = applied.created_coding.unwrap();
        assert_eq!(applied.changes, Changes::Codings(vec![id]));
        assert_eq!(s.project.coding(id).unwrap().range, CharRange::new(2, 10));
        let (label, changes) = s.undo().unwrap().unwrap();
        assert_eq!(label, "Code selection");
        assert_eq!(changes, Changes::Codings(vec![id]));
        assert!(s.project.codings().is_empty());
        assert_eq!(s.redo().unwrap().unwrap().0, "Code selection");
        assert_eq!(s.project.codings().len(), 1);
        assert_eq!(s.counts().by_code[&code], 1);
    }

    #[test]
    fn counts_follow_edits_and_the_journal_replays_them_exactly() {
        let (_dir, mut s, doc) = session();
        let start = s.project.clone();
        s.take_journal();
        let mut replica = start.clone();
        let mut replica_history = History::new();
        assert!(s.counts().by_code.is_empty());
        let a = create_code(&mut s, "A", None);
        let b = create_code(&mut s, "B", None);
        let apply = |s: &mut Session, range, code| {
            s.execute(&Command::ApplyCode {
                document: doc,
                range,
                code,
            })
            .unwrap()
            .unwrap()
            .created_coding
            .unwrap()
        };
        let c1 = apply(&mut s, CharRange::new(2, 5), a);
        apply(&mut s, CharRange::new(4, 9), a);
        s.execute(&Command::ChangeCodingCode {
            coding: c1,
            code: b,
        })
        .unwrap();
        assert_eq!((s.counts().by_code[&a], s.counts().by_code[&b]), (1, 1));
        assert_eq!(s.counts().by_document[&doc], 2);
        s.execute(&Command::MergeCodes { from: b, into: a })
            .unwrap();
        assert_eq!(s.counts().by_code[&a], 2);
        s.undo().unwrap();
        assert_eq!(s.counts().by_code[&b], 1);
        s.redo().unwrap();
        s.undo().unwrap();
        for op in s.take_journal() {
            op.replay(&mut replica, &mut replica_history).unwrap();
        }
        assert_eq!(replica.codings(), s.project.codings());
        assert_eq!(replica.codes(), s.project.codes());
        assert!(s.take_journal().is_empty());
    }

    #[test]
    fn in_vivo_makes_a_code_named_after_the_words() {
        let (_dir, mut s, doc) = session();
        let applied = s
            .execute(&Command::InVivo {
                document: doc,
                range: CharRange::new(7, 9),
            })
            .unwrap()
            .unwrap();
        let code = s.project.code(applied.created_code.unwrap()).unwrap();
        assert_eq!(code.name, "毕业");
        assert!(code.in_vivo);
        let coding = s.project.coding(applied.created_coding.unwrap()).unwrap();
        assert_eq!(coding.code, code.id);
        s.undo().unwrap();
        assert!(s.project.codes().is_empty() && s.project.codings().is_empty());
    }

    #[test]
    fn move_code_reorders_and_nests_but_refuses_cycles() {
        let (_dir, mut s, _) = session();
        let a = create_code(&mut s, "A", None);
        let b = create_code(&mut s, "B", None);
        let c = create_code(&mut s, "C", None);
        s.execute(&Command::MoveCode {
            code: c,
            parent: None,
            before: Some(a),
        })
        .unwrap();
        let names = |s: &Session| {
            s.project
                .code_tree()
                .iter()
                .map(|(d, c)| format!("{d}{}", c.name))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&s), ["0C", "0A", "0B"]);
        s.execute(&Command::MoveCode {
            code: b,
            parent: Some(c),
            before: None,
        })
        .unwrap();
        assert_eq!(names(&s), ["0C", "1B", "0A"]);
        let err = s
            .execute(&Command::MoveCode {
                code: c,
                parent: Some(b),
                before: None,
            })
            .unwrap_err();
        assert!(err.contains("own sub-code"), "{err}");
        // Moving a code to where it already is changes nothing.
        assert_eq!(
            s.execute(&Command::MoveCode {
                code: a,
                parent: None,
                before: None
            }),
            Ok(None)
        );
    }

    #[test]
    fn shortcut_keys_belong_to_one_code() {
        let (_dir, mut s, _) = session();
        let a = create_code(&mut s, "A", None);
        let b = create_code(&mut s, "B", None);
        for code in [a, b] {
            s.execute(&Command::SetCodeShortcut {
                code,
                key: Some('g'),
            })
            .unwrap();
        }
        assert_eq!(s.project.code(a).unwrap().shortcut, None);
        assert_eq!(s.project.code(b).unwrap().shortcut, Some('g'));
    }

    #[test]
    fn memos_are_created_edited_and_removed() {
        let (_dir, mut s, doc) = session();
        let target = MemoTarget::Document(doc);
        let set = |s: &mut Session, text: &str| {
            s.execute(&Command::SetMemo {
                target,
                text: text.into(),
            })
        };
        set(&mut s, "first reading").unwrap().unwrap();
        set(&mut s, "second reading").unwrap().unwrap();
        let memos = s.project.memos_on(target);
        assert_eq!(memos.len(), 1);
        assert_eq!(memos[0].text, "second reading");
        assert_eq!(memos[0].author, s.coder);
        set(&mut s, "  ").unwrap().unwrap();
        assert!(s.project.memos_on(target).is_empty());
    }

    #[test]
    fn in_vivo_names_are_short_and_clean() {
        assert_eq!(in_vivo_name(" “step in\n a  pit” "), "step in a pit");
        let long = "走".repeat(50);
        assert_eq!(in_vivo_name(&long).chars().count(), 40);
        assert!(in_vivo_name(&long).ends_with('…'));
    }
}
