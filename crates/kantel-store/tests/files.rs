//! SQLite files opened by path: unusual characters, missing, empty, foreign, damaged and
//! read-only files, error texts, and several processes importing into a new file at once.

#[macro_use]
mod support;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;

use kantel_store::{AnswerImportRow, ImportOutcome, OpenMode, Store, StoreError, sha256_hex};
use support::*;

/// A fresh folder under the temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let dir = std::env::temp_dir().join(format!("kantel_files_{}", unique_suffix()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The error and its sources, joined like anyhow's `{:#}`.
fn chain(e: &dyn Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

async fn new_database(path: &Path) {
    let store = Store::open_sqlite_file(path, OpenMode::CreateIfMissing)
        .await
        .unwrap();
    let study = study_with_municipalities(&store, "s").await;
    store
        .import_answers(
            study,
            "a.csv",
            &sha256_hex(b"a"),
            &[import_row("R1", "GM0363", "bestuur", &[("q01", Some(3))])],
        )
        .await
        .unwrap();
    store.close().await;
}

/// Every connection to a database file commits with a full sync of the write-ahead log
/// (`synchronous = FULL`, 2): an acknowledged answer survives a power cut.
#[tokio::test]
async fn file_databases_commit_with_a_full_sync() {
    let base = TempDir::new();
    let path = base.0.join("kantel.sqlite");
    new_database(&path).await;
    let store = Store::open_sqlite_file(&path, OpenMode::MustExist)
        .await
        .unwrap();
    let mut conns = Vec::new();
    for _ in 0..3 {
        conns.push(store.pool().acquire().await.unwrap());
    }
    for conn in &mut conns {
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(journal, "wal");
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(sync, 2, "synchronous = FULL");
    }
    drop(conns);
    store.close().await;
}

#[tokio::test]
async fn paths_with_unusual_characters_open_exactly_that_file() {
    let base = TempDir::new();
    let folders = [
        "a b",
        "vraag?x=1",
        "hash#deel",
        "p%20x",
        "100%",
        "gemeenten ünïcødé ’s-Hertogenbosch",
        "semi;colon&mode=ro",
    ];
    for folder in folders {
        let dir = base.0.join(folder);
        std::fs::create_dir(&dir).unwrap();
        let path = dir.join("kantel data?#%20.sqlite");
        new_database(&path).await;
        assert!(path.is_file(), "{}", path.display());
        assert_eq!(entries(&dir), ["kantel data?#%20.sqlite"], "{folder}");
        for mode in [OpenMode::MustExist, OpenMode::ReadOnly] {
            let store = Store::open_sqlite_file(&path, mode).await.unwrap();
            assert_eq!(store.sqlite_file(), Some(path.as_path()));
            let study = store.find_study_by_name("s").await.unwrap().unwrap();
            assert_eq!(store.list_answers(study.id).await.unwrap().len(), 1);
            store.close().await;
        }
    }
    // Nothing was created anywhere else (`p%20x` must not become `p x`).
    let mut expected: Vec<String> = folders.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(entries(&base.0), expected);
}

#[tokio::test]
async fn dot_dot_segments_resolve_like_the_file_system() {
    // The folder is resolved by the file system (symbolic links, `..`) before the path
    // goes into a URL, where `..` would be removed textually.
    let base = TempDir::new();
    let path = base.0.join("sub").join("..").join("k.sqlite");
    std::fs::create_dir(base.0.join("sub")).unwrap();
    new_database(&path).await;
    assert!(base.0.join("k.sqlite").is_file());
}

#[tokio::test]
async fn missing_databases_and_folders_are_typed_errors() {
    let base = TempDir::new();
    let path = base.0.join("kantel.sqlite");
    for mode in [OpenMode::MustExist, OpenMode::ReadOnly] {
        let err = Store::open_sqlite_file(&path, mode).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::NoDatabase { path: p } if *p == path),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!("no database yet at {}", path.display())
        );
    }
    assert!(!path.exists(), "must-exist modes create nothing");
    let in_missing = base.0.join("nope").join("kantel.sqlite");
    assert!(matches!(
        Store::open_sqlite_file(&in_missing, OpenMode::CreateIfMissing).await,
        Err(StoreError::DatabaseFolderMissing { path: p }) if p == in_missing
    ));
    assert!(matches!(
        Store::open_sqlite_file(&in_missing, OpenMode::MustExist).await,
        Err(StoreError::NoDatabase { .. })
    ));
    assert!(matches!(
        Store::open_sqlite_file(&base.0, OpenMode::CreateIfMissing).await,
        Err(StoreError::NotAFile { .. })
    ));
    // A URL without mode means "must exist" too.
    let url = format!("sqlite://{}", path.display());
    assert!(matches!(
        Store::open(&url).await,
        Err(StoreError::NoDatabase { .. })
    ));
    assert_eq!(entries(&base.0), Vec::<String>::new());
}

