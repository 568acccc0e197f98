//! Retention probability of a crisp-set solution under data perturbation, as R's
//! `QCA::retention()` (Thiem, Spöhel & Duşa 2016, "Enhancing sensitivity diagnostics for
//! Qualitative Comparative Analysis: a combinatorial approach", Political Analysis 24).
//!
//! The solution is retained when no truth-table row changes its output value. Cases are
//! perturbed either by *corruption* (the outcome value of a case flips) or by *deletion*
//! (the case is dropped). Perturbations hit cases either *independently*, each with
//! probability `p_pert`, or *dependently*, as a set of exactly `n_pert` cases drawn without
//! replacement. Both are computed exactly, by enumeration and combinatorics, never by
//! simulation: the independent case multiplies, over rows, one minus the binomial
//! probability of the perturbations that flip the row; the dependent case counts the
//! perturbation sets that flip at least one row by inclusion–exclusion over sets of rows.

use std::cell::Cell;

use kantel_i18n::msg;
use serde::{Deserialize, Serialize};

use crate::progress::{NoProgress, Progress, ProgressWhat, Ticker};
use crate::truth_table::{Outcome, check_cut};
use crate::{QcaError, SetData};

/// What happens to a perturbed case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Perturbation {
    /// The outcome value of the case flips (R's `type = "corruption"`).
    Corruption,
    /// The case is removed from the data (R's `type = "deletion"`).
    Deletion,
}

/// How perturbations hit the cases.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "assumption", rename_all = "snake_case")]
pub enum Assumption {
    /// Exactly `n_pert` cases, all sets of that size equally likely (R's `dependent = TRUE`).
    Dependent {
        /// Number of perturbed cases (R's `n.pert`).
        n_pert: usize,
    },
    /// Each case independently with probability `p_pert` (R's `dependent = FALSE`).
    Independent {
        /// Probability that a case is perturbed (R's `p.pert`).
        p_pert: f64,
    },
}

/// Settings of a retention analysis, as R's `retention()` arguments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RetentionSpec {
    /// The outcome (crisp: every case 0 or 1).
    pub outcome: Outcome,
    /// Conditions; empty means every other column (R's default).
    pub conditions: Vec<String>,
    /// `incl.cut`: a row is positive when its share of positive cases reaches it (compared
    /// without tolerance, as R's `retention` does).
    pub incl_cut: f64,
    /// `n.cut`: rows with fewer cases are remainders.
    pub n_cut: usize,
    /// Corruption or deletion.
    pub perturbation: Perturbation,
    /// Dependent (`n_pert`) or independent (`p_pert`) perturbations.
    pub assumption: Assumption,
}

/// One observed configuration: its numbers of positive and negative cases.
#[derive(Clone, Copy, Debug)]
struct Row {
    pos: usize,
    neg: usize,
}

impl Row {
    fn total(self) -> usize {
        self.pos + self.neg
    }
}

/// The work of the dependent case, counted against [`MAX_DEPENDENT_EVALUATIONS`] and
/// reported as progress.
struct Work<'a> {
    done: Cell<f64>,
    ticker: Ticker<'a>,
}

impl Work<'_> {
    /// One row combination or perturbation pattern more.
    fn step(&self) {
        self.done.set(self.done.get() + 1.0);
        self.ticker.tick();
    }
}

/// Cap on sets of rows × perturbation patterns enumerated in the dependent case.
const MAX_DEPENDENT_EVALUATIONS: f64 = 5.0e7;

/// The probability that the solution is retained (no truth-table row changes its output).
pub fn retention(data: &SetData, spec: &RetentionSpec) -> Result<f64, QcaError> {
    retention_with_progress(data, spec, &NoProgress)
}

