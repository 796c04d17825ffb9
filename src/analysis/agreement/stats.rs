//! Agreement statistics per code and overall, per document and over all compared documents.
//! See docs/agreement.md for what a unit is and how values are pooled.

use std::collections::HashMap;

use serde::Serialize;

use super::domains::{AcrossDomains, DomainAgreement, domains_of_scope};
use super::intervals;
use super::scope::{AgreementError, AgreementOptions, Scope, Unit, marks_of, segment_units};
use super::tally::Tally;
use super::unitizing::{Continuum, UnitizingAlpha};
use crate::model::{CharRange, CodeId, CoderId, DocumentId, Project};

/// The agreement coefficients of one scope: a code in a document, a code over all documents,
/// a document over all codes, or everything.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measures {
    /// The counts the coefficients come from.
    pub tally: Tally,
    /// Share of units on which all coders agree (0 to 1).
    pub percent: Option<f64>,
    /// Cohen's κ (two coders only).
    pub kappa: Option<f64>,
    /// Krippendorff's α, nominal.
    pub alpha: Option<f64>,
    /// Krippendorff's unitizing α, always over characters.
    pub u_alpha: UnitizingAlpha,
}

impl Measures {
    /// The coefficients of a tally and a u-α.
    #[must_use]
    pub fn new(tally: Tally, u_alpha: UnitizingAlpha) -> Self {
        Self {
            percent: tally.percent_agreement(),
            kappa: tally.cohen_kappa(),
            alpha: tally.krippendorff_alpha(),
            tally,
            u_alpha,
        }
    }
}

/// The agreement on one code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeAgreement {
    /// The code.
    pub code: CodeId,
    /// Its path in the codebook, e.g. `Emotional resonance / Emotional arousal`.
    pub name: String,
    /// The coefficients.
    pub measures: Measures,
}

/// The agreement within one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentAgreement {
    /// The document.
    pub document: DocumentId,
    /// Its name.
    pub name: String,
    /// Over all compared codes.
    pub overall: Measures,
    /// Per code, for the codes some compared coder applied in this document (codebook order).
    pub codes: Vec<CodeAgreement>,
}

/// A coder or document named in a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named<T> {
    /// Its id.
    pub id: T,
    /// Its name.
    pub name: String,
}

/// Agreement of two or more coders over a project.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementReport {
    /// The unit of percent agreement, κ and α.
    pub unit: Unit,
    /// The coders compared, in the order of `Tally::applied`.
    pub coders: Vec<Named<CoderId>>,
    /// Documents left out because some coder has not coded them.
    pub skipped: Vec<Named<DocumentId>>,
    /// Per code over all compared documents (codebook order).
    pub codes: Vec<CodeAgreement>,
    /// Per document (by name).
    pub documents: Vec<DocumentAgreement>,
    /// Over all codes and documents.
    pub overall: Measures,
    /// The cu-α family per semantic domain (top-level code with its sub-codes), in codebook
    /// order.
    pub domains: Vec<DomainAgreement>,
    /// Cu-α: agreement on the semantic domains of what coders both coded.
    pub across_domains: AcrossDomains,
}

