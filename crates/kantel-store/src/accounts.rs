//! Accounts and sessions: researchers (all studies) and municipal contacts (one
//! municipality of one study).
//!
//! The store keeps what it is given: password hashes are made (argon2) and checked by the
//! caller, session ids are random values of which only the SHA-256 is stored, so a copy of
//! the database holds no password and no live session.

use std::fmt;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use sqlx::error::ErrorKind;

use crate::{
    RowProblem, Store, StoreError, StudyId, db_error_kind, format_rfc3339, new_token, now_rfc3339,
    row_err, sha256_hex,
};

/// The longest session [`Store::create_session`] makes: a longer lifetime is cut to this,
/// so the expiry time stays a four-digit year (text order is time order) and adding it to
/// the clock cannot overflow.
pub const MAX_SESSION_LIFETIME: Duration = Duration::from_secs(366 * 24 * 3600);

/// Database id of a user account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What an account may do.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Every study: set up, collect, analyse, report.
    Researcher,
    /// One municipality of one study: its own response progress and mirror report.
    Contact {
        /// The study.
        study: StudyId,
        /// CBS code of the municipality.
        municipality: String,
    },
}

impl Role {
    /// `researcher` or `contact`, as stored.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Researcher => "researcher",
            Role::Contact { .. } => "contact",
        }
    }
}

/// An account to create with [`Store::create_user`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// E-mail address, the login name (stored in lower case).
    pub email: String,
    /// A PHC string (argon2id) made by the caller; never a password.
    pub password_hash: String,
    /// What the account may do.
    pub role: Role,
}

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRecord {
    /// Its id.
    pub id: UserId,
    /// E-mail address in lower case.
    pub email: String,
    /// PHC string of the password hash.
    pub password_hash: String,
    /// What the account may do.
    pub role: Role,
    /// RFC 3339.
    pub created_at: String,
}

/// A live session: who is signed in, and the token every form of the session must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// The signed-in account.
    pub user: UserRecord,
    /// The session's anti-forgery token (random, shown in forms, checked on every change).
    pub csrf_token: String,
    /// RFC 3339.
    pub expires_at: String,
}

const USER_COLUMNS: &str =
    "id, email, password_hash, role, study_id, municipality_code, created_at";

fn user_from_row(row: &AnyRow) -> Result<UserRecord, StoreError> {
    let role: String = row.try_get("role")?;
    let role = match role.as_str() {
        "researcher" => Role::Researcher,
        "contact" => {
            let study: Option<i64> = row.try_get("study_id")?;
            let municipality: Option<String> = row.try_get("municipality_code")?;
            match (study, municipality) {
                (Some(study), Some(municipality)) => Role::Contact {
                    study: StudyId(study),
                    municipality,
                },
                _ => {
                    return Err(StoreError::CorruptValue {
                        what: "contact account",
                        value: role,
                    });
                }
            }
        }
        _ => {
            return Err(StoreError::CorruptValue {
                what: "role",
                value: role,
            });
        }
    };
    Ok(UserRecord {
        id: UserId(row.try_get("id")?),
        email: row.try_get("email")?,
        password_hash: row.try_get("password_hash")?,
        role,
        created_at: row.try_get("created_at")?,
    })
}

impl Store {
    /// Creates an account. E-mail addresses are unique regardless of case
    /// ([`StoreError::DuplicateEmail`]); a contact's municipality must be part of the
    /// study ([`StoreError::UnknownStudyMunicipality`]). Checking the address's form is the
    /// caller's business; an empty address or hash is refused here.
    pub async fn create_user(&self, user: &NewUser) -> Result<UserId, StoreError> {
        const OP: &str = "create_user";
        let email = user.email.trim().to_lowercase();
        if email.is_empty() {
            return Err(row_err(OP, 1, RowProblem::Empty { field: "e-mail" }));
        }
        if user.password_hash.trim().is_empty() {
            return Err(row_err(
                OP,
                1,
                RowProblem::Empty {
                    field: "password hash",
                },
            ));
        }
        let (study, municipality) = match &user.role {
            Role::Researcher => (None, None),
            Role::Contact {
                study,
                municipality,
            } => (Some(study.0), Some(municipality.clone())),
        };
        self.locate(
            async {
                let mut w = self.begin_write().await?;
                if let Some(study) = study {
                    self.lock_study(&mut w.tx, StudyId(study)).await?;
                }
                let inserted: Result<Option<i64>, sqlx::Error> = sqlx::query_scalar(
                    "INSERT INTO users \
                     (email, password_hash, role, study_id, municipality_code, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id",
                )
                .bind(&email)
                .bind(&user.password_hash)
                .bind(user.role.as_str())
                .bind(study)
                .bind(municipality.clone())
                .bind(now_rfc3339())
                .fetch_optional(&mut *w.tx)
                .await;
                let id = match inserted {
                    Ok(Some(id)) => id,
                    Ok(None) => return Err(StoreError::DuplicateEmail(email.clone())),
                    Err(e) => {
                        return Err(match (db_error_kind(&e), study, &municipality) {
                            (Some(ErrorKind::ForeignKeyViolation), Some(study), Some(code)) => {
                                StoreError::UnknownStudyMunicipality {
                                    study: StudyId(study),
                                    code: code.clone(),
                                }
                            }
                            _ => e.into(),
                        });
                    }
                };
                w.commit().await?;
                Ok(UserId(id))
            }
            .await,
        )
    }

