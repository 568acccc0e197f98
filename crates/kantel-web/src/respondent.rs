//! The questionnaire behind a personal link `/r/{token}`.
//!
//! - `GET /r/{token}`: the introduction; once the respondent has saved a page, straight
//!   to the page they were on (`?intro=1` shows the introduction anyway). After a
//!   submission or once the study is closed, a page that says so.
//! - `GET /r/{token}/s/{n}`: section `n` (1-based) with its items as radio buttons.
//! - `POST /r/{token}/s/{n}`: saves every answer on the page and goes on (`nav=next`), back
//!   (`nav=prev`) or to the review (`nav=review`): 303.
//! - `POST /r/{token}/answer`: saves one answer (`item`, `value` = `1`..`5`, `0`/`1`, `dk`;
//!   empty is ignored; optional `section`): 204, or a small fragment for htmx.
//! - `GET /r/{token}/review`: every answer, the unanswered ones marked; the submit button.
//! - `POST /r/{token}/submit`: submits; from then on the link accepts nothing (409).
//!
//! `?lang=nl|en` on any page switches the language and stores the choice with the
//! respondent. Unknown tokens are 404 whatever the reason. The link alone decides whose
//! answers are written: no request names a respondent.

use std::sync::Arc;

use axum::Form;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kantel_i18n::{Arg, Lang};
use kantel_store::LinkRecord;
use kantel_study::codebook::ResponseKind;
use kantel_workflow::collection::{self, Answers, DONT_KNOW, Phase, QuestionItem, Questionnaire};

use crate::page::{Chrome, RequestLang, html};
use crate::security::link_csrf;
use crate::{AppError, AppState};

/// The respondent routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/r/{token}", get(intro))
        .route("/r/{token}/s/{n}", get(section_page).post(section_save))
        .route("/r/{token}/answer", post(answer))
        .route("/r/{token}/review", get(review))
        .route("/r/{token}/submit", post(submit))
}

/// A personal link with what its pages need.
struct Link {
    token: String,
    record: LinkRecord,
    questionnaire: Arc<Questionnaire>,
    phase: Phase,
    lang: Lang,
}

impl Link {
    fn base(&self) -> String {
        format!("/r/{}", self.token)
    }

    fn chrome(&self, title: impl Into<String>, path: &str) -> Chrome {
        Chrome::new(self.lang, title).lang_switch(path)
    }

    fn total(&self) -> usize {
        self.questionnaire.sections.len()
    }

    /// The section number to store for "the page after `n`" (one past the last is the
    /// review page).
    fn review_number(&self) -> usize {
        self.total() + 1
    }

    fn page_url(&self, n: usize) -> String {
        if n == 0 {
            format!("{}?intro=1", self.base())
        } else if n > self.total() {
            format!("{}/review", self.base())
        } else {
            format!("{}/s/{n}", self.base())
        }
    }
}

