//! Opening a store: URLs and SQLite files by path, connection settings, migrations under a
//! lock, and naming the database file in errors.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sqlx::AnyConnection;
use sqlx::any::AnyPoolOptions;
use sqlx::error::DatabaseError;
use sqlx::{AnyPool, Connection, Row};

use crate::{Backend, Store, StoreError, migrator, redact_url};

/// How long an SQLite statement waits for another connection's lock before giving up
/// (`PRAGMA busy_timeout`). Long enough for another process's import to finish.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// How [`Store::open_sqlite_file`] treats the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OpenMode {
    /// Create the database when the file does not exist (imports).
    CreateIfMissing,
    /// The file must exist ([`StoreError::NoDatabase`] otherwise): analyses and reports.
    MustExist,
    /// The file must exist and is only read; writes fail with
    /// [`StoreError::ReadOnlyDatabase`].
    ReadOnly,
}

impl OpenMode {
    fn url_mode(self) -> &'static str {
        match self {
            OpenMode::CreateIfMissing => "rwc",
            OpenMode::MustExist => "rw",
            OpenMode::ReadOnly => "ro",
        }
    }
}

/// `sqlite://` URL for an absolute path. Every byte other than ASCII letters, digits and
/// `-._~/` is percent-encoded, so spaces, `?`, `#`, `%` and non-ASCII characters reach
/// SQLite unchanged (sqlx percent-decodes the path part of the URL). The path must be
/// absolute and free of `.`/`..` segments, which URL parsing would resolve.
fn sqlite_url(path: &Path, mode: OpenMode) -> Option<String> {
    let text = path.to_str()?;
    let mut url = String::from("sqlite://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push('%');
            url.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            url.push(char::from(b"0123456789ABCDEF"[usize::from(b & 0x0f)]));
        }
    }
    url.push_str("?mode=");
    url.push_str(mode.url_mode());
    Some(url)
}

/// Percent-decoding as sqlx does it for the path of an `sqlite:` URL.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: Option<&u8>| b.and_then(|b| char::from(*b).to_digit(16));
        match (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (b'%', Some(hi), Some(lo)) => {
                out.push(u8::try_from(hi * 16 + lo).ok()?);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// An `sqlite:` URL that names a file and at most a `mode` of `rwc`, `rw` or `ro`: the
/// file and mode, so that it can be opened like [`Store::open_sqlite_file`]. `None` for
/// in-memory databases and URLs with other parameters (those are passed to sqlx as they
/// are).
pub(crate) fn sqlite_file_of_url(url: &str) -> Option<(PathBuf, OpenMode)> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    let mut mode = OpenMode::MustExist;
    if let Some(query) = query {
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            mode = match pair {
                "mode=rwc" => OpenMode::CreateIfMissing,
                "mode=rw" => OpenMode::MustExist,
                "mode=ro" => OpenMode::ReadOnly,
                _ => return None,
            };
        }
    }
    Some((PathBuf::from(percent_decode(path)?), mode))
}

/// SQLite result codes (the primary code is the low byte of an extended code).
const SQLITE_BUSY: i64 = 5;
const SQLITE_READONLY: i64 = 8;
const SQLITE_CORRUPT: i64 = 11;
const SQLITE_CANTOPEN: i64 = 14;
const SQLITE_NOTADB: i64 = 26;

fn sqlite_primary_code(e: &sqlx::Error) -> Option<i64> {
    match e {
        sqlx::Error::Database(d) => d
            .try_downcast_ref::<sqlx::sqlite::SqliteError>()
            .and_then(|s| s.code())
            .and_then(|c| c.parse::<i64>().ok())
            .map(|c| c & 0xff),
        _ => None,
    }
}

fn is_sqlite_busy(e: &sqlx::Error) -> bool {
    sqlite_primary_code(e) == Some(SQLITE_BUSY)
}

/// The typed error for an SQLite failure that concerns the file as a whole, naming it.
fn file_error(path: &Path, e: sqlx::Error) -> Result<StoreError, sqlx::Error> {
    let path = path.to_path_buf();
    Ok(match sqlite_primary_code(&e) {
        Some(SQLITE_NOTADB) => StoreError::NotADatabase { path },
        Some(SQLITE_CORRUPT) => StoreError::CorruptDatabase { path },
        Some(SQLITE_READONLY) => StoreError::ReadOnlyDatabase { path },
        Some(SQLITE_BUSY) => StoreError::DatabaseBusy {
            path,
            seconds: SQLITE_BUSY_TIMEOUT.as_secs(),
        },
        Some(SQLITE_CANTOPEN) => StoreError::CannotOpenDatabase { path, driver: e },
        _ => return Err(e),
    })
}

