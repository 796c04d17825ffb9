//! Text search across documents (plain, whole word, regular expression; optionally ignoring
//! case) and autocoding of the hits as one undoable [`Edit::Batch`].
//!
//! Whole-word matching knows that Chinese and Japanese have no spaces: a query's end that is a
//! CJK character matches anywhere, while an end that is a Latin letter or digit must not touch
//! another Latin letter or digit. So `CR` matches in `拿到CR了` but not in `CRP`, and `毕业`
//! matches inside `毕业了`.

use std::collections::HashSet;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use super::error::AnalysisError;
use super::excerpt::Excerpt;
use super::names::natural_cmp;
use crate::model::{
    CharRange, CodeId, CoderId, Coding, CodingId, Document, DocumentId, Edit, Project, Text,
};

/// How a search pattern is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MatchMode {
    /// The pattern as literal text, anywhere.
    #[default]
    Plain,
    /// The pattern as literal text, as a whole word (CJK-aware, see the module docs).
    Word,
    /// The pattern as a regular expression (Rust `regex` syntax; `^` and `$` match at line
    /// ends).
    Regex,
}

impl MatchMode {
    /// The mode two switches ask for: a regular expression wins over whole words.
    #[must_use]
    pub const fn from_switches(regex: bool, whole_word: bool) -> Self {
        if regex {
            Self::Regex
        } else if whole_word {
            Self::Word
        } else {
            Self::Plain
        }
    }
}

/// A text search.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchQuery {
    /// What to look for.
    pub pattern: String,
    /// How to match it.
    pub mode: MatchMode,
    /// Match regardless of case (Unicode case folding).
    pub ignore_case: bool,
    /// The documents to search; empty means all.
    pub documents: Vec<DocumentId>,
    /// Characters of context either side of each hit.
    pub context: usize,
}

/// A compiled search, reusable across documents.
#[derive(Clone, Debug)]
pub struct Searcher {
    regex: Regex,
    whole_word: bool,
    /// A regular expression: its replacements may name its groups.
    expands: bool,
}

/// True for characters of scripts written without spaces between words.
#[must_use]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x31F0..=0x31FF // Katakana extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF // Hangul
        | 0x20000..=0x3FFFF) // CJK extensions B and later
}

/// True for a letter or digit of a script that separates words with spaces.
fn spaced_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !is_cjk(c)
}

impl Searcher {
    /// Compile `query`'s pattern.
    pub fn new(query: &SearchQuery) -> Result<Self, AnalysisError> {
        if query.pattern.is_empty() {
            return Err(AnalysisError::EmptyPattern);
        }
        let source = match query.mode {
            MatchMode::Plain | MatchMode::Word => regex::escape(&query.pattern),
            MatchMode::Regex => query.pattern.clone(),
        };
        let regex = RegexBuilder::new(&source)
            .case_insensitive(query.ignore_case)
            .multi_line(query.mode == MatchMode::Regex)
            .build()
            .map_err(|e| AnalysisError::InvalidRegex {
                pattern: query.pattern.clone(),
                message: e.to_string(),
            })?;
        Ok(Self {
            regex,
            whole_word: query.mode == MatchMode::Word,
            expands: query.mode == MatchMode::Regex,
        })
    }

    /// The matches in `text`, as character ranges in text order (empty matches are skipped).
    #[must_use]
    pub fn find_in(&self, text: &Text) -> Vec<CharRange> {
        self.find_with_bytes(text)
            .into_iter()
            .map(|(r, _)| r)
            .collect()
    }

    /// Each match in `text` with what replaces it: `with`, in which, for a regular
    /// expression, `$1`, `${name}` … stand for what its groups matched (`$$` for a `$`).
    #[must_use]
    pub fn replacements_in(&self, text: &Text, with: &str) -> Vec<(CharRange, String)> {
        let s = text.as_str();
        self.find_with_bytes(text)
            .into_iter()
            .map(|(range, (start, _))| {
                let mut out = String::new();
                let groups = self
                    .expands
                    .then(|| self.regex.captures_at(s, start))
                    .flatten();
                match groups {
                    Some(caps) => caps.expand(with, &mut out),
                    None => out.push_str(with),
                }
                (range, out)
            })
            .collect()
    }

    /// The matches in `text` as character ranges with their byte ranges.
    fn find_with_bytes(&self, text: &Text) -> Vec<(CharRange, (usize, usize))> {
        let s = text.as_str();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos <= s.len() {
            let Some(m) = self.regex.find_at(s, pos) else {
                break;
            };
            if m.is_empty() {
                pos = next_boundary(s, m.end());
                continue;
            }
            if self.whole_word && !stands_alone(s, m.start(), m.end()) {
                // A whole-word match may still start inside this one.
                pos = next_boundary(s, m.start());
                continue;
            }
            let start = text.char_of(m.start());
            let end = start + m.as_str().chars().count();
            out.push((CharRange::new(start, end), (m.start(), m.end())));
            pos = m.end();
        }
        out
    }
}

/// True when the match `start..end` (bytes) of `s` stands as a whole word: an end that is a
/// Latin letter or digit does not touch another (a CJK end may touch anything).
#[must_use]
pub fn stands_alone(s: &str, start: usize, end: usize) -> bool {
    let m = &s[start..end];
    let (Some(first), Some(last)) = (m.chars().next(), m.chars().next_back()) else {
        return false;
    };
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    let glued_before = spaced_word_char(first) && before.is_some_and(spaced_word_char);
    let glued_after = spaced_word_char(last) && after.is_some_and(spaced_word_char);
    !glued_before && !glued_after
}

