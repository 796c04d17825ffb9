//! Where another program's selection offsets point in Margin's text.
//!
//! The standard counts code points from 0 over the source text, but exporters differ (DESIGN.md
//! §3): `NVivo` counts UTF-16 code units over the raw file (CRLF as two, the byte-order mark not
//! counted), `QualCoder` writes a byte-order mark into its sources, and others count bytes or
//! treat the end as inclusive. Margin stores the text without the mark and with LF line ends.
//!
//! For each source, every plausible [`Convention`] is tried on its selections and scored: a
//! selection whose text matches its name (ATLAS.ti and Margin name selections by their text,
//! qc by their line) is strong evidence for a convention; one that falls outside the text or
//! inside a character is strong evidence against. Selections whose ends fall on word boundaries
//! are weak evidence: they decide between units only when nearly all of them do under one
//! convention, and never make the end inclusive. Without strong evidence a file is read by the
//! standard (or by the exporting program's known habit): a standard file whose selections start
//! or end mid-word is read exactly.

use std::fmt;

use crate::model::{CharRange, Text};

/// The unit offsets are counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Unicode code points (the standard).
    CodePoint,
    /// UTF-16 code units (`NVivo`, .NET and Java programs).
    Utf16,
    /// Bytes of UTF-8.
    Utf8,
}

/// How one exporter counted offsets into one source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Convention {
    /// The unit.
    pub unit: Unit,
    /// The byte-order mark at the start of the file counts as a position.
    pub bom_counted: bool,
    /// CRLF counts as one position (offsets over the text with normalised line ends).
    pub crlf_as_one: bool,
    /// `endPosition` is the last character selected, not one past it.
    pub end_inclusive: bool,
}

impl Convention {
    /// The standard's: code points from 0 over the file's text, end exclusive.
    pub const STANDARD: Self = Self {
        unit: Unit::CodePoint,
        bom_counted: false,
        crlf_as_one: false,
        end_inclusive: false,
    };

    /// `NVivo`'s: UTF-16 code units over the raw file.
    pub const NVIVO: Self = Self {
        unit: Unit::Utf16,
        bom_counted: false,
        crlf_as_one: false,
        end_inclusive: false,
    };
}

impl fmt::Display for Convention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.unit {
            Unit::CodePoint => "code points",
            Unit::Utf16 => "UTF-16 code units",
            Unit::Utf8 => "UTF-8 bytes",
        })?;
        if self.bom_counted {
            f.write_str(", counting the byte-order mark")?;
        }
        if self.crlf_as_one {
            f.write_str(", CRLF as one")?;
        }
        if self.end_inclusive {
            f.write_str(", end inclusive")?;
        }
        Ok(())
    }
}

/// A source's text as the exporter wrote it (without its byte-order mark, line ends as in the
/// file), with what is needed to convert offsets in any convention to Margin's.
#[derive(Debug)]
pub struct Mapper {
    /// Number of characters of the raw text.
    chars: usize,
    /// UTF-16 offset of each character (and the end), when it differs from the char index.
    utf16: Option<Vec<u32>>,
    /// UTF-8 offset of each character (and the end), when it differs from the char index.
    utf8: Option<Vec<u32>>,
    /// Char indices of the CRs that begin a CRLF, in order.
    crlf: Vec<u32>,
    /// The file began with a byte-order mark.
    bom: bool,
}

impl Mapper {
    /// Index `raw` (the decoded file without its byte-order mark).
    #[must_use]
    pub fn new(raw: &str, bom: bool) -> Self {
        let ascii = raw.is_ascii();
        let bmp = ascii || raw.chars().all(|c| (c as u32) < 0x10000);
        let mut utf16 = (!bmp).then(|| Vec::with_capacity(raw.len() + 1));
        let mut utf8 = (!ascii).then(|| Vec::with_capacity(raw.len() + 1));
        let mut crlf = Vec::new();
        let (mut u16pos, mut chars) = (0u32, 0usize);
        let bytes = raw.as_bytes();
        for (byte, c) in raw.char_indices() {
            if let Some(v) = utf16.as_mut() {
                v.push(u16pos);
            }
            if let Some(v) = utf8.as_mut() {
                v.push(byte as u32);
            }
            if c == '\r' && bytes.get(byte + 1) == Some(&b'\n') {
                crlf.push(chars as u32);
            }
            u16pos += c.len_utf16() as u32;
            chars += 1;
        }
        if let Some(v) = utf16.as_mut() {
            v.push(u16pos);
        }
        if let Some(v) = utf8.as_mut() {
            v.push(raw.len() as u32);
        }
        Self {
            chars,
            utf16,
            utf8,
            crlf,
            bom,
        }
    }

