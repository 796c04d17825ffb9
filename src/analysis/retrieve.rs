//! Coded retrieval: every excerpt of a code (optionally with its sub-codes), filtered by
//! documents, cases, attributes, coders and dates, and combined with other codes: A where it
//! overlaps B, A where it overlaps no B, A within N characters or N turns/messages of B.
//!
//! Each result names its coding, document and character range (so the exporter can take the
//! list and the window can jump to the passage) and carries the passage with its context.
//!
//! The partners of a combination are paired as [`definitions`] says: codings of the same coder
//! (every selected coder's with [`Options::pool_coders`]), in the same scope as the retrieved
//! code (documents, cases, attributes, dates, coders) unless
//! [`RetrievalQuery::partners_anywhere`] frees them from the cases, attributes and dates.
//! `--and` and `--not` ask about the passage: whether its text is coded with the other code, the
//! coding itself included, so `--not Y` never returns a coding of Y and `--and Y`, `--not Y`
//! split the codings between them.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::definitions::{self, Options};
use super::error::AnalysisError;
use super::excerpt::Excerpt;
use super::filter::{CodingFilter, group_by_document};
use crate::model::{CaseId, CharRange, CodeId, CoderId, Coding, CodingId, Document, Project};

/// A code, alone or with every code below it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSelection {
    /// The code.
    pub code: CodeId,
    /// Include its sub-codes (all levels).
    pub with_subcodes: bool,
}

impl CodeSelection {
    /// Just `code`.
    #[must_use]
    pub fn code(code: CodeId) -> Self {
        Self {
            code,
            with_subcodes: false,
        }
    }

    /// `code` and its sub-codes.
    #[must_use]
    pub fn with_subcodes(code: CodeId) -> Self {
        Self {
            code,
            with_subcodes: true,
        }
    }

    /// The codes selected; an error if the code does not exist.
    pub fn resolve(&self, project: &Project) -> Result<BTreeSet<CodeId>, AnalysisError> {
        if project.code(self.code).is_none() {
            return Err(AnalysisError::UnknownCode(self.code.to_string()));
        }
        Ok(if self.with_subcodes {
            project.code_and_descendants(self.code)
        } else {
            BTreeSet::from([self.code])
        })
    }
}

/// How near two codings must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Proximity {
    /// At most this many characters between them (0: touching or overlapping).
    Characters(usize),
    /// At most this many speaker turns or chat messages apart (0: in the same one). Codings
    /// outside every turn never qualify.
    Segments(usize),
}

/// A condition relating the retrieved codings to the codings of another code (in the same
/// document, of the same coder unless coders are pooled, in the filter's scope unless
/// [`RetrievalQuery::partners_anywhere`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Combination {
    /// Keep codings whose passage is coded with this code: they share at least one character
    /// with a coding of it (themselves included).
    Overlapping(CodeSelection),
    /// Keep codings whose passage is not coded with this code: they share no character with any
    /// coding of it (themselves included, so a coding of this code never passes).
    NotOverlapping(CodeSelection),
    /// Keep codings near another coding of this code.
    Near {
        /// The other code.
        code: CodeSelection,
        /// How near.
        within: Proximity,
    },
}

impl Combination {
    fn selection(&self) -> CodeSelection {
        match *self {
            Self::Overlapping(c) | Self::NotOverlapping(c) | Self::Near { code: c, .. } => c,
        }
    }
}

