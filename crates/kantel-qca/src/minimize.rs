//! Minimization of a truth table into conservative, parsimonious and intermediate solutions,
//! as R's `minimize()`, on the exact [`crate::boolean`] core.

use std::collections::BTreeSet;

use kantel_i18n::{Msg, msg};
use serde::{Deserialize, Serialize};

use crate::QcaError;
use crate::boolean::{self, ChartOptions, CoverProblem, DontCare, Implicant, Limits};
use crate::fit;
use crate::intermediate::{self, DirectionalExpectations};
use crate::truth_table::{Edit, Out, TruthTable, TruthTableSpec, at_least, check_cut};

/// Largest number of configurations kantel enumerates to list simplifying assumptions or
/// counterfactuals; beyond it they are counted but not listed.
pub const MAX_LISTED_CONFIGURATIONS: u64 = 1 << 20;

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
    /// Budget of branch-and-bound nodes for proving the minimum number of prime implicants;
    /// running out is an error that reports the proved bounds, never an unproven answer.
    #[serde(default = "default_max_nodes")]
    pub max_nodes: u64,
}

fn default_max_nodes() -> u64 {
    DEFAULT_PROOF_NODES
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
            max_models: 10_000,
            max_nodes: DEFAULT_PROOF_NODES,
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
    pub cases: Vec<String>,
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
    /// Remainders this model assumes to be positive (simplifying assumptions), by row number;
    /// `None` when there are too many to list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub simplifying_assumptions: Option<Vec<u64>>,
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
    /// False when the cap on models was reached: then more minimal models exist.
    pub complete: bool,
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
    /// Easy counterfactuals (truth-table row numbers).
    pub easy_counterfactuals: Vec<u64>,
    /// Difficult counterfactuals (row numbers).
    pub difficult_counterfactuals: Vec<u64>,
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
    /// Conservative (complex) solution: no remainders.
    pub conservative: Solution,
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
    if options.dir_exp.is_some() && !options.include_remainders {
        return Err(QcaError::Settings(msg!("qca-min-dir-exp-needs-remainders")));
    }
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
    let conservative = ctx.solve(DontCare::Listed(conservative_dc), &mut warnings)?;

    let mut parsimonious = None;
    let mut intermediate = Vec::new();
    if options.include_remainders {
        if off.is_empty() {
            return Err(QcaError::Settings(msg!("qca-min-no-negative-rows")));
        }
        let pars = ctx.solve(DontCare::AllExcept(off.clone()), &mut warnings)?;
        if let Some(text) = &options.dir_exp {
            let de = DirectionalExpectations::parse(text, tt.conditions(), tt.noflevels())?;
            intermediate = intermediate::solve(&ctx, &conservative, &pars, &de, &mut warnings)?;
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
        conservative: conservative.into_solution(),
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
}

impl Solved {
    pub(crate) fn into_solution(self) -> Solution {
        let (primes, essential) = primes_and_essential(&self.model_indices, &self.names);
        Solution {
            models: self.models,
            primes,
            essential,
            complete: self.complete,
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
        warnings: &mut Vec<Msg>,
    ) -> Result<Solved, QcaError> {
        let problem = CoverProblem {
            noflevels: self.tt.noflevels().to_vec(),
            on: self.on.to_vec(),
            dont_care,
        };
        let mut primes = boolean::prime_implicants(&problem, &Limits::default())?;
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
        let chart = ChartOptions {
            row_dominance: self.options.row_dominance,
            all_solutions: self.options.all_solutions,
            max_models: self.options.max_models,
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
        let complete = !solved.truncated;
        if solved.truncated {
            warnings.push(msg!(
                "qca-min-max-models-reached",
                max = self.options.max_models
            ));
        }
        // Each prime's membership once: thousands of models share the same few hundred terms.
        let memberships: Vec<Vec<f64>> = primes
            .iter()
            .map(|p| self.tt.term_membership(&p.0))
            .collect();
        let mut models = Vec::with_capacity(model_indices.len());
        for idx in &model_indices {
            models.push(self.model(&primes, &memberships, idx));
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
            }
        }
        let names = primes.iter().map(|p| self.term(&p.0)).collect();
        Ok(Solved {
            primes,
            model_indices,
            models,
            names,
            complete,
        })
    }

    /// Builds a model (terms with fit and cases) from prime indices.
    pub(crate) fn model(
        &self,
        primes: &[Implicant],
        memberships: &[Vec<f64>],
        idx: &[usize],
    ) -> Model {
        let y = self.tt.outcome_membership();
        let terms_x: Vec<&[f64]> = idx.iter().map(|&i| memberships[i].as_slice()).collect();
        let fit = fit::model_fit(&terms_x, y);
        let mut terms = Vec::with_capacity(idx.len());
        for (k, &i) in idx.iter().enumerate() {
            let p = &primes[i];
            let mut rows = Vec::new();
            let mut cases = Vec::new();
            for r in self
                .tt
                .rows()
                .iter()
                .filter(|r| r.out == Out::One && p.covers(&r.values))
            {
                rows.push(r.row);
                cases.extend(r.cases.iter().map(|c| self.tt.case_names()[*c].clone()));
            }
            let tf = &fit.terms[k];
            terms.push(ModelTerm {
                term: self.term(&p.0),
                implicant: p.0.clone(),
                incl: tf.incl,
                pri: tf.pri,
                cov: tf.cov,
                cov_u: tf.cov_u,
                cases,
                rows,
            });
        }
        let expression = terms
            .iter()
            .map(|t| t.term.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        let simplifying_assumptions = self.simplifying_assumptions(primes, idx);
        Model {
            expression,
            terms,
            incl: fit.incl,
            pri: fit.pri,
            cov: fit.cov,
            simplifying_assumptions,
        }
    }

    /// Configurations covered by the model's terms that are not positive rows: the
    /// remainders (and included contradictions) it assumes positive. `None` when too many.
    pub(crate) fn simplifying_assumptions(
        &self,
        primes: &[Implicant],
        idx: &[usize],
    ) -> Option<Vec<u64>> {
        let on: BTreeSet<u64> = self.on.iter().map(|c| self.tt.row_number(c)).collect();
        let mut out = BTreeSet::new();
        for &i in idx {
            let rows = expand(&primes[i].0, self.tt.noflevels(), MAX_LISTED_CONFIGURATIONS)?;
            for c in rows {
                let n = self.tt.row_number(&c);
                if !on.contains(&n) {
                    out.insert(n);
                }
            }
            if out.len() as u64 > MAX_LISTED_CONFIGURATIONS {
                return None;
            }
        }
        Some(out.into_iter().collect())
    }
}

/// All configurations a term covers, or `None` when there are more than `limit`.
pub(crate) fn expand(implicant: &[u8], noflevels: &[u8], limit: u64) -> Option<Vec<Vec<u8>>> {
    let count: f64 = implicant
        .iter()
        .zip(noflevels)
        .map(|(v, l)| if *v == 0 { f64::from(*l) } else { 1.0 })
        .product();
    if count > limit as f64 {
        return None;
    }
    let mut out: Vec<Vec<u8>> = vec![Vec::with_capacity(implicant.len())];
    for (v, l) in implicant.iter().zip(noflevels) {
        if *v == 0 {
            let mut next = Vec::with_capacity(out.len() * usize::from(*l));
            for c in &out {
                for level in 0..*l {
                    let mut c2 = c.clone();
                    c2.push(level);
                    next.push(c2);
                }
            }
            out = next;
        } else {
            for c in &mut out {
                c.push(v - 1);
            }
        }
    }
    Some(out)
}
