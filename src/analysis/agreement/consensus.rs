//! Consensus: the coders settle each disagreement by accepting one coder's version, every
//! version, only what all share, or none, and the result is written as the codings of a separate
//! coder, "Consensus". Each decision is an [`Edit`], so a window applies it with undo; deciding a
//! passage again replaces the earlier decision. Keeping neither version leaves no consensus
//! coding; the decision is recorded as a note by the consensus coder on each coding of the
//! passage ([`NEITHER_NOTE`]), which moves with those codings when the text changes and merges
//! like any memo. Coders discuss a coding in comments: memos on the coding, with an author.

use std::collections::BTreeSet;

use thiserror::Error;

use super::compare::{Comparison, Passage, PassageStatus};
use super::intervals;
use super::scope::CONSENSUS_CODER;
use crate::model::{
    CharRange, Coder, CoderId, Coding, CodingId, Color, Edit, Memo, MemoTarget, Project,
};

/// The note the consensus coder leaves on every coding of a passage where it kept neither
/// version: the record that the passage is settled.
pub const NEITHER_NOTE: &str = "Team review: neither version kept.";

/// What the consensus keeps of a passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// One coder's version, as it is.
    Accept(CoderId),
    /// Every coder's version: all characters any coder coded.
    Both,
    /// Only the characters every coder coded.
    Common,
    /// Nothing: the code does not apply here.
    Neither,
}

/// Why a consensus decision cannot be made.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConsensusError {
    /// The consensus coder is one of the coders being compared.
    #[error("the consensus coder {0} is one of the compared coders")]
    ConsensusCompared(CoderId),
    /// The accepted coder is not one of the passage's coders.
    #[error("coder {0} is not compared in this passage")]
    NotInPassage(CoderId),
    /// The passage's document no longer exists (the comparison is out of date).
    #[error("the passage's document {0} no longer exists")]
    MissingDocument(crate::model::DocumentId),
}

/// The project's consensus coder (the coder named "Consensus"), if it has one.
#[must_use]
pub fn consensus_coder(project: &Project) -> Option<&Coder> {
    project.coder_named(CONSENSUS_CODER)
}

/// A new consensus coder, for a project that has none.
#[must_use]
pub fn new_consensus_coder() -> Coder {
    Coder::new(CONSENSUS_CODER, Color::rgb(0x3a, 0x3a, 0x3a))
}

/// The project's consensus coder, or a new one (which the first decision adds to the project).
#[must_use]
pub fn consensus_coder_or_new(project: &Project) -> Coder {
    consensus_coder(project)
        .cloned()
        .unwrap_or_else(new_consensus_coder)
}

/// The consensus coder's "neither" notes on the codings of `passage`.
fn neither_notes<'a>(project: &'a Project, passage: &Passage, consensus: CoderId) -> Vec<&'a Memo> {
    let codings: BTreeSet<CodingId> = passage.codings().collect();
    project
        .memos()
        .values()
        .filter(|m| {
            m.author == Some(consensus)
                && m.text == NEITHER_NOTE
                && matches!(m.target, MemoTarget::Coding(c) if codings.contains(&c))
        })
        .collect()
}

/// True when the consensus kept neither version of `passage`.
#[must_use]
pub fn kept_neither(project: &Project, passage: &Passage, consensus: CoderId) -> bool {
    !neither_notes(project, passage, consensus).is_empty()
}