/// Looks up the link; on a GET with `?lang=`, stores the language choice.
async fn open_link(
    state: &AppState,
    token: &str,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<Link, AppError> {
    let record = collection::link(state.store(), token).await?;
    let study = state
        .study_at(record.respondent.study, &record.study_updated_at)
        .await?;
    let questionnaire = study.questionnaire(&record.respondent.group);
    let chosen = RequestLang::from_query(query);
    let stored = record
        .respondent
        .language
        .as_deref()
        .and_then(|l| l.parse::<Lang>().ok());
    if let Some(lang) = chosen
        && stored != Some(lang)
    {
        collection::set_language(state.store(), &record.respondent, lang).await?;
    }
    let lang = chosen
        .or(stored)
        .unwrap_or_else(|| RequestLang::from_headers(headers));
    Ok(Link {
        token: token.to_ascii_lowercase(),
        phase: Phase::of(&record),
        record,
        questionnaire,
        lang,
    })
}

/// Looks up the link for a POST: the language is the respondent's.
async fn open_link_for_post(
    state: &AppState,
    token: &str,
    headers: &HeaderMap,
) -> Result<Link, AppError> {
    open_link(state, token, None, headers).await
}

// ------------------------------------------------------------------ views

/// The progress indicator.
#[derive(Debug, Clone)]
struct Progress {
    section_text: String,
    answered_text: String,
    answered: usize,
    items: usize,
}

fn progress(link: &Link, n: Option<usize>, answers: &Answers) -> Progress {
    let q = &link.questionnaire;
    let answered = q.answered(answers);
    let items = q.item_count();
    let count = |x: usize| Arg::Count(i64::try_from(x).unwrap_or(i64::MAX));
    let section_text = match n {
        Some(n) => link.lang.tr(
            "web-r-progress-section",
            &[("n", count(n)), ("total", count(link.total()))],
        ),
        None => link.lang.t("web-r-review-title"),
    };
    Progress {
        section_text,
        answered_text: link.lang.tr(
            "web-r-progress-answered",
            &[("answered", count(answered)), ("total", count(items))],
        ),
        answered,
        items,
    }
}

#[derive(Debug, Clone)]
struct OptionView {
    value: String,
    label: String,
    dom_id: String,
    checked: bool,
    dont_know: bool,
    hx_vals: String,
}

#[derive(Debug, Clone)]
struct ItemView {
    number: usize,
    text: String,
    name: String,
    dom_id: String,
    likert: bool,
    options: Vec<OptionView>,
    answer: Option<String>,
}

/// An id usable in HTML `id` attributes and CSS selectors.
fn dom_id(item: &str) -> String {
    item.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of an answer value.
fn value_label(lang: Lang, response: ResponseKind, value: Option<i64>) -> String {
    match (response, value) {
        (_, None) => lang.t("web-r-dont-know"),
        (ResponseKind::YesNo, Some(1)) => lang.t("web-r-yes"),
        (ResponseKind::YesNo, Some(_)) => lang.t("web-r-no"),
        (ResponseKind::Likert5, Some(v)) => lang.t(&format!("web-r-likert-{v}")),
    }
}

fn item_view(
    lang: Lang,
    number: usize,
    item: &QuestionItem,
    answers: &Answers,
    section: usize,
) -> ItemView {
    let given = answers.get(&item.id).copied();
    let base = dom_id(&item.id);
    let mut options: Vec<OptionView> = item
        .values()
        .iter()
        .map(|&v| OptionView {
            value: v.to_string(),
            label: value_label(lang, item.response, Some(v)),
            dom_id: format!("q-{base}-{v}"),
            checked: given == Some(Some(v)),
            dont_know: false,
            hx_vals: format!(
                "{{\"item\":{},\"value\":\"{v}\",\"section\":\"{section}\"}}",
                json_str(&item.id)
            ),
        })
        .collect();
    if item.dont_know {
        options.push(OptionView {
            value: DONT_KNOW.to_owned(),
            label: lang.t("web-r-dont-know"),
            dom_id: format!("q-{base}-dk"),
            checked: given == Some(None),
            dont_know: true,
            hx_vals: format!(
                "{{\"item\":{},\"value\":\"{DONT_KNOW}\",\"section\":\"{section}\"}}",
                json_str(&item.id)
            ),
        });
    }
    ItemView {
        number,
        text: item.text(lang).to_owned(),
        name: format!("q.{}", item.id),
        dom_id: base,
        likert: item.response == ResponseKind::Likert5,
        options,
        answer: given.map(|v| value_label(lang, item.response, v)),
    }
}

// ------------------------------------------------------------------ templates

#[derive(askama::Template)]
#[template(path = "respondent/intro.html")]
struct IntroPage {
    chrome: Chrome,
    title: String,
    group: String,
    sections: usize,
    items: usize,
    start: String,
    started: bool,
}

#[derive(askama::Template)]
#[template(path = "respondent/status.html")]
struct StatusPage {
    chrome: Chrome,
    message: String,
}

#[derive(askama::Template)]
#[template(path = "respondent/section.html")]
struct SectionPage {
    chrome: Chrome,
    action: String,
    answer_url: String,
    csrf: String,
    heading: String,
    progress: Progress,
    items: Vec<ItemView>,
    first: bool,
    last: bool,
    intro_url: String,
}

#[derive(askama::Template)]
#[template(path = "respondent/saved.html")]
struct SavedFragment {
    saved: String,
    progress: Progress,
}

struct ReviewSection {
    heading: String,
    edit: String,
    items: Vec<ItemView>,
}

#[derive(askama::Template)]
#[template(path = "respondent/review.html")]
struct ReviewPage {
    chrome: Chrome,
    progress: Progress,
    sections: Vec<ReviewSection>,
    unanswered: usize,
    action: String,
    csrf: String,
}

// ------------------------------------------------------------------ handlers

/// The page of a link that accepts nothing more.
fn status_page(link: &Link, path: &str) -> Response {
    let (title, message) = match link.phase {
        Phase::Closed => (
            link.lang.t("web-r-closed-title"),
            link.lang.t("web-r-closed"),
        ),
        _ => {
            let date: String = link
                .record
                .respondent
                .submitted_at
                .as_deref()
                .unwrap_or_default()
                .chars()
                .take(10)
                .collect();
            (
                link.lang.t("web-r-submitted-title"),
                link.lang
                    .tr("web-r-submitted", &[("date", Arg::Text(date))]),
            )
        }
    };
    html(&StatusPage {
        chrome: link.chrome(title, path),
        message,
    })
}

#[derive(Debug, serde::Deserialize)]
struct IntroQuery {
    intro: Option<String>,
}

async fn intro(
    State(state): State<AppState>,
    Path(token): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let link = open_link(&state, &token, query.as_deref(), &headers).await?;
    let path = link.base();
    if link.phase != Phase::Open {
        return Ok(status_page(&link, &path));
    }
    let show_intro = query
        .as_deref()
        .and_then(|q| serde_urlencoded::from_str::<IntroQuery>(q).ok())
        .and_then(|q| q.intro)
        .is_some();
    let last = link
        .record
        .respondent
        .last_section
        .and_then(|s| usize::try_from(s).ok())
        .filter(|&s| s >= 1);
    if let Some(last) = last
        && !show_intro
    {
        return Ok(Redirect::to(&link.page_url(last.min(link.review_number()))).into_response());
    }
    let q = &link.questionnaire;
    let start = if q.sections.is_empty() {
        link.page_url(link.review_number())
    } else {
        link.page_url(last.unwrap_or(1).min(link.review_number()))
    };
    let page = IntroPage {
        chrome: link.chrome(q.title(link.lang).to_owned(), &path),
        title: q.title(link.lang).to_owned(),
        group: q.group_label(link.lang).to_owned(),
        sections: q.sections.len(),
        items: q.item_count(),
        start,
        started: last.is_some(),
    };
    Ok(html(&page))
}

fn section_number(link: &Link, n: &str) -> Result<usize, AppError> {
    n.parse::<usize>()
        .ok()
        .filter(|&n| n >= 1 && n <= link.total())
        .ok_or_else(|| AppError::not_found().in_lang(link.lang))
}

async fn section_page(
    State(state): State<AppState>,
    Path((token, n)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let link = open_link(&state, &token, query.as_deref(), &headers).await?;
    let n = section_number(&link, &n)?;
    let path = link.page_url(n);
    if link.phase != Phase::Open {
        return Ok(status_page(&link, &path));
    }
    let answers = collection::answers(state.store(), &link.record.respondent).await?;
    let q = &link.questionnaire;
    let before: usize = q.sections[..n - 1].iter().map(|s| s.items.len()).sum();
    let section = &q.sections[n - 1];
    let items = section
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| item_view(link.lang, before + i + 1, item, &answers, n))
        .collect();
    let heading = section.label(link.lang).to_owned();
    let page = SectionPage {
        chrome: link
            .chrome(
                format!(
                    "{heading} · {}",
                    link.lang.tr(
                        "web-r-progress-section",
                        &[
                            ("n", Arg::Count(n as i64)),
                            ("total", Arg::Count(link.total() as i64))
                        ]
                    )
                ),
                &path,
            )
            .with_htmx(),
        action: path.clone(),
        answer_url: format!("{}/answer", link.base()),
        csrf: link_csrf(&link.token),
        heading,
        progress: progress(&link, Some(n), &answers),
        items,
        first: n == 1,
        last: n == link.total(),
        intro_url: link.page_url(0),
    };
    Ok(html(&page))
}

/// The `q.{item}` fields of a page form, as (item, value).
fn page_answers(form: &[(String, String)]) -> Vec<(String, String)> {
    form.iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("q.")
                .map(|item| (item.to_owned(), v.clone()))
        })
        .collect()
}

