//! Searching for necessary (and sufficient) combinations of conditions, as R's
//! `QCA::superSubset()` does, and the plain necessity table of single conditions.
//!
//! The search visits, for k = 1, 2, … up to the depth, every choice of k conditions (in
//! lexicographic order of their positions) and every assignment of one level to each of them
//! (the last condition's level varying fastest). Each such set of k literals is tested first
//! as a conjunction (`A*B`) and, for necessity, when the conjunction fails, as a disjunction
//! (`A + B`). What is kept, and in which order, follows R exactly; `docs/fit.md` describes it.

use kantel_i18n::{Msg, msg};
use serde::{Deserialize, Serialize};

use crate::data::ColumnKind;
use crate::fit::{NecessityFit, SufficiencyFit, necessity, sufficiency};
use crate::progress::{NoProgress, Progress, ProgressWhat};
use crate::truth_table::{CUT_TOLERANCE, check_cut};
use crate::{QcaError, SetData};

// Cut-offs use `truth_table::CUT_TOLERANCE`: R's `superSubset()` subtracts
// `.Machine$double.eps ^ 0.5` (√ε ≈ 1.49e-8) from its cut-offs, so that a value exactly at
// the cut-off in decimal arithmetic but just below it in binary floating point still passes.

/// Which relation a search looks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The outcome is a subset of the expression (R's default).
    #[default]
    Necessity,
    /// The expression is a subset of the outcome.
    Sufficiency,
}

/// Settings of [`super_subset`]. The defaults are R's.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchOptions {
    /// Necessity (default) or sufficiency.
    pub relation: Relation,
    /// Minimum inclusion (inclN or inclS); R's `incl.cut`, default 1.
    pub incl_cut: f64,
    /// Minimum coverage (covN or covS); R's `cov.cut`, default 0.
    pub cov_cut: f64,
    /// Minimum relevance of necessity, applied after the search; R's `ron.cut`, default 0.
    pub ron_cut: f64,
    /// Minimum PRI for sufficiency, applied after the search; R's `pri.cut`, default 0.
    pub pri_cut: f64,
    /// Most literals per expression; `None` means the number of conditions (R's `depth`).
    pub depth: Option<usize>,
    /// R stops after a level k ≥ 4 that found nothing new, once anything was found before
    /// (a speed heuristic). `false` (default) reproduces R; `true` searches every level up
    /// to the depth.
    pub exhaustive: bool,
    /// Most expressions to evaluate (the search's budget). The number of expressions grows
    /// as 3^k with k crisp conditions (3.5 billion at 20), so without a budget a search of
    /// many conditions ran for hours. When the next level would pass it, the search stops
    /// after the last complete level and says so ([`SubsetSearch::warning`]).
    pub max_expressions: u64,
}

/// Default [`SearchOptions::max_expressions`]: about a second of work on 100 cases.
pub const DEFAULT_MAX_EXPRESSIONS: u64 = 1_000_000;

/// What [`super_subset_searched`] found, and how far it searched.
#[derive(Debug, Clone, PartialEq)]
pub struct SubsetSearch {
    /// The expressions found, as [`super_subset`] lists them.
    pub terms: Vec<NecessityTerm>,
    /// Expressions of up to this many conditions were searched completely.
    pub depth_searched: usize,
    /// Why the search stopped before the depth asked for, naming the options that let it
    /// go further; `None` when it searched everything asked.
    pub warning: Option<Msg>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            relation: Relation::Necessity,
            incl_cut: 1.0,
            cov_cut: 0.0,
            ron_cut: 0.0,
            pri_cut: 0.0,
            depth: None,
            exhaustive: false,
            max_expressions: DEFAULT_MAX_EXPRESSIONS,
        }
    }
}

/// One literal: a condition at one level. For crisp and fuzzy conditions level 1 is the
/// condition (`A`) and level 0 its negation (`~A`); for multi-value conditions it is the level
/// (`A[2]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Literal {
    /// The condition's (column) name.
    pub condition: String,
    /// The level.
    pub level: u32,
}

/// How the literals of a found expression are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// All literals (`A*B`, fuzzy AND: minimum).
    Conjunction,
    /// Any literal (`A + B`, fuzzy OR: maximum).
    Disjunction,
}

