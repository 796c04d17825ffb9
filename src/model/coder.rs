//! Coders: the people who code. Every coding belongs to one.

use serde::{Deserialize, Serialize};

use super::code::Color;
use super::ids::CoderId;

/// A coder (stored as `coders/<id>.ron`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coder {
    /// Its id.
    pub id: CoderId,
    /// Display name.
    pub name: String,
    /// The colour of this coder's stripes in comparisons.
    pub color: Color,
}

impl Coder {
    /// A new coder with a fresh id.
    #[must_use]
    pub fn new(name: impl Into<String>, color: Color) -> Self {
        Self {
            id: CoderId::new(),
            name: name.into(),
            color,
        }
    }
}