#[tokio::test]
async fn an_empty_file_is_refused_not_reused() {
    let base = TempDir::new();
    let path = base.0.join("kantel.sqlite");
    std::fs::write(&path, b"").unwrap();
    for mode in [
        OpenMode::CreateIfMissing,
        OpenMode::MustExist,
        OpenMode::ReadOnly,
    ] {
        let err = Store::open_sqlite_file(&path, mode).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::EmptyDatabaseFile { path: p } if *p == path),
            "{err:?}"
        );
        assert!(err.to_string().contains(&path.display().to_string()));
    }
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "left untouched");
}

#[tokio::test]
async fn a_file_that_is_not_sqlite_is_named() {
    let base = TempDir::new();
    let path = base.0.join("antwoorden.sqlite");
    std::fs::write(
        &path,
        "respondent;gemeente;groep;q01\nR1;GM0363;bestuur;4\n".repeat(200),
    )
    .unwrap();
    for mode in [OpenMode::CreateIfMissing, OpenMode::MustExist] {
        let err = Store::open_sqlite_file(&path, mode).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::NotADatabase { path: p } if *p == path),
            "{err:?}"
        );
        assert_eq!(
            chain(&err),
            format!(
                "{} is not a kantel database (it is not an SQLite database file)",
                path.display()
            )
        );
    }
}

#[tokio::test]
async fn a_damaged_file_is_named() {
    let base = TempDir::new();
    let path = base.0.join("kantel.sqlite");
    new_database(&path).await;
    // Overwrite the schema page (page 1 after the 100-byte file header) with garbage.
    let mut bytes = std::fs::read(&path).unwrap();
    for (i, b) in bytes[100..4096].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open_sqlite_file(&path, OpenMode::MustExist)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::CorruptDatabase { path: p } if *p == path),
        "{err:?}"
    );
    assert_eq!(
        chain(&err),
        format!(
            "the database {} is damaged (SQLite: database disk image is malformed)",
            path.display()
        )
    );
}

#[tokio::test]
async fn writing_a_read_only_database_is_named() {
    let base = TempDir::new();
    let path = base.0.join("kantel.sqlite");
    new_database(&path).await;
    let store = Store::open_sqlite_file(&path, OpenMode::ReadOnly)
        .await
        .unwrap();
    let study = store.find_study_by_name("s").await.unwrap().unwrap().id;
    assert_eq!(store.list_answers(study).await.unwrap().len(), 1);
    let rows = [import_row("R2", "GM0363", "bestuur", &[("q01", Some(3))])];
    let err = store
        .import_answers(study, "b.csv", &sha256_hex(b"b"), &rows)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::ReadOnlyDatabase { path: p } if *p == path),
        "{err:?}"
    );
    assert_eq!(
        chain(&err),
        format!(
            "cannot write to the database {}: it is read-only",
            path.display()
        )
    );
    let err = store.create_study("t", "").await.unwrap_err();
    assert!(
        matches!(err, StoreError::ReadOnlyDatabase { .. }),
        "{err:?}"
    );
    store.close().await;
}

#[tokio::test]
async fn driver_texts_appear_once_in_error_chains() {
    let base = TempDir::new();
    let path = base.0.join("kantel.sqlite");
    new_database(&path).await;
    let store = Store::open_sqlite_file(&path, OpenMode::MustExist)
        .await
        .unwrap();

    // A plain database error.
    let driver = sqlx::query("SELEKT 1")
        .execute(store.pool())
        .await
        .unwrap_err();
    let message = match &driver {
        sqlx::Error::Database(d) => d.message().to_owned(),
        other => panic!("{other:?}"),
    };
    let err = StoreError::from(driver);
    assert_eq!(chain(&err).matches(&message).count(), 1, "{}", chain(&err));

    // A migration checksum that no longer matches.
    sqlx::query("UPDATE _sqlx_migrations SET checksum = X'00' WHERE version = 1")
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;
    let err = Store::open_sqlite_file(&path, OpenMode::MustExist)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Migrate(_)), "{err:?}");
    let text = chain(&err);
    assert_eq!(text.matches("migration 1").count(), 1, "{text}");

    // A connection failure (a URL with extra parameters goes to sqlx as it is).
    let url = format!(
        "sqlite://{}/nope/x.db?mode=rwc&cache=private",
        base.0.display()
    );
    let err = Store::open(&url).await.unwrap_err();
    assert!(matches!(err, StoreError::Connect { .. }), "{err:?}");
    let text = chain(&err);
    assert_eq!(
        text.matches("unable to open database file").count(),
        1,
        "{text}"
    );
}

