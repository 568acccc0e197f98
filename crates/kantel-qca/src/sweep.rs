//! Robustness sweeps: one analysis per setting of a grid of calibration anchors, incl.cut,
//! pri.cut and n.cut, with every model of every setting recorded.
//!
//! SetMethods (Oana & Schneider) moves one threshold at a time and compares the first model
//! of each run. A sweep runs the whole grid (the Cartesian product of the values given per
//! parameter) and compares all models:
//!
//! - per parameter, the range around the initial value within which the solution (the set of
//!   models) stays the initial one, the other parameters held at their initial values, as
//!   SetMethods' `rob.inclrange`/`rob.ncutrange`/`rob.calibrange` report it for one parameter;
//! - per model and per term, in how many settings it appears and its range per parameter;
//! - the robustness fit parameters `RF_cov`, `RF_cons`, `RF_SC_minTS`, `RF_SC_maxTS` and the
//!   fit of the robust core (SetMethods' `rob.fit`, `rob.corefit`), with the test set made of
//!   **all** models of all other settings, each evaluated on its own setting's calibration;
//! - the cases per intersection of the initial solution and the test solutions (SetMethods'
//!   `rob.cases`: robust typical, shaky typical, possible and extreme deviant cases, ...)
//!   with the robustness case ratios, and the points of `rob.xyplot`.
//!
//! Settings are evaluated in parallel (rayon) in fixed chunks, in three phases (see
//! `Plan::run`): each calibration's truth table is built once and given each setting's
//! cut-offs ([`TruthTable::with_cutoffs`]); settings whose truth tables assign the same
//! outputs to the same rows share one minimization (models only); the models' memberships
//! are evaluated once per calibration and table. Every combination of partial results is
//! exact (counts, minima and maxima), so the result is the same value with any number of
//! threads.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use kantel_i18n::{Msg, msg};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::calibrate::{Calibration, CalibrationOptions, calibrate};
use crate::expr::Expression;
use crate::minimize::{Minimization, MinimizeOptions, SolutionType, minimize};
use crate::progress::{Progress, ProgressWhat};
use crate::robustness::{CoreFit, CoreFitReport, RobustnessFit, RobustnessFitReport};
use crate::truth_table::{Out, TruthTable, TruthTableSpec};
use crate::{QcaError, SetData};

/// Default budget of a sweep, in settings.
pub const DEFAULT_MAX_SETTINGS: usize = 100_000;

/// Settings evaluated together by one worker (with one cache). Fixed, so that the work
/// split does not depend on the number of threads.
const CHUNK: usize = 64;

/// Which anchor of a calibration a sweep moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The exclusion anchor of a fuzzy calibration (`e`).
    Exclusion,
    /// The crossover (`c`).
    Crossover,
    /// The inclusion anchor (`i`).
    Inclusion,
    /// Threshold `k` (1-based) of a crisp calibration (`t1`, `t2`, ...).
    Threshold(usize),
}

impl Anchor {
    /// The short name used on the command line and in study files: `e`, `c`, `i`, `t1`.
    pub fn short(self) -> String {
        match self {
            Anchor::Exclusion => "e".into(),
            Anchor::Crossover => "c".into(),
            Anchor::Inclusion => "i".into(),
            Anchor::Threshold(k) => format!("t{k}"),
        }
    }

    /// Reads `e`, `c`, `i` or `t<k>`.
    pub fn parse(text: &str) -> Option<Anchor> {
        match text.trim() {
            "e" => Some(Anchor::Exclusion),
            "c" => Some(Anchor::Crossover),
            "i" => Some(Anchor::Inclusion),
            t => t
                .strip_prefix('t')
                .and_then(|k| k.parse::<usize>().ok())
                .filter(|k| *k >= 1)
                .map(Anchor::Threshold),
        }
    }
}

/// A parameter a sweep varies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Parameter {
    /// The truth table's inclusion cut-off.
    InclCut,
    /// The truth table's PRI cut-off.
    PriCut,
    /// The truth table's frequency cut-off.
    NCut,
    /// One anchor of the calibration of a condition (or the outcome).
    Anchor {
        /// The calibrated set.
        set: String,
        /// The anchor.
        anchor: Anchor,
    },
}

impl Parameter {
    /// The name as R and the command line write it: `incl.cut`, `pri.cut`, `n.cut`,
    /// `DEV.c`.
    pub fn label(&self) -> String {
        match self {
            Parameter::InclCut => "incl.cut".into(),
            Parameter::PriCut => "pri.cut".into(),
            Parameter::NCut => "n.cut".into(),
            Parameter::Anchor { set, anchor } => format!("{set}.{}", anchor.short()),
        }
    }
}

/// The values one parameter takes in a sweep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepAxis {
    /// The parameter.
    pub parameter: Parameter,
    /// Its values (any order; sorted and deduplicated by the sweep, and the initial value
    /// added when missing).
    pub values: Vec<f64>,
}

/// How the memberships of one set are made from raw values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetCalibration {
    /// The set (a column of the data, replaced by the calibrated values).
    pub set: String,
    /// The raw values, one per case.
    pub raw: Vec<f64>,
    /// The initial calibration; the sweep moves its anchors.
    pub calibration: Calibration,
}

/// Everything a sweep needs.
#[derive(Clone, Debug)]
pub struct SweepSpec {
    /// The initial truth-table settings (outcome, conditions, cut-offs).
    pub spec: TruthTableSpec,
    /// Minimization options (include, directional expectations, budgets).
    pub options: MinimizeOptions,
    /// Sets calibrated from raw values; their anchors can be swept.
    pub calibrations: Vec<SetCalibration>,
    /// The parameters varied and their values.
    pub axes: Vec<SweepAxis>,
    /// Most settings (the product of the axes' lengths) the sweep runs.
    pub max_settings: usize,
    /// Worker threads; `None` uses rayon's global pool (all cores).
    pub threads: Option<usize>,
}

