//! Signing in and out, and the extractors that say who is signed in.
//!
//! Sessions are server-side ([`kantel_workflow::accounts`]): the `kantel_session` cookie holds
//! a random id whose SHA-256 the store keeps. Handlers of researcher and contact pages take
//! [`SignedIn`] (anyone signed in; check what they may see with
//! `kantel_workflow::accounts::may_see_municipality`) or [`Researcher`] (researchers only).
//! Signed out, a GET is redirected to `/login?next=…` (303) and anything else is refused
//! (the forgery check already refuses a POST without a session: 403); an htmx request gets
//! 401 with `HX-Redirect: /login?next=…` so that the whole page goes to the sign-in page.

use axum::Form;
use axum::Router;
use axum::extract::{FromRequestParts, OriginalUri, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kantel_i18n::Lang;
use kantel_store::{Role, SessionRecord};
use kantel_workflow::accounts;
use serde::Deserialize;

use crate::page::{Chrome, RequestLang, html};
use crate::security::{
    CheckedSession, LOGIN_COOKIE, SESSION_COOKIE, clear_cookie_header, client_ip, cookie,
    random_token, set_cookie_header,
};
use crate::{AppError, AppState};

/// A signed-in account (researcher or contact).
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The session cookie's value.
    pub cookie: String,
    /// The session: the account, its role, the anti-forgery token for forms.
    pub session: SessionRecord,
}

impl SignedIn {
    /// The account's role.
    pub fn role(&self) -> &Role {
        &self.session.user.role
    }

    /// Whether the account is a researcher.
    pub fn is_researcher(&self) -> bool {
        matches!(self.session.user.role, Role::Researcher)
    }

    /// Whether this account may see `municipality` of `study`: researchers everything, a
    /// contact only their own municipality of their own study.
    pub fn may_see(&self, study: kantel_store::StudyId, municipality: &str) -> bool {
        accounts::may_see_municipality(&self.session.user, study, municipality)
    }

    /// The study and municipality a contact is bound to; `None` for a researcher.
    pub fn contact_scope(&self) -> Option<(kantel_store::StudyId, &str)> {
        match &self.session.user.role {
            Role::Contact {
                study,
                municipality,
            } => Some((*study, municipality.as_str())),
            Role::Researcher => None,
        }
    }

    /// The session's anti-forgery token, for the `csrf` field of every form.
    pub fn csrf(&self) -> &str {
        &self.session.csrf_token
    }

    /// A page frame in `lang` with `title`, showing who is signed in.
    pub fn chrome(&self, lang: Lang, title: impl Into<String>) -> Chrome {
        Chrome::new(lang, title).signed_in(&self.session)
    }
}

/// Where a signed-out request goes: GETs to the sign-in page (and back afterwards), the
/// rest is refused. An htmx request (`HX-Request`, e.g. the dashboard's table reloading
/// itself after the session ended) would follow a redirect inside the page and swap the
/// sign-in form into the table, so it gets 401 with `HX-Redirect`: htmx then sends the
/// whole browser to the sign-in page, and back to the page it was on afterwards.
fn signed_out(parts: &Parts) -> Response {
    let htmx = parts.headers.contains_key("hx-request");
    if htmx || parts.method == Method::GET || parts.method == Method::HEAD {
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map_or_else(|| parts.uri.clone(), |o| o.0.clone());
        let requested = uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
        let back = if htmx {
            current_page(&parts.headers).unwrap_or(requested)
        } else {
            requested
        };
        let target = if back == "/" {
            "/login".to_owned()
        } else {
            format!("/login?next={}", percent_encode(&back))
        };
        if htmx {
            let mut r = AppError::unauthorized().into_response();
            if let Ok(v) = HeaderValue::from_str(&target) {
                r.headers_mut().insert("hx-redirect", v);
            }
            return r;
        }
        return Redirect::to(&target).into_response();
    }
    AppError::unauthorized().into_response()
}

/// The path (and query) of the page an htmx request came from (`HX-Current-URL`, a full
/// URL), to return to after signing in; the fragment's own URL is no page to land on.
/// Only the path is kept, so the sign-in page never sends anyone to another site.
fn current_page(headers: &HeaderMap) -> Option<String> {
    let url = headers.get("hx-current-url")?.to_str().ok()?;
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &after_scheme[after_scheme.find('/')?..];
    let path = path.split('#').next().unwrap_or(path);
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<SignedIn, Response> {
        if let Some(checked) = parts.extensions.get::<CheckedSession>() {
            return Ok(SignedIn {
                cookie: checked.cookie.clone(),
                session: checked.record.clone(),
            });
        }
        let Some(value) = cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned) else {
            return Err(signed_out(parts));
        };
        match accounts::session(state.store(), &value).await {
            Ok(Some(session)) => Ok(SignedIn {
                cookie: value,
                session,
            }),
            Ok(None) => Err(signed_out(parts)),
            Err(e) => Err(AppError::from(e).into_response()),
        }
    }
}

