//! Security middleware: anti-forgery checks, security headers, body limits, rate limits,
//! and the cookies.
//!
//! - **Forgery (CSRF)**: every request other than GET/HEAD/OPTIONS must (1) pass a
//!   same-origin check (`Sec-Fetch-Site: same-origin|none`, else an `Origin` whose host is
//!   the request's `Host`; a request with neither header, as from scripts, passes this
//!   step) and (2) carry the right token in the form field `csrf` (or the header
//!   `X-CSRF-Token`): on personal-link routes `/r/{token}/…` the value [`link_csrf`] of
//!   the link's token, on `/login` the value of the pre-login cookie, elsewhere the signed-in
//!   session's token. Without a session there is no valid token, so a signed-out POST is
//!   refused here (403).
//! - **Headers**: a strict Content-Security-Policy (no inline script, nothing from other
//!   origins), `nosniff`, `no-referrer` (personal links carry their token in the URL),
//!   no framing, and `Cache-Control: no-store` on pages (answers on shared computers).
//! - **Sizes**: URL-encoded forms up to [`crate::Limits::form_body`], uploads up to
//!   [`crate::Limits::upload_body`] (413 beyond).
//! - **Rates**: personal-link routes per client address (429 beyond); sign-in attempts per
//!   address and per e-mail address ([`RateLimiters::login`]).
//! - **Cookies**: `HttpOnly; SameSite=Strict; Path=/`, and `Secure` when
//!   [`crate::ServeOptions::secure_cookies`].

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use kantel_store::SessionRecord;
use sha2::{Digest, Sha256};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::error::{AppError, render_errors};
use crate::{AppState, Limits};

/// Name of the form field that carries the anti-forgery token.
pub const CSRF_FIELD: &str = "csrf";

/// Header that may carry the anti-forgery token instead of the form field.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "kantel_session";

/// Name of the cookie that carries the sign-in form's anti-forgery token before there is
/// a session.
pub const LOGIN_COOKIE: &str = "kantel_login";

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
                       img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; \
                       base-uri 'none'";

/// The anti-forgery value of a personal link: forms on `/r/{token}/…` carry it in their
/// `csrf` field. It is derived from the token (anyone who can forge it knows the link and
/// needs no forgery), so the load tool and tests can compute it; the same-origin check
/// and `SameSite` do the rest.
pub fn link_csrf(token: &str) -> String {
    let digest = Sha256::new()
        .chain_update(b"kantel link csrf\0")
        .chain_update(token.trim().to_ascii_lowercase().as_bytes())
        .finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// A random token: 32 bytes from the operating system's generator, as 64 hex digits.
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The value of cookie `name`, if the request has it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then_some(v.trim())
        })
}

/// A `Set-Cookie` header value: `HttpOnly; SameSite=Strict; Path=/`, `Secure` when asked,
/// and `Max-Age` when given (else the cookie lasts until the browser closes).
pub fn set_cookie_header(
    name: &str,
    value: &str,
    max_age: Option<u64>,
    secure: bool,
) -> HeaderValue {
    let mut s = format!("{name}={value}; HttpOnly; SameSite=Strict; Path=/");
    if let Some(age) = max_age {
        s.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        s.push_str("; Secure");
    }
    HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A `Set-Cookie` header value that removes cookie `name`.
pub fn clear_cookie_header(name: &str, secure: bool) -> HeaderValue {
    set_cookie_header(name, "", Some(0), secure)
}

/// The signed-in session the forgery check found (for POSTs) so that handlers do not
/// look it up twice.
#[derive(Debug, Clone)]
pub(crate) struct CheckedSession {
    pub cookie: String,
    pub record: SessionRecord,
}

// ------------------------------------------------------------------ rate limits

type Keyed<K> = DefaultKeyedRateLimiter<K>;

/// The rate limiters of a server.
pub struct RateLimiters {
    link: Option<Keyed<IpAddr>>,
    login_ip: Option<Keyed<IpAddr>>,
    login_email: Option<Keyed<String>>,
    exempt_loopback: bool,
}

fn keyed<K: std::hash::Hash + Eq + Clone>(quota: Option<Quota>) -> Option<Keyed<K>> {
    quota.map(RateLimiter::keyed)
}

fn per_minute(n: u32) -> Option<Quota> {
    NonZeroU32::new(n).map(Quota::per_minute)
}

fn per_hour(n: u32) -> Option<Quota> {
    NonZeroU32::new(n).map(Quota::per_hour)
}

impl RateLimiters {
    /// Limiters for `limits` (a limit of 0 is no limit).
    pub fn new(limits: &Limits) -> RateLimiters {
        RateLimiters {
            link: keyed(per_minute(limits.link_per_minute)),
            login_ip: keyed(per_minute(limits.login_per_ip_per_minute)),
            login_email: keyed(per_hour(limits.login_per_email_per_hour)),
            exempt_loopback: limits.exempt_loopback,
        }
    }

    /// Whether a personal-link request from `ip` may go ahead.
    pub fn link(&self, ip: IpAddr) -> bool {
        if self.exempt_loopback && ip.is_loopback() {
            return true;
        }
        self.link.as_ref().is_none_or(|l| l.check_key(&ip).is_ok())
    }

    /// Whether a sign-in attempt from `ip` for `email` may go ahead. Both budgets are
    /// spent by every attempt, so guessing one account's password from many addresses
    /// and many accounts' from one address are both slowed down.
    pub fn login(&self, ip: IpAddr, email: &str) -> bool {
        let by_ip = self
            .login_ip
            .as_ref()
            .is_none_or(|l| l.check_key(&ip).is_ok());
        let by_email = self
            .login_email
            .as_ref()
            .is_none_or(|l| l.check_key(&email.trim().to_lowercase()).is_ok());
        by_ip && by_email
    }

    /// Forgets clients whose budget is full again (memory stays bounded).
    pub fn forget_idle(&self) {
        if let Some(l) = &self.link {
            l.retain_recent();
        }
        if let Some(l) = &self.login_ip {
            l.retain_recent();
        }
        if let Some(l) = &self.login_email {
            l.retain_recent();
        }
    }
}

/// The client's address: the connection's peer (or the last `X-Forwarded-For` entry when
/// the server is told to trust its proxy). IPv6 addresses count per /64, the block one
/// subscriber gets. Requests without connection information (tests that call the router
/// directly) count as loopback.
pub fn client_ip(
    headers: &HeaderMap,
    extensions: &axum::http::Extensions,
    limits: &Limits,
) -> IpAddr {
    let forwarded = limits
        .trust_forwarded_for
        .then(|| {
            headers
                .get_all("x-forwarded-for")
                .iter()
                .next_back()
                .and_then(|v| v.to_str().ok())
                // The proxy appends the peer it saw: only the last entry is not the
                // client's own claim.
                .and_then(|v| v.rsplit(',').next())
                .and_then(|s| s.trim().parse::<IpAddr>().ok())
        })
        .flatten();
    let ip = forwarded.unwrap_or_else(|| {
        extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), |c| c.0.ip())
    });
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None if v6.is_loopback() => ip,
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

