//! Finding truth-table rows, as R's `QCA::findRows()`: the rows that are subsets of an
//! expression (type 1), contradictory simplifying assumptions (type 2), simultaneous subset
//! relations (type 3), or all of these (type 0). The usual next step is to exclude such rows
//! (`TruthTableSpec::exclude`) before minimizing again.
//!
//! Types 2 and 3 compare the truth table with the one for the negated outcome, built from the
//! same memberships and settings (optionally with other cut-offs for the negation, R's
//! `...` arguments).

use std::collections::BTreeSet;

use kantel_i18n::{Arg, msg};
use serde::{Deserialize, Serialize};

use crate::expr::Expression;
use crate::minimize::{MAX_LISTED_CONFIGURATIONS, MinimizeOptions, minimize};
use crate::truth_table::{Out, Outcome, TruthTable};
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
    let mut out = BTreeSet::new();
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
        let mut configs: Vec<Vec<u8>> = vec![Vec::new()];
        for a in &allowed {
            configs = configs
                .into_iter()
                .flat_map(|c| {
                    a.iter().map(move |l| {
                        let mut c2 = c.clone();
                        c2.push(*l);
                        c2
                    })
                })
                .collect();
        }
        for c in configs {
            let row = tt.row_number(&c);
            if observed || !seen.contains(&row) {
                out.insert(row);
            }
        }
    }
    Ok(out.into_iter().collect())
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
            let a = simplifying_assumptions(tt)?;
            let b = simplifying_assumptions(&ntt)?;
            a.intersection(&b).copied().collect()
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

/// Remainders that any model of the parsimonious solution assumes positive.
fn simplifying_assumptions(tt: &TruthTable) -> Result<BTreeSet<u64>, QcaError> {
    let options = MinimizeOptions {
        include_remainders: true,
        ..MinimizeOptions::default()
    };
    let m = minimize(tt, &options)?;
    let pars = m
        .parsimonious
        .ok_or_else(|| QcaError::Minimization(msg!("qca-find-rows-no-parsimonious")))?;
    let mut out = BTreeSet::new();
    for (k, model) in pars.models.iter().enumerate() {
        let sa = model.simplifying_assumptions.as_ref().ok_or_else(|| {
            QcaError::Settings(msg!(
                "qca-find-rows-too-many-assumptions",
                model = k + 1,
                max = MAX_LISTED_CONFIGURATIONS
            ))
        })?;
        out.extend(sa.iter().copied());
    }
    Ok(out)
}
