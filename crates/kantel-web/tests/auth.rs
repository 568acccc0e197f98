//! Signing in and out: the pre-login anti-forgery cookie, wrong passwords, session cookie
//! flags, sign-out ending the session, rate limits per address and per e-mail address.

#[macro_use]
mod support;

use axum::http::header;
use kantel_store::Role;
use kantel_web::Limits;
use support::*;

on_every_backend!(
    sign_in_and_out,
    sign_in_needs_the_forms_own_token,
    sign_in_attempts_are_rate_limited,
    multipart_forms_carry_the_token_too,
);

async fn with_user(url: &str) -> Fixture {
    let f = fixture(url).await;
    kantel_workflow::accounts::add_user(
        &f.store,
        "Onderzoeker@Radar.nl",
        PASSWORD,
        Role::Researcher,
    )
    .await
    .unwrap();
    f
}

/// The `name=value` of a `Set-Cookie` header for `name`, with its attributes.
fn set_cookie<'a>(r: &'a Reply, name: &str) -> Option<&'a str> {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default()
}

/// Opens the sign-in page: the pre-login cookie's value (also the form's `csrf`).
async fn login_token(app: &axum::Router) -> String {
    let r = send(app, get("/login")).await;
    assert_eq!(r.status, 200);
    let c = set_cookie(&r, "kantel_login").expect("pre-login cookie");
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(c.contains(flag), "{c}");
    }
    let token = cookie_value(c);
    assert!(r.body.contains(&format!("name=\"csrf\" value=\"{token}\"")));
    token
}

fn login_post(token: &str, email: &str, password: &str) -> axum::http::Request<axum::body::Body> {
    let cookie = format!("kantel_login={token}");
    post_with(
        "/login",
        &[
            ("email", email),
            ("password", password),
            ("csrf", token),
            ("next", "/studies/1"),
        ],
        &[("origin", "http://127.0.0.1:8080"), ("cookie", &cookie)],
    )
}

