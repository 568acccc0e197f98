//! Calibration: raw numbers into set memberships, as R's QCA `calibrate()` and `findTh()`.
//!
//! Every method of R's `calibrate()` (QCA 3.25) is here:
//!
//! | kantel                     | R                                                        |
//! |----------------------------|----------------------------------------------------------|
//! | [`Calibration::Crisp`]     | `type = "crisp", thresholds = ...`                       |
//! | [`Calibration::Fuzzy`]     | `thresholds = "e=.., c=.., i=.."` (logistic, `idm`)      |
//! | [`Calibration::Linear`]    | `logistic = FALSE` (with `below`, `above`)               |
//! | [`Calibration::Ecdf`]      | `logistic = FALSE, ecdf = TRUE`                          |
//! | [`Calibration::Bell`]      | six thresholds `e1, c1, i1, i2, c2, e2` (bell, inverse   |
//! |                            | bell, triangular, trapezoidal)                           |
//! | [`Calibration::Indirect`]  | `method = "indirect"` (fractional logit, quasibinomial)  |
//!
//! [`find_thresholds`] is R's `findTh()`: complete-linkage hierarchical clustering of the
//! sorted values, thresholds halfway between neighbouring groups.
//!
//! Where R silently accepts anchors that make no sense (a crossover outside its exclusion and
//! inclusion anchors, equal anchors), kantel refuses them with an error that names the anchors.
//! Anchors outside the data range are legal but suspicious; they produce warnings in
//! [`Calibrated::warning_msgs`] (typed) and [`Calibrated::warnings`] (the same in English).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::fmt;

use kantel_i18n::{Msg, msg};
use serde::{Deserialize, Serialize};

use crate::QcaError;

/// R's default inclusion degree of membership for the logistic function.
pub const DEFAULT_IDM: f64 = 0.95;

/// Memberships below this are set to 0 when snapping (R always does this).
const SNAP_LOW: f64 = 0.0001;
/// Memberships above this are set to 1 when snapping.
const SNAP_HIGH: f64 = 0.9999;
/// R's `all.equal` tolerance, `sqrt(.Machine$double.eps)`: R treats a value within this
/// relative distance of an anchor as lying on the anchor.
const R_ALL_EQUAL_TOLERANCE: f64 = 1.490_116_119_384_765_6e-8;
/// A raw value of exactly 0 is replaced by this before taking logarithms (as R does).
const INDIRECT_ZERO: f64 = 0.00001;
/// `glm.control()` defaults: convergence criterion and iteration limit.
const GLM_EPSILON: f64 = 1e-8;
const GLM_MAXIT: usize = 25;
/// `glm.fit` passes `min(1e-7, epsilon / 1000)` to the QR decomposition as its rank tolerance.
const GLM_QR_TOLERANCE: f64 = 1e-11;

fn one() -> f64 {
    1.0
}

fn default_idm() -> f64 {
    DEFAULT_IDM
}

/// How to turn a raw column into set memberships. Serialised with a `method` tag, e.g.
/// `{"method": "fuzzy", "exclusion": 165, "crossover": 175, "inclusion": 185}`.
///
/// For the three-anchor methods, `exclusion < crossover < inclusion` gives an increasing set
/// (more of the raw quantity, more membership) and `exclusion > crossover > inclusion` a
/// decreasing one; other orders are errors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Calibration {
    /// Crisp (or multi-value) set: with k thresholds a value gets the number of thresholds
    /// it reaches, 0..=k. A value equal to a threshold belongs to the upper group.
    Crisp {
        /// Cut points, in any order (they are sorted, as R does).
        thresholds: Vec<f64>,
    },
    /// Direct fuzzy calibration with the logistic function (R's default).
    Fuzzy {
        /// Raw value of full exclusion (membership `1 - idm`).
        exclusion: f64,
        /// Raw value of the crossover point (membership 0.5).
        crossover: f64,
        /// Raw value of full inclusion (membership `idm`).
        inclusion: f64,
        /// Inclusion degree of membership: the membership at the inclusion anchor, in
        /// (0.5, 1). R's default is 0.95.
        #[serde(default = "default_idm")]
        idm: f64,
    },
    /// Direct fuzzy calibration with (curved) linear pieces: R's `logistic = FALSE`.
    /// Membership is 0 up to exclusion, 1 from inclusion, 0.5 at the crossover.
    Linear {
        /// Raw value of full exclusion (membership 0).
        exclusion: f64,
        /// Raw value of the crossover point (membership 0.5).
        crossover: f64,
        /// Raw value of full inclusion (membership 1).
        inclusion: f64,
        /// Shape exponent between exclusion and crossover (1 = straight line, > 1 convex,
        /// < 1 concave). R's `below` (alias `p`).
        #[serde(default = "one")]
        below: f64,
        /// Shape exponent between crossover and inclusion. R's `above` (alias `q`).
        #[serde(default = "one")]
        above: f64,
    },
    /// Direct fuzzy calibration along the empirical cumulative distribution of the values
    /// between the outer anchors: R's `logistic = FALSE, ecdf = TRUE`.
    Ecdf {
        /// Raw value of full exclusion (membership 0).
        exclusion: f64,
        /// Raw value of the crossover point (membership 0.5).
        crossover: f64,
        /// Raw value of full inclusion (membership 1).
        inclusion: f64,
    },
    /// Six-anchor calibration: bell-shaped when `e1 < c1 < i1 <= i2 < c2 < e2` (triangular
    /// when `i1 == i2` and both exponents are 1, trapezoidal when `i1 < i2`), inverse bell
    /// when `i1 < c1 < e1 <= e2 < c2 < i2`.
    Bell {
        /// First (left) exclusion anchor.
        e1: f64,
        /// First (left) crossover.
        c1: f64,
        /// First (left) inclusion anchor.
        i1: f64,
        /// Second (right) inclusion anchor.
        i2: f64,
        /// Second (right) crossover.
        c2: f64,
        /// Second (right) exclusion anchor.
        e2: f64,
        /// Shape exponent on the exclusion side of each crossover (R's `below`).
        #[serde(default = "one")]
        below: f64,
        /// Shape exponent on the inclusion side of each crossover (R's `above`).
        #[serde(default = "one")]
        above: f64,
    },
    /// Indirect calibration (Ragin 2008): the values are cut into k + 1 categories by the
    /// thresholds, the categories get target memberships 0, 1/k, ..., 1 (rounded to 3
    /// decimals) and a fractional polynomial logit model
    /// `y ~ log(x) + sqrt(x) + x + x^2` (quasibinomial) is fitted; the fitted values,
    /// rounded to 6 decimals, are the memberships. Raw values must be >= 0.
    Indirect {
        /// Cut points, in any order (they are sorted, as R does). A value equal to a
        /// threshold belongs to the lower category (unlike crisp calibration).
        thresholds: Vec<f64>,
    },
}

