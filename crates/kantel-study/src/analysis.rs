//! The analysis of a study: from measured and registered values to calibrated sets, QCA
//! (necessity, truth table, solutions) and small-N statistics, in one immutable value.
//!
//! [`StudyAnalysis`] is what the store keeps as a run and what the report renders; it holds
//! every setting that produced it. [`analyse`] returns one whenever the study file is valid:
//! every step (measurement, reliability, calibration, necessity, truth table, minimization,
//! statistics, and recovery for simulations) is a [`Step`] that either holds its result or
//! says why it failed, and steps that need a failed step are marked as skipped. Warnings,
//! failure reasons and the reasons why a municipality has no value are typed messages
//! ([`Msg`]) that the report and the command line render in the user's language.

use std::collections::{BTreeMap, BTreeSet};

use kantel_i18n::{Arg, Msg, msg};
use serde::{Deserialize, Serialize};

use kantel_qca::SetData;
use kantel_qca::calibrate::Calibration;
use kantel_qca::cases::{CaseOptions, CaseSelection, case_selection_for_minimization};
use kantel_qca::esa::{AutoNecessary, DEFAULT_AUTO_RON_CUT, EsaOptions, EsaResult, esa};
use kantel_qca::expr::Expression;
use kantel_qca::minimize::{Minimization, MinimizeOptions, Model, minimize};
use kantel_qca::necessity::{
    NecessityRow, NecessityTerm, SearchOptions, necessity_table, super_subset,
};
use kantel_qca::sweep::{Parameter, Sweep, SweepAxis, SweepSpec, SweepTerm};
use kantel_qca::truth_table::{
    CUT_TOLERANCE, HalfMembership, Out, Outcome, TruthTable, TruthTableSpec,
};
use kantel_stats::{Correction, Correlation, MannWhitney};

use crate::StudyError;
use crate::codebook::MeasureKind;
use crate::import::RegisterValue;
use crate::measure::{Measurement, ScaleReliability, calibrate_values};
use crate::study::{HalfMembershipRule, MinItems, RobustnessPlan, Study};

// ---------------------------------------------------------------------------------------------
// Steps.
// ---------------------------------------------------------------------------------------------

/// The steps of an analysis, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepName {
    /// Raw values per municipality and set: survey scale means, register values, ratings.
    Measurement,
    /// Cronbach's alpha of the analysed survey scales.
    Reliability,
    /// Raw values to set memberships.
    Calibration,
    /// Necessity of single conditions and the search for necessary combinations.
    Necessity,
    /// The truth table.
    TruthTable,
    /// Conservative, parsimonious and intermediate solutions.
    Minimization,
    /// Leading versus lagging municipalities and rank correlations.
    Statistics,
    /// For simulations: whether the planted structure was found.
    Recovery,
    /// The robustness sweep of `[analysis.robustness]`.
    Robustness,
    /// The enhanced standard analysis: untenable remainders excluded.
    Esa,
    /// Typical and deviant municipalities per term, for follow-up.
    CaseSelection,
}

impl StepName {
    /// Every step, in order.
    pub const ALL: [StepName; 11] = [
        StepName::Measurement,
        StepName::Reliability,
        StepName::Calibration,
        StepName::Necessity,
        StepName::TruthTable,
        StepName::Minimization,
        StepName::Statistics,
        StepName::Recovery,
        StepName::Robustness,
        StepName::Esa,
        StepName::CaseSelection,
    ];

    /// The id used in JSON: `measurement`, `truth_table`, ...
    pub fn id(self) -> &'static str {
        match self {
            StepName::Measurement => "measurement",
            StepName::Reliability => "reliability",
            StepName::Calibration => "calibration",
            StepName::Necessity => "necessity",
            StepName::TruthTable => "truth_table",
            StepName::Minimization => "minimization",
            StepName::Statistics => "statistics",
            StepName::Recovery => "recovery",
            StepName::Robustness => "robustness",
            StepName::Esa => "esa",
            StepName::CaseSelection => "case_selection",
        }
    }

    /// The step's name for people (`analysis-step-…`).
    pub fn label(self) -> Msg {
        Msg::new(match self {
            StepName::Measurement => "analysis-step-measurement",
            StepName::Reliability => "analysis-step-reliability",
            StepName::Calibration => "analysis-step-calibration",
            StepName::Necessity => "analysis-step-necessity",
            StepName::TruthTable => "analysis-step-truth-table",
            StepName::Minimization => "analysis-step-minimization",
            StepName::Statistics => "analysis-step-statistics",
            StepName::Recovery => "analysis-step-recovery",
            StepName::Robustness => "analysis-step-robustness",
            StepName::Esa => "analysis-step-esa",
            StepName::CaseSelection => "analysis-step-case-selection",
        })
    }
}

/// Whether a step succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// The step produced its result.
    Ok,
    /// The step ran and failed.
    Failed,
    /// The step did not run because a step it needs did not succeed.
    Skipped,
}

/// The outcome of one analysis step. In JSON: `{"status": "ok", "result": …}`,
/// `{"status": "failed", "reason": {"key": …, "args": …}}` or
/// `{"status": "skipped", "reason": …}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Step<T> {
    /// The step succeeded.
    Ok {
        /// What it produced.
        result: T,
    },
    /// The step failed.
    Failed {
        /// Why.
        reason: Msg,
    },
    /// The step did not run.
    Skipped {
        /// Which step it needed (`analysis-skipped`, naming it).
        reason: Msg,
    },
}

impl<T> Step<T> {
    /// A successful step.
    pub fn ok_with(result: T) -> Step<T> {
        Step::Ok { result }
    }

    /// A failed step.
    pub fn failed(reason: Msg) -> Step<T> {
        Step::Failed { reason }
    }

    /// A step skipped because `needed` did not succeed.
    pub fn skipped(needed: StepName) -> Step<T> {
        Step::Skipped {
            reason: msg!("analysis-skipped", step = needed.label()),
        }
    }

    /// The result, if the step succeeded.
    pub fn ok(&self) -> Option<&T> {
        match self {
            Step::Ok { result } => Some(result),
            _ => None,
        }
    }

    /// True when the step succeeded.
    pub fn is_ok(&self) -> bool {
        matches!(self, Step::Ok { .. })
    }

    /// Ok, failed or skipped.
    pub fn status(&self) -> StepStatus {
        match self {
            Step::Ok { .. } => StepStatus::Ok,
            Step::Failed { .. } => StepStatus::Failed,
            Step::Skipped { .. } => StepStatus::Skipped,
        }
    }

    /// Why the step failed or was skipped.
    pub fn reason(&self) -> Option<&Msg> {
        match self {
            Step::Ok { .. } => None,
            Step::Failed { reason } | Step::Skipped { reason } => Some(reason),
        }
    }

    /// The result, or this step's skip (named after `name`) for a step that needs it.
    fn need<U>(&self, name: StepName) -> Result<&T, Step<U>> {
        self.ok().ok_or_else(|| Step::skipped(name))
    }
}

impl<T> From<Result<T, Msg>> for Step<T> {
    fn from(r: Result<T, Msg>) -> Step<T> {
        match r {
            Ok(result) => Step::Ok { result },
            Err(reason) => Step::Failed { reason },
        }
    }
}

/// One line of [`StudyAnalysis::steps`]: a step, its status and the reason when it did not
/// succeed.
#[derive(Clone, Debug, PartialEq)]
pub struct StepReport<'a> {
    /// The step.
    pub step: StepName,
    /// Its status.
    pub status: StepStatus,
    /// Why it failed or was skipped.
    pub reason: Option<&'a Msg>,
}

// ---------------------------------------------------------------------------------------------
// Results of the steps.
// ---------------------------------------------------------------------------------------------

/// Where the raw values of a set come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A survey scale: the mean of the respondent groups' mean scale scores.
    Survey,
    /// A register indicator.
    Register,
    /// Researchers' ratings (memberships or raw ratings).
    Rating,
}

impl SourceKind {
    /// `survey`, `register` or `rating`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Survey => "survey",
            SourceKind::Register => "register",
            SourceKind::Rating => "rating",
        }
    }
}

/// Where the values of one analysed set come from: the kind of source, the source the
/// study file names, the register indicator, the files and the year that were used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSource {
    /// Set id.
    pub set: String,
    /// Survey, register or rating.
    pub kind: SourceKind,
    /// The source the study file names for the indicator (`[indicator] source`, e.g.
    /// `CBS 85097NED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The register indicator whose values were used, as the register data name it (the
    /// set id or the study file's indicator name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The files (or import labels) the values came from, when the caller said so
    /// ([`AnalysisOptions::sources`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
    /// Register: the year whose values were used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Register: why that year (the study year, or the latest year the register has).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_note: Option<Msg>,
    /// Study municipalities with a value.
    pub n_values: usize,
}

