//! Email the app has written, waiting for (or past) delivery.

use super::{new_id, now_ms, Db};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct OutboundEmailRow {
    pub id: String,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub kind: String,
    pub status: String,
    pub created_at: i64,
}

pub struct NewEmail<'a> {
    pub to_address: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    /// What it is for, e.g. `password_reset`.
    pub kind: &'a str,
}

pub async fn insert(db: &Db, email: NewEmail<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbound_emails (id, to_address, subject, body_text, kind, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'not_sent', $6)",
    )
    .bind(new_id())
    .bind(email.to_address)
    .bind(email.subject)
    .bind(email.body_text)
    .bind(email.kind)
    .bind(now_ms())
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// The newest emails not sent yet (at most `limit`).
pub async fn unsent(db: &Db, limit: i64) -> Result<Vec<OutboundEmailRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, to_address, subject, body_text, kind, status, created_at FROM outbound_emails \
         WHERE status = 'not_sent' ORDER BY created_at DESC, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}
