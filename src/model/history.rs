//! Undo and redo: a cursor through the inverses of applied edits. Every operation the user can
//! take is one entry, however many entities it changes.

use super::edit::{Edit, EditError};
use super::project::Project;

/// Maximum undo steps kept.
const CAP: usize = 1000;

/// One undoable step: a label for the menu, and the edit that reverts it.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    inverse: Edit,
}

/// The undo/redo history of one project.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// An empty history.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Apply `edit` to `project` and record it as one undoable step named `label`.
    pub fn apply(
        &mut self,
        project: &mut Project,
        label: impl Into<String>,
        edit: Edit,
    ) -> Result<(), EditError> {
        let inverse = project.apply(edit)?;
        if inverse.is_empty() {
            return Ok(());
        }
        self.undo.push(Step {
            label: label.into(),
            inverse,
        });
        if self.undo.len() > CAP {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undo the last step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        Self::shift(project, &mut self.undo, &mut self.redo)
    }

    /// Redo the last undone step; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        Self::shift(project, &mut self.redo, &mut self.undo)
    }

    fn shift(
        project: &mut Project,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
    ) -> Result<Option<String>, EditError> {
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        match project.apply(step.inverse.clone()) {
            Ok(inverse) => {
                let label = step.label.clone();
                to.push(Step {
                    label: step.label,
                    inverse,
                });
                Ok(Some(label))
            }
            Err(e) => {
                from.push(step);
                Err(e)
            }
        }
    }

    /// The label of the step Undo would revert.
    #[must_use]
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step Redo would re-apply.
    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }
}
