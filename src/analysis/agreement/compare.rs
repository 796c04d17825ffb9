//! The comparison behind a compare view: per document, each coder's codings, and the passages
//! where the coders' codings of a code meet, agreed or not, in text order, with every coder's
//! version, so that a window can list them and step through the disagreements.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use super::intervals;
use super::scope::{AgreementError, AgreementOptions, Mark, Scope, marks_of};
use crate::model::{CharRange, CodeId, CoderId, CodingId, DocumentId, Memo, MemoTarget, Project};

/// How the coders' versions of a passage relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PassageStatus {
    /// Every coder coded exactly these characters with the code.
    Agreed,
    /// Every coder coded the passage with the code, but their boundaries differ.
    Boundaries,
    /// Some coders coded the passage with the code and others did not.
    Missing,
}

/// One coder's version of a passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Version {
    /// The coder.
    pub coder: CoderId,
    /// Their codings of the passage's code within it, in text order (empty: they did not code it).
    pub codings: Vec<CodingId>,
    /// The ranges of those codings, in the same order.
    pub ranges: Vec<CharRange>,
    /// Their codings of other codes that overlap the passage ("coded this instead").
    pub other_codes: Vec<CodingId>,
}

/// A passage: a stretch of text that the compared coders' codings of one code cover, joined
/// wherever two of them overlap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// The document.
    pub document: DocumentId,
    /// The code.
    pub code: CodeId,
    /// From the first coded character to the last.
    pub range: CharRange,
    /// Agreed, or how the versions differ.
    pub status: PassageStatus,
    /// The characters on which the coders differ (some coded them, some did not).
    pub differing: Vec<CharRange>,
    /// Every compared coder's version, in coder order.
    pub versions: Vec<Version>,
}

impl Passage {
    /// True unless every coder agrees.
    #[must_use]
    pub fn is_disagreement(&self) -> bool {
        self.status != PassageStatus::Agreed
    }

    /// One coder's version.
    #[must_use]
    pub fn version(&self, coder: CoderId) -> Option<&Version> {
        self.versions.iter().find(|v| v.coder == coder)
    }

    /// Every coding of the passage's code in it, of every coder.
    pub fn codings(&self) -> impl Iterator<Item = CodingId> + '_ {
        self.versions.iter().flat_map(|v| v.codings.iter().copied())
    }

    /// The coders' discussion: the memos on every coding of the passage, oldest first.
    #[must_use]
    pub fn comments<'a>(&self, project: &'a Project) -> Vec<&'a Memo> {
        let mut v: Vec<&Memo> = self
            .codings()
            .flat_map(|c| project.memos_on(MemoTarget::Coding(c)))
            .collect();
        v.sort_by_key(|m| (m.created, m.id));
        v
    }
}

/// One document in a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocumentComparison {
    /// The document.
    pub document: DocumentId,
    /// Each compared coder's codings of the document (every code), in text order.
    pub codings: Vec<Vec<CodingId>>,
    /// Its passages: indices into [`Comparison::passages`].
    pub passages: Range<usize>,
}

/// Two or more coders' codings side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The coders, in display order.
    pub coders: Vec<CoderId>,
    /// Documents left out because some coder has not coded them.
    pub skipped: Vec<DocumentId>,
    /// The compared documents, by name.
    pub documents: Vec<DocumentComparison>,
    /// All passages: by document, then in text order (start, end, codebook order).
    pub passages: Vec<Passage>,
}

