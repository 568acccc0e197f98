//! The questionnaire through personal links, and every rule that protects it, driven
//! through `router(state)` on a temporary SQLite file and, when `KANTEL_TEST_PG_URL` is
//! set, on a fresh PostgreSQL database.

#[macro_use]
mod support;

use kantel_store::StudyStatus;
use kantel_study::study::Study;
use kantel_web::Limits;
use kantel_web::security::link_csrf;
use kantel_workflow::collection::Questionnaire;
use support::*;

on_every_backend!(
    respondent_answers_continues_reviews_and_submits,
    one_answer_at_a_time_with_and_without_htmx,
    language_choice_is_stored_with_the_respondent,
    a_token_never_writes_another_respondents_answers,
    unknown_tokens_are_404,
    closed_study_accepts_nothing,
    submitted_questionnaire_accepts_nothing,
    forgery_checks_refuse_and_write_nothing,
    oversized_bodies_are_413,
    link_routes_are_rate_limited,
    invalid_items_and_values_are_422,
    pages_carry_security_headers_and_no_internals,
);

fn questionnaire(group: &str) -> Questionnaire {
    Questionnaire::for_group(&Study::builtin().unwrap(), group)
}

// ------------------------------------------------------------------ the flow

async fn respondent_answers_continues_reviews_and_submits(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let token = &f.a.1;
    let csrf = link_csrf(token);
    let q = questionnaire("bestuur");
    let total = q.sections.len();
    assert!(
        total >= 2,
        "the built-in questionnaire has several sections"
    );

    // First visit: the introduction, in Dutch.
    let r = send(&app, get(&format!("/r/{token}"))).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Begin met de vragenlijst"), "{}", r.body);
    assert!(r.body.contains(&format!("href=\"/r/{token}/s/1\"")));
    assert!(r.body.contains(q.title_nl.as_str()));

    // Section 1: every item as a fieldset of radio buttons with labels.
    let r = send(&app, get(&format!("/r/{token}/s/1"))).await;
    assert_eq!(r.status, 200);
    let s1 = &q.sections[0];
    assert!(r.body.contains(&format!("Deel 1 van {total}")));
    for item in &s1.items {
        assert!(
            r.body.contains(&format!("name=\"q.{}\"", item.id)),
            "{}",
            item.id
        );
        assert!(r.body.contains(&format!("for=\"q-{}-dk\"", item.id)));
    }
    assert_eq!(r.body.matches("<fieldset").count(), s1.items.len());
    assert_eq!(r.body.matches("<legend>").count(), s1.items.len());
    assert!(r.body.contains(&format!("name=\"csrf\" value=\"{csrf}\"")));
    assert!(r.body.contains("hx-post="), "htmx saves each answer");

    // The page's own form: answers for the first section, then "next".
    let mut fields: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
    for (i, item) in s1.items.iter().enumerate() {
        let v = if i == 0 {
            "dk".to_owned()
        } else {
            "4".to_owned()
        };
        fields.push((format!("q.{}", item.id), v));
    }
    fields.push(("nav".into(), "next".into()));
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = send(&app, post(&format!("/r/{token}/s/1"), &borrowed)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), format!("/r/{token}/s/2"));
    let stored = answers_of(&f.store, f.a.0).await;
    assert_eq!(stored.len(), s1.items.len());
    assert!(
        stored.contains(&(s1.items[0].id.clone(), None)),
        "weet niet is None"
    );
    assert!(stored.contains(&(s1.items[1].id.clone(), Some(4))));

    // Closing the browser and opening the link again: on to where they were.
    let r = send(&app, get(&format!("/r/{token}"))).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/r/{token}/s/2"));
    // The introduction is still reachable and offers to continue.
    let r = send(&app, get(&format!("/r/{token}?intro=1"))).await;
    assert!(r.body.contains("Ga verder waar u was"));

    // Going back shows the answers given.
    let r = send(&app, get(&format!("/r/{token}/s/1"))).await;
    assert!(
        r.body.contains(&format!(
            "id=\"q-{}-dk\" name=\"q.{}\" value=\"dk\" checked",
            s1.items[0].id, s1.items[0].id
        )),
        "{}",
        r.body
    );
    assert!(r.body.contains(&format!(
        "id=\"q-{}-4\" name=\"q.{}\" value=\"4\" checked",
        s1.items[1].id, s1.items[1].id
    )));
    let answered = s1.items.len();
    let items = q.item_count();
    assert!(
        r.body
            .contains(&format!("{answered} van {items} vragen beantwoord"))
    );

    // "Previous" from section 2 saves and goes back to 1.
    let r = send(
        &app,
        post(
            &format!("/r/{token}/s/2"),
            &[("csrf", &csrf), ("nav", "prev")],
        ),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/r/{token}/s/1"));

    // The review lists what is missing.
    let r = send(&app, get(&format!("/r/{token}/review"))).await;
    assert_eq!(r.status, 200);
    let missing = items - answered;
    assert!(
        r.body.contains(&format!("{missing} vragen")),
        "review counts unanswered: {}",
        r.body
    );
    assert_eq!(r.body.matches("Nog niet beantwoord").count(), missing);
    assert!(r.body.contains("Uw antwoord: Weet ik niet"));
    assert!(r.body.contains(&format!("action=\"/r/{token}/submit\"")));

    // Submit, then the link says so and accepts nothing.
    let r = send(
        &app,
        post(&format!("/r/{token}/submit"), &[("csrf", &csrf)]),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/r/{token}"));
    let r = send(&app, get(&format!("/r/{token}"))).await;
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("Uw antwoorden zijn verzonden"),
        "{}",
        r.body
    );
    let r = send(&app, get(&format!("/r/{token}/s/1"))).await;
    assert!(r.body.contains("Uw antwoorden zijn verzonden"));
    assert!(!r.body.contains("<fieldset"));
    let submitted = f
        .store
        .respondents_of(f.study, None)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.id == f.a.0)
        .unwrap();
    assert!(submitted.submitted_at.is_some());
}

