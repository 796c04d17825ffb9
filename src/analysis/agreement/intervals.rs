//! Interval arithmetic on character ranges: merging a coder's codings into runs, and a sweep
//! over several coders' runs that yields the pieces of text where the set of coders covering it
//! is constant. Everything works on sorted boundaries, never on per-character arrays.

use crate::model::CharRange;

/// Merge ranges into disjoint runs, in text order. Overlapping ranges always join; touching
/// ranges (`a.end == b.start`) join only when `join_touching`.
pub(crate) fn merge(mut ranges: Vec<CharRange>, join_touching: bool) -> Vec<CharRange> {
    ranges.sort_unstable();
    let mut out: Vec<CharRange> = Vec::with_capacity(ranges.len());
    for r in ranges {
        if r.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if r.start < last.end || (join_touching && r.start == last.end) => {
                last.end = last.end.max(r.end);
            }
            _ => out.push(r),
        }
    }
    out
}

/// A stretch of text and the coders covering all of it (bit `i` = the `i`-th coder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The characters.
    pub range: CharRange,
    /// Which coders cover them; never zero.
    pub mask: u64,
}

/// The pieces of text covered by at least one coder, each with the set of coders covering it.
/// `coverage[i]` must be coder `i`'s disjoint runs in text order (see [`merge`]); at most 64
/// coders. Adjacent pieces always differ in their set of coders.
pub(crate) fn pieces(coverage: &[Vec<CharRange>]) -> Vec<Piece> {
    let mut events: Vec<(usize, u64, bool)> =
        Vec::with_capacity(coverage.iter().map(|c| c.len() * 2).sum());
    for (i, runs) in coverage.iter().enumerate() {
        let bit = 1u64 << i;
        for r in runs {
            events.push((r.start, bit, true));
            events.push((r.end, bit, false));
        }
    }
    events.sort_unstable_by_key(|&(pos, _, _)| pos);
    let mut out: Vec<Piece> = Vec::new();
    let mut mask = 0u64;
    let mut i = 0;
    while i < events.len() {
        let pos = events[i].0;
        while i < events.len() && events[i].0 == pos {
            let (_, bit, start) = events[i];
            if start {
                mask |= bit;
            } else {
                mask &= !bit;
            }
            i += 1;
        }
        if mask == 0 {
            continue;
        }
        let Some(&(next, _, _)) = events.get(i) else {
            break;
        };
        match out.last_mut() {
            Some(last) if last.range.end == pos && last.mask == mask => last.range.end = next,
            _ => out.push(Piece {
                range: CharRange::new(pos, next),
                mask,
            }),
        }
    }
    out
}

/// The parts of `within` that `runs` (disjoint, in text order) do not cover.
pub(crate) fn gaps(runs: &[CharRange], within: CharRange) -> Vec<CharRange> {
    let mut out = Vec::with_capacity(runs.len() + 1);
    let mut pos = within.start;
    for r in runs {
        if r.start > pos {
            out.push(CharRange::new(pos, r.start.min(within.end)));
        }
        pos = pos.max(r.end);
    }
    if pos < within.end {
        out.push(CharRange::new(pos, within.end));
    }
    out.retain(|r| !r.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: usize, b: usize) -> CharRange {
        CharRange::new(a, b)
    }

    #[test]
    fn merging_joins_overlaps_and_optionally_touching_ranges() {
        let v = vec![r(5, 8), r(0, 3), r(2, 4), r(8, 9), r(12, 12)];
        assert_eq!(merge(v.clone(), false), vec![r(0, 4), r(5, 8), r(8, 9)]);
        assert_eq!(merge(v, true), vec![r(0, 4), r(5, 9)]);
    }

    #[test]
    fn pieces_carry_the_covering_coders() {
        let a = vec![r(0, 4), r(10, 12)];
        let b = vec![r(2, 6), r(10, 12)];
        assert_eq!(
            pieces(&[a, b]),
            vec![
                Piece {
                    range: r(0, 2),
                    mask: 0b01
                },
                Piece {
                    range: r(2, 4),
                    mask: 0b11
                },
                Piece {
                    range: r(4, 6),
                    mask: 0b10
                },
                Piece {
                    range: r(10, 12),
                    mask: 0b11
                },
            ]
        );
    }

    #[test]
    fn gaps_are_the_complement_within_a_range() {
        assert_eq!(
            gaps(&[r(0, 2), r(4, 6), r(6, 7)], r(0, 10)),
            vec![r(2, 4), r(7, 10)]
        );
        assert_eq!(gaps(&[], r(0, 3)), vec![r(0, 3)]);
    }
}