async fn rate_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/r/") {
        let ip = client_ip(req.headers(), req.extensions(), &state.options().limits);
        if !state.limiters().link(ip) {
            let mut r = AppError::too_many_requests().into_response();
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            return r;
        }
    }
    next.run(req).await
}

// ------------------------------------------------------------------ forgery

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The authority (`host[:port]`) of an origin URL such as `http://127.0.0.1:8080`.
fn origin_authority(origin: &str) -> Option<&str> {
    let (_, rest) = origin.split_once("://")?;
    Some(rest.trim_end_matches('/'))
}

/// The same-origin part of the forgery check.
pub fn same_origin(headers: &HeaderMap, limits: &Limits) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Some(origin) = origin.to_str().ok().and_then(origin_authority) else {
        return false;
    };
    let host = limits
        .trust_forwarded_for
        .then(|| headers.get("x-forwarded-host"))
        .flatten()
        .or_else(|| headers.get(header::HOST))
        .and_then(|h| h.to_str().ok());
    host.is_some_and(|h| h.eq_ignore_ascii_case(origin))
}

/// The link token of a personal-link path `/r/{token}/…`.
pub fn link_token(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/r/")?;
    let token = rest.split('/').next()?;
    (!token.is_empty()).then_some(token)
}

enum Expected {
    Token(String),
    Refuse,
}

async fn expected_token(state: &AppState, req: &mut Request) -> Result<Expected, AppError> {
    let path = req.uri().path();
    if let Some(token) = link_token(path) {
        return Ok(Expected::Token(link_csrf(token)));
    }
    if path == "/login" {
        return Ok(match cookie(req.headers(), LOGIN_COOKIE) {
            Some(v) if !v.is_empty() => Expected::Token(v.to_owned()),
            _ => Expected::Refuse,
        });
    }
    let Some(cookie_value) = cookie(req.headers(), SESSION_COOKIE).map(str::to_owned) else {
        return Ok(Expected::Refuse);
    };
    match kantel_workflow::accounts::session(state.store(), &cookie_value).await? {
        Some(record) => {
            let token = record.csrf_token.clone();
            req.extensions_mut().insert(CheckedSession {
                cookie: cookie_value,
                record,
            });
            Ok(Expected::Token(token))
        }
        None => Ok(Expected::Refuse),
    }
}

/// The anti-forgery token a request carries: the header, else the form field.
async fn given_token(
    parts: &axum::http::request::Parts,
    body: &axum::body::Bytes,
    multipart: bool,
) -> Option<String> {
    let headers = &parts.headers;
    if let Some(v) = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        return Some(v.to_owned());
    }
    if multipart {
        let content_type = headers.get(header::CONTENT_TYPE)?.clone();
        let mut req = Request::builder()
            .method(Method::POST)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.clone()))
            .ok()?;
        // The body limit set for this request (not axum's default) applies here too.
        *req.extensions_mut() = parts.extensions.clone();
        let mut form = Multipart::from_request(req, &()).await.ok()?;
        while let Ok(Some(field)) = form.next_field().await {
            if field.name() == Some(CSRF_FIELD) {
                return field.text().await.ok();
            }
        }
        return None;
    }
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == CSRF_FIELD)
        .map(|(_, v)| v)
}