/// One expression found by [`super_subset`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NecessityTerm {
    /// The expression in R notation: `DEV*~IND`, `~URB + IND`, `DEV[2] + URB[1]`.
    pub expression: String,
    /// Conjunction or disjunction.
    pub kind: TermKind,
    /// The literals, in condition order.
    pub literals: Vec<Literal>,
    /// inclN for a necessity search, inclS for a sufficiency search.
    pub incl: f64,
    /// RoN for a necessity search, PRI for a sufficiency search.
    pub ron_or_pri: f64,
    /// covN for a necessity search, covS for a sufficiency search.
    pub cov: f64,
    /// Membership of every case in the expression (R's `coms`).
    pub memberships: Vec<f64>,
}

/// One row of [`necessity_table`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NecessityRow {
    /// The literal in R notation (`DEV`, `~DEV`, `DEV[2]`).
    pub expression: String,
    /// The literal.
    pub literal: Literal,
    /// inclN, RoN and covN, computed as R's `pof()` does.
    pub fit: NecessityFit,
}

/// An outcome as written in R: `Y`, `~Y`, `Y[2]`, `~Y[2]`, `Y{1,2}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeSpec {
    /// The column name.
    pub name: String,
    /// Levels that make up the outcome set (empty: the column's own memberships).
    pub levels: Vec<u32>,
    /// Whether the set is negated (`~`).
    pub negated: bool,
}

impl OutcomeSpec {
    /// Parses `Y`, `~Y`, `Y[2]`, `Y{2}`, `Y[1,2]` (surrounding spaces are ignored).
    pub fn parse(text: &str) -> Result<OutcomeSpec, QcaError> {
        let err = |position: usize, message: Msg| QcaError::Expression {
            expression: text.to_string(),
            position,
            message,
        };
        let trimmed = text.trim();
        let lead = text.len() - text.trim_start().len();
        let (negated, rest, offset) = match trimmed.strip_prefix('~') {
            Some(r) => (
                true,
                r.trim_start(),
                lead + 1 + (r.len() - r.trim_start().len()),
            ),
            None => (false, trimmed, lead),
        };
        let open = rest.find(['[', '{']);
        let (name, levels) = match open {
            None => (rest, Vec::new()),
            Some(i) => {
                let close = if rest.as_bytes()[i] == b'[' { ']' } else { '}' };
                if !rest.ends_with(close) {
                    return Err(err(
                        offset + rest.len() + 1,
                        msg!("qca-outcome-unclosed", close = close),
                    ));
                }
                let inner = &rest[i + 1..rest.len() - 1];
                let mut levels = Vec::new();
                let mut pos = offset + i + 2;
                for part in inner.split(',') {
                    let value = part.trim();
                    let level = value
                        .parse::<u32>()
                        .map_err(|_| err(pos, msg!("qca-outcome-bad-level", value = value)))?;
                    levels.push(level);
                    pos += part.len() + 1;
                }
                (rest[..i].trim_end(), levels)
            }
        };
        if name.is_empty() {
            return Err(err(offset + 1, msg!("qca-outcome-no-name")));
        }
        Ok(OutcomeSpec {
            name: name.to_string(),
            levels,
            negated,
        })
    }
}

impl std::fmt::Display for OutcomeSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.negated {
            write!(f, "~")?;
        }
        write!(f, "{}", self.name)?;
        if !self.levels.is_empty() {
            let l: Vec<String> = self.levels.iter().map(|l| l.to_string()).collect();
            write!(f, "[{}]", l.join(","))?;
        }
        Ok(())
    }
}

