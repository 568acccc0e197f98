//! Robustness tests of a sufficient solution, as the R package SetMethods 4.1 (Oana &
//! Schneider) defines them: threshold ranges within which the solution formula stays the
//! same (`rob.inclrange`, `rob.ncutrange`, `rob.calibrange`) and the fit of the intersection
//! of an initial solution with test solutions (`rob.corefit`, `rob.fit`).
//!
//! Every sweep is a pure, deterministic function: it steps a threshold away from its initial
//! value, rebuilds the truth table and minimizes it, and stops at the first step where the
//! solution changes. Nothing here uses randomness. The exact stepping rules, the points where
//! kantel deliberately differs from SetMethods and why are written out in
//! `docs/robustness.md`.

use std::cell::Cell;
use std::collections::BTreeSet;

use kantel_i18n::{Arg, Msg, msg};
use serde::{Deserialize, Serialize};

use crate::calibrate::{Calibration, CalibrationOptions, calibrate};
use crate::expr::Expression;
use crate::minimize::{Minimization, MinimizeOptions, Model, minimize};
use crate::progress::{NoProgress, Progress, ProgressWhat};
use crate::truth_table::{TruthTable, TruthTableSpec};
use crate::{QcaError, SetData};

/// The range of one threshold within which the solution formula does not change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThresholdRange {
    /// The threshold the search started from.
    pub threshold: f64,
    /// Lowest tested value that still gives the initial solution; `None` (R's `NA`) when the
    /// solution did not change within `max_runs` steps.
    pub lower: Option<f64>,
    /// Highest tested value that still gives the initial solution; `None` as for `lower`.
    pub upper: Option<f64>,
    /// Number of steps taken (one truth table and minimization each, except steps stopped
    /// before minimizing); SetMethods prints one "Searching for thresholds" message per step.
    pub steps: usize,
    /// Steps that ended the search because the analysis failed there (the failure counts as
    /// a change of the solution), with the reason; in English (the text of `warning_msgs`).
    pub warnings: Vec<String>,
    /// The same warnings as typed messages, for rendering in the user's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warning_msgs: Vec<Msg>,
}

impl ThresholdRange {
    fn warn(&mut self, warning: Msg) {
        self.warnings.push(warning.to_string());
        self.warning_msgs.push(warning);
    }
}

/// How the test condition is calibrated in a calibration range test.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CalibRangeType {
    /// Direct logistic calibration (SetMethods' default `type = "fuzzy"`): each of the three
    /// anchors is moved on its own.
    Fuzzy {
        /// Exclusion anchor.
        exclusion: f64,
        /// Crossover.
        crossover: f64,
        /// Inclusion anchor.
        inclusion: f64,
        /// Inclusion degree of membership; SetMethods always uses R's default 0.95.
        idm: f64,
    },
    /// Crisp calibration (`type = "crisp"`): all thresholds move together.
    Crisp {
        /// The thresholds.
        thresholds: Vec<f64>,
    },
}

/// Result of a calibration range test: one range per anchor (fuzzy) or one for the
/// thresholds moved together (crisp, reported as the crossover).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibRange {
    /// Range of the exclusion anchor (SetMethods column `E`); `None` for crisp.
    pub exclusion: Option<ThresholdRange>,
    /// Range of the crossover (column `C`), or of the crisp thresholds moved together.
    pub crossover: ThresholdRange,
    /// Range of the inclusion anchor (column `I`); `None` for crisp.
    pub inclusion: Option<ThresholdRange>,
}

impl CalibRange {
    /// Total number of steps over all searches.
    pub fn steps(&self) -> usize {
        self.crossover.steps
            + self.exclusion.as_ref().map_or(0, |r| r.steps)
            + self.inclusion.as_ref().map_or(0, |r| r.steps)
    }
}

/// The model SetMethods compares and evaluates for a minimization: the first model of the
/// first intermediate solution (`i.sol$C1P1$solution[[1]]`) when there are directional
/// expectations, otherwise the first model of the reported solution (parsimonious when
/// remainders were included, conservative otherwise).
pub fn reported_model(m: &Minimization) -> Result<&Model, QcaError> {
    let models = if let Some(first) = m.intermediate.first() {
        &first.models
    } else if let Some(p) = &m.parsimonious {
        &p.models
    } else if let Some(c) = &m.conservative {
        &c.models
    } else {
        return Err(QcaError::Minimization(msg!("qca-robust-no-model")));
    };
    models
        .first()
        .ok_or_else(|| QcaError::Minimization(msg!("qca-robust-no-model")))
}

