//! `WeChat` group chats as export tools write them. Plain text: messages separated by blank lines,
//! each opening with a `YYYY-MM-DD HH:MM[:SS] sender` header (some tools write `sender
//! YYYY-MM-DD HH:MM:SS`, or slashes in the date). CSV: one row per message, with columns for time,
//! sender and content (and often a message type) named as the export tool names them (see
//! [`parse_wechat_csv`]). System notices come from `系统消息` (or `System`, or a system message
//! type); a recalled message leaves a `"name" 撤回了一条消息` notice and is marked as recalled.

use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDateTime;
use regex::Regex;

use crate::model::{CharRange, Segment, SegmentKind};

use super::error::ImportError;

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(\d{4}[-/]\d{1,2}[-/]\d{1,2} \d{1,2}:\d{2}(?::\d{2})?) (\S.*)",
        r"|(\S.*?) (\d{4}[-/]\d{1,2}[-/]\d{1,2} \d{1,2}:\d{2}(?::\d{2})?))$"
    ))
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static RECALLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^["“]?(.+?)["”]?\s*撤回了一条消息"#)
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Senders that mark system notices.
const SYSTEM_SENDERS: [&str; 3] = ["系统消息", "System", "system"];

/// Parse `YYYY-MM-DD HH:MM[:SS]` (or with slashes, or a `T` between date and time).
fn parse_local_time(stamp: &str) -> Result<NaiveDateTime, chrono::ParseError> {
    let stamp = stamp.trim().replace('/', "-").replacen('T', " ", 1);
    NaiveDateTime::parse_from_str(&stamp, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(&stamp, "%Y-%m-%d %H:%M"))
}

/// True when `text` looks like a `WeChat` plain-text export (its first non-empty line is a header).
#[must_use]
pub fn looks_like_wechat(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| HEADER.is_match(l.trim_end()))
}

/// Parse the messages of a `WeChat` plain-text export. The text is kept as it is; each message
/// becomes a segment over its body (the lines after its header).
pub fn parse_wechat(text: &str, path: &Path) -> Result<Vec<Segment>, ImportError> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut offset = 0usize;
    let mut previous_blank = true;
    let mut body_open = false;
    for (n, line) in text.split('\n').enumerate() {
        let len = line.chars().count();
        let header = if previous_blank {
            HEADER.captures(line.trim_end())
        } else {
            None
        };
        if let Some(caps) = header {
            let (stamp, sender) = match (caps.get(1), caps.get(2), caps.get(3), caps.get(4)) {
                (Some(t), Some(s), _, _) | (_, _, Some(s), Some(t)) => (t.as_str(), s.as_str()),
                _ => unreachable!("the header regex has two alternatives"),
            };
            let at = parse_local_time(stamp).map_err(|e| ImportError::Malformed {
                path: path.to_path_buf(),
                line: n + 1,
                message: format!("the time {stamp:?} is not a valid date and time ({e})"),
            })?;
            let sender = sender.trim().to_owned();
            let system = SYSTEM_SENDERS.contains(&sender.as_str());
            segments.push(Segment {
                range: CharRange::new(offset + len + 1, offset + len + 1),
                speaker: (!system).then_some(sender),
                at: Some(at),
                media: None,
                kind: if system {
                    SegmentKind::System
                } else {
                    SegmentKind::Message
                },
            });
            body_open = true;
        } else if !line.trim().is_empty() {
            let Some(last) = segments.last_mut().filter(|_| body_open) else {
                return Err(ImportError::Malformed {
                    path: path.to_path_buf(),
                    line: n + 1,
                    message: "text before the first message header (expected a line like \"2024-05-03 08:12:45 sender\")".into(),
                });
            };
            last.range.end = offset + len;
        }
        previous_blank = line.trim().is_empty();
        offset += len + 1;
    }
    // Recalled messages: the notice names who recalled.
    let text_index = crate::model::Text::new(text);
    for s in &mut segments {
        if s.kind == SegmentKind::System
            && let Some(c) = RECALLED.captures(text_index.slice(s.range).trim())
        {
            s.kind = SegmentKind::Recalled;
            s.speaker = Some(c[1].trim().to_owned());
        }
    }
    // A header with no body (an empty message) holds nothing to code.
    segments.retain(|s| !s.range.is_empty());
    Ok(segments)
}

