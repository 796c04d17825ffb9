//! Code co-occurrence: how often two codes meet, as a symmetric code × code table.
//!
//! Codes meet within each coder's own codings, and the counts are summed over coders (two coders
//! who each code a passage once with A and once with B make two meetings; one coder's A on the
//! other's B makes none). [`Options::pool_coders`] takes every selected coder's codings together
//! instead. Two ways to meet:
//! - **overlap**: the text both codes cover. Each code's codings are first joined into its
//!   places ([`definitions::places`]: overlapping codings join, touching ones stay two); a cell
//!   counts the pairs of places, one of each code, that share text. The diagonal counts the
//!   places of the code itself.
//! - **segment**: the speaker turns or chat messages holding both codes (a coding is in every
//!   turn it touches). The diagonal counts the turns holding the code. Documents without turns
//!   add nothing.
//!
//! Per document and coder, the places of all codes are swept once in order of start, so the
//! cost is one sort of the codings plus the number of overlaps found.

use serde::{Deserialize, Serialize};

use super::definitions::{self, Options};
use super::error::AnalysisError;
use super::filter::CodingFilter;
use super::headings::{CodeHeading, Headings};
use super::table::{Cell, Table};
use crate::model::{CharRange, CodeId, CoderId, Coding, Document, DocumentId, Project};

/// What counts as two codes meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CooccurrenceUnit {
    /// Their coded text overlaps.
    #[default]
    Overlap,
    /// They are in the same speaker turn or chat message.
    Segment,
}

/// A co-occurrence table to compute.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct CooccurrenceQuery {
    /// What counts as meeting.
    pub by: CooccurrenceUnit,
    /// The codes of the rows and columns; empty means every code.
    pub codes: Vec<CodeId>,
    /// Count each code's sub-codes' codings as its own.
    pub with_subcodes: bool,
    /// Which codings count.
    pub filter: CodingFilter,
    /// Within each coder or pooled; what a case's text is.
    #[serde(default)]
    pub options: Options,
}

/// A code × code table of co-occurrences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cooccurrence {
    /// What was counted.
    pub by: CooccurrenceUnit,
    /// True when the coders were pooled; false when codes met within each coder's codings.
    pub pooled: bool,
    /// The codes heading rows and columns, in codebook order.
    pub codes: Vec<CodeHeading>,
    /// `counts[i][j]`: places where codes `i` and `j` meet (symmetric; the diagonal counts the
    /// places of code `i` itself).
    pub counts: Vec<Vec<usize>>,
}

/// One place where two codes meet: a stretch of overlapping text or a turn/message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    /// The document.
    pub document: DocumentId,
    /// The shared text (overlap) or the turn/message (segment).
    pub range: CharRange,
    /// The coder whose codings meet there (`None` when the coders were pooled).
    pub coder: Option<CoderId>,
}

impl Cooccurrence {
    /// The count for two codes (in either order), if both head the table.
    #[must_use]
    pub fn count(&self, a: CodeId, b: CodeId) -> Option<usize> {
        let i = self.codes.iter().position(|h| h.id == a)?;
        let j = self.codes.iter().position(|h| h.id == b)?;
        Some(self.counts[i][j])
    }

    /// The table: a row per code (labelled by path), a column per code (by name).
    #[must_use]
    pub fn to_table(&self) -> Table {
        let mut columns = vec!["code".to_owned()];
        columns.extend(self.codes.iter().map(|h| h.name.clone()));
        let rows = self
            .codes
            .iter()
            .zip(&self.counts)
            .map(|(h, row)| {
                std::iter::once(Cell::Text(h.path.clone()))
                    .chain(row.iter().map(|&n| Cell::Count(n)))
                    .collect()
            })
            .collect();
        Table { columns, rows }
    }
}

/// Each heading's merged stretches (overlap) or turns (segment) in one document.
fn units_of(
    doc: &Document,
    headings: &Headings,
    codings: &[&Coding],
    by: CooccurrenceUnit,
) -> Vec<Vec<CharRange>> {
    let mut ranges: Vec<Vec<CharRange>> = vec![Vec::new(); headings.len()];
    for c in codings {
        for &h in headings.of(c.code) {
            match by {
                CooccurrenceUnit::Overlap => ranges[h].push(c.range),
                CooccurrenceUnit::Segment => ranges[h].extend(
                    doc.segments_overlapping(c.range)
                        .map(|s| doc.segments[s].range),
                ),
            }
        }
    }
    match by {
        CooccurrenceUnit::Overlap => ranges.into_iter().map(definitions::places).collect(),
        CooccurrenceUnit::Segment => ranges
            .into_iter()
            .map(|mut r| {
                r.sort_unstable();
                r.dedup();
                r
            })
            .collect(),
    }
}