/// [`retention`], reporting progress ([`ProgressWhat::Retention`]) of the dependent case:
/// units are the row combinations and perturbation patterns counted against its budget
/// (the total). The independent case is a closed formula and reports nothing.
pub fn retention_with_progress(
    data: &SetData,
    spec: &RetentionSpec,
    progress: &dyn Progress,
) -> Result<f64, QcaError> {
    check_cut("incl.cut", spec.incl_cut)?;
    if spec.n_cut == 0 {
        return Err(QcaError::Settings(msg!("qca-retention-n-cut-zero")));
    }
    let rows = rows(data, spec)?;
    let n_cases = data.n_cases();
    match spec.assumption {
        Assumption::Independent { p_pert } => {
            if !(0.0..=1.0).contains(&p_pert) {
                return Err(QcaError::Settings(msg!(
                    "qca-retention-bad-p-pert",
                    value = p_pert
                )));
            }
            Ok(independent(&rows, spec, p_pert))
        }
        Assumption::Dependent { n_pert } => {
            if n_pert == 0 || n_pert > n_cases {
                return Err(QcaError::Settings(msg!(
                    "qca-retention-bad-n-pert",
                    cases = n_cases,
                    value = n_pert
                )));
            }
            progress.start(
                ProgressWhat::Retention,
                Some(MAX_DEPENDENT_EVALUATIONS as u64),
            );
            let work = Work {
                done: Cell::new(0.0),
                ticker: Ticker::new(progress),
            };
            let result = dependent(&rows, spec, n_pert, n_cases, &work);
            work.ticker.flush();
            progress.finish();
            result
        }
    }
}

/// Groups the cases by configuration and counts positive and negative cases; rows with fewer
/// than `n_cut` cases are dropped (they are remainders whatever happens to them, as in R).
fn rows(data: &SetData, spec: &RetentionSpec) -> Result<Vec<Row>, QcaError> {
    let y = spec.outcome.membership(data)?;
    let conditions: Vec<String> = if spec.conditions.is_empty() {
        data.names()
            .iter()
            .filter(|n| **n != spec.outcome.name)
            .cloned()
            .collect()
    } else {
        spec.conditions.clone()
    };
    if conditions.is_empty() {
        return Err(QcaError::Settings(msg!("qca-tt-no-conditions")));
    }
    let mut columns = Vec::with_capacity(conditions.len());
    for c in &conditions {
        if *c == spec.outcome.name {
            return Err(QcaError::Settings(msg!(
                "qca-outcome-as-condition",
                name = c
            )));
        }
        let col = data.require(c)?;
        if let Some(k) = col.iter().position(|v| v.fract() != 0.0 || *v < 0.0) {
            return Err(QcaError::Membership(msg!(
                "qca-retention-not-crisp",
                name = c,
                case = &data.cases()[k],
                value = col[k]
            )));
        }
        columns.push(col);
    }
    if let Some(k) = y.iter().position(|v| *v != 0.0 && *v != 1.0) {
        return Err(QcaError::Membership(msg!(
            "qca-retention-outcome-not-crisp",
            outcome = spec.outcome.to_string(),
            case = &data.cases()[k],
            value = y[k]
        )));
    }
    let mut configs: Vec<(Vec<u64>, Row)> = Vec::new();
    for (case, &out) in y.iter().enumerate() {
        let config: Vec<u64> = columns.iter().map(|c| c[case] as u64).collect();
        let idx = match configs.iter().position(|(c, _)| *c == config) {
            Some(i) => i,
            None => {
                configs.push((config, Row { pos: 0, neg: 0 }));
                configs.len() - 1
            }
        };
        if out == 1.0 {
            configs[idx].1.pos += 1;
        } else {
            configs[idx].1.neg += 1;
        }
    }
    Ok(configs
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r| r.total() >= spec.n_cut)
        .collect())
}

/// Whether perturbing `lost_pos` positive and `lost_neg` negative cases of `row` changes its
/// output value. Deletion follows R's `retention` in detail: with independent perturbations
/// the row loses both kinds of cases; with dependent perturbations R subtracts only the
/// deleted positive cases from the row's total (so deleting negative cases never changes a
/// row), and kantel does the same for parity.
fn changes(
    row: Row,
    lost_pos: usize,
    lost_neg: usize,
    spec: &RetentionSpec,
    deletion_counts_negatives: bool,
) -> bool {
    let ic = spec.incl_cut;
    let initially = row.pos as f64 / row.total() as f64;
    match spec.perturbation {
        Perturbation::Corruption => {
            let after = (row.pos + lost_neg - lost_pos) as f64 / row.total() as f64;
            (initially >= ic && after < ic) || (initially < ic && after >= ic)
        }
        Perturbation::Deletion => {
            let removed = if deletion_counts_negatives {
                lost_pos + lost_neg
            } else {
                lost_pos
            };
            let remaining = row.total() - removed;
            // 0/0 when a row loses all its cases: NaN compares false, and the row then
            // counts as changed through `remaining < n_cut` (n_cut >= 1), as in R.
            let after = (row.pos - lost_pos) as f64 / remaining as f64;
            // R also requires `remaining >= n_cut` for a row that turns positive; that is
            // implied once `remaining < n_cut` has been ruled out.
            remaining < spec.n_cut
                || (initially >= ic && after < ic)
                || (initially < ic && after >= ic)
        }
    }
}

