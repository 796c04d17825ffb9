//! Krippendorff's unitizing α (u-α, Krippendorff 1995; 2004, *Content Analysis*, 2nd ed., §12.4)
//! for one code: agreement on where coded passages begin and end, for coders who chose different
//! boundaries.
//!
//! Each coder divides the continuum (a document's characters, or several documents laid end to
//! end) into *units* (passages coded with the code) and *gaps* (everything else). For every two
//! coders, every unit of one that overlaps a unit of the other adds the squared differences of
//! their starts and ends; a unit that lies wholly inside the other coder's gap adds its squared
//! length. The expected disagreement considers every placement of the coders' units within their
//! gaps. Only sorted sections are walked, never characters.

use serde::Serialize;

use super::intervals;
use crate::model::CharRange;

/// Observed and expected disagreement of u-α (or of a coefficient of the cu-α family), and the
/// value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct UnitizingAlpha {
    /// Observed disagreement `D_o`.
    pub observed: f64,
    /// Expected disagreement `D_e`.
    pub expected: f64,
    /// `1 − D_o / D_e`; `None` when `D_e = 0` (nobody coded anything, or, in the cu-α family,
    /// the values do not vary), never silently 1.
    pub value: Option<f64>,
}

impl UnitizingAlpha {
    /// From the two disagreements.
    #[must_use]
    pub fn new(observed: f64, expected: f64) -> Self {
        Self {
            observed,
            expected,
            value: (expected > 0.0).then(|| 1.0 - observed / expected),
        }
    }

    /// Krippendorff's combination over codes: `1 − Σ D_o / Σ D_e`.
    #[must_use]
    pub fn combine(parts: impl IntoIterator<Item = UnitizingAlpha>) -> Self {
        let (o, e) = parts
            .into_iter()
            .fold((0.0, 0.0), |(o, e), p| (o + p.observed, e + p.expected));
        Self::new(o, e)
    }
}

/// What u-α needs to know of one code over a continuum: its length, the observed sum of squared
/// differences, and the lengths of every coder's units and gaps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Continuum {
    coders: usize,
    /// Length `L` in characters.
    length: u64,
    /// `Σ δ²` over unordered pairs of coders.
    observed: f64,
    /// Lengths of all coders' units.
    units: Vec<u64>,
    /// Lengths of all coders' gaps.
    gaps: Vec<u64>,
}

/// A unit (coded) or a gap, as a coder divided the continuum.
#[derive(Clone, Copy, Debug)]
struct Section {
    range: CharRange,
    coded: bool,
}

impl Continuum {
    /// An empty continuum for `coders` coders.
    #[must_use]
    pub fn new(coders: usize) -> Self {
        Self {
            coders,
            ..Self::default()
        }
    }

    /// Append a document of `len` characters, `units[i]` being coder `i`'s units (disjoint, in
    /// text order, inside `0..len`). Units and gaps never run across documents.
    pub fn add_document(&mut self, len: usize, units: &[Vec<CharRange>]) {
        let whole = CharRange::new(0, len);
        let sections: Vec<Vec<Section>> = units
            .iter()
            .map(|runs| {
                let gaps = intervals::gaps(runs, whole);
                self.units.extend(runs.iter().map(|r| r.len() as u64));
                self.gaps.extend(gaps.iter().map(|r| r.len() as u64));
                let mut s: Vec<Section> = runs
                    .iter()
                    .map(|&range| Section { range, coded: true })
                    .chain(gaps.into_iter().map(|range| Section {
                        range,
                        coded: false,
                    }))
                    .collect();
                s.sort_unstable_by_key(|s| s.range.start);
                s
            })
            .collect();
        for i in 0..sections.len() {
            for j in i + 1..sections.len() {
                self.observed += pair_disagreement(&sections[i], &sections[j]);
            }
        }
        self.length += len as u64;
    }

    /// Append a document nobody coded with this code.
    pub fn add_uncoded(&mut self, len: usize) {
        self.length += len as u64;
        if len > 0 {
            self.gaps
                .extend(std::iter::repeat_n(len as u64, self.coders));
        }
    }

