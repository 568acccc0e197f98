//! The analysis of a study: from measured and registered values to calibrated sets, QCA
//! (necessity, truth table, solutions) and small-N statistics, in one immutable value.
//!
//! [`StudyAnalysis`] is what the store keeps as a run and what the report renders; it holds
//! every setting that produced it.

use serde::{Deserialize, Serialize};

use kantel_qca::SetData;
use kantel_qca::minimize::Minimization;
use kantel_qca::necessity::{NecessityRow, NecessityTerm};
use kantel_qca::truth_table::TruthTable;
use kantel_stats::{Correction, Correlation, MannWhitney};

/// How one set was calibrated, for the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetCalibration {
    /// Set id, e.g. `BESTLEID`.
    pub set: String,
    /// Label in Dutch.
    pub label_nl: String,
    /// Label in English.
    pub label_en: String,
    /// Where the raw values come from: `survey`, `register` or `rating`.
    pub source: String,
    /// The calibration in kantel's syntax, e.g. `fuzzy:e=2.5,c=3.45,i=4.2`.
    pub method: String,
    /// The researcher's justification from the study file.
    pub justification: String,
    /// Anchors (exclusion, crossover, inclusion) when the method has them, for plots.
    pub anchors: Vec<f64>,
    /// Warnings from calibration (anchors outside the data and the like).
    pub warnings: Vec<String>,
}

/// Leading versus lagging municipalities on one condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConditionComparison {
    /// Set id.
    pub set: String,
    /// Median raw score of the leading municipalities.
    pub median_leading: f64,
    /// Median raw score of the lagging municipalities.
    pub median_lagging: f64,
    /// Exact Mann-Whitney test (leading vs lagging).
    pub test: MannWhitney,
    /// Cliff's delta (leading minus lagging).
    pub cliffs_delta: f64,
    /// p-value after the multiple-testing correction over all conditions.
    pub p_adjusted: f64,
}

/// Leading and lagging municipalities compared on every condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadLagComparison {
    /// Municipalities (codes) with outcome membership above 0.5.
    pub leading: Vec<String>,
    /// Municipalities (codes) with outcome membership below 0.5.
    pub lagging: Vec<String>,
    /// One comparison per condition.
    pub conditions: Vec<ConditionComparison>,
}

/// Rank correlation of one condition with the outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConditionCorrelation {
    /// Set id.
    pub set: String,
    /// Spearman's rho with its p-value.
    pub spearman: Correlation,
    /// Kendall's tau-b with its p-value.
    pub kendall: Correlation,
    /// Spearman p-value after correction over all conditions.
    pub spearman_p_adjusted: f64,
    /// Kendall p-value after correction over all conditions.
    pub kendall_p_adjusted: f64,
}

/// Whether the analysis found the causal structure a simulation planted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// The planted structure in R notation, e.g. `BESTLEID*LOSLATEN + EXPERIMENT*MANDAAT`.
    pub planted: String,
    /// The solution compared with it (R notation).
    pub found: String,
    /// Which solution type was compared (`parsimonious`, `intermediate C1P1`, ...).
    pub solution: String,
    /// True when the found model is logically equivalent to the planted structure.
    pub recovered: bool,
    /// Planted terms present in the found model (as subsets or exactly).
    pub terms_found: Vec<String>,
    /// Planted terms missing from the found model.
    pub terms_missing: Vec<String>,
}

/// Everything the analysis of one study produced, with the settings that produced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StudyAnalysis {
    /// Study name.
    pub study: String,
    /// Whether the data are simulated (the report says so everywhere).
    pub simulated: bool,
    /// Outcome set id (`~` prefixed when negated).
    pub outcome: String,
    /// Condition set ids.
    pub conditions: Vec<String>,
    /// Raw values (scale means, register values, ratings) per municipality: cases =
    /// municipality codes, one column per set (conditions and outcome).
    pub raw: SetData,
    /// Calibrated memberships, same shape as `raw`.
    pub sets: SetData,
    /// How each set was calibrated.
    pub calibrations: Vec<SetCalibration>,
    /// Municipalities left out of the analysis (missing values), with the reason.
    pub dropped: Vec<(String, String)>,
    /// Necessity of each condition and its negation.
    pub necessity: Vec<NecessityRow>,
    /// Necessary disjunctions found by the search (R's superSubset).
    pub necessity_search: Vec<NecessityTerm>,
    /// The truth table, with its settings.
    pub truth_table: TruthTable,
    /// Conservative, parsimonious and intermediate solutions with fit.
    pub minimization: Minimization,
    /// Leading versus lagging municipalities.
    pub comparison: LeadLagComparison,
    /// Rank correlations of every condition with the outcome.
    pub correlations: Vec<ConditionCorrelation>,
    /// The multiple-testing correction used.
    pub correction: Correction,
    /// Seed of every permutation test.
    pub seed: u64,
    /// For simulated studies: was the planted structure recovered?
    pub recovery: Option<Recovery>,
    /// Warnings collected along the way.
    pub warnings: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// The analysis itself.
