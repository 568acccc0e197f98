//! Shared by the store's integration tests: a test database per scenario on every backend
//! (a temporary SQLite file, `sqlite::memory:`, and a fresh PostgreSQL database when
//! `KANTEL_TEST_PG_URL` is set), and fixtures.

#![allow(dead_code, unreachable_pub, unused_macros)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use kantel_store::{
    AnswerImportRow, AnswerRecord, ImportOutcome, MunicipalityRecord, RowProblem, Store,
    StoreError, StudyId,
};
use sqlx::AssertSqlSafe;

// ------------------------------------------------------------------ test databases

static COUNTER: AtomicU64 = AtomicU64::new(0);

pub fn unique_suffix() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A database for one test, removed afterwards.
pub struct TestDb {
    pub url: String,
    cleanup: Cleanup,
}

pub enum Cleanup {
    Nothing,
    Files(Vec<PathBuf>),
    PgDatabase { admin_url: String, name: String },
}

impl TestDb {
    pub fn sqlite_file() -> TestDb {
        let path = std::env::temp_dir().join(format!("kantel_store_test_{}.db", unique_suffix()));
        let files = ["", "-wal", "-shm"]
            .iter()
            .map(|ext| PathBuf::from(format!("{}{ext}", path.display())))
            .collect();
        TestDb {
            url: format!("sqlite://{}?mode=rwc", path.display()),
            cleanup: Cleanup::Files(files),
        }
    }

    pub fn sqlite_memory() -> TestDb {
        TestDb {
            url: "sqlite::memory:".to_owned(),
            cleanup: Cleanup::Nothing,
        }
    }

    /// A fresh database on the server named by KANTEL_TEST_PG_URL, or None when unset.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = std::env::var("KANTEL_TEST_PG_URL").ok()?;
        let name = format!("kantel_test_{}", unique_suffix());
        let admin = admin_pool(&admin_url).await;
        // The name is made of digits, underscores and a fixed prefix only.
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .expect("CREATE DATABASE");
        admin.close().await;
        Some(TestDb {
            url: with_database(&admin_url, &name),
            cleanup: Cleanup::PgDatabase { admin_url, name },
        })
    }

    pub async fn finish(self) {
        match &self.cleanup {
            Cleanup::Nothing | Cleanup::Files(_) => {}
            Cleanup::PgDatabase { admin_url, name } => {
                let admin = admin_pool(admin_url).await;
                sqlx::query(AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&admin)
                .await
                .expect("DROP DATABASE");
                admin.close().await;
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Files(files) = &self.cleanup {
            for f in files {
                let _ = std::fs::remove_file(f);
            }
        }
    }
}

pub async fn admin_pool(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("connect to KANTEL_TEST_PG_URL")
}

/// The URL with its database name replaced.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{host_part}/{database}{query}")
}

/// Runs `scenario` on `db`, then removes the database even if the scenario panicked.
pub async fn run_on<F, Fut>(db: TestDb, scenario: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let outcome = tokio::spawn(scenario(db.url.clone())).await;
    db.finish().await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

macro_rules! on_every_backend {
    ($($name:ident),* $(,)?) => {
        mod sqlite_file {
            $(
                #[tokio::test]
                async fn $name() {
                    super::run_on(super::TestDb::sqlite_file(), |url| async move {
                        super::$name(&url).await
                    })
                    .await;
                }
            )*
        }
        mod sqlite_memory {
            $(
                #[tokio::test]
                async fn $name() {
                    super::run_on(super::TestDb::sqlite_memory(), |url| async move {
                        super::$name(&url).await
                    })
                    .await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(db) = super::TestDb::postgres().await else {
                        eprintln!("skipped: KANTEL_TEST_PG_URL is not set");
                        return;
                    };
                    super::run_on(db, |url| async move { super::$name(&url).await }).await;
                }
            )*
        }
    };
}

// ------------------------------------------------------------------ fixtures

pub fn municipality(
    code: &str,
    name: &str,
    inhabitants: i64,
    group: Option<&str>,
) -> MunicipalityRecord {
    MunicipalityRecord {
        code: code.to_owned(),
        name: name.to_owned(),
        inhabitants,
        group: group.map(str::to_owned),
    }
}

pub fn three_municipalities() -> Vec<MunicipalityRecord> {
    vec![
        municipality("GM0363", "Amsterdam", 931_298, Some("G4")),
        municipality("GM0014", "Groningen", 238_147, None),
        municipality("GM0344", "Utrecht", 374_238, Some("G4")),
    ]
}

pub async fn study_with_municipalities(store: &Store, name: &str) -> StudyId {
    let study = store
        .create_study(name, "[study]\nyear = 2026\n")
        .await
        .unwrap();
    store
        .upsert_municipalities(study, &three_municipalities())
        .await
        .unwrap();
    study
}

pub fn import_row(
    id: &str,
    code: &str,
    group: &str,
    answers: &[(&str, Option<i64>)],
) -> AnswerImportRow {
    AnswerImportRow {
        external_id: id.to_owned(),
        municipality_code: code.to_owned(),
        group: group.to_owned(),
        answers: answers
            .iter()
            .map(|(item, value)| ((*item).to_owned(), *value))
            .collect(),
    }
}

/// (external id, item, value) triples: what an answers listing means, without timestamps.
pub fn triples(answers: &[AnswerRecord]) -> Vec<(String, String, Option<i64>)> {
    answers
        .iter()
        .map(|a| (a.external_id.clone(), a.item.clone(), a.value))
        .collect()
}

pub fn t(id: &str, item: &str, value: Option<i64>) -> (String, String, Option<i64>) {
    (id.to_owned(), item.to_owned(), value)
}

/// (respondents, answers, imports) of a study, counted through the public API.
pub async fn counts(store: &Store, study: StudyId) -> (usize, usize, usize) {
    (
        store.list_respondents(study).await.unwrap().len(),
        store.list_answers(study).await.unwrap().len(),
        store.list_imports(study).await.unwrap().len(),
    )
}

pub fn expect_row_error(result: Result<ImportOutcome, StoreError>) -> (usize, RowProblem) {
    match result {
        Err(StoreError::Row { row, problem, .. }) => (row, problem),
        other => panic!("expected a row error, got {other:?}"),
    }
}
