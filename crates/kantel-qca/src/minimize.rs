//! Minimization of a truth table into conservative, parsimonious and intermediate solutions,
//! as R's `minimize()`, on the exact [`crate::boolean`] core.

use std::collections::{BTreeSet, HashSet};

use kantel_i18n::{Msg, msg};
use serde::{Deserialize, Serialize};

use crate::QcaError;
use crate::boolean::sat::{self, SatOptions};
use crate::boolean::{self, ChartOptions, CoverProblem, DontCare, Implicant, Limits};
use crate::cubes;
use crate::fit;
use crate::intermediate::{self, DirectionalExpectations};
use crate::progress::{NoProgress, Progress, ProgressWhat};
use crate::truth_table::{Edit, Out, TruthTable, TruthTableSpec, at_least, check_cut};

/// Largest number of configurations kantel enumerates to list simplifying assumptions or
/// counterfactuals (with `list_assumptions`, and the easy counterfactuals an intermediate
/// minimization uses as don't cares); beyond it they are counted but not listed.
pub const MAX_LISTED_CONFIGURATIONS: u64 = 1 << 20;

/// Simplifying assumptions and counterfactuals are listed row by row up to this many;
/// beyond it they are reported as terms with counts (unless `list_assumptions` asks).
pub const LISTED_ASSUMPTIONS: u64 = 1_000;

/// Options of a minimization, as R's `minimize()` arguments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MinimizeOptions {
    /// `include = "?"`: remainders may be used as don't cares (parsimonious solution).
    pub include_remainders: bool,
    /// `include = "C"`: contradictions may be used as don't cares.
    pub include_contradictions: bool,
    /// `dir.exp`: directional expectations for intermediate solutions, e.g. `DEV, STB, ~LIT*IND`.
    pub dir_exp: Option<String>,
    /// `row.dom`: drop prime implicants dominated by another before solving the chart.
    pub row_dominance: bool,
    /// `all.sol`: all irredundant models, not only those with the fewest prime implicants.
    pub all_solutions: bool,
    /// `pi.cons`: prime implicants need at least this sufficiency inclusion.
    pub pi_cons: f64,
    /// `sol.cons`: models need at least this sufficiency inclusion.
    pub sol_cons: f64,
    /// Cap on the number of models; reaching it is reported, never silent.
    pub max_models: usize,
    /// Budget of branch-and-bound nodes for proving the minimum number of prime implicants
    /// of a chart (conservative and intermediate solutions, `all.sol`, `pi.cons`); running
    /// out is an error that reports the proved bounds, never an unproven answer.
    #[serde(default = "default_max_nodes")]
    pub max_nodes: u64,
    /// Which solution types to compute; empty: as R (conservative, plus parsimonious with
    /// remainders, plus intermediate with directional expectations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub solutions: Vec<SolutionType>,
    /// Budget of the SAT search for parsimonious solutions (solver conflicts over the run);
    /// when it runs out the best models found are returned with proved bounds.
    #[serde(default = "default_max_conflicts")]
    pub max_conflicts: u64,
    /// Models counted (beyond those listed) before the count is given as a lower bound.
    #[serde(default = "default_max_count")]
    pub max_count: u64,
    /// List simplifying assumptions and counterfactuals row by row up to
    /// [`MAX_LISTED_CONFIGURATIONS`] instead of [`LISTED_ASSUMPTIONS`].
    #[serde(default)]
    pub list_assumptions: bool,
    /// How the parsimonious solution is searched (the results are the same).
    #[serde(default, skip_serializing_if = "is_default_search")]
    pub search: ParsimoniousSearch,
    /// Only the models: their terms and expressions, without fit (NaN), cases, rows or
    /// simplifying assumptions (none listed). For callers that compare models only, such as
    /// robustness sweeps over thousands of settings; ignored with `sol_cons`, which needs
    /// the fit.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub models_only: bool,
}

fn is_default_search(s: &ParsimoniousSearch) -> bool {
    *s == ParsimoniousSearch::default()
}

/// How the minimum covers of a parsimonious solution are found. Both give the same models;
/// they differ in what their cost grows with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParsimoniousSearch {
    /// The chart while the prime implicants are few (at most [`CHART_FIRST_MAX_PRIMES`];
    /// it lists thousands of models in milliseconds), else SAT. The default.
    #[default]
    Auto,
    /// SAT on term slots: grows with cases × conditions × terms, not with the number of
    /// prime implicants; slow to enumerate thousands of models (one solver call each
    /// region of covers). Falls back to the all-primes path when R's `all.sol` or
    /// `pi.cons` need every prime implicant, or when the minimum has more terms than
    /// [`sat::MAX_ENUMERATED_TERMS`].
    Sat,
    /// Every prime implicant, then the chart (R's method, exact): grows with the number of
    /// prime implicants, which can grow with the configuration space. The reference path.
    AllPrimes,
}

fn default_max_nodes() -> u64 {
    DEFAULT_PROOF_NODES
}

fn default_max_conflicts() -> u64 {
    DEFAULT_MAX_CONFLICTS
}

fn default_max_count() -> u64 {
    DEFAULT_MAX_COUNT
}

