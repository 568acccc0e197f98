//! The researcher's pages: studies, setting a study up, watching the response, the
//! analysis, and the downloads. Every route takes a signed-in researcher ([`Researcher`]):
//! signed out, a GET goes to `/login` and anything else is refused; a municipal contact gets
//! 403. Every form posts the session's `csrf` token (the security layer checks it).
//!
//! - `GET /`: the studies (a contact is sent to their municipality's page).
//! - `GET /studies/new`, `POST /studies` (the built-in codebook under a name),
//!   `POST /studies/upload` (a study file, multipart): create a study; 303 to its dashboard.
//! - `GET /studies/{id}`: the dashboard: status, response per municipality and group.
//!   `GET /studies/{id}/progress` is the response table alone, which the dashboard reloads
//!   every few seconds with htmx (without JavaScript, reloading the page does the same).
//! - `POST /studies/{id}/status` (`status` = `open` | `closed`): 303 to the dashboard.
//! - `GET|POST /studies/{id}/municipalities`: the study's municipalities; add from the
//!   register, one per line (`code or name[; inhabitants[; group]]`). With `kantel serve
//!   --study FILE` the study file gets the same tables.
//! - `GET /studies/{id}/respondents`: the respondents per municipality and group, and the
//!   forms: `POST /studies/{id}/respondents` (one respondent; the page shows its link once),
//!   `POST /studies/{id}/respondents/upload` (a CSV file or an `.xlsx` workbook with the
//!   columns `respondent,municipality,group`, multipart) and `POST /studies/{id}/links` (`count` new respondents of a municipality
//!   and group): both answer with the links as a CSV download
//!   (`municipality,group,respondent,link`), the only time they exist in clear.
//! - `GET|POST /studies/{id}/analysis`: the analysis with chosen settings (outcome,
//!   negation, conditions, inclusion, PRI and frequency cut-offs, directional
//!   expectations): calibration, truth table, solutions and XY plots in the page; each run is
//!   recorded in the store.
//! - `GET /studies/{id}/report` (the study's plan) and `POST /studies/{id}/report` (the
//!   settings of the analysis form): the HTML report as a download.
//! - `GET /studies/{id}/export/{file}` with `answers.csv`, `answers.xlsx`, `scores.csv`,
//!   `scores.xlsx`: the answers (web and imported, one data set) and the set scores per
//!   municipality.

use axum::Form;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kantel_i18n::{Arg, Lang, Msg};
use kantel_store::{Role, StudyId, StudyStatus};
use kantel_study::study::Study;
use kantel_workflow::dashboard::export::{answers_table, set_scores_table};
use kantel_workflow::dashboard::municipalities::{add_municipalities, parse_municipality_lines};
use kantel_workflow::dashboard::progress::{Counts, ProgressView, progress};
use kantel_workflow::dashboard::qca::{
    QcaSettings, QcaView, SettingField, SettingProblem, SolutionKind, analyse_loaded,
};
use kantel_workflow::dashboard::reports::report_html;
use kantel_workflow::dashboard::respondents::{
    Origin, RespondentRequest, add_respondents, parse_respondents_file,
};
use kantel_workflow::dashboard::study::{StudySource, create_study, list_studies, set_status};
use kantel_workflow::invite::{invite, write_links_csv};
use kantel_workflow::{WorkflowError, Workspace};

use crate::auth::{Researcher, SignedIn};
use crate::page::{Chrome, RequestLang, html};
use crate::{AppError, AppState};

/// The researcher routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/studies/new", get(new_study_page))
        .route("/studies", post(new_study_builtin))
        .route("/studies/upload", post(new_study_upload))
        .route("/studies/{id}", get(dashboard))
        .route("/studies/{id}/progress", get(progress_fragment))
        .route("/studies/{id}/status", post(change_status))
        .route(
            "/studies/{id}/municipalities",
            get(municipalities_page).post(municipalities_add),
        )
        .route(
            "/studies/{id}/respondents",
            get(respondents_page).post(respondent_add),
        )
        .route("/studies/{id}/respondents/upload", post(respondents_upload))
        .route("/studies/{id}/links", post(links_generate))
        .route(
            "/studies/{id}/analysis",
            get(analysis_page).post(analysis_run),
        )
        .route(
            "/studies/{id}/report",
            get(report_plan).post(report_settings),
        )
        .route("/studies/{id}/export/{file}", get(export))
}

// ------------------------------------------------------------------ shared helpers

/// A user's input refused by a workflow (a form value, an uploaded file): its message, to
/// show with the form. Anything else (the database, a bug) is not the user's to fix.
pub(crate) fn user_message(e: &WorkflowError) -> Option<Msg> {
    match e {
        WorkflowError::Msg(_) | WorkflowError::Data(_) | WorkflowError::StudyFile { .. } => {
            Some(e.msg())
        }
        _ => None,
    }
}

/// A workflow error as the response: input problems as 422 with their message.
pub(crate) fn app_error(e: WorkflowError) -> AppError {
    match user_message(&e) {
        Some(m) => AppError::invalid(m),
        None => AppError::from(e),
    }
}

/// A workflow error as what the handler does next: the user's input refused → its message
/// (`Ok`, to show with the form again); anything else → the error response.
fn refusal(e: WorkflowError, lang: Lang) -> Result<String, AppError> {
    match user_message(&e) {
        Some(m) => Ok(m.render(lang)),
        None => Err(AppError::from(e)),
    }
}

