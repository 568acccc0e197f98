//! Truth tables: the configurations of conditions, their cases and their consistency with the
//! outcome, as R's `truthTable()` builds them.
//!
//! A [`TruthTable`] is an immutable value. It keeps the [`TruthTableSpec`] that built it and
//! every [`Edit`] made afterwards, so a minimization can always say exactly what it minimized.

use kantel_i18n::{Arg, Msg, msg};
use serde::{Deserialize, Serialize};

use crate::{ColumnKind, QcaError, SetData};

/// Tolerance R uses when it compares a value with a cut-off (`admisc::agteb`: the square
/// root of the machine epsilon): a value at a cut-off up to floating-point noise reaches it.
pub const CUT_TOLERANCE: f64 = 1.490_116_119_384_765_6e-8;

/// `a >= b` with R's tolerance.
pub(crate) fn at_least(a: f64, b: f64) -> bool {
    a > b || (a - b).abs() < CUT_TOLERANCE
}

/// The outcome of an analysis (`SURV`, `~SURV`, `SURV[2]`); parsed and evaluated as R does.
pub use crate::necessity::OutcomeSpec as Outcome;

/// What to do with a fuzzy membership of exactly 0.5 in a condition: such a case belongs to
/// no corner of the property space.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HalfMembership {
    /// Refuse, naming the cases and conditions (kantel's default).
    #[default]
    Error,
    /// Warn and continue as R does: the case counts in no row's n and is listed in no row.
    Warn,
}

/// Settings that build a truth table, as R's `truthTable()` arguments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthTableSpec {
    /// The outcome.
    pub outcome: Outcome,
    /// Condition names, in table order (the last varies fastest in row numbers).
    pub conditions: Vec<String>,
    /// `incl.cut`: rows at or above this consistency are positive ("1").
    pub incl_cut: f64,
    /// Second value of `incl.cut`: rows at or above it but below `incl_cut` are contradictions ("C").
    pub incl_cut_contradiction: Option<f64>,
    /// `pri.cut`: positive rows also need at least this PRI.
    pub pri_cut: f64,
    /// `n.cut`: rows with fewer cases are remainders ("?").
    pub n_cut: usize,
    /// Remainder rows (1-based numbers) declared negative ("0"): R's `exclude`.
    pub exclude: Vec<u64>,
    /// Policy for memberships of exactly 0.5.
    pub half_membership: HalfMembership,
}

impl TruthTableSpec {
    /// Settings with R's defaults: incl.cut 1, pri.cut 0, n.cut 1, no exclusions.
    pub fn new(outcome: Outcome, conditions: Vec<String>) -> TruthTableSpec {
        TruthTableSpec {
            outcome,
            conditions,
            incl_cut: 1.0,
            incl_cut_contradiction: None,
            pri_cut: 0.0,
            n_cut: 1,
            exclude: Vec::new(),
            half_membership: HalfMembership::Error,
        }
    }
}

/// The output value of a truth-table row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Out {
    /// Positive: the configuration is sufficient for the outcome.
    One,
    /// Negative.
    Zero,
    /// Contradiction.
    Contradiction,
    /// Logical remainder: no (or too few) cases.
    Remainder,
}

impl Out {
    /// R's code: "1", "0", "C", "?".
    pub fn code(self) -> &'static str {
        match self {
            Out::One => "1",
            Out::Zero => "0",
            Out::Contradiction => "C",
            Out::Remainder => "?",
        }
    }

    /// Parses R's code.
    pub fn from_code(code: &str) -> Option<Out> {
        match code.trim() {
            "1" => Some(Out::One),
            "0" => Some(Out::Zero),
            "C" | "c" => Some(Out::Contradiction),
            "?" => Some(Out::Remainder),
            _ => None,
        }
    }
}

