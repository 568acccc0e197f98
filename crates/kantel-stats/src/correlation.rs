//! Rank correlations (Spearman's ρ, Kendall's τ-b) with exact or seeded Monte Carlo
//! permutation p-values.

use serde::{Deserialize, Serialize};

use crate::StatsError;
use crate::descriptive::{check_not_constant, check_paired, doubled_ranks};
use crate::permutation::{
    DEFAULT_PERMUTATIONS, PValueMethod, Shuffler, Tally, factorial, for_each_permutation,
};

/// Largest n for which Spearman's ρ (and Kendall's τ-b with ties) is tested by enumerating
/// all n! permutations (9! = 362 880).
pub const ENUMERATION_MAX_N: usize = 9;

/// Largest n for which Kendall's τ without ties uses the exact Mahonian distribution.
/// The cost grows like n⁴/8 (≈ 6·10⁷ steps at 150); every study this crate serves is smaller.
pub const KENDALL_EXACT_MAX_N: usize = 150;

/// A rank correlation with its permutation test of independence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correlation {
    /// The correlation coefficient, in [−1, 1].
    pub estimate: f64,
    /// Two-sided p-value: probability under independence (random pairing) of a statistic
    /// at least as far from zero as observed.
    pub p_value: f64,
    /// One-sided p-value for negative association, P(T ≤ t).
    pub p_less: f64,
    /// One-sided p-value for positive association, P(T ≥ t).
    pub p_greater: f64,
    /// How the p-values were computed.
    pub method: PValueMethod,
    /// Number of pairs.
    pub n: usize,
}

/// Spearman's rank correlation ρ (Pearson correlation of average ranks) with a permutation
/// test of independence.
///
/// For n ≤ [`ENUMERATION_MAX_N`] the p-values are exact (all n! pairings, ties included);
/// above that they are Monte Carlo with [`DEFAULT_PERMUTATIONS`] ChaCha8 draws seeded with
/// `seed`, p = (b + 1)/(m + 1). Errors for empty input, non-finite values, unequal lengths,
/// fewer than 2 pairs, or a constant variable.
pub fn spearman(x: &[f64], y: &[f64], seed: u64) -> Result<Correlation, StatsError> {
    let s = SpearmanSetup::new(x, y)?;
    if s.a.len() > ENUMERATION_MAX_N {
        return Ok(s.monte_carlo(DEFAULT_PERMUTATIONS, seed));
    }
    let mut b = s.b.clone();
    let mut tally = Tally::default();
    for_each_permutation(&mut b, |perm| tally.add(s.centred(perm), s.observed, 1.0));
    let (p, lo, hi) = tally.exact(factorial(s.a.len()));
    Ok(s.result(p, lo, hi, PValueMethod::Exact))
}

/// Spearman's ρ with a Monte Carlo permutation p-value regardless of n (`permutations`
/// ChaCha8 draws seeded with `seed`).
pub fn spearman_permutation(
    x: &[f64],
    y: &[f64],
    permutations: usize,
    seed: u64,
) -> Result<Correlation, StatsError> {
    let s = SpearmanSetup::new(x, y)?;
    if permutations == 0 {
        return Err(StatsError::NoPermutations);
    }
    Ok(s.monte_carlo(permutations, seed))
}

struct SpearmanSetup {
    a: Vec<i64>,
    b: Vec<i64>,
    sum_a: i128,
    sum_b: i128,
    estimate: f64,
    observed: i128,
}

impl SpearmanSetup {
    fn new(x: &[f64], y: &[f64]) -> Result<Self, StatsError> {
        check_paired(x, y, 2)?;
        check_not_constant("x", x, "Spearman's rho")?;
        check_not_constant("y", y, "Spearman's rho")?;
        let a = doubled_ranks(x);
        let b = doubled_ranks(y);
        let n = a.len() as i128;
        let sum_a: i128 = a.iter().map(|&v| i128::from(v)).sum();
        let sum_b: i128 = b.iter().map(|&v| i128::from(v)).sum();
        let ss =
            |v: &[i64], s: i128| n * v.iter().map(|&r| i128::from(r).pow(2)).sum::<i128>() - s * s;
        let (va, vb) = (ss(&a, sum_a), ss(&b, sum_b));
        let mut setup = Self {
            a,
            b,
            sum_a,
            sum_b,
            estimate: 0.0,
            observed: 0,
        };
        setup.observed = setup.centred(&setup.b);
        setup.estimate =
            (setup.observed as f64 / ((va as f64).sqrt() * (vb as f64).sqrt())).clamp(-1.0, 1.0);
        Ok(setup)
    }

