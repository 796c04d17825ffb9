//! Re-anchoring a document whose text changed outside Margin: everything that holds an offset
//! into the text (speaker turns, chat messages, their media times, codings) is placed again
//! together, from the text it covered, so that nothing drifts silently off its passage.
//!
//! Turns and messages go first, in text order: each is found by its anchor (its label line and
//! the ends of its text), never before the one before it, and nearest to where the edits around
//! it moved it. Their shifts say how far each stretch of the document moved, and each coding is
//! then looked for first where its stretch moved it, so that a quote repeated in inserted text
//! (a summary at the top) does not capture the coding of the shifted original.

use super::anchor::{Anchor, Placement};
use super::document::Segment;
use super::text::{CharRange, Text};

/// How far back a segment's label may reach: the speaker and header line before its text.
pub(crate) const MAX_LABEL: usize = 80;

/// The anchor of a turn or message: its label and text, `[start - label, end)`, captured when the
/// document is saved.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SegmentAnchor {
    /// The anchored text: the label and the segment's text.
    pub anchor: Anchor,
    /// How many characters of label come before the segment's own text.
    pub label: usize,
}

impl SegmentAnchor {
    /// The anchors of `segments` (in text order) in `text`.
    #[must_use]
    pub fn capture_all(text: &Text, segments: &[Segment]) -> Vec<Self> {
        let mut previous_end = 0;
        segments
            .iter()
            .map(|s| {
                let label_start = label_start(text, s.range.start, previous_end);
                previous_end = s.range.end;
                Self {
                    anchor: Anchor::capture(text, CharRange::new(label_start, s.range.end)),
                    label: s.range.start - label_start,
                }
            })
            .collect()
    }
}

/// Where the label of a segment starting at `start` begins: the start of its line, or of the
/// line before when the segment's text starts a line (a chat message under its header); never
/// before the previous segment's end nor more than [`MAX_LABEL`] characters back.
#[must_use]
pub fn label_start(text: &Text, start: usize, previous_end: usize) -> usize {
    let floor = previous_end.max(start.saturating_sub(MAX_LABEL)).min(start);
    let s = text.as_str();
    let line_start_before = |pos: usize| -> usize {
        let byte = text.byte_of(pos);
        s[..byte].rfind('\n').map_or(0, |b| text.char_of(b + 1))
    };
    let mut at = line_start_before(start);
    if at == start && start > 0 {
        at = line_start_before(start - 1);
    }
    at.max(floor)
}

/// A coding (or anything else coded by range) to place again: its old range and its anchor.
#[derive(Clone, Copy, Debug)]
pub struct Held<'a> {
    /// Where it was.
    pub range: CharRange,
    /// What it covered.
    pub anchor: &'a Anchor,
}

/// Where re-anchoring put a document's segments and codings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reanchored {
    /// The new range of each segment (`None`: its label and text are gone).
    pub segments: Vec<Option<CharRange>>,
    /// Where each coding went, in the order given.
    pub codings: Vec<Placement>,
}

impl Reanchored {
    /// True when something could not be found again.
    #[must_use]
    pub fn lost_any(&self) -> bool {
        self.segments.iter().any(Option::is_none) || self.codings.contains(&Placement::Lost)
    }
}

/// How far a stretch of text moved: a position `from` in the old text is `to` in the new one.
#[derive(Clone, Copy, Debug, Default)]
struct Shift {
    from: usize,
    to: usize,
}

impl Shift {
    /// Where old position `pos` is expected in the new text.
    fn apply(self, pos: usize) -> usize {
        (pos + self.to).saturating_sub(self.from)
    }
}