async fn one_answer_at_a_time_with_and_without_htmx(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let token = &f.a.1;
    let csrf = link_csrf(token);
    let q = questionnaire("bestuur");
    let item = &q.sections[1].items[0];

    // As the load tool and a plain form post it: 204, saved.
    let r = send(
        &app,
        post(
            &format!("/r/{token}/answer"),
            &[("item", &item.id), ("value", "5"), ("csrf", &csrf)],
        ),
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.body);
    assert_eq!(
        answers_of(&f.store, f.a.0).await,
        vec![(item.id.clone(), Some(5))]
    );

    // Changing the answer replaces it; an empty value is ignored.
    for value in ["2", ""] {
        let r = send(
            &app,
            post(
                &format!("/r/{token}/answer"),
                &[
                    ("item", &item.id),
                    ("value", value),
                    ("csrf", &csrf),
                    ("section", "2"),
                ],
            ),
        )
        .await;
        assert_eq!(r.status, 204);
    }
    assert_eq!(
        answers_of(&f.store, f.a.0).await,
        vec![(item.id.clone(), Some(2))]
    );

    // With htmx: a fragment that says it is saved and updates the progress out of band.
    let body = encode(&[
        ("item", &item.id),
        ("value", "dk"),
        ("csrf", &csrf),
        ("section", "2"),
    ]);
    let req = post_with(
        &format!("/r/{token}/answer"),
        &[
            ("item", &item.id),
            ("value", "dk"),
            ("csrf", &csrf),
            ("section", "2"),
        ],
        &[("origin", "http://127.0.0.1:8080"), ("hx-request", "true")],
    );
    assert!(!body.is_empty());
    let r = send(&app, req).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Bewaard"));
    assert!(r.body.contains("hx-swap-oob=\"true\""));
    assert!(
        r.body
            .contains(&format!("1 van {} vragen beantwoord", q.item_count()))
    );
    assert_eq!(
        answers_of(&f.store, f.a.0).await,
        vec![(item.id.clone(), None)]
    );

    // The section sent along is where the link continues.
    let r = send(&app, get(&format!("/r/{token}"))).await;
    assert_eq!(r.location(), format!("/r/{token}/s/2"));
}

