//! Import errors: each names the file, and the line where there is one.

use std::path::PathBuf;

use thiserror::Error;

/// Why a file could not be imported. Nothing is added to the project when import fails.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error. Shown in the message, not returned as the error's source, so that a
        /// chain of causes prints it once.
        error: std::io::Error,
    },
    /// The path names a named pipe, a device, a folder or a socket: reading it could block
    /// forever or never end, so it is refused before anything is opened.
    #[error("{}: this is {what}, not a regular file; Margin imports only regular files", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is, e.g. "a named pipe (FIFO)".
        what: &'static str,
    },
    /// The file is larger than Margin imports.
    #[error("{}: the file is {size} bytes, larger than the import limit of {limit} bytes; split it into parts", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is not text.
    #[error("{}: this is not a text file (it holds binary data at byte {offset})", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// Where binary data was found.
        offset: usize,
    },
    /// The text's encoding was not recognised.
    #[error("{}: the text's encoding was not recognised (undecodable byte at {offset}); name it with --encoding (e.g. windows-1252, UTF-16LE, GB18030) or save the file as UTF-8", path.display())]
    Encoding {
        /// The file.
        path: PathBuf,
        /// The first byte that could not be decoded as UTF-8.
        offset: usize,
    },
    /// The text is not valid in the encoding the user named.
    #[error("{}: the text is not valid {encoding} (undecodable byte at {offset}); check the --encoding given", path.display())]
    NotInEncoding {
        /// The file.
        path: PathBuf,
        /// The encoding named.
        encoding: &'static str,
        /// The first byte that could not be decoded.
        offset: usize,
    },
    /// The file's content is not what its format requires.
    #[error("{}:{line}: {message}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// The line (1-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A part inside a zip-based file (docx, odt, xlsx) is malformed.
    #[error("{} ({part}, line {line}): {message}", path.display())]
    MalformedPart {
        /// The file.
        path: PathBuf,
        /// The part inside it, e.g. `word/document.xml`.
        part: String,
        /// The line within the part (1-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A cell of a table (attribute table, chat CSV) holds a value that does not fit.
    #[error("{}:{line}: column {column:?}: {message}", path.display())]
    BadCell {
        /// The file.
        path: PathBuf,
        /// The line (1-based; for spreadsheets the row number).
        line: usize,
        /// The column's header.
        column: String,
        /// What is wrong.
        message: String,
    },
    /// The file's format is not one Margin imports.
    #[error("{}: {message}", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}
