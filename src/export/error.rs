//! Export errors. The library writes to a `Write`; the caller names the file it was writing.

use std::path::PathBuf;

use thiserror::Error;

/// Why an export failed. Each message includes what the writer or the OS said; it is not also
/// returned as the error's source, so that a chain of causes prints it once.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Writing the output failed.
    #[error("writing the export failed: {0}")]
    Io(std::io::Error),
    /// The XLSX writer failed.
    #[error("writing the XLSX workbook failed: {0}")]
    Xlsx(rust_xlsxwriter::XlsxError),
    /// The zip container (DOCX, QDPX) could not be written.
    #[error("writing the zip container failed: {0}")]
    Zip(zip::result::ZipError),
    /// The CSV writer failed.
    #[error("writing CSV failed: {0}")]
    Csv(csv::Error),
    /// The format cannot hold what was asked for (e.g. a `.qdc` of an empty codebook).
    #[error("{0}")]
    Unsupported(String),
    /// Writing the file at `path` failed.
    #[error("{}: {error}", path.display())]
    File {
        /// The file being written.
        path: PathBuf,
        /// What went wrong.
        error: Box<ExportError>,
    },
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e)
    }
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Self::Xlsx(e)
    }
}

impl From<zip::result::ZipError> for ExportError {
    fn from(e: zip::result::ZipError) -> Self {
        Self::Zip(e)
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        Self::Csv(e)
    }
}
