//! Enhanced standard analysis (Schneider & Wagemann 2012, ch. 8; SetMethods' `esa()`):
//! remainders whose assumption as sufficient would be untenable are excluded from
//! minimization, and the solutions before and after are compared.
//!
//! Rows are excluded for these reasons ([`ExclusionReason`]):
//! - a remainder lacks a condition declared (or found, [`AutoNecessary`]) necessary for the
//!   outcome: it is a subset of the condition's negation (R: `findRows(obj = tt, "~NEC")`);
//! - a remainder is a configuration declared impossible (a subset of the expression);
//! - a contradictory simplifying assumption (R's `findRows` type 2) or a simultaneous subset
//!   relation (type 3), with [`EsaOptions::contradictory`].
//!
//! Every rule is applied to the truth table as built, so a row can be found by several
//! rules (it is listed under each, and excluded once with all its reasons). "Remainder"
//! means OUT "?": unobserved configurations and observed ones below `n.cut` (as SetMethods'
//! `esa()`, which edits rows with OUT "?"). The exclusions are recorded as
//! [`Edit::Exclude`](crate::truth_table::Edit::Exclude) on the truth table, so the enhanced
//! [`Minimization`] carries them in its `truth_table_edits`.

use std::collections::BTreeSet;

use kantel_i18n::{Msg, msg};
use serde::{Deserialize, Serialize};

use crate::QcaError;
use crate::expr::Expression;
use crate::find_rows::{NegatedCutoffs, RowKind, find_rows, find_rows_expr};
use crate::fit;
use crate::minimize::{Minimization, MinimizeOptions, Model, SolutionType, minimize, term_string};
use crate::truth_table::{ExclusionReason, Out, TruthTable, at_least, check_cut};

/// Find necessary conditions automatically: every single condition and negation (every
/// level of a multi-value condition) with inclN and RoN at least these cut-offs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AutoNecessary {
    /// Minimum inclN.
    pub incl_cut: f64,
    /// Minimum RoN: a condition almost every case has (RoN near 0) is trivially necessary
    /// and says nothing about remainders.
    pub ron_cut: f64,
}

/// Default RoN cut-off of [`AutoNecessary`].
pub const DEFAULT_AUTO_RON_CUT: f64 = 0.5;

/// What the enhanced standard analysis excludes and how it minimizes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EsaOptions {
    /// Conditions or expressions declared necessary for the outcome (`DEV`, `~IND`,
    /// `DEV + URB`).
    pub necessary: Vec<String>,
    /// Configurations declared impossible (`DEV*~URB`).
    pub impossible: Vec<String>,
    /// Also every single condition found necessary with these cut-offs.
    pub auto_necessary: Option<AutoNecessary>,
    /// Also contradictory simplifying assumptions and simultaneous subset relations.
    pub contradictory: bool,
    /// Cut-offs of the truth table for the negated outcome (R's `findRows(...)` arguments).
    pub negated: NegatedCutoffs,
    /// Minimization options of both runs; remainders are always included (that is what
    /// ESA is about), intermediate solutions come with `dir_exp`.
    pub minimize: MinimizeOptions,
}

impl Default for EsaOptions {
    fn default() -> Self {
        EsaOptions {
            necessary: Vec::new(),
            impossible: Vec::new(),
            auto_necessary: None,
            contradictory: false,
            negated: NegatedCutoffs::default(),
            minimize: MinimizeOptions {
                include_remainders: true,
                ..MinimizeOptions::default()
            },
        }
    }
}

/// A single condition found necessary by [`AutoNecessary`], with its fit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NecessaryFound {
    /// The condition, its negation or a level, in R notation.
    pub condition: String,
    /// inclN.
    #[serde(rename = "inclN")]
    pub incl: f64,
    /// RoN.
    #[serde(rename = "RoN")]
    pub ron: f64,
    /// covN.
    #[serde(rename = "covN")]
    pub cov: f64,
}

/// A row a rule excludes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExcludedRow {
    /// R's row number.
    pub row: u64,
    /// Level of each condition.
    pub values: Vec<u8>,
    /// The configuration in R notation (`DEV*~URB*LIT`).
    pub configuration: String,
    /// Cases in the row (above 0.5).
    pub n: usize,
    /// OUT before the exclusion.
    #[serde(rename = "OUT")]
    pub out: Out,
}