impl OutcomeSpec {
    /// The outcome's membership per case.
    pub fn membership(&self, data: &SetData) -> Result<Vec<f64>, QcaError> {
        let values = data.require(&self.name)?;
        let kind = ColumnKind::detect(values);
        let mut y: Vec<f64> = match kind {
            ColumnKind::Raw => {
                let bad = values
                    .iter()
                    .position(|v| !(0.0..=1.0).contains(v))
                    .unwrap_or(0);
                return Err(QcaError::Membership(msg!(
                    "qca-outcome-raw",
                    name = &self.name,
                    case = &data.cases()[bad],
                    value = values[bad]
                )));
            }
            ColumnKind::Fuzzy if !self.levels.is_empty() => {
                return Err(QcaError::Settings(msg!(
                    "qca-outcome-fuzzy-levels",
                    name = &self.name
                )));
            }
            ColumnKind::MultiValue { levels } if self.levels.is_empty() => {
                return Err(QcaError::Settings(msg!(
                    "qca-outcome-bare-multi-value",
                    name = &self.name,
                    max = levels - 1
                )));
            }
            _ if self.levels.is_empty() => values.to_vec(),
            _ => {
                let n_levels = u32::from(kind.levels().unwrap_or(2));
                if let Some(bad) = self.levels.iter().find(|l| **l >= n_levels) {
                    return Err(QcaError::Settings(msg!(
                        "qca-outcome-level-out-of-range",
                        name = &self.name,
                        level = *bad,
                        max = n_levels - 1
                    )));
                }
                values
                    .iter()
                    .map(|v| {
                        if self.levels.iter().any(|l| f64::from(*l) == *v) {
                            1.0
                        } else {
                            0.0
                        }
                    })
                    .collect()
            }
        };
        if self.negated {
            for v in &mut y {
                *v = 1.0 - *v;
            }
        }
        Ok(y)
    }
}

/// A condition prepared for the search.
struct Condition {
    name: String,
    /// Membership of each case in each level's literal: `literal[level][case]`.
    literal: Vec<Vec<f64>>,
}

/// Resolves the outcome and the conditions (all other columns when `conditions` is empty).
/// Also returns whether any condition is multi-value, which makes R write every literal
/// with its level (`URB[0]`), crisp ones included.
fn prepare(
    data: &SetData,
    outcome: &str,
    negate_outcome: bool,
    conditions: &[String],
) -> Result<(Vec<f64>, Vec<Condition>, bool), QcaError> {
    let mut spec = OutcomeSpec::parse(outcome)?;
    spec.negated ^= negate_outcome;
    let y = spec.membership(data)?;
    let names: Vec<String> = if conditions.is_empty() {
        data.names()
            .iter()
            .filter(|n| **n != spec.name)
            .cloned()
            .collect()
    } else {
        conditions.to_vec()
    };
    if names.is_empty() {
        return Err(QcaError::Settings(msg!("qca-nec-no-conditions")));
    }
    let mut prepared = Vec::with_capacity(names.len());
    let mut multi_value = false;
    for (i, name) in names.iter().enumerate() {
        if *name == spec.name {
            return Err(QcaError::Settings(msg!(
                "qca-outcome-as-condition",
                name = name
            )));
        }
        if names[..i].contains(name) {
            return Err(QcaError::Settings(msg!("qca-condition-twice", name = name)));
        }
        let values = data.require(name)?;
        let kind = ColumnKind::detect(values);
        let literal = match kind {
            ColumnKind::Raw => {
                return Err(QcaError::Membership(msg!(
                    "qca-nec-raw-condition",
                    name = name
                )));
            }
            ColumnKind::Fuzzy => {
                vec![values.iter().map(|v| 1.0 - v).collect(), values.to_vec()]
            }
            ColumnKind::Crisp | ColumnKind::MultiValue { .. } => {
                if matches!(kind, ColumnKind::MultiValue { .. }) {
                    multi_value = true;
                }
                let levels = kind.levels().unwrap_or(2);
                (0..levels)
                    .map(|l| {
                        values
                            .iter()
                            .map(|v| if *v == f64::from(l) { 1.0 } else { 0.0 })
                            .collect()
                    })
                    .collect()
            }
        };
        prepared.push(Condition {
            name: name.clone(),
            literal,
        });
    }
    Ok((y, prepared, multi_value))
}

/// Writes one literal in R notation.
fn literal_text(name: &str, level: u32, multi_value: bool) -> String {
    if multi_value {
        format!("{name}[{level}]")
    } else if level == 1 {
        name.to_string()
    } else {
        format!("~{name}")
    }
}

/// Every condition and its negation (or each level of a multi-value condition), with
/// inclN, RoN and covN as R's `pof()` computes them. Crisp and fuzzy conditions give the
/// condition first, then its negation.
pub fn necessity_table(
    data: &SetData,
    outcome: &str,
    negate_outcome: bool,
    conditions: &[String],
) -> Result<Vec<NecessityRow>, QcaError> {
    let (y, conds, multi_value) = prepare(data, outcome, negate_outcome, conditions)?;
    Ok(single_literals(&conds, multi_value)
        .map(|(expression, literal, x)| NecessityRow {
            expression,
            literal,
            fit: necessity(x, &y),
        })
        .collect())
}