/// Place `segments` (old ranges, with their anchors) and `codings` again in the changed `text`.
#[must_use]
pub fn reanchor(
    text: &Text,
    segments: &[(CharRange, &SegmentAnchor)],
    codings: &[Held<'_>],
) -> Reanchored {
    // The shift of each placed segment, by its old start: how far that stretch moved.
    let mut shifts: Vec<(usize, Shift)> = Vec::with_capacity(segments.len());
    let mut placed_segments = Vec::with_capacity(segments.len());
    let mut cursor = 0;
    let mut shift = Shift::default();
    for (old, a) in segments {
        let old_outer = CharRange::new(old.start.saturating_sub(a.label), old.end);
        let expected = shift.apply(old_outer.start);
        let placed = match a.anchor.place_near(text, old_outer, expected, cursor) {
            Placement::Unchanged => Some(old_outer),
            Placement::Moved(r) => Some(r),
            Placement::Lost => None,
        };
        placed_segments.push(placed.map(|outer| {
            shift = Shift {
                from: old_outer.start,
                to: outer.start,
            };
            shifts.push((old.start, shift));
            cursor = outer.end;
            CharRange::new((outer.start + a.label).min(outer.end), outer.end)
        }));
    }

    // Codings in the order of their old starts, each expected where its stretch moved: the
    // segment holding it, or (in a text without segments) the coding placed before it.
    let mut order: Vec<usize> = (0..codings.len()).collect();
    order.sort_by_key(|&i| (codings[i].range.start, codings[i].range.end));
    let mut placements = vec![Placement::Lost; codings.len()];
    let mut running = Shift::default();
    for i in order {
        let held = codings[i];
        let shift = if shifts.is_empty() {
            running
        } else {
            let k = shifts.partition_point(|&(start, _)| start <= held.range.start);
            shifts[k.saturating_sub(1)].1
        };
        let placement = held
            .anchor
            .place_near(text, held.range, shift.apply(held.range.start), 0);
        match placement {
            Placement::Unchanged => running = Shift::default(),
            Placement::Moved(r) => {
                running = Shift {
                    from: held.range.start,
                    to: r.start,
                };
            }
            Placement::Lost => {}
        }
        placements[i] = placement;
    }
    Reanchored {
        segments: placed_segments,
        codings: placements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SegmentKind;

    fn segment(text: &str, content: &str, speaker: &str) -> Segment {
        let byte = text.find(content).unwrap();
        let start = text[..byte].chars().count();
        Segment {
            range: CharRange::new(start, start + content.chars().count()),
            speaker: Some(speaker.to_owned()),
            kind: SegmentKind::Turn,
            ..Segment::default()
        }
    }

    #[test]
    fn labels_are_the_line_before_a_message_or_the_start_of_a_turn() {
        let text = Text::new("Header\n\nG7: Yes, I can.\n\n2024-05-01 06:42 G8\n早上好🌞\n");
        let turn = segment(text.as_str(), "Yes, I can.", "G7");
        let message = segment(text.as_str(), "早上好🌞", "G8");
        let anchors = SegmentAnchor::capture_all(&text, &[turn.clone(), message.clone()]);
        assert_eq!(anchors[0].label, 4);
        assert_eq!(
            text.slice(CharRange::new(turn.range.start - 4, turn.range.start)),
            "G7: "
        );
        assert_eq!(
            text.slice(CharRange::new(
                message.range.start - anchors[1].label,
                message.range.start
            )),
            "2024-05-01 06:42 G8\n"
        );
    }

    #[test]
    fn turns_and_codings_follow_inserted_lines_and_ignore_a_repeated_quote() {
        let old = Text::new(
            "Interview G8\n\nInterviewer: How are you?\n\nG8: We are all patients here, nothing different.\n",
        );
        let turns = vec![
            segment(old.as_str(), "How are you?", "Interviewer"),
            segment(
                old.as_str(),
                "We are all patients here, nothing different.",
                "G8",
            ),
        ];
        let anchors = SegmentAnchor::capture_all(&old, &turns);
        let quote = turns[1].range.start..turns[1].range.start + 24;
        let coded = CharRange::new(quote.start, quote.end);
        assert_eq!(old.slice(coded), "We are all patients here");
        let coding_anchor = Anchor::capture(&old, coded);
        // A summary that repeats the quote is inserted at the top.
        let new = Text::new(format!(
            "Summary: \"We are all patients here\" is her key line.\n{}",
            old.as_str()
        ));
        let out = reanchor(
            &new,
            &[(turns[0].range, &anchors[0]), (turns[1].range, &anchors[1])],
            &[Held {
                range: coded,
                anchor: &coding_anchor,
            }],
        );
        let shift = new.char_len() - old.char_len();
        assert_eq!(
            out.segments,
            vec![
                Some(CharRange::new(
                    turns[0].range.start + shift,
                    turns[0].range.end + shift
                )),
                Some(CharRange::new(
                    turns[1].range.start + shift,
                    turns[1].range.end + shift
                )),
            ]
        );
        let Placement::Moved(to) = out.codings[0] else {
            panic!("{:?}", out.codings[0]);
        };
        assert_eq!(to, CharRange::new(coded.start + shift, coded.end + shift));
        assert!(!out.lost_any());
    }

    #[test]
    fn a_turn_whose_label_is_gone_is_lost() {
        let old = Text::new("G7: one two three\nG8: four five six\n");
        let turns = vec![
            segment(old.as_str(), "one two three", "G7"),
            segment(old.as_str(), "four five six", "G8"),
        ];
        let anchors = SegmentAnchor::capture_all(&old, &turns);
        let new = Text::new("G7: one two three\nfour five six\n");
        let out = reanchor(
            &new,
            &[(turns[0].range, &anchors[0]), (turns[1].range, &anchors[1])],
            &[],
        );
        assert_eq!(out.segments[0], Some(turns[0].range));
        assert_eq!(out.segments[1], None);
        assert!(out.lost_any());
    }
}