/// A study municipality without a value on an analysed set, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissingValue {
    /// Municipality code.
    pub municipality: String,
    /// Set id.
    pub set: String,
    /// Why there is no value (no answers; too few items answered; no register value for
    /// the indicator in the year; no rating).
    pub reason: Msg,
}

/// How many municipalities the study has and how many were analysed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCount {
    /// Municipalities in the study file.
    pub study: usize,
    /// Municipalities with a value on every analysed set (complete cases).
    pub analysed: usize,
    /// Municipalities in the truth table (the analysed ones, less those left out for a
    /// membership of exactly 0.5); `None` when there is no truth table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truth_table: Option<usize>,
}

/// The measurement step: raw values of every complete municipality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RawValues {
    /// Raw values (scale means, register values, ratings): cases = municipality codes, one
    /// column per set (conditions, then the outcome).
    pub raw: SetData,
}

/// The reliability step: the measurement's reliability figures of the analysed scales.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reliability {
    /// One per analysed survey scale, in analysis order.
    pub scales: Vec<ScaleReliability>,
}

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
    /// The calibration in kantel's syntax, e.g. `fuzzy:e=2.5,c=3.4537,i=4.2`.
    pub method: String,
    /// The researcher's justification from the study file.
    pub justification: String,
    /// Anchors (exclusion, crossover, inclusion) when the method has them, for plots.
    pub anchors: Vec<f64>,
    /// Warnings from calibration (anchors outside the data and the like).
    pub warnings: Vec<Msg>,
}

/// The calibration step: memberships of every analysed municipality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Calibrated {
    /// Calibrated memberships, same shape as the raw values.
    pub sets: SetData,
    /// How each set was calibrated.
    pub calibrations: Vec<SetCalibration>,
}

/// The necessity step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Necessity {
    /// Necessity of each condition and its negation.
    pub conditions: Vec<NecessityRow>,
    /// Necessary combinations found by the search (R's superSubset).
    pub search: Vec<NecessityTerm>,
}

/// A municipality with a membership of exactly 0.5 in at least one condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HalfCase {
    /// Municipality code.
    pub municipality: String,
    /// The conditions in which its membership is 0.5.
    pub conditions: Vec<String>,
}

/// The truth-table step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthTableResult {
    /// The truth table, with its settings. Its cases are the analysed municipalities, less
    /// those left out under [`HalfMembershipRule::Exclude`].
    pub table: TruthTable,
    /// The rule for memberships of exactly 0.5 that was applied.
    pub half_membership: HalfMembershipRule,
    /// Municipalities with a membership of exactly 0.5 in a condition: left out of the
    /// table (`exclude`) or in no row (`r`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub half_cases: Vec<HalfCase>,
}

/// Why there is no solution when no configuration is positive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmptySolution {
    /// The inclusion cut-off no configuration reached.
    pub incl_cut: f64,
    /// The PRI cut-off.
    pub pri_cut: f64,
    /// The minimum number of cases per configuration.
    pub n_cut: usize,
    /// The configuration with at least n.cut cases with the highest consistency: its row
    /// number, inclS and PRI (none when no row has n.cut cases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_row: Option<u64>,
    /// Its consistency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_incl: Option<f64>,
    /// Its PRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_pri: Option<f64>,
    /// The explanation: no configuration passes incl.cut; the highest inclS is … in row ….
    pub reason: Msg,
}

/// The minimization step: solutions, or an empty solution when no configuration is
/// positive (which is a finding, not a failure).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Solutions {
    /// At least one positive configuration: the minimization.
    Found {
        /// Conservative, parsimonious and intermediate solutions with fit (boxed: it is
        /// much larger than the empty solution).
        minimization: Box<Minimization>,
    },
    /// No positive configuration: nothing to minimize.
    Empty {
        /// Why, with the best configuration.
        empty: EmptySolution,
    },
}

impl Solutions {
    /// The minimization, when there was something to minimize.
    pub fn minimization(&self) -> Option<&Minimization> {
        match self {
            Solutions::Found { minimization } => Some(minimization.as_ref()),
            Solutions::Empty { .. } => None,
        }
    }

    /// The explanation of an empty solution.
    pub fn empty(&self) -> Option<&EmptySolution> {
        match self {
            Solutions::Found { .. } => None,
            Solutions::Empty { empty } => Some(empty),
        }
    }
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
    /// One comparison per condition (none when a group is empty).
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

/// The statistics step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statistics {
    /// Leading versus lagging municipalities.
    pub comparison: LeadLagComparison,
    /// Rank correlations of every condition with the outcome.
    pub correlations: Vec<ConditionCorrelation>,
}

/// Whether the analysis found the causal structure a simulation planted, and why (not).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// The planted structure in R notation, e.g. `BESTLEID*LOSLATEN + EXPERIMENT*MANDAAT`.
    pub planted: String,
    /// The models compared with it (R notation, separated by `; `); empty for an empty
    /// solution.
    pub found: String,
    /// Which solution type was compared (`parsimonious`, `intermediate C1P1`, ...).
    pub solution: String,
    /// True when every compared model is logically equivalent to the planted structure.
    pub recovered: bool,
    /// Planted terms present in a found model (exactly or inside a more specific term).
    pub terms_found: Vec<String>,
    /// Planted terms missing from every found model.
    pub terms_missing: Vec<String>,
    /// Terms of the found models that contain no planted term.
    #[serde(default)]
    pub terms_extra: Vec<String>,
    /// Municipalities in the truth table.
    #[serde(default)]
    pub cases: usize,
    /// Configurations of the conditions that hold at least one municipality.
    #[serde(default)]
    pub observed_configurations: u64,
    /// All configurations of the conditions (2^k for k binary conditions).
    #[serde(default)]
    pub configurations: u64,
    /// Why the structure was (not) found: which planted terms were found and which not,
    /// how many municipalities and observed configurations each missing term has, and the
    /// limited diversity of the data.
    #[serde(default)]
    pub explanation: Vec<Msg>,
}

impl Recovery {
    /// The verdict in one sentence: recovered, partly (k of n planted terms) or not.
    pub fn verdict(&self) -> Msg {
        let planted = self.terms_found.len() + self.terms_missing.len();
        if self.recovered {
            msg!("analysis-recovery-verdict-yes")
        } else if self.terms_found.is_empty() {
            msg!("analysis-recovery-verdict-no")
        } else {
            msg!(
                "analysis-recovery-verdict-partly",
                found = self.terms_found.len(),
                planted = planted
            )
        }
    }
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
    /// Seed of every permutation test.
    pub seed: u64,
    /// The multiple-testing correction used.
    pub correction: Correction,
    /// The rule for memberships of exactly 0.5 (`[analysis] half_membership`).
    pub half_membership: HalfMembershipRule,
    /// How many municipalities the study has and how many were analysed.
    pub cases: CaseCount,
    /// Every study municipality without a value on an analysed set, per set (analysis
    /// order: conditions, then the outcome), with the reason.
    pub missing: Vec<MissingValue>,
    /// Municipalities (codes, study order) left out of the analysis because a value is
    /// missing; [`StudyAnalysis::missing_for`] gives the reasons.
    pub dropped: Vec<String>,
    /// Where the values of each analysed set come from.
    pub sources: Vec<DataSource>,
    /// Raw values of the complete municipalities.
    pub measurement: Step<RawValues>,
    /// Reliability of the analysed survey scales.
    pub reliability: Step<Reliability>,
    /// Memberships.
    pub calibration: Step<Calibrated>,
    /// Necessary conditions.
    pub necessity: Step<Necessity>,
    /// The truth table.
    pub truth_table: Step<TruthTableResult>,
    /// Solutions (or the empty solution).
    pub minimization: Step<Solutions>,
    /// Leading versus lagging municipalities and rank correlations.
    pub statistics: Step<Statistics>,
    /// For simulated studies with a planted structure: was it recovered?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<Step<Recovery>>,
    /// The robustness sweep, when the plan declares one (`[analysis.robustness]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub robustness: Option<Step<Sweep>>,
    /// The enhanced standard analysis (absent in runs stored before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub esa: Option<Step<EsaResult>>,
    /// Case selection for follow-up (absent in runs stored before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_selection: Option<Step<CaseSelection>>,
    /// Warnings collected along the way.
    pub warnings: Vec<Msg>,
}

impl StudyAnalysis {
    /// Raw values of the analysed municipalities.
    pub fn raw(&self) -> Option<&SetData> {
        self.measurement.ok().map(|m| &m.raw)
    }

    /// Memberships of the analysed municipalities.
    pub fn sets(&self) -> Option<&SetData> {
        self.calibration.ok().map(|c| &c.sets)
    }

    /// How each set was calibrated (empty when calibration did not succeed).
    pub fn calibrations(&self) -> &[SetCalibration] {
        self.calibration
            .ok()
            .map_or(&[], |c| c.calibrations.as_slice())
    }

