//! One-time password links (only token hashes are stored) and using one.

use super::{now_ms, Db};
use crate::domain::password_link::LinkPurpose;

/// Stores a new link for `user_id`, replacing any unused one: only the
/// newest link a person was given works.
pub async fn replace(
    db: &Db,
    user_id: &str,
    token_hash: &str,
    purpose: LinkPurpose,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM password_links WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO password_links (token_hash, user_id, purpose, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(now_ms())
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// A link that still works: its user's id and email, and its purpose.
pub async fn find_live(
    db: &Db,
    token_hash: &str,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.email, l.purpose FROM password_links l JOIN users u ON u.id = l.user_id \
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2 AND u.active = 1",
    )
    .bind(token_hash)
    .bind(now_ms())
    .fetch_optional(&db.pool)
    .await
}

/// Uses the link and sets the password in one transaction: the link is
/// claimed by a guarded update (so two tabs cannot both use it), the hash
/// stored and every session of the person ended. `None` when the link no
/// longer works.
pub async fn use_link(
    db: &Db,
    token_hash: &str,
    password_hash: &str,
) -> Result<Option<String>, sqlx::Error> {
    let now = now_ms();
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let claimed: Option<String> = sqlx::query_scalar(
        "UPDATE password_links SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
         AND user_id IN (SELECT id FROM users WHERE active = 1) RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = claimed else {
        return Ok(None);
    };
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(now)
        .bind(&user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(&user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(user_id))
}
