//! Coded excerpts: every coding that passes an [`ExcerptFilter`], with its text, a little
//! context, its code, document, case, speaker and coder, in codebook order, written as CSV,
//! CSV for Excel, XLSX, HTML, Markdown or DOCX.
//!
//! Attribution: an excerpt is attributed to the speaker of the turn or message holding it
//! (`Segment::speaker`), else to its document's case, and shown as `(G8)`. Its case is the case
//! named like that speaker when there is one (chat senders are usually cases too), else the
//! document's case; the case and attribute filters use it.

mod csv;
mod document;
pub(crate) mod docx;
pub(crate) mod html;
mod markdown;
mod matrix;
mod summary;
mod xlsx;

pub use document::write_document;
pub(crate) use markdown::escape as markdown_escape;
pub use matrix::{MatrixRow, QuoteMatrix, quote_matrix, write_matrix};
pub use summary::{
    GridCell, GridCode, GridRow, SummaryGrid, summary_grid, summary_text, write_summary_grid,
};
pub(crate) use summary::{docx_body as summary_docx_body, html_table as summary_html_table};

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::Arc;

use chrono::SecondsFormat;

use super::{ExcerptFilter, ExportError};
use crate::model::{
    Case, CharRange, Code, CodeId, Coder, Coding, CodingId, Document, Memo, MemoTarget, Project,
    Text, Translation,
};

/// The formats coded excerpts are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// CSV as RFC 4180 has it: UTF-8, CRLF between records, quotes where needed.
    Csv,
    /// CSV that Excel opens right: with a UTF-8 byte-order mark, and cells that Excel would
    /// take for formulas (`=`, `+`, `@`) prefixed with `'`.
    CsvExcel,
    /// An Excel workbook.
    Xlsx,
    /// A self-contained HTML report grouped by code.
    Html,
    /// Markdown grouped by code.
    Markdown,
    /// A Word document grouped by code.
    Docx,
}

impl Format {
    /// All formats.
    pub const ALL: [Self; 6] = [
        Self::Csv,
        Self::CsvExcel,
        Self::Xlsx,
        Self::Html,
        Self::Markdown,
        Self::Docx,
    ];

    /// The format a file name's extension names (the one table of it, used by the command line
    /// and the window), if any. CSV for Excel is asked for by name, not by extension.
    #[must_use]
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => Self::Csv,
            "xlsx" => Self::Xlsx,
            "html" | "htm" => Self::Html,
            "md" | "markdown" => Self::Markdown,
            "docx" => Self::Docx,
            _ => return None,
        })
    }

    /// The usual file extension.
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Csv | Self::CsvExcel => "csv",
            Self::Xlsx => "xlsx",
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Docx => "docx",
        }
    }
}

/// One coded excerpt, resolved for writing.
#[derive(Clone, Debug)]
pub struct Excerpt<'p> {
    /// The coding.
    pub coding: &'p Coding,
    /// Its code.
    pub code: &'p Code,
    /// The code's full path, `Parent / Child`.
    pub code_path: Arc<str>,
    /// Its document.
    pub document: &'p Document,
    /// Its case (see the module docs).
    pub case: Option<&'p Case>,
    /// The speaker of the turn or message holding it.
    pub speaker: Option<&'p str>,
    /// Its coder.
    pub coder: Option<&'p Coder>,
    /// The coded text.
    pub text: &'p str,
    /// Up to `Settings::excerpt_context` characters before it.
    pub before: &'p str,
    /// Up to `Settings::excerpt_context` characters after it.
    pub after: &'p str,
    /// True when `before` was cut short by the context length (show an ellipsis).
    pub before_truncated: bool,
    /// True when `after` was cut short by the context length.
    pub after_truncated: bool,
    /// Memos written on the coding.
    pub memos: Vec<&'p Memo>,
}

