//! What every importer's fuzz target checks of the result: a refusal renders its message; a
//! document keeps the rules of the stored text (LF line ends, no byte-order mark) and every
//! turn or message lies inside it, in order.

#![allow(dead_code)] // each target uses a part of it

use std::path::Path;

use margin::import::{Format, ImportError, ImportOptions, Imported, import_bytes};
use margin::model::DocumentKind;

/// Check an import's outcome.
pub fn check(result: Result<Imported, ImportError>) {
    let imported = match result {
        Ok(imported) => imported,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let doc = &imported.document;
    let text = doc.text.as_str();
    assert!(!text.contains('\r'), "a CR in the stored text");
    assert!(
        !text.starts_with('\u{feff}'),
        "a byte-order mark in the stored text"
    );
    let len = doc.text.char_len();
    let mut previous = 0;
    for s in &doc.segments {
        assert!(
            s.range.start <= s.range.end && s.range.end <= len,
            "segment {:?} outside the text of {len} characters",
            s.range
        );
        assert!(s.range.start >= previous, "segments out of order");
        previous = s.range.start;
    }
}

/// Import `data` as the file `name`, in `format` if given (else detected), as `kind` if given.
pub fn import(data: &[u8], name: &str, format: Option<Format>, kind: Option<DocumentKind>) {
    let options = ImportOptions {
        format,
        kind,
        ..ImportOptions::default()
    };
    check(import_bytes(data, Path::new(name), &options));
}

/// The first byte chooses among `n` variants; the rest is the file.
pub fn split(data: &[u8], n: u8) -> Option<(u8, &[u8])> {
    let (&first, rest) = data.split_first()?;
    Some((first % n, rest))
}
