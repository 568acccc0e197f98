//! Multiple-testing adjustment of p-values.

use serde::{Deserialize, Serialize};

/// Multiple-testing correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Correction {
    /// Holm's step-down procedure; controls the family-wise error rate.
    Holm,
    /// Benjamini–Hochberg step-up procedure; controls the false discovery rate.
    BenjaminiHochberg,
}

/// Adjusted p-values in the input order, as R's `p.adjust(p, "holm" | "BH")`.
///
/// With the m finite p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎:
/// - Holm: p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎);
/// - BH:   p̃₍ᵢ₎ = min_{j ≥ i} min(1, m/j · p₍ⱼ₎).
///
/// Like R, entries that are NaN (missing) stay NaN and do not count towards m; infinite
/// entries are treated the same way. Values are not range-checked.
pub fn adjust_p_values(p: &[f64], method: Correction) -> Vec<f64> {
    let mut out = vec![f64::NAN; p.len()];
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| p[i].is_finite()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let m = order.len();
    let mf = m as f64;
    match method {
        Correction::Holm => {
            let mut running = 0.0f64;
            for (j, &i) in order.iter().enumerate() {
                running = running.max(((mf - j as f64) * p[i]).min(1.0));
                out[i] = running;
            }
        }
        Correction::BenjaminiHochberg => {
            let mut running = f64::INFINITY;
            for (j, &i) in order.iter().enumerate().rev() {
                running = running.min((mf / (j + 1) as f64 * p[i]).min(1.0));
                out[i] = running;
            }
        }
    }
    out
}
