//! Imports of answers, register values and expert ratings: streaming imports in one
//! transaction, content-based "unchanged" detection, replace and remove, the import
//! history (event log) and the study's data version.
//!
//! Ownership: every answer and register value records the import that last wrote it
//! (`import_id`). An import that is not [`ImportOutcome::Unchanged`] upserts every row of
//! its file, so it then owns all of them, also those whose value it did not change.
//! Replacing or removing an import deletes what it still owns; values that a later import
//! overwrote belong to that later import and stay.
//!
//! Change detection: an upsert keeps a row's `updated_at` when the stored value equals the
//! new one and sets it to the import's time otherwise, so after writing, "did this import
//! change anything" is "did it create a respondent, or does any row it owns carry its
//! time". An import that changed nothing is rolled back and reported as unchanged.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use sqlx::error::ErrorKind;
use sqlx::{AssertSqlSafe, Row};

use crate::respondents::check_respondent_fields;
use crate::{
    Backend, ImportId, RegisterValueRecord, RespondentMismatch, RowProblem, SqlText, Store,
    StoreError, StudyId, WriteTx, constraint_message, db_error_kind, is_hex64, now_rfc3339,
    row_err,
};

/// Respondents per statement of an answers import (lookup, insert, link).
const RESPONDENT_CHUNK: usize = 500;
/// Answers per upsert statement: 3 parameters each, far below SQLite's 32766 and
/// PostgreSQL's 65535 bound parameters.
const ANSWER_CHUNK: usize = 1000;
/// Register values per upsert statement (5 parameters each).
const REGISTER_CHUNK: usize = 500;

/// One respondent's row of an answers file, for [`Store::import_answers`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerImportRow {
    /// Respondent identifier; a respondent not yet stored is created.
    pub external_id: String,
    /// CBS code of the respondent's municipality.
    pub municipality_code: String,
    /// Respondent group.
    pub group: String,
    /// (item id, value 1–5 or `None` for "don't know").
    pub answers: Vec<(String, Option<i64>)>,
}

/// What an import file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImportKind {
    /// Survey answers ([`Store::import_answers`]).
    Answers,
    /// Register values ([`Store::import_register_values`]).
    RegisterValues,
    /// Expert ratings, stored as register values ([`Store::import_ratings`]).
    Ratings,
}

impl ImportKind {
    /// The value in the `imports.kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Answers => "answers",
            ImportKind::RegisterValues => "register_values",
            ImportKind::Ratings => "ratings",
        }
    }

    fn parse(s: &str) -> Result<ImportKind, StoreError> {
        match s {
            "answers" => Ok(ImportKind::Answers),
            "register_values" => Ok(ImportKind::RegisterValues),
            "ratings" => Ok(ImportKind::Ratings),
            other => Err(StoreError::CorruptValue {
                what: "imports.kind",
                value: other.to_owned(),
            }),
        }
    }

    fn is_register(self) -> bool {
        matches!(self, ImportKind::RegisterValues | ImportKind::Ratings)
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImportStatus {
    /// Its data is (as far as no later import overwrote it) in the study.
    Active,
    /// Replaced by another import ([`ImportRecord::replaced_by`]); its data was removed.
    Replaced,
    /// Removed; its data was removed.
    Removed,
}

impl ImportStatus {
    /// The value in the `imports.status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportStatus::Active => "active",
            ImportStatus::Replaced => "replaced",
            ImportStatus::Removed => "removed",
        }
    }

    fn parse(s: &str) -> Result<ImportStatus, StoreError> {
        match s {
            "active" => Ok(ImportStatus::Active),
            "replaced" => Ok(ImportStatus::Replaced),
            "removed" => Ok(ImportStatus::Removed),
            other => Err(StoreError::CorruptValue {
                what: "imports.status",
                value: other.to_owned(),
            }),
        }
    }
}

impl fmt::Display for ImportStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Numbers of respondents, answers and register values (added by an import, or removed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ImportCounts {
    /// Respondents created (added) or deleted (removed).
    pub respondents: i64,
    /// Answers written (added: inserted or updated) or deleted.
    pub answers: i64,
    /// Register values (or ratings) written or deleted.
    pub register_values: i64,
}

/// A recorded import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// Its id.
    pub id: ImportId,
    /// The study.
    pub study: StudyId,
    /// What the file held.
    pub kind: ImportKind,
    /// File name as given by the caller.
    pub file_name: String,
    /// Lower-case hex SHA-256 of the file content.
    pub content_sha256: String,
    /// Number of rows imported.
    pub rows: i64,
    /// RFC 3339.
    pub created_at: String,
    /// Active, replaced or removed.
    pub status: ImportStatus,
    /// RFC 3339 time it was replaced or removed.
    pub status_changed_at: Option<String>,
    /// The import that replaced it.
    pub replaced_by: Option<ImportId>,
    /// What it wrote: respondents created, answers and register values written.
    pub added: ImportCounts,
}

/// What happened in an [`ImportEvent`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImportAction {
    /// A file was imported.
    Import,
    /// An import was replaced by a new file.
    Replace,
    /// An import was removed.
    Remove,
}

impl ImportAction {
    /// The value in the `import_events.action` column.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportAction::Import => "import",
            ImportAction::Replace => "replace",
            ImportAction::Remove => "remove",
        }
    }

    fn parse(s: &str) -> Result<ImportAction, StoreError> {
        match s {
            "import" => Ok(ImportAction::Import),
            "replace" => Ok(ImportAction::Replace),
            "remove" => Ok(ImportAction::Remove),
            other => Err(StoreError::CorruptValue {
                what: "import_events.action",
                value: other.to_owned(),
            }),
        }
    }
}

/// One entry of a study's import history. Every event raises the study's data version by
/// one; `data_version` is the version it produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportEvent {
    /// The study.
    pub study: StudyId,
    /// The data version this event produced (1, 2, … per study).
    pub data_version: i64,
    /// Import, replace or remove.
    pub action: ImportAction,
    /// The new import (import, replace) or the removed one (remove).
    pub import: ImportId,
    /// The replaced import (replace only).
    pub replaced: Option<ImportId>,
    /// What the file holds.
    pub kind: ImportKind,
    /// The file imported (import, replace) or removed (remove).
    pub file_name: String,
    /// Its SHA-256.
    pub content_sha256: String,
    /// What the new file wrote.
    pub added: ImportCounts,
    /// What was deleted (replace, remove).
    pub removed: ImportCounts,
    /// RFC 3339.
    pub created_at: String,
}

/// Result of an import call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportOutcome {
    /// The rows were written.
    Imported {
        /// The new import record.
        import: ImportRecord,
        /// Respondents created by this import (answers imports only; 0 otherwise).
        respondents_created: usize,
        /// Answers or register values written (inserted or updated).
        values_written: usize,
        /// The history entry, with the new data version.
        event: ImportEvent,
    },
    /// Every row of the file is stored already with the same values: nothing was written,
    /// no event recorded, the data version is unchanged.
    Unchanged {
        /// Rows in the file.
        rows: usize,
        /// The latest active import of a file with the same content, if any.
        previous: Option<ImportRecord>,
    },
}

/// An active import, as part of a [`DataVersion`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActiveImport {
    /// Its id.
    pub id: ImportId,
    /// What it holds.
    pub kind: ImportKind,
    /// File name.
    pub file_name: String,
    /// SHA-256 of the file.
    pub content_sha256: String,
}