/// Options that apply to every calibration method.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationOptions {
    /// Set fuzzy memberships below 0.0001 to 0 and above 0.9999 to 1, as R always does.
    /// Has no effect on crisp calibration.
    pub snap: bool,
}

impl Default for CalibrationOptions {
    fn default() -> Self {
        CalibrationOptions { snap: true }
    }
}

/// The result of a calibration: one membership per raw value, plus warnings (never printed
/// by the engine) about anchors outside the data or a fit that did not converge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Calibrated {
    /// Memberships (crisp: group numbers 0..=k), in input order.
    pub values: Vec<f64>,
    /// Warnings in English, empty when all is well (the text of `warning_msgs`, kept for
    /// callers that print English).
    pub warnings: Vec<String>,
    /// The same warnings as typed messages, for rendering in the user's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warning_msgs: Vec<Msg>,
}

impl Calibrated {
    fn new(values: Vec<f64>, warnings: Vec<Msg>) -> Calibrated {
        Calibrated {
            values,
            warnings: warnings.iter().map(Msg::to_string).collect(),
            warning_msgs: warnings,
        }
    }
}

/// Calibrates raw `values` into set memberships.
///
/// Errors: empty input, a non-finite value (named by index), invalid anchors (wrong order,
/// equal, non-finite; named with their values), invalid options (`idm`, `below`, `above`),
/// negative values for the indirect method, or an indirect fit that breaks down.
pub fn calibrate(
    values: &[f64],
    calibration: &Calibration,
    options: &CalibrationOptions,
) -> Result<Calibrated, QcaError> {
    check_values(values)?;
    calibration.validate()?;
    let mut warnings = range_warnings(values, calibration);
    let mut memberships = match calibration {
        Calibration::Crisp { thresholds } => {
            return Ok(Calibrated::new(crisp(values, thresholds), warnings));
        }
        Calibration::Fuzzy {
            exclusion,
            crossover,
            inclusion,
            idm,
        } => values
            .iter()
            .map(|&x| logistic(x, *exclusion, *crossover, *inclusion, *idm))
            .collect(),
        Calibration::Linear {
            exclusion,
            crossover,
            inclusion,
            below,
            above,
        } => values
            .iter()
            .map(|&x| linear(x, *exclusion, *crossover, *inclusion, *below, *above))
            .collect(),
        Calibration::Ecdf {
            exclusion,
            crossover,
            inclusion,
        } => ecdf_calibration(values, *exclusion, *crossover, *inclusion)?,
        Calibration::Bell {
            e1,
            c1,
            i1,
            i2,
            c2,
            e2,
            below,
            above,
        } => {
            let anchors = [*e1, *c1, *i1, *i2, *c2, *e2];
            values
                .iter()
                .map(|&x| bell(x, anchors, *below, *above))
                .collect()
        }
        Calibration::Indirect { thresholds } => {
            let (fitted, converged) = indirect(values, thresholds)?;
            if !converged {
                warnings.push(msg!("qca-calibrate-not-converged", iterations = GLM_MAXIT));
            }
            fitted
        }
    };
    if options.snap {
        for m in &mut memberships {
            if *m < SNAP_LOW {
                *m = 0.0;
            } else if *m > SNAP_HIGH {
                *m = 1.0;
            }
        }
    }
    Ok(Calibrated::new(memberships, warnings))
}