async fn section_save(
    State(state): State<AppState>,
    Path((token, n)): Path<(String, String)>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let link = open_link_for_post(&state, &token, &headers).await?;
    let n = section_number(&link, &n)?;
    let nav = form
        .iter()
        .rev()
        .find(|(k, _)| k == "nav")
        .map_or("next", |(_, v)| v.as_str());
    let target = match nav {
        "prev" => n - 1,
        "review" => link.review_number(),
        "stay" => n,
        _ => n + 1,
    };
    // Going back to the introduction keeps section 1 as the page to return to.
    let stored = target.clamp(1, link.review_number());
    collection::save(
        state.store(),
        &link.record.respondent,
        &link.questionnaire,
        &page_answers(&form),
        Some(stored),
    )
    .await
    .map_err(|e| AppError::from(e).in_lang(link.lang))?;
    Ok(Redirect::to(&link.page_url(target)).into_response())
}

async fn answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let link = open_link_for_post(&state, &token, &headers).await?;
    let field = |name: &str| {
        form.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let lang = link.lang;
    let Some(item) = field("item").filter(|i| !i.is_empty()) else {
        return Err(AppError::invalid(kantel_i18n::msg!("web-r-error-no-item")).in_lang(lang));
    };
    let value = field("value").unwrap_or_default();
    let section = field("section")
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|&s| s >= 1 && s <= link.review_number());
    collection::save(
        state.store(),
        &link.record.respondent,
        &link.questionnaire,
        &[(item.to_owned(), value.to_owned())],
        section,
    )
    .await
    .map_err(|e| AppError::from(e).in_lang(lang))?;
    if !headers.contains_key("hx-request") {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let answers = collection::answers(state.store(), &link.record.respondent).await?;
    let fragment = SavedFragment {
        saved: lang.t("web-r-saved"),
        progress: progress(&link, section.filter(|&s| s <= link.total()), &answers),
    };
    Ok(html(&fragment))
}