/// Default budget of the SAT search: a few seconds at most on hard tables.
pub const DEFAULT_MAX_CONFLICTS: u64 = 200_000;

/// Default number of models counted: enough to say "about how many" without listing them.
pub const DEFAULT_MAX_COUNT: u64 = 100_000;

/// Prime implicants the chart may take when a minimum has too many terms for the SAT
/// enumeration: a few seconds of chart work at most.
const FALLBACK_MAX_PRIMES: usize = 200_000;

/// Prime implicants up to which [`ParsimoniousSearch::Auto`] solves by the chart: their
/// generation stops at this many, and the chart of so many is solved in well under a second.
pub const CHART_FIRST_MAX_PRIMES: usize = 20_000;

/// Default number of models listed: what a reader can use; the count says how many more.
pub const DEFAULT_MAX_MODELS: usize = 100;

/// A solution type, as R names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolutionType {
    /// Complex solution: no remainders.
    Conservative,
    /// Remainders as don't cares.
    Parsimonious,
    /// Easy counterfactuals only (needs directional expectations).
    Intermediate,
}

impl SolutionType {
    /// Stable identifier (also the Fluent selector of messages).
    pub fn id(self) -> &'static str {
        match self {
            SolutionType::Conservative => "conservative",
            SolutionType::Parsimonious => "parsimonious",
            SolutionType::Intermediate => "intermediate",
        }
    }
}

/// Default proof budget: a chart that needs more is beyond a few seconds of work and is
/// reported (with its bounds) rather than left running for hours.
pub const DEFAULT_PROOF_NODES: u64 = 5_000;

impl Default for MinimizeOptions {
    fn default() -> Self {
        MinimizeOptions {
            include_remainders: false,
            include_contradictions: false,
            dir_exp: None,
            row_dominance: false,
            all_solutions: false,
            pi_cons: 0.0,
            sol_cons: 0.0,
            max_models: DEFAULT_MAX_MODELS,
            max_nodes: DEFAULT_PROOF_NODES,
            solutions: Vec::new(),
            max_conflicts: DEFAULT_MAX_CONFLICTS,
            max_count: DEFAULT_MAX_COUNT,
            list_assumptions: false,
            models_only: false,
            search: ParsimoniousSearch::Auto,
        }
    }
}

/// A term of a model with its parameters of fit (covU within the model).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelTerm {
    /// The term in R notation, e.g. `DEV*~IND`.
    pub term: String,
    /// The term as a row of R's primes matrix (0 = absent, level+1 per condition).
    pub implicant: Vec<u8>,
    /// Sufficiency inclusion.
    #[serde(rename = "inclS")]
    pub incl: f64,
    /// Proportional reduction in inconsistency.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Raw coverage.
    #[serde(rename = "covS")]
    pub cov: f64,
    /// Unique coverage within this model.
    #[serde(rename = "covU")]
    pub cov_u: f64,
    /// Cases in the positive truth-table rows this term covers.
    pub cases: std::sync::Arc<[String]>,
    /// The truth-table rows (numbers) of those positive configurations.
    pub rows: Vec<u64>,
}

/// One model (solution formula): a disjunction of prime implicants, with its fit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// R notation, e.g. `DEV*~IND + URB*STB`.
    pub expression: String,
    /// Its terms.
    pub terms: Vec<ModelTerm>,
    /// Sufficiency inclusion of the whole model.
    #[serde(rename = "inclS")]
    pub incl: f64,
    /// PRI of the whole model.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Coverage of the whole model.
    #[serde(rename = "covS")]
    pub cov: f64,
    /// Configurations this model's terms cover that are not positive rows: the remainders
    /// (and included contradictions) it assumes positive, its simplifying assumptions.
    pub simplifying_assumptions: Assumptions,
}

/// Configurations a solution assumes positive without a positive row for them (simplifying
/// assumptions, easy or difficult counterfactuals): counted over the terms that cover them,
/// listed row by row only when they are few.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assumptions {
    /// How many configurations (exact; at most the 9·10^15 configurations a truth table
    /// may have, so exact in JSON numbers too).
    pub count: u64,
    /// The terms that cover them, each with how many of them it covers. Terms overlap, so
    /// these counts may add up to more than `count`.
    pub terms: Vec<AssumptionTerm>,
    /// Their truth-table row numbers, sorted: listed when `count` is at most
    /// [`LISTED_ASSUMPTIONS`] (or [`MAX_LISTED_CONFIGURATIONS`] with `list_assumptions`),
    /// absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<u64>>,
}

/// A term and the number of assumed configurations it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssumptionTerm {
    /// The term in R notation.
    pub term: String,
    /// The term as a row of R's primes matrix (0 = absent, level+1 per condition).
    pub implicant: Vec<u8>,
    /// How many of the assumed configurations it covers.
    pub count: u64,
}

