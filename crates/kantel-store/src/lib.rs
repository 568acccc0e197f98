//! Persistence for kantel: one async API over SQLite (the embedded default) and PostgreSQL.
//!
//! Both backends run the same Rust code and the same SQL through an [`sqlx::AnyPool`]; only
//! the migrations differ (`migrations/sqlite/` and `migrations/postgres/`, embedded with
//! `include_str!`). The SQL therefore stays inside the common subset: `$n` placeholders,
//! `BIGINT`/`DOUBLE PRECISION`/`TEXT` columns, booleans as 0/1, timestamps as RFC 3339 text,
//! JSON as text. See `docs/storage.md` for the schema.
//!
//! ```no_run
//! # async fn demo() -> Result<(), kantel_store::StoreError> {
//! let store = kantel_store::Store::open("sqlite://kantel.db?mode=rwc").await?;
//! let study = store.create_study("Sociaal domein 2026", "[study]\nname = \"x\"\n").await?;
//! # let _ = study; Ok(()) }
//! ```

mod error;
mod time;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::error::ErrorKind;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, AssertSqlSafe, Row, SqlSafeStr};

pub use error::{RespondentMismatch, RowProblem, StoreError};
pub use time::{format_rfc3339, now_rfc3339};

/// Embedded migrations: (version, description, SQLite SQL, PostgreSQL SQL).
/// A test checks that this list names exactly the files in both migration folders.
const MIGRATIONS: &[(i64, &str, &str, &str)] = &[(
    1,
    "init",
    include_str!("../migrations/sqlite/0001_init.sql"),
    include_str!("../migrations/postgres/0001_init.sql"),
)];

/// File names of the embedded migrations, in order (for the folder-consistency test).
pub const MIGRATION_FILES: &[&str] = &["0001_init.sql"];

/// Which database the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Backend {
    /// SQLite, a file or an in-memory database.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// The backend a connection URL asks for.
    pub fn from_url(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl {
                url: redact_url(url),
            })
        }
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Database id of a study.
    StudyId
);
id_type!(
    /// Database id of a respondent.
    RespondentId
);
id_type!(
    /// Database id of an analysis run.
    RunId
);
id_type!(
    /// Database id of an import.
    ImportId
);

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
}

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
}

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

/// One register (administrative statistics) value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterValueRecord {
    /// CBS code of the municipality. Not tied to the study's municipality list: register
    /// tables cover the whole country, a study usually a sample.
    pub municipality_code: String,
    /// Indicator name or code.
    pub indicator: String,
    /// Reference year.
    pub year: i64,
    /// The value; `None` when the source has none (a missing value is not a zero).
    pub value: Option<f64>,
    /// Where it came from (table, publisher).
    pub source: String,
}

/// What an import file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImportKind {
    /// Survey answers ([`Store::import_answers`]).
    Answers,
    /// Register values ([`Store::import_register_values`]).
    RegisterValues,
}

impl ImportKind {
    /// The value in the `imports.kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Answers => "answers",
            ImportKind::RegisterValues => "register_values",
        }
    }

    fn parse(s: &str) -> Result<ImportKind, StoreError> {
        match s {
            "answers" => Ok(ImportKind::Answers),
            "register_values" => Ok(ImportKind::RegisterValues),
            other => Err(StoreError::CorruptValue {
                what: "imports.kind",
                value: other.to_owned(),
            }),
        }
    }
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
    },
    /// A file with the same content was imported into this study before; nothing was written.
    AlreadyImported {
        /// The earlier import.
        previous: ImportRecord,
    },
}

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
    /// RFC 3339.
    pub created_at: String,
}

