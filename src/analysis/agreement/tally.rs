//! Counts of binary decisions ("code applied" or not, per coder and unit) and the agreement
//! coefficients computed from them: percent agreement, Cohen's κ and Krippendorff's α (nominal).
//!
//! Every unit is judged by every coder, so the counts below are sufficient statistics: tallies
//! of two sets of units add up to the tally of their union, which is how values are pooled over
//! documents and codes.

use serde::Serialize;

/// Binary decisions of `m` coders over a set of units.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Units judged (characters or segments; one unit per code when pooled over codes).
    pub units: u64,
    /// Units each coder applied the code to, in coder order.
    pub applied: Vec<u64>,
    /// Units every coder applied the code to.
    pub all_applied: u64,
    /// Units on which the coders differ (some applied the code, some did not).
    pub split: u64,
    /// Pairs of coders that differ, summed over units: `Σ k·(m−k)` for `k` of `m` coders applying.
    pub mismatched_pairs: u64,
}

impl Tally {
    /// An empty tally for `coders` coders.
    #[must_use]
    pub fn new(coders: usize) -> Self {
        Self {
            applied: vec![0; coders],
            ..Self::default()
        }
    }

    /// Number of coders.
    #[must_use]
    pub fn coders(&self) -> usize {
        self.applied.len()
    }

    /// Record `count` units on which the coders in `mask` (bit `i` = coder `i`) applied the code.
    pub fn record(&mut self, mask: u64, count: u64) {
        let m = self.coders() as u64;
        let k = u64::from(mask.count_ones());
        self.units += count;
        for (i, a) in self.applied.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                *a += count;
            }
        }
        if k == m {
            self.all_applied += count;
        } else if k > 0 {
            self.split += count;
            self.mismatched_pairs += count * k * (m - k);
        }
    }

    /// Add another tally of the same coders.
    pub fn add(&mut self, other: &Tally) {
        self.units += other.units;
        for (a, b) in self.applied.iter_mut().zip(&other.applied) {
            *a += b;
        }
        self.all_applied += other.all_applied;
        self.split += other.split;
        self.mismatched_pairs += other.mismatched_pairs;
    }

    /// Share of units on which all coders agree, 0 to 1; `None` without units.
    #[must_use]
    pub fn percent_agreement(&self) -> Option<f64> {
        (self.units > 0).then(|| (self.units - self.split) as f64 / self.units as f64)
    }

    /// Cohen's κ for exactly two coders: `(p_o − p_e) / (1 − p_e)` with `p_e` from each coder's
    /// own proportions. `None` for other numbers of coders and when `p_e = 1` (both coders gave
    /// one and the same value to every unit).
    #[must_use]
    pub fn cohen_kappa(&self) -> Option<f64> {
        let [a, b] = self.applied[..] else {
            return None;
        };
        // Everything scaled by N², in integers: N²·p_o, N²·p_e.
        let n = i128::from(self.units);
        let (a, b) = (i128::from(a), i128::from(b));
        let observed = n * (n - i128::from(self.split));
        let expected = a * b + (n - a) * (n - b);
        let denominator = n * n - expected;
        (denominator != 0).then(|| (observed - expected) as f64 / denominator as f64)
    }

    /// Observed and expected disagreement of Krippendorff's α (nominal), over the `m·N` pairable
    /// values; `None` without units.
    #[must_use]
    pub fn alpha_disagreements(&self) -> Option<(f64, f64)> {
        let m = self.coders() as f64;
        let n = m * self.units as f64;
        if self.units == 0 || self.coders() < 2 {
            return None;
        }
        let ones: f64 = self.applied.iter().map(|&a| a as f64).sum();
        let zeros = n - ones;
        let observed = 2.0 * self.mismatched_pairs as f64 / (m - 1.0) / n;
        let expected = 2.0 * ones * zeros / (n * (n - 1.0));
        Some((observed, expected))
    }

    /// Krippendorff's α (nominal): `1 − (n−1)·Σk(m−k) / ((m−1)·n₁·n₀)`, where `n = m·N` values,
    /// `n₁` of them "applied". `None` when all values are equal (no expected disagreement).
    #[must_use]
    pub fn krippendorff_alpha(&self) -> Option<f64> {
        if self.units == 0 || self.coders() < 2 {
            return None;
        }
        let m = self.coders() as u128;
        let n = m * u128::from(self.units);
        let ones: u128 = self.applied.iter().map(|&a| u128::from(a)).sum();
        let zeros = n - ones;
        let denominator = (m - 1) * ones * zeros;
        (denominator != 0).then(|| {
            1.0 - ((n - 1) * u128::from(self.mismatched_pairs)) as f64 / denominator as f64
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten characters; coder A codes 0..4, coder B 2..6 (worked by hand in docs/agreement.md).
    fn hand_example() -> Tally {
        let mut t = Tally::new(2);
        t.record(0b01, 2);
        t.record(0b11, 2);
        t.record(0b10, 2);
        t.record(0, 4);
        t
    }

    #[test]
    fn hand_worked_two_coders() {
        let t = hand_example();
        assert_eq!(t.percent_agreement(), Some(0.6));
        // p_o = 0.6, p_e = 0.4·0.4 + 0.6·0.6 = 0.52, κ = 0.08 / 0.48 = 1/6.
        assert!(
            t.cohen_kappa()
                .is_some_and(|k| (k - 1.0 / 6.0).abs() < 1e-12)
        );
        // n = 20, n₁ = 8, n₀ = 12, Σk(m−k) = 4: α = 1 − 19·4 / (1·8·12) = 5/24.
        assert!(
            t.krippendorff_alpha()
                .is_some_and(|a| (a - 5.0 / 24.0).abs() < 1e-12)
        );
    }

    #[test]
    fn undefined_when_everything_agrees_on_one_value() {
        let mut t = Tally::new(2);
        t.record(0, 10);
        assert_eq!(t.percent_agreement(), Some(1.0));
        assert_eq!(t.cohen_kappa(), None);
        assert_eq!(t.krippendorff_alpha(), None);
        assert_eq!(Tally::new(2).percent_agreement(), None);
    }

    #[test]
    fn tallies_add_up() {
        let mut a = hand_example();
        a.add(&hand_example());
        assert_eq!(a.units, 20);
        assert_eq!(a.applied, vec![8, 8]);
        assert_eq!(a.mismatched_pairs, 8);
        assert_eq!(Tally::new(3).cohen_kappa(), None);
    }
}
