//! Wilcoxon–Mann–Whitney rank-sum test with exact (conditional) p-values, also under ties.

use serde::{Deserialize, Serialize};

use crate::StatsError;
use crate::descriptive::{check_sample, doubled_ranks};
use crate::permutation::{DEFAULT_PERMUTATIONS, PValueMethod, Shuffler, Tally};

/// Largest pooled sample size (n1 + n2) for which [`mann_whitney`] enumerates the exact null
/// distribution. The dynamic program needs about `min(n1, n2) × n(n+1)` f64 cells
/// (≈ 24 MB at 200), which bounds memory; every study of Dutch municipalities this crate
/// serves is far smaller.
pub const MANN_WHITNEY_EXACT_MAX_N: usize = 200;

/// Seed used when [`mann_whitney`] falls back to a Monte Carlo permutation test
/// (only for n1 + n2 > [`MANN_WHITNEY_EXACT_MAX_N`]).
pub const MANN_WHITNEY_FALLBACK_SEED: u64 = 0;

/// Result of a two-sample Wilcoxon–Mann–Whitney test of `x` against `y`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MannWhitney {
    /// Mann–Whitney U of `x`: pairs (xᵢ, yⱼ) with xᵢ > yⱼ, ties counted ½.
    /// Equals `w - n1(n1+1)/2`, and equals the `W` that R's `wilcox.test(x, y)` prints.
    pub u: f64,
    /// Wilcoxon rank sum of `x` in the pooled sample (average ranks for ties).
    pub w: f64,
    /// Two-sided p-value: probability, under random relabelling of the pooled data,
    /// of a rank sum at least as far from its null mean n1(n+1)/2 as observed.
    pub p_value: f64,
    /// One-sided p-value P(W ≤ w): evidence that `x` tends to be smaller than `y`.
    pub p_less: f64,
    /// One-sided p-value P(W ≥ w): evidence that `x` tends to be larger than `y`.
    pub p_greater: f64,
    /// True when the p-values come from the complete permutation distribution.
    pub exact: bool,
    /// How the p-values were computed (mirrors `exact`, with Monte Carlo details).
    pub method: PValueMethod,
    /// Rank-biserial correlation 2U/(n1·n2) − 1 in [−1, 1]; positive when `x` tends to be
    /// larger. Identical to Cliff's delta of `x` vs `y`.
    pub rank_biserial: f64,
    /// Size of `x`.
    pub n1: usize,
    /// Size of `y`.
    pub n2: usize,
}

/// Two-sided Wilcoxon–Mann–Whitney rank-sum test of `x` vs `y`.
///
/// The p-value is exact: the rank sum's permutation distribution is enumerated by dynamic
/// programming over (doubled, hence integer) average ranks, so ties are handled exactly
/// (the conditional distribution given the observed tie pattern) without any normal
/// approximation. For a pooled size above [`MANN_WHITNEY_EXACT_MAX_N`] it falls back to a
/// Monte Carlo permutation test with [`DEFAULT_PERMUTATIONS`] draws and seed
/// [`MANN_WHITNEY_FALLBACK_SEED`], and sets `exact = false`.
///
/// Errors for an empty sample or a non-finite value (naming the sample and index).
pub fn mann_whitney(x: &[f64], y: &[f64]) -> Result<MannWhitney, StatsError> {
    check_sample("x", x)?;
    check_sample("y", y)?;
    if x.len() + y.len() > MANN_WHITNEY_EXACT_MAX_N {
        return mann_whitney_permutation(x, y, DEFAULT_PERMUTATIONS, MANN_WHITNEY_FALLBACK_SEED);
    }
    let setup = Setup::new(x, y);
    let (n1, n2) = (x.len(), y.len());
    let total = setup.pooled_sum;
    let mut tally = Tally::default();
    // Enumerate subsets of the smaller group (cheaper); a subset sum s of y's ranks means
    // x's rank sum is total − s.
    let (k, to_x): (usize, fn(i64, i64) -> i64) = if n1 <= n2 {
        (n1, |s, _| s)
    } else {
        (n2, |s, total| total - s)
    };
    let counts = subset_sum_counts(&setup.doubled, k);
    let mut all = 0.0;
    for (s, &c) in counts.iter().enumerate() {
        if c > 0.0 {
            let sx = to_x(s as i64, total);
            tally.add(setup.centred(sx), setup.observed, c);
            all += c;
        }
    }
    let (p_value, p_less, p_greater) = tally.exact(all);
    Ok(setup.finish(p_value, p_less, p_greater, PValueMethod::Exact))
}

