//! Admin-editable settings: one JSON document per key.

use super::{now_ms, Db};

pub async fn get(db: &Db, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value_json FROM settings WHERE key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await
}

/// Stores a setting (who changed it goes to the audit trail).
pub async fn put(db: &Db, key: &str, value_json: &str) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    let stored = sqlx::query(
        "INSERT INTO settings (key, value_json, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(value_json)
    .bind(now_ms())
    .execute(&db.pool)
    .await;
    // The scoring settings are among what lead submissions keep.
    db.lead_inputs.after_write(stored).map(|_| ())
}
