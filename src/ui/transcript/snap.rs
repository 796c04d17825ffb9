//! Where a dragged selection's ends go: to whole words (the setting, on by default), or exactly
//! where the pointer is (Alt held) — but never inside a character as a reader sees it. Words
//! and characters are Unicode's (UAX #29, through `unicode-segmentation`): Chinese and Japanese
//! have no spaces, and each ideograph is a word of its own, so a Chinese selection snaps to
//! characters; an emoji sequence (👩‍👩‍👧, a flag, a skin tone), a letter with its combining marks
//! and a CRLF stay whole either way. Offsets are the project's: `char`s of the stored text, so
//! a surrogate pair cannot be split to begin with. No egui in here.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::{CharRange, Text};

/// How far around an end to look for its word or character, in `char`s (a longer "word"
/// is cut there, which only means no snapping beyond it).
const REACH: usize = 256;

/// The segments (words, or user-perceived characters) of `text` around `pos`, as char ranges.
fn segments_around(text: &Text, pos: usize, words: bool) -> Vec<CharRange> {
    let len = text.char_len();
    let from = pos.saturating_sub(REACH);
    let to = (pos + REACH).min(len);
    let window = text.slice(CharRange::new(from, to));
    let mut out = Vec::new();
    let mut at = from;
    let mut push = |s: &str| {
        let n = s.chars().count();
        out.push(CharRange::new(at, at + n));
        at += n;
    };
    if words {
        window.split_word_bounds().for_each(&mut push);
    } else {
        window.graphemes(true).for_each(&mut push);
    }
    out
}

/// The start of the segment that holds the character at `pos` (`pos` itself at the end).
fn start_of(text: &Text, pos: usize, words: bool) -> usize {
    segments_around(text, pos, words)
        .into_iter()
        .find(|s| s.start <= pos && pos < s.end)
        .map_or(pos, |s| s.start)
}

/// The end of the segment that holds the character just before `pos` (`pos` itself at 0).
fn end_of(text: &Text, pos: usize, words: bool) -> usize {
    if pos == 0 {
        return 0;
    }
    segments_around(text, pos, words)
        .into_iter()
        .find(|s| s.start < pos && pos <= s.end)
        .map_or(pos, |s| s.end)
}

/// The selection dragged from `anchor` to `head` (char positions between characters), with its
/// ends moved out to whole words (`words`) or to whole characters; the direction is kept, and
/// nothing selected stays nothing selected. Returns `(anchor, head)`.
#[must_use]
pub fn snap(text: &Text, anchor: usize, head: usize, words: bool) -> (usize, usize) {
    let len = text.char_len();
    let (anchor, head) = (anchor.min(len), head.min(len));
    if anchor == head {
        return (anchor, head);
    }
    let (lo, hi) = (anchor.min(head), anchor.max(head));
    let (lo, hi) = (start_of(text, lo, words), end_of(text, hi, words));
    if anchor < head { (lo, hi) } else { (hi, lo) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text `snap` selects when dragging over `text` from the `from`-th to the `to`-th
    /// character.
    fn selected(text: &str, from: usize, to: usize, words: bool) -> String {
        let t = Text::new(text);
        let (a, h) = snap(&t, from, to, words);
        t.slice(CharRange::new(a.min(h), a.max(h))).to_owned()
    }

    #[test]
    fn english_snaps_to_whole_words_and_alt_to_characters() {
        let s = "We call it graduating, not leaving.";
        // From inside "call" to inside "graduating".
        assert_eq!(selected(s, 5, 14, true), "call it graduating");
        assert_eq!(selected(s, 5, 14, false), "ll it gra");
        // Backwards: the same words, the direction kept.
        let t = Text::new(s);
        assert_eq!(snap(&t, 14, 5, true), (21, 3));
        // Nothing selected stays nothing.
        assert_eq!(snap(&t, 7, 7, true), (7, 7));
        // An end already between words does not move.
        assert_eq!(selected(s, 3, 7, true), "call");
    }

    #[test]
    fn chinese_snaps_to_characters() {
        let s = "我们都叫它毕业，不叫离开。";
        assert_eq!(selected(s, 5, 7, true), "毕业");
        assert_eq!(selected(s, 4, 6, true), "它毕");
    }

    #[test]
    fn emoji_sequences_and_combining_marks_are_never_split() {
        // A family (ZWJ sequence of five chars), a flag (two regional indicators), an e with a
        // combining acute accent.
        let s =
            "抱抱\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} 加油\u{1F1E8}\u{1F1F3} cafe\u{301}";
        let family_start = 2;
        // Ending the drag inside the family takes all of it, in either mode.
        for words in [true, false] {
            assert_eq!(selected(s, 0, family_start + 2, words), "抱抱👩‍👩‍👧");
            assert_eq!(selected(s, family_start + 3, family_start + 4, words), "👩‍👩‍👧");
        }
        let flag = s.chars().position(|c| c == '🇨').unwrap();
        assert_eq!(selected(s, flag + 1, flag + 2, false), "🇨🇳");
        let e = s.chars().count() - 1;
        assert_eq!(selected(s, e - 1, e, false), "e\u{301}");
        assert_eq!(selected(s, e - 1, e, true), "cafe\u{301}");
    }
}
