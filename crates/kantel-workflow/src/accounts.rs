//! Accounts of researchers and municipal contacts: adding them, signing in and out.
//!
//! Passwords are hashed with Argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes) into
//! PHC strings; the store keeps only those. Sessions are server-side: the cookie holds a
//! random id of which the store keeps only the SHA-256, so ending a session (logout, a new
//! password) takes effect at once.

use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use kantel_i18n::msg;
use kantel_store::{NewUser, Role, SessionRecord, Store, UserId, UserRecord};

use crate::WorkflowError;

/// How long a sign-in lasts: a working day.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(10 * 3600);

/// Shortest password accepted (NIST SP 800-63B asks at least 8; researchers hold
/// respondents' answers, so a little more).
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Longest password accepted: hashing is linear in its length, and a megabyte "password"
/// would be a cheap way to keep the server busy.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Hashes a password into an Argon2id PHC string (random salt). Deliberately slow: call
/// it off the async executor (`spawn_blocking`) in a server.
pub fn hash_password(password: &str) -> Result<String, WorkflowError> {
    check_password(password)?;
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| WorkflowError::Msg(msg!("wf-password-hash", error = e.to_string())))
}

/// Whether `password` matches the PHC string `hash`. A malformed stored hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return false;
    }
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

fn check_password(password: &str) -> Result<(), WorkflowError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(WorkflowError::Msg(msg!(
            "wf-password-short",
            min = MIN_PASSWORD_CHARS
        )));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(WorkflowError::Msg(msg!(
            "wf-password-long",
            max = MAX_PASSWORD_CHARS
        )));
    }
    Ok(())
}

/// Checks the form of an e-mail address (one `@`, something on both sides, a dot in the
/// domain, no spaces); whether it exists is the mail server's business.
pub fn check_email(email: &str) -> Result<String, WorkflowError> {
    let email = email.trim();
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
                && email.len() <= 254
        }
        None => false,
    };
    if ok {
        Ok(email.to_lowercase())
    } else {
        Err(WorkflowError::Msg(msg!("wf-email-invalid", email = email)))
    }
}

/// Adds an account. A contact's municipality must be part of the study (by CBS code).
pub async fn add_user(
    store: &Store,
    email: &str,
    password: &str,
    role: Role,
) -> Result<UserId, WorkflowError> {
    let email = check_email(email)?;
    let password_hash = hash_password(password)?;
    Ok(store
        .create_user(&NewUser {
            email,
            password_hash,
            role,
        })
        .await?)
}

/// A hash of a password nobody has, checked when the e-mail address is unknown so that a
/// failed sign-in takes as long whether or not the account exists.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        Argon2::default()
            .hash_password(b"kantel decoy password that is never valid")
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// Signs in: the new session's cookie value and the session, or `None` when the e-mail
/// address or the password is wrong (the caller cannot tell which, and neither can a
/// stopwatch). Hashing is CPU-bound: a server calls this inside `spawn_blocking` or
/// accepts one blocked worker for ~50 ms.
pub async fn login(
    store: &Store,
    email: &str,
    password: &str,
) -> Result<Option<(String, SessionRecord)>, WorkflowError> {
    let user = store.user_by_email(email).await?;
    let hash = user
        .as_ref()
        .map_or_else(|| decoy_hash().to_owned(), |u| u.password_hash.clone());
    let password = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    match user {
        Some(user) if matches => Ok(Some(store.create_session(&user, SESSION_LIFETIME).await?)),
        _ => Ok(None),
    }
}

/// The live session a cookie names, if any.
pub async fn session(store: &Store, cookie: &str) -> Result<Option<SessionRecord>, WorkflowError> {
    Ok(store.session(cookie).await?)
}

/// Ends the session a cookie names.
pub async fn logout(store: &Store, cookie: &str) -> Result<(), WorkflowError> {
    Ok(store.end_session(cookie).await?)
}

/// Whether `user` may see `municipality` of `study`: researchers see everything, a contact
/// only their own municipality of their own study.
pub fn may_see_municipality(
    user: &UserRecord,
    study: kantel_store::StudyId,
    municipality: &str,
) -> bool {
    match &user.role {
        Role::Researcher => true,
        Role::Contact {
            study: s,
            municipality: m,
        } => *s == study && m == municipality,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let a = hash_password("correct horse battery").unwrap();
        let b = hash_password("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "a random salt per hash");
        assert!(verify_password("correct horse battery", &a));
        assert!(!verify_password("correct horse batterY", &a));
        assert!(!verify_password(
            "correct horse battery",
            "not a phc string"
        ));
    }

    #[test]
    fn short_and_huge_passwords_are_refused() {
        assert!(hash_password("kort").is_err());
        assert!(hash_password(&"x".repeat(MAX_PASSWORD_CHARS + 1)).is_err());
        assert!(!verify_password(
            &"x".repeat(MAX_PASSWORD_CHARS + 1),
            decoy_hash()
        ));
    }

    #[test]
    fn email_forms() {
        assert_eq!(
            check_email(" Onderzoeker@Radar.NL ").unwrap(),
            "onderzoeker@radar.nl"
        );
        for bad in [
            "",
            "geen-apenstaart",
            "@radar.nl",
            "a@b",
            "a b@c.nl",
            "a@.nl",
            "a@b.nl.",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
    }
}
