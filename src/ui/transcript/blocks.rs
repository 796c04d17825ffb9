//! The blocks of a transcript: the units the view lays out one at a time. A chat message, an
//! interview turn or a paragraph of notes is one block (a very long one is cut into several), so
//! only the visible blocks of a 10 MB chat log are ever laid out.
//!
//! A block shows a range of the document's text; speaker labels and chat headers, which the text
//! keeps, are drawn from the segment's metadata instead. No egui in here.

use chrono::NaiveDate;

use crate::model::{CharRange, Document, Segment, SegmentKind, Splice};

/// Longest block, in characters; longer paragraphs are cut at a line break or a space.
pub const MAX_BLOCK_CHARS: usize = 3000;

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// Text outside any segment (notes, a title before the first turn).
    Paragraph,
    /// An interview turn.
    Turn,
    /// A chat message.
    Message,
    /// A system notice in a chat.
    System,
    /// A recalled chat message.
    Recalled,
}

/// One block.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The characters of the document text the block shows.
    pub range: CharRange,
    /// What it is.
    pub kind: BlockKind,
    /// Its segment in the document, if any.
    pub segment: Option<usize>,
    /// True for the later parts of a segment cut into several blocks (no header).
    pub continued: bool,
    /// For the first message of a new day in a chat: that day.
    pub new_day: Option<NaiveDate>,
    /// True when the header shows a time in the recording under the speaker.
    pub has_media: bool,
    /// Where this block's line widths start in [`Blocks::line_ems`]; they end where the next
    /// block's start.
    lines_start: u32,
}

impl Block {
    /// True when the block shows a header (speaker, sender and time).
    #[must_use]
    pub fn has_header(&self) -> bool {
        !self.continued && self.kind != BlockKind::Paragraph
    }
}

/// All blocks of a document, in text order.
#[derive(Clone, Debug, Default)]
pub struct Blocks {
    /// The blocks.
    pub blocks: Vec<Block>,
    /// Width of each hard line of each block, in ems (a CJK character is one em).
    line_ems: Vec<f32>,
}

impl Blocks {
    /// Cut `doc` into blocks.
    #[must_use]
    pub fn build(doc: &Document) -> Self {
        let text = doc.text.as_str();
        let mut out = Self::default();
        // Char offsets of every '\n' would cost memory on 10 MB; walk the text once instead,
        // keeping byte and char positions together.
        let mut cursor = Cursor::new(text);
        let mut prev_end = 0usize;
        let mut last_day: Option<NaiveDate> = None;
        for (i, seg) in doc.segments.iter().enumerate() {
            if seg.range.is_empty() {
                continue;
            }
            let header_start = header_start(&mut cursor, seg, prev_end);
            out.paragraphs(&mut cursor, CharRange::new(prev_end, header_start));
            let kind = match seg.kind {
                SegmentKind::Turn => BlockKind::Turn,
                SegmentKind::Message => BlockKind::Message,
                SegmentKind::System => BlockKind::System,
                SegmentKind::Recalled => BlockKind::Recalled,
            };
            let day = seg.at.map(|t| t.date());
            let new_day = day.filter(|d| Some(*d) != last_day);
            if day.is_some() {
                last_day = day;
            }
            out.push_cut(&mut cursor, seg.range, kind, Some(i), new_day);
            if seg.media.is_some()
                && let Some(b) = out
                    .blocks
                    .iter_mut()
                    .rev()
                    .find(|b| b.segment == Some(i) && !b.continued)
            {
                b.has_media = true;
            }
            prev_end = seg.range.end;
        }
        let len = doc.text.char_len();
        out.paragraphs(&mut cursor, CharRange::new(prev_end, len));
        out
    }

