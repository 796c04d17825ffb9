//! Document text and character offsets.
//!
//! A coding covers a half-open range `[start, end)` counted in Unicode scalar values (Rust
//! `char`s) of the stored text, the unit egui's `CCursor` and the REFI-QDA standard use.
//! [`Text`] keeps a checkpoint index that turns those offsets into byte offsets in O(1)
//! amortised time, so slicing a 10 MB chat log at 20,000 codings never rescans the text, and an
//! edit in place ([`Text::replace`]) indexes again only the stretch it changed.

use std::fmt::{self, Write};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A half-open range of characters `[start, end)`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct CharRange {
    /// First character covered.
    pub start: usize,
    /// One past the last character covered.
    pub end: usize,
}

impl CharRange {
    /// The range `[start, end)`.
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of characters covered.
    #[must_use]
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the range covers nothing.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// True when the two ranges share at least one character.
    #[must_use]
    pub const fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The shared part of two ranges, if any.
    #[must_use]
    pub fn intersection(self, other: Self) -> Option<Self> {
        let r = Self::new(self.start.max(other.start), self.end.min(other.end));
        (!r.is_empty()).then_some(r)
    }

    /// True when `self` lies entirely inside `other`.
    #[must_use]
    pub const fn within(self, other: Self) -> bool {
        other.start <= self.start && self.end <= other.end
    }

    /// True when the character at `pos` is covered.
    #[must_use]
    pub const fn contains(self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
}

impl fmt::Debug for CharRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Characters between two checkpoints, when a text is indexed in one pass.
const STRIDE: usize = 256;

/// A document's text with a character index: cheap to clone (shared), cheap to slice by char,
/// and cheap to edit in place ([`Text::replace`]).
///
/// The index is a list of checkpoints `(char, byte)`, about every [`STRIDE`] characters and never
/// more than `2 * STRIDE` apart. An edit shifts the checkpoints after it and indexes again only
/// the stretch it changed, so a key press in a 10 MB chat log costs one copy of the bytes and a
/// pass over the checkpoints, never a rescan of the text.
#[derive(Clone)]
pub struct Text {
    content: Arc<String>,
    /// `(char, byte)` of indexed characters, in order; the first is `(0, 0)`.
    checkpoints: Arc<[(u32, u32)]>,
    chars: usize,
}

/// Checkpoints for `s`, whose first character is character `char0` at byte `byte0` of the whole
/// text: one every [`STRIDE`] characters, starting with the first.
fn index_stretch(s: &str, char0: usize, byte0: usize, out: &mut Vec<(u32, u32)>) -> usize {
    let mut count = 0;
    for (byte, _) in s.char_indices() {
        if count % STRIDE == 0 {
            out.push(((char0 + count) as u32, (byte0 + byte) as u32));
        }
        count += 1;
    }
    count
}

impl Text {
    /// Index `text` (one pass over it).
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        let text: String = text.into();
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let chars = index_stretch(&text, 0, 0, &mut checkpoints);
        if checkpoints.is_empty() {
            checkpoints.push((0, 0));
        }
        Self {
            content: Arc::new(text),
            checkpoints: checkpoints.into(),
            chars,
        }
    }

