//! Why a change was refused or failed: one typed error for the session, so the window and the
//! command line can each say it in their own words (and languages).

use std::path::PathBuf;

use thiserror::Error;

use crate::analysis::error::AnalysisError;
use crate::import::ImportError;
use crate::model::EditError;
use crate::store::StoreError;

/// Something the action names that the project no longer has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gone {
    /// A document.
    Document,
    /// A code.
    Code,
    /// A coding.
    Coding,
}

impl std::fmt::Display for Gone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Gone::Document => "document",
            Gone::Code => "code",
            Gone::Coding => "coding",
        })
    }
}

/// Why the session refused or could not complete an action.
#[derive(Debug, Error)]
pub enum SessionError {
    /// No coder has been named yet.
    #[error("tell Margin who is coding first (Project menu, Change coder…)")]
    NoCoder,
    /// The coder's name is empty.
    #[error("the coder's name is empty")]
    EmptyCoderName,
    /// The action names something that is gone (e.g. deleted meanwhile).
    #[error("that {0} no longer exists")]
    Gone(Gone),
    /// Only whitespace is selected.
    #[error("select some text first")]
    EmptySelection,
    /// A code needs a name.
    #[error("a code needs a name")]
    EmptyName,
    /// A code cannot go under itself or one of its sub-codes.
    #[error("“{0}” cannot go under its own sub-code")]
    UnderOwnSubcode(String),
    /// A code cannot be merged into itself.
    #[error("a code cannot be merged into itself")]
    MergeIntoItself,
    /// A code cannot be merged into one of its sub-codes.
    #[error("“{0}” cannot be merged into its own sub-code")]
    MergeIntoSubcode(String),
    /// The project is open read-only.
    #[error("{action} is not possible: {reason}")]
    ReadOnly {
        /// What was asked.
        action: String,
        /// Why the project is read-only.
        reason: String,
    },
    /// The model refused the edit.
    #[error("{action}: {source}")]
    Edit {
        /// What was asked.
        action: String,
        /// Why.
        source: EditError,
    },
    /// Planning codings of search hits failed.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    /// A file could not be imported.
    #[error("could not import {0}")]
    Import(#[from] ImportError),
    /// Another copy of the project could not be read.
    #[error("could not read {}: {source}", path.display())]
    OtherCopy {
        /// The other copy's folder.
        path: PathBuf,
        /// Why.
        source: StoreError,
    },
    /// Opening, creating or saving the project failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The background saver stopped or fell out of step.
    #[error("{0}")]
    Saver(String),
    /// A case or an attribute was given no name.
    #[error("a case or an attribute needs a name")]
    EmptyCaseName,
    /// Another case (or attribute) has that name.
    #[error("“{0}” is already taken")]
    NameTaken(String),
    /// The case or attribute is gone.
    #[error("that case or attribute no longer exists")]
    GoneCase,
}
