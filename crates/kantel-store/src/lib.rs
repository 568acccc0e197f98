//! Persistence for kantel: one async API over SQLite (the embedded default) and PostgreSQL.
//!
//! Both backends run the same Rust code and the same SQL through an [`sqlx::AnyPool`]; only
//! the migrations differ (`migrations/sqlite/` and `migrations/postgres/`, embedded with
//! `include_str!`). The SQL therefore stays inside the common subset: `$n` placeholders,
//! `BIGINT`/`DOUBLE PRECISION`/`TEXT` columns, booleans as 0/1, timestamps as RFC 3339 text,
//! JSON as text. See `docs/storage.md` for the schema.
//!
//! Everything goes through one [`Store`] (a connection pool; clones share it), opened with
//! [`Store::open`] or [`Store::open_sqlite_file`]. Its methods live with the entity they
//! concern, one module each; every type is re-exported here:
//!
//! | module           | entity                                   | principal types |
//! |------------------|------------------------------------------|-----------------|
//! | `open`           | opening, creating, migrating a database  | [`OpenMode`], [`Backend`] |
//! | `studies`        | studies and their status                 | [`StudyRecord`], [`StudyStatus`] |
//! | `municipalities` | a study's municipalities                 | [`MunicipalityRecord`], [`UnlistedMunicipality`] |
//! | `respondents`    | respondents and personal link tokens     | [`NewRespondent`], [`RespondentRecord`] |
//! | `answers`        | answers, imported or given on the web    | [`AnswerRecord`], [`RespondentAnswerSet`] |
//! | `register`       | register values and expert ratings       | [`RegisterValueRecord`] |
//! | `imports`        | imports, their history, data versions    | [`ImportRecord`], [`ImportOutcome`], [`DataVersion`] |
//! | `collection`     | answering through a personal link, progress | [`LinkRecord`], [`WebSave`], [`ProgressRow`] |
//! | `accounts`       | users (researchers, contacts) and sessions | [`UserRecord`], [`Role`], [`SessionRecord`] |
//! | `runs`           | stored analysis runs                     | [`RunSummary`], [`RunRecord`] |
//! | `error`          | what can go wrong                        | [`StoreError`], [`RowProblem`] |
//!
//! This file keeps what they share: the [`Store`] itself, write transactions (SQLite has
//! one writer: writers of this process queue at a gate before `BEGIN IMMEDIATE`), the
//! embedded migrations, ids and small helpers.
//!
//! ```no_run
//! # async fn demo() -> Result<(), kantel_store::StoreError> {
//! use kantel_store::{OpenMode, Store};
//! let store = Store::open_sqlite_file("kantel.db".as_ref(), OpenMode::CreateIfMissing).await?;
//! let study = store.create_study("Sociaal domein 2026", "[study]\nname = \"x\"\n").await?;
//! # let _ = study; Ok(()) }
//! ```

mod accounts;
mod answers;
mod collection;
mod error;
mod imports;
mod municipalities;
mod open;
mod register;
mod respondents;
mod runs;
mod studies;
mod time;

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;
use sqlx::error::ErrorKind;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, AssertSqlSafe, SqlSafeStr};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use accounts::{MAX_SESSION_LIFETIME, NewUser, Role, SessionRecord, UserId, UserRecord};
pub use answers::{AnswerRecord, RespondentAnswerSet};
pub use collection::{LinkRecord, ProgressRow, WebSave};
pub use error::{RespondentMismatch, RowProblem, StoreError};
pub use imports::{
    ActiveImport, AnswerImportRow, AnswersImport, AnswersStamp, DataVersion, ImportAction,
    ImportCounts, ImportEvent, ImportKind, ImportOutcome, ImportRecord, ImportRows, ImportStatus,
    RegisterImport,
};
pub use municipalities::{MunicipalityRecord, UnlistedMunicipality};
pub use open::{OpenMode, SQLITE_BUSY_TIMEOUT};
pub use register::RegisterValueRecord;
pub use respondents::{NewRespondent, RespondentRecord};
pub use runs::{RunRecord, RunSummary};
pub use studies::{StudyRecord, StudyStatus};
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
    /// Web saves waiting for their group commit (SQLite; see `collection.rs`).
    web_saves: Arc<std::sync::Mutex<Vec<collection::QueuedSave>>>,
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
            web_saves: Arc::new(std::sync::Mutex::new(Vec::new())),
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