/// Compute the agreement of the coders in `options` over `project`.
pub fn agreement(
    project: &Project,
    options: &AgreementOptions,
) -> Result<AgreementReport, AgreementError> {
    let scope = Scope::resolve(project, options)?;
    let (domains, across_domains) = domains_of_scope(project, &scope);
    let mut pooled = Pooled::new(project, &scope, options.unit);
    let documents = scope
        .documents
        .iter()
        .filter_map(|&id| pooled.document(project, id))
        .collect();

    let m = scope.coders.len();
    let mut overall = Tally::new(m);
    let mut overall_u = Vec::with_capacity(scope.codes.len());
    let mut codes = Vec::with_capacity(scope.codes.len());
    let Pooled {
        names,
        tallies,
        continua,
        ..
    } = pooled;
    for (ci, (tally, cont)) in tallies.into_iter().zip(&continua).enumerate() {
        let u = cont.alpha();
        overall.add(&tally);
        overall_u.push(u);
        codes.push(CodeAgreement {
            code: scope.codes[ci],
            name: names[ci].clone(),
            measures: Measures::new(tally, u),
        });
    }
    let named_doc = |id: DocumentId| Named {
        id,
        name: project
            .document(id)
            .map(|d| d.name.clone())
            .unwrap_or_default(),
    };
    Ok(AgreementReport {
        unit: options.unit,
        coders: scope
            .coders
            .iter()
            .map(|&id| Named {
                id,
                name: project
                    .coder(id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        skipped: scope.skipped.iter().map(|&id| named_doc(id)).collect(),
        codes,
        documents,
        overall: Measures::new(overall, UnitizingAlpha::combine(overall_u)),
        domains,
        across_domains,
    })
}

/// Per-code counts pooled over the documents seen so far.
struct Pooled<'a> {
    scope: &'a Scope,
    unit: Unit,
    index: HashMap<CodeId, usize>,
    /// Code paths, in scope order.
    names: Vec<String>,
    tallies: Vec<Tally>,
    continua: Vec<Continuum>,
    /// Scratch space for segment units.
    masks: Vec<u64>,
}

impl<'a> Pooled<'a> {
    fn new(project: &Project, scope: &'a Scope, unit: Unit) -> Self {
        let m = scope.coders.len();
        let nc = scope.codes.len();
        Self {
            scope,
            unit,
            index: scope
                .codes
                .iter()
                .enumerate()
                .map(|(i, &c)| (c, i))
                .collect(),
            names: scope.codes.iter().map(|&c| project.code_path(c)).collect(),
            tallies: vec![Tally::new(m); nc],
            continua: vec![Continuum::new(m); nc],
            masks: Vec::new(),
        }
    }

    /// One document's agreement, adding its counts to the pools.
    fn document(&mut self, project: &Project, id: DocumentId) -> Option<DocumentAgreement> {
        let doc = project.document(id)?;
        let m = self.scope.coders.len();
        let nc = self.scope.codes.len();
        let len = doc.text.char_len();
        let segments = (self.unit == Unit::Segment).then(|| segment_units(doc));
        let n_units = segments.as_ref().map_or(len, Vec::len) as u64;
        let mut present = vec![false; nc];
        let mut doc_tally = Tally::new(m);
        let mut doc_u = Vec::new();
        let mut codes = Vec::new();
        for marks in marks_of(project, id, self.scope) {
            let Some(&ci) = self.index.get(&marks.code) else {
                continue;
            };
            present[ci] = true;
            let coverage = marks.coverage();
            let tally = match &segments {
                None => char_tally(len, &coverage, m),
                Some(units) => segment_tally(units, &coverage, m, &mut self.masks),
            };
            let mut cont = Continuum::new(m);
            cont.add_document(len, &marks.units());
            let u = cont.alpha();
            self.tallies[ci].add(&tally);
            self.continua[ci].append(&cont);
            doc_tally.add(&tally);
            doc_u.push(u);
            codes.push(CodeAgreement {
                code: marks.code,
                name: self.names[ci].clone(),
                measures: Measures::new(tally, u),
            });
        }
        for ci in (0..nc).filter(|&ci| !present[ci]) {
            self.tallies[ci].record(0, n_units);
            self.continua[ci].add_uncoded(len);
            doc_tally.record(0, n_units);
        }
        Some(DocumentAgreement {
            document: id,
            name: doc.name.clone(),
            overall: Measures::new(doc_tally, UnitizingAlpha::combine(doc_u)),
            codes,
        })
    }
}

/// Character units: every character of the document, covered or not.
fn char_tally(len: usize, coverage: &[Vec<CharRange>], m: usize) -> Tally {
    let mut tally = Tally::new(m);
    let mut covered = 0;
    for p in intervals::pieces(coverage) {
        tally.record(p.mask, p.range.len() as u64);
        covered += p.range.len();
    }
    tally.record(0, len.saturating_sub(covered) as u64);
    tally
}

/// Segment units: a coder applied the code to a segment when any of their codings of it
/// overlaps the segment by at least one character.
fn segment_tally(
    units: &[CharRange],
    coverage: &[Vec<CharRange>],
    m: usize,
    masks: &mut Vec<u64>,
) -> Tally {
    masks.clear();
    masks.resize(units.len(), 0);
    let mut touched = Vec::new();
    for (i, runs) in coverage.iter().enumerate() {
        let bit = 1u64 << i;
        for r in runs {
            let first = units.partition_point(|u| u.end <= r.start);
            for (j, u) in units.iter().enumerate().skip(first) {
                if u.start >= r.end {
                    break;
                }
                if masks[j] == 0 {
                    touched.push(j);
                }
                masks[j] |= bit;
            }
        }
    }
    let mut tally = Tally::new(m);
    for &j in &touched {
        tally.record(masks[j], 1);
    }
    tally.record(0, (units.len() - touched.len()) as u64);
    tally
}
