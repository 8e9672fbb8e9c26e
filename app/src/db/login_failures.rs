use super::{new_id, now_ms, Db};

/// A login attempt, recorded (and committed) *before* the password is
/// checked: the k-th attempt to commit sees at least k rows when it counts,
/// so parallel attempts cannot all slip under the limit. A successful login
/// clears the account's rows; an attempt refused by the throttle removes its own.
#[derive(Debug, Clone)]
pub struct RecordedAttempt {
    pub id: String,
    pub at_ms: i64,
}

pub async fn record(
    db: &Db,
    email: &str,
    ip_address: &str,
) -> Result<RecordedAttempt, sqlx::Error> {
    let _turn = db.write_turn().await;
    let attempt = RecordedAttempt {
        id: new_id(),
        at_ms: now_ms(),
    };
    sqlx::query(
        "INSERT INTO login_failures (id, email, ip_address, failed_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&attempt.id)
    .bind(email)
    .bind(ip_address)
    .bind(attempt.at_ms)
    .execute(&db.pool)
    .await?;
    Ok(attempt)
}

/// Takes back an attempt the throttle refused (it never reached the password check).
pub async fn forget(db: &Db, attempt: &RecordedAttempt) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("DELETE FROM login_failures WHERE id = $1")
        .bind(&attempt.id)
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
    let _turn = db.write_turn().await;
    sqlx::query("DELETE FROM login_failures WHERE email = $1 OR failed_at < $2")
        .bind(email)
        .bind(older_than_ms)
        .execute(&db.pool)
        .await
        .map(|_| ())
}
