//! Errors as the window says them, in its language: the window's own ([`UiError`]), and the
//! session's typed errors ([`SessionError`]), each mapped to a message here, keeping the names and paths they carry; the
//! detail of an error from below (a file that would not load, an edit the model refused) is
//! that error's own text, with its file, line and column.

use std::path::PathBuf;

use super::i18n::tr;
use crate::analysis::error::AnalysisError;
use crate::export::ExportError;
use crate::session::{Gone, SessionError};

/// What the window says for a session error.
#[must_use]
pub fn session_error(e: &SessionError) -> String {
    match e {
        SessionError::NoCoder => tr!("error-no-coder").into(),
        SessionError::EmptyCoderName => tr!("error-empty-coder-name").into(),
        SessionError::Gone(Gone::Document) => tr!("error-gone-document").into(),
        SessionError::Gone(Gone::Code) => tr!("error-gone-code").into(),
        SessionError::Gone(Gone::Coding) => tr!("error-gone-coding").into(),
        SessionError::EmptySelection => tr!("error-empty-selection").into(),
        SessionError::EmptyName => tr!("error-empty-name").into(),
        SessionError::UnderOwnSubcode(code) => {
            tr!("error-under-own-subcode", code = code.as_str())
        }
        SessionError::MergeIntoItself => tr!("error-merge-into-itself").into(),
        SessionError::MergeIntoSubcode(code) => {
            tr!("error-merge-into-subcode", code = code.as_str())
        }
        SessionError::ReadOnly { reason, .. } => tr!("error-read-only", reason = reason.as_str()),
        SessionError::Edit { source, .. } => tr!("error-edit", error = source.to_string()),
        SessionError::Analysis(source) => tr!("error-analysis", error = source.to_string()),
        SessionError::Import(source) => tr!("error-import", error = source.to_string()),
        SessionError::OtherCopy { path, source } => tr!(
            "review-merge-unreadable",
            path = path.display().to_string(),
            error = source.to_string()
        ),
        SessionError::Store(source) => tr!("error-store", error = source.to_string()),
        SessionError::Saver(reason) => tr!("error-saver", error = reason.as_str()),
        SessionError::EmptyCaseName => tr!("error-empty-case-name").into(),
        SessionError::NameTaken(name) => tr!("error-name-taken", name = name.as_str()),
        SessionError::GoneCase => tr!("error-gone-case").into(),
    }
}

/// Why something the window was asked could not be done, before it reaches the project: a
/// form not filled in, a filter that does not parse, a file that cannot be written. Each says
/// itself in the window's language (its `Display`), keeping the path or the input it is about;
/// an error from below (a filter the analysis rejects, a file the export cannot write) is its
/// source, shown with its own detail.
#[derive(Debug)]
pub enum UiError {
    /// Go to: no document is open.
    NoDocument,
    /// Go to: the input is no message number, day or time.
    BadJump,
    /// Go to: nothing at the place typed.
    NothingAt(String),
    /// Retrieval: no code chosen.
    ChooseCode,
    /// Retrieval: no second code chosen for a combination.
    ChooseSecondCode,
    /// A filter, a retrieval or a table the analysis refused (a bad date, an unknown attribute).
    Analysis(AnalysisError),
    /// The excerpts could not be written.
    Export(ExportError),
    /// New project: no name.
    NoProjectName,
    /// New project: the name cannot be a folder's.
    BadProjectName(String),
    /// New project: the folder it goes in does not exist.
    NoFolder(PathBuf),
    /// New project: its folder exists and holds files.
    NotEmpty(PathBuf),
    /// New project: its folder's name is taken by a file.
    Exists(PathBuf),
    /// The settings file does not parse (the defaults are used).
    ConfigRead {
        /// The settings file.
        path: PathBuf,
        /// Where: line.
        line: usize,
        /// Where: column.
        column: usize,
        /// What is wrong.
        error: String,
    },
    /// The settings file could not be read (the defaults are used).
    ConfigOpen {
        /// The settings file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The settings could not be turned into text.
    ConfigFormat(String),
    /// The settings file could not be written.
    ConfigWrite {
        /// The settings file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl std::fmt::Display for UiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = |p: &PathBuf| p.display().to_string();
        let text = match self {
            UiError::NoDocument => tr!("goto-no-document").to_owned(),
            UiError::BadJump => tr!("goto-how").to_owned(),
            UiError::NothingAt(input) => tr!("goto-nothing", input = input.as_str()),
            UiError::ChooseCode => tr!("retrieval-choose-code").to_owned(),
            UiError::ChooseSecondCode => tr!("retrieval-choose-second").to_owned(),
            UiError::Analysis(e) => tr!("error-analysis", error = e.to_string()),
            UiError::Export(e) => tr!("notice-export-failed", error = e.to_string()),
            UiError::NoProjectName => tr!("new-project-no-name").to_owned(),
            UiError::BadProjectName(name) => tr!("new-project-bad-name", name = name.as_str()),
            UiError::NoFolder(p) => tr!("picker-no-folder", path = path(p)),
            UiError::NotEmpty(p) => tr!("new-project-not-empty", path = path(p)),
            UiError::Exists(p) => tr!("new-project-exists", path = path(p)),
            UiError::ConfigRead {
                path: p,
                line,
                column,
                error,
            } => tr!(
                "config-unreadable",
                path = path(p),
                line = line.to_string(),
                column = column.to_string(),
                error = error.as_str()
            ),
            UiError::ConfigOpen { path: p, source } => tr!(
                "config-unreadable-io",
                path = path(p),
                error = source.to_string()
            ),
            UiError::ConfigFormat(e) => tr!("config-unwritable", error = e.as_str()),
            UiError::ConfigWrite { path: p, source } => tr!(
                "config-unwritable-file",
                path = path(p),
                error = source.to_string()
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for UiError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            UiError::Analysis(e) => Some(e),
            UiError::Export(e) => Some(e),
            UiError::ConfigWrite { source, .. } | UiError::ConfigOpen { source, .. } => {
                Some(source)
            }
            _ => None,
        }
    }
}

impl From<AnalysisError> for UiError {
    fn from(e: AnalysisError) -> Self {
        UiError::Analysis(e)
    }
}

impl From<ExportError> for UiError {
    fn from(e: ExportError) -> Self {
        UiError::Export(e)
    }
}
