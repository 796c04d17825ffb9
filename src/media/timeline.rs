//! Time and text, both ways: which turn is playing at a time, and which time a character of
//! the transcript was said at. A turn runs from its timestamp to its end (subtitles give one) or
//! to the next timed turn; inside a turn the time is interpolated by characters.

use crate::model::Document;

/// A timed stretch of the text: characters `chars`, said from `start_ms` to `end_ms`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Span {
    segment: usize,
    chars: (usize, usize),
    start_ms: u64,
    end_ms: u64,
}

/// The timed turns of a document, in time order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    spans: Vec<Span>,
}

impl Timeline {
    /// The timeline of `doc`; `duration_ms` (the recording's length, when known) ends its last
    /// turn when the transcript does not.
    #[must_use]
    pub fn of(doc: &Document, duration_ms: Option<u64>) -> Self {
        let timed: Vec<(usize, u64, Option<u64>)> = doc
            .segments
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.media.map(|m| (i, m.start_ms, m.end_ms)))
            .collect();
        let mut spans = Vec::with_capacity(timed.len());
        for (k, &(i, start, end)) in timed.iter().enumerate() {
            let next = timed.get(k + 1).map(|t| t.1);
            // A turn without an end runs to the next one; the last, to the recording's end (or
            // one character a second as a guess when the length is not known yet).
            let seg = &doc.segments[i];
            let guess = start + 1000 * seg.range.len().max(1) as u64;
            let end = end
                .or(next)
                .unwrap_or_else(|| duration_ms.unwrap_or(guess).max(start));
            spans.push(Span {
                segment: i,
                chars: (seg.range.start, seg.range.end),
                start_ms: start,
                end_ms: end.max(start),
            });
        }
        spans.sort_by_key(|s| s.start_ms);
        Self { spans }
    }

    /// Whether any turn has a time.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The turn (its index among the document's segments) being said at `ms`: the last one that
    /// started at or before it (a pause between subtitles belongs to the one before).
    #[must_use]
    pub fn segment_at(&self, ms: u64) -> Option<usize> {
        let i = self.spans.partition_point(|s| s.start_ms <= ms);
        i.checked_sub(1).map(|i| self.spans[i].segment)
    }

    /// The character being said at `ms`, interpolated inside its turn.
    #[must_use]
    pub fn char_at(&self, ms: u64) -> Option<usize> {
        let i = self
            .spans
            .partition_point(|s| s.start_ms <= ms)
            .checked_sub(1)?;
        let s = self.spans[i];
        let len = s.chars.1 - s.chars.0;
        let dur = s.end_ms - s.start_ms;
        if dur == 0 || len == 0 {
            return Some(s.chars.0);
        }
        let frac = ((ms - s.start_ms) as f64 / dur as f64).min(1.0);
        Some(s.chars.0 + ((len as f64 * frac) as usize).min(len.saturating_sub(1)))
    }

    /// The time character `pos` was said at: its turn's start, plus its share of the turn.
    #[must_use]
    pub fn time_at(&self, pos: usize) -> Option<u64> {
        let s = self
            .spans
            .iter()
            .find(|s| s.chars.0 <= pos && pos < s.chars.1.max(s.chars.0 + 1))?;
        let len = (s.chars.1 - s.chars.0).max(1);
        let frac = (pos - s.chars.0) as f64 / len as f64;
        Some(s.start_ms + ((s.end_ms - s.start_ms) as f64 * frac) as u64)
    }

    /// The time span of the characters `[start, end)`: from the time of the first to the time of
    /// the last (for a coding); `None` when neither end lies in a timed turn.
    #[must_use]
    pub fn span_of(&self, start: usize, end: usize) -> Option<(u64, u64)> {
        let from = self.time_at(start)?;
        let to = self
            .time_at(end.saturating_sub(1).max(start))
            .unwrap_or(from);
        let last = self
            .spans
            .iter()
            .find(|s| s.chars.0 <= end.saturating_sub(1) && end <= s.chars.1);
        // A coding that ends with its turn ends when the turn does.
        let to = match last {
            Some(s) if end == s.chars.1 => s.end_ms,
            _ => to,
        };
        Some((from, to.max(from)))
    }

    /// When turn `segment` starts, if it has a time.
    #[must_use]
    pub fn start_of(&self, segment: usize) -> Option<u64> {
        self.spans
            .iter()
            .find(|s| s.segment == segment)
            .map(|s| s.start_ms)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::{ImportOptions, import_bytes};
    use std::path::Path;

    fn import(name: &str, text: &str) -> Document {
        import_bytes(text.as_bytes(), Path::new(name), &ImportOptions::default())
            .unwrap()
            .document
    }

    #[test]
    fn an_srt_maps_times_to_cues_and_back() {
        let srt = "1\n00:00:01,000 --> 00:00:03,000\n访谈者：您是哪一年来深圳的？\n\n\
                   2\n00:00:04,000 --> 00:00:08,000\nG1：二〇一二年，刚毕业那年。\n\n\
                   3\n00:00:09,500 --> 00:00:12,000\n访谈者：为什么选这里？\n";
        let doc = import("g1.srt", srt);
        let t = Timeline::of(&doc, Some(20_000));
        assert_eq!(doc.segments.len(), 3);
        assert_eq!(t.segment_at(500), None);
        assert_eq!(t.segment_at(1_000), Some(0));
        assert_eq!(t.segment_at(3_500), Some(0)); // the pause after a cue belongs to it
        assert_eq!(t.segment_at(4_000), Some(1));
        assert_eq!(t.segment_at(11_000), Some(2));
        // Inside the second cue (4 s to 8 s) the middle character is said at 6 s.
        let seg = &doc.segments[1];
        let mid = seg.range.start + seg.range.len() / 2;
        let at = t.time_at(mid).unwrap();
        assert!((5_500..=6_500).contains(&at), "{at}");
        assert_eq!(t.time_at(seg.range.start), Some(4_000));
        let back = t.char_at(at).unwrap();
        assert!(back.abs_diff(mid) <= 1, "{back} vs {mid}");
        assert_eq!(t.start_of(2), Some(9_500));
        assert_eq!(
            t.span_of(seg.range.start, seg.range.end),
            Some((4_000, 8_000))
        );
    }

    #[test]
    fn a_bracketed_transcript_runs_each_turn_to_the_next() {
        let text = "[00:00:05] 访谈者：先说说您的工作吧。\n\
                    [00:00:12] G2：我在一家物流公司做调度，\n每天很早就要到。\n\
                    [00:01:02] 访谈者：大概几点？\n";
        let doc = import("g2.txt", text);
        assert_eq!(doc.segments.len(), 3, "{:?}", doc.segments);
        let t = Timeline::of(&doc, None);
        assert_eq!(t.segment_at(4_000), None);
        assert_eq!(t.segment_at(5_000), Some(0));
        assert_eq!(t.segment_at(61_999), Some(1));
        assert_eq!(t.segment_at(62_000), Some(2));
        let g2 = &doc.segments[1];
        assert_eq!(t.time_at(g2.range.start), Some(12_000));
        // The continuation line is inside the turn: later than its start, before the next.
        let later = t.time_at(g2.range.end - 1).unwrap();
        assert!(later > 50_000 && later < 62_000, "{later}");
        assert_eq!(t.char_at(12_000), Some(g2.range.start));
        // The last turn, with no length known, still has one.
        assert!(t.time_at(doc.segments[2].range.end - 1).unwrap() > 62_000);
    }

    #[test]
    fn a_document_without_times_has_an_empty_timeline() {
        let doc = import("notes.txt", "Field notes.\nNo times here.\n");
        let t = Timeline::of(&doc, Some(1_000));
        assert!(t.is_empty());
        assert_eq!(t.segment_at(500), None);
        assert_eq!(t.time_at(3), None);
    }
}