    /// n·Σaᵢbᵢ − Σa·Σb for the pairing (a, b): the numerator of ρ on doubled ranks, an
    /// exact integer. Only Σaᵢbᵢ changes under re-pairing, so ρ is monotone in it.
    fn centred(&self, b: &[i64]) -> i128 {
        // Doubled ranks are ≤ 2n, so each product (≤ 4n²) fits i64; the sum may not.
        let dot: i128 = self.a.iter().zip(b).map(|(&p, &q)| i128::from(p * q)).sum();
        self.a.len() as i128 * dot - self.sum_a * self.sum_b
    }

    fn monte_carlo(&self, permutations: usize, seed: u64) -> Correlation {
        let mut b = self.b.clone();
        let mut shuffler = Shuffler::new(seed);
        let mut tally = Tally::default();
        for _ in 0..permutations {
            shuffler.shuffle(&mut b);
            tally.add(self.centred(&b), self.observed, 1.0);
        }
        let (p, lo, hi) = tally.monte_carlo(permutations);
        self.result(p, lo, hi, PValueMethod::Permutation { permutations, seed })
    }

    fn result(
        &self,
        p_value: f64,
        p_less: f64,
        p_greater: f64,
        method: PValueMethod,
    ) -> Correlation {
        Correlation {
            estimate: self.estimate,
            p_value,
            p_less,
            p_greater,
            method,
            n: self.a.len(),
        }
    }
}

/// Kendall's τ-b with a permutation test of independence.
///
/// τ-b = S / √((n₀ − n_x)(n₀ − n_y)) with S = concordant − discordant pairs, n₀ = n(n−1)/2
/// and n_x, n_y the pairs tied in x, y. The test statistic is S (the denominator does not
/// change under re-pairing). p-values are:
/// - exact from the Mahonian distribution of inversions when neither variable has ties and
///   n ≤ [`KENDALL_EXACT_MAX_N`];
/// - exact by enumerating all n! pairings when there are ties and n ≤ [`ENUMERATION_MAX_N`];
/// - otherwise Monte Carlo with [`DEFAULT_PERMUTATIONS`] ChaCha8 draws seeded with `seed`.
///
/// Errors for empty input, non-finite values, unequal lengths, fewer than 2 pairs, or a
/// constant variable.
pub fn kendall_tau_b(x: &[f64], y: &[f64], seed: u64) -> Result<Correlation, StatsError> {
    let k = KendallSetup::new(x, y)?;
    let n = x.len();
    if k.ties_x == 0 && k.ties_y == 0 && n <= KENDALL_EXACT_MAX_N {
        return Ok(k.mahonian());
    }
    if n <= ENUMERATION_MAX_N {
        let mut b = k.y.clone();
        let mut tally = Tally::default();
        for_each_permutation(&mut b, |perm| tally.add(k.s_of(perm), k.s, 1.0));
        let (p, lo, hi) = tally.exact(factorial(n));
        return Ok(k.result(p, lo, hi, PValueMethod::Exact));
    }
    Ok(k.monte_carlo(DEFAULT_PERMUTATIONS, seed))
}

/// Kendall's τ-b with a Monte Carlo permutation p-value regardless of n and ties.
pub fn kendall_tau_b_permutation(
    x: &[f64],
    y: &[f64],
    permutations: usize,
    seed: u64,
) -> Result<Correlation, StatsError> {
    let k = KendallSetup::new(x, y)?;
    if permutations == 0 {
        return Err(StatsError::NoPermutations);
    }
    Ok(k.monte_carlo(permutations, seed))
}

struct KendallSetup {
    /// sign(x_j − x_i) for all i < j, row-major.
    sx: Vec<i8>,
    y: Vec<f64>,
    s: i128,
    ties_x: u64,
    ties_y: u64,
    estimate: f64,
}

fn tied_pairs(v: &[f64]) -> u64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let mut pairs = 0u64;
    let mut i = 0;
    while i < s.len() {
        let mut j = i;
        while j + 1 < s.len() && s[j + 1] == s[i] {
            j += 1;
        }
        let t = (j - i + 1) as u64;
        pairs += t * (t - 1) / 2;
        i = j + 1;
    }
    pairs
}

fn sign(d: f64) -> i8 {
    if d > 0.0 {
        1
    } else if d < 0.0 {
        -1
    } else {
        0
    }
}

impl KendallSetup {
    fn new(x: &[f64], y: &[f64]) -> Result<Self, StatsError> {
        check_paired(x, y, 2)?;
        check_not_constant("x", x, "Kendall's tau-b")?;
        check_not_constant("y", y, "Kendall's tau-b")?;
        let n = x.len();
        let mut sx = Vec::with_capacity(n * (n - 1) / 2);
        for i in 0..n {
            for j in i + 1..n {
                sx.push(sign(x[j] - x[i]));
            }
        }
        let mut k = Self {
            sx,
            y: y.to_vec(),
            s: 0,
            ties_x: tied_pairs(x),
            ties_y: tied_pairs(y),
            estimate: 0.0,
        };
        k.s = k.s_of(y);
        let n0 = (n * (n - 1) / 2) as f64;
        let denom = ((n0 - k.ties_x as f64) * (n0 - k.ties_y as f64)).sqrt();
        k.estimate = (k.s as f64 / denom).clamp(-1.0, 1.0);
        Ok(k)
    }

