//! Errors of the store.

use crate::{RespondentId, RunId, StudyId};

/// Everything that can go wrong in a [`crate::Store`] call.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL names no backend this store supports.
    #[error(
        "unsupported database URL {url:?}: use sqlite://PATH?mode=rwc, sqlite::memory: or postgres://USER@HOST:PORT/DB"
    )]
    UnsupportedUrl {
        /// The URL with any password removed.
        url: String,
    },
    /// The database could not be reached or opened.
    #[error("cannot connect to {url}: {source}")]
    Connect {
        /// The URL with any password removed.
        url: String,
        /// What the driver reported.
        source: sqlx::Error,
    },
    /// Applying the embedded migrations failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// No study has this id.
    #[error("no study with id {0}")]
    UnknownStudy(StudyId),
    /// A study with this name exists already (names are unique).
    #[error("a study named {0:?} exists already")]
    DuplicateStudyName(String),
    /// No respondent has this id.
    #[error("no respondent with id {0}")]
    UnknownRespondent(RespondentId),
    /// No analysis run has this id.
    #[error("no analysis run with id {0}")]
    UnknownRun(RunId),
    /// The presented respondent token is malformed, forged or unknown in this study.
    /// Deliberately carries no detail, so a caller cannot tell the cases apart.
    #[error("unknown respondent token")]
    UnknownToken,
    /// An answer value outside 1–5 (`None` is the only way to say "don't know").
    #[error("answer {value} for item {item:?} is outside 1-5")]
    AnswerOutOfRange {
        /// The item the value was given for.
        item: String,
        /// The rejected value.
        value: i64,
    },
    /// A content hash that is not 64 hexadecimal digits.
    #[error("content SHA-256 {0:?} is not 64 hexadecimal digits")]
    InvalidSha256(String),
    /// One input row of a batch call was rejected; nothing of the batch was written.
    #[error("{operation}: row {row}: {problem}")]
    Row {
        /// The call that rejected the row, e.g. `import_answers`.
        operation: &'static str,
        /// 1-based position of the row in the slice passed to the call.
        row: usize,
        /// What is wrong with it.
        problem: RowProblem,
    },
    /// The operating system's random number generator failed.
    #[error("operating system random number generator failed: {0}")]
    Random(String),
    /// JSON stored with an analysis run could not be read back.
    #[error("analysis run {run}: stored {field} is not valid JSON: {source}")]
    CorruptJson {
        /// The run.
        run: RunId,
        /// `settings` or `result`.
        field: &'static str,
        /// The parser's complaint.
        source: serde_json::Error,
    },
    /// A stored value has a form this version of the store does not know.
    #[error("stored {what} {value:?} is not recognised")]
    CorruptValue {
        /// Which column.
        what: &'static str,
        /// The value found.
        value: String,
    },
}

/// Why one row of a batch was rejected.
#[derive(Debug, thiserror::Error)]
pub enum RowProblem {
    /// A required text field is empty.
    #[error("{field} is empty")]
    Empty {
        /// The field.
        field: &'static str,
    },
    /// A municipality code that the study does not list.
    #[error("municipality {code:?} is not part of the study")]
    UnknownMunicipality {
        /// The code.
        code: String,
    },
    /// The same key appears twice in one batch.
    #[error("{key} appears more than once in this input (first at row {first_row})")]
    Duplicate {
        /// Human-readable key, e.g. `respondent "R1"`.
        key: String,
        /// 1-based row where the key appeared first.
        first_row: usize,
    },
    /// A respondent external id is in use in this study already.
    #[error("respondent {external_id:?} exists already in this study")]
    RespondentExists {
        /// The external id.
        external_id: String,
    },
    /// An answer value outside 1–5.
    #[error("answer {value} for item {item:?} is outside 1-5")]
    AnswerOutOfRange {
        /// The item.
        item: String,
        /// The value.
        value: i64,
    },
    /// A respondent that is stored with another municipality or group than the row says.
    #[error("{0}")]
    RespondentMismatch(Box<RespondentMismatch>),
    /// A negative number of inhabitants.
    #[error("inhabitants {0} is negative")]
    NegativeInhabitants(i64),
    /// A register value that is NaN or infinite (use `None` for a missing value).
    #[error("value {0} is not a finite number")]
    NotFinite(f64),
    /// The database refused the row (unique, foreign-key or check constraint).
    #[error("the database refused it: {0}")]
    Constraint(String),
}

/// Details of [`RowProblem::RespondentMismatch`] (boxed to keep errors small).
#[derive(Debug, thiserror::Error)]
#[error(
    "respondent {external_id:?} is stored with municipality {stored_municipality:?} and group {stored_group:?}, but this row says {municipality:?} and {group:?}"
)]
pub struct RespondentMismatch {
    /// The external id.
    pub external_id: String,
    /// Municipality in the database.
    pub stored_municipality: String,
    /// Group in the database.
    pub stored_group: String,
    /// Municipality in the row.
    pub municipality: String,
    /// Group in the row.
    pub group: String,
}