/// A solution type (conservative, parsimonious or one intermediate pair): its prime
/// implicants, its models and whether the list of models is complete.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Solution {
    /// The models, `M1..Mn`.
    pub models: Vec<Model>,
    /// Prime implicants that appear in at least one model.
    pub primes: Vec<String>,
    /// Prime implicants in every model (R's `essential`).
    pub essential: Vec<String>,
    /// False when not every model is listed (the cap was reached, or counting stopped).
    pub complete: bool,
    /// Whether the minimum number of terms is proved (an exhausted search, or an UNSAT
    /// answer for one term fewer). When false, the models are the best found.
    pub minimum_proved: bool,
    /// Proved lower bound on the number of terms, when the minimum is not proved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower_bound: Option<usize>,
    /// Terms of the best model found, when the minimum is not proved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper_bound: Option<usize>,
    /// Number of models: exact, or a proved lower bound when `model_count_exact` is false.
    pub model_count: u64,
    /// Whether `model_count` is exact.
    pub model_count_exact: bool,
}

/// An intermediate solution for one conservative × parsimonious pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntermediateSolution {
    /// `C1P1`, `C1P2`, ...
    pub from: String,
    /// Its models.
    pub models: Vec<Model>,
    /// Prime implicants in at least one model.
    pub primes: Vec<String>,
    /// Prime implicants in every model.
    pub essential: Vec<String>,
    /// Whether the list of models is complete.
    pub complete: bool,
    /// Easy counterfactuals: the configurations (not positive rows) that the intermediate
    /// terms R derives for this pair cover, by those terms.
    pub easy_counterfactuals: Assumptions,
    /// Difficult counterfactuals: the parsimonious model's other simplifying assumptions,
    /// by its terms.
    pub difficult_counterfactuals: Assumptions,
}

/// The result of minimizing a truth table, with its provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Minimization {
    /// Outcome in R notation (`SURV`, `~SURV`).
    pub outcome: String,
    /// Conditions, in table order.
    pub conditions: Vec<String>,
    /// Settings of the truth table that was minimized.
    pub truth_table: TruthTableSpec,
    /// Edits made to that truth table.
    pub truth_table_edits: Vec<Edit>,
    /// The minimization options.
    pub options: MinimizeOptions,
    /// Positive rows explained (row numbers): the columns of the prime implicant chart.
    pub explained_rows: Vec<u64>,
    /// Conservative (complex) solution: no remainders (when computed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conservative: Option<Solution>,
    /// Parsimonious solution: remainders as don't cares (when included).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parsimonious: Option<Solution>,
    /// Intermediate solutions (when directional expectations are given).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub intermediate: Vec<IntermediateSolution>,
    /// Warnings (from the truth table and the minimization), in English: the text of
    /// `warning_msgs`, kept for callers that print English.
    pub warnings: Vec<String>,
    /// The same warnings as typed messages, for rendering in the user's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warning_msgs: Vec<Msg>,
}

/// Prints a product term in R notation for the conditions of `tt`.
pub fn term_string(implicant: &[u8], conditions: &[String], multi_value: bool) -> String {
    let mut parts = Vec::new();
    for (ci, &v) in implicant.iter().enumerate() {
        if v == 0 {
            continue;
        }
        let level = v - 1;
        if multi_value {
            parts.push(format!("{}[{}]", conditions[ci], level));
        } else if level == 1 {
            parts.push(conditions[ci].clone());
        } else {
            parts.push(format!("~{}", conditions[ci]));
        }
    }
    if parts.is_empty() {
        "1".to_string()
    } else {
        parts.join("*")
    }
}

/// R's order of prime implicants: fewer literals first, then by the order of the conditions
/// (a term using an earlier condition first), then by level.
fn r_order(a: &Implicant, b: &Implicant) -> std::cmp::Ordering {
    let key = |i: &Implicant| -> (usize, Vec<(bool, u8)>) {
        (i.n_literals(), i.0.iter().map(|v| (*v == 0, *v)).collect())
    };
    key(a).cmp(&key(b))
}

/// Minimizes a truth table. The truth table is used as it is: it is never rebuilt.
pub fn minimize(tt: &TruthTable, options: &MinimizeOptions) -> Result<Minimization, QcaError> {
    minimize_with_progress(tt, options, &NoProgress)
}

/// Which solution types a run computes, from the options.
struct Wanted {
    conservative: bool,
    parsimonious: bool,
    intermediate: bool,
}

fn wanted(options: &MinimizeOptions) -> Result<Wanted, QcaError> {
    if options.solutions.is_empty() {
        return Ok(Wanted {
            conservative: true,
            parsimonious: options.include_remainders,
            intermediate: options.dir_exp.is_some(),
        });
    }
    let asked = |t| options.solutions.contains(&t);
    let intermediate = asked(SolutionType::Intermediate);
    if intermediate && options.dir_exp.is_none() {
        return Err(QcaError::Settings(msg!(
            "qca-min-intermediate-needs-dir-exp"
        )));
    }
    Ok(Wanted {
        // The intermediate solution is derived from both others.
        conservative: asked(SolutionType::Conservative) || intermediate,
        parsimonious: asked(SolutionType::Parsimonious) || intermediate,
        intermediate,
    })
}

