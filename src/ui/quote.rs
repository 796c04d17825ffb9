//! Short forms for places with little room: the start of a quote, cut between words and marked
//! with "…", and a code path cut from the left so the code's own name stays readable. Plain
//! string functions, no egui, so every panel cuts text the same way.

use crate::analysis::definitions::Attribution;
use crate::analysis::search::is_cjk;
use crate::model::{CharRange, Document, Project};

/// The start of `text` in at most `max` characters (the "…" included): whitespace collapsed,
/// cut between words where the text has spaces (anywhere in Chinese, which has none).
#[must_use]
pub fn quote_start(text: &str, max: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = collapsed.chars().collect();
    if chars.len() <= max || max == 0 {
        return collapsed;
    }
    // Room for the "…".
    let mut cut = max - 1;
    if !breakable(chars[cut - 1], chars[cut]) {
        // Back to the last word boundary, unless that loses more than half of the room.
        if let Some(at) = (cut / 2 + 1..cut)
            .rev()
            .find(|&i| breakable(chars[i - 1], chars[i]))
        {
            cut = at;
        }
    }
    let mut out: String = chars[..cut].iter().collect();
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

/// `range` of `doc` as a quote with who said it, the document and the time, for pasting into a
/// paper or notes: `“…” (G8, Interview G8, 2024-06-20 14:02)`.
#[must_use]
pub fn with_attribution(project: &Project, doc: &Document, range: CharRange) -> String {
    let text = doc.text.slice(range).trim();
    let segment = Attribution::segment_of(doc, range).map(|s| &doc.segments[s]);
    let who = segment
        .and_then(|s| s.speaker.clone())
        .or_else(|| {
            Attribution::new(project)
                .case_of(doc, range)
                .and_then(|c| project.case(c))
                .map(|c| c.name.clone())
        })
        .filter(|w| !w.is_empty());
    let when = segment
        .and_then(|s| s.at)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string());
    match (who, when) {
        (Some(who), Some(when)) => format!("“{text}” ({who}, {}, {when})", doc.name),
        (Some(who), None) => format!("“{text}” ({who}, {})", doc.name),
        (None, Some(when)) => format!("“{text}” ({}, {when})", doc.name),
        (None, None) => format!("“{text}” ({})", doc.name),
    }
}

/// True when most letters of `text` (up to its first 2,000 characters) are Chinese, Japanese
/// or Korean: such text is not drawn in italics, and dates in it are written its way.
#[must_use]
pub fn mostly_cjk(text: &str) -> bool {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in text.chars().take(2000).filter(|c| c.is_alphabetic()) {
        letters += 1;
        if is_cjk(c) {
            cjk += 1;
        }
    }
    letters > 0 && cjk * 2 >= letters
}

/// True when a line may be cut between `a` and `b`.
fn breakable(a: char, b: char) -> bool {
    a.is_whitespace() || b.is_whitespace() || is_cjk(a) || is_cjk(b) || is_break_punct(a)
}

fn is_break_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | ':' | '!' | '?' | '，' | '。' | '；' | '：' | '！' | '？' | '、' | '—'
    )
}

/// A code path (`Theme / Sub / Code`) in at most `max` characters: cut from the left, at a
/// " / " where one fits, so the code's own name is what stays.
#[must_use]
pub fn path_tail(path: &str, max: usize) -> String {
    let n = path.chars().count();
    if n <= max || max < 2 {
        return path.to_owned();
    }
    // The last `max - 1` characters, after a "…".
    let skip = n - (max - 1);
    let tail: String = path.chars().skip(skip).collect();
    // Start at a whole level where one begins in the tail.
    let tail = match tail.find(" / ") {
        Some(at) if at > 0 => tail[at..].to_owned(),
        _ => tail,
    };
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(
            quote_start("  we all  say\ngraduate ", 40),
            "we all say graduate"
        );
    }

    #[test]
    fn english_is_cut_between_words_with_an_ellipsis() {
        let q = quote_start("We all say graduate when the treatment ends.", 20);
        assert_eq!(q, "We all say graduate…");
        let q = quote_start("We all say graduate when the treatment ends.", 16);
        assert_eq!(q, "We all say…");
        assert!(q.chars().count() <= 16);
    }

    #[test]
    fn chinese_is_cut_anywhere() {
        let q = quote_start("我们都叫它毕业，治疗结束就是毕业了。", 8);
        assert_eq!(q, "我们都叫它毕业…");
    }

    #[test]
    fn one_long_word_is_cut_inside_it() {
        let q = quote_start("Supercalifragilisticexpialidocious", 10);
        assert_eq!(q, "Supercali…");
    }

    #[test]
    fn chinese_text_is_told_from_english() {
        assert!(mostly_cjk("G8: 我们都叫它毕业，治疗结束就是毕业了。"));
        assert!(!mostly_cjk("Interviewer: And the pit? 坑"));
        assert!(!mostly_cjk("12:30 …"));
    }

    #[test]
    fn a_path_keeps_the_code_name() {
        let p = "Identity construction / Role disorder / Graduate";
        assert_eq!(path_tail(p, 60), p);
        assert_eq!(path_tail(p, 30), "… / Role disorder / Graduate");
        assert_eq!(path_tail(p, 26), "… / Graduate");
        assert_eq!(path_tail(p, 12), "… / Graduate");
        assert_eq!(path_tail(p, 6), "…duate");
        assert!(path_tail(p, 12).ends_with("Graduate"));
    }
}
