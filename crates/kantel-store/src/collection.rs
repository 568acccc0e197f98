//! Data collection: a study's status, respondents answering through their personal link,
//! and response progress per municipality and group.
//!
//! Web answers go into the same `answers` table as imported ones (with no import), so
//! every analysis and report sees both.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::respondents::{RESPONDENT_COLUMNS, respondent_from_row};
use crate::{
    Backend, RespondentId, RespondentRecord, Store, StoreError, StudyId, StudyStatus, is_hex64,
    now_rfc3339, sha256_hex,
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

/// A web save waiting for its group commit (SQLite).
#[derive(Debug)]
pub(crate) struct QueuedSave {
    respondent: RespondentId,
    answers: Vec<(String, Option<i64>)>,
    section: Option<i64>,
    reply: tokio::sync::oneshot::Sender<Result<WebSave, StoreError>>,
}

/// Writes one save inside `tx`: the gate UPDATE (only an open, unsubmitted respondent
/// matches; it also records the page to return to), then the answers. `Ok(Err(why))` when
/// the gate refused, with nothing written by this save.
async fn write_web_save(
    tx: &mut sqlx::AnyConnection,
    respondent: RespondentId,
    answers: &[(String, Option<i64>)],
    section: Option<i64>,
    now: &str,
) -> Result<Result<WebSave, StoreError>, StoreError> {
    let updated = sqlx::query(
        "UPDATE respondents SET last_section = COALESCE($1, last_section) \
         WHERE id = $2 AND submitted_at IS NULL AND EXISTS \
         (SELECT 1 FROM studies s WHERE s.id = respondents.study_id \
         AND s.status = 'open')",
    )
    .bind(section)
    .bind(respondent.0)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(Err(why_not_open(tx, respondent).await?));
    }
    for (item, value) in answers {
        crate::answers::upsert_answer(tx, respondent, item, *value, now).await?;
    }
    Ok(Ok(WebSave {
        saved: answers.len(),
    }))
}

/// Why the gate UPDATE matched no row: the study is closed, the questionnaire submitted, or
/// the respondent unknown.
async fn why_not_open(
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
        crate::answers::check_answers("save_web_answers", answers)?;
        let result = match self.backend {
            Backend::Sqlite => {
                self.save_web_answers_grouped(respondent, answers, section)
                    .await
            }
            Backend::Postgres => {
                async {
                    let mut w = self.begin_write().await?;
                    let outcome =
                        write_web_save(&mut w.tx, respondent, answers, section, &now_rfc3339())
                            .await?;
                    match outcome {
                        Ok(saved) => {
                            w.commit().await?;
                            Ok(saved)
                        }
                        Err(why) => {
                            w.rollback().await?;
                            Err(why)
                        }
                    }
                }
                .await
            }
        };
        self.locate(result)
    }

    /// SQLite has one writer, and a commit costs a sync of the write-ahead log: one
    /// transaction per save caps a server at one save per commit. So saves are committed
    /// in groups (leader and followers, no background task): each save queues itself, then
    /// waits for the write gate; whoever holds the gate writes every queued save in one
    /// transaction and wakes their callers. A save is acknowledged only after the commit
    /// that contains it, so durability is that of one transaction per save.
    async fn save_web_answers_grouped(
        &self,
        respondent: RespondentId,
        answers: &[(String, Option<i64>)],
        section: Option<i64>,
    ) -> Result<WebSave, StoreError> {
        let (reply, done) = tokio::sync::oneshot::channel();
        self.web_saves
            .lock()
            .map_err(|_| StoreError::Poisoned)?
            .push(QueuedSave {
                respondent,
                answers: answers.to_vec(),
                section,
                reply,
            });
        let mut done = std::pin::pin!(done);
        tokio::select! {
            biased;
            // A leader wrote our save while we waited for the gate.
            reply = &mut done => return reply.unwrap_or(Err(StoreError::Poisoned)),
            gate = self.write_gate() => {
                let batch =
                    std::mem::take(&mut *self.web_saves.lock().map_err(|_| StoreError::Poisoned)?);
                if !batch.is_empty() {
                    // In a task of its own: if this request is cancelled (the client went
                    // away), the group it leads is still written and answered.
                    let store = self.clone();
                    let _ = tokio::spawn(async move { store.write_save_group(gate, batch).await })
                        .await;
                }
            }
        }
        // Our save was in the group just written or in an earlier leader's.
        done.await.unwrap_or(Err(StoreError::Poisoned))
    }

    /// Writes a group of queued saves (the caller holds the write gate) and answers each.
    /// Saves refused by the gate UPDATE (closed study, submitted questionnaire) write
    /// nothing and get their reason; if the database fails during the group, each save is
    /// retried in a transaction of its own, so one bad save cannot fail the others.
    async fn write_save_group(
        &self,
        gate: Option<tokio::sync::OwnedMutexGuard<()>>,
        batch: Vec<QueuedSave>,
    ) {
        let now = now_rfc3339();
        let grouped: Result<Vec<Result<WebSave, StoreError>>, StoreError> = async {
            let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
            let mut outcomes = Vec::with_capacity(batch.len());
            for q in &batch {
                outcomes.push(
                    write_web_save(&mut tx, q.respondent, &q.answers, q.section, &now).await?,
                );
            }
            tx.commit().await?;
            Ok(outcomes)
        }
        .await;
        match grouped {
            Ok(outcomes) => {
                for (q, outcome) in batch.into_iter().zip(outcomes) {
                    let _ = q.reply.send(outcome);
                }
            }
            Err(_) if batch.len() > 1 => {
                for q in batch {
                    let one: Result<WebSave, StoreError> = async {
                        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                        let outcome =
                            write_web_save(&mut tx, q.respondent, &q.answers, q.section, &now)
                                .await?;
                        match outcome {
                            Ok(saved) => {
                                tx.commit().await?;
                                Ok(saved)
                            }
                            Err(why) => {
                                tx.rollback().await?;
                                Err(why)
                            }
                        }
                    }
                    .await;
                    let _ = q.reply.send(one);
                }
            }
            // A group of one: its own error, typed (busy, read-only, …).
            Err(e) => {
                if let Some(q) = batch.into_iter().next() {
                    let _ = q.reply.send(Err(e));
                }
            }
        }
        drop(gate);
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
                    let why = why_not_open(&mut w.tx, respondent).await?;
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
