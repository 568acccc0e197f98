//! The engine's error type.

use kantel_i18n::{Lang, Msg, msg};
use thiserror::Error;

/// Everything that can go wrong in the engine. Messages name the problem and its place
/// (case, column, position in an expression) so that a researcher can fix the input.
///
/// The texts are typed messages ([`Msg`]: a catalogue key with the data as arguments), so
/// the edge renders them in the user's language: [`QcaError::msg`] gives the whole error as
/// one message, [`QcaError::render`] renders it. `Display` (and so `to_string`) is English.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum QcaError {
    /// Inconsistent or invalid data table.
    #[error("{}", self.msg())]
    Data(Msg),
    /// A set name that is not in the data.
    #[error("{}", self.msg())]
    UnknownColumn {
        /// The name asked for.
        name: String,
        /// The names that exist.
        known: String,
    },
    /// Invalid analysis settings (cut-offs, conditions, options).
    #[error("{}", self.msg())]
    Settings(Msg),
    /// A calibration problem.
    #[error("{}", self.msg())]
    Calibration(Msg),
    /// An expression that cannot be parsed or evaluated.
    #[error("{}", self.msg())]
    Expression {
        /// The expression text.
        expression: String,
        /// 1-based character position of the problem.
        position: usize,
        /// What is wrong.
        message: Msg,
    },
    /// Memberships that the set-theoretic analysis cannot use.
    #[error("{}", self.msg())]
    Membership(Msg),
    /// Minimization failed or could not be completed within its limits.
    #[error("{}", self.msg())]
    Minimization(Msg),
}

impl QcaError {
    /// The whole error as one message (with its "data:", "calibration:", … prefix and, for
    /// expressions, the expression and position), for the edge to render in the user's
    /// language.
    pub fn msg(&self) -> Msg {
        match self {
            QcaError::Data(m) => msg!("qca-error-data", detail = m.clone()),
            QcaError::UnknownColumn { name, known } => {
                msg!("qca-unknown-column", name = name, known = known)
            }
            QcaError::Settings(m) | QcaError::Membership(m) => m.clone(),
            QcaError::Calibration(m) => msg!("qca-error-calibration", detail = m.clone()),
            QcaError::Expression {
                expression,
                position,
                message,
            } => msg!(
                "qca-error-expression",
                expression = expression,
                position = *position,
                detail = message.clone()
            ),
            QcaError::Minimization(m) => msg!("qca-error-minimization", detail = m.clone()),
        }
    }

    /// The error in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        self.msg().render(lang)
    }
}

impl From<&QcaError> for Msg {
    fn from(e: &QcaError) -> Msg {
        e.msg()
    }
}

impl From<QcaError> for Msg {
    fn from(e: QcaError) -> Msg {
        e.msg()
    }
}
