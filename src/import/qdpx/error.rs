//! Why a `.qdpx` could not be imported. Every error names the archive, and the entry, line and
//! column where there are any. Nothing is imported when one is returned.

use std::path::PathBuf;

use thiserror::Error;

/// A refused or unreadable REFI-QDA project.
#[derive(Debug, Error)]
pub enum QdpxError {
    /// The file could not be read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The archive.
        path: PathBuf,
        /// The OS error (in the message, not returned as the source: a chain prints it once).
        error: std::io::Error,
    },
    /// The path names a named pipe, a device, a folder or a socket; refused before it is opened.
    #[error("{}: this is {what}, not a regular file; Margin imports only regular files", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is, e.g. "a named pipe (FIFO)".
        what: &'static str,
    },
    /// The file is not a zip archive, or a damaged one.
    #[error("{}: not a REFI-QDA project archive (a .qdpx is a zip file): {message}", path.display())]
    NotAnArchive {
        /// The archive.
        path: PathBuf,
        /// What the zip reader said.
        message: String,
    },
    /// An entry's name would reach outside the archive's folder.
    #[error("{}: refused: the entry {entry:?} has an unsafe path (absolute, or climbing out with \"..\")", path.display())]
    UnsafePath {
        /// The archive.
        path: PathBuf,
        /// The entry's name as stored.
        entry: String,
    },
    /// The archive holds more entries than a project would.
    #[error("{}: refused: the archive holds {count} entries, more than the {limit} Margin reads", path.display())]
    TooManyEntries {
        /// The archive.
        path: PathBuf,
        /// Entries found.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// An entry unpacks to more than its limit (a zip bomb, or a source too large to import).
    #[error("{}: refused: {entry} unpacks to more than {limit} bytes", path.display())]
    EntryTooLarge {
        /// The archive.
        path: PathBuf,
        /// The entry.
        entry: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// All entries together unpack to more than the limit.
    #[error("{}: refused: the archive unpacks to more than {limit} bytes in all", path.display())]
    ArchiveTooLarge {
        /// The archive.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// No `project.qde` (nor any single `.qde`) in the archive.
    #[error("{}: no project.qde in the archive (it holds: {entries})", path.display())]
    NoProject {
        /// The archive.
        path: PathBuf,
        /// What it does hold.
        entries: String,
    },
    /// Several `.qde` files and none named `project.qde`.
    #[error("{}: several .qde files and none named project.qde: {names}", path.display())]
    AmbiguousProject {
        /// The archive.
        path: PathBuf,
        /// Their names.
        names: String,
    },
    /// An entry could not be unpacked.
    #[error("{}: {entry}: {message}", path.display())]
    Entry {
        /// The archive.
        path: PathBuf,
        /// The entry.
        entry: String,
        /// What went wrong.
        message: String,
    },
    /// The XML is not well-formed, or uses what Margin refuses to read (a DTD, entities).
    #[error("{}: {entry}:{line}:{column}: {message}", path.display())]
    Xml {
        /// The archive.
        path: PathBuf,
        /// The entry.
        entry: String,
        /// Line, 1-based.
        line: usize,
        /// Column in characters, 1-based.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The XML is well-formed but not a REFI-QDA project Margin can read.
    #[error("{}: {entry}:{line}: {message}", path.display())]
    Invalid {
        /// The archive.
        path: PathBuf,
        /// The entry.
        entry: String,
        /// Line, 1-based.
        line: usize,
        /// What is wrong.
        message: String,
    },
}