/// The rows one rule excludes (possibly none).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExclusionGroup {
    /// The rule and the expression it names.
    pub reason: ExclusionReason,
    /// The rows, by row number.
    pub rows: Vec<ExcludedRow>,
}

/// How one solution changed from the standard to the enhanced analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolutionChange {
    /// Which solution.
    pub solution: SolutionType,
    /// For intermediate solutions, the conservative × parsimonious pair (`C1P1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The models before (empty when the solution was not there).
    pub before: Vec<String>,
    /// The models after (empty when the solution is not there).
    pub after: Vec<String>,
    /// Terms in a model both before and after.
    pub kept: Vec<String>,
    /// Terms only before.
    pub dropped: Vec<String>,
    /// Terms only after.
    pub added: Vec<String>,
    /// Whether the models differ.
    pub changed: bool,
}

/// The result of [`esa`]: what was excluded and why, the solutions before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EsaResult {
    /// Outcome in R notation.
    pub outcome: String,
    /// Conditions, in table order.
    pub conditions: Vec<String>,
    /// The conditions [`AutoNecessary`] found (empty without it).
    pub auto_necessary: Vec<NecessaryFound>,
    /// The rows each rule excludes, rules in the order: declared necessary, found
    /// necessary, impossible, contradictory simplifying assumptions, simultaneous subset
    /// relations.
    pub groups: Vec<ExclusionGroup>,
    /// Every excluded row, sorted.
    pub excluded_rows: Vec<u64>,
    /// The standard analysis.
    pub before: Minimization,
    /// The enhanced analysis (its `truth_table_edits` record the exclusions); absent when
    /// minimizing the edited table failed (see `after_error`).
    pub after: Option<Minimization>,
    /// Why there is no enhanced analysis (e.g. every positive row was a simultaneous
    /// subset relation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_error: Option<Msg>,
    /// Per solution: models before and after, terms kept, dropped and added.
    pub changes: Vec<SolutionChange>,
    /// Notes for the reader (nothing excluded, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Msg>,
}

/// The enhanced standard analysis of `tt` (see the module documentation).
pub fn esa(tt: &TruthTable, options: &EsaOptions) -> Result<EsaResult, QcaError> {
    let mut minimize_options = options.minimize.clone();
    minimize_options.include_remainders = true;
    let before = minimize(tt, &minimize_options)?;

    // Each expression rule with the set its rows are subsets of ("" when empty).
    let mut rules: Vec<(ExclusionReason, String)> = Vec::new();
    let add = |reason: ExclusionReason, rules: &mut Vec<(ExclusionReason, String)>| {
        let subset_of = match &reason {
            ExclusionReason::NecessaryCondition { negation, .. } => negation.clone(),
            ExclusionReason::Impossible { expression } => expression.clone(),
            _ => String::new(),
        };
        if !rules.iter().any(|(r, _)| *r == reason) {
            rules.push((reason, subset_of));
        }
    };
    for n in &options.necessary {
        add(necessary_reason(tt, n, "--necessary", false)?, &mut rules);
    }
    let mut found = Vec::new();
    if let Some(auto) = &options.auto_necessary {
        check_cut("--auto-necessary", auto.incl_cut)?;
        check_cut("--auto-ron", auto.ron_cut)?;
        found = auto_necessary(tt, auto);
        for f in &found {
            // A condition also declared necessary is listed once, as declared.
            let declared = options.necessary.iter().any(|n| n.trim() == f.condition);
            if !declared {
                add(
                    necessary_reason(tt, &f.condition, "--auto-necessary", true)?,
                    &mut rules,
                );
            }
        }
    }
    for e in &options.impossible {
        check_expression(tt, e, "--impossible")?;
        add(
            ExclusionReason::Impossible {
                expression: e.trim().to_string(),
            },
            &mut rules,
        );
    }

    let mut groups: Vec<ExclusionGroup> = Vec::new();
    for (reason, subset_of) in rules {
        let rows: Vec<u64> = if subset_of.is_empty() {
            Vec::new()
        } else {
            find_rows_expr(tt, &subset_of, true)?
                .into_iter()
                .filter(|&r| is_remainder(tt, r))
                .collect()
        };
        groups.push(ExclusionGroup {
            rows: described(tt, &rows),
            reason,
        });
    }
    if options.contradictory {
        for (kind, reason) in [
            (
                RowKind::ContradictorySimplifyingAssumptions,
                ExclusionReason::ContradictorySimplifyingAssumption,
            ),
            (
                RowKind::SimultaneousSubsetRelations,
                ExclusionReason::SimultaneousSubsetRelation,
            ),
        ] {
            let rows = find_rows(tt, kind, &options.negated)?;
            groups.push(ExclusionGroup {
                rows: described(tt, &rows),
                reason,
            });
        }
    }

    let exclusions: Vec<(u64, ExclusionReason)> = groups
        .iter()
        .flat_map(|g| g.rows.iter().map(|r| (r.row, g.reason.clone())))
        .collect();
    let excluded_rows: Vec<u64> = exclusions
        .iter()
        .map(|(r, _)| *r)
        .collect::<BTreeSet<u64>>()
        .into_iter()
        .collect();
    let mut notes = Vec::new();
    if groups.is_empty() {
        notes.push(msg!("qca-esa-no-rules"));
    } else if excluded_rows.is_empty() {
        notes.push(msg!("qca-esa-nothing-excluded"));
    }
    let edited = tt.with_exclusions(&exclusions)?;
    let (after, after_error) = match minimize(&edited, &minimize_options) {
        Ok(m) => (Some(m), None),
        Err(e) => (None, Some(e.msg())),
    };
    let changes = changes(&before, after.as_ref());
    Ok(EsaResult {
        outcome: tt.spec().outcome.to_string(),
        conditions: tt.conditions().to_vec(),
        auto_necessary: found,
        groups,
        excluded_rows,
        before,
        after,
        after_error,
        changes,
        notes,
    })
}

