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
//! use kantel_store::{OpenMode, Store};
//! let store = Store::open_sqlite_file("kantel.db".as_ref(), OpenMode::CreateIfMissing).await?;
//! let study = store.create_study("Sociaal domein 2026", "[study]\nname = \"x\"\n").await?;
//! # let _ = study; Ok(()) }
//! ```

mod accounts;
mod collection;
mod error;
mod imports;
mod open;
mod time;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use sqlx::error::ErrorKind;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, AssertSqlSafe, Row, SqlSafeStr};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use accounts::{NewUser, Role, SessionRecord, UserId, UserRecord};
pub use collection::{LinkRecord, ProgressRow, StudyStatus, WebSave};
pub use error::{RespondentMismatch, RowProblem, StoreError};
pub use imports::{
    ActiveImport, AnswerImportRow, AnswersImport, DataVersion, ImportAction, ImportCounts,
    ImportEvent, ImportKind, ImportOutcome, ImportRecord, ImportRows, ImportStatus, RegisterImport,
    RegisterValueRecord,
};
pub use open::{OpenMode, SQLITE_BUSY_TIMEOUT};
pub use time::{format_rfc3339, now_rfc3339};

/// Embedded migrations: (version, description, SQLite SQL, PostgreSQL SQL).
/// A test checks that this list names exactly the files in both migration folders.
const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../migrations/sqlite/0001_init.sql"),
        include_str!("../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "import history",
        include_str!("../migrations/sqlite/0002_import_history.sql"),
        include_str!("../migrations/postgres/0002_import_history.sql"),
    ),
    (
        3,
        "yes/no answers",
        include_str!("../migrations/sqlite/0003_yes_no_answers.sql"),
        include_str!("../migrations/postgres/0003_yes_no_answers.sql"),
    ),
    (
        4,
        "data collection",
        include_str!("../migrations/sqlite/0004_collection.sql"),
        include_str!("../migrations/postgres/0004_collection.sql"),
    ),
];

/// File names of the embedded migrations, in order (for the folder-consistency test).
pub const MIGRATION_FILES: &[&str] = &[
    "0001_init.sql",
    "0002_import_history.sql",
    "0003_yes_no_answers.sql",
    "0004_collection.sql",
];

/// Stored answer values: 0 (nee) or 1 (ja) for yes/no items, 1-5 for Likert items. Which
/// of the two an item takes is the codebook's business, checked by the import.
pub const ANSWER_RANGE: std::ops::RangeInclusive<i64> = 0..=5;

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
    /// Whether personal links still accept answers ([`Store::set_study_status`]).
    pub status: StudyStatus,
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

/// Text of a statement built at run time (multi-row `VALUES` lists, `IN (…)` lists), with
/// placeholders for the backend: `$1, $2, …` for PostgreSQL, anonymous `?` for SQLite.
///
/// Not `$n` on SQLite: sqlx looks up the name of every parameter it binds
/// (`sqlite3_bind_parameter_name`), which SQLite answers with a linear search through the
/// statement's named parameters, so binding n numbered parameters costs O(n²); a
/// 3000-parameter insert spent 85 % of an import's time there. Anonymous parameters have
/// no names. The text holds only static SQL and placeholders, so it is safe to assert.
pub(crate) struct SqlText {
    text: String,
    backend: Backend,
    params: usize,
}

impl SqlText {
    pub(crate) fn new(backend: Backend) -> SqlText {
        SqlText {
            text: String::new(),
            backend,
            params: 0,
        }
    }

    /// Appends `sql`, every `?` in it becoming the next placeholder.
    pub(crate) fn push(&mut self, sql: &'static str) -> &mut SqlText {
        for c in sql.chars() {
            if c == '?' {
                self.params += 1;
                match self.backend {
                    Backend::Sqlite => self.text.push('?'),
                    Backend::Postgres => {
                        self.text.push('$');
                        self.text.push_str(&self.params.to_string());
                    }
                }
            } else {
                self.text.push(c);
            }
        }
        self
    }

    /// Appends `rows` copies of `template` separated by `, `.
    pub(crate) fn repeat(&mut self, rows: usize, template: &'static str) -> &mut SqlText {
        for r in 0..rows {
            if r > 0 {
                self.text.push_str(", ");
            }
            self.push(template);
        }
        self
    }

    pub(crate) fn build(&mut self) -> AssertSqlSafe<String> {
        AssertSqlSafe(std::mem::take(&mut self.text))
    }
}

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
        status: StudyStatus::parse(&row.try_get::<String, _>("status")?),
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
        language: row.try_get("language")?,
        last_section: row.try_get("last_section")?,
        submitted_at: row.try_get("submitted_at")?,
    })
}

fn parse_json(
    run: RunId,
    field: &'static str,
    text: &str,
) -> Result<serde_json::Value, StoreError> {
    serde_json::from_str(text).map_err(|parser| StoreError::CorruptJson { run, field, parser })
}