/// Every literal of the conditions, in table order (a crisp or fuzzy condition first, then
/// its negation; multi-value levels upwards), written in R notation, with its memberships.
fn single_literals(
    conds: &[Condition],
    multi_value: bool,
) -> impl Iterator<Item = (String, Literal, &[f64])> {
    conds.iter().flat_map(move |cond| {
        let order: Vec<u32> = if cond.literal.len() == 2 && !multi_value {
            vec![1, 0]
        } else {
            (0..cond.literal.len() as u32).collect()
        };
        order.into_iter().map(move |level| {
            (
                literal_text(&cond.name, level, multi_value),
                Literal {
                    condition: cond.name.clone(),
                    level,
                },
                cond.literal[level as usize].as_slice(),
            )
        })
    })
}

/// One row of [`sufficiency_table`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SufficiencyRow {
    /// The literal in R notation (`DEV`, `~DEV`, `DEV[2]`).
    pub expression: String,
    /// The literal.
    pub literal: Literal,
    /// inclS, PRI and covS, computed as R's `pof(..., relation = "sufficiency")` does.
    pub fit: SufficiencyFit,
}

/// [`necessity_table`] for the other relation: every condition and its negation (or each
/// level of a multi-value condition), in the same order, with inclS, PRI and covS. The
/// single literals a sufficiency search ([`Relation::Sufficiency`]) starts from.
pub fn sufficiency_table(
    data: &SetData,
    outcome: &str,
    negate_outcome: bool,
    conditions: &[String],
) -> Result<Vec<SufficiencyRow>, QcaError> {
    let (y, conds, multi_value) = prepare(data, outcome, negate_outcome, conditions)?;
    Ok(single_literals(&conds, multi_value)
        .map(|(expression, literal, x)| SufficiencyRow {
            expression,
            literal,
            fit: sufficiency(x, &y),
        })
        .collect())
}

/// Division as R's search code does it: 0/0 is 0, not NaN.
fn ratio(numerator: f64, denominator: f64) -> f64 {
    if numerator == 0.0 && denominator == 0.0 {
        0.0
    } else {
        numerator / denominator
    }
}

/// A kept expression during the search: its literals as (condition index, level).
struct Found {
    literals: Vec<(usize, u32)>,
    incl: f64,
    second: f64,
    cov: f64,
    memberships: Vec<f64>,
}

/// Whether every literal of `smaller` is among `candidate`'s (both sorted by condition).
fn contains_all(candidate: &[(usize, u32)], smaller: &[(usize, u32)]) -> bool {
    smaller.iter().all(|lit| candidate.contains(lit))
}

