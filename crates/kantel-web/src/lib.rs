//! # kantel-web: `kantel serve`, a thin HTTP shell over kantel-workflow
//!
//! Respondents answer the questionnaire through their personal link (`/r/{token}`),
//! researchers and municipal contacts sign in (`/login`) and see their studies. Every page is
//! server-rendered HTML from compile-time-checked askama templates, works without
//! JavaScript, and is enhanced by the vendored htmx where JavaScript runs. All study logic
//! lives in `kantel-workflow`; this crate parses requests, calls one workflow function and
//! renders the result in the user's language.
//!
//! Layout:
//! - [`ServeOptions`], [`serve`] (bind, print the address through `ready`, serve until
//!   Ctrl-C or SIGTERM) and [`router`] (the whole application as an [`axum::Router`], which
//!   tests drive with `tower::ServiceExt::oneshot`).
//! - [`AppState`]: the store, the options, parsed study definitions cached by their
//!   `updated_at`, and the rate limiters.
//! - [`security`]: CSRF (form token + same-origin check), security headers, body limits,
//!   rate limits. [`error`]: every failure as a catalogue message on an error page.
//! - [`auth`]: sessions (signed-in researcher or contact), `/login`, `/logout`.
//! - [`respondent`]: the questionnaire pages. [`assets`]: CSS and htmx from the binary.
//! - [`page`]: what every page's frame (`templates/base.html`) needs.

pub mod assets;
pub mod auth;
pub mod contact;
pub mod error;
pub mod page;
pub mod researcher;
pub mod respondent;
pub mod security;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use kantel_i18n::{Msg, msg};
use kantel_store::{Store, StudyId};
use kantel_study::study::Study;
use kantel_workflow::collection::Questionnaire;

pub use error::AppError;

/// How `kantel serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on; port 0 picks a free port (reported through `ready`).
    pub listen: SocketAddr,
    /// The study that `kantel serve --study study.toml` opened, if any.
    pub default_study: Option<StudyId>,
    /// That study's file, if any.
    pub study_file: Option<PathBuf>,
    /// Mark cookies `Secure` (set when the server runs behind TLS).
    pub secure_cookies: bool,
    /// Body sizes, rate limits and time-outs.
    pub limits: Limits,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            listen: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            default_study: None,
            study_file: None,
            secure_cookies: false,
            limits: Limits::default(),
        }
    }
}

/// Request limits. The defaults suit a municipal survey: many respondents behind one
/// municipal NAT address, a handful of researchers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest form body (URL-encoded), in bytes.
    pub form_body: usize,
    /// Largest upload (multipart: study files, respondent CSVs), in bytes.
    pub upload_body: usize,
    /// Requests per minute per client address on the personal-link routes (`/r/…`).
    pub link_per_minute: u32,
    /// Sign-in attempts per minute per client address.
    pub login_per_ip_per_minute: u32,
    /// Sign-in attempts per hour per e-mail address.
    pub login_per_email_per_hour: u32,
    /// Loopback clients (tests, the load tool, a local reverse proxy) are not rate-limited
    /// on the link routes. Sign-in attempts are always limited.
    pub exempt_loopback: bool,
    /// Take the client address from the last `X-Forwarded-For` entry (only behind a
    /// reverse proxy that sets it; otherwise clients could pick their own address).
    pub trust_forwarded_for: bool,
    /// Longest time one request may take.
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            form_body: 64 * 1024,
            upload_body: 16 * 1024 * 1024,
            link_per_minute: 1200,
            login_per_ip_per_minute: 10,
            login_per_email_per_hour: 20,
            exempt_loopback: true,
            trust_forwarded_for: false,
            request_timeout: Duration::from_secs(60),
        }
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The listen address could not be bound.
    #[error("{}", .0)]
    Bind(Msg),
    /// Serving failed.
    #[error("{}", .0)]
    Serve(Msg),
}

impl WebError {
    /// The error as a catalogue message.
    pub fn msg(&self) -> Msg {
        match self {
            WebError::Bind(m) | WebError::Serve(m) => m.clone(),
        }
    }
}

/// A study definition parsed once and kept while its `updated_at` stays the same, with the
/// questionnaire of each respondent group.
#[derive(Debug)]
pub struct CachedStudy {
    /// The study's id.
    pub id: StudyId,
    /// `updated_at` of the definition this was parsed from.
    pub updated_at: String,
    /// The parsed study.
    pub study: Study,
    questionnaires: RwLock<HashMap<String, Arc<Questionnaire>>>,
}

