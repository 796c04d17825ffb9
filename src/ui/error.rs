//! Errors as the window says them, in its language. The session's typed errors
//! ([`SessionError`]) each map to a message here, keeping the names and paths they carry; the
//! detail of an error from below (a file that would not load, an edit the model refused) is
//! that error's own text, with its file, line and column.

use super::i18n::tr;
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
    }
}
