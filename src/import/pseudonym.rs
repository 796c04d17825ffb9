//! Pseudonymisation at import: a mapping (real name → pseudonym; also places and institutions)
//! applied to the text, and so to senders and speakers, before anything is stored. Chinese has no
//! spaces between words, so matching is on characters, longest match first (an Aho–Corasick
//! automaton), and every replacement is counted for the report.

use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};

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
        let counts = self
            .pairs
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|((r, p), n)| (r.clone(), p.clone(), n))
            .collect();
        (out, Replacements { counts })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
