//! Importers: turn files into documents, attribute tables into cases, and speaker turns into
//! codings. Each importer reads in two stages (check the raw input, then build the document);
//! every refusal names the file and, where it can, the line.
//!
//! The entry points the command line and the window use:
//! - [`import_file`] (or [`import_bytes`] for what is already read): one file (text, Markdown, HTML, docx, odt, PDF, SRT, `WebVTT`, Otter,
//!   `WhatsApp`, `WeChat` text or CSV; detected from the extension and the content, or forced with
//!   [`ImportOptions::format`]) as a [`Document`], pseudonymised if asked;
//! - [`import_attributes`]: a participants table (CSV or XLSX) as the [`Edit`] that creates or
//!   updates cases and typed attributes;
//! - [`autocode_speaker`], [`link_speaker_to_case`], [`senders_as_cases`]: edits built from the
//!   speakers and senders of imported documents;
//! - [`read_files`] and [`plan_import`]: a whole import (several files, with progress and a way
//!   to stop; then one edit with the case, the senders' cases and a speaker's codings).

mod attributes;
mod autocode;
pub mod codebook;
mod error;
mod markup;
mod office;
mod pdf;
mod plan;
mod pseudonym;
pub mod qdpx;
mod subtitles;
mod text;
mod turns;
mod wechat;
mod whatsapp;
mod zipsafe;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use chrono::Utc;

pub use attributes::{
    AttributeImport, Cell, Table, ValueError, attributes_from_table, import_attributes,
    parse_value, read_table, table_from_bytes,
};
pub use autocode::{autocode_speaker, link_speaker_to_case, senders_as_cases, speakers};
pub use error::ImportError;
pub use markup::{html_paragraphs, markdown_paragraphs};
pub use office::{docx_paragraphs, odt_paragraphs};
pub use pdf::pdf_paragraphs;
pub use plan::{
    ImportPlan, Placement, PlanError, Progress, ReadFiles, SpeakerCode, is_inside, plan_import,
    read_files, with_speaker,
};
pub use pseudonym::{Pseudonyms, Replacements};
pub use subtitles::{Cue, cues_to_turns, parse_otter, parse_srt, parse_vtt};
pub use text::{
    Decoded, MAX_IMPORT_BYTES, check_regular, decode, decode_with, encoding_for_name,
    normalize_newlines, not_regular, read_limited, read_text,
};
pub use turns::detect_turns;
pub use wechat::{looks_like_chat_csv, looks_like_wechat, parse_wechat, parse_wechat_csv};
pub use whatsapp::{looks_like_whatsapp, parse_whatsapp};
pub use zipsafe::{SafeZip, ZipLimits};

use crate::model::{CharRange, Document, DocumentKind, Edit, Origin, Segment};

/// The formats Margin imports documents from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text; speaker turns (`Name: …`, `[00:12:03] Name: …`) are found if present.
    Text,
    /// Markdown, stripped to its text.
    Markdown,
    /// HTML, stripped to its text.
    Html,
    /// Word (Office Open XML).
    Docx,
    /// `OpenDocument` text.
    Odt,
    /// PDF with a text layer.
    Pdf,
    /// `SubRip` subtitles.
    Srt,
    /// `WebVTT` subtitles (Zoom, Teams).
    Vtt,
    /// Otter's text export (`Name  0:00` headers).
    Otter,
    /// `WhatsApp`'s exported chat (Android or iOS).
    WhatsApp,
    /// A `WeChat` chat in plain text (`YYYY-MM-DD HH:MM:SS sender` headers).
    WeChat,
    /// A chat in CSV (`WeChat` export tools; any table with time, sender and message columns).
    ChatCsv,
}

impl Format {
    /// Every format, for help texts.
    pub const ALL: [Self; 12] = [
        Self::Text,
        Self::Markdown,
        Self::Html,
        Self::Docx,
        Self::Odt,
        Self::Pdf,
        Self::Srt,
        Self::Vtt,
        Self::Otter,
        Self::WhatsApp,
        Self::WeChat,
        Self::ChatCsv,
    ];

