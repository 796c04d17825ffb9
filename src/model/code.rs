//! The codebook: hierarchical codes with colour, description, order and in-vivo flag.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids::CodeId;
use super::sort_key::SortKey;

/// An sRGB colour, written `#rrggbb` in project files.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Color {
    /// A colour from its components.
    #[must_use]
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Parse `#rrggbb` (the `#` is optional).
    #[must_use]
    pub fn from_hex(s: &str) -> Option<Self> {
        let s = s.trim().trim_start_matches('#');
        if s.len() != 6 || !s.is_ascii() {
            return None;
        }
        let part = |i: usize| u8::from_str_radix(&s[i..i + 2], 16).ok();
        Some(Self::rgb(part(0)?, part(2)?, part(4)?))
    }

    /// `#rrggbb`.
    #[must_use]
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// A distinct colour for the `n`-th item of a list (a qualitative palette).
    #[must_use]
    pub fn palette(n: usize) -> Self {
        const PALETTE: [Color; 10] = [
            Color::rgb(0x4c, 0x72, 0xb0),
            Color::rgb(0xdd, 0x84, 0x52),
            Color::rgb(0x55, 0xa8, 0x68),
            Color::rgb(0xc4, 0x4e, 0x52),
            Color::rgb(0x81, 0x72, 0xb3),
            Color::rgb(0x93, 0x78, 0x60),
            Color::rgb(0xda, 0x8b, 0xc3),
            Color::rgb(0x8c, 0x8c, 0x8c),
            Color::rgb(0xcc, 0xb9, 0x74),
            Color::rgb(0x64, 0xb5, 0xcd),
        ];
        PALETTE[n % PALETTE.len()]
    }
}

impl fmt::Debug for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for Color {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::from_hex(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a #rrggbb colour: {s:?}")))
    }
}

/// One code of the codebook (stored as `codebook/<id>.ron`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Code {
    /// Its id.
    pub id: CodeId,
    /// Display name.
    pub name: String,
    /// The parent code, for a hierarchical codebook.
    #[serde(default)]
    pub parent: Option<CodeId>,
    /// Highlight colour.
    pub color: Color,
    /// What the code means and when to apply it.
    #[serde(default)]
    pub description: String,
    /// Position among its siblings.
    pub sort_key: SortKey,
    /// True when the code's name is the participants' own words.
    #[serde(default)]
    pub in_vivo: bool,
    /// A keyboard shortcut the user assigned (a single key, e.g. `1` or `g`).
    #[serde(default)]
    pub shortcut: Option<char>,
}

impl Code {
    /// A new top-level code with a fresh id.
    #[must_use]
    pub fn new(name: impl Into<String>, color: Color, sort_key: SortKey) -> Self {
        Self {
            id: CodeId::new(),
            name: name.into(),
            parent: None,
            color,
            description: String::new(),
            sort_key,
            in_vivo: false,
            shortcut: None,
        }
    }
}