/// Whether row `row` has OUT "?" (not stored rows are remainders).
fn is_remainder(tt: &TruthTable, row: u64) -> bool {
    match tt.rows().binary_search_by_key(&row, |r| r.row) {
        Ok(i) => tt.rows()[i].out == Out::Remainder,
        Err(_) => true,
    }
}

fn described(tt: &TruthTable, rows: &[u64]) -> Vec<ExcludedRow> {
    let multi = tt.is_multi_value();
    rows.iter()
        .map(|&row| {
            let (values, n, out) = match tt.rows().binary_search_by_key(&row, |r| r.row) {
                Ok(i) => {
                    let r = &tt.rows()[i];
                    (r.values.clone(), r.n, r.out)
                }
                Err(_) => (tt.row_values(row), 0, Out::Remainder),
            };
            let implicant: Vec<u8> = values.iter().map(|v| v + 1).collect();
            ExcludedRow {
                row,
                configuration: term_string(&implicant, tt.conditions(), multi),
                values,
                n,
                out,
            }
        })
        .collect()
}

/// An expression of the user's, parsed and checked to name only the table's conditions;
/// an error names the option and the expression.
fn check_expression(tt: &TruthTable, text: &str, option: &str) -> Result<Expression, QcaError> {
    let e = Expression::parse(text).map_err(|e| {
        QcaError::Settings(msg!(
            "qca-esa-bad-expression",
            option = option,
            expression = text.to_string(),
            detail = e.msg()
        ))
    })?;
    if e.terms.is_empty() {
        return Err(QcaError::Settings(msg!(
            "qca-esa-empty-expression",
            option = option,
            expression = text.to_string()
        )));
    }
    for c in e.conditions() {
        if !tt.conditions().contains(&c) {
            return Err(QcaError::Settings(msg!(
                "qca-esa-unknown-condition",
                option = option,
                expression = text.to_string(),
                name = c,
                known = tt.conditions().join(", ")
            )));
        }
    }
    Ok(e)
}

/// The reason for a necessary condition: the condition and its negation (the set of the
/// rows that lack it), as a minimal sum of products ("" when the negation is empty).
fn necessary_reason(
    tt: &TruthTable,
    text: &str,
    option: &str,
    found: bool,
) -> Result<ExclusionReason, QcaError> {
    let e = check_expression(tt, text, option)?;
    let noflevels = tt.noflevels();
    let conditions = tt.conditions();
    let levels = |name: &str| {
        let i = conditions.iter().position(|c| c == name)?;
        (noflevels[i] > 2).then_some(noflevels[i])
    };
    let negation = e.negate_in(conditions, &levels)?;
    Ok(ExclusionReason::NecessaryCondition {
        condition: text.trim().to_string(),
        negation: if negation.terms.is_empty() {
            String::new()
        } else {
            negation.to_string()
        },
        found,
    })
}

