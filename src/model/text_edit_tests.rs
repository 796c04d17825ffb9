//! The property test of exact text edits: random inserts, deletes and replacements (Chinese,
//! emoji with skin-tone modifiers, combining marks, line breaks) on documents with random
//! codings, turns and messages. A character-level model says where every character of every
//! coding, label and turn goes; after each edit the project must agree with it, and undoing the
//! whole sequence must give back the original byte for byte (redoing it, the final state).

use super::*;
use crate::synth::Rng;

/// Pieces of text: each is one or more chars (an emoji with its modifier, a letter with its
/// combining mark).
const PIECES: &[&str] = &[
    "a", "b", " ", "中", "文", "访谈", "😀", "👍🏽", "e\u{301}", "，", "：", "\n", "🇨🇳", "x",
];
const SPEAKERS: &[&str] = &["张伟", "Li", "访谈者", "G8"];

fn random_text(rng: &mut Rng, max_pieces: usize, newlines: bool) -> String {
    let n = rng.below(max_pieces + 1);
    let mut s = String::new();
    for _ in 0..n {
        let p = PIECES[rng.below(PIECES.len())];
        if p == "\n" && !newlines {
            continue;
        }
        s.push_str(p);
    }
    s
}

/// Where each character is, for one holder: in its label, in its own text, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Out,
    Label,
    Body,
}

/// The character-level model of a document.
struct Model {
    chars: Vec<char>,
    /// Per coding: which characters it covers.
    codings: Vec<(CodingId, Vec<bool>)>,
    /// Per segment: label and text characters.
    segments: Vec<Vec<Mark>>,
}

fn build(rng: &mut Rng, kind: DocumentKind) -> (Project, DocumentId, Model) {
    let mut p = Project::new(Manifest::new("t"));
    let coder = Coder::new("lin", Color::palette(0));
    let code = Code::new("c", Color::palette(1), SortKey::after(None));
    let mut text = String::new();
    let mut segments = Vec::new();
    if kind == DocumentKind::Notes {
        text = random_text(rng, 40, true);
    } else {
        text.push_str("Interview 7\n\n");
        for i in 0..=rng.below(6) {
            let speaker = SPEAKERS[rng.below(SPEAKERS.len())];
            let label = if kind == DocumentKind::Chat {
                format!("2024-05-0{} 06:42 {speaker}\n", i % 9 + 1)
            } else {
                format!("{speaker}: ")
            };
            text.push_str(&label);
            let start = text.chars().count();
            text.push_str(&random_text(rng, 12, false));
            let end = text.chars().count();
            segments.push(Segment {
                range: CharRange::new(start, end),
                speaker: Some(speaker.to_owned()),
                kind: if kind == DocumentKind::Chat {
                    SegmentKind::Message
                } else {
                    SegmentKind::Turn
                },
                media: Some(MediaTime {
                    start_ms: i as u64 * 1000,
                    end_ms: None,
                }),
                ..Segment::default()
            });
            text.push_str("\n\n");
        }
    }
    let mut doc = Document::new("d", kind, text.as_str());
    doc.segments = segments;
    let id = doc.id;
    let chars: Vec<char> = text.chars().collect();
    let mut edits = vec![
        Edit::PutCoder(coder.clone()),
        Edit::PutCode(code.clone()),
        Edit::PutDocument(Box::new(doc.clone())),
    ];
    let mut codings = Vec::new();
    if !chars.is_empty() {
        for _ in 0..rng.below(12) {
            let s = rng.below(chars.len());
            let e = s + 1 + rng.below((chars.len() - s).min(20));
            let c = Coding::new(id, &doc.text, CharRange::new(s, e), code.id, coder.id);
            codings.push((c.id, (0..chars.len()).map(|i| s <= i && i < e).collect()));
            edits.push(Edit::PutCoding(Box::new(c)));
        }
    }
    let mut previous_end = 0;
    let segments = doc
        .segments
        .iter()
        .map(|s| {
            let ls = label_start(&doc.text, s.range.start, previous_end);
            previous_end = s.range.end;
            (0..chars.len())
                .map(|i| {
                    if ls <= i && i < s.range.start {
                        Mark::Label
                    } else if s.range.contains(i) {
                        Mark::Body
                    } else {
                        Mark::Out
                    }
                })
                .collect()
        })
        .collect();
    p.apply(Edit::Batch(edits)).unwrap();
    (
        p,
        id,
        Model {
            chars,
            codings,
            segments,
        },
    )
}