/// What one setting gave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SettingOutcome {
    /// The analysis ran; the models (indices into [`Sweep::models`]).
    Models {
        /// Model indices.
        models: Vec<usize>,
        /// Whether every model was listed (the minimization's own cap).
        complete: bool,
    },
    /// No positive row (or no row reaching n.cut): no solution. Not a test solution.
    Empty,
    /// The analysis failed here (impossible anchors, a budget): the setting is left out of
    /// the comparisons, with the reason.
    Failed {
        /// Why.
        reason: Msg,
    },
}

/// One setting of the grid and what it gave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingResult {
    /// The value of every axis, in axis order.
    pub values: Vec<f64>,
    /// What the analysis gave.
    #[serde(flatten)]
    pub outcome: SettingOutcome,
}

/// The range of one parameter around its initial value within which something stays.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Range {
    /// Lowest value of the grid, going down from the initial value, at which it still holds
    /// (`None` when it does not hold at the initial value).
    pub lower: Option<f64>,
    /// Highest such value going up.
    pub upper: Option<f64>,
    /// Whether the range ends inside the grid below (the next value down changes it); false
    /// when it reaches the grid's lowest value (SetMethods prints `NA` then).
    pub lower_closed: bool,
    /// The same above.
    pub upper_closed: bool,
}

/// An axis of the sweep with the range of the initial solution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AxisResult {
    /// The parameter.
    pub parameter: Parameter,
    /// `incl.cut`, `DEV.c`, ...
    pub label: String,
    /// The values tested, ascending.
    pub values: Vec<f64>,
    /// The initial value.
    pub initial: f64,
    /// Within which values the solution (all its models) stays the initial one, the other
    /// parameters at their initial values.
    pub range: Range,
}

/// A distinct model found in the sweep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepModel {
    /// R notation.
    pub expression: String,
    /// Its terms.
    pub terms: Vec<String>,
    /// Settings where it is one of the models.
    pub settings: usize,
    /// Whether it is a model of the initial setting.
    pub initial: bool,
    /// Per axis, the range around the initial value where it stays a model.
    pub ranges: Vec<Range>,
}

/// A term found in the sweep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepTerm {
    /// The term in R notation.
    pub term: String,
    /// Whether it is in every model of the initial setting.
    pub initial: bool,
    /// Settings (that gave models) in which it is in every model.
    pub in_all_models: usize,
    /// Settings in which it is in at least one model.
    pub in_some_model: usize,
    /// Per axis, the range around the initial value where it stays in every model.
    pub ranges: Vec<Range>,
    /// In every model of every setting that gave models: a term of the robust core.
    pub robust: bool,
}

/// Cases in one intersection of the initial solution (IS) and the test solutions (TS).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseGroup {
    /// SetMethods' key: `S1S2Y` (robust typical), `S1S2y` (robust deviant), `S1s2Y` (shaky
    /// typical), `S1s2y` (shaky deviant), `s1S2Y` (possible typical), `s1S2y` (possible
    /// deviant), `s1s2Y` (extreme deviant coverage), `s1s2y` (irrelevant).
    pub key: String,
    /// Case names, in data order.
    pub cases: Vec<String>,
    /// Share of all cases.
    pub share_of_cases: f64,
    /// Share of the cases on the same side of the outcome (Y > 0.5 or Y < 0.5).
    pub share_of_outcome_side: f64,
}

/// SetMethods' robustness case ratios (`rob.case.ratio`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseRatios {
    /// Robust typical cases over robust, shaky and possible typical cases.
    #[serde(rename = "RCR_typ")]
    pub rcr_typ: f64,
    /// The same for deviant cases (Y < 0.5).
    #[serde(rename = "RCR_dev")]
    pub rcr_dev: f64,
    /// 1: no shaky and no possible cases; 2: possible only; 3: shaky only; 4: both.
    #[serde(rename = "RCC_Rank")]
    pub rcc_rank: u8,
}

/// One case in the robustness XY plot: the initial solution against the test solutions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct XyPoint {
    /// Case name.
    pub case: String,
    /// Membership in the initial solution.
    pub is: f64,
    /// Membership in the intersection of all test solutions (minTS).
    pub min_ts: f64,
    /// Membership in the union of all test solutions (maxTS).
    pub max_ts: f64,
    /// Membership in the outcome.
    pub outcome: f64,
    /// The key of the case's group in [`Comparison::case_groups`] (`S1S2Y`, ...); `None`
    /// when a membership of exactly 0.5 puts it in none.
    pub group: Option<String>,
}

/// The comparison of the initial solution with all test solutions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Test solutions compared: models of settings other than the initial one (a model
    /// counts once per setting it appears in). Settings without a positive row have no
    /// solution and are not test solutions (they are counted in [`Sweep::counts`]): an
    /// empty set in the intersection would empty the robust core whatever the others say.
    pub test_solutions: usize,
    /// The initial solution: the first model of the initial setting.
    pub initial_model: String,
    /// Robustness fit parameters over all test solutions.
    pub fit: RobustnessFitReport,
    /// Fit of the robust core (IS * minTS).
    pub core_fit: CoreFitReport,
    /// Cases per intersection of IS with minTS (SetMethods' `rob.cases`).
    pub case_groups: Vec<CaseGroup>,
    /// Robustness case ratios (IS with minTS and maxTS).
    pub case_ratios: CaseRatios,
    /// The points of the robustness XY plot.
    pub xy: Vec<XyPoint>,
}

/// The result of a sweep, with its provenance (the spec it ran).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    /// Outcome in R notation.
    pub outcome: String,
    /// Conditions.
    pub conditions: Vec<String>,
    /// The initial truth-table settings.
    pub truth_table: TruthTableSpec,
    /// The minimization options.
    pub options: MinimizeOptions,
    /// The calibrations of the swept sets at their initial anchors.
    pub calibrations: Vec<(String, Calibration)>,
    /// The axes, with the range of the initial solution on each.
    pub axes: Vec<AxisResult>,
    /// Index of the initial setting in `settings`.
    pub initial_setting: usize,
    /// Every setting, the last axis varying fastest.
    pub settings: Vec<SettingResult>,
    /// Counts of settings: with models, empty, failed.
    pub counts: SettingCounts,
    /// Every distinct model, in order of first appearance.
    pub models: Vec<SweepModel>,
    /// Every distinct term, initial terms first, then by how often they appear.
    pub terms: Vec<SweepTerm>,
    /// The comparison with the test solutions; `None` when the initial setting has no model
    /// or no other setting gave a solution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    /// Why there is no comparison, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_comparison: Option<Msg>,
}

