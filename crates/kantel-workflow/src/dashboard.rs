//! The researcher's dashboard and the municipal contact's view, as library functions that
//! the web pages call (and the command line could): response progress, creating a study,
//! adding municipalities and respondents, opening and closing a study, the analysis with
//! settings chosen in the page, and data exports.
//!
//! Every function takes the [`kantel_store::Store`] and a study id; the study definition is
//! the TOML text stored with the study (the study file's text when the study came from a
//! file). Results are plain values (view models) with numbers as numbers and messages as
//! [`kantel_i18n::Msg`]; the shells render them.

pub mod export;
pub mod municipalities;
pub mod progress;
pub mod qca;
pub mod reports;
pub mod respondents;
pub mod study;
mod toml_text;

use kantel_i18n::msg;
use kantel_store::{Store, StudyId, StudyRecord};
use kantel_study::study::Study;

use crate::WorkflowError;

/// A stored study with its definition parsed.
#[derive(Clone, Debug)]
pub struct StoredStudy {
    /// The stored record (name, status, definition text).
    pub record: StudyRecord,
    /// The definition, parsed and validated.
    pub study: Study,
}

/// Reads a study from the store and parses its stored definition.
pub async fn load_study(store: &Store, id: StudyId) -> Result<StoredStudy, WorkflowError> {
    let record = store.get_study(id).await?;
    let study = parse_stored(&record)?;
    Ok(StoredStudy { record, study })
}

/// The stored definition text of `record`, parsed. A definition that no longer parses (it
/// was stored by an older kantel, or edited in the database) is named by the study.
pub(crate) fn parse_stored(record: &StudyRecord) -> Result<Study, WorkflowError> {
    Study::from_toml_str(&record.definition_toml)
        .map_err(|e| msg!("wf-stored-study", id = record.id.0, error = e.msg()).into())
}
