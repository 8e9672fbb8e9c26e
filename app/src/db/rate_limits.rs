//! Rate-limit counters (see domain::rate_limit).

use super::Db;
use sqlx::AssertSqlSafe;

/// Counts one hit for `key` in each `(scope, window_start)` and returns the
/// hits in each window so far, this one included, in the order given. One
/// statement (one commit, or part of the caller's transaction), so concurrent requests on any app server count exactly.
pub async fn hit_all<'e, E>(
    executor: E,
    key: &str,
    windows: &[(&str, i64)],
) -> Result<Vec<(String, i64)>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let rows: Vec<String> = (0..windows.len())
        .map(|i| format!("(${}, $1, ${}, 1)", 2 * i + 2, 2 * i + 3))
        .collect();
    let sql = format!(
        "INSERT INTO rate_limit_hits (scope, key, window_start, hits) VALUES {} \
         ON CONFLICT (scope, key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1 \
         RETURNING scope, hits",
        rows.join(", ")
    );
    let mut query = sqlx::query_as::<_, (String, i64)>(AssertSqlSafe(sql)).bind(key);
    for (scope, window_start) in windows {
        query = query.bind(*scope).bind(*window_start);
    }
    query.fetch_all(executor).await
}

/// Drops counters of windows that ended before `before_ms`.
pub async fn prune(db: &Db, before_ms: i64) -> Result<u64, sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("DELETE FROM rate_limit_hits WHERE window_start < $1")
        .bind(before_ms)
        .execute(&db.pool)
        .await
        .map(|r| r.rows_affected())
}
