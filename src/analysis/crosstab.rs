//! Code × case and code × attribute tables: which codes participants voice, by participant or
//! by region, age band, time in the group.
//!
//! A case's text, and which case a coding counts for, are as [`definitions`](super::definitions)
//! says: the participant's own interview turns and chat messages, within the filters; a coding
//! counts for every case whose text it shares a character with. Each cell holds three measures:
//! - **count**: codings of the code sharing text with the column's cases' text (what `retrieve`
//!   lists with the same filter and those cases); the total counts each coding once;
//! - **cases**: how many of the column's cases have at least one such coding;
//! - **coverage**: the share of the column's text that the code covers, overlapping codings
//!   (of any selected coder) counted once, only characters of that text counted.
//!
//! Codings in scope that share no text with any case are counted apart, in `unattributed`.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::definitions::{self, Options};
use super::error::AnalysisError;
use super::filter::CodingFilter;
use super::headings::{CodeHeading, Headings};
use super::names::natural_cmp;
use super::table::{Cell, Table};
use crate::model::{AttributeId, AttributeKind, Case, CaseId, CharRange, CodeId, Project, Value};

/// What the columns are.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
pub enum CrosstabColumns {
    /// One column per case.
    #[default]
    Cases,
    /// One column per value of an attribute.
    Attribute {
        /// The attribute.
        attribute: AttributeId,
        /// For a number attribute, group values into bands this wide (10: 40–49, 50–59).
        bin: Option<f64>,
    },
}

/// Which measure a table shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Measure {
    /// Number of codings.
    #[default]
    Count,
    /// Percentage of the column's text covered.
    Coverage,
    /// Number of cases with the code.
    Cases,
}

/// A crosstab to compute.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct CrosstabQuery {
    /// What the columns are.
    pub columns: CrosstabColumns,
    /// The codes of the rows; empty means every code.
    pub codes: Vec<CodeId>,
    /// Count each code's sub-codes' codings as its own.
    pub with_subcodes: bool,
    /// Which codings (and cases) count.
    pub filter: CodingFilter,
    /// What a case's text is.
    #[serde(default)]
    pub options: Options,
}

/// A column: a case, or the cases sharing an attribute value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CrosstabColumn {
    /// Its heading: the case name or the attribute value (`(no value)` for cases without one).
    pub label: String,
    /// The cases it gathers, in name order.
    pub cases: Vec<CaseId>,
}

/// A code × case/attribute table with all three measures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Crosstab {
    /// The rows.
    pub codes: Vec<CodeHeading>,
    /// The columns.
    pub columns: Vec<CrosstabColumn>,
    /// `counts[code][column]`: codings.
    pub counts: Vec<Vec<usize>>,
    /// `totals[code]`: codings counted in some column, each once.
    pub totals: Vec<usize>,
    /// `cases[code][column]`: cases with at least one coding.
    pub cases: Vec<Vec<usize>>,
    /// `coded[code][column]`: characters of the column's text the code covers.
    pub coded: Vec<Vec<usize>>,
    /// Characters of text of each column.
    pub text: Vec<usize>,
    /// Codings per code in passages that belong to no case.
    pub unattributed: Vec<usize>,
    /// Codings (of any heading) in passages that belong to no case, each counted once.
    pub unattributed_codings: usize,
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

impl Crosstab {
    /// The coverage of `code` (row) in `column`, as a percentage.
    #[must_use]
    pub fn coverage(&self, code: usize, column: usize) -> f64 {
        percent(self.coded[code][column], self.text[column])
    }

    /// The value of one measure in one cell.
    #[must_use]
    pub fn cell(&self, measure: Measure, code: usize, column: usize) -> Cell {
        match measure {
            Measure::Count => Cell::Count(self.counts[code][column]),
            Measure::Cases => Cell::Count(self.cases[code][column]),
            Measure::Coverage => Cell::Percent(self.coverage(code, column)),
        }
    }

