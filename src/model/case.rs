//! Cases (usually participants) and their typed attributes (age, region, time in the group).

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{AttributeId, CaseId};
use super::sort_key::SortKey;

/// The type of an attribute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttributeKind {
    /// A number (age, months in the group).
    Number,
    /// Free text.
    Text,
    /// A calendar date.
    Date,
    /// One of a fixed set of values (region), in display order.
    Category(Vec<String>),
}

impl AttributeKind {
    /// A lowercase name, as used on the command line and in tables.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Number => "number",
            Self::Text => "text",
            Self::Date => "date",
            Self::Category(_) => "category",
        }
    }
}

/// An attribute (variable) that cases carry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributeDef {
    /// Its id.
    pub id: AttributeId,
    /// Display name, e.g. `age`.
    pub name: String,
    /// Its type.
    pub kind: AttributeKind,
    /// Column order.
    pub sort_key: SortKey,
}

/// An attribute value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// A date.
    Date(NaiveDate),
    /// A category value.
    Category(String),
}

impl Value {
    /// The value as a number, if it is one.
    #[must_use]
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Self::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// True when the value has the type `kind` asks for.
    #[must_use]
    pub fn fits(&self, kind: &AttributeKind) -> bool {
        matches!(
            (self, kind),
            (Self::Number(_), AttributeKind::Number)
                | (Self::Text(_), AttributeKind::Text)
                | (Self::Date(_), AttributeKind::Date)
                | (Self::Category(_), AttributeKind::Category(_))
        )
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Number(n) => write!(f, "{n}"),
            Self::Text(s) | Self::Category(s) => f.write_str(s),
            Self::Date(d) => write!(f, "{d}"),
        }
    }
}

/// A case: a participant, a household, an organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// Its id.
    pub id: CaseId,
    /// Display name, e.g. `G8`.
    pub name: String,
    /// A description.
    #[serde(default)]
    pub description: String,
    /// Attribute values, by attribute.
    #[serde(default)]
    pub values: BTreeMap<AttributeId, Value>,
}

impl Case {
    /// A new case with a fresh id and no attribute values.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            id: CaseId::new(),
            name: name.into(),
            description: String::new(),
            values: BTreeMap::new(),
        }
    }
}
