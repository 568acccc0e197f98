//! Every failure a user sees is a catalogue message on an error page (or, for an htmx
//! request, a small fragment), in the user's language; never a stack trace, a driver
//! message or SQL. Internal details go to the server's log only.
//!
//! Handlers return [`AppError`]; its response carries an [`ErrorInfo`] extension and no
//! body. The outer middleware [`render_errors`] turns that into the page, in the language
//! the error names or else the request's. Responses with an error status that come from
//! elsewhere (axum's own 404, 405 and extractor rejections, whose texts name Rust types)
//! are replaced by the generic page for their status.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kantel_i18n::{Lang, Msg, msg};
use kantel_store::StoreError;
use kantel_workflow::WorkflowError;
use kantel_workflow::collection::CollectionError;

use crate::page::{Chrome, RequestLang, render};

/// What a handler failed with.
#[derive(Debug)]
pub struct AppError {
    status: StatusCode,
    msg: Option<Msg>,
    lang: Option<Lang>,
}

impl AppError {
    fn new(status: StatusCode, msg: Option<Msg>) -> AppError {
        AppError {
            status,
            msg,
            lang: None,
        }
    }

    /// 404: nothing here (also for unknown personal links, whatever the reason).
    pub fn not_found() -> AppError {
        AppError::new(StatusCode::NOT_FOUND, None)
    }

    /// 401: sign in first.
    pub fn unauthorized() -> AppError {
        AppError::new(StatusCode::UNAUTHORIZED, None)
    }

    /// 403: not yours (or a failed forgery check).
    pub fn forbidden() -> AppError {
        AppError::new(StatusCode::FORBIDDEN, None)
    }

    /// 409: the request conflicts with the state (a closed study, a submitted
    /// questionnaire).
    pub fn conflict(msg: Msg) -> AppError {
        AppError::new(StatusCode::CONFLICT, Some(msg))
    }

    /// 422: the input is refused, with the reason.
    pub fn invalid(msg: Msg) -> AppError {
        AppError::new(StatusCode::UNPROCESSABLE_ENTITY, Some(msg))
    }

    /// 400: the request is malformed, with the reason.
    pub fn bad_request(msg: Msg) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, Some(msg))
    }

    /// 413: the body is too large.
    pub fn too_large() -> AppError {
        AppError::new(StatusCode::PAYLOAD_TOO_LARGE, None)
    }

    /// 429: too many requests; try again later.
    pub fn too_many_requests() -> AppError {
        AppError::new(StatusCode::TOO_MANY_REQUESTS, None)
    }

    /// 500: something failed inside. `detail` goes to the log, the user reads a generic
    /// message.
    pub fn internal(detail: impl std::fmt::Display) -> AppError {
        log_internal(&detail);
        AppError::new(StatusCode::INTERNAL_SERVER_ERROR, None)
    }

    /// Renders the page in `lang` (a respondent's chosen language) rather than the
    /// request's.
    #[must_use]
    pub fn in_lang(mut self, lang: Lang) -> AppError {
        self.lang = Some(lang);
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

/// Writes an internal failure to the server's log: through `tracing` when the program
/// installed a subscriber, else to standard error, so it is never lost and never shown.
pub fn log_internal(detail: &dyn std::fmt::Display) {
    if tracing::dispatcher::has_been_set() {
        tracing::error!("{detail}");
    } else {
        eprintln!("kantel serve: {detail}");
    }
}

/// The error a response carries, for [`render_errors`].
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// The message; `None` takes the generic text for the status.
    pub msg: Option<Msg>,
    /// The language to render in; `None` takes the request's.
    pub lang: Option<Lang>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(ErrorInfo {
            msg: self.msg,
            lang: self.lang,
        });
        response
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::UnknownToken | StoreError::UnknownStudy(_) => AppError::not_found(),
            StoreError::StudyClosed | StoreError::AlreadySubmitted => {
                AppError::conflict(kantel_workflow::error::store_msg(&e))
            }
            // What the user sent was refused by the store (a respondent id in use, a
            // municipality the study lacks, a name or address taken): say why, as 422.
            StoreError::Row { .. }
            | StoreError::DuplicateEmail(_)
            | StoreError::DuplicateStudyName(_)
            | StoreError::UnknownStudyMunicipality { .. }
            | StoreError::AnswerOutOfRange { .. } => {
                AppError::invalid(kantel_workflow::error::store_msg(&e))
            }
            other => AppError::internal(other),
        }
    }
}

impl From<CollectionError> for AppError {
    fn from(e: CollectionError) -> AppError {
        match e {
            CollectionError::UnknownLink => AppError::not_found(),
            CollectionError::Closed | CollectionError::Submitted => AppError::conflict(e.msg()),
            CollectionError::UnknownItem(_) | CollectionError::InvalidValue { .. } => {
                AppError::invalid(e.msg())
            }
            CollectionError::Store(s) => AppError::from(*s),
        }
    }
}

impl From<WorkflowError> for AppError {
    fn from(e: WorkflowError) -> AppError {
        match e {
            WorkflowError::Store(s) => AppError::from(*s),
            // Input the user gave (a data file, a form value) was refused: say why.
            WorkflowError::Data(_) | WorkflowError::Msg(_) => AppError::invalid(e.msg()),
            other => AppError::internal(other),
        }
    }
}

/// The generic message for an error status.
fn generic(status: StatusCode) -> Msg {
    match status.as_u16() {
        400 => msg!("web-error-400"),
        401 => msg!("web-error-401"),
        403 => msg!("web-error-403"),
        404 => msg!("web-error-404"),
        405 => msg!("web-error-405"),
        408 => msg!("web-error-408"),
        409 => msg!("web-error-409"),
        413 => msg!("web-error-413"),
        415 | 422 => msg!("web-error-422"),
        429 => msg!("web-error-429"),
        _ => msg!("web-error-500"),
    }
}

fn title(status: StatusCode) -> Msg {
    match status.as_u16() {
        401 | 403 => msg!("web-error-title-denied"),
        404 => msg!("web-error-title-404"),
        409 => msg!("web-error-title-409"),
        400 | 405 | 413 | 415 | 422 => msg!("web-error-title-input"),
        429 => msg!("web-error-title-429"),
        _ => msg!("web-error-title-500"),
    }
}

#[derive(askama::Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    message: String,
    status: u16,
}

#[derive(askama::Template)]
#[template(path = "error_fragment.html")]
struct ErrorFragment {
    message: String,
}

/// Middleware: renders error responses as pages in the user's language.
pub async fn render_errors(lang: RequestLang, req: Request, next: Next) -> Response {
    let htmx = req.headers().contains_key("hx-request");
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let info = response.extensions().get::<ErrorInfo>().cloned();
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if info.is_none() && is_html {
        // A page a handler rendered itself (a form shown again with its problems).
        return response;
    }
    let info = info.unwrap_or(ErrorInfo {
        msg: None,
        lang: None,
    });
    let lang = info.lang.unwrap_or(lang.0);
    let message = info.msg.unwrap_or_else(|| generic(status)).render(lang);
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    let body = if htmx {
        render(&ErrorFragment { message })
    } else {
        let chrome = Chrome::new(lang, title(status).render(lang));
        render(&ErrorPage {
            chrome,
            message,
            status: status.as_u16(),
        })
    };
    Response::from_parts(parts, axum::body::Body::from(body))
}
