//! WeChat group chats as export tools write them in plain text: messages separated by blank
//! lines, each opening with a `YYYY-MM-DD HH:MM[:SS] sender` header. System notices come from
//! `系统消息` (or `System`); a recalled message leaves a `"name" 撤回了一条消息` notice.

use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDateTime;
use regex::Regex;

use crate::model::{CharRange, Segment, SegmentKind};

use super::error::ImportError;

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(?::\d{2})?) (\S.*)$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static RECALLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^["“]?(.+?)["”]?\s*撤回了一条消息"#)
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Senders that mark system notices.
const SYSTEM_SENDERS: [&str; 3] = ["系统消息", "System", "system"];

/// True when `text` looks like a WeChat plain-text export (its first non-empty line is a header).
#[must_use]
pub fn looks_like_wechat(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| HEADER.is_match(l.trim_end()))
}

/// Parse the messages of a WeChat plain-text export. The text is kept as it is; each message
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
            let stamp = &caps[1];
            let at = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M:%S")
                .or_else(|_| NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M"))
                .map_err(|e| ImportError::Malformed {
                    path: path.to_path_buf(),
                    line: n + 1,
                    message: format!("the time {stamp:?} is not a valid date and time ({e})"),
                })?;
            let sender = caps[2].trim().to_owned();
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

#[cfg(test)]
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