/// The state of a study's data: a number that grows with every import, replace and remove,
/// the imports that are active, and a stamp of the stored answers, which web answers
/// change without an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataVersion {
    /// The study.
    pub study: StudyId,
    /// 0 before the first import.
    pub version: i64,
    /// Active imports, oldest first.
    pub imports: Vec<ActiveImport>,
    /// How many answers are stored and when one last changed, when read
    /// ([`Store::data_version_with_answers`]; `None` from [`Store::data_version`], which
    /// imports call and which must not scan every answer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<AnswersStamp>,
}

/// The study's stored answers in two numbers. Every save (web or import) stamps its time on
/// the answers it writes, and removals raise the data version, so the pair changes whenever
/// the answers do; it identifies what an analysis read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AnswersStamp {
    /// Answers stored for the study's respondents (web and imported).
    pub count: i64,
    /// RFC 3339 time of the latest change; `None` without answers.
    pub last_change: Option<String>,
}

/// The rows of a replacement file for [`Store::replace_import`].
#[derive(Debug, Clone, Copy)]
pub enum ImportRows<'a> {
    /// For an answers import.
    Answers(&'a [AnswerImportRow]),
    /// For a register values or ratings import.
    RegisterValues(&'a [RegisterValueRecord]),
}

const IMPORT_COLUMNS: &str = "id, study_id, kind, file_name, content_sha256, row_count, \
     created_at, status, status_changed_at, replaced_by, respondents_created, \
     answers_written, register_values_written";

fn import_from_row(row: &AnyRow) -> Result<ImportRecord, StoreError> {
    let kind: String = row.try_get("kind")?;
    let status: String = row.try_get("status")?;
    Ok(ImportRecord {
        id: ImportId(row.try_get("id")?),
        study: StudyId(row.try_get("study_id")?),
        kind: ImportKind::parse(&kind)?,
        file_name: row.try_get("file_name")?,
        content_sha256: row.try_get("content_sha256")?,
        rows: row.try_get("row_count")?,
        created_at: row.try_get("created_at")?,
        status: ImportStatus::parse(&status)?,
        status_changed_at: row.try_get("status_changed_at")?,
        replaced_by: row.try_get::<Option<i64>, _>("replaced_by")?.map(ImportId),
        added: ImportCounts {
            respondents: row.try_get("respondents_created")?,
            answers: row.try_get("answers_written")?,
            register_values: row.try_get("register_values_written")?,
        },
    })
}

const EVENT_COLUMNS: &str = "study_id, data_version, action, import_id, replaced_import_id, \
     kind, file_name, content_sha256, respondents_added, answers_added, \
     register_values_added, respondents_removed, answers_removed, register_values_removed, \
     created_at";

fn event_from_row(row: &AnyRow) -> Result<ImportEvent, StoreError> {
    let action: String = row.try_get("action")?;
    let kind: String = row.try_get("kind")?;
    Ok(ImportEvent {
        study: StudyId(row.try_get("study_id")?),
        data_version: row.try_get("data_version")?,
        action: ImportAction::parse(&action)?,
        import: ImportId(row.try_get("import_id")?),
        replaced: row
            .try_get::<Option<i64>, _>("replaced_import_id")?
            .map(ImportId),
        kind: ImportKind::parse(&kind)?,
        file_name: row.try_get("file_name")?,
        content_sha256: row.try_get("content_sha256")?,
        added: ImportCounts {
            respondents: row.try_get("respondents_added")?,
            answers: row.try_get("answers_added")?,
            register_values: row.try_get("register_values_added")?,
        },
        removed: ImportCounts {
            respondents: row.try_get("respondents_removed")?,
            answers: row.try_get("answers_removed")?,
            register_values: row.try_get("register_values_removed")?,
        },
        created_at: row.try_get("created_at")?,
    })
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_i64_u(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

async fn fetch_import(
    conn: &mut AnyConnection,
    study: StudyId,
    import: ImportId,
) -> Result<ImportRecord, StoreError> {
    let sql = format!("SELECT {IMPORT_COLUMNS} FROM imports WHERE id = $1 AND study_id = $2");
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(import.0)
        .bind(study.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::UnknownImport { study, import })?;
    import_from_row(&row)
}

/// Raises the study's data version by one and records the event.
async fn record_event(conn: &mut AnyConnection, event: &mut ImportEvent) -> Result<(), StoreError> {
    let version: i64 = sqlx::query_scalar(
        "UPDATE studies SET data_version = data_version + 1 WHERE id = $1 RETURNING data_version",
    )
    .bind(event.study.0)
    .fetch_one(&mut *conn)
    .await?;
    event.data_version = version;
    sqlx::query(
        "INSERT INTO import_events (study_id, data_version, action, import_id, \
         replaced_import_id, kind, file_name, content_sha256, respondents_added, answers_added, \
         register_values_added, respondents_removed, answers_removed, register_values_removed, \
         created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(event.study.0)
    .bind(version)
    .bind(event.action.as_str())
    .bind(event.import.0)
    .bind(event.replaced.map(|i| i.0))
    .bind(event.kind.as_str())
    .bind(&event.file_name)
    .bind(&event.content_sha256)
    .bind(event.added.respondents)
    .bind(event.added.answers)
    .bind(event.added.register_values)
    .bind(event.removed.respondents)
    .bind(event.removed.answers)
    .bind(event.removed.register_values)
    .bind(&event.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Respondents that `import` created and that nothing holds any more: no answers, no
/// personal token (someone may be about to answer), no link from an active import.
/// `import` must no longer be active when this runs.
macro_rules! orphaned_respondents {
    () => {
        "SELECT r.id FROM respondents r \
         WHERE r.study_id = $1 AND r.created_by_import = $2 AND r.token_sha256 IS NULL \
         AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.respondent_id = r.id) \
         AND NOT EXISTS (SELECT 1 FROM import_respondents ir \
             JOIN imports i ON i.id = ir.import_id \
             WHERE ir.respondent_id = r.id AND i.status = 'active')"
    };
}

/// Deletes what `import` still owns: its answers and register values, then the respondents
/// it created that are left without answers. Returns the counts.
async fn delete_contributions(
    conn: &mut AnyConnection,
    backend: Backend,
    study: StudyId,
    import: ImportId,
) -> Result<ImportCounts, StoreError> {
    let (answers, register_values) = delete_owned_values(conn, backend, import).await?;
    let respondents = delete_orphaned_respondents(conn, backend, study, import).await?;
    Ok(ImportCounts {
        respondents,
        answers,
        register_values,
    })
}

/// Rows per DELETE when SQLite removes what an import owns: it collects the row ids of a
/// DELETE in memory first (about 20 bytes each), so one statement for 5.8 million answers
/// took 150 MB; in batches memory stays flat. PostgreSQL deletes as it goes and gets one
/// plain statement (batches would walk again over the index entries of rows deleted
/// before, which stay in the index until the transaction ends).
const SQLITE_DELETE_BATCH: i64 = 20_000;

/// Respondents deleted per statement (their ids pass through Rust).
const RESPONDENT_DELETE_BATCH: i64 = 20_000;

/// Deletes the answers and register values `import` owns; returns their numbers.
async fn delete_owned_values(
    conn: &mut AnyConnection,
    backend: Backend,
    import: ImportId,
) -> Result<(i64, i64), StoreError> {
    let (answers_sql, values_sql) = match backend {
        Backend::Sqlite => (
            "DELETE FROM answers WHERE id IN \
             (SELECT id FROM answers WHERE import_id = $1 LIMIT $2)",
            "DELETE FROM register_values WHERE id IN \
             (SELECT id FROM register_values WHERE import_id = $1 LIMIT $2)",
        ),
        Backend::Postgres => (
            "DELETE FROM answers WHERE import_id = $1",
            "DELETE FROM register_values WHERE import_id = $1",
        ),
    };
    let mut counts = [0_i64; 2];
    for (count, sql) in counts.iter_mut().zip([answers_sql, values_sql]) {
        loop {
            let mut q = sqlx::query(sql).bind(import.0);
            if backend == Backend::Sqlite {
                q = q.bind(SQLITE_DELETE_BATCH);
            }
            let n = to_i64_u(q.execute(&mut *conn).await?.rows_affected());
            *count += n;
            if backend == Backend::Postgres || n < SQLITE_DELETE_BATCH {
                break;
            }
        }
    }
    Ok((counts[0], counts[1]))
}

async fn delete_orphaned_respondents(
    conn: &mut AnyConnection,
    backend: Backend,
    study: StudyId,
    import: ImportId,
) -> Result<i64, StoreError> {
    let mut deleted = 0;
    loop {
        let ids: Vec<i64> = sqlx::query_scalar(concat!(orphaned_respondents!(), " LIMIT $3"))
            .bind(study.0)
            .bind(import.0)
            .bind(RESPONDENT_DELETE_BATCH)
            .fetch_all(&mut *conn)
            .await?;
        if ids.is_empty() {
            return Ok(deleted);
        }
        for head in [
            "DELETE FROM import_respondents WHERE respondent_id IN (",
            "DELETE FROM respondents WHERE id IN (",
        ] {
            let sql = SqlText::new(backend)
                .push(head)
                .repeat(ids.len(), "?")
                .push(")")
                .build();
            let mut q = sqlx::query(sql);
            for id in &ids {
                q = q.bind(*id);
            }
            q.execute(&mut *conn).await?;
        }
        deleted += to_i64(ids.len());
    }
}

/// Checks that need no database: empty fields, values outside 1–5, an item twice in a row.
/// `first_row` is the number of rows before `rows` in the whole input.
fn validate_answer_rows(
    op: &'static str,
    first_row: usize,
    rows: &[AnswerImportRow],
) -> Result<(), StoreError> {
    for (i, r) in rows.iter().enumerate() {
        let row = first_row + i + 1;
        check_respondent_fields(op, row, &r.external_id, &r.municipality_code, &r.group)?;
        let mut items: HashSet<&str> = HashSet::with_capacity(r.answers.len());
        for (item, value) in &r.answers {
            if item.trim().is_empty() {
                return Err(row_err(op, row, RowProblem::Empty { field: "item" }));
            }
            if let Some(v) = *value
                && !crate::ANSWER_RANGE.contains(&v)
            {
                let problem = RowProblem::AnswerOutOfRange {
                    item: item.clone(),
                    value: v,
                };
                return Err(row_err(op, row, problem));
            }
            if !items.insert(item) {
                let key = format!("item {item:?} of respondent {:?}", r.external_id);
                let problem = RowProblem::Duplicate {
                    key,
                    first_row: row,
                };
                return Err(row_err(op, row, problem));
            }
        }
    }
    Ok(())
}

/// A respondent listed twice within `rows`.
fn check_duplicate_respondents(
    op: &'static str,
    first_row: usize,
    rows: &[AnswerImportRow],
) -> Result<(), StoreError> {
    let mut first_seen: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let row = first_row + i + 1;
        if let Some(&first) = first_seen.get(r.external_id.as_str()) {
            let key = format!("respondent {:?}", r.external_id);
            let problem = RowProblem::Duplicate {
                key,
                first_row: first,
            };
            return Err(row_err(op, row, problem));
        }
        first_seen.insert(&r.external_id, row);
    }
    Ok(())
}

fn register_key(r: &RegisterValueRecord) -> String {
    format!(
        "register value {} / {:?} / {}",
        r.municipality_code, r.indicator, r.year
    )
}

/// Checks that need no database, and keys twice within `rows`.
fn validate_register_rows(
    op: &'static str,
    first_row: usize,
    rows: &[RegisterValueRecord],
) -> Result<(), StoreError> {
    let mut first_seen: HashMap<(&str, &str, i64), usize> = HashMap::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let row = first_row + i + 1;
        if r.municipality_code.trim().is_empty() {
            let problem = RowProblem::Empty {
                field: "municipality code",
            };
            return Err(row_err(op, row, problem));
        }
        if r.indicator.trim().is_empty() {
            return Err(row_err(op, row, RowProblem::Empty { field: "indicator" }));
        }
        if let Some(v) = r.value
            && !v.is_finite()
        {
            return Err(row_err(op, row, RowProblem::NotFinite(v)));
        }
        let key = (r.municipality_code.as_str(), r.indicator.as_str(), r.year);
        if let Some(&first) = first_seen.get(&key) {
            let problem = RowProblem::Duplicate {
                key: register_key(r),
                first_row: first,
            };
            return Err(row_err(op, row, problem));
        }
        first_seen.insert(key, row);
    }
    Ok(())
}

fn check_sha(content_sha256: &str) -> Result<String, StoreError> {
    if is_hex64(content_sha256) {
        Ok(content_sha256.to_ascii_lowercase())
    } else {
        Err(StoreError::InvalidSha256(content_sha256.to_owned()))
    }
}

/// What both streaming importers share: the open write transaction, the new import's
/// record and the running counts.
struct ImportCore {
    store: Store,
    /// `None` after an error: the transaction was dropped, i.e. rolled back.
    tx: Option<WriteTx>,
    operation: &'static str,
    import: ImportRecord,
    /// The import being replaced, and what was deleted of it.
    replacing: Option<(ImportRecord, ImportCounts)>,
    rows: usize,
    respondents_created: usize,
    values_written: usize,
}

impl ImportCore {
    async fn begin(
        store: &Store,
        operation: &'static str,
        study: StudyId,
        kind: ImportKind,
        file_name: &str,
        content_sha256: &str,
        replacing: Option<ImportId>,
    ) -> Result<ImportCore, StoreError> {
        let sha = check_sha(content_sha256)?;
        let mut w = store.begin_write().await?;
        store.lock_study(&mut w.tx, study).await?;

        let now = now_rfc3339();
        let mut kind = kind;
        let replacing = match replacing {
            None => None,
            Some(old) => {
                let old = fetch_import(&mut w.tx, study, old).await?;
                if old.status != ImportStatus::Active {
                    return Err(StoreError::ImportNotActive {
                        import: old.id,
                        status: old.status,
                    });
                }
                if old.kind.is_register() && kind.is_register() {
                    // A register file replaces a ratings import as ratings.
                    kind = old.kind;
                } else if old.kind != kind {
                    return Err(StoreError::ImportKindMismatch {
                        import: old.id,
                        kind: old.kind,
                        given: kind,
                    });
                }
                sqlx::query(
                    "UPDATE imports SET status = 'replaced', status_changed_at = $1 WHERE id = $2",
                )
                .bind(&now)
                .bind(old.id.0)
                .execute(&mut *w.tx)
                .await?;
                let (answers, register_values) =
                    delete_owned_values(&mut w.tx, store.backend, old.id).await?;
                // Respondents are cleaned up in `finish`, after the new rows had their
                // chance to keep them (and their ids and tokens).
                let removed = ImportCounts {
                    respondents: 0,
                    answers,
                    register_values,
                };
                Some((old, removed))
            }
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO imports (study_id, kind, file_name, content_sha256, row_count, \
             created_at, status) VALUES ($1, $2, $3, $4, 0, $5, 'active') RETURNING id",
        )
        .bind(study.0)
        .bind(kind.as_str())
        .bind(file_name)
        .bind(&sha)
        .bind(&now)
        .fetch_one(&mut *w.tx)
        .await?;
        Ok(ImportCore {
            store: store.clone(),
            tx: Some(w),
            operation,
            import: ImportRecord {
                id: ImportId(id),
                study,
                kind,
                file_name: file_name.to_owned(),
                content_sha256: sha,
                rows: 0,
                created_at: now,
                status: ImportStatus::Active,
                status_changed_at: None,
                replaced_by: None,
                added: ImportCounts::default(),
            },
            replacing,
            rows: 0,
            respondents_created: 0,
            values_written: 0,
        })
    }

    /// The transaction, or [`StoreError::ImportAbandoned`] after an earlier error.
    fn tx(&mut self) -> Result<&mut WriteTx, StoreError> {
        self.tx.as_mut().ok_or(StoreError::ImportAbandoned)
    }

    /// On error: roll back (by dropping the transaction) and name the file in the error.
    fn fail(&mut self, e: StoreError) -> StoreError {
        self.tx = None;
        self.store.locate_err(e)
    }

    async fn finish(mut self) -> Result<ImportOutcome, StoreError> {
        let result = self.finish_inner().await;
        result.map_err(|e| self.fail(e))
    }

    async fn finish_inner(&mut self) -> Result<ImportOutcome, StoreError> {
        let study = self.import.study;
        let id = self.import.id;
        let now = self.import.created_at.clone();
        let kind = self.import.kind;
        let replacing = self.replacing.is_some();
        // Taken out: dropped (rolled back) on any error below.
        let mut w = self.tx.take().ok_or(StoreError::ImportAbandoned)?;
        let conn: &mut AnyConnection = &mut w.tx;
        let changed = replacing
            || self.respondents_created > 0
            || match kind {
                ImportKind::Answers => sqlx::query_scalar::<_, i64>(
                    "SELECT id FROM answers WHERE import_id = $1 AND updated_at = $2 LIMIT 1",
                )
                .bind(id.0)
                .bind(&now)
                .fetch_optional(&mut *conn)
                .await?
                .is_some(),
                ImportKind::RegisterValues | ImportKind::Ratings => sqlx::query_scalar::<_, i64>(
                    "SELECT id FROM register_values \
                         WHERE import_id = $1 AND updated_at = $2 LIMIT 1",
                )
                .bind(id.0)
                .bind(&now)
                .fetch_optional(&mut *conn)
                .await?
                .is_some(),
            };
        if !changed {
            w.rollback().await?;
            let previous = self
                .store
                .active_import_of(study, kind, &self.import.content_sha256)
                .await?;
            return Ok(ImportOutcome::Unchanged {
                rows: self.rows,
                previous,
            });
        }
        let written = to_i64(self.values_written);
        let added = ImportCounts {
            respondents: to_i64(self.respondents_created),
            answers: if kind == ImportKind::Answers {
                written
            } else {
                0
            },
            register_values: if kind.is_register() { written } else { 0 },
        };
        self.import.rows = to_i64(self.rows);
        self.import.added = added;
        sqlx::query(
            "UPDATE imports SET row_count = $1, respondents_created = $2, answers_written = $3, \
             register_values_written = $4 WHERE id = $5",
        )
        .bind(self.import.rows)
        .bind(added.respondents)
        .bind(added.answers)
        .bind(added.register_values)
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
        let mut removed = ImportCounts::default();
        let mut replaced = None;
        if let Some((old, removed_before)) = &self.replacing {
            // Respondents of the old file that the new one lists again now belong to it.
            sqlx::query(
                "UPDATE respondents SET created_by_import = $1 WHERE created_by_import = $2 \
                 AND id IN (SELECT respondent_id FROM import_respondents WHERE import_id = $1)",
            )
            .bind(id.0)
            .bind(old.id.0)
            .execute(&mut *conn)
            .await?;
            removed = *removed_before;
            removed.respondents =
                delete_orphaned_respondents(conn, self.store.backend, study, old.id).await?;
            sqlx::query("UPDATE imports SET replaced_by = $1 WHERE id = $2")
                .bind(id.0)
                .bind(old.id.0)
                .execute(&mut *conn)
                .await?;
            replaced = Some(old.id);
        }
        let mut event = ImportEvent {
            study,
            data_version: 0,
            action: if replacing {
                ImportAction::Replace
            } else {
                ImportAction::Import
            },
            import: id,
            replaced,
            kind,
            file_name: self.import.file_name.clone(),
            content_sha256: self.import.content_sha256.clone(),
            added,
            removed,
            created_at: now,
        };
        record_event(conn, &mut event).await?;
        w.commit().await?;
        Ok(ImportOutcome::Imported {
            import: self.import.clone(),
            respondents_created: self.respondents_created,
            values_written: self.values_written,
            event,
        })
    }
}

/// A streaming answers import: [`AnswersImport::add`] per batch of rows, then
/// [`AnswersImport::finish`]. Everything happens in one transaction that holds the
/// database's write lock (SQLite) or the study's row lock (PostgreSQL) from
/// [`Store::begin_answers_import`] on; an error in any call, or dropping the import
/// without finishing it, rolls everything back.
///
/// Memory stays bounded by the batch: rows are written as they come, respondents are
/// looked up per batch, and a respondent listed twice in the file is caught by the
/// database (the import's respondent links), not by a set in memory.
///
/// On an in-memory SQLite store (one connection) no other call of the same store can run
/// while an import is open.
pub struct AnswersImport {
    core: ImportCore,
    /// The study's municipality codes (a few hundred at most).
    municipalities: HashSet<String>,
}

impl fmt::Debug for AnswersImport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AnswersImport")
            .field("import", &self.core.import)
            .field("rows", &self.core.rows)
            .finish_non_exhaustive()
    }
}

impl AnswersImport {
    async fn begin(
        store: &Store,
        study: StudyId,
        file_name: &str,
        content_sha256: &str,
        replacing: Option<ImportId>,
    ) -> Result<AnswersImport, StoreError> {
        let operation = if replacing.is_some() {
            "replace_import"
        } else {
            "import_answers"
        };
        let result = async {
            let mut core = ImportCore::begin(
                store,
                operation,
                study,
                ImportKind::Answers,
                file_name,
                content_sha256,
                replacing,
            )
            .await?;
            let codes: Vec<String> =
                sqlx::query_scalar("SELECT code FROM municipalities WHERE study_id = $1")
                    .bind(study.0)
                    .fetch_all(&mut *core.tx()?.tx)
                    .await?;
            Ok(AnswersImport {
                core,
                municipalities: codes.into_iter().collect(),
            })
        }
        .await;
        store.locate(result)
    }

    /// The import's record as it will be stored (its id is fixed already).
    pub fn import(&self) -> &ImportRecord {
        &self.core.import
    }

    /// Writes a batch of rows. Row numbers in errors count over all batches (1-based).
    /// After an error the import is abandoned: nothing of it is written, and further calls
    /// return [`StoreError::ImportAbandoned`].
    pub async fn add(&mut self, rows: &[AnswerImportRow]) -> Result<(), StoreError> {
        let result = self.add_inner(rows).await;
        result.map_err(|e| self.core.fail(e))
    }

    /// Commits. [`ImportOutcome::Unchanged`] (and nothing written) when every row was
    /// stored already with the same values; a replacement always counts as a change.
    pub async fn finish(self) -> Result<ImportOutcome, StoreError> {
        self.core.finish().await
    }

    async fn add_inner(&mut self, rows: &[AnswerImportRow]) -> Result<(), StoreError> {
        let op = self.core.operation;
        let before = self.core.rows;
        validate_answer_rows(op, before, rows)?;
        check_duplicate_respondents(op, before, rows)?;
        for (c, chunk) in rows.chunks(RESPONDENT_CHUNK).enumerate() {
            let first_row = before + c * RESPONDENT_CHUNK;
            let (created, written) = self.add_chunk(first_row, chunk).await?;
            self.core.respondents_created += created;
            self.core.values_written += written;
        }
        self.core.rows += rows.len();
        Ok(())
    }

    /// One chunk: look up, check and create respondents, link them to the import (which
    /// catches a respondent already listed by an earlier batch), upsert the answers.
    async fn add_chunk(
        &mut self,
        first_row: usize,
        chunk: &[AnswerImportRow],
    ) -> Result<(usize, usize), StoreError> {
        let op = self.core.operation;
        let study = self.core.import.study;
        let import = self.core.import.id;
        let now = self.core.import.created_at.clone();
        let municipalities = &self.municipalities;
        let backend = self.core.store.backend;
        let conn: &mut AnyConnection =
            &mut self.core.tx.as_mut().ok_or(StoreError::ImportAbandoned)?.tx;

        let sql = SqlText::new(backend)
            .push(
                "SELECT id, external_id, municipality_code, respondent_group FROM respondents \
                 WHERE study_id = ? AND external_id IN (",
            )
            .repeat(chunk.len(), "?")
            .push(")")
            .build();
        let mut q = sqlx::query(sql)
            .persistent(cache_lookup_plan(backend))
            .bind(study.0);
        for r in chunk {
            q = q.bind(r.external_id.as_str());
        }
        let mut ids: HashMap<String, i64> = HashMap::with_capacity(chunk.len());
        let mut stored: HashMap<String, (String, String)> = HashMap::new();
        for row in q.fetch_all(&mut *conn).await? {
            let external_id: String = row.try_get("external_id")?;
            ids.insert(external_id.clone(), row.try_get("id")?);
            stored.insert(
                external_id,
                (
                    row.try_get("municipality_code")?,
                    row.try_get("respondent_group")?,
                ),
            );
        }
        let mut new_rows: Vec<&AnswerImportRow> = Vec::new();
        for (k, r) in chunk.iter().enumerate() {
            let row = first_row + k + 1;
            match stored.remove(&r.external_id) {
                Some((stored_municipality, stored_group)) => {
                    if stored_municipality != r.municipality_code || stored_group != r.group {
                        let problem =
                            RowProblem::RespondentMismatch(Box::new(RespondentMismatch {
                                external_id: r.external_id.clone(),
                                stored_municipality,
                                stored_group,
                                municipality: r.municipality_code.clone(),
                                group: r.group.clone(),
                            }));
                        return Err(row_err(op, row, problem));
                    }
                }
                None => {
                    if !municipalities.contains(&r.municipality_code) {
                        let problem = RowProblem::UnknownMunicipality {
                            code: r.municipality_code.clone(),
                        };
                        return Err(row_err(op, row, problem));
                    }
                    new_rows.push(r);
                }
            }
        }
        if !new_rows.is_empty() {
            let sql = SqlText::new(backend)
                .push(
                    "INSERT INTO respondents (study_id, external_id, municipality_code, \
                     respondent_group, token_sha256, created_at, created_by_import) VALUES ",
                )
                .repeat(new_rows.len(), "(?, ?, ?, ?, NULL, ?, ?)")
                .push(" RETURNING id, external_id")
                .build();
            let mut q = sqlx::query(sql);
            for r in &new_rows {
                q = q
                    .bind(study.0)
                    .bind(r.external_id.as_str())
                    .bind(r.municipality_code.as_str())
                    .bind(r.group.as_str())
                    .bind(now.as_str())
                    .bind(import.0);
            }
            let inserted = q
                .fetch_all(&mut *conn)
                .await
                .map_err(|e| constraint_error(op, first_row + 1, first_row + chunk.len(), e))?;
            for row in inserted {
                ids.insert(row.try_get("external_id")?, row.try_get("id")?);
            }
        }
        let respondent_ids: Vec<i64> = chunk
            .iter()
            .map(|r| ids.get(&r.external_id).copied().unwrap_or(0))
            .collect();

        // Links; ON CONFLICT DO NOTHING keeps a PostgreSQL transaction usable for looking
        // up where a respondent listed twice appeared first.
        let sql = SqlText::new(backend)
            .push("INSERT INTO import_respondents (import_id, respondent_id, row_number) VALUES ")
            .repeat(chunk.len(), "(?, ?, ?)")
            .push(" ON CONFLICT (import_id, respondent_id) DO NOTHING")
            .build();
        let mut q = sqlx::query(sql);
        for (k, id) in respondent_ids.iter().enumerate() {
            q = q.bind(import.0).bind(*id).bind(to_i64(first_row + k + 1));
        }
        let linked = q.execute(&mut *conn).await?.rows_affected();
        if linked != chunk.len() as u64 {
            let sql = SqlText::new(backend)
                .push(
                    "SELECT respondent_id, row_number FROM import_respondents \
                     WHERE import_id = ? AND respondent_id IN (",
                )
                .repeat(chunk.len(), "?")
                .push(")")
                .build();
            let mut q = sqlx::query(sql)
                .persistent(cache_lookup_plan(backend))
                .bind(import.0);
            for id in &respondent_ids {
                q = q.bind(*id);
            }
            let mut first_rows: HashMap<i64, i64> = HashMap::new();
            for row in q.fetch_all(&mut *conn).await? {
                first_rows.insert(row.try_get("respondent_id")?, row.try_get("row_number")?);
            }
            for (k, (r, id)) in chunk.iter().zip(&respondent_ids).enumerate() {
                let row = first_row + k + 1;
                if let Some(&first) = first_rows.get(id)
                    && first != to_i64(row)
                {
                    let problem = RowProblem::Duplicate {
                        key: format!("respondent {:?}", r.external_id),
                        first_row: usize::try_from(first).unwrap_or(0),
                    };
                    return Err(row_err(op, row, problem));
                }
            }
        }

        let answers: Vec<(i64, &str, Option<i64>, usize)> = chunk
            .iter()
            .zip(&respondent_ids)
            .enumerate()
            .flat_map(|(k, (r, id))| {
                r.answers
                    .iter()
                    .map(move |(item, value)| (*id, item.as_str(), *value, first_row + k + 1))
            })
            .collect();
        for part in answers.chunks(ANSWER_CHUNK) {
            // An equal value keeps its `updated_at`: that is how `finish` tells whether
            // anything changed.
            let sql = SqlText::new(backend)
                .push(
                    "INSERT INTO answers (respondent_id, item_id, value, updated_at, import_id) \
                     VALUES ",
                )
                .repeat(part.len(), "(?, ?, ?, ?, ?)")
                .push(
                    " ON CONFLICT (respondent_id, item_id) DO UPDATE SET \
                     value = excluded.value, import_id = excluded.import_id, \
                     updated_at = CASE WHEN answers.value = excluded.value \
                     OR (answers.value IS NULL AND excluded.value IS NULL) \
                     THEN answers.updated_at ELSE excluded.updated_at END",
                )
                .build();
            let mut q = sqlx::query(sql);
            for (id, item, value, _) in part {
                q = q
                    .bind(*id)
                    .bind(*item)
                    .bind(*value)
                    .bind(now.as_str())
                    .bind(import.0);
            }
            q.execute(&mut *conn)
                .await
                .map_err(|e| constraint_error(op, part[0].3, part[part.len() - 1].3, e))?;
        }
        let created = new_rows.len();
        Ok((created, answers.len()))
    }
}

/// Whether a lookup statement may be a cached prepared statement. Not on PostgreSQL: after
/// five executions it may switch a prepared statement to a generic plan, made while an
/// import's tables were still small (sequential scans), and keep it while the import makes
/// them large; 200,000 respondents took 467 s. An unnamed statement is planned with the
/// sizes at each execution. Inserts keep their cached plans (their plan does not depend on
/// table sizes, and planning a 5000-parameter insert every time costs more than it saves).
fn cache_lookup_plan(backend: Backend) -> bool {
    backend == Backend::Sqlite
}

/// A constraint violation somewhere in rows `first..=last` of one statement.
fn constraint_error(op: &'static str, first: usize, last: usize, e: sqlx::Error) -> StoreError {
    match db_error_kind(&e) {
        Some(
            ErrorKind::UniqueViolation | ErrorKind::ForeignKeyViolation | ErrorKind::CheckViolation,
        ) => {
            let message = constraint_message(&e);
            let problem = if first == last {
                RowProblem::Constraint(message)
            } else {
                RowProblem::ConstraintInRows {
                    message,
                    last_row: last,
                }
            };
            row_err(op, first, problem)
        }
        _ => e.into(),
    }
}

/// A streaming register values or ratings import; works like [`AnswersImport`].
/// A key (municipality, indicator, year) twice within one batch is reported with both
/// rows; a key that an earlier batch wrote already with
/// [`RowProblem::DuplicateInEarlierBatch`] (no row numbers are kept for register values).
pub struct RegisterImport {
    core: ImportCore,
}

impl fmt::Debug for RegisterImport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegisterImport")
            .field("import", &self.core.import)
            .field("rows", &self.core.rows)
            .finish_non_exhaustive()
    }
}

