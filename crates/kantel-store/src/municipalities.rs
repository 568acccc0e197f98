//! The municipalities taking part in a study.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::{RowProblem, Store, StoreError, StudyId, row_err};

/// A municipality taking part in a study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityRecord {
    /// CBS code, e.g. `GM0363`.
    pub code: String,
    /// Name, e.g. `Amsterdam`.
    pub name: String,
    /// Number of inhabitants.
    pub inhabitants: i64,
    /// Optional grouping (size class, region, …).
    pub group: Option<String>,
}

/// A stored municipality that a given list (the current study file) no longer names, with
/// what is stored for it. See [`Store::unlisted_municipalities`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlistedMunicipality {
    /// CBS code.
    pub code: String,
    /// Name as last stored.
    pub name: String,
    /// Respondents stored for it.
    pub respondents: i64,
    /// Answers of those respondents.
    pub answers: i64,
}

impl Store {
    /// Inserts or updates (by code) the study's municipalities, all in one transaction.
    /// Returns the number of rows written.
    ///
    /// Municipalities stored earlier and missing from `rows` are kept (their respondents
    /// refer to them); [`Store::unlisted_municipalities`] lists them.
    pub async fn upsert_municipalities(
        &self,
        study: StudyId,
        rows: &[MunicipalityRecord],
    ) -> Result<usize, StoreError> {
        const OP: &str = "upsert_municipalities";
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        for (i, m) in rows.iter().enumerate() {
            let row = i + 1;
            if m.code.trim().is_empty() {
                return Err(row_err(OP, row, RowProblem::Empty { field: "code" }));
            }
            if m.name.trim().is_empty() {
                return Err(row_err(OP, row, RowProblem::Empty { field: "name" }));
            }
            if m.inhabitants < 0 {
                return Err(row_err(
                    OP,
                    row,
                    RowProblem::NegativeInhabitants(m.inhabitants),
                ));
            }
            if let Some(&first_row) = first_seen.get(m.code.as_str()) {
                let key = format!("municipality {:?}", m.code);
                return Err(row_err(OP, row, RowProblem::Duplicate { key, first_row }));
            }
            first_seen.insert(&m.code, row);
        }
        self.locate(
            async {
                let mut w = self.begin_write().await?;
                self.lock_study(&mut w.tx, study).await?;
                for m in rows {
                    sqlx::query(
                        "INSERT INTO municipalities \
                         (study_id, code, name, inhabitants, municipality_group) \
                         VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (study_id, code) DO UPDATE SET name = excluded.name, \
                         inhabitants = excluded.inhabitants, \
                         municipality_group = excluded.municipality_group",
                    )
                    .bind(study.0)
                    .bind(&m.code)
                    .bind(&m.name)
                    .bind(m.inhabitants)
                    .bind(m.group.as_deref())
                    .execute(&mut *w.tx)
                    .await?;
                }
                w.commit().await?;
                Ok(rows.len())
            }
            .await,
        )
    }

    /// The study's municipalities, by code.
    pub async fn list_municipalities(
        &self,
        study: StudyId,
    ) -> Result<Vec<MunicipalityRecord>, StoreError> {
        self.locate(
            async {
                self.ensure_study(study).await?;
                let rows = sqlx::query(
                    "SELECT code, name, inhabitants, municipality_group FROM municipalities \
                     WHERE study_id = $1",
                )
                .bind(study.0)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(MunicipalityRecord {
                        code: r.try_get("code")?,
                        name: r.try_get("name")?,
                        inhabitants: r.try_get("inhabitants")?,
                        group: r.try_get("municipality_group")?,
                    });
                }
                // Text order in Rust: the backends' collations disagree.
                out.sort_by(|a, b| a.code.cmp(&b.code));
                Ok(out)
            }
            .await,
        )
    }

    /// Stored municipalities of the study that `listed` (the codes in the current study
    /// file) does not name, by code, with how many respondents and answers are stored for
    /// each. Their data stays stored; an analysis can leave them out and list them.
    pub async fn unlisted_municipalities(
        &self,
        study: StudyId,
        listed: &[String],
    ) -> Result<Vec<UnlistedMunicipality>, StoreError> {
        let listed: HashSet<&str> = listed.iter().map(String::as_str).collect();
        let mut out: Vec<UnlistedMunicipality> = self
            .list_municipalities(study)
            .await?
            .into_iter()
            .filter(|m| !listed.contains(m.code.as_str()))
            .map(|m| UnlistedMunicipality {
                code: m.code,
                name: m.name,
                respondents: 0,
                answers: 0,
            })
            .collect();
        self.locate(
            async {
                for m in &mut out {
                    let row = sqlx::query(
                        "SELECT COUNT(DISTINCT r.id) AS respondents, COUNT(a.id) AS answers \
                         FROM respondents r LEFT JOIN answers a ON a.respondent_id = r.id \
                         WHERE r.study_id = $1 AND r.municipality_code = $2",
                    )
                    .bind(study.0)
                    .bind(&m.code)
                    .fetch_one(&self.pool)
                    .await?;
                    m.respondents = row.try_get("respondents")?;
                    m.answers = row.try_get("answers")?;
                }
                Ok(())
            }
            .await,
        )?;
        Ok(out)
    }
}
