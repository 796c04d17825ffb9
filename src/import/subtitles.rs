//! Timestamped transcripts: `SubRip` (`.srt`), `WebVTT` (`.vtt`) and Otter's plain-text export.
//!
//! Subtitles become turns: the speaker comes from a `WebVTT` voice tag (`<v Jane Doe>`, as Teams
//! writes) or a `Name:` label at the start of the cue (as Zoom and Otter write); a cue without
//! one continues the speaker before it. Consecutive cues of one speaker make one turn, which keeps
//! the start of its first cue and the end of its last. The document text reads
//! `[00:12:03] Speaker: what was said`, one turn per paragraph; each segment covers what was said.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{CharRange, MediaTime, Segment, SegmentKind};

use super::error::ImportError;
use super::turns::plausible_label;

static SRT_TIMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{1,3}):(\d{2}):(\d{2})[,.](\d{1,3})\s*-->\s*(\d{1,3}):(\d{2}):(\d{2})[,.](\d{1,3})")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static VTT_TIMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(\d{1,3}):)?(\d{2}):(\d{2})\.(\d{3})\s+-->\s+(?:(\d{1,3}):)?(\d{2}):(\d{2})\.(\d{3})(?:\s|$)")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static VOICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<v(?:\.[^\s>]*)?\s+([^>]+)>").unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<[^>]*>|\{\\[^}]*\}").unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^:：\[\]<>]{1,40}?)\s*[:：]\s+")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static OTTER_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\S(?:.{0,60}\S)?)  (?:(\d{1,2}):)?(\d{1,2}):(\d{2})\s*$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// One subtitle cue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// Start, in milliseconds.
    pub start_ms: u64,
    /// End, in milliseconds.
    pub end_ms: u64,
    /// The speaker, if the cue names one.
    pub speaker: Option<String>,
    /// What was said, markup removed, lines joined.
    pub text: String,
}

