//! Finding truth-table rows, as R's `QCA::findRows()`: the rows that are subsets of an
//! expression (type 1), contradictory simplifying assumptions (type 2), simultaneous subset
//! relations (type 3), or all of these (type 0). The usual next step is to exclude such rows
//! (`TruthTableSpec::exclude`) before minimizing again.
//!
//! Types 2 and 3 compare the truth table with the one for the negated outcome, built from the
//! same memberships and settings (optionally with other cut-offs for the negation, R's
//! `...` arguments).

use std::collections::{BTreeSet, HashSet};

use kantel_i18n::{Arg, msg};
use serde::{Deserialize, Serialize};

use crate::cubes;
use crate::expr::Expression;
use crate::minimize::{
    MAX_LISTED_CONFIGURATIONS, MinimizeOptions, assumptions_budget, minimize, to_u64,
};
use crate::truth_table::{Out, Outcome, TruthTable, row_weights};
use crate::{QcaError, SetData};

/// What `find_rows` looks for (R's `type` 2 and 3; type 1 is [`find_rows_expr`], type 0
/// [`find_rows_all`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// Type 2: remainders used as simplifying assumptions both by the parsimonious solution
    /// for the outcome and by the one for its negation (all models of each).
    ContradictorySimplifyingAssumptions,
    /// Type 3: rows positive both for the outcome and for its negation.
    SimultaneousSubsetRelations,
}

/// Cut-offs for the truth table of the negated outcome; `None` keeps the table's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NegatedCutoffs {
    /// `incl.cut` for the negation.
    pub incl_cut: Option<f64>,
    /// `pri.cut` for the negation.
    pub pri_cut: Option<f64>,
    /// `n.cut` for the negation.
    pub n_cut: Option<usize>,
}