/// The terms of the reported model: what "the same solution" means in SetMethods (R's
/// `setequal` on the terms of the first model).
fn solution_terms(
    data: &SetData,
    spec: &TruthTableSpec,
    options: &MinimizeOptions,
) -> Result<BTreeSet<String>, QcaError> {
    let tt = TruthTable::build(data, spec)?;
    let m = minimize(&tt, options)?;
    Ok(reported_model(&m)?
        .terms
        .iter()
        .map(|t| t.term.clone())
        .collect())
}

#[derive(Clone, Copy, PartialEq)]
enum Direction {
    Down,
    Up,
}

/// One directional search, in SetMethods' order of checks: move by `step`; stop before
/// analysing when `stop_before` says so; analyse (a failure stops the search like a change);
/// give up with `None` when `max_runs` steps are reached, even if that last step changed the
/// solution; stop when `stop_after` says so; otherwise continue while the solution is the same.
/// The bound is the value one step back from where the search stopped.
struct Search<'a> {
    start: f64,
    step: f64,
    max_runs: usize,
    initial: &'a BTreeSet<String>,
    /// Hears of every step: a step is a whole truth table and minimization, so one unit.
    progress: &'a dyn Progress,
}

struct Found {
    bound: Option<f64>,
    steps: usize,
    warning: Option<Msg>,
}

impl Search<'_> {
    fn run(
        &self,
        direction: Direction,
        stop_before: impl Fn(f64) -> bool,
        stop_after: impl Fn(f64) -> bool,
        mut analyse: impl FnMut(f64) -> Result<BTreeSet<String>, QcaError>,
        label: &Arg,
    ) -> Found {
        let limit = self.max_runs as f64 * self.step;
        let mut t = self.start;
        let mut steps = 0;
        let mut warning = None;
        loop {
            steps += 1;
            self.progress.inc(1);
            let before = t;
            t = match direction {
                Direction::Down => t - self.step,
                Direction::Up => t + self.step,
            };
            // A step below the threshold's floating-point resolution (`--step 1e-17` at 0.8)
            // leaves it where it was: the search would run for ever without moving.
            if t == before {
                return Found {
                    bound: None,
                    steps,
                    warning: Some(msg!(
                        "qca-robust-step-too-small",
                        label = label.clone(),
                        step = self.step,
                        value = before
                    )),
                };
            }
            if stop_before(t) {
                break;
            }
            let same = match analyse(t) {
                Ok(s) => s == *self.initial,
                Err(e) => {
                    warning = Some(msg!(
                        "qca-robust-step-failed",
                        label = label.clone(),
                        value = t,
                        error = e.msg()
                    ));
                    break;
                }
            };
            let moved = match direction {
                Direction::Down => self.start - t,
                Direction::Up => t - self.start,
            };
            // Counted as well as measured: rounding could keep `moved` just below `limit`.
            if moved >= limit || steps >= self.max_runs {
                return Found {
                    bound: None,
                    steps,
                    warning,
                };
            }
            if stop_after(t) || !same {
                break;
            }
        }
        let bound = match direction {
            Direction::Down => t + self.step,
            Direction::Up => t - self.step,
        };
        Found {
            bound: Some(bound),
            steps,
            warning,
        }
    }
}

fn check_step(step: f64, max_runs: usize) -> Result<(), QcaError> {
    if !(step.is_finite() && step > 0.0) {
        return Err(QcaError::Settings(msg!(
            "qca-robust-bad-step",
            value = step
        )));
    }
    if max_runs == 0 {
        return Err(QcaError::Settings(msg!("qca-robust-max-runs-zero")));
    }
    Ok(())
}

fn combine(threshold: f64, down: Found, up: Found) -> ThresholdRange {
    let mut range = ThresholdRange {
        threshold,
        lower: down.bound,
        upper: up.bound,
        steps: down.steps + up.steps,
        warnings: Vec::new(),
        warning_msgs: Vec::new(),
    };
    // Both directions can stop for the same reason (a step too small to move the
    // threshold): say it once.
    let up_warning = up.warning.filter(|w| Some(w) != down.warning.as_ref());
    for w in down.warning.into_iter().chain(up_warning) {
        range.warn(w);
    }
    range
}

