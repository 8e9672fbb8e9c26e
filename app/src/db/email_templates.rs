//! Edited email templates (rows exist only for edited ones) and the key
//! that signs unsubscribe links.

use super::{now_ms, Db};
use crate::domain::email_templates::{TemplateKey, TemplateSource};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct EmailTemplateRow {
    pub key: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub updated_at: i64,
    pub updated_by_name: Option<String>,
}

const SELECT: &str = "SELECT t.key, t.subject, t.body_text, t.body_html, t.updated_at, \
    u.display_name AS updated_by_name FROM email_templates t LEFT JOIN users u ON u.id = t.updated_by";

pub async fn all(db: &Db) -> Result<Vec<EmailTemplateRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY t.key")))
        .fetch_all(&db.pool)
        .await
}

pub async fn get(db: &Db, key: TemplateKey) -> Result<Option<EmailTemplateRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE t.key = $1")))
        .bind(key.as_str())
        .fetch_optional(&db.pool)
        .await
}

pub async fn put(
    db: &Db,
    key: TemplateKey,
    source: &TemplateSource,
    user_id: &str,
) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    let stored = sqlx::query(
        "INSERT INTO email_templates (key, subject, body_text, body_html, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO UPDATE SET subject = excluded.subject, \
         body_text = excluded.body_text, body_html = excluded.body_html, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(key.as_str())
    .bind(&source.subject)
    .bind(&source.body_text)
    .bind(&source.body_html)
    .bind(now_ms())
    .bind(user_id)
    .execute(&db.pool)
    .await;
    // The new-lead email is among what lead submissions keep.
    db.lead_inputs.after_write(stored).map(|_| ())
}

/// Back to the default; `false` when it was not edited.
pub async fn delete(db: &Db, key: TemplateKey) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let deleted = sqlx::query("DELETE FROM email_templates WHERE key = $1")
        .bind(key.as_str())
        .execute(&db.pool)
        .await;
    db.lead_inputs
        .after_write(deleted)
        .map(|r| r.rows_affected() == 1)
}

const SIGNING_KEY: &str = "signing_key";

/// The key that signs unsubscribe links: made once, on first use, and kept
/// in the database so every app server signs and checks alike.
pub async fn signing_key(db: &Db) -> Result<Vec<u8>, sqlx::Error> {
    if let Some(key) = super::settings::get(db, SIGNING_KEY).await? {
        return Ok(key.into_bytes());
    }
    let fresh = serde_json::to_string(&crate::auth::session_token::generate().token)
        .expect("a string serialises");
    {
        let _turn = db.write_turn().await;
        sqlx::query(
            "INSERT INTO settings (key, value_json, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(SIGNING_KEY)
        .bind(&fresh)
        .bind(now_ms())
        .execute(&db.pool)
        .await?;
    }
    // Whoever inserted first wins; everyone reads the same key.
    Ok(super::settings::get(db, SIGNING_KEY)
        .await?
        .unwrap_or(fresh)
        .into_bytes())
}
