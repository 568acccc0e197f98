//! The workflow's error type: what went wrong and where, as a typed message.

use std::path::PathBuf;

use kantel_i18n::{Msg, msg};
use kantel_store::StoreError;
use kantel_study::StudyError;

/// Everything that can stop a workflow. Each variant renders as one catalogue message
/// ([`WorkflowError::msg`]) that names the file, line and column where there is one.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    /// The study file could not be read or is invalid.
    #[error("{}", .source.msg())]
    StudyFile {
        /// The study file.
        path: PathBuf,
        /// What is wrong with it.
        source: Box<StudyError>,
    },
    /// A data file could not be read or failed its checks (the error names its place).
    #[error("{}", .0.msg())]
    Data(Box<StudyError>),
    /// The database refused or failed.
    #[error("{0}")]
    Store(Box<StoreError>),
    /// A file could not be read or written.
    #[error("{}", msg!("wf-io", path = .path.display().to_string(), error = .error.as_str()))]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's message.
        error: String,
    },
    /// The report could not be rendered.
    #[error("{0}")]
    Report(#[from] kantel_report::ReportError),
    /// Anything else, as a catalogue message.
    #[error("{0}")]
    Msg(Msg),
}

impl WorkflowError {
    /// The error as one catalogue message.
    pub fn msg(&self) -> Msg {
        match self {
            WorkflowError::StudyFile { path, source } => msg!(
                "wf-study-file",
                path = path.display().to_string(),
                error = source.msg()
            ),
            WorkflowError::Data(e) => e.msg(),
            WorkflowError::Store(e) => store_msg(e),
            WorkflowError::Io { path, error } => msg!(
                "wf-io",
                path = path.display().to_string(),
                error = error.as_str()
            ),
            WorkflowError::Report(e) => Msg::from(e.to_string()),
            WorkflowError::Msg(m) => m.clone(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, e: &std::io::Error) -> WorkflowError {
        WorkflowError::Io {
            path: path.into(),
            error: e.to_string(),
        }
    }
}

impl From<StudyError> for WorkflowError {
    fn from(e: StudyError) -> WorkflowError {
        WorkflowError::Data(Box::new(e))
    }
}

impl From<StoreError> for WorkflowError {
    fn from(e: StoreError) -> WorkflowError {
        WorkflowError::Store(Box::new(e))
    }
}

impl From<Msg> for WorkflowError {
    fn from(m: Msg) -> WorkflowError {
        WorkflowError::Msg(m)
    }
}

fn path(p: &std::path::Path) -> String {
    p.display().to_string()
}

/// A store error as a catalogue message: the errors a user can act on have their own
/// text; the rest (driver failures) keep the driver's words.
pub fn store_msg(e: &StoreError) -> Msg {
    match e {
        StoreError::NoDatabase { path: p } => msg!("wf-no-database", path = path(p)),
        StoreError::EmptyDatabaseFile { path: p } => msg!("wf-empty-database", path = path(p)),
        StoreError::NotADatabase { path: p } => msg!("store-not-a-database", path = path(p)),
        StoreError::CorruptDatabase { path: p } => msg!("store-corrupt", path = path(p)),
        StoreError::ReadOnlyDatabase { path: p } => msg!("store-read-only", path = path(p)),
        StoreError::DatabaseBusy { path: p, seconds } => {
            msg!("store-busy", path = path(p), seconds = *seconds)
        }
        StoreError::DatabaseFolderMissing { path: p } => {
            msg!("store-folder-missing", path = path(p))
        }
        StoreError::NotAFile { path: p } => msg!("store-not-a-file", path = path(p)),
        StoreError::CannotOpenDatabase { path: p, driver } => msg!(
            "store-cannot-open",
            path = path(p),
            error = driver.to_string()
        ),
        StoreError::DatabaseIo { path: p, io } => {
            msg!("store-cannot-open", path = path(p), error = io.to_string())
        }
        StoreError::UnknownImport { import, .. } => msg!("store-unknown-import", id = import.0),
        StoreError::ImportNotActive { import, status } => msg!(
            "store-import-not-active",
            id = import.0,
            status = status.as_str()
        ),
        StoreError::ImportKindMismatch {
            import,
            kind,
            given,
        } => msg!(
            "store-import-kind",
            id = import.0,
            kind = kind.as_str(),
            given = given.as_str()
        ),

        StoreError::UnsupportedUrl { url } => msg!("store-unsupported-url", url = url.as_str()),
        StoreError::Connect { url, driver } => msg!(
            "store-connect",
            url = url.as_str(),
            error = driver.to_string()
        ),
        StoreError::Migrate(e) => msg!("store-migrate", error = e.to_string()),
        StoreError::MigrationForeignKeys { table } => {
            msg!("store-migrate-fk", table = table.as_str())
        }
        StoreError::Database(e) => msg!("store-database", error = e.to_string()),
        StoreError::Row { row, problem, .. } => {
            msg!("store-row", row = *row, problem = row_problem_msg(problem))
        }
        StoreError::StudyClosed => msg!("store-study-closed"),
        StoreError::AlreadySubmitted => msg!("store-already-submitted"),
        StoreError::UnknownToken => msg!("store-unknown-token"),
        StoreError::DuplicateEmail(email) => msg!("store-duplicate-email", email = email.as_str()),
        StoreError::UnknownStudyMunicipality { code, .. } => {
            msg!("store-unknown-study-municipality", code = code.as_str())
        }
        StoreError::UnknownStudy(id) => msg!("store-unknown-study", id = id.0),
        StoreError::DuplicateStudyName(name) => {
            msg!("store-duplicate-study-name", name = name.as_str())
        }
        // The rest cannot follow from a user's input (ids the workflow looked up itself,
        // corrupt stored JSON): the store's own words, in a Dutch frame.
        other => msg!("store-other", error = other.to_string()),
    }
}

/// What the store found wrong with one row, as a catalogue message.
pub fn row_problem_msg(problem: &kantel_store::RowProblem) -> Msg {
    use kantel_store::RowProblem;
    match problem {
        RowProblem::RespondentMismatch(m) => msg!(
            "store-respondent-mismatch",
            respondent = m.external_id.as_str(),
            stored_municipality = m.stored_municipality.as_str(),
            stored_group = m.stored_group.as_str(),
            municipality = m.municipality.as_str(),
            group = m.group.as_str()
        ),
        RowProblem::AnswerOutOfRange { item, value } => {
            msg!("store-answer-range", item = item.as_str(), value = *value)
        }
        RowProblem::UnknownMunicipality { code } => {
            msg!("store-row-unknown-municipality", code = code.as_str())
        }
        RowProblem::RespondentExists { external_id } => msg!(
            "store-row-respondent-exists",
            respondent = external_id.as_str()
        ),
        RowProblem::Empty { field } => msg!("store-row-empty", field = *field),
        RowProblem::Duplicate { key, first_row } => msg!(
            "store-row-duplicate",
            key = key.as_str(),
            first = *first_row
        ),
        other => Msg::from(other.to_string()),
    }
}

/// A store error about row `row` of an import (counted from the import's first row) as an
/// error at its line in `file`, when the row is one of the current batch (whose lines are
/// `lines`, after `done` earlier rows).
pub fn located(e: StoreError, file: &str, lines: &[usize], done: usize) -> WorkflowError {
    if let StoreError::Row { row, problem, .. } = &e
        && let Some(line) = row.checked_sub(done + 1).and_then(|i| lines.get(i))
    {
        return msg!(
            "place-file-line",
            file = file,
            line = *line,
            message = row_problem_msg(problem)
        )
        .into();
    }
    e.into()
}