/// Wilcoxon–Mann–Whitney test with a Monte Carlo permutation p-value: `permutations`
/// random relabellings of the pooled sample drawn from a ChaCha8 stream seeded with `seed`;
/// p = (b + 1)/(permutations + 1). Deterministic for given inputs and seed.
pub fn mann_whitney_permutation(
    x: &[f64],
    y: &[f64],
    permutations: usize,
    seed: u64,
) -> Result<MannWhitney, StatsError> {
    check_sample("x", x)?;
    check_sample("y", y)?;
    if permutations == 0 {
        return Err(StatsError::NoPermutations);
    }
    let setup = Setup::new(x, y);
    let mut pool = setup.doubled.clone();
    let mut shuffler = Shuffler::new(seed);
    let mut tally = Tally::default();
    for _ in 0..permutations {
        shuffler.shuffle(&mut pool);
        let sx: i64 = pool[..x.len()].iter().sum();
        tally.add(setup.centred(sx), setup.observed, 1.0);
    }
    let (p_value, p_less, p_greater) = tally.monte_carlo(permutations);
    Ok(setup.finish(
        p_value,
        p_less,
        p_greater,
        PValueMethod::Permutation { permutations, seed },
    ))
}

/// Quantities shared by the exact and Monte Carlo versions.
struct Setup {
    n1: usize,
    n2: usize,
    /// Doubled average ranks of the pooled sample, x first.
    doubled: Vec<i64>,
    /// Sum of all doubled ranks, n(n+1).
    pooled_sum: i64,
    /// Observed doubled rank sum of x.
    observed_sum: i64,
    /// Observed statistic, centred (see [`Setup::centred`]).
    observed: i128,
}

impl Setup {
    fn new(x: &[f64], y: &[f64]) -> Self {
        let pooled: Vec<f64> = x.iter().chain(y).copied().collect();
        let doubled = doubled_ranks(&pooled);
        let pooled_sum: i64 = doubled.iter().sum();
        let observed_sum: i64 = doubled[..x.len()].iter().sum();
        let mut s = Self {
            n1: x.len(),
            n2: y.len(),
            doubled,
            pooled_sum,
            observed_sum,
            observed: 0,
        };
        s.observed = s.centred(observed_sum);
        s
    }

    /// n·S − n1·Σ(all doubled ranks): the doubled rank sum S of x minus its null mean,
    /// scaled by n so that it stays an integer and comparisons are exact.
    fn centred(&self, doubled_sum_x: i64) -> i128 {
        let n = (self.n1 + self.n2) as i128;
        n * i128::from(doubled_sum_x) - self.n1 as i128 * i128::from(self.pooled_sum)
    }

    fn finish(
        self,
        p_value: f64,
        p_less: f64,
        p_greater: f64,
        method: PValueMethod,
    ) -> MannWhitney {
        let w = self.observed_sum as f64 / 2.0;
        let n1f = self.n1 as f64;
        let u = w - n1f * (n1f + 1.0) / 2.0;
        MannWhitney {
            u,
            w,
            p_value,
            p_less,
            p_greater,
            exact: method == PValueMethod::Exact,
            method,
            rank_biserial: 2.0 * u / (n1f * self.n2 as f64) - 1.0,
            n1: self.n1,
            n2: self.n2,
        }
    }
}

/// Number of size-`k` subsets of `values` (non-negative integers) with each sum, indexed
/// by the sum. Counts are f64: they reach C(200, 100) ≈ 9·10⁵⁸, beyond any integer type,
/// and only positive terms are ever added, so relative rounding error stays near n·ε.
fn subset_sum_counts(values: &[i64], k: usize) -> Vec<f64> {
    let n = values.len();
    let mut sorted: Vec<usize> = values.iter().map(|&v| v as usize).collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let max_sum: usize = sorted[..k].iter().sum();
    let width = max_sum + 1;
    let mut dp = vec![0.0f64; (k + 1) * width];
    dp[0] = 1.0;
    let mut seen_sum = 0usize;
    for (i, &v) in values.iter().enumerate() {
        let a = v as usize;
        seen_sum += a;
        let hi = k.min(i + 1);
        // A layer j < k − (items left after this one) can never grow to size k.
        let lo = 1.max(k.saturating_sub(n - 1 - i));
        let upper = max_sum.min(seen_sum);
        if a > upper {
            continue;
        }
        for j in (lo..=hi).rev() {
            let (prev_rows, cur_rows) = dp.split_at_mut(j * width);
            let prev = &prev_rows[(j - 1) * width..];
            let cur = &mut cur_rows[..width];
            for (c, p) in cur[a..=upper].iter_mut().zip(&prev[..=upper - a]) {
                *c += *p;
            }
        }
    }
    dp.split_off(k * width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_sums_of_one_to_four_choose_two() {
        // Pairs of {1,2,3,4}: sums 3,4,5,5,6,7.
        let c = subset_sum_counts(&[1, 2, 3, 4], 2);
        assert_eq!(c, vec![0.0, 0.0, 0.0, 1.0, 1.0, 2.0, 1.0, 1.0]);
    }

    #[test]
    fn subset_sum_counts_total_is_binomial() {
        let v: Vec<i64> = (1..=30).map(|r| 2 * r).collect();
        let total: f64 = subset_sum_counts(&v, 12).iter().sum();
        assert_eq!(total, 86_493_225.0); // C(30, 12)
    }
}
