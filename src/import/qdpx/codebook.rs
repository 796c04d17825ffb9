//! A REFI-QDA codebook on its own (`.qdc`, `<CodeBook><Codes><Code>…`): its code tree read with
//! the same guarded XML reader as a `.qdpx`, for [`crate::import::codebook`] to merge into a
//! project.

use std::path::Path;

use super::dom::{self, DomLimits, Element};
use crate::import::ImportError;
use crate::import::codebook::IncomingCode;

/// The codes of the `.qdc` text `text` (read from `path`), parents before children.
pub(crate) fn qdc_codes(text: &str, path: &Path) -> Result<Vec<IncomingCode>, ImportError> {
    let limits = super::Limits::default();
    let malformed = |line: usize, message: String| ImportError::Malformed {
        path: path.to_path_buf(),
        line,
        message,
    };
    let root = dom::parse(
        text,
        DomLimits {
            max_depth: limits.max_depth,
            max_elements: limits.max_elements,
        },
    )
    .map_err(|e| {
        let (line, column) = dom::line_col(text, e.pos);
        malformed(line, format!("column {column}: {}", e.message))
    })?;
    if root.name != "CodeBook" {
        return Err(malformed(
            1,
            format!(
                "not a REFI-QDA codebook: its root element is <{}>, not <CodeBook>",
                root.name
            ),
        ));
    }
    let mut out = Vec::new();
    for codes in root.children_named("Codes") {
        walk(codes, &[], text, &mut out, path)?;
    }
    Ok(out)
}

/// The codes under `el`, each with the path of its ancestors `parent`.
fn walk(
    el: &Element,
    parent: &[String],
    text: &str,
    out: &mut Vec<IncomingCode>,
    path: &Path,
) -> Result<(), ImportError> {
    for c in el.children_named("Code") {
        let name = c.attr("name").unwrap_or("").trim().to_owned();
        if name.is_empty() {
            return Err(ImportError::Malformed {
                path: path.to_path_buf(),
                line: dom::line_col(text, c.pos).0,
                message: "a <Code> without a name".into(),
            });
        }
        let mut full = parent.to_vec();
        full.push(name);
        out.push(IncomingCode {
            path: full.clone(),
            color: c.attr("color").and_then(super::build::parse_color),
            description: c.child_text("Description").unwrap_or("").trim().to_owned(),
        });
        walk(c, &full, text, out, path)?;
    }
    Ok(())
}

/// The text of a `.qdc` file's bytes (UTF-8, or UTF-16 with a byte-order mark).
pub(crate) fn qdc_text(bytes: &[u8], path: &Path) -> Result<String, ImportError> {
    super::decode_xml(bytes).map_err(|message| ImportError::Malformed {
        path: path.to_path_buf(),
        line: 1,
        message,
    })
}