    /// Follow an exact edit of `doc`'s text (already applied) inside one turn or message: its
    /// blocks are cut again from its new text, the blocks after it move by the edit. Only the
    /// edited turn is read, so a key press in a 10 MB chat costs what that turn is long.
    /// Returns the indices of the blocks cut again, or `None` when the edit cannot be followed
    /// this way (it touches paragraphs or labels, or the turn now takes another number of
    /// blocks): then the caller builds the blocks afresh.
    pub fn follow_edit(
        &mut self,
        doc: &Document,
        splice: Splice,
    ) -> Option<std::ops::Range<usize>> {
        let (a, b) = (splice.start, splice.end());
        // The blocks of the one segment whose text holds the edit (ends included).
        let first = self.blocks.partition_point(|blk| blk.range.end < a);
        let seg_index = self.blocks.get(first)?.segment?;
        // The segment's blocks are consecutive, from `first` back and forth.
        let mut start = first;
        while start > 0 && self.blocks[start - 1].segment == Some(seg_index) {
            start -= 1;
        }
        let end = first
            + self.blocks[first..]
                .iter()
                .take_while(|blk| blk.segment == Some(seg_index))
                .count();
        let seg_old = CharRange::new(
            self.blocks[start].range.start,
            self.blocks[end - 1].range.end,
        );
        if a < seg_old.start || b > seg_old.end {
            return None;
        }
        let seg = doc.segments.get(seg_index)?;
        if seg.range.is_empty() {
            return None;
        }
        let old = &self.blocks[start];
        let (kind, new_day, has_media) = (old.kind, old.new_day, old.has_media);
        let mut fresh = Self::default();
        let mut cursor = Cursor::at(&doc.text, seg.range.start);
        fresh.push_cut(&mut cursor, seg.range, kind, Some(seg_index), new_day);
        if fresh.blocks.len() != end - start {
            return None;
        }
        if let Some(f) = fresh.blocks.first_mut() {
            f.has_media = has_media;
        }
        // Lines: replace the turn's, move the later blocks' line starts.
        let lines_from = self.blocks[start].lines_start as usize;
        let lines_to = self
            .blocks
            .get(end)
            .map_or(self.line_ems.len(), |blk| blk.lines_start as usize);
        let added = fresh.line_ems.len();
        self.line_ems.splice(lines_from..lines_to, fresh.line_ems);
        for (i, mut blk) in fresh.blocks.into_iter().enumerate() {
            blk.lines_start += lines_from as u32;
            self.blocks[start + i] = blk;
        }
        let shift = |p: usize| p + splice.inserted - splice.removed;
        for blk in &mut self.blocks[end..] {
            blk.range = CharRange::new(shift(blk.range.start), shift(blk.range.end));
            blk.lines_start = (blk.lines_start as usize + added - (lines_to - lines_from)) as u32;
        }
        Some(start..end)
    }

    /// Number of blocks.
    #[must_use]
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// True when there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The widths of block `i`'s hard lines, in ems.
    #[must_use]
    pub fn line_ems(&self, i: usize) -> &[f32] {
        let start = self.blocks[i].lines_start as usize;
        let end = self
            .blocks
            .get(i + 1)
            .map_or(self.line_ems.len(), |b| b.lines_start as usize);
        &self.line_ems[start..end]
    }

    /// Estimated number of wrapped rows of block `i` at a wrap width of `width_ems`.
    #[must_use]
    pub fn estimate_rows(&self, i: usize, width_ems: f32) -> usize {
        let width = width_ems.max(1.0);
        self.line_ems(i)
            .iter()
            .map(|&w| ((w / width).ceil() as usize).max(1))
            .sum()
    }

    /// The block holding character `pos`, or else the first block after it (or the last).
    #[must_use]
    pub fn block_at(&self, pos: usize) -> Option<usize> {
        if self.blocks.is_empty() {
            return None;
        }
        let i = self.blocks.partition_point(|b| b.range.end <= pos);
        Some(i.min(self.blocks.len() - 1))
    }

