//! Accounts and sessions (researchers and municipal contacts). Every scenario is one async
//! function of a database URL, run by `on_every_backend!` on a temporary SQLite file, on
//! `sqlite::memory:`, and on a fresh PostgreSQL database when `KANTEL_TEST_PG_URL` is set
//! (see scripts/with-postgres.sh).

#[macro_use]
mod support;

use std::time::Duration;

use kantel_store::{
    MAX_SESSION_LIFETIME, NewUser, Role, RowProblem, Store, StoreError, StudyId, UserId,
    UserRecord, format_rfc3339, sha256_hex,
};
use support::*;

on_every_backend!(
    users_are_unique_by_email_in_any_case,
    contacts_belong_to_a_municipality_of_their_study,
    sessions_live_until_they_end_or_expire,
    malformed_and_unknown_session_ids_find_nothing,
    new_password_ends_the_accounts_sessions,
    expired_sessions_are_cleared_when_a_session_starts,
    unknown_accounts_and_empty_fields_are_refused,
    session_lifetimes_are_capped,
);

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
const DAY: Duration = Duration::from_secs(24 * 3600);

fn user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.to_owned(),
        password_hash: HASH.to_owned(),
        role,
    }
}

fn contact(study: StudyId, code: &str) -> Role {
    Role::Contact {
        study,
        municipality: code.to_owned(),
    }
}

async fn researcher(store: &Store, email: &str) -> UserRecord {
    store
        .create_user(&user(email, Role::Researcher))
        .await
        .unwrap();
    store.user_by_email(email).await.unwrap().unwrap()
}

async fn session_rows(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

// ------------------------------------------------------------------ scenarios

async fn users_are_unique_by_email_in_any_case(url: &str) {
    let store = Store::open(url).await.unwrap();
    assert!(store.list_users().await.unwrap().is_empty());
    assert!(
        store
            .user_by_email("ana@example.nl")
            .await
            .unwrap()
            .is_none()
    );

    let id = store
        .create_user(&user("  Ana@Example.NL ", Role::Researcher))
        .await
        .unwrap();
    let ana = store
        .user_by_email("ANA@example.nl")
        .await
        .unwrap()
        .expect("found in another case");
    assert_eq!(ana.id, id);
    assert_eq!(ana.email, "ana@example.nl");
    assert_eq!(ana.password_hash, HASH);
    assert_eq!(ana.role, Role::Researcher);
    assert_eq!(ana.created_at.len(), "2026-01-01T00:00:00.000000Z".len());
    assert_eq!(
        store.user_by_email(" ana@example.nl").await.unwrap(),
        Some(ana.clone())
    );

    // The same address in another case is the same account.
    let again = store
        .create_user(&user("ana@EXAMPLE.nl", Role::Researcher))
        .await;
    assert!(
        matches!(&again, Err(StoreError::DuplicateEmail(e)) if e == "ana@example.nl"),
        "{again:?}"
    );
    // The failed insert left the store usable (a PostgreSQL transaction would not be).
    let bob = store
        .create_user(&user("bob@example.nl", Role::Researcher))
        .await
        .unwrap();
    assert_ne!(bob, id);
    let emails: Vec<String> = store
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(emails, ["ana@example.nl", "bob@example.nl"]);
    assert!(
        store
            .user_by_email("carol@example.nl")
            .await
            .unwrap()
            .is_none()
    );
    store.close().await;
}

async fn contacts_belong_to_a_municipality_of_their_study(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let other = store.create_study("other", "").await.unwrap();
    store
        .upsert_municipalities(other, &[municipality("GM0599", "Rotterdam", 655_468, None)])
        .await
        .unwrap();

    let id = store
        .create_user(&user("wethouder@amsterdam.nl", contact(study, "GM0363")))
        .await
        .unwrap();
    let found = store
        .user_by_email("wethouder@amsterdam.nl")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, id);
    assert_eq!(found.role, contact(study, "GM0363"));
    assert_eq!(found.role.as_str(), "contact");
    assert_eq!(Role::Researcher.as_str(), "researcher");

    // Rotterdam takes part in the other study, not in this one.
    let wrong = store
        .create_user(&user("x@rotterdam.nl", contact(study, "GM0599")))
        .await;
    assert!(
        matches!(
            &wrong,
            Err(StoreError::UnknownStudyMunicipality { study: s, code })
                if *s == study && code == "GM0599"
        ),
        "{wrong:?}"
    );
    let missing = StudyId(study.0 + other.0 + 1000);
    assert!(matches!(
        store
            .create_user(&user("y@example.nl", contact(missing, "GM0363")))
            .await,
        Err(StoreError::UnknownStudy(s)) if s == missing
    ));
    // Nothing of the refused accounts was stored, and the store still writes.
    assert_eq!(store.list_users().await.unwrap().len(), 1);
    store
        .create_user(&user("x@rotterdam.nl", contact(other, "GM0599")))
        .await
        .unwrap();
    let roles: Vec<Role> = store
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.role)
        .collect();
    assert_eq!(
        roles,
        [contact(study, "GM0363"), contact(other, "GM0599")],
        "by e-mail address: wethouder@… before x@…"
    );
    store.close().await;
}

