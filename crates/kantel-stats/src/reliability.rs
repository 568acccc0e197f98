//! Internal consistency of a questionnaire scale.

use serde::{Deserialize, Serialize};

use crate::StatsError;
use crate::descriptive::pearson_unchecked;

/// Cronbach's alpha with item diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reliability {
    /// Cronbach's alpha, k/(k−1)·(1 − Σ item variances / variance of the sum score).
    /// At most 1; can be negative when items correlate negatively.
    pub alpha: f64,
    /// Number of respondents (rows).
    pub n_respondents: usize,
    /// Number of items (columns).
    pub n_items: usize,
    /// Alpha of the scale without item j. NaN when it is undefined: with only one item left
    /// (k = 2) or when the remaining sum score is constant.
    pub alpha_if_deleted: Vec<f64>,
    /// Corrected item–total correlation: Pearson correlation of item j with the sum of the
    /// other items. NaN when item j or that rest score is constant.
    pub item_rest: Vec<f64>,
}

/// Cronbach's alpha of a respondents × items matrix (`rows[r][j]` = answer of respondent r
/// to item j).
///
/// Rows must be complete (the caller deletes incomplete respondents listwise). Errors for
/// no rows, fewer than 2 rows or 2 items, ragged rows, non-finite cells (naming row and
/// item), and a sum score without variance.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Result<Reliability, StatsError> {
    if rows.is_empty() {
        return Err(StatsError::Empty { what: "rows" });
    }
    let k = rows[0].len();
    for (r, row) in rows.iter().enumerate() {
        if row.len() != k {
            return Err(StatsError::RaggedRow {
                row: r,
                expected: k,
                got: row.len(),
            });
        }
        if let Some((item, &value)) = row.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(StatsError::NonFiniteCell {
                row: r,
                item,
                value,
            });
        }
    }
    if k < 2 {
        return Err(StatsError::TooFew {
            what: "items per respondent for Cronbach's alpha",
            needed: 2,
            got: k,
        });
    }
    let n = rows.len();
    if n < 2 {
        return Err(StatsError::TooFew {
            what: "respondents for Cronbach's alpha",
            needed: 2,
            got: n,
        });
    }
    let items: Vec<Vec<f64>> = (0..k)
        .map(|j| rows.iter().map(|r| r[j]).collect())
        .collect();
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let item_vars: Vec<f64> = items.iter().map(|c| variance(c)).collect();
    let total_var = variance(&totals);
    if total_var <= 0.0 {
        return Err(StatsError::ZeroTotalVariance { n_respondents: n });
    }
    let alpha = alpha_from(k, item_vars.iter().sum(), total_var);

    let mut alpha_if_deleted = Vec::with_capacity(k);
    let mut item_rest = Vec::with_capacity(k);
    for (j, item) in items.iter().enumerate() {
        // Summed afresh (not total − item) so that an exactly constant rest score is
        // recognised without rounding residue.
        let rest: Vec<f64> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .filter(|&(i, _)| i != j)
                    .map(|(_, v)| v)
                    .sum()
            })
            .collect();
        let rest_var = variance(&rest);
        let rest_item_vars: f64 = item_vars
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != j)
            .map(|(_, v)| v)
            .sum();
        alpha_if_deleted.push(if k > 2 && rest_var > 0.0 {
            alpha_from(k - 1, rest_item_vars, rest_var)
        } else {
            f64::NAN
        });
        item_rest.push(if item_vars[j] > 0.0 && rest_var > 0.0 {
            pearson_unchecked(item, &rest)
        } else {
            f64::NAN
        });
    }
    Ok(Reliability {
        alpha,
        n_respondents: n,
        n_items: k,
        alpha_if_deleted,
        item_rest,
    })
}

fn alpha_from(k: usize, sum_item_var: f64, total_var: f64) -> f64 {
    let kf = k as f64;
    kf / (kf - 1.0) * (1.0 - sum_item_var / total_var)
}

/// Sample variance (n − 1); two-pass, and exactly 0 for constant data (the mean of equal
/// values can differ from them in the last bit, which would leave a spurious residue).
fn variance(x: &[f64]) -> f64 {
    if x.iter().all(|&v| v == x[0]) {
        return 0.0;
    }
    let m = x.iter().sum::<f64>() / x.len() as f64;
    x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (x.len() - 1) as f64
}