impl Serialize for Out {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Out {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Out, D::Error> {
        let s = String::deserialize(d)?;
        Out::from_code(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown OUT value {s:?}")))
    }
}

/// A change made to a truth table after it was built.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// The OUT value of a row was set by hand (with the researcher's reason).
    SetOut {
        /// 1-based row number.
        row: u64,
        /// New value.
        out: Out,
        /// Why.
        reason: String,
    },
    /// A row excluded from minimization (R's `exclude`, SetMethods' `esa()`): its OUT set
    /// to 0 so that no solution can assume it positive, with the rules that exclude it.
    Exclude {
        /// 1-based row number.
        row: u64,
        /// OUT before the exclusion ("?" for a remainder).
        previous: Out,
        /// Why: every rule that excludes the row, in the order given.
        reasons: Vec<ExclusionReason>,
    },
}

impl Edit {
    /// The row the edit changes.
    pub fn row(&self) -> u64 {
        match self {
            Edit::SetOut { row, .. } | Edit::Exclude { row, .. } => *row,
        }
    }

    /// The OUT value the row has after the edit.
    pub fn out(&self) -> Out {
        match self {
            Edit::SetOut { out, .. } => *out,
            Edit::Exclude { .. } => Out::Zero,
        }
    }
}

/// Why a row is excluded from minimization (enhanced standard analysis, Schneider &
/// Wagemann 2012, ch. 8).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ExclusionReason {
    /// The remainder lacks a condition declared (or found) necessary for the outcome: it
    /// is a subset of the condition's negation, so assuming it sufficient would contradict
    /// the necessity claim.
    NecessaryCondition {
        /// The necessary condition or expression, in R notation.
        condition: String,
        /// Its negation, the set the excluded rows are subsets of.
        negation: String,
        /// Found by the automatic search (inclN and RoN cut-offs), not declared.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        found: bool,
    },
    /// The remainder is a configuration declared impossible (a subset of this expression).
    Impossible {
        /// The impossible configuration, in R notation.
        expression: String,
    },
    /// A contradictory simplifying assumption: the parsimonious solutions for the outcome
    /// and for its negation both assume this remainder (R's `findRows` type 2).
    ContradictorySimplifyingAssumption,
    /// A simultaneous subset relation: the row is positive both for the outcome and for its
    /// negation (R's `findRows` type 3).
    SimultaneousSubsetRelation,
}

impl ExclusionReason {
    /// Stable identifier of the rule (also the Fluent selector of messages).
    pub fn rule(&self) -> &'static str {
        match self {
            ExclusionReason::NecessaryCondition { .. } => "necessary_condition",
            ExclusionReason::Impossible { .. } => "impossible",
            ExclusionReason::ContradictorySimplifyingAssumption => {
                "contradictory_simplifying_assumption"
            }
            ExclusionReason::SimultaneousSubsetRelation => "simultaneous_subset_relation",
        }
    }

    /// The reason as a catalogue message ("lacks the necessary condition DEV", ...).
    pub fn msg(&self) -> Msg {
        let rule = match self {
            ExclusionReason::NecessaryCondition { found: true, .. } => "necessary_condition_found",
            _ => self.rule(),
        };
        msg!(
            "qca-esa-reason",
            rule = rule,
            expression = self.expression().unwrap_or("").to_string()
        )
    }

    /// The expression the rule names (the necessary condition or the impossible
    /// configuration), if any.
    pub fn expression(&self) -> Option<&str> {
        match self {
            ExclusionReason::NecessaryCondition { condition, .. } => Some(condition),
            ExclusionReason::Impossible { expression } => Some(expression),
            _ => None,
        }
    }
}

/// One row of a truth table: an observed configuration or an excluded remainder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthTableRow {
    /// R's row number: 1-based, last condition varies fastest.
    pub row: u64,
    /// Level of each condition.
    pub values: Vec<u8>,
    /// Output value.
    #[serde(rename = "OUT")]
    pub out: Out,
    /// Number of cases with membership above 0.5 in this configuration.
    pub n: usize,
    /// Sufficiency inclusion (consistency) of the configuration for the outcome; NaN when no
    /// case has any membership in it.
    pub incl: f64,
    /// Proportional reduction in inconsistency.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Indices of the cases in this row (cases with a 0.5 membership are never listed).
    pub cases: Vec<usize>,
}