/// The range of the consistency threshold (`incl.cut`) within which the solution stays the
/// same: SetMethods' `rob.inclrange(data, step, max.runs, ...)`.
///
/// Downwards the search stops at a cut of 0 or below; upwards at a cut of 1 or above (both
/// before minimizing). `spec.incl_cut` is the starting threshold. SetMethods 4.1 ends its
/// upward search after one step whatever happens (so its upper bound is always `incl.cut`);
/// kantel searches upward as documented (see `docs/robustness.md`).
pub fn incl_range(
    data: &SetData,
    spec: &TruthTableSpec,
    options: &MinimizeOptions,
    step: f64,
    max_runs: usize,
) -> Result<ThresholdRange, QcaError> {
    incl_range_with_progress(data, spec, options, step, max_runs, &NoProgress)
}

/// [`incl_range`], reporting progress ([`ProgressWhat::Robustness`]; a unit is a step, at
/// most `2 * max_runs`, the total).
pub fn incl_range_with_progress(
    data: &SetData,
    spec: &TruthTableSpec,
    options: &MinimizeOptions,
    step: f64,
    max_runs: usize,
    progress: &dyn Progress,
) -> Result<ThresholdRange, QcaError> {
    check_step(step, max_runs)?;
    progress.start(ProgressWhat::Robustness, Some(2 * max_runs as u64 + 1));
    let result = incl_range_steps(data, spec, options, step, max_runs, progress);
    progress.finish();
    result
}

fn incl_range_steps(
    data: &SetData,
    spec: &TruthTableSpec,
    options: &MinimizeOptions,
    step: f64,
    max_runs: usize,
    progress: &dyn Progress,
) -> Result<ThresholdRange, QcaError> {
    let initial = solution_terms(data, spec, options)?;
    progress.inc(1);
    let search = Search {
        start: spec.incl_cut,
        step,
        max_runs,
        initial: &initial,
        progress,
    };
    let analyse = |t: f64| {
        let mut s = spec.clone();
        s.incl_cut = t;
        solution_terms(data, &s, options)
    };
    let label = Arg::from("incl.cut");
    let down = search.run(Direction::Down, |t| t <= 0.0, |t| t <= 0.0, analyse, &label);
    let up = search.run(Direction::Up, |t| t >= 1.0, |_| false, analyse, &label);
    Ok(combine(spec.incl_cut, down, up))
}

/// The range of the frequency threshold (`n.cut`) within which the solution stays the same:
/// SetMethods' `rob.ncutrange(data, step, max.runs, ...)`. Bounds are numbers of cases.
///
/// Downwards the search stops below 1; upwards above the number of cases.
pub fn ncut_range(
    data: &SetData,
    spec: &TruthTableSpec,
    options: &MinimizeOptions,
    step: usize,
    max_runs: usize,
) -> Result<ThresholdRange, QcaError> {
    ncut_range_with_progress(data, spec, options, step, max_runs, &NoProgress)
}

/// [`ncut_range`], reporting progress as [`incl_range_with_progress`] does.
pub fn ncut_range_with_progress(
    data: &SetData,
    spec: &TruthTableSpec,
    options: &MinimizeOptions,
    step: usize,
    max_runs: usize,
    progress: &dyn Progress,
) -> Result<ThresholdRange, QcaError> {
    check_step(step as f64, max_runs)?;
    progress.start(ProgressWhat::Robustness, Some(2 * max_runs as u64 + 1));
    let result = ncut_range_steps(data, spec, options, step, max_runs, progress);
    progress.finish();
    result
}

fn ncut_range_steps(
    data: &SetData,
    spec: &TruthTableSpec,
    options: &MinimizeOptions,
    step: usize,
    max_runs: usize,
    progress: &dyn Progress,
) -> Result<ThresholdRange, QcaError> {
    let initial = solution_terms(data, spec, options)?;
    progress.inc(1);
    let search = Search {
        start: spec.n_cut as f64,
        step: step as f64,
        max_runs,
        initial: &initial,
        progress,
    };
    let analyse = |t: f64| {
        let mut s = spec.clone();
        s.n_cut = t as usize;
        solution_terms(data, &s, options)
    };
    let n = data.n_cases() as f64;
    let label = Arg::from("n.cut");
    let down = search.run(Direction::Down, |t| t < 1.0, |_| false, analyse, &label);
    let up = search.run(Direction::Up, |t| t > n, |_| false, analyse, &label);
    Ok(combine(spec.n_cut as f64, down, up))
}