/// A retrieval: which codings to pull out, and how much context to show.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct RetrievalQuery {
    /// The code to retrieve; `None` retrieves codings of every code.
    pub code: Option<CodeSelection>,
    /// More codes retrieved with `code`: `(A OR B) AND C` retrieves codings of A and of B.
    #[serde(default)]
    pub or_codes: Vec<CodeSelection>,
    /// Which codings count.
    pub filter: CodingFilter,
    /// Conditions on other codes; all must hold.
    pub combinations: Vec<Combination>,
    /// Groups of conditions of which one must hold, each group as well as `combinations`:
    /// `A AND (B OR NOT C)`.
    #[serde(default)]
    pub any_of: Vec<Vec<Combination>>,
    /// Characters of context either side of each excerpt.
    pub context: usize,
    /// Within each coder or pooled; what a case's text is.
    #[serde(default)]
    pub options: Options,
    /// Take the partners of combinations from every case, attribute value and date (and coding
    /// time), not only from those the filter selects; the coder filter still applies.
    #[serde(default)]
    pub partners_anywhere: bool,
}

/// One retrieved coding with its passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Retrieved {
    /// The coding.
    pub coding: CodingId,
    /// Its code.
    pub code: CodeId,
    /// The code's full path.
    pub code_path: String,
    /// Who coded it.
    pub coder: CoderId,
    /// The coder's name.
    pub coder_name: String,
    /// The first case (in text order) whose text the passage shares, among those in scope.
    pub case: Option<CaseId>,
    /// The case's name.
    pub case_name: Option<String>,
    /// The coder's note on the coding.
    pub memo: Option<String>,
    /// The passage (document, range, text, context, turn or message).
    pub excerpt: Excerpt,
    /// The codings of the combined codes that made it qualify (for "and" and "near").
    pub partners: Vec<CodingId>,
}

/// The turns/messages a range overlaps, as `(first, last)` indices.
fn segment_span(doc: &Document, range: CharRange) -> Option<(usize, usize)> {
    let mut it = doc.segments_overlapping(range);
    let first = it.next()?;
    Some((first, it.last().unwrap_or(first)))
}

/// Characters between two ranges (0 when they touch or overlap).
fn gap(a: CharRange, b: CharRange) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

fn qualifies(
    doc: &Document,
    a: &Coding,
    a_span: Option<(usize, usize)>,
    b: &Coding,
    how: &Combination,
) -> bool {
    match how {
        Combination::Overlapping(_) | Combination::NotOverlapping(_) => a.range.overlaps(b.range),
        Combination::Near {
            within: Proximity::Characters(n),
            ..
        } => gap(a.range, b.range) <= *n,
        Combination::Near {
            within: Proximity::Segments(n),
            ..
        } => match (a_span, segment_span(doc, b.range)) {
            (Some((a0, a1)), Some((b0, b1))) => {
                b0.saturating_sub(a1).max(a0.saturating_sub(b1)) <= *n
            }
            _ => false,
        },
    }
}