impl Comparison {
    /// Indices and passages of the disagreements, in order.
    pub fn disagreements(&self) -> impl Iterator<Item = (usize, &Passage)> + '_ {
        self.passages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_disagreement())
    }

    /// How many passages are disagreements.
    #[must_use]
    pub fn disagreement_count(&self) -> usize {
        self.disagreements().count()
    }

    /// The first disagreement after passage `current` (from the start for `None`).
    #[must_use]
    pub fn next_disagreement(&self, current: Option<usize>) -> Option<usize> {
        let from = current.map_or(0, |c| c + 1);
        (from..self.passages.len()).find(|&i| self.passages[i].is_disagreement())
    }

    /// The last disagreement before passage `current` (from the end for `None`).
    #[must_use]
    pub fn previous_disagreement(&self, current: Option<usize>) -> Option<usize> {
        let to = current
            .unwrap_or(self.passages.len())
            .min(self.passages.len());
        (0..to).rev().find(|&i| self.passages[i].is_disagreement())
    }

    /// The first disagreement in `document` that ends after character `pos`, else the first
    /// one in a later document: where "next" goes from a cursor.
    #[must_use]
    pub fn disagreement_from(&self, document: DocumentId, pos: usize) -> Option<usize> {
        let d = self.documents.iter().position(|d| d.document == document)?;
        let within = self.documents[d].passages.clone();
        within
            .clone()
            .find(|&i| self.passages[i].is_disagreement() && self.passages[i].range.end > pos)
            .or_else(|| self.next_disagreement(within.end.checked_sub(1)))
    }

    /// Bring one compared document up to date after its codings changed, in place of comparing
    /// everything again. Returns false when that is not enough: the document was not compared,
    /// or some compared coder no longer has a coding in it (a full comparison would leave it out).
    pub fn refresh_document(&mut self, project: &Project, document: DocumentId) -> bool {
        let Some(d) = self.documents.iter().position(|x| x.document == document) else {
            return false;
        };
        let options = AgreementOptions {
            coders: self.coders.clone(),
            documents: vec![document],
            ..AgreementOptions::default()
        };
        let Ok(scope) = Scope::resolve(project, &options) else {
            return false;
        };
        let (codings, passages) = compare_document(project, document, &scope);
        if codings.iter().any(Vec::is_empty) {
            return false;
        }
        let old = self.documents[d].passages.clone();
        let new_end = old.start + passages.len();
        self.passages.splice(old.clone(), passages);
        self.documents[d].codings = codings;
        self.documents[d].passages = old.start..new_end;
        for later in &mut self.documents[d + 1..] {
            let len = later.passages.len();
            let start = later.passages.start - old.end + new_end;
            later.passages = start..start + len;
        }
        true
    }

    /// One document's comparison.
    #[must_use]
    pub fn document(&self, id: DocumentId) -> Option<&DocumentComparison> {
        self.documents.iter().find(|d| d.document == id)
    }

    /// One document's passages.
    #[must_use]
    pub fn passages_of(&self, id: DocumentId) -> &[Passage] {
        self.document(id)
            .map_or(&[][..], |d| &self.passages[d.passages.clone()])
    }
}

/// Compare the coders in `options` (the unit is not used).
pub fn compare(
    project: &Project,
    options: &AgreementOptions,
) -> Result<Comparison, AgreementError> {
    let scope = Scope::resolve(project, options)?;
    let mut documents = Vec::with_capacity(scope.documents.len());
    let mut passages = Vec::new();
    for &doc in &scope.documents {
        let (codings, mut of_doc) = compare_document(project, doc, &scope);
        let first = passages.len();
        passages.append(&mut of_doc);
        documents.push(DocumentComparison {
            document: doc,
            codings,
            passages: first..passages.len(),
        });
    }
    Ok(Comparison {
        coders: scope.coders,
        skipped: scope.skipped,
        documents,
        passages,
    })
}

