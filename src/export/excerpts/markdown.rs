//! Excerpts as Markdown: the code tree with descriptions, then per code its excerpts as block
//! quotes followed by their attribution, document, coder and memo.

use std::fmt::Write as _;
use std::io::Write;

use super::{Excerpt, grouped};
use crate::export::{ExcerptFilter, ExportError, Quotes};
use crate::model::Project;

/// Escape the characters Markdown would read as markup, so text shows as written.
pub(crate) fn escape(out: &mut String, s: &str) {
    let mut line_start = true;
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if line_start => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        line_start = c == '\n' || (line_start && c == ' ');
    }
}

/// `text` as a block quote: every line prefixed with `> `.
fn quote(out: &mut String, text: &str) {
    let mut escaped = String::with_capacity(text.len() + 16);
    escape(&mut escaped, text);
    for line in escaped.split('\n') {
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(line);
            out.push('\n');
        }
    }
}

pub(super) fn excerpt(out: &mut String, e: &Excerpt<'_>, quotes: Quotes) {
    if e.coding.exemplar {
        out.push_str("**★ Exemplar**\n\n");
    }
    let (original, translation) = e.shown(quotes);
    if let Some(text) = original {
        quote(out, text);
        out.push('\n');
    }
    if let Some(t) = translation {
        quote(out, &t.text);
        if !t.note.is_empty() {
            out.push_str(">\n> *(");
            escape(out, &t.note.replace('\n', " "));
            out.push_str(")*\n");
        }
        out.push('\n');
    }
    out.push_str("— ");
    if let Some(who) = e.attribution() {
        out.push('(');
        escape(out, who);
        out.push_str("), ");
    }
    out.push('*');
    escape(out, &e.document.name);
    out.push('*');
    let _ = write!(out, " {}–{}", e.coding.range.start, e.coding.range.end);
    if !e.coder_name().is_empty() {
        out.push_str(", coded by ");
        escape(out, e.coder_name());
    }
    out.push('\n');
    let memo = e.memo_text();
    if !memo.is_empty() {
        out.push_str("\n**Memo:** ");
        escape(out, &memo.replace("\n\n", "\n").replace('\n', "  \n"));
        out.push('\n');
    }
    out.push('\n');
}

pub(super) fn write(
    project: &Project,
    filter: &ExcerptFilter,
    excerpts: &[Excerpt<'_>],
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let groups = grouped(project, filter, excerpts);
    let mut s = String::with_capacity(excerpts.len() * 400 + 2048);
    s.push_str("# ");
    escape(&mut s, &project.manifest().name);
    s.push_str(": coded excerpts\n\n");
    let _ = write!(
        s,
        "{} excerpt{}",
        excerpts.len(),
        if excerpts.len() == 1 { "" } else { "s" }
    );
    if !filter.is_empty() {
        s.push_str(" (");
        escape(&mut s, &filter.describe(project));
        s.push(')');
    }
    s.push_str(".\n\n## Codebook\n\n");
    for (depth, code, items) in &groups {
        for _ in 0..*depth {
            s.push_str("  ");
        }
        s.push_str("- **");
        escape(&mut s, &code.name);
        let _ = write!(s, "** ({})", items.len());
        if !code.description.is_empty() {
            s.push_str(": ");
            escape(&mut s, &code.description.replace('\n', " "));
        }
        s.push('\n');
    }
    for (_, code, items) in &groups {
        if items.is_empty() {
            continue;
        }
        s.push_str("\n## ");
        escape(&mut s, &items[0].code_path);
        s.push_str("\n\n");
        if !code.description.is_empty() {
            s.push('*');
            escape(&mut s, &code.description.replace('\n', " "));
            s.push_str("*\n\n");
        }
        for e in *items {
            excerpt(&mut s, e, filter.quotes);
        }
    }
    out.write_all(s.as_bytes())?;
    Ok(())
}