const CSV: &str = "text/csv; charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An HTML file download (a report), named in the page's language.
pub(crate) fn html_download(html: String, lang: Lang, nl: &str, en: &str, tail: &str) -> Response {
    let stem = match lang {
        Lang::Nl => nl,
        Lang::En => en,
    };
    attachment(
        html.into_bytes(),
        "text/html; charset=utf-8",
        &format!("{stem}-{tail}.html"),
    )
}

/// A file download.
pub(crate) fn attachment(bytes: Vec<u8>, content_type: &'static str, file_name: &str) -> Response {
    let mut r = (StatusCode::OK, bytes).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // File names are made here from a study name (letters, digits, `-_.`) or a CBS code.
    let safe: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// Three decimals, as R's QCA prints fit (`0.912`).
pub(crate) fn f3(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.3}")
    } else {
        "–".to_owned()
    }
}

fn count(n: i64) -> Arg {
    Arg::Count(n)
}

/// A share as a percentage without decimals, or a dash.
fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |x| format!("{:.0}%", x * 100.0))
}

/// The study's name and titles, or 404.
async fn study_of(state: &AppState, id: StudyId) -> Result<(String, Study), AppError> {
    let record = state.store().get_study(id).await?;
    let cached = state.study(id).await?;
    Ok((record.name, cached.study.clone()))
}

/// The frame of a study's pages: the study's sections in the header.
fn study_chrome(
    who: &SignedIn,
    lang: Lang,
    id: StudyId,
    title: impl Into<String>,
    current: &str,
    path: &str,
) -> Chrome {
    let base = format!("/studies/{id}");
    let mut chrome = who.chrome(lang, title).lang_switch(path).nav(
        "/",
        lang.t("web-d-nav-studies"),
        current == "studies",
    );
    for (suffix, key, name) in [
        ("", "web-d-nav-dashboard", "dashboard"),
        (
            "/municipalities",
            "web-d-nav-municipalities",
            "municipalities",
        ),
        ("/respondents", "web-d-nav-respondents", "respondents"),
        ("/analysis", "web-d-nav-analysis", "analysis"),
    ] {
        chrome = chrome.nav(format!("{base}{suffix}"), lang.t(key), current == name);
    }
    chrome
}

/// The frame of one of a study's sections (`/studies/{id}/{section}`), titled `title_key`.
fn section_chrome(
    who: &SignedIn,
    lang: Lang,
    id: StudyId,
    section: &str,
    title_key: &str,
) -> Chrome {
    let path = format!("/studies/{id}/{section}");
    study_chrome(who, lang, id, lang.t(title_key), section, &path)
}

/// The study's workspace (plan and store) for an analysis or an export.
async fn workspace(state: &AppState, id: StudyId) -> Result<Workspace, AppError> {
    Workspace::from_store(state.store().clone(), id)
        .await
        .map_err(AppError::from)
}

/// The address respondents' links start with: this server as the browser reached it.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let options = state.options();
    let host = options
        .limits
        .trust_forwarded_for
        .then(|| headers.get("x-forwarded-host"))
        .flatten()
        .or_else(|| headers.get(header::HOST))
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
        })
        .map_or_else(|| options.listen.to_string(), str::to_owned);
    let scheme = if options.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

// ------------------------------------------------------------------ studies

#[derive(Debug, Clone)]
struct StudyRow {
    href: String,
    name: String,
    title: String,
    status: String,
    municipalities: usize,
}

#[derive(askama::Template)]
#[template(path = "researcher/studies.html")]
struct StudiesPage {
    chrome: Chrome,
    studies: Vec<StudyRow>,
}

fn status_text(lang: Lang, status: StudyStatus) -> String {
    match status {
        StudyStatus::Open => lang.t("web-d-status-open"),
        StudyStatus::Closed => lang.t("web-d-status-closed"),
    }
}

/// `GET /`: researchers see the studies; a contact goes to their municipality's page.
async fn home(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    who: SignedIn,
) -> Result<Response, AppError> {
    if let Role::Contact {
        study,
        municipality,
    } = who.role()
    {
        return Ok(Redirect::to(&crate::contact::page_url(*study, municipality)).into_response());
    }
    let studies = list_studies(state.store())
        .await
        .map_err(AppError::from)?
        .into_iter()
        .map(|s| StudyRow {
            href: format!("/studies/{}", s.id),
            title: match lang {
                Lang::Nl => s.title_nl,
                Lang::En => s.title_en,
            },
            name: s.name,
            status: lang.t(match s.status {
                StudyStatus::Open => "web-d-status-open-short",
                StudyStatus::Closed => "web-d-status-closed-short",
            }),
            municipalities: s.municipalities,
        })
        .collect();
    let chrome = who
        .chrome(lang, lang.t("web-d-studies-title"))
        .lang_switch("/")
        .nav("/", lang.t("web-d-nav-studies"), true);
    Ok(html(&StudiesPage { chrome, studies }))
}

#[derive(askama::Template)]
#[template(path = "researcher/new_study.html")]
struct NewStudyPage {
    chrome: Chrome,
    csrf: String,
    name: String,
    title: String,
    error: Option<String>,
}