/// Memberships of `raw` under a logistic calibration with R's arithmetic, also when the
/// anchors are out of order (which `calibrate` rightly refuses): SetMethods moves one anchor
/// past another and keeps analysing, so parity needs the same numbers there.
fn logistic_any_order(raw: &[f64], e: f64, c: f64, i: f64, idm: f64) -> Vec<f64> {
    let (ex, inc, decreasing) = if e > i { (i, e, true) } else { (e, i, false) };
    let log_odds = (idm / (1.0 - idm)).ln();
    raw.iter()
        .map(|&x| {
            let slope = if x < c {
                -log_odds / (ex - c)
            } else {
                log_odds / (inc - c)
            };
            let mut m = 1.0 / (1.0 + (-((x - c) * slope)).exp());
            if decreasing {
                m = 1.0 - m;
            }
            if m < 1e-4 {
                0.0
            } else if m > 0.9999 {
                1.0
            } else {
                m
            }
        })
        .collect()
}

/// Logistic memberships for `anchors` (e, c, i); `crossed` is set when the anchors are out
/// of order and R's arithmetic was used.
fn fuzzy_memberships(
    raw: &[f64],
    anchors: [f64; 3],
    idm: f64,
    crossed: &Cell<bool>,
) -> Result<Vec<f64>, QcaError> {
    let cal = Calibration::Fuzzy {
        exclusion: anchors[0],
        crossover: anchors[1],
        inclusion: anchors[2],
        idm,
    };
    match calibrate(raw, &cal, &CalibrationOptions::default()) {
        Ok(c) => Ok(c.values),
        Err(QcaError::Calibration(_))
            if anchors.iter().all(|a| a.is_finite()) && idm > 0.5 && idm < 1.0 =>
        {
            let m = logistic_any_order(raw, anchors[0], anchors[1], anchors[2], idm);
            match m.iter().position(|v| !v.is_finite()) {
                None => {
                    crossed.set(true);
                    Ok(m)
                }
                Some(k) => Err(QcaError::Calibration(msg!(
                    "qca-robust-no-membership",
                    e = anchors[0],
                    c = anchors[1],
                    i = anchors[2],
                    value = raw[k],
                    case = k + 1
                ))),
            }
        }
        Err(e) => Err(e),
    }
}

/// The calibration ranges of one condition: SetMethods' `rob.calibrange(raw.data,
/// calib.data, test.cond.raw, test.cond.calib, test.thresholds, type, step, max.runs, ...)`.
///
/// `raw` holds the raw values of the test condition (one per case of `data`); at every step
/// they are recalibrated and replace column `condition` of `data`, also for the initial
/// solution. Fuzzy: the crossover, then the inclusion and the exclusion anchor are searched,
/// each down and up with the other two fixed; the crossover search also stops at the smallest
/// and largest raw value. Crisp: the thresholds move together and stop at the raw range.
#[allow(clippy::too_many_arguments)]
pub fn calib_range(
    raw: &[f64],
    data: &SetData,
    condition: &str,
    calibration: &CalibRangeType,
    spec: &TruthTableSpec,
    options: &MinimizeOptions,
    step: f64,
    max_runs: usize,
) -> Result<CalibRange, QcaError> {
    check_step(step, max_runs)?;
    data.require(condition)?;
    if raw.len() != data.n_cases() {
        return Err(QcaError::Data(msg!(
            "qca-robust-raw-length",
            values = raw.len(),
            name = condition,
            cases = data.n_cases()
        )));
    }
    if let Some(k) = raw.iter().position(|v| !v.is_finite()) {
        return Err(QcaError::Data(msg!(
            "qca-robust-raw-missing",
            name = condition,
            case = &data.cases()[k]
        )));
    }
    let min = raw.iter().copied().fold(f64::INFINITY, f64::min);
    let max = raw.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let analyse_with = |values: Vec<f64>| -> Result<BTreeSet<String>, QcaError> {
        solution_terms(&data.with_column(condition, values)?, spec, options)
    };
    match calibration {
        CalibRangeType::Fuzzy {
            exclusion,
            crossover,
            inclusion,
            idm,
        } => {
            let anchors = [*exclusion, *crossover, *inclusion];
            let crossed = Cell::new(false);
            let initial = analyse_with(fuzzy_memberships(raw, anchors, *idm, &crossed)?)?;
            if crossed.get() {
                return Err(QcaError::Calibration(msg!(
                    "qca-robust-anchor-order",
                    e = *exclusion,
                    c = *crossover,
                    i = *inclusion
                )));
            }
            let range_of = |index: usize, stop_low: f64, stop_high: f64, anchor: Msg| {
                let label = Arg::from(anchor.clone());
                let search = Search {
                    start: anchors[index],
                    step,
                    max_runs,
                    initial: &initial,
                    progress: &NoProgress,
                };
                let crossed = Cell::new(false);
                let analyse = |t: f64| {
                    let mut a = anchors;
                    a[index] = t;
                    analyse_with(fuzzy_memberships(raw, a, *idm, &crossed)?)
                };
                let down = search.run(
                    Direction::Down,
                    |_| false,
                    |t| t <= stop_low,
                    analyse,
                    &label,
                );
                let up = search.run(
                    Direction::Up,
                    |_| false,
                    |t| t >= stop_high,
                    analyse,
                    &label,
                );
                let mut range = combine(anchors[index], down, up);
                if crossed.get() {
                    range.warn(msg!("qca-robust-anchors-crossed", anchor = anchor));
                }
                range
            };
            // Only the crossover search is bounded by the raw range, as in SetMethods.
            let crossover = range_of(1, min, max, msg!("qca-anchor-crossover"));
            let inclusion = range_of(
                2,
                f64::NEG_INFINITY,
                f64::INFINITY,
                msg!("qca-anchor-inclusion"),
            );
            let exclusion = range_of(
                0,
                f64::NEG_INFINITY,
                f64::INFINITY,
                msg!("qca-anchor-exclusion"),
            );
            Ok(CalibRange {
                exclusion: Some(exclusion),
                crossover,
                inclusion: Some(inclusion),
            })
        }
        CalibRangeType::Crisp { thresholds } => {
            let first = *thresholds.first().ok_or_else(|| {
                QcaError::Settings(msg!("qca-calibration-needs-threshold", method = "crisp"))
            })?;
            let crisp = |shift: f64| -> Result<Vec<f64>, QcaError> {
                let moved: Vec<f64> = thresholds.iter().map(|t| t + shift).collect();
                Ok(calibrate(
                    raw,
                    &Calibration::Crisp { thresholds: moved },
                    &CalibrationOptions::default(),
                )?
                .values)
            };
            let initial = analyse_with(crisp(0.0)?)?;
            let search = Search {
                start: first,
                step,
                max_runs,
                initial: &initial,
                progress: &NoProgress,
            };
            let analyse = |t: f64| analyse_with(crisp(t - first)?);
            let lowest = thresholds.iter().copied().fold(f64::INFINITY, f64::min) - first;
            let highest = thresholds.iter().copied().fold(f64::NEG_INFINITY, f64::max) - first;
            let label = Arg::from(msg!("qca-robust-thresholds"));
            let down = search.run(
                Direction::Down,
                |_| false,
                |t| t + lowest <= min,
                analyse,
                &label,
            );
            let up = search.run(
                Direction::Up,
                |_| false,
                |t| t + highest >= max,
                analyse,
                &label,
            );
            Ok(CalibRange {
                exclusion: None,
                crossover: combine(first, down, up),
                inclusion: None,
            })
        }
    }
}