/// [`minimize`], reporting the progress of its searches.
pub fn minimize_with_progress(
    tt: &TruthTable,
    options: &MinimizeOptions,
    progress: &dyn Progress,
) -> Result<Minimization, QcaError> {
    let want = wanted(options)?;
    let mut options = options.clone();
    if want.parsimonious {
        // Asking for the parsimonious solution is asking for remainders as don't cares.
        options.include_remainders = true;
    }
    if options.dir_exp.is_some() && !options.include_remainders {
        return Err(QcaError::Settings(msg!("qca-min-dir-exp-needs-remainders")));
    }
    let options = &options;
    check_cut("pi.cons", options.pi_cons)?;
    check_cut("sol.cons", options.sol_cons)?;
    if options.max_models == 0 {
        return Err(QcaError::Settings(msg!("qca-min-max-models-zero")));
    }
    let on_rows: Vec<&crate::truth_table::TruthTableRow> =
        tt.rows().iter().filter(|r| r.out == Out::One).collect();
    if on_rows.is_empty() {
        return Err(QcaError::Settings(msg!(
            "qca-min-nothing-to-explain",
            outcome = tt.spec().outcome.to_string(),
            incl_cut = tt.spec().incl_cut,
            pri_cut = tt.spec().pri_cut,
            n_cut = tt.spec().n_cut
        )));
    }
    let on: Vec<Vec<u8>> = on_rows.iter().map(|r| r.values.clone()).collect();
    let contradictions = tt.configurations(Out::Contradiction);
    let mut off: Vec<Vec<u8>> = tt.configurations(Out::Zero);
    if !options.include_contradictions {
        off.extend(contradictions.iter().cloned());
    }
    let mut warnings: Vec<Msg> = tt.warning_msgs().to_vec();

    let conservative_dc = if options.include_contradictions {
        contradictions.clone()
    } else {
        Vec::new()
    };
    let ctx = Context {
        tt,
        on: &on,
        options,
    };
    let conservative = if want.conservative {
        Some(ctx.solve(
            DontCare::Listed(conservative_dc),
            SolutionType::Conservative,
            &mut warnings,
        )?)
    } else {
        None
    };

    let mut parsimonious = None;
    let mut intermediate = Vec::new();
    if want.parsimonious {
        if off.is_empty() {
            return Err(QcaError::Settings(msg!("qca-min-no-negative-rows")));
        }
        let pars = ctx.solve_parsimonious(&off, &mut warnings, progress)?;
        if want.intermediate
            && let (Some(text), Some(cons)) = (&options.dir_exp, &conservative)
        {
            let de = DirectionalExpectations::parse(text, tt.conditions(), tt.noflevels())?;
            intermediate = intermediate::solve(&ctx, cons, &pars, &de, &mut warnings)?;
        }
        parsimonious = Some(pars.into_solution());
    }

    Ok(Minimization {
        outcome: tt.spec().outcome.to_string(),
        conditions: tt.conditions().to_vec(),
        truth_table: tt.spec().clone(),
        truth_table_edits: tt.edits().to_vec(),
        options: options.clone(),
        explained_rows: on_rows.iter().map(|r| r.row).collect(),
        conservative: conservative.map(Solved::into_solution),
        parsimonious,
        intermediate,
        warnings: warnings.iter().map(Msg::to_string).collect(),
        warning_msgs: warnings,
    })
}

/// What the solution steps share.
pub(crate) struct Context<'a> {
    pub(crate) tt: &'a TruthTable,
    pub(crate) on: &'a [Vec<u8>],
    pub(crate) options: &'a MinimizeOptions,
}

/// A solved chart before it is turned into the public [`Solution`].
pub(crate) struct Solved {
    /// Primes in R's order (only those covering an ON configuration, after pi.cons).
    pub(crate) primes: Vec<Implicant>,
    /// Models as sorted indices into `primes`.
    pub(crate) model_indices: Vec<Vec<usize>>,
    pub(crate) models: Vec<Model>,
    /// The primes printed in R notation.
    pub(crate) names: Vec<String>,
    pub(crate) complete: bool,
    pub(crate) status: ListStatus,
}

/// What is proved about a list of models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ListStatus {
    pub(crate) minimum_proved: bool,
    pub(crate) lower_bound: usize,
    pub(crate) upper_bound: usize,
    pub(crate) model_count: u64,
    pub(crate) model_count_exact: bool,
}

impl Solved {
    pub(crate) fn into_solution(self) -> Solution {
        let (primes, essential) = primes_and_essential(&self.model_indices, &self.names);
        let st = self.status;
        Solution {
            models: self.models,
            primes,
            essential,
            complete: self.complete,
            minimum_proved: st.minimum_proved,
            lower_bound: (!st.minimum_proved).then_some(st.lower_bound),
            upper_bound: (!st.minimum_proved).then_some(st.upper_bound),
            model_count: st.model_count,
            model_count_exact: st.model_count_exact,
        }
    }
}

pub(crate) fn primes_and_essential(
    models: &[Vec<usize>],
    names: &[String],
) -> (Vec<String>, Vec<String>) {
    let used: BTreeSet<usize> = models.iter().flatten().copied().collect();
    let in_all: Vec<String> = (0..names.len())
        .filter(|i| !models.is_empty() && models.iter().all(|m| m.contains(i)))
        .map(|i| names[i].clone())
        .collect();
    (used.into_iter().map(|i| names[i].clone()).collect(), in_all)
}