/// How many settings gave what.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingCounts {
    /// All settings.
    pub total: usize,
    /// Settings with models.
    pub with_models: usize,
    /// Settings without a positive row.
    pub empty: usize,
    /// Settings where the analysis failed.
    pub failed: usize,
    /// Settings with models whose list stopped at `max_models` (more exist).
    #[serde(default)]
    pub incomplete: usize,
}

/// One reason why settings failed.
#[derive(Clone, Debug, PartialEq)]
pub struct FailureReason<'a> {
    /// The reason.
    pub reason: &'a Msg,
    /// How many settings failed for it.
    pub settings: usize,
    /// The first of them (index into [`Sweep::settings`]).
    pub first: usize,
}

impl Sweep {
    /// Why settings failed: each distinct reason once, in order of first appearance, with
    /// how many settings and the first. Linear in the settings: a reason that names an
    /// anchor value differs per setting, so there may be as many reasons as settings.
    pub fn failures(&self) -> Vec<FailureReason<'_>> {
        let mut out: Vec<FailureReason<'_>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (k, setting) in self.settings.iter().enumerate() {
            if let SettingOutcome::Failed { reason } = &setting.outcome {
                match index.entry(reason.to_string()) {
                    Entry::Occupied(e) => out[*e.get()].settings += 1,
                    Entry::Vacant(e) => {
                        e.insert(out.len());
                        out.push(FailureReason {
                            reason,
                            settings: 1,
                            first: k,
                        });
                    }
                }
            }
        }
        out
    }
}

/// Runs a sweep.
pub fn sweep(data: &SetData, spec: &SweepSpec, progress: &dyn Progress) -> Result<Sweep, QcaError> {
    let plan = Plan::new(data, spec)?;
    // Only the solution that is compared is computed (the conservative one as well when
    // intermediate solutions need it).
    let mut spec = spec.clone();
    if spec.options.solutions.is_empty() {
        spec.options.solutions = if spec.options.dir_exp.is_some() {
            vec![SolutionType::Intermediate]
        } else if spec.options.include_remainders {
            vec![SolutionType::Parsimonious]
        } else {
            vec![SolutionType::Conservative]
        };
    }
    spec.options.models_only = true;
    let spec = &spec;
    let run = || plan.run(data, spec, progress);
    let evaluated = match spec.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| QcaError::Settings(msg!("qca-sweep-threads", error = e.to_string())))?
            .install(run),
        None => run(),
    };
    Ok(plan.summarize(data, spec, evaluated))
}

/// Axes made ready: sorted values, the initial index, radix strides.
struct Plan {
    axes: Vec<(Parameter, Vec<f64>, usize)>,
    total: usize,
    initial: usize,
    /// For every calibrated set, the axes that move one of its anchors.
    calibration_axes: Vec<Vec<(usize, Anchor)>>,
}

fn anchor_value(c: &Calibration, anchor: Anchor) -> Option<f64> {
    match (c, anchor) {
        (Calibration::Fuzzy { exclusion, .. }, Anchor::Exclusion)
        | (Calibration::Linear { exclusion, .. }, Anchor::Exclusion) => Some(*exclusion),
        (Calibration::Fuzzy { crossover, .. }, Anchor::Crossover)
        | (Calibration::Linear { crossover, .. }, Anchor::Crossover) => Some(*crossover),
        (Calibration::Fuzzy { inclusion, .. }, Anchor::Inclusion)
        | (Calibration::Linear { inclusion, .. }, Anchor::Inclusion) => Some(*inclusion),
        (Calibration::Crisp { thresholds }, Anchor::Threshold(k)) => {
            thresholds.get(k.wrapping_sub(1)).copied()
        }
        _ => None,
    }
}

fn set_anchor(c: &mut Calibration, anchor: Anchor, value: f64) {
    match (c, anchor) {
        (Calibration::Fuzzy { exclusion, .. }, Anchor::Exclusion)
        | (Calibration::Linear { exclusion, .. }, Anchor::Exclusion) => *exclusion = value,
        (Calibration::Fuzzy { crossover, .. }, Anchor::Crossover)
        | (Calibration::Linear { crossover, .. }, Anchor::Crossover) => *crossover = value,
        (Calibration::Fuzzy { inclusion, .. }, Anchor::Inclusion)
        | (Calibration::Linear { inclusion, .. }, Anchor::Inclusion) => *inclusion = value,
        (Calibration::Crisp { thresholds }, Anchor::Threshold(k)) => {
            if let Some(t) = thresholds.get_mut(k.wrapping_sub(1)) {
                *t = value;
            }
        }
        _ => {}
    }
}

