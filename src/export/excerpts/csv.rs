//! Excerpts as CSV: RFC 4180 (UTF-8, CRLF record ends, fields quoted when they hold a comma,
//! quote or line break), or the Excel variant with a byte-order mark and formula guards.

use std::borrow::Cow;
use std::io::Write;

use super::Excerpt;
use crate::export::ExportError;

/// The header row.
pub const HEADER: [&str; 18] = [
    "code",
    "code_path",
    "document",
    "case",
    "speaker",
    "attribution",
    "coder",
    "start",
    "end",
    "text",
    "context_before",
    "context_after",
    "memo",
    "created",
    "coding_id",
    "exemplar",
    "translation",
    "translation_note",
];

/// A cell Excel would evaluate as a formula gets a leading apostrophe.
fn guard(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '@']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

pub(super) fn write(
    excerpts: &[Excerpt<'_>],
    excel: bool,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    if excel {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
    let mut start = String::new();
    let mut end = String::new();
    let mut id = String::new();
    for e in excerpts {
        use std::fmt::Write as _;
        start.clear();
        end.clear();
        id.clear();
        let _ = write!(start, "{}", e.coding.range.start);
        let _ = write!(end, "{}", e.coding.range.end);
        let _ = write!(id, "{}", e.coding.id);
        let memo = e.memo_text();
        let created = e.created();
        let (exemplar, translation, note) = (
            if e.coding.exemplar { "yes" } else { "" },
            e.coding
                .translation
                .as_ref()
                .map_or("", |t| t.text.as_str()),
            e.coding
                .translation
                .as_ref()
                .map_or("", |t| t.note.as_str()),
        );
        let fields: [&str; 18] = [
            &e.code.name,
            &e.code_path,
            &e.document.name,
            e.case_name(),
            e.speaker.unwrap_or(""),
            e.attribution().unwrap_or(""),
            e.coder_name(),
            &start,
            &end,
            e.text,
            e.before,
            e.after,
            &memo,
            &created,
            &id,
            exemplar,
            translation,
            note,
        ];
        if excel {
            w.write_record(fields.iter().map(|f| guard(f).into_owned()))?;
        } else {
            w.write_record(fields)?;
        }
    }
    w.flush()?;
    Ok(())
}