    /// The row total of one measure (count: each coding once, even when it counts in two
    /// columns; coverage: of all columns' text together).
    #[must_use]
    pub fn total(&self, measure: Measure, code: usize) -> Cell {
        match measure {
            Measure::Count => Cell::Count(self.totals[code]),
            Measure::Cases => Cell::Count(self.cases[code].iter().sum()),
            Measure::Coverage => Cell::Percent(percent(
                self.coded[code].iter().sum(),
                self.text.iter().sum(),
            )),
        }
    }

    /// The table of one measure: a row per code (by path), a column per case or value, and a
    /// total column.
    #[must_use]
    pub fn to_table(&self, measure: Measure) -> Table {
        let mut columns = vec!["code".to_owned()];
        columns.extend(self.columns.iter().map(|c| c.label.clone()));
        columns.push("total".to_owned());
        let rows = self
            .codes
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let mut row = vec![Cell::Text(h.path.clone())];
                row.extend((0..self.columns.len()).map(|j| self.cell(measure, i, j)));
                row.push(self.total(measure, i));
                row
            })
            .collect();
        Table { columns, rows }
    }
}

/// The column key of a case: an order and a label.
fn key_of(
    case: &Case,
    attribute: AttributeId,
    kind: &AttributeKind,
    bin: Option<f64>,
) -> Option<(f64, String)> {
    let value = case.values.get(&attribute)?;
    Some(match (value, bin) {
        (Value::Number(v), Some(w)) if w > 0.0 => {
            let lo = (v / w).floor() * w;
            let label = if w.fract() == 0.0 && lo.fract() == 0.0 {
                format!("{lo}–{}", lo + w - 1.0)
            } else {
                format!("{lo}–{}", lo + w)
            };
            (lo, label)
        }
        (Value::Number(v), _) => (*v, value.to_string()),
        (Value::Date(d), _) => (f64::from(d.num_days_from_ce()), value.to_string()),
        (Value::Category(s), _) => {
            let declared = match kind {
                AttributeKind::Category(options) => options.iter().position(|o| o == s),
                _ => None,
            };
            (declared.map_or(f64::MAX, |i| i as f64), s.clone())
        }
        (Value::Text(s), _) => (0.0, s.clone()),
    })
}

/// The columns for the cases `allowed` lets through.
pub(crate) fn columns_of(
    project: &Project,
    spec: CrosstabColumns,
    allowed: impl Fn(CaseId) -> bool,
) -> Result<Vec<CrosstabColumn>, AnalysisError> {
    let mut cases: Vec<&Case> = project.cases().values().filter(|c| allowed(c.id)).collect();
    cases.sort_by(|a, b| natural_cmp(&a.name, &b.name));
    let CrosstabColumns::Attribute { attribute, bin } = spec else {
        return Ok(cases
            .iter()
            .map(|c| CrosstabColumn {
                label: c.name.clone(),
                cases: vec![c.id],
            })
            .collect());
    };
    let def = project
        .attributes()
        .get(&attribute)
        .ok_or_else(|| AnalysisError::BadOption(format!("no attribute {attribute}")))?;
    if let Some(w) = bin
        && (def.kind != AttributeKind::Number || !(w > 0.0 && w.is_finite()))
    {
        return Err(AnalysisError::BadOption(format!(
            "bands of {w} need a number attribute and a positive width; {:?} is a {} attribute",
            def.name,
            def.kind.as_str()
        )));
    }
    let mut keyed: Vec<(f64, String, CaseId)> = Vec::new();
    let mut without = Vec::new();
    for c in &cases {
        match key_of(c, attribute, &def.kind, bin) {
            Some((order, label)) => keyed.push((order, label, c.id)),
            None => without.push(c.id),
        }
    }
    keyed.sort_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .unwrap_or(Ordering::Equal)
            .then_with(|| natural_cmp(&a.1, &b.1))
    });
    let mut columns: Vec<CrosstabColumn> = Vec::new();
    for (_, label, case) in keyed {
        match columns.last_mut() {
            Some(last) if last.label == label => last.cases.push(case),
            _ => columns.push(CrosstabColumn {
                label,
                cases: vec![case],
            }),
        }
    }
    if !without.is_empty() {
        columns.push(CrosstabColumn {
            label: "(no value)".into(),
            cases: without,
        });
    }
    Ok(columns)
}