/// Single conditions, negations and levels with inclN and RoN at least the cut-offs, in
/// condition order.
fn auto_necessary(tt: &TruthTable, auto: &AutoNecessary) -> Vec<NecessaryFound> {
    let y = tt.outcome_membership();
    let mut out = Vec::new();
    for (i, name) in tt.conditions().iter().enumerate() {
        let v = tt.condition_values(i);
        let levels = tt.noflevels()[i];
        let candidates: Vec<(String, Vec<f64>)> = if levels == 2 && !tt.is_multi_value() {
            vec![
                (name.clone(), v.to_vec()),
                (format!("~{name}"), v.iter().map(|x| 1.0 - x).collect()),
            ]
        } else {
            (0..levels)
                .map(|l| {
                    let x = v.iter().map(|x| f64::from(*x == f64::from(l))).collect();
                    (format!("{name}[{l}]"), x)
                })
                .collect()
        };
        for (condition, x) in candidates {
            let f = fit::necessity(&x, y);
            if at_least(f.incl, auto.incl_cut) && at_least(f.ron, auto.ron_cut) {
                out.push(NecessaryFound {
                    condition,
                    incl: f.incl,
                    ron: f.ron,
                    cov: f.cov,
                });
            }
        }
    }
    out
}

/// The terms of a list of models, in order of first appearance.
fn terms_of(models: &[Model]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in models {
        for t in &m.terms {
            if !out.contains(&t.term) {
                out.push(t.term.clone());
            }
        }
    }
    out
}

fn change(
    solution: SolutionType,
    from: Option<String>,
    before: &[Model],
    after: &[Model],
) -> SolutionChange {
    let tb = terms_of(before);
    let ta = terms_of(after);
    let model_set = |ms: &[Model]| -> BTreeSet<BTreeSet<String>> {
        ms.iter()
            .map(|m| m.terms.iter().map(|t| t.term.clone()).collect())
            .collect()
    };
    SolutionChange {
        solution,
        from,
        before: before.iter().map(|m| m.expression.clone()).collect(),
        after: after.iter().map(|m| m.expression.clone()).collect(),
        kept: tb.iter().filter(|t| ta.contains(t)).cloned().collect(),
        dropped: tb.iter().filter(|t| !ta.contains(t)).cloned().collect(),
        added: ta.iter().filter(|t| !tb.contains(t)).cloned().collect(),
        changed: model_set(before) != model_set(after),
    }
}

/// Before and after, per solution (intermediate solutions matched by their pair).
fn changes(before: &Minimization, after: Option<&Minimization>) -> Vec<SolutionChange> {
    let none: &[Model] = &[];
    let mut out = Vec::new();
    fn models(s: Option<&crate::minimize::Solution>) -> &[Model] {
        s.map_or(&[], |s| &s.models[..])
    }
    for (kind, b, a) in [
        (
            SolutionType::Conservative,
            before.conservative.as_ref(),
            after.and_then(|m| m.conservative.as_ref()),
        ),
        (
            SolutionType::Parsimonious,
            before.parsimonious.as_ref(),
            after.and_then(|m| m.parsimonious.as_ref()),
        ),
    ] {
        if b.is_some() || a.is_some() {
            out.push(change(kind, None, models(b), models(a)));
        }
    }
    let mut pairs: Vec<&str> = before
        .intermediate
        .iter()
        .map(|i| i.from.as_str())
        .collect();
    if let Some(a) = after {
        for i in &a.intermediate {
            if !pairs.contains(&i.from.as_str()) {
                pairs.push(&i.from);
            }
        }
    }
    for from in pairs {
        let b = before.intermediate.iter().find(|i| i.from == from);
        let a = after.and_then(|m| m.intermediate.iter().find(|i| i.from == from));
        out.push(change(
            SolutionType::Intermediate,
            Some(from.to_string()),
            b.map_or(none, |i| &i.models[..]),
            a.map_or(none, |i| &i.models[..]),
        ));
    }
    out
}
