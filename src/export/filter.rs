//! Which excerpts an export holds: by code (optionally with its sub-codes), coder, document,
//! case and case attribute values. Each criterion left empty admits everything; criteria of
//! different kinds must all hold, values of one kind are alternatives.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use thiserror::Error;

use crate::model::{
    AttributeDef, AttributeId, AttributeKind, Case, CaseId, CodeId, CoderId, CodingId, DocumentId,
    Project, Value,
};

/// A selection of excerpts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExcerptFilter {
    /// Codes to export (all when empty).
    pub codes: BTreeSet<CodeId>,
    /// Also take codings of the sub-codes of `codes`.
    pub with_subcodes: bool,
    /// Coders (all when empty).
    pub coders: BTreeSet<CoderId>,
    /// Documents (all when empty).
    pub documents: BTreeSet<DocumentId>,
    /// Cases (all when empty): an excerpt's case is the case named like its speaker, else its
    /// document's case.
    pub cases: BTreeSet<CaseId>,
    /// Attribute values the excerpt's case must have: for each attribute, one of the values.
    pub attributes: BTreeMap<AttributeId, Vec<Value>>,
    /// Exactly these codings (all when empty): what a retrieval found, exported as found.
    pub codings: BTreeSet<CodingId>,
    /// Which text of a translated quote the reports show (not a criterion: every excerpt the
    /// rest admits is written).
    pub quotes: Quotes,
}

/// Which text of a quote with a translation an export shows; the attribution `(G8)` follows
/// either.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Quotes {
    /// The original only.
    Original,
    /// The translation where there is one, else the original.
    Translation,
    /// The original, then its translation.
    #[default]
    Both,
}

/// A filter naming something the project does not have.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FilterError {
    /// No such code, coder, document, case or attribute.
    #[error("the project has no {kind} named {name:?} (it has: {known})")]
    Unknown {
        /// What was looked for.
        kind: &'static str,
        /// The name given.
        name: String,
        /// The names the project has.
        known: String,
    },
    /// An attribute value that does not fit the attribute's type.
    #[error("attribute {attribute:?}: {message}")]
    BadValue {
        /// The attribute.
        attribute: String,
        /// What is wrong.
        message: String,
    },
    /// `name=value` was expected.
    #[error("expected name=value, got {0:?}")]
    NotAPair(String),
}

fn unknown<'a>(
    kind: &'static str,
    name: &str,
    names: impl Iterator<Item = &'a str>,
) -> FilterError {
    let mut known: Vec<&str> = names.collect();
    known.sort_unstable();
    known.dedup();
    let shown = if known.len() > 20 {
        format!("{}, … ({} in all)", known[..20].join(", "), known.len())
    } else {
        known.join(", ")
    };
    FilterError::Unknown {
        kind,
        name: name.to_owned(),
        known: shown,
    }
}

/// Parse `text` as a value of attribute `def` (a number, a `YYYY-MM-DD` date, one of the
/// categories, or text).
pub fn parse_value(def: &AttributeDef, text: &str) -> Result<Value, FilterError> {
    let bad = |message: String| FilterError::BadValue {
        attribute: def.name.clone(),
        message,
    };
    let text = text.trim();
    match &def.kind {
        AttributeKind::Number => text
            .parse::<f64>()
            .map(Value::Number)
            .map_err(|_| bad(format!("{text:?} is not a number"))),
        AttributeKind::Date => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Value::Date)
            .map_err(|_| bad(format!("{text:?} is not a date (YYYY-MM-DD)"))),
        AttributeKind::Text => Ok(Value::Text(text.to_owned())),
        AttributeKind::Category(values) => values
            .iter()
            .find(|v| v.as_str() == text)
            .map(|v| Value::Category(v.clone()))
            .ok_or_else(|| bad(format!("{text:?} is not one of: {}", values.join(", ")))),
    }
}

impl ExcerptFilter {
    /// Everything.
    #[must_use]
    pub fn all() -> Self {
        Self::default()
    }

    /// Add the code named `name` (its full path `A / B` also works).
    pub fn code_named(&mut self, project: &Project, name: &str) -> Result<(), FilterError> {
        let found = project
            .code_named(name)
            .map(|c| c.id)
            .or_else(|| {
                project
                    .codes()
                    .keys()
                    .copied()
                    .find(|&id| project.code_path(id) == name)
            })
            .ok_or_else(|| {
                unknown(
                    "code",
                    name,
                    project.codes().values().map(|c| c.name.as_str()),
                )
            })?;
        self.codes.insert(found);
        Ok(())
    }

