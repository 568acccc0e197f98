//! Data collection: a study's status, respondents answering through their personal link,
//! and response progress per municipality and group.
//!
//! Web answers go into the same `answers` table as imported ones (with no import), so
//! every analysis and report sees both.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::respondents::{RESPONDENT_COLUMNS, respondent_from_row};
use crate::{
    ANSWER_RANGE, RespondentId, RespondentRecord, RowProblem, Store, StoreError, StudyId,
    StudyStatus, is_hex64, now_rfc3339, row_err, sha256_hex,
};

/// The respondent a personal link belongs to, with what the questionnaire needs to know
/// about the study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRecord {
    /// The respondent.
    pub respondent: RespondentRecord,
    /// Whether the study accepts answers.
    pub status: StudyStatus,
    /// When the study definition last changed (RFC 3339), so a caller can cache it.
    pub study_updated_at: String,
}

/// What a respondent's save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebSave {
    /// Answers written (inserted or replaced).
    pub saved: usize,
}

/// Response of one group in one municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRow {
    /// CBS code.
    pub municipality_code: String,
    /// Respondent group.
    pub group: String,
    /// Respondents (invited or imported).
    pub respondents: i64,
    /// Of which have a personal link.
    pub invited: i64,
    /// Of which came from an import.
    pub imported: i64,
    /// Of which have given at least one answer.
    pub started: i64,
    /// Of which submitted the questionnaire through their link.
    pub submitted: i64,
}

impl Store {
    /// The respondent a personal link belongs to, in whichever study, with the status of
    /// that study. Malformed, forged and revoked tokens all give
    /// [`StoreError::UnknownToken`]; the lookup compares SHA-256 digests only.
    pub async fn respondent_for_link(&self, token: &str) -> Result<LinkRecord, StoreError> {
        if !is_hex64(token) {
            return Err(StoreError::UnknownToken);
        }
        self.locate(
            async {
                let sql = format!(
                    "SELECT {RESPONDENT_COLUMNS}, \
                     (SELECT status FROM studies s WHERE s.id = respondents.study_id) AS status, \
                     (SELECT updated_at FROM studies s WHERE s.id = respondents.study_id) \
                     AS study_updated_at \
                     FROM respondents WHERE token_sha256 = $1"
                );
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(sha256_hex(token.to_ascii_lowercase().as_bytes()))
                    .fetch_optional(&self.pool)
                    .await?
                    .ok_or(StoreError::UnknownToken)?;
                let status: String = row.try_get("status")?;
                Ok(LinkRecord {
                    respondent: respondent_from_row(&row)?,
                    status: StudyStatus::parse(&status),
                    study_updated_at: row.try_get("study_updated_at")?,
                })
            }
            .await,
        )
    }

    /// One respondent's answers, by item id (`None` = "don't know").
    pub async fn respondent_answers(
        &self,
        respondent: RespondentId,
    ) -> Result<Vec<(String, Option<i64>)>, StoreError> {
        self.locate(
            async {
                let rows =
                    sqlx::query("SELECT item_id, value FROM answers WHERE respondent_id = $1")
                        .bind(respondent.0)
                        .fetch_all(&self.pool)
                        .await?;
                let mut out = rows
                    .iter()
                    .map(|r| Ok((r.try_get("item_id")?, r.try_get("value")?)))
                    .collect::<Result<Vec<(String, Option<i64>)>, sqlx::Error>>()?;
                // Text order in Rust: the backends' collations disagree.
                out.sort_by(|a, b| a.0.cmp(&b.0));
                Ok(out)
            }
            .await,
        )
    }

    /// Saves answers given through a personal link, and the page to return to, in one
    /// transaction; only while the study is open and the respondent has not submitted
    /// ([`StoreError::StudyClosed`], [`StoreError::AlreadySubmitted`]), checked inside the
    /// transaction, so a save racing a close or a submit either lands before it or not at
    /// all. The caller checks items against the codebook.
    pub async fn save_web_answers(
        &self,
        respondent: RespondentId,
        answers: &[(String, Option<i64>)],
        section: Option<i64>,
    ) -> Result<WebSave, StoreError> {
        for (i, (item, value)) in answers.iter().enumerate() {
            if item.trim().is_empty() {
                return Err(row_err(
                    "save_web_answers",
                    i + 1,
                    RowProblem::Empty { field: "item" },
                ));
            }
            if let Some(v) = *value
                && !ANSWER_RANGE.contains(&v)
            {
                return Err(StoreError::AnswerOutOfRange {
                    item: item.clone(),
                    value: v,
                });
            }
        }
        self.locate(
            async {
                let now = now_rfc3339();
                let mut w = self.begin_write().await?;
                // The gate: one UPDATE that only matches an open, unsubmitted respondent.
                let updated = sqlx::query(
                    "UPDATE respondents SET last_section = COALESCE($1, last_section) \
                     WHERE id = $2 AND submitted_at IS NULL AND EXISTS \
                     (SELECT 1 FROM studies s WHERE s.id = respondents.study_id \
                     AND s.status = 'open')",
                )
                .bind(section)
                .bind(respondent.0)
                .execute(&mut *w.tx)
                .await?;
                if updated.rows_affected() == 0 {
                    let why = self.why_not_open(&mut w.tx, respondent).await?;
                    w.rollback().await?;
                    return Err(why);
                }
                for (item, value) in answers {
                    sqlx::query(
                        "INSERT INTO answers (respondent_id, item_id, value, updated_at, import_id) \
                         VALUES ($1, $2, $3, $4, NULL) \
                         ON CONFLICT (respondent_id, item_id) DO UPDATE SET value = excluded.value, \
                         updated_at = excluded.updated_at, import_id = NULL",
                    )
                    .bind(respondent.0)
                    .bind(item)
                    .bind(*value)
                    .bind(&now)
                    .execute(&mut *w.tx)
                    .await?;
                }
                w.commit().await?;
                Ok(WebSave {
                    saved: answers.len(),
                })
            }
            .await,
        )
    }