async fn sign_in_and_out(url: &str) {
    let f = with_user(url).await;
    let app = app(&f.store);
    let token = login_token(&app).await;

    let r = send(
        &app,
        login_post(&token, "onderzoeker@radar.nl", "wrong password!"),
    )
    .await;
    assert_eq!(r.status, 401);
    assert!(
        r.body
            .contains("Het e-mailadres of het wachtwoord klopt niet")
    );
    assert!(set_cookie(&r, "kantel_session").is_none());
    let r = send(&app, login_post(&token, "niemand@radar.nl", PASSWORD)).await;
    assert_eq!(r.status, 401);
    assert!(
        r.body
            .contains("Het e-mailadres of het wachtwoord klopt niet")
    );

    let r = send(&app, login_post(&token, "ONDERZOEKER@radar.nl ", PASSWORD)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/studies/1", "back where the user was going");
    let session = set_cookie(&r, "kantel_session").expect("session cookie");
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(session.contains(flag), "{session}");
    }
    assert!(!session.contains("Secure"), "not behind TLS in this test");
    assert!(
        set_cookie(&r, "kantel_login")
            .unwrap()
            .contains("Max-Age=0")
    );
    let session = cookie_value(session);
    let record = f
        .store
        .session(&session)
        .await
        .unwrap()
        .expect("live session");
    assert_eq!(record.user.email, "onderzoeker@radar.nl");

    // Signed in, the sign-in page sends you on.
    let cookie = format!("kantel_session={session}");
    let r = send(&app, get_with("/login", &[("cookie", &cookie)])).await;
    assert_eq!(r.status, 303);

    // Sign-out needs the session's own token.
    let r = send(
        &app,
        post_with(
            "/logout",
            &[("csrf", "not-the-token")],
            &[("origin", "http://127.0.0.1:8080"), ("cookie", &cookie)],
        ),
    )
    .await;
    assert_eq!(r.status, 403);
    assert!(f.store.session(&session).await.unwrap().is_some());
    let r = send(
        &app,
        post_with(
            "/logout",
            &[("csrf", &record.csrf_token)],
            &[("origin", "http://127.0.0.1:8080"), ("cookie", &cookie)],
        ),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/login");
    assert!(
        set_cookie(&r, "kantel_session")
            .unwrap()
            .contains("Max-Age=0")
    );
    assert!(
        f.store.session(&session).await.unwrap().is_none(),
        "ended on the server"
    );
    // The old cookie is worth nothing now.
    let r = send(
        &app,
        post_with(
            "/logout",
            &[("csrf", &record.csrf_token)],
            &[("origin", "http://127.0.0.1:8080"), ("cookie", &cookie)],
        ),
    )
    .await;
    assert_eq!(r.status, 403);
}

async fn sign_in_needs_the_forms_own_token(url: &str) {
    let f = with_user(url).await;
    let app = app(&f.store);
    let token = login_token(&app).await;
    // No pre-login cookie (another site's form): refused before the password is checked.
    let r = send(
        &app,
        post(
            "/login",
            &[
                ("email", "onderzoeker@radar.nl"),
                ("password", PASSWORD),
                ("csrf", &token),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 403);
    // The cookie but another value in the form.
    let cookie = format!("kantel_login={token}");
    let r = send(
        &app,
        post_with(
            "/login",
            &[
                ("email", "onderzoeker@radar.nl"),
                ("password", PASSWORD),
                ("csrf", "x"),
            ],
            &[("cookie", &cookie)],
        ),
    )
    .await;
    assert_eq!(r.status, 403);
    // Right token, cross-site.
    let r = send(
        &app,
        post_with(
            "/login",
            &[
                ("email", "onderzoeker@radar.nl"),
                ("password", PASSWORD),
                ("csrf", &token),
            ],
            &[("cookie", &cookie), ("sec-fetch-site", "cross-site")],
        ),
    )
    .await;
    assert_eq!(r.status, 403);
    // An offered `next` off this site is not followed.
    let r = send(
        &app,
        post_with(
            "/login",
            &[
                ("email", "onderzoeker@radar.nl"),
                ("password", PASSWORD),
                ("csrf", &token),
                ("next", "//evil.example/"),
            ],
            &[("cookie", &cookie)],
        ),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/");
}

async fn sign_in_attempts_are_rate_limited(url: &str) {
    let f = with_user(url).await;
    let limits = Limits {
        login_per_ip_per_minute: 3,
        login_per_email_per_hour: 2,
        ..Limits::default()
    };
    let app = app_with(&f.store, limits);
    let token = login_token(&app).await;

    // Per e-mail address, from different addresses: the third attempt is refused, even
    // with the right password.
    for (i, addr) in ["192.0.2.1:1", "192.0.2.2:1"].iter().enumerate() {
        let r = send(
            &app,
            from_addr(
                login_post(&token, "onderzoeker@radar.nl", "wrong!!!!!!"),
                addr,
            ),
        )
        .await;
        assert_eq!(r.status, 401, "attempt {i}");
    }
    let r = send(
        &app,
        from_addr(
            login_post(&token, "Onderzoeker@radar.nl", PASSWORD),
            "192.0.2.3:1",
        ),
    )
    .await;
    assert_eq!(r.status, 429);
    assert!(r.body.contains("Te veel verzoeken"));
    assert!(set_cookie(&r, "kantel_session").is_none());

    // Per address, over different e-mail addresses (loopback included: sign-in is
    // always limited).
    for i in 0..3 {
        let email = format!("iemand{i}@radar.nl");
        let r = send(
            &app,
            from_addr(login_post(&token, &email, "wrong!!!!!!"), "127.0.0.1:1"),
        )
        .await;
        assert_eq!(r.status, 401, "attempt {i}");
    }
    let r = send(
        &app,
        from_addr(
            login_post(&token, "ander@radar.nl", "wrong!!!!!!"),
            "127.0.0.1:1",
        ),
    )
    .await;
    assert_eq!(r.status, 429);
}

/// Uploads (study files, respondent lists) are multipart forms: the token is read from
/// their `csrf` part.
async fn multipart_forms_carry_the_token_too(url: &str) {
    let f = with_user(url).await;
    let app = app(&f.store);
    let (cookie_value, session) =
        kantel_workflow::accounts::login(&f.store, "onderzoeker@radar.nl", PASSWORD)
            .await
            .unwrap()
            .unwrap();
    let cookie = format!("kantel_session={cookie_value}");
    let multipart = |csrf: &str, file_size: usize| {
        let boundary = "XyZkantelBoundary";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\
             Content-Type: text/csv\r\n\r\n{}\r\n--{boundary}\r\n\
             Content-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}--\r\n",
            "x".repeat(file_size)
        );
        axum::http::Request::post("/logout")
            .header("host", HOST)
            .header("origin", "http://127.0.0.1:8080")
            .header("cookie", &cookie)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("content-length", body.len())
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    // Larger than a form may be, smaller than an upload may be; the wrong token first.
    let r = send(&app, multipart("wrong", 3 * 1024 * 1024)).await;
    assert_eq!(r.status, 403);
    assert!(f.store.session(&cookie_value).await.unwrap().is_some());
    let r = send(&app, multipart(&session.csrf_token, 3 * 1024 * 1024)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(f.store.session(&cookie_value).await.unwrap().is_none());
    // Beyond the upload limit: 413 before anything else.
    let r = send(&app, multipart(&session.csrf_token, 17 * 1024 * 1024)).await;
    assert_eq!(r.status, 413);
}

mod extractors {
    use axum::extract::FromRequestParts;
    use axum::http::{Method, Request};
    use kantel_store::Role;
    use kantel_web::auth::{Researcher, SignedIn};
    use kantel_web::{AppState, ServeOptions};

    use super::support::*;

    async fn parts(method: Method, uri: &str, cookie: Option<&str>) -> axum::http::request::Parts {
        let mut b = Request::builder().method(method).uri(uri);
        if let Some(c) = cookie {
            b = b.header("cookie", format!("kantel_session={c}"));
        }
        b.body(()).unwrap().into_parts().0
    }

    /// What helper handlers see: signed out, a contact, a researcher.
    #[tokio::test]
    async fn signed_in_and_researcher_extractors() {
        let db = TestDb::sqlite_file();
        let f = fixture(&db.url).await;
        let state = AppState::new(f.store.clone(), ServeOptions::default());
        kantel_workflow::accounts::add_user(
            &f.store,
            "r@radar.nl",
            super::PASSWORD,
            Role::Researcher,
        )
        .await
        .unwrap();
        kantel_workflow::accounts::add_user(
            &f.store,
            "c@amsterdam.nl",
            super::PASSWORD,
            Role::Contact {
                study: f.study,
                municipality: "GM0363".into(),
            },
        )
        .await
        .unwrap();
        let (r_cookie, _) =
            kantel_workflow::accounts::login(&f.store, "r@radar.nl", super::PASSWORD)
                .await
                .unwrap()
                .unwrap();
        let (c_cookie, _) =
            kantel_workflow::accounts::login(&f.store, "c@amsterdam.nl", super::PASSWORD)
                .await
                .unwrap()
                .unwrap();

        // Signed out (no cookie, or a made-up one): GET goes to the sign-in page and back.
        for cookie in [None, Some("0".repeat(64).as_str())] {
            let mut p = parts(Method::GET, "/studies/3?x=1", cookie).await;
            let rejected = SignedIn::from_request_parts(&mut p, &state)
                .await
                .unwrap_err();
            assert_eq!(rejected.status(), 303);
            assert_eq!(
                rejected.headers().get("location").unwrap(),
                "/login?next=/studies/3%3Fx%3D1"
            );
            let mut p = parts(Method::POST, "/studies/3", cookie).await;
            let rejected = SignedIn::from_request_parts(&mut p, &state)
                .await
                .unwrap_err();
            assert_eq!(rejected.status(), 401);
        }

        // A contact is signed in, sees their own municipality only, and is no researcher.
        let mut p = parts(Method::GET, "/studies/1", Some(&c_cookie)).await;
        let who = SignedIn::from_request_parts(&mut p, &state).await.unwrap();
        assert!(!who.is_researcher());
        assert_eq!(who.contact_scope(), Some((f.study, "GM0363")));
        assert!(who.may_see(f.study, "GM0363"));
        assert!(!who.may_see(f.study, "GM0599"));
        assert!(!who.may_see(kantel_store::StudyId(f.study.0 + 1), "GM0363"));
        let mut p = parts(Method::GET, "/studies/1", Some(&c_cookie)).await;
        let rejected = Researcher::from_request_parts(&mut p, &state)
            .await
            .unwrap_err();
        assert_eq!(rejected.status(), 403);

        // A researcher.
        let mut p = parts(Method::GET, "/studies/1", Some(&r_cookie)).await;
        let Researcher(who) = Researcher::from_request_parts(&mut p, &state)
            .await
            .unwrap();
        assert!(who.is_researcher() && who.contact_scope().is_none());
        assert!(who.may_see(f.study, "GM0599"));
        assert_eq!(who.session.user.email, "r@radar.nl");
        db.finish().await;
    }
}
