//! Store errors. Each names the file, and for parse errors the line and column.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

use super::lock::LockInfo;

/// One problem found in a project folder: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file (relative to the project folder when it is inside it).
    pub path: PathBuf,
    /// Line and column (1-based), when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem with a whole file.
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Why a project could not be opened, created or saved.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Reading or writing a file failed.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error (said in the message, so not also given as its source).
        error: std::io::Error,
    },
    /// The folder holds no `margin.ron`.
    #[error("{} is not a Margin project (no margin.ron)", .0.display())]
    NotAProject(PathBuf),
    /// The folder already holds something, so a new project is not created there.
    #[error("{} already exists and is not empty", .0.display())]
    NotEmpty(PathBuf),
    /// The project was written by a newer Margin.
    #[error("{}: format version {found} is newer than this Margin understands (up to {supported}); update Margin", path.display())]
    TooNew {
        /// The manifest.
        path: PathBuf,
        /// Its version.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
    /// Files of the project are malformed or inconsistent; nothing was written.
    #[error("the project could not be loaded ({} problem{}):\n{}", .0.len(), if .0.len() == 1 { "" } else { "s" }, ProblemList(.0))]
    Invalid(Vec<Problem>),
    /// Another Margin holds the project; it was opened read-only.
    #[error("the project is open read-only: {0}")]
    ReadOnly(LockInfo),
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  {p}")?;
        }
        Ok(())
    }
}

/// Attach a path to an I/O error.
pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> StoreError {
    let path = path.into();
    move |error| StoreError::Io { path, error }
}