/// A signed-in researcher; a contact gets 403.
#[derive(Debug, Clone)]
pub struct Researcher(pub SignedIn);

impl FromRequestParts<AppState> for Researcher {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Researcher, Response> {
        let who = SignedIn::from_request_parts(parts, state).await?;
        if who.is_researcher() {
            Ok(Researcher(who))
        } else {
            Err(AppError::forbidden().into_response())
        }
    }
}

/// `GET/POST /login`, `POST /logout`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login_submit))
        .route("/logout", post(logout))
}

/// Only paths on this site are followed after signing in (no `//host` or `/\host`).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") => {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[derive(askama::Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    csrf: String,
    next: String,
    email: String,
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

fn login_form(
    lang: Lang,
    csrf: String,
    next: String,
    email: String,
    error: Option<String>,
) -> LoginPage {
    LoginPage {
        chrome: Chrome::new(lang, lang.t("web-login-title")).lang_switch("/login"),
        csrf,
        next,
        email,
        error,
    }
}

async fn login_page(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Query(q): Query<LoginQuery>,
    headers: HeaderMap,
) -> Response {
    let next = safe_next(q.next.as_deref());
    if let Some(value) = cookie(&headers, SESSION_COOKIE)
        && let Ok(Some(_)) = accounts::session(state.store(), value).await
    {
        return Redirect::to(&next).into_response();
    }
    let (csrf, new_cookie) = match cookie(&headers, LOGIN_COOKIE) {
        Some(v) if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) => {
            (v.to_owned(), false)
        }
        _ => (random_token(), true),
    };
    let mut r = html(&login_form(lang, csrf.clone(), next, String::new(), None));
    if new_cookie {
        r.headers_mut().append(
            header::SET_COOKIE,
            set_cookie_header(LOGIN_COOKIE, &csrf, None, state.options().secure_cookies),
        );
    }
    r
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
    csrf: String,
}

async fn login_submit(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = safe_next(form.next.as_deref());
    let ip = client_ip(&headers, &extensions, &state.options().limits);
    if !state.limiters().login(ip, &form.email) {
        let mut r = AppError::too_many_requests().into_response();
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return Ok(r);
    }
    match accounts::login(state.store(), form.email.trim(), &form.password).await? {
        Some((session_cookie, _)) => {
            let secure = state.options().secure_cookies;
            let mut r = Redirect::to(&next).into_response();
            let h = r.headers_mut();
            h.append(
                header::SET_COOKIE,
                set_cookie_header(SESSION_COOKIE, &session_cookie, None, secure),
            );
            h.append(
                header::SET_COOKIE,
                clear_cookie_header(LOGIN_COOKIE, secure),
            );
            Ok(r)
        }
        None => {
            let page = login_form(
                lang,
                form.csrf,
                next,
                form.email.trim().chars().take(254).collect(),
                Some(lang.t("web-login-failed")),
            );
            Ok((StatusCode::UNAUTHORIZED, html(&page)).into_response())
        }
    }
}

async fn logout(State(state): State<AppState>, who: SignedIn) -> Result<Response, AppError> {
    accounts::logout(state.store(), &who.cookie).await?;
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        clear_cookie_header(SESSION_COOKIE, state.options().secure_cookies),
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/studies/3")), "/studies/3");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn htmx_requests_return_to_the_page_they_came_from() {
        let mut h = HeaderMap::new();
        h.insert(
            "hx-current-url",
            HeaderValue::from_static("http://127.0.0.1:8080/studies/3?lang=en#progress"),
        );
        assert_eq!(current_page(&h).as_deref(), Some("/studies/3?lang=en"));
        h.insert("hx-current-url", HeaderValue::from_static("http://host"));
        assert_eq!(current_page(&h), None);
        h.insert(
            "hx-current-url",
            HeaderValue::from_static("http://host//evil.example/"),
        );
        assert_eq!(current_page(&h), None);
        assert_eq!(current_page(&HeaderMap::new()), None);
    }

    #[test]
    fn next_is_encoded() {
        assert_eq!(percent_encode("/studies/3?x=a b"), "/studies/3%3Fx%3Da%20b");
    }
}
