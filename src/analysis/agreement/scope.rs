//! What an agreement computation or comparison covers: which coders, documents and codes, and
//! each document's codings grouped by code and coder.

use std::collections::HashSet;

use serde::Serialize;
use thiserror::Error;

use crate::model::{CharRange, CodeId, CoderId, CodingId, Document, DocumentId, Project};

/// The name of the coder that holds consensus decisions. Left out of comparisons unless named.
pub const CONSENSUS_CODER: &str = "Consensus";

/// The most coders compared at once.
pub const MAX_CODERS: usize = 64;

/// What a unit of agreement is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Every character of the text, coded or not.
    #[default]
    Character,
    /// Every speaker turn or chat message (paragraphs in documents without them).
    Segment,
}

impl Unit {
    /// A lowercase name, as used on the command line.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Character => "character",
            Self::Segment => "segment",
        }
    }
}

/// Which coders and documents to compare, and the unit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgreementOptions {
    /// The coders, in display order; empty for every coder with codings (but the consensus
    /// coder).
    pub coders: Vec<CoderId>,
    /// The documents; empty for every document that each compared coder has coded.
    pub documents: Vec<DocumentId>,
    /// The unit of agreement.
    pub unit: Unit,
}

/// Why agreement cannot be computed.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum AgreementError {
    /// Agreement needs two coders or more.
    #[error("agreement needs at least two coders with codings, found {0}")]
    TooFewCoders(usize),
    /// More coders than can be compared at once.
    #[error("at most {MAX_CODERS} coders can be compared at once, got {0}")]
    TooManyCoders(usize),
    /// A coder the project does not have.
    #[error("the project has no coder {0}")]
    UnknownCoder(CoderId),
    /// A coder named twice.
    #[error("coder {0} is named twice")]
    DuplicateCoder(CoderId),
    /// A document the project does not have.
    #[error("the project has no document {0}")]
    UnknownDocument(DocumentId),
}

/// The resolved extent of a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    /// The coders, in display order.
    pub coders: Vec<CoderId>,
    /// The documents compared, by name.
    pub documents: Vec<DocumentId>,
    /// Documents left out because some compared coder has no coding in them, by name.
    pub skipped: Vec<DocumentId>,
    /// Codes some compared coder applied in the compared documents, in codebook order.
    pub codes: Vec<CodeId>,
}

impl Scope {
    /// Resolve `options` against `project`.
    pub fn resolve(project: &Project, options: &AgreementOptions) -> Result<Self, AgreementError> {
        let coders = if options.coders.is_empty() {
            let coded: HashSet<CoderId> = project.codings().values().map(|c| c.coder).collect();
            let mut v: Vec<_> = project
                .coders()
                .values()
                .filter(|c| coded.contains(&c.id) && c.name != CONSENSUS_CODER)
                .collect();
            v.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
            v.into_iter().map(|c| c.id).collect()
        } else {
            let mut seen = HashSet::new();
            for &c in &options.coders {
                if project.coder(c).is_none() {
                    return Err(AgreementError::UnknownCoder(c));
                }
                if !seen.insert(c) {
                    return Err(AgreementError::DuplicateCoder(c));
                }
            }
            options.coders.clone()
        };
        if coders.len() < 2 {
            return Err(AgreementError::TooFewCoders(coders.len()));
        }
        if coders.len() > MAX_CODERS {
            return Err(AgreementError::TooManyCoders(coders.len()));
        }

        let explicit = !options.documents.is_empty();
        let mut candidates: Vec<&Document> = if explicit {
            options
                .documents
                .iter()
                .map(|&d| {
                    project
                        .document(d)
                        .ok_or(AgreementError::UnknownDocument(d))
                })
                .collect::<Result<_, _>>()?
        } else {
            project.documents().values().collect()
        };
        candidates.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
        candidates.dedup_by_key(|d| d.id);

        let mut documents = Vec::new();
        let mut skipped = Vec::new();
        let mut used: HashSet<CodeId> = HashSet::new();
        for doc in candidates {
            let mut coded = vec![false; coders.len()];
            let mut applied = Vec::new();
            for c in project.codings_of(doc.id) {
                if let Some(i) = coders.iter().position(|&x| x == c.coder) {
                    coded[i] = true;
                    applied.push(c.code);
                }
            }
            if explicit || coded.iter().all(|&x| x) {
                documents.push(doc.id);
                used.extend(applied);
            } else {
                skipped.push(doc.id);
            }
        }
        let in_use = project
            .code_tree()
            .into_iter()
            .map(|(_, c)| c.id)
            .filter(|c| used.contains(c))
            .collect();
        Ok(Self {
            coders,
            documents,
            skipped,
            codes: in_use,
        })
    }
}

