//! Shared by the web tests: a database per scenario on every backend (a temporary SQLite
//! file, and a fresh PostgreSQL database when `KANTEL_TEST_PG_URL` is set, as in the
//! store's tests), a study with respondents, and requests through `router(state)`.

#![allow(dead_code, unreachable_pub, unused_macros)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use kantel_store::{MunicipalityRecord, NewRespondent, Store, StudyId};
use kantel_web::{AppState, Limits, ServeOptions, router};
use sqlx::AssertSqlSafe;
use tower::ServiceExt;

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_suffix() -> String {
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
    files: Vec<PathBuf>,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite_file() -> TestDb {
        let path = std::env::temp_dir().join(format!("kantel_web_test_{}.db", unique_suffix()));
        let files = ["", "-wal", "-shm"]
            .iter()
            .map(|ext| PathBuf::from(format!("{}{ext}", path.display())))
            .collect();
        TestDb {
            url: format!("sqlite://{}?mode=rwc", path.display()),
            files,
            pg: None,
        }
    }

    /// A fresh database on the server named by KANTEL_TEST_PG_URL, or None when unset.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = std::env::var("KANTEL_TEST_PG_URL").ok()?;
        let name = format!("kantel_webtest_{}", unique_suffix());
        let admin = admin_pool(&admin_url).await;
        // The name is made of digits, underscores and a fixed prefix only.
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .expect("CREATE DATABASE");
        admin.close().await;
        Some(TestDb {
            url: with_database(&admin_url, &name),
            files: Vec::new(),
            pg: Some((admin_url, name)),
        })
    }

    pub async fn finish(self) {
        if let Some((admin_url, name)) = &self.pg {
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

impl Drop for TestDb {
    fn drop(&mut self) {
        for f in &self.files {
            let _ = std::fs::remove_file(f);
        }
    }
}

async fn admin_pool(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("connect to KANTEL_TEST_PG_URL")
}

fn with_database(url: &str, database: &str) -> String {
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
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::run_on(super::TestDb::sqlite_file(), |url| async move {
                        super::$name(&url).await
                    })
                    .await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
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

/// A stored study (the built-in codebook) with personal links.
pub struct Fixture {
    pub store: Store,
    pub study: StudyId,
    /// Respondent ids and tokens: `a` and `b` are `bestuur` of Amsterdam, `w` is `wijkteam`.
    pub a: (kantel_store::RespondentId, String),
    pub b: (kantel_store::RespondentId, String),
    pub w: (kantel_store::RespondentId, String),
}

pub async fn fixture(url: &str) -> Fixture {
    let store = Store::open(url).await.expect("open store");
    let study = store
        .create_study("Webtest", kantel_study::study::template())
        .await
        .unwrap();
    store
        .upsert_municipalities(
            study,
            &[MunicipalityRecord {
                code: "GM0363".into(),
                name: "Amsterdam".into(),
                inhabitants: 862_965,
                group: Some("G4".into()),
            }],
        )
        .await
        .unwrap();
    let rows: Vec<NewRespondent> = [("a", "bestuur"), ("b", "bestuur"), ("w", "wijkteam")]
        .iter()
        .map(|(id, group)| NewRespondent {
            external_id: (*id).into(),
            municipality_code: "GM0363".into(),
            group: (*group).into(),
        })
        .collect();
    let mut made = store
        .add_respondents(study, &rows)
        .await
        .unwrap()
        .into_iter();
    let mut next = || {
        let (r, token) = made.next().unwrap();
        (r.id, token)
    };
    let (a, b, w) = (next(), next(), next());
    Fixture {
        store,
        study,
        a,
        b,
        w,
    }
}

/// The application on `store` with default options.
pub fn app(store: &Store) -> Router {
    app_with(store, Limits::default())
}

pub fn app_with(store: &Store, limits: Limits) -> Router {
    router(AppState::new(
        store.clone(),
        ServeOptions {
            limits,
            ..ServeOptions::default()
        },
    ))
}

/// A response, read completely.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> Reply {
    let response = app.clone().oneshot(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub const HOST: &str = "127.0.0.1:8080";

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap()
}

pub fn get_with(uri: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut b = Request::get(uri).header(header::HOST, HOST);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Body::empty()).unwrap()
}

pub fn encode(fields: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(fields).unwrap()
}

/// A same-origin form POST, as a browser sends it.
pub fn post(uri: &str, fields: &[(&str, &str)]) -> Request<Body> {
    post_with(uri, fields, &[("origin", "http://127.0.0.1:8080")])
}

pub fn post_with(uri: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Request<Body> {
    let body = encode(fields);
    let mut b = Request::post(uri)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, body.len());
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Body::from(body)).unwrap()
}

/// The request as if it came from `addr` (a socket's peer under `serve`).
pub fn from_addr(mut req: Request<Body>, addr: &str) -> Request<Body> {
    let addr: SocketAddr = addr.parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

/// Answers of a respondent as (item, value), sorted.
pub async fn answers_of(
    store: &Store,
    respondent: kantel_store::RespondentId,
) -> Vec<(String, Option<i64>)> {
    store.respondent_answers(respondent).await.unwrap()
}

// ------------------------------------------------------------------ accounts and study data

/// The password of every test account.
pub const PASSWORD: &str = "correct horse battery staple";

/// A signed-in account: its cookie header and the session's anti-forgery token.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// Adds an account with `role` and signs it in.
pub async fn sign_in(store: &Store, email: &str, role: kantel_store::Role) -> Session {
    kantel_workflow::accounts::add_user(store, email, PASSWORD, role)
        .await
        .unwrap();
    let (cookie, session) = kantel_workflow::accounts::login(store, email, PASSWORD)
        .await
        .unwrap()
        .expect("signed in");
    Session {
        cookie: format!("kantel_session={cookie}"),
        csrf: session.csrf_token,
    }
}

impl Session {
    pub fn get(&self, uri: &str) -> Request<Body> {
        get_with(uri, &[("cookie", &self.cookie)])
    }

    /// A form post from this site with the session's token.
    pub fn post(&self, uri: &str, fields: &[(&str, &str)]) -> Request<Body> {
        let mut all = fields.to_vec();
        all.push(("csrf", &self.csrf));
        post_with(
            uri,
            &all,
            &[
                ("origin", "http://127.0.0.1:8080"),
                ("cookie", &self.cookie),
            ],
        )
    }

    /// A multipart form with one file (`file`) and the token.
    pub fn upload(&self, uri: &str, file_name: &str, content: &str) -> Request<Body> {
        self.upload_bytes(uri, file_name, content.as_bytes())
    }

    /// [`Session::upload`] of any bytes (a spreadsheet).
    pub fn upload_bytes(&self, uri: &str, file_name: &str, content: &[u8]) -> Request<Body> {
        let boundary = "kantelTestBoundary7";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n",
            self.csrf
        )
        .into_bytes();
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        Request::post(uri)
            .header(header::HOST, HOST)
            .header("origin", "http://127.0.0.1:8080")
            .header("cookie", &self.cookie)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body))
            .unwrap()
    }
}

