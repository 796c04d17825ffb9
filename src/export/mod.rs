//! Exports: what a researcher carries out of Margin.
//!
//! - [`excerpts`]: coded excerpts with their attribution ("… (G8)"), as CSV (RFC 4180, and a
//!   variant for Excel), XLSX, a self-contained HTML report, Markdown and DOCX, filtered by
//!   [`ExcerptFilter`].
//! - [`codebook`]: the code tree with descriptions, as REFI-QDA `.qdc`, CSV and Markdown.
//! - [`qdpx`]: the whole project as a REFI-QDA `.qdpx` archive (its import is in
//!   `crate::import::qdpx`).
//!
//! Every writer takes the project and a `std::io::Write`; nothing here touches the disk itself,
//! so the window and the command line share the same functions.

pub mod codebook;
mod error;
pub mod excerpts;
mod filter;
pub mod qdpx;
pub(crate) mod xml;

pub use error::ExportError;
pub use filter::{ExcerptFilter, FilterError, parse_value};

/// The `origin` Margin writes into REFI-QDA files, e.g. `Margin 0.1.0`.
#[must_use]
pub fn origin() -> String {
    format!("Margin {}", env!("CARGO_PKG_VERSION"))
}