    /// The conventions that give different results on this text, the standard first.
    #[must_use]
    pub fn candidates(&self) -> Vec<Convention> {
        let mut units = vec![Unit::CodePoint];
        if self.utf16.is_some() {
            units.push(Unit::Utf16);
        }
        if self.utf8.is_some() {
            units.push(Unit::Utf8);
        }
        let boms: &[bool] = if self.bom { &[false, true] } else { &[false] };
        let crlfs: &[bool] = if self.crlf.is_empty() {
            &[false]
        } else {
            &[false, true]
        };
        let mut out = Vec::new();
        for end_inclusive in [false, true] {
            for &unit in &units {
                for &bom_counted in boms {
                    for &crlf_as_one in crlfs {
                        out.push(Convention {
                            unit,
                            bom_counted,
                            crlf_as_one,
                            end_inclusive,
                        });
                    }
                }
            }
        }
        out
    }

    fn crlf_before(&self, i: usize) -> usize {
        self.crlf.partition_point(|&x| (x as usize) < i)
    }

    /// Units before raw character `i`, in convention `c` (without the byte-order mark).
    fn units(&self, c: Convention, i: usize) -> usize {
        let base = match c.unit {
            Unit::CodePoint => i,
            Unit::Utf16 => self.utf16.as_ref().map_or(i, |v| v[i] as usize),
            Unit::Utf8 => self.utf8.as_ref().map_or(i, |v| v[i] as usize),
        };
        if c.crlf_as_one {
            base - self.crlf_before(i)
        } else {
            base
        }
    }

    /// The raw character at unit offset `u` in convention `c`, if `u` falls on one.
    fn raw_char(&self, c: Convention, u: i64) -> Option<usize> {
        let mut u = usize::try_from(u).ok()?;
        if c.bom_counted {
            let bom = match c.unit {
                Unit::CodePoint | Unit::Utf16 => 1,
                Unit::Utf8 => 3,
            };
            u = u.checked_sub(bom)?;
        }
        // The first character whose offset is at least `u`.
        let (mut lo, mut hi) = (0usize, self.chars + 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.units(c, mid) < u {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo <= self.chars && self.units(c, lo) == u).then_some(lo)
    }

    /// Margin's position of raw character `i` (CRLF pairs count once).
    fn margin(&self, i: usize) -> usize {
        i - self.crlf_before(i)
    }

    /// The Margin range of selection `[start, end)` in convention `c`, if it is a non-empty
    /// range inside the text.
    #[must_use]
    pub fn map(&self, c: Convention, start: i64, end: i64) -> Option<CharRange> {
        let s = self.raw_char(c, start)?;
        let e = if c.end_inclusive {
            self.raw_char(c, end)? + 1
        } else {
            self.raw_char(c, end)?
        };
        if e > self.chars {
            return None;
        }
        let r = CharRange::new(self.margin(s), self.margin(e));
        (!r.is_empty()).then_some(r)
    }
}

/// A selection as the exporter wrote it.
#[derive(Clone, Copy, Debug)]
pub struct Selection<'a> {
    /// `startPosition`.
    pub start: i64,
    /// `endPosition`.
    pub end: i64,
    /// Its name, which some exporters make from the selected text or its line.
    pub name: Option<&'a str>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// The name with whitespace removed and any trailing ellipsis cut, if it can be compared with
/// text (at least three characters of it).
fn name_chars(name: &str) -> Option<Vec<char>> {
    let trimmed = name
        .trim_end()
        .trim_end_matches('…')
        .trim_end_matches("...");
    let v: Vec<char> = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    (v.len() >= 3).then_some(v)
}

/// `qc` names a selection `line:N` (0-based).
fn line_number(name: &str) -> Option<usize> {
    name.strip_prefix("line:")?.trim().parse().ok()
}

/// What a selection's name says about where it is.
enum Hint {
    None,
    /// `line:N`: it starts at line N.
    Line(usize),
    /// Its text starts with these characters (whitespace removed).
    Text(Vec<char>),
}

/// Evidence for a convention from one selection, or a whole sample.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Evidence {
    /// What only the right convention explains: a name that matches the text (`+6`, `+2` more
    /// when it is the whole text), a `line:N` name on its line (`+4`); a selection that falls
    /// outside the text, inside a character, or on nothing at all (`-20`).
    strong: i64,
    /// Ends of selections that fall on word boundaries: what most people select, but nothing
    /// that a selection made mid-word contradicts.
    boundaries: i64,
}