/// Call `meet(i, j, place)` for every place where headings `i` and `j` (`i != j`) meet in
/// `units` (each heading's disjoint, sorted ranges), and `meet(i, i, r)` for each unit.
fn sweep(
    units: &[Vec<CharRange>],
    by: CooccurrenceUnit,
    mut meet: impl FnMut(usize, usize, CharRange),
) {
    let mut all: Vec<(CharRange, usize)> = units
        .iter()
        .enumerate()
        .flat_map(|(h, rs)| rs.iter().map(move |&r| (r, h)))
        .collect();
    all.sort_unstable_by_key(|&(r, h)| (r.start, r.end, h));
    let mut active: Vec<(CharRange, usize)> = Vec::new();
    for &(r, h) in &all {
        meet(h, h, r);
        active.retain(|(a, _)| a.end > r.start);
        for &(a, g) in &active {
            let place = match by {
                // Turns are the same range for both codes; stretches meet where they overlap.
                CooccurrenceUnit::Segment if a != r => continue,
                CooccurrenceUnit::Segment => r,
                CooccurrenceUnit::Overlap => match a.intersection(r) {
                    Some(x) => x,
                    None => continue,
                },
            };
            meet(g, h, place);
        }
        active.push((r, h));
    }
}

/// The codings of one document by coder (one group of all of them when `pooled`), in coder id
/// order.
fn by_coder<'c>(codings: &[&'c Coding], pooled: bool) -> Vec<(Option<CoderId>, Vec<&'c Coding>)> {
    if pooled {
        return vec![(None, codings.to_vec())];
    }
    let mut groups: Vec<(Option<CoderId>, Vec<&Coding>)> = Vec::new();
    let mut sorted = codings.to_vec();
    sorted.sort_by_key(|c| c.coder);
    for c in sorted {
        match groups.last_mut() {
            Some((Some(coder), v)) if *coder == c.coder => v.push(c),
            _ => groups.push((Some(c.coder), vec![c])),
        }
    }
    groups
}

/// Compute a co-occurrence table.
pub fn cooccurrence(
    project: &Project,
    query: &CooccurrenceQuery,
) -> Result<Cooccurrence, AnalysisError> {
    let headings = Headings::new(project, &query.codes, query.with_subcodes)?;
    let n = headings.len();
    let mut counts = vec![vec![0; n]; n];
    let filter = query.filter.compile_with(project, query.options);
    let mut selected = filter.by_document(|c| !headings.of(c.code).is_empty());
    for doc in filter.documents() {
        let Some(codings) = selected.remove(&doc.id) else {
            continue;
        };
        for (_, group) in by_coder(&codings, query.options.pool_coders) {
            let units = units_of(doc, &headings, &group, query.by);
            sweep(&units, query.by, |i, j, _| {
                counts[i][j] += 1;
                if i != j {
                    counts[j][i] += 1;
                }
            });
        }
    }
    Ok(Cooccurrence {
        by: query.by,
        pooled: query.options.pool_coders,
        codes: headings.codes,
        counts,
    })
}

/// The places where codes `a` and `b` meet (what a cell of the table counts), in document name
/// and text order (then coder), for listing them or jumping to them. With `a == b`, the places
/// of `a`.
pub fn places(
    project: &Project,
    query: &CooccurrenceQuery,
    a: CodeId,
    b: CodeId,
) -> Result<Vec<Place>, AnalysisError> {
    let headings = Headings::new(project, &[a, b], query.with_subcodes)?;
    let index = |c: CodeId| headings.codes.iter().position(|h| h.id == c);
    let (Some(ia), Some(ib)) = (index(a), index(b)) else {
        return Ok(Vec::new());
    };
    let filter = query.filter.compile_with(project, query.options);
    let mut selected = filter.by_document(|c| !headings.of(c.code).is_empty());
    let mut out = Vec::new();
    for doc in filter.documents() {
        let Some(codings) = selected.remove(&doc.id) else {
            continue;
        };
        let mut found = Vec::new();
        for (coder, group) in by_coder(&codings, query.options.pool_coders) {
            let units = units_of(doc, &headings, &group, query.by);
            sweep(&units, query.by, |i, j, range| {
                if (i, j) == (ia, ib) || (j, i) == (ia, ib) {
                    found.push((range, coder));
                }
            });
        }
        found.sort_unstable();
        out.extend(found.into_iter().map(|(range, coder)| Place {
            document: doc.id,
            range,
            coder,
        }));
    }
    Ok(out)
}
