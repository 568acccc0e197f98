//! The single error type of the kantel-study crate.

use thiserror::Error;

/// Everything that can go wrong while reading a study file, validating it,
/// importing data or computing measurements.
///
/// Messages name the problem and its place (line:column in a file, item,
/// municipality, respondent) so that a researcher can fix the input directly.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum StudyError {
    /// Reading or writing a file failed (message of the underlying I/O error).
    #[error("I/O error: {0}")]
    Io(String),

    /// The study file is not valid TOML, has an unknown key, lacks a
    /// required key or has a value of the wrong type.
    #[error("study file, line {line}, column {column}: {message}")]
    Parse {
        /// 1-based line of the offending text (0 when toml gives no span).
        line: usize,
        /// 1-based column of the offending text (0 when toml gives no span).
        column: usize,
        /// Description of the problem as reported by the TOML parser.
        message: String,
    },

    /// The study file parsed, but its content is inconsistent; `location`
    /// names the table and key (e.g. `condition "BESTLEID" item "C1_3"`).
    #[error("study file, {location}: {message}")]
    Invalid {
        /// The table/entry where the problem is.
        location: String,
        /// What is wrong.
        message: kantel_i18n::Msg,
    },

    /// Serialising a study back to TOML failed.
    #[error("cannot write study as TOML: {0}")]
    Serialize(String),

    /// Answers handed to the measurement step are inconsistent with the study
    /// (unknown municipality, group or item, answer outside 1..=5, ...).
    #[error("answers, respondent {respondent:?}: {message}")]
    Answer {
        /// Respondent id as given in the answers.
        respondent: String,
        /// What is wrong.
        message: String,
    },

    /// A measurement could not be computed (e.g. a scale has no scores at all).
    #[error("measurement of {set}: {message}")]
    Measurement {
        /// The set (condition/outcome/context id) concerned.
        set: String,
        /// What is wrong.
        message: String,
    },

    /// A data file (CSV/XLSX table, register table, questionnaire answers) cannot be
    /// read or has a bad cell. `line` is the 1-based CSV line or spreadsheet row
    /// (0 when the problem concerns the whole file); `column` names the column.
    #[error("{}", crate::table::describe_place(.file, *.line, .column.as_ref(), .message))]
    Table {
        /// The file (for spreadsheets: file and sheet).
        file: String,
        /// 1-based CSV line or spreadsheet row; 0 = the whole file.
        line: usize,
        /// The column concerned, when the problem is in one column.
        column: Option<crate::table::ColumnRef>,
        /// What is wrong.
        message: kantel_i18n::Msg,
    },

    /// An error from the QCA engine (e.g. during calibration), with context.
    #[error("calibration of {set}: {message}")]
    Calibration {
        /// The set being calibrated.
        set: String,
        /// The engine's message.
        message: String,
    },
}

impl From<std::io::Error> for StudyError {
    fn from(e: std::io::Error) -> Self {
        StudyError::Io(e.to_string())
    }
}

impl StudyError {
    /// The whole error as one catalogue message, for the edge to render in the user's
    /// language. Places (file, line, column) are part of the message.
    pub fn msg(&self) -> kantel_i18n::Msg {
        use kantel_i18n::msg;
        match self {
            StudyError::Table {
                file,
                line,
                column,
                message,
            } => {
                let key = match (line, column) {
                    (0, None) => "place-file",
                    (0, Some(_)) => "place-file-column",
                    (_, None) => "place-file-line",
                    (_, Some(_)) => "place-file-line-column",
                };
                let mut m = msg!(key, file = file.as_str(), message = message.clone());
                if *line > 0 {
                    m = m.arg("line", *line);
                }
                if let Some(c) = column {
                    m = m.arg("column", c.name.as_str()).arg("number", c.number);
                }
                m
            }
            StudyError::Invalid { location, message } => msg!(
                "study-invalid",
                location = location.as_str(),
                message = message.clone()
            ),
            StudyError::Parse {
                line,
                column,
                message,
            } => msg!(
                "study-parse",
                line = *line,
                column = *column,
                message = message.as_str()
            ),
            StudyError::Measurement { set, message } => msg!(
                "study-measurement",
                set = set.as_str(),
                message = message.as_str()
            ),
            StudyError::Answer {
                respondent,
                message,
            } => msg!(
                "study-answer",
                respondent = respondent.as_str(),
                message = message.as_str()
            ),
            StudyError::Calibration { set, message } => msg!(
                "study-calibration",
                set = set.as_str(),
                message = message.as_str()
            ),
            StudyError::Io(e) => msg!("study-io", error = e.as_str()),
            other => kantel_i18n::Msg::from(other.to_string()),
        }
    }
}