    /// Lay `other` after this continuum.
    pub fn append(&mut self, other: &Continuum) {
        self.length += other.length;
        self.observed += other.observed;
        self.units.extend_from_slice(&other.units);
        self.gaps.extend_from_slice(&other.gaps);
    }

    /// `D_o`, `D_e` and u-α.
    #[must_use]
    pub fn alpha(&self) -> UnitizingAlpha {
        if self.length == 0 || self.coders < 2 {
            return UnitizingAlpha::new(0.0, 0.0);
        }
        let l = self.length as f64;
        let m = self.coders as f64;
        let observed = 2.0 * self.observed / (m * (m - 1.0) * l * l);

        // Σ over gaps g ≥ len of (g − len + 1), from sorted gaps and suffix sums.
        let mut gaps = self.gaps.clone();
        gaps.sort_unstable();
        let mut suffix = vec![0.0f64; gaps.len() + 1];
        for i in (0..gaps.len()).rev() {
            suffix[i] = suffix[i + 1] + gaps[i] as f64;
        }
        let n_c = self.units.len() as f64;
        let mut sum = 0.0;
        let mut self_pairs = 0.0;
        for &len in &self.units {
            let x = len as f64;
            let first = gaps.partition_point(|&g| g < len);
            let count = (gaps.len() - first) as f64;
            let fits = suffix[first] - (x - 1.0) * count;
            sum += (n_c - 1.0) * (2.0 * x * x * x - 3.0 * x * x + x) / 3.0 + x * x * fits;
            self_pairs += x * (x - 1.0);
        }
        let denominator = m * l * (m * l - 1.0) - self_pairs;
        let expected = if denominator > 0.0 {
            2.0 / l * sum / denominator
        } else {
            0.0
        };
        UnitizingAlpha::new(observed, expected)
    }
}

/// `Σ δ²` between two coders' sections (each a partition of the same continuum, in order).
fn pair_disagreement(first: &[Section], second: &[Section]) -> f64 {
    let (mut i, mut j) = (0, 0);
    let mut sum = 0.0;
    while let (Some(&x), Some(&y)) = (first.get(i), second.get(j)) {
        sum += delta_squared(x, y);
        if x.range.end <= y.range.end {
            i += 1;
        }
        if y.range.end <= x.range.end {
            j += 1;
        }
    }
    sum
}

/// Krippendorff's squared difference between two overlapping sections of two coders.
fn delta_squared(x: Section, y: Section) -> f64 {
    let sq = |v: i128| (v * v) as f64;
    let (xs, xe) = (x.range.start as i128, x.range.end as i128);
    let (ys, ye) = (y.range.start as i128, y.range.end as i128);
    match (x.coded, y.coded) {
        (true, true) if x.range.overlaps(y.range) => sq(xs - ys) + sq(xe - ye),
        (true, false) if x.range.within(y.range) => sq(xe - xs),
        (false, true) if y.range.within(x.range) => sq(ye - ys),
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: usize, b: usize) -> CharRange {
        CharRange::new(a, b)
    }

    #[test]
    fn hand_worked_two_coders() {
        // Ten characters; A codes 0..4, B codes 2..6 (worked by hand in docs/agreement.md):
        // Σδ² = 2² + 2² = 8, D_o = 2·8 / (2·1·10²) = 0.08;
        // D_e = (2/10)·2·(28 + 16·4) / (20·19 − 24) = 36.8 / 356.
        let mut c = Continuum::new(2);
        c.add_document(10, &[vec![r(0, 4)], vec![r(2, 6)]]);
        let a = c.alpha();
        assert!((a.observed - 0.08).abs() < 1e-12);
        assert!((a.expected - 36.8 / 356.0).abs() < 1e-12);
        let want = 1.0 - 0.08 * 356.0 / 36.8;
        assert!(a.value.is_some_and(|v| (v - want).abs() < 1e-12));
    }

    #[test]
    fn nothing_coded_is_undefined_and_identical_units_agree() {
        let mut c = Continuum::new(2);
        c.add_uncoded(50);
        assert_eq!(c.alpha().value, None);
        let mut c = Continuum::new(3);
        c.add_document(40, &[vec![r(5, 9)], vec![r(5, 9)], vec![r(5, 9)]]);
        assert_eq!(c.alpha().value, Some(1.0));
    }
}