impl<'p> Excerpt<'p> {
    /// Who said it: the speaker, else the case name (`G8`).
    #[must_use]
    pub fn attribution(&self) -> Option<&'p str> {
        self.speaker
            .or_else(|| self.case.map(|c| c.name.as_str()))
            .filter(|s| !s.is_empty())
    }

    /// The coder's name (empty when the coder is unknown).
    #[must_use]
    pub fn coder_name(&self) -> &'p str {
        self.coder.map_or("", |c| c.name.as_str())
    }

    /// The case's name (empty when there is none).
    #[must_use]
    pub fn case_name(&self) -> &'p str {
        self.case.map_or("", |c| c.name.as_str())
    }

    /// The coding's note and the memos on it, separated by blank lines.
    #[must_use]
    pub fn memo_text(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if let Some(m) = self.coding.memo.as_deref().filter(|m| !m.is_empty()) {
            parts.push(m);
        }
        parts.extend(self.memos.iter().map(|m| m.text.as_str()));
        parts.join("\n\n")
    }

    /// What of the quote to show for `quotes`: the original (unless only the translation is
    /// asked for and there is one), and the translation (when asked for and there is one).
    #[must_use]
    pub fn shown(&self, quotes: super::Quotes) -> (Option<&'p str>, Option<&'p Translation>) {
        let translation = self.coding.translation.as_ref();
        match (quotes, translation) {
            (super::Quotes::Original, _) | (_, None) => (Some(self.text), None),
            (super::Quotes::Translation, Some(t)) => (None, Some(t)),
            (super::Quotes::Both, Some(t)) => (Some(self.text), Some(t)),
        }
    }

    /// When the coding was made, RFC 3339 to the second.
    #[must_use]
    pub fn created(&self) -> String {
        self.coding
            .created
            .to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

/// Up to `n` characters of context on each side of `range`: within its speaker turn or chat
/// message when it lies in one, else within its line. Each side says whether the length cut it.
fn context_of(
    text: &Text,
    range: CharRange,
    segment: Option<CharRange>,
    n: usize,
) -> (&str, bool, &str, bool) {
    let (lo, hi) = segment.map_or((0, text.char_len()), |s| (s.start, s.end));
    let from = range.start.saturating_sub(n).max(lo);
    let to = (range.end + n).min(hi);
    let mut before = text.slice(CharRange::new(from, range.start));
    let mut before_cut = from > lo;
    if let Some(i) = before.rfind('\n') {
        before = &before[i + 1..];
        before_cut = false;
    }
    let mut after = text.slice(CharRange::new(range.end, to));
    let mut after_cut = to < hi;
    if let Some(i) = after.find('\n') {
        after = &after[..i];
        after_cut = false;
    }
    (before, before_cut, after, after_cut)
}

/// The excerpts `filter` selects, in codebook order, exemplars of each code first, then by
/// document name, position, coder.
#[must_use]
pub fn collect<'p>(project: &'p Project, filter: &ExcerptFilter) -> Vec<Excerpt<'p>> {
    let tree = project.code_tree();
    let order: HashMap<CodeId, usize> = tree
        .iter()
        .enumerate()
        .map(|(i, (_, c))| (c.id, i))
        .collect();
    let mut paths: HashMap<CodeId, Arc<str>> = HashMap::with_capacity(tree.len());
    for (_, c) in &tree {
        let path = match c.parent.and_then(|p| paths.get(&p)) {
            Some(parent) => format!("{parent} / {}", c.name),
            None => c.name.clone(),
        };
        paths.insert(c.id, path.into());
    }
    let scope = filter.code_scope(project);
    let mut memos: BTreeMap<CodingId, Vec<&Memo>> = BTreeMap::new();
    for m in project.memos().values() {
        if let MemoTarget::Coding(c) = m.target {
            memos.entry(c).or_default().push(m);
        }
    }
    for v in memos.values_mut() {
        v.sort_by_key(|m| (m.created, m.id));
    }
    let cases_by_name: HashMap<&str, &Case> = project
        .cases()
        .values()
        .map(|c| (c.name.as_str(), c))
        .collect();
    let context = project.manifest().settings.excerpt_context;

    let mut out = Vec::new();
    for coding in project.codings().values() {
        if scope.as_ref().is_some_and(|s| !s.contains(&coding.code))
            || (!filter.codings.is_empty() && !filter.codings.contains(&coding.id))
            || (!filter.coders.is_empty() && !filter.coders.contains(&coding.coder))
            || (!filter.documents.is_empty() && !filter.documents.contains(&coding.document))
        {
            continue;
        }
        let (Some(document), Some(code)) =
            (project.document(coding.document), project.code(coding.code))
        else {
            continue;
        };
        let segment = document
            .segment_at(coding.range.start)
            .or_else(|| document.segments_overlapping(coding.range).next())
            .map(|i| &document.segments[i]);
        let speaker = segment.and_then(|s| s.speaker.as_deref());
        let case = speaker
            .and_then(|s| cases_by_name.get(s).copied())
            .or_else(|| document.case.and_then(|c| project.case(c)));
        if !filter.admits_case(case) {
            continue;
        }
        let text = &document.text;
        let range = coding.range;
        let (before, before_cut, after, after_cut) = context_of(
            &document.text,
            range,
            segment.map(|s| s.range).filter(|s| range.within(*s)),
            context,
        );
        out.push(Excerpt {
            coding,
            code,
            code_path: paths
                .get(&code.id)
                .cloned()
                .unwrap_or_else(|| code.name.as_str().into()),
            document,
            case,
            speaker,
            coder: project.coder(coding.coder),
            text: text.slice(range),
            before,
            after,
            before_truncated: before_cut,
            after_truncated: after_cut,
            memos: memos.get(&coding.id).cloned().unwrap_or_default(),
        });
    }
    out.sort_by(|a, b| {
        let key = |e: &Excerpt<'_>| order.get(&e.code.id).copied().unwrap_or(usize::MAX);
        key(a)
            .cmp(&key(b))
            .then_with(|| b.coding.exemplar.cmp(&a.coding.exemplar))
            .then_with(|| a.document.name.cmp(&b.document.name))
            .then_with(|| a.document.id.cmp(&b.document.id))
            .then_with(|| a.coding.range.cmp(&b.coding.range))
            .then_with(|| a.coder_name().cmp(b.coder_name()))
            .then_with(|| a.coding.id.cmp(&b.coding.id))
    });
    out
}

