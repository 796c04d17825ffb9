//! Anchors: enough of a coding's text to find it again when the document text changes on disk
//! (re-anchoring), so that no coding drifts silently off its passage.

use serde::{Deserialize, Serialize};

use super::text::{CharRange, Text};

/// Characters kept from each end of the coded text.
const KEEP: usize = 16;

/// The start (and, for longer codings, the end) of the coded text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Anchor {
    /// The first characters of the coded text (all of it when short).
    pub head: String,
    /// The last characters, when the coded text is longer than `head`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tail: String,
}

/// Where re-anchoring put a coding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The text at the old range still matches.
    Unchanged,
    /// Found again at another range.
    Moved(CharRange),
    /// Not found.
    Lost,
}

impl Anchor {
    /// Capture the anchor of `range` in `text`.
    #[must_use]
    pub fn capture(text: &Text, range: CharRange) -> Self {
        let covered = text.slice(range);
        let len = range.len();
        if len <= KEEP * 2 {
            return Self {
                head: covered.to_owned(),
                tail: String::new(),
            };
        }
        let head_end = text.byte_of(range.start + KEEP) - text.byte_of(range.start);
        let tail_start = text.byte_of(range.end - KEEP) - text.byte_of(range.start);
        Self {
            head: covered[..head_end].to_owned(),
            tail: covered[tail_start..].to_owned(),
        }
    }

    /// True when `range` of `text` still holds the anchored text.
    #[must_use]
    pub fn matches(&self, text: &Text, range: CharRange) -> bool {
        range.end <= text.char_len() && Self::capture(text, range) == *self
    }

    /// Find the coding again in `text`, preferring the match nearest its old `range`.
    #[must_use]
    pub fn place(&self, text: &Text, range: CharRange) -> Placement {
        if self.matches(text, range) {
            return Placement::Unchanged;
        }
        if self.head.is_empty() {
            return Placement::Lost;
        }
        let haystack = text.as_str();
        let head_chars = self.head.chars().count();
        let mut best: Option<(usize, CharRange)> = None;
        for (byte, _) in haystack.match_indices(self.head.as_str()) {
            let start = text.char_of(byte);
            let candidate = if self.tail.is_empty() {
                Some(CharRange::new(start, start + head_chars))
            } else {
                // The end: the tail occurrence nearest to the old length.
                let from = text.byte_of(start + head_chars);
                let want = start + range.len();
                haystack[from..]
                    .match_indices(self.tail.as_str())
                    .map(|(b, _)| text.char_of(from + b) + self.tail.chars().count())
                    .take_while(|&end| end <= want + range.len().max(64) * 2)
                    .min_by_key(|&end| end.abs_diff(want))
                    .map(|end| CharRange::new(start, end))
            };
            if let Some(c) = candidate {
                let distance = c.start.abs_diff(range.start) + c.len().abs_diff(range.len());
                if best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, c));
                }
            }
        }
        best.map_or(Placement::Lost, |(_, r)| Placement::Moved(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_codings_are_found_after_an_insertion() {
        let old = Text::new(
            "前言。我们都是病友，没有什么不一样😀。后记 and a long closing passage to code here.",
        );
        let short = CharRange::new(3, 10);
        let long = CharRange::new(20, old.char_len());
        let a_short = Anchor::capture(&old, short);
        let a_long = Anchor::capture(&old, long);
        assert!(!a_long.tail.is_empty());
        let new = Text::new(format!("新加的一行。\n{}", old.as_str()));
        assert_eq!(
            a_short.place(&new, short),
            Placement::Moved(CharRange::new(10, 17))
        );
        assert_eq!(
            a_long.place(&new, long),
            Placement::Moved(CharRange::new(27, new.char_len()))
        );
        assert_eq!(a_short.place(&old, short), Placement::Unchanged);
        let gone = Text::new("completely different");
        assert_eq!(a_short.place(&gone, short), Placement::Lost);
    }
}