/// Which passages of `comparison` the consensus coder has settled: it holds a coding of the
/// passage's code there (one version accepted, both, or what they share), or noted on the
/// passage's codings that it kept neither.
#[must_use]
pub fn settled(project: &Project, comparison: &Comparison, consensus: CoderId) -> Vec<bool> {
    let mut decided: std::collections::HashMap<
        (crate::model::DocumentId, crate::model::CodeId),
        Vec<CharRange>,
    > = std::collections::HashMap::new();
    for d in &comparison.documents {
        for coding in project.codings_of(d.document) {
            if coding.coder == consensus {
                decided
                    .entry((coding.document, coding.code))
                    .or_default()
                    .push(coding.range);
            }
        }
    }
    let neither: BTreeSet<CodingId> = project
        .memos()
        .values()
        .filter(|m| m.author == Some(consensus) && m.text == NEITHER_NOTE)
        .filter_map(|m| match m.target {
            MemoTarget::Coding(c) => Some(c),
            _ => None,
        })
        .collect();
    comparison
        .passages
        .iter()
        .map(|p| {
            decided
                .get(&(p.document, p.code))
                .is_some_and(|ranges| ranges.iter().any(|r| r.overlaps(p.range)))
                || p.codings().any(|c| neither.contains(&c))
        })
        .collect()
}

/// The consensus coder's codings of a passage's code that overlap it: the decision taken, if any.
#[must_use]
pub fn consensus_codings<'a>(
    project: &'a Project,
    passage: &Passage,
    consensus: CoderId,
) -> Vec<&'a Coding> {
    let mut v: Vec<&Coding> = project
        .codings_of(passage.document)
        .filter(|c| {
            c.coder == consensus && c.code == passage.code && c.range.overlaps(passage.range)
        })
        .collect();
    v.sort_by_key(|c| (c.range, c.id));
    v
}

/// Ranges wanted in the consensus, each with the coders' notes it keeps.
type Wanted = Vec<(CharRange, Option<String>)>;

impl Edit {
    /// Settle `passage`: make the consensus coder's codings of its code there what `resolution`
    /// keeps (creating the consensus coder if the project lacks it). Consensus codings already
    /// there that the decision keeps stay; the others are removed with their comments.
    pub fn resolve_passage(
        project: &Project,
        passage: &Passage,
        resolution: Resolution,
        consensus: &Coder,
    ) -> Result<Edit, ConsensusError> {
        if passage.version(consensus.id).is_some() {
            return Err(ConsensusError::ConsensusCompared(consensus.id));
        }
        let doc = project
            .document(passage.document)
            .ok_or(ConsensusError::MissingDocument(passage.document))?;
        let versions: Vec<Vec<&Coding>> = passage
            .versions
            .iter()
            .map(|v| {
                v.codings
                    .iter()
                    .filter_map(|&id| project.coding(id))
                    .collect()
            })
            .collect();
        let every: Vec<&Coding> = versions.iter().flatten().copied().collect();
        let wanted: Wanted = match resolution {
            Resolution::Accept(coder) => {
                let i = passage
                    .versions
                    .iter()
                    .position(|v| v.coder == coder)
                    .ok_or(ConsensusError::NotInPassage(coder))?;
                let mut ranges: Vec<CharRange> = versions[i].iter().map(|c| c.range).collect();
                ranges.sort_unstable();
                ranges.dedup();
                with_notes(ranges, &every, Some(coder))
            }
            Resolution::Both => {
                let ranges =
                    intervals::merge(versions.iter().flatten().map(|c| c.range).collect(), true);
                with_notes(ranges, &every, None)
            }
            Resolution::Common => {
                let coverage: Vec<Vec<CharRange>> = versions
                    .iter()
                    .map(|v| intervals::merge(v.iter().map(|c| c.range).collect(), true))
                    .collect();
                let full = coverage.len();
                let ranges = intervals::merge(
                    intervals::pieces(&coverage)
                        .into_iter()
                        .filter(|p| p.mask.count_ones() as usize == full)
                        .map(|p| p.range)
                        .collect(),
                    true,
                );
                with_notes(ranges, &every, None)
            }
            Resolution::Neither => Vec::new(),
        };

        let mut edits = Vec::new();
        if project.coder(consensus.id).is_none() {
            edits.push(Edit::PutCoder(consensus.clone()));
        }
        // A "neither" is noted on the passage's codings; any other decision lifts those notes.
        let noted = neither_notes(project, passage, consensus.id);
        if resolution == Resolution::Neither {
            let have: BTreeSet<CodingId> = noted
                .iter()
                .filter_map(|m| match m.target {
                    MemoTarget::Coding(c) => Some(c),
                    _ => None,
                })
                .collect();
            for coding in passage.codings().filter(|c| !have.contains(c)) {
                edits.push(Edit::PutMemo(Memo::new(
                    MemoTarget::Coding(coding),
                    NEITHER_NOTE,
                    Some(consensus.id),
                )));
            }
        } else {
            edits.extend(noted.iter().map(|m| Edit::RemoveMemo(m.id)));
        }
        let mut wanted = wanted;
        for existing in consensus_codings(project, passage, consensus.id) {
            if let Some(i) = wanted.iter().position(|(r, _)| *r == existing.range) {
                wanted.remove(i);
            } else {
                edits.push(Edit::remove_coding(project, existing.id));
            }
        }
        for (range, memo) in wanted {
            let mut c = Coding::new(doc.id, &doc.text, range, passage.code, consensus.id);
            c.memo = memo;
            edits.push(Edit::PutCoding(Box::new(c)));
        }
        if edits.len() == 1 && matches!(edits[0], Edit::PutCoder(_)) {
            edits.clear();
        }
        Ok(Edit::Batch(edits))
    }