impl RegisterImport {
    async fn begin(
        store: &Store,
        study: StudyId,
        kind: ImportKind,
        file_name: &str,
        content_sha256: &str,
        replacing: Option<ImportId>,
    ) -> Result<RegisterImport, StoreError> {
        let operation = match (replacing, kind) {
            (Some(_), _) => "replace_import",
            (None, ImportKind::Ratings) => "import_ratings",
            (None, _) => "import_register_values",
        };
        let core = ImportCore::begin(
            store,
            operation,
            study,
            kind,
            file_name,
            content_sha256,
            replacing,
        )
        .await;
        store.locate(core).map(|core| RegisterImport { core })
    }

    /// The import's record as it will be stored (its id is fixed already).
    pub fn import(&self) -> &ImportRecord {
        &self.core.import
    }

    /// Writes a batch of rows; see [`AnswersImport::add`].
    pub async fn add(&mut self, rows: &[RegisterValueRecord]) -> Result<(), StoreError> {
        let result = self.add_inner(rows).await;
        result.map_err(|e| self.core.fail(e))
    }

    /// Commits; see [`AnswersImport::finish`].
    pub async fn finish(self) -> Result<ImportOutcome, StoreError> {
        self.core.finish().await
    }

    async fn add_inner(&mut self, rows: &[RegisterValueRecord]) -> Result<(), StoreError> {
        let op = self.core.operation;
        let before = self.core.rows;
        validate_register_rows(op, before, rows)?;
        let study = self.core.import.study;
        let import = self.core.import.id;
        let now = self.core.import.created_at.clone();
        let backend = self.core.store.backend;
        let conn: &mut AnyConnection = &mut self.core.tx()?.tx;
        let mut values_written = 0;
        for (c, chunk) in rows.chunks(REGISTER_CHUNK).enumerate() {
            let first_row = before + c * REGISTER_CHUNK + 1;
            // The WHERE skips a key this import wrote already (an earlier batch); RETURNING
            // then names the rows that were written, and the missing one is the duplicate.
            let sql = SqlText::new(backend)
                .push(
                    "INSERT INTO register_values (study_id, municipality_code, indicator, year, \
                     value, source, import_id, updated_at) VALUES ",
                )
                .repeat(chunk.len(), "(?, ?, ?, ?, ?, ?, ?, ?)")
                .push(
                    " ON CONFLICT (study_id, municipality_code, indicator, year) DO UPDATE SET \
                 value = excluded.value, source = excluded.source, \
                 import_id = excluded.import_id, \
                 updated_at = CASE WHEN (register_values.value = excluded.value \
                 OR (register_values.value IS NULL AND excluded.value IS NULL)) \
                 AND register_values.source = excluded.source \
                 THEN register_values.updated_at ELSE excluded.updated_at END \
                 WHERE register_values.import_id <> excluded.import_id \
                 RETURNING municipality_code, indicator, year",
                )
                .build();
            // Not a cached prepared statement: sqlx 0.9's Any driver declares a NULL f64
            // as float4 (transact-rs/sqlx#4290), and PostgreSQL then rejects a later f64
            // bound to the cached statement with "incorrect binary data format".
            let mut q = sqlx::query(sql).persistent(false);
            for r in chunk {
                q = q
                    .bind(study.0)
                    .bind(r.municipality_code.as_str())
                    .bind(r.indicator.as_str())
                    .bind(r.year)
                    .bind(r.value)
                    .bind(r.source.as_str())
                    .bind(import.0)
                    .bind(now.as_str());
            }
            let written = q
                .fetch_all(&mut *conn)
                .await
                .map_err(|e| constraint_error(op, first_row, first_row + chunk.len() - 1, e))?;
            if written.len() != chunk.len() {
                let mut keys: HashSet<(String, String, i64)> = HashSet::new();
                for row in &written {
                    keys.insert((
                        row.try_get("municipality_code")?,
                        row.try_get("indicator")?,
                        row.try_get("year")?,
                    ));
                }
                for (k, r) in chunk.iter().enumerate() {
                    let key = (r.municipality_code.clone(), r.indicator.clone(), r.year);
                    if !keys.contains(&key) {
                        let problem = RowProblem::DuplicateInEarlierBatch {
                            key: register_key(r),
                        };
                        return Err(row_err(op, first_row + k, problem));
                    }
                }
            }
            values_written += chunk.len();
        }
        self.core.values_written += values_written;
        self.core.rows += rows.len();
        Ok(())
    }
}

