//! Short-lived copies of forms posted without JavaScript that did not validate.

use super::{new_id, now_ms, Db};

pub const LIFETIME_MS: i64 = 30 * 60 * 1000;

/// Stores a draft for `visitor_key` and returns its id (dropping expired drafts).
pub async fn save(
    db: &Db,
    visitor_key: &str,
    form: &str,
    payload_json: &str,
    errors_json: &str,
) -> Result<String, sqlx::Error> {
    let _turn = db.write_turn().await;
    let now = now_ms();
    sqlx::query("DELETE FROM form_drafts WHERE expires_at < $1")
        .bind(now)
        .execute(&db.pool)
        .await?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO form_drafts (id, visitor_key, form, payload_json, errors_json, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(visitor_key)
    .bind(form)
    .bind(payload_json)
    .bind(errors_json)
    .bind(now + LIFETIME_MS)
    .execute(&db.pool)
    .await?;
    Ok(id)
}

/// The draft's (payload, errors) if it belongs to this visitor and form and has not expired.
pub async fn load(
    db: &Db,
    id: &str,
    visitor_key: &str,
    form: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT payload_json, errors_json FROM form_drafts \
         WHERE id = $1 AND visitor_key = $2 AND form = $3 AND expires_at >= $4",
    )
    .bind(id)
    .bind(visitor_key)
    .bind(form)
    .bind(now_ms())
    .fetch_optional(&db.pool)
    .await
}
