//! Anchors: enough of a coding's text to find it again when the document text changes on disk
//! (re-anchoring), so that no coding drifts silently off its passage.

use serde::{Deserialize, Serialize};

use super::text::{CharRange, Text};

/// Characters kept from each end of the coded text.
const KEEP: usize = 16;

/// How much more a change of a passage's length counts than a shift of its start when choosing
/// among places that hold its anchor: text inserted before a passage shifts it by any amount,
/// while edits inside it rarely change its length much.
const LENGTH_WEIGHT: usize = 8;

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

    /// True when nothing was anchored (a record written before anchors were kept).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.head.is_empty() && self.tail.is_empty()
    }

    /// True when `range` of `text` still holds the anchored text.
    #[must_use]
    pub fn matches(&self, text: &Text, range: CharRange) -> bool {
        range.end <= text.char_len() && Self::capture(text, range) == *self
    }

    /// Find the coding again in `text`, preferring the match nearest its old `range`.
    #[must_use]
    pub fn place(&self, text: &Text, range: CharRange) -> Placement {
        self.place_near(text, range, range.start, 0)
    }

    /// Find the anchored text again in `text`, no earlier than character `from`, preferring the
    /// match nearest `expected`: where the text around it says it now starts (its old start
    /// shifted as much as its neighbours were). A passage that still sits at `expected` is taken
    /// at once; otherwise the matches are searched outwards from `expected`, so an edit costs
    /// what it moved, not the length of the document.
    #[must_use]
    pub fn place_near(
        &self,
        text: &Text,
        range: CharRange,
        expected: usize,
        from: usize,
    ) -> Placement {
        let len = range.len();
        let expected = expected.max(from);
        let shifted = CharRange::new(expected, expected + len);
        if self.matches(text, shifted) {
            return if shifted == range {
                Placement::Unchanged
            } else {
                Placement::Moved(shifted)
            };
        }
        if self.head.is_empty() {
            return Placement::Lost;
        }
        let haystack = text.as_str();
        let head = self.head.as_str();
        let head_chars = head.chars().count();
        let from_byte = text.byte_of(from);
        let split = text.byte_of(expected).max(from_byte);
        // Matches at or after `expected`, nearest first; and those before it, nearest first
        // (a match that starts before `split` ends before `back_end`).
        let mut forward = haystack[split..]
            .match_indices(head)
            .map(move |(b, _)| split + b)
            .peekable();
        let mut back_end = (split + head.len()).min(haystack.len());
        while !haystack.is_char_boundary(back_end) {
            back_end += 1;
        }
        let mut backward = haystack[from_byte..back_end]
            .rmatch_indices(head)
            .map(move |(b, _)| from_byte + b)
            .filter(move |&b| b < split)
            .peekable();
        let mut best: Option<(usize, CharRange)> = None;
        loop {
            let bound = best.map_or(usize::MAX, |(d, _)| d);
            let next_forward = forward
                .peek()
                .map(|&b| text.char_of(b))
                .filter(|&c| c - expected <= bound);
            let next_backward = backward
                .peek()
                .map(|&b| text.char_of(b))
                .filter(|&c| expected - c <= bound);
            let start = match (next_forward, next_backward) {
                (Some(f), Some(b)) if f - expected <= expected - b => {
                    forward.next();
                    f
                }
                (_, Some(b)) => {
                    backward.next();
                    b
                }
                (Some(f), None) => {
                    forward.next();
                    f
                }
                (None, None) => break,
            };
            if let Some(c) = self.end_from(text, start, head_chars, len) {
                let distance = c.start.abs_diff(expected) + LENGTH_WEIGHT * c.len().abs_diff(len);
                if best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, c));
                }
            }
        }
        best.map_or(Placement::Lost, |(_, r)| Placement::Moved(r))
    }

    /// The range of a match of the head at `start`: the head alone, or up to the tail occurrence
    /// whose length is nearest the old `len`.
    fn end_from(
        &self,
        text: &Text,
        start: usize,
        head_chars: usize,
        len: usize,
    ) -> Option<CharRange> {
        if self.tail.is_empty() {
            return Some(CharRange::new(start, start + head_chars));
        }
        let haystack = text.as_str();
        let from = text.byte_of(start + head_chars);
        let want = start + len;
        let tail_chars = self.tail.chars().count();
        haystack[from..]
            .match_indices(self.tail.as_str())
            .map(|(b, _)| text.char_of(from + b) + tail_chars)
            .take_while(|&end| end <= want + len.max(64) * 2)
            .min_by_key(|&end| end.abs_diff(want))
            .map(|end| CharRange::new(start, end))
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