/// Advances `combo` (strictly increasing indices below `n`) to the next k-combination in
/// lexicographic order; false when it was the last.
fn next_combination(combo: &mut [usize], n: usize) -> bool {
    let k = combo.len();
    for i in (0..k).rev() {
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

/// Advances `levels` (one per chosen condition) like an odometer, last position fastest.
fn next_levels(levels: &mut [u32], limits: &[u32]) -> bool {
    for i in (0..levels.len()).rev() {
        if levels[i] + 1 < limits[i] {
            levels[i] += 1;
            return true;
        }
        levels[i] = 0;
    }
    false
}

/// R's `superSubset()`: conjunctions and (for necessity) disjunctions of up to `depth`
/// literals that pass the cut-offs.
///
/// For necessity, every conjunction with inclN ≥ incl_cut and covN ≥ cov_cut is kept (R does
/// not prune supersets of conjunctions), then every disjunction that passes, whose conjunction
/// did not, and that contains no expression kept at a smaller size. For sufficiency, every
/// passing conjunction that contains no conjunction kept at a smaller size. The RoN or PRI
/// cut-off is applied afterwards, as in R, so an expression removed by it still prunes larger
/// ones. Conjunctions come first, then disjunctions, each in the order they were found.
///
/// `outcome` is written as in R (`Y`, `~Y`, `Y[2]`); `negate_outcome` negates it (again).
/// An empty `conditions` means every column except the outcome. Unlike R, finding nothing is
/// not an error: the result is empty.
///
/// A search that runs out of its budget ([`SearchOptions::max_expressions`]) is an error
/// here; [`super_subset_searched`] returns what it found up to then instead.
pub fn super_subset(
    data: &SetData,
    outcome: &str,
    negate_outcome: bool,
    conditions: &[String],
    options: &SearchOptions,
) -> Result<Vec<NecessityTerm>, QcaError> {
    let search = super_subset_searched(data, outcome, negate_outcome, conditions, options)?;
    match search.warning {
        Some(w) => Err(QcaError::Settings(w)),
        None => Ok(search.terms),
    }
}

/// [`super_subset`] that, when the budget runs out, returns the expressions of the levels
/// it searched completely, with a warning saying where it stopped.
pub fn super_subset_searched(
    data: &SetData,
    outcome: &str,
    negate_outcome: bool,
    conditions: &[String],
    options: &SearchOptions,
) -> Result<SubsetSearch, QcaError> {
    super_subset_searched_with_progress(
        data,
        outcome,
        negate_outcome,
        conditions,
        options,
        &NoProgress,
    )
}

/// [`super_subset_searched`], reporting progress ([`ProgressWhat::Necessity`]; units are
/// the expressions counted against [`SearchOptions::max_expressions`], the total).
pub fn super_subset_searched_with_progress(
    data: &SetData,
    outcome: &str,
    negate_outcome: bool,
    conditions: &[String],
    options: &SearchOptions,
    progress: &dyn Progress,
) -> Result<SubsetSearch, QcaError> {
    progress.start(ProgressWhat::Necessity, Some(options.max_expressions));
    let result = search_levels(data, outcome, negate_outcome, conditions, options, progress);
    progress.finish();
    result
}

fn search_levels(
    data: &SetData,
    outcome: &str,
    negate_outcome: bool,
    conditions: &[String],
    options: &SearchOptions,
    progress: &dyn Progress,
) -> Result<SubsetSearch, QcaError> {
    for (name, value) in [
        ("incl.cut", options.incl_cut),
        ("cov.cut", options.cov_cut),
        ("ron.cut", options.ron_cut),
        ("pri.cut", options.pri_cut),
    ] {
        check_cut(name, value)?;
    }
    if options.depth == Some(0) {
        return Err(QcaError::Settings(msg!("qca-nec-depth-zero")));
    }
    let (y, conds, multi_value) = prepare(data, outcome, negate_outcome, conditions)?;
    let n_conds = conds.len();
    let depth = options.depth.unwrap_or(n_conds).min(n_conds);
    let nec = options.relation == Relation::Necessity;
    let incl_cut = options.incl_cut - CUT_TOLERANCE;
    let cov_cut = options.cov_cut - CUT_TOLERANCE;
    let n = y.len();
    let sum_y: f64 = y.iter().sum();

    let mut conj: Vec<Found> = Vec::new();
    let mut disj: Vec<Found> = Vec::new();
    let mut min_x = vec![0.0_f64; n];
    let mut max_x = vec![0.0_f64; n];
    let mut evaluated: u64 = 0;
    // Progress is reported every 1,024 evaluations or more.
    let mut reported: u64 = 0;
    let mut depth_searched = 0;
    let mut warning = None;
    'levels: for k in 1..=depth {
        // Only expressions kept at smaller sizes prune; those of the same size do not.
        let (conj_before, disj_before) = (conj.len(), disj.len());
        let mut combo: Vec<usize> = (0..k).collect();
        loop {
            let limits: Vec<u32> = combo
                .iter()
                .map(|c| conds[*c].literal.len() as u32)
                .collect();
            let mut levels = vec![0_u32; k];
            loop {
                evaluated += 1;
                if evaluated > options.max_expressions {
                    // Level k is incomplete: keep only the complete levels below it.
                    conj.truncate(conj_before);
                    disj.truncate(disj_before);
                    warning = Some(msg!(
                        "qca-nec-budget",
                        max = options.max_expressions,
                        searched = depth_searched,
                        depth = depth
                    ));
                    break 'levels;
                }
                let literals: Vec<(usize, u32)> =
                    combo.iter().copied().zip(levels.iter().copied()).collect();
                min_x.fill(f64::INFINITY);
                max_x.fill(0.0);
                for (c, l) in &literals {
                    for (r, v) in conds[*c].literal[*l as usize].iter().enumerate() {
                        min_x[r] = min_x[r].min(*v);
                        max_x[r] = max_x[r].max(*v);
                    }
                }
                // Checking an expression against those kept at smaller sizes costs a pass
                // over them: counted too (eight comparisons for one evaluation), so that a
                // search that keeps thousands of expressions stays within its budget.
                evaluated += (conj_before + disj_before) as u64 / 8;
                if evaluated - reported >= 1024 {
                    progress.inc(evaluated - reported);
                    reported = evaluated;
                }
                let m = evaluate(&min_x, &y, sum_y, nec);
                if m.incl >= incl_cut && m.cov >= cov_cut {
                    let pruned = !nec
                        && conj[..conj_before]
                            .iter()
                            .any(|f| contains_all(&literals, &f.literals));
                    if !pruned {
                        conj.push(Found {
                            literals,
                            incl: m.incl,
                            second: m.second,
                            cov: m.cov,
                            memberships: min_x.clone(),
                        });
                    }
                } else if nec {
                    let d = evaluate(&max_x, &y, sum_y, true);
                    let pruned = || {
                        conj[..conj_before]
                            .iter()
                            .any(|f| contains_all(&literals, &f.literals))
                            || disj[..disj_before]
                                .iter()
                                .any(|f| contains_all(&literals, &f.literals))
                    };
                    if d.incl >= incl_cut && d.cov >= cov_cut && !pruned() {
                        disj.push(Found {
                            literals,
                            incl: d.incl,
                            second: d.second,
                            cov: d.cov,
                            memberships: max_x.clone(),
                        });
                    }
                }
                if !next_levels(&mut levels, &limits) {
                    break;
                }
            }
            if !next_combination(&mut combo, n_conds) {
                break;
            }
        }
        depth_searched = k;
        let found_before = conj_before + disj_before;
        let found_now = conj.len() + disj.len() - found_before;
        if !options.exhaustive && k > 3 && found_before > 0 && found_now == 0 {
            break;
        }
    }

    let second_cut = if nec {
        options.ron_cut
    } else {
        options.pri_cut
    } - CUT_TOLERANCE;
    let to_term = |f: Found, kind: TermKind| -> NecessityTerm {
        let joiner = if kind == TermKind::Conjunction {
            "*"
        } else {
            " + "
        };
        let expression = f
            .literals
            .iter()
            .map(|(c, l)| literal_text(&conds[*c].name, *l, multi_value))
            .collect::<Vec<_>>()
            .join(joiner);
        NecessityTerm {
            expression,
            kind,
            literals: f
                .literals
                .iter()
                .map(|(c, l)| Literal {
                    condition: conds[*c].name.clone(),
                    level: *l,
                })
                .collect(),
            incl: f.incl,
            ron_or_pri: f.second,
            cov: f.cov,
            memberships: f.memberships,
        }
    };
    let terms = conj
        .into_iter()
        .map(|f| to_term(f, TermKind::Conjunction))
        .chain(disj.into_iter().map(|f| to_term(f, TermKind::Disjunction)))
        .filter(|t| t.ron_or_pri >= second_cut)
        .collect();
    Ok(SubsetSearch {
        terms,
        depth_searched,
        warning,
    })
}

/// Inclusion, RoN or PRI, and coverage of one membership vector, with R's 0/0 = 0.
struct Measures {
    incl: f64,
    second: f64,
    cov: f64,
}

fn evaluate(x: &[f64], y: &[f64], sum_y: f64, nec: bool) -> Measures {
    let (mut sx, mut sxy, mut s_not_x, mut s_not_xy, mut s_pri) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for (&xi, &yi) in x.iter().zip(y) {
        let m = xi.min(yi);
        sx += xi;
        sxy += m;
        s_not_x += 1.0 - xi;
        s_not_xy += 1.0 - m;
        s_pri += m.min(1.0 - yi);
    }
    if nec {
        Measures {
            incl: ratio(sxy, sum_y),
            second: ratio(s_not_x, s_not_xy),
            cov: ratio(sxy, sx),
        }
    } else {
        Measures {
            incl: ratio(sxy, sx),
            second: ratio(sxy - s_pri, sx - s_pri),
            cov: ratio(sxy, sum_y),
        }
    }
}