impl CachedStudy {
    /// The questionnaire of a respondent group (empty for a group without items).
    pub fn questionnaire(&self, group: &str) -> Arc<Questionnaire> {
        if let Some(q) = self
            .questionnaires
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(group)
        {
            return Arc::clone(q);
        }
        let q = Arc::new(Questionnaire::for_group(&self.study, group));
        self.questionnaires
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(group.to_owned(), Arc::clone(&q));
        q
    }
}

/// Everything a request handler shares: cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    options: ServeOptions,
    studies: RwLock<HashMap<StudyId, Arc<CachedStudy>>>,
    limiters: security::RateLimiters,
    inputs: kantel_workflow::dashboard::qca::InputsCache,
}

impl AppState {
    /// State for a server (or a test) on `store`.
    pub fn new(store: Store, options: ServeOptions) -> AppState {
        let limiters = security::RateLimiters::new(&options.limits);
        AppState {
            inner: Arc::new(Inner {
                store,
                options,
                studies: RwLock::new(HashMap::new()),
                limiters,
                inputs: Default::default(),
            }),
        }
    }

    /// Measured analysis inputs per study, kept while the data stays the same.
    pub fn inputs(&self) -> &kantel_workflow::dashboard::qca::InputsCache {
        &self.inner.inputs
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The options the server runs with.
    pub fn options(&self) -> &ServeOptions {
        &self.inner.options
    }

    pub(crate) fn limiters(&self) -> &security::RateLimiters {
        &self.inner.limiters
    }

    /// A study's parsed definition, read from the store when it changed since last time.
    pub async fn study(&self, id: StudyId) -> Result<Arc<CachedStudy>, AppError> {
        let record = self.store().get_study(id).await.map_err(AppError::from)?;
        if let Some(cached) = self.cached(id, &record.updated_at) {
            return Ok(cached);
        }
        self.parse_and_cache(id, record.updated_at, &record.definition_toml)
    }

    /// A study's parsed definition when the caller already knows its `updated_at` (the
    /// personal-link lookup returns it), so a cache hit costs no query.
    pub async fn study_at(
        &self,
        id: StudyId,
        updated_at: &str,
    ) -> Result<Arc<CachedStudy>, AppError> {
        if let Some(cached) = self.cached(id, updated_at) {
            return Ok(cached);
        }
        self.study(id).await
    }

    fn cached(&self, id: StudyId, updated_at: &str) -> Option<Arc<CachedStudy>> {
        self.inner
            .studies
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .filter(|c| c.updated_at == updated_at)
            .cloned()
    }

    fn parse_and_cache(
        &self,
        id: StudyId,
        updated_at: String,
        toml: &str,
    ) -> Result<Arc<CachedStudy>, AppError> {
        let study = Study::from_toml_str(toml).map_err(|e| {
            AppError::internal(format!("study {id}: stored definition does not parse: {e}"))
        })?;
        let cached = Arc::new(CachedStudy {
            id,
            updated_at,
            study,
            questionnaires: RwLock::new(HashMap::new()),
        });
        self.inner
            .studies
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, Arc::clone(&cached));
        Ok(cached)
    }
}

/// The whole application: routes, security middleware, error pages. Tests call it with a
/// state on a temporary store and send requests with `tower::ServiceExt::oneshot`; the
/// client address comes from `axum::extract::ConnectInfo` when present (as under
/// [`serve`]) and counts as loopback otherwise.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .route("/health", get(health))
        .merge(assets::routes())
        .merge(auth::routes())
        .merge(respondent::routes())
        .merge(researcher::routes())
        .merge(contact::routes());
    security::wrap(routes, state.clone()).with_state(state)
}

async fn health() -> &'static str {
    "ok"
}

/// Binds `options.listen`, calls `ready` with the bound address (the CLI prints it), then
/// serves until Ctrl-C or SIGTERM.
pub async fn serve(
    store: Store,
    options: ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), WebError> {
    use axum::serve::ListenerExt;

    let listen = options.listen;
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(|e| {
        WebError::Bind(msg!(
            "web-bind-failed",
            address = listen.to_string(),
            error = e.to_string()
        ))
    })?;
    let addr = listener.local_addr().map_err(|e| {
        WebError::Bind(msg!(
            "web-bind-failed",
            address = listen.to_string(),
            error = e.to_string()
        ))
    })?;
    // Small requests and responses: without TCP_NODELAY, Nagle's algorithm and delayed
    // ACKs add tens of milliseconds to a save.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let state = AppState::new(store, options);
    let limiters = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            limiters.limiters().forget_idle();
        }
    });
    ready(addr);
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| WebError::Serve(msg!("web-serve-failed", error = e.to_string())))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