/// A truth table: observed configurations (and excluded remainders) with their statistics.
///
/// Unobserved configurations are remainders and are not stored (there may be 2^20 of them);
/// [`TruthTable::complete_rows`] lists them on request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthTable {
    spec: TruthTableSpec,
    edits: Vec<Edit>,
    noflevels: Vec<u8>,
    case_names: Vec<String>,
    /// Condition values per condition (memberships or levels), case order.
    condition_data: Vec<Vec<f64>>,
    /// Outcome membership per case, after level selection and negation.
    outcome: Vec<f64>,
    multi_value: bool,
    rows: Vec<TruthTableRow>,
    warnings: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warning_msgs: Vec<Msg>,
}

/// Largest number of configurations a truth table may have: row numbers must fit in u64 and
/// stay exact in f64 for JSON consumers.
const MAX_CONFIGURATIONS: f64 = 9.0e15;

impl TruthTable {
    /// Builds the truth table for `spec` from `data`.
    pub fn build(data: &SetData, spec: &TruthTableSpec) -> Result<TruthTable, QcaError> {
        check_cut("incl.cut", spec.incl_cut)?;
        check_cut("pri.cut", spec.pri_cut)?;
        if let Some(ic0) = spec.incl_cut_contradiction {
            check_cut(msg!("qca-cut-second-value", name = "incl.cut"), ic0)?;
            if ic0 > spec.incl_cut {
                return Err(QcaError::Settings(msg!(
                    "qca-tt-cut-order",
                    second = ic0,
                    first = spec.incl_cut
                )));
            }
        }
        if spec.conditions.is_empty() {
            return Err(QcaError::Settings(msg!("qca-tt-no-conditions")));
        }
        for (i, c) in spec.conditions.iter().enumerate() {
            if spec.conditions[..i].contains(c) {
                return Err(QcaError::Settings(msg!("qca-condition-twice", name = c)));
            }
            if *c == spec.outcome.name {
                return Err(QcaError::Settings(msg!(
                    "qca-outcome-as-condition",
                    name = c
                )));
            }
        }
        let outcome = spec.outcome.membership(data)?;
        let mut noflevels = Vec::with_capacity(spec.conditions.len());
        let mut condition_data = Vec::with_capacity(spec.conditions.len());
        let mut multi_value = false;
        for c in &spec.conditions {
            let column = data.require(c)?;
            let kind = ColumnKind::detect(column);
            let levels = match kind {
                ColumnKind::Raw => {
                    let bad = column
                        .iter()
                        .position(|v| !(0.0..=1.0).contains(v) && v.fract() != 0.0)
                        .or_else(|| column.iter().position(|v| *v < 0.0))
                        .unwrap_or(0);
                    return Err(QcaError::Membership(msg!(
                        "qca-tt-raw-condition",
                        name = c,
                        case = &data.cases()[bad],
                        value = column[bad]
                    )));
                }
                ColumnKind::MultiValue { levels } => {
                    multi_value = true;
                    levels
                }
                _ => 2,
            };
            noflevels.push(levels);
            condition_data.push(column.to_vec());
        }
        let space: f64 = noflevels.iter().map(|l| f64::from(*l)).product();
        if space > MAX_CONFIGURATIONS {
            // The product overflows to infinity for a few thousand conditions; the exponent
            // is summed instead.
            let exponent: f64 = noflevels.iter().map(|l| f64::from(*l).log10()).sum();
            return Err(QcaError::Settings(msg!(
                "qca-tt-too-many-conditions",
                conditions = spec.conditions.len(),
                exponent = exponent.round() as i64,
                max = MAX_CONFIGURATIONS
            )));
        }

        // Cases with a membership of exactly 0.5 sit on the crossover: they belong to no corner.
        let mut warnings = Vec::new();
        let mut half: Vec<(usize, &str)> = Vec::new();
        for (ci, c) in spec.conditions.iter().enumerate() {
            if noflevels[ci] != 2 {
                continue;
            }
            for (k, v) in condition_data[ci].iter().enumerate() {
                if (v - 0.5).abs() < CUT_TOLERANCE {
                    half.push((k, c));
                }
            }
        }
        if !half.is_empty() {
            // The first ten, then how many more: a message naming every case of a large
            // file is a wall of text (2,000 cases: 560 names).
            const LISTED: usize = 10;
            let mut list: Vec<String> = half
                .iter()
                .take(LISTED)
                .map(|(k, c)| format!("{} in {}", data.cases()[*k], c))
                .collect();
            if half.len() > LISTED {
                list.push(format!("… (+{})", half.len() - LISTED));
            }
            match spec.half_membership {
                HalfMembership::Error => {
                    return Err(QcaError::Membership(msg!(
                        "qca-tt-half-membership",
                        cases = list.join(", ")
                    )));
                }
                HalfMembership::Warn => warnings.push(msg!(
                    "qca-tt-half-membership-warning",
                    count = half.len(),
                    cases = list.join(", ")
                )),
            }
        }
        let mut is_half = vec![false; data.n_cases()];
        for &(k, _) in &half {
            is_half[k] = true;
        }

        let k = spec.conditions.len();
        let weights = row_weights(&noflevels);
        // Each case's corner: the rounded configuration (membership > 0.5 is "in").
        let corner_of_case: Vec<(u64, Vec<u8>)> = (0..data.n_cases())
            .map(|case| {
                let config: Vec<u8> = (0..k)
                    .map(|ci| {
                        let v = condition_data[ci][case];
                        if noflevels[ci] == 2 && v.fract() != 0.0 {
                            u8::from(v > 0.5)
                        } else {
                            v as u8
                        }
                    })
                    .collect();
                (row_number(&config, &weights), config)
            })
            .collect();
        let mut observed: Vec<(u64, Vec<u8>)> = corner_of_case.clone();
        observed.sort();
        observed.dedup();
        // A crisp case (every binary condition 0 or 1; multi-value ones always are) has
        // membership 1 in its own corner and 0 in every other, so a corner's sums need only
        // its own crisp cases and the fuzzy ones: O(cases + corners x fuzzy cases) instead
        // of corners x cases (1.2 s at 10,000 crisp cases of 30 conditions). The cases are
        // visited in case order, as before, so the sums are the same to the last bit.
        let crisp: Vec<bool> = (0..data.n_cases())
            .map(|case| {
                (0..k).all(|ci| noflevels[ci] != 2 || condition_data[ci][case].fract() == 0.0)
            })
            .collect();
        let fuzzy: Vec<usize> = (0..data.n_cases()).filter(|&c| !crisp[c]).collect();
        let mut by_corner: Vec<(u64, usize)> = corner_of_case
            .iter()
            .enumerate()
            .map(|(case, (r, _))| (*r, case))
            .collect();
        by_corner.sort_unstable();

        let mut rows = Vec::with_capacity(observed.len());
        let mut at = 0;
        for (number, config) in observed {
            let start = at;
            while at < by_corner.len() && by_corner[at].0 == number {
                at += 1;
            }
            let own = &by_corner[start..at];
            let mut sum_x = 0.0;
            let mut sum_xy = 0.0;
            let mut sum_xy_not_y = 0.0;
            let mut n = 0;
            let own_crisp = own.iter().map(|&(_, c)| c).filter(|&c| crisp[c]);
            let visit = merge_sorted(own_crisp, fuzzy.iter().copied());
            for case in visit {
                let y = outcome[case];
                let m = corner_membership(&condition_data, &noflevels, &config, case);
                if m == 0.0 {
                    continue;
                }
                sum_x += m;
                let xy = m.min(y);
                sum_xy += xy;
                sum_xy_not_y += xy.min(1.0 - y);
                if m > 0.5 {
                    n += 1;
                }
            }
            let incl = sum_xy / sum_x;
            let pri = (sum_xy - sum_xy_not_y) / (sum_x - sum_xy_not_y);
            let cases: Vec<usize> = own
                .iter()
                .map(|&(_, c)| c)
                .filter(|&c| !is_half[c])
                .collect();
            let out = if n < spec.n_cut {
                Out::Remainder
            } else {
                classify(incl, pri, spec)
            };
            rows.push(TruthTableRow {
                row: number,
                values: config,
                out,
                n,
                incl,
                pri,
                cases,
            });
        }
        if rows.iter().all(|r| r.out == Out::Remainder) {
            return Err(QcaError::Settings(msg!("qca-tt-empty", n_cut = spec.n_cut)));
        }

        let total = space as u64;
        for &ex in &spec.exclude {
            if ex == 0 || ex > total {
                return Err(QcaError::Settings(msg!(
                    "qca-tt-exclude-outside",
                    row = ex,
                    total = total
                )));
            }
            match rows.iter().position(|r| r.row == ex) {
                // R excludes only remainders; an observed row keeps its own value.
                Some(i) if rows[i].n > 0 => {
                    warnings.push(msg!("qca-tt-exclude-observed", row = ex, cases = rows[i].n))
                }
                Some(_) => {}
                None => rows.push(TruthTableRow {
                    row: ex,
                    values: row_values(ex, &noflevels),
                    out: Out::Zero,
                    n: 0,
                    incl: f64::NAN,
                    pri: f64::NAN,
                    cases: Vec::new(),
                }),
            }
        }
        rows.sort_by_key(|r| r.row);

        Ok(TruthTable {
            spec: spec.clone(),
            edits: Vec::new(),
            noflevels,
            case_names: data.cases().to_vec(),
            condition_data,
            outcome,
            multi_value,
            rows,
            warnings: warnings.iter().map(Msg::to_string).collect(),
            warning_msgs: warnings,
        })
    }