/// Finds `groups - 1` thresholds that split `values` into `groups` groups, as R's
/// `findTh(x, groups = groups)` (equivalently `findTh(x, n = groups - 1)`).
///
/// R sorts the values, clusters them hierarchically (`hclust` with complete linkage on
/// Euclidean distances) and cuts the tree into `groups` clusters; each threshold is the
/// midpoint between the largest value of one group and the smallest of the next. In one
/// dimension complete-linkage clusters are runs of neighbouring sorted values, and R's
/// tie-breaking (the pair with the lowest first index wins) always merges a run with the
/// next one, so this function merges neighbouring runs directly and reproduces R's merge
/// order exactly, ties included, in O(n log n).
pub fn find_thresholds(values: &[f64], groups: usize) -> Result<Vec<f64>, QcaError> {
    check_values(values)?;
    if groups < 2 {
        return Err(QcaError::Calibration(msg!(
            "qca-calibrate-too-few-groups",
            groups = groups
        )));
    }
    let n = values.len();
    if groups > n {
        return Err(QcaError::Calibration(msg!(
            "qca-calibrate-too-many-groups",
            values = n,
            groups = groups
        )));
    }
    let mut x = values.to_vec();
    x.sort_by(f64::total_cmp);

    // Runs are identified by their first index; `end`, `next` and `prev` are indexed by it.
    let mut end: Vec<usize> = (0..n).collect();
    let mut next: Vec<Option<usize>> = (0..n).map(|i| (i + 1 < n).then_some(i + 1)).collect();
    let mut prev: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
    let mut active = vec![true; n];
    // Complete-linkage distance from a run to the next: its largest value minus our smallest.
    let mut distance: Vec<f64> = x
        .windows(2)
        .map(|w| w[1] - w[0])
        .chain(std::iter::once(f64::INFINITY))
        .collect();
    let mut heap: BinaryHeap<Reverse<MergeKey>> = distance[..n - 1]
        .iter()
        .enumerate()
        .map(|(i, &d)| Reverse(MergeKey(d, i)))
        .collect();
    let mut merges = 0;
    while merges < n - groups {
        let Some(Reverse(MergeKey(d, s))) = heap.pop() else {
            break;
        };
        // Lazy deletion: skip entries that no longer describe the run's current neighbour.
        let Some(t) = next[s] else { continue };
        if !active[s] || distance[s].to_bits() != d.to_bits() {
            continue;
        }
        end[s] = end[t];
        active[t] = false;
        next[s] = next[t];
        if let Some(u) = next[t] {
            prev[u] = Some(s);
            distance[s] = x[end[u]] - x[s];
            heap.push(Reverse(MergeKey(distance[s], s)));
        } else {
            distance[s] = f64::INFINITY;
        }
        if let Some(p) = prev[s] {
            distance[p] = x[end[s]] - x[p];
            heap.push(Reverse(MergeKey(distance[p], p)));
        }
        merges += 1;
    }
    let mut thresholds = Vec::with_capacity(groups - 1);
    let mut run = Some(0);
    while let Some(s) = run {
        if thresholds.len() == groups - 1 {
            break;
        }
        let last = end[s];
        if last + 1 < n {
            thresholds.push((x[last] + x[last + 1]) / 2.0);
        }
        run = next[s];
    }
    Ok(thresholds)
}

/// Heap key for [`find_thresholds`]: smallest distance first, then lowest run index (R's
/// tie-breaking).
#[derive(Clone, Copy, Debug)]
struct MergeKey(f64, usize);

impl PartialEq for MergeKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for MergeKey {}

impl PartialOrd for MergeKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MergeKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

fn check_values(values: &[f64]) -> Result<(), QcaError> {
    if values.is_empty() {
        return Err(QcaError::Calibration(msg!("qca-calibrate-no-values")));
    }
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return Err(QcaError::Calibration(msg!(
            "qca-calibrate-missing-value",
            index = i,
            case = i + 1,
            value = values[i]
        )));
    }
    Ok(())
}

/// R's `isTRUE(all.equal(x, anchor))` for two numbers.
fn r_equal(x: f64, anchor: f64) -> bool {
    let diff = (x - anchor).abs();
    let scale = x.abs();
    if scale > R_ALL_EQUAL_TOLERANCE {
        diff / scale <= R_ALL_EQUAL_TOLERANCE
    } else {
        diff <= R_ALL_EQUAL_TOLERANCE
    }
}

/// `x <= anchor`, where "equal" is R's tolerant comparison.
fn at_most(x: f64, anchor: f64) -> bool {
    x < anchor || r_equal(x, anchor)
}

fn crisp(values: &[f64], thresholds: &[f64]) -> Vec<f64> {
    values
        .iter()
        .map(|&x| thresholds.iter().filter(|&&t| t <= x).count() as f64)
        .collect()
}

fn logistic(x: f64, exclusion: f64, crossover: f64, inclusion: f64, idm: f64) -> f64 {
    // A decreasing set is the complement of the increasing set with the anchors swapped.
    let decreasing = exclusion > inclusion;
    let (low, high) = if decreasing {
        (inclusion, exclusion)
    } else {
        (exclusion, inclusion)
    };
    let log_odds = (idm / (1.0 - idm)).ln();
    let slope = if x < crossover {
        -log_odds / (low - crossover)
    } else {
        log_odds / (high - crossover)
    };
    let m = 1.0 / (1.0 + (-((x - crossover) * slope)).exp());
    if decreasing { 1.0 - m } else { m }
}

