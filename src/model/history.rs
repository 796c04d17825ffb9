//! Undo and redo: a cursor through the inverses of applied edits. Every operation the user can
//! take is one entry, however many entities it changes. Each entry carries a note of the
//! caller's choosing (a label, or what the step changed), kept with the step itself so that no
//! second stack has to stay in step with this one.

use super::edit::{Edit, EditError};
use super::project::Project;

/// Maximum undo steps kept.
const CAP: usize = 1000;

/// One undoable step: the caller's note (e.g. a label for the menu), and the edit that reverts
/// it.
#[derive(Clone, Debug)]
struct Step<N> {
    note: N,
    inverse: Edit,
}

/// The undo/redo history of one project; `N` is what each step notes about itself.
#[derive(Debug)]
pub struct History<N = String> {
    undo: Vec<Step<N>>,
    redo: Vec<Step<N>>,
}

impl<N> Default for History<N> {
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

impl History {
    /// An empty history whose steps are noted by their labels.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

impl<N: Clone> History<N> {
    /// Apply `edit` to `project` and record it as one undoable step noted `note`. Returns
    /// whether a step was recorded (an edit that changes nothing is not).
    pub fn apply(
        &mut self,
        project: &mut Project,
        note: impl Into<N>,
        edit: Edit,
    ) -> Result<bool, EditError> {
        let inverse = project.apply(edit)?;
        if inverse.is_empty() {
            return Ok(false);
        }
        self.undo.push(Step {
            note: note.into(),
            inverse,
        });
        if self.undo.len() > CAP {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(true)
    }

    /// Apply `edit` to `project` as part of the last step (a run of typing is one step): undo
    /// reverts both together. Refused (nothing applied) when there is no step to extend.
    pub fn extend_last(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        if self.undo.is_empty() {
            return Err(EditError::Missing("an undo step to extend".into()));
        }
        let inverse = project.apply(edit)?;
        if let Some(step) = self.undo.last_mut() {
            let earlier = std::mem::replace(&mut step.inverse, Edit::Batch(Vec::new()));
            step.inverse = Edit::Batch(vec![inverse, earlier]);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undo the last step; returns its note, or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<N>, EditError> {
        Self::shift(project, &mut self.undo, &mut self.redo)
    }

    /// Redo the last undone step; returns its note.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<N>, EditError> {
        Self::shift(project, &mut self.redo, &mut self.undo)
    }

    fn shift(
        project: &mut Project,
        from: &mut Vec<Step<N>>,
        to: &mut Vec<Step<N>>,
    ) -> Result<Option<N>, EditError> {
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        match project.apply(step.inverse.clone()) {
            Ok(inverse) => {
                let note = step.note.clone();
                to.push(Step {
                    note: step.note,
                    inverse,
                });
                Ok(Some(note))
            }
            Err(e) => {
                from.push(step);
                Err(e)
            }
        }
    }

    /// The note of the step Undo would revert.
    #[must_use]
    pub fn next_undo(&self) -> Option<&N> {
        self.undo.last().map(|s| &s.note)
    }

    /// The note of the step Redo would re-apply.
    #[must_use]
    pub fn next_redo(&self) -> Option<&N> {
        self.redo.last().map(|s| &s.note)
    }
}