/// Evidence for `c` from one selection.
fn score(
    mapper: &Mapper,
    c: Convention,
    sel: &Selection<'_>,
    hint: &Hint,
    text: &Text,
    line_starts: &[usize],
) -> Evidence {
    let against = Evidence {
        strong: -20,
        boundaries: 0,
    };
    let Some(r) = mapper.map(c, sel.start, sel.end) else {
        return against;
    };
    let len = text.char_len();
    if r.end > len {
        return against;
    }
    let all = text.as_str();
    let (start, end) = (text.byte_of(r.start), text.byte_of(r.end));
    // A boundary: no word character on one side of it.
    let boundary = |b: usize| {
        !all[..b].chars().next_back().is_some_and(is_word)
            || !all[b..].chars().next().is_some_and(is_word)
    };
    let mut e = Evidence::default();
    e.boundaries += i64::from(boundary(start)) + i64::from(boundary(end));
    match hint {
        Hint::Line(n) if line_starts.get(*n) == Some(&r.start) => e.strong += 4,
        Hint::Text(want) => {
            let mut got = all[start..end].chars().filter(|c| !c.is_whitespace());
            if got.by_ref().take(want.len()).eq(want.iter().copied()) {
                e.strong += 6;
                if got.next().is_none() {
                    e.strong += 2;
                }
            }
        }
        Hint::Line(_) | Hint::None => {}
    }
    e
}

/// The most selections scored per source (evenly spread); enough to decide.
const SAMPLE: usize = 400;