    /// The account with this e-mail address (any case), if there is one.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
        let email = email.trim().to_lowercase();
        self.locate(
            async {
                let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(email)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }
            .await,
        )
    }

    /// All accounts, by e-mail address.
    pub async fn list_users(&self) -> Result<Vec<UserRecord>, StoreError> {
        self.locate(
            async {
                let sql = format!("SELECT {USER_COLUMNS} FROM users");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&self.pool)
                    .await?;
                let mut out = rows
                    .iter()
                    .map(user_from_row)
                    .collect::<Result<Vec<_>, _>>()?;
                out.sort_by(|a, b| a.email.cmp(&b.email));
                Ok(out)
            }
            .await,
        )
    }

    /// Replaces an account's password hash and ends its sessions.
    pub async fn set_password_hash(
        &self,
        user: UserId,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        if password_hash.trim().is_empty() {
            return Err(row_err(
                "set_password_hash",
                1,
                RowProblem::Empty {
                    field: "password hash",
                },
            ));
        }
        self.locate(
            async {
                let mut w = self.begin_write().await?;
                let updated = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(user.0)
                    .execute(&mut *w.tx)
                    .await?;
                if updated.rows_affected() == 0 {
                    w.rollback().await?;
                    return Err(StoreError::UnknownUser(user));
                }
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(user.0)
                    .execute(&mut *w.tx)
                    .await?;
                w.commit().await
            }
            .await,
        )
    }

    /// Starts a session for `user` lasting `lifetime` (at most [`MAX_SESSION_LIFETIME`]).
    /// Returns the session id to put in a cookie (shown once; only its SHA-256 is stored)
    /// and the session. Expired sessions of all users are deleted on the way.
    pub async fn create_session(
        &self,
        user: &UserRecord,
        lifetime: Duration,
    ) -> Result<(String, SessionRecord), StoreError> {
        self.locate(
            async {
                let id = new_token()?;
                let csrf_token = new_token()?;
                let now = SystemTime::now();
                let created_at = format_rfc3339(now);
                let expires_at = format_rfc3339(now + lifetime.min(MAX_SESSION_LIFETIME));
                let mut w = self.begin_write().await?;
                sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                    .bind(&created_at)
                    .execute(&mut *w.tx)
                    .await?;
                // The account may have gone since the caller read it: a session for it
                // must not appear. INSERT … SELECT inserts nothing then (no raised error).
                let inserted = sqlx::query(
                    "INSERT INTO sessions (id_sha256, user_id, csrf_token, created_at, expires_at) \
                     SELECT $1, id, $3, $4, $5 FROM users WHERE id = $2",
                )
                .bind(sha256_hex(id.as_bytes()))
                .bind(user.id.0)
                .bind(&csrf_token)
                .bind(&created_at)
                .bind(&expires_at)
                .execute(&mut *w.tx)
                .await?;
                if inserted.rows_affected() == 0 {
                    w.rollback().await?;
                    return Err(StoreError::UnknownUser(user.id));
                }
                w.commit().await?;
                Ok((
                    id,
                    SessionRecord {
                        user: user.clone(),
                        csrf_token,
                        expires_at,
                    },
                ))
            }
            .await,
        )
    }

    /// The live session with this id (as the cookie holds it); `None` for unknown, ended
    /// and expired sessions alike.
    pub async fn session(&self, id: &str) -> Result<Option<SessionRecord>, StoreError> {
        if !crate::is_hex64(id) {
            return Ok(None);
        }
        self.locate(
            async {
                let row = sqlx::query(
                    "SELECT u.id, u.email, u.password_hash, u.role, u.study_id, \
                     u.municipality_code, u.created_at, s.csrf_token, s.expires_at \
                     FROM sessions s JOIN users u ON u.id = s.user_id \
                     WHERE s.id_sha256 = $1 AND s.expires_at > $2",
                )
                .bind(sha256_hex(id.to_ascii_lowercase().as_bytes()))
                .bind(now_rfc3339())
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else { return Ok(None) };
                Ok(Some(SessionRecord {
                    user: user_from_row(&row)?,
                    csrf_token: row.try_get("csrf_token")?,
                    expires_at: row.try_get("expires_at")?,
                }))
            }
            .await,
        )
    }

    /// Ends a session (logging out). Ending an unknown session is not an error.
    pub async fn end_session(&self, id: &str) -> Result<(), StoreError> {
        if !crate::is_hex64(id) {
            return Ok(());
        }
        self.locate(
            async {
                let mut w = self.begin_write().await?;
                sqlx::query("DELETE FROM sessions WHERE id_sha256 = $1")
                    .bind(sha256_hex(id.to_ascii_lowercase().as_bytes()))
                    .execute(&mut *w.tx)
                    .await?;
                w.commit().await
            }
            .await,
        )
    }
}