    /// The same table with other cut-offs: every row's OUT recomputed from its inclusion,
    /// PRI and frequency, exactly as [`TruthTable::build`] gives it for the same data with
    /// these cut-offs, without reading the cases again (a fuzzy table costs corners × cases
    /// to build; this costs rows). Robustness sweeps use it for their cut-off axes.
    ///
    /// Errors as `build`: a cut-off outside [0, 1], a contradiction cut-off above `incl_cut`,
    /// no row reaching `n_cut`; a table with edits is refused (they were made for its own
    /// cut-offs).
    pub fn with_cutoffs(
        &self,
        incl_cut: f64,
        incl_cut_contradiction: Option<f64>,
        pri_cut: f64,
        n_cut: usize,
    ) -> Result<TruthTable, QcaError> {
        check_cut("incl.cut", incl_cut)?;
        check_cut("pri.cut", pri_cut)?;
        if let Some(ic0) = incl_cut_contradiction {
            check_cut(msg!("qca-cut-second-value", name = "incl.cut"), ic0)?;
            if ic0 > incl_cut {
                return Err(QcaError::Settings(msg!(
                    "qca-tt-cut-order",
                    second = ic0,
                    first = incl_cut
                )));
            }
        }
        if !self.edits.is_empty() {
            return Err(QcaError::Settings(msg!("qca-tt-recut-edited")));
        }
        let mut spec = self.spec.clone();
        spec.incl_cut = incl_cut;
        spec.incl_cut_contradiction = incl_cut_contradiction;
        spec.pri_cut = pri_cut;
        spec.n_cut = n_cut;
        let mut rows = self.rows.clone();
        // Rows that `build` added for `exclude` (no case, no inclusion) keep OUT 0.
        let added = |r: &TruthTableRow| r.n == 0 && r.incl.is_nan();
        for r in rows.iter_mut().filter(|r| !added(r)) {
            r.out = if r.n < n_cut {
                Out::Remainder
            } else {
                classify(r.incl, r.pri, &spec)
            };
        }
        if rows
            .iter()
            .filter(|r| !added(r))
            .all(|r| r.out == Out::Remainder)
        {
            return Err(QcaError::Settings(msg!("qca-tt-empty", n_cut = n_cut)));
        }
        Ok(TruthTable {
            spec,
            rows,
            ..self.clone()
        })
    }

