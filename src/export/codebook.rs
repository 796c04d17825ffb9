//! The codebook on its own: REFI-QDA `.qdc` (validates against `Codebook-mrt2019.xsd`), CSV
//! (one row per code, parents before children) and Markdown (the tree with descriptions).

use std::collections::HashMap;
use std::io::Write;

use super::ExportError;
use super::excerpts::markdown_escape;
use super::xml::XmlWriter;
use crate::model::{Code, CodeId, Project};

/// The formats a codebook is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// REFI-QDA codebook exchange (`.qdc`).
    Qdc,
    /// CSV, RFC 4180.
    Csv,
    /// Markdown.
    Markdown,
}

impl Format {
    /// The usual file extension.
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Qdc => "qdc",
            Self::Csv => "csv",
            Self::Markdown => "md",
        }
    }
}

/// Write the codebook of `project` in `format`; returns the number of codes written.
pub fn write(project: &Project, format: Format, out: &mut dyn Write) -> Result<usize, ExportError> {
    match format {
        Format::Qdc => write_qdc(project, out)?,
        Format::Csv => write_csv(project, out)?,
        Format::Markdown => write_markdown(project, out)?,
    }
    Ok(project.codes().len())
}

/// The codes as REFI-QDA `<Code>` elements, nested, in codebook order.
pub(crate) fn write_codes(
    project: &Project,
    w: &mut XmlWriter,
    notes: &HashMap<CodeId, Vec<String>>,
) {
    fn code(project: &Project, c: &Code, w: &mut XmlWriter, notes: &HashMap<CodeId, Vec<String>>) {
        let id = c.id.to_string();
        let color = c.color.to_hex();
        let attrs = [
            ("guid", id.as_str()),
            ("name", c.name.as_str()),
            ("isCodable", "true"),
            ("color", color.as_str()),
        ];
        let children = project.child_codes(Some(c.id));
        let refs = notes.get(&c.id).map_or(&[][..], Vec::as_slice);
        if children.is_empty() && c.description.is_empty() && refs.is_empty() {
            w.empty("Code", &attrs);
            return;
        }
        w.start("Code", &attrs);
        if !c.description.is_empty() {
            w.text_element("Description", &[], &c.description);
        }
        for r in refs {
            w.empty("NoteRef", &[("targetGUID", r)]);
        }
        for child in children {
            code(project, child, w, notes);
        }
        w.end();
    }
    w.start("Codes", &[]);
    for c in project.child_codes(None) {
        code(project, c, w, notes);
    }
    w.end();
}

fn write_qdc(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    if project.codes().is_empty() {
        return Err(ExportError::Unsupported(
            "the codebook is empty, and a REFI-QDA codebook must hold at least one code".into(),
        ));
    }
    let mut w = XmlWriter::new(true);
    let origin = super::origin();
    w.start(
        "CodeBook",
        &[
            ("xmlns", "urn:QDA-XML:codebook:1.0"),
            ("origin", origin.as_str()),
        ],
    );
    write_codes(project, &mut w, &HashMap::new());
    out.write_all(w.finish().as_bytes())?;
    Ok(())
}

fn write_csv(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut counts: HashMap<CodeId, usize> = HashMap::new();
    for c in project.codings().values() {
        *counts.entry(c.code).or_default() += 1;
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record([
        "path",
        "name",
        "parent_path",
        "depth",
        "color",
        "description",
        "in_vivo",
        "shortcut",
        "codings",
        "id",
    ])?;
    for (depth, c) in project.code_tree() {
        let parent = c.parent.map(|p| project.code_path(p)).unwrap_or_default();
        w.write_record([
            project.code_path(c.id),
            c.name.clone(),
            parent,
            depth.to_string(),
            c.color.to_hex(),
            c.description.clone(),
            c.in_vivo.to_string(),
            c.shortcut.map(String::from).unwrap_or_default(),
            counts.get(&c.id).copied().unwrap_or(0).to_string(),
            c.id.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn write_markdown(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut s = String::new();
    s.push_str("# ");
    markdown_escape(&mut s, &project.manifest().name);
    s.push_str(": codebook\n\n");
    for (depth, c) in project.code_tree() {
        for _ in 0..depth {
            s.push_str("  ");
        }
        s.push_str("- **");
        markdown_escape(&mut s, &c.name);
        s.push_str("**");
        if c.in_vivo {
            s.push_str(" (in vivo)");
        }
        s.push('\n');
        if !c.description.is_empty() {
            for _ in 0..=depth {
                s.push_str("  ");
            }
            markdown_escape(&mut s, &c.description.replace('\n', " "));
            s.push('\n');
        }
    }
    out.write_all(s.as_bytes())?;
    Ok(())
}