    /// The name used on the command line and in a document's origin.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Docx => "docx",
            Self::Odt => "odt",
            Self::Pdf => "pdf",
            Self::Srt => "srt",
            Self::Vtt => "vtt",
            Self::Otter => "otter",
            Self::WhatsApp => "whatsapp",
            Self::WeChat => "wechat-txt",
            Self::ChatCsv => "chat-csv",
        }
    }

    /// The document kind this format holds, when the format decides it.
    #[must_use]
    pub const fn kind(self) -> Option<DocumentKind> {
        match self {
            Self::Srt | Self::Vtt | Self::Otter => Some(DocumentKind::Interview),
            Self::WhatsApp | Self::WeChat | Self::ChatCsv => Some(DocumentKind::Chat),
            _ => None,
        }
    }

    /// The format a file name's extension names, if any (text files, `.txt`, are told apart
    /// by their content). Every extension named here is in [`EXTENSIONS`].
    #[must_use]
    pub fn from_extension(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => Self::Markdown,
            "html" | "htm" | "xhtml" => Self::Html,
            "docx" => Self::Docx,
            "odt" => Self::Odt,
            "pdf" => Self::Pdf,
            "srt" => Self::Srt,
            "vtt" => Self::Vtt,
            "csv" => Self::ChatCsv,
            _ => return None,
        })
    }
}

/// True when a CSV row holds something beyond the `columns` its header names (empty trailing
/// cells, as spreadsheets write them, do not count): a row the reader would otherwise cut.
pub(crate) fn has_extra_cells(record: &csv::StringRecord, columns: usize) -> bool {
    record.len() > columns && record.iter().skip(columns).any(|c| !c.trim().is_empty())
}

/// The extensions of the files the importer reads (lower case, without the dot): what the
/// window's import dialog offers.
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx", "odt", "pdf", "srt", "vtt",
    "csv",
];

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "transcript" => Self::Text,
            "markdown" | "md" => Self::Markdown,
            "html" | "htm" => Self::Html,
            "docx" | "word" => Self::Docx,
            "odt" | "opendocument" => Self::Odt,
            "pdf" => Self::Pdf,
            "srt" | "subrip" => Self::Srt,
            "vtt" | "webvtt" => Self::Vtt,
            "otter" => Self::Otter,
            "whatsapp" => Self::WhatsApp,
            "wechat" | "wechat-txt" => Self::WeChat,
            "wechat-csv" | "chat-csv" | "csv" => Self::ChatCsv,
            other => {
                return Err(format!(
                    "unknown format {other:?} (expected one of {})",
                    Self::ALL.map(Self::as_str).join(", ")
                ));
            }
        })
    }
}

/// How to import a file.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The kind of document; decided by the format or the content when `None`.
    pub kind: Option<DocumentKind>,
    /// The format; detected from the extension and the content when `None`.
    pub format: Option<Format>,
    /// The document's name; the file name without extension when `None`.
    pub name: Option<String>,
    /// A pseudonym mapping applied before anything is stored: to the text, the speakers and
    /// senders, and the document's name.
    pub pseudonyms: Option<Pseudonyms>,
    /// The largest file accepted, in bytes; [`MAX_IMPORT_BYTES`] when `None`.
    pub max_bytes: Option<u64>,
    /// The encoding of a text file; detected when `None` (see [`decode_with`]). Word, ODT and
    /// PDF files name their own.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// A document ready to be added to a project, and what importing it did.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The document (not yet in any project).
    pub document: Document,
    /// The format it was read as.
    pub format: Format,
    /// Names replaced by the pseudonym mapping.
    pub replacements: Replacements,
}

impl Imported {
    /// The edit that adds the document to a project.
    #[must_use]
    pub fn edit(&self) -> Edit {
        Edit::PutDocument(Box::new(self.document.clone()))
    }
}

/// What a parser made of a file.
struct Parsed {
    text: String,
    segments: Vec<Segment>,
    kind: DocumentKind,
    encoding: &'static str,
}