    /// The truth table.
    pub fn truth_table(&self) -> Option<&TruthTable> {
        self.truth_table.ok().map(|t| &t.table)
    }

    /// The minimization, when there were positive configurations to minimize.
    pub fn minimization(&self) -> Option<&Minimization> {
        self.minimization.ok().and_then(Solutions::minimization)
    }

    /// The statistics.
    pub fn statistics(&self) -> Option<&Statistics> {
        self.statistics.ok()
    }

    /// The recovery check, when it was made.
    pub fn recovery(&self) -> Option<&Recovery> {
        self.recovery.as_ref().and_then(Step::ok)
    }

    /// For a sweep and a planted structure: each planted term with the sweep's record of it
    /// (terms compared as sets of literals), `None` when no model of any setting has it.
    pub fn planted_robustness(&self, planted: &str) -> Vec<(String, Option<&SweepTerm>)> {
        let Some(sweep) = self.robustness.as_ref().and_then(Step::ok) else {
            return Vec::new();
        };
        let Ok(e) = Expression::parse(planted) else {
            return Vec::new();
        };
        let key = |t: &kantel_qca::expr::Term| -> BTreeSet<(String, bool)> {
            t.literals
                .iter()
                .map(|l| (l.condition.clone(), l.negated))
                .collect()
        };
        e.terms
            .iter()
            .map(|t| {
                let want = key(t);
                let found = sweep.terms.iter().find(|st| {
                    Expression::parse(&st.term)
                        .ok()
                        .is_some_and(|x| x.terms.len() == 1 && key(&x.terms[0]) == want)
                });
                (t.to_string(), found)
            })
            .collect()
    }

    /// Every step with its status and reason, in order (recovery only for simulations, the
    /// robustness sweep only when declared).
    pub fn steps(&self) -> Vec<StepReport<'_>> {
        fn report<T>(step: StepName, s: &Step<T>) -> StepReport<'_> {
            StepReport {
                step,
                status: s.status(),
                reason: s.reason(),
            }
        }
        let mut out = vec![
            report(StepName::Measurement, &self.measurement),
            report(StepName::Reliability, &self.reliability),
            report(StepName::Calibration, &self.calibration),
            report(StepName::Necessity, &self.necessity),
            report(StepName::TruthTable, &self.truth_table),
            report(StepName::Minimization, &self.minimization),
            report(StepName::Statistics, &self.statistics),
        ];
        if let Some(r) = &self.recovery {
            out.push(report(StepName::Recovery, r));
        }
        if let Some(r) = &self.robustness {
            out.push(report(StepName::Robustness, r));
        }
        // ESA and case selection need a solution: skipped after an empty one (a finding,
        // not a failure) or after a failed step (reported there), so only listed when run.
        if let Some(e) = self
            .esa
            .as_ref()
            .filter(|e| e.status() != StepStatus::Skipped)
        {
            out.push(report(StepName::Esa, e));
        }
        if let Some(c) = self
            .case_selection
            .as_ref()
            .filter(|c| c.status() != StepStatus::Skipped)
        {
            out.push(report(StepName::CaseSelection, c));
        }
        out
    }

    /// True when every step succeeded (an empty solution counts as success: it is a
    /// finding). The command line's `--strict` fails otherwise.
    pub fn all_steps_ok(&self) -> bool {
        self.steps().iter().all(|s| s.status == StepStatus::Ok)
    }

    /// The steps that failed (not those skipped because of them), with the reason.
    pub fn failures(&self) -> Vec<(StepName, &Msg)> {
        self.steps()
            .into_iter()
            .filter(|s| s.status == StepStatus::Failed)
            .filter_map(|s| s.reason.map(|r| (s.step, r)))
            .collect()
    }

    /// Why a municipality has no value on the analysed sets (empty when it has all).
    pub fn missing_for<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a MissingValue> {
        self.missing.iter().filter(move |m| m.municipality == code)
    }

    /// How many municipalities were analysed out of how many, in words
    /// (`analysis-cases`, or `analysis-cases-truth-table` when the truth table holds fewer).
    pub fn cases_msg(&self) -> Msg {
        match self.cases.truth_table {
            Some(t) if t < self.cases.analysed => msg!(
                "analysis-cases-truth-table",
                analysed = self.cases.analysed,
                total = self.cases.study,
                table = t
            ),
            _ => msg!(
                "analysis-cases",
                analysed = self.cases.analysed,
                total = self.cases.study
            ),
        }
    }

    /// The solution the headline names: the parsimonious solution when there is one with
    /// models, else the conservative one. (label key, models)
    pub fn headline_solution(&self) -> Option<(Msg, &[Model])> {
        let m = self.minimization()?;
        match &m.parsimonious {
            Some(p) if !p.models.is_empty() => {
                Some((Msg::new("analysis-solution-parsimonious"), &p.models))
            }
            _ => match &m.conservative {
                Some(c) if !c.models.is_empty() => {
                    Some((Msg::new("analysis-solution-conservative"), &c.models))
                }
                _ => None,
            },
        }
    }

    /// The result in one sentence: the solution with all its models (M1, M2, …) and their
    /// inclS and covS, or the empty solution, or the step that failed; and how many
    /// municipalities were analysed out of how many.
    pub fn headline(&self) -> Msg {
        let cases = self.cases_msg();
        if let Some((solution, models)) = self.headline_solution() {
            return msg!(
                "analysis-headline",
                solution = solution,
                outcome = self.outcome.as_str(),
                count = models.len(),
                models = models_text(models),
                cases = cases
            );
        }
        if let Some(empty) = self.minimization.ok().and_then(Solutions::empty) {
            return msg!(
                "analysis-headline-empty",
                outcome = self.outcome.as_str(),
                reason = empty.reason.clone(),
                cases = cases
            );
        }
        // The first step that failed (or, failing that, was skipped) before the solutions.
        let steps = self.steps();
        let needed = [
            StepName::Measurement,
            StepName::Calibration,
            StepName::TruthTable,
            StepName::Minimization,
        ];
        let blocking = steps
            .iter()
            .filter(|s| needed.contains(&s.step))
            .find(|s| s.status == StepStatus::Failed)
            .or_else(|| {
                steps
                    .iter()
                    .find(|s| s.step == StepName::Minimization && s.status != StepStatus::Ok)
            });
        match blocking.and_then(|s| s.reason.map(|r| (s.step, r))) {
            Some((step, reason)) => msg!(
                "analysis-headline-failed",
                step = step.label(),
                reason = reason.clone(),
                cases = cases
            ),
            None => msg!("analysis-headline-none", cases = cases),
        }
    }
}