/// A coding as a comparison sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Mark {
    pub range: CharRange,
    pub id: CodingId,
}

/// One code's codings in one document: `by_coder[i]` are coder `i`'s, in text order.
#[derive(Clone, Debug)]
pub(crate) struct CodeMarks {
    pub code: CodeId,
    pub by_coder: Vec<Vec<Mark>>,
}

impl CodeMarks {
    /// Coder `i`'s codings merged into disjoint runs (touching ones joined): what they covered.
    pub fn coverage(&self) -> Vec<Vec<CharRange>> {
        self.by_coder
            .iter()
            .map(|v| super::intervals::merge(v.iter().map(|m| m.range).collect(), true))
            .collect()
    }

    /// Coder `i`'s units for u-α: their places of the code (overlapping codings join, touching
    /// ones stay apart; see [`crate::analysis::definitions::places`]).
    pub fn units(&self) -> Vec<Vec<CharRange>> {
        self.by_coder
            .iter()
            .map(|v| crate::analysis::definitions::places(v.iter().map(|m| m.range).collect()))
            .collect()
    }
}

/// The compared coders' codings of one document, grouped by code (in the order of
/// `Scope::codes`).
pub(crate) fn marks_of(project: &Project, doc: DocumentId, scope: &Scope) -> Vec<CodeMarks> {
    let order: std::collections::HashMap<CodeId, usize> = scope
        .codes
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, i))
        .collect();
    let mut rows: Vec<(usize, usize, Mark)> = project
        .codings_of(doc)
        .filter_map(|c| {
            let coder = scope.coders.iter().position(|&x| x == c.coder)?;
            let code = *order.get(&c.code)?;
            Some((
                code,
                coder,
                Mark {
                    range: c.range,
                    id: c.id,
                },
            ))
        })
        .collect();
    rows.sort_unstable();
    let mut out: Vec<CodeMarks> = Vec::new();
    for (code, coder, mark) in rows {
        let code = scope.codes[code];
        if out.last().is_none_or(|g| g.code != code) {
            out.push(CodeMarks {
                code,
                by_coder: vec![Vec::new(); scope.coders.len()],
            });
        }
        if let Some(g) = out.last_mut() {
            g.by_coder[coder].push(mark);
        }
    }
    out
}

/// The segment units of a document: its speaker turns and chat messages, or, in a document
/// without them, its paragraphs (runs of non-blank lines).
#[must_use]
pub fn segment_units(doc: &Document) -> Vec<CharRange> {
    if !doc.segments.is_empty() {
        let mut v: Vec<CharRange> = doc
            .segments
            .iter()
            .map(|s| s.range)
            .filter(|r| !r.is_empty())
            .collect();
        v.sort_unstable();
        return v;
    }
    let mut out = Vec::new();
    let mut para: Option<CharRange> = None;
    let mut line_start = 0;
    let mut blank = true;
    let mut pos = 0;
    let mut close_line =
        |line_start: usize, end: usize, blank: bool, para: &mut Option<CharRange>| {
            if blank {
                if let Some(p) = para.take() {
                    out.push(p);
                }
            } else {
                match para {
                    Some(p) => p.end = end,
                    None => *para = Some(CharRange::new(line_start, end)),
                }
            }
        };
    for ch in doc.text.as_str().chars() {
        if ch == '\n' {
            close_line(line_start, pos, blank, &mut para);
            line_start = pos + 1;
            blank = true;
        } else if !ch.is_whitespace() {
            blank = false;
        }
        pos += 1;
    }
    close_line(line_start, pos, blank, &mut para);
    close_line(pos, pos, true, &mut para);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocumentKind;

    #[test]
    fn paragraphs_stand_in_for_segments() {
        let doc = Document::new("n", DocumentKind::Notes, "ab\ncd\n\n  \nef\n");
        assert_eq!(
            segment_units(&doc),
            vec![CharRange::new(0, 5), CharRange::new(10, 12)]
        );
        let doc = Document::new("n", DocumentKind::Notes, "x");
        assert_eq!(segment_units(&doc), vec![CharRange::new(0, 1)]);
    }
}
