//! A study file and its database, opened together.

use std::path::{Path, PathBuf};

use kantel_store::{MunicipalityRecord, OpenMode, Store, StoreError, StudyId};
use kantel_study::study::Study;

use crate::WorkflowError;

/// Where a study lives: its study file and, optionally, a database URL (default: the SQLite
/// file `kantel.sqlite` next to the study file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StudyPaths {
    /// The study file (TOML).
    pub study_file: PathBuf,
    /// `postgres://…` or `sqlite://…`; `None` for the SQLite file next to the study file.
    pub database: Option<String>,
}

/// The database file name next to a study file.
pub const DATABASE_FILE: &str = "kantel.sqlite";

impl StudyPaths {
    /// The SQLite file next to the study file (when no database URL is given).
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        if self.database.is_some() {
            return None;
        }
        let dir = self
            .study_file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(dir.join(DATABASE_FILE))
    }
}

/// What a command will do with the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Imports: create the SQLite file when it does not exist yet.
    Write,
    /// Analyses and reports: the database must exist (a missing file means nothing was
    /// imported yet, which is said as such).
    Read,
}

/// An open study: its definition and its database.
pub struct Workspace {
    /// The store.
    pub store: Store,
    /// The study file as parsed.
    pub study: Study,
    /// The study file's text (stored with the study).
    pub study_text: String,
    /// The study's id in the store.
    pub id: StudyId,
    /// Where it lives.
    pub paths: StudyPaths,
}

/// Reads and checks a study file.
pub fn read_study(path: &Path) -> Result<(Study, String), WorkflowError> {
    let text = std::fs::read_to_string(path).map_err(|e| WorkflowError::io(path, &e))?;
    let study = Study::from_toml_str(&text).map_err(|source| WorkflowError::StudyFile {
        path: path.to_path_buf(),
        source: Box::new(source),
    })?;
    Ok((study, text))
}

impl Workspace {
    /// Reads the study file, opens its database and brings the stored study and its
    /// municipalities up to date with the file.
    pub async fn open(paths: &StudyPaths, access: Access) -> Result<Workspace, WorkflowError> {
        let (study, study_text) = read_study(&paths.study_file)?;
        let store = match (&paths.database, paths.sqlite_file()) {
            (Some(url), _) => Store::open(url).await?,
            (None, Some(file)) => {
                let mode = match access {
                    Access::Write => OpenMode::CreateIfMissing,
                    Access::Read => OpenMode::MustExist,
                };
                Store::open_sqlite_file(&file, mode).await?
            }
            (None, None) => unreachable!("sqlite_file is Some without a database URL"),
        };
        let id = match store.find_study_by_name(&study.study.name).await? {
            Some(s) => {
                store.update_study_definition(s.id, &study_text).await?;
                s.id
            }
            // Another process may create the study between the look-up and the insert:
            // then it exists, and is used.
            None => match store.create_study(&study.study.name, &study_text).await {
                Ok(id) => id,
                Err(StoreError::DuplicateStudyName(_)) => {
                    let s = store
                        .find_study_by_name(&study.study.name)
                        .await?
                        .ok_or_else(|| StoreError::DuplicateStudyName(study.study.name.clone()))?;
                    store.update_study_definition(s.id, &study_text).await?;
                    s.id
                }
                Err(e) => return Err(e.into()),
            },
        };
        let rows: Vec<MunicipalityRecord> = study
            .municipalities
            .iter()
            .map(|m| MunicipalityRecord {
                code: m.code.as_str().to_string(),
                name: m.name.clone(),
                inhabitants: i64::try_from(m.inhabitants).unwrap_or(i64::MAX),
                group: m.group.clone(),
            })
            .collect();
        store.upsert_municipalities(id, &rows).await?;
        Ok(Workspace {
            store,
            study,
            study_text,
            id,
            paths: paths.clone(),
        })
    }

    /// A study as stored (by the web, or by an earlier `Workspace::open`), without its
    /// study file: the definition is the stored TOML text. `paths.study_file` is empty.
    pub async fn from_store(store: Store, id: StudyId) -> Result<Workspace, WorkflowError> {
        let record = store.get_study(id).await?;
        let study = Study::from_toml_str(&record.definition_toml).map_err(|e| {
            WorkflowError::Msg(kantel_i18n::msg!(
                "wf-stored-study",
                id = id.0,
                error = e.msg()
            ))
        })?;
        Ok(Workspace {
            store,
            study,
            study_text: record.definition_toml,
            id,
            paths: StudyPaths {
                study_file: PathBuf::new(),
                database: None,
            },
        })
    }

    /// Closes the database.
    pub async fn close(self) {
        self.store.close().await;
    }
}

/// Runs a workflow on a fresh single-threaded runtime (for shells that are not async).
pub fn block_on<T>(
    f: impl std::future::Future<Output = Result<T, WorkflowError>>,
) -> Result<T, WorkflowError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| WorkflowError::io("tokio", &e))?;
    rt.block_on(f)
}
