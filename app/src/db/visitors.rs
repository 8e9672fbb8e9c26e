//! When the server first saw a visitor (by the hashed key of their cookie).

use super::Db;

/// Notes the first sighting; later calls for the same visitor change nothing.
pub async fn note_first_seen(db: &Db, visitor_key: &str, now: i64) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "INSERT INTO visitor_first_seen (visitor_key, first_seen_at) VALUES ($1, $2) \
         ON CONFLICT (visitor_key) DO NOTHING",
    )
    .bind(visitor_key)
    .bind(now)
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// The earliest moment the server has on record for a visitor: their first
/// sighting or their first saved ROI estimate, whichever came first.
pub async fn first_activity(db: &Db, visitor_key: &str) -> Result<Option<i64>, sqlx::Error> {
    let seen: Option<i64> =
        sqlx::query_scalar("SELECT first_seen_at FROM visitor_first_seen WHERE visitor_key = $1")
            .bind(visitor_key)
            .fetch_optional(&db.pool)
            .await?;
    let estimated: Option<i64> =
        sqlx::query_scalar("SELECT MIN(created_at) FROM roi_calculations WHERE visitor_key = $1")
            .bind(visitor_key)
            .fetch_one(&db.pool)
            .await?;
    Ok(match (seen, estimated) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    })
}