fn detect(path: &Path, bytes: &[u8]) -> Result<Format, ImportError> {
    if let Some(f) = Format::from_extension(path) {
        return Ok(f);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let refuse = |message: &str| {
        Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            message: message.to_owned(),
        })
    };
    match ext.as_str() {
        "xlsx" | "xls" | "ods" => {
            return refuse(
                "this is a spreadsheet; import a participants table with --attributes (the window: Import attributes)",
            );
        }
        "doc" => return refuse("this is an old Word .doc file; save it as .docx and import that"),
        "rtf" => return refuse("RTF is not imported; save the file as .docx and import that"),
        "qdpx" => return refuse("this is a REFI-QDA project, not a document"),
        _ => {}
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let zip = SafeZip::open(bytes, path, ZipLimits::default())?;
        if zip.contains("word/document.xml") {
            return Ok(Format::Docx);
        }
        if zip.contains("content.xml") {
            return Ok(Format::Odt);
        }
        return refuse("this is a zip archive, but neither a Word nor an OpenDocument text");
    }
    Ok(Format::Text)
}

/// The format of a text whose extension did not decide it.
fn sniff_text(text: &str) -> Format {
    let head = text.trim_start();
    let lower: String = head
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("WEBVTT") {
        Format::Vtt
    } else if subtitles::looks_like_srt(text) {
        Format::Srt
    } else if looks_like_wechat(text) {
        Format::WeChat
    } else if looks_like_whatsapp(text) {
        Format::WhatsApp
    } else if subtitles::looks_like_otter(text) {
        Format::Otter
    } else if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        Format::Html
    } else {
        Format::Text
    }
}

fn from_paragraphs(paragraphs: &[String], encoding: &'static str) -> Parsed {
    let mut text = paragraphs
        .iter()
        .map(|p| p.trim_end())
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    text.push('\n');
    // A text layer or markup may carry carriage returns inside a paragraph; the stored text has
    // LF line ends only (a CR would be read differently by other programs, moving offsets).
    from_text(normalize_newlines(&text), encoding)
}

fn from_text(text: String, encoding: &'static str) -> Parsed {
    let segments = detect_turns(&text);
    let kind = if segments.len() >= 2 {
        DocumentKind::Interview
    } else {
        DocumentKind::Notes
    };
    Parsed {
        text,
        segments,
        kind,
        encoding,
    }
}

fn parse(
    format: Format,
    bytes: &[u8],
    path: &Path,
    options: &ImportOptions,
) -> Result<Parsed, ImportError> {
    let kind = options.kind;
    let chat = |text: String, segments, encoding| Parsed {
        text,
        segments,
        kind: DocumentKind::Chat,
        encoding,
    };
    let interview = |text: String, segments, encoding| Parsed {
        text,
        segments,
        kind: DocumentKind::Interview,
        encoding,
    };
    Ok(match format {
        Format::Docx => from_paragraphs(&docx_paragraphs(bytes, path)?, "UTF-8"),
        Format::Odt => from_paragraphs(&odt_paragraphs(bytes, path)?, "UTF-8"),
        Format::Pdf => from_paragraphs(&pdf_paragraphs(bytes, path)?, "PDF"),
        _ => {
            let decoded = decode_with(bytes, path, options.encoding)?;
            let encoding = decoded.encoding;
            let text = decoded.text;
            match format {
                Format::Markdown => from_paragraphs(&markdown_paragraphs(&text), encoding),
                Format::Html => from_paragraphs(&html_paragraphs(&text), encoding),
                Format::Srt => {
                    let (t, s) = cues_to_turns(parse_srt(&text, path)?);
                    interview(t, s, encoding)
                }
                Format::Vtt => {
                    let (t, s) = cues_to_turns(parse_vtt(&text, path)?);
                    interview(t, s, encoding)
                }
                Format::Otter => {
                    let s = parse_otter(&text);
                    interview(text, s, encoding)
                }
                Format::WhatsApp => {
                    let s = parse_whatsapp(&text, path)?;
                    chat(text, s, encoding)
                }
                Format::WeChat => {
                    let s = parse_wechat(&text, path)?;
                    chat(text, s, encoding)
                }
                Format::ChatCsv => {
                    let (t, s) = parse_wechat_csv(&text, path)?;
                    chat(t, s, encoding)
                }
                _ if kind == Some(DocumentKind::Interview) => {
                    let s = detect_turns(&text);
                    interview(text, s, encoding)
                }
                _ => from_text(text, encoding),
            }
        }
    })
}

