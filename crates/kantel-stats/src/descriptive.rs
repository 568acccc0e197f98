//! Descriptive statistics, ranks and Pearson correlation, plus the input checks shared by
//! the tests in this crate.

use crate::StatsError;

/// Arithmetic mean. `None` for an empty slice or when any value is NaN or infinite.
pub fn mean(x: &[f64]) -> Option<f64> {
    if x.is_empty() || x.iter().any(|v| !v.is_finite()) {
        return None;
    }
    Some(x.iter().sum::<f64>() / x.len() as f64)
}

/// Sample standard deviation with the `n - 1` denominator. `None` for fewer than two values
/// or when any value is NaN or infinite.
pub fn sd(x: &[f64]) -> Option<f64> {
    if x.len() < 2 {
        return None;
    }
    let m = mean(x)?;
    let ss: f64 = x.iter().map(|v| (v - m) * (v - m)).sum();
    Some((ss / (x.len() - 1) as f64).sqrt())
}

/// Median (mean of the two middle values for an even count). `None` for an empty slice or
/// when any value is NaN or infinite.
pub fn median(x: &[f64]) -> Option<f64> {
    if x.is_empty() || x.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let mut s = x.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    Some(if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    })
}

/// 1-based ranks; tied values share the average of the ranks they occupy (R's
/// `rank(ties.method = "average")`).
///
/// Meant for finite data. NaN does not panic: it is ordered by [`f64::total_cmp`] (after
/// +∞ for positive NaN), but such ranks carry no statistical meaning.
pub fn ranks(x: &[f64]) -> Vec<f64> {
    doubled_ranks(x)
        .into_iter()
        .map(|r| r as f64 / 2.0)
        .collect()
}

/// Twice the average ranks. An average rank is always a multiple of 1/2, so doubling makes
/// every rank an exact integer; the permutation tests compare statistics built from these
/// integers without floating-point tolerance.
pub(crate) fn doubled_ranks(x: &[f64]) -> Vec<i64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut out = vec![0i64; x.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start;
        // `==` rather than total_cmp so that -0.0 and 0.0 tie, as they do numerically.
        while end + 1 < order.len() && x[order[end + 1]] == x[order[start]] {
            end += 1;
        }
        // Positions start..=end hold ranks start+1..=end+1; their average, doubled:
        let doubled = (start + 1 + end + 1) as i64;
        for &i in &order[start..=end] {
            out[i] = doubled;
        }
        start = end + 1;
    }
    out
}

/// Pearson product-moment correlation.
///
/// Errors for empty input, non-finite values, unequal lengths, fewer than two pairs, and a
/// constant variable (the correlation is then 0/0).
pub fn pearson(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    check_paired(x, y, 2)?;
    check_not_constant("x", x, "the Pearson correlation")?;
    check_not_constant("y", y, "the Pearson correlation")?;
    Ok(pearson_unchecked(x, y))
}

/// Pearson correlation for validated, non-constant data (two-pass for accuracy).
pub(crate) fn pearson_unchecked(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (da, db) = (a - mx, b - my);
        sxy += da * db;
        sxx += da * da;
        syy += db * db;
    }
    (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0)
}

/// Rejects an empty sample or one with a non-finite value.
pub(crate) fn check_sample(what: &'static str, x: &[f64]) -> Result<(), StatsError> {
    if x.is_empty() {
        return Err(StatsError::Empty { what });
    }
    if let Some((index, &value)) = x.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(StatsError::NonFinite { what, index, value });
    }
    Ok(())
}

/// Validates two paired samples `x`, `y` and requires at least `min_n` pairs.
pub(crate) fn check_paired(x: &[f64], y: &[f64], min_n: usize) -> Result<(), StatsError> {
    if x.len() != y.len() {
        return Err(StatsError::LengthMismatch {
            x_len: x.len(),
            y_len: y.len(),
        });
    }
    check_sample("x", x)?;
    check_sample("y", y)?;
    if x.len() < min_n {
        return Err(StatsError::TooFew {
            what: "paired observations",
            needed: min_n,
            got: x.len(),
        });
    }
    Ok(())
}

/// Rejects a (non-empty, validated) sample whose values are all equal.
pub(crate) fn check_not_constant(
    what: &'static str,
    x: &[f64],
    statistic: &'static str,
) -> Result<(), StatsError> {
    if x.iter().all(|&v| v == x[0]) {
        return Err(StatsError::Constant {
            what,
            value: x[0],
            statistic,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_ranks_are_twice_average_ranks() {
        // Sorted: 1(rank 1), 2,2 (ranks 2,3 -> 2.5), 5 (4), 7,7,7 (5,6,7 -> 6)
        let x = [7.0, 2.0, 1.0, 7.0, 5.0, 2.0, 7.0];
        assert_eq!(doubled_ranks(&x), vec![12, 5, 2, 12, 8, 5, 12]);
        assert_eq!(ranks(&x), vec![6.0, 2.5, 1.0, 6.0, 4.0, 2.5, 6.0]);
    }

    #[test]
    fn negative_zero_ties_with_zero() {
        assert_eq!(ranks(&[0.0, -0.0, 1.0]), vec![1.5, 1.5, 3.0]);
    }

    #[test]
    fn nan_does_not_panic() {
        assert_eq!(ranks(&[f64::NAN, 1.0]).len(), 2);
        assert_eq!(mean(&[1.0, f64::NAN]), None);
        assert_eq!(median(&[f64::INFINITY]), None);
    }
}