impl Context<'_> {
    pub(crate) fn term(&self, implicant: &[u8]) -> String {
        term_string(implicant, self.tt.conditions(), self.tt.is_multi_value())
    }

    /// Prime implicants over ON ∪ don't cares, the chart solved over the ON configurations.
    pub(crate) fn solve(
        &self,
        dont_care: DontCare,
        which: SolutionType,
        warnings: &mut Vec<Msg>,
    ) -> Result<Solved, QcaError> {
        self.solve_limited(dont_care, which, warnings, Limits::default().max_primes)
    }

    fn solve_limited(
        &self,
        dont_care: DontCare,
        which: SolutionType,
        warnings: &mut Vec<Msg>,
        max_primes: usize,
    ) -> Result<Solved, QcaError> {
        let problem = CoverProblem {
            noflevels: self.tt.noflevels().to_vec(),
            on: self.on.to_vec(),
            dont_care,
        };
        let primes = boolean::prime_implicants(&problem, &Limits { max_primes })?;
        self.solve_with_primes(primes, which, warnings)
    }

    /// [`Context::solve`] from the prime implicants (of the ON rows and the don't cares).
    pub(crate) fn solve_with_primes(
        &self,
        mut primes: Vec<Implicant>,
        which: SolutionType,
        warnings: &mut Vec<Msg>,
    ) -> Result<Solved, QcaError> {
        if primes.iter().any(|p| p.n_literals() == 0) {
            return Err(QcaError::Settings(msg!("qca-min-everything-explained")));
        }
        if self.options.pi_cons > 0.0 {
            let y = self.tt.outcome_membership();
            let before = primes.len();
            primes.retain(|p| {
                let x = self.tt.term_membership(&p.0);
                at_least(fit::sufficiency(&x, y).incl, self.options.pi_cons)
            });
            if primes.len() < before {
                warnings.push(msg!(
                    "qca-min-pi-cons-dropped",
                    pi_cons = self.options.pi_cons,
                    count = before - primes.len()
                ));
            }
        }
        primes.sort_by(r_order);
        let uncovered: Vec<String> = self
            .on
            .iter()
            .filter(|c| !primes.iter().any(|p| p.covers(c)))
            .map(|c| self.tt.row_number(c).to_string())
            .collect();
        if !uncovered.is_empty() {
            return Err(QcaError::Minimization(msg!(
                "qca-min-rows-uncovered",
                count = uncovered.len(),
                rows = uncovered.join(", "),
                pi_cons = self.options.pi_cons
            )));
        }
        // Count beyond the listing cap (up to max_count) so the reader learns how many exist.
        let chart = ChartOptions {
            row_dominance: self.options.row_dominance,
            all_solutions: self.options.all_solutions,
            max_models: self.options.max_models,
            max_count: usize::try_from(self.options.max_count).unwrap_or(usize::MAX),
        };
        let solved =
            boolean::solve_chart_with_budget(&primes, self.on, &chart, self.options.max_nodes)?;
        let mut model_indices: Vec<Vec<usize>> = solved
            .models
            .into_iter()
            .map(|mut m| {
                m.sort_unstable();
                m
            })
            .collect();
        model_indices.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        let status = ListStatus {
            minimum_proved: solved.minimum_proved,
            lower_bound: solved.lower_bound,
            upper_bound: solved.min_size,
            model_count: solved.model_count,
            model_count_exact: solved.count_exact,
        };
        if !solved.minimum_proved {
            warnings.push(msg!(
                "qca-min-chart-not-proved",
                solution = which.id(),
                lower = solved.lower_bound,
                upper = solved.min_size,
                max = self.options.max_nodes
            ));
        }
        model_indices.truncate(self.options.max_models);
        self.finish(primes, model_indices, status, which, warnings)
    }

    /// The parsimonious solution: the SAT search for minimum covers (no list of prime
    /// implicants), or the chart when R's `all.sol` or `pi.cons` need every prime implicant.
    pub(crate) fn solve_parsimonious(
        &self,
        off: &[Vec<u8>],
        warnings: &mut Vec<Msg>,
        progress: &dyn Progress,
    ) -> Result<Solved, QcaError> {
        if self.options.all_solutions
            || self.options.pi_cons > 0.0
            || self.options.search == ParsimoniousSearch::AllPrimes
        {
            return self.solve(
                DontCare::AllExcept(off.to_vec()),
                SolutionType::Parsimonious,
                warnings,
            );
        }
        let which = SolutionType::Parsimonious;
        let mut chart_tried = false;
        if self.options.search == ParsimoniousSearch::Auto {
            let mut chart_warnings = Vec::new();
            if let Ok(solved) = self.solve_limited(
                DontCare::AllExcept(off.to_vec()),
                which,
                &mut chart_warnings,
                CHART_FIRST_MAX_PRIMES,
            ) {
                warnings.extend(chart_warnings);
                return Ok(solved);
            }
            // Too many prime implicants (or an unproved chart): SAT, which does not list
            // them. The chart is not tried again for large minima.
            chart_tried = true;
        }
        let mut sat = SatOptions {
            max_models: self.options.max_models,
            max_count: self.options.max_count.max(self.options.max_models as u64),
            max_conflicts: self.options.max_conflicts,
            row_dominance: self.options.row_dominance,
            start_terms: 1,
            // Minima of more terms are left to the chart first: SAT proofs grow hard with
            // the number of slots, and enumerating their covers costs k! clauses each.
            give_up_above: (!chart_tried).then_some(sat::MAX_ENUMERATED_TERMS),
        };
        let run = |sat: &SatOptions| {
            progress.start(ProgressWhat::Minimize, None);
            let mut last = 0u64;
            let found = sat::min_covers(self.tt.noflevels(), self.on, off, sat, &mut |count| {
                progress.inc(count.saturating_sub(last).max(1));
                last = count;
            });
            progress.finish();
            found
        };
        let mut found = run(&sat)?;
        if found.models.is_empty() && found.stopped == Some(sat::Stop::TooManyTerms) {
            // More than MAX_ENUMERATED_TERMS terms: the prime implicant chart, when the
            // prime implicants are not too many.
            let mut chart_warnings = Vec::new();
            if let Ok(solved) = self.solve_limited(
                DontCare::AllExcept(off.to_vec()),
                which,
                &mut chart_warnings,
                FALLBACK_MAX_PRIMES,
            ) {
                warnings.extend(chart_warnings);
                return Ok(solved);
            }
            // Else SAT proves the minimum (one model) or bounds it, from where it stopped.
            sat.start_terms = found.lower_bound;
            sat.give_up_above = None;
            sat.max_conflicts = self.options.max_conflicts.saturating_sub(found.conflicts);
            let used = found.conflicts;
            found = run(&sat)?;
            found.conflicts += used;
        }
        if found
            .models
            .iter()
            .any(|m| m.iter().any(|p| p.n_literals() == 0))
        {
            return Err(QcaError::Settings(msg!("qca-min-everything-explained")));
        }
        match found.stopped {
            Some(sat::Stop::Conflicts) if !found.minimum_proved => warnings.push(msg!(
                "qca-min-not-proved",
                solution = which.id(),
                lower = found.lower_bound,
                upper = found.upper_bound,
                max = self.options.max_conflicts
            )),
            Some(sat::Stop::Conflicts) => warnings.push(msg!(
                "qca-min-count-stopped",
                solution = which.id(),
                count = found.model_count,
                max = self.options.max_conflicts
            )),
            Some(sat::Stop::TooManyTerms) => warnings.push(msg!(
                // The chart failed above; SAT proved the minimum and lists one model.
                "qca-min-too-many-terms",
                solution = which.id(),
                terms = found.lower_bound,
                max = sat::MAX_ENUMERATED_TERMS,
                primes = FALLBACK_MAX_PRIMES
            )),
            Some(sat::Stop::Count) | None => {}
        }
        let mut primes: Vec<Implicant> = found.models.iter().flatten().cloned().collect();
        primes.sort_by(r_order);
        primes.dedup();
        let index: std::collections::HashMap<&Implicant, usize> =
            primes.iter().enumerate().map(|(i, p)| (p, i)).collect();
        let mut model_indices: Vec<Vec<usize>> = found
            .models
            .iter()
            .map(|m| {
                let mut idx: Vec<usize> = m.iter().map(|p| index[p]).collect();
                idx.sort_unstable();
                idx
            })
            .collect();
        model_indices.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        let status = ListStatus {
            minimum_proved: found.minimum_proved,
            lower_bound: found.lower_bound,
            upper_bound: found.upper_bound,
            model_count: found.model_count,
            model_count_exact: found.count_exact,
        };
        drop(index);
        self.finish(primes, model_indices, status, which, warnings)
    }

    /// Builds the models with their fit, applies `sol.cons` and says what is not listed.
    fn finish(
        &self,
        primes: Vec<Implicant>,
        mut model_indices: Vec<Vec<usize>>,
        mut status: ListStatus,
        which: SolutionType,
        warnings: &mut Vec<Msg>,
    ) -> Result<Solved, QcaError> {
        // Each listed prime's rows, cases and membership once: thousands of models share the
        // same few hundred terms, and a model may have thousands of terms.
        let used: BTreeSet<usize> = model_indices.iter().flatten().copied().collect();
        let index = RowIndex::new(self.tt);
        let crisp = self.tt.crisp();
        let mut info: Vec<Option<PrimeCases>> = vec![None; primes.len()];
        if self.details() {
            for &i in &used {
                info[i] = Some(self.prime_cases(&primes[i], &index, crisp));
            }
        }
        let mut models = Vec::with_capacity(model_indices.len());
        for idx in &model_indices {
            models.push(self.model(&primes, &info, idx)?);
        }
        if self.options.sol_cons > 0.0 {
            let before = models.len();
            let keep: Vec<bool> = models
                .iter()
                .map(|m| at_least(m.incl, self.options.sol_cons))
                .collect();
            let mut k = keep.iter();
            model_indices.retain(|_| *k.next().unwrap_or(&false));
            let mut k = keep.iter();
            models.retain(|_| *k.next().unwrap_or(&false));
            if models.is_empty() {
                return Err(QcaError::Minimization(msg!(
                    "qca-min-sol-cons-none",
                    sol_cons = self.options.sol_cons,
                    count = before
                )));
            }
            if models.len() < before {
                warnings.push(msg!(
                    "qca-min-sol-cons-dropped",
                    sol_cons = self.options.sol_cons,
                    count = before - models.len()
                ));
                // Unlisted models were not tested against sol.cons: the count is what passed.
                if status.model_count > before as u64 {
                    status.model_count_exact = false;
                }
                status.model_count = status
                    .model_count
                    .saturating_sub((before - models.len()) as u64);
            }
        }
        let complete = status.model_count_exact && models.len() as u64 == status.model_count;
        // An unproved minimum has its own warning; its best model is no list to count.
        if !complete && status.minimum_proved {
            let key = if status.model_count_exact {
                "qca-min-models-listed"
            } else {
                "qca-min-models-at-least"
            };
            warnings.push(
                Msg::new(key)
                    .arg("solution", which.id())
                    .arg("listed", models.len())
                    .arg("count", status.model_count)
                    .arg("max", self.options.max_models)
                    .arg("max_count", self.options.max_count),
            );
        }
        let names = primes.iter().map(|p| self.term(&p.0)).collect();
        Ok(Solved {
            primes,
            model_indices,
            models,
            names,
            complete,
            status,
        })
    }

    /// A prime's positive rows, their cases and its (sparse) membership, from the index of
    /// rows by literal: O(rows / 64 x literals + its cases), not rows x conditions.
    fn prime_cases(&self, p: &Implicant, index: &RowIndex, crisp: bool) -> PrimeCases {
        let covered = index.covered(&p.0);
        let all = self.tt.rows();
        let mut rows = Vec::new();
        let mut cases = Vec::new();
        for &r in &covered {
            let r = &all[r];
            if r.out == Out::One {
                rows.push(r.row);
                cases.extend(r.cases.iter().map(|c| self.tt.case_names()[*c].clone()));
            }
        }
        PrimeCases {
            membership: self.tt.term_membership_sparse(&p.0, crisp, &covered),
            rows,
            cases: cases.into(),
        }
    }

    /// Whether models get their fit, cases and simplifying assumptions (see
    /// [`MinimizeOptions::models_only`]).
    fn details(&self) -> bool {
        !self.options.models_only || self.options.sol_cons > 0.0
    }

    /// Builds a model (terms with fit and cases) from prime indices; `info` holds every
    /// prime of `idx` ([`Context::prime_cases`]).
    pub(crate) fn model(
        &self,
        primes: &[Implicant],
        info: &[Option<PrimeCases>],
        idx: &[usize],
    ) -> Result<Model, QcaError> {
        if !self.details() {
            let terms: Vec<ModelTerm> = idx
                .iter()
                .map(|&i| ModelTerm {
                    term: self.term(&primes[i].0),
                    implicant: primes[i].0.clone(),
                    incl: f64::NAN,
                    pri: f64::NAN,
                    cov: f64::NAN,
                    cov_u: f64::NAN,
                    cases: Vec::new().into(),
                    rows: Vec::new(),
                })
                .collect();
            return Ok(Model {
                expression: terms
                    .iter()
                    .map(|t| t.term.as_str())
                    .collect::<Vec<_>>()
                    .join(" + "),
                terms,
                incl: f64::NAN,
                pri: f64::NAN,
                cov: f64::NAN,
                simplifying_assumptions: Assumptions::default(),
            });
        }
        let y = self.tt.outcome_membership();
        let prime = |i: usize| {
            info[i]
                .as_ref()
                .expect("finish computes every listed prime")
        };
        let terms_x: Vec<&[(u32, f64)]> = idx
            .iter()
            .map(|&i| prime(i).membership.as_slice())
            .collect();
        let fit = fit::model_fit_sparse(&terms_x, y);
        let mut terms = Vec::with_capacity(idx.len());
        for (k, &i) in idx.iter().enumerate() {
            let p = &primes[i];
            let tf = &fit.terms[k];
            terms.push(ModelTerm {
                term: self.term(&p.0),
                implicant: p.0.clone(),
                incl: tf.incl,
                pri: tf.pri,
                cov: tf.cov,
                cov_u: tf.cov_u,
                cases: prime(i).cases.clone(),
                rows: prime(i).rows.clone(),
            });
        }
        let expression = terms
            .iter()
            .map(|t| t.term.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        let simplifying_assumptions = self.simplifying_assumptions(primes, idx, &expression)?;
        Ok(Model {
            expression,
            terms,
            incl: fit.incl,
            pri: fit.pri,
            cov: fit.cov,
            simplifying_assumptions,
        })
    }

    /// Configurations covered by the model's terms that are not positive rows: the
    /// remainders (and included contradictions) it assumes positive. Counted from the terms
    /// and the observed rows, never by listing the space; `what` names the model in errors.
    pub(crate) fn simplifying_assumptions(
        &self,
        primes: &[Implicant],
        idx: &[usize],
        what: &str,
    ) -> Result<Assumptions, QcaError> {
        let terms: Vec<Vec<u8>> = idx.iter().map(|&i| primes[i].0.clone()).collect();
        self.assumptions(&terms, &[], what)
    }

    /// The configurations in the union of `terms`, outside the union of `minus`, that are
    /// not positive rows: counted per term and in all, listed when few (see
    /// [`Assumptions::rows`]). Cost: the cube counts plus O(terms × positive rows), never
    /// the size of the space.
    pub(crate) fn assumptions(
        &self,
        terms: &[Vec<u8>],
        minus: &[Vec<u8>],
        what: &str,
    ) -> Result<Assumptions, QcaError> {
        let nl = self.tt.noflevels();
        let mut budget = cubes::Budget::default();
        let exhausted = |e: cubes::Exhausted| assumptions_budget(what, e);
        // Positive rows outside `minus`: the configurations the counts leave out.
        let on: Vec<Vec<u8>> = self
            .on
            .iter()
            .filter(|c| !minus.iter().any(|q| cubes::covers(q, c)))
            .cloned()
            .collect();
        let mut listed = Vec::with_capacity(terms.len());
        for t in terms {
            let one = std::slice::from_ref(t);
            let n = cubes::difference_size(one, minus, nl, &mut budget).map_err(exhausted)?
                - cubes::count_covered(one, &on);
            if n == 0 {
                // A term of positive rows only assumes nothing: not listed.
                continue;
            }
            listed.push(AssumptionTerm {
                term: self.term(t),
                implicant: t.clone(),
                count: to_u64(n),
            });
        }
        // When no term assumes anything, neither does their union (a conservative model,
        // typically): the union count, the costly part, is skipped.
        if listed.is_empty() {
            return Ok(Assumptions {
                count: 0,
                terms: listed,
                rows: Some(Vec::new()),
            });
        }
        let count = cubes::difference_size(terms, minus, nl, &mut budget).map_err(exhausted)?
            - cubes::count_covered(terms, &on);
        let limit = if self.options.list_assumptions {
            MAX_LISTED_CONFIGURATIONS
        } else {
            LISTED_ASSUMPTIONS
        };
        let rows = if count <= u128::from(limit) {
            self.list(terms, minus, limit, &mut budget)
                .map_err(exhausted)?
        } else {
            None
        };
        Ok(Assumptions {
            count: to_u64(count),
            terms: listed,
            rows,
        })
    }

    /// Row numbers of the configurations in the union of `terms`, outside the union of
    /// `minus`, that are not positive rows; `None` when there are more than `limit`.
    pub(crate) fn list(
        &self,
        terms: &[Vec<u8>],
        minus: &[Vec<u8>],
        limit: u64,
        budget: &mut cubes::Budget,
    ) -> Result<Option<Vec<u64>>, cubes::Exhausted> {
        let on: HashSet<u64> = self.on.iter().map(|c| self.tt.row_number(c)).collect();
        cubes::list_difference(terms, minus, self.tt.noflevels(), &on, limit, budget)
    }
}