fn ms(h: Option<&str>, m: &str, s: &str, frac: &str) -> u64 {
    let n = |x: &str| x.parse::<u64>().unwrap_or(0);
    let frac_ms = n(frac) * 10u64.pow(3u32.saturating_sub(frac.len() as u32));
    ((h.map_or(0, n) * 60 + n(m)) * 60 + n(s)) * 1000 + frac_ms
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

/// Join two pieces of one utterance: a space between words, nothing between CJK characters.
fn join(into: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    if let (Some(a), Some(b)) = (into.chars().last(), next.chars().next())
        && !(is_cjk(a) || is_cjk(b))
    {
        into.push(' ');
    }
    into.push_str(next);
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lrm;", "\u{200e}")
        .replace("&rlm;", "\u{200f}")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Split payload lines into (voice, text).
fn payload(lines: &[&str], vtt: bool) -> (Option<String>, String) {
    let mut voice = None;
    let mut text = String::new();
    for line in lines {
        if vtt
            && voice.is_none()
            && let Some(c) = VOICE.captures(line)
        {
            voice = Some(decode_entities(c[1].trim()));
        }
        let clean = TAG.replace_all(line, "");
        let clean = if vtt {
            decode_entities(&clean)
        } else {
            clean.into_owned()
        };
        join(&mut text, &clean);
    }
    (voice, text)
}

fn malformed(path: &Path, line: usize, message: impl Into<String>) -> ImportError {
    ImportError::Malformed {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// Blocks of non-empty lines, each with the 1-based number of its first line.
fn blocks(text: &str) -> Vec<(usize, Vec<&str>)> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut first = 0;
    for (i, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push((first, std::mem::take(&mut current)));
            }
        } else {
            if current.is_empty() {
                first = i + 1;
            }
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push((first, current));
    }
    out
}

/// Parse the cues of a `SubRip` file.
pub fn parse_srt(text: &str, path: &Path) -> Result<Vec<Cue>, ImportError> {
    let mut cues = Vec::new();
    for (first, lines) in blocks(text) {
        let (timing_at, timing) = if SRT_TIMING.is_match(lines[0]) {
            (0, lines[0])
        } else if lines.len() > 1 && lines[0].trim().chars().all(|c| c.is_ascii_digit()) {
            (1, lines[1])
        } else {
            return Err(malformed(
                path,
                first,
                format!(
                    "expected a cue number or a timing line like \"00:00:01,000 --> 00:00:04,000\", found {:?}",
                    lines[0]
                ),
            ));
        };
        let Some(c) = SRT_TIMING.captures(timing) else {
            return Err(malformed(
                path,
                first + timing_at,
                format!(
                    "expected a timing line like \"00:00:01,000 --> 00:00:04,000\", found {timing:?}"
                ),
            ));
        };
        let (_, text) = payload(&lines[timing_at + 1..], false);
        cues.push(Cue {
            start_ms: ms(Some(&c[1]), &c[2], &c[3], &c[4]),
            end_ms: ms(Some(&c[5]), &c[6], &c[7], &c[8]),
            speaker: None,
            text,
        });
    }
    if cues.is_empty() {
        return Err(malformed(path, 1, "the file holds no subtitle cues"));
    }
    Ok(cues)
}

/// Parse the cues of a `WebVTT` file.
pub fn parse_vtt(text: &str, path: &Path) -> Result<Vec<Cue>, ImportError> {
    let first_line = text.split('\n').next().unwrap_or_default();
    if !(first_line.starts_with("WEBVTT")
        && first_line[6..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t'))
    {
        return Err(malformed(
            path,
            1,
            "a WebVTT file must start with the line \"WEBVTT\"",
        ));
    }
    let mut cues = Vec::new();
    for (n, (first, lines)) in blocks(text).into_iter().enumerate() {
        if n == 0 {
            // The header block (WEBVTT and any header lines).
            continue;
        }
        let head = lines[0].trim_start();
        if head.starts_with("NOTE") || head == "STYLE" || head == "REGION" {
            continue;
        }
        let timing_at = usize::from(!lines[0].contains("-->"));
        let Some(timing) = lines.get(timing_at) else {
            return Err(malformed(
                path,
                first,
                format!("a cue {head:?} has no timing line"),
            ));
        };
        let Some(c) = VTT_TIMING.captures(timing) else {
            return Err(malformed(
                path,
                first + timing_at,
                format!(
                    "expected a timing line like \"00:00:01.000 --> 00:00:04.000\", found {timing:?}"
                ),
            ));
        };
        let (speaker, text) = payload(&lines[timing_at + 1..], true);
        cues.push(Cue {
            start_ms: ms(c.get(1).map(|m| m.as_str()), &c[2], &c[3], &c[4]),
            end_ms: ms(c.get(5).map(|m| m.as_str()), &c[6], &c[7], &c[8]),
            speaker,
            text,
        });
    }
    if cues.is_empty() {
        return Err(malformed(path, 1, "the file holds no cues"));
    }
    Ok(cues)
}

/// Take `Name:` labels off cue texts when the file uses them (at least two labelled cues: one
/// label in a whole file is likely prose, "Warning: …"), then let an unlabelled cue continue the
/// speaker before it.
fn assign_speakers(cues: &mut [Cue]) {
    let label = |t: &str| -> Option<(String, usize)> {
        let c = LABEL.captures(t)?;
        let name = c[1].trim();
        plausible_label(name).then(|| (name.to_owned(), c[0].len()))
    };
    let labelled = cues
        .iter()
        .filter(|c| c.speaker.is_none() && label(&c.text).is_some())
        .count();
    let mut last: Option<String> = None;
    for cue in cues.iter_mut() {
        if cue.speaker.is_none() {
            if let Some((name, len)) = label(&cue.text).filter(|_| labelled >= 2) {
                cue.text = cue.text[len..].to_owned();
                cue.speaker = Some(name);
            } else {
                cue.speaker.clone_from(&last);
            }
        }
        last.clone_from(&cue.speaker);
    }
}

/// Format milliseconds as `[hh:mm:ss]`.
#[must_use]
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("[{:02}:{:02}:{:02}]", s / 3600, s / 60 % 60, s % 60)
}

/// Turn cues into a document text and its turns.
#[must_use]
pub fn cues_to_turns(mut cues: Vec<Cue>) -> (String, Vec<Segment>) {
    assign_speakers(&mut cues);
    // Merge consecutive cues of one named speaker.
    let mut turns: Vec<Cue> = Vec::new();
    for cue in cues {
        if cue.text.trim().is_empty() {
            continue;
        }
        match turns.last_mut() {
            Some(t) if t.speaker.is_some() && t.speaker == cue.speaker => {
                join(&mut t.text, &cue.text);
                t.end_ms = t.end_ms.max(cue.end_ms);
            }
            _ => turns.push(cue),
        }
    }
    let mut text = String::new();
    let mut chars = 0usize;
    let mut segments = Vec::with_capacity(turns.len());
    let mut push = |text: &mut String, s: &str| {
        text.push_str(s);
        chars += s.chars().count();
        chars
    };
    for (i, t) in turns.iter().enumerate() {
        if i > 0 {
            push(&mut text, "\n\n");
        }
        let mut label = clock(t.start_ms);
        label.push(' ');
        if let Some(s) = &t.speaker {
            label.push_str(s);
            label.push_str(": ");
        }
        let start = push(&mut text, &label);
        let end = push(&mut text, t.text.trim());
        segments.push(Segment {
            range: CharRange::new(start, end),
            speaker: t.speaker.clone(),
            at: None,
            media: Some(MediaTime {
                start_ms: t.start_ms,
                end_ms: Some(t.end_ms),
            }),
            kind: SegmentKind::Turn,
        });
    }
    text.push('\n');
    (text, segments)
}

/// True when `text` looks like a `SubRip` file (a cue number, then a timing line).
#[must_use]
pub fn looks_like_srt(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    match (lines.next(), lines.next()) {
        (Some(a), Some(b)) => {
            SRT_TIMING.is_match(a)
                || (a.trim().chars().all(|c| c.is_ascii_digit()) && SRT_TIMING.is_match(b))
        }
        _ => false,
    }
}

/// True when `text` looks like Otter's text export (`Name  0:00` headers, at least two).
#[must_use]
pub fn looks_like_otter(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    lines.next().is_some_and(|l| OTTER_HEADER.is_match(l))
        && lines.filter(|l| OTTER_HEADER.is_match(l)).take(1).count() == 1
}

/// The turns of an Otter text export: a `Name  mm:ss` header line, then what was said until
/// the next header. The text is kept as it is; each turn covers the lines after its header.
#[must_use]
pub fn parse_otter(text: &str) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut offset = 0usize;
    for line in text.split('\n') {
        let len = line.chars().count();
        if let Some(c) = OTTER_HEADER.captures(line) {
            segments.push(Segment {
                range: CharRange::new(offset + len + 1, offset + len + 1),
                speaker: Some(c[1].to_owned()),
                at: None,
                media: Some(MediaTime {
                    start_ms: ms(c.get(2).map(|m| m.as_str()), &c[3], &c[4], "0"),
                    end_ms: None,
                }),
                kind: SegmentKind::Turn,
            });
        } else if !line.trim().is_empty()
            && let Some(last) = segments.last_mut()
        {
            last.range.end = offset + len;
        }
        offset += len + 1;
    }
    segments.retain(|s| !s.range.is_empty());
    segments
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn clock_formats_hours() {
        assert_eq!(clock(3_723_456), "[01:02:03]");
    }

    #[test]
    fn cjk_is_joined_without_spaces() {
        let mut s = "我们".to_owned();
        join(&mut s, "都是病友");
        join(&mut s, "OK then");
        assert_eq!(s, "我们都是病友OK then");
        let mut e = "one".to_owned();
        join(&mut e, " two ");
        assert_eq!(e, "one two");
    }
}