/// Choose the convention that best explains `selections` on Margin's `text` (the normalised
/// form of the raw text `mapper` indexes). `prior` is the standard's convention, or the
/// exporting program's known habit (`NVivo`'s UTF-16).
///
/// A file is read by `prior` unless there is strong evidence against it:
/// - another convention explains more of the selections' names, or `prior` puts selections
///   outside the text, inside a character or on nothing (see [`Evidence::strong`]);
/// - or, the names saying nothing either way, another convention that counts in other units or
///   from another origin (never one that only moves the end by one) puts nearly all selection
///   ends (nine in ten) on word boundaries, clearly more than `prior` does. Offsets counted in the
///   wrong unit drift through the text and land anywhere; selections made mid-word, as the
///   standard allows, stay as they were made.
#[must_use]
pub fn choose(
    mapper: &Mapper,
    text: &Text,
    selections: &[Selection<'_>],
    prior: Convention,
) -> Convention {
    if selections.is_empty() {
        return Convention::STANDARD;
    }
    let mut candidates = mapper.candidates();
    if let Some(i) = candidates.iter().position(|&c| c == prior) {
        let p = candidates.remove(i);
        candidates.insert(0, p);
    }
    let step = selections.len().div_ceil(SAMPLE).max(1);
    let sample: Vec<(&Selection<'_>, Hint)> = selections
        .iter()
        .step_by(step)
        .map(|s| {
            let hint = match s.name {
                Some(n) => line_number(n)
                    .map(Hint::Line)
                    .or_else(|| name_chars(n).map(Hint::Text))
                    .unwrap_or(Hint::None),
                None => Hint::None,
            };
            (s, hint)
        })
        .collect();
    let line_starts: Vec<usize> = if sample.iter().any(|(_, h)| matches!(h, Hint::Line(_))) {
        std::iter::once(0)
            .chain(
                text.as_str()
                    .chars()
                    .enumerate()
                    .filter(|(_, c)| *c == '\n')
                    .map(|(i, _)| i + 1),
            )
            .collect()
    } else {
        Vec::new()
    };
    let scored: Vec<(Convention, Evidence)> = candidates
        .into_iter()
        .map(|c| {
            let total = sample.iter().fold(Evidence::default(), |acc, (s, hint)| {
                let e = score(mapper, c, s, hint, text, &line_starts);
                Evidence {
                    strong: acc.strong + e.strong,
                    boundaries: acc.boundaries + e.boundaries,
                }
            });
            (c, total)
        })
        .collect();
    // The first of those with the most strong evidence: `prior` among equals.
    let top = scored.iter().map(|(_, e)| e.strong).max().unwrap_or(0);
    let Some(&(base, base_evidence)) = scored.iter().find(|(_, e)| e.strong == top) else {
        return prior;
    };
    let ends = 2 * i64::try_from(sample.len()).unwrap_or(i64::MAX / 2);
    let mut best = (base, base_evidence.boundaries);
    for &(c, e) in &scored {
        let shifted = c.end_inclusive == base.end_inclusive && c != base;
        if shifted
            && e.strong == top
            && e.boundaries * 10 >= ends * 9
            && e.boundaries >= best.1 + (ends / 10).max(2)
        {
            best = (c, e.boundaries);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(start: i64, end: i64, name: &str) -> Selection<'_> {
        Selection {
            start,
            end,
            name: Some(name),
        }
    }

    #[test]
    fn utf16_and_crlf_offsets_map_to_margin_chars() {
        let raw = "a😀b\r\nc d";
        let m = Mapper::new(raw, true);
        // "c" is raw char 5, utf16 unit 6, Margin char 4.
        assert_eq!(
            m.map(Convention::STANDARD, 5, 6),
            Some(CharRange::new(4, 5))
        );
        assert_eq!(m.map(Convention::NVIVO, 6, 7), Some(CharRange::new(4, 5)));
        // Inside the surrogate pair: no character there.
        assert_eq!(m.map(Convention::NVIVO, 2, 3), None);
        let bom = Convention {
            bom_counted: true,
            ..Convention::STANDARD
        };
        assert_eq!(m.map(bom, 6, 7), Some(CharRange::new(4, 5)));
        let one = Convention {
            crlf_as_one: true,
            ..Convention::STANDARD
        };
        assert_eq!(m.map(one, 4, 5), Some(CharRange::new(4, 5)));
        assert_eq!(m.map(Convention::STANDARD, 5, 99), None);
        assert_eq!(m.candidates().len(), 2 * 3 * 2 * 2);
    }

    #[test]
    fn names_and_boundaries_decide() {
        let raw = "😀😀 first words here 😀 and then more words";
        let text = Text::new(raw);
        let m = Mapper::new(raw, false);
        // UTF-16 offsets of "first words" and "more words".
        let s1 = raw.find("first").unwrap();
        let u = |b: usize| i64::try_from(raw[..b].encode_utf16().count()).unwrap();
        let s2 = raw.find("more").unwrap();
        let sels = [
            sel(u(s1), u(s1) + 11, "first words"),
            sel(u(s2), u(s2) + 10, "more words"),
        ];
        assert_eq!(
            choose(&m, &text, &sels, Convention::STANDARD),
            Convention::NVIVO
        );
        let c = |b: usize| i64::try_from(raw[..b].chars().count()).unwrap();
        let sels = [sel(c(s1), c(s1) + 11, ""), sel(c(s2), c(s2) + 10, "")];
        assert_eq!(
            choose(&m, &text, &sels, Convention::STANDARD),
            Convention::STANDARD
        );
    }
}
