//! `WhatsApp` chat exports (`_chat.txt`, "`WhatsApp` Chat with ….txt").
//!
//! Android writes `31/12/2020, 23:59 - Name: text` (or `12/31/20, 11:59 PM - …`, or
//! `31.12.20, 23:59 - …`, depending on the phone's locale); iOS writes
//! `[31/12/2020, 23:59:59] Name: text`. Lines that do not open with a date continue the message
//! before them. Which of day and month comes first is read from the file itself (a number over 12
//! settles it; otherwise the order in which dates run forward). System notices (no sender on
//! Android; a sender followed by an invisible left-to-right mark on iOS) are marked as such, and
//! "This message was deleted" as a recalled message. Media placeholders (`<Media omitted>`,
//! `image omitted`, `<attached: …>`) stay messages of their sender. The text is kept as exported;
//! each message's segment covers its text after the sender.

use std::path::Path;
use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;

use crate::model::{CharRange, Segment, SegmentKind};

use super::error::ImportError;

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^[\u{200e}\u{200f}]?(?:",
        // iOS: [date, time] rest
        r"\[(\d{1,4})[./-](\d{1,2})[./-](\d{1,4}),?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[\s\u{202f}\u{a0}]*([AaPp])\.?\s?[Mm]\.?)?\]\s?",
        r"|",
        // Android: date, time - rest
        r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4}),?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[\s\u{202f}\u{a0}]*([AaPp])\.?\s?[Mm]\.?)?\s-\s",
        r")"
    ))
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static MEDIA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:<Media omitted>|<attached: [^>]*>|(?:image|video|audio|sticker|GIF|document|Contact card) omitted|.* \(file attached\))$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static DELETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:This message was deleted\.?|You deleted this message\.?)$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// True when the first non-empty line of `text` opens a `WhatsApp` message.
#[must_use]
pub fn looks_like_whatsapp(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| HEADER.is_match(l))
}

/// A message header as found, before the date order is known.
struct RawHeader {
    line: usize,
    /// Char offset of the line in the text.
    line_start: usize,
    /// Chars of the header (date, time, separator).
    header_chars: usize,
    date: [u32; 3],
    date_text: [usize; 3],
    time: [u32; 3],
    pm: Option<bool>,
    ios: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateOrder {
    Ymd,
    Dmy,
    Mdy,
}

fn date_of(order: DateOrder, d: [u32; 3], digits: [usize; 3]) -> Option<NaiveDate> {
    let (y, m, day) = match order {
        DateOrder::Ymd => (d[0], d[1], d[2]),
        DateOrder::Dmy => (d[2], d[1], d[0]),
        DateOrder::Mdy => (d[2], d[0], d[1]),
    };
    let year_digits = if order == DateOrder::Ymd {
        digits[0]
    } else {
        digits[2]
    };
    let y = if year_digits <= 2 { 2000 + y } else { y };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, day)
}

/// Read the date order from all headers.
fn infer_order(headers: &[RawHeader]) -> DateOrder {
    if headers.iter().any(|h| h.date_text[0] == 4) {
        return DateOrder::Ymd;
    }
    if headers.iter().any(|h| h.date[0] > 12) {
        return DateOrder::Dmy;
    }
    if headers.iter().any(|h| h.date[1] > 12) {
        return DateOrder::Mdy;
    }
    let backwards = |order| {
        let dates: Vec<_> = headers
            .iter()
            .filter_map(|h| date_of(order, h.date, h.date_text))
            .collect();
        dates.windows(2).filter(|w| w[1] < w[0]).count()
    };
    let (d, m) = (backwards(DateOrder::Dmy), backwards(DateOrder::Mdy));
    if d != m {
        return if d < m {
            DateOrder::Dmy
        } else {
            DateOrder::Mdy
        };
    }
    // Undecided: 12-hour clocks go with US month-first dates.
    if headers.iter().any(|h| h.pm.is_some()) {
        DateOrder::Mdy
    } else {
        DateOrder::Dmy
    }
}