/// Replaces driver errors that concern the whole SQLite file (not a database, damaged,
/// read-only, locked too long, cannot open) by typed errors that name the file.
pub(crate) fn locate_error(file: Option<&Path>, e: StoreError) -> StoreError {
    use sqlx::migrate::MigrateError;
    let Some(path) = file else {
        return e;
    };
    match e {
        StoreError::Database(d) => file_error(path, d).unwrap_or_else(StoreError::Database),
        StoreError::Connect { url, driver } => {
            file_error(path, driver).unwrap_or_else(|driver| StoreError::Connect { url, driver })
        }
        StoreError::Migrate(MigrateError::Execute(d)) => {
            file_error(path, d).unwrap_or_else(|d| StoreError::Migrate(MigrateError::Execute(d)))
        }
        StoreError::Migrate(MigrateError::ExecuteMigration(d, version)) => file_error(path, d)
            .unwrap_or_else(|d| StoreError::Migrate(MigrateError::ExecuteMigration(d, version))),
        other => other,
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// `path` with an absolute, symlink-free folder: what goes into the URL.
fn resolve(path: &Path, mode: OpenMode) -> Result<PathBuf, StoreError> {
    let given = path.to_path_buf();
    let name = match path.file_name() {
        Some(n) => n.to_owned(),
        None => return Err(StoreError::NotAFile { path: given }),
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match std::fs::canonicalize(parent) {
        Ok(dir) => Ok(dir.join(name)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(match mode {
            OpenMode::CreateIfMissing => StoreError::DatabaseFolderMissing { path: given },
            OpenMode::MustExist | OpenMode::ReadOnly => StoreError::NoDatabase { path: given },
        }),
        Err(io) => Err(StoreError::DatabaseIo { path: given, io }),
    }
}

fn remove_sqlite_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Creates a fully migrated database at `target` so that it appears at once: it is built
/// under a temporary name in the same folder and hard-linked into place, which fails if
/// another process got there first (then its database is used). Without this, a second
/// process could see the new file while it still has 0 bytes, which would be refused as a
/// truncated database.
///
/// Returns false when the file system cannot hard-link (some network and FAT file
/// systems); the caller then lets SQLite create the file in place.
async fn create_database_file(given: &Path, target: &Path) -> Result<bool, StoreError> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let temp = target.with_file_name(format!(
        ".{name}.new-{}-{nanos}-{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let url =
        sqlite_url(&temp, OpenMode::CreateIfMissing).ok_or_else(|| StoreError::NonUtf8Path {
            path: given.to_path_buf(),
        })?;
    let built = async {
        let mut conn =
            AnyConnection::connect(&url)
                .await
                .map_err(|driver| StoreError::Connect {
                    url: url.clone(),
                    driver,
                })?;
        let result = async {
            migrate_sqlite(&mut conn).await?;
            // Last, so the file is complete in rollback-journal mode before WAL is set.
            sqlx::query("PRAGMA journal_mode = WAL")
                .fetch_optional(&mut conn)
                .await?;
            Ok::<(), StoreError>(())
        }
        .await;
        conn.close().await?;
        result
    }
    .await;
    if let Err(e) = built {
        remove_sqlite_files(&temp);
        return Err(locate_error(Some(given), e));
    }
    let linked = std::fs::hard_link(&temp, target);
    remove_sqlite_files(&temp);
    match linked {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(true),
        Err(_) => Ok(false),
    }
}

/// Switches a file to WAL (persistent in the file). Needs a moment without other
/// connections in the file; SQLite does not always wait for that under the busy timeout,
/// so this retries.
async fn ensure_wal(pool: &AnyPool) -> Result<(), StoreError> {
    let started = Instant::now();
    loop {
        let mode: Result<Option<String>, sqlx::Error> =
            sqlx::query_scalar("PRAGMA journal_mode = WAL")
                .fetch_optional(pool)
                .await;
        match mode {
            Ok(Some(m)) if m.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(_) => {}
            Err(e) if is_sqlite_busy(&e) => {}
            Err(e) => return Err(e.into()),
        }
        if started.elapsed() > SQLITE_BUSY_TIMEOUT {
            // Readers do not need WAL; a store that cannot switch still works.
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Whether any embedded migration is missing from (or differs in) `_sqlx_migrations`.
/// Read-only, so an up-to-date database is opened without taking the write lock.
async fn sqlite_migrations_pending(conn: &mut AnyConnection) -> Result<bool, StoreError> {
    let has_table: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await?;
    if has_table == 0 {
        return Ok(true);
    }
    let rows = sqlx::query(
        "SELECT version, checksum, CASE WHEN success THEN 1 ELSE 0 END AS ok FROM _sqlx_migrations",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut applied = Vec::with_capacity(rows.len());
    for r in &rows {
        let version: i64 = r.try_get("version")?;
        let checksum: Vec<u8> = r.try_get("checksum")?;
        let success: i64 = r.try_get("ok")?;
        applied.push((version, checksum, success));
    }
    let migrator = migrator(Backend::Sqlite);
    Ok(migrator.iter().any(|m| {
        !applied
            .iter()
            .any(|(v, c, ok)| *v == m.version && *ok != 0 && c.as_slice() == &*m.checksum)
    }))
}

/// Applies pending migrations on one SQLite connection, holding the database's write lock
/// (`BEGIN IMMEDIATE`) from before it reads which migrations are applied until after the
/// last one: a second process waits (busy timeout) and then finds nothing to do.
///
/// Foreign keys are off meanwhile, because SQLite's table-rebuild procedure (migration
/// 0002) drops a parent table; `PRAGMA foreign_key_check` must find nothing before the
/// transaction commits.
pub(crate) async fn migrate_sqlite(conn: &mut AnyConnection) -> Result<(), StoreError> {
    if !sqlite_migrations_pending(conn).await? {
        return Ok(());
    }
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *conn)
        .await?;
    let result = async {
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        // `run_direct` on the transaction's connection: `run` with `&mut tx` makes this
        // future not `Send` ("implementation of `Acquire` is not general enough", the
        // reason sqlx itself has `run_direct`).
        migrator(Backend::Sqlite)
            .run_direct(None, &mut *tx, false)
            .await?;
        let violation = sqlx::query("PRAGMA foreign_key_check")
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = violation {
            let table: String = row.try_get(0)?;
            return Err(StoreError::MigrationForeignKeys { table });
        }
        tx.commit().await?;
        Ok(())
    }
    .await;
    let restored = sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *conn)
        .await;
    result?;
    restored?;
    Ok(())
}

fn sqlite_pool_options(memory: bool) -> AnyPoolOptions {
    let options = AnyPoolOptions::new();
    let options = if memory {
        // Every connection to `:memory:` opens its own empty database, so exactly one
        // connection must exist and never be recycled.
        options
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
    } else {
        // SQLite has one writer; a few connections serve concurrent readers under WAL.
        // A connection may wait out the busy timeout inside a call, so waiting for a
        // connection must last longer than that.
        options
            .max_connections(4)
            .acquire_timeout(SQLITE_BUSY_TIMEOUT + Duration::from_secs(30))
    };
    options.after_connect(|conn, _meta| {
        Box::pin(async move {
            sqlx::query("PRAGMA foreign_keys = ON")
                .execute(&mut *conn)
                .await?;
            // Not a bound parameter: PRAGMA takes none. The number is a constant.
            sqlx::query("PRAGMA busy_timeout = 60000")
                .execute(&mut *conn)
                .await?;
            // Said, not assumed: a commit waits for the write-ahead log to reach the disk,
            // so an acknowledged answer survives a power cut as well as a killed process.
            // (WAL with NORMAL would lose the last commits on power loss.) Group commit of
            // web saves keeps this affordable. FULL is also SQLite's compiled-in default,
            // so where the pragma fails (a file that is not a database, which reading its
            // header reveals) nothing changes and the open reports that file below.
            let _ = sqlx::query("PRAGMA synchronous = FULL")
                .execute(&mut *conn)
                .await;
            Ok(())
        })
    })
}

impl Store {
    /// Connects and applies pending migrations (re-opening an up-to-date database changes
    /// nothing).
    ///
    /// URLs: `sqlite://PATH?mode=rwc` (create if missing), `sqlite://PATH` (must exist),
    /// `sqlite://PATH?mode=ro` (read only), `sqlite::memory:` (a private database that
    /// lives as long as the store), `postgres://USER@HOST:PORT/DB`. An SQLite URL with only
    /// a `mode` is opened like [`Store::open_sqlite_file`] with the percent-decoded path;
    /// building such a URL from a path by string formatting is wrong for paths with
    /// spaces, `?`, `#` or `%`, so callers with a path should use that function.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        match backend {
            Backend::Sqlite => {
                if let Some((path, mode)) = sqlite_file_of_url(url) {
                    return Store::open_sqlite_file(&path, mode).await;
                }
                let memory = url.contains(":memory:") || url.contains("mode=memory");
                let pool = sqlite_pool_options(memory)
                    .connect(url)
                    .await
                    .map_err(|driver| StoreError::Connect {
                        url: redact_url(url),
                        driver,
                    })?;
                if !memory {
                    ensure_wal(&pool).await?;
                }
                let mut conn = pool.acquire().await?;
                migrate_sqlite(&mut conn).await?;
                drop(conn);
                Ok(Store::new(pool, backend, None))
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(8)
                    .connect(url)
                    .await
                    .map_err(|driver| StoreError::Connect {
                        url: redact_url(url),
                        driver,
                    })?;
                // sqlx holds a PostgreSQL advisory lock (keyed on the database name) while
                // it checks and applies migrations, so concurrent opens wait for each other.
                migrator(backend).run(&pool).await?;
                Ok(Store::new(pool, backend, None))
            }
        }
    }

    /// Opens the SQLite database in exactly this file, whatever characters its path
    /// contains, and applies pending migrations under the database's write lock.
    ///
    /// * [`OpenMode::CreateIfMissing`]: a missing file is created, fully migrated, under a
    ///   temporary name and then linked into place, so no other process ever sees a
    ///   half-made database. A missing folder is [`StoreError::DatabaseFolderMissing`].
    /// * [`OpenMode::MustExist`], [`OpenMode::ReadOnly`]: a missing file is
    ///   [`StoreError::NoDatabase`].
    /// * An existing file of 0 bytes is [`StoreError::EmptyDatabaseFile`], a file that is
    ///   not SQLite [`StoreError::NotADatabase`], a damaged one
    ///   [`StoreError::CorruptDatabase`]; later calls report read-only files and locks
    ///   held too long by other writers with typed errors that name the file, too.
    ///
    /// Connections use WAL, foreign keys and a 60 s busy timeout.
    pub async fn open_sqlite_file(path: &Path, mode: OpenMode) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let given = path.to_path_buf();
        let target = resolve(path, mode)?;
        let mut create_in_place = false;
        match std::fs::metadata(&target) {
            Ok(m) if m.is_dir() => return Err(StoreError::NotAFile { path: given }),
            Ok(m) if m.len() == 0 => return Err(StoreError::EmptyDatabaseFile { path: given }),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match mode {
                OpenMode::CreateIfMissing => {
                    create_in_place = !create_database_file(&given, &target).await?;
                }
                OpenMode::MustExist | OpenMode::ReadOnly => {
                    return Err(StoreError::NoDatabase { path: given });
                }
            },
            Err(io) => return Err(StoreError::DatabaseIo { path: given, io }),
        }
        let url_mode = if create_in_place {
            OpenMode::CreateIfMissing
        } else if mode == OpenMode::ReadOnly {
            OpenMode::ReadOnly
        } else {
            OpenMode::MustExist
        };
        let url = sqlite_url(&target, url_mode).ok_or_else(|| StoreError::NonUtf8Path {
            path: given.clone(),
        })?;
        let file = Arc::new(given.clone());
        let opened = async {
            let pool = sqlite_pool_options(false)
                .connect(&url)
                .await
                .map_err(|driver| StoreError::Connect {
                    url: given.display().to_string(),
                    driver,
                })?;
            if mode != OpenMode::ReadOnly {
                ensure_wal(&pool).await?;
            }
            let mut conn = pool.acquire().await?;
            migrate_sqlite(&mut conn).await?;
            drop(conn);
            Ok::<AnyPool, StoreError>(pool)
        }
        .await;
        match opened {
            Ok(pool) => Ok(Store::new(pool, Backend::Sqlite, Some(file))),
            Err(e) => Err(locate_error(Some(&given), e)),
        }
    }

    /// The SQLite file this store was opened on (as given), if any.
    pub fn sqlite_file(&self) -> Option<&Path> {
        self.file.as_deref().map(PathBuf::as_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_encode_everything_unusual() {
        assert_eq!(
            sqlite_url(Path::new("/tmp/a b/p%20x?#ü.db"), OpenMode::CreateIfMissing).unwrap(),
            "sqlite:///tmp/a%20b/p%2520x%3F%23%C3%BC.db?mode=rwc"
        );
    }

    #[test]
    fn percent_decoding_round_trips() {
        let path = "/tmp/a b/p%20x?#ü.db";
        let url = sqlite_url(Path::new(path), OpenMode::MustExist).unwrap();
        let (decoded, mode) = sqlite_file_of_url(&url).unwrap();
        assert_eq!(decoded, PathBuf::from(path));
        assert_eq!(mode, OpenMode::MustExist);
    }

    #[test]
    fn sqlite_urls_with_only_a_mode_are_files() {
        assert_eq!(
            sqlite_file_of_url("sqlite://kantel.db?mode=rwc"),
            Some((PathBuf::from("kantel.db"), OpenMode::CreateIfMissing))
        );
        assert_eq!(
            sqlite_file_of_url("sqlite:///abs/x.db"),
            Some((PathBuf::from("/abs/x.db"), OpenMode::MustExist))
        );
        assert_eq!(
            sqlite_file_of_url("sqlite://x.db?mode=ro"),
            Some((PathBuf::from("x.db"), OpenMode::ReadOnly))
        );
        assert_eq!(sqlite_file_of_url("sqlite::memory:"), None);
        assert_eq!(sqlite_file_of_url("sqlite://x.db?cache=shared"), None);
        assert_eq!(sqlite_file_of_url("sqlite://?mode=memory"), None);
    }
}
