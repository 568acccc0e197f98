//! A municipal contact's pages through the router, on SQLite and PostgreSQL: their own
//! municipality's response and mirror report, and nothing of any other municipality or
//! study (every attempt is refused with 403, whether or not the target exists). Signed
//! out, the pages send a GET to `/login`.

#[macro_use]
mod support;

use std::path::PathBuf;

use axum::http::header;
use kantel_store::{Role, Store, StudyId};
use kantel_workflow::Workspace;
use support::*;

on_every_backend!(
    a_contact_sees_their_own_municipality,
    a_contact_cannot_reach_another_municipality,
    researchers_see_every_municipality,
    signed_out_contact_pages_go_to_sign_in,
);

/// `testdata/study-12` with its data in the store at `url`; a second study (the built-in
/// codebook with Amsterdam) exists beside it.
async fn studies(url: &str) -> (Store, StudyId, StudyId, Workspace, PathBuf) {
    let (ws, dir) = study_12(url, "contact").await;
    let other = fixture(url).await;
    (ws.store.clone(), ws.id, other.study, ws, dir)
}

async fn a_contact_sees_their_own_municipality(url: &str) {
    let (store, study, _, ws, dir) = studies(url).await;
    let app = app(&store);
    let me = sign_in(
        &store,
        "contact@utrecht.nl",
        Role::Contact {
            study,
            municipality: "GM0344".into(),
        },
    )
    .await;
    let page = format!("/studies/{study}/m/GM0344");
    // The home page sends the contact here.
    let r = send(&app, me.get("/")).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), page);

    let r = send(&app, me.get(&page)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Utrecht (GM0344)"));
    assert!(r.body.contains(&format!("hx-get=\"{page}/progress\"")));
    // Utrecht's three imported respondents, all with answers.
    assert!(r.body.contains("<td class=\"num\">3/3</td>"), "{}", r.body);
    assert!(!r.body.contains("<script>"));
    // Only Utrecht: no other municipality of the study, no researcher navigation.
    for m in ws
        .study
        .municipalities
        .iter()
        .filter(|m| m.code.as_str() != "GM0344")
    {
        assert!(!r.body.contains(&m.name), "{} on Utrecht's page", m.name);
        assert!(
            !r.body.contains(m.code.as_str()),
            "{} on Utrecht's page",
            m.code
        );
    }
    assert!(!r.body.contains(&format!("href=\"/studies/{study}\"")));
    // The wide layout, like the dashboard's, so the table's last column is not cut off.
    assert!(
        r.body
            .contains("<main id=\"main\" tabindex=\"-1\" class=\"wide\">"),
        "{}",
        r.body
    );

    let r = send(&app, me.get(&format!("{page}/progress"))).await;
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with("<div id=\"progress\""));
    // No dashboard summary out of band: this page has none to replace.
    assert!(!r.body.contains("hx-swap-oob"), "{}", r.body);
    assert!(!r.body.contains("id=\"summary\""), "{}", r.body);

    // The mirror report: a download naming Utrecht and none of the others.
    let r = send(&app, me.get(&format!("{page}/mirror"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.headers
            .get(header::CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok()),
        Some("attachment; filename=\"spiegel-GM0344.html\"")
    );
    assert!(r.body.contains("Utrecht"));
    // Utrecht's truth-table row holds two other municipalities: counted, not named.
    assert!(
        r.body
            .contains("Andere gemeenten in deze rij: 2 (niet bij naam genoemd).</p>"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("andere gemeente; andere gemeente"));
    assert!(!r.body.contains('\u{E000}'), "no placeholder left");
    // A single point is still "another municipality" (the plots' tooltips).
    assert!(r.body.contains("<title>andere gemeente: "), "{}", r.body);
    for m in ws
        .study
        .municipalities
        .iter()
        .filter(|m| m.code.as_str() != "GM0344")
    {
        assert!(
            !r.body.contains(&m.name),
            "{} in Utrecht's mirror report",
            m.name
        );
        assert!(
            !r.body.contains(m.code.as_str()),
            "{} in Utrecht's mirror report",
            m.code
        );
    }
    ws.close().await;
    let _ = std::fs::remove_dir_all(dir);
}

async fn a_contact_cannot_reach_another_municipality(url: &str) {
    let (store, study, other, ws, dir) = studies(url).await;
    let app = app(&store);
    let me = sign_in(
        &store,
        "contact@utrecht.nl",
        Role::Contact {
            study,
            municipality: "GM0344".into(),
        },
    )
    .await;
    // Amsterdam of the same study, Utrecht's code in another study, a municipality that
    // is in no study, and one that does not exist: all refused alike.
    for target in [
        format!("/studies/{study}/m/GM0363"),
        format!("/studies/{study}/m/gm0344"),
        format!("/studies/{other}/m/GM0344"),
        format!("/studies/{other}/m/GM0363"),
        format!("/studies/{study}/m/GM9999"),
        "/studies/999999/m/GM0344".to_string(),
    ] {
        for suffix in ["", "/progress", "/mirror"] {
            let r = send(&app, me.get(&format!("{target}{suffix}"))).await;
            assert_eq!(r.status, 403, "{target}{suffix}");
            assert!(!r.body.contains("Amsterdam"), "{target}{suffix}");
        }
    }
    ws.close().await;
    let _ = std::fs::remove_dir_all(dir);
}

async fn researchers_see_every_municipality(url: &str) {
    let (store, study, _, ws, dir) = studies(url).await;
    let app = app(&store);
    let me = sign_in(&store, "onderzoeker@radar.nl", Role::Researcher).await;
    let r = send(&app, me.get(&format!("/studies/{study}/m/GM0363"))).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Amsterdam (GM0363)"));
    let r = send(
        &app,
        me.get(&format!("/studies/{study}/m/GM0363/mirror?lang=en")),
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Amsterdam"));
    // In English: the others in Amsterdam's row are counted ("–" when there are none).
    let row = r
        .body
        .split("Other municipalities in this row: ")
        .nth(1)
        .expect("the row sentence");
    assert!(
        row.starts_with("–.")
            || row
                .split(' ')
                .next()
                .is_some_and(|n| n.parse::<u32>().is_ok()),
        "{}",
        &row[..row.len().min(80)]
    );
    assert!(
        !r.body
            .contains("another municipality; another municipality")
    );
    assert!(!r.body.contains('\u{E000}'));
    // Unknown municipalities and studies are simply not there.
    let r = send(&app, me.get(&format!("/studies/{study}/m/GM9999"))).await;
    assert_eq!(r.status, 404);
    let r = send(&app, me.get("/studies/999999/m/GM0363")).await;
    assert_eq!(r.status, 404);
    ws.close().await;
    let _ = std::fs::remove_dir_all(dir);
}

async fn signed_out_contact_pages_go_to_sign_in(url: &str) {
    let f = fixture(url).await;
    let app = app(&f.store);
    for suffix in ["", "/progress", "/mirror"] {
        let path = format!("/studies/{}/m/GM0363{suffix}", f.study);
        let r = send(&app, get(&path)).await;
        assert_eq!(r.status, 303, "{path}");
        assert!(r.location().starts_with("/login?next="), "{path}");
    }
    f.store.close().await;
}
