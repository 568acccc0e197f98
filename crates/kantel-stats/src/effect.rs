//! Effect sizes for two-group comparisons.

use crate::StatsError;
use crate::descriptive::check_sample;

/// Cliff's delta of `x` vs `y`: (#{xᵢ > yⱼ} − #{xᵢ < yⱼ}) / (n1·n2), in [−1, 1]; positive
/// when `x` tends to be larger. Equals the rank-biserial correlation of the Mann–Whitney test.
///
/// Errors for an empty sample or a non-finite value.
pub fn cliffs_delta(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    check_sample("x", x)?;
    check_sample("y", y)?;
    let mut balance = 0i64;
    for a in x {
        for b in y {
            balance += i64::from(a > b) - i64::from(a < b);
        }
    }
    Ok(balance as f64 / (x.len() as f64 * y.len() as f64))
}
