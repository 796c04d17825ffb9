//! Finding text in a document and jumping to a message or a time. No egui in here.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::model::{CharRange, Document, Text};
use crate::ui::i18n::{self, Language};

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
    /// A day of the year without the year (`6月20日`, `6/20`), and perhaps a time on it: the
    /// first such day the document has.
    MonthDay {
        /// The month, 1–12.
        month: u32,
        /// The day of the month, 1–31.
        day: u32,
        /// The time on that day, if given.
        time: Option<NaiveTime>,
    },
}

/// Read what the user typed: `#12` or `12`, `2024-05-03 08:12`, `2024-05-03`, `08:12`,
/// `1:02:03`, and the Chinese and short forms of a day: `2024年6月20日`, `6月20日`, `6月20号`,
/// `6/20`, each with a time after it if wanted (`6月20日 14:00`). Full-width digits and colons
/// count as their plain forms.
#[must_use]
pub fn parse_jump(input: &str) -> Option<JumpTarget> {
    let plain: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' => ':',
            '／' => '/',
            '－' => '-',
            '＃' => '#',
            _ => c,
        })
        .collect();
    let s = plain.trim_start_matches('[').trim_end_matches(']');
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
    if let Some(t) = parse_time(s) {
        return Some(JumpTarget::Time(t));
    }
    parse_day(s)
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    ["%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(s, f).ok())
}

/// A day written the Chinese way (`2024年6月20日`, `6月20日`, `6月20号`) or as `6/20`,
/// perhaps followed by a time.
fn parse_day(s: &str) -> Option<JumpTarget> {
    // The day ends at 日 or 号, or at the first space.
    let (date, time) = match s.find(['日', '号']) {
        Some(at) => {
            let end = at + s[at..].chars().next().map_or(0, char::len_utf8);
            (&s[..at], s[end..].trim())
        }
        None => s
            .split_once(char::is_whitespace)
            .map_or((s, ""), |(d, t)| (d, t.trim())),
    };
    let time = if time.is_empty() {
        None
    } else {
        Some(parse_time(time)?)
    };
    let number = |t: &str| t.trim().parse::<u32>().ok();
    let (year, rest) = match date.split_once('年') {
        Some((y, rest)) => (Some(i32::try_from(number(y)?).ok()?), rest),
        None => (None, date),
    };
    let (month, day) = rest
        .split_once('月')
        .or_else(|| rest.split_once('/'))
        .and_then(|(m, d)| Some((number(m)?, number(d)?)))?;
    if let Some(year) = year {
        let d = NaiveDate::from_ymd_opt(year, month, day)?;
        return Some(match time {
            Some(t) => JumpTarget::DateTime(d.and_time(t)),
            None => JumpTarget::Date(d),
        });
    }
    // A day that exists in some year (29 February included).
    NaiveDate::from_ymd_opt(2024, month, day)?;
    Some(JumpTarget::MonthDay { month, day, time })
}

/// A day as a separator in a chat shows it: with the weekday, in the window's language, and
/// the Chinese way in a Chinese chat whatever the window's (`2024年6月20日 星期四`,
/// `Thu 20 Jun 2024`).
#[must_use]
pub fn day_label(day: NaiveDate, chinese: bool) -> String {
    if chinese {
        i18n::date_with_weekday_in(Language::SimplifiedChinese, day)
    } else {
        i18n::date_with_weekday(day)
    }
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
        JumpTarget::MonthDay { month, day, time } => {
            // The first year of the document that has that day and a message on or after it.
            let mut years: Vec<i32> = segs.iter().filter_map(|s| s.at).map(|a| a.year()).collect();
            years.dedup();
            years.into_iter().find_map(|y| {
                let start = NaiveDate::from_ymd_opt(y, month, day)?
                    .and_time(time.unwrap_or(NaiveTime::MIN));
                segs.iter()
                    .position(|s| s.at.is_some_and(|a| a >= start && a.year() == y))
            })
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

    #[test]
    fn jumps_to_days_written_the_chinese_way_and_short() {
        let text = "2024-05-03 08:12:45 A\none\n\n2024-06-20 21:00:00 B\ntwo\n\n2024-06-21 07:00:00 A\nthree\n";
        let mut doc = Document::new("c", DocumentKind::Chat, Text::new(text));
        doc.segments = parse_wechat(text, std::path::Path::new("c")).unwrap();
        let go = |s: &str| parse_jump(s).and_then(|t| resolve_jump(&doc, t, None));
        for day in [
            "6月20日",
            "6月20号",
            "６月２０日",
            "6/20",
            "2024-06-20",
            "2024年6月20日",
        ] {
            assert_eq!(go(day), Some(1), "{day}");
        }
        assert_eq!(go("6月20日 22:00"), Some(2));
        assert_eq!(go("6/21 06:00"), Some(2));
        assert_eq!(go("5月3日"), Some(0));
        assert_eq!(
            go("9月1日"),
            None,
            "no message that day or later in that year"
        );
        assert_eq!(parse_jump("13月1日"), None);
        assert_eq!(parse_jump("2月30日"), None);
        assert!(parse_jump("2月29日").is_some());
    }

    #[test]
    fn day_labels_follow_the_document_language() {
        let d = NaiveDate::from_ymd_opt(2024, 6, 20).unwrap();
        assert_eq!(day_label(d, true), "2024年6月20日 星期四");
        i18n::set_language(Language::English);
        assert_eq!(day_label(d, false), "Thu 20 Jun 2024");
        i18n::set_language(Language::SimplifiedChinese);
        assert_eq!(day_label(d, false), "2024年6月20日 星期四");
        i18n::set_language(Language::English);
    }
}
