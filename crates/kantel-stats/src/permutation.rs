//! Shared machinery for permutation tests: how a p-value was obtained, a reproducible
//! shuffle, and exhaustive enumeration of permutations.

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Number of random permutations drawn when a test falls back to Monte Carlo.
pub const DEFAULT_PERMUTATIONS: usize = 20_000;

/// How a p-value was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PValueMethod {
    /// From the complete permutation (null) distribution: no sampling error.
    Exact,
    /// Monte Carlo permutation test: `permutations` random relabelings drawn from a
    /// ChaCha8 stream seeded with `seed`; p = (b + 1) / (permutations + 1), where b counts
    /// relabelings at least as extreme as the observed data.
    Permutation {
        /// Number of random permutations drawn.
        permutations: usize,
        /// Seed of the ChaCha8 generator.
        seed: u64,
    },
}

/// Tally of a Monte Carlo or exact permutation test in the three directions.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tally {
    /// Count (or probability mass) of statistics at least as far from the null mean as observed.
    pub two_sided: f64,
    /// ... less than or equal to the observed statistic.
    pub less: f64,
    /// ... greater than or equal to the observed statistic.
    pub greater: f64,
}

impl Tally {
    /// Adds `weight` for one null statistic `t`, where `obs` is the observed statistic and
    /// both are already centred at the null mean (so two-sided extremeness is `|t| >= |obs|`).
    #[inline]
    pub fn add(&mut self, t: i128, obs: i128, weight: f64) {
        if t.abs() >= obs.abs() {
            self.two_sided += weight;
        }
        if t <= obs {
            self.less += weight;
        }
        if t >= obs {
            self.greater += weight;
        }
    }

    /// Converts counts over all `total` permutations to probabilities.
    pub fn exact(self, total: f64) -> (f64, f64, f64) {
        (
            (self.two_sided / total).min(1.0),
            (self.less / total).min(1.0),
            (self.greater / total).min(1.0),
        )
    }

    /// Converts counts over `m` random permutations to Monte Carlo p-values (b + 1) / (m + 1);
    /// the +1 counts the observed labelling, which keeps the test valid and p > 0.
    pub fn monte_carlo(self, m: usize) -> (f64, f64, f64) {
        let d = m as f64 + 1.0;
        (
            (self.two_sided + 1.0) / d,
            (self.less + 1.0) / d,
            (self.greater + 1.0) / d,
        )
    }
}

/// A reproducible permutation source. Built on ChaCha8's raw 64-bit output with our own
/// bounded sampling, so the sequence of permutations depends only on the seed and the
/// ChaCha8 stream (fixed by its specification), not on sampling details of a `rand` version.
pub(crate) struct Shuffler {
    rng: ChaCha8Rng,
}

impl Shuffler {
    pub fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// Uniform integer in `0..bound` (1 ≤ bound < 2³²), unbiased (Lemire's
    /// multiply-and-reject). 32-bit draws halve the generator work of 64-bit ones, and no
    /// sample handled here comes near 2³² elements.
    fn below(&mut self, bound: u32) -> u32 {
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let m = u64::from(self.rng.next_u32()) * u64::from(bound);
            if (m as u32) >= threshold {
                return (m >> 32) as u32;
            }
        }
    }

    /// Fisher–Yates shuffle in place.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            // Saturating keeps j in range even for (impractical) slices beyond 2³² items.
            let bound = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let j = self.below(bound) as usize;
            v.swap(i, j);
        }
    }
}

/// Calls `f` once for every permutation of `v` (Heap's algorithm; `v.len()!` calls).
pub(crate) fn for_each_permutation<T>(v: &mut [T], mut f: impl FnMut(&[T])) {
    let n = v.len();
    let mut c = vec![0usize; n];
    f(v);
    let mut i = 1;
    while i < n {
        if c[i] < i {
            if i % 2 == 0 {
                v.swap(0, i);
            } else {
                v.swap(c[i], i);
            }
            f(v);
            c[i] += 1;
            i = 1;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
}

/// n! as f64 (exact for the small n it is used with).
pub(crate) fn factorial(n: usize) -> f64 {
    (1..=n).map(|k| k as f64).product()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn heap_visits_every_permutation_once() {
        let mut v = [0u8, 1, 2, 3, 4];
        let mut seen = HashSet::new();
        let mut calls = 0;
        for_each_permutation(&mut v, |p| {
            calls += 1;
            seen.insert(p.to_vec());
        });
        assert_eq!(calls, 120);
        assert_eq!(seen.len(), 120);
    }

    #[test]
    fn shuffle_is_roughly_uniform() {
        // 3! = 6 orderings, 60_000 draws: each expected 10_000 (sd ≈ 91). A biased
        // `below` (e.g. plain modulo of a small range) would not move these much, but an
        // off-by-one in Fisher–Yates leaves some orderings at zero.
        let mut s = Shuffler::new(7);
        let mut counts = std::collections::HashMap::new();
        for _ in 0..60_000 {
            let mut v = [0u8, 1, 2];
            s.shuffle(&mut v);
            *counts.entry(v).or_insert(0u32) += 1;
        }
        assert_eq!(counts.len(), 6);
        for &c in counts.values() {
            assert!((9_500..=10_500).contains(&c), "count {c}");
        }
    }
}
