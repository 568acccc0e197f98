//! The single error type of this crate.

use kantel_i18n::{Arg, Lang, Msg, msg};
use thiserror::Error;

/// Everything that can go wrong when a statistic is requested for data it is not defined on.
///
/// Positions (`index`, `row`, `item`) are 0-based, so a caller can map them back to its own
/// case or column names.
///
/// [`StatsError::msg`] gives the error as a typed message (catalogue key `stats-…` with the
/// data as arguments) for the edge to render in the user's language; `Display` is English.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatsError {
    /// A sample that must contain data is empty.
    #[error("{}", self.msg())]
    Empty {
        /// Which input (e.g. "x", "y", "rows").
        what: &'static str,
    },
    /// A value is NaN or infinite.
    #[error("{}", self.msg())]
    NonFinite {
        /// Which input.
        what: &'static str,
        /// 0-based position of the offending value.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// Two paired samples differ in length.
    #[error("{}", self.msg())]
    LengthMismatch {
        /// Length of the first sample.
        x_len: usize,
        /// Length of the second sample.
        y_len: usize,
    },
    /// Too few observations for the statistic.
    #[error("{}", self.msg())]
    TooFew {
        /// What is being counted (e.g. "paired observations", "items").
        what: &'static str,
        /// Minimum required.
        needed: usize,
        /// Number supplied.
        got: usize,
    },
    /// All values are equal, which makes the statistic undefined (division by zero spread).
    #[error("{}", self.msg())]
    Constant {
        /// Which input.
        what: &'static str,
        /// The single value the input takes.
        value: f64,
        /// Which statistic could not be computed.
        statistic: &'static str,
    },
    /// A respondents × items matrix has rows of different lengths.
    #[error("{}", self.msg())]
    RaggedRow {
        /// 0-based row index.
        row: usize,
        /// Number of items in row 0.
        expected: usize,
        /// Number of items in this row.
        got: usize,
    },
    /// A cell of a respondents × items matrix is NaN or infinite.
    #[error("{}", self.msg())]
    NonFiniteCell {
        /// 0-based row (respondent) index.
        row: usize,
        /// 0-based item index.
        item: usize,
        /// The offending value.
        value: f64,
    },
    /// The sum score does not vary, so Cronbach's alpha divides by zero.
    #[error("{}", self.msg())]
    ZeroTotalVariance {
        /// Number of respondents.
        n_respondents: usize,
    },
    /// A Monte Carlo test was asked for zero permutations.
    #[error("{}", self.msg())]
    NoPermutations,
}

impl StatsError {
    /// The error as one message, for the edge to render in the user's language.
    pub fn msg(&self) -> Msg {
        match self {
            StatsError::Empty { what } => msg!("stats-empty", what = term(what)),
            StatsError::NonFinite { what, index, value } => msg!(
                "stats-non-finite",
                what = term(what),
                index = *index,
                value = *value
            ),
            StatsError::LengthMismatch { x_len, y_len } => {
                msg!("stats-length-mismatch", x_len = *x_len, y_len = *y_len)
            }
            StatsError::TooFew { what, needed, got } => msg!(
                "stats-too-few",
                what = term(what),
                needed = *needed,
                got = *got
            ),
            StatsError::Constant {
                what,
                value,
                statistic,
            } => msg!(
                "stats-constant",
                what = term(what),
                value = *value,
                statistic = term(statistic)
            ),
            StatsError::RaggedRow { row, expected, got } => msg!(
                "stats-ragged-row",
                row = *row,
                expected = *expected,
                got = *got
            ),
            StatsError::NonFiniteCell { row, item, value } => msg!(
                "stats-non-finite-cell",
                row = *row,
                item = *item,
                value = *value
            ),
            StatsError::ZeroTotalVariance { n_respondents } => {
                msg!("stats-zero-total-variance", respondents = *n_respondents)
            }
            StatsError::NoPermutations => msg!("stats-no-permutations"),
        }
    }

    /// The error in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        self.msg().render(lang)
    }
}

impl From<&StatsError> for Msg {
    fn from(e: &StatsError) -> Msg {
        e.msg()
    }
}

impl From<StatsError> for Msg {
    fn from(e: StatsError) -> Msg {
        e.msg()
    }
}

/// The words this crate puts into `what` and `statistic`, as catalogue messages; sample
/// names such as `x` and `y` stay as they are.
fn term(word: &str) -> Arg {
    let key = match word {
        "rows" => "stats-term-rows",
        "paired observations" => "stats-term-paired-observations",
        "items per respondent for Cronbach's alpha" => "stats-term-items-alpha",
        "respondents for Cronbach's alpha" => "stats-term-respondents-alpha",
        "Spearman's rho" => "stats-term-spearman",
        "Kendall's tau-b" => "stats-term-kendall",
        "the Pearson correlation" => "stats-term-pearson",
        other => return Arg::Text(other.to_string()),
    };
    Arg::from(msg!(key))
}