    /// The whole text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.content
    }

    /// Length in characters.
    #[must_use]
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// Byte offset of character `pos` (`pos == char_len()` gives the text's byte length).
    /// Positions past the end clamp to the end.
    #[must_use]
    pub fn byte_of(&self, pos: usize) -> usize {
        if pos >= self.chars {
            return self.content.len();
        }
        let k = self
            .checkpoints
            .partition_point(|&(c, _)| c as usize <= pos)
            .saturating_sub(1);
        let (c, b) = self.checkpoints[k];
        let (base, skip) = (b as usize, pos - c as usize);
        self.content[base..]
            .char_indices()
            .nth(skip)
            .map_or(self.content.len(), |(b, _)| base + b)
    }

    /// Character offset of byte `byte`, which must lie on a char boundary.
    #[must_use]
    pub fn char_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.content.len());
        let k = self
            .checkpoints
            .partition_point(|&(_, b)| b as usize <= byte)
            .saturating_sub(1);
        let (c, b) = self.checkpoints.get(k).copied().unwrap_or((0, 0));
        c as usize + self.content[b as usize..byte].chars().count()
    }

    /// The text of a character range (clamped to the text).
    #[must_use]
    pub fn slice(&self, range: CharRange) -> &str {
        let start = self.byte_of(range.start);
        let end = self.byte_of(range.end.max(range.start));
        &self.content[start..end]
    }

    /// The text with `range` (clamped to the text) replaced by `with`, and the text removed.
    /// Costs one copy of the bytes and a pass over the checkpoints; only the changed stretch is
    /// indexed again.
    #[must_use]
    pub fn replace(&self, range: CharRange, with: &str) -> (Self, String) {
        let mut text = self.clone();
        let removed = text.replace_in_place(range, with);
        (text, removed)
    }

    /// Replace `range` (clamped to the text) by `with` in place; returns the text removed. When
    /// no other copy shares the bytes, only the bytes after the edit move (no new allocation of
    /// the whole text); otherwise they are copied once. The checkpoints after the edit shift;
    /// only the changed stretch is indexed again.
    pub fn replace_in_place(&mut self, range: CharRange, with: &str) -> String {
        let start = range.start.min(self.chars);
        let end = range.end.clamp(start, self.chars);
        let (b0, b1) = (self.byte_of(start), self.byte_of(end));
        let removed = self.content[b0..b1].to_owned();
        let content = Arc::make_mut(&mut self.content);
        // An insertion or a deletion moves the rest of the text once (`replace_range` would
        // move it twice).
        match (b0 == b1, with.is_empty()) {
            (true, _) => content.insert_str(b0, with),
            (false, true) => drop(content.drain(b0..b1)),
            (false, false) => content.replace_range(b0..b1, with),
        }
        let content: &str = &self.content;
        let inserted = with.chars().count();
        let chars = self.chars - (end - start) + inserted;
        let old = &self.checkpoints;
        // Checkpoints before the edit stay; those after it shift; the stretch between the last
        // one kept and the first one shifted is indexed again.
        let keep = old.partition_point(|&(c, _)| (c as usize) <= start);
        let first_after = old.partition_point(|&(c, _)| (c as usize) < end.max(start + 1));
        // A checkpoint after the edit: `(c, b)` with `c >= end`, so these never underflow.
        let shift = |(c, b): (u32, u32)| {
            (
                (c as usize + inserted - (end - start)) as u32,
                (b as usize + with.len() - (b1 - b0)) as u32,
            )
        };
        let mut checkpoints: Vec<(u32, u32)> = Vec::with_capacity(old.len() + 2);
        checkpoints.extend_from_slice(&old[..keep]);
        let (from_char, from_byte) = checkpoints
            .last()
            .map_or((0, 0), |&(c, b)| (c as usize, b as usize));
        let (to_char, to_byte) = old[first_after..]
            .first()
            .map_or((chars, content.len()), |&p| {
                let (c, b) = shift(p);
                (c as usize, b as usize)
            });
        let mut fresh = Vec::new();
        index_stretch(
            &content[from_byte..to_byte],
            from_char,
            from_byte,
            &mut fresh,
        );
        // The first is the checkpoint kept (or the text's start).
        if checkpoints.is_empty() {
            checkpoints.push((0, 0));
        }
        checkpoints.extend(
            fresh
                .into_iter()
                .skip(1)
                .filter(|&(c, _)| (c as usize) < to_char),
        );
        checkpoints.extend(old[first_after..].iter().map(|&p| shift(p)));
        self.checkpoints = checkpoints.into();
        self.chars = chars;
        removed
    }

    /// SHA-256 of the UTF-8 text, as lowercase hex (what `sha256sum` prints for the `.txt`).
    #[must_use]
    pub fn hash(&self) -> String {
        text_hash(&self.content)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.content == other.content
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Text({} chars)", self.chars)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self::new(s)
    }
}

/// SHA-256 of a string as lowercase hex.
#[must_use]
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_survive_emoji_chinese_and_combining_marks() {
        let s = "a😀中e\u{301}x".repeat(300);
        let text = Text::new(s.as_str());
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        assert_eq!(text.char_len(), chars.len());
        for (i, &(byte, _)) in chars.iter().enumerate() {
            assert_eq!(text.byte_of(i), byte, "char {i}");
            assert_eq!(text.char_of(byte), i, "byte {byte}");
        }
        assert_eq!(text.byte_of(chars.len()), s.len());
        assert_eq!(text.slice(CharRange::new(1, 3)), "😀中");
        assert_eq!(text.slice(CharRange::new(3, 5)), "e\u{301}");
    }

    #[test]
    fn ranges() {
        let a = CharRange::new(0, 5);
        let b = CharRange::new(5, 9);
        assert!(!a.overlaps(b));
        assert_eq!(
            a.intersection(CharRange::new(3, 7)),
            Some(CharRange::new(3, 5))
        );
        assert!(CharRange::new(1, 2).within(a));
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            text_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
