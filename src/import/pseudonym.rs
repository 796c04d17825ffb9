//! Pseudonymisation at import: a mapping (real name → pseudonym; also places and institutions)
//! applied to the text, and so to senders and speakers, before anything is stored. Chinese has no
//! spaces between words, so matching is on characters, longest match first (an Aho–Corasick
//! automaton), and every replacement is counted for the report.

use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::{CharRange, Segment};

use super::error::ImportError;
use super::text::read_text;

/// A pseudonym mapping.
#[derive(Clone, Debug)]
pub struct Pseudonyms {
    pairs: Vec<(String, String)>,
    matcher: AhoCorasick,
}

/// How often each entry of a mapping was applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replacements {
    /// `(real, pseudonym, count)` for every entry applied at least once, in mapping order.
    pub counts: Vec<(String, String, usize)>,
}

impl Replacements {
    /// Total replacements made.
    #[must_use]
    pub fn total(&self) -> usize {
        self.counts.iter().map(|c| c.2).sum()
    }
}

impl Pseudonyms {
    /// A mapping from `(real, pseudonym)` pairs.
    pub fn new(pairs: Vec<(String, String)>) -> Result<Self, String> {
        let pairs: Vec<_> = pairs.into_iter().filter(|(r, _)| !r.is_empty()).collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pairs.iter().map(|(r, _)| r.as_str()))
            .map_err(|e| e.to_string())?;
        Ok(Self { pairs, matcher })
    }

    /// Read a mapping file: CSV with a header row, columns `real,pseudonym[,kind]`.
    pub fn read(path: &Path) -> Result<Self, ImportError> {
        let decoded = read_text(path)?;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(decoded.text.as_bytes());
        let mut pairs = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let line = i + 2;
            let record = record.map_err(|e| ImportError::Malformed {
                path: path.to_path_buf(),
                line,
                message: e.to_string(),
            })?;
            let (Some(real), Some(pseudo)) = (record.get(0), record.get(1)) else {
                return Err(ImportError::Malformed {
                    path: path.to_path_buf(),
                    line,
                    message: "expected two columns: real,pseudonym".into(),
                });
            };
            if real.trim().is_empty() {
                return Err(ImportError::Malformed {
                    path: path.to_path_buf(),
                    line,
                    message: "the real name is empty".into(),
                });
            }
            pairs.push((real.trim().to_owned(), pseudo.trim().to_owned()));
        }
        Self::new(pairs).map_err(|message| ImportError::Unsupported {
            path: path.to_path_buf(),
            message,
        })
    }

    /// The forms of the person `name` names (a real name or a pseudonym of the mapping): every
    /// real name the mapping gives the same pseudonym, longest first, and that pseudonym.
    /// `None` when the mapping does not know the name.
    #[must_use]
    pub fn forms_of(&self, name: &str) -> Option<(Vec<String>, String)> {
        let name = name.trim();
        let pseudonym = self
            .pairs
            .iter()
            .find(|(real, pseudo)| real == name || pseudo == name)
            .map(|(_, p)| p.clone())?;
        let mut forms: Vec<String> = self
            .pairs
            .iter()
            .filter(|(_, p)| *p == pseudonym)
            .map(|(r, _)| r.clone())
            .collect();
        forms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        forms.dedup();
        Some((forms, pseudonym))
    }

    /// Replace every real name in `text`, longest match first; count the replacements.
    #[must_use]
    pub fn apply(&self, text: &str) -> (String, Replacements) {
        let mut counts = vec![0usize; self.pairs.len()];
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in self.matcher.find_iter(text) {
            out.push_str(&text[last..m.start()]);
            out.push_str(&self.pairs[m.pattern().as_usize()].1);
            counts[m.pattern().as_usize()] += 1;
            last = m.end();
        }
        out.push_str(&text[last..]);
        (out, self.report(counts))
    }
}

/// Where the replacements of one [`Pseudonyms::apply`] fell, to move char offsets from the old
/// text to the new one.
#[derive(Clone, Debug, Default)]
struct OffsetMap {
    /// `(old start, old end, new start, new end)` in chars, in text order.
    spans: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    /// Where `pos` of the old text lies in the new; a position inside a replaced name moves to
    /// the start (`at_end == false`) or the end of its replacement.
    fn map(&self, pos: usize, at_end: bool) -> usize {
        let i = self.spans.partition_point(|s| s.0 < pos);
        // Spans before index i start before pos.
        if let Some(&(_, oe, ns, ne)) = i.checked_sub(1).and_then(|j| self.spans.get(j)) {
            if pos < oe {
                return if at_end { ne } else { ns };
            }
            return ne + (pos - oe);
        }
        pos
    }
}