/// Rows (1-based numbers, sorted) that are subsets of `expression` (R's type 1). Without
/// `observed` only remainders are returned (observed rows are left out, R's default).
pub fn find_rows_expr(
    tt: &TruthTable,
    expression: &str,
    observed: bool,
) -> Result<Vec<u64>, QcaError> {
    let expr = Expression::parse(expression)?;
    let conditions = tt.conditions();
    let noflevels = tt.noflevels();
    let seen: BTreeSet<u64> = tt
        .rows()
        .iter()
        .filter(|r| r.n > 0)
        .map(|r| r.row)
        .collect();
    let weights = row_weights(noflevels);
    let mut out: Vec<u64> = Vec::new();
    for term in &expr.terms {
        // Allowed levels per condition; a condition named twice keeps the common levels.
        let mut allowed: Vec<Vec<u8>> = noflevels.iter().map(|l| (0..*l).collect()).collect();
        for lit in &term.literals {
            let ci = conditions
                .iter()
                .position(|c| *c == lit.condition)
                .ok_or_else(|| QcaError::UnknownColumn {
                    name: lit.condition.clone(),
                    known: conditions.join(", "),
                })?;
            let levels: Vec<u8> = match &lit.levels {
                None => vec![u8::from(!lit.negated)],
                Some(ls) => {
                    if let Some(bad) = ls.iter().find(|l| **l >= noflevels[ci]) {
                        return Err(QcaError::Settings(msg!(
                            "qca-find-rows-no-level",
                            expression = expression.to_string(),
                            name = &lit.condition,
                            level = *bad,
                            max = noflevels[ci] - 1
                        )));
                    }
                    if lit.negated {
                        (0..noflevels[ci]).filter(|l| !ls.contains(l)).collect()
                    } else {
                        ls.clone()
                    }
                }
            };
            allowed[ci].retain(|l| levels.contains(l));
        }
        let count: f64 = allowed.iter().map(|a| a.len() as f64).product();
        if count > MAX_LISTED_CONFIGURATIONS as f64 {
            return Err(QcaError::Settings(msg!(
                "qca-find-rows-term-too-large",
                expression = expression.to_string(),
                term = term.to_string(),
                rows = if count < 1e15 {
                    Arg::Count(count as i64)
                } else {
                    Arg::Number(count)
                },
                max = MAX_LISTED_CONFIGURATIONS
            )));
        }
        if allowed.iter().any(Vec::is_empty) {
            continue;
        }
        // An odometer over the allowed levels, straight to row numbers: no configuration is
        // built (2^20 of them as vectors would take about 50 MB).
        let mut digits = vec![0usize; allowed.len()];
        loop {
            let row = digits
                .iter()
                .zip(&allowed)
                .zip(&weights)
                .map(|((d, a), w)| u64::from(a[*d]) * w)
                .sum::<u64>()
                + 1;
            if observed || !seen.contains(&row) {
                out.push(row);
            }
            let mut i = allowed.len();
            loop {
                if i == 0 {
                    break;
                }
                i -= 1;
                if digits[i] + 1 < allowed[i].len() {
                    digits[i] += 1;
                    break;
                }
                digits[i] = 0;
            }
            if digits.iter().all(|d| *d == 0) {
                break;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Rows of type 2 or 3 (see [`RowKind`]), sorted.
pub fn find_rows(
    tt: &TruthTable,
    kind: RowKind,
    negated: &NegatedCutoffs,
) -> Result<Vec<u64>, QcaError> {
    let ntt = negated_table(tt, negated)?;
    let rows = match kind {
        RowKind::ContradictorySimplifyingAssumptions => {
            contradictory_simplifying_assumptions(tt, &ntt)?
        }
        RowKind::SimultaneousSubsetRelations => {
            let positive = |t: &TruthTable| -> BTreeSet<u64> {
                t.rows()
                    .iter()
                    .filter(|r| r.out == Out::One)
                    .map(|r| r.row)
                    .collect()
            };
            positive(tt)
                .intersection(&positive(&ntt))
                .copied()
                .collect()
        }
    };
    Ok(rows)
}

/// R's type 0: the union of the rows of types 1, 2 and 3.
pub fn find_rows_all(
    tt: &TruthTable,
    expression: &str,
    observed: bool,
    negated: &NegatedCutoffs,
) -> Result<Vec<u64>, QcaError> {
    let mut all: BTreeSet<u64> = find_rows_expr(tt, expression, observed)?
        .into_iter()
        .collect();
    all.extend(find_rows(
        tt,
        RowKind::ContradictorySimplifyingAssumptions,
        negated,
    )?);
    all.extend(find_rows(
        tt,
        RowKind::SimultaneousSubsetRelations,
        negated,
    )?);
    Ok(all.into_iter().collect())
}

/// The truth table for the negation of `tt`'s outcome, from the memberships `tt` holds.
///
/// When `tt`'s outcome is itself negated, the new outcome is 1 − (1 − Y), which can differ
/// from Y in the last bit; only a consistency that lies exactly on a cut-off could notice.
pub fn negated_table(tt: &TruthTable, negated: &NegatedCutoffs) -> Result<TruthTable, QcaError> {
    let mut spec = tt.spec().clone();
    let name = spec.outcome.name.clone();
    let mut names: Vec<String> = tt.conditions().to_vec();
    let mut columns: Vec<Vec<f64>> = (0..names.len())
        .map(|i| tt.condition_values(i).to_vec())
        .collect();
    names.push(name.clone());
    columns.push(tt.outcome_membership().to_vec());
    let data = SetData::new(tt.case_names().to_vec(), names, columns)?;
    spec.outcome = Outcome {
        name,
        levels: Vec::new(),
        negated: true,
    };
    if let Some(v) = negated.incl_cut {
        spec.incl_cut = v;
        if spec.incl_cut_contradiction.is_some_and(|c| c > v) {
            spec.incl_cut_contradiction = None;
        }
    }
    if let Some(v) = negated.pri_cut {
        spec.pri_cut = v;
    }
    if let Some(v) = negated.n_cut {
        spec.n_cut = v;
    }
    TruthTable::build(&data, &spec)
}

/// Remainders that a parsimonious model for the outcome and one for its negation both
/// assume positive. Each side's simplifying assumptions are the union of its models' terms
/// minus its positive rows, so their intersection is the union of the pairwise
/// intersections of the terms minus both sides' positive rows: counted from the cubes
/// first and listed only when at most [`MAX_LISTED_CONFIGURATIONS`].
fn contradictory_simplifying_assumptions(
    tt: &TruthTable,
    ntt: &TruthTable,
) -> Result<Vec<u64>, QcaError> {
    let (terms, mut positive) = parsimonious_terms(tt)?;
    let (negated_terms, negated_positive) = parsimonious_terms(ntt)?;
    let mut both: Vec<Vec<u8>> = Vec::new();
    for a in &terms {
        for b in &negated_terms {
            if let Some(i) = cubes::intersection(a, b)
                && !both.contains(&i)
            {
                both.push(i);
            }
        }
    }
    positive.extend(negated_positive);
    positive.sort();
    positive.dedup();
    let noflevels = tt.noflevels();
    let mut budget = cubes::Budget::default();
    let exhausted = |e: cubes::Exhausted| assumptions_budget("findRows (type = 2)", e);
    let count = cubes::union_size(&both, noflevels, &mut budget).map_err(exhausted)?
        - cubes::count_covered(&both, &positive);
    if count > u128::from(MAX_LISTED_CONFIGURATIONS) {
        return Err(QcaError::Settings(msg!(
            "qca-find-rows-too-many-assumptions",
            count = to_u64(count),
            max = MAX_LISTED_CONFIGURATIONS
        )));
    }
    let except: HashSet<u64> = positive.iter().map(|c| tt.row_number(c)).collect();
    let none: &[Vec<u8>] = &[];
    let rows = cubes::list_difference(
        &both,
        none,
        noflevels,
        &except,
        MAX_LISTED_CONFIGURATIONS,
        &mut budget,
    )
    .map_err(exhausted)?;
    Ok(rows.unwrap_or_default())
}

/// Implicants or configurations, one `Vec<u8>` each (R's primes matrix coding).
type Cubes = Vec<Vec<u8>>;

/// The terms of every model of the parsimonious solution (without duplicates) and the
/// positive configurations of the table.
fn parsimonious_terms(tt: &TruthTable) -> Result<(Cubes, Cubes), QcaError> {
    let options = MinimizeOptions {
        include_remainders: true,
        solutions: vec![crate::minimize::SolutionType::Parsimonious],
        ..MinimizeOptions::default()
    };
    let m = minimize(tt, &options)?;
    let pars = m
        .parsimonious
        .ok_or_else(|| QcaError::Minimization(msg!("qca-find-rows-no-parsimonious")))?;
    let mut terms: Vec<Vec<u8>> = Vec::new();
    for model in &pars.models {
        for t in &model.terms {
            if !terms.contains(&t.implicant) {
                terms.push(t.implicant.clone());
            }
        }
    }
    Ok((terms, tt.configurations(Out::One)))
}
