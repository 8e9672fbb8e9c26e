use super::{new_id, now_ms, Db};

pub async fn record(db: &Db, email: &str, ip_address: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO login_failures (id, email, ip_address, failed_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(new_id())
    .bind(email)
    .bind(ip_address)
    .bind(now_ms())
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// Failure times for an email since `since_ms`.
pub async fn for_email_since(db: &Db, email: &str, since_ms: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT failed_at FROM login_failures WHERE email = $1 AND failed_at >= $2")
        .bind(email)
        .bind(since_ms)
        .fetch_all(&db.pool)
        .await
}

/// Failure times from a client address since `since_ms`.
pub async fn for_ip_since(
    db: &Db,
    ip_address: &str,
    since_ms: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT failed_at FROM login_failures WHERE ip_address = $1 AND failed_at >= $2",
    )
    .bind(ip_address)
    .bind(since_ms)
    .fetch_all(&db.pool)
    .await
}

/// A successful login clears that account's failures and prunes old rows.
pub async fn clear_for_email(db: &Db, email: &str, older_than_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE email = $1 OR failed_at < $2")
        .bind(email)
        .bind(older_than_ms)
        .execute(&db.pool)
        .await
        .map(|_| ())
}
