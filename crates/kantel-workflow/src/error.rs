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
        source: StudyError,
    },
    /// A data file could not be read or failed its checks (the error names its place).
    #[error("{}", .0.msg())]
    Data(#[from] StudyError),
    /// The database refused or failed.
    #[error("{0}")]
    Store(#[from] StoreError),
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
            WorkflowError::Store(e) => Msg::from(e.to_string()),
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

impl From<Msg> for WorkflowError {
    fn from(m: Msg) -> WorkflowError {
        WorkflowError::Msg(m)
    }
}
