//! Boolean core: prime implicants and minimal covers.
//!
//! This module is the exact replacement for the minimization machinery of R's QCA package
//! (`CCubes`/`QMC` for prime implicants, `solveChart` for the prime implicant chart).
//! R stops the search for prime implicants by a heuristic; here every prime implicant is
//! generated and every minimum (or, on request, every irredundant) cover is enumerated.
//!
//! # Conventions (as R)
//!
//! * A configuration is one level per condition (`0..noflevels[j]`).
//! * An [`Implicant`] stores `0` for a condition that is absent from the term and
//!   `level + 1` for a condition that the term fixes at `level` (R's `primes` matrix).
//! * Multi-value literals are single levels: R never merges `A[0] + A[1]` into one literal,
//!   so a condition disappears from a term only when *all* its levels are allowed.
//!
//! # Algorithms
//!
//! * [`DontCare::AllExcept`] (parsimonious solutions): the space is never enumerated. For an
//!   ON configuration `c`, a term consistent with `c` is `c` restricted to a set of
//!   conditions `S`; it excludes an OFF configuration `o` iff `S` contains a condition where
//!   `c` and `o` differ. The prime implicants through `c` are therefore exactly the
//!   restrictions of `c` to the *minimal hitting sets* (minimal transversals) of the
//!   hypergraph `{ diff(c, o) : o OFF }`. These are enumerated with the MMCS algorithm
//!   (Murakami & Uno 2014) on 64-bit condition masks, then merged over all ON rows.
//! * [`DontCare::Listed`] (conservative and intermediate solutions): the allowed
//!   configurations are explicit, so a multi-value Quine-McCluskey merge over them is exact
//!   and small (a term can only be as large as the allowed set).
//! * [`solve_chart`]: essential prime implicants are fixed, dominating columns (ON rows) are
//!   dropped (this keeps every cover), then a branch and bound enumerates all covers of
//!   minimum size (or all irredundant covers), with a lower bound from pairwise disjoint
//!   columns and a duplicate-free branching rule. For minimum covers each block is first
//!   reduced by row and column dominance (dominated prime implicants are mapped back at the
//!   end, so every minimum cover is still listed) and solved with Lagrangian (LP) bounds and
//!   reduced-cost fixing: see [`CoverSearch`].

mod bits;
mod chart;
mod primes;
pub mod sat;

use std::cmp::Ordering;

use kantel_i18n::msg;

use crate::QcaError;

pub use chart::{CoverSearch, solve_chart, solve_chart_with_budget, solve_chart_with_search};
pub use primes::{prime_implicants, primes_by_consensus};

/// The largest number of conditions the bitmask representation supports.
pub const MAX_CONDITIONS: usize = 64;

/// A product term over k conditions: entry j is 0 when condition j is absent from the term,
/// level+1 when the term requires level `level` of condition j (R's `primes` matrix convention).
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Implicant(pub Vec<u8>);

impl Implicant {
    /// Whether the configuration (one level per condition) lies inside this term. A
    /// configuration of a different length is never covered.
    pub fn covers(&self, config: &[u8]) -> bool {
        self.0.len() == config.len()
            && self
                .0
                .iter()
                .zip(config)
                .all(|(&t, &c)| t == 0 || u16::from(t) == u16::from(c) + 1)
    }

    /// Number of literals (conditions the term fixes).
    pub fn n_literals(&self) -> usize {
        self.0.iter().filter(|&&t| t != 0).count()
    }

    /// R's order of prime implicants (QCA's `sort_cols`): fewer literals first, then
    /// condition by condition, where a present literal comes before an absent condition and
    /// lower levels come first (`~A` before `A` before "A absent"). Sorting primes with
    /// this order before [`solve_chart`] reproduces R's numbering and model order.
    pub fn cmp_r_order(&self, other: &Self) -> Ordering {
        let key = |t: u8| if t == 0 { u16::MAX } else { u16::from(t) };
        self.n_literals().cmp(&other.n_literals()).then_with(|| {
            self.0
                .iter()
                .map(|&t| key(t))
                .cmp(other.0.iter().map(|&t| key(t)))
        })
    }
}

/// A minimization problem: which configurations must be covered and which else may be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverProblem {
    /// Levels per condition (2 for binary conditions).
    pub noflevels: Vec<u8>,
    /// Configurations (one level per condition) that must be covered.
    pub on: Vec<Vec<u8>>,
    /// What else an implicant may cover.
    pub dont_care: DontCare,
}

/// The configurations, besides the ON ones, that an implicant may cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DontCare {
    /// Only these (empty for the conservative solution; easy counterfactuals for the
    /// intermediate solution). Listed configurations that are also ON are harmless.
    Listed(Vec<Vec<u8>>),
    /// Everything except these OFF configurations (parsimonious solution: remainders are
    /// don't cares). An OFF configuration that is also ON is an error.
    AllExcept(Vec<Vec<u8>>),
}

/// Safety limits of the prime implicant search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The search fails with [`QcaError::Minimization`] rather than return more distinct
    /// prime implicants than this (an incomplete list would not be exact).
    pub max_primes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_primes: 1_000_000,
        }
    }
}