impl Model {
    /// The model after replacing `[a, b)` by `text`; and the codings it removes.
    fn edit(&mut self, a: usize, b: usize, text: &str) -> Vec<CodingId> {
        let inserted: Vec<char> = text.chars().collect();
        let k = inserted.len();
        self.chars.splice(a..b, inserted.iter().copied());
        let mut removed = Vec::new();
        self.codings.retain_mut(|(id, mask)| {
            // Characters all of the coding replaced: the replacement is in it. An insertion is
            // in it when both its neighbours are.
            let replaced_inside = b > a && (a..b).all(|i| mask[i]);
            mask.drain(a..b);
            let inside = if b > a {
                replaced_inside
            } else {
                a > 0 && a < mask.len() && mask[a - 1] && mask[a]
            };
            let kept = mask.contains(&true) || (inside && k > 0);
            if !kept {
                removed.push(*id);
                return false;
            }
            mask.splice(a..a, std::iter::repeat_n(inside, k));
            true
        });
        for marks in &mut self.segments {
            let deleted_body = marks[a..b].contains(&Mark::Body);
            marks.drain(a..b);
            let at = marks.get(a).copied();
            let before = a.checked_sub(1).map(|i| marks[i]);
            let into = if at == Some(Mark::Label) {
                Mark::Label
            } else if at == Some(Mark::Body)
                || (matches!(before, Some(Mark::Body | Mark::Label))
                    && at != Some(Mark::Label)
                    && (b == a || deleted_body))
            {
                Mark::Body
            } else {
                Mark::Out
            };
            marks.splice(a..a, std::iter::repeat_n(into, k));
        }
        removed
    }

    fn check(&self, p: &Project, doc: DocumentId, context: &str) {
        let d = p.document(doc).unwrap();
        let expected: String = self.chars.iter().collect();
        assert_eq!(d.text.as_str(), expected, "{context}: text");
        assert_eq!(d.text.char_len(), self.chars.len(), "{context}: length");
        for (id, mask) in &self.codings {
            let c = p
                .coding(*id)
                .unwrap_or_else(|| panic!("{context}: coding lost"));
            let covered: String = mask
                .iter()
                .zip(&self.chars)
                .filter(|(m, _)| **m)
                .map(|(_, c)| c)
                .collect();
            assert_eq!(
                d.text.slice(c.range),
                covered,
                "{context}: coding {:?}",
                c.range
            );
            assert_eq!(
                mask.iter().filter(|m| **m).count(),
                c.range.len(),
                "{context}: coding {:?} is not one stretch",
                c.range
            );
            assert_eq!(
                c.anchor,
                Anchor::capture(&d.text, c.range),
                "{context}: anchor"
            );
        }
        assert_eq!(p.codings_of(doc).count(), self.codings.len(), "{context}");
        let mut previous_end = 0;
        for (i, (s, marks)) in d.segments.iter().zip(&self.segments).enumerate() {
            let label_end = marks.iter().rposition(|m| *m == Mark::Label).unwrap() + 1;
            assert_eq!(
                s.range.start, label_end,
                "{context}: segment {i} starts at its label"
            );
            let body: String = marks
                .iter()
                .zip(&self.chars)
                .filter(|(m, _)| **m == Mark::Body)
                .map(|(_, c)| c)
                .collect();
            assert_eq!(d.text.slice(s.range), body, "{context}: segment {i} text");
            let label: String = marks
                .iter()
                .zip(&self.chars)
                .filter(|(m, _)| **m == Mark::Label)
                .map(|(_, c)| c)
                .collect();
            let ls = label_start(&d.text, s.range.start, previous_end);
            assert_eq!(
                d.text.slice(CharRange::new(ls, s.range.start)),
                label,
                "{context}: segment {i} label"
            );
            assert_eq!(s.media.map(|m| m.start_ms), Some(i as u64 * 1000));
            previous_end = s.range.end;
        }
    }
}

fn snapshot(p: &Project) -> (Vec<Document>, Vec<Coding>, Vec<Memo>) {
    (
        p.documents().values().cloned().collect(),
        p.codings().values().cloned().collect(),
        p.memos().values().cloned().collect(),
    )
}

