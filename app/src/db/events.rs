//! The events table: batches appended in one statement each.

use crate::domain::experiments::events::Event;
use sqlx::AssertSqlSafe;

/// Appends a batch inside the caller's transaction (the batch and its
/// conversions are stored together or not at all).
pub async fn insert_batch(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    visitor_key: Option<&str>,
    events: &[Event],
    received_at: i64,
) -> Result<u64, sqlx::Error> {
    if events.is_empty() {
        return Ok(0);
    }
    // One multi-row INSERT: a batch of 50 is one round trip, not 50.
    let rows: Vec<String> = (0..events.len())
        .map(|i| {
            let n = i * 4;
            format!("($1, ${}, ${}, ${}, ${}, $2)", n + 3, n + 4, n + 5, n + 6)
        })
        .collect();
    let sql = format!(
        "INSERT INTO events (visitor_key, kind, path, target, occurred_at, received_at) VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(AssertSqlSafe(sql))
        .bind(visitor_key.map(str::to_string))
        .bind(received_at);
    for event in events {
        query = query
            .bind(event.kind.as_str())
            .bind(event.path.clone())
            .bind(event.target.clone())
            .bind(event.at_ms);
    }
    Ok(query.execute(&mut **tx).await?.rows_affected())
}

/// Events stored (for tests and the durability check).
pub async fn count(db: &crate::db::Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM events")
        .fetch_one(&db.pool)
        .await
}