    /// Copy every agreed passage of `comparison` into the consensus (those it does not hold
    /// yet), creating the consensus coder if needed.
    #[must_use]
    pub fn accept_agreements(
        project: &Project,
        comparison: &Comparison,
        consensus: &Coder,
    ) -> Edit {
        if comparison.coders.contains(&consensus.id) {
            return Edit::Batch(Vec::new());
        }
        let mut edits = Vec::new();
        for p in comparison
            .passages
            .iter()
            .filter(|p| p.status == PassageStatus::Agreed)
        {
            let Some(doc) = project.document(p.document) else {
                continue;
            };
            let have: BTreeSet<CharRange> = consensus_codings(project, p, consensus.id)
                .into_iter()
                .map(|c| c.range)
                .collect();
            let codings: Vec<&Coding> = p.codings().filter_map(|id| project.coding(id)).collect();
            let ranges = intervals::merge(codings.iter().map(|c| c.range).collect(), true);
            for (range, memo) in with_notes(ranges, &codings, None) {
                if !have.contains(&range) {
                    let mut c = Coding::new(doc.id, &doc.text, range, p.code, consensus.id);
                    c.memo = memo;
                    edits.push(Edit::PutCoding(Box::new(c)));
                }
            }
        }
        if !edits.is_empty() && project.coder(consensus.id).is_none() {
            edits.insert(0, Edit::PutCoder(consensus.clone()));
        }
        Edit::Batch(edits)
    }

    /// A comment by `author` on a coding, for the coders' discussion of it.
    #[must_use]
    pub fn comment_on_coding(coding: CodingId, author: CoderId, text: impl Into<String>) -> Edit {
        Edit::PutMemo(Memo::new(MemoTarget::Coding(coding), text, Some(author)))
    }
}

/// Each range with the distinct notes of the codings that overlap it (of `only` coder, if
/// given), joined by blank lines.
fn with_notes(ranges: Vec<CharRange>, codings: &[&Coding], only: Option<CoderId>) -> Wanted {
    ranges
        .into_iter()
        .map(|r| {
            let mut notes: Vec<&str> = Vec::new();
            for c in codings {
                if only.is_some_and(|o| o != c.coder) || !c.range.overlaps(r) {
                    continue;
                }
                if let Some(m) = c.memo.as_deref().filter(|m| !m.trim().is_empty())
                    && !notes.contains(&m)
                {
                    notes.push(m);
                }
            }
            (r, (!notes.is_empty()).then(|| notes.join("\n\n")))
        })
        .collect()
}