/// Options of [`solve_chart`], named as R's `minimize()` arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartOptions {
    /// R's `row.dom`: before solving, drop every prime implicant whose set of covered ON
    /// configurations is a *strict* subset of another prime implicant's set (prime
    /// implicants with equal coverage are all kept, as in R). Applied before
    /// `all_solutions` too, as R's `getSolution` and `CCubes` do.
    pub row_dominance: bool,
    /// R's `all.sol`: return every irredundant cover (no prime implicant can be dropped)
    /// instead of only the covers with the minimum number of prime implicants.
    pub all_solutions: bool,
    /// Stop after this many models; [`Models::truncated`] then says the list is incomplete.
    pub max_models: usize,
    /// Count models up to this many ([`Models::model_count`]), listing only `max_models`
    /// of them; at most `max_models` counts as `max_models`. Each block of the chart stores
    /// no more covers than the count still needs, so counting costs no memory beyond it.
    pub max_count: usize,
}

/// Search-node budget of [`solve_chart`] (seconds of work, not minutes); see
/// [`solve_chart_with_budget`].
pub const DEFAULT_MAX_NODES: u64 = 20_000_000;

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            row_dominance: false,
            all_solutions: false,
            max_models: 10_000,
            max_count: 0,
        }
    }
}

/// The solutions of a prime implicant chart.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Models {
    /// Each model: indices into `primes`, sorted. Models are ordered by size, then
    /// lexicographically by their index lists (R's order when `primes` is in R's order,
    /// see [`Implicant::cmp_r_order`]).
    pub models: Vec<Vec<usize>>,
    /// Essential prime implicants in the chart sense: each covers an ON configuration that
    /// no other (remaining, after row dominance) prime implicant covers. Sorted.
    pub essential: Vec<usize>,
    /// Prime implicants that occur in every returned model, sorted. This is what R prints
    /// and stores as `essential` (`writeSolution`): with a single model it is the whole
    /// model, which can be more than [`Models::essential`].
    pub in_all_models: Vec<usize>,
    /// The minimum number of prime implicants in a cover (also when `all_solutions`).
    pub min_size: usize,
    /// The `max_models` cap was hit: the list is incomplete (the minimum size is still
    /// exact).
    pub truncated: bool,
    /// How many models exist: exact when `count_exact`, else a proved lower bound (at
    /// least `max_count`, or `max_models` + 1).
    pub model_count: u64,
    /// Whether `model_count` is exact.
    pub count_exact: bool,
    /// Whether `min_size` is the proved minimum. When a block's search ran out of nodes
    /// (the minimizing search only), the best cover found is returned instead of an
    /// error, and `min_size` is its size.
    pub minimum_proved: bool,
    /// A proved lower bound on the minimum (equal to `min_size` when proved).
    pub lower_bound: usize,
}

/// Checks a configuration against the levels; `what` names the list and row for messages.
fn check_config(config: &[u8], noflevels: &[u8], what: &str, row: usize) -> Result<(), QcaError> {
    if config.len() != noflevels.len() {
        return Err(QcaError::Minimization(msg!(
            "qca-bool-config-length",
            what = what,
            row = row,
            values = config.len(),
            conditions = noflevels.len()
        )));
    }
    for (j, (&v, &n)) in config.iter().zip(noflevels).enumerate() {
        if v >= n {
            return Err(QcaError::Minimization(msg!(
                "qca-bool-config-level",
                what = what,
                row = row,
                condition = j,
                level = v,
                levels = n,
                max = n - 1
            )));
        }
    }
    Ok(())
}

/// Validates the whole problem: sizes, levels, ON/OFF overlap.
pub(crate) fn validate(problem: &CoverProblem) -> Result<(), QcaError> {
    let k = problem.noflevels.len();
    if k == 0 {
        return Err(QcaError::Minimization(msg!("qca-bool-no-conditions")));
    }
    if k > MAX_CONDITIONS {
        return Err(QcaError::Minimization(msg!(
            "qca-bool-too-many-conditions",
            conditions = k,
            max = MAX_CONDITIONS
        )));
    }
    for (j, &n) in problem.noflevels.iter().enumerate() {
        if n < 2 {
            return Err(QcaError::Minimization(msg!(
                "qca-bool-too-few-levels",
                condition = j,
                levels = n
            )));
        }
    }
    if problem.on.is_empty() {
        return Err(QcaError::Minimization(msg!("qca-bool-no-on")));
    }
    for (i, c) in problem.on.iter().enumerate() {
        check_config(c, &problem.noflevels, "ON", i)?;
    }
    match &problem.dont_care {
        DontCare::Listed(list) => {
            for (i, c) in list.iter().enumerate() {
                check_config(c, &problem.noflevels, "don't-care", i)?;
            }
        }
        DontCare::AllExcept(off) => {
            let on: std::collections::HashMap<&[u8], usize> = problem
                .on
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_slice(), i))
                .collect();
            for (i, c) in off.iter().enumerate() {
                check_config(c, &problem.noflevels, "OFF", i)?;
                if let Some(&r) = on.get(c.as_slice()) {
                    return Err(QcaError::Minimization(msg!(
                        "qca-bool-on-and-off",
                        configuration = format!("{c:?}"),
                        on_row = r,
                        off_row = i
                    )));
                }
            }
        }
    }
    Ok(())
}