impl Store {
    /// The latest active import of this kind and content, if any.
    async fn active_import_of(
        &self,
        study: StudyId,
        kind: ImportKind,
        sha: &str,
    ) -> Result<Option<ImportRecord>, StoreError> {
        let sql = format!(
            "SELECT {IMPORT_COLUMNS} FROM imports WHERE study_id = $1 AND kind = $2 \
             AND content_sha256 = $3 AND status = 'active' ORDER BY id DESC LIMIT 1"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(study.0)
            .bind(kind.as_str())
            .bind(sha)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(import_from_row).transpose()
    }

    /// Starts a streaming answers import into `study` (see [`AnswersImport`]). The file's
    /// SHA-256 is recorded with the import; whether the file changes anything is decided
    /// by content when it finishes.
    pub async fn begin_answers_import(
        &self,
        study: StudyId,
        file_name: &str,
        content_sha256: &str,
    ) -> Result<AnswersImport, StoreError> {
        AnswersImport::begin(self, study, file_name, content_sha256, None).await
    }

    /// Starts a streaming register values import (see [`RegisterImport`]).
    pub async fn begin_register_import(
        &self,
        study: StudyId,
        file_name: &str,
        content_sha256: &str,
    ) -> Result<RegisterImport, StoreError> {
        RegisterImport::begin(
            self,
            study,
            ImportKind::RegisterValues,
            file_name,
            content_sha256,
            None,
        )
        .await
    }

    /// Starts a streaming import of expert ratings, stored as register values (see
    /// [`RegisterImport`]).
    pub async fn begin_ratings_import(
        &self,
        study: StudyId,
        file_name: &str,
        content_sha256: &str,
    ) -> Result<RegisterImport, StoreError> {
        RegisterImport::begin(
            self,
            study,
            ImportKind::Ratings,
            file_name,
            content_sha256,
            None,
        )
        .await
    }

    /// Starts replacing the answers import `import` by a new file, streamed like
    /// [`Store::begin_answers_import`]: the old import's answers are deleted at once
    /// (inside the transaction), the new rows go in, and `finish` deletes the respondents
    /// the old import created that are left without answers and records one `replace`
    /// event. Only an active import can be replaced.
    pub async fn begin_answers_replace(
        &self,
        study: StudyId,
        import: ImportId,
        file_name: &str,
        content_sha256: &str,
    ) -> Result<AnswersImport, StoreError> {
        AnswersImport::begin(self, study, file_name, content_sha256, Some(import)).await
    }

    /// Starts replacing a register values or ratings import; see
    /// [`Store::begin_answers_replace`]. The new import keeps the old one's kind.
    pub async fn begin_register_replace(
        &self,
        study: StudyId,
        import: ImportId,
        file_name: &str,
        content_sha256: &str,
    ) -> Result<RegisterImport, StoreError> {
        RegisterImport::begin(
            self,
            study,
            ImportKind::RegisterValues,
            file_name,
            content_sha256,
            Some(import),
        )
        .await
    }

    /// Whether every row is stored already with the same respondent municipality and group
    /// and the same answers (other answers of those respondents do not matter), read in one
    /// snapshot without taking the write lock. [`Store::import_answers`] asks this first;
    /// a caller streaming a large file can ask it per batch in a first pass and skip the
    /// import when every batch matches (a streamed import of an unchanged file writes
    /// everything and then rolls back). Expects rows that passed the import's checks (no
    /// respondent twice, no item twice in a row).
    pub async fn answers_already_stored(
        &self,
        study: StudyId,
        rows: &[AnswerImportRow],
    ) -> Result<bool, StoreError> {
        self.locate(self.compare_answers(study, rows).await)
    }

    async fn compare_answers(
        &self,
        study: StudyId,
        rows: &[AnswerImportRow],
    ) -> Result<bool, StoreError> {
        let mut tx = match self.backend {
            Backend::Sqlite => self.pool.begin().await?,
            Backend::Postgres => {
                self.pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ")
                    .await?
            }
        };
        // Respondents are looked up per chunk; for answers the database counts those of the
        // file that match what is stored, and only the number comes back. (Fetching the
        // stored answers made Rust build strings for every one: 23 s for 5.8 million.)
        for chunk in rows.chunks(RESPONDENT_CHUNK) {
            let sql = SqlText::new(self.backend)
                .push(
                    "SELECT id, external_id, municipality_code, respondent_group \
                     FROM respondents WHERE study_id = ? AND external_id IN (",
                )
                .repeat(chunk.len(), "?")
                .push(")")
                .build();
            let mut q = sqlx::query(sql)
                .persistent(cache_lookup_plan(self.backend))
                .bind(study.0);
            for r in chunk {
                q = q.bind(r.external_id.as_str());
            }
            let mut stored: HashMap<String, (i64, String, String)> =
                HashMap::with_capacity(chunk.len());
            for row in q.fetch_all(&mut *tx).await? {
                stored.insert(
                    row.try_get("external_id")?,
                    (
                        row.try_get("id")?,
                        row.try_get("municipality_code")?,
                        row.try_get("respondent_group")?,
                    ),
                );
            }
            let mut answers: Vec<(i64, &str, Option<i64>)> = Vec::new();
            for r in chunk {
                match stored.get(&r.external_id) {
                    Some((id, municipality, group))
                        if *municipality == r.municipality_code && *group == r.group =>
                    {
                        answers.extend(r.answers.iter().map(|(item, v)| (*id, item.as_str(), *v)));
                    }
                    _ => {
                        tx.rollback().await?;
                        return Ok(false);
                    }
                }
            }
            for part in answers.chunks(ANSWER_CHUNK) {
                let sql = SqlText::new(self.backend)
                    .push("SELECT COUNT(*) FROM (VALUES ")
                    .repeat(part.len(), "(?, ?, ?)")
                    .push(
                        ") AS f JOIN answers a \
                         ON a.respondent_id = f.column1 AND a.item_id = f.column2 \
                         WHERE a.value = f.column3 OR (a.value IS NULL AND f.column3 IS NULL)",
                    )
                    .build();
                let mut q =
                    sqlx::query_scalar::<_, i64>(sql).persistent(cache_lookup_plan(self.backend));
                for (id, item, value) in part {
                    q = q.bind(*id).bind(*item).bind(*value);
                }
                let matching = q.fetch_one(&mut *tx).await?;
                if matching != to_i64(part.len()) {
                    tx.rollback().await?;
                    return Ok(false);
                }
            }
        }
        tx.rollback().await?;
        Ok(true)
    }

    /// Imports an answers file in one transaction: all rows or nothing.
    ///
    /// Respondents not yet stored are created (without a token); answers are inserted or
    /// replaced, and every answer of the file then belongs to this import. When every row
    /// is stored already with the same municipality, group and answers (whatever file they
    /// came from), nothing is written and [`ImportOutcome::Unchanged`] is returned. A
    /// respondent twice in the file, an item twice in a row, a value outside 1–5, an
    /// unknown municipality or a respondent stored with another municipality or group
    /// rejects the whole file with [`StoreError::Row`] naming the row (1-based position in
    /// `rows`). For large files use [`Store::begin_answers_import`].
    pub async fn import_answers(
        &self,
        study: StudyId,
        file_name: &str,
        content_sha256: &str,
        rows: &[AnswerImportRow],
    ) -> Result<ImportOutcome, StoreError> {
        const OP: &str = "import_answers";
        let sha = check_sha(content_sha256)?;
        validate_answer_rows(OP, 0, rows)?;
        check_duplicate_respondents(OP, 0, rows)?;
        let unchanged = self.locate(
            async {
                self.ensure_study(study).await?;
                self.compare_answers(study, rows).await
            }
            .await,
        )?;
        if unchanged {
            let previous = self.locate(
                self.active_import_of(study, ImportKind::Answers, &sha)
                    .await,
            )?;
            return Ok(ImportOutcome::Unchanged {
                rows: rows.len(),
                previous,
            });
        }
        let mut import = self
            .begin_answers_import(study, file_name, content_sha256)
            .await?;
        import.add(rows).await?;
        import.finish().await
    }

    /// Imports register values in one transaction: all rows or nothing. Values for the same
    /// (municipality, indicator, year) from an earlier, different file are replaced; when
    /// every value is stored already (same value and source),
    /// [`ImportOutcome::Unchanged`] and nothing is written.
    pub async fn import_register_values(
        &self,
        study: StudyId,
        file_name: &str,
        content_sha256: &str,
        rows: &[RegisterValueRecord],
    ) -> Result<ImportOutcome, StoreError> {
        validate_register_rows("import_register_values", 0, rows)?;
        let mut import = self
            .begin_register_import(study, file_name, content_sha256)
            .await?;
        import.add(rows).await?;
        import.finish().await
    }

    /// Imports expert ratings (stored as register values) like
    /// [`Store::import_register_values`], recorded as a `ratings` import.
    pub async fn import_ratings(
        &self,
        study: StudyId,
        file_name: &str,
        content_sha256: &str,
        rows: &[RegisterValueRecord],
    ) -> Result<ImportOutcome, StoreError> {
        validate_register_rows("import_ratings", 0, rows)?;
        let mut import = self
            .begin_ratings_import(study, file_name, content_sha256)
            .await?;
        import.add(rows).await?;
        import.finish().await
    }

    /// Replaces an active import by a new file, in one transaction: what the old import
    /// still owns is deleted (its answers or register values, then the respondents it
    /// created that are left without answers, without a personal token and not listed by
    /// another active import), the new rows are imported, the old import becomes
    /// `replaced` (pointing to the new one). One `replace` event, one data version.
    /// A replaced or removed import gives [`StoreError::ImportNotActive`]; answers for a
    /// register import (or the reverse) [`StoreError::ImportKindMismatch`].
    pub async fn replace_import(
        &self,
        study: StudyId,
        import: ImportId,
        file_name: &str,
        content_sha256: &str,
        rows: ImportRows<'_>,
    ) -> Result<ImportOutcome, StoreError> {
        match rows {
            ImportRows::Answers(rows) => {
                validate_answer_rows("replace_import", 0, rows)?;
                check_duplicate_respondents("replace_import", 0, rows)?;
                let mut new = self
                    .begin_answers_replace(study, import, file_name, content_sha256)
                    .await?;
                new.add(rows).await?;
                new.finish().await
            }
            ImportRows::RegisterValues(rows) => {
                validate_register_rows("replace_import", 0, rows)?;
                let mut new = self
                    .begin_register_replace(study, import, file_name, content_sha256)
                    .await?;
                new.add(rows).await?;
                new.finish().await
            }
        }
    }

    /// Removes an active import in one transaction: deletes what it still owns (as
    /// [`Store::replace_import`] does), marks it `removed` and records a `remove` event,
    /// which is returned.
    pub async fn remove_import(
        &self,
        study: StudyId,
        import: ImportId,
    ) -> Result<ImportEvent, StoreError> {
        self.locate(
            async {
                let mut w = self.begin_write().await?;
                self.lock_study(&mut w.tx, study).await?;
                let old = fetch_import(&mut w.tx, study, import).await?;
                if old.status != ImportStatus::Active {
                    return Err(StoreError::ImportNotActive {
                        import,
                        status: old.status,
                    });
                }
                let now = now_rfc3339();
                sqlx::query(
                    "UPDATE imports SET status = 'removed', status_changed_at = $1 WHERE id = $2",
                )
                .bind(&now)
                .bind(import.0)
                .execute(&mut *w.tx)
                .await?;
                let removed = delete_contributions(&mut w.tx, self.backend, study, import).await?;
                let mut event = ImportEvent {
                    study,
                    data_version: 0,
                    action: ImportAction::Remove,
                    import,
                    replaced: None,
                    kind: old.kind,
                    file_name: old.file_name,
                    content_sha256: old.content_sha256,
                    added: ImportCounts::default(),
                    removed,
                    created_at: now,
                };
                record_event(&mut w.tx, &mut event).await?;
                w.commit().await?;
                Ok(event)
            }
            .await,
        )
    }

    /// One import of the study.
    pub async fn get_import(
        &self,
        study: StudyId,
        import: ImportId,
    ) -> Result<ImportRecord, StoreError> {
        self.locate(
            async {
                let mut conn = self.pool.acquire().await?;
                fetch_import(&mut conn, study, import).await
            }
            .await,
        )
    }

    /// The study's imports (active, replaced and removed), oldest first.
    pub async fn list_imports(&self, study: StudyId) -> Result<Vec<ImportRecord>, StoreError> {
        self.locate(
            async {
                self.ensure_study(study).await?;
                let sql =
                    format!("SELECT {IMPORT_COLUMNS} FROM imports WHERE study_id = $1 ORDER BY id");
                let rows = sqlx::query(AssertSqlSafe(sql))
                    .bind(study.0)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(import_from_row).collect()
            }
            .await,
        )
    }

    /// The study's import history, oldest first (by data version).
    pub async fn list_import_events(&self, study: StudyId) -> Result<Vec<ImportEvent>, StoreError> {
        self.locate(
            async {
                self.ensure_study(study).await?;
                let sql = format!(
                    "SELECT {EVENT_COLUMNS} FROM import_events WHERE study_id = $1 \
                     ORDER BY data_version"
                );
                let rows = sqlx::query(AssertSqlSafe(sql))
                    .bind(study.0)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(event_from_row).collect()
            }
            .await,
        )
    }

    /// The study's current data version and active imports, read in one statement.
    pub async fn data_version(&self, study: StudyId) -> Result<DataVersion, StoreError> {
        self.locate(
            async {
                let rows = sqlx::query(
                    "SELECT s.data_version, i.id, i.kind, i.file_name, i.content_sha256 \
                     FROM studies s LEFT JOIN imports i \
                     ON i.study_id = s.id AND i.status = 'active' \
                     WHERE s.id = $1 ORDER BY i.id",
                )
                .bind(study.0)
                .fetch_all(&self.pool)
                .await?;
                let Some(first) = rows.first() else {
                    return Err(StoreError::UnknownStudy(study));
                };
                let mut out = DataVersion {
                    study,
                    version: first.try_get("data_version")?,
                    imports: Vec::new(),
                    answers: None,
                };
                for r in &rows {
                    let Some(id) = r.try_get::<Option<i64>, _>("id")? else {
                        continue;
                    };
                    let kind: String = r.try_get("kind")?;
                    out.imports.push(ActiveImport {
                        id: ImportId(id),
                        kind: ImportKind::parse(&kind)?,
                        file_name: r.try_get("file_name")?,
                        content_sha256: r.try_get("content_sha256")?,
                    });
                }
                Ok(out)
            }
            .await,
        )
    }

    /// [`Store::data_version`] with the answers stamp: what an analysis records, and what
    /// tells a cache of measured answers that web answers arrived. Costs a pass over the
    /// study's answers (2.7 s at 5.8 million), so only analyses ask for it.
    pub async fn data_version_with_answers(
        &self,
        study: StudyId,
    ) -> Result<DataVersion, StoreError> {
        let mut out = self.data_version(study).await?;
        self.locate(
            async {
                let stamp = sqlx::query(
                    "SELECT COUNT(*) AS n, MAX(a.updated_at) AS last_change FROM answers a \
                     JOIN respondents r ON r.id = a.respondent_id WHERE r.study_id = $1",
                )
                .bind(study.0)
                .fetch_one(&self.pool)
                .await?;
                out.answers = Some(AnswersStamp {
                    count: stamp.try_get("n")?,
                    last_change: stamp.try_get("last_change")?,
                });
                Ok(out)
            }
            .await,
        )
    }
}