/// A response header as text ("" when absent).
pub fn header_of(r: &Reply, name: header::HeaderName) -> &str {
    r.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

pub fn testdata() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

/// The 12-municipality study of `testdata/study-12` in the store at `url`, with its
/// answers, register values and ratings; its study file is copied into a directory of its
/// own (named after `test` and the backend), which is returned with the open workspace.
pub async fn study_12(url: &str, test: &str) -> (kantel_workflow::Workspace, PathBuf) {
    use kantel_workflow::imports::{
        RegisterImportOptions, import_answers, import_ratings, import_register,
    };
    let dir = std::env::temp_dir().join(format!(
        "kantel-web-{test}-{}-{}",
        std::process::id(),
        url.len() + url.bytes().map(usize::from).sum::<usize>()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        testdata().join("study-12/study.toml"),
        dir.join("study.toml"),
    )
    .unwrap();
    let paths = kantel_workflow::StudyPaths {
        study_file: dir.join("study.toml"),
        database: Some(url.to_owned()),
    };
    let ws = kantel_workflow::Workspace::open(&paths, kantel_workflow::Access::Write)
        .await
        .unwrap();
    import_answers(&ws, &testdata().join("study-12/antwoorden.csv"))
        .await
        .unwrap();
    import_register(
        &ws,
        &testdata().join("register/waarstaatjegemeente_2015_2017.csv"),
        &RegisterImportOptions {
            boundary_year: Some(2021),
            ..RegisterImportOptions::default()
        },
    )
    .await
    .unwrap();
    import_ratings(&ws, &testdata().join("study-12/beoordelingen.csv"))
        .await
        .unwrap();
    (ws, dir)
}