/// Membership on the exclusion side of a crossover: 0 at `e`, 0.5 at `c`.
fn toward_exclusion(x: f64, e: f64, c: f64, below: f64) -> f64 {
    ((e - x) / (e - c)).powf(below) / 2.0
}

/// Membership on the inclusion side of a crossover: 0.5 at `c`, 1 at `i`.
fn toward_inclusion(x: f64, i: f64, c: f64, above: f64) -> f64 {
    1.0 - ((i - x) / (i - c)).powf(above) / 2.0
}

fn linear(x: f64, e: f64, c: f64, i: f64, below: f64, above: f64) -> f64 {
    if e < i {
        if at_most(x, e) {
            0.0
        } else if at_most(x, c) {
            toward_exclusion(x, e, c, below)
        } else if at_most(x, i) {
            toward_inclusion(x, i, c, above)
        } else {
            1.0
        }
    } else if at_most(x, i) {
        1.0
    } else if at_most(x, c) {
        toward_inclusion(x, i, c, above)
    } else if at_most(x, e) {
        toward_exclusion(x, e, c, below)
    } else {
        0.0
    }
}

fn ecdf_calibration(values: &[f64], e: f64, c: f64, i: f64) -> Result<Vec<f64>, QcaError> {
    let (low, high) = (e.min(i), e.max(i));
    let mut sample: Vec<f64> = values
        .iter()
        .copied()
        .filter(|&v| v >= low && v <= high)
        .collect();
    if sample.is_empty() {
        return Err(QcaError::Calibration(msg!(
            "qca-calibrate-ecdf-empty",
            low = low,
            high = high
        )));
    }
    sample.sort_by(f64::total_cmp);
    let len = sample.len() as f64;
    let cdf = |t: f64| sample.partition_point(|&v| v <= t) as f64 / len;
    // `ratio` guards the degenerate 0/0 that only arises for a value within R's tolerance of
    // the crossover but just beyond it: such a value is at the crossover.
    let ratio = |num: f64, den: f64| if den == 0.0 { 1.0 } else { num / den };
    let f_c = cdf(c);
    Ok(values
        .iter()
        .map(|&x| {
            let f_x = cdf(x);
            if e < i {
                if at_most(x, e) {
                    0.0
                } else if at_most(x, c) {
                    ratio(f_x, f_c) / 2.0
                } else if at_most(x, i) {
                    1.0 - ratio(1.0 - f_x, 1.0 - f_c) / 2.0
                } else {
                    1.0
                }
            } else if at_most(x, i) {
                1.0
            } else if at_most(x, c) {
                1.0 - ratio(f_x, f_c) / 2.0
            } else if at_most(x, e) {
                ratio(1.0 - f_x, 1.0 - f_c) / 2.0
            } else {
                0.0
            }
        })
        .collect())
}

fn bell(x: f64, [e1, c1, i1, i2, c2, e2]: [f64; 6], below: f64, above: f64) -> f64 {
    if e1 < i1 {
        // Rising from e1 to i1, flat at 1 up to i2, falling to e2.
        if at_most(x, e1) {
            0.0
        } else if at_most(x, c1) {
            toward_exclusion(x, e1, c1, below)
        } else if x < i1 {
            toward_inclusion(x, i1, c1, above)
        } else if at_most(x, i2) {
            1.0
        } else if at_most(x, c2) {
            toward_inclusion(x, i2, c2, above)
        } else if at_most(x, e2) {
            toward_exclusion(x, e2, c2, below)
        } else {
            0.0
        }
    } else if at_most(x, i1) {
        1.0
    } else if at_most(x, c1) {
        toward_inclusion(x, i1, c1, above)
    } else if x < e1 {
        toward_exclusion(x, e1, c1, below)
    } else if at_most(x, e2) {
        0.0
    } else if at_most(x, c2) {
        toward_exclusion(x, e2, c2, below)
    } else if at_most(x, i2) {
        toward_inclusion(x, i2, c2, above)
    } else {
        1.0
    }
}

/// R's logit `linkinv`, which keeps fitted values strictly inside (0, 1).
fn logit_inverse(eta: f64) -> f64 {
    let t = if eta < -30.0 {
        f64::EPSILON
    } else if eta > 30.0 {
        1.0 / f64::EPSILON
    } else {
        eta.exp()
    };
    t / (1.0 + t)
}

/// R's logit `mu.eta`: the derivative of `logit_inverse`, floored outside [-30, 30].
fn logit_derivative(eta: f64) -> f64 {
    if !(-30.0..=30.0).contains(&eta) {
        f64::EPSILON
    } else {
        let e = eta.exp();
        e / ((1.0 + e) * (1.0 + e))
    }
}

/// Binomial deviance, R's `binomial()$dev.resids` summed (unit weights).
fn binomial_deviance(y: &[f64], mu: &[f64]) -> f64 {
    let ylogy = |y: f64, mu: f64| if y == 0.0 { 0.0 } else { y * (y / mu).ln() };
    y.iter()
        .zip(mu)
        .map(|(&y, &mu)| 2.0 * (ylogy(y, mu) + ylogy(1.0 - y, 1.0 - mu)))
        .sum()
}