/// A listed prime implicant's positive rows, their cases, and its membership by nonzero
/// entries (see [`fit::SparseMembership`]).
#[derive(Clone)]
pub(crate) struct PrimeCases {
    membership: Vec<(u32, f64)>,
    rows: Vec<u64>,
    /// Shared by every model with this prime (thousands of models, thousands of terms).
    cases: std::sync::Arc<[String]>,
}

/// The truth table's rows (every observed row and excluded one, in table order) by literal:
/// per condition and level, the bitset of rows with that value. A term's rows are the AND
/// of its literals' bitsets.
struct RowIndex {
    words: usize,
    n_rows: usize,
    /// `[condition][level]` -> bitset over rows.
    by_literal: Vec<Vec<Vec<u64>>>,
}

impl RowIndex {
    fn new(tt: &TruthTable) -> Self {
        let rows = tt.rows();
        let words = rows.len().div_ceil(64);
        let mut by_literal: Vec<Vec<Vec<u64>>> = tt
            .noflevels()
            .iter()
            .map(|&n| vec![vec![0u64; words]; usize::from(n)])
            .collect();
        for (r, row) in rows.iter().enumerate() {
            for (j, &v) in row.values.iter().enumerate() {
                by_literal[j][usize::from(v)][r / 64] |= 1u64 << (r % 64);
            }
        }
        RowIndex {
            words,
            n_rows: rows.len(),
            by_literal,
        }
    }