    /// Add the coder named `name`.
    pub fn coder_named(&mut self, project: &Project, name: &str) -> Result<(), FilterError> {
        let c = project.coder_named(name).ok_or_else(|| {
            unknown(
                "coder",
                name,
                project.coders().values().map(|c| c.name.as_str()),
            )
        })?;
        self.coders.insert(c.id);
        Ok(())
    }

    /// Add the document named `name`.
    pub fn document_named(&mut self, project: &Project, name: &str) -> Result<(), FilterError> {
        let d = project
            .documents()
            .values()
            .find(|d| d.name == name)
            .ok_or_else(|| {
                unknown(
                    "document",
                    name,
                    project.documents().values().map(|d| d.name.as_str()),
                )
            })?;
        self.documents.insert(d.id);
        Ok(())
    }

    /// Add the case named `name`.
    pub fn case_named(&mut self, project: &Project, name: &str) -> Result<(), FilterError> {
        let c = project.case_named(name).ok_or_else(|| {
            unknown(
                "case",
                name,
                project.cases().values().map(|c| c.name.as_str()),
            )
        })?;
        self.cases.insert(c.id);
        Ok(())
    }

    /// Add an attribute condition given as `name=value`.
    pub fn attribute_pair(&mut self, project: &Project, pair: &str) -> Result<(), FilterError> {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| FilterError::NotAPair(pair.to_owned()))?;
        let name = name.trim();
        let def = project
            .attributes()
            .values()
            .find(|a| a.name == name)
            .ok_or_else(|| {
                unknown(
                    "attribute",
                    name,
                    project.attributes().values().map(|a| a.name.as_str()),
                )
            })?;
        let value = parse_value(def, value)?;
        self.attributes.entry(def.id).or_default().push(value);
        Ok(())
    }

    /// The codes whose codings are taken (`None`: all).
    #[must_use]
    pub fn code_scope(&self, project: &Project) -> Option<BTreeSet<CodeId>> {
        if self.codes.is_empty() {
            return None;
        }
        if !self.with_subcodes {
            return Some(self.codes.clone());
        }
        Some(
            self.codes
                .iter()
                .flat_map(|&c| project.code_and_descendants(c))
                .collect(),
        )
    }

    /// True when an excerpt whose case is `case` passes the case and attribute criteria.
    #[must_use]
    pub fn admits_case(&self, case: Option<&Case>) -> bool {
        if !self.cases.is_empty() && !case.is_some_and(|c| self.cases.contains(&c.id)) {
            return false;
        }
        self.attributes.iter().all(|(attr, wanted)| {
            case.and_then(|c| c.values.get(attr))
                .is_some_and(|v| wanted.contains(v))
        })
    }

    /// True when nothing is filtered.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
            && self.codings.is_empty()
            && self.coders.is_empty()
            && self.documents.is_empty()
            && self.cases.is_empty()
            && self.attributes.is_empty()
    }

    /// A one-line description of the filter for report headers, e.g.
    /// `code: Emotional resonance (with sub-codes); coder: lin`.
    #[must_use]
    pub fn describe(&self, project: &Project) -> String {
        let mut parts = Vec::new();
        let names = |v: Vec<String>| v.join(", ");
        if !self.codes.is_empty() {
            let codes: Vec<String> = self.codes.iter().map(|&c| project.code_path(c)).collect();
            parts.push(format!(
                "code: {}{}",
                names(codes),
                if self.with_subcodes {
                    " (with sub-codes)"
                } else {
                    ""
                }
            ));
        }
        if !self.coders.is_empty() {
            let v = self
                .coders
                .iter()
                .filter_map(|&c| project.coder(c).map(|c| c.name.clone()))
                .collect();
            parts.push(format!("coder: {}", names(v)));
        }
        if !self.codings.is_empty() {
            parts.push(format!("{} retrieved codings", self.codings.len()));
        }
        if !self.documents.is_empty() {
            let v = self
                .documents
                .iter()
                .filter_map(|&d| project.document(d).map(|d| d.name.clone()))
                .collect();
            parts.push(format!("document: {}", names(v)));
        }
        if !self.cases.is_empty() {
            let v = self
                .cases
                .iter()
                .filter_map(|&c| project.case(c).map(|c| c.name.clone()))
                .collect();
            parts.push(format!("case: {}", names(v)));
        }
        for (attr, values) in &self.attributes {
            let name = project
                .attributes()
                .get(attr)
                .map_or_else(|| attr.to_string(), |a| a.name.clone());
            let v = values.iter().map(ToString::to_string).collect();
            parts.push(format!("{name} = {}", names(v).replace(", ", " or ")));
        }
        parts.join("; ")
    }
}