impl Plan {
    fn new(data: &SetData, spec: &SweepSpec) -> Result<Plan, QcaError> {
        let mut seen_calibrated = BTreeSet::new();
        for c in &spec.calibrations {
            data.require(&c.set)?;
            if !seen_calibrated.insert(c.set.as_str()) {
                return Err(QcaError::Settings(msg!("qca-sweep-twice", name = &c.set)));
            }
            if c.raw.len() != data.n_cases() {
                return Err(QcaError::Data(msg!(
                    "qca-robust-raw-length",
                    values = c.raw.len(),
                    name = &c.set,
                    cases = data.n_cases()
                )));
            }
        }
        let mut axes = Vec::with_capacity(spec.axes.len());
        let mut labels = BTreeSet::new();
        let mut calibration_axes = vec![Vec::new(); spec.calibrations.len()];
        for axis in &spec.axes {
            let label = axis.parameter.label();
            if !labels.insert(label.clone()) {
                return Err(QcaError::Settings(msg!("qca-sweep-twice", name = label)));
            }
            if axis.values.is_empty() {
                return Err(QcaError::Settings(msg!(
                    "qca-sweep-no-values",
                    name = label
                )));
            }
            if let Some(v) = axis.values.iter().find(|v| !v.is_finite()) {
                return Err(QcaError::Settings(msg!(
                    "qca-sweep-bad-value",
                    name = label,
                    value = v.to_string()
                )));
            }
            let initial = match &axis.parameter {
                Parameter::InclCut => spec.spec.incl_cut,
                Parameter::PriCut => spec.spec.pri_cut,
                Parameter::NCut => {
                    if let Some(v) = axis.values.iter().find(|v| v.fract() != 0.0 || **v < 0.0) {
                        return Err(QcaError::Settings(msg!(
                            "qca-sweep-ncut-integer",
                            value = v.to_string()
                        )));
                    }
                    spec.spec.n_cut as f64
                }
                Parameter::Anchor { set, anchor } => {
                    let Some(k) = spec.calibrations.iter().position(|c| c.set == *set) else {
                        return Err(QcaError::Settings(msg!(
                            "qca-sweep-not-calibrated",
                            name = label,
                            set = set
                        )));
                    };
                    let Some(v) = anchor_value(&spec.calibrations[k].calibration, *anchor) else {
                        return Err(QcaError::Settings(msg!(
                            "qca-sweep-no-anchor",
                            name = label,
                            calibration = spec.calibrations[k].calibration.to_string()
                        )));
                    };
                    calibration_axes[k].push((axes.len(), *anchor));
                    v
                }
            };
            let mut values = axis.values.clone();
            values.push(initial);
            values.sort_by(f64::total_cmp);
            values.dedup();
            let index = values
                .iter()
                .position(|v| *v == initial)
                .unwrap_or_default();
            axes.push((axis.parameter.clone(), values, index));
        }
        let mut total: usize = 1;
        for (_, values, _) in &axes {
            total = total.saturating_mul(values.len());
        }
        if total > spec.max_settings {
            return Err(QcaError::Settings(msg!(
                "qca-sweep-too-many",
                settings = total.to_string(),
                max = spec.max_settings
            )));
        }
        let mut initial = 0;
        for (_, values, index) in &axes {
            initial = initial * values.len() + index;
        }
        Ok(Plan {
            axes,
            total,
            initial,
            calibration_axes,
        })
    }

    /// Axis indices of setting `s` (the last axis varies fastest).
    fn coordinates(&self, mut s: usize) -> Vec<usize> {
        let mut out = vec![0; self.axes.len()];
        for (k, (_, values, _)) in self.axes.iter().enumerate().rev() {
            out[k] = s % values.len();
            s /= values.len();
        }
        out
    }

    fn setting_index(&self, coords: &[usize]) -> usize {
        coords
            .iter()
            .zip(&self.axes)
            .fold(0, |acc, (c, (_, values, _))| acc * values.len() + c)
    }

