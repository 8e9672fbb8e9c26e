//! The figures of a staff member's start page: leads waiting for a first
//! reply, the open pipeline by step, this month's outcomes and the weekly
//! intake, each one aggregate query, for one consultant or everyone.

use super::Db;

/// A lead still at "new", oldest first.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WaitingRow {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
    pub tier: String,
    pub created_at: i64,
}

/// Leads nobody has contacted yet, oldest first, and how many there are.
pub async fn waiting(
    db: &Db,
    consultant_id: Option<&str>,
    limit: i64,
) -> Result<(Vec<WaitingRow>, i64), sqlx::Error> {
    let rows = sqlx::query_as::<_, WaitingRow>(
        "SELECT id, first_name, last_name, company_name, tier, created_at FROM leads \
         WHERE status = 'new' AND ($1 IS NULL OR assigned_consultant_id = $1) \
         ORDER BY created_at, id LIMIT $2",
    )
    .bind(consultant_id.map(str::to_string))
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM leads WHERE status = 'new' \
         AND ($1 IS NULL OR assigned_consultant_id = $1)",
    )
    .bind(consultant_id.map(str::to_string))
    .fetch_one(&db.pool)
    .await?;
    Ok((rows, total))
}

/// (status, count) of open leads.
pub async fn open_by_status(
    db: &Db,
    consultant_id: Option<&str>,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (String, i64)>(
        "SELECT status, COUNT(*) FROM leads WHERE status NOT IN ('won', 'lost') \
         AND ($1 IS NULL OR assigned_consultant_id = $1) GROUP BY status",
    )
    .bind(consultant_id.map(str::to_string))
    .fetch_all(&db.pool)
    .await
}

/// Since `since_ms`: leads received, leads won, and the won value (minor units).
pub async fn outcomes_since(
    db: &Db,
    consultant_id: Option<&str>,
    since_ms: i64,
) -> Result<(i64, i64, i64), sqlx::Error> {
    sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT \
           COALESCE(SUM(CASE WHEN created_at >= $1 THEN 1 ELSE 0 END), 0), \
           COALESCE(SUM(CASE WHEN status = 'won' AND closed_at >= $1 THEN 1 ELSE 0 END), 0), \
           CAST(COALESCE(SUM(CASE WHEN status = 'won' AND closed_at >= $1 \
             THEN COALESCE(actual_value_minor, estimated_value_minor, 0) ELSE 0 END), 0) AS BIGINT) \
         FROM leads WHERE ($2 IS NULL OR assigned_consultant_id = $2) \
           AND (created_at >= $1 OR closed_at >= $1)",
    )
    .bind(since_ms)
    .bind(consultant_id.map(str::to_string))
    .fetch_one(&db.pool)
    .await
}

/// (week index from `since_ms`, count) of leads received, weeks of 7 days.
pub async fn weekly_intake(
    db: &Db,
    consultant_id: Option<&str>,
    since_ms: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>(
        "SELECT CAST((created_at - $1) / 604800000 AS BIGINT) AS week, COUNT(*) FROM leads \
         WHERE created_at >= $1 AND ($2 IS NULL OR assigned_consultant_id = $2) \
         GROUP BY week ORDER BY week",
    )
    .bind(since_ms)
    .bind(consultant_id.map(str::to_string))
    .fetch_all(&db.pool)
    .await
}
