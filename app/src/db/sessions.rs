use super::users::UserRow;
use super::{now_ms, Db};

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: &'a str,
    pub ttl_ms: i64,
    pub ip_address: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

/// Stores a session, replacing the one the browser had (rotation at login) and
/// sweeping expired sessions, all in one transaction.
pub async fn create(
    db: &Db,
    session: NewSession<'_>,
    replaces_token_hash: Option<&str>,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    let mut tx = db.pool.begin().await?;
    if let Some(old) = replaces_token_hash {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(old)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, ip_address, user_agent) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(session.token_hash)
    .bind(session.user_id)
    .bind(now)
    .bind(now + session.ttl_ms)
    .bind(session.ip_address.map(str::to_string))
    .bind(session.user_agent.map(|ua| ua.chars().take(300).collect::<String>()))
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The active user a live session belongs to.
pub async fn find_user(db: &Db, token_hash: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as::<_, UserRow>(
        "SELECT u.id, u.email, u.display_name, u.role, u.password_hash, u.active, u.created_at, u.updated_at, u.last_login_at \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1",
    )
    .bind(token_hash)
    .bind(now_ms())
    .fetch_optional(&db.pool)
    .await
}

pub async fn delete(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// Ends every session of a user except (optionally) one, e.g. after a password change.
pub async fn delete_for_user_except(
    db: &Db,
    user_id: &str,
    keep_token_hash: Option<&str>,
) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep_token_hash.unwrap_or(""))
        .execute(&db.pool)
        .await
        .map(|_| ())
}