/// SetMethods' `QCAfit` of a set X for an outcome Y: consistency and coverage of
/// sufficiency, PRI and Haesebrouck's consistency.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoreFit {
    /// `Cons.Suf`: Σmin(X,Y) / ΣX.
    #[serde(rename = "Cons.Suf")]
    pub cons: f64,
    /// `Cov.Suf`: Σmin(X,Y) / ΣY.
    #[serde(rename = "Cov.Suf")]
    pub cov: f64,
    /// `PRI`.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// `Cons.Suf(H)`: Σmin(X,Y) / Σ(min(X,Y) + sqrt(max(X−Y, 0)·X)).
    #[serde(rename = "Cons.Suf(H)")]
    pub cons_h: f64,
}

impl CoreFit {
    pub(crate) fn of(x: &[f64], y: &[f64]) -> CoreFit {
        let (mut sx, mut sy, mut sxy, mut sxyn, mut sh) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (&a, &b) in x.iter().zip(y) {
            let v = a.min(b);
            sx += a;
            sy += b;
            sxy += v;
            sxyn += v.min(1.0 - b);
            sh += v + ((a - b).max(0.0) * a).sqrt();
        }
        CoreFit {
            cons: sxy / sx,
            cov: sxy / sy,
            pri: (sxy - sxyn) / (sx - sxyn),
            cons_h: sxy / sh,
        }
    }

    /// The values as SetMethods returns them: `format(digits = 3)` over the four together,
    /// turned back into numbers.
    pub(crate) fn printed(&self) -> CoreFit {
        let r = r_format_round(&[self.cons, self.cov, self.pri, self.cons_h], 3);
        CoreFit {
            cons: r[0],
            cov: r[1],
            pri: r[2],
            cons_h: r[3],
        }
    }
}

/// Fit of the core: the intersection (case-wise minimum) of the initial solution and every
/// test solution, as SetMethods' `rob.corefit`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoreFitReport {
    /// Full precision.
    pub exact: CoreFit,
    /// As SetMethods reports them (three significant digits, see [`CoreFit`]).
    pub printed: CoreFit,
}

