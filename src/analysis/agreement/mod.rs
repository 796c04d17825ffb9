//! Inter-coder agreement: side-by-side comparison of coders, agreement statistics (percent
//! agreement, Cohen's κ, Krippendorff's α and unitizing α, per code and per document; the cu-α
//! family per semantic domain), and the
//! consensus edits that settle disagreements. docs/agreement.md defines every unit and formula.
//!
//! - [`agreement`] computes an [`AgreementReport`] for the coders and documents in
//!   [`AgreementOptions`].
//! - [`compare`] builds a [`Comparison`]: per document, each coder's codings and the passages
//!   (agreed or not) in text order, for a compare view to list and step through.
//! - [`Edit::resolve_passage`](crate::model::Edit::resolve_passage) and
//!   [`Edit::accept_agreements`](crate::model::Edit::accept_agreements) write decisions as the
//!   consensus coder's codings.

mod compare;
mod consensus;
mod domains;
mod intervals;
mod scope;
mod stats;
mod tally;
mod unitizing;

pub use compare::{Comparison, DocumentComparison, Passage, PassageStatus, Version, compare};
pub use consensus::{
    ConsensusError, NEITHER_NOTE, Resolution, consensus_coder, consensus_coder_or_new,
    consensus_codings, kept_neither, new_consensus_coder, settled,
};
pub use domains::{
    AcrossDocument, AcrossDomains, DomainAgreement, DomainDocument, DomainMeasures,
    domain_agreement,
};
pub use scope::{
    AgreementError, AgreementOptions, CONSENSUS_CODER, MAX_CODERS, Scope, Unit, segment_units,
};
pub use stats::{AgreementReport, CodeAgreement, DocumentAgreement, Measures, Named, agreement};
pub use tally::Tally;
pub use unitizing::{Continuum, UnitizingAlpha};
