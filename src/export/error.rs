//! Export errors. The library writes to a `Write`; the caller names the file it was writing.

use std::path::PathBuf;

use thiserror::Error;

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Writing the output failed.
    #[error("writing the export failed: {0}")]
    Io(#[from] std::io::Error),
    /// The XLSX writer failed.
    #[error("writing the XLSX workbook failed: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The zip container (DOCX, QDPX) could not be written.
    #[error("writing the zip container failed: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// The CSV writer failed.
    #[error("writing CSV failed: {0}")]
    Csv(#[from] csv::Error),
    /// The format cannot hold what was asked for (e.g. a `.qdc` of an empty codebook).
    #[error("{0}")]
    Unsupported(String),
    /// Writing the file at `path` failed.
    #[error("{}: {source}", path.display())]
    File {
        /// The file being written.
        path: PathBuf,
        /// What went wrong.
        source: Box<ExportError>,
    },
}
