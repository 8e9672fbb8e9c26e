//! Rate-limit counters (see domain::rate_limit).

use super::Db;

/// Counts one hit for `key` in the window starting at `window_start` and
/// returns the hits in that window so far, this one included. One statement,
/// so concurrent requests on any app server count exactly.
pub async fn hit(db: &Db, scope: &str, key: &str, window_start: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO rate_limit_hits (scope, key, window_start, hits) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (scope, key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1 \
         RETURNING hits",
    )
    .bind(scope)
    .bind(key)
    .bind(window_start)
    .fetch_one(&db.pool)
    .await
}

/// Drops counters of windows that ended before `before_ms`.
pub async fn prune(db: &Db, before_ms: i64) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM rate_limit_hits WHERE window_start < $1")
        .bind(before_ms)
        .execute(&db.pool)
        .await
        .map(|r| r.rows_affected())
}
