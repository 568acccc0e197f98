//! Analysis runs: the settings and the result of an analysis, as JSON, with the data
//! version they used.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::{RunId, Store, StoreError, StudyId, now_rfc3339};

/// A stored analysis run without its (possibly large) result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    /// Its id.
    pub id: RunId,
    /// The study.
    pub study: StudyId,
    /// Kind of analysis, e.g. `qca.minimize`.
    pub kind: String,
    /// Settings the run used.
    pub settings: serde_json::Value,
    /// The study's data version the run used ([`Store::data_version`]); `None` for runs
    /// stored before data versions existed.
    pub data_version: Option<i64>,
    /// RFC 3339.
    pub created_at: String,
}

/// A stored analysis run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// Its id.
    pub id: RunId,
    /// The study.
    pub study: StudyId,
    /// Kind of analysis.
    pub kind: String,
    /// Settings the run used.
    pub settings: serde_json::Value,
    /// Its result.
    pub result: serde_json::Value,
    /// The study's data version the run used; `None` for runs stored before data versions
    /// existed.
    pub data_version: Option<i64>,
    /// RFC 3339.
    pub created_at: String,
}

fn parse_json(
    run: RunId,
    field: &'static str,
    text: &str,
) -> Result<serde_json::Value, StoreError> {
    serde_json::from_str(text).map_err(|parser| StoreError::CorruptJson { run, field, parser })
}

impl Store {
    /// Stores an analysis run: its settings and its result, as JSON. Records the study's
    /// data version at the time of saving; when the analysis read its data earlier, use
    /// [`Store::save_run_with_version`] with the version it read.
    pub async fn save_run(
        &self,
        study: StudyId,
        kind: &str,
        settings: &serde_json::Value,
        result: &serde_json::Value,
    ) -> Result<RunId, StoreError> {
        self.locate(
            async {
                let _gate = self.write_gate().await;
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO analysis_runs \
                     (study_id, kind, settings_json, result_json, created_at, data_version) \
                     SELECT id, $2, $3, $4, $5, data_version FROM studies WHERE id = $1 \
                     RETURNING id",
                )
                .bind(study.0)
                .bind(kind)
                .bind(settings.to_string())
                .bind(result.to_string())
                .bind(now_rfc3339())
                .fetch_optional(&self.pool)
                .await?;
                id.map(RunId).ok_or(StoreError::UnknownStudy(study))
            }
            .await,
        )
    }

    /// Stores an analysis run that used the study's data at `data_version` (from
    /// [`Store::data_version`], read before the analysis read its data).
    pub async fn save_run_with_version(
        &self,
        study: StudyId,
        kind: &str,
        settings: &serde_json::Value,
        result: &serde_json::Value,
        data_version: i64,
    ) -> Result<RunId, StoreError> {
        self.locate(
            async {
                self.ensure_study(study).await?;
                let _gate = self.write_gate().await;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO analysis_runs \
                     (study_id, kind, settings_json, result_json, created_at, data_version) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(study.0)
                .bind(kind)
                .bind(settings.to_string())
                .bind(result.to_string())
                .bind(now_rfc3339())
                .bind(data_version)
                .fetch_one(&self.pool)
                .await?;
                Ok(RunId(id))
            }
            .await,
        )
    }

    /// The study's runs, oldest first, without their results.
    pub async fn list_runs(&self, study: StudyId) -> Result<Vec<RunSummary>, StoreError> {
        self.locate(
            async {
                self.ensure_study(study).await?;
                let rows = sqlx::query(
                    "SELECT id, study_id, kind, settings_json, data_version, created_at \
                     FROM analysis_runs WHERE study_id = $1 ORDER BY id",
                )
                .bind(study.0)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    let id = RunId(r.try_get("id")?);
                    let settings: String = r.try_get("settings_json")?;
                    out.push(RunSummary {
                        id,
                        study: StudyId(r.try_get("study_id")?),
                        kind: r.try_get("kind")?,
                        settings: parse_json(id, "settings", &settings)?,
                        data_version: r.try_get("data_version")?,
                        created_at: r.try_get("created_at")?,
                    });
                }
                Ok(out)
            }
            .await,
        )
    }

    /// One run with its result.
    pub async fn get_run(&self, run: RunId) -> Result<RunRecord, StoreError> {
        self.locate(
            async {
                let r = sqlx::query(
                    "SELECT id, study_id, kind, settings_json, result_json, data_version, \
                     created_at FROM analysis_runs WHERE id = $1",
                )
                .bind(run.0)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::UnknownRun(run))?;
                let settings: String = r.try_get("settings_json")?;
                let result: String = r.try_get("result_json")?;
                Ok(RunRecord {
                    id: run,
                    study: StudyId(r.try_get("study_id")?),
                    kind: r.try_get("kind")?,
                    settings: parse_json(run, "settings", &settings)?,
                    result: parse_json(run, "result", &result)?,
                    data_version: r.try_get("data_version")?,
                    created_at: r.try_get("created_at")?,
                })
            }
            .await,
        )
    }
}