    /// A new truth table with the OUT value of `row` set by hand; the edit is recorded.
    pub fn with_out(&self, row: u64, out: Out, reason: &str) -> Result<TruthTable, QcaError> {
        let total = self.n_configurations();
        if row == 0 || row > total {
            return Err(QcaError::Settings(msg!(
                "qca-tt-row-outside",
                row = row,
                total = total
            )));
        }
        let mut next = self.clone();
        match next.rows.iter_mut().find(|r| r.row == row) {
            Some(r) => r.out = out,
            None => {
                next.rows.push(TruthTableRow {
                    row,
                    values: row_values(row, &self.noflevels),
                    out,
                    n: 0,
                    incl: f64::NAN,
                    pri: f64::NAN,
                    cases: Vec::new(),
                });
                next.rows.sort_by_key(|r| r.row);
            }
        }
        next.edits.push(Edit::SetOut {
            row,
            out,
            reason: reason.to_string(),
        });
        Ok(next)
    }

    /// A new truth table with `exclusions` (row, why) excluded from minimization: each row's
    /// OUT is set to 0, so no solution can use it as a simplifying assumption, and one
    /// [`Edit::Exclude`] per row records its previous OUT and every reason given for it
    /// (a row named twice is one edit with both reasons). Rows are edited in row order.
    pub fn with_exclusions(
        &self,
        exclusions: &[(u64, ExclusionReason)],
    ) -> Result<TruthTable, QcaError> {
        let total = self.n_configurations();
        let mut by_row: std::collections::BTreeMap<u64, Vec<ExclusionReason>> =
            std::collections::BTreeMap::new();
        for (row, reason) in exclusions {
            if *row == 0 || *row > total {
                return Err(QcaError::Settings(msg!(
                    "qca-tt-row-outside",
                    row = *row,
                    total = total
                )));
            }
            let reasons = by_row.entry(*row).or_default();
            if !reasons.contains(reason) {
                reasons.push(reason.clone());
            }
        }
        let mut next = self.clone();
        let mut added = false;
        for (row, reasons) in by_row {
            let previous = match next.rows.iter_mut().find(|r| r.row == row) {
                Some(r) => std::mem::replace(&mut r.out, Out::Zero),
                None => {
                    next.rows.push(TruthTableRow {
                        row,
                        values: row_values(row, &self.noflevels),
                        out: Out::Zero,
                        n: 0,
                        incl: f64::NAN,
                        pri: f64::NAN,
                        cases: Vec::new(),
                    });
                    added = true;
                    Out::Remainder
                }
            };
            next.edits.push(Edit::Exclude {
                row,
                previous,
                reasons,
            });
        }
        if added {
            next.rows.sort_by_key(|r| r.row);
        }
        Ok(next)
    }