/// SetMethods' robustness fit parameters (`rob.fit`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RobustnessFit {
    /// `RF_cov`: coverage of the core divided by the coverage of the initial solution.
    #[serde(rename = "RF_cov")]
    pub rf_cov: f64,
    /// `RF_cons`: consistency of the initial solution divided by the consistency of the core.
    #[serde(rename = "RF_cons")]
    pub rf_cons: f64,
    /// `RF_SC_minTS`: Σmin(IS, minTS) / Σmax(IS, minTS), minTS the intersection of the tests.
    #[serde(rename = "RF_SC_minTS")]
    pub rf_sc_min_ts: f64,
    /// `RF_SC_maxTS`: Σmin(IS, maxTS) / Σmax(IS, maxTS), maxTS the union of the tests.
    #[serde(rename = "RF_SC_maxTS")]
    pub rf_sc_max_ts: f64,
}

/// The robustness fit, exact and as SetMethods prints it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RobustnessFitReport {
    /// From unrounded parts.
    pub exact: RobustnessFit,
    /// SetMethods' numbers: ratios of its rounded `QCAfit` values, rounded to 3 decimals.
    pub printed: RobustnessFit,
}

/// Membership of every case in the reported model of `m`, and the outcome membership.
impl RobustnessFitReport {
    /// The report for exact parameters, with the printed ones computed as SetMethods prints
    /// them: RF_cov and RF_cons from the fits rounded by R's `format(digits = 3)`.
    pub(crate) fn from_fits(
        exact: RobustnessFit,
        core: &CoreFit,
        is_fit: &CoreFit,
    ) -> RobustnessFitReport {
        let (core_p, is_p) = (core.printed(), is_fit.printed());
        let printed = RobustnessFit {
            rf_cov: round_decimals(core_p.cov / is_p.cov, 3),
            rf_cons: round_decimals(is_p.cons / core_p.cons, 3),
            rf_sc_min_ts: round_decimals(exact.rf_sc_min_ts, 3),
            rf_sc_max_ts: round_decimals(exact.rf_sc_max_ts, 3),
        };
        RobustnessFitReport { exact, printed }
    }
}

fn model_and_outcome(data: &SetData, m: &Minimization) -> Result<(Vec<f64>, Vec<f64>), QcaError> {
    let model = reported_model(m)?;
    let x = Expression::parse(&model.expression)?.membership(data)?;
    let y = m.truth_table.outcome.membership(data)?;
    Ok((x, y))
}

struct Solutions {
    initial: Vec<f64>,
    tests: Vec<Vec<f64>>,
    outcome: Vec<f64>,
}

fn solutions(
    data: &SetData,
    initial: &Minimization,
    tests: &[Minimization],
) -> Result<Solutions, QcaError> {
    if tests.is_empty() {
        return Err(QcaError::Settings(msg!("qca-robust-no-tests")));
    }
    let (is, y) = model_and_outcome(data, initial)?;
    let mut ts = Vec::with_capacity(tests.len());
    for (k, t) in tests.iter().enumerate() {
        if t.outcome != initial.outcome {
            return Err(QcaError::Settings(msg!(
                "qca-robust-other-outcome",
                test = k + 1,
                outcome = &t.outcome,
                initial = &initial.outcome
            )));
        }
        ts.push(model_and_outcome(data, t)?.0);
    }
    Ok(Solutions {
        initial: is,
        tests: ts,
        outcome: y,
    })
}

fn pairwise(a: &[f64], b: &[f64], f: fn(f64, f64) -> f64) -> Vec<f64> {
    a.iter().zip(b).map(|(x, y)| f(*x, *y)).collect()
}

fn core_of(s: &Solutions) -> Vec<f64> {
    s.tests
        .iter()
        .fold(s.initial.clone(), |acc, t| pairwise(&acc, t, f64::min))
}

/// `rob.corefit(test_sol, initial_sol, outcome)`: the fit of the case-wise minimum of the
/// reported models of the initial and all test solutions (see [`reported_model`]). The
/// outcome is the one the initial solution was minimized for.
pub fn robustness_core_fit(
    data: &SetData,
    initial: &Minimization,
    tests: &[Minimization],
) -> Result<CoreFitReport, QcaError> {
    let s = solutions(data, initial, tests)?;
    let exact = CoreFit::of(&core_of(&s), &s.outcome);
    Ok(CoreFitReport {
        exact,
        printed: exact.printed(),
    })
}

