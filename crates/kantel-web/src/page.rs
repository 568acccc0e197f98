//! What every page needs: its language, and the frame of `templates/base.html` (title,
//! language switch, who is signed in, the assets).
//!
//! Templates extend `base.html` and keep a [`Chrome`] in a field named `chrome`; texts come
//! from the catalogue through `chrome.t("web-…")` (or, with arguments, are rendered in Rust
//! before the template sees them), and askama escapes everything it prints. Blocks of
//! `base.html`: `content` (inside `<main id="main">`) and `main_class` (attributes of
//! `<main>`, e.g. ` class="wide"` for tables that need the width).

use std::convert::Infallible;

use askama::Template;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use kantel_i18n::{Arg, Lang};
use kantel_store::SessionRecord;

use crate::assets;
use crate::security::{cookie, set_cookie_header};

/// Name of the cookie that remembers the interface language (not for respondents, whose
/// choice is stored with them).
pub const LANG_COOKIE: &str = "kantel_lang";

/// The language of a request: `?lang=nl|en`, else the language cookie, else the browser's
/// `Accept-Language` (the first of `nl`/`en` it names), else Dutch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLang(pub Lang);

impl RequestLang {
    /// The language chosen in this request's query string, if any.
    pub fn from_query(query: Option<&str>) -> Option<Lang> {
        query?.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == "lang").then(|| v.parse::<Lang>().ok()).flatten()
        })
    }

    /// The language of a request without a `?lang=`.
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        if let Some(l) = cookie(headers, LANG_COOKIE).and_then(|v| v.parse::<Lang>().ok()) {
            return l;
        }
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.split(',').find_map(|part| {
                    let tag = part.split(';').next()?.trim().to_ascii_lowercase();
                    let primary = tag.split('-').next()?;
                    primary.parse::<Lang>().ok()
                })
            })
            .unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<RequestLang, Infallible> {
        Ok(RequestLang(
            RequestLang::from_query(parts.uri.query())
                .unwrap_or_else(|| RequestLang::from_headers(&parts.headers)),
        ))
    }
}

/// Middleware: a `?lang=` choice on a page is remembered in a cookie for the next pages.
pub async fn remember_lang(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    req: Request,
    next: Next,
) -> Response {
    let chosen = RequestLang::from_query(req.uri().query());
    let before = RequestLang::from_headers(req.headers());
    let had_cookie = cookie(req.headers(), LANG_COOKIE).is_some();
    let mut response = next.run(req).await;
    if let Some(lang) = chosen
        && (lang != before || !had_cookie)
    {
        let value = set_cookie_header(
            LANG_COOKIE,
            lang.code(),
            Some(365 * 24 * 3600),
            state.options().secure_cookies,
        );
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// One entry of the language switch.
#[derive(Debug, Clone)]
pub struct LangLink {
    /// `nl` or `en`.
    pub code: &'static str,
    /// The language's own name.
    pub label: &'static str,
    /// The current page in that language.
    pub href: String,
    /// Whether the page is in this language.
    pub current: bool,
}

/// A link in the page header.
#[derive(Debug, Clone)]
pub struct NavLink {
    /// Where it goes.
    pub href: String,
    /// Its text (already in the page's language).
    pub label: String,
    /// Whether it is the current page (`aria-current="page"`).
    pub current: bool,
}

/// The frame of every page.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The page's language.
    pub lang: Lang,
    /// The page title (`<title>` and usually the `<h1>`).
    pub title: String,
    /// The language switch; empty hides it.
    pub lang_links: Vec<LangLink>,
    /// Links in the header (researcher and contact pages).
    pub nav: Vec<NavLink>,
    /// The signed-in account's e-mail address, shown with a sign-out button.
    pub user: Option<String>,
    /// The session's anti-forgery token, for the sign-out form.
    pub csrf: Option<String>,
    /// Use htmx on this page.
    pub htmx: bool,
}

impl Chrome {
    /// A frame in `lang` with `title`, no language switch, nobody signed in.
    pub fn new(lang: Lang, title: impl Into<String>) -> Chrome {
        Chrome {
            lang,
            title: title.into(),
            lang_links: Vec::new(),
            nav: Vec::new(),
            user: None,
            csrf: None,
            htmx: false,
        }
    }

    /// Adds the language switch, pointing at `path` (without a query string).
    #[must_use]
    pub fn lang_switch(mut self, path: &str) -> Chrome {
        self.lang_links = Lang::ALL
            .iter()
            .map(|&l| LangLink {
                code: l.code(),
                label: match l {
                    Lang::Nl => "Nederlands",
                    Lang::En => "English",
                },
                href: format!("{path}?lang={}", l.code()),
                current: l == self.lang,
            })
            .collect();
        self
    }

    /// Shows who is signed in, with a sign-out button.
    #[must_use]
    pub fn signed_in(mut self, session: &SessionRecord) -> Chrome {
        self.user = Some(session.user.email.clone());
        self.csrf = Some(session.csrf_token.clone());
        self
    }

    /// Adds a header link.
    #[must_use]
    pub fn nav(
        mut self,
        href: impl Into<String>,
        label: impl Into<String>,
        current: bool,
    ) -> Chrome {
        self.nav.push(NavLink {
            href: href.into(),
            label: label.into(),
            current,
        });
        self
    }

    /// Loads htmx on this page.
    #[must_use]
    pub fn with_htmx(mut self) -> Chrome {
        self.htmx = true;
        self
    }

    /// A catalogue text in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// A catalogue text with one count argument.
    pub fn tn(&self, key: &str, name: &str, n: impl std::borrow::Borrow<usize>) -> String {
        let n = i64::try_from(*n.borrow()).unwrap_or(i64::MAX);
        self.lang.tr(key, &[(name, Arg::Count(n))])
    }

    /// A catalogue text with one text argument.
    pub fn ts(&self, key: &str, name: &str, value: &str) -> String {
        self.lang.tr(key, &[(name, Arg::Text(value.to_owned()))])
    }

    /// URL of the style sheet.
    pub fn css_url(&self) -> &'static str {
        assets::css_url()
    }

    /// URL of htmx.
    pub fn htmx_url(&self) -> &'static str {
        assets::htmx_url()
    }
}

/// Renders a template; a failure (which askama's compile-time checks make unlikely) is
/// logged and shown as a generic sentence, never as the error itself.
pub fn render<T: Template>(template: &T) -> String {
    match template.render() {
        Ok(s) => s,
        Err(e) => {
            crate::error::log_internal(&format!("template: {e}"));
            "<!doctype html><title>kantel</title><p>Er ging iets mis. Something went wrong.</p>"
                .to_owned()
        }
    }
}

/// A rendered template as an HTML response.
pub fn html<T: Template>(template: &T) -> Response {
    let mut r = Html(render(template)).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_query_cookie_and_browser() {
        assert_eq!(RequestLang::from_query(Some("a=1&lang=en")), Some(Lang::En));
        assert_eq!(RequestLang::from_query(Some("lang=fr")), None);
        assert_eq!(RequestLang::from_query(None), None);

        let mut h = HeaderMap::new();
        assert_eq!(RequestLang::from_headers(&h), Lang::Nl);
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("de-DE, en-GB;q=0.8, nl;q=0.5"),
        );
        assert_eq!(RequestLang::from_headers(&h), Lang::En);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("x=1; kantel_lang=nl"),
        );
        assert_eq!(RequestLang::from_headers(&h), Lang::Nl);
    }
}