impl Pseudonyms {
    /// Replace names in a document's text, move its segments to match, and replace names in
    /// their speakers. Counts are of replacements in the text (where speakers appear too).
    #[must_use]
    pub fn apply_document(&self, text: &str, segments: &mut [Segment]) -> (String, Replacements) {
        let mut counts = vec![0usize; self.pairs.len()];
        let mut out = String::with_capacity(text.len());
        let mut map = OffsetMap::default();
        let (mut last, mut old_chars, mut new_chars) = (0usize, 0usize, 0usize);
        for m in self.matcher.find_iter(text) {
            let between = &text[last..m.start()];
            let n = between.chars().count();
            old_chars += n;
            new_chars += n;
            out.push_str(between);
            let pseudo = &self.pairs[m.pattern().as_usize()].1;
            let old_len = text[m.start()..m.end()].chars().count();
            let new_len = pseudo.chars().count();
            map.spans.push((
                old_chars,
                old_chars + old_len,
                new_chars,
                new_chars + new_len,
            ));
            old_chars += old_len;
            new_chars += new_len;
            out.push_str(pseudo);
            counts[m.pattern().as_usize()] += 1;
            last = m.end();
        }
        out.push_str(&text[last..]);
        for seg in segments.iter_mut() {
            seg.range = CharRange::new(
                map.map(seg.range.start, false),
                map.map(seg.range.end, true),
            );
            if let Some(speaker) = &seg.speaker {
                seg.speaker = Some(self.apply(speaker).0);
            }
        }
        (out, self.report(counts))
    }

    fn report(&self, counts: Vec<usize>) -> Replacements {
        let counts = self
            .pairs
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|((r, p), n)| (r.clone(), p.clone(), n))
            .collect();
        Replacements { counts }
    }

    /// The number of entries in the mapping.
    #[must_use]
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when the mapping has no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

impl Replacements {
    /// Add another report's counts to this one.
    pub fn merge(&mut self, other: &Self) {
        for (real, pseudo, n) in &other.counts {
            match self.counts.iter_mut().find(|c| &c.0 == real) {
                Some(c) => c.2 += n,
                None => self.counts.push((real.clone(), pseudo.clone(), *n)),
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{SegmentKind, Text};

    #[test]
    fn the_forms_of_a_person_are_the_names_given_one_pseudonym() {
        let map = Pseudonyms::new(vec![
            ("张伟".into(), "G8".into()),
            ("小张".into(), "G8".into()),
            ("Zhang Wei".into(), "G8".into()),
            ("李明".into(), "G9".into()),
        ])
        .unwrap();
        let forms = vec!["Zhang Wei".to_owned(), "小张".into(), "张伟".into()];
        assert_eq!(map.forms_of("小张"), Some((forms.clone(), "G8".into())));
        assert_eq!(map.forms_of("G8"), Some((forms, "G8".into())));
        assert_eq!(map.forms_of("王芳"), None);
    }

    #[test]
    fn segments_follow_replacements() {
        let p = Pseudonyms::new(vec![
            ("刘大姐".into(), "G8".into()),
            ("泉城".into(), "X市".into()),
        ])
        .unwrap();
        let text = "2024-05-03 08:12:45 刘大姐\n我在泉城😀\n";
        let mut segs = vec![Segment {
            range: CharRange::new(24, 29),
            speaker: Some("刘大姐".into()),
            at: None,
            media: None,
            kind: SegmentKind::Message,
        }];
        assert_eq!(Text::new(text).slice(segs[0].range), "我在泉城😀");
        let (out, rep) = p.apply_document(text, &mut segs);
        assert_eq!(out, "2024-05-03 08:12:45 G8\n我在X市😀\n");
        assert_eq!(Text::new(out.as_str()).slice(segs[0].range), "我在X市😀");
        assert_eq!(segs[0].speaker.as_deref(), Some("G8"));
        assert_eq!(rep.total(), 2);
    }

    #[test]
    fn longest_match_first_without_spaces() {
        let p = Pseudonyms::new(vec![
            ("泉城肿瘤".into(), "Z医院".into()),
            ("泉城肿瘤医院".into(), "Z医院".into()),
            ("刘大姐".into(), "G8".into()),
        ])
        .unwrap();
        let (out, rep) = p.apply("刘大姐在泉城肿瘤医院复查，泉城肿瘤的医生说很好");
        assert_eq!(out, "G8在Z医院复查，Z医院的医生说很好");
        assert_eq!(rep.total(), 3);
        assert_eq!(rep.counts[1], ("泉城肿瘤医院".into(), "Z医院".into(), 1));
    }
}
