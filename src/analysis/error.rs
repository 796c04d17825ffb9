//! Why a query could not run: a bad pattern, a name the project does not have, a value of the
//! wrong type. Each error names what was asked and, where it helps, what would have been valid.

use thiserror::Error;

/// A query that cannot run as given. Nothing is changed when a query fails.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum AnalysisError {
    /// The search pattern is empty.
    #[error("the search pattern is empty")]
    EmptyPattern,
    /// The regular expression does not compile.
    #[error("invalid regular expression {pattern:?}: {message}")]
    InvalidRegex {
        /// The pattern as given.
        pattern: String,
        /// What the regex parser said.
        message: String,
    },
    /// No code has this name or path.
    #[error("no code named {0:?} (give its name or its full path, e.g. \"Parent / Child\")")]
    UnknownCode(String),
    /// Several codes have this name.
    #[error("code name {name:?} is ambiguous; give the full path: {}", paths.join("; "))]
    AmbiguousCode {
        /// The name as given.
        name: String,
        /// The full paths of the codes so named.
        paths: Vec<String>,
    },
    /// No document has this name.
    #[error("no document named {0:?}")]
    UnknownDocument(String),
    /// No case has this name.
    #[error("no case named {0:?}")]
    UnknownCase(String),
    /// No coder has this name.
    #[error("no coder named {0:?}")]
    UnknownCoder(String),
    /// No attribute has this name.
    #[error("no attribute named {name:?} (the project has: {})", known.join(", "))]
    UnknownAttribute {
        /// The name as given.
        name: String,
        /// The attributes the project has.
        known: Vec<String>,
    },
    /// An attribute condition is not of the form `name=value`.
    #[error(
        "attribute condition {0:?} is not NAME=VALUE, NAME=V1,V2 or NAME=MIN..MAX (e.g. region=Shandong, age=40..50)"
    )]
    BadCondition(String),
    /// A value does not fit its attribute.
    #[error("attribute {attribute:?}: {value:?} is not {expected}")]
    BadValue {
        /// The attribute.
        attribute: String,
        /// The value as given.
        value: String,
        /// What the attribute takes.
        expected: String,
    },
    /// A date that does not parse.
    #[error("{0:?} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")]
    BadDate(String),
    /// A period or distance that cannot be used.
    #[error("{0}")]
    BadOption(String),
    /// A code query that does not parse.
    #[error("code query {0}")]
    BadQuery(String),
    /// A saved query the project does not have.
    #[error("the project has no saved query {0:?}")]
    UnknownQuery(String),
}