/// `rob.fit(test_sol, initial_sol, outcome)`: robustness fit parameters of the initial
/// solution against the test solutions.
///
/// minTS and maxTS are the minimum and maximum over all test solutions. SetMethods 4.1 folds
/// only the first and the last test solution into them (its loop runs over
/// `length(test_sol)` instead of `seq_along`); with one or two test solutions the results are
/// the same, with three or more kantel uses all of them.
pub fn robustness_fit(
    data: &SetData,
    initial: &Minimization,
    tests: &[Minimization],
) -> Result<RobustnessFitReport, QcaError> {
    let s = solutions(data, initial, tests)?;
    let core = CoreFit::of(&core_of(&s), &s.outcome);
    let is_fit = CoreFit::of(&s.initial, &s.outcome);
    let min_ts = s.tests[1..]
        .iter()
        .fold(s.tests[0].clone(), |acc, t| pairwise(&acc, t, f64::min));
    let max_ts = s.tests[1..]
        .iter()
        .fold(s.tests[0].clone(), |acc, t| pairwise(&acc, t, f64::max));
    let overlap = |t: &[f64]| -> f64 {
        let num: f64 = pairwise(&s.initial, t, f64::min).iter().sum();
        let den: f64 = pairwise(&s.initial, t, f64::max).iter().sum();
        num / den
    };
    let sc_min = overlap(&min_ts);
    let sc_max = overlap(&max_ts);
    let exact = RobustnessFit {
        rf_cov: core.cov / is_fit.cov,
        rf_cons: is_fit.cons / core.cons,
        rf_sc_min_ts: sc_min,
        rf_sc_max_ts: sc_max,
    };
    Ok(RobustnessFitReport::from_fits(exact, &core, &is_fit))
}

/// R's `round(x, digits)` for the values these reports hold: the decimal string rounded from
/// the exact binary value, read back.
fn round_decimals(x: f64, digits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.digits$}").parse().unwrap_or(x)
}

/// What R's `format(x, digits = d)` followed by `as.numeric` does to a numeric vector: all
/// elements get the same number of decimals, enough for the element that needs most to show
/// `d` significant digits (or, when that would be wider than scientific notation, the same
/// number of significant digits in scientific notation). Follows `formatReal` in R's
/// `format.c`; NaN stays NaN.
pub(crate) fn r_format_round(values: &[f64], digits: usize) -> Vec<f64> {
    let digits = digits.clamp(1, 15) as i32;
    let mut rgt = i32::MIN;
    let mut mxsl = i32::MIN;
    let mut mxl = i32::MIN;
    let mut mxns = i32::MIN;
    let mut mxe = i32::MIN;
    let mut mne = i32::MAX;
    let neg = i32::from(values.iter().any(|v| v.is_finite() && *v < 0.0));
    for &x in values.iter().filter(|v| v.is_finite()) {
        let (kpower, nsig, widens) = scientific(x, digits);
        let mut left = kpower + 1;
        if widens {
            left -= 1;
        }
        let sleft = i32::from(x < 0.0) + if left <= 0 { 1 } else { left };
        let right = nsig - left;
        rgt = rgt.max(right);
        mxl = mxl.max(left);
        mxsl = mxsl.max(sleft);
        mxns = mxns.max(nsig);
        mxe = mxe.max(kpower);
        mne = mne.min(kpower);
    }
    if mxns == i32::MIN {
        return values.to_vec();
    }
    if mxl < 0 {
        mxsl = 1 + neg;
    }
    rgt = rgt.max(0);
    let width_fixed = mxsl + rgt + i32::from(rgt != 0);
    let e = if mxe >= 100 || mne <= -99 { 2 } else { 1 };
    let d = mxns - 1;
    let width_sci = neg + i32::from(d > 0) + d + 4 + e;
    values
        .iter()
        .map(|&x| {
            if !x.is_finite() {
                return x;
            }
            let text = if width_fixed <= width_sci {
                format!("{x:.prec$}", prec = rgt as usize)
            } else {
                format!("{x:.prec$e}", prec = d as usize)
            };
            text.parse().unwrap_or(x)
        })
        .collect()
}