/// The byte offset of the character after the one at `pos` (or past the end).
fn next_boundary(s: &str, pos: usize) -> usize {
    s[pos..]
        .chars()
        .next()
        .map_or(s.len() + 1, |c| pos + c.len_utf8())
}

/// The documents of `ids` (all when empty), ordered by name.
pub(crate) fn documents_in<'p>(project: &'p Project, ids: &[DocumentId]) -> Vec<&'p Document> {
    let mut docs: Vec<&Document> = if ids.is_empty() {
        project.documents().values().collect()
    } else {
        ids.iter().filter_map(|id| project.document(*id)).collect()
    };
    docs.sort_by(|a, b| {
        natural_cmp(&a.name.to_lowercase(), &b.name.to_lowercase()).then(a.id.cmp(&b.id))
    });
    docs.dedup_by_key(|d| d.id);
    docs
}

/// Search the project: every hit, documents in name order, hits in text order.
pub fn search(project: &Project, query: &SearchQuery) -> Result<Vec<Excerpt>, AnalysisError> {
    let searcher = Searcher::new(query)?;
    let mut hits = Vec::new();
    for doc in documents_in(project, &query.documents) {
        hits.extend(
            searcher
                .find_with_bytes(&doc.text)
                .into_iter()
                .map(|(r, bytes)| Excerpt::at(doc, r, bytes, query.context)),
        );
    }
    Ok(hits)
}

/// What autocoding codes for each hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AutocodeScope {
    /// The hit itself.
    #[default]
    Hit,
    /// The whole speaker turn or chat message holding it (the line, in documents without turns).
    Segment,
}

/// Codings to add for a set of hits, as one undoable edit.
#[derive(Clone, Debug, PartialEq)]
pub struct Autocode {
    /// One [`Edit::Batch`] putting every new coding; apply it through `History` to undo it.
    pub edit: Edit,
    /// The codings it adds.
    pub added: Vec<CodingId>,
    /// Passages left alone because the coder already had exactly that coding.
    pub already_coded: usize,
}

/// The passage a hit extends to under `scope`.
fn extend(doc: &Document, hit: CharRange, scope: AutocodeScope) -> CharRange {
    if scope == AutocodeScope::Hit {
        return hit;
    }
    let mut segments = doc.segments_overlapping(hit);
    if let Some(first) = segments.next() {
        let last = segments.last().unwrap_or(first);
        return CharRange::new(
            doc.segments[first].range.start,
            doc.segments[last].range.end,
        );
    }
    // No turn: the line(s) holding the hit.
    let s = doc.text.as_str();
    let (start_b, end_b) = (doc.text.byte_of(hit.start), doc.text.byte_of(hit.end));
    let line_start = s[..start_b].rfind('\n').map_or(0, |b| b + 1);
    let line_end = s[end_b..].find('\n').map_or(s.len(), |b| end_b + b);
    CharRange::new(doc.text.char_of(line_start), doc.text.char_of(line_end))
}

/// Plan codings of `code` by `coder` for `hits` (document and range), extended by `scope`.
/// Passages that overlap after extending are merged; a passage the coder already coded with
/// `code` exactly is skipped. Nothing changes until the returned edit is applied.
pub fn autocode(
    project: &Project,
    hits: impl IntoIterator<Item = (DocumentId, CharRange)>,
    code: CodeId,
    coder: CoderId,
    scope: AutocodeScope,
) -> Result<Autocode, AnalysisError> {
    if project.code(code).is_none() {
        return Err(AnalysisError::UnknownCode(code.to_string()));
    }
    if project.coder(coder).is_none() {
        return Err(AnalysisError::UnknownCoder(coder.to_string()));
    }
    let mut wanted: Vec<(DocumentId, CharRange)> = Vec::new();
    for (doc_id, hit) in hits {
        let doc = project
            .document(doc_id)
            .ok_or_else(|| AnalysisError::UnknownDocument(doc_id.to_string()))?;
        let range = extend(doc, hit, scope);
        if !range.is_empty() && range.end <= doc.text.char_len() {
            wanted.push((doc_id, range));
        }
    }
    wanted.sort();
    let mut merged: Vec<(DocumentId, CharRange)> = Vec::with_capacity(wanted.len());
    for (doc, range) in wanted {
        match merged.last_mut() {
            Some((d, r)) if *d == doc && range.start < r.end => r.end = r.end.max(range.end),
            _ => merged.push((doc, range)),
        }
    }
    let existing: HashSet<(DocumentId, CharRange)> = project
        .codings()
        .values()
        .filter(|c| c.code == code && c.coder == coder)
        .map(|c| (c.document, c.range))
        .collect();
    let mut edits = Vec::with_capacity(merged.len());
    let mut added = Vec::with_capacity(merged.len());
    let mut already_coded = 0;
    for (doc_id, range) in merged {
        if existing.contains(&(doc_id, range)) {
            already_coded += 1;
            continue;
        }
        let Some(doc) = project.document(doc_id) else {
            continue;
        };
        let coding = Coding::new(doc_id, &doc.text, range, code, coder);
        added.push(coding.id);
        edits.push(Edit::PutCoding(Box::new(coding)));
    }
    Ok(Autocode {
        edit: Edit::Batch(edits),
        added,
        already_coded,
    })
}
