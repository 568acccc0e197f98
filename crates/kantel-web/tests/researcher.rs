//! The researcher's pages through the router, on SQLite and PostgreSQL: setting a study up
//! (create, municipalities, respondents one by one, from CSV and as generated links),
//! response, closing, the analysis with chosen settings, report and data downloads; and
//! the authorization rules: signed out, every researcher route sends a GET to `/login` and
//! refuses anything else; a municipal contact gets 403 on every researcher route.

#[macro_use]
mod support;

use std::path::PathBuf;

use axum::http::header;
use kantel_store::{Role, Store, StudyId, StudyStatus};
use support::*;

on_every_backend!(
    a_study_from_start_to_analysis,
    forms_show_what_is_wrong,
    signed_out_requests_are_sent_to_sign_in_or_refused,
    contacts_are_refused_on_researcher_routes,
    the_dashboard_summary_reloads_with_its_table,
    an_ended_session_sends_htmx_reloads_to_sign_in,
    analysis_form_problems_name_and_mark_their_field,
    respondents_page_forms_and_spreadsheet_upload,
);

/// The study of `testdata/study-12` with its data, closed again (the pages open it).
async fn study_12(url: &str) -> (StudyId, PathBuf) {
    let (ws, dir) = support::study_12(url, "researcher").await;
    let id = ws.id;
    ws.close().await;
    (id, dir)
}

