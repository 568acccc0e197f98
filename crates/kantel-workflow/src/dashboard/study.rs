//! Creating a study in the store (from the built-in codebook or an uploaded study file),
//! listing studies, and opening or closing a study for answers.

use kantel_i18n::msg;
use kantel_store::{Store, StoreError, StudyId, StudyStatus};
use kantel_study::study::{Study, template};
use serde::Serialize;

use super::toml_text::{quote, set_study_key, without_municipalities};
use crate::WorkflowError;

/// The longest study name accepted.
pub const MAX_NAME: usize = 64;

/// Where a new study's definition comes from.
#[derive(Clone, Copy, Debug)]
pub enum StudySource<'a> {
    /// The built-in codebook (the decentralisation instrument) under a new name, without
    /// its example municipalities: they are added from the register afterwards.
    Builtin {
        /// The study's name (unique; letters, digits, `-`, `_`, `.`).
        name: &'a str,
        /// A title for both languages; the codebook's own titles when `None`.
        title: Option<&'a str>,
    },
    /// A study file as uploaded: its `[study] name` is the study's name.
    File {
        /// The file name, for messages.
        file_name: &'a str,
        /// The file's text.
        text: &'a str,
    },
}

/// A study for the list of studies.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StudySummary {
    /// Its id.
    pub id: StudyId,
    /// Its name.
    pub name: String,
    /// Dutch title (empty when the stored definition no longer parses).
    pub title_nl: String,
    /// English title.
    pub title_en: String,
    /// Open or closed.
    pub status: StudyStatus,
    /// Municipalities in the definition.
    pub municipalities: usize,
    /// RFC 3339.
    pub created_at: String,
}

/// Every stored study, oldest first.
pub async fn list_studies(store: &Store) -> Result<Vec<StudySummary>, WorkflowError> {
    Ok(store
        .list_studies()
        .await?
        .into_iter()
        .map(|r| {
            let parsed = Study::from_toml_str(&r.definition_toml).ok();
            StudySummary {
                id: r.id,
                title_nl: parsed
                    .as_ref()
                    .map(|s| s.study.title_nl.clone())
                    .unwrap_or_default(),
                title_en: parsed
                    .as_ref()
                    .map(|s| s.study.title_en.clone())
                    .unwrap_or_default(),
                municipalities: parsed.as_ref().map_or(0, |s| s.municipalities.len()),
                name: r.name,
                status: r.status,
                created_at: r.created_at,
            }
        })
        .collect())
}

/// Checks a study name: 1 to [`MAX_NAME`] characters, letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit (it is a machine name: file names and URLs use it).
pub fn check_study_name(name: &str) -> Result<(), WorkflowError> {
    let ok = !name.is_empty()
        && name.chars().count() <= MAX_NAME
        && name.chars().next().is_some_and(char::is_alphanumeric)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(msg!("wf-d-study-name", name = name, max = MAX_NAME).into())
    }
}

/// Creates a study in the store and returns its id. The definition is checked completely
/// first (a study file's errors name line and column); a name that is taken is refused.
pub async fn create_study(
    store: &Store,
    source: StudySource<'_>,
) -> Result<StudyId, WorkflowError> {
    let (study, text) = definition(source)?;
    let name = study.study.name.clone();
    let id = match store.create_study(&name, &text).await {
        Ok(id) => id,
        Err(StoreError::DuplicateStudyName(_)) => {
            return Err(msg!("wf-d-study-exists", name = name.as_str()).into());
        }
        Err(e) => return Err(e.into()),
    };
    let rows: Vec<kantel_store::MunicipalityRecord> = study
        .municipalities
        .iter()
        .map(super::municipalities::record)
        .collect();
    if !rows.is_empty() {
        store.upsert_municipalities(id, &rows).await?;
    }
    Ok(id)
}

/// The checked definition and its text.
pub fn definition(source: StudySource<'_>) -> Result<(Study, String), WorkflowError> {
    match source {
        StudySource::Builtin { name, title } => {
            let name = name.trim();
            check_study_name(name)?;
            let mut text = without_municipalities(template());
            text = set_study_key(&text, "name", &quote(name));
            if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
                text = set_study_key(&text, "title_nl", &quote(t));
                text = set_study_key(&text, "title_en", &quote(t));
            }
            let study = Study::from_toml_str(&text).map_err(|e| WorkflowError::StudyFile {
                path: "(kantel)".into(),
                source: Box::new(e),
            })?;
            Ok((study, text))
        }
        StudySource::File { file_name, text } => {
            let study = Study::from_toml_str(text).map_err(|e| WorkflowError::StudyFile {
                path: file_name.into(),
                source: Box::new(e),
            })?;
            Ok((study, text.to_string()))
        }
    }
}

/// Opens or closes a study for answers through personal links.
pub async fn set_status(
    store: &Store,
    study: StudyId,
    status: StudyStatus,
) -> Result<(), WorkflowError> {
    store.set_study_status(study, status).await?;
    Ok(())
}
