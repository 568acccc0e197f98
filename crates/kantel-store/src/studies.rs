//! Studies: a name, the study definition (TOML text as the user wrote it), and whether
//! personal links still accept answers.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use sqlx::error::ErrorKind;

use crate::{RowProblem, Store, StoreError, StudyId, db_error_kind, now_rfc3339, row_err};

/// A stored study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyRecord {
    /// Its id.
    pub id: StudyId,
    /// Unique name.
    pub name: String,
    /// The study definition, TOML text as the user wrote it.
    pub definition_toml: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; changes with [`Store::update_study_definition`].
    pub updated_at: String,
    /// Whether personal links still accept answers ([`Store::set_study_status`]).
    pub status: StudyStatus,
}

/// Whether a study's personal links accept answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StudyStatus {
    /// Collecting: links accept answers.
    Open,
    /// Closed by the researcher: links say so and accept nothing.
    Closed,
}

impl StudyStatus {
    /// `open` or `closed`, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            StudyStatus::Open => "open",
            StudyStatus::Closed => "closed",
        }
    }

    /// The stored text; anything but `closed` reads as open (the column's CHECK allows
    /// only the two).
    pub(crate) fn parse(s: &str) -> StudyStatus {
        if s == "closed" {
            StudyStatus::Closed
        } else {
            StudyStatus::Open
        }
    }
}

pub(crate) fn study_from_row(row: &AnyRow) -> Result<StudyRecord, sqlx::Error> {
    Ok(StudyRecord {
        id: StudyId(row.try_get("id")?),
        name: row.try_get("name")?,
        definition_toml: row.try_get("definition_toml")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        status: StudyStatus::parse(&row.try_get::<String, _>("status")?),
    })
}

impl Store {
    /// Creates a study. Names are unique.
    pub async fn create_study(
        &self,
        name: &str,
        definition_toml: &str,
    ) -> Result<StudyId, StoreError> {
        if name.trim().is_empty() {
            return Err(row_err(
                "create_study",
                1,
                RowProblem::Empty { field: "name" },
            ));
        }
        let _gate = self.write_gate().await;
        let now = now_rfc3339();
        let result: Result<i64, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO studies (name, definition_toml, created_at, updated_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(name)
        .bind(definition_toml)
        .bind(&now)
        .bind(&now)
        .fetch_one(&self.pool)
        .await;
        match result {
            Ok(id) => Ok(StudyId(id)),
            Err(e) if db_error_kind(&e) == Some(ErrorKind::UniqueViolation) => {
                Err(StoreError::DuplicateStudyName(name.to_owned()))
            }
            Err(e) => Err(self.locate_err(e.into())),
        }
    }

    /// The study with this id.
    pub async fn get_study(&self, study: StudyId) -> Result<StudyRecord, StoreError> {
        self.locate(
            async {
                let row = sqlx::query(
                    "SELECT id, name, definition_toml, created_at, updated_at, status \
                     FROM studies WHERE id = $1",
                )
                .bind(study.0)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::UnknownStudy(study))?;
                Ok(study_from_row(&row)?)
            }
            .await,
        )
    }

    /// The study with this name, if any.
    pub async fn find_study_by_name(&self, name: &str) -> Result<Option<StudyRecord>, StoreError> {
        self.locate(
            async {
                let row = sqlx::query(
                    "SELECT id, name, definition_toml, created_at, updated_at, status \
                     FROM studies WHERE name = $1",
                )
                .bind(name)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.as_ref().map(study_from_row).transpose()?)
            }
            .await,
        )
    }

    /// All studies, oldest first.
    pub async fn list_studies(&self) -> Result<Vec<StudyRecord>, StoreError> {
        self.locate(
            async {
                let rows = sqlx::query(
                    "SELECT id, name, definition_toml, created_at, updated_at, status \
                     FROM studies ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.iter().map(study_from_row).collect::<Result<_, _>>()?)
            }
            .await,
        )
    }

    /// Replaces a study's definition text.
    pub async fn update_study_definition(
        &self,
        study: StudyId,
        definition_toml: &str,
    ) -> Result<(), StoreError> {
        self.locate(
            async {
                let _gate = self.write_gate().await;
                let done = sqlx::query(
                    "UPDATE studies SET definition_toml = $1, updated_at = $2 WHERE id = $3",
                )
                .bind(definition_toml)
                .bind(now_rfc3339())
                .bind(study.0)
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::UnknownStudy(study));
                }
                Ok(())
            }
            .await,
        )
    }

    /// Opens or closes a study for answers through personal links.
    pub async fn set_study_status(
        &self,
        study: StudyId,
        status: StudyStatus,
    ) -> Result<(), StoreError> {
        self.locate(
            async {
                let mut w = self.begin_write().await?;
                self.lock_study(&mut w.tx, study).await?;
                sqlx::query("UPDATE studies SET status = $1 WHERE id = $2")
                    .bind(status.as_str())
                    .bind(study.0)
                    .execute(&mut *w.tx)
                    .await?;
                w.commit().await
            }
            .await,
        )
    }
}