async fn a_study_from_start_to_analysis(url: &str) {
    let store = Store::open(url).await.unwrap();
    let app = app(&store);
    let me = sign_in(&store, "onderzoeker@radar.nl", Role::Researcher).await;

    // No studies yet; create one from the built-in codebook.
    let r = send(&app, me.get("/")).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Er zijn nog geen studies"), "{}", r.body);
    let r = send(&app, me.get("/studies/new")).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(&format!("value=\"{}\"", me.csrf)));
    let r = send(
        &app,
        me.post(
            "/studies",
            &[("name", "proef-2026"), ("title", "Proef & <zo>")],
        ),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let dashboard = r.location().to_owned();
    let id: i64 = dashboard.rsplit('/').next().unwrap().parse().unwrap();
    let r = send(&app, me.get(&dashboard)).await;
    assert_eq!(r.status, 200);
    // Escaped, never markup.
    assert!(
        r.body.contains("Proef &#38; &#60;zo&#62;") || r.body.contains("Proef &amp; &lt;zo&gt;"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains(&format!("hx-get=\"/studies/{id}/progress\""))
    );
    assert!(r.body.contains("hx-trigger=\"every 5s\""));
    assert!(!r.body.contains("<script>"), "no inline script");

    // Municipalities from the register.
    let r = send(
        &app,
        me.post(
            &format!("/studies/{id}/municipalities"),
            &[("lines", "Utrecht\nDen Haag; 550000\n")],
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains("Utrecht (GM0344) is toegevoegd"),
        "{}",
        r.body
    );
    assert!(r.body.contains("GM0518"));
    assert_eq!(
        store.list_municipalities(StudyId(id)).await.unwrap().len(),
        2
    );

    // One respondent: the page shows its link once, and the link works.
    let r = send(
        &app,
        me.post(
            &format!("/studies/{id}/respondents"),
            &[
                ("municipality", "GM0344"),
                ("group", "bestuur"),
                ("respondent", ""),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let start = r.body.find("http://127.0.0.1:8080/r/").expect("link shown");
    let token = &r.body[start + "http://127.0.0.1:8080/r/".len()..][..64];
    let link = store.respondent_for_link(token).await.unwrap();
    assert_eq!(link.respondent.external_id, "GM0344-bestuur-001");
    // The respondents page shows no link afterwards.
    let r = send(&app, me.get(&format!("/studies/{id}/respondents"))).await;
    assert!(!r.body.contains(token));
    // The same respondent id again is the user's mistake, said as such (not a server error).
    let r = send(
        &app,
        me.post(
            &format!("/studies/{id}/respondents"),
            &[
                ("municipality", "GM0344"),
                ("group", "bestuur"),
                ("respondent", "GM0344-bestuur-001"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body
            .contains("respondent &#34;GM0344-bestuur-001&#34; bestaat al in deze studie"),
        "{}",
        r.body
    );

    // Generated links: a CSV download for a mail merge.
    let r = send(
        &app,
        me.post(
            &format!("/studies/{id}/links"),
            &[
                ("municipality", "GM0518"),
                ("group", "wijkteam"),
                ("count", "3"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(header_of(&r, header::CONTENT_TYPE).starts_with("text/csv"));
    assert_eq!(
        header_of(&r, header::CONTENT_DISPOSITION),
        "attachment; filename=\"links-proef-2026.csv\""
    );
    let lines: Vec<&str> = r.body.lines().collect();
    assert_eq!(lines[0], "municipality,group,respondent,link");
    assert_eq!(lines.len(), 4);
    assert!(lines[1].starts_with("GM0518,wijkteam,GM0518-wijkteam-001,http://127.0.0.1:8080/r/"));

    // Respondents from a CSV upload: the links come back as CSV.
    let csv = "respondent;gemeente;groep\nX1;Utrecht;management\n;Den Haag;bestuur\n";
    let r = send(
        &app,
        me.upload(
            &format!("/studies/{id}/respondents/upload"),
            "resp.csv",
            csv,
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let lines: Vec<&str> = r.body.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("GM0344,management,X1,http://127.0.0.1:8080/r/"));
    assert!(lines[2].starts_with("GM0518,bestuur,GM0518-bestuur-001,"));
    assert_eq!(store.list_respondents(StudyId(id)).await.unwrap().len(), 6);

    // The response: one respondent answers; the fragment counts it.
    store
        .save_web_answers(link.respondent.id, &[("C1_1".into(), Some(4))], Some(1))
        .await
        .unwrap();
    let r = send(&app, me.get(&format!("/studies/{id}/progress"))).await;
    assert_eq!(r.status, 200);
    assert!(
        r.body.starts_with("<div id=\"progress\""),
        "a fragment: {}",
        r.body
    );
    assert!(r.body.contains("<td class=\"num\">1/2</td>"), "{}", r.body);

    // Closing and reopening.
    let r = send(
        &app,
        me.post(&format!("/studies/{id}/status"), &[("status", "closed")]),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        store.get_study(StudyId(id)).await.unwrap().status,
        StudyStatus::Closed
    );
    let r = send(&app, me.get(&dashboard)).await;
    assert!(r.body.contains("Studie weer openen"));
    send(
        &app,
        me.post(&format!("/studies/{id}/status"), &[("status", "open")]),
    )
    .await;
    assert_eq!(
        store.get_study(StudyId(id)).await.unwrap().status,
        StudyStatus::Open
    );

    // A study with data: the analysis with chosen settings, in the page.
    let (data, dir) = study_12(url).await;
    let r = send(&app, me.get(&format!("/studies/{data}/analysis"))).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("value=\"BESTLEID\" checked"), "{}", r.body);
    let analysis = format!("/studies/{data}/analysis");
    let settings = [
        ("outcome", "BIJSTAND"),
        ("conditions", "BESTLEID"),
        ("conditions", "LOSLATEN"),
        ("conditions", "EXPERIMENT"),
        ("incl_cut", "0,75"),
        ("pri_cut", "0"),
        ("n_cut", "1"),
        ("dir_exp", "BESTLEID, LOSLATEN"),
    ];
    let r = send(&app, me.post(&analysis, &settings)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    for part in [
        "Kalibratie",
        "Waarheidstabel",
        "Oplossingen",
        "inclS",
        "covU",
        "<svg",
        "value=\"0.75\"",
    ] {
        assert!(r.body.contains(part), "{part}: {}", r.body);
    }
    let runs = store.list_runs(data).await.unwrap();
    let run = runs.iter().find(|r| r.kind == "web-qca").expect("recorded");
    assert_eq!(run.settings["incl_cut"].as_f64(), Some(0.75));
    assert_eq!(
        run.settings["dir_exp"].to_string(),
        r#"["BESTLEID","LOSLATEN"]"#
    );

    // The report with these settings, and with the plan; the data downloads.
    let r = send(&app, me.post(&format!("/studies/{data}/report"), &settings)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        header_of(&r, header::CONTENT_DISPOSITION).starts_with("attachment; filename=\"rapport-")
    );
    assert!(r.body.starts_with("<!doctype html>") || r.body.starts_with("<!DOCTYPE html>"));
    let r = send(&app, me.get(&format!("/studies/{data}/report?lang=en"))).await;
    assert_eq!(r.status, 200);
    assert!(header_of(&r, header::CONTENT_DISPOSITION).contains("report-"));
    for (file, kind) in [
        ("answers.csv", "text/csv"),
        ("scores.csv", "text/csv"),
        ("answers.xlsx", "application/vnd.openxmlformats"),
        ("scores.xlsx", "application/vnd.openxmlformats"),
    ] {
        let r = send(&app, me.get(&format!("/studies/{data}/export/{file}"))).await;
        assert_eq!(r.status, 200, "{file}");
        assert!(
            header_of(&r, header::CONTENT_TYPE).starts_with(kind),
            "{file}"
        );
        if file == "answers.csv" {
            assert!(
                r.body
                    .starts_with("respondent,municipality,group,submitdate,C1_1")
            );
            assert_eq!(r.body.lines().count(), 37, "36 respondents and a header");
        }
        if file == "scores.csv" {
            assert!(
                r.body
                    .starts_with("municipality,name,BESTLEID_raw,BESTLEID,")
            );
        }
    }
    let r = send(&app, me.get(&format!("/studies/{data}/export/other.csv"))).await;
    assert_eq!(r.status, 404);

    // The studies list names both.
    let r = send(&app, me.get("/")).await;
    assert!(r.body.contains("proef-2026"));
    assert!(r.body.contains(&format!("/studies/{data}")));
    let _ = std::fs::remove_dir_all(dir);
    store.close().await;
}

async fn forms_show_what_is_wrong(url: &str) {
    let store = Store::open(url).await.unwrap();
    let app = app(&store);
    let me = sign_in(&store, "onderzoeker@radar.nl", Role::Researcher).await;

    // A bad name, then a taken one: the form again, with the reason (422).
    let r = send(&app, me.post("/studies", &[("name", "met spatie")])).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("geen geldige studienaam"), "{}", r.body);
    assert!(r.body.contains("value=\"met spatie\""));
    let r = send(&app, me.post("/studies", &[("name", "een")])).await;
    assert_eq!(r.status, 303);
    let id = r.location().rsplit('/').next().unwrap().to_owned();
    let r = send(&app, me.post("/studies", &[("name", "een")])).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("er is al een studie"));

    // A study file with an error: line and column.
    let r = send(
        &app,
        me.upload(
            "/studies/upload",
            "studie.toml",
            "[study]\nname = \"x\"\ntitle_nl = 3\n",
        ),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("studie.toml"), "{}", r.body);
    assert!(r.body.contains("regel 3, kolom 12"), "{}", r.body);
    // A valid study file (the built-in codebook) is a study under its own name.
    let r = send(
        &app,
        me.upload("/studies/upload", "s.toml", kantel_study::study::template()),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);

    // Municipalities: the line and the reason, the lines kept in the form.
    let r = send(
        &app,
        me.post(
            &format!("/studies/{id}/municipalities"),
            &[("lines", "Utrecht\nAppingedam")],
        ),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains("regel 2: Appingedam (GM0003)"),
        "{}",
        r.body
    );
    assert!(r.body.contains("Utrecht\nAppingedam</textarea>"));

    send(
        &app,
        me.post(
            &format!("/studies/{id}/municipalities"),
            &[("lines", "Utrecht")],
        ),
    )
    .await;
    // Respondents: a CSV error names file, line and column.
    let r = send(
        &app,
        me.upload(
            &format!("/studies/{id}/respondents/upload"),
            "lijst.csv",
            "respondent,municipality,group\nA,Utrecht,bestuur\nB,Rotterdam,bestuur\n",
        ),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("lijst.csv, regel 3, kolom &#34;gemeente&#34;")
            || r.body
                .contains("lijst.csv, regel 3, kolom &quot;gemeente&quot;"),
        "{}",
        r.body
    );
    assert!(
        store
            .list_respondents(StudyId(id.parse().unwrap()))
            .await
            .unwrap()
            .is_empty()
    );
    let r = send(
        &app,
        me.post(
            &format!("/studies/{id}/links"),
            &[
                ("municipality", "GM0344"),
                ("group", "bestuur"),
                ("count", "0"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 422);

    // Analysis settings out of range: the form again with the reason.
    let r = send(
        &app,
        me.post(
            &format!("/studies/{id}/analysis"),
            &[
                ("outcome", "TRANSFORMATIE"),
                ("conditions", "BESTLEID"),
                ("incl_cut", "1,5"),
                ("pri_cut", "0"),
                ("n_cut", "1"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains("is geen getal van 0 tot en met 1"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"1,5\""));
    // Unknown studies are 404.
    let r = send(&app, me.get("/studies/999999")).await;
    assert_eq!(r.status, 404);
    let r = send(&app, me.get("/studies/999999/analysis")).await;
    assert_eq!(r.status, 404);
    store.close().await;
}

/// Every researcher route, with a method and what a form would post.
fn researcher_routes(id: i64) -> Vec<(&'static str, String)> {
    let s = format!("/studies/{id}");
    vec![
        ("GET", "/studies/new".into()),
        ("POST", "/studies".into()),
        ("POST", "/studies/upload".into()),
        ("GET", s.clone()),
        ("GET", format!("{s}/progress")),
        ("POST", format!("{s}/status")),
        ("GET", format!("{s}/municipalities")),
        ("POST", format!("{s}/municipalities")),
        ("GET", format!("{s}/respondents")),
        ("POST", format!("{s}/respondents")),
        ("POST", format!("{s}/respondents/upload")),
        ("POST", format!("{s}/links")),
        ("GET", format!("{s}/analysis")),
        ("POST", format!("{s}/analysis")),
        ("GET", format!("{s}/report")),
        ("POST", format!("{s}/report")),
        ("GET", format!("{s}/export/answers.csv")),
        ("GET", format!("{s}/export/answers.xlsx")),
        ("GET", format!("{s}/export/scores.csv")),
        ("GET", format!("{s}/export/scores.xlsx")),
    ]
}

const FORM: &[(&str, &str)] = &[
    ("name", "inbraak"),
    ("status", "closed"),
    ("lines", "Utrecht"),
    ("municipality", "GM0363"),
    ("group", "bestuur"),
    ("count", "5"),
    ("outcome", "TRANSFORMATIE"),
    ("conditions", "BESTLEID"),
    ("incl_cut", "0.8"),
    ("pri_cut", "0"),
    ("n_cut", "1"),
];

async fn signed_out_requests_are_sent_to_sign_in_or_refused(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let before = f.store.list_respondents(f.study).await.unwrap().len();
    let mut routes = researcher_routes(f.study.0);
    routes.push(("GET", "/".into()));
    for (method, path) in routes {
        let r = if method == "GET" {
            send(&app, get(&path)).await
        } else {
            // With and without a (guessed) token: no session, no entry.
            let mut fields = FORM.to_vec();
            fields.push(("csrf", "00"));
            send(&app, post(&path, &fields)).await
        };
        if method == "GET" {
            assert_eq!(r.status, 303, "{method} {path}");
            assert!(
                r.location().starts_with("/login"),
                "{method} {path}: {}",
                r.location()
            );
        } else {
            assert!(
                r.status == 401 || r.status == 403,
                "{method} {path}: {}",
                r.status
            );
        }
    }
    // Nothing changed.
    assert_eq!(
        f.store.list_respondents(f.study).await.unwrap().len(),
        before
    );
    assert_eq!(
        f.store.get_study(f.study).await.unwrap().status,
        StudyStatus::Open
    );
    assert_eq!(f.store.list_studies().await.unwrap().len(), 1);
    f.store.close().await;
}

async fn contacts_are_refused_on_researcher_routes(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let contact = sign_in(
        &f.store,
        "contact@amsterdam.nl",
        Role::Contact {
            study: f.study,
            municipality: "GM0363".into(),
        },
    )
    .await;
    let before = f.store.list_respondents(f.study).await.unwrap().len();
    for (method, path) in researcher_routes(f.study.0) {
        let r = if method == "GET" {
            send(&app, contact.get(&path)).await
        } else if path.ends_with("/upload") {
            send(
                &app,
                contact.upload(
                    &path,
                    "x.csv",
                    "respondent,municipality,group\nz,GM0363,bestuur\n",
                ),
            )
            .await
        } else {
            send(&app, contact.post(&path, FORM)).await
        };
        assert_eq!(r.status, 403, "{method} {path}");
    }
    // The home page sends a contact to their municipality.
    let r = send(&app, contact.get("/")).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/studies/{}/m/GM0363", f.study));
    assert_eq!(
        f.store.list_respondents(f.study).await.unwrap().len(),
        before
    );
    assert_eq!(
        f.store.get_study(f.study).await.unwrap().status,
        StudyStatus::Open
    );
    f.store.close().await;
}

/// The text of the element with `id` up to its closing tag `</tag>`.
fn element<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {body}"));
    let rest = &body[from..];
    &rest[..rest.find(end).map_or(rest.len(), |e| e + end.len())]
}

async fn the_dashboard_summary_reloads_with_its_table(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let me = sign_in(&f.store, "onderzoeker@radar.nl", Role::Researcher).await;
    let dashboard = format!("/studies/{}", f.study);
    let r = send(&app, me.get(&dashboard)).await;
    assert_eq!(r.status, 200);
    let summary = element(&r.body, "<p id=\"summary\">", "</p>");
    assert!(
        summary.ends_with("gemeenten, 3 respondenten, waarvan 0 begonnen en 0 ingediend.</p>"),
        "{summary}"
    );

    // A respondent answers and submits: the reloaded fragment carries the summary out of
    // band, so sentence and table change together.
    f.store
        .save_web_answers(f.a.0, &[("C1_1".into(), Some(4))], Some(1))
        .await
        .unwrap();
    f.store.submit_respondent(f.a.0).await.unwrap();
    let r = send(
        &app,
        get_with(
            &format!("{dashboard}/progress"),
            &[("cookie", &me.cookie), ("hx-request", "true")],
        ),
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with("<div id=\"progress\""), "{}", r.body);
    let summary = element(&r.body, "<p id=\"summary\"", "</p>");
    assert!(
        summary.starts_with("<p id=\"summary\" hx-swap-oob=\"true\">")
            && summary
                .ends_with("gemeenten, 3 respondenten, waarvan 1 begonnen en 1 ingediend.</p>"),
        "{summary}"
    );
    // The table of the same response: Amsterdam 1 of 3 started, 1 submitted.
    let table = element(&r.body, "<div id=\"progress\"", "</div>");
    assert!(table.contains("<td class=\"num\">1/3</td>"), "{table}");
    assert!(table.contains("<td class=\"num\">1</td>"), "{table}");
    // The summary stays outside the table's element (its own target on the page).
    assert!(!table.contains("id=\"summary\""));
    let r = send(&app, me.get(&dashboard)).await;
    let summary = element(&r.body, "<p id=\"summary\">", "</p>");
    assert!(
        summary.ends_with("3 respondenten, waarvan 1 begonnen en 1 ingediend.</p>"),
        "{summary}"
    );
    // In English too.
    let r = send(&app, me.get(&format!("{dashboard}/progress?lang=en"))).await;
    assert!(
        r.body
            .contains("municipalities, 3 respondents, of whom 1 started and 1 submitted."),
        "{}",
        r.body
    );
    f.store.close().await;
}

async fn an_ended_session_sends_htmx_reloads_to_sign_in(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let me = sign_in(&f.store, "onderzoeker@radar.nl", Role::Researcher).await;
    let dashboard = format!("/studies/{}", f.study);
    let cookie_value = me.cookie.trim_start_matches("kantel_session=").to_owned();
    kantel_workflow::accounts::logout(&f.store, &cookie_value)
        .await
        .unwrap();
    let current = format!("http://127.0.0.1:8080{dashboard}");
    let contact_page = format!("{dashboard}/m/GM0363");
    let contact_current = format!("http://127.0.0.1:8080{contact_page}?lang=en");
    for (path, from, next) in [
        (
            format!("{dashboard}/progress"),
            current.as_str(),
            format!("/login?next={dashboard}"),
        ),
        (
            format!("{contact_page}/progress"),
            contact_current.as_str(),
            format!("/login?next={contact_page}%3Flang%3Den"),
        ),
    ] {
        // The dashboard's reload after the session ended: no sign-in page swapped into the
        // table, but a redirect of the whole page, back to the page afterwards.
        let r = send(
            &app,
            get_with(
                &path,
                &[
                    ("cookie", &me.cookie),
                    ("hx-request", "true"),
                    ("hx-current-url", from),
                ],
            ),
        )
        .await;
        assert_eq!(r.status, 401, "{path}");
        assert_eq!(
            r.headers.get("hx-redirect").and_then(|v| v.to_str().ok()),
            Some(next.as_str()),
            "{path}"
        );
        assert!(!r.headers.contains_key(header::LOCATION), "{path}");
        assert!(!r.body.contains("type=\"password\""), "{path}: {}", r.body);
        assert!(!r.body.contains("<html"), "a fragment: {}", r.body);
        // The same request without htmx: the ordinary redirect.
        let r = send(&app, get_with(&path, &[("cookie", &me.cookie)])).await;
        assert_eq!(r.status, 303, "{path}");
        assert!(r.location().starts_with("/login?next="), "{path}");
    }
    // Without a cookie, and without HX-Current-URL: back to the fragment's own address is
    // all there is; every researcher GET route answers htmx the same way.
    for (method, path) in researcher_routes(f.study.0) {
        if method != "GET" {
            continue;
        }
        let r = send(&app, get_with(&path, &[("hx-request", "true")])).await;
        assert_eq!(r.status, 401, "{path}");
        let target = r
            .headers
            .get("hx-redirect")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            target.starts_with("/login?next=/studies/"),
            "{path}: {target}"
        );
    }
    // A page address from elsewhere is never followed: only its path is kept.
    let r = send(
        &app,
        get_with(
            &format!("{dashboard}/progress"),
            &[
                ("hx-request", "true"),
                ("hx-current-url", "https://evil.example//evil.example/x"),
            ],
        ),
    )
    .await;
    assert_eq!(
        r.headers.get("hx-redirect").and_then(|v| v.to_str().ok()),
        Some(format!("/login?next={dashboard}/progress").as_str())
    );
    f.store.close().await;
}

async fn analysis_form_problems_name_and_mark_their_field(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let me = sign_in(&f.store, "onderzoeker@radar.nl", Role::Researcher).await;
    let analysis = format!("/studies/{}/analysis", f.study);
    let base = [
        ("outcome", "TRANSFORMATIE"),
        ("conditions", "BESTLEID"),
        ("conditions", "LOSLATEN"),
        ("incl_cut", "0,8"),
        ("pri_cut", "0"),
        ("n_cut", "1"),
    ];
    // A directional expectation for a condition that is not chosen: the form's words, the
    // field's label linked to the field, the field marked and described by the message.
    let mut fields = base.to_vec();
    fields.push(("dir_exp", "BESTLEID, EXPERIMENT"));
    let r = send(&app, me.post(&analysis, &fields)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let top = element(&r.body, "<p class=\"error-message\"", "</p>");
    assert_eq!(
        top,
        "<p class=\"error-message\" role=\"alert\" id=\"analysis-error\">\
         <a href=\"#dir_exp\">Richtingsverwachtingen (dir.exp)</a>: \
         &#34;EXPERIMENT&#34; gaat over een conditie die niet is gekozen: kies EXPERIMENT \
         ook bij Condities, of haal &#34;EXPERIMENT&#34; hier weg</p>"
    );
    assert!(!r.body.contains("[analysis]"), "no study-file jargon");
    let input = element(&r.body, "<input type=\"text\" id=\"dir_exp\"", ">");
    assert!(input.contains("aria-invalid=\"true\""), "{input}");
    assert!(
        input.contains("aria-describedby=\"dir-exp-help dir_exp-error\""),
        "{input}"
    );
    assert!(
        input.contains("value=\"BESTLEID, EXPERIMENT\""),
        "kept: {input}"
    );
    assert!(
        r.body.contains(
            "<p class=\"error-inline\" id=\"dir_exp-error\">&#34;EXPERIMENT&#34; gaat over"
        ),
        "{}",
        r.body
    );
    // Only that field is marked.
    assert_eq!(r.body.matches("aria-invalid").count(), 1, "{}", r.body);

    // No condition chosen: the group is described by its message, its boxes marked.
    let fields: Vec<_> = base
        .iter()
        .copied()
        .filter(|(k, _)| *k != "conditions")
        .collect();
    let r = send(&app, me.post(&analysis, &fields)).await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains(
            "<a href=\"#conditions-group\">Condities</a>: kies ten minste één conditie</p>"
        ),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("<fieldset id=\"conditions-group\" aria-describedby=\"conditions-error\">")
    );
    assert!(r.body.contains(
        "<p class=\"error-inline\" id=\"conditions-error\">Kies ten minste één conditie</p>"
    ));
    assert!(
        r.body
            .contains("name=\"conditions\" value=\"BESTLEID\" aria-invalid=\"true\"")
    );

    // A cut-off out of range, in English.
    let mut fields = base.to_vec();
    fields.retain(|(k, _)| *k != "pri_cut");
    fields.push(("pri_cut", "2"));
    let r = send(&app, me.post(&format!("{analysis}?lang=en"), &fields)).await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains(
            "<a href=\"#pri_cut\">PRI cut-off (pri.cut)</a>: &#34;2&#34; is not a number from 0 to 1"
        ),
        "{}",
        r.body
    );
    let input = element(
        &r.body,
        "<input type=\"text\" inputmode=\"decimal\" id=\"pri_cut\"",
        ">",
    );
    assert!(
        input.contains("aria-invalid=\"true\" aria-describedby=\"pri_cut-error\""),
        "{input}"
    );

    // An outcome that is not one: the outcome group.
    let mut fields = base.to_vec();
    fields.retain(|(k, _)| *k != "outcome");
    fields.push(("outcome", "BESTLEID"));
    let r = send(&app, me.post(&analysis, &fields)).await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains(
            "<a href=\"#outcome-group\">Uitkomst</a>: &#34;BESTLEID&#34; is geen uitkomst"
        ),
        "{}",
        r.body
    );
    // The report with these settings says the same (a download, so the error page).
    let mut fields = base.to_vec();
    fields.push(("dir_exp", "EXPERIMENT"));
    let r = send(
        &app,
        me.post(&format!("/studies/{}/report", f.study), &fields),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("Richtingsverwachtingen (dir.exp): &#34;EXPERIMENT&#34; gaat over"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("[analysis]"));
    f.store.close().await;
}

async fn respondents_page_forms_and_spreadsheet_upload(url: &str) {
    use kantel_workflow::dashboard::export::{Cell, DataTable};
    let f = fixture(url).await;
    let app = app(&f.store);
    let me = sign_in(&f.store, "onderzoeker@radar.nl", Role::Researcher).await;
    let page = format!("/studies/{}/respondents", f.study);
    let r = send(&app, me.get(&page)).await;
    assert_eq!(r.status, 200);
    // Every submit button has a name of its own (screen readers list buttons by name).
    let buttons: Vec<&str> = r
        .body
        .split("<button type=\"submit\"")
        .skip(1)
        .map(|b| {
            let text = &b[b.find('>').unwrap() + 1..];
            text[..text.find("</button>").unwrap()].trim()
        })
        .collect();
    assert!(buttons.len() >= 4, "{buttons:?}");
    let mut unique = buttons.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), buttons.len(), "{buttons:?}");
    assert!(buttons.contains(&"Respondenten inlezen en links downloaden (CSV)"));
    assert!(
        r.body.contains("accept=\".csv,text/csv,.xlsx,"),
        "{}",
        r.body
    );

    // Respondents from an Excel workbook: the links come back as CSV.
    let text = |t: &str| Cell::Text(t.to_owned());
    let book = DataTable {
        sheet: "Respondenten".into(),
        headers: vec!["respondent".into(), "gemeente".into(), "groep".into()],
        rows: vec![
            vec![text("X1"), text("Amsterdam"), text("bestuur")],
            vec![Cell::Empty, text("GM0363"), text("wijkteam")],
            vec![Cell::Number(17.0), text("GM0363"), text("management")],
        ],
    };
    let upload = format!("{page}/upload");
    let r = send(
        &app,
        me.upload_bytes(&upload, "lijst.xlsx", &book.to_xlsx().unwrap()),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let lines: Vec<&str> = r.body.lines().collect();
    assert_eq!(lines.len(), 4, "{}", r.body);
    assert!(lines[1].starts_with("GM0363,bestuur,X1,http://127.0.0.1:8080/r/"));
    assert!(lines[2].starts_with("GM0363,wijkteam,GM0363-wijkteam-001,"));
    assert!(lines[3].starts_with("GM0363,management,17,"));
    assert_eq!(f.store.list_respondents(f.study).await.unwrap().len(), 6);

    // A problem in a workbook names the uploaded file, sheet, row and column.
    let bad = DataTable {
        rows: vec![
            vec![text("Y1"), text("Amsterdam"), text("bestuur")],
            vec![text("Y2"), text("Nergenshuizen"), text("bestuur")],
        ],
        ..book.clone()
    };
    let r = send(
        &app,
        me.upload_bytes(&upload, "lijst.xlsx", &bad.to_xlsx().unwrap()),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("lijst.xlsx"), "{}", r.body);
    assert!(r.body.contains("regel 3"), "{}", r.body);
    assert!(!r.body.contains("kantel-upload"), "{}", r.body);
    // Not a workbook at all, under a workbook's name.
    let r = send(
        &app,
        me.upload(&upload, "lijst.xlsx", "respondent,gemeente,groep\n"),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("lijst.xlsx"), "{}", r.body);
    assert!(!r.body.contains("kantel-upload"), "{}", r.body);
    assert_eq!(f.store.list_respondents(f.study).await.unwrap().len(), 6);
    // No temporary file is left behind.
    let left = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("kantel-upload-{}-", std::process::id()))
        })
        .count();
    assert_eq!(left, 0);
    f.store.close().await;
}