    /// The settings that built this table.
    pub fn spec(&self) -> &TruthTableSpec {
        &self.spec
    }

    /// Edits made after building, in order.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// Condition names.
    pub fn conditions(&self) -> &[String] {
        &self.spec.conditions
    }

    /// Number of levels of each condition.
    pub fn noflevels(&self) -> &[u8] {
        &self.noflevels
    }

    /// Whether any condition is multi-value (literals then print as `A[1]`).
    pub fn is_multi_value(&self) -> bool {
        self.multi_value
    }

    /// Observed rows and excluded or edited remainders, by row number.
    pub fn rows(&self) -> &[TruthTableRow] {
        &self.rows
    }

    /// Case names.
    pub fn case_names(&self) -> &[String] {
        &self.case_names
    }

    /// Outcome membership of every case.
    pub fn outcome_membership(&self) -> &[f64] {
        &self.outcome
    }

    /// Values of condition `index` for every case.
    pub fn condition_values(&self, index: usize) -> &[f64] {
        &self.condition_data[index]
    }

    /// Warnings raised while building (0.5 memberships under R's behaviour, ignored
    /// exclusions), in English; [`TruthTable::warning_msgs`] has them as typed messages.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The warnings as typed messages, for rendering in the user's language.
    pub fn warning_msgs(&self) -> &[Msg] {
        &self.warning_msgs
    }