/// Models as language-neutral text: `M1: A*B + C (inclS 0.850, covS 0.714); M2: …`.
pub fn models_text(models: &[Model]) -> String {
    models
        .iter()
        .enumerate()
        .map(|(i, m)| {
            format!(
                "M{}: {} (inclS {}, covS {})",
                i + 1,
                m.expression,
                kantel_i18n::format_measure(m.incl),
                kantel_i18n::format_measure(m.cov)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where register values and ratings came from, as a caller knows it: one line per
/// indicator (or rated set), year and source file. [`analyse_with`] records the files of
/// the values it used in [`DataSource::files`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueSource {
    /// The indicator as the register data name it (for ratings: the set id).
    pub indicator: String,
    /// The year of the values (none for ratings).
    pub year: Option<i32>,
    /// The file name or import label.
    pub source: String,
}

/// Settings of an analysis that are not in the study file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalysisOptions {
    /// Monte Carlo permutations of a rank correlation that cannot be tested exactly.
    pub permutations: usize,
    /// Where the register values and ratings came from (optional; recorded in
    /// [`StudyAnalysis::sources`]).
    pub sources: Vec<ValueSource>,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            permutations: PERMUTATIONS,
            sources: Vec::new(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The analysis itself.
// ---------------------------------------------------------------------------------------------

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

/// Analyses a study: raw values per municipality, reliability of the analysed scales,
/// calibration, necessity (single conditions and the search), truth table, conservative,
/// parsimonious and (with `dir_exp`) intermediate solutions, the leading-versus-lagging
/// comparison, rank correlations and, for simulated studies with a `planted_structure`,
/// whether the planted structure was recovered.
///
/// Raw values: survey scales from `measurement` (the municipal scale mean); register
/// indicators from `register`, matched by the set id or the indicator name, for the study
/// year when the register has values for it and otherwise for the latest year it has (a
/// warning says so, and [`DataSource`] records the year); rating sets from `ratings` as
/// (municipality code, set id, value). A municipality without a value on one of the
/// analysed sets is left out; [`StudyAnalysis::missing`] lists every such value with the
/// reason. Sets with a `[calibration.<SET>]` table are calibrated by it; rating sets
/// without one are used as memberships (they must lie in [0, 1]).
///
/// A membership of exactly 0.5 in a condition is handled by `[analysis] half_membership`
/// (see [`HalfMembershipRule`]).
///
/// Every step records its success or failure ([`Step`]); only a plan that cannot be
/// analysed at all (no conditions, no municipalities, a set the codebook does not have) is
/// an error. Deterministic: the same inputs and `seed` give an identical value. `seed`
/// seeds every permutation test (condition k uses `seed + k`).
pub fn analyse(
    study: &Study,
    measurement: &Measurement,
    register: &[RegisterValue],
    ratings: &[(String, String, f64)],
    seed: u64,
) -> Result<StudyAnalysis, StudyError> {
    analyse_with(
        study,
        measurement,
        register,
        ratings,
        seed,
        &AnalysisOptions::default(),
    )
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
    let options = AnalysisOptions {
        permutations,
        ..AnalysisOptions::default()
    };
    analyse_with(study, measurement, register, ratings, seed, &options)
}

/// [`analyse`] with [`AnalysisOptions`]: the number of permutations and where the register
/// values and ratings came from.
pub fn analyse_with(
    study: &Study,
    measurement: &Measurement,
    register: &[RegisterValue],
    ratings: &[(String, String, f64)],
    seed: u64,
    options: &AnalysisOptions,
) -> Result<StudyAnalysis, StudyError> {
    let permutations = options.permutations;
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
    let mut set_ids: Vec<&str> = plan.conditions.iter().map(String::as_str).collect();
    set_ids.push(&plan.outcome);
    for &id in &set_ids {
        if study.set(id).is_none() {
            return Err(plan_error(
                "[analysis]",
                format!("{id:?} is not a condition, outcome or context in the codebook"),
            ));
        }
    }
    let outcome = plan.outcome.clone();
    let conditions = plan.conditions.clone();
    let mut warnings: Vec<Msg> = Vec::new();

    // 1. Measurement: raw values per set and municipality (study order).
    let mut columns: Vec<RawColumn> = Vec::new();
    let mut measurement_failure: Option<Msg> = None;
    for &id in &set_ids {
        let set = study.set(id).map(|s| s.set);
        let column = match set.map(|s| s.measure) {
            Some(MeasureKind::Indicator) => {
                let indicator = set.and_then(|s| s.indicator.as_ref());
                register_column(
                    id,
                    indicator.map(|i| i.name.as_str()),
                    indicator.map(|i| i.source.as_str()),
                    study.study.year,
                    register,
                    &codes,
                    &options.sources,
                    &mut warnings,
                )
            }
            Some(MeasureKind::Rating) => rating_column(id, ratings, &codes, &options.sources),
            _ => scale_column(id, measurement, &codes, plan.min_items_answered),
        };
        match column {
            Ok(c) => columns.push(c),
            Err(reason) => {
                measurement_failure.get_or_insert(reason);
            }
        }
    }
    let unknown_ratings: Vec<&str> = ratings
        .iter()
        .filter(|(code, set, _)| set_ids.contains(&set.as_str()) && !codes.contains(&code.as_str()))
        .map(|(code, _, _)| code.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !unknown_ratings.is_empty() {
        warnings.push(msg!(
            "analysis-warn-unknown-ratings",
            count = unknown_ratings.len(),
            codes = unknown_ratings.join("; ")
        ));
    }
    let mut missing = Vec::new();
    for column in &columns {
        for (k, reason) in column.reasons.iter().enumerate() {
            if let Some(reason) = reason {
                missing.push(MissingValue {
                    municipality: codes[k].to_string(),
                    set: column.set.clone(),
                    reason: reason.clone(),
                });
            }
        }
    }
    let sources: Vec<DataSource> = columns.iter().map(|c| c.source.clone()).collect();
    let complete: Vec<usize> = (0..codes.len())
        .filter(|&k| columns.iter().all(|c| c.values[k].is_some()))
        .collect();
    let dropped: Vec<String> = (0..codes.len())
        .filter(|k| !complete.contains(k))
        .map(|k| codes[k].to_string())
        .collect();
    if measurement_failure.is_none()
        && let Some(c) = columns
            .iter()
            .find(|c| c.values.iter().all(Option::is_none))
    {
        let first = c.reasons.iter().flatten().next().cloned();
        measurement_failure = Some(match first {
            Some(reason) => msg!(
                "analysis-fail-set-empty",
                set = c.set.as_str(),
                reason = reason
            ),
            None => msg!("analysis-fail-set-empty-plain", set = c.set.as_str()),
        });
    }
    if measurement_failure.is_none() && complete.is_empty() {
        measurement_failure = Some(msg!("analysis-fail-no-complete-case", total = codes.len()));
    }
    let cases: Vec<String> = complete.iter().map(|&k| codes[k].to_string()).collect();
    let names: Vec<String> = set_ids.iter().map(|s| s.to_string()).collect();
    let measured: Step<RawValues> = match measurement_failure {
        Some(reason) => Step::failed(reason),
        None => {
            let raw_columns: Vec<Vec<f64>> = columns
                .iter()
                .map(|c| complete.iter().filter_map(|&k| c.values[k]).collect())
                .collect();
            SetData::new(cases.clone(), names.clone(), raw_columns)
                .map(|raw| RawValues { raw })
                .map_err(|e| engine_msg(StepName::Measurement, &e))
                .into()
        }
    };

    // 2. Reliability of the analysed survey scales (from the measurement, independent of the
    //    analysed values).
    let reliability: Step<Reliability> = set_ids
        .iter()
        .filter(|id| {
            study
                .set(id)
                .is_some_and(|s| s.set.measure == MeasureKind::Scale)
        })
        .map(|id| {
            measurement
                .scales
                .iter()
                .find(|s| s.set == *id)
                .cloned()
                .ok_or_else(|| msg!("analysis-fail-scale-not-measured", set = *id))
        })
        .collect::<Result<Vec<_>, Msg>>()
        .map(|scales| Reliability { scales })
        .into();

    // 3. Calibration.
    let calibration: Step<Calibrated> = match measured.need(StepName::Measurement) {
        Err(skip) => skip,
        Ok(raw) => calibrate(study, &raw.raw, &mut warnings).into(),
    };
    let n_analysed = measured.ok().map_or(0, |r| r.raw.n_cases());

    // 4. Necessity.
    let necessity: Step<Necessity> = match calibration.need(StepName::Calibration) {
        Err(skip) => skip,
        Ok(cal) => necessity(&cal.sets, &outcome, plan.negate_outcome, &conditions).into(),
    };

    // 5. Truth table.
    let truth_table: Step<TruthTableResult> = match calibration.need(StepName::Calibration) {
        Err(skip) => skip,
        Ok(cal) => build_truth_table(study, &cal.sets, &mut warnings).into(),
    };

    // 6. Minimization (an empty solution when no configuration is positive).
    let minimization: Step<Solutions> = match truth_table.need(StepName::TruthTable) {
        Err(skip) => skip,
        Ok(tt) => solve(&tt.table, &plan.dir_exp).into(),
    };

    // 7. Statistics on the raw scores.
    let statistics: Step<Statistics> = match (
        measured.need(StepName::Measurement),
        calibration.need(StepName::Calibration),
    ) {
        (Err(skip), _) | (_, Err(skip)) => skip,
        (Ok(raw), Ok(cal)) => statistics(
            &raw.raw,
            &cal.sets,
            &conditions,
            &outcome,
            plan.negate_outcome,
            seed,
            permutations,
            &mut warnings,
        )
        .into(),
    };

    // The engine's own warnings (a cap on models reached, an exclusion of an observed row,
    // ...), except the one about memberships of 0.5, which the analysis words itself.
    let engine_warnings: &[Msg] = match (
        minimization.ok().and_then(Solutions::minimization),
        truth_table.ok(),
    ) {
        (Some(m), _) => &m.warning_msgs,
        (None, Some(tt)) => tt.table.warning_msgs(),
        (None, None) => &[],
    };
    for w in engine_warnings {
        if w.key != ENGINE_HALF_WARNING && !warnings.contains(w) {
            warnings.push(w.clone());
        }
    }

    // 8. Recovery of a planted structure.
    let recovery = match (&study.study.planted_structure, study.study.simulated) {
        (Some(planted), true) => Some(
            match (
                minimization.need(StepName::Minimization),
                truth_table.need(StepName::TruthTable),
                calibration.need(StepName::Calibration),
            ) {
                (Err(skip), _, _) | (_, Err(skip), _) | (_, _, Err(skip)) => skip,
                (Ok(solutions), Ok(tt), Ok(cal)) => {
                    recovery(planted, solutions, &tt.table, &cal.sets, &conditions).into()
                }
            },
        ),
        (Some(_), false) => {
            warnings.push(msg!("analysis-warn-planted-not-simulated"));
            None
        }
        (None, true) => {
            warnings.push(msg!("analysis-warn-simulated-without-planted"));
            None
        }
        (None, false) => None,
    };

    // 9. The robustness sweep.
    let robustness = plan.robustness.as_ref().map(|r| {
        match (
            measured.need(StepName::Measurement),
            calibration.need(StepName::Calibration),
        ) {
            (Err(skip), _) | (_, Err(skip)) => skip,
            (Ok(raw), Ok(cal)) => robustness(study, r, &raw.raw, &cal.sets).into(),
        }
    });

    // 10. The enhanced standard analysis and 11. case selection, on the solution found.
    let found: Result<&Minimization, Msg> = match minimization.ok() {
        None => Err(msg!(
            "analysis-skipped",
            step = StepName::Minimization.label()
        )),
        Some(solutions) => solutions
            .minimization()
            .ok_or_else(|| msg!("analysis-fail-no-solution")),
    };
    let esa: Step<EsaResult> = match (&found, truth_table.ok()) {
        (Err(why), _) => Step::Skipped {
            reason: why.clone(),
        },
        (_, None) => Step::skipped(StepName::TruthTable),
        (Ok(_), Some(tt)) => enhanced(study, &tt.table).into(),
    };
    let case_selection: Step<CaseSelection> = match (&found, calibration.ok()) {
        (Err(why), _) => Step::Skipped {
            reason: why.clone(),
        },
        (_, None) => Step::skipped(StepName::Calibration),
        (Ok(m), Some(cal)) => {
            case_selection_for_minimization(&cal.sets, m, &CaseOptions::default())
                .map_err(|e| engine_msg(StepName::CaseSelection, &e))
                .into()
        }
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
        seed,
        correction: CORRECTION,
        half_membership: plan.half_membership,
        cases: CaseCount {
            study: codes.len(),
            analysed: n_analysed,
            truth_table: truth_table.ok().map(|t| t.table.case_names().len()),
        },
        missing,
        dropped,
        sources,
        measurement: measured,
        reliability,
        calibration,
        necessity,
        truth_table,
        minimization,
        statistics,
        recovery,
        robustness,
        esa: Some(esa),
        case_selection: Some(case_selection),
        warnings,
    })
}

/// The enhanced standard analysis of `[analysis.esa]` (or its defaults) on the study's
/// truth table, minimized as the analysis minimizes it.
fn enhanced(study: &Study, tt: &TruthTable) -> Result<EsaResult, Msg> {
    let plan = &study.analysis;
    let e = plan.esa.clone().unwrap_or_default();
    let options = EsaOptions {
        necessary: e.necessary,
        impossible: e.impossible,
        auto_necessary: (e.auto_necessary > 0.0).then_some(AutoNecessary {
            incl_cut: e.auto_necessary,
            ron_cut: DEFAULT_AUTO_RON_CUT,
        }),
        contradictory: e.contradictory,
        minimize: MinimizeOptions {
            include_remainders: true,
            dir_exp: (!plan.dir_exp.is_empty()).then(|| plan.dir_exp.join(", ")),
            ..MinimizeOptions::default()
        },
        ..EsaOptions::default()
    };
    esa(tt, &options).map_err(|err| engine_msg(StepName::Esa, &err))
}

/// The sweep of `[analysis.robustness]`: every analysed set that has a calibration is
/// recalibrated from its raw values at each setting; the others keep their memberships.
/// A municipality at exactly 0.5 stays in the data but in no row (R's rule), whatever the
/// plan's `half_membership`: moving anchors put raw values on the crossover, and the
/// settings must keep the same municipalities to be compared. The solution compared is the
/// parsimonious one, the solution the report's recovery of a planted structure judges
/// (SetMethods would take the first intermediate solution when there are directional
/// expectations).
fn robustness(
    study: &Study,
    r: &RobustnessPlan,
    raw: &SetData,
    sets: &SetData,
) -> Result<Sweep, Msg> {
    let plan = &study.analysis;
    let err = |e: kantel_qca::QcaError| engine_msg(StepName::Robustness, &e);
    let outcome = Outcome::parse(&if plan.negate_outcome {
        format!("~{}", plan.outcome)
    } else {
        plan.outcome.clone()
    })
    .map_err(err)?;
    let mut calibrations = Vec::new();
    for id in sets.names() {
        if let (Some(spec), Some(values)) = (study.calibration.get(id), raw.column(id)) {
            let calibration = spec.to_engine().map_err(|detail| {
                msg!(
                    "analysis-fail-calibration",
                    set = id.as_str(),
                    detail = detail
                )
            })?;
            calibrations.push(kantel_qca::sweep::SetCalibration {
                set: id.clone(),
                raw: values.to_vec(),
                calibration,
            });
        }
    }
    let mut axes = Vec::new();
    if !r.incl_cut.is_empty() {
        axes.push(SweepAxis {
            parameter: Parameter::InclCut,
            values: r.incl_cut.clone(),
        });
    }
    if !r.pri_cut.is_empty() {
        axes.push(SweepAxis {
            parameter: Parameter::PriCut,
            values: r.pri_cut.clone(),
        });
    }
    if !r.n_cut.is_empty() {
        axes.push(SweepAxis {
            parameter: Parameter::NCut,
            values: r.n_cut.iter().map(|&n| f64::from(n)).collect(),
        });
    }
    for a in &r.anchors {
        let anchor = a
            .engine_anchor()
            .ok_or_else(|| msg!("study-robustness-anchor", anchor = a.anchor.as_str()))?;
        axes.push(SweepAxis {
            parameter: Parameter::Anchor {
                set: a.set.clone(),
                anchor,
            },
            values: a.values.clone(),
        });
    }
    let spec = TruthTableSpec {
        incl_cut: plan.incl_cut,
        pri_cut: plan.pri_cut,
        n_cut: plan.n_cut as usize,
        half_membership: HalfMembership::Warn,
        ..TruthTableSpec::new(outcome, plan.conditions.clone())
    };
    let options = MinimizeOptions {
        include_remainders: true,
        ..MinimizeOptions::default()
    };
    kantel_qca::sweep::sweep(
        sets,
        &SweepSpec {
            spec,
            options,
            calibrations,
            axes,
            max_settings: r.max_settings,
            threads: None,
        },
        &kantel_qca::progress::NoProgress,
    )
    .map_err(err)
}

/// The engine's warning about memberships of exactly 0.5 (R's behaviour), which the
/// analysis replaces by its own (`analysis-warn-half-r`, naming municipalities).
pub const ENGINE_HALF_WARNING: &str = "qca-tt-half-membership-warning";

/// An engine error as the reason of a failed step: the engine's own message.
fn engine_msg(step: StepName, e: &kantel_qca::QcaError) -> Msg {
    msg!(
        "analysis-fail-engine",
        step = step.label(),
        detail = e.msg()
    )
}

/// Calibrates every raw column with the study's anchors (ratings without anchors are used
/// as memberships).
fn calibrate(study: &Study, raw: &SetData, warnings: &mut Vec<Msg>) -> Result<Calibrated, Msg> {
    let mut calibrations = Vec::new();
    let mut member_columns = Vec::new();
    for (j, id) in raw.names().iter().enumerate() {
        let values = raw.column_at(j);
        let set = study
            .set(id)
            .map(|s| s.set)
            .ok_or_else(|| msg!("analysis-fail-unknown-set", set = id.as_str()))?;
        let source = match set.measure {
            MeasureKind::Scale => SourceKind::Survey,
            MeasureKind::Indicator => SourceKind::Register,
            MeasureKind::Rating => SourceKind::Rating,
        };
        let (members, method, justification, anchors, cal_warnings) =
            match study.calibration.get(id) {
                Some(spec) => {
                    let engine = spec.to_engine().map_err(|detail| {
                        msg!(
                            "analysis-fail-calibration",
                            set = id.as_str(),
                            detail = detail
                        )
                    })?;
                    let calibrated = calibrate_values(study, id, values).map_err(|e| {
                        let detail = match e {
                            StudyError::Calibration { message, .. } => message,
                            other => other.to_string(),
                        };
                        msg!(
                            "analysis-fail-calibration",
                            set = id.as_str(),
                            detail = detail
                        )
                    })?;
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
                    let cal_warnings: Vec<Msg> = if calibrated.warning_msgs.is_empty() {
                        calibrated
                            .warnings
                            .iter()
                            .map(|w| Msg::from(w.as_str()))
                            .collect()
                    } else {
                        calibrated.warning_msgs.clone()
                    };
                    (
                        calibrated.values,
                        engine.to_string(),
                        spec.justification.clone(),
                        anchors,
                        cal_warnings,
                    )
                }
                None if set.measure == MeasureKind::Rating => {
                    if let Some(i) = values.iter().position(|v| !(0.0..=1.0).contains(v)) {
                        return Err(msg!(
                            "analysis-fail-rating-range",
                            set = id.as_str(),
                            municipality = raw.cases()[i].as_str(),
                            value = values[i]
                        ));
                    }
                    (
                        values.to_vec(),
                        "rating".to_string(),
                        "Researcher-assigned membership scores; used as they are.".to_string(),
                        Vec::new(),
                        Vec::new(),
                    )
                }
                None => {
                    return Err(msg!("analysis-fail-no-calibration", set = id.as_str()));
                }
            };
        warnings.extend(cal_warnings.iter().map(|w| {
            msg!(
                "analysis-warn-calibration",
                set = id.as_str(),
                detail = w.clone()
            )
        }));
        calibrations.push(SetCalibration {
            set: id.clone(),
            label_nl: set.label_nl.clone(),
            label_en: set.label_en.clone(),
            source: source.as_str().to_string(),
            method,
            justification,
            anchors,
            warnings: cal_warnings,
        });
        member_columns.push(members);
    }
    let sets = SetData::new(raw.cases().to_vec(), raw.names().to_vec(), member_columns)
        .map_err(|e| engine_msg(StepName::Calibration, &e))?;
    Ok(Calibrated { sets, calibrations })
}

fn necessity(
    sets: &SetData,
    outcome: &str,
    negate: bool,
    conditions: &[String],
) -> Result<Necessity, Msg> {
    let err = |e: kantel_qca::QcaError| engine_msg(StepName::Necessity, &e);
    let rows = necessity_table(sets, outcome, negate, conditions).map_err(err)?;
    let search = super_subset(
        sets,
        outcome,
        negate,
        conditions,
        &SearchOptions {
            incl_cut: NECESSITY_SEARCH_INCL_CUT,
            cov_cut: NECESSITY_SEARCH_COV_CUT,
            ..SearchOptions::default()
        },
    )
    .map_err(err)?;
    Ok(Necessity {
        conditions: rows,
        search,
    })
}

/// Municipalities with a membership of exactly 0.5 (within the engine's tolerance) in one
/// of `conditions`, in case order.
fn half_cases(sets: &SetData, conditions: &[String]) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for k in 0..sets.n_cases() {
        let on: Vec<String> = conditions
            .iter()
            .filter(|c| {
                sets.column(c)
                    .is_some_and(|col| (col[k] - 0.5).abs() < CUT_TOLERANCE)
            })
            .cloned()
            .collect();
        if !on.is_empty() {
            out.push((k, on));
        }
    }
    out
}

/// `Name (GM0000) in A, B; Name (GM0001) in C`.
fn describe_half_cases(study: &Study, sets: &SetData, half: &[(usize, Vec<String>)]) -> String {
    half.iter()
        .map(|(k, on)| {
            let code = &sets.cases()[*k];
            let name = study
                .municipality(code)
                .map_or(code.as_str(), |m| m.name.as_str());
            format!("{name} ({code}): {}", on.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn build_truth_table(
    study: &Study,
    sets: &SetData,
    warnings: &mut Vec<Msg>,
) -> Result<TruthTableResult, Msg> {
    let plan = &study.analysis;
    let err = |e: kantel_qca::QcaError| engine_msg(StepName::TruthTable, &e);
    let outcome = Outcome::parse(&if plan.negate_outcome {
        format!("~{}", plan.outcome)
    } else {
        plan.outcome.clone()
    })
    .map_err(err)?;
    let half = half_cases(sets, &plan.conditions);
    let described = describe_half_cases(study, sets, &half);
    let mut engine_rule = HalfMembership::Error;
    let mut data = sets.clone();
    if !half.is_empty() {
        match plan.half_membership {
            HalfMembershipRule::Error => {
                return Err(msg!(
                    "analysis-fail-half-membership",
                    count = half.len(),
                    cases = described
                ));
            }
            HalfMembershipRule::Exclude => {
                let keep: Vec<usize> = (0..sets.n_cases())
                    .filter(|k| !half.iter().any(|(h, _)| h == k))
                    .collect();
                if keep.is_empty() {
                    return Err(msg!(
                        "analysis-fail-half-membership-all",
                        count = half.len(),
                        cases = described
                    ));
                }
                let columns: Vec<Vec<f64>> = (0..sets.names().len())
                    .map(|j| keep.iter().map(|&k| sets.column_at(j)[k]).collect())
                    .collect();
                data = SetData::new(
                    keep.iter().map(|&k| sets.cases()[k].clone()).collect(),
                    sets.names().to_vec(),
                    columns,
                )
                .map_err(err)?;
                warnings.push(msg!(
                    "analysis-warn-half-excluded",
                    count = half.len(),
                    cases = described
                ));
            }
            HalfMembershipRule::R => {
                engine_rule = HalfMembership::Warn;
                warnings.push(msg!(
                    "analysis-warn-half-r",
                    count = half.len(),
                    cases = described
                ));
            }
        }
    }
    let spec = TruthTableSpec {
        incl_cut: plan.incl_cut,
        pri_cut: plan.pri_cut,
        n_cut: plan.n_cut as usize,
        half_membership: engine_rule,
        ..TruthTableSpec::new(outcome, plan.conditions.clone())
    };
    let table = TruthTable::build(&data, &spec).map_err(err)?;
    Ok(TruthTableResult {
        table,
        half_membership: plan.half_membership,
        half_cases: half
            .into_iter()
            .map(|(k, conditions)| HalfCase {
                municipality: sets.cases()[k].clone(),
                conditions,
            })
            .collect(),
    })
}

/// Minimizes the truth table; no positive row gives the empty solution with the best row.
fn solve(tt: &TruthTable, dir_exp: &[String]) -> Result<Solutions, Msg> {
    if !tt.rows().iter().any(|r| r.out == Out::One) {
        return Ok(Solutions::Empty {
            empty: empty_solution(tt),
        });
    }
    let options = MinimizeOptions {
        include_remainders: true,
        dir_exp: (!dir_exp.is_empty()).then(|| dir_exp.join(", ")),
        ..MinimizeOptions::default()
    };
    minimize(tt, &options)
        .map(|minimization| Solutions::Found {
            minimization: Box::new(minimization),
        })
        .map_err(|e| engine_msg(StepName::Minimization, &e))
}

fn empty_solution(tt: &TruthTable) -> EmptySolution {
    let spec = tt.spec();
    let best = tt
        .rows()
        .iter()
        .filter(|r| r.n >= spec.n_cut && r.incl.is_finite())
        .max_by(|a, b| a.incl.total_cmp(&b.incl).then(b.row.cmp(&a.row)));
    let reason = match best {
        None => msg!("analysis-empty-solution-n-cut", n_cut = spec.n_cut),
        Some(r) if r.incl >= spec.incl_cut - CUT_TOLERANCE => msg!(
            "analysis-empty-solution-pri",
            incl_cut = Arg::Number(spec.incl_cut),
            pri_cut = Arg::Number(spec.pri_cut),
            row = r.row.to_string(),
            incl = Arg::Measure(r.incl),
            pri = Arg::Measure(r.pri)
        ),
        Some(r) => msg!(
            "analysis-empty-solution",
            incl_cut = Arg::Number(spec.incl_cut),
            row = r.row.to_string(),
            incl = Arg::Measure(r.incl),
            pri = Arg::Measure(r.pri)
        ),
    };
    EmptySolution {
        incl_cut: spec.incl_cut,
        pri_cut: spec.pri_cut,
        n_cut: spec.n_cut,
        best_row: best.map(|r| r.row),
        best_incl: best.map(|r| r.incl),
        best_pri: best.map(|r| r.pri),
        reason,
    }
}

#[allow(clippy::too_many_arguments)]
fn statistics(
    raw: &SetData,
    sets: &SetData,
    conditions: &[String],
    outcome: &str,
    negate: bool,
    seed: u64,
    permutations: usize,
    warnings: &mut Vec<Msg>,
) -> Result<Statistics, Msg> {
    let n = raw.n_cases();
    let y_set = sets
        .column(outcome)
        .ok_or_else(|| msg!("analysis-fail-unknown-set", set = outcome))?;
    let y_member: Vec<f64> = y_set
        .iter()
        .map(|&y| if negate { 1.0 - y } else { y })
        .collect();
    let y_raw = raw
        .column(outcome)
        .ok_or_else(|| msg!("analysis-fail-unknown-set", set = outcome))?;
    let leading: Vec<usize> = (0..n).filter(|&i| y_member[i] > 0.5).collect();
    let lagging: Vec<usize> = (0..n).filter(|&i| y_member[i] < 0.5).collect();
    let mut comparisons = Vec::new();
    if leading.is_empty() || lagging.is_empty() {
        warnings.push(msg!(
            "analysis-warn-no-comparison",
            leading = leading.len(),
            lagging = lagging.len()
        ));
    } else {
        for set in conditions {
            let x = raw
                .column(set)
                .ok_or_else(|| msg!("analysis-fail-unknown-set", set = set.as_str()))?;
            let lead: Vec<f64> = leading.iter().map(|&i| x[i]).collect();
            let lag: Vec<f64> = lagging.iter().map(|&i| x[i]).collect();
            let stats_err = |e: kantel_stats::StatsError| {
                msg!(
                    "analysis-fail-comparison",
                    set = set.as_str(),
                    detail = e.to_string()
                )
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
        let x = raw
            .column(set)
            .ok_or_else(|| msg!("analysis-fail-unknown-set", set = set.as_str()))?;
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
            (Err(e), _) | (_, Err(e)) => warnings.push(msg!(
                "analysis-warn-no-correlation",
                set = set.as_str(),
                outcome = outcome,
                detail = e.to_string()
            )),
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
    Ok(Statistics {
        comparison: LeadLagComparison {
            leading: leading.iter().map(|&i| raw.cases()[i].clone()).collect(),
            lagging: lagging.iter().map(|&i| raw.cases()[i].clone()).collect(),
            conditions: comparisons,
        },
        correlations,
    })
}

/// True when two expressions in R notation (binary conditions) are logically equivalent:
/// they agree on every crisp configuration of the conditions either mentions.
pub fn logically_equivalent(a: &str, b: &str) -> Result<bool, StudyError> {
    let parse = |text: &str| {
        Expression::parse(text).map_err(|e| StudyError::Invalid {
            location: format!("expression {text:?}"),
            message: e.msg(),
        })
    };
    let (ea, eb) = (parse(a)?, parse(b)?);
    let mut conditions = ea.conditions();
    for c in eb.conditions() {
        if !conditions.contains(&c) {
            conditions.push(c);
        }
    }
    equivalent(&ea, &eb, &conditions).map_err(|m| StudyError::Invalid {
        location: "planted_structure".into(),
        message: m.to_string().into(),
    })
}

/// Compares two expressions on all 2^k crisp configurations of `conditions`.
fn equivalent(a: &Expression, b: &Expression, conditions: &[String]) -> Result<bool, Msg> {
    let k = conditions.len();
    if k > 20 {
        return Err(msg!("analysis-fail-recovery-too-many", conditions = k));
    }
    let rows = 1usize << k;
    let columns: Vec<Vec<f64>> = (0..k)
        .map(|c| (0..rows).map(|r| ((r >> (k - 1 - c)) & 1) as f64).collect())
        .collect();
    let err = |e: kantel_qca::QcaError| engine_msg(StepName::Recovery, &e);
    let data = SetData::new(
        (1..=rows).map(|r| r.to_string()).collect(),
        conditions.to_vec(),
        columns,
    )
    .map_err(err)?;
    Ok(a.membership(&data).map_err(err)? == b.membership(&data).map_err(err)?)
}

/// Compares the parsimonious solution (the intermediate one when there is no parsimonious
/// solution, else the conservative one) with the planted structure, and explains the result.
fn recovery(
    planted: &str,
    solutions: &Solutions,
    tt: &TruthTable,
    sets: &SetData,
    conditions: &[String],
) -> Result<Recovery, Msg> {
    let planted_expr = Expression::parse(planted)
        .map_err(|e| msg!("analysis-fail-planted", planted = planted, detail = e.msg()))?;
    let (label, models): (String, &[Model]) = match solutions.minimization() {
        None => ("none".to_string(), &[]),
        Some(m) => match (&m.parsimonious, m.intermediate.first()) {
            (Some(p), _) => ("parsimonious".to_string(), &p.models),
            (None, Some(i)) => (format!("intermediate {}", i.from), &i.models),
            (None, None) => (
                "conservative".to_string(),
                m.conservative.as_ref().map_or(&[][..], |c| &c.models),
            ),
        },
    };
    let mut space: Vec<String> = conditions.to_vec();
    for c in planted_expr.conditions() {
        if !space.contains(&c) {
            space.push(c);
        }
    }
    let mut all_equivalent = !models.is_empty();
    let mut found_terms: Vec<(String, Vec<(String, bool)>)> = Vec::new();
    for model in models {
        let e =
            Expression::parse(&model.expression).map_err(|e| engine_msg(StepName::Recovery, &e))?;
        all_equivalent &= equivalent(&e, &planted_expr, &space)?;
        for t in &e.terms {
            let text = t.to_string();
            if !found_terms.iter().any(|(s, _)| *s == text) {
                found_terms.push((text, literals(t)));
            }
        }
    }
    let planted_terms: Vec<(String, Vec<(String, bool)>)> = planted_expr
        .terms
        .iter()
        .map(|t| (t.to_string(), literals(t)))
        .collect();
    // A planted term is found when some term of a model contains every planted literal:
    // the planted conjunction itself or a more specific one.
    let contains =
        |f: &[(String, bool)], want: &[(String, bool)]| want.iter().all(|l| f.contains(l));
    let mut terms_found = Vec::new();
    let mut terms_missing = Vec::new();
    for (text, want) in &planted_terms {
        if found_terms.iter().any(|(_, f)| contains(f, want)) {
            terms_found.push(text.clone());
        } else {
            terms_missing.push(text.clone());
        }
    }
    let terms_extra: Vec<String> = found_terms
        .iter()
        .filter(|(_, f)| !planted_terms.iter().any(|(_, want)| contains(f, want)))
        .map(|(t, _)| t.clone())
        .collect();

    let n_cases = tt.case_names().len();
    let observed = tt.rows().iter().filter(|r| r.n > 0).count() as u64;
    let total = tt.n_configurations();
    let mut explanation = Vec::new();
    let solution_label = match label.split_once(' ') {
        Some(("intermediate", from)) => msg!("analysis-solution-intermediate", from = from),
        _ => Msg::new(format!("analysis-solution-{label}")),
    };
    if models.is_empty() {
        let reason = solutions.empty().map_or_else(
            || msg!("analysis-headline-none-plain"),
            |e| e.reason.clone(),
        );
        explanation.push(msg!("analysis-recovery-empty", reason = reason));
    } else if all_equivalent {
        explanation.push(msg!(
            "analysis-recovery-equivalent",
            solution = solution_label
        ));
    } else {
        explanation.push(msg!(
            "analysis-recovery-not-equivalent",
            solution = solution_label,
            count = models.len()
        ));
    }
    if !terms_found.is_empty() {
        explanation.push(msg!(
            "analysis-recovery-found",
            count = terms_found.len(),
            terms = terms_found.join("; ")
        ));
    }
    for (text, want) in planted_terms
        .iter()
        .filter(|(t, _)| terms_missing.contains(t))
    {
        explanation.push(missing_term(text, want, tt, sets, conditions));
    }
    if !terms_extra.is_empty() {
        explanation.push(msg!(
            "analysis-recovery-extra",
            count = terms_extra.len(),
            terms = terms_extra.join("; ")
        ));
    }
    explanation.push(msg!(
        "analysis-recovery-diversity",
        cases = n_cases,
        observed = observed,
        total = total,
        conditions = conditions.len(),
        remainders = total.saturating_sub(observed)
    ));
    if !all_equivalent {
        explanation.push(msg!("analysis-recovery-limited-diversity"));
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
        terms_extra,
        cases: n_cases,
        observed_configurations: observed,
        configurations: total,
        explanation,
    })
}

/// Why one planted term may be missing: how many municipalities have it and how many of its
/// configurations are observed.
fn missing_term(
    text: &str,
    want: &[(String, bool)],
    tt: &TruthTable,
    sets: &SetData,
    conditions: &[String],
) -> Msg {
    let unanalysed: Vec<&str> = want
        .iter()
        .map(|(c, _)| c.as_str())
        .filter(|c| !conditions.iter().any(|a| a == c))
        .collect();
    if !unanalysed.is_empty() {
        return msg!(
            "analysis-recovery-missing-unanalysed",
            term = text,
            conditions = unanalysed.join(", ")
        );
    }
    // Municipalities in the truth table with membership above 0.5 in the term.
    let in_table: BTreeSet<&str> = tt.case_names().iter().map(String::as_str).collect();
    let with_term = sets.cases().iter().enumerate().filter(|(k, code)| {
        in_table.contains(code.as_str())
            && want.iter().all(|(c, negated)| {
                sets.column(c).is_some_and(|col| {
                    let m = if *negated { 1.0 - col[*k] } else { col[*k] };
                    m > 0.5
                })
            })
    });
    let cases = with_term.count();
    // Configurations of the term: every value of the conditions it leaves free.
    let positions: Vec<(usize, u8)> = want
        .iter()
        .filter_map(|(c, negated)| {
            tt.conditions()
                .iter()
                .position(|x| x == c)
                .map(|i| (i, u8::from(!*negated)))
        })
        .collect();
    let total: u64 = tt
        .noflevels()
        .iter()
        .enumerate()
        .filter(|(i, _)| !positions.iter().any(|(p, _)| p == i))
        .map(|(_, l)| u64::from(*l))
        .product();
    let observed = tt
        .rows()
        .iter()
        .filter(|r| r.n > 0 && positions.iter().all(|(i, v)| r.values[*i] == *v))
        .count();
    msg!(
        "analysis-recovery-missing",
        term = text,
        cases = cases,
        observed = observed,
        total = total
    )
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
        message: message.into(),
    }
}

/// Raw values of one set for every municipality of the study (study order), with the
/// reason for every missing value and where the values come from.
struct RawColumn {
    set: String,
    values: Vec<Option<f64>>,
    reasons: Vec<Option<Msg>>,
    source: DataSource,
}

impl RawColumn {
    fn new(
        set: &str,
        kind: SourceKind,
        values: Vec<Option<f64>>,
        reasons: Vec<Option<Msg>>,
    ) -> Self {
        let n_values = values.iter().filter(|v| v.is_some()).count();
        RawColumn {
            set: set.to_string(),
            values,
            reasons,
            source: DataSource {
                set: set.to_string(),
                kind,
                label: None,
                indicator: None,
                files: Vec::new(),
                year: None,
                year_note: None,
                n_values,
            },
        }
    }
}

fn min_items_text(m: MinItems) -> String {
    match m {
        MinItems::Count(c) => c.to_string(),
        MinItems::Fraction(f) => kantel_i18n::format_number(f),
    }
}

/// A set's raw values per municipality (in the order asked for), with the reason where a
/// municipality has none.
pub type ValuesWithReasons = (Vec<Option<f64>>, Vec<Option<Msg>>);

/// The means of scale `id` for the municipalities `codes`, and why a municipality has none
/// (no answers, or too few items answered for `min_items`). The study analysis and the web
/// analysis read survey sets through this one step.
pub fn scale_values(
    id: &str,
    measurement: &Measurement,
    codes: &[&str],
    min_items: MinItems,
) -> ValuesWithReasons {
    let mut values = Vec::with_capacity(codes.len());
    let mut reasons = Vec::with_capacity(codes.len());
    for code in codes {
        let score = measurement
            .municipalities
            .iter()
            .find(|m| m.municipality == *code)
            .and_then(|m| m.scale(id));
        match score {
            Some(s) if s.mean.is_some() => {
                values.push(s.mean);
                reasons.push(None);
            }
            Some(s) if s.groups.iter().any(|g| g.n + g.n_missing > 0) => {
                let respondents: usize = s.groups.iter().map(|g| g.n + g.n_missing).sum();
                values.push(None);
                reasons.push(Some(msg!(
                    "analysis-missing-few-items",
                    set = id,
                    respondents = respondents,
                    min = min_items_text(min_items)
                )));
            }
            _ => {
                values.push(None);
                reasons.push(Some(msg!("analysis-missing-no-answers", set = id)));
            }
        }
    }
    (values, reasons)
}

fn scale_column(
    id: &str,
    measurement: &Measurement,
    codes: &[&str],
    min_items: MinItems,
) -> Result<RawColumn, Msg> {
    if !measurement.scales.iter().any(|s| s.set == id) {
        return Err(msg!("analysis-fail-scale-not-measured", set = id));
    }
    let (values, reasons) = scale_values(id, measurement, codes, min_items);
    Ok(RawColumn::new(id, SourceKind::Survey, values, reasons))
}

/// Why a municipality has no value of register set `id` (`indicator` as the analysis names
/// it): the register has no such indicator (`any_values` false), no year was chosen, or the
/// municipality has no value in the chosen `year`.
pub fn register_missing(id: &str, indicator: &str, any_values: bool, year: Option<i32>) -> Msg {
    match year {
        _ if !any_values => msg!(
            "analysis-missing-register-indicator",
            set = id,
            indicator = indicator
        ),
        None => msg!(
            "analysis-missing-register-value",
            set = id,
            indicator = indicator
        ),
        Some(y) => msg!(
            "analysis-missing-register",
            set = id,
            indicator = indicator,
            year = y.to_string()
        ),
    }
}

/// A rating set's values for the municipalities `codes` from the ratings per municipality,
/// with the reason where a municipality has none.
pub fn rating_values(id: &str, by_code: &BTreeMap<&str, f64>, codes: &[&str]) -> ValuesWithReasons {
    let values: Vec<Option<f64>> = codes.iter().map(|c| by_code.get(c).copied()).collect();
    let reasons = values
        .iter()
        .map(|v| {
            v.is_none()
                .then(|| msg!("analysis-missing-rating", set = id))
        })
        .collect();
    (values, reasons)
}

#[allow(clippy::too_many_arguments)]
fn register_column(
    id: &str,
    indicator_name: Option<&str>,
    label: Option<&str>,
    study_year: u16,
    register: &[RegisterValue],
    codes: &[&str],
    sources: &[ValueSource],
    warnings: &mut Vec<Msg>,
) -> Result<RawColumn, Msg> {
    // One rule for the import summary and the analysis (`import::choose_register_year`).
    let relevant: Vec<&RegisterValue> = register
        .iter()
        .filter(|v| crate::import::indicator_matches(&v.indicator, id, indicator_name))
        .collect();
    let study_year = i32::from(study_year);
    let year = crate::import::choose_register_year(
        id,
        indicator_name,
        study_year,
        relevant.iter().map(|v| (v.indicator.clone(), v.year)),
    )
    .year;
    let chosen: Vec<&RegisterValue> = relevant
        .iter()
        .copied()
        .filter(|v| v.year == year)
        .collect();
    // The indicator as the register data name it (else as the study file does).
    let indicator = chosen
        .first()
        .map(|v| v.indicator.trim().to_string())
        .unwrap_or_else(|| indicator_name.unwrap_or(id).to_string());
    let year_text = year.map_or_else(String::new, |y| y.to_string());
    let mut by_code: BTreeMap<&str, &RegisterValue> = BTreeMap::new();
    for v in &chosen {
        if let Some(first) = by_code.insert(v.code.as_str(), v) {
            return Err(msg!(
                "analysis-fail-register-duplicate",
                set = id,
                indicator = indicator.as_str(),
                municipality = v.code.as_str(),
                name = v.name.as_str(),
                year = year_text.as_str(),
                first = first.line.to_string(),
                second = v.line.to_string()
            ));
        }
    }
    let year_note = match year {
        Some(y) if y == study_year => Some(msg!("analysis-year-study", year = y.to_string())),
        Some(y) => {
            warnings.push(msg!(
                "analysis-warn-register-year",
                set = id,
                indicator = indicator.as_str(),
                study_year = study_year.to_string(),
                year = y.to_string()
            ));
            Some(msg!(
                "analysis-year-latest",
                year = y.to_string(),
                study_year = study_year.to_string()
            ))
        }
        None => None,
    };
    let mut values = Vec::with_capacity(codes.len());
    let mut reasons = Vec::with_capacity(codes.len());
    for code in codes {
        let value = by_code.get(code).and_then(|v| v.value);
        values.push(value);
        reasons.push(
            value
                .is_none()
                .then(|| register_missing(id, &indicator, !relevant.is_empty(), year)),
        );
    }
    let mut column = RawColumn::new(id, SourceKind::Register, values, reasons);
    column.source.label = label.map(str::to_string);
    column.source.indicator = Some(indicator);
    column.source.year = year;
    column.source.year_note = year_note;
    column.source.files = sources
        .iter()
        .filter(|s| {
            crate::import::indicator_matches(&s.indicator, id, indicator_name) && s.year == year
        })
        .map(|s| s.source.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Ok(column)
}

fn rating_column(
    id: &str,
    ratings: &[(String, String, f64)],
    codes: &[&str],
    sources: &[ValueSource],
) -> Result<RawColumn, Msg> {
    let mut by_code: BTreeMap<&str, f64> = BTreeMap::new();
    for (code, set, value) in ratings.iter().filter(|(_, s, _)| s == id) {
        if !value.is_finite() {
            return Err(msg!(
                "analysis-fail-rating-not-a-number",
                set = set.as_str(),
                municipality = code.as_str()
            ));
        }
        if by_code.insert(code.as_str(), *value).is_some() {
            return Err(msg!(
                "analysis-fail-rating-twice",
                set = set.as_str(),
                municipality = code.as_str()
            ));
        }
    }
    let (values, reasons) = rating_values(id, &by_code, codes);
    let mut column = RawColumn::new(id, SourceKind::Rating, values, reasons);
    column.source.files = sources
        .iter()
        .filter(|s| s.indicator.trim().eq_ignore_ascii_case(id))
        .map(|s| s.source.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Ok(column)
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