    /// The blocks overlapping `range`.
    pub fn overlapping(&self, range: CharRange) -> impl Iterator<Item = usize> + '_ {
        let first = self.blocks.partition_point(|b| b.range.end <= range.start);
        (first..self.blocks.len()).take_while(move |&i| {
            let b = self.blocks[i].range;
            b.start < range.end || (range.is_empty() && b.start == range.start)
        })
    }

    /// Add the paragraphs of `range` (split at blank lines), skipping blank text.
    fn paragraphs(&mut self, cursor: &mut Cursor<'_>, range: CharRange) {
        if range.is_empty() {
            return;
        }
        cursor.seek(range.start);
        let mut para_start: Option<usize> = None;
        let mut last_nonblank_end = range.start;
        let mut blank_run = 0usize;
        while cursor.pos < range.end {
            let Some(c) = cursor.next() else { break };
            let pos = cursor.pos - 1;
            if c == '\n' {
                blank_run += 1;
                if blank_run >= 2
                    && let Some(s) = para_start.take()
                {
                    self.push_cut(
                        cursor,
                        CharRange::new(s, last_nonblank_end),
                        BlockKind::Paragraph,
                        None,
                        None,
                    );
                    cursor.seek(pos + 1);
                }
            } else if !c.is_whitespace() {
                if para_start.is_none() {
                    para_start = Some(pos);
                }
                blank_run = 0;
                last_nonblank_end = pos + 1;
            }
        }
        if let Some(s) = para_start {
            self.push_cut(
                cursor,
                CharRange::new(s, last_nonblank_end),
                BlockKind::Paragraph,
                None,
                None,
            );
        }
        cursor.seek(range.end);
    }

    /// Add a block for `range`, cut into pieces of at most [`MAX_BLOCK_CHARS`].
    fn push_cut(
        &mut self,
        cursor: &mut Cursor<'_>,
        range: CharRange,
        kind: BlockKind,
        segment: Option<usize>,
        new_day: Option<NaiveDate>,
    ) {
        let mut start = range.start;
        let mut first = true;
        while start < range.end {
            cursor.seek(start);
            let mut end = range.end;
            let mut lines = vec![0.0f32];
            let mut last_break: Option<(usize, usize)> = None; // (end of piece, lines so far)
            while cursor.pos < range.end {
                let Some(c) = cursor.next() else { break };
                // `c` does not fit: cut before it.
                if cursor.pos - start > MAX_BLOCK_CHARS {
                    // Cut at the last line break or space, else here.
                    let (cut, keep) = last_break.unwrap_or((cursor.pos - 1, lines.len()));
                    end = cut;
                    lines.truncate(keep);
                    if last_break.is_some() {
                        // Widths after the break are not exact; re-measure the last line.
                        let line_start = self.line_start_before(cursor, start, cut);
                        let w = cursor.width(line_start, cut);
                        if let Some(l) = lines.last_mut() {
                            *l = w;
                        }
                    }
                    break;
                }
                if c == '\n' {
                    last_break = Some((cursor.pos, lines.len() + 1));
                    lines.push(0.0);
                } else {
                    if c == ' ' || c == '。' || c == '，' {
                        last_break = Some((cursor.pos, lines.len()));
                    }
                    if let Some(l) = lines.last_mut() {
                        *l += em_width(c);
                    }
                }
            }
            let end = end.max(start + 1).min(range.end);
            self.blocks.push(Block {
                range: CharRange::new(start, end),
                kind,
                segment,
                continued: !first,
                new_day: if first { new_day } else { None },
                has_media: false,
                lines_start: self.line_ems.len() as u32,
            });
            self.line_ems.extend(lines);
            first = false;
            start = end;
        }
    }

    /// Start of the line holding char `at - 1`, not before `floor`.
    #[allow(clippy::unused_self)]
    fn line_start_before(&self, cursor: &mut Cursor<'_>, floor: usize, at: usize) -> usize {
        let mut line_start = floor;
        cursor.seek(floor);
        while cursor.pos < at {
            if cursor.next() == Some('\n') {
                line_start = cursor.pos;
            }
        }
        line_start
    }
}

/// Where the header of `seg` starts: for a chat message, the header line before its body; for a
/// turn, the start of the line its label is on. Never before `floor`.
fn header_start(cursor: &mut Cursor<'_>, seg: &Segment, floor: usize) -> usize {
    let start = seg.range.start;
    if start == 0 || start <= floor {
        return start;
    }
    cursor.seek(start - 1);
    let before_is_newline = cursor.peek() == Some('\n');
    // Search back for the start of the header's line.
    let search_from = if before_is_newline { start - 1 } else { start };
    let text = cursor.text;
    let byte = cursor.byte_of(search_from);
    let floor_byte = cursor.byte_of(floor);
    let line_start_byte = text[floor_byte..byte]
        .rfind('\n')
        .map_or(floor_byte, |b| floor_byte + b + 1);
    let chars_back = text[line_start_byte..byte].chars().count();
    search_from - chars_back
}