async fn sessions_live_until_they_end_or_expire(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let ana = researcher(&store, "ana@example.nl").await;
    store
        .create_user(&user("c@groningen.nl", contact(study, "GM0014")))
        .await
        .unwrap();
    let carol = store
        .user_by_email("c@groningen.nl")
        .await
        .unwrap()
        .unwrap();

    let (id, started) = store.create_session(&ana, DAY).await.unwrap();
    assert_eq!(id.len(), 64);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(started.user, ana);
    assert_eq!(started.csrf_token.len(), 64);
    assert_ne!(started.csrf_token, id);
    assert!(started.expires_at > kantel_store::now_rfc3339());

    let found = store.session(&id).await.unwrap().expect("live session");
    assert_eq!(found, started);
    // The cookie may come back in upper case; it names the same session.
    assert_eq!(
        store.session(&id.to_ascii_uppercase()).await.unwrap(),
        Some(started.clone())
    );

    // Only the digest of the session id is stored.
    let stored: Vec<String> = sqlx::query_scalar("SELECT id_sha256 FROM sessions")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(stored, [sha256_hex(id.as_bytes())]);

    // A contact's session carries the contact's municipality.
    let (carol_id, carol_session) = store.create_session(&carol, DAY).await.unwrap();
    assert_ne!(carol_id, id);
    assert_ne!(carol_session.csrf_token, started.csrf_token);
    let found = store.session(&carol_id).await.unwrap().unwrap();
    assert_eq!(found.user.role, contact(study, "GM0014"));

    // A session with no lifetime has expired when it is looked up.
    let (expired, _) = store.create_session(&ana, Duration::ZERO).await.unwrap();
    assert_eq!(store.session(&expired).await.unwrap(), None);

    // Ending one session leaves the others.
    store.end_session(&id).await.unwrap();
    assert_eq!(store.session(&id).await.unwrap(), None);
    assert!(store.session(&carol_id).await.unwrap().is_some());
    // Ending it again, or a session that never was, is not an error.
    store.end_session(&id).await.unwrap();
    store.end_session(&"0".repeat(64)).await.unwrap();
    store.end_session("not a session").await.unwrap();
    assert!(store.session(&carol_id).await.unwrap().is_some());
    store.close().await;
}

async fn malformed_and_unknown_session_ids_find_nothing(url: &str) {
    let store = Store::open(url).await.unwrap();
    let ana = researcher(&store, "ana@example.nl").await;
    let (id, _) = store.create_session(&ana, DAY).await.unwrap();
    let digest = sha256_hex(id.as_bytes());
    for bad in [
        String::new(),
        "x".to_owned(),
        id[..63].to_owned(),
        format!("{id}0"),
        format!("{}g", &id[..63]),
        format!(" {}", &id[..63]),
        "0".repeat(64),
        // The stored digest is not a session id: presenting it hashes it again.
        digest,
        "' OR 1=1 --".to_owned(),
    ] {
        assert_eq!(store.session(&bad).await.unwrap(), None, "{bad:?}");
    }
    assert!(store.session(&id).await.unwrap().is_some());
    store.close().await;
}