/// The codes a grouped report lists: those in the filter's scope and their ancestors (all codes
/// when the filter names none), in tree order with their depth.
fn codes_in_scope<'p>(project: &'p Project, filter: &ExcerptFilter) -> Vec<(usize, &'p Code)> {
    let tree = project.code_tree();
    let Some(scope) = filter.code_scope(project) else {
        return tree;
    };
    let mut keep = scope.clone();
    for &c in &scope {
        let mut next = project.code(c).and_then(|c| c.parent);
        while let Some(p) = next {
            if !keep.insert(p) {
                break;
            }
            next = project.code(p).and_then(|c| c.parent);
        }
    }
    tree.into_iter()
        .filter(|(_, c)| keep.contains(&c.id))
        .collect()
}

/// Write the excerpts `filter` selects in `format`; returns how many were written.
pub fn write(
    project: &Project,
    filter: &ExcerptFilter,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let excerpts = collect(project, filter);
    match format {
        Format::Csv => csv::write(&excerpts, false, out)?,
        Format::CsvExcel => csv::write(&excerpts, true, out)?,
        Format::Xlsx => xlsx::write(project, filter, &excerpts, out)?,
        Format::Html => html::write(project, filter, &excerpts, out)?,
        Format::Markdown => markdown::write(project, filter, &excerpts, out)?,
        Format::Docx => docx::write(project, filter, &excerpts, out)?,
    }
    Ok(excerpts.len())
}

/// Excerpts grouped by code, in tree order: `(depth, code, its excerpts)` for every code in
/// scope (codes without excerpts included, for the tree).
fn grouped<'a, 'p>(
    project: &'p Project,
    filter: &ExcerptFilter,
    excerpts: &'a [Excerpt<'p>],
) -> Vec<(usize, &'p Code, &'a [Excerpt<'p>])> {
    let mut by_code: HashMap<CodeId, (usize, usize)> = HashMap::new();
    let mut i = 0;
    while i < excerpts.len() {
        let code = excerpts[i].code.id;
        let start = i;
        while i < excerpts.len() && excerpts[i].code.id == code {
            i += 1;
        }
        by_code.insert(code, (start, i));
    }
    codes_in_scope(project, filter)
        .into_iter()
        .map(|(depth, code)| {
            let slice = by_code
                .get(&code.id)
                .map_or(&excerpts[0..0], |&(a, b)| &excerpts[a..b]);
            (depth, code, slice)
        })
        .collect()
}

/// The groups `by` asks for (every case, or an attribute's values or bands), with the
/// attribute's name (`None` for cases): the columns of the quote matrix, the row groups of the
/// summary grid.
fn groups_of(
    project: &Project,
    by: crate::analysis::crosstab::CrosstabColumns,
) -> Result<
    (
        Vec<crate::analysis::crosstab::CrosstabColumn>,
        Option<String>,
    ),
    ExportError,
> {
    use crate::analysis::crosstab::{CrosstabColumns, columns_of};
    let groups =
        columns_of(project, by, |_| true).map_err(|e| ExportError::Unsupported(e.to_string()))?;
    let name = match by {
        CrosstabColumns::Cases => None,
        CrosstabColumns::Attribute { attribute, .. } => {
            project.attributes().get(&attribute).map(|a| a.name.clone())
        }
    };
    Ok((groups, name))
}