fn independent(rows: &[Row], spec: &RetentionSpec, p: f64) -> f64 {
    rows.iter()
        .map(|&row| {
            let mut keep = 1.0;
            for a in 0..=row.pos {
                for b in 0..=row.neg {
                    if a + b == 0 {
                        continue;
                    }
                    if changes(row, a, b, spec, true) {
                        keep -= dbinom(a, row.pos, p) * dbinom(b, row.neg, p);
                    }
                }
            }
            keep
        })
        .product()
}

fn dependent(
    rows: &[Row],
    spec: &RetentionSpec,
    n_pert: usize,
    n_cases: usize,
    work: &Work<'_>,
) -> Result<f64, QcaError> {
    let total_sets = choose(n_cases, n_pert);
    let mut flipping = 0.0;
    // One budget (`work`) for the whole computation: row combinations times perturbation patterns
    // can explode (n.pert = 20 on 200 cases ran without end) even when the row
    // combinations alone are few.
    for size in 1..=n_pert {
        // R stops adding inclusion–exclusion terms once every perturbation set is counted.
        if flipping == total_sets {
            break;
        }
        let term = sets_flipping_all_of(rows, spec, size.min(rows.len()), n_pert, n_cases, work)?;
        if size % 2 == 1 {
            flipping += term;
        } else {
            flipping -= term;
        }
    }
    Ok(1.0 - flipping / total_sets)
}

/// Σ over sets S of `k` rows of the number of perturbation sets (of `n_pert` cases among all
/// cases) that perturb at least one case in every row of S and change every row of S.
fn sets_flipping_all_of(
    rows: &[Row],
    spec: &RetentionSpec,
    k: usize,
    n_pert: usize,
    n_cases: usize,
    work: &Work<'_>,
) -> Result<f64, QcaError> {
    if k == 0 {
        return Ok(0.0);
    }
    let too_much = || {
        QcaError::Settings(msg!(
            "qca-retention-too-many-combinations",
            rows = rows.len(),
            n_pert = n_pert,
            max = MAX_DEPENDENT_EVALUATIONS
        ))
    };
    if work.done.get() + choose(rows.len(), k) > MAX_DEPENDENT_EVALUATIONS {
        return Err(too_much());
    }
    let mut total = 0.0;
    let mut combo: Vec<usize> = (0..k).collect();
    loop {
        let chosen: Vec<Row> = combo.iter().map(|&i| rows[i]).collect();
        let cases_in: usize = chosen.iter().map(|r| r.total()).sum();
        let mut pattern = vec![(0usize, 0usize); k];
        work.step();
        total += patterns(&chosen, &mut pattern, 0, 0, n_pert, work, &|p: &[(
            usize,
            usize,
        )]| {
            if !chosen
                .iter()
                .zip(p)
                .all(|(r, (a, b))| changes(*r, *a, *b, spec, false))
            {
                return 0.0;
            }
            let used: usize = p.iter().map(|(a, b)| a + b).sum();
            let ways: f64 = chosen
                .iter()
                .zip(p)
                .map(|(r, (a, b))| choose(r.pos, *a) * choose(r.neg, *b))
                .product();
            ways * choose(n_cases - cases_in, n_pert - used)
        });
        if work.done.get() > MAX_DEPENDENT_EVALUATIONS {
            return Err(too_much());
        }
        if !next_combination(&mut combo, rows.len()) {
            break;
        }
    }
    Ok(total)
}

/// What a perturbation pattern (perturbed positive and negative cases per row) counts for.
type PatternValue<'a> = dyn Fn(&[(usize, usize)]) -> f64 + 'a;

/// Sums `value` over all patterns: per chosen row (a positive, b negative) perturbed cases,
/// a + b >= 1 in every row, at most `budget` in all.
fn patterns(
    chosen: &[Row],
    pattern: &mut Vec<(usize, usize)>,
    at: usize,
    used: usize,
    budget: usize,
    work: &Work<'_>,
    value: &PatternValue<'_>,
) -> f64 {
    // Over budget: stop here; the caller sees the count and reports it.
    if work.done.get() > MAX_DEPENDENT_EVALUATIONS {
        return 0.0;
    }
    work.step();
    if at == chosen.len() {
        return value(pattern);
    }
    let mut sum = 0.0;
    let left = budget - used;
    // Every later row needs at least one perturbed case.
    let reserve = chosen.len() - at - 1;
    if left < 1 + reserve {
        return 0.0;
    }
    for a in 0..=chosen[at].pos.min(left) {
        for b in 0..=chosen[at].neg.min(left - a) {
            if a + b == 0 || a + b + reserve > left {
                continue;
            }
            pattern[at] = (a, b);
            sum += patterns(chosen, pattern, at + 1, used + a + b, budget, work, value);
        }
    }
    sum
}