/// R's `scientific()`: the decimal exponent of `x` after rounding to `digits` significant
/// digits, the number of significant digits left after dropping trailing zeros, and whether
/// rounding widened the number (e.g. 99.96 to 100.0).
fn scientific(x: f64, digits: i32) -> (i32, i32, bool) {
    if x == 0.0 {
        return (0, 1, false);
    }
    let alpha = x.abs();
    let mut kp = alpha.log10().floor() as i32 - digits + 1;
    let mut r_prec = alpha / 10f64.powi(kp);
    if r_prec < 10f64.powi(digits - 1) {
        r_prec *= 10.0;
        kp -= 1;
    }
    let mut a = r_prec.round_ties_even();
    let mut nsig = digits;
    for _ in 0..digits {
        a /= 10.0;
        if a == a.floor() {
            nsig -= 1;
        } else {
            break;
        }
    }
    if nsig == 0 {
        nsig = 1;
        kp += 1;
    }
    let kpower = kp + digits - 1;
    let rgt = (digits - kpower).clamp(0, 22);
    let fuzz = 0.5 / 10f64.powi(rgt);
    let widens = kpower > 0 && kpower <= 22 && alpha < 10f64.powi(kpower) - fuzz;
    (kpower, nsig, widens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_digits_three_matches_r_by_hand() {
        // format(c(0.8659476, 0.6596244, 0.8385900, 0.91), digits = 3) gives
        // "0.866" "0.660" "0.839" "0.910".
        assert_eq!(
            r_format_round(&[0.8659476, 0.6596244, 0.83859, 0.91], 3),
            vec![0.866, 0.66, 0.839, 0.91]
        );
        // A small value needs more decimals, and all elements get them:
        // format(c(0.0571809, 0.8385900), digits = 3) gives "0.0572" "0.8386".
        assert_eq!(
            r_format_round(&[0.0571809, 0.83859], 3),
            vec![0.0572, 0.8386]
        );
        // Rounding up to 1: format(c(0.99996, 0.5), digits = 3) gives "1.0" "0.5".
        assert_eq!(r_format_round(&[0.99996, 0.5], 3), vec![1.0, 0.5]);
        // Very small values switch to scientific notation: format(1.234e-7, digits = 3)
        // gives "1.23e-07".
        assert_eq!(r_format_round(&[1.234e-7], 3), vec![1.23e-7]);
        assert!(r_format_round(&[f64::NAN, 0.5], 3)[0].is_nan());
    }

    #[test]
    fn search_stops_one_step_back_and_gives_na_at_max_runs() {
        let initial: BTreeSet<String> = ["A".to_string()].into();
        let t_label = Arg::from("t");
        let search = Search {
            start: 10.0,
            step: 1.0,
            max_runs: 5,
            initial: &initial,
            progress: &NoProgress,
        };
        let changes_at = |limit: f64| {
            move |t: f64| -> Result<BTreeSet<String>, QcaError> {
                Ok(if t >= limit {
                    ["B".to_string()].into()
                } else {
                    ["A".to_string()].into()
                })
            }
        };
        // Changes at 13: the bound is 12, after 3 steps.
        let f = search.run(
            Direction::Up,
            |_| false,
            |_| false,
            changes_at(13.0),
            &t_label,
        );
        assert_eq!((f.bound, f.steps), (Some(12.0), 3));
        // Changes exactly at the fifth step: still NA, as in SetMethods.
        let f = search.run(
            Direction::Up,
            |_| false,
            |_| false,
            changes_at(15.0),
            &t_label,
        );
        assert_eq!((f.bound, f.steps), (None, 5));
        // A failing analysis ends the search like a change, with a warning.
        let f = search.run(
            Direction::Down,
            |_| false,
            |_| false,
            |t: f64| {
                if t < 8.5 {
                    Err(QcaError::Settings(msg!("qca-nec-depth-zero")))
                } else {
                    Ok(["A".to_string()].into())
                }
            },
            &t_label,
        );
        assert_eq!(f.bound, Some(9.0));
        let warning = f.warning.unwrap().to_string();
        assert!(
            warning.contains("t = 8: the analysis failed (depth must be"),
            "{warning}"
        );
    }

    #[test]
    fn crossed_anchors_use_r_arithmetic() {
        // R: calibrate(c(300, 550, 800), thresholds = c(600, 550, 900)) with the exclusion
        // anchor above the crossover: below the crossover the slope is
        // -log(19)/(600 - 550), so 300 gets 1/(1 + exp(-(300-550) * -log(19)/50)) =
        // 1/(1 + 19^-5) (snapped to 1: the set turns upside down below the crossover), 550
        // gets 0.5 and 800 gets 1/(1 + 19^(-250/350)).
        let m = logistic_any_order(&[300.0, 550.0, 800.0], 600.0, 550.0, 900.0, 0.95);
        assert_eq!(m[0], 1.0);
        assert_eq!(m[1], 0.5);
        let expected = 1.0 / (1.0 + 19f64.powf(-250.0 / 350.0));
        assert!((m[2] - expected).abs() < 1e-12);
    }
}