/// Column names that export tools give each field, in order of preference (compared without case).
const TIME_COLUMNS: [&str; 9] = [
    "strtime",
    "时间",
    "发送时间",
    "消息时间",
    "time",
    "datetime",
    "date",
    "createtime",
    "timestamp",
];
const SENDER_COLUMNS: [&str; 11] = [
    "发送者",
    "发送人",
    "nickname",
    "昵称",
    "sender",
    "remark",
    "备注",
    "talker",
    "name",
    "from",
    "用户名",
];
const CONTENT_COLUMNS: [&str; 8] = [
    "strcontent",
    "内容",
    "消息内容",
    "content",
    "message",
    "msg",
    "text",
    "消息",
];
const TYPE_COLUMNS: [&str; 5] = ["type", "类型", "消息类型", "msgtype", "kind"];

/// `WeChat`'s message type for system notices (joins, recalls, red packets received).
const WECHAT_SYSTEM_TYPE: &str = "10000";

fn find_column(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|want| {
        headers.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(want)
        })
    })
}

/// A time cell: local date and time as text, or Unix seconds or milliseconds (read as China
/// Standard Time, UTC+8, where `WeChat` exports come from).
fn parse_time_cell(cell: &str) -> Option<NaiveDateTime> {
    let cell = cell.trim();
    if let Ok(t) = parse_local_time(cell) {
        return Some(t);
    }
    if !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit()) {
        let n: i64 = cell.parse().ok()?;
        let secs = if cell.len() >= 13 { n / 1000 } else { n };
        let utc = chrono::DateTime::from_timestamp(secs, 0)?;
        return Some(utc.naive_utc() + chrono::Duration::hours(8));
    }
    None
}