    /// Total number of configurations (product of levels).
    pub fn n_configurations(&self) -> u64 {
        self.noflevels.iter().map(|l| u64::from(*l)).product()
    }

    /// Configurations with a given OUT value.
    pub fn configurations(&self, out: Out) -> Vec<Vec<u8>> {
        self.rows
            .iter()
            .filter(|r| r.out == out)
            .map(|r| r.values.clone())
            .collect()
    }

    /// The complete table: every configuration, remainders included, up to `limit` rows.
    pub fn complete_rows(&self, limit: u64) -> Result<Vec<TruthTableRow>, QcaError> {
        let total = self.n_configurations();
        if total > limit {
            return Err(QcaError::Settings(msg!(
                "qca-tt-complete-too-large",
                rows = total,
                limit = limit
            )));
        }
        let mut out = Vec::with_capacity(total as usize);
        let mut idx = 0;
        for number in 1..=total {
            if idx < self.rows.len() && self.rows[idx].row == number {
                out.push(self.rows[idx].clone());
                idx += 1;
            } else {
                out.push(TruthTableRow {
                    row: number,
                    values: row_values(number, &self.noflevels),
                    out: Out::Remainder,
                    n: 0,
                    incl: f64::NAN,
                    pri: f64::NAN,
                    cases: Vec::new(),
                });
            }
        }
        Ok(out)
    }

    /// Whether every case is crisp in every condition (binary conditions 0 or 1;
    /// multi-value conditions always are): then a term's membership is 1 exactly in the
    /// cases of the rows it covers and 0 elsewhere.
    pub fn crisp(&self) -> bool {
        self.condition_data
            .iter()
            .zip(&self.noflevels)
            .all(|(column, &n)| n != 2 || column.iter().all(|v| *v == 0.0 || *v == 1.0))
    }

    /// [`TruthTable::term_membership`] by its nonzero entries, `(case, membership)` in
    /// case order. `covered_rows` are the indices (into [`TruthTable::rows`]) of the rows
    /// the term covers; for crisp data ([`TruthTable::crisp`]) the entries are read from
    /// them in O(their cases), else computed over every case.
    pub fn term_membership_sparse(
        &self,
        implicant: &[u8],
        crisp: bool,
        covered_rows: &[usize],
    ) -> Vec<(u32, f64)> {
        if crisp {
            let mut out: Vec<(u32, f64)> = covered_rows
                .iter()
                .flat_map(|&r| self.rows[r].cases.iter().map(|&c| (c as u32, 1.0)))
                .collect();
            out.sort_unstable_by_key(|e| e.0);
            return out;
        }
        self.term_membership(implicant)
            .into_iter()
            .enumerate()
            .filter(|(_, m)| *m != 0.0)
            .map(|(c, m)| (c as u32, m))
            .collect()
    }