async fn review(
    State(state): State<AppState>,
    Path(token): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let link = open_link(&state, &token, query.as_deref(), &headers).await?;
    let path = link.page_url(link.review_number());
    if link.phase != Phase::Open {
        return Ok(status_page(&link, &path));
    }
    let answers = collection::answers(state.store(), &link.record.respondent).await?;
    let q = &link.questionnaire;
    let mut number = 0;
    let sections = q
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| ReviewSection {
            heading: s.label(link.lang).to_owned(),
            edit: link.page_url(i + 1),
            items: s
                .items
                .iter()
                .map(|item| {
                    number += 1;
                    item_view(link.lang, number, item, &answers, i + 1)
                })
                .collect(),
        })
        .collect();
    let progress = progress(&link, None, &answers);
    let page = ReviewPage {
        chrome: link.chrome(link.lang.t("web-r-review-title"), &path),
        unanswered: progress.items - progress.answered,
        progress,
        sections,
        action: format!("{}/submit", link.base()),
        csrf: link_csrf(&link.token),
    };
    Ok(html(&page))
}

async fn submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let link = open_link_for_post(&state, &token, &headers).await?;
    collection::submit(state.store(), &link.record.respondent)
        .await
        .map_err(|e| AppError::from(e).in_lang(link.lang))?;
    Ok(Redirect::to(&link.base()).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_json_are_safe_in_attributes() {
        assert_eq!(dom_id("C1_1"), "C1_1");
        assert_eq!(dom_id("a b\"c"), "a_b_c");
        assert_eq!(json_str("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }

    #[test]
    fn page_forms_keep_only_item_fields() {
        let form = vec![
            ("csrf".to_owned(), "x".to_owned()),
            ("q.C1_1".to_owned(), "3".to_owned()),
            ("nav".to_owned(), "next".to_owned()),
            ("q.C1_2".to_owned(), "dk".to_owned()),
        ];
        assert_eq!(
            page_answers(&form),
            vec![
                ("C1_1".to_owned(), "3".to_owned()),
                ("C1_2".to_owned(), "dk".to_owned())
            ]
        );
    }
}