/// Lower-case hex SHA-256 of `bytes`: the form [`Store::import_answers`] and
/// [`Store::import_register_values`] expect for file contents.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    s
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Removes a password from a URL so it can appear in error messages.
fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => match rest[..at].find(':') {
            Some(colon) => format!(
                "{}{}:***{}",
                &url[..scheme_end + 3],
                &rest[..colon],
                &rest[at..]
            ),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

fn migrator(backend: Backend) -> Migrator {
    Migrator::with_migrations(
        MIGRATIONS
            .iter()
            .map(|&(version, description, sqlite, postgres)| {
                let sql = match backend {
                    Backend::Sqlite => sqlite,
                    Backend::Postgres => postgres,
                };
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

fn db_error_kind(e: &sqlx::Error) -> Option<ErrorKind> {
    match e {
        sqlx::Error::Database(d) => Some(d.kind()),
        _ => None,
    }
}

fn constraint_message(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(d) => d.message().to_owned(),
        other => other.to_string(),
    }
}

/// `($1, $2, $3), ($4, $5, $6), …`: placeholders for a multi-row VALUES list. Only numbers
/// go into the text, so the statement built from it is safe to assert as SQL.
fn values_placeholders(rows: usize, cols: usize) -> String {
    let mut s = String::new();
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            s.push('$');
            s.push_str(&(r * cols + c + 1).to_string());
        }
        s.push(')');
    }
    s
}

/// Rows per multi-row INSERT: keeps the bound parameters far below SQLite's and
/// PostgreSQL's limits (32766 and 65535).
const BATCH_ROWS: usize = 200;

fn row_err(operation: &'static str, row: usize, problem: RowProblem) -> StoreError {
    StoreError::Row {
        operation,
        row,
        problem,
    }
}

fn study_from_row(row: &AnyRow) -> Result<StudyRecord, sqlx::Error> {
    Ok(StudyRecord {
        id: StudyId(row.try_get("id")?),
        name: row.try_get("name")?,
        definition_toml: row.try_get("definition_toml")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn respondent_from_row(row: &AnyRow) -> Result<RespondentRecord, sqlx::Error> {
    Ok(RespondentRecord {
        id: RespondentId(row.try_get("id")?),
        study: StudyId(row.try_get("study_id")?),
        external_id: row.try_get("external_id")?,
        municipality_code: row.try_get("municipality_code")?,
        group: row.try_get("respondent_group")?,
        has_token: row.try_get::<i64, _>("has_token")? != 0,
        created_at: row.try_get("created_at")?,
    })
}

fn import_from_row(row: &AnyRow) -> Result<ImportRecord, StoreError> {
    let kind: String = row.try_get("kind")?;
    Ok(ImportRecord {
        id: ImportId(row.try_get("id")?),
        study: StudyId(row.try_get("study_id")?),
        kind: ImportKind::parse(&kind)?,
        file_name: row.try_get("file_name")?,
        content_sha256: row.try_get("content_sha256")?,
        rows: row.try_get("row_count")?,
        created_at: row.try_get("created_at")?,
    })
}

fn parse_json(
    run: RunId,
    field: &'static str,
    text: &str,
) -> Result<serde_json::Value, StoreError> {
    serde_json::from_str(text).map_err(|source| StoreError::CorruptJson { run, field, source })
}

const RESPONDENT_COLUMNS: &str = "id, study_id, external_id, municipality_code, respondent_group, \
     CASE WHEN token_sha256 IS NULL THEN 0 ELSE 1 END AS has_token, created_at";

/// The store: a connection pool plus the backend it talks to. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Connects and applies pending migrations (re-opening an up-to-date database changes
    /// nothing).
    ///
    /// URLs: `sqlite://PATH?mode=rwc` (create if missing), `sqlite::memory:` (a private
    /// database that lives as long as the store), `postgres://USER@HOST:PORT/DB`.
    /// SQLite files run in WAL mode with foreign keys on and a 5 s busy timeout.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let memory =
            backend == Backend::Sqlite && (url.contains(":memory:") || url.contains("mode=memory"));
        let mut options = AnyPoolOptions::new();
        options = match (backend, memory) {
            // Every connection to `:memory:` opens its own empty database, so exactly one
            // connection must exist and never be recycled.
            (Backend::Sqlite, true) => options
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None),
            // SQLite has one writer; a few connections serve concurrent readers under WAL.
            (Backend::Sqlite, false) => options.max_connections(4),
            (Backend::Postgres, _) => options.max_connections(8),
        };
        if backend == Backend::Sqlite {
            options = options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    sqlx::query("PRAGMA foreign_keys = ON")
                        .execute(&mut *conn)
                        .await?;
                    sqlx::query("PRAGMA busy_timeout = 5000")
                        .execute(&mut *conn)
                        .await?;
                    Ok(())
                })
            });
        }
        let pool = options
            .connect(url)
            .await
            .map_err(|source| StoreError::Connect {
                url: redact_url(url),
                source,
            })?;
        if backend == Backend::Sqlite && !memory {
            // Persistent in the file; done once here because switching the journal mode
            // needs an exclusive lock that the busy timeout does not wait for.
            sqlx::query("PRAGMA journal_mode = WAL")
                .fetch_optional(&pool)
                .await?;
        }
        migrator(backend).run(&pool).await?;
        Ok(Store { pool, backend })
    }

    /// The backend this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The underlying pool, for diagnostics and tests that need raw SQL.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Closes all connections (an in-memory SQLite database is gone afterwards).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    async fn ensure_study(&self, study: StudyId) -> Result<(), StoreError> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM studies WHERE id = $1")
            .bind(study.0)
            .fetch_optional(&self.pool)
            .await?;
        found.map(|_| ()).ok_or(StoreError::UnknownStudy(study))
    }

    // ---------------------------------------------------------------- studies

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
            Err(e) => Err(e.into()),
        }
    }

    /// The study with this id.
    pub async fn get_study(&self, study: StudyId) -> Result<StudyRecord, StoreError> {
        let row = sqlx::query(
            "SELECT id, name, definition_toml, created_at, updated_at FROM studies WHERE id = $1",
        )
        .bind(study.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::UnknownStudy(study))?;
        Ok(study_from_row(&row)?)
    }

    /// The study with this name, if any.
    pub async fn find_study_by_name(&self, name: &str) -> Result<Option<StudyRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT id, name, definition_toml, created_at, updated_at FROM studies WHERE name = $1",
        )
        .bind(name)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(study_from_row).transpose()?)
    }

    /// All studies, oldest first.
    pub async fn list_studies(&self) -> Result<Vec<StudyRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, definition_toml, created_at, updated_at FROM studies ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(study_from_row).collect::<Result<_, _>>()?)
    }

    /// Replaces a study's definition text.
    pub async fn update_study_definition(
        &self,
        study: StudyId,
        definition_toml: &str,
    ) -> Result<(), StoreError> {
        let done =
            sqlx::query("UPDATE studies SET definition_toml = $1, updated_at = $2 WHERE id = $3")
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

    // ---------------------------------------------------------------- municipalities

    /// Inserts or updates (by code) the study's municipalities, all in one transaction.
    /// Returns the number of rows written.
    pub async fn upsert_municipalities(
        &self,
        study: StudyId,
        rows: &[MunicipalityRecord],
    ) -> Result<usize, StoreError> {
        const OP: &str = "upsert_municipalities";
        self.ensure_study(study).await?;
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
        let mut tx = self.pool.begin().await?;
        for m in rows {
            sqlx::query(
                "INSERT INTO municipalities (study_id, code, name, inhabitants, municipality_group) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (study_id, code) DO UPDATE SET name = excluded.name, \
                 inhabitants = excluded.inhabitants, municipality_group = excluded.municipality_group",
            )
            .bind(study.0)
            .bind(&m.code)
            .bind(&m.name)
            .bind(m.inhabitants)
            .bind(m.group.as_deref())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(rows.len())
    }

    /// The study's municipalities, by code.
    pub async fn list_municipalities(
        &self,
        study: StudyId,
    ) -> Result<Vec<MunicipalityRecord>, StoreError> {
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

    // ---------------------------------------------------------------- respondents

    /// Creates respondents, each with a fresh personal token, in one transaction.
    /// Returns each record with its plain token: the only time the token is visible, as
    /// the database keeps only its SHA-256.
    pub async fn add_respondents(
        &self,
        study: StudyId,
        rows: &[NewRespondent],
    ) -> Result<Vec<(RespondentRecord, String)>, StoreError> {
        const OP: &str = "add_respondents";
        self.ensure_study(study).await?;
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
        let now = now_rfc3339();
        let mut out = Vec::with_capacity(rows.len());
        let mut tx = self.pool.begin().await?;
        for (i, r) in rows.iter().enumerate() {
            let token = new_token()?;
            let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
                "INSERT INTO respondents \
                 (study_id, external_id, municipality_code, respondent_group, token_sha256, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(study.0)
            .bind(&r.external_id)
            .bind(&r.municipality_code)
            .bind(&r.group)
            .bind(sha256_hex(token.as_bytes()))
            .bind(&now)
            .fetch_one(&mut *tx)
            .await;
            let id = inserted.map_err(|e| match db_error_kind(&e) {
                Some(ErrorKind::ForeignKeyViolation) => row_err(
                    OP,
                    i + 1,
                    RowProblem::UnknownMunicipality {
                        code: r.municipality_code.clone(),
                    },
                ),
                Some(ErrorKind::UniqueViolation) => row_err(
                    OP,
                    i + 1,
                    RowProblem::RespondentExists {
                        external_id: r.external_id.clone(),
                    },
                ),
                _ => e.into(),
            })?;
            out.push((
                RespondentRecord {
                    id: RespondentId(id),
                    study,
                    external_id: r.external_id.clone(),
                    municipality_code: r.municipality_code.clone(),
                    group: r.group.clone(),
                    has_token: true,
                    created_at: now.clone(),
                },
                token,
            ));
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Gives a respondent a new personal token, invalidating any earlier one.
    pub async fn issue_token(&self, respondent: RespondentId) -> Result<String, StoreError> {
        let token = new_token()?;
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
        let digest = sha256_hex(token.to_ascii_lowercase().as_bytes());
        let sql = format!(
            "SELECT {RESPONDENT_COLUMNS} FROM respondents WHERE study_id = $1 AND token_sha256 = $2"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(study.0)
            .bind(digest)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::UnknownToken)?;
        Ok(respondent_from_row(&row)?)
    }

    /// The study's respondents, by external id.
    pub async fn list_respondents(
        &self,
        study: StudyId,
    ) -> Result<Vec<RespondentRecord>, StoreError> {
        self.ensure_study(study).await?;
        let sql = format!("SELECT {RESPONDENT_COLUMNS} FROM respondents WHERE study_id = $1");
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

    // ---------------------------------------------------------------- answers

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
    pub async fn save_answers(
        &self,
        respondent: RespondentId,
        answers: &[(String, Option<i64>)],
    ) -> Result<(), StoreError> {
        for (item, value) in answers {
            if item.trim().is_empty() {
                return Err(row_err(
                    "save_answers",
                    1,
                    RowProblem::Empty { field: "item" },
                ));
            }
            if let Some(v) = *value
                && !(1..=5).contains(&v)
            {
                return Err(StoreError::AnswerOutOfRange {
                    item: item.clone(),
                    value: v,
                });
            }
        }
        let now = now_rfc3339();
        let mut tx = self.pool.begin().await?;
        for (item, value) in answers {
            let result = sqlx::query(
                "INSERT INTO answers (respondent_id, item_id, value, updated_at, import_id) \
                 VALUES ($1, $2, $3, $4, NULL) \
                 ON CONFLICT (respondent_id, item_id) DO UPDATE SET value = excluded.value, \
                 updated_at = excluded.updated_at, import_id = NULL",
            )
            .bind(respondent.0)
            .bind(item)
            .bind(*value)
            .bind(&now)
            .execute(&mut *tx)
            .await;
            if let Err(e) = result {
                return Err(match db_error_kind(&e) {
                    Some(ErrorKind::ForeignKeyViolation) => {
                        StoreError::UnknownRespondent(respondent)
                    }
                    _ => e.into(),
                });
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// All answers of the study, by respondent external id and item.
    pub async fn list_answers(&self, study: StudyId) -> Result<Vec<AnswerRecord>, StoreError> {
        self.ensure_study(study).await?;
        let rows = sqlx::query(
            "SELECT a.respondent_id, r.external_id, r.municipality_code, r.respondent_group, \
             a.item_id, a.value, a.updated_at \
             FROM answers a JOIN respondents r ON r.id = a.respondent_id \
             WHERE r.study_id = $1",
        )
        .bind(study.0)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(AnswerRecord {
                respondent: RespondentId(r.try_get("respondent_id")?),
                external_id: r.try_get("external_id")?,
                municipality_code: r.try_get("municipality_code")?,
                group: r.try_get("respondent_group")?,
                item: r.try_get("item_id")?,
                value: r.try_get("value")?,
                updated_at: r.try_get("updated_at")?,
            });
        }
        // Text order in Rust: the backends' collations disagree.
        out.sort_by(|a, b| (&a.external_id, &a.item).cmp(&(&b.external_id, &b.item)));
        Ok(out)
    }

    // ---------------------------------------------------------------- imports

    /// Starts an import transaction by recording the import. `None` when the same content
    /// was imported before (then the transaction is dropped, i.e. rolled back, unused).
    ///
    /// The import row is written first so that on SQLite the transaction takes the write
    /// lock at once (waiting under the busy timeout) instead of failing on a later upgrade.
    async fn begin_import(
        &self,
        study: StudyId,
        kind: ImportKind,
        file_name: &str,
        content_sha256: &str,
        rows: usize,
    ) -> Result<
        Result<(sqlx::Transaction<'static, sqlx::Any>, ImportRecord), ImportRecord>,
        StoreError,
    > {
        if !is_hex64(content_sha256) {
            return Err(StoreError::InvalidSha256(content_sha256.to_owned()));
        }
        let sha = content_sha256.to_ascii_lowercase();
        self.ensure_study(study).await?;
        let now = now_rfc3339();
        let row_count = i64::try_from(rows).unwrap_or(i64::MAX);
        let mut tx = self.pool.begin().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO imports (study_id, kind, file_name, content_sha256, row_count, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (study_id, kind, content_sha256) DO NOTHING RETURNING id",
        )
        .bind(study.0)
        .bind(kind.as_str())
        .bind(file_name)
        .bind(&sha)
        .bind(row_count)
        .bind(&now)
        .fetch_optional(&mut *tx)
        .await?;
        match id {
            Some(id) => Ok(Ok((
                tx,
                ImportRecord {
                    id: ImportId(id),
                    study,
                    kind,
                    file_name: file_name.to_owned(),
                    content_sha256: sha,
                    rows: row_count,
                    created_at: now,
                },
            ))),
            None => {
                tx.rollback().await?;
                let row = sqlx::query(
                    "SELECT id, study_id, kind, file_name, content_sha256, row_count, created_at \
                     FROM imports WHERE study_id = $1 AND kind = $2 AND content_sha256 = $3",
                )
                .bind(study.0)
                .bind(kind.as_str())
                .bind(&sha)
                .fetch_one(&self.pool)
                .await?;
                Ok(Err(import_from_row(&row)?))
            }
        }
    }

    /// Imports an answers file in one transaction: all rows or nothing.
    ///
    /// Respondents not yet stored are created (without a token); answers are inserted or
    /// replaced. When a file with the same SHA-256 was imported into this study before,
    /// nothing is written and [`ImportOutcome::AlreadyImported`] is returned. A respondent
    /// twice in the file, an item twice in a row, a value outside 1–5, an unknown
    /// municipality or a respondent stored with another municipality or group rejects the
    /// whole file with [`StoreError::Row`] naming the row (1-based position in `rows`).
    pub async fn import_answers(
        &self,
        study: StudyId,
        file_name: &str,
        content_sha256: &str,
        rows: &[AnswerImportRow],
    ) -> Result<ImportOutcome, StoreError> {
        const OP: &str = "import_answers";
        // Validation that needs no database comes first, so a bad file costs no lock.
        for (i, r) in rows.iter().enumerate() {
            let row = i + 1;
            check_respondent_fields(OP, row, &r.external_id, &r.municipality_code, &r.group)?;
            let mut items: HashMap<&str, ()> = HashMap::new();
            for (item, value) in &r.answers {
                if item.trim().is_empty() {
                    return Err(row_err(OP, row, RowProblem::Empty { field: "item" }));
                }
                if let Some(v) = *value
                    && !(1..=5).contains(&v)
                {
                    let problem = RowProblem::AnswerOutOfRange {
                        item: item.clone(),
                        value: v,
                    };
                    return Err(row_err(OP, row, problem));
                }
                if items.insert(item, ()).is_some() {
                    let key = format!("item {item:?} of respondent {:?}", r.external_id);
                    return Err(row_err(
                        OP,
                        row,
                        RowProblem::Duplicate {
                            key,
                            first_row: row,
                        },
                    ));
                }
            }
        }
        let (mut tx, import) = match self
            .begin_import(
                study,
                ImportKind::Answers,
                file_name,
                content_sha256,
                rows.len(),
            )
            .await?
        {
            Ok(started) => started,
            Err(previous) => return Ok(ImportOutcome::AlreadyImported { previous }),
        };
        let now = &import.created_at;
        let mut respondents_created = 0;
        let mut values_written = 0;
        for (i, r) in rows.iter().enumerate() {
            let row = i + 1;
            let existing = sqlx::query(
                "SELECT id, municipality_code, respondent_group FROM respondents \
                 WHERE study_id = $1 AND external_id = $2",
            )
            .bind(study.0)
            .bind(&r.external_id)
            .fetch_optional(&mut *tx)
            .await?;
            let respondent_id: i64 = match existing {
                Some(found) => {
                    let stored_municipality: String = found.try_get("municipality_code")?;
                    let stored_group: String = found.try_get("respondent_group")?;
                    if stored_municipality != r.municipality_code || stored_group != r.group {
                        let problem =
                            RowProblem::RespondentMismatch(Box::new(RespondentMismatch {
                                external_id: r.external_id.clone(),
                                stored_municipality,
                                stored_group,
                                municipality: r.municipality_code.clone(),
                                group: r.group.clone(),
                            }));
                        return Err(row_err(OP, row, problem));
                    }
                    found.try_get("id")?
                }
                None => {
                    let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
                        "INSERT INTO respondents \
                         (study_id, external_id, municipality_code, respondent_group, token_sha256, created_at) \
                         VALUES ($1, $2, $3, $4, NULL, $5) RETURNING id",
                    )
                    .bind(study.0)
                    .bind(&r.external_id)
                    .bind(&r.municipality_code)
                    .bind(&r.group)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await;
                    let id = inserted.map_err(|e| match db_error_kind(&e) {
                        Some(ErrorKind::ForeignKeyViolation) => row_err(
                            OP,
                            row,
                            RowProblem::UnknownMunicipality {
                                code: r.municipality_code.clone(),
                            },
                        ),
                        Some(ErrorKind::UniqueViolation | ErrorKind::CheckViolation) => {
                            row_err(OP, row, RowProblem::Constraint(constraint_message(&e)))
                        }
                        _ => e.into(),
                    })?;
                    respondents_created += 1;
                    id
                }
            };
            // The primary key (import, respondent) is what detects a respondent listed twice
            // in one file. ON CONFLICT DO NOTHING instead of a raised violation keeps a
            // PostgreSQL transaction usable for looking up the first occurrence.
            let linked = sqlx::query(
                "INSERT INTO import_respondents (import_id, respondent_id, row_number) \
                 VALUES ($1, $2, $3) ON CONFLICT (import_id, respondent_id) DO NOTHING",
            )
            .bind(import.id.0)
            .bind(respondent_id)
            .bind(i64::try_from(row).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await?;
            if linked.rows_affected() == 0 {
                let first_row: i64 = sqlx::query_scalar(
                    "SELECT row_number FROM import_respondents \
                     WHERE import_id = $1 AND respondent_id = $2",
                )
                .bind(import.id.0)
                .bind(respondent_id)
                .fetch_one(&mut *tx)
                .await?;
                let problem = RowProblem::Duplicate {
                    key: format!("respondent {:?}", r.external_id),
                    first_row: usize::try_from(first_row).unwrap_or(0),
                };
                return Err(row_err(OP, row, problem));
            }
            for chunk in r.answers.chunks(BATCH_ROWS) {
                // The WHERE makes a second write of the same (respondent, item) within this
                // import a no-op, which the affected-row count then exposes.
                let sql = format!(
                    "INSERT INTO answers (respondent_id, item_id, value, updated_at, import_id) \
                     VALUES {} ON CONFLICT (respondent_id, item_id) DO UPDATE SET \
                     value = excluded.value, updated_at = excluded.updated_at, \
                     import_id = excluded.import_id \
                     WHERE COALESCE(answers.import_id, 0) <> excluded.import_id",
                    values_placeholders(chunk.len(), 5)
                );
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for (item, value) in chunk {
                    q = q
                        .bind(respondent_id)
                        .bind(item.as_str())
                        .bind(*value)
                        .bind(now.as_str())
                        .bind(import.id.0);
                }
                let done = q
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| match db_error_kind(&e) {
                        Some(
                            ErrorKind::UniqueViolation
                            | ErrorKind::ForeignKeyViolation
                            | ErrorKind::CheckViolation,
                        ) => row_err(OP, row, RowProblem::Constraint(constraint_message(&e))),
                        _ => e.into(),
                    })?;
                if done.rows_affected() != chunk.len() as u64 {
                    let problem = RowProblem::Constraint(format!(
                        "{} of {} answers were written; an item of respondent {:?} was written twice",
                        done.rows_affected(),
                        chunk.len(),
                        r.external_id
                    ));
                    return Err(row_err(OP, row, problem));
                }
                values_written += chunk.len();
            }
        }
        tx.commit().await?;
        Ok(ImportOutcome::Imported {
            import,
            respondents_created,
            values_written,
        })
    }

    /// Imports register values in one transaction: all rows or nothing. Values for the same
    /// (municipality, indicator, year) from an earlier, different file are replaced; the
    /// same file again changes nothing ([`ImportOutcome::AlreadyImported`]).
    pub async fn import_register_values(
        &self,
        study: StudyId,
        file_name: &str,
        content_sha256: &str,
        rows: &[RegisterValueRecord],
    ) -> Result<ImportOutcome, StoreError> {
        const OP: &str = "import_register_values";
        let mut first_seen: HashMap<(&str, &str, i64), usize> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            let row = i + 1;
            if r.municipality_code.trim().is_empty() {
                let problem = RowProblem::Empty {
                    field: "municipality code",
                };
                return Err(row_err(OP, row, problem));
            }
            if r.indicator.trim().is_empty() {
                return Err(row_err(OP, row, RowProblem::Empty { field: "indicator" }));
            }
            if let Some(v) = r.value
                && !v.is_finite()
            {
                return Err(row_err(OP, row, RowProblem::NotFinite(v)));
            }
            let key = (r.municipality_code.as_str(), r.indicator.as_str(), r.year);
            if let Some(&first_row) = first_seen.get(&key) {
                let key = format!(
                    "register value {} / {:?} / {}",
                    r.municipality_code, r.indicator, r.year
                );
                return Err(row_err(OP, row, RowProblem::Duplicate { key, first_row }));
            }
            first_seen.insert(key, row);
        }
        let (mut tx, import) = match self
            .begin_import(
                study,
                ImportKind::RegisterValues,
                file_name,
                content_sha256,
                rows.len(),
            )
            .await?
        {
            Ok(started) => started,
            Err(previous) => return Ok(ImportOutcome::AlreadyImported { previous }),
        };
        for (c, chunk) in rows.chunks(BATCH_ROWS).enumerate() {
            let sql = format!(
                "INSERT INTO register_values \
                 (study_id, municipality_code, indicator, year, value, source, import_id) \
                 VALUES {} ON CONFLICT (study_id, municipality_code, indicator, year) DO UPDATE SET \
                 value = excluded.value, source = excluded.source, import_id = excluded.import_id \
                 WHERE register_values.import_id <> excluded.import_id",
                values_placeholders(chunk.len(), 7)
            );
            // Not a cached prepared statement: sqlx 0.9's Any driver declares a NULL f64 as
            // float4 (transact-rs/sqlx#4290), and PostgreSQL then rejects a later f64 bound to
            // the cached statement with "incorrect binary data format".
            let mut q = sqlx::query(AssertSqlSafe(sql)).persistent(false);
            for r in chunk {
                q = q
                    .bind(study.0)
                    .bind(r.municipality_code.as_str())
                    .bind(r.indicator.as_str())
                    .bind(r.year)
                    .bind(r.value)
                    .bind(r.source.as_str())
                    .bind(import.id.0);
            }
            let first_row = c * BATCH_ROWS + 1;
            let done = q
                .execute(&mut *tx)
                .await
                .map_err(|e| match db_error_kind(&e) {
                    Some(
                        ErrorKind::UniqueViolation
                        | ErrorKind::ForeignKeyViolation
                        | ErrorKind::CheckViolation,
                    ) => {
                        let last_row = first_row + chunk.len() - 1;
                        let message = format!(
                            "{} (somewhere in rows {first_row}-{last_row})",
                            constraint_message(&e)
                        );
                        row_err(OP, first_row, RowProblem::Constraint(message))
                    }
                    _ => e.into(),
                })?;
            if done.rows_affected() != chunk.len() as u64 {
                let problem = RowProblem::Constraint(format!(
                    "{} of {} register values were written",
                    done.rows_affected(),
                    chunk.len()
                ));
                return Err(row_err(OP, first_row, problem));
            }
        }
        tx.commit().await?;
        Ok(ImportOutcome::Imported {
            import,
            respondents_created: 0,
            values_written: rows.len(),
        })
    }

    /// The study's register values, by municipality, indicator and year.
    pub async fn list_register_values(
        &self,
        study: StudyId,
    ) -> Result<Vec<RegisterValueRecord>, StoreError> {
        self.ensure_study(study).await?;
        let rows = sqlx::query(
            "SELECT municipality_code, indicator, year, value, source FROM register_values \
             WHERE study_id = $1",
        )
        .bind(study.0)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(RegisterValueRecord {
                municipality_code: r.try_get("municipality_code")?,
                indicator: r.try_get("indicator")?,
                year: r.try_get("year")?,
                value: r.try_get("value")?,
                source: r.try_get("source")?,
            });
        }
        // Text order in Rust: the backends' collations disagree.
        out.sort_by(|a, b| {
            (&a.municipality_code, &a.indicator, a.year).cmp(&(
                &b.municipality_code,
                &b.indicator,
                b.year,
            ))
        });
        Ok(out)
    }

    /// The study's imports, oldest first.
    pub async fn list_imports(&self, study: StudyId) -> Result<Vec<ImportRecord>, StoreError> {
        self.ensure_study(study).await?;
        let rows = sqlx::query(
            "SELECT id, study_id, kind, file_name, content_sha256, row_count, created_at \
             FROM imports WHERE study_id = $1 ORDER BY id",
        )
        .bind(study.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(import_from_row).collect()
    }

    // ---------------------------------------------------------------- analysis runs

    /// Stores an analysis run: its settings and its result, as JSON.
    pub async fn save_run(
        &self,
        study: StudyId,
        kind: &str,
        settings: &serde_json::Value,
        result: &serde_json::Value,
    ) -> Result<RunId, StoreError> {
        self.ensure_study(study).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO analysis_runs (study_id, kind, settings_json, result_json, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(study.0)
        .bind(kind)
        .bind(settings.to_string())
        .bind(result.to_string())
        .bind(now_rfc3339())
        .fetch_one(&self.pool)
        .await?;
        Ok(RunId(id))
    }

    /// The study's runs, oldest first, without their results.
    pub async fn list_runs(&self, study: StudyId) -> Result<Vec<RunSummary>, StoreError> {
        self.ensure_study(study).await?;
        let rows = sqlx::query(
            "SELECT id, study_id, kind, settings_json, created_at FROM analysis_runs \
             WHERE study_id = $1 ORDER BY id",
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
                created_at: r.try_get("created_at")?,
            });
        }
        Ok(out)
    }

    /// One run with its result.
    pub async fn get_run(&self, run: RunId) -> Result<RunRecord, StoreError> {
        let r = sqlx::query(
            "SELECT id, study_id, kind, settings_json, result_json, created_at \
             FROM analysis_runs WHERE id = $1",
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
            created_at: r.try_get("created_at")?,
        })
    }
}

fn check_respondent_fields(
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

/// A fresh 256-bit token from the operating system's RNG, as 64 lower-case hex digits.
fn new_token() -> Result<String, StoreError> {
    use rand::TryRngCore;
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| StoreError::Random(e.to_string()))?;
    Ok(hex(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc_matches_fips_180_2_example() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn tokens_are_64_hex_digits_and_differ() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert!(is_hex64(&a) && is_hex64(&b));
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
        );
        assert_ne!(a, b);
    }

    #[test]
    fn placeholders_number_row_major() {
        assert_eq!(values_placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(values_placeholders(1, 1), "($1)");
    }

    #[test]
    fn urls_lose_their_password() {
        assert_eq!(
            redact_url("postgres://kantel:s3cret@db:5432/kantel"),
            "postgres://kantel:***@db:5432/kantel"
        );
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1:5432/postgres"),
            "postgres://postgres@127.0.0.1:5432/postgres"
        );
        assert_eq!(redact_url("sqlite::memory:"), "sqlite::memory:");
    }

    #[test]
    fn backend_from_url() {
        assert_eq!(
            Backend::from_url("sqlite::memory:").unwrap(),
            Backend::Sqlite
        );
        assert_eq!(
            Backend::from_url("sqlite:///tmp/x.db?mode=rwc").unwrap(),
            Backend::Sqlite
        );
        assert_eq!(
            Backend::from_url("postgresql://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert!(matches!(
            Backend::from_url("mysql://u:pw@h/db"),
            Err(StoreError::UnsupportedUrl { url }) if url == "mysql://u:***@h/db"
        ));
    }
}