fn new_study_form(
    who: &SignedIn,
    lang: Lang,
    name: String,
    title: String,
    error: Option<String>,
) -> NewStudyPage {
    NewStudyPage {
        chrome: who
            .chrome(lang, lang.t("web-d-new-title"))
            .lang_switch("/studies/new")
            .nav("/", lang.t("web-d-nav-studies"), false),
        csrf: who.csrf().to_owned(),
        name,
        title,
        error,
    }
}

async fn new_study_page(RequestLang(lang): RequestLang, Researcher(who): Researcher) -> Response {
    html(&new_study_form(
        &who,
        lang,
        String::new(),
        String::new(),
        None,
    ))
}

#[derive(Debug, serde::Deserialize)]
struct NewStudyForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    title: String,
}

/// A form shown again with the problem (422).
fn refused<T: askama::Template>(page: &T) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, html(page)).into_response()
}

async fn new_study_builtin(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Form(form): Form<NewStudyForm>,
) -> Result<Response, AppError> {
    let title = form.title.trim();
    let source = StudySource::Builtin {
        name: form.name.trim(),
        title: (!title.is_empty()).then_some(title),
    };
    match create_study(state.store(), source).await {
        Ok(id) => Ok(Redirect::to(&format!("/studies/{id}")).into_response()),
        Err(e) => Ok(refused(&new_study_form(
            &who,
            lang,
            form.name,
            form.title,
            Some(refusal(e, lang)?),
        ))),
    }
}

/// The fields of a multipart form: text fields and at most one file (name, bytes).
struct Upload {
    fields: Vec<(String, String)>,
    file: Option<(String, Vec<u8>)>,
}

async fn read_upload(mut form: Multipart) -> Result<Upload, AppError> {
    let mut out = Upload {
        fields: Vec::new(),
        file: None,
    };
    let bad = |_| AppError::bad_request(kantel_i18n::msg!("web-d-upload-unreadable"));
    while let Some(field) = form.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) if name == "file" => {
                let bytes = field.bytes().await.map_err(bad)?;
                out.file = Some((file_name, bytes.to_vec()));
            }
            _ => {
                let text = field.text().await.map_err(bad)?;
                out.fields.push((name, text));
            }
        }
    }
    Ok(out)
}

async fn new_study_upload(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    form: Multipart,
) -> Result<Response, AppError> {
    let upload = read_upload(form).await?;
    let refuse = |m: String| {
        refused(&new_study_form(
            &who,
            lang,
            String::new(),
            String::new(),
            Some(m),
        ))
    };
    let Some((file_name, bytes)) = upload.file.filter(|(_, b)| !b.is_empty()) else {
        return Ok(refuse(lang.t("web-d-upload-missing")));
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(refuse(lang.t("web-d-upload-not-utf8")));
    };
    match create_study(
        state.store(),
        StudySource::File {
            file_name: &file_name,
            text: &text,
        },
    )
    .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/studies/{id}")).into_response()),
        Err(e) => Ok(refuse(refusal(e, lang)?)),
    }
}

// ------------------------------------------------------------------ dashboard and progress

/// One cell of the response table.
#[derive(Debug, Clone)]
pub(crate) struct CountsView {
    pub respondents: i64,
    pub started: i64,
    pub submitted: i64,
    pub rate: String,
    pub below_minimum: bool,
}

