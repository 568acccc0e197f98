//! Errors of the store.
//!
//! Every variant carries its data as fields, so that a caller can render it in its own
//! language; the `Display` texts here are the English defaults.
//!
//! No variant exposes a driver error through [`std::error::Error::source`]: where a driver's
//! message is worth showing, the variant's `Display` contains it exactly once. sqlx's own
//! errors repeat their inner message in their `source()` chain, so passing them on as a
//! source made `anyhow`'s `{:#}` print the same driver text two or three times.

use std::path::PathBuf;

use crate::{ImportId, ImportKind, ImportStatus, RespondentId, RunId, StudyId, UserId};

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
    #[error("cannot connect to {url}: {driver}")]
    Connect {
        /// The URL with any password removed.
        url: String,
        /// What the driver reported.
        driver: sqlx::Error,
    },
    /// Applying the embedded migrations failed.
    #[error("database migration failed: {0}")]
    Migrate(sqlx::migrate::MigrateError),
    /// A migration left rows that break a foreign key (checked before the migration
    /// commits, so nothing was changed).
    #[error("database migration failed: table {table} has rows that break a foreign key")]
    MigrationForeignKeys {
        /// The first table with a violation.
        table: String,
    },
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// Opening an SQLite file that must exist: there is none.
    #[error("no database yet at {path}")]
    NoDatabase {
        /// The path as given.
        path: PathBuf,
    },
    /// Creating an SQLite file in a folder that does not exist.
    #[error("cannot create the database {path}: its folder does not exist")]
    DatabaseFolderMissing {
        /// The path as given.
        path: PathBuf,
    },
    /// The path names a folder or nothing a file can be (`..`, `/`).
    #[error("{path} is not a database file")]
    NotAFile {
        /// The path as given.
        path: PathBuf,
    },
    /// The path cannot be handed to SQLite (it is not valid UTF-8).
    #[error("the database path {path:?} is not valid UTF-8")]
    NonUtf8Path {
        /// The path as given.
        path: PathBuf,
    },
    /// An existing database file of 0 bytes: not a kantel database, probably truncated.
    /// Refused rather than silently used as a new, empty database.
    #[error("{path} is empty (0 bytes), so it is not a kantel database; it was probably truncated")]
    EmptyDatabaseFile {
        /// The path as given.
        path: PathBuf,
    },
    /// The file is not an SQLite database (SQLite: "file is not a database").
    #[error("{path} is not a kantel database (it is not an SQLite database file)")]
    NotADatabase {
        /// The path as given.
        path: PathBuf,
    },
    /// The file is damaged (SQLite: "database disk image is malformed").
    #[error("the database {path} is damaged (SQLite: database disk image is malformed)")]
    CorruptDatabase {
        /// The path as given.
        path: PathBuf,
    },
    /// Writing was refused (SQLite: "attempt to write a readonly database").
    #[error("cannot write to the database {path}: it is read-only")]
    ReadOnlyDatabase {
        /// The path as given.
        path: PathBuf,
    },
    /// Another writer held the database longer than the busy timeout.
    #[error("the database {path} stayed locked by another writer for {seconds} s")]
    DatabaseBusy {
        /// The path as given.
        path: PathBuf,
        /// How long this call waited.
        seconds: u64,
    },
    /// SQLite could not open the file (permissions, a missing folder, …).
    #[error("cannot open the database {path}: {driver}")]
    CannotOpenDatabase {
        /// The path as given.
        path: PathBuf,
        /// What the driver reported.
        driver: sqlx::Error,
    },
    /// A file-system operation on the database file failed.
    #[error("cannot open the database {path}: {io}")]
    DatabaseIo {
        /// The path as given.
        path: PathBuf,
        /// What the operating system reported.
        io: std::io::Error,
    },
    /// No study has this id.
    #[error("no study with id {0}")]
    UnknownStudy(StudyId),
    /// A study with this name exists already (names are unique).
    #[error("a study named {0:?} exists already")]
    DuplicateStudyName(String),
    /// No respondent has this id.
    #[error("no respondent with id {0}")]
    UnknownRespondent(RespondentId),
    /// No account has this id.
    #[error("no account with id {0}")]
    UnknownUser(UserId),
    /// No analysis run has this id.
    #[error("no analysis run with id {0}")]
    UnknownRun(RunId),
    /// The study has no import with this id.
    #[error("study {study} has no import with id {import}")]
    UnknownImport {
        /// The study.
        study: StudyId,
        /// The import asked for.
        import: ImportId,
    },
    /// Only an active import can be replaced or removed.
    #[error("import {import} is {status}; only an active import can be replaced or removed")]
    ImportNotActive {
        /// The import.
        import: ImportId,
        /// Its status.
        status: ImportStatus,
    },
    /// The rows given to replace an import hold another kind of data than the import.
    #[error("import {import} holds {kind}, but the replacement holds {given}")]
    ImportKindMismatch {
        /// The import to replace.
        import: ImportId,
        /// What it holds.
        kind: ImportKind,
        /// What the replacement holds.
        given: ImportKind,
    },
    /// A streaming import was used again after one of its calls failed; everything it
    /// wrote has been rolled back.
    #[error("this import was abandoned after an earlier error; nothing of it was written")]
    ImportAbandoned,
    /// The presented respondent token is malformed, forged or unknown in this study.
    /// Deliberately carries no detail, so a caller cannot tell the cases apart.
    #[error("unknown respondent token")]
    UnknownToken,
    /// A lock of the store was poisoned by a panic in another task.
    #[error("internal error: a lock of the store was poisoned")]
    Poisoned,
    /// The study is closed: personal links accept no more answers.
    #[error("the study is closed")]
    StudyClosed,
    /// The respondent submitted the questionnaire already; it accepts no more answers.
    #[error("the questionnaire was submitted already")]
    AlreadySubmitted,
    /// An account with this e-mail address exists already.
    #[error("an account for {0} exists already")]
    DuplicateEmail(String),
    /// A contact account names a municipality the study does not have.
    #[error("municipality {code:?} is not part of study {study}")]
    UnknownStudyMunicipality {
        /// The study.
        study: StudyId,
        /// The code.
        code: String,
    },
    /// An answer value outside 1–5 (`None` is the only way to say "don't know").
    #[error("answer {value} for item {item:?} is outside 0-5")]
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
        /// 1-based position of the row in the input (for a streaming import: counted over
        /// all batches).
        row: usize,
        /// What is wrong with it.
        problem: RowProblem,
    },
    /// The operating system's random number generator failed.
    #[error("operating system random number generator failed: {0}")]
    Random(String),
    /// JSON stored with an analysis run could not be read back.
    #[error("analysis run {run}: stored {field} is not valid JSON: {parser}")]
    CorruptJson {
        /// The run.
        run: RunId,
        /// `settings` or `result`.
        field: &'static str,
        /// The parser's complaint.
        parser: serde_json::Error,
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

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> StoreError {
        StoreError::Database(e)
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> StoreError {
        StoreError::Migrate(e)
    }
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
    /// A register value key that an earlier batch of the same streaming import wrote
    /// already (the store keeps no row numbers for register values).
    #[error("{key} appears more than once in this input (first in an earlier batch)")]
    DuplicateInEarlierBatch {
        /// Human-readable key, e.g. `register value GM0363 / "banen" / 2017`.
        key: String,
    },
    /// A respondent external id is in use in this study already.
    #[error("respondent {external_id:?} exists already in this study")]
    RespondentExists {
        /// The external id.
        external_id: String,
    },
    /// An answer value outside 1–5.
    #[error("answer {value} for item {item:?} is outside 0-5")]
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
    /// The database refused the row (unique, foreign-key or check constraint); the
    /// database's message.
    #[error("the database refused it: {0}")]
    Constraint(String),
    /// The database refused one of several rows written in one statement, from the error's
    /// row up to `last_row` (unique, foreign-key or check constraint).
    #[error("the database refused one of the rows up to row {last_row}: {message}")]
    ConstraintInRows {
        /// The database's message.
        message: String,
        /// The last row of the statement.
        last_row: usize,
    },
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