// ------------------------------------------------------------------ processes

const CHILD_DB: &str = "KANTEL_STORE_TEST_CHILD_DB";
const CHILD_K: &str = "KANTEL_STORE_TEST_CHILD_K";

fn child_rows(k: usize) -> Vec<AnswerImportRow> {
    (0..2000)
        .map(|i| {
            import_row(
                &format!("P{k}-{i}"),
                if i % 2 == 0 { "GM0363" } else { "GM0014" },
                "bestuur",
                &[
                    ("q01", Some(1 + (i % 5) as i64)),
                    ("q02", None),
                    ("q03", Some(2)),
                ],
            )
        })
        .collect()
}

/// Run by `processes_import_concurrently_into_a_new_file` in child processes; does nothing
/// in a normal test run.
#[tokio::test]
async fn child_import() {
    let (Ok(db), Ok(k)) = (std::env::var(CHILD_DB), std::env::var(CHILD_K)) else {
        return;
    };
    let k: usize = k.parse().unwrap();
    let store = Store::open_sqlite_file(Path::new(&db), OpenMode::CreateIfMissing)
        .await
        .unwrap();
    let study = match store.create_study("s", "").await {
        Ok(id) => id,
        Err(StoreError::DuplicateStudyName(_)) => {
            store.find_study_by_name("s").await.unwrap().unwrap().id
        }
        Err(e) => panic!("{e}"),
    };
    store
        .upsert_municipalities(study, &three_municipalities())
        .await
        .unwrap();
    let outcome = store
        .import_answers(
            study,
            "f.csv",
            &sha256_hex(format!("{k}").as_bytes()),
            &child_rows(k),
        )
        .await
        .unwrap();
    assert!(matches!(outcome, ImportOutcome::Imported { .. }));
    store.close().await;
}

#[tokio::test]
async fn processes_import_concurrently_into_a_new_file() {
    let base = TempDir::new();
    let path = base.0.join("kantel.sqlite");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..4)
        .map(|k| {
            Command::new(&exe)
                .args(["--exact", "child_import", "--test-threads", "1"])
                .env(CHILD_DB, &path)
                .env(CHILD_K, k.to_string())
                .output_spawn()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "child failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"));
    }
    let store = Store::open_sqlite_file(&path, OpenMode::MustExist)
        .await
        .unwrap();
    let study = store.find_study_by_name("s").await.unwrap().unwrap().id;
    assert_eq!(counts(&store, study).await, (8000, 24_000, 4));
    assert_eq!(store.data_version(study).await.unwrap().version, 4);
    store.close().await;
    // No temporary files are left behind.
    let left: Vec<String> = entries(&base.0)
        .into_iter()
        .filter(|n| !n.starts_with("kantel.sqlite"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

trait SpawnPiped {
    fn output_spawn(&mut self) -> std::process::Child;
}

impl SpawnPiped for Command {
    fn output_spawn(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}

/// A writer that holds the database longer than SQLite's old 5 s busy timeout: another
/// store (as another process would) waits for it and then succeeds.
#[tokio::test]
async fn a_second_writer_waits_for_a_long_import() {
    let base = TempDir::new();
    let path = base.0.join("kantel.sqlite");
    new_database(&path).await;
    let first = Store::open_sqlite_file(&path, OpenMode::MustExist)
        .await
        .unwrap();
    let second = Store::open_sqlite_file(&path, OpenMode::MustExist)
        .await
        .unwrap();
    let study = first.find_study_by_name("s").await.unwrap().unwrap().id;
    let mut import = first
        .begin_answers_import(study, "slow.csv", &sha256_hex(b"slow"))
        .await
        .unwrap();
    import.add(&child_rows(0)[..10]).await.unwrap();
    let waiting = tokio::spawn(async move {
        let started = std::time::Instant::now();
        let rows = child_rows(1);
        let outcome = second
            .import_answers(study, "other.csv", &sha256_hex(b"other"), &rows[..10])
            .await;
        (outcome, started.elapsed())
    });
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    import.add(&child_rows(0)[10..20]).await.unwrap();
    assert!(matches!(
        import.finish().await.unwrap(),
        ImportOutcome::Imported { .. }
    ));
    let (outcome, waited) = waiting.await.unwrap();
    assert!(matches!(outcome.unwrap(), ImportOutcome::Imported { .. }));
    assert!(waited.as_secs() >= 5, "waited {waited:?}");
    assert_eq!(counts(&first, study).await, (31, 91, 3));
    first.close().await;
}