/// Take away zero-width no-break spaces (U+FEFF) at the start of the text, shifting its turns:
/// stored first in `documents/<id>.txt` they would read as a byte-order mark, which editors and
/// other programs drop, moving every offset by one. A byte-order mark of the file itself is
/// already gone; these come from inside it (an HTML body, a second mark, a subtitle cue).
fn strip_leading_marks(parsed: &mut Parsed) {
    let lead = parsed.text.chars().take_while(|&c| c == '\u{feff}').count();
    if lead == 0 {
        return;
    }
    parsed.text.drain(..lead * '\u{feff}'.len_utf8());
    for s in &mut parsed.segments {
        s.range = CharRange::new(
            s.range.start.saturating_sub(lead),
            s.range.end.saturating_sub(lead),
        );
    }
}

/// Import one file as a document.
pub fn import_file(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let bytes = read_limited(path, options.max_bytes.unwrap_or(MAX_IMPORT_BYTES))?;
    import_bytes(&bytes, path, options)
}

/// Import a file's `bytes` as a document; `path` names it in messages, gives its extension for
/// the format and its name for the document's.
pub fn import_bytes(
    bytes: &[u8],
    path: &Path,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let mut format = match options.format {
        Some(f) => f,
        None => detect(path, bytes)?,
    };
    if options.format.is_none() && format == Format::Text {
        let decoded = decode_with(bytes, path, options.encoding)?;
        format = sniff_text(&decoded.text);
        if format == Format::Text && options.kind == Some(DocumentKind::Chat) {
            // Asked for a chat: the WeChat parser says what is missing.
            format = Format::WeChat;
        }
    }
    let mut parsed = parse(format, bytes, path, options)?;
    strip_leading_marks(&mut parsed);
    let mut kind = options.kind.unwrap_or(parsed.kind);
    let mut segments = parsed.segments;
    if kind == DocumentKind::Notes {
        segments.clear();
    }
    if kind != DocumentKind::Notes && segments.is_empty() && options.kind.is_none() {
        kind = DocumentKind::Notes;
    }
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = options.name.clone().unwrap_or_else(|| {
        path.file_stem()
            .map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned())
    });
    let (text, replacements, file) = match &options.pseudonyms {
        Some(p) => {
            let (text, mut replacements) = p.apply_document(&parsed.text, &mut segments);
            let (new_name, in_name) = p.apply(&name);
            let (new_file, _) = p.apply(&file);
            replacements.merge(&in_name);
            name = new_name;
            (text, replacements, new_file)
        }
        None => (parsed.text, Replacements::default(), file),
    };
    let mut document = Document::new(name, kind, text);
    document.segments = segments;
    document.origin = Some(Origin {
        file,
        format: format.as_str().into(),
        encoding: parsed.encoding.into(),
        imported: Utc::now(),
    });
    Ok(Imported {
        document,
        format,
        replacements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (import_pdf): a carriage return inside a PDF's text layer reached the
    /// stored text.
    #[test]
    fn fuzz_import_pdf_carriage_return_in_a_paragraph_is_not_stored() {
        let parsed = from_paragraphs(&["Field notes\ron a path\r\nend".to_owned()], "PDF");
        assert!(!parsed.text.contains('\r'), "{:?}", parsed.text);
        assert_eq!(parsed.text, "Field notes\non a path\nend\n");
    }

    /// The import dialog offers every extension that names a format, and nothing unreadable.
    #[test]
    fn every_extension_that_names_a_format_is_offered() {
        for ext in [
            "md", "markdown", "html", "htm", "xhtml", "docx", "odt", "pdf", "srt", "vtt", "csv",
        ] {
            let path = std::path::PathBuf::from(format!("a.{ext}"));
            assert!(Format::from_extension(&path).is_some(), "{ext}");
            assert!(EXTENSIONS.contains(&ext), "{ext}");
        }
        for ext in EXTENSIONS {
            let path = std::path::PathBuf::from(format!("a.{ext}"));
            assert!(
                Format::from_extension(&path).is_some() || ["txt", "text"].contains(ext),
                "{ext} is offered but names no format"
            );
        }
    }
}