async fn language_choice_is_stored_with_the_respondent(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let token = &f.w.1;
    let r = send(&app, get(&format!("/r/{token}?lang=en"))).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<html lang=\"en\">"));
    assert!(r.body.contains("Start the questionnaire"));
    let stored = f
        .store
        .respondents_of(f.study, None)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.id == f.w.0)
        .unwrap();
    assert_eq!(stored.language.as_deref(), Some("en"));
    // Next visit, another browser (Dutch), no query: still English.
    let r = send(
        &app,
        get_with(&format!("/r/{token}/s/1"), &[("accept-language", "nl-NL")]),
    )
    .await;
    assert!(r.body.contains("<html lang=\"en\">"));
    assert!(r.body.contains("Strongly agree"));
    // Errors on this link are in English too.
    let r = send(
        &app,
        post(
            &format!("/r/{token}/answer"),
            &[
                ("item", "NOPE"),
                ("value", "3"),
                ("csrf", &link_csrf(token)),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("question NOPE is not part of your questionnaire"),
        "{}",
        r.body
    );
}

// ------------------------------------------------------------------ authorization

async fn a_token_never_writes_another_respondents_answers(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let wijkteam = questionnaire("wijkteam");
    let bestuur = questionnaire("bestuur");

    // W answers some items through W's own link.
    let (w_id, w_token) = (&f.w.0, &f.w.1);
    let w_item = &wijkteam.sections[0].items[0];
    let r = send(
        &app,
        post(
            &format!("/r/{w_token}/answer"),
            &[
                ("item", &w_item.id),
                ("value", "1"),
                ("csrf", &link_csrf(w_token)),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 204);
    let w_before = answers_of(&f.store, *w_id).await;
    let b_before = answers_of(&f.store, f.b.0).await;

    // A tries everything with A's own token: every item W has, fields that name other
    // respondents, W's csrf value, W's token in a field.
    let a_token = &f.a.1;
    let a_csrf = link_csrf(a_token);
    let respondent_w = w_id.0.to_string();
    for item in wijkteam.sections.iter().flat_map(|s| s.items.iter()) {
        let r = send(
            &app,
            post(
                &format!("/r/{a_token}/answer"),
                &[
                    ("item", &item.id),
                    ("value", "5"),
                    ("csrf", &a_csrf),
                    ("respondent", &respondent_w),
                    ("token", w_token),
                ],
            ),
        )
        .await;
        let in_a = bestuur.item(&item.id).is_some();
        assert_eq!(r.status, if in_a { 204 } else { 422 }, "{}", item.id);
    }
    // W's page form posted with A's token.
    let fields: Vec<(String, String)> = wijkteam.sections[0]
        .items
        .iter()
        .map(|i| (format!("q.{}", i.id), "5".to_owned()))
        .chain([("csrf".to_owned(), a_csrf.clone())])
        .collect();
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let _ = send(&app, post(&format!("/r/{a_token}/s/1"), &borrowed)).await;
    // A's token with W's anti-forgery value, and W's token with A's: refused.
    let r = send(
        &app,
        post(
            &format!("/r/{a_token}/answer"),
            &[
                ("item", &w_item.id),
                ("value", "3"),
                ("csrf", &link_csrf(w_token)),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 403);
    let r = send(
        &app,
        post(
            &format!("/r/{w_token}/answer"),
            &[("item", &w_item.id), ("value", "3"), ("csrf", &a_csrf)],
        ),
    )
    .await;
    assert_eq!(r.status, 403);
    // W's submit with A's anti-forgery value: refused, W not submitted.
    let r = send(
        &app,
        post(&format!("/r/{w_token}/submit"), &[("csrf", &a_csrf)]),
    )
    .await;
    assert_eq!(r.status, 403);

    assert_eq!(answers_of(&f.store, *w_id).await, w_before, "W unchanged");
    assert_eq!(answers_of(&f.store, f.b.0).await, b_before, "B unchanged");
    let a_answers = answers_of(&f.store, f.a.0).await;
    assert!(!a_answers.is_empty(), "A wrote into A's own answers");
    assert!(a_answers.iter().all(|(i, _)| bestuur.item(i).is_some()));
    let w = f
        .store
        .respondents_of(f.study, None)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.id == *w_id)
        .unwrap();
    assert!(w.submitted_at.is_none());
}

async fn unknown_tokens_are_404(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let unknown = "0123456789abcdef".repeat(4);
    let mut flipped = f.a.1.clone();
    let last = if flipped.ends_with('0') { "1" } else { "0" };
    flipped.replace_range(63.., last);
    for token in [unknown.as_str(), flipped.as_str(), "kort", &"g".repeat(64)] {
        for path in ["", "/s/1", "/review"] {
            let r = send(&app, get(&format!("/r/{token}{path}"))).await;
            assert_eq!(r.status, 404, "{token}{path}");
            assert!(r.body.contains("Deze pagina bestaat niet"));
        }
        let csrf = link_csrf(token);
        let r = send(
            &app,
            post(
                &format!("/r/{token}/answer"),
                &[("item", "C1_1"), ("value", "3"), ("csrf", &csrf)],
            ),
        )
        .await;
        assert_eq!(r.status, 404, "{token}");
        let r = send(
            &app,
            post(&format!("/r/{token}/submit"), &[("csrf", &csrf)]),
        )
        .await;
        assert_eq!(r.status, 404);
    }
    // A path that is no link at all.
    let r = send(&app, get("/r/../../etc/passwd")).await;
    assert_eq!(r.status, 404);
    // A section number beyond the questionnaire.
    let r = send(&app, get(&format!("/r/{}/s/99", f.a.1))).await;
    assert_eq!(r.status, 404);
    let r = send(&app, get(&format!("/r/{}/s/0", f.a.1))).await;
    assert_eq!(r.status, 404);
}

async fn closed_study_accepts_nothing(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let token = &f.a.1;
    let csrf = link_csrf(token);
    let item = questionnaire("bestuur").sections[0].items[0].id.clone();
    let r = send(
        &app,
        post(
            &format!("/r/{token}/answer"),
            &[("item", &item), ("value", "3"), ("csrf", &csrf)],
        ),
    )
    .await;
    assert_eq!(r.status, 204);
    f.store
        .set_study_status(f.study, StudyStatus::Closed)
        .await
        .unwrap();

    let attempts: [(&str, Vec<(&str, &str)>); 3] = [
        (
            "/answer",
            vec![("item", &item), ("value", "5"), ("csrf", &csrf)],
        ),
        ("/s/1", vec![("csrf", &csrf), ("nav", "next")]),
        ("/submit", vec![("csrf", &csrf)]),
    ];
    for (path, fields) in &attempts {
        let r = send(&app, post(&format!("/r/{token}{path}"), fields)).await;
        assert_eq!(r.status, 409, "{path}: {}", r.body);
        assert!(r.body.contains("de studie is gesloten"), "{}", r.body);
    }
    assert_eq!(answers_of(&f.store, f.a.0).await, vec![(item, Some(3))]);
    let r = send(&app, get(&format!("/r/{token}"))).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("De vragenlijst is gesloten"));
    let r = send(&app, get(&format!("/r/{token}/s/1"))).await;
    assert!(r.body.contains("De vragenlijst is gesloten"));
    assert!(!r.body.contains("<form"));
}

async fn submitted_questionnaire_accepts_nothing(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let token = &f.b.1;
    let csrf = link_csrf(token);
    let item = questionnaire("bestuur").sections[0].items[0].id.clone();
    let r = send(
        &app,
        post(&format!("/r/{token}/submit"), &[("csrf", &csrf)]),
    )
    .await;
    assert_eq!(r.status, 303);
    let r = send(
        &app,
        post(
            &format!("/r/{token}/answer"),
            &[("item", &item), ("value", "5"), ("csrf", &csrf)],
        ),
    )
    .await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("al verzonden"), "{}", r.body);
    let r = send(
        &app,
        post(
            &format!("/r/{token}/s/1"),
            &[("csrf", &csrf), ("nav", "next")],
        ),
    )
    .await;
    assert_eq!(r.status, 409);
    let r = send(
        &app,
        post(&format!("/r/{token}/submit"), &[("csrf", &csrf)]),
    )
    .await;
    assert_eq!(r.status, 409);
    assert!(answers_of(&f.store, f.b.0).await.is_empty());
}

async fn forgery_checks_refuse_and_write_nothing(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let token = &f.a.1;
    let csrf = link_csrf(token);
    let item = questionnaire("bestuur").sections[0].items[0].id.clone();
    let uri = format!("/r/{token}/answer");

    // No csrf field, an empty one, a wrong one.
    for fields in [
        vec![("item", item.as_str()), ("value", "3")],
        vec![("item", item.as_str()), ("value", "3"), ("csrf", "")],
        vec![("item", item.as_str()), ("value", "3"), ("csrf", "0000")],
    ] {
        let r = send(&app, post(&uri, &fields)).await;
        assert_eq!(r.status, 403);
        assert!(r.body.contains("Geen toegang"));
    }
    let fields = [
        ("item", item.as_str()),
        ("value", "3"),
        ("csrf", csrf.as_str()),
    ];
    // Another site's page posting with the right value: the browser's headers give it away.
    for headers in [
        vec![("origin", "http://evil.example")],
        vec![("origin", "null")],
        vec![("origin", "http://127.0.0.1:9999")],
        vec![("sec-fetch-site", "cross-site")],
        vec![
            ("sec-fetch-site", "same-site"),
            ("origin", "http://127.0.0.1:8080"),
        ],
    ] {
        let r = send(&app, post_with(&uri, &fields, &headers)).await;
        assert_eq!(r.status, 403, "{headers:?}");
    }
    // PUT, PATCH and DELETE are checked the same way.
    for method in ["PUT", "PATCH", "DELETE"] {
        let mut req = post_with(&uri, &[("item", &item), ("value", "3")], &[]);
        *req.method_mut() = method.parse().unwrap();
        let r = send(&app, req).await;
        assert_eq!(r.status, 403, "{method}");
    }
    assert!(answers_of(&f.store, f.a.0).await.is_empty());

    // Same origin, or no browser headers at all (a script with the right value): accepted.
    let r = send(
        &app,
        post_with(&uri, &fields, &[("sec-fetch-site", "same-origin")]),
    )
    .await;
    assert_eq!(r.status, 204);
    let r = send(&app, post_with(&uri, &fields, &[])).await;
    assert_eq!(r.status, 204);
    // The token may come as a header too (htmx could send it so).
    let r = send(
        &app,
        post_with(
            &uri,
            &[("item", &item), ("value", "4")],
            &[("x-csrf-token", &csrf), ("origin", "http://127.0.0.1:8080")],
        ),
    )
    .await;
    assert_eq!(r.status, 204);
    assert_eq!(answers_of(&f.store, f.a.0).await, vec![(item, Some(4))]);
}

async fn oversized_bodies_are_413(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let token = &f.a.1;
    let csrf = link_csrf(token);
    let item = questionnaire("bestuur").sections[0].items[0].id.clone();
    let padding = "x".repeat(70 * 1024);
    let r = send(
        &app,
        post(
            &format!("/r/{token}/answer"),
            &[
                ("item", &item),
                ("value", "3"),
                ("csrf", &csrf),
                ("pad", &padding),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 413);
    assert!(r.body.contains("te groot"));
    // Without a Content-Length (chunked), the limit holds while reading.
    let body = encode(&[
        ("csrf", &csrf),
        ("item", &item),
        ("value", "3"),
        ("pad", &padding),
    ]);
    let stream = futures_stream(body);
    let req = axum::http::Request::post(format!("/r/{token}/answer"))
        .header("host", HOST)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(stream)
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status, 413);
    assert!(answers_of(&f.store, f.a.0).await.is_empty());
}

/// A body without a known length.
fn futures_stream(body: String) -> axum::body::Body {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body
        .into_bytes()
        .chunks(4096)
        .map(|c| Ok(c.to_vec()))
        .collect();
    axum::body::Body::from_stream(futures_util::stream::iter(chunks))
}

async fn link_routes_are_rate_limited(url: &str) {
    let f = fixture(url).await;
    let limits = Limits {
        link_per_minute: 5,
        ..Limits::default()
    };
    let app = app_with(&f.store, limits);
    let token = &f.a.1;
    let far = "203.0.113.9:40000";
    for i in 0..5 {
        let r = send(&app, from_addr(get(&format!("/r/{token}")), far)).await;
        assert_eq!(r.status, 200, "request {i}");
    }
    let r = send(&app, from_addr(get(&format!("/r/{token}")), far)).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.headers.get("retry-after").unwrap(), "60");
    assert!(r.body.contains("Te veel verzoeken"));
    let csrf = link_csrf(token);
    let r = send(
        &app,
        from_addr(post(&format!("/r/{token}/submit"), &[("csrf", &csrf)]), far),
    )
    .await;
    assert_eq!(r.status, 429, "POSTs spend the same budget");
    // Another address has its own budget; loopback (the load tool) is not limited.
    let r = send(
        &app,
        from_addr(get(&format!("/r/{token}")), "198.51.100.1:1"),
    )
    .await;
    assert_eq!(r.status, 200);
    for _ in 0..20 {
        let r = send(
            &app,
            from_addr(get(&format!("/r/{token}")), "127.0.0.1:5555"),
        )
        .await;
        assert_eq!(r.status, 200);
    }
    // Other pages are not counted against the link budget.
    let r = send(&app, from_addr(get("/health"), far)).await;
    assert_eq!(r.status, 200);
}

async fn invalid_items_and_values_are_422(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    let token = &f.a.1;
    let csrf = link_csrf(token);
    let q = questionnaire("bestuur");
    let likert = q
        .sections
        .iter()
        .flat_map(|s| s.items.iter())
        .find(|i| i.values().len() == 5)
        .unwrap()
        .id
        .clone();
    for (item, value) in [
        (likert.as_str(), "6"),
        (likert.as_str(), "0"),
        (likert.as_str(), "3.5"),
        (likert.as_str(), "drie"),
        ("NOPE", "3"),
        ("", "3"),
    ] {
        let r = send(
            &app,
            post(
                &format!("/r/{token}/answer"),
                &[("item", item), ("value", value), ("csrf", &csrf)],
            ),
        )
        .await;
        assert_eq!(r.status, 422, "{item}={value}");
        assert!(!r.body.to_lowercase().contains("sql"));
    }
    // A page with one bad answer saves none of its answers.
    let s1 = &q.sections[0];
    let good = format!("q.{}", s1.items[0].id);
    let bad = format!("q.{}", s1.items[1].id);
    let r = send(
        &app,
        post(
            &format!("/r/{token}/s/1"),
            &[("csrf", &csrf), (&good, "3"), (&bad, "9"), ("nav", "next")],
        ),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("9 is geen geldig antwoord"), "{}", r.body);
    assert!(answers_of(&f.store, f.a.0).await.is_empty());
}

async fn pages_carry_security_headers_and_no_internals(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    for path in [
        format!("/r/{}", f.a.1),
        format!("/r/{}/s/1", f.a.1),
        "/r/unknown".to_owned(),
        "/login".to_owned(),
        "/no/such/page".to_owned(),
    ] {
        let r = send(&app, get(&path)).await;
        let h = &r.headers;
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{path}");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(h.get("referrer-policy").unwrap(), "no-referrer");
        assert_eq!(h.get("x-frame-options").unwrap(), "DENY");
        assert_eq!(h.get("cache-control").unwrap(), "no-store", "{path}");
        assert!(
            h.get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert!(!r.body.contains("<script>"), "no inline script on {path}");
        assert!(!r.body.contains("style="), "no inline style on {path}");
    }
    // axum's own rejections become catalogue pages: a wrong method, a form that is not one.
    let r = send(&app, get(&format!("/r/{}/answer", f.a.1))).await;
    assert_eq!(r.status, 405);
    assert!(r.body.contains("Deze pagina kan zo niet worden gebruikt"));
    let req = axum::http::Request::post(format!("/r/{}/answer", f.a.1))
        .header("host", HOST)
        .header("content-type", "application/json")
        .header("x-csrf-token", link_csrf(&f.a.1))
        .body(axum::body::Body::from("{\"item\":1}"))
        .unwrap();
    let r = send(&app, req).await;
    assert!(r.status.is_client_error());
    assert!(!r.body.contains("Form"), "no Rust type names: {}", r.body);

    // Assets: hashed names, cached for a year; unknown names 404.
    let page = send(&app, get(&format!("/r/{}/s/1", f.a.1))).await;
    let css = page
        .body
        .split("href=\"")
        .find_map(|s| s.split('"').next().filter(|u| u.ends_with(".css")))
        .unwrap()
        .to_owned();
    let js = page
        .body
        .split("src=\"")
        .find_map(|s| s.split('"').next().filter(|u| u.ends_with(".js")))
        .unwrap()
        .to_owned();
    for (url, ty) in [(css, "text/css"), (js, "text/javascript")] {
        let r = send(&app, get(&url)).await;
        assert_eq!(r.status, 200, "{url}");
        assert!(
            r.headers
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(ty)
        );
        assert!(
            r.headers
                .get("cache-control")
                .unwrap()
                .to_str()
                .unwrap()
                .contains("immutable")
        );
    }
    let r = send(&app, get("/assets/kantel-000000000000.css")).await;
    assert_eq!(r.status, 404);
    let r = send(&app, get("/health")).await;
    assert_eq!((r.status.as_u16(), r.body.as_str()), (200, "ok"));
}
