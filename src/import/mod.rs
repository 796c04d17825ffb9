//! Importers: turn files into documents. Each importer reads in two stages (check the raw input,
//! then build the document); every refusal names the file and, where it can, the line.

mod error;
mod pseudonym;
pub mod qdpx;
mod text;
mod turns;
mod wechat;

use std::path::Path;

use chrono::Utc;

pub use error::ImportError;
pub use pseudonym::{Pseudonyms, Replacements};
pub use text::{Decoded, MAX_IMPORT_BYTES, decode, normalize_newlines, read_limited, read_text};
pub use turns::detect_turns;
pub use wechat::{looks_like_wechat, parse_wechat};

use crate::model::{Document, DocumentKind, Origin};

/// How to import a file.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The kind of document; detected from the content when `None`.
    pub kind: Option<DocumentKind>,
    /// The document's name; the file name without extension when `None`.
    pub name: Option<String>,
    /// A pseudonym mapping applied before anything is stored.
    pub pseudonyms: Option<Pseudonyms>,
}

/// A document ready to be added to a project, and what importing it did.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The document (not yet in any project).
    pub document: Document,
    /// Names replaced by the pseudonym mapping.
    pub replacements: Replacements,
}

/// Import one file as a document.
pub fn import_file(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let decoded = read_text(path)?;
    let (text, replacements) = match &options.pseudonyms {
        Some(p) => p.apply(&decoded.text),
        None => (decoded.text, Replacements::default()),
    };
    let (kind, segments, format) = match options.kind {
        Some(DocumentKind::Chat) => (DocumentKind::Chat, parse_wechat(&text, path)?, "wechat-txt"),
        Some(DocumentKind::Interview) => (DocumentKind::Interview, detect_turns(&text), "text"),
        Some(DocumentKind::Notes) => (DocumentKind::Notes, Vec::new(), "text"),
        None if looks_like_wechat(&text) => {
            (DocumentKind::Chat, parse_wechat(&text, path)?, "wechat-txt")
        }
        None => {
            let turns = detect_turns(&text);
            if turns.len() >= 2 {
                (DocumentKind::Interview, turns, "text")
            } else {
                (DocumentKind::Notes, Vec::new(), "text")
            }
        }
    };
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = options.name.clone().unwrap_or_else(|| {
        path.file_stem()
            .map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned())
    });
    let mut document = Document::new(name, kind, text);
    document.segments = segments;
    document.origin = Some(Origin {
        file,
        format: format.into(),
        encoding: decoded.encoding.into(),
        imported: Utc::now(),
    });
    Ok(Imported {
        document,
        replacements,
    })
}