/// One document of a comparison: each coder's codings (every code) in text order, and the
/// passages in text order (start, end, codebook order).
fn compare_document(
    project: &Project,
    doc: DocumentId,
    scope: &Scope,
) -> (Vec<Vec<CodingId>>, Vec<Passage>) {
    let m = scope.coders.len();
    let code_order: HashMap<CodeId, usize> = scope
        .codes
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, i))
        .collect();
    // Every coding of each coder, in text order, for the side-by-side columns and for "coded
    // this instead".
    let mut all: Vec<Vec<Row>> = vec![Vec::new(); m];
    for c in project.codings_of(doc) {
        if let Some(i) = scope.coders.iter().position(|&x| x == c.coder) {
            all[i].push((c.range, c.id, c.code));
        }
    }
    for v in &mut all {
        v.sort_unstable_by_key(|&(r, id, _)| (r, id));
    }
    let longest: Vec<usize> = all
        .iter()
        .map(|v| v.iter().map(|(r, _, _)| r.len()).max().unwrap_or(0))
        .collect();

    let mut passages = Vec::new();
    for marks in marks_of(project, doc, scope) {
        for cluster in clusters(&marks.by_coder) {
            passages.push(passage(
                doc,
                marks.code,
                &cluster,
                &scope.coders,
                &all,
                &longest,
            ));
        }
    }
    passages.sort_by_key(|p| {
        (
            p.range.start,
            p.range.end,
            code_order.get(&p.code).copied().unwrap_or(usize::MAX),
        )
    });
    let codings = all
        .into_iter()
        .map(|v| v.into_iter().map(|(_, id, _)| id).collect())
        .collect();
    (codings, passages)
}

/// Each coder's codings of a document (every code), in text order: range, id, code.
type Row = (CharRange, CodingId, CodeId);

/// The passage of one cluster of codings of `code`.
fn passage(
    doc: DocumentId,
    code: CodeId,
    cluster: &Cluster,
    coders: &[CoderId],
    all: &[Vec<Row>],
    longest: &[usize],
) -> Passage {
    let m = coders.len();
    let full = if m == 64 { u64::MAX } else { (1u64 << m) - 1 };
    let range = cluster.range;
    let coverage: Vec<Vec<CharRange>> = cluster
        .by_coder
        .iter()
        .map(|v| intervals::merge(v.iter().map(|m| m.range).collect(), true))
        .collect();
    let differing = intervals::merge(
        intervals::pieces(&coverage)
            .into_iter()
            .filter(|p| p.mask != full)
            .map(|p| p.range)
            .collect(),
        true,
    );
    let status = if cluster.by_coder.iter().any(Vec::is_empty) {
        PassageStatus::Missing
    } else if differing.is_empty() {
        PassageStatus::Agreed
    } else {
        PassageStatus::Boundaries
    };
    let versions = coders
        .iter()
        .enumerate()
        .map(|(i, &coder)| {
            // Codings that start this far before the passage cannot reach into it.
            let from = all[i].partition_point(|(r, _, _)| r.start + longest[i] <= range.start);
            Version {
                coder,
                codings: cluster.by_coder[i].iter().map(|m| m.id).collect(),
                ranges: cluster.by_coder[i].iter().map(|m| m.range).collect(),
                other_codes: all[i][from..]
                    .iter()
                    .take_while(|(r, _, _)| r.start < range.end)
                    .filter(|(r, _, c)| *c != code && r.overlaps(range))
                    .map(|&(_, id, _)| id)
                    .collect(),
            }
        })
        .collect();
    Passage {
        document: doc,
        code,
        range,
        status,
        differing,
        versions,
    }
}

/// Codings of one code joined into passages wherever two overlap (of the same coder or not):
/// the places of the code in all compared coders' codings together
/// ([`crate::analysis::definitions::joins`]).
struct Cluster {
    range: CharRange,
    by_coder: Vec<Vec<Mark>>,
}

fn clusters(by_coder: &[Vec<Mark>]) -> Vec<Cluster> {
    let mut all: Vec<(Mark, usize)> = by_coder
        .iter()
        .enumerate()
        .flat_map(|(i, v)| v.iter().map(move |&m| (m, i)))
        .collect();
    all.sort_unstable();
    let mut out: Vec<Cluster> = Vec::new();
    for (mark, coder) in all {
        match out.last_mut() {
            Some(c) if crate::analysis::definitions::joins(c.range, mark.range) => {
                c.range.end = c.range.end.max(mark.range.end);
                c.by_coder[coder].push(mark);
            }
            _ => {
                let mut by = vec![Vec::new(); by_coder.len()];
                by[coder].push(mark);
                out.push(Cluster {
                    range: mark.range,
                    by_coder: by,
                });
            }
        }
    }
    out
}