impl CountsView {
    fn of(c: &Counts, below_minimum: bool) -> CountsView {
        CountsView {
            respondents: c.respondents,
            started: c.started,
            submitted: c.submitted,
            rate: percent(c.response_rate()),
            below_minimum,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ProgressRowView {
    pub code: String,
    pub name: String,
    pub href: String,
    pub in_study: bool,
    pub groups: Vec<CountsView>,
    pub total: CountsView,
}

/// The response table (the dashboard's and the contact's), and how it reloads itself.
#[derive(Debug, Clone)]
pub(crate) struct ProgressTable {
    /// The fragment's own URL (htmx reloads it every few seconds).
    pub url: String,
    /// Group headings (label and minimum).
    pub groups: Vec<String>,
    pub rows: Vec<ProgressRowView>,
    pub total: CountsView,
    /// Show the totals row (more than one municipality).
    pub show_total: bool,
    /// Link municipality names to their page.
    pub links: bool,
    /// The dashboard's summary sentence (`<p id="summary">` above the table). The fragment
    /// carries it out of band (`hx-swap-oob`), so that each reload replaces sentence and
    /// table together and they never disagree; `None` where the page has no summary.
    pub summary: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "researcher/progress.html")]
pub(crate) struct ProgressFragment {
    pub chrome: Chrome,
    pub table: ProgressTable,
}

pub(crate) fn progress_table(
    view: &ProgressView,
    lang: Lang,
    url: String,
    links: bool,
) -> ProgressTable {
    let groups = view
        .groups
        .iter()
        .map(|(id, nl, en)| {
            let label = match lang {
                Lang::Nl => nl,
                Lang::En => en,
            };
            if label.is_empty() {
                id.clone()
            } else {
                label.clone()
            }
        })
        .collect();
    let rows = view
        .municipalities
        .iter()
        .map(|m| ProgressRowView {
            href: crate::contact::page_url(view.study, &m.code),
            code: m.code.clone(),
            name: m.name.clone(),
            in_study: m.in_study,
            // The study's groups only (their columns); respondents of groups the study no
            // longer defines still count in the total.
            groups: m
                .groups
                .iter()
                .filter(|g| g.min_respondents.is_some())
                .map(|g| CountsView::of(&g.counts, g.below_minimum()))
                .collect(),
            total: CountsView::of(&m.total, false),
        })
        .collect();
    ProgressTable {
        url,
        groups,
        rows,
        total: CountsView::of(&view.total, false),
        show_total: view.municipalities.len() > 1,
        links,
        summary: None,
    }
}

/// The dashboard's summary: municipalities, respondents, started, submitted.
fn summary_text(view: &ProgressView, lang: Lang) -> String {
    lang.tr(
        "web-d-summary",
        &[
            ("municipalities", count(view.municipalities.len() as i64)),
            ("respondents", count(view.total.respondents)),
            ("started", count(view.total.started)),
            ("submitted", count(view.total.submitted)),
        ],
    )
}

/// The dashboard's response table with its summary (the page and its reloads alike).
fn dashboard_table(view: &ProgressView, lang: Lang, id: StudyId) -> ProgressTable {
    ProgressTable {
        summary: Some(summary_text(view, lang)),
        ..progress_table(view, lang, format!("/studies/{id}/progress"), true)
    }
}

#[derive(askama::Template)]
#[template(path = "researcher/dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    csrf: String,
    id: StudyId,
    name: String,
    open: bool,
    status: String,
    table: ProgressTable,
}

async fn dashboard(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let id = StudyId(id);
    let view = progress(state.store(), id, None).await.map_err(app_error)?;
    let title = match lang {
        Lang::Nl => view.title_nl.clone(),
        Lang::En => view.title_en.clone(),
    };
    let path = format!("/studies/{id}");
    let page = DashboardPage {
        chrome: study_chrome(&who, lang, id, title, "dashboard", &path).with_htmx(),
        csrf: who.csrf().to_owned(),
        id,
        name: view.name.clone(),
        open: view.status == StudyStatus::Open,
        status: status_text(lang, view.status),
        table: dashboard_table(&view, lang, id),
    };
    Ok(html(&page))
}

async fn progress_fragment(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let id = StudyId(id);
    let view = progress(state.store(), id, None).await.map_err(app_error)?;
    let table = dashboard_table(&view, lang, id);
    Ok(html(&ProgressFragment {
        chrome: who.chrome(lang, String::new()),
        table,
    }))
}

#[derive(Debug, serde::Deserialize)]
struct StatusForm {
    status: String,
}

async fn change_status(
    State(state): State<AppState>,
    Researcher(_who): Researcher,
    Path(id): Path<i64>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let id = StudyId(id);
    let status = match form.status.as_str() {
        "open" => StudyStatus::Open,
        "closed" => StudyStatus::Closed,
        _ => {
            return Err(AppError::bad_request(kantel_i18n::msg!(
                "web-d-status-unknown"
            )));
        }
    };
    state.store().get_study(id).await?;
    set_status(state.store(), id, status)
        .await
        .map_err(app_error)?;
    Ok(Redirect::to(&format!("/studies/{id}")).into_response())
}

// ------------------------------------------------------------------ municipalities

#[derive(Debug, Clone)]
struct MunicipalityRow {
    code: String,
    name: String,
    inhabitants: String,
    group: String,
}

#[derive(askama::Template)]
#[template(path = "researcher/municipalities.html")]
struct MunicipalitiesPage {
    chrome: Chrome,
    csrf: String,
    action: String,
    rows: Vec<MunicipalityRow>,
    lines: String,
    error: Option<String>,
    done: Vec<String>,
    in_file: Option<String>,
}

async fn municipalities_view(
    state: &AppState,
    who: &SignedIn,
    lang: Lang,
    id: StudyId,
    lines: String,
    error: Option<String>,
    done: Vec<String>,
) -> Result<MunicipalitiesPage, AppError> {
    let (_, study) = study_of(state, id).await?;
    Ok(MunicipalitiesPage {
        chrome: section_chrome(
            who,
            lang,
            id,
            "municipalities",
            "web-d-municipalities-title",
        ),
        csrf: who.csrf().to_owned(),
        action: format!("/studies/{id}/municipalities"),
        rows: study
            .municipalities
            .iter()
            .map(|m| MunicipalityRow {
                code: m.code.as_str().to_owned(),
                name: m.name.clone(),
                inhabitants: m.inhabitants.to_string(),
                group: m.group.clone().unwrap_or_default(),
            })
            .collect(),
        lines,
        error,
        done,
        in_file: study_file_of(state, id).map(|p| {
            lang.tr(
                "web-d-municipalities-file",
                &[("path", Arg::from(p.display().to_string()))],
            )
        }),
    })
}

/// The study file the server was started with, when `id` is that study.
fn study_file_of(state: &AppState, id: StudyId) -> Option<&std::path::Path> {
    let o = state.options();
    (o.default_study == Some(id))
        .then_some(o.study_file.as_deref())
        .flatten()
}

async fn municipalities_page(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let page = municipalities_view(
        &state,
        &who,
        lang,
        StudyId(id),
        String::new(),
        None,
        Vec::new(),
    )
    .await?;
    Ok(html(&page))
}

#[derive(Debug, serde::Deserialize)]
struct MunicipalitiesForm {
    #[serde(default)]
    lines: String,
}

async fn municipalities_add(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Path(id): Path<i64>,
    Form(form): Form<MunicipalitiesForm>,
) -> Result<Response, AppError> {
    let id = StudyId(id);
    state.store().get_study(id).await?;
    let result = match parse_municipality_lines(&form.lines) {
        Ok(requests) => {
            add_municipalities(state.store(), id, &requests, study_file_of(&state, id)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(done) => {
            let mut lines: Vec<String> = done
                .added
                .iter()
                .map(|(code, name)| {
                    lang.tr(
                        "web-d-municipality-added",
                        &[("name", Arg::from(name)), ("code", Arg::from(code))],
                    )
                })
                .collect();
            lines.extend(done.already.iter().map(|(code, name)| {
                lang.tr(
                    "web-d-municipality-already",
                    &[("name", Arg::from(name)), ("code", Arg::from(code))],
                )
            }));
            let page =
                municipalities_view(&state, &who, lang, id, String::new(), None, lines).await?;
            Ok(html(&page))
        }
        Err(e) => {
            let error = Some(refusal(e, lang)?);
            let page =
                municipalities_view(&state, &who, lang, id, form.lines, error, Vec::new()).await?;
            Ok(refused(&page))
        }
    }
}

// ------------------------------------------------------------------ respondents and links

#[derive(Debug, Clone)]
struct Choice {
    value: String,
    label: String,
}

#[derive(askama::Template)]
#[template(path = "researcher/respondents.html")]
struct RespondentsPage {
    chrome: Chrome,
    csrf: String,
    base: String,
    link_base: String,
    municipalities: Vec<Choice>,
    groups: Vec<Choice>,
    table: ProgressTable,
    error: Option<String>,
    created: Option<(String, String)>,
    closed: bool,
}

async fn respondents_view(
    state: &AppState,
    who: &SignedIn,
    lang: Lang,
    id: StudyId,
    headers: &HeaderMap,
    error: Option<String>,
    created: Option<(String, String)>,
) -> Result<RespondentsPage, AppError> {
    let (_, study) = study_of(state, id).await?;
    let view = progress(state.store(), id, None).await.map_err(app_error)?;
    Ok(RespondentsPage {
        chrome: section_chrome(who, lang, id, "respondents", "web-d-respondents-title"),
        csrf: who.csrf().to_owned(),
        base: format!("/studies/{id}"),
        link_base: format!("{}/r/…", base_url(state, headers)),
        municipalities: study
            .municipalities
            .iter()
            .map(|m| Choice {
                value: m.code.as_str().to_owned(),
                label: format!("{} ({})", m.name, m.code),
            })
            .collect(),
        groups: study
            .respondent_groups
            .iter()
            .map(|g| Choice {
                value: g.id.clone(),
                label: match lang {
                    Lang::Nl => g.label_nl.clone(),
                    Lang::En => g.label_en.clone(),
                },
            })
            .collect(),
        // The same table as the dashboard's, summary included: its reloads (the same
        // fragment URL) then always find the summary they replace.
        table: dashboard_table(&view, lang, id),
        error,
        created,
        closed: view.status == StudyStatus::Closed,
    })
}

/// The respondents page again with the refused input's message (422), or the error response
/// when the error is not the user's to fix.
async fn respondents_refused(
    state: &AppState,
    who: &SignedIn,
    lang: Lang,
    id: StudyId,
    headers: &HeaderMap,
    e: WorkflowError,
) -> Result<Response, AppError> {
    let error = Some(refusal(e, lang)?);
    let page = respondents_view(state, who, lang, id, headers, error, None).await?;
    Ok(refused(&page))
}

async fn respondents_page(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let page = respondents_view(&state, &who, lang, StudyId(id), &headers, None, None).await?;
    Ok(html(&page))
}

#[derive(Debug, serde::Deserialize)]
struct RespondentForm {
    #[serde(default)]
    respondent: String,
    #[serde(default)]
    municipality: String,
    #[serde(default)]
    group: String,
}

async fn respondent_add(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<RespondentForm>,
) -> Result<Response, AppError> {
    let id = StudyId(id);
    state.store().get_study(id).await?;
    let request = RespondentRequest {
        line: 1,
        respondent: form.respondent,
        municipality: form.municipality,
        group: form.group,
    };
    let base = base_url(&state, &headers);
    match add_respondents(state.store(), id, &[request], Origin::Form, &base).await {
        Ok(mut links) => {
            let created = links.pop().map(|l| (l.respondent, l.link));
            let page = respondents_view(&state, &who, lang, id, &headers, None, created).await?;
            Ok(html(&page))
        }
        Err(e) => respondents_refused(&state, &who, lang, id, &headers, e).await,
    }
}

fn links_csv(
    name: &str,
    links: &[kantel_workflow::invite::Invitation],
) -> Result<Response, AppError> {
    let mut out = Vec::new();
    write_links_csv(&mut out, links).map_err(AppError::internal)?;
    Ok(attachment(out, CSV, &format!("links-{name}.csv")))
}

async fn respondents_upload(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Path(id): Path<i64>,
    headers: HeaderMap,
    form: Multipart,
) -> Result<Response, AppError> {
    let id = StudyId(id);
    let (name, _) = study_of(&state, id).await?;
    let upload = read_upload(form).await?;
    let Some((file_name, bytes)) = upload.file.filter(|(_, b)| !b.is_empty()) else {
        let error = Some(lang.t("web-d-upload-missing"));
        let page = respondents_view(&state, &who, lang, id, &headers, error, None).await?;
        return Ok(refused(&page));
    };
    let base = base_url(&state, &headers);
    let result = match parse_respondents_file(&bytes, &file_name) {
        Ok(requests) => {
            add_respondents(state.store(), id, &requests, Origin::Csv(&file_name), &base).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(links) => links_csv(&name, &links),
        Err(e) => respondents_refused(&state, &who, lang, id, &headers, e).await,
    }
}

#[derive(Debug, serde::Deserialize)]
struct LinksForm {
    #[serde(default)]
    municipality: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    count: String,
}

async fn links_generate(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<LinksForm>,
) -> Result<Response, AppError> {
    let id = StudyId(id);
    let (name, study) = study_of(&state, id).await?;
    let base = base_url(&state, &headers);
    let count = form.count.trim().parse::<usize>().unwrap_or(0);
    match invite(
        state.store(),
        id,
        &study,
        &form.municipality,
        &form.group,
        count,
        &base,
    )
    .await
    {
        Ok(links) => links_csv(&name, &links),
        Err(e) => respondents_refused(&state, &who, lang, id, &headers, e).await,
    }
}

// ------------------------------------------------------------------ analysis

#[derive(Debug, Clone)]
struct SetChoice {
    id: String,
    label: String,
    checked: bool,
}

/// The analysis form, filled in.
#[derive(Debug, Clone)]
struct SettingsForm {
    outcomes: Vec<SetChoice>,
    negate: bool,
    conditions: Vec<SetChoice>,
    incl_cut: String,
    pri_cut: String,
    n_cut: String,
    dir_exp: String,
}

fn set_label(study: &Study, id: &str, lang: Lang) -> String {
    study.set(id).map_or_else(
        || id.to_owned(),
        |s| match lang {
            Lang::Nl => s.set.label_nl.clone(),
            Lang::En => s.set.label_en.clone(),
        },
    )
}

fn settings_form(study: &Study, s: &QcaSettings, lang: Lang) -> SettingsForm {
    SettingsForm {
        outcomes: study
            .outcomes
            .iter()
            .map(|o| SetChoice {
                id: o.id.clone(),
                label: set_label(study, &o.id, lang),
                checked: o.id == s.outcome,
            })
            .collect(),
        negate: s.negate_outcome,
        conditions: study
            .conditions
            .iter()
            .chain(&study.contexts)
            .map(|c| SetChoice {
                id: c.id.clone(),
                label: set_label(study, &c.id, lang),
                checked: s.conditions.contains(&c.id),
            })
            .collect(),
        incl_cut: kantel_i18n::format_number(s.incl_cut),
        pri_cut: kantel_i18n::format_number(s.pri_cut),
        n_cut: s.n_cut.to_string(),
        dir_exp: s.dir_exp.join(", "),
    }
}

/// The form's fields as posted, for showing them again when they are refused.
fn posted_form(study: &Study, fields: &[(String, String)], lang: Lang) -> SettingsForm {
    let one = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or(String::new(), |(_, v)| v.clone())
    };
    let chosen: Vec<&str> = fields
        .iter()
        .filter(|(k, _)| k == "conditions")
        .map(|(_, v)| v.as_str())
        .collect();
    let mut form = settings_form(study, &QcaSettings::from_plan(&study.analysis), lang);
    let outcome = one("outcome");
    for o in &mut form.outcomes {
        o.checked = o.id == outcome;
    }
    for c in &mut form.conditions {
        c.checked = chosen.contains(&c.id.as_str());
    }
    form.negate = !one("negate").is_empty();
    form.incl_cut = one("incl_cut");
    form.pri_cut = one("pri_cut");
    form.n_cut = one("n_cut");
    form.dir_exp = one("dir_exp");
    form
}

#[derive(Debug, Clone)]
struct CaseRow {
    name: String,
    raw: String,
    membership: String,
}

#[derive(Debug, Clone)]
struct CalibrationBlock {
    set: String,
    label: String,
    method: String,
    cases: Vec<CaseRow>,
    plot: String,
    warnings: Vec<String>,
}

#[derive(Debug, Clone)]
struct TtRow {
    row: u64,
    values: Vec<u8>,
    out: String,
    n: usize,
    incl: String,
    pri: String,
    cases: String,
}

#[derive(Debug, Clone)]
struct TermRow {
    term: String,
    incl: String,
    pri: String,
    cov: String,
    cov_u: String,
    cases: String,
    plot: usize,
}

#[derive(Debug, Clone)]
struct ModelBlock {
    label: String,
    expression: String,
    terms: Vec<TermRow>,
    incl: String,
    pri: String,
    cov: String,
    plot: Option<usize>,
}

#[derive(Debug, Clone)]
struct SolutionBlock {
    title: String,
    models: Vec<ModelBlock>,
    complete: bool,
}

#[derive(Debug, Clone)]
struct PlotBlock {
    index: usize,
    caption: String,
    svg: String,
}

/// The results as the page shows them.
#[derive(Debug, Clone)]
struct Results {
    cases: String,
    dropped: Vec<String>,
    warnings: Vec<String>,
    notes: Vec<String>,
    calibration: Vec<CalibrationBlock>,
    outcome: String,
    conditions: Vec<String>,
    tt_rows: Vec<TtRow>,
    remainders: String,
    solutions: Vec<SolutionBlock>,
    empty: Option<String>,
    plots: Vec<PlotBlock>,
    run: String,
}

fn results(view: &QcaView, study: &Study, lang: Lang) -> Results {
    let render = |m: &Msg| m.render(lang);
    let solution_title = |kind: SolutionKind, from: Option<&str>| match kind {
        SolutionKind::Conservative => lang.t("web-d-sol-conservative"),
        SolutionKind::Parsimonious => lang.t("web-d-sol-parsimonious"),
        SolutionKind::Intermediate => lang.tr(
            "web-d-sol-intermediate",
            &[("from", Arg::from(from.unwrap_or("")))],
        ),
    };
    Results {
        cases: lang.tr(
            "web-d-cases",
            &[
                ("analysed", count(view.cases_analysed as i64)),
                ("total", count(view.cases_study as i64)),
                ("tt", count(view.truth_table.cases as i64)),
            ],
        ),
        dropped: view
            .dropped
            .iter()
            .map(|d| {
                format!(
                    "{} ({}): {}",
                    d.name,
                    d.code,
                    d.reasons.iter().map(render).collect::<Vec<_>>().join("; ")
                )
            })
            .collect(),
        warnings: view.warnings.iter().map(render).collect(),
        notes: view.notes.iter().map(render).collect(),
        calibration: view
            .calibration
            .iter()
            .map(|c| CalibrationBlock {
                set: c.set.clone(),
                label: set_label(study, &c.set, lang),
                method: c.method.clone(),
                cases: c
                    .cases
                    .iter()
                    .map(|v| CaseRow {
                        name: v.name.clone(),
                        raw: kantel_i18n::format_number(v.raw),
                        membership: f3(v.membership),
                    })
                    .collect(),
                plot: c.plot.clone(),
                warnings: c.warnings.iter().map(render).collect(),
            })
            .collect(),
        outcome: view.truth_table.outcome.clone(),
        conditions: view.truth_table.conditions.clone(),
        tt_rows: view
            .truth_table
            .rows
            .iter()
            .map(|r| TtRow {
                row: r.row,
                values: r.values.clone(),
                out: r.out.clone(),
                n: r.n,
                incl: f3(r.incl),
                pri: f3(r.pri),
                cases: r.cases.join(", "),
            })
            .collect(),
        remainders: lang.tr(
            "web-d-tt-remainders",
            &[(
                "count",
                count(i64::try_from(view.truth_table.remainders).unwrap_or(i64::MAX)),
            )],
        ),
        solutions: view
            .solutions
            .iter()
            .map(|s| SolutionBlock {
                title: solution_title(s.kind, s.from.as_deref()),
                complete: s.complete,
                models: s
                    .models
                    .iter()
                    .map(|m| ModelBlock {
                        label: m.label.clone(),
                        expression: m.expression.clone(),
                        terms: m
                            .terms
                            .iter()
                            .map(|t| TermRow {
                                term: t.term.clone(),
                                incl: f3(t.incl),
                                pri: f3(t.pri),
                                cov: f3(t.cov),
                                cov_u: f3(t.cov_u),
                                cases: t.cases.join(", "),
                                plot: t.plot,
                            })
                            .collect(),
                        incl: f3(m.incl),
                        pri: f3(m.pri),
                        cov: f3(m.cov),
                        plot: m.plot,
                    })
                    .collect(),
            })
            .collect(),
        empty: view.empty.as_ref().map(render),
        plots: view
            .plots
            .iter()
            .enumerate()
            .map(|(i, p)| PlotBlock {
                index: i,
                caption: format!(
                    "{} → {}: inclS = {}, covS = {}",
                    p.expression,
                    view.truth_table.outcome,
                    f3(p.incl),
                    f3(p.cov)
                ),
                svg: p.svg.clone(),
            })
            .collect(),
        run: view.run.map_or_else(String::new, |r| {
            lang.tr(
                "web-d-run-recorded",
                &[
                    ("run", Arg::from(r.0.to_string())),
                    ("version", Arg::from(view.data_version.to_string())),
                ],
            )
        }),
    }
}

/// Why the analysis form was refused: one field's problem (shown at the top, linked to the
/// field, and at the field itself) or the analysis's own (shown at the top).
#[derive(Debug, Clone)]
struct FormError {
    /// The field to correct (its `name`), if the problem is one field's.
    field: Option<&'static str>,
    /// The id the top message links to: the field's input or group.
    anchor: String,
    /// The field's label as the form shows it.
    label: String,
    /// What is wrong, in plain words.
    message: String,
}

impl FormError {
    fn of_field(p: &SettingProblem, lang: Lang) -> FormError {
        let anchor = match p.field {
            SettingField::Outcome => "outcome-group",
            SettingField::Conditions => "conditions-group",
            f => f.name(),
        };
        FormError {
            field: Some(p.field.name()),
            anchor: anchor.to_owned(),
            label: lang.t(p.field.label_key()),
            message: p.message.render(lang),
        }
    }

    fn whole(message: String) -> FormError {
        FormError {
            field: None,
            anchor: String::new(),
            label: String::new(),
            message,
        }
    }

    /// The message at the field: a sentence of its own.
    fn inline(&self) -> String {
        let mut chars = self.message.chars();
        chars.next().map_or_else(String::new, |c| {
            c.to_uppercase().chain(chars).collect::<String>()
        })
    }
}

#[derive(askama::Template)]
#[template(path = "researcher/analysis.html")]
struct AnalysisPage {
    chrome: Chrome,
    csrf: String,
    action: String,
    report: String,
    form: SettingsForm,
    error: Option<FormError>,
    results: Option<Results>,
}

impl AnalysisPage {
    /// Whether the form was refused because of this field (`name`).
    fn invalid(&self, name: &str) -> bool {
        self.error.as_ref().and_then(|e| e.field) == Some(name)
    }

    /// The refused field's message, for the field itself.
    fn field_message(&self) -> String {
        self.error
            .as_ref()
            .map_or_else(String::new, FormError::inline)
    }
}

/// The analysis page: the form (refused with `error`, or with the run's `results`).
fn analysis_view(
    who: &SignedIn,
    lang: Lang,
    id: StudyId,
    form: SettingsForm,
    error: Option<FormError>,
    results: Option<Results>,
) -> AnalysisPage {
    AnalysisPage {
        chrome: section_chrome(who, lang, id, "analysis", "web-d-analysis-title"),
        csrf: who.csrf().to_owned(),
        action: format!("/studies/{id}/analysis"),
        report: format!("/studies/{id}/report"),
        form,
        error,
        results,
    }
}

async fn analysis_page(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let id = StudyId(id);
    let (_, study) = study_of(&state, id).await?;
    let form = settings_form(&study, &QcaSettings::from_plan(&study.analysis), lang);
    // Read and measure the stored answers while the researcher chooses settings: that is
    // most of an analysis's time (~170 ms for 120 municipalities), and the analysis itself
    // then takes ~15 ms. A failure here is not shown; the analysis reports it if it recurs.
    let prefetch = state.clone();
    tokio::spawn(async move {
        if let Ok(ws) = Workspace::from_store(prefetch.store().clone(), id).await {
            let _ = prefetch.inputs().get(&ws).await;
        }
    });
    Ok(html(&analysis_view(&who, lang, id, form, None, None)))
}

async fn analysis_run(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(who): Researcher,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id = StudyId(id);
    let ws = workspace(&state, id).await?;
    let page = |form, error, results| analysis_view(&who, lang, id, form, error, results);
    // A field's problem first, in the form's words; then the analysis itself.
    let settings =
        match QcaSettings::from_form(&fields).and_then(|s| s.check(&ws.study).map(|()| s)) {
            Ok(s) => s,
            Err(p) => {
                let form = posted_form(&ws.study, &fields, lang);
                return Ok(refused(&page(
                    form,
                    Some(FormError::of_field(&p, lang)),
                    None,
                )));
            }
        };
    let outcome = match state.inputs().get(&ws).await {
        Ok(inputs) => analyse_loaded(&ws, &inputs, &settings, lang).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(view) => {
            let form = settings_form(&ws.study, &settings, lang);
            let results = results(&view, &ws.study, lang);
            Ok(html(&page(form, None, Some(results))))
        }
        Err(e) => {
            let error = FormError::whole(refusal(e, lang)?);
            let form = posted_form(&ws.study, &fields, lang);
            Ok(refused(&page(form, Some(error), None)))
        }
    }
}

// ------------------------------------------------------------------ downloads

async fn report_download(
    state: &AppState,
    lang: Lang,
    id: StudyId,
    settings: Option<&QcaSettings>,
) -> Result<Response, AppError> {
    let (name, _) = study_of(state, id).await?;
    let html = report_html(state.store(), id, settings, lang)
        .await
        .map_err(app_error)?;
    Ok(html_download(html, lang, "rapport", "report", &name))
}

async fn report_plan(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(_who): Researcher,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    report_download(&state, lang, StudyId(id), None).await
}

async fn report_settings(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Researcher(_who): Researcher,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let settings = QcaSettings::from_form(&fields).map_err(|p| app_error(p.into()))?;
    report_download(&state, lang, StudyId(id), Some(&settings)).await
}

async fn export(
    State(state): State<AppState>,
    Researcher(_who): Researcher,
    Path((id, file)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let id = StudyId(id);
    let (name, _) = study_of(&state, id).await?;
    let (table, kind, content_type) = match file.as_str() {
        "answers.csv" | "answers.xlsx" => (
            answers_table(state.store(), id).await.map_err(app_error)?,
            "answers",
            if file.ends_with(".csv") { CSV } else { XLSX },
        ),
        "scores.csv" | "scores.xlsx" => {
            let ws = workspace(&state, id).await?;
            let inputs = state.inputs().get(&ws).await.map_err(app_error)?;
            (
                set_scores_table(&inputs),
                "scores",
                if file.ends_with(".csv") { CSV } else { XLSX },
            )
        }
        _ => return Err(AppError::not_found()),
    };
    let (bytes, ext) = if content_type == CSV {
        (table.to_csv().map_err(app_error)?, "csv")
    } else {
        (table.to_xlsx().map_err(app_error)?, "xlsx")
    };
    Ok(attachment(
        bytes,
        content_type,
        &format!("{kind}-{name}.{ext}"),
    ))
}