/// A chat read from a CSV export: the document text, written like the plain-text export
/// (`YYYY-MM-DD HH:MM:SS sender`, then the message, then a blank line), and its messages.
pub fn parse_wechat_csv(text: &str, path: &Path) -> Result<(String, Vec<Segment>), ImportError> {
    let malformed = |line: usize, message: String| ImportError::Malformed {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| malformed(1, format!("the header row cannot be read ({e})")))?
        .clone();
    let need = |names: &[&str], what: &str| {
        find_column(&headers, names).ok_or_else(|| {
            malformed(
                1,
                format!(
                    "no column for the {what} (expected one of {}); the header row is {:?}",
                    names.join(", "),
                    headers.iter().collect::<Vec<_>>().join(",")
                ),
            )
        })
    };
    let time_col = need(&TIME_COLUMNS, "time")?;
    let sender_col = need(&SENDER_COLUMNS, "sender")?;
    let content_col = need(&CONTENT_COLUMNS, "message text")?;
    let type_col = find_column(&headers, &TYPE_COLUMNS);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut chars = 0usize;
    let mut segments = Vec::new();
    let mut push = |out: &mut String, s: &str| {
        out.push_str(s);
        chars += s.chars().count();
        chars
    };
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            malformed(line, format!("not a well-formed CSV row ({e})"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // A short row has no cell where the header puts the message (or time, or sender):
        // refused, not read as an empty message.
        let last_needed = time_col.max(sender_col).max(content_col);
        if record.len() <= last_needed {
            let missing = [time_col, sender_col, content_col]
                .into_iter()
                .filter(|&i| i >= record.len())
                .map(|i| headers.get(i).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(malformed(
                line,
                format!(
                    "the row has {} field(s) and no {missing} column; the header row has {}",
                    record.len(),
                    headers.len()
                ),
            ));
        }
        if super::has_extra_cells(&record, headers.len()) {
            return Err(malformed(
                line,
                format!(
                    "the row has {} fields but the header names only {} columns (a comma in an unquoted message?)",
                    record.len(),
                    headers.len()
                ),
            ));
        }
        let cell = |i: usize| record.get(i).unwrap_or_default();
        let content = super::text::normalize_newlines(cell(content_col).trim());
        let stamp = cell(time_col);
        let at = parse_time_cell(stamp).ok_or_else(|| ImportError::BadCell {
            path: path.to_path_buf(),
            line,
            column: headers.get(time_col).unwrap_or_default().to_owned(),
            message: format!("{stamp:?} is not a date and time like 2024-05-03 08:12:45"),
        })?;
        let sender = cell(sender_col).trim();
        let typ = type_col.map(|i| cell(i).trim()).unwrap_or_default();
        let system = SYSTEM_SENDERS.contains(&sender)
            || typ == WECHAT_SYSTEM_TYPE
            || typ.contains("系统")
            || typ.eq_ignore_ascii_case("system");
        let shown = if system {
            "系统消息"
        } else if sender.is_empty() {
            "?"
        } else {
            sender
        };
        if !out.is_empty() {
            push(&mut out, "\n");
        }
        let start = push(
            &mut out,
            &format!("{} {shown}\n", at.format("%Y-%m-%d %H:%M:%S")),
        );
        if content.is_empty() {
            // An empty message keeps its header line in the text, as in a chat exported as
            // text; it holds nothing to code, so it is no segment.
            continue;
        }
        let end = push(&mut out, &content);
        push(&mut out, "\n");
        let mut kind = if system {
            SegmentKind::System
        } else {
            SegmentKind::Message
        };
        let mut speaker = (!system).then(|| shown.to_owned());
        if let Some(c) = RECALLED.captures(&content) {
            kind = SegmentKind::Recalled;
            speaker = Some(c[1].trim().to_owned());
        }
        segments.push(Segment {
            range: CharRange::new(start, end),
            speaker,
            at: Some(at),
            media: None,
            kind,
        });
    }
    if segments.is_empty() {
        return Err(malformed(1, "the file holds no messages".into()));
    }
    Ok((out, segments))
}

/// True when a CSV's header row names a time, a sender and a message column.
#[must_use]
pub fn looks_like_chat_csv(text: &str) -> bool {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    reader.headers().is_ok_and(|h| {
        find_column(h, &TIME_COLUMNS).is_some()
            && find_column(h, &SENDER_COLUMNS).is_some()
            && find_column(h, &CONTENT_COLUMNS).is_some()
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Text;

    #[test]
    fn messages_system_notices_and_recalls() {
        let text = "2024-05-03 08:12:45 刘大姐\n早上好呀姐妹们🌞\n\n2024-05-03 08:13:02 孙阿姨\n早！\n今天复查🙏\n\n2024-05-03 09:00:00 系统消息\n\"刘大姐\" 撤回了一条消息\n\n2024-05-03 09:01 系统消息\n\"群主晓梅\"邀请\"海棠\"加入了群聊\n";
        let segs = parse_wechat(text, Path::new("chat.txt")).unwrap();
        let t = Text::new(text);
        assert_eq!(segs.len(), 4);
        assert_eq!(t.slice(segs[0].range), "早上好呀姐妹们🌞");
        assert_eq!(segs[0].speaker.as_deref(), Some("刘大姐"));
        assert_eq!(segs[0].at.unwrap().to_string(), "2024-05-03 08:12:45");
        assert_eq!(t.slice(segs[1].range), "早！\n今天复查🙏");
        assert_eq!(segs[2].kind, SegmentKind::Recalled);
        assert_eq!(segs[2].speaker.as_deref(), Some("刘大姐"));
        assert_eq!(segs[3].kind, SegmentKind::System);
        assert_eq!(segs[3].speaker, None);
    }

    #[test]
    fn a_bad_date_names_the_line() {
        let err = parse_wechat(
            "2024-05-03 08:00:00 A\nhi\n\n2024-13-40 08:00:00 B\nx\n",
            Path::new("c.txt"),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("c.txt:4:"), "{err}");
    }
}
