use super::{new_id, now_ms, Db};

/// Records who did what to whom, for the back office's audit trail.
pub async fn record(
    db: &Db,
    actor_user_id: Option<&str>,
    action: &str,
    subject: &str,
    detail: serde_json::Value,
) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "INSERT INTO audit_events (id, actor_user_id, action, subject, detail_json, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(actor_user_id.map(str::to_string))
    .bind(action)
    .bind(subject)
    .bind(detail.to_string())
    .bind(now_ms())
    .execute(&db.pool)
    .await
    .map(|_| ())
}