fn round_to(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// The indirect method: target categories, then the fractional logit fitted by IRLS exactly
/// as R's `glm.fit` iterates (same start, same convergence test), so that the fitted values
/// agree with R's to far below the 6 decimals R reports. Returns the rounded fitted values
/// and whether the fit converged.
fn indirect(values: &[f64], thresholds: &[f64]) -> Result<(Vec<f64>, bool), QcaError> {
    if let Some(i) = values.iter().position(|&v| v < 0.0) {
        return Err(QcaError::Calibration(msg!(
            "qca-calibrate-indirect-negative",
            index = i,
            case = i + 1,
            value = values[i]
        )));
    }
    let mut sorted = thresholds.to_vec();
    sorted.sort_by(f64::total_cmp);
    let k = sorted.len();
    let targets: Vec<f64> = (0..=k)
        .map(|j| round_to(j as f64 * (1.0 / k as f64), 3))
        .collect();
    let y: Vec<f64> = values
        .iter()
        .map(|&x| targets[sorted.iter().filter(|&&t| x > t).count()])
        .collect();
    let design: Vec<[f64; 5]> = values
        .iter()
        .map(|&x| {
            let x = if x == 0.0 { INDIRECT_ZERO } else { x };
            [1.0, x.ln(), x.sqrt(), x, x * x]
        })
        .collect();

    let mut mu: Vec<f64> = y.iter().map(|&y| (y + 0.5) / 2.0).collect();
    let mut eta: Vec<f64> = mu.iter().map(|&m| (m / (1.0 - m)).ln()).collect();
    mu = eta.iter().map(|&e| logit_inverse(e)).collect();
    let mut deviance_old = binomial_deviance(&y, &mu);
    let mut converged = false;
    for _ in 0..GLM_MAXIT {
        let mut rows = Vec::with_capacity(values.len());
        let mut response = Vec::with_capacity(values.len());
        for (idx, &e) in eta.iter().enumerate() {
            let d = logit_derivative(e);
            if d == 0.0 {
                continue;
            }
            let variance = mu[idx] * (1.0 - mu[idx]);
            let w = (d * d / variance).sqrt();
            let z = e + (y[idx] - mu[idx]) / d;
            rows.push(design[idx].map(|v| v * w));
            response.push(z * w);
        }
        let coefficients = least_squares(rows, response, GLM_QR_TOLERANCE);
        eta = design
            .iter()
            .map(|row| row.iter().zip(&coefficients).map(|(a, b)| a * b).sum())
            .collect();
        mu = eta.iter().map(|&e| logit_inverse(e)).collect();
        let deviance = binomial_deviance(&y, &mu);
        if !deviance.is_finite() {
            return Err(QcaError::Calibration(msg!(
                "qca-calibrate-indirect-diverged"
            )));
        }
        if (deviance - deviance_old).abs() / (deviance.abs() + 0.1) < GLM_EPSILON {
            converged = true;
            break;
        }
        deviance_old = deviance;
    }
    Ok((mu.iter().map(|&m| round_to(m, 6)).collect(), converged))
}

/// Least squares by Householder QR with LINPACK's limited pivoting (`dqrdc2`, which R's glm
/// uses): a column whose remaining norm falls below `tolerance` times its original norm is
/// moved to the end and gets coefficient 0, as R does for aliased terms.
fn least_squares(mut a: Vec<[f64; 5]>, mut b: Vec<f64>, tolerance: f64) -> [f64; 5] {
    const P: usize = 5;
    let n = a.len();
    let mut order: Vec<usize> = (0..P).collect();
    let norm = |a: &[[f64; 5]], col: usize, from: usize| {
        a[from..]
            .iter()
            .map(|r| r[col] * r[col])
            .sum::<f64>()
            .sqrt()
    };
    let original: Vec<f64> = (0..P)
        .map(|j| {
            let v = norm(&a, j, 0);
            if v == 0.0 { 1.0 } else { v }
        })
        .collect();
    // `order[l]` is the original column held in position l; negligible columns rotate to the
    // end, where they stay unused.
    let mut rank = P.min(n);
    let mut l = 0;
    while l < rank {
        if norm(&a, order[l], l) < original[order[l]] * tolerance {
            let dropped = order.remove(l);
            order.push(dropped);
            rank -= 1;
            continue;
        }
        let col = order[l];
        let alpha = {
            let nrm = norm(&a, col, l);
            if a[l][col] >= 0.0 { -nrm } else { nrm }
        };
        // Householder vector v = x - alpha e1, applied as H = I - 2 v v' / (v'v).
        let mut v: Vec<f64> = a[l..].iter().map(|r| r[col]).collect();
        v[0] -= alpha;
        let vtv: f64 = v.iter().map(|x| x * x).sum();
        if vtv > 0.0 {
            for &other in &order[l..] {
                let dot: f64 = v.iter().zip(&a[l..]).map(|(vi, r)| vi * r[other]).sum();
                let f = 2.0 * dot / vtv;
                for (vi, r) in v.iter().zip(a[l..].iter_mut()) {
                    r[other] -= f * vi;
                }
            }
            let dot: f64 = v.iter().zip(&b[l..]).map(|(vi, bi)| vi * bi).sum();
            let f = 2.0 * dot / vtv;
            for (vi, bi) in v.iter().zip(b[l..].iter_mut()) {
                *bi -= f * vi;
            }
        }
        l += 1;
    }
    let mut coefficients = [0.0; P];
    for row in (0..rank).rev() {
        let col = order[row];
        let mut s = b[row];
        for &later in &order[row + 1..rank] {
            s -= a[row][later] * coefficients[later];
        }
        coefficients[col] = s / a[row][col];
    }
    coefficients
}

fn range_warnings(values: &[f64], calibration: &Calibration) -> Vec<Msg> {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    calibration
        .named_anchors()
        .into_iter()
        .filter(|(_, v)| *v < min || *v > max)
        .map(|(name, v)| {
            msg!(
                "qca-calibrate-anchor-outside-data",
                anchor = name,
                value = v,
                min = min,
                max = max
            )
        })
        .collect()
}

fn calibration_error(message: Msg) -> QcaError {
    QcaError::Calibration(message)
}

impl Calibration {
    /// The anchors or thresholds with their names, for messages.
    fn named_anchors(&self) -> Vec<(Msg, f64)> {
        let three = |e: f64, c: f64, i: f64| {
            vec![
                (msg!("qca-anchor-exclusion"), e),
                (msg!("qca-anchor-crossover"), c),
                (msg!("qca-anchor-inclusion"), i),
            ]
        };
        match self {
            Calibration::Crisp { thresholds } | Calibration::Indirect { thresholds } => thresholds
                .iter()
                .enumerate()
                .map(|(j, &t)| (msg!("qca-anchor-threshold", number = j + 1), t))
                .collect(),
            Calibration::Fuzzy {
                exclusion,
                crossover,
                inclusion,
                ..
            }
            | Calibration::Linear {
                exclusion,
                crossover,
                inclusion,
                ..
            }
            | Calibration::Ecdf {
                exclusion,
                crossover,
                inclusion,
            } => three(*exclusion, *crossover, *inclusion),
            Calibration::Bell {
                e1,
                c1,
                i1,
                i2,
                c2,
                e2,
                ..
            } => ["e1", "c1", "i1", "i2", "c2", "e2"]
                .iter()
                .zip([*e1, *c1, *i1, *i2, *c2, *e2])
                .map(|(n, v)| (msg!("qca-anchor-named", name = *n), v))
                .collect(),
        }
    }

    /// Checks anchors and options; the error names the offending anchors with their values.
    pub fn validate(&self) -> Result<(), QcaError> {
        for (name, v) in self.named_anchors() {
            if !v.is_finite() {
                return Err(calibration_error(msg!(
                    "qca-calibrate-anchor-not-finite",
                    anchor = name,
                    value = v
                )));
            }
        }
        match self {
            Calibration::Crisp { thresholds } | Calibration::Indirect { thresholds } => {
                if thresholds.is_empty() {
                    return Err(calibration_error(msg!("qca-calibrate-no-threshold")));
                }
                for (j, t) in thresholds.iter().enumerate() {
                    if thresholds[..j].contains(t) {
                        return Err(calibration_error(msg!(
                            "qca-calibrate-threshold-twice",
                            threshold = *t
                        )));
                    }
                }
                Ok(())
            }
            Calibration::Fuzzy {
                exclusion,
                crossover,
                inclusion,
                idm,
            } => {
                check_three(*exclusion, *crossover, *inclusion)?;
                if !(*idm > 0.5 && *idm < 1.0) {
                    return Err(calibration_error(msg!("qca-calibrate-bad-idm", idm = *idm)));
                }
                Ok(())
            }
            Calibration::Linear {
                exclusion,
                crossover,
                inclusion,
                below,
                above,
            } => {
                check_three(*exclusion, *crossover, *inclusion)?;
                check_shape(*below, *above)
            }
            Calibration::Ecdf {
                exclusion,
                crossover,
                inclusion,
            } => check_three(*exclusion, *crossover, *inclusion),
            Calibration::Bell {
                e1,
                c1,
                i1,
                i2,
                c2,
                e2,
                below,
                above,
            } => {
                let a = [*e1, *c1, *i1, *i2, *c2, *e2];
                let bell = a[0] < a[1] && a[1] < a[2] && a[2] <= a[3] && a[3] < a[4] && a[4] < a[5];
                let inverse =
                    a[2] < a[1] && a[1] < a[0] && a[0] <= a[5] && a[5] < a[4] && a[4] < a[3];
                if !bell && !inverse {
                    return Err(calibration_error(msg!(
                        "qca-calibrate-bell-order",
                        e1 = *e1,
                        c1 = *c1,
                        i1 = *i1,
                        i2 = *i2,
                        c2 = *c2,
                        e2 = *e2
                    )));
                }
                check_shape(*below, *above)
            }
        }
    }

    /// The R arguments that give the same calibration, e.g.
    /// `thresholds = "e=165, c=175, i=185", idm = 0.99` or
    /// `type = "crisp", thresholds = "170, 180"`. Default options are left out.
    pub fn describe(&self) -> String {
        let list = |t: &[f64]| {
            t.iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let shape = |below: f64, above: f64| {
            let mut s = String::new();
            if below != 1.0 {
                s.push_str(&format!(", below = {below}"));
            }
            if above != 1.0 {
                s.push_str(&format!(", above = {above}"));
            }
            s
        };
        match self {
            Calibration::Crisp { thresholds } => {
                format!("type = \"crisp\", thresholds = \"{}\"", list(thresholds))
            }
            Calibration::Fuzzy {
                exclusion,
                crossover,
                inclusion,
                idm,
            } => {
                let mut s = format!("thresholds = \"e={exclusion}, c={crossover}, i={inclusion}\"");
                if *idm != DEFAULT_IDM {
                    s.push_str(&format!(", idm = {idm}"));
                }
                s
            }
            Calibration::Linear {
                exclusion,
                crossover,
                inclusion,
                below,
                above,
            } => format!(
                "thresholds = \"e={exclusion}, c={crossover}, i={inclusion}\", logistic = FALSE{}",
                shape(*below, *above)
            ),
            Calibration::Ecdf {
                exclusion,
                crossover,
                inclusion,
            } => format!(
                "thresholds = \"e={exclusion}, c={crossover}, i={inclusion}\", logistic = FALSE, ecdf = TRUE"
            ),
            Calibration::Bell {
                e1,
                c1,
                i1,
                i2,
                c2,
                e2,
                below,
                above,
            } => format!(
                "thresholds = \"e1={e1}, c1={c1}, i1={i1}, i2={i2}, c2={c2}, e2={e2}\"{}",
                shape(*below, *above)
            ),
            Calibration::Indirect { thresholds } => {
                format!(
                    "method = \"indirect\", thresholds = \"{}\"",
                    list(thresholds)
                )
            }
        }
    }

    /// Parses the command-line syntax `method:arguments` (see `docs/calibration.md`):
    ///
    /// - `crisp:170,180` and `indirect:1000,4000,5000,10000,20000`: thresholds;
    /// - `fuzzy:e=165,c=175,i=185,idm=0.99` (alias `logistic:`), `linear:e=..,c=..,i=..,below=3.5,above=3.5`
    ///   and `ecdf:e=..,c=..,i=..`: three anchors, named (any order) or positional in the
    ///   order e, c, i, followed by named options;
    /// - `bell:e1=155,c1=165,i1=175,i2=175,c2=185,e2=195,below=3,above=3`: six anchors,
    ///   named or positional in the order e1, c1, i1, i2, c2, e2.
    ///
    /// `below`/`above` may be abbreviated `b`/`a` (R's aliases `p`/`q` are accepted too).
    /// Spaces are ignored.
    pub fn parse(text: &str) -> Result<Self, QcaError> {
        let err = |detail: Msg| {
            calibration_error(msg!(
                "qca-calibration-unreadable",
                text = text,
                detail = detail
            ))
        };
        let (method, rest) = match text.split_once(':') {
            Some((m, r)) => (m.trim().to_ascii_lowercase(), r),
            None => (text.trim().to_ascii_lowercase(), ""),
        };
        let mut positional = Vec::new();
        let mut named: Vec<(String, f64)> = Vec::new();
        for (pos, item) in rest.split(',').enumerate() {
            let item = item.trim();
            if item.is_empty() {
                if rest.trim().is_empty() {
                    break;
                }
                return Err(err(msg!(
                    "qca-calibration-empty-argument",
                    number = pos + 1
                )));
            }
            let number = |s: &str| {
                s.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| {
                        err(msg!(
                            "qca-calibration-not-a-number",
                            number = pos + 1,
                            argument = item,
                            value = s.trim()
                        ))
                    })
            };
            match item.split_once('=') {
                Some((name, value)) => {
                    let name = name.trim().to_ascii_lowercase();
                    if named.iter().any(|(n, _)| *n == name) {
                        return Err(err(msg!("qca-calibration-option-twice", name = name)));
                    }
                    named.push((name, number(value)?));
                }
                None => {
                    if !named.is_empty() {
                        return Err(err(msg!(
                            "qca-calibration-positional-after-named",
                            number = pos + 1,
                            argument = item
                        )));
                    }
                    positional.push(number(item)?);
                }
            }
        }
        let take = |named: &mut Vec<(String, f64)>, names: &[&str]| {
            let found = named.iter().position(|(n, _)| names.contains(&n.as_str()));
            found.map(|idx| named.remove(idx).1)
        };
        // Anchors come either all positional or all named.
        let anchors = |named: &mut Vec<(String, f64)>, positional: &[f64], names: &[&str]| {
            if !positional.is_empty() {
                if positional.len() != names.len() {
                    return Err(err(msg!(
                        "qca-calibration-anchor-count",
                        method = method.as_str(),
                        needed = names.len(),
                        names = names.join(", "),
                        given = positional.len()
                    )));
                }
                if let Some((n, _)) = named.iter().find(|(n, _)| names.contains(&n.as_str())) {
                    return Err(err(msg!("qca-calibration-anchor-twice", name = n)));
                }
                return Ok(positional.to_vec());
            }
            let mut out = Vec::with_capacity(names.len());
            for name in names {
                match take(named, &[name]) {
                    Some(v) => out.push(v),
                    None => {
                        return Err(err(msg!(
                            "qca-calibration-anchor-missing",
                            name = *name,
                            names = names.join(", ")
                        )));
                    }
                }
            }
            Ok(out)
        };
        let finish = |named: &Vec<(String, f64)>| match named.first() {
            Some((n, _)) => Err(err(msg!(
                "qca-calibration-unknown-option",
                name = n,
                method = method.as_str()
            ))),
            None => Ok(()),
        };
        let calibration = match method.as_str() {
            "crisp" | "indirect" => {
                finish(&named)?;
                if positional.is_empty() {
                    return Err(err(msg!(
                        "qca-calibration-needs-threshold",
                        method = method.as_str()
                    )));
                }
                if method == "crisp" {
                    Calibration::Crisp {
                        thresholds: positional,
                    }
                } else {
                    Calibration::Indirect {
                        thresholds: positional,
                    }
                }
            }
            "fuzzy" | "logistic" => {
                let a = anchors(&mut named, &positional, &["e", "c", "i"])?;
                let idm = take(&mut named, &["idm"]).unwrap_or(DEFAULT_IDM);
                finish(&named)?;
                Calibration::Fuzzy {
                    exclusion: a[0],
                    crossover: a[1],
                    inclusion: a[2],
                    idm,
                }
            }
            "linear" => {
                let a = anchors(&mut named, &positional, &["e", "c", "i"])?;
                let below = take(&mut named, &["below", "b", "p"]).unwrap_or(1.0);
                let above = take(&mut named, &["above", "a", "q"]).unwrap_or(1.0);
                finish(&named)?;
                Calibration::Linear {
                    exclusion: a[0],
                    crossover: a[1],
                    inclusion: a[2],
                    below,
                    above,
                }
            }
            "ecdf" => {
                let a = anchors(&mut named, &positional, &["e", "c", "i"])?;
                finish(&named)?;
                Calibration::Ecdf {
                    exclusion: a[0],
                    crossover: a[1],
                    inclusion: a[2],
                }
            }
            "bell" => {
                let a = anchors(
                    &mut named,
                    &positional,
                    &["e1", "c1", "i1", "i2", "c2", "e2"],
                )?;
                let below = take(&mut named, &["below", "b", "p"]).unwrap_or(1.0);
                let above = take(&mut named, &["above", "a", "q"]).unwrap_or(1.0);
                finish(&named)?;
                Calibration::Bell {
                    e1: a[0],
                    c1: a[1],
                    i1: a[2],
                    i2: a[3],
                    c2: a[4],
                    e2: a[5],
                    below,
                    above,
                }
            }
            other => {
                return Err(err(msg!(
                    "qca-calibration-unknown-method",
                    method = other,
                    known = "crisp, fuzzy, logistic, linear, ecdf, bell, indirect"
                )));
            }
        };
        calibration.validate().map_err(|e| match e {
            QcaError::Calibration(m) => err(m),
            other => other,
        })?;
        Ok(calibration)
    }
}

fn check_three(e: f64, c: f64, i: f64) -> Result<(), QcaError> {
    if (e < c && c < i) || (e > c && c > i) {
        Ok(())
    } else {
        Err(calibration_error(msg!(
            "qca-calibrate-anchor-order",
            e = e,
            c = c,
            i = i
        )))
    }
}

fn check_shape(below: f64, above: f64) -> Result<(), QcaError> {
    for (name, v) in [("below", below), ("above", above)] {
        if !(v.is_finite() && v > 0.0) {
            return Err(calibration_error(msg!(
                "qca-calibrate-bad-shape",
                name = name,
                value = v
            )));
        }
    }
    Ok(())
}

/// The command-line syntax accepted by [`Calibration::parse`], with default options left
/// out; parsing the output gives the same calibration back.
impl fmt::Display for Calibration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |t: &[f64]| {
            t.iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let shape = |below: f64, above: f64| {
            let mut s = String::new();
            if below != 1.0 {
                s.push_str(&format!(",below={below}"));
            }
            if above != 1.0 {
                s.push_str(&format!(",above={above}"));
            }
            s
        };
        match self {
            Calibration::Crisp { thresholds } => write!(f, "crisp:{}", list(thresholds)),
            Calibration::Indirect { thresholds } => write!(f, "indirect:{}", list(thresholds)),
            Calibration::Fuzzy {
                exclusion,
                crossover,
                inclusion,
                idm,
            } => {
                write!(f, "fuzzy:e={exclusion},c={crossover},i={inclusion}")?;
                if *idm != DEFAULT_IDM {
                    write!(f, ",idm={idm}")?;
                }
                Ok(())
            }
            Calibration::Linear {
                exclusion,
                crossover,
                inclusion,
                below,
                above,
            } => write!(
                f,
                "linear:e={exclusion},c={crossover},i={inclusion}{}",
                shape(*below, *above)
            ),
            Calibration::Ecdf {
                exclusion,
                crossover,
                inclusion,
            } => write!(f, "ecdf:e={exclusion},c={crossover},i={inclusion}"),
            Calibration::Bell {
                e1,
                c1,
                i1,
                i2,
                c2,
                e2,
                below,
                above,
            } => write!(
                f,
                "bell:e1={e1},c1={c1},i1={i1},i2={i2},c2={c2},e2={e2}{}",
                shape(*below, *above)
            ),
        }
    }
}
