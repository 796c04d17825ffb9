//! Exports: what a researcher carries out of Margin.
//!
//! - [`excerpts`]: coded excerpts with their attribution ("… (G8)"), as CSV (RFC 4180, and a
//!   variant for Excel), XLSX, a self-contained HTML report, Markdown and DOCX, filtered by
//!   [`ExcerptFilter`].
//! - [`codebook`]: the code tree with descriptions, as REFI-QDA `.qdc`, CSV and Markdown.
//! - [`memos`]: every memo (project, documents, codes, codings) as Markdown and DOCX.
//! - [`qdpx`]: the whole project as a REFI-QDA `.qdpx` archive (its import is in
//!   `crate::import::qdpx`).
//!
//! Every writer takes the project and a `std::io::Write`; nothing here touches the disk itself,
//! so the window and the command line share the same functions.

pub mod chart;
pub mod codebook;
mod error;
pub mod excerpts;
mod filter;
pub mod memos;
pub mod qdpx;
pub mod report;
pub(crate) mod xml;

use std::io::Write;
use std::path::Path;

pub use error::ExportError;
pub use filter::{ExcerptFilter, FilterError, Quotes, parse_value};

/// Write an export to the file at `path` safely: into a temporary file beside it, flushed to
/// disk and renamed into place only when `write` succeeded, so a failed export never leaves
/// half a file (nor destroys an older one). Errors name the file.
pub fn write_file<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    let at = |error: ExportError| ExportError::File {
        path: path.to_path_buf(),
        error: Box::new(error),
    };
    let name = path
        .file_name()
        .ok_or_else(|| at(ExportError::Unsupported("the path names no file".into())))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let result = (|| {
        let file = std::fs::File::create(&tmp)?;
        let mut out = std::io::BufWriter::new(file);
        let value = write(&mut out)?;
        let file = out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(at)
}

/// The `origin` Margin writes into REFI-QDA files, e.g. `Margin 0.1.0`.
#[must_use]
pub fn origin() -> String {
    format!("Margin {}", env!("CARGO_PKG_VERSION"))
}