    /// S = Σ_{i<j} sign(x_j − x_i)·sign(y_j − y_i) for the pairing of x with `y`.
    fn s_of(&self, y: &[f64]) -> i128 {
        let n = y.len();
        let mut s = 0i64;
        let mut idx = 0;
        for i in 0..n {
            for &yj in &y[i + 1..] {
                s += i64::from(self.sx[idx] * sign(yj - y[i]));
                idx += 1;
            }
        }
        i128::from(s)
    }

    fn monte_carlo(&self, permutations: usize, seed: u64) -> Correlation {
        let mut b = self.y.clone();
        let mut shuffler = Shuffler::new(seed);
        let mut tally = Tally::default();
        for _ in 0..permutations {
            shuffler.shuffle(&mut b);
            tally.add(self.s_of(&b), self.s, 1.0);
        }
        let (p, lo, hi) = tally.monte_carlo(permutations);
        self.result(p, lo, hi, PValueMethod::Permutation { permutations, seed })
    }

    /// Exact test without ties. Re-pairing untied data is a uniformly random permutation
    /// whose discordant pairs are its inversions I, and S = n₀ − 2I.
    fn mahonian(&self) -> Correlation {
        let n = self.y.len();
        let n0 = (n * (n - 1) / 2) as i128;
        let inv = ((n0 - self.s) / 2) as usize;
        let n0u = n0 as usize;
        // S ≥ s ⇔ I ≤ inv; S ≤ s ⇔ I ≥ inv ⇔ (by symmetry I ↦ n₀ − I) I ≤ n₀ − inv.
        let p_greater = mahonian_cdf(n, inv);
        let p_less = mahonian_cdf(n, n0u - inv);
        let p_value = if self.s == 0 {
            1.0
        } else {
            // |S| ≥ |s| ⇔ I ≤ m or I ≥ n₀ − m with m = min(inv, n₀ − inv) < n₀/2;
            // the two tails are disjoint and equally likely.
            (2.0 * mahonian_cdf(n, inv.min(n0u - inv))).min(1.0)
        };
        self.result(p_value, p_less, p_greater, PValueMethod::Exact)
    }

    fn result(
        &self,
        p_value: f64,
        p_less: f64,
        p_greater: f64,
        method: PValueMethod,
    ) -> Correlation {
        Correlation {
            estimate: self.estimate,
            p_value,
            p_less,
            p_greater,
            method,
            n: self.y.len(),
        }
    }
}

/// P(I ≤ t) for the number of inversions I of a uniformly random permutation of n items.
///
/// I is a sum of independent uniforms on {0..i−1}, i = 1..n, so its distribution (the
/// Mahonian numbers over n!) follows by repeated convolution. Only the lower tail up to
/// t ≤ n₀/2 is built, by direct summation of non-negative terms (no cancellation), so
/// small tail probabilities keep full relative precision.
pub(crate) fn mahonian_cdf(n: usize, t: usize) -> f64 {
    let n0 = n * n.saturating_sub(1) / 2;
    if t >= n0 {
        return 1.0;
    }
    if 2 * t > n0 {
        // P(I ≤ t) = 1 − P(I ≥ t+1) = 1 − P(I ≤ n₀ − t − 1) by symmetry.
        return (1.0 - mahonian_cdf(n, n0 - t - 1)).clamp(0.0, 1.0);
    }
    let mut dist = vec![0.0f64; t + 1];
    dist[0] = 1.0;
    for i in 2..=n {
        let inv_i = 1.0 / i as f64;
        // Descending k: dist[k - j] for j ≥ 0 is still the previous stage's value.
        for k in (0..=t).rev() {
            let lo = k.saturating_sub(i - 1);
            let s: f64 = dist[lo..=k].iter().sum();
            dist[k] = s * inv_i;
        }
    }
    dist.iter().sum::<f64>().min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mahonian_n4_matches_table() {
        // Permutations of 4 by inversions (OEIS A008302 row 4): 1, 3, 5, 6, 5, 3, 1.
        let cum = [1.0, 4.0, 9.0, 15.0, 20.0, 23.0, 24.0];
        for (t, c) in cum.iter().enumerate() {
            assert!((mahonian_cdf(4, t) - c / 24.0).abs() < 1e-15, "t = {t}");
        }
    }

    #[test]
    fn tied_pairs_counts() {
        assert_eq!(tied_pairs(&[1.0, 1.0, 2.0, 3.0, 3.0, 3.0]), 1 + 3);
    }
}
