//! Import errors: each names the file, and the line where there is one.

use std::path::PathBuf;

use thiserror::Error;

/// Why a file could not be imported. Nothing is added to the project when import fails.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
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
    #[error("{}: the text is not UTF-8, UTF-16 with a byte-order mark, or GB18030/GBK (undecodable byte at {offset}); save it as UTF-8 and import again", path.display())]
    Encoding {
        /// The file.
        path: PathBuf,
        /// The first byte that could not be decoded as UTF-8.
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
