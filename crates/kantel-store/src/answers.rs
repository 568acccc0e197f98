//! Answers: one value per respondent and item, whether imported or given through a
//! personal link (see `imports` and `collection`), read as one data set by every analysis.

use crate::Backend;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::error::ErrorKind;

use crate::{
    ANSWER_RANGE, RespondentId, RowProblem, Store, StoreError, StudyId, db_error_kind, now_rfc3339,
    row_err,
};

/// One stored answer, with the respondent's identity for analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// The respondent.
    pub respondent: RespondentId,
    /// The respondent's external id.
    pub external_id: String,
    /// The respondent's municipality.
    pub municipality_code: String,
    /// The respondent's group.
    pub group: String,
    /// Item id from the study definition.
    pub item: String,
    /// 1–5, or `None` for "weet niet" (don't know).
    pub value: Option<i64>,
    /// RFC 3339 time of the last change.
    pub updated_at: String,
}

impl Store {
    /// Saves (inserts or replaces) one answer: 1–5, or `None` for "don't know".
    pub async fn save_answer(
        &self,
        respondent: RespondentId,
        item: &str,
        value: Option<i64>,
    ) -> Result<(), StoreError> {
        self.save_answers(respondent, &[(item.to_owned(), value)])
            .await
    }

    /// Saves several answers of one respondent in one transaction (a submitted page).
    /// Answers saved this way belong to no import.
    pub async fn save_answers(
        &self,
        respondent: RespondentId,
        answers: &[(String, Option<i64>)],
    ) -> Result<(), StoreError> {
        check_answers("save_answers", answers)?;
        self.locate(
            async {
                let now = now_rfc3339();
                let mut w = self.begin_write().await?;
                for (item, value) in answers {
                    let result = upsert_answer(&mut w.tx, respondent, item, *value, &now).await;
                    if let Err(e) = result {
                        return Err(match db_error_kind(&e) {
                            Some(ErrorKind::ForeignKeyViolation) => {
                                StoreError::UnknownRespondent(respondent)
                            }
                            _ => e.into(),
                        });
                    }
                }
                w.commit().await?;
                Ok(())
            }
            .await,
        )
    }

    /// All answers of the study, by respondent external id and item.
    pub async fn list_answers(&self, study: StudyId) -> Result<Vec<AnswerRecord>, StoreError> {
        self.locate(
            async {
                self.ensure_study(study).await?;
                let rows = sqlx::query(
                    "SELECT a.respondent_id, r.external_id, r.municipality_code, \
                     r.respondent_group, a.item_id, a.value, a.updated_at \
                     FROM answers a JOIN respondents r ON r.id = a.respondent_id \
                     WHERE r.study_id = $1",
                )
                .bind(study.0)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(answer_from_row(r)?);
                }
                // Text order in Rust: the backends' collations disagree.
                out.sort_by(|a, b| (&a.external_id, &a.item).cmp(&(&b.external_id, &b.item)));
                Ok(out)
            }
            .await,
        )
    }

    /// Every respondent of the study who has answers, with those answers, one respondent at
    /// a time. What an analysis needs, read with one row per respondent instead of one per
    /// answer: the database joins each respondent's answers into one text, so a study of
    /// 1,200 respondents and 26,000 answers crosses the driver 1,200 times, not 26,000
    /// (each crossing is a thread hand-over in sqlx's SQLite driver). Memory stays bounded
    /// by what `f` keeps.
    pub async fn for_each_respondent(
        &self,
        study: StudyId,
        mut f: impl FnMut(RespondentAnswerSet),
    ) -> Result<(), StoreError> {
        use futures_util::TryStreamExt;
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT r.id, r.external_id, r.municipality_code, r.respondent_group, \
                 (SELECT group_concat(a.item_id || char(31) || COALESCE(CAST(a.value AS TEXT), ''), \
                 char(30)) FROM answers a WHERE a.respondent_id = r.id) AS answers \
                 FROM respondents r WHERE r.study_id = $1 \
                 AND EXISTS (SELECT 1 FROM answers a WHERE a.respondent_id = r.id) ORDER BY r.id"
            }
            Backend::Postgres => {
                "SELECT r.id, r.external_id, r.municipality_code, r.respondent_group, \
                 (SELECT string_agg(a.item_id || chr(31) || COALESCE(CAST(a.value AS TEXT), ''), \
                 chr(30)) FROM answers a WHERE a.respondent_id = r.id) AS answers \
                 FROM respondents r WHERE r.study_id = $1 \
                 AND EXISTS (SELECT 1 FROM answers a WHERE a.respondent_id = r.id) ORDER BY r.id"
            }
        };
        self.locate(
            async {
                self.ensure_study(study).await?;
                let mut rows = sqlx::query(sql).bind(study.0).fetch(&self.pool);
                while let Some(r) = rows.try_next().await? {
                    let list: Option<String> = r.try_get("answers")?;
                    f(RespondentAnswerSet {
                        respondent: RespondentId(r.try_get("id")?),
                        external_id: r.try_get("external_id")?,
                        municipality_code: r.try_get("municipality_code")?,
                        group: r.try_get("respondent_group")?,
                        answers: split_answer_list(list.as_deref().unwrap_or("")),
                    });
                }
                Ok(())
            }
            .await,
        )
    }

    /// Every stored answer of the study, one at a time, ordered by respondent, for
    /// analyses of large studies: memory stays bounded by what `f` keeps (the rows are
    /// streamed from the database, not collected first as [`Store::list_answers`] does).
    pub async fn for_each_answer(
        &self,
        study: StudyId,
        mut f: impl FnMut(AnswerRecord),
    ) -> Result<(), StoreError> {
        use futures_util::TryStreamExt;
        self.locate(
            async {
                self.ensure_study(study).await?;
                let mut rows = sqlx::query(
                    "SELECT a.respondent_id, r.external_id, r.municipality_code, \
                     r.respondent_group, a.item_id, a.value, a.updated_at \
                     FROM answers a JOIN respondents r ON r.id = a.respondent_id \
                     WHERE r.study_id = $1 ORDER BY a.respondent_id, a.id",
                )
                .bind(study.0)
                .fetch(&self.pool);
                while let Some(r) = rows.try_next().await? {
                    f(answer_from_row(&r)?);
                }
                Ok(())
            }
            .await,
        )
    }
}

