//! The single error type of this crate.

use thiserror::Error;

/// Everything that can go wrong when a statistic is requested for data it is not defined on.
///
/// Positions (`index`, `row`, `item`) are 0-based, so a caller can map them back to its own
/// case or column names.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatsError {
    /// A sample that must contain data is empty.
    #[error("{what} is empty")]
    Empty {
        /// Which input (e.g. "x", "y", "rows").
        what: &'static str,
    },
    /// A value is NaN or infinite.
    #[error("{what} has a non-finite value ({value}) at index {index} (0-based)")]
    NonFinite {
        /// Which input.
        what: &'static str,
        /// 0-based position of the offending value.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// Two paired samples differ in length.
    #[error(
        "length mismatch: x has {x_len} values but y has {y_len}; paired data must have equal length"
    )]
    LengthMismatch {
        /// Length of the first sample.
        x_len: usize,
        /// Length of the second sample.
        y_len: usize,
    },
    /// Too few observations for the statistic.
    #[error("{what} needs at least {needed}, got {got}")]
    TooFew {
        /// What is being counted (e.g. "paired observations", "items").
        what: &'static str,
        /// Minimum required.
        needed: usize,
        /// Number supplied.
        got: usize,
    },
    /// All values are equal, which makes the statistic undefined (division by zero spread).
    #[error("{what} is constant (every value is {value}), so {statistic} is undefined")]
    Constant {
        /// Which input.
        what: &'static str,
        /// The single value the input takes.
        value: f64,
        /// Which statistic could not be computed.
        statistic: &'static str,
    },
    /// A respondents × items matrix has rows of different lengths.
    #[error("row {row} has {got} items, but row 0 has {expected}")]
    RaggedRow {
        /// 0-based row index.
        row: usize,
        /// Number of items in row 0.
        expected: usize,
        /// Number of items in this row.
        got: usize,
    },
    /// A cell of a respondents × items matrix is NaN or infinite.
    #[error(
        "non-finite value ({value}) at row {row}, item {item} (0-based); delete incomplete rows before computing reliability"
    )]
    NonFiniteCell {
        /// 0-based row (respondent) index.
        row: usize,
        /// 0-based item index.
        item: usize,
        /// The offending value.
        value: f64,
    },
    /// The sum score does not vary, so Cronbach's alpha divides by zero.
    #[error(
        "the total score has zero variance across all {n_respondents} respondents, so Cronbach's alpha is undefined"
    )]
    ZeroTotalVariance {
        /// Number of respondents.
        n_respondents: usize,
    },
    /// A Monte Carlo test was asked for zero permutations.
    #[error("the number of permutations must be at least 1")]
    NoPermutations,
}