/// Total length of the overlap of two sorted lists of disjoint ranges, added to `add(col, n)`
/// for each span of `spans`.
fn overlap_by_span(
    coded: &[CharRange],
    spans: &[(CharRange, usize)],
    mut add: impl FnMut(usize, usize),
) {
    let (mut i, mut j) = (0, 0);
    while i < coded.len() && j < spans.len() {
        let (a, (b, col)) = (coded[i], spans[j]);
        if let Some(x) = a.intersection(b) {
            add(col, x.len());
        }
        if a.end <= b.end {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// Compute a crosstab.
pub fn crosstab(project: &Project, query: &CrosstabQuery) -> Result<Crosstab, AnalysisError> {
    let headings = Headings::new(project, &query.codes, query.with_subcodes)?;
    let filter = query.filter.compile_with(project, query.options);
    let columns = columns_of(project, query.columns, |c| filter.allows_case(Some(c)))?;
    let col_of: HashMap<CaseId, usize> = columns
        .iter()
        .enumerate()
        .flat_map(|(i, col)| col.cases.iter().map(move |&c| (c, i)))
        .collect();
    let (n, m) = (headings.len(), columns.len());
    let mut counts = vec![vec![0; m]; n];
    let mut totals = vec![0; n];
    let mut coded = vec![vec![0; m]; n];
    let mut text = vec![0; m];
    let mut unattributed = vec![0; n];
    let mut unattributed_codings = 0;
    let mut seen: Vec<Vec<HashSet<CaseId>>> = vec![vec![HashSet::new(); m]; n];
    let mut selected = filter.by_document(|c| !headings.of(c.code).is_empty());
    for doc in filter.documents() {
        // The columns' text in this document: the pieces in scope that are some column's case's.
        let mut pieces = filter.text(doc);
        pieces.retain(|p| p.case.is_some_and(|c| col_of.contains_key(&c)));
        let spans: Vec<(CharRange, usize)> = pieces
            .iter()
            .filter_map(|p| Some((p.range, *col_of.get(&p.case?)?)))
            .collect();
        for (r, col) in &spans {
            text[*col] += r.len();
        }
        let mut ranges: Vec<Vec<CharRange>> = vec![Vec::new(); n];
        for c in selected.remove(&doc.id).unwrap_or_default() {
            let cases = definitions::cases_in(&pieces, c.range);
            let mut cols: Vec<(CaseId, usize)> = cases
                .iter()
                .filter_map(|case| Some((*case, *col_of.get(case)?)))
                .collect();
            let under = headings.of(c.code);
            if cols.is_empty() {
                unattributed_codings += 1;
                for &h in under {
                    unattributed[h] += 1;
                }
                continue;
            }
            for &h in under {
                ranges[h].push(c.range);
                totals[h] += 1;
                for &(case, _) in &cols {
                    seen[h][col_of[&case]].insert(case);
                }
            }
            cols.sort_unstable_by_key(|&(_, col)| col);
            cols.dedup_by_key(|&mut (_, col)| col);
            for &h in under {
                for &(_, col) in &cols {
                    counts[h][col] += 1;
                }
            }
        }
        for (h, r) in ranges.into_iter().enumerate() {
            if !r.is_empty() {
                overlap_by_span(&definitions::places(r), &spans, |col, len| {
                    coded[h][col] += len;
                });
            }
        }
    }
    let cases = seen
        .iter()
        .map(|row| row.iter().map(HashSet::len).collect())
        .collect();
    Ok(Crosstab {
        codes: headings.codes,
        columns,
        counts,
        totals,
        cases,
        coded,
        text,
        unattributed,
        unattributed_codings,
    })
}
