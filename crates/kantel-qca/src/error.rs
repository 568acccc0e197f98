//! The engine's error type.

use thiserror::Error;

/// Everything that can go wrong in the engine. Messages name the problem and its place
/// (case, column, position in an expression) so that a researcher can fix the input.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum QcaError {
    /// Inconsistent or invalid data table.
    #[error("data: {0}")]
    Data(String),
    /// A set name that is not in the data.
    #[error("unknown column {name:?} (known columns: {known})")]
    UnknownColumn {
        /// The name asked for.
        name: String,
        /// The names that exist.
        known: String,
    },
    /// Invalid analysis settings (cut-offs, conditions, options).
    #[error("{0}")]
    Settings(String),
    /// A calibration problem.
    #[error("calibration: {0}")]
    Calibration(String),
    /// An expression that cannot be parsed or evaluated.
    #[error("expression {expression:?}, position {position}: {message}")]
    Expression {
        /// The expression text.
        expression: String,
        /// 1-based character position of the problem.
        position: usize,
        /// What is wrong.
        message: String,
    },
    /// Memberships that the set-theoretic analysis cannot use.
    #[error("{0}")]
    Membership(String),
    /// Minimization failed or could not be completed within its limits.
    #[error("minimization: {0}")]
    Minimization(String),
}