// ---------------------------------------------------------------------------------------------

use std::collections::BTreeMap;

use kantel_qca::calibrate::Calibration;
use kantel_qca::expr::Expression;
use kantel_qca::minimize::{MinimizeOptions, minimize};
use kantel_qca::necessity::{SearchOptions, necessity_table, super_subset};
use kantel_qca::truth_table::{HalfMembership, Outcome, TruthTableSpec};

use crate::StudyError;
use crate::codebook::MeasureKind;
use crate::import::RegisterValue;
use crate::measure::{Measurement, calibrate_values};
use crate::study::Study;

/// Inclusion cut-off of the necessity search (R's `superSubset(incl.cut = 0.9)`): the usual
/// threshold for calling a condition (or disjunction) necessary.
pub const NECESSITY_SEARCH_INCL_CUT: f64 = 0.9;

/// Coverage cut-off of the necessity search (R's `cov.cut = 0.6`): leaves out trivially
/// necessary expressions that almost every case is in.
pub const NECESSITY_SEARCH_COV_CUT: f64 = 0.6;

/// Multiple-testing correction applied to the comparisons and the correlations.
pub const CORRECTION: Correction = Correction::Holm;

/// Monte Carlo permutations of a rank correlation that cannot be tested exactly (Spearman
/// above 9 cases; Kendall with ties above 9 cases or above 150 cases). 2 000 draws give
/// p-values down to 1/2001 with a Monte Carlo standard error below 0.011 at p = 0.05 and keep
/// the analysis of 120 municipalities fast in unoptimised builds; the draws and the seed are
/// recorded in each result's `method`.
pub const PERMUTATIONS: usize = 2_000;

/// Analyses a study: raw values per municipality, calibration, necessity (single
/// conditions and the search), truth table, conservative, parsimonious and (with
/// `dir_exp`) intermediate solutions, the leading-versus-lagging comparison, rank
/// correlations and, for simulated studies with a `planted_structure`, whether the
/// planted structure was recovered.
///
/// Raw values: survey scales from `measurement` (the municipal scale mean); register
/// indicators from `register`, matched by the set id or the indicator name, for the study
/// year when the register has values for it and otherwise for the latest year it has; rating
/// sets from `ratings` as (municipality code, set id, value). A municipality without a value
/// on one of the analysed sets is dropped and listed with the reason. Sets with a
/// `[calibration.<SET>]` table are calibrated by it; rating sets without one are used as
/// memberships (they must lie in [0, 1]).
///
/// The truth table refuses memberships of exactly 0.5 in a condition (a raw value on the
/// crossover), naming the cases; move the crossover off the values the data can take.
///
/// Deterministic: the same inputs and `seed` give an identical value. `seed` seeds every
/// permutation test (condition k uses `seed + k`).
pub fn analyse(
    study: &Study,
    measurement: &Measurement,
    register: &[RegisterValue],
    ratings: &[(String, String, f64)],
    seed: u64,
) -> Result<StudyAnalysis, StudyError> {
    analyse_with_permutations(study, measurement, register, ratings, seed, PERMUTATIONS)
}

