//! Speaker turns in interview transcripts: `Interviewer: ...`, `G8：...` (full-width colon),
//! `[00:12:03] G8: ...`. A line without a label continues the turn before it. A label counts as
//! a speaker if it recurs or carries a timestamp, so a stray "Note: ..." line in prose is not
//! taken for one.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{CharRange, MediaTime, Segment, SegmentKind};

/// `[hh:mm:ss]` or `[mm:ss]` (optional), a short label, then `:` or `：`.
static TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\]\s*)?([^\s:：\[\]][^:：\[\]]{0,31}?)\s*[:：]\s*",
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// A label is a speaker name: short, and not a sentence.
pub(super) fn plausible_label(label: &str) -> bool {
    let words = label.split_whitespace().count();
    words <= 3
        && !label.contains(['。', '，', ',', '.', '?', '？', '!', '！', '"', '“'])
        && !label.chars().all(|c| c.is_ascii_digit())
}

struct Line<'a> {
    /// Char offset where the line starts in the text.
    start: usize,
    text: &'a str,
}

/// Find the speaker turns of `text`. Each segment's range is the utterance (after the label),
/// extended over continuation lines.
#[must_use]
pub fn detect_turns(text: &str) -> Vec<Segment> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        lines.push(Line {
            start: offset,
            text: line,
        });
        offset += line.chars().count() + 1;
    }
    // First pass: candidate labels and how often they occur.
    let matches: Vec<Option<(String, usize, Option<MediaTime>)>> = lines
        .iter()
        .map(|l| {
            let caps = TURN.captures(l.text)?;
            let label = caps.get(5)?.as_str().trim().to_owned();
            if !plausible_label(&label) {
                return None;
            }
            let body = l.text[caps.get(0)?.end()..].chars().count();
            let label_chars = l.text.chars().count() - body;
            let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u64>().ok());
            let media = caps.get(3).map(|_| {
                let ms = num(4).map_or(0, |f| {
                    let digits = caps.get(4).map_or(3, |m| m.as_str().len()) as u32;
                    f * 10u64.pow(3 - digits)
                });
                MediaTime {
                    start_ms: ((num(1).unwrap_or(0) * 60 + num(2).unwrap_or(0)) * 60
                        + num(3).unwrap_or(0))
                        * 1000
                        + ms,
                    end_ms: None,
                }
            });
            Some((label, label_chars, media))
        })
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (label, _, _) in matches.iter().flatten() {
        *counts.entry(label.as_str()).or_default() += 1;
    }
    let mut turns: Vec<Segment> = Vec::new();
    for (line, m) in lines.iter().zip(&matches) {
        let len = line.text.chars().count();
        match m {
            Some((label, label_chars, media)) if media.is_some() || counts[label.as_str()] >= 2 => {
                turns.push(Segment {
                    range: CharRange::new(line.start + label_chars, line.start + len),
                    speaker: Some(label.clone()),
                    at: None,
                    media: *media,
                    kind: SegmentKind::Turn,
                });
            }
            _ => {
                if let Some(last) = turns.last_mut()
                    && !line.text.trim().is_empty()
                {
                    last.range.end = line.start + len;
                }
            }
        }
    }
    turns.retain(|t| !t.range.is_empty());
    turns
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Text;

    fn turns(text: &str) -> Vec<(String, String, Option<u64>)> {
        let t = Text::new(text);
        detect_turns(text)
            .into_iter()
            .map(|s| {
                (
                    s.speaker.unwrap_or_default(),
                    t.slice(s.range).to_owned(),
                    s.media.map(|m| m.start_ms),
                )
            })
            .collect()
    }

    #[test]
    fn english_chinese_and_timestamped_labels() {
        let text = "Interview G1 — 2024-08-12\n\nInterviewer: How did you join?\n\nG1: A friend added me.\nIt was late.\n\nInterviewer: And then?\n\nG1: I stayed.";
        assert_eq!(
            turns(text),
            vec![
                ("Interviewer".into(), "How did you join?".into(), None),
                ("G1".into(), "A friend added me.\nIt was late.".into(), None),
                ("Interviewer".into(), "And then?".into(), None),
                ("G1".into(), "I stayed.".into(), None),
            ]
        );
        let zh = "访谈者：您好😀\nG8：我们都叫它毕业。\n访谈者：为什么？\nG8：因为……";
        let t = turns(zh);
        assert_eq!(t[1], ("G8".into(), "我们都叫它毕业。".into(), None));
        assert_eq!(t.len(), 4);
        let ts = "[00:12:03] G8: Yes.\n[00:12:10.5] Interviewer: Go on.\n[01:02:03] G8: Well.\n[1:00] Interviewer: ok";
        let t = turns(ts);
        assert_eq!(t[0], ("G8".into(), "Yes.".into(), Some(723_000)));
        assert_eq!(t[1].2, Some(730_500));
        assert_eq!(t[2].2, Some(3_723_000));
        assert_eq!(t[3].2, Some(60_000));
    }

    #[test]
    fn a_single_label_in_prose_is_not_a_speaker() {
        assert!(turns("Note: this is prose.\nMore prose here.").is_empty());
    }
}