#[test]
#[allow(clippy::many_single_char_names)]
fn random_edits_keep_codings_turns_and_messages_on_their_text_and_undo_exactly() {
    let (mut accepted, mut refused, mut removed_total) = (0, 0, 0);
    for seed in 0..300u64 {
        let mut rng = Rng(seed);
        let kind = DocumentKind::ALL[rng.below(3)];
        let (mut p, doc, mut model) = build(&mut rng, kind);
        let original = snapshot(&p);
        let original_text = p.document(doc).unwrap().text.as_str().to_owned();
        let mut undo: Vec<Edit> = Vec::new();
        for step in 0..40 {
            let len = model.chars.len();
            let a = rng.below(len + 1);
            let span = if rng.below(8) == 0 { 30 } else { 6 };
            let b = a + rng.below((len - a).min(span) + 1);
            let text = random_text(&mut rng, 4, true);
            if a == b && text.is_empty() {
                continue;
            }
            let context = format!("seed {seed} step {step}: {a}..{b} -> {text:?}");
            let edit = TextEdit {
                log: LogOp::Push(TextChange {
                    who: "lin".into(),
                    at: chrono::Utc::now(),
                    removed: b - a,
                    inserted: text.chars().count(),
                }),
                ..TextEdit::new(doc, CharRange::new(a, b), text.clone())
            };
            let (edit, n) = Edit::edit_text(&p, edit);
            let before = snapshot(&p);
            match p.apply(edit) {
                Ok(inverse) => {
                    accepted += 1;
                    let removed = model.edit(a, b, &text);
                    assert_eq!(removed.len(), n, "{context}: codings removed");
                    removed_total += n;
                    for id in removed {
                        assert!(p.coding(id).is_none(), "{context}");
                    }
                    model.check(&p, doc, &context);
                    undo.push(inverse);
                }
                Err(EditError::TextEdit { .. }) => {
                    refused += 1;
                    assert!(
                        snapshot(&p) == before,
                        "{context}: a refused edit changed nothing"
                    );
                }
                Err(e) => panic!("{context}: {e}"),
            }
        }
        let last = snapshot(&p);
        let mut redo = Vec::new();
        for inverse in undo.into_iter().rev() {
            redo.push(p.apply(inverse).unwrap());
        }
        assert_eq!(
            p.document(doc).unwrap().text.as_str().as_bytes(),
            original_text.as_bytes(),
            "seed {seed}: undo gives back the text byte for byte"
        );
        assert!(
            snapshot(&p) == original,
            "seed {seed}: undo gives back everything"
        );
        for again in redo.into_iter().rev() {
            p.apply(again).unwrap();
        }
        assert!(
            snapshot(&p) == last,
            "seed {seed}: redo gives back the edited state"
        );
    }
    eprintln!("{accepted} accepted, {refused} refused, {removed_total} codings removed");
    // The run must exercise every branch.
    assert!(accepted > 5000, "{accepted} edits accepted");
    assert!(refused > 200, "{refused} edits refused");
    assert!(removed_total > 20, "{removed_total} codings removed");
}

#[test]
fn the_index_follows_edits() {
    let mut rng = Rng(7);
    let mut s: String = (0..3000).map(|_| PIECES[rng.below(PIECES.len())]).collect();
    let mut text = Text::new(s.as_str());
    for _ in 0..300 {
        let len = text.char_len();
        let a = rng.below(len + 1);
        let b = a + rng.below((len - a).min(600) + 1);
        let with: String = (0..rng.below(700))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect();
        let (next, removed) = text.replace(CharRange::new(a, b), &with);
        let (ba, bb) = (
            s.char_indices().nth(a).map_or(s.len(), |(i, _)| i),
            s.char_indices().nth(b).map_or(s.len(), |(i, _)| i),
        );
        assert_eq!(removed, s[ba..bb]);
        s.replace_range(ba..bb, &with);
        text = next;
        let fresh = Text::new(s.as_str());
        assert_eq!(text.char_len(), fresh.char_len());
        for pos in (0..=fresh.char_len()).step_by(37) {
            assert_eq!(text.byte_of(pos), fresh.byte_of(pos), "char {pos}");
            assert_eq!(text.char_of(fresh.byte_of(pos)), pos);
        }
    }
}
