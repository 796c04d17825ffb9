//! Finding text in a document and jumping to a message or a time. No egui in here.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::model::{CharRange, Document, Text};

/// Most matches a search reports.
pub const MAX_MATCHES: usize = 10_000;

/// Every occurrence of `query` in `text` (case-insensitive), as char ranges, at most
/// [`MAX_MATCHES`].
#[must_use]
pub fn find_all(text: &Text, query: &str) -> Vec<CharRange> {
    if query.is_empty() {
        return Vec::new();
    }
    let Ok(re) = regex::RegexBuilder::new(&regex::escape(query))
        .case_insensitive(true)
        .build()
    else {
        return Vec::new();
    };
    let s = text.as_str();
    let mut out = Vec::new();
    // Matches come in order: convert byte offsets to chars by walking forward from the last one.
    let (mut byte, mut chr) = (0usize, 0usize);
    for m in re.find_iter(s).take(MAX_MATCHES) {
        chr += s[byte..m.start()].chars().count();
        let len = m.as_str().chars().count();
        out.push(CharRange::new(chr, chr + len));
        chr += len;
        byte = m.end();
    }
    out
}

/// Where "go to" should go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JumpTarget {
    /// The n-th turn or message (1-based).
    Message(usize),
    /// The first message at or after this moment.
    DateTime(NaiveDateTime),
    /// The first message of this day (or after).
    Date(NaiveDate),
    /// A time of day (chat) or a position in the recording (timestamped transcripts).
    Time(NaiveTime),
}

/// Read what the user typed: `#12` or `12`, `2024-05-03 08:12`, `2024-05-03`, `08:12`,
/// `1:02:03`.
#[must_use]
pub fn parse_jump(input: &str) -> Option<JumpTarget> {
    let s = input.trim().trim_start_matches('[').trim_end_matches(']');
    if let Ok(n) = s.strip_prefix('#').unwrap_or(s).parse::<usize>() {
        return (n > 0).then_some(JumpTarget::Message(n));
    }
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(JumpTarget::DateTime(t));
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(JumpTarget::Date(d));
        }
    }
    for f in ["%H:%M:%S", "%H:%M"] {
        if let Ok(t) = NaiveTime::parse_from_str(s, f) {
            return Some(JumpTarget::Time(t));
        }
    }
    None
}

/// The segment `target` points to in `doc`, looking from segment `current` for times of day.
#[must_use]
pub fn resolve_jump(doc: &Document, target: JumpTarget, current: Option<usize>) -> Option<usize> {
    let segs = &doc.segments;
    match target {
        JumpTarget::Message(n) => (n <= segs.len()).then(|| n - 1),
        JumpTarget::DateTime(t) => segs.iter().position(|s| s.at.is_some_and(|a| a >= t)),
        JumpTarget::Date(d) => segs
            .iter()
            .position(|s| s.at.is_some_and(|a| a.date() >= d)),
        JumpTarget::Time(t) => {
            if segs.iter().any(|s| s.media.is_some()) {
                let ms = u64::from(t.num_seconds_from_midnight()) * 1000;
                return segs
                    .iter()
                    .position(|s| s.media.is_some_and(|m| m.start_ms >= ms));
            }
            let day = current
                .and_then(|i| segs.get(i))
                .and_then(|s| s.at)
                .or_else(|| segs.iter().find_map(|s| s.at))?
                .date();
            segs.iter()
                .position(|s| s.at.is_some_and(|a| a >= day.and_time(t)))
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::parse_wechat;
    use crate::model::DocumentKind;

    #[test]
    fn finds_case_insensitively_in_chars() {
        let text = Text::new("😀 CR again, cr. 毕业了，毕业！");
        assert_eq!(
            find_all(&text, "cr"),
            [CharRange::new(2, 4), CharRange::new(12, 14)]
        );
        assert_eq!(
            find_all(&text, "毕业"),
            [CharRange::new(16, 18), CharRange::new(20, 22)]
        );
        assert!(find_all(&text, "").is_empty());
        assert_eq!(find_all(&text, "(").len(), 0, "the query is literal");
    }

    #[test]
    fn jumps_to_messages_days_and_times() {
        let text = "2024-05-03 08:12:45 A\none\n\n2024-05-03 21:00:00 B\ntwo\n\n2024-05-04 07:00:00 A\nthree\n\n2024-05-04 22:00:00 B\nfour\n";
        let mut doc = Document::new("c", DocumentKind::Chat, Text::new(text));
        doc.segments = parse_wechat(text, std::path::Path::new("c")).unwrap();
        let go = |s: &str, cur| resolve_jump(&doc, parse_jump(s).unwrap(), cur);
        assert_eq!(go("#3", None), Some(2));
        assert_eq!(go("4", None), Some(3));
        assert_eq!(parse_jump("#0"), None);
        assert_eq!(go("#5", None), None);
        assert_eq!(go("2024-05-03 12:00", None), Some(1));
        assert_eq!(go("2024-05-04", None), Some(2));
        assert_eq!(go("20:00", None), Some(1));
        assert_eq!(go("20:00", Some(2)), Some(3));
        assert_eq!(parse_jump("soon"), None);
    }
}