async fn new_password_ends_the_accounts_sessions(url: &str) {
    let store = Store::open(url).await.unwrap();
    let ana = researcher(&store, "ana@example.nl").await;
    let bob = researcher(&store, "bob@example.nl").await;
    let (ana1, _) = store.create_session(&ana, DAY).await.unwrap();
    let (ana2, _) = store.create_session(&ana, DAY).await.unwrap();
    let (bob1, _) = store.create_session(&bob, DAY).await.unwrap();

    let new_hash = "$argon2id$v=19$m=19456,t=2,p=1$bmlldXdlc2FsdA$bmlldXdlaGFzaA";
    store.set_password_hash(ana.id, new_hash).await.unwrap();
    let ana_now = store
        .user_by_email("ana@example.nl")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ana_now.password_hash, new_hash);
    assert_eq!(store.session(&ana1).await.unwrap(), None);
    assert_eq!(store.session(&ana2).await.unwrap(), None);
    // Another account's password and sessions stay.
    assert!(store.session(&bob1).await.unwrap().is_some());
    let bob_now = store
        .user_by_email("bob@example.nl")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bob_now.password_hash, HASH);

    // Signing in again after the change works.
    let (ana3, _) = store.create_session(&ana_now, DAY).await.unwrap();
    assert_eq!(
        store
            .session(&ana3)
            .await
            .unwrap()
            .unwrap()
            .user
            .password_hash,
        new_hash
    );
    store.close().await;
}

async fn expired_sessions_are_cleared_when_a_session_starts(url: &str) {
    let store = Store::open(url).await.unwrap();
    let ana = researcher(&store, "ana@example.nl").await;
    let bob = researcher(&store, "bob@example.nl").await;
    store.create_session(&ana, Duration::ZERO).await.unwrap();
    store.create_session(&bob, Duration::ZERO).await.unwrap();
    let (live, _) = store.create_session(&bob, DAY).await.unwrap();
    // The zero-lifetime sessions expired before the third was made, and went.
    assert_eq!(session_rows(&store).await, 1);
    assert!(store.session(&live).await.unwrap().is_some());
    store.close().await;
}

async fn unknown_accounts_and_empty_fields_are_refused(url: &str) {
    let store = Store::open(url).await.unwrap();
    for (email, hash, field) in [
        ("", HASH, "e-mail"),
        ("   ", HASH, "e-mail"),
        ("ana@example.nl", "", "password hash"),
        ("ana@example.nl", " ", "password hash"),
    ] {
        let got = store
            .create_user(&NewUser {
                email: email.to_owned(),
                password_hash: hash.to_owned(),
                role: Role::Researcher,
            })
            .await;
        assert!(
            matches!(
                &got,
                Err(StoreError::Row { problem: RowProblem::Empty { field: f }, .. }) if *f == field
            ),
            "{email:?} {hash:?}: {got:?}"
        );
    }
    assert!(store.list_users().await.unwrap().is_empty());

    let ana = researcher(&store, "ana@example.nl").await;
    assert!(matches!(
        store.set_password_hash(ana.id, "").await,
        Err(StoreError::Row {
            problem: RowProblem::Empty {
                field: "password hash"
            },
            ..
        })
    ));
    let (live, _) = store.create_session(&ana, DAY).await.unwrap();
    assert!(store.session(&live).await.unwrap().is_some());

    // An account that does not exist gets no new password and no session.
    let missing = UserId(ana.id.0 + 1000);
    assert!(matches!(
        store.set_password_hash(missing, HASH).await,
        Err(StoreError::UnknownUser(u)) if u == missing
    ));
    let ghost = UserRecord {
        id: missing,
        ..ana.clone()
    };
    assert!(matches!(
        store.create_session(&ghost, DAY).await,
        Err(StoreError::UnknownUser(u)) if u == missing
    ));
    assert_eq!(session_rows(&store).await, 1);
    assert!(store.session(&live).await.unwrap().is_some());
    store.close().await;
}

async fn session_lifetimes_are_capped(url: &str) {
    let store = Store::open(url).await.unwrap();
    let ana = researcher(&store, "ana@example.nl").await;
    let before = std::time::SystemTime::now();
    let (id, session) = store.create_session(&ana, Duration::MAX).await.unwrap();
    let after = std::time::SystemTime::now();
    assert!(session.expires_at >= format_rfc3339(before + MAX_SESSION_LIFETIME));
    assert!(session.expires_at <= format_rfc3339(after + MAX_SESSION_LIFETIME));
    assert!(store.session(&id).await.unwrap().is_some());
    store.close().await;
}