/// Parse a `WhatsApp` export. The text is kept as it is.
pub fn parse_whatsapp(text: &str, path: &Path) -> Result<Vec<Segment>, ImportError> {
    let mut headers = Vec::new();
    let mut line_ends: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0usize;
    for (n, line) in text.split('\n').enumerate() {
        let len = line.chars().count();
        line_ends.push((offset, len));
        if let Some(c) = HEADER.captures(line) {
            let ios = c.get(1).is_some();
            let base = if ios { 1 } else { 8 };
            let num = |i: usize| {
                c.get(base + i)
                    .and_then(|m| m.as_str().parse::<u32>().ok())
                    .unwrap_or(0)
            };
            let digits = |i: usize| c.get(base + i).map_or(0, |m| m.as_str().len());
            let whole = c.get(0).map_or(0, |m| m.as_str().chars().count());
            headers.push(RawHeader {
                line: n,
                line_start: offset,
                header_chars: whole,
                date: [num(0), num(1), num(2)],
                date_text: [digits(0), digits(1), digits(2)],
                time: [num(3), num(4), num(5)],
                pm: c
                    .get(base + 6)
                    .map(|m| m.as_str().eq_ignore_ascii_case("p")),
                ios,
            });
        }
        offset += len + 1;
    }
    let malformed = |line: usize, message: String| ImportError::Malformed {
        path: path.to_path_buf(),
        line: line + 1,
        message,
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let first_text = lines.iter().position(|l| !l.trim().is_empty());
    match (first_text, headers.first()) {
        (Some(first), Some(h)) if first < h.line => {
            return Err(malformed(
                first,
                "text before the first message (expected a line like \"31/12/2020, 23:59 - Name: text\")".into(),
            ));
        }
        (Some(first), None) => {
            return Err(malformed(
                first,
                "no WhatsApp message found (expected a line like \"31/12/2020, 23:59 - Name: text\")".into(),
            ));
        }
        _ => {}
    }
    let order = infer_order(&headers);
    let mut segments = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let date = date_of(order, h.date, h.date_text).ok_or_else(|| {
            malformed(
                h.line,
                format!("the date in {:?} is not a valid date", lines[h.line]),
            )
        })?;
        let mut hour = h.time[0];
        match h.pm {
            Some(true) if hour < 12 => hour += 12,
            Some(false) if hour == 12 => hour = 0,
            _ => {}
        }
        let time = NaiveTime::from_hms_opt(hour, h.time[1], h.time[2]).ok_or_else(|| {
            malformed(
                h.line,
                format!("the time in {:?} is not a valid time", lines[h.line]),
            )
        })?;
        let rest: String = lines[h.line].chars().skip(h.header_chars).collect();
        let (speaker, body_skip, kind) = classify(&rest, h.ios);
        let start = h.line_start + h.header_chars + body_skip;
        // The message runs to the last non-empty line before the next header.
        let next = headers.get(i + 1).map_or(lines.len(), |n| n.line);
        let mut end = h.line_start + line_ends[h.line].1;
        for (l, &(s, len)) in line_ends.iter().enumerate().take(next).skip(h.line + 1) {
            if !lines[l].trim().is_empty() {
                end = s + len;
            }
        }
        segments.push(Segment {
            range: CharRange::new(start, end.max(start)),
            speaker,
            at: Some(NaiveDateTime::new(date, time)),
            media: None,
            kind,
        });
    }
    segments.retain(|s| !s.range.is_empty());
    Ok(segments)
}

/// Sender, chars to skip before the message text, and kind, from what follows the header.
fn classify(rest: &str, ios: bool) -> (Option<String>, usize, SegmentKind) {
    let sender_end = rest.find(": ").filter(|&i| {
        let s = &rest[..i];
        i > 0 && s.chars().count() <= 60 && !s.contains(['"', '“', '”'])
    });
    let Some(i) = sender_end else {
        return (None, 0, SegmentKind::System);
    };
    let sender = rest[..i]
        .trim_start_matches(['\u{200e}', '~', ' ', '\u{a0}'])
        .trim();
    let body = &rest[i + 2..];
    let marked = body.starts_with('\u{200e}');
    let marks = body.chars().take_while(|&c| c == '\u{200e}').count();
    let skip = rest[..i + 2].chars().count() + marks;
    let plain = body.trim_start_matches('\u{200e}').trim();
    if DELETED.is_match(plain) {
        return (Some(sender.to_owned()), skip, SegmentKind::Recalled);
    }
    if ios && marked && !MEDIA.is_match(plain) {
        return (None, skip, SegmentKind::System);
    }
    (Some(sender.to_owned()), skip, SegmentKind::Message)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Text;

    #[test]
    fn android_us_twelve_hour() {
        let text = "12/31/20, 11:59\u{202f}PM - Messages and calls are end-to-end encrypted.\n12/31/20, 11:59\u{202f}PM - Ann Lee: Happy new year\nsecond line\n1/1/21, 12:01\u{202f}AM - Bo: <Media omitted>\n1/1/21, 12:02\u{202f}AM - Bo: This message was deleted\n";
        let s = parse_whatsapp(text, Path::new("w.txt")).unwrap();
        let t = Text::new(text);
        assert_eq!(s.len(), 4);
        assert_eq!(s[0].kind, SegmentKind::System);
        assert_eq!(s[1].speaker.as_deref(), Some("Ann Lee"));
        assert_eq!(t.slice(s[1].range), "Happy new year\nsecond line");
        assert_eq!(s[1].at.unwrap().to_string(), "2020-12-31 23:59:00");
        assert_eq!(s[2].at.unwrap().to_string(), "2021-01-01 00:01:00");
        assert_eq!(t.slice(s[2].range), "<Media omitted>");
        assert_eq!(s[3].kind, SegmentKind::Recalled);
    }
}