/// Separators of the per-respondent answer lists that [`Store::for_each_respondent`] has the
/// database build: ASCII unit and record separators, which item ids never contain (an id
/// that did would show as an item the study does not know).
const ITEM_VALUE_SEP: char = '\u{1f}';
const ANSWER_SEP: char = '\u{1e}';

/// Splits a list built by [`Store::for_each_respondent`]'s query.
fn split_answer_list(list: &str) -> Vec<(String, Option<i64>)> {
    list.split(ANSWER_SEP)
        .filter(|a| !a.is_empty())
        .map(|a| match a.split_once(ITEM_VALUE_SEP) {
            Some((item, value)) => (item.to_owned(), value.parse::<i64>().ok()),
            None => (a.to_owned(), None),
        })
        .collect()
}

/// Checks answers before anything is written: a non-empty item, a value in
/// [`ANSWER_RANGE`] (`None` is "don't know"). The first problem is the error.
pub(crate) fn check_answers(
    operation: &'static str,
    answers: &[(String, Option<i64>)],
) -> Result<(), StoreError> {
    for (i, (item, value)) in answers.iter().enumerate() {
        if item.trim().is_empty() {
            return Err(row_err(
                operation,
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
    Ok(())
}

/// Inserts or replaces one answer given outside an import (it then belongs to no import).
pub(crate) async fn upsert_answer(
    conn: &mut sqlx::AnyConnection,
    respondent: RespondentId,
    item: &str,
    value: Option<i64>,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO answers (respondent_id, item_id, value, updated_at, import_id) \
         VALUES ($1, $2, $3, $4, NULL) \
         ON CONFLICT (respondent_id, item_id) DO UPDATE SET value = excluded.value, \
         updated_at = excluded.updated_at, import_id = NULL",
    )
    .bind(respondent.0)
    .bind(item)
    .bind(value)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One respondent with all their stored answers, as [`Store::for_each_respondent`] gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RespondentAnswerSet {
    /// The respondent.
    pub respondent: RespondentId,
    /// The respondent's external id.
    pub external_id: String,
    /// The respondent's municipality.
    pub municipality_code: String,
    /// The respondent's group.
    pub group: String,
    /// (item, value) pairs in no particular order; `None` is "weet niet".
    pub answers: Vec<(String, Option<i64>)>,
}

/// An answer row of [`Store::list_answers`] and [`Store::for_each_answer`] (same columns).
fn answer_from_row(r: &sqlx::any::AnyRow) -> Result<AnswerRecord, sqlx::Error> {
    Ok(AnswerRecord {
        respondent: RespondentId(r.try_get("respondent_id")?),
        external_id: r.try_get("external_id")?,
        municipality_code: r.try_get("municipality_code")?,
        group: r.try_get("respondent_group")?,
        item: r.try_get("item_id")?,
        value: r.try_get("value")?,
        updated_at: r.try_get("updated_at")?,
    })
}