/// Advances a sorted k-combination of 0..n to the next one in lexicographic order.
fn next_combination(combo: &mut [usize], n: usize) -> bool {
    let k = combo.len();
    let mut i = k;
    while i > 0 {
        i -= 1;
        if combo[i] < n - k + i {
            combo[i] += 1;
            for j in i + 1..k {
                combo[j] = combo[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

/// Binomial coefficient as a float (exact for the sizes retention meets, rounded to a whole
/// number as R's `choose` does).
fn choose(n: usize, k: usize) -> f64 {
    if k > n {
        return 0.0;
    }
    let k = k.min(n - k);
    let mut c = 1.0_f64;
    for j in 1..=k {
        c = c * (n - k + j) as f64 / j as f64;
    }
    c.round()
}

/// Binomial probability of `k` successes in `n` trials.
fn dbinom(k: usize, n: usize, p: f64) -> f64 {
    choose(n, k) * p.powi(k as i32) * (1.0 - p).powi((n - k) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(perturbation: Perturbation, assumption: Assumption) -> RetentionSpec {
        RetentionSpec {
            outcome: Outcome::parse("Y").unwrap(),
            conditions: vec!["A".into()],
            incl_cut: 1.0,
            n_cut: 1,
            perturbation,
            assumption,
        }
    }

    /// Two rows: A=1 with two positive cases, A=0 with one negative case.
    fn tiny() -> SetData {
        SetData::new(
            vec!["a".into(), "b".into(), "c".into()],
            vec!["A".into(), "Y".into()],
            vec![vec![1.0, 1.0, 0.0], vec![1.0, 1.0, 0.0]],
        )
        .unwrap()
    }

    #[test]
    fn dependent_corruption_by_hand() {
        // Flipping any one of the three cases changes its row (incl.cut = 1: one negative
        // case makes A=1 negative; a positive case makes A=0 positive): nothing is retained.
        let r = retention(
            &tiny(),
            &spec(
                Perturbation::Corruption,
                Assumption::Dependent { n_pert: 1 },
            ),
        )
        .unwrap();
        assert_eq!(r, 0.0);
    }

    #[test]
    fn independent_corruption_by_hand() {
        // Row A=1 keeps its value only when neither positive case flips: (1-p)^2; row A=0
        // only when its negative case does not flip: 1-p. Retention (1-p)^3.
        let p = 0.1;
        let r = retention(
            &tiny(),
            &spec(
                Perturbation::Corruption,
                Assumption::Independent { p_pert: p },
            ),
        )
        .unwrap();
        assert!((r - 0.9f64.powi(3)).abs() < 1e-15);
    }

    #[test]
    fn independent_deletion_by_hand() {
        // Deleting one positive case of A=1 keeps it positive; deleting both empties it.
        // Row A=0 changes when its only case goes. Retention (1 - p^2)(1 - p).
        let p = 0.2;
        let r = retention(
            &tiny(),
            &spec(
                Perturbation::Deletion,
                Assumption::Independent { p_pert: p },
            ),
        )
        .unwrap();
        assert!((r - (1.0 - p * p) * (1.0 - p)).abs() < 1e-15);
    }

    #[test]
    fn rejects_fuzzy_outcome_and_bad_settings() {
        let d = SetData::new(
            vec!["a".into(), "b".into()],
            vec!["A".into(), "Y".into()],
            vec![vec![1.0, 0.0], vec![0.7, 0.0]],
        )
        .unwrap();
        let e = retention(
            &d,
            &spec(
                Perturbation::Corruption,
                Assumption::Dependent { n_pert: 1 },
            ),
        )
        .unwrap_err();
        assert!(e.to_string().contains("case a"));
        let e = retention(
            &tiny(),
            &spec(
                Perturbation::Corruption,
                Assumption::Dependent { n_pert: 4 },
            ),
        )
        .unwrap_err();
        assert!(e.to_string().contains("n.pert"));
    }
}