    /// Membership of every case in the product term `implicant` (R's primes convention: 0 =
    /// condition absent, level+1 otherwise).
    pub fn term_membership(&self, implicant: &[u8]) -> Vec<f64> {
        (0..self.case_names.len())
            .map(|case| {
                let mut m: f64 = 1.0;
                for (ci, &v) in implicant.iter().enumerate() {
                    if v == 0 {
                        continue;
                    }
                    let level = v - 1;
                    m = m.min(literal_membership(
                        &self.condition_data,
                        &self.noflevels,
                        ci,
                        level,
                        case,
                    ));
                }
                m
            })
            .collect()
    }

    /// Row number of a configuration.
    pub fn row_number(&self, config: &[u8]) -> u64 {
        row_number(config, &row_weights(&self.noflevels))
    }

    /// Configuration of a row number.
    pub fn row_values(&self, row: u64) -> Vec<u8> {
        row_values(row, &self.noflevels)
    }
}

/// A cut-off (or other proportion) must lie in [0, 1]; `name` is the option's name.
pub(crate) fn check_cut(name: impl Into<Arg>, value: f64) -> Result<(), QcaError> {
    if !(0.0..=1.0).contains(&value) {
        return Err(QcaError::Settings(msg!(
            "qca-cut-out-of-range",
            name = name,
            value = value
        )));
    }
    Ok(())
}

fn classify(incl: f64, pri: f64, spec: &TruthTableSpec) -> Out {
    // R: OUT = 1 when incl >= ic1 and PRI >= pri.cut; then "C" overrides where
    // ic0 <= incl < ic1 (with the default ic0 = 1 that never happens).
    let mut out = if at_least(incl, spec.incl_cut) && at_least(pri, spec.pri_cut) {
        Out::One
    } else {
        Out::Zero
    };
    if let Some(ic0) = spec.incl_cut_contradiction
        && incl < spec.incl_cut
        && at_least(incl, ic0)
    {
        out = Out::Contradiction;
    }
    out
}

/// Multipliers that turn a configuration into its 0-based index (last condition fastest).
pub(crate) fn row_weights(noflevels: &[u8]) -> Vec<u64> {
    let mut w = vec![1u64; noflevels.len()];
    for i in (0..noflevels.len().saturating_sub(1)).rev() {
        w[i] = w[i + 1] * u64::from(noflevels[i + 1]);
    }
    w
}

pub(crate) fn row_number(config: &[u8], weights: &[u64]) -> u64 {
    config
        .iter()
        .zip(weights)
        .map(|(v, w)| u64::from(*v) * w)
        .sum::<u64>()
        + 1
}

pub(crate) fn row_values(row: u64, noflevels: &[u8]) -> Vec<u8> {
    let weights = row_weights(noflevels);
    let mut rest = row - 1;
    weights
        .iter()
        .map(|w| {
            let v = rest / w;
            rest %= w;
            v as u8
        })
        .collect()
}

fn literal_membership(
    data: &[Vec<f64>],
    noflevels: &[u8],
    ci: usize,
    level: u8,
    case: usize,
) -> f64 {
    let v = data[ci][case];
    if noflevels[ci] == 2 {
        if level == 1 { v } else { 1.0 - v }
    } else if v == f64::from(level) {
        1.0
    } else {
        0.0
    }
}

/// The union of two ascending sequences of case numbers, ascending (the two never share a
/// case: one holds crisp cases, the other fuzzy ones).
fn merge_sorted(
    a: impl Iterator<Item = usize>,
    b: impl Iterator<Item = usize>,
) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(&x), Some(&y)) if x <= y => a.next(),
        (Some(_), Some(_)) => b.next(),
        (Some(_), None) => a.next(),
        (None, _) => b.next(),
    })
}

fn corner_membership(data: &[Vec<f64>], noflevels: &[u8], config: &[u8], case: usize) -> f64 {
    let mut m: f64 = 1.0;
    for (ci, &level) in config.iter().enumerate() {
        m = m.min(literal_membership(data, noflevels, ci, level, case));
        if m == 0.0 {
            break;
        }
    }
    m
}
