//! A municipality's pages: its response progress and its mirror report. A municipal contact
//! sees their own municipality of their own study and nothing else (403 for any other,
//! whether or not it exists); a researcher sees every municipality.
//!
//! - `GET /studies/{id}/m/{code}`: the municipality's response per respondent group, which
//!   reloads itself every few seconds with htmx (`GET /studies/{id}/m/{code}/progress`, the
//!   table alone); without JavaScript, reloading the page does the same.
//! - `GET /studies/{id}/m/{code}/mirror`: the mirror report as an HTML download: the
//!   municipality against the distribution of all municipalities, the others unnamed.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use kantel_i18n::{Arg, Lang};
use kantel_store::StudyId;
use kantel_workflow::accounts::may_see_municipality;
use kantel_workflow::dashboard::progress::progress;
use kantel_workflow::dashboard::reports::mirror_html;

use crate::auth::SignedIn;
use crate::page::{Chrome, RequestLang, html};
use crate::researcher::{
    ProgressFragment, ProgressTable, app_error, html_download, progress_table,
};
use crate::{AppError, AppState};

/// The municipality routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/studies/{id}/m/{code}", get(municipality_page))
        .route(
            "/studies/{id}/m/{code}/progress",
            get(municipality_progress),
        )
        .route("/studies/{id}/m/{code}/mirror", get(mirror))
}

/// The page of a municipality of a study.
pub fn page_url(study: StudyId, code: &str) -> String {
    format!("/studies/{study}/m/{code}")
}

/// Who may see this municipality: the check comes before anything is read, so a contact
/// learns nothing about other studies or municipalities (not even whether they exist).
async fn allowed(
    state: &AppState,
    who: &SignedIn,
    id: i64,
    code: &str,
) -> Result<(StudyId, kantel_study::study::Study), AppError> {
    let id = StudyId(id);
    if !may_see_municipality(&who.session.user, id, code) {
        return Err(AppError::forbidden());
    }
    let cached = state.study(id).await?;
    if cached.study.municipality(code).is_none() {
        return Err(AppError::not_found());
    }
    Ok((id, cached.study.clone()))
}

#[derive(askama::Template)]
#[template(path = "contact/municipality.html")]
struct MunicipalityPage {
    chrome: Chrome,
    intro: String,
    mirror: String,
    table: ProgressTable,
}

async fn table_of(
    state: &AppState,
    id: StudyId,
    code: &str,
    lang: Lang,
) -> Result<ProgressTable, AppError> {
    let view = progress(state.store(), id, Some(code))
        .await
        .map_err(app_error)?;
    Ok(progress_table(
        &view,
        lang,
        format!("{}/progress", page_url(id, code)),
        false,
    ))
}

async fn municipality_page(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    who: SignedIn,
    Path((id, code)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let (id, study) = allowed(&state, &who, id, &code).await?;
    let name = study
        .municipality(&code)
        .map_or_else(|| code.clone(), |m| m.name.clone());
    let title = match lang {
        Lang::Nl => &study.study.title_nl,
        Lang::En => &study.study.title_en,
    };
    let path = page_url(id, &code);
    let mut chrome = who
        .chrome(lang, format!("{name} ({code})"))
        .lang_switch(&path)
        .with_htmx();
    if who.is_researcher() {
        chrome = chrome.nav("/", lang.t("web-d-nav-studies"), false).nav(
            format!("/studies/{id}"),
            lang.t("web-d-nav-dashboard"),
            false,
        );
    }
    Ok(html(&MunicipalityPage {
        chrome,
        intro: lang.tr(
            "web-d-contact-intro",
            &[("study", Arg::from(title.as_str()))],
        ),
        mirror: format!("{path}/mirror"),
        table: table_of(&state, id, &code, lang).await?,
    }))
}

async fn municipality_progress(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    who: SignedIn,
    Path((id, code)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let (id, _) = allowed(&state, &who, id, &code).await?;
    Ok(html(&ProgressFragment {
        chrome: who.chrome(lang, String::new()),
        table: table_of(&state, id, &code, lang).await?,
    }))
}

async fn mirror(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    who: SignedIn,
    Path((id, code)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let (id, _) = allowed(&state, &who, id, &code).await?;
    let html = mirror_html(state.store(), id, &code, lang)
        .await
        .map_err(app_error)?;
    Ok(html_download(html, lang, "spiegel", "mirror", &code))
}
