//! Code co-occurrence: how often two codes meet, as a symmetric code × code table.
//!
//! Two ways to meet:
//! - **overlap**: the text both codes cover. Each code's codings are first merged into the
//!   stretches of text it covers (so two coders coding the same passage, or nested codings,
//!   count once); a cell counts the separate stretches where A's text and B's text overlap.
//!   The diagonal counts the stretches of the code itself.
//! - **segment**: the speaker turns or chat messages holding both codes (a coding is in every
//!   turn it touches). The diagonal counts the turns holding the code. Documents without turns
//!   add nothing.
//!
//! Per document, the merged stretches of all codes are swept once in order of start, so the
//! cost is one sort of the codings plus the number of overlaps found.

use serde::{Deserialize, Serialize};

use super::error::AnalysisError;
use super::filter::CodingFilter;
use super::headings::{CodeHeading, Headings, merge};
use super::table::{Cell, Table};
use crate::model::{CharRange, CodeId, Coding, Document, DocumentId, Project};

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
}

/// A code × code table of co-occurrences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cooccurrence {
    /// What was counted.
    pub by: CooccurrenceUnit,
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
        CooccurrenceUnit::Overlap => ranges.into_iter().map(merge).collect(),
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

/// Compute a co-occurrence table.
pub fn cooccurrence(
    project: &Project,
    query: &CooccurrenceQuery,
) -> Result<Cooccurrence, AnalysisError> {
    let headings = Headings::new(project, &query.codes, query.with_subcodes)?;
    let n = headings.len();
    let mut counts = vec![vec![0; n]; n];
    let filter = query.filter.compile(project);
    let mut selected = filter.by_document(|c| !headings.of(c.code).is_empty());
    for doc in filter.documents() {
        let Some(codings) = selected.remove(&doc.id) else {
            continue;
        };
        let units = units_of(doc, &headings, &codings, query.by);
        sweep(&units, query.by, |i, j, _| {
            counts[i][j] += 1;
            if i != j {
                counts[j][i] += 1;
            }
        });
    }
    Ok(Cooccurrence {
        by: query.by,
        codes: headings.codes,
        counts,
    })
}

/// The places where codes `a` and `b` meet (what a cell of the table counts), in document name
/// and text order, for listing them or jumping to them. With `a == b`, the places of `a`.
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
    let filter = query.filter.compile(project);
    let mut selected = filter.by_document(|c| !headings.of(c.code).is_empty());
    let mut out = Vec::new();
    for doc in filter.documents() {
        let Some(codings) = selected.remove(&doc.id) else {
            continue;
        };
        let units = units_of(doc, &headings, &codings, query.by);
        let mut found = Vec::new();
        sweep(&units, query.by, |i, j, range| {
            if (i, j) == (ia, ib) || (j, i) == (ia, ib) {
                found.push(range);
            }
        });
        found.sort_unstable();
        out.extend(found.into_iter().map(|range| Place {
            document: doc.id,
            range,
        }));
    }
    Ok(out)
}