    async fn why_not_open(
        &self,
        conn: &mut sqlx::AnyConnection,
        respondent: RespondentId,
    ) -> Result<StoreError, StoreError> {
        let row = sqlx::query(
            "SELECT r.submitted_at, s.status FROM respondents r \
             JOIN studies s ON s.id = r.study_id WHERE r.id = $1",
        )
        .bind(respondent.0)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else {
            return Ok(StoreError::UnknownRespondent(respondent));
        };
        let submitted: Option<String> = row.try_get("submitted_at")?;
        let status: String = row.try_get("status")?;
        Ok(if StudyStatus::parse(&status) == StudyStatus::Closed {
            StoreError::StudyClosed
        } else if submitted.is_some() {
            StoreError::AlreadySubmitted
        } else {
            StoreError::UnknownRespondent(respondent)
        })
    }

    /// Records the language a respondent chose: `en`, or else `nl` (the default).
    pub async fn set_respondent_language(
        &self,
        respondent: RespondentId,
        language: &str,
    ) -> Result<(), StoreError> {
        let language = if language == "en" { "en" } else { "nl" };
        self.locate(
            async {
                let mut w = self.begin_write().await?;
                let updated = sqlx::query("UPDATE respondents SET language = $1 WHERE id = $2")
                    .bind(language)
                    .bind(respondent.0)
                    .execute(&mut *w.tx)
                    .await?;
                if updated.rows_affected() == 0 {
                    w.rollback().await?;
                    return Err(StoreError::UnknownRespondent(respondent));
                }
                w.commit().await
            }
            .await,
        )
    }

    /// Submits a respondent's questionnaire: from now on the link accepts nothing. Only
    /// while the study is open; submitting twice is [`StoreError::AlreadySubmitted`].
    /// Returns the submission time.
    pub async fn submit_respondent(&self, respondent: RespondentId) -> Result<String, StoreError> {
        self.locate(
            async {
                let now = now_rfc3339();
                let mut w = self.begin_write().await?;
                let updated = sqlx::query(
                    "UPDATE respondents SET submitted_at = $1 \
                     WHERE id = $2 AND submitted_at IS NULL AND EXISTS \
                     (SELECT 1 FROM studies s WHERE s.id = respondents.study_id \
                     AND s.status = 'open')",
                )
                .bind(&now)
                .bind(respondent.0)
                .execute(&mut *w.tx)
                .await?;
                if updated.rows_affected() == 0 {
                    let why = self.why_not_open(&mut w.tx, respondent).await?;
                    w.rollback().await?;
                    return Err(why);
                }
                w.commit().await?;
                Ok(now)
            }
            .await,
        )
    }

    /// Response per municipality and group, by municipality code then group; limited to
    /// one municipality with `Some(code)`.
    pub async fn response_progress(
        &self,
        study: StudyId,
        municipality: Option<&str>,
    ) -> Result<Vec<ProgressRow>, StoreError> {
        self.locate(
            async {
                self.ensure_study(study).await?;
                // The sums add integer literals: PostgreSQL's SUM of INTEGER is BIGINT,
                // which the Any driver decodes; a SUM of BIGINT would be NUMERIC, which
                // it cannot. The CASTs give the optional code a type on PostgreSQL.
                let rows = sqlx::query(
                    "SELECT r.municipality_code, r.respondent_group, COUNT(*) AS respondents, \
                     SUM(CASE WHEN r.token_sha256 IS NOT NULL THEN 1 ELSE 0 END) AS invited, \
                     SUM(CASE WHEN r.created_by_import IS NOT NULL THEN 1 ELSE 0 END) AS imported, \
                     SUM(CASE WHEN EXISTS (SELECT 1 FROM answers a WHERE a.respondent_id = r.id) \
                         THEN 1 ELSE 0 END) AS started, \
                     SUM(CASE WHEN r.submitted_at IS NOT NULL THEN 1 ELSE 0 END) AS submitted \
                     FROM respondents r \
                     WHERE r.study_id = $1 AND (CAST($2 AS TEXT) IS NULL OR r.municipality_code = CAST($2 AS TEXT)) \
                     GROUP BY r.municipality_code, r.respondent_group",
                )
                .bind(study.0)
                .bind(municipality)
                .fetch_all(&self.pool)
                .await?;
                let mut out = rows
                    .iter()
                    .map(|r| {
                        Ok(ProgressRow {
                            municipality_code: r.try_get("municipality_code")?,
                            group: r.try_get("respondent_group")?,
                            respondents: r.try_get("respondents")?,
                            invited: r.try_get("invited")?,
                            imported: r.try_get("imported")?,
                            started: r.try_get("started")?,
                            submitted: r.try_get("submitted")?,
                        })
                    })
                    .collect::<Result<Vec<_>, sqlx::Error>>()?;
                out.sort_by(|a, b| {
                    (&a.municipality_code, &a.group).cmp(&(&b.municipality_code, &b.group))
                });
                Ok(out)
            }
            .await,
        )
    }
}