async fn forgery_guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if is_safe(req.method()) {
        return next.run(req).await;
    }
    let limits = &state.options().limits;
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    let limit = if multipart {
        limits.upload_body
    } else {
        limits.form_body
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return AppError::too_large().into_response();
    }
    if !same_origin(req.headers(), limits) {
        return AppError::forbidden().into_response();
    }
    let expected = match expected_token(&state, &mut req).await {
        Ok(Expected::Token(t)) => t,
        Ok(Expected::Refuse) => return AppError::forbidden().into_response(),
        Err(e) => return e.into_response(),
    };
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return AppError::too_large().into_response();
    };
    let given = given_token(&parts, &bytes, multipart).await;
    if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), expected.as_bytes())) {
        return AppError::forbidden().into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

// ------------------------------------------------------------------ the stack

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    AppError::internal("a request handler panicked").into_response()
}

/// Puts the security middleware and the error pages around `routes`.
pub fn wrap(routes: Router<AppState>, state: AppState) -> Router<AppState> {
    let limits = state.options().limits.clone();
    let secure = state.options().secure_cookies;
    let headers: Vec<(HeaderName, HeaderValue)> = vec![
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ),
    ];
    let mut router = routes
        .layer(middleware::from_fn_with_state(state.clone(), forgery_guard))
        .layer(middleware::from_fn_with_state(state.clone(), rate_limit))
        .layer(RequestBodyLimitLayer::new(limits.upload_body))
        // The forgery check enforces the limit per kind of body; extractors (`Form`,
        // `Multipart`) must not stop below it with axum's 2 MB default.
        .layer(DefaultBodyLimit::max(limits.upload_body))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            limits.request_timeout,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::page::remember_lang,
        ))
        .layer(middleware::from_fn(render_errors))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::overriding(name, value));
    }
    if secure {
        router = router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ));
    }
    router
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_csrf_is_stable_and_differs_per_token() {
        let a = "a".repeat(64);
        let b = "b".repeat(64);
        assert_eq!(link_csrf(&a), link_csrf(&a.to_uppercase()));
        assert_ne!(link_csrf(&a), link_csrf(&b));
        assert_eq!(link_csrf(&a).len(), 32);
    }

    #[test]
    fn cookies_are_read_and_written_with_their_flags() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; kantel_session=abc; b=2"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "kantel"), None);
        let set = set_cookie_header(SESSION_COOKIE, "x", None, true);
        let s = set.to_str().unwrap();
        for flag in ["HttpOnly", "SameSite=Strict", "Path=/", "Secure"] {
            assert!(s.contains(flag), "{s}");
        }
        assert!(
            !set_cookie_header("a", "b", None, false)
                .to_str()
                .unwrap()
                .contains("Secure")
        );
    }

    #[test]
    fn same_origin_rules() {
        let l = Limits::default();
        let mut h = HeaderMap::new();
        assert!(same_origin(&h, &l), "no headers: the token decides");
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(same_origin(&h, &l));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert!(!same_origin(&h, &l));
        h.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(!same_origin(&h, &l));
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(!same_origin(&h, &l));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(same_origin(&h, &l));
    }

    #[test]
    fn link_tokens_in_paths() {
        assert_eq!(link_token("/r/abc/answer"), Some("abc"));
        assert_eq!(link_token("/r/abc"), Some("abc"));
        assert_eq!(link_token("/r/"), None);
        assert_eq!(link_token("/login"), None);
    }

    #[test]
    fn client_addresses() {
        let l = Limits::default();
        let h = HeaderMap::new();
        let mut ext = axum::http::Extensions::new();
        assert!(client_ip(&h, &ext, &l).is_loopback());
        ext.insert(ConnectInfo(SocketAddr::from((
            [0x2001, 0xdb8, 1, 2, 3, 4, 5, 6],
            1234,
        ))));
        assert_eq!(
            client_ip(&h, &ext, &l),
            "2001:db8:1:2::".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn limiters_stop_a_burst_but_spare_loopback() {
        let limits = Limits {
            link_per_minute: 2,
            login_per_ip_per_minute: 100,
            login_per_email_per_hour: 2,
            ..Limits::default()
        };
        let r = RateLimiters::new(&limits);
        let far: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(r.link(far) && r.link(far));
        assert!(!r.link(far));
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        assert!((0..100).all(|_| r.link(local)));
        assert!(r.login(far, "a@b.nl") && r.login(local, "A@b.nl"));
        assert!(!r.login(far, "a@b.nl"), "the e-mail budget is shared");
        assert!(r.login(far, "c@b.nl"));
    }
}