const RESPONDENT_COLUMNS: &str = "id, study_id, external_id, municipality_code, respondent_group, \
     CASE WHEN token_sha256 IS NULL THEN 0 ELSE 1 END AS has_token, created_at, language, \
     last_section, submitted_at";

/// The store: a connection pool plus the backend it talks to. Cheap to clone; clones share
/// the pool.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The SQLite file as the caller named it, for errors that concern the file.
    file: Option<Arc<PathBuf>>,
    /// SQLite has one writer per database. Writers of this process queue here (fairly, and
    /// without holding a pooled connection) before they ask SQLite for its write lock,
    /// which they then only have to wait for when another process holds it.
    write_gate: Arc<Mutex<()>>,
}

/// A write transaction: on SQLite begun with `BEGIN IMMEDIATE` (the write lock is taken at
/// once, waiting under the busy timeout, instead of failing on a later lock upgrade) and
/// holding the store's write gate; on PostgreSQL a plain transaction.
pub(crate) struct WriteTx {
    pub(crate) tx: sqlx::Transaction<'static, sqlx::Any>,
    // Declared after `tx`: dropped after it, so the gate opens once the transaction ended.
    _gate: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        let WriteTx { tx, _gate } = self;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn rollback(self) -> Result<(), StoreError> {
        let WriteTx { tx, _gate } = self;
        tx.rollback().await?;
        Ok(())
    }
}

impl Store {
    fn new(pool: AnyPool, backend: Backend, file: Option<Arc<PathBuf>>) -> Store {
        Store {
            pool,
            backend,
            file,
            write_gate: Arc::new(Mutex::new(())),
        }
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

    /// Names the SQLite file in errors that concern it.
    fn locate<T>(&self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        result.map_err(|e| self.locate_err(e))
    }

    fn locate_err(&self, e: StoreError) -> StoreError {
        open::locate_error(self.file.as_deref().map(PathBuf::as_path), e)
    }

    async fn write_gate(&self) -> Option<OwnedMutexGuard<()>> {
        match self.backend {
            Backend::Sqlite => Some(self.write_gate.clone().lock_owned().await),
            Backend::Postgres => None,
        }
    }

    pub(crate) async fn begin_write(&self) -> Result<WriteTx, StoreError> {
        let gate = self.write_gate().await;
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(WriteTx { tx, _gate: gate })
    }

    /// Inside a write transaction: locks the study's row (PostgreSQL; SQLite's write lock
    /// covers the whole database already), so writers of one study take turns, and
    /// returns its data version. [`StoreError::UnknownStudy`] if there is none.
    pub(crate) async fn lock_study(
        &self,
        conn: &mut AnyConnection,
        study: StudyId,
    ) -> Result<i64, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => "SELECT data_version FROM studies WHERE id = $1",
            Backend::Postgres => "SELECT data_version FROM studies WHERE id = $1 FOR UPDATE",
        };
        let version: Option<i64> = sqlx::query_scalar(sql)
            .bind(study.0)
            .fetch_optional(&mut *conn)
            .await?;
        version.ok_or(StoreError::UnknownStudy(study))
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

    // ---------------------------------------------------------------- municipalities

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
    /// Answers saved this way belong to no import.
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
                    .execute(&mut *w.tx)
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
                    f(AnswerRecord {
                        respondent: RespondentId(r.try_get("respondent_id")?),
                        external_id: r.try_get("external_id")?,
                        municipality_code: r.try_get("municipality_code")?,
                        group: r.try_get("respondent_group")?,
                        item: r.try_get("item_id")?,
                        value: r.try_get("value")?,
                        updated_at: r.try_get("updated_at")?,
                    });
                }
                Ok(())
            }
            .await,
        )
    }

    /// The study's register values (expert ratings included), by municipality, indicator
    /// and year.
    pub async fn list_register_values(
        &self,
        study: StudyId,
    ) -> Result<Vec<RegisterValueRecord>, StoreError> {
        self.locate(
            async {
                self.ensure_study(study).await?;
                let rows = sqlx::query(
                    "SELECT municipality_code, indicator, year, value, source \
                     FROM register_values WHERE study_id = $1",
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
            .await,
        )
    }

    // ---------------------------------------------------------------- analysis runs

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
    fn placeholders_per_backend() {
        let text = |backend| {
            let mut sql = SqlText::new(backend);
            sql.push("SELECT x FROM t WHERE a = ? AND b IN (")
                .repeat(2, "?")
                .push(") AND c IN ")
                .repeat(2, "(?, NULL, ?)");
            sql.build().0
        };
        assert_eq!(
            text(Backend::Postgres),
            "SELECT x FROM t WHERE a = $1 AND b IN ($2, $3) AND c IN ($4, NULL, $5), ($6, NULL, $7)"
        );
        assert_eq!(
            text(Backend::Sqlite),
            "SELECT x FROM t WHERE a = ? AND b IN (?, ?) AND c IN (?, NULL, ?), (?, NULL, ?)"
        );
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
