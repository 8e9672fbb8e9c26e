//! Email the app has written, waiting for (or past) delivery.

use super::{new_id, now_ms, Db};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct OutboundEmailRow {
    pub id: String,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub unsubscribe_url: String,
    pub kind: String,
    pub status: String,
    pub created_at: i64,
}

#[derive(Default)]
pub struct NewEmail<'a> {
    pub to_address: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    /// The HTML alternative; empty for plain text only.
    pub body_html: &'a str,
    /// Marketing email only: the one-click unsubscribe address.
    pub unsubscribe_url: &'a str,
    /// What it is for, e.g. `password_reset`.
    pub kind: &'a str,
    /// The sending job's idempotency key, when the email must exist once
    /// per cause (a sequence step); by default one of its own.
    pub send_key: Option<&'a str>,
}

/// Stores the email and, in the same transaction, the job that sends it
/// (it waits in the queue while no mail server is configured).
pub async fn insert(db: &Db, email: NewEmail<'_>) -> Result<String, sqlx::Error> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let id = insert_in(&mut tx, email).await?;
    tx.commit().await?;
    Ok(id)
}

/// Stores the email and its sending job inside the caller's transaction, so
/// they exist exactly when the change that caused them does.
pub async fn insert_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    email: NewEmail<'_>,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let payload = serde_json::json!({ "email_id": id }).to_string();
    sqlx::query(
        "INSERT INTO outbound_emails (id, to_address, subject, body_text, body_html, unsubscribe_url, \
         kind, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'not_sent', $8)",
    )
    .bind(&id)
    .bind(email.to_address)
    .bind(email.subject)
    .bind(email.body_text)
    .bind(email.body_html)
    .bind(email.unsubscribe_url)
    .bind(email.kind)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    super::jobs::enqueue(
        &mut **tx,
        crate::domain::jobs::JobKind::SendEmail,
        &payload,
        &email
            .send_key
            .map_or_else(|| format!("email-{id}"), str::to_string),
        now_ms(),
    )
    .await?;
    Ok(id)
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<OutboundEmailRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, to_address, subject, body_text, body_html, unsubscribe_url, kind, status, created_at \
         FROM outbound_emails \
         WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// The emails with these ids (those that still exist), in one query.
pub async fn by_ids(db: &Db, ids: &[String]) -> Result<Vec<OutboundEmailRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // `$n` placeholders by hand: the Any driver's query builder writes `?`,
    // which PostgreSQL does not read.
    let sql = format!(
        "SELECT id, to_address, subject, body_text, body_html, unsubscribe_url, kind, status, \
         created_at FROM outbound_emails WHERE id IN ({})",
        super::placeholders(ids.len())
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id);
    }
    query.fetch_all(&db.pool).await
}

pub async fn mark_sent(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("UPDATE outbound_emails SET status = 'sent', sent_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(id)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// Delivery was given up (the job is dead; an admin may retry it).
pub async fn mark_failed(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("UPDATE outbound_emails SET status = 'failed' WHERE id = $1 AND status <> 'sent'")
        .bind(id)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// The newest emails not sent yet, waiting or given up (at most `limit`).
pub async fn unsent(db: &Db, limit: i64) -> Result<Vec<OutboundEmailRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, to_address, subject, body_text, body_html, unsubscribe_url, kind, status, created_at \
         FROM outbound_emails \
         WHERE status <> 'sent' ORDER BY created_at DESC, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}
