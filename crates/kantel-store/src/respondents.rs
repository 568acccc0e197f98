//! Respondents and their personal link tokens. A token is 256 random bits shown once;
//! the database keeps only its SHA-256.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::error::ErrorKind;
use sqlx::{AssertSqlSafe, Row};

use crate::{
    RespondentId, RowProblem, Store, StoreError, StudyId, db_error_kind, is_hex64, new_token,
    now_rfc3339, row_err, sha256_hex,
};

/// A respondent to create with [`Store::add_respondents`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRespondent {
    /// Identifier from outside (survey tool, mailing list); unique per study.
    pub external_id: String,
    /// CBS code of the respondent's municipality; must be part of the study.
    pub municipality_code: String,
    /// Respondent group, e.g. `bestuur`, `management`, `wijkteam`.
    pub group: String,
}

/// A stored respondent. The token itself is never stored, only its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RespondentRecord {
    /// Its id.
    pub id: RespondentId,
    /// The study.
    pub study: StudyId,
    /// Identifier from outside; unique per study.
    pub external_id: String,
    /// CBS code of the municipality.
    pub municipality_code: String,
    /// Respondent group.
    pub group: String,
    /// Whether a personal link token exists (respondents created by an import have none
    /// until [`Store::issue_token`]).
    pub has_token: bool,
    /// RFC 3339.
    pub created_at: String,
    /// The language the respondent chose for the questionnaire (`nl`, `en`), if any.
    pub language: Option<String>,
    /// The questionnaire page (1-based) the respondent last saved, to continue there.
    pub last_section: Option<i64>,
    /// RFC 3339 time of submission; a submitted questionnaire accepts no more answers.
    pub submitted_at: Option<String>,
}

pub(crate) const RESPONDENT_COLUMNS: &str = "id, study_id, external_id, municipality_code, respondent_group, \
     CASE WHEN token_sha256 IS NULL THEN 0 ELSE 1 END AS has_token, created_at, language, \
     last_section, submitted_at";

pub(crate) fn respondent_from_row(row: &AnyRow) -> Result<RespondentRecord, sqlx::Error> {
    Ok(RespondentRecord {
        id: RespondentId(row.try_get("id")?),
        study: StudyId(row.try_get("study_id")?),
        external_id: row.try_get("external_id")?,
        municipality_code: row.try_get("municipality_code")?,
        group: row.try_get("respondent_group")?,
        has_token: row.try_get::<i64, _>("has_token")? != 0,
        created_at: row.try_get("created_at")?,
        language: row.try_get("language")?,
        last_section: row.try_get("last_section")?,
        submitted_at: row.try_get("submitted_at")?,
    })
}

pub(crate) fn check_respondent_fields(
    operation: &'static str,
    row: usize,
    external_id: &str,
    municipality_code: &str,
    group: &str,
) -> Result<(), StoreError> {
    let empty = [
        ("external id", external_id),
        ("municipality code", municipality_code),
        ("group", group),
    ]
    .into_iter()
    .find(|(_, v)| v.trim().is_empty());
    match empty {
        Some((field, _)) => Err(row_err(operation, row, RowProblem::Empty { field })),
        None => Ok(()),
    }
}