    /// Evaluates every setting in three phases: (1) calibrate and build the truth table of
    /// every setting, keeping only its output assignment; (2) minimize each distinct
    /// assignment once (settings of a grid share few of them); (3) evaluate the models of
    /// every setting on its own calibration, for the test solutions' intersection and union.
    fn run(&self, data: &SetData, spec: &SweepSpec, progress: &dyn Progress) -> Evaluated {
        // Three phases, each its own progress: the tables, the minimizations, the models.
        progress.start(ProgressWhat::Robustness, Some(self.total as u64));
        let chunks: Vec<usize> = (0..self.total.div_ceil(CHUNK)).collect();
        // Minimizations that use the data's fit (pi.cons, sol.cons) depend on more than the
        // output assignment: then the calibration is part of the key.
        let fit_dependent = spec.options.pi_cons > 0.0 || spec.options.sol_cons > 0.0;
        let classified: Vec<Classified> = chunks
            .par_iter()
            .flat_map_iter(|&c| {
                let from = c * CHUNK;
                let to = (from + CHUNK).min(self.total);
                let mut cache = DataCache::default();
                let out: Vec<Classified> = (from..to)
                    .map(|s| {
                        let coords = self.coordinates(s);
                        match self.table_for(data, spec, &coords, &mut cache) {
                            Ok(tt) => self.classify(tt, &coords, fit_dependent),
                            Err(reason) => Classified::Failed(reason),
                        }
                    })
                    .collect();
                progress.inc((to - from) as u64);
                out
            })
            .collect();
        // Distinct tables, numbered in order of their first setting.
        let mut table_of: HashMap<Vec<u64>, usize> = HashMap::new();
        let mut representative: Vec<usize> = Vec::new();
        let mut per_setting: Vec<SettingTable> = Vec::with_capacity(self.total);
        for (s, c) in classified.into_iter().enumerate() {
            per_setting.push(match c {
                Classified::Table(key) => {
                    let next = representative.len();
                    let t = *table_of.entry(key).or_insert(next);
                    if t == next {
                        representative.push(s);
                    }
                    SettingTable::Table(t)
                }
                Classified::Empty => SettingTable::Empty,
                Classified::Failed(m) => SettingTable::Failed(m),
            });
        }
        drop(table_of);
        // In chunks of consecutive representatives: they mostly share their calibration, and
        // so its truth table.
        progress.finish();
        progress.start(ProgressWhat::Minimize, Some(representative.len() as u64));
        let minimized: Vec<Minimized> = representative
            .par_chunks(8)
            .flat_map_iter(|chunk| {
                let mut cache = DataCache::default();
                progress.inc(chunk.len() as u64);
                chunk
                    .iter()
                    .map(|&s| {
                        let coords = self.coordinates(s);
                        match self.table_for(data, spec, &coords, &mut cache) {
                            Ok(Ok(tt)) => match minimize(&tt, &spec.options) {
                                Ok(m) => reported_models(&m),
                                Err(e) => Minimized::Failed(e.msg()),
                            },
                            Ok(Err(e)) => Minimized::Failed(e.msg()),
                            Err(reason) => Minimized::Failed(reason),
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        // Models and terms numbered in order of first appearance.
        let mut models: Vec<(String, Vec<usize>)> = Vec::new();
        let mut model_index: HashMap<String, usize> = HashMap::new();
        let mut terms: Vec<String> = Vec::new();
        let mut term_index: HashMap<String, usize> = HashMap::new();
        let tables: Vec<TableModels> = minimized
            .into_iter()
            .map(|m| match m {
                Minimized::Models(list, complete) => {
                    let ids = list
                        .into_iter()
                        .map(|(expression, model_terms)| {
                            if let Some(&id) = model_index.get(&expression) {
                                return id;
                            }
                            let term_ids = model_terms
                                .into_iter()
                                .map(|t| {
                                    let next = terms.len();
                                    let id = *term_index.entry(t.clone()).or_insert(next);
                                    if id == next {
                                        terms.push(t);
                                    }
                                    id
                                })
                                .collect();
                            model_index.insert(expression.clone(), models.len());
                            models.push((expression, term_ids));
                            models.len() - 1
                        })
                        .collect();
                    TableModels::Models(ids, complete)
                }
                Minimized::Failed(m) => TableModels::Failed(m),
            })
            .collect();
        progress.finish();
        progress.start(ProgressWhat::Robustness, Some(self.total as u64));
        let parsed: Vec<Option<Expression>> =
            terms.iter().map(|t| Expression::parse(t).ok()).collect();
        let n = data.n_cases();
        let folded: Vec<Fold> = chunks
            .par_iter()
            .map(|&c| {
                let from = c * CHUNK;
                let to = (from + CHUNK).min(self.total);
                let mut cache = DataCache::default();
                let mut fold = Fold::new(n);
                // Per table, the intersection and union of its models on the current
                // calibration: settings that share both share them.
                let mut current: Option<Vec<usize>> = None;
                let mut per_table: HashMap<usize, Option<Bounds>> = HashMap::new();
                for (s, table) in per_setting.iter().enumerate().take(to).skip(from) {
                    if s == self.initial {
                        continue;
                    }
                    let SettingTable::Table(t) = table else {
                        continue;
                    };
                    let TableModels::Models(ids, _) = &tables[*t] else {
                        continue;
                    };
                    let coords = self.coordinates(s);
                    let key = self.calibration_key(&coords);
                    if current.as_ref() != Some(&key) {
                        per_table.clear();
                        current = Some(key);
                    }
                    let entry = per_table.entry(*t).or_insert_with(|| {
                        let d = self.data_for(data, spec, &coords, &mut cache).ok()?;
                        let mut term_values: HashMap<usize, Vec<f64>> = HashMap::new();
                        let mut lo = vec![f64::INFINITY; n];
                        let mut hi = vec![f64::NEG_INFINITY; n];
                        for &m in ids {
                            let mut membership = vec![0.0_f64; n];
                            for &t in &models[m].1 {
                                let v = match term_values.entry(t) {
                                    Entry::Occupied(e) => e.into_mut(),
                                    Entry::Vacant(e) => {
                                        e.insert(parsed[t].as_ref()?.membership(&d).ok()?)
                                    }
                                };
                                membership
                                    .iter_mut()
                                    .zip(v)
                                    .for_each(|(a, b)| *a = a.max(*b));
                            }
                            lo.iter_mut()
                                .zip(&membership)
                                .for_each(|(a, b)| *a = a.min(*b));
                            hi.iter_mut()
                                .zip(&membership)
                                .for_each(|(a, b)| *a = a.max(*b));
                        }
                        Some((lo, hi))
                    });
                    if let Some((lo, hi)) = entry {
                        fold.add_many(lo, hi, ids.len());
                    }
                }
                progress.inc((to - from) as u64);
                fold
            })
            .collect();
        progress.finish();
        let mut fold = Fold::new(n);
        for f in folded {
            fold.merge(&f);
        }
        Evaluated {
            per_setting,
            tables,
            models,
            terms,
            fold,
        }
    }

    /// The data of a setting: the calibrated sets recalibrated with its anchors. Cached by
    /// the anchors' values.
    fn data_for(
        &self,
        data: &SetData,
        spec: &SweepSpec,
        coords: &[usize],
        cache: &mut DataCache,
    ) -> Result<Arc<SetData>, Msg> {
        let key = self.calibration_key(coords);
        if let Some((k, hit)) = &cache.last
            && *k == key
        {
            return hit.clone();
        }
        let mut out = data.clone();
        let mut result = Ok(());
        for (k, c) in spec.calibrations.iter().enumerate() {
            let mut calibration = c.calibration.clone();
            for (a, anchor) in &self.calibration_axes[k] {
                set_anchor(&mut calibration, *anchor, self.axes[*a].1[coords[*a]]);
            }
            match calibrate(&c.raw, &calibration, &CalibrationOptions::default())
                .and_then(|cal| out.with_column(&c.set, cal.values))
            {
                Ok(d) => out = d,
                Err(e) => {
                    result = Err(msg!(
                        "qca-sweep-calibration-failed",
                        set = &c.set,
                        calibration = calibration.to_string(),
                        error = e.msg()
                    ));
                    break;
                }
            }
        }
        let value = result.map(|()| Arc::new(out));
        cache.last = Some((key, value.clone()));
        cache.base = None;
        value
    }

    /// The truth table of a setting: its calibration's table (cached) with its cut-offs.
    fn table_for(
        &self,
        data: &SetData,
        spec: &SweepSpec,
        coords: &[usize],
        cache: &mut DataCache,
    ) -> Result<Result<TruthTable, QcaError>, Msg> {
        let d = self.data_for(data, spec, coords, cache)?;
        let tts = self.table_spec(spec, coords);
        let base = cache.base.get_or_insert_with(|| {
            let mut all = tts.clone();
            all.n_cut = 0;
            TruthTable::build(&d, &all).map(Arc::new)
        });
        Ok(match base {
            Ok(base) => base.with_cutoffs(
                tts.incl_cut,
                tts.incl_cut_contradiction,
                tts.pri_cut,
                tts.n_cut,
            ),
            Err(e) => Err(e.clone()),
        })
    }

    /// The coordinates of a setting on the anchor axes: settings with the same key have
    /// the same calibrated data.
    fn calibration_key(&self, coords: &[usize]) -> Vec<usize> {
        self.calibration_axes
            .iter()
            .flat_map(|axes| axes.iter().map(|(a, _)| coords[*a]))
            .collect()
    }

    /// The truth-table settings of a setting.
    fn table_spec(&self, spec: &SweepSpec, coords: &[usize]) -> TruthTableSpec {
        let mut tts = spec.spec.clone();
        for (k, (parameter, values, _)) in self.axes.iter().enumerate() {
            let v = values[coords[k]];
            match parameter {
                Parameter::InclCut => tts.incl_cut = v,
                Parameter::PriCut => tts.pri_cut = v,
                Parameter::NCut => tts.n_cut = v as usize,
                Parameter::Anchor { .. } => {}
            }
        }
        tts
    }

    /// Keeps what the minimization of a setting's truth table depends on.
    fn classify(
        &self,
        tt: Result<TruthTable, QcaError>,
        coords: &[usize],
        fit_dependent: bool,
    ) -> Classified {
        let tt = match tt {
            Ok(tt) => tt,
            // No configuration reaches n.cut: nothing is sufficient, as with no positive row.
            Err(QcaError::Settings(m)) if m.key == "qca-tt-empty" => return Classified::Empty,
            Err(e) => return Classified::Failed(e.msg()),
        };
        if !tt.rows().iter().any(|r| r.out == Out::One) {
            return Classified::Empty;
        }
        let mut key: Vec<u64> = Vec::with_capacity(tt.rows().len() + 1);
        if fit_dependent {
            key.extend(self.calibration_key(coords).iter().map(|&c| c as u64));
            key.push(u64::MAX);
        }
        key.extend(tt.rows().iter().map(|r| {
            let out = match r.out {
                Out::Zero => 0,
                Out::One => 1,
                Out::Contradiction => 2,
                Out::Remainder => 3,
            };
            r.row << 2 | out
        }));
        Classified::Table(key)
    }

    fn summarize(&self, data: &SetData, spec: &SweepSpec, e: Evaluated) -> Sweep {
        let Evaluated {
            per_setting,
            tables,
            models: model_list,
            terms: term_names,
            fold,
        } = e;
        let mut models: Vec<SweepModel> = model_list
            .into_iter()
            .map(|(expression, term_ids)| SweepModel {
                expression,
                terms: term_ids.iter().map(|&t| term_names[t].clone()).collect(),
                settings: 0,
                initial: false,
                ranges: Vec::new(),
            })
            .collect();
        let mut counts = SettingCounts {
            total: self.total,
            ..SettingCounts::default()
        };
        let mut settings = Vec::with_capacity(self.total);
        for (s, table) in per_setting.into_iter().enumerate() {
            let coords = self.coordinates(s);
            let values = coords
                .iter()
                .zip(&self.axes)
                .map(|(c, (_, v, _))| v[*c])
                .collect();
            let outcome = match table {
                SettingTable::Table(t) => match &tables[t] {
                    TableModels::Models(ids, complete) => {
                        counts.with_models += 1;
                        counts.incomplete += usize::from(!*complete);
                        for &m in ids {
                            models[m].settings += 1;
                            if s == self.initial {
                                models[m].initial = true;
                            }
                        }
                        SettingOutcome::Models {
                            models: ids.clone(),
                            complete: *complete,
                        }
                    }
                    TableModels::Failed(reason) => {
                        counts.failed += 1;
                        SettingOutcome::Failed {
                            reason: reason.clone(),
                        }
                    }
                },
                SettingTable::Empty => {
                    counts.empty += 1;
                    SettingOutcome::Empty
                }
                SettingTable::Failed(reason) => {
                    counts.failed += 1;
                    SettingOutcome::Failed { reason }
                }
            };
            settings.push(SettingResult { values, outcome });
        }
        let (min_ts, max_ts, tests) = (fold.min, fold.max, fold.tests);
        let model_sets: Vec<Option<BTreeSet<usize>>> = settings
            .iter()
            .map(|s| match &s.outcome {
                SettingOutcome::Models { models, .. } => Some(models.iter().copied().collect()),
                SettingOutcome::Empty => Some(BTreeSet::new()),
                SettingOutcome::Failed { .. } => None,
            })
            .collect();
        let initial_set = model_sets[self.initial].clone();
        let axes: Vec<AxisResult> = self
            .axes
            .iter()
            .enumerate()
            .map(|(k, (parameter, values, index))| AxisResult {
                parameter: parameter.clone(),
                label: parameter.label(),
                values: values.clone(),
                initial: values[*index],
                range: self.range(k, |s| initial_set.is_some() && model_sets[s] == initial_set),
            })
            .collect();
        for (m, model) in models.iter_mut().enumerate() {
            model.ranges = (0..self.axes.len())
                .map(|k| {
                    self.range(k, |s| {
                        model_sets[s].as_ref().is_some_and(|set| set.contains(&m))
                    })
                })
                .collect();
        }
        let terms = self.terms(&models, &model_sets);
        let (comparison, no_comparison) =
            self.compare(data, spec, &models, &settings, &min_ts, &max_ts, tests);
        Sweep {
            outcome: spec.spec.outcome.to_string(),
            conditions: spec.spec.conditions.clone(),
            truth_table: spec.spec.clone(),
            options: spec.options.clone(),
            calibrations: spec
                .calibrations
                .iter()
                .map(|c| (c.set.clone(), c.calibration.clone()))
                .collect(),
            axes,
            initial_setting: self.initial,
            settings,
            counts,
            models,
            terms,
            comparison,
            no_comparison,
        }
    }

    /// The range along axis `k` through the initial setting within which `holds`.
    fn range(&self, k: usize, holds: impl Fn(usize) -> bool) -> Range {
        let (_, values, index) = &self.axes[k];
        let mut coords = self.coordinates(self.initial);
        if !holds(self.initial) {
            return Range {
                lower: None,
                upper: None,
                lower_closed: true,
                upper_closed: true,
            };
        }
        let mut lo = *index;
        loop {
            if lo == 0 {
                break;
            }
            coords[k] = lo - 1;
            if !holds(self.setting_index(&coords)) {
                break;
            }
            lo -= 1;
        }
        let mut hi = *index;
        loop {
            if hi + 1 == values.len() {
                break;
            }
            coords[k] = hi + 1;
            if !holds(self.setting_index(&coords)) {
                break;
            }
            hi += 1;
        }
        Range {
            lower: Some(values[lo]),
            upper: Some(values[hi]),
            lower_closed: lo > 0,
            upper_closed: hi + 1 < values.len(),
        }
    }

    fn terms(
        &self,
        models: &[SweepModel],
        model_sets: &[Option<BTreeSet<usize>>],
    ) -> Vec<SweepTerm> {
        let mut names: Vec<&str> = models
            .iter()
            .flat_map(|m| m.terms.iter().map(String::as_str))
            .collect();
        names.sort_unstable();
        names.dedup();
        let id: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let model_terms: Vec<Vec<usize>> = models
            .iter()
            .map(|m| {
                let mut ids: Vec<usize> = m.terms.iter().map(|t| id[t.as_str()]).collect();
                ids.sort_unstable();
                ids
            })
            .collect();
        // Settings with the same models share the terms in all and in some of them: worked
        // out once per distinct set of models (a grid has few).
        let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
        let mut group_index: HashMap<&BTreeSet<usize>, usize> = HashMap::new();
        let group_of: Vec<Option<usize>> = model_sets
            .iter()
            .map(|set| {
                let set = set.as_ref().filter(|set| !set.is_empty())?;
                Some(*group_index.entry(set).or_insert_with(|| {
                    let mut some: Vec<usize> = set
                        .iter()
                        .flat_map(|&m| model_terms[m].iter().copied())
                        .collect();
                    some.sort_unstable();
                    some.dedup();
                    let all = some
                        .iter()
                        .copied()
                        .filter(|t| set.iter().all(|&m| model_terms[m].binary_search(t).is_ok()))
                        .collect();
                    groups.push((all, some));
                    groups.len() - 1
                }))
            })
            .collect();
        let mut in_all_count = vec![0usize; names.len()];
        let mut in_some_count = vec![0usize; names.len()];
        for g in group_of.iter().flatten() {
            for &t in &groups[*g].0 {
                in_all_count[t] += 1;
            }
            for &t in &groups[*g].1 {
                in_some_count[t] += 1;
            }
        }
        let with_models = group_of.iter().flatten().count();
        let in_all =
            |t: usize, s: usize| group_of[s].is_some_and(|g| groups[g].0.binary_search(&t).is_ok());
        let mut out: Vec<SweepTerm> = names
            .iter()
            .enumerate()
            .map(|(t, term)| SweepTerm {
                term: term.to_string(),
                initial: in_all(t, self.initial),
                in_all_models: in_all_count[t],
                in_some_model: in_some_count[t],
                ranges: (0..self.axes.len())
                    .map(|k| self.range(k, |s| in_all(t, s)))
                    .collect(),
                robust: with_models > 0 && in_all_count[t] == with_models,
            })
            .collect();
        out.sort_by(|a, b| {
            b.initial
                .cmp(&a.initial)
                .then(b.in_all_models.cmp(&a.in_all_models))
                .then(b.in_some_model.cmp(&a.in_some_model))
                .then(a.term.cmp(&b.term))
        });
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn compare(
        &self,
        data: &SetData,
        spec: &SweepSpec,
        models: &[SweepModel],
        settings: &[SettingResult],
        min_ts: &[f64],
        max_ts: &[f64],
        tests: usize,
    ) -> (Option<Comparison>, Option<Msg>) {
        let SettingOutcome::Models {
            models: initial, ..
        } = &settings[self.initial].outcome
        else {
            return (None, Some(msg!("qca-sweep-no-initial-model")));
        };
        if tests == 0 {
            return (None, Some(msg!("qca-sweep-no-tests")));
        }
        let mut cache = DataCache::default();
        let initial_data =
            match self.data_for(data, spec, &self.coordinates(self.initial), &mut cache) {
                Ok(d) => d,
                Err(reason) => return (None, Some(reason)),
            };
        let expression = models[initial[0]].expression.clone();
        let Some(is) = Expression::parse(&expression)
            .and_then(|e| e.membership(&initial_data))
            .ok()
        else {
            return (None, Some(msg!("qca-sweep-no-initial-model")));
        };
        let y = match spec.spec.outcome.membership(&initial_data) {
            Ok(y) => y,
            Err(e) => return (None, Some(e.msg())),
        };
        let core: Vec<f64> = is.iter().zip(min_ts).map(|(a, b)| a.min(*b)).collect();
        let core_fit = CoreFit::of(&core, &y);
        let is_fit = CoreFit::of(&is, &y);
        let overlap = |t: &[f64]| -> f64 {
            let num: f64 = is.iter().zip(t).map(|(a, b)| a.min(*b)).sum();
            let den: f64 = is.iter().zip(t).map(|(a, b)| a.max(*b)).sum();
            num / den
        };
        let exact = RobustnessFit {
            rf_cov: core_fit.cov / is_fit.cov,
            rf_cons: is_fit.cons / core_fit.cons,
            rf_sc_min_ts: overlap(min_ts),
            rf_sc_max_ts: overlap(max_ts),
        };
        let fit = RobustnessFitReport::from_fits(exact, &core_fit, &is_fit);
        let core_fit = CoreFitReport {
            exact: core_fit,
            printed: core_fit.printed(),
        };
        let cases = data.cases();
        let n = cases.len() as f64;
        let above = y.iter().filter(|v| **v > 0.5).count() as f64;
        let below = y.iter().filter(|v| **v < 0.5).count() as f64;
        let group = |key: &str, s1: bool, s2: bool, high: bool| -> CaseGroup {
            let member = |i: usize| -> bool {
                let a = if s1 { is[i] } else { 1.0 - is[i] };
                let b = if s2 { min_ts[i] } else { 1.0 - min_ts[i] };
                a.min(b) > 0.5 && if high { y[i] > 0.5 } else { y[i] < 0.5 }
            };
            let list: Vec<String> = (0..cases.len())
                .filter(|&i| member(i))
                .map(|i| cases[i].clone())
                .collect();
            let k = list.len() as f64;
            CaseGroup {
                key: key.to_string(),
                share_of_cases: k / n,
                share_of_outcome_side: k / if high { above } else { below },
                cases: list,
            }
        };
        let case_groups = vec![
            group("S1S2Y", true, true, true),
            group("S1S2y", true, true, false),
            group("S1s2Y", true, false, true),
            group("S1s2y", true, false, false),
            group("s1S2Y", false, true, true),
            group("s1S2y", false, true, false),
            group("s1s2Y", false, false, true),
            group("s1s2y", false, false, false),
        ];
        // rob.case.ratio: robust (IS*minTS), shaky (IS*~minTS) and possible (~IS*maxTS).
        let count = |f: &dyn Fn(usize) -> bool| (0..cases.len()).filter(|&i| f(i)).count();
        let robust = |i: usize| is[i].min(min_ts[i]) > 0.5;
        let shaky = |i: usize| is[i].min(1.0 - min_ts[i]) > 0.5;
        let possible = |i: usize| (1.0 - is[i]).min(max_ts[i]) > 0.5_f64;
        let ratio = |high: bool| -> f64 {
            let side = |i: usize| if high { y[i] > 0.5 } else { y[i] < 0.5 };
            let r = count(&|i| robust(i) && side(i)) as f64;
            let s = count(&|i| shaky(i) && side(i)) as f64;
            let p = count(&|i| possible(i) && side(i)) as f64;
            r / (r + s + p)
        };
        let (n_shaky, n_possible) = (count(&shaky), count(&possible));
        let rcc_rank = match (n_shaky > 0, n_possible > 0) {
            (false, false) => 1,
            (false, true) => 2,
            (true, false) => 3,
            (true, true) => 4,
        };
        let case_ratios = CaseRatios {
            rcr_typ: ratio(true),
            rcr_dev: ratio(false),
            rcc_rank,
        };
        let xy = (0..cases.len())
            .map(|i| XyPoint {
                case: cases[i].clone(),
                is: is[i],
                min_ts: min_ts[i],
                max_ts: max_ts[i],
                outcome: y[i],
                group: case_groups
                    .iter()
                    .find(|g| g.cases.contains(&cases[i]))
                    .map(|g| g.key.clone()),
            })
            .collect();
        (
            Some(Comparison {
                test_solutions: tests,
                initial_model: expression,
                fit,
                core_fit,
                case_groups,
                case_ratios,
                xy,
            }),
            None,
        )
    }
}

/// The intersection and union of the test solutions seen so far.
struct Fold {
    min: Vec<f64>,
    max: Vec<f64>,
    tests: usize,
}

impl Fold {
    fn new(n: usize) -> Fold {
        Fold {
            min: vec![f64::INFINITY; n],
            max: vec![f64::NEG_INFINITY; n],
            tests: 0,
        }
    }

    /// `count` test solutions whose intersection is `lo` and union `hi`.
    fn add_many(&mut self, lo: &[f64], hi: &[f64], count: usize) {
        for i in 0..self.min.len() {
            self.min[i] = self.min[i].min(lo[i]);
            self.max[i] = self.max[i].max(hi[i]);
        }
        self.tests += count;
    }

    /// Exact in any order (minima, maxima and counts): the result does not depend on how
    /// the settings were split over threads.
    fn merge(&mut self, other: &Fold) {
        for i in 0..self.min.len() {
            self.min[i] = self.min[i].min(other.min[i]);
            self.max[i] = self.max[i].max(other.max[i]);
        }
        self.tests += other.tests;
    }
}

/// A setting after its truth table was built.
enum Classified {
    /// What the minimization depends on: the rows with their outputs (and the calibration
    /// when the minimization uses fit).
    Table(Vec<u64>),
    Empty,
    Failed(Msg),
}

/// A setting's distinct table, or why it has none.
enum SettingTable {
    Table(usize),
    Empty,
    Failed(Msg),
}

/// The minimization of a distinct table: model expressions with their terms.
enum Minimized {
    Models(Vec<(String, Vec<String>)>, bool),
    Failed(Msg),
}

/// The models of a distinct table, as indices.
enum TableModels {
    Models(Vec<usize>, bool),
    Failed(Msg),
}

/// What the three phases produce.
struct Evaluated {
    per_setting: Vec<SettingTable>,
    tables: Vec<TableModels>,
    /// Distinct models: expression and term indices.
    models: Vec<(String, Vec<usize>)>,
    /// Distinct terms.
    terms: Vec<String>,
    fold: Fold,
}

/// The models SetMethods compares, all of them: every model of the first intermediate
/// solution, else of the parsimonious, else of the conservative solution.
fn reported_models(m: &Minimization) -> Minimized {
    let (models, complete) = if let Some(first) = m.intermediate.first() {
        (&first.models, first.complete)
    } else if let Some(p) = &m.parsimonious {
        (&p.models, p.complete)
    } else if let Some(c) = &m.conservative {
        (&c.models, c.complete)
    } else {
        return Minimized::Failed(msg!("qca-robust-no-model"));
    };
    if models.is_empty() {
        return Minimized::Failed(msg!("qca-robust-no-model"));
    }
    Minimized::Models(
        models
            .iter()
            .map(|m| {
                (
                    m.expression.clone(),
                    m.terms.iter().map(|t| t.term.clone()).collect(),
                )
            })
            .collect(),
        complete,
    )
}

/// The data of one calibration, or why it could not be made.
type CalibratedData = Result<Arc<SetData>, Msg>;

/// The intersection and union (case-wise minimum and maximum) of some models.
type Bounds = (Vec<f64>, Vec<f64>);

/// A worker's last calibrated data: settings in a chunk come in grid order, so consecutive
/// settings mostly share their anchors (the cut-offs vary fastest when listed last).
#[derive(Default)]
struct DataCache {
    last: Option<(Vec<usize>, CalibratedData)>,
    /// The truth table of that data with n.cut 0, built once and given each setting's
    /// cut-offs by [`TruthTable::with_cutoffs`].
    base: Option<Result<Arc<TruthTable>, QcaError>>,
}
