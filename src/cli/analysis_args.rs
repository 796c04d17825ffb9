//! What the analysis subcommands (`search`, `retrieve`, `cooccurrence`, `crosstab`,
//! `timeline`) share: the filter options, the output format, and how tables and excerpts are
//! printed.

use std::fmt::Write as _;
use std::io::Write;

use clap::{Args, ValueEnum};

use crate::analysis::definitions::Options;
use crate::analysis::excerpt::Excerpt;
use crate::analysis::filter::{AttributeCondition, CodingFilter, DateSpan};
use crate::analysis::headings::CodeHeading;
use crate::analysis::names;
use crate::analysis::table::{Cell, Table};
use crate::model::{CodeId, Project};

/// Output formats of the analysis subcommands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Aligned text for people.
    #[default]
    Table,
    /// CSV (RFC 4180) for spreadsheets.
    Csv,
    /// JSON for programs.
    Json,
}

/// Which time `--from`/`--to` restrict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum TimeField {
    /// The time the chat message was sent (codings outside timed messages are left out).
    #[default]
    Message,
    /// The time the coding was made (UTC).
    Coding,
}

/// Options that restrict which codings count.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only this document (repeatable).
    #[arg(long = "document", value_name = "NAME")]
    pub documents: Vec<String>,
    /// Only passages of this case (repeatable); in chats, messages whose sender is the case.
    #[arg(long = "case", value_name = "NAME")]
    pub cases: Vec<String>,
    /// Only codings by this coder (repeatable).
    #[arg(long = "coder", value_name = "NAME")]
    pub coders: Vec<String>,
    /// Only from this day (YYYY-MM-DD, YYYY-MM or YYYY), inclusive.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only up to this day (YYYY-MM-DD, YYYY-MM or YYYY), inclusive.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Which time --from and --to apply to.
    #[arg(long, value_enum, default_value_t)]
    pub time: TimeField,
    /// Count the interviewer's turns as the case's text (default: only the participant's own
    /// turns are an interview's case's text).
    #[arg(long)]
    pub include_interviewer: bool,
}

impl FilterArgs {
    /// The definitions these options (and `pool_coders`) choose.
    #[must_use]
    pub fn options(&self, pool_coders: bool) -> Options {
        Options {
            include_interviewer: self.include_interviewer,
            pool_coders,
        }
    }

    /// The filter these options (and the attribute conditions) describe, names resolved.
    pub fn to_filter(
        &self,
        project: &Project,
        conditions: &[String],
    ) -> anyhow::Result<CodingFilter> {
        let span = if self.from.is_some() || self.to.is_some() {
            Some(DateSpan::parse(self.from.as_deref(), self.to.as_deref())?)
        } else {
            None
        };
        Ok(CodingFilter {
            documents: self
                .documents
                .iter()
                .map(|n| names::document(project, n))
                .collect::<Result<_, _>>()?,
            cases: self
                .cases
                .iter()
                .map(|n| names::case(project, n))
                .collect::<Result<_, _>>()?,
            attributes: conditions
                .iter()
                .map(|c| AttributeCondition::parse(project, c))
                .collect::<Result<_, _>>()?,
            coders: self
                .coders
                .iter()
                .map(|n| names::coder(project, n))
                .collect::<Result<_, _>>()?,
            message_time: span.filter(|_| self.time == TimeField::Message),
            coded_time: span.filter(|_| self.time == TimeField::Coding),
        })
    }
}

/// Resolve code names.
pub fn codes_named(project: &Project, names: &[String]) -> anyhow::Result<Vec<CodeId>> {
    Ok(names
        .iter()
        .map(|n| names::code(project, n))
        .collect::<Result<_, _>>()?)
}

/// Write `value` as pretty JSON and a newline.
pub fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Write a table as CSV.
pub fn write_csv(out: &mut dyn Write, table: &Table) -> anyhow::Result<()> {
    table.write_csv(&mut *out)?;
    Ok(())
}

/// A code's name indented by its depth below the shallowest of `codes`.
#[must_use]
pub fn indented(h: &CodeHeading, codes: &[CodeHeading]) -> String {
    let top = codes.iter().map(|c| c.depth).min().unwrap_or(0);
    format!("{}{}", "  ".repeat(h.depth - top), h.name)
}

/// Replace each code path in the first column by the code's indented name (easier to read in a
/// terminal than full paths).
pub fn indent_codes(table: &mut Table, codes: &[CodeHeading], skip_rows: usize) {
    for (row, h) in table.rows.iter_mut().skip(skip_rows).zip(codes) {
        if let Some(first) = row.first_mut() {
            *first = Cell::Text(indented(h, codes));
        }
    }
}

/// An excerpt on one line: context, the passage in «», context; line breaks as spaces.
#[must_use]
pub fn one_line(e: &Excerpt) -> String {
    // Runs of white space (line breaks too) become one space, at the edges as well.
    let flat = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if !c.is_whitespace() {
                out.push(c);
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        out
    };
    let before = flat(&e.before);
    let after = flat(&e.after);
    format!(
        "{}{}«{}»{}{}",
        if before.is_empty() { "" } else { "…" },
        before,
        flat(&e.text),
        after,
        if after.is_empty() { "" } else { "…" }
    )
}

/// Where an excerpt is: document, range, speaker and time.
#[must_use]
pub fn location(e: &Excerpt) -> String {
    let mut s = format!("{} {}..{}", e.document_name, e.range.start, e.range.end);
    if let Some(speaker) = &e.speaker {
        s.push_str(" · ");
        s.push_str(speaker);
    }
    if let Some(at) = e.at {
        let _ = write!(s, " · {}", at.format("%Y-%m-%d %H:%M"));
    }
    s
}

/// The CSV columns describing an excerpt.
pub const EXCERPT_COLUMNS: [&str; 8] = [
    "document", "start", "end", "speaker", "time", "before", "text", "after",
];

/// The CSV cells describing an excerpt.
#[must_use]
pub fn excerpt_cells(e: &Excerpt) -> Vec<Cell> {
    vec![
        Cell::Text(e.document_name.clone()),
        Cell::Count(e.range.start),
        Cell::Count(e.range.end),
        Cell::Text(e.speaker.clone().unwrap_or_default()),
        Cell::Text(
            e.at.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_default(),
        ),
        Cell::Text(e.before.clone()),
        Cell::Text(e.text.clone()),
        Cell::Text(e.after.clone()),
    ]
}