impl Store {
    /// Creates respondents, each with a fresh personal token, in one transaction.
    /// Returns each record with its plain token: the only time the token is visible, as
    /// the database keeps only its SHA-256.
    pub async fn add_respondents(
        &self,
        study: StudyId,
        rows: &[NewRespondent],
    ) -> Result<Vec<(RespondentRecord, String)>, StoreError> {
        const OP: &str = "add_respondents";
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            let row = i + 1;
            check_respondent_fields(OP, row, &r.external_id, &r.municipality_code, &r.group)?;
            if let Some(&first_row) = first_seen.get(r.external_id.as_str()) {
                let key = format!("respondent {:?}", r.external_id);
                return Err(row_err(OP, row, RowProblem::Duplicate { key, first_row }));
            }
            first_seen.insert(&r.external_id, row);
        }
        self.locate(
            async {
                let now = now_rfc3339();
                let mut out = Vec::with_capacity(rows.len());
                let mut w = self.begin_write().await?;
                self.lock_study(&mut w.tx, study).await?;
                for (i, r) in rows.iter().enumerate() {
                    let token = new_token()?;
                    // ON CONFLICT DO NOTHING: a raised unique violation would end a
                    // PostgreSQL transaction; an existing id shows as no row instead.
                    let inserted: Result<Option<i64>, sqlx::Error> = sqlx::query_scalar(
                        "INSERT INTO respondents \
                         (study_id, external_id, municipality_code, respondent_group, \
                         token_sha256, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6) \
                         ON CONFLICT (study_id, external_id) DO NOTHING RETURNING id",
                    )
                    .bind(study.0)
                    .bind(&r.external_id)
                    .bind(&r.municipality_code)
                    .bind(&r.group)
                    .bind(sha256_hex(token.as_bytes()))
                    .bind(&now)
                    .fetch_optional(&mut *w.tx)
                    .await;
                    let id = match inserted {
                        Ok(Some(id)) => id,
                        Ok(None) => {
                            let problem = RowProblem::RespondentExists {
                                external_id: r.external_id.clone(),
                            };
                            return Err(row_err(OP, i + 1, problem));
                        }
                        Err(e) => {
                            return Err(match db_error_kind(&e) {
                                Some(ErrorKind::ForeignKeyViolation) => row_err(
                                    OP,
                                    i + 1,
                                    RowProblem::UnknownMunicipality {
                                        code: r.municipality_code.clone(),
                                    },
                                ),
                                _ => e.into(),
                            });
                        }
                    };
                    out.push((
                        RespondentRecord {
                            id: RespondentId(id),
                            study,
                            external_id: r.external_id.clone(),
                            municipality_code: r.municipality_code.clone(),
                            group: r.group.clone(),
                            has_token: true,
                            created_at: now.clone(),
                            language: None,
                            last_section: None,
                            submitted_at: None,
                        },
                        token,
                    ));
                }
                w.commit().await?;
                Ok(out)
            }
            .await,
        )
    }

    /// Gives a respondent a new personal token, invalidating any earlier one.
    pub async fn issue_token(&self, respondent: RespondentId) -> Result<String, StoreError> {
        self.locate(
            async {
                let token = new_token()?;
                let _gate = self.write_gate().await;
                let done = sqlx::query("UPDATE respondents SET token_sha256 = $1 WHERE id = $2")
                    .bind(sha256_hex(token.as_bytes()))
                    .bind(respondent.0)
                    .execute(&self.pool)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::UnknownRespondent(respondent));
                }
                Ok(token)
            }
            .await,
        )
    }

    /// The respondent whose personal token this is.
    ///
    /// The lookup compares SHA-256 digests inside the database, never the token itself, so
    /// response timing says nothing useful about how close a guess was. Malformed, forged,
    /// revoked and other-study tokens all give [`StoreError::UnknownToken`].
    pub async fn respondent_by_token(
        &self,
        study: StudyId,
        token: &str,
    ) -> Result<RespondentRecord, StoreError> {
        if !is_hex64(token) {
            return Err(StoreError::UnknownToken);
        }
        self.locate(
            async {
                let digest = sha256_hex(token.to_ascii_lowercase().as_bytes());
                let sql = format!(
                    "SELECT {RESPONDENT_COLUMNS} FROM respondents \
                     WHERE study_id = $1 AND token_sha256 = $2"
                );
                let row = sqlx::query(AssertSqlSafe(sql))
                    .bind(study.0)
                    .bind(digest)
                    .fetch_optional(&self.pool)
                    .await?
                    .ok_or(StoreError::UnknownToken)?;
                Ok(respondent_from_row(&row)?)
            }
            .await,
        )
    }

    /// The study's respondents, by external id.
    pub async fn list_respondents(
        &self,
        study: StudyId,
    ) -> Result<Vec<RespondentRecord>, StoreError> {
        self.locate(
            async {
                self.ensure_study(study).await?;
                let sql =
                    format!("SELECT {RESPONDENT_COLUMNS} FROM respondents WHERE study_id = $1");
                let rows = sqlx::query(AssertSqlSafe(sql))
                    .bind(study.0)
                    .fetch_all(&self.pool)
                    .await?;
                let mut out = rows
                    .iter()
                    .map(respondent_from_row)
                    .collect::<Result<Vec<_>, _>>()?;
                // Text order in Rust: the backends' collations disagree.
                out.sort_by(|a, b| a.external_id.cmp(&b.external_id));
                Ok(out)
            }
            .await,
        )
    }

    /// Respondents of one municipality of a study (all municipalities with `None`).
    pub async fn respondents_of(
        &self,
        study: StudyId,
        municipality: Option<&str>,
    ) -> Result<Vec<RespondentRecord>, StoreError> {
        let mut all = self.list_respondents(study).await?;
        if let Some(code) = municipality {
            all.retain(|r| r.municipality_code == code);
        }
        Ok(all)
    }
}