/// Width of a character in ems: wide (CJK, fullwidth, emoji) one em, others about half.
#[must_use]
pub fn em_width(c: char) -> f32 {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD);
    if wide {
        1.0
    } else if c.is_ascii_uppercase() || c == 'm' || c == 'w' {
        0.7
    } else {
        0.5
    }
}

/// A position in a text, kept as char and byte offset together, for walking forward cheaply.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    byte: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            byte: 0,
        }
    }

    /// A cursor at character `pos` of `text` (found through its index, not by walking).
    fn at(text: &'a crate::model::Text, pos: usize) -> Self {
        Self {
            text: text.as_str(),
            pos,
            byte: text.byte_of(pos),
        }
    }

    /// Move to char `pos` (forward walks from here; backward restarts from a checkpoint-free
    /// scan, which only happens over short distances).
    fn seek(&mut self, pos: usize) {
        if pos < self.pos {
            // Walk backwards char by char.
            let back = self.pos - pos;
            let b = self.text[..self.byte]
                .char_indices()
                .rev()
                .nth(back - 1)
                .map_or(0, |(b, _)| b);
            self.byte = b;
            self.pos = pos;
            return;
        }
        while self.pos < pos {
            if self.next().is_none() {
                break;
            }
        }
    }

    fn next(&mut self) -> Option<char> {
        let c = self.text[self.byte..].chars().next()?;
        self.byte += c.len_utf8();
        self.pos += 1;
        Some(c)
    }

    fn peek(&self) -> Option<char> {
        self.text[self.byte..].chars().next()
    }

    fn byte_of(&mut self, pos: usize) -> usize {
        self.seek(pos);
        self.byte
    }

    /// Width in ems of chars `[from, to)`.
    fn width(&mut self, from: usize, to: usize) -> f32 {
        self.seek(from);
        let mut w = 0.0;
        while self.pos < to {
            match self.next() {
                Some(c) => w += em_width(c),
                None => break,
            }
        }
        w
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::{detect_turns, parse_wechat};
    use crate::model::{DocumentKind, Text};

    fn shown(doc: &Document, blocks: &Blocks) -> Vec<(BlockKind, String)> {
        blocks
            .blocks
            .iter()
            .map(|b| (b.kind, doc.text.slice(b.range).to_owned()))
            .collect()
    }

    #[test]
    fn interview_turns_hide_labels_and_keep_the_preamble() {
        let text = "Interview G1\n\nInterviewer: How did you join?\n\nG1: A friend added me.\nIt was late.\n\nInterviewer: 然后呢？\n\nG1：我留下了。";
        let mut doc = Document::new("G1", DocumentKind::Interview, Text::new(text));
        doc.segments = detect_turns(text);
        let blocks = Blocks::build(&doc);
        assert_eq!(
            shown(&doc, &blocks),
            vec![
                (BlockKind::Paragraph, "Interview G1".into()),
                (BlockKind::Turn, "How did you join?".into()),
                (BlockKind::Turn, "A friend added me.\nIt was late.".into()),
                (BlockKind::Turn, "然后呢？".into()),
                (BlockKind::Turn, "我留下了。".into()),
            ]
        );
        assert_eq!(blocks.blocks[2].segment, Some(1));
        assert_eq!(blocks.line_ems(2).len(), 2);
        assert!((blocks.line_ems(3)[0] - 4.0).abs() < 1e-6);
    }

    #[test]
    fn blocks_follow_an_edit_inside_a_message_as_if_built_afresh() {
        use crate::model::{Manifest, Project, TextEdit};
        let text = "2024-05-03 08:12:45 刘大姐\n早上好呀姐妹们🌞\n\n2024-05-03 08:13:02 孙阿姨\n早！\n今天复查🙏\n\n2024-05-04 09:00:00 刘大姐\n加油\n";
        let mut doc = Document::new("chat", DocumentKind::Chat, Text::new(text));
        doc.segments = parse_wechat(text, std::path::Path::new("c.txt")).unwrap();
        let id = doc.id;
        let mut p = Project::new(Manifest::new("t"));
        p.apply(crate::model::Edit::PutDocument(Box::new(doc)))
            .unwrap();
        let mut blocks = Blocks::build(p.document(id).unwrap());
        let second = p.document(id).unwrap().segments[1].range;
        for (range, with) in [
            (
                CharRange::new(second.start + 2, second.start + 2),
                "\n新的一行 and more",
            ),
            (CharRange::new(second.start, second.start + 1), ""),
            (CharRange::new(second.start + 3, second.start + 8), "👍🏽"),
        ] {
            let edit = TextEdit::new(id, range, with);
            let splice = Splice::new(range, with.chars().count());
            p.apply(edit.into_edit()).unwrap();
            let doc = p.document(id).unwrap();
            assert_eq!(blocks.follow_edit(doc, splice), Some(1..2));
            let fresh = Blocks::build(doc);
            assert_eq!(blocks.blocks, fresh.blocks);
            assert_eq!(blocks.line_ems, fresh.line_ems);
        }
        // An edit of a header is not followed: the caller builds afresh.
        let doc = p.document(id).unwrap();
        let splice = Splice::new(CharRange::new(1, 2), 1);
        assert_eq!(blocks.follow_edit(doc, splice), None);
    }

    #[test]
    fn chat_messages_hide_headers_and_mark_new_days() {
        let text = "2024-05-03 08:12:45 刘大姐\n早上好呀姐妹们🌞\n\n2024-05-03 08:13:02 孙阿姨\n早！\n今天复查🙏\n\n2024-05-04 09:00:00 刘大姐\n加油\n";
        let mut doc = Document::new("chat", DocumentKind::Chat, Text::new(text));
        doc.segments = parse_wechat(text, std::path::Path::new("c.txt")).unwrap();
        let blocks = Blocks::build(&doc);
        assert_eq!(
            shown(&doc, &blocks),
            vec![
                (BlockKind::Message, "早上好呀姐妹们🌞".into()),
                (BlockKind::Message, "早！\n今天复查🙏".into()),
                (BlockKind::Message, "加油".into()),
            ]
        );
        let days: Vec<_> = blocks
            .blocks
            .iter()
            .map(|b| b.new_day.map(|d| d.to_string()))
            .collect();
        assert_eq!(
            days,
            [
                Some("2024-05-03".to_owned()),
                None,
                Some("2024-05-04".to_owned())
            ]
        );
        assert_eq!(blocks.block_at(0), Some(0));
        let second = doc.segments[1].range.start;
        assert_eq!(blocks.block_at(second), Some(1));
        assert_eq!(
            blocks.block_at(second - 1),
            Some(1),
            "a header char maps to its message"
        );
    }

    #[test]
    fn notes_split_at_blank_lines_and_long_paragraphs_are_cut() {
        let long = "字".repeat(MAX_BLOCK_CHARS * 2 + 10);
        let text = format!("first para\nline two\n\n\n  second\n\n{long}");
        let doc = Document::new("n", DocumentKind::Notes, Text::new(text.as_str()));
        let blocks = Blocks::build(&doc);
        let s = shown(&doc, &blocks);
        assert_eq!(s[0].1, "first para\nline two");
        assert_eq!(s[1].1, "second");
        assert_eq!(s.len(), 5);
        let total: usize = blocks.blocks[2..].iter().map(|b| b.range.len()).sum();
        assert_eq!(total, long.chars().count());
        assert!(blocks.blocks[3].continued);
        assert!(
            blocks.blocks[2..]
                .iter()
                .all(|b| b.range.len() <= MAX_BLOCK_CHARS)
        );
        assert_eq!(blocks.blocks[2].range.end, blocks.blocks[3].range.start);
        assert_eq!(blocks.line_ems(2).len(), 1);
        assert!(
            (blocks.line_ems(2)[0] - blocks.blocks[2].range.len() as f32).abs() < 1e-3,
            "{} vs {}",
            blocks.line_ems(2)[0],
            blocks.blocks[2].range.len()
        );
        // A 40-em line at a 10-em width takes 4 rows.
        let doc = Document::new("n", DocumentKind::Notes, Text::new("字".repeat(40)));
        assert_eq!(Blocks::build(&doc).estimate_rows(0, 10.0), 4);
    }

    #[test]
    fn long_paragraphs_are_cut_after_a_space() {
        let word = "abcdefghi ";
        let text = word.repeat(MAX_BLOCK_CHARS / 10 + 5);
        let doc = Document::new("n", DocumentKind::Notes, Text::new(text.as_str()));
        let blocks = Blocks::build(&doc);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks.blocks[0].range.end % 10, 0, "cut after a space");
    }
}