    /// Indices of the rows the implicant covers, ascending.
    fn covered(&self, implicant: &[u8]) -> Vec<usize> {
        let mut acc = vec![u64::MAX; self.words];
        for (j, &v) in implicant.iter().enumerate() {
            if v != 0 {
                for (a, b) in acc.iter_mut().zip(&self.by_literal[j][usize::from(v - 1)]) {
                    *a &= b;
                }
            }
        }
        let mut out = Vec::new();
        for (w, &bits) in acc.iter().enumerate() {
            let mut b = bits;
            while b != 0 {
                let r = w * 64 + b.trailing_zeros() as usize;
                out.push(r);
                b &= b - 1;
            }
        }
        // The last word's padding bits stay set for the empty implicant.
        out.retain(|&r| r < self.n_rows);
        out
    }
}

/// The error for a count of assumed configurations that ran out of steps; `what` names
/// the model or the pair.
pub(crate) fn assumptions_budget(what: &str, e: cubes::Exhausted) -> QcaError {
    QcaError::Minimization(msg!(
        "qca-min-assumptions-budget",
        what = what,
        steps = e.budget
    ))
}

/// A count of configurations as a JSON-safe number: a truth table has at most 9·10^15
/// configurations, so the saturation never happens in practice.
pub(crate) fn to_u64(n: u128) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}