/// [`analyse`] with a chosen number of Monte Carlo permutations for the rank correlations
/// that cannot be tested exactly (e.g. 20 000 in an optimised build for finer p-values).
pub fn analyse_with_permutations(
    study: &Study,
    measurement: &Measurement,
    register: &[RegisterValue],
    ratings: &[(String, String, f64)],
    seed: u64,
    permutations: usize,
) -> Result<StudyAnalysis, StudyError> {
    if permutations == 0 {
        return Err(plan_error(
            "analysis settings",
            "the number of permutations must be at least 1".into(),
        ));
    }
    let plan = &study.analysis;
    if plan.conditions.is_empty() {
        return Err(plan_error(
            "[analysis] conditions",
            "list at least one condition".into(),
        ));
    }
    let mut warnings = Vec::new();
    let mut set_ids: Vec<&str> = plan.conditions.iter().map(String::as_str).collect();
    set_ids.push(&plan.outcome);

    // Raw values per set and municipality (study order).
    let codes: Vec<&str> = study
        .municipalities
        .iter()
        .map(|m| m.code.as_str())
        .collect();
    if codes.is_empty() {
        return Err(plan_error(
            "[[municipality]]",
            "the study lists no municipalities".into(),
        ));
    }
    let mut columns: Vec<RawColumn> = Vec::new();
    for &id in &set_ids {
        let set = study.set(id).ok_or_else(|| {
            plan_error(
                "[analysis]",
                format!("{id:?} is not a condition, outcome or context in the codebook"),
            )
        })?;
        let column = match set.set.measure {
            MeasureKind::Scale => scale_column(id, measurement, &codes)?,
            MeasureKind::Indicator => {
                let name = set.set.indicator.as_ref().map(|i| i.name.as_str());
                register_column(id, name, study.study.year, register, &codes, &mut warnings)?
            }
            MeasureKind::Rating => rating_column(id, ratings, &codes)?,
        };
        if column.values.iter().all(Option::is_none) {
            return Err(StudyError::Measurement {
                set: id.to_string(),
                message: format!(
                    "no municipality has a value ({}); the analysis needs this set for every case",
                    column.source_detail
                ),
            });
        }
        columns.push(column);
    }
    let unknown_ratings: Vec<&str> = ratings
        .iter()
        .filter(|(code, set, _)| set_ids.contains(&set.as_str()) && !codes.contains(&code.as_str()))
        .map(|(code, _, _)| code.as_str())
        .collect();
    if !unknown_ratings.is_empty() {
        warnings.push(format!(
            "ratings for municipalities not in the study were ignored: {}",
            unknown_ratings.join(", ")
        ));
    }

    // Complete cases only.
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for (k, code) in codes.iter().enumerate() {
        let missing: Vec<String> = columns
            .iter()
            .filter(|c| c.values[k].is_none())
            .map(|c| format!("{} ({})", c.set, c.source_detail))
            .collect();
        if missing.is_empty() {
            kept.push(k);
        } else {
            dropped.push((
                code.to_string(),
                format!("no value for {}", missing.join(", ")),
            ));
        }
    }
    if kept.is_empty() {
        return Err(StudyError::Measurement {
            set: set_ids.join(", "),
            message: format!(
                "every municipality lacks a value on at least one analysed set, so none is left \
                 ({})",
                dropped
                    .iter()
                    .map(|(c, why)| format!("{c}: {why}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        });
    }
    let cases: Vec<String> = kept.iter().map(|&k| codes[k].to_string()).collect();
    let raw_columns: Vec<Vec<f64>> = columns
        .iter()
        .map(|c| kept.iter().filter_map(|&k| c.values[k]).collect())
        .collect();

    // Calibration.
    let mut calibrations = Vec::new();
    let mut member_columns = Vec::new();
    for (column, values) in columns.iter().zip(&raw_columns) {
        let set = study
            .set(&column.set)
            .map(|s| s.set)
            .ok_or_else(|| plan_error("[analysis]", format!("unknown set {}", column.set)))?;
        let (members, info) = match study.calibration.get(&column.set) {
            Some(spec) => {
                let engine = spec
                    .to_engine()
                    .map_err(|message| StudyError::Calibration {
                        set: column.set.clone(),
                        message,
                    })?;
                let calibrated = calibrate_values(study, &column.set, values)?;
                let anchors = match &engine {
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
                    } => vec![*exclusion, *crossover, *inclusion],
                    Calibration::Crisp { thresholds } => thresholds.clone(),
                    _ => Vec::new(),
                };
                (
                    calibrated.values,
                    (
                        engine.to_string(),
                        spec.justification.clone(),
                        anchors,
                        calibrated.warnings,
                    ),
                )
            }
            None if set.measure == MeasureKind::Rating => {
                if let Some(i) = values.iter().position(|v| !(0.0..=1.0).contains(v)) {
                    return Err(StudyError::Measurement {
                        set: column.set.clone(),
                        message: format!(
                            "rating {} of {} lies outside [0, 1]; ratings without a \
                             [calibration.{}] table are used as memberships",
                            values[i], cases[i], column.set
                        ),
                    });
                }
                (
                    values.clone(),
                    (
                        "rating".to_string(),
                        "Researcher-assigned membership scores; used as they are.".to_string(),
                        Vec::new(),
                        Vec::new(),
                    ),
                )
            }
            None => {
                return Err(StudyError::Calibration {
                    set: column.set.clone(),
                    message: format!("the study file has no [calibration.{}] table", column.set),
                });
            }
        };
        let (method, justification, anchors, cal_warnings) = info;
        warnings.extend(cal_warnings.iter().map(|w| format!("{}: {w}", column.set)));
        calibrations.push(SetCalibration {
            set: column.set.clone(),
            label_nl: set.label_nl.clone(),
            label_en: set.label_en.clone(),
            source: column.source.to_string(),
            method,
            justification,
            anchors,
            warnings: cal_warnings,
        });
        member_columns.push(members);
    }
    let names: Vec<String> = set_ids.iter().map(|s| s.to_string()).collect();
    fn engine_err(step: &'static str) -> impl Fn(kantel_qca::QcaError) -> StudyError {
        move |e| plan_error("[analysis]", format!("{step}: {e}"))
    }
    let raw = SetData::new(cases.clone(), names.clone(), raw_columns.clone())
        .map_err(engine_err("raw values"))?;
    let sets = SetData::new(cases.clone(), names, member_columns)
        .map_err(engine_err("calibrated sets"))?;

    // Set-theoretic analysis.
    let conditions = plan.conditions.clone();
    let outcome = &plan.outcome;
    let necessity = necessity_table(&sets, outcome, plan.negate_outcome, &conditions)
        .map_err(engine_err("necessity"))?;
    let necessity_search = super_subset(
        &sets,
        outcome,
        plan.negate_outcome,
        &conditions,
        &SearchOptions {
            incl_cut: NECESSITY_SEARCH_INCL_CUT,
            cov_cut: NECESSITY_SEARCH_COV_CUT,
            ..SearchOptions::default()
        },
    )
    .map_err(engine_err("necessity search"))?;
    let spec = TruthTableSpec {
        incl_cut: plan.incl_cut,
        pri_cut: plan.pri_cut,
        n_cut: plan.n_cut as usize,
        half_membership: HalfMembership::Error,
        ..TruthTableSpec::new(
            Outcome::parse(&if plan.negate_outcome {
                format!("~{outcome}")
            } else {
                outcome.clone()
            })
            .map_err(engine_err("outcome"))?,
            conditions.clone(),
        )
    };
    let truth_table = TruthTable::build(&sets, &spec).map_err(engine_err("truth table"))?;
    let options = MinimizeOptions {
        include_remainders: true,
        dir_exp: (!plan.dir_exp.is_empty()).then(|| plan.dir_exp.join(", ")),
        ..MinimizeOptions::default()
    };
    let minimization = minimize(&truth_table, &options).map_err(engine_err("minimization"))?;

    // Small-N statistics on the raw scores.
    let y_member = truth_table.outcome_membership().to_vec();
    let outcome_index = set_ids.len() - 1;
    let y_raw = &raw_columns[outcome_index];
    let leading: Vec<usize> = (0..cases.len()).filter(|&i| y_member[i] > 0.5).collect();
    let lagging: Vec<usize> = (0..cases.len()).filter(|&i| y_member[i] < 0.5).collect();
    let mut comparisons = Vec::new();
    if leading.is_empty() || lagging.is_empty() {
        warnings.push(format!(
            "no leading-versus-lagging comparison: {} leading and {} lagging municipalities",
            leading.len(),
            lagging.len()
        ));
    } else {
        for (k, set) in conditions.iter().enumerate() {
            let x = &raw_columns[k];
            let lead: Vec<f64> = leading.iter().map(|&i| x[i]).collect();
            let lag: Vec<f64> = lagging.iter().map(|&i| x[i]).collect();
            let stats_err = |e: kantel_stats::StatsError| StudyError::Measurement {
                set: set.clone(),
                message: format!("leading-versus-lagging comparison: {e}"),
            };
            comparisons.push(ConditionComparison {
                set: set.clone(),
                median_leading: kantel_stats::median(&lead).unwrap_or(f64::NAN),
                median_lagging: kantel_stats::median(&lag).unwrap_or(f64::NAN),
                test: kantel_stats::mann_whitney(&lead, &lag).map_err(stats_err)?,
                cliffs_delta: kantel_stats::cliffs_delta(&lead, &lag).map_err(stats_err)?,
                p_adjusted: f64::NAN,
            });
        }
        let p: Vec<f64> = comparisons.iter().map(|c| c.test.p_value).collect();
        for (c, adj) in comparisons
            .iter_mut()
            .zip(kantel_stats::adjust_p_values(&p, CORRECTION))
        {
            c.p_adjusted = adj;
        }
    }
    let mut correlations = Vec::new();
    for (k, set) in conditions.iter().enumerate() {
        let x = &raw_columns[k];
        let s = seed.wrapping_add(k as u64);
        match (
            spearman(x, y_raw, s, permutations),
            kendall(x, y_raw, s, permutations),
        ) {
            (Ok(spearman), Ok(kendall)) => correlations.push(ConditionCorrelation {
                set: set.clone(),
                spearman,
                kendall,
                spearman_p_adjusted: f64::NAN,
                kendall_p_adjusted: f64::NAN,
            }),
            (Err(e), _) | (_, Err(e)) => {
                warnings.push(format!("{set}: no rank correlation with {outcome}: {e}"))
            }
        }
    }
    let ps: Vec<f64> = correlations.iter().map(|c| c.spearman.p_value).collect();
    let pk: Vec<f64> = correlations.iter().map(|c| c.kendall.p_value).collect();
    let adj_s = kantel_stats::adjust_p_values(&ps, CORRECTION);
    let adj_k = kantel_stats::adjust_p_values(&pk, CORRECTION);
    for ((c, s), k) in correlations.iter_mut().zip(adj_s).zip(adj_k) {
        c.spearman_p_adjusted = s;
        c.kendall_p_adjusted = k;
    }

    let recovery = match (&study.study.planted_structure, study.study.simulated) {
        (Some(planted), true) => Some(recovery(planted, &minimization, &conditions)?),
        (Some(_), false) => {
            warnings.push(
                "the study names a planted_structure but is not marked simulated; recovery \
                 was not assessed"
                    .into(),
            );
            None
        }
        (None, true) => {
            warnings.push(
                "the study is simulated but names no planted_structure; recovery was not \
                 assessed"
                    .into(),
            );
            None
        }
        (None, false) => None,
    };

    Ok(StudyAnalysis {
        study: study.study.name.clone(),
        simulated: study.study.simulated,
        outcome: if plan.negate_outcome {
            format!("~{outcome}")
        } else {
            outcome.clone()
        },
        conditions,
        raw,
        sets,
        calibrations,
        dropped,
        necessity,
        necessity_search,
        truth_table,
        minimization,
        comparison: LeadLagComparison {
            leading: leading.iter().map(|&i| cases[i].clone()).collect(),
            lagging: lagging.iter().map(|&i| cases[i].clone()).collect(),
            conditions: comparisons,
        },
        correlations,
        correction: CORRECTION,
        seed,
        recovery,
        warnings,
    })
}

/// True when two expressions in R notation (binary conditions) are logically equivalent:
/// they agree on every crisp configuration of the conditions either mentions.
pub fn logically_equivalent(a: &str, b: &str) -> Result<bool, StudyError> {
    let parse = |text: &str| {
        Expression::parse(text).map_err(|e| StudyError::Invalid {
            location: format!("expression {text:?}"),
            message: e.to_string(),
        })
    };
    let (ea, eb) = (parse(a)?, parse(b)?);
    let mut conditions = ea.conditions();
    for c in eb.conditions() {
        if !conditions.contains(&c) {
            conditions.push(c);
        }
    }
    equivalent(&ea, &eb, &conditions)
}

/// Compares two expressions on all 2^k crisp configurations of `conditions`.
fn equivalent(a: &Expression, b: &Expression, conditions: &[String]) -> Result<bool, StudyError> {
    let k = conditions.len();
    if k > 20 {
        return Err(plan_error(
            "planted_structure",
            format!("{k} conditions are too many to compare by enumeration (at most 20)"),
        ));
    }
    let rows = 1usize << k;
    let columns: Vec<Vec<f64>> = (0..k)
        .map(|c| (0..rows).map(|r| ((r >> (k - 1 - c)) & 1) as f64).collect())
        .collect();
    let data = SetData::new(
        (1..=rows).map(|r| r.to_string()).collect(),
        conditions.to_vec(),
        columns,
    )
    .map_err(|e| plan_error("planted_structure", e.to_string()))?;
    let ma = a
        .membership(&data)
        .map_err(|e| plan_error("planted_structure", e.to_string()))?;
    let mb = b
        .membership(&data)
        .map_err(|e| plan_error("planted_structure", e.to_string()))?;
    Ok(ma == mb)
}

/// Compares the parsimonious solution (the intermediate one when there is no parsimonious
/// solution) with the planted structure.
fn recovery(
    planted: &str,
    minimization: &Minimization,
    conditions: &[String],
) -> Result<Recovery, StudyError> {
    let planted_expr = Expression::parse(planted).map_err(|e| StudyError::Invalid {
        location: "[study] planted_structure".into(),
        message: e.to_string(),
    })?;
    let (label, models) = match (
        &minimization.parsimonious,
        minimization.intermediate.first(),
    ) {
        (Some(p), _) => ("parsimonious".to_string(), &p.models),
        (None, Some(i)) => (format!("intermediate {}", i.from), &i.models),
        (None, None) => (
            "conservative".to_string(),
            &minimization.conservative.models,
        ),
    };
    let mut space: Vec<String> = conditions.to_vec();
    for c in planted_expr.conditions() {
        if !space.contains(&c) {
            space.push(c);
        }
    }
    let mut all_equivalent = !models.is_empty();
    let mut found_terms: Vec<Vec<(String, bool)>> = Vec::new();
    for model in models {
        let e = Expression::parse(&model.expression).map_err(|e| StudyError::Invalid {
            location: format!("{label} model {:?}", model.expression),
            message: e.to_string(),
        })?;
        all_equivalent &= equivalent(&e, &planted_expr, &space)?;
        for t in &e.terms {
            found_terms.push(literals(t));
        }
    }
    let mut terms_found = Vec::new();
    let mut terms_missing = Vec::new();
    for t in &planted_expr.terms {
        let want = literals(t);
        // Found when some term of a model contains every planted literal: the planted
        // conjunction itself or a subset of it (a more specific conjunction).
        let present = found_terms
            .iter()
            .any(|f| want.iter().all(|l| f.contains(l)));
        if present {
            terms_found.push(t.to_string());
        } else {
            terms_missing.push(t.to_string());
        }
    }
    Ok(Recovery {
        planted: planted.to_string(),
        found: models
            .iter()
            .map(|m| m.expression.clone())
            .collect::<Vec<_>>()
            .join("; "),
        solution: label,
        recovered: all_equivalent,
        terms_found,
        terms_missing,
    })
}

fn literals(t: &kantel_qca::expr::Term) -> Vec<(String, bool)> {
    t.literals
        .iter()
        .map(|l| (l.condition.clone(), l.negated))
        .collect()
}

fn plan_error(location: &str, message: String) -> StudyError {
    StudyError::Invalid {
        location: location.to_string(),
        message,
    }
}

/// Raw values of one set for every municipality of the study (study order).
struct RawColumn {
    set: String,
    /// `survey`, `register` or `rating`.
    source: &'static str,
    /// Where the values come from, for messages (`register EERSTELIJN 2024`).
    source_detail: String,
    values: Vec<Option<f64>>,
}

fn scale_column(
    id: &str,
    measurement: &Measurement,
    codes: &[&str],
) -> Result<RawColumn, StudyError> {
    if !measurement.scales.iter().any(|s| s.set == id) {
        return Err(StudyError::Measurement {
            set: id.to_string(),
            message: "is a survey scale, but the measurement has no scores for it".into(),
        });
    }
    let values = codes
        .iter()
        .map(|code| {
            measurement
                .municipalities
                .iter()
                .find(|m| m.municipality == *code)
                .and_then(|m| m.scale(id))
                .and_then(|s| s.mean)
        })
        .collect();
    Ok(RawColumn {
        set: id.to_string(),
        source: "survey",
        source_detail: "survey scale mean".into(),
        values,
    })
}

fn register_column(
    id: &str,
    indicator_name: Option<&str>,
    study_year: u16,
    register: &[RegisterValue],
    codes: &[&str],
    warnings: &mut Vec<String>,
) -> Result<RawColumn, StudyError> {
    let matches = |v: &RegisterValue| {
        let ind = v.indicator.trim();
        ind.eq_ignore_ascii_case(id)
            || indicator_name.is_some_and(|n| ind.eq_ignore_ascii_case(n.trim()))
    };
    let relevant: Vec<&RegisterValue> = register.iter().filter(|v| matches(v)).collect();
    let study_year = i32::from(study_year);
    let year = if relevant.iter().any(|v| v.year == Some(study_year)) {
        Some(study_year)
    } else {
        relevant.iter().map(|v| v.year).max().flatten()
    };
    let chosen: Vec<&RegisterValue> = relevant
        .iter()
        .copied()
        .filter(|v| v.year == year)
        .collect();
    let mut by_code: BTreeMap<&str, &RegisterValue> = BTreeMap::new();
    for v in &chosen {
        if let Some(first) = by_code.insert(v.code.as_str(), v) {
            return Err(StudyError::Measurement {
                set: id.to_string(),
                message: format!(
                    "the register has two values for {} ({}) in {}: lines {} and {}",
                    v.code,
                    v.name,
                    year.map_or("an unnamed year".to_string(), |y| y.to_string()),
                    first.line,
                    v.line
                ),
            });
        }
    }
    if let Some(y) = year
        && y != study_year
        && !relevant.is_empty()
    {
        warnings.push(format!(
            "{id}: the register has no values for the study year {study_year}; used {y}, the latest year it has"
        ));
    }
    let values = codes
        .iter()
        .map(|c| by_code.get(c).and_then(|v| v.value))
        .collect();
    let source_detail = match (relevant.is_empty(), year) {
        (true, _) => format!(
            "register indicator {:?}: not in the register data",
            indicator_name.unwrap_or(id)
        ),
        (false, Some(y)) => format!("register {y}"),
        (false, None) => "register".to_string(),
    };
    Ok(RawColumn {
        set: id.to_string(),
        source: "register",
        source_detail,
        values,
    })
}

fn rating_column(
    id: &str,
    ratings: &[(String, String, f64)],
    codes: &[&str],
) -> Result<RawColumn, StudyError> {
    let mut by_code: BTreeMap<&str, f64> = BTreeMap::new();
    for (code, set, value) in ratings.iter().filter(|(_, s, _)| s == id) {
        if !value.is_finite() {
            return Err(StudyError::Measurement {
                set: set.clone(),
                message: format!("the rating of {code} is not a number"),
            });
        }
        if by_code.insert(code.as_str(), *value).is_some() {
            return Err(StudyError::Measurement {
                set: set.clone(),
                message: format!("{code} is rated twice"),
            });
        }
    }
    Ok(RawColumn {
        set: id.to_string(),
        source: "rating",
        source_detail: "expert rating".into(),
        values: codes.iter().map(|c| by_code.get(c).copied()).collect(),
    })
}

/// Spearman's rho: exact by enumeration where kantel-stats can (n <= 9), otherwise seeded
/// Monte Carlo with `permutations` draws.
fn spearman(
    x: &[f64],
    y: &[f64],
    seed: u64,
    permutations: usize,
) -> Result<kantel_stats::Correlation, kantel_stats::StatsError> {
    if x.len() <= kantel_stats::ENUMERATION_MAX_N {
        kantel_stats::spearman(x, y, seed)
    } else {
        kantel_stats::spearman_permutation(x, y, permutations, seed)
    }
}

/// Kendall's tau-b: exact where kantel-stats can (no ties and n <= 150, or n <= 9),
/// otherwise seeded Monte Carlo with `permutations` draws.
fn kendall(
    x: &[f64],
    y: &[f64],
    seed: u64,
    permutations: usize,
) -> Result<kantel_stats::Correlation, kantel_stats::StatsError> {
    let untied = |v: &[f64]| {
        let mut s = v.to_vec();
        s.sort_by(f64::total_cmp);
        s.windows(2).all(|w| w[0] != w[1])
    };
    let exact = x.len() <= kantel_stats::ENUMERATION_MAX_N
        || (x.len() <= kantel_stats::KENDALL_EXACT_MAX_N && untied(x) && untied(y));
    if exact {
        kantel_stats::kendall_tau_b(x, y, seed)
    } else {
        kantel_stats::kendall_tau_b_permutation(x, y, permutations, seed)
    }
}