/// Run a retrieval. Results are ordered by document name, then position, then code and coder.
pub fn retrieve(
    project: &Project,
    query: &RetrievalQuery,
) -> Result<Vec<Retrieved>, AnalysisError> {
    let codes = match query.code {
        None => None,
        Some(first) => {
            let mut set = first.resolve(project)?;
            for more in &query.or_codes {
                set.extend(more.resolve(project)?);
            }
            Some(set)
        }
    };
    // Every condition once, with the group it belongs to: a coding qualifies when each group
    // has a condition that holds (a lone condition is a group of its own).
    let groups: Vec<&[Combination]> = query
        .combinations
        .iter()
        .map(std::slice::from_ref)
        .chain(
            query
                .any_of
                .iter()
                .map(Vec::as_slice)
                .filter(|g| !g.is_empty()),
        )
        .collect();
    let combos: Vec<(Combination, BTreeSet<CodeId>, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.iter().map(move |c| (g, c)))
        .map(|(g, c)| Ok((*c, c.selection().resolve(project)?, g)))
        .collect::<Result<_, AnalysisError>>()?;
    let filter = query.filter.compile_with(project, query.options);
    let pooled = query.options.pool_coders;
    let mut selected = filter.by_document(|c| codes.as_ref().is_none_or(|s| s.contains(&c.code)));
    let mut partner_groups: Vec<_> = combos
        .iter()
        .map(|(_, set, _)| {
            if query.partners_anywhere {
                group_by_document(project, |c| {
                    set.contains(&c.code) && filter.allows_coder(c.coder)
                })
            } else {
                filter.by_document(|c| set.contains(&c.code))
            }
        })
        .collect();
    let mut paths: HashMap<CodeId, String> = HashMap::new();
    let coder_names: HashMap<CoderId, &str> = project
        .coders()
        .values()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    let mut out = Vec::new();
    for doc in filter.documents() {
        let Some(candidates) = selected.remove(&doc.id) else {
            continue;
        };
        let others: Vec<Vec<&Coding>> = partner_groups
            .iter_mut()
            .map(|g| g.remove(&doc.id).unwrap_or_default())
            .collect();
        let text = filter.text(doc);
        let mut rows: Vec<Retrieved> = Vec::new();
        'candidates: for a in candidates {
            let a_span = segment_span(doc, a.range);
            let mut partners = Vec::new();
            let mut held = vec![false; groups.len()];
            for ((how, _, group), bs) in combos.iter().zip(&others) {
                // Partners are sorted by start: none past the last start that can qualify.
                let last_start = match how {
                    Combination::Overlapping(_) | Combination::NotOverlapping(_) => {
                        Some(a.range.end.saturating_sub(1))
                    }
                    Combination::Near {
                        within: Proximity::Characters(n),
                        ..
                    } => Some(a.range.end.saturating_add(*n)),
                    // Partners starting in a later segment than `n` after `a`'s last.
                    Combination::Near {
                        within: Proximity::Segments(n),
                        ..
                    } => match a_span {
                        None => continue,
                        Some((_, last)) => doc
                            .segments
                            .get(last.saturating_add(*n).saturating_add(1))
                            .map(|s| s.range.start.saturating_sub(1)),
                    },
                };
                let found: Vec<CodingId> = bs
                    .iter()
                    .take_while(|b| last_start.is_none_or(|l| b.range.start <= l))
                    .filter(|b| {
                        (pooled || b.coder == a.coder)
                            && (b.id != a.id || !matches!(how, Combination::Near { .. }))
                            && qualifies(doc, a, a_span, b, how)
                    })
                    .map(|b| b.id)
                    .collect();
                match how {
                    Combination::NotOverlapping(_) => held[*group] |= found.is_empty(),
                    _ if found.is_empty() => {}
                    _ => {
                        held[*group] = true;
                        partners.extend(found);
                    }
                }
            }
            if !held.iter().all(|&h| h) {
                continue 'candidates;
            }
            partners.sort();
            partners.dedup();
            let case = definitions::cases_in(&text, a.range).first().copied();
            rows.push(Retrieved {
                coding: a.id,
                code: a.code,
                code_path: paths
                    .entry(a.code)
                    .or_insert_with(|| project.code_path(a.code))
                    .clone(),
                coder: a.coder,
                coder_name: coder_names
                    .get(&a.coder)
                    .map_or_else(String::new, |n| (*n).to_owned()),
                case,
                case_name: case.and_then(|c| project.case(c)).map(|c| c.name.clone()),
                memo: a.memo.clone(),
                excerpt: Excerpt::new(doc, a.range, query.context),
                partners,
            });
        }
        rows.sort_by(|x, y| {
            (
                x.excerpt.range.start,
                x.excerpt.range.end,
                &x.code_path,
                &x.coder_name,
                x.coding,
            )
                .cmp(&(
                    y.excerpt.range.start,
                    y.excerpt.range.end,
                    &y.code_path,
                    &y.coder_name,
                    y.coding,
                ))
        });
        out.extend(rows);
    }
    Ok(out)
}

/// The coding ids of a result list, in its order (what an exporter takes).
#[must_use]
pub fn coding_ids(results: &[Retrieved]) -> Vec<CodingId> {
    results.iter().map(|r| r.coding).collect()
}
