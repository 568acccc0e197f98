//! # kantel-qca: the set-theoretic engine
//!
//! Qualitative Comparative Analysis as R's QCA package (Dusa) does it, exact where R is
//! heuristic. Pure computation: no files, databases, terminals, logging or async.
//!
//! Data flows through these types:
//!
//! 1. [`SetData`]: cases × sets (raw numbers, crisp 0/1, multi-value levels or fuzzy
//!    memberships).
//! 2. [`calibrate`] turns raw columns into set memberships ([`calibrate::Calibration`]).
//! 3. [`expr::Expression`]: a sum of products in R QCA notation (`~A*B + C`, `A[2]`), parsed,
//!    printed, evaluated per case, negated, simplified.
//! 4. [`fit`]: parameters of fit (inclS, PRI, covS, covU; inclN, RoN, covN) as R's `pof`.
//! 5. [`necessity`]: single conditions and disjunctions (R's `superSubset`).
//! 6. [`truth_table::TruthTable`]: the configurations with n, incl, PRI, OUT, cases; an immutable value
//!    that records the settings and edits that made it.
//! 7. [`minimize`]: exact Boolean minimization into [`minimize::Solution`]s (conservative,
//!    parsimonious, intermediate), built on the [`boolean`] core (prime implicants and
//!    minimal covers).
//! 8. [`cases`]: case selection for follow-up (SetMethods' `smmr`: typical and deviant
//!    cases, pairs for comparison) and panel diagnostics (SetMethods' `cluster`).
//! 9. Beyond one solution: [`sweep`] (a [`sweep::Sweep`] over a grid of anchors and
//!    cut-offs with every model recorded: ranges, robust terms, rob.fit over all test
//!    solutions, rob.cases), [`esa`] (untenable remainders excluded as truth-table edits,
//!    solutions before and after), [`model_fit`] (theory evaluation), [`robustness`]
//!    (SetMethods' one-threshold ranges) and [`cna`] (coincidence analysis).

mod data;
mod error;

pub mod boolean;
pub mod calibrate;
pub mod cases;
pub mod cna;
pub mod cubes;
pub mod esa;
pub mod expr;
pub mod find_rows;
pub mod fit;
pub mod intermediate;
pub mod minimize;
pub mod model_fit;
pub mod necessity;
pub mod progress;
pub mod retention;
pub mod robustness;
pub mod sweep;
pub mod truth_table;

pub use data::{ColumnKind, SetData};
pub use error::QcaError;
