//! The job queue's table: enqueue (inside the caller's transaction when it
//! has one), claim (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two app
//! servers never take the same job; SQLite has one writer), finish, fail,
//! and the admin's retry and cancel.

use super::{new_id, now_ms, Backend, Db};
use crate::domain::jobs::{AfterFailure, JobKind, JobState, LEASE_MS};
use sqlx::{AssertSqlSafe, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct JobRow {
    pub id: String,
    pub kind: String,
    pub payload_json: String,
    pub idempotency_key: String,
    pub state: String,
    pub attempts: i64,
    pub run_at: i64,
    pub last_error: String,
    pub started_at: i64,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

const COLUMNS: &str = "id, kind, payload_json, idempotency_key, state, attempts, run_at, \
                       last_error, started_at, created_at, finished_at";

/// Adds a job unless one with the same idempotency key exists (then nothing
/// happens: one delivery per key). Runs on whatever `executor` is given, so
/// it commits or rolls back with the caller's transaction.
pub async fn enqueue<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    kind: JobKind,
    payload_json: &str,
    idempotency_key: &str,
    run_at: i64,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO jobs (id, kind, payload_json, idempotency_key, state, attempts, run_at, \
         started_at, created_at, updated_at) VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6, $6, $6) \
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(new_id())
    .bind(kind.as_str())
    .bind(payload_json)
    .bind(idempotency_key)
    .bind(run_at)
    .bind(now)
    .execute(executor)
    .await
    .map(|_| ())
}

/// Whether a job with this idempotency key was ever enqueued.
pub async fn key_exists<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    idempotency_key: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM jobs WHERE idempotency_key = $1")
        .bind(idempotency_key)
        .fetch_one(executor)
        .await
        .map(|n| n > 0)
}

/// Claims the job due first among `kinds` for `worker`, counting the attempt;
/// a running job whose lease ran out (its worker died) is due again.
pub async fn claim_next(
    db: &Db,
    worker: &str,
    kinds: &[JobKind],
) -> Result<Option<JobRow>, sqlx::Error> {
    if kinds.is_empty() {
        return Ok(None);
    }
    let now = now_ms();
    let kind_list = kinds
        .iter()
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let lock = match db.backend {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    // The kinds are our own constants (never user input), so they are
    // written into the statement.
    let sql = format!(
        "UPDATE jobs SET state = 'running', locked_by = $1, locked_until = $2, \
         attempts = attempts + 1, updated_at = $3 \
         WHERE id = (SELECT id FROM jobs WHERE kind IN ({kind_list}) \
           AND ((state = 'queued' AND run_at <= $3) OR (state = 'running' AND locked_until < $3)) \
           ORDER BY run_at, id LIMIT 1 {lock}) \
         RETURNING {COLUMNS}"
    );
    let _turn = db.write_turn().await;
    sqlx::query_as::<_, JobRow>(AssertSqlSafe(sql))
        .bind(worker)
        .bind(now + LEASE_MS)
        .bind(now)
        .fetch_optional(&db.pool)
        .await
}

/// The job is done (only if `worker` still holds it).
pub async fn finish(db: &Db, id: &str, worker: &str) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let _turn = db.write_turn().await;
    let done = sqlx::query(
        "UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL, last_error = '', \
         finished_at = $1, updated_at = $1 WHERE id = $2 AND state = 'running' AND locked_by = $3",
    )
    .bind(now)
    .bind(id)
    .bind(worker)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The attempt failed: wait and try again, or give up.
pub async fn fail(
    db: &Db,
    id: &str,
    worker: &str,
    error: &str,
    next: AfterFailure,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    let (state, run_at, finished_at) = match next {
        AfterFailure::RetryAt(at) => (JobState::Queued, at, None),
        AfterFailure::GiveUp => (JobState::Dead, now, Some(now)),
    };
    let error: String = error.chars().take(1_000).collect();
    let _turn = db.write_turn().await;
    sqlx::query(
        "UPDATE jobs SET state = $1, run_at = $2, finished_at = $3, last_error = $4, \
         locked_by = NULL, locked_until = NULL, updated_at = $5 \
         WHERE id = $6 AND state = 'running' AND locked_by = $7",
    )
    .bind(state.as_str())
    .bind(run_at)
    .bind(finished_at)
    .bind(&error)
    .bind(now)
    .bind(id)
    .bind(worker)
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// Admins: a job that gave up or was cancelled runs again now, with a fresh
/// run of attempts. False when it is in another state.
pub async fn retry(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let _turn = db.write_turn().await;
    let changed = sqlx::query(
        "UPDATE jobs SET state = 'queued', run_at = $1, started_at = $1, attempts = 0, \
         finished_at = NULL, updated_at = $1 WHERE id = $2 AND state IN ('dead', 'cancelled')",
    )
    .bind(now)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// Admins: a waiting job will not run. False when it is in another state.
pub async fn cancel(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let _turn = db.write_turn().await;
    let changed = sqlx::query(
        "UPDATE jobs SET state = 'cancelled', finished_at = $1, updated_at = $1 \
         WHERE id = $2 AND state = 'queued'",
    )
    .bind(now)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// The newest jobs, optionally in one state (at most `limit`). Without a
/// state, periodic jobs that simply ran are left out: a reply-time check
/// every five minutes would bury the emails and webhooks.
pub async fn list(
    db: &Db,
    state: Option<JobState>,
    limit: i64,
) -> Result<Vec<JobRow>, sqlx::Error> {
    sqlx::query_as::<_, JobRow>(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM jobs WHERE ($1 = '' OR state = $1) \
         AND NOT ($1 = '' AND {ROUTINE_DONE}) \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    )))
    .bind(state.map_or("", JobState::as_str))
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Which jobs the unfiltered list leaves out: periodic checks that simply
/// ran (a reply-time check every five minutes would bury the emails and
/// webhooks). `list` and `listed_count` share it, so "All (n)" counts what
/// "All" shows.
const ROUTINE_DONE: &str = "state = 'done' AND kind IN ('media_sweep', 'sla_check')";

/// How many jobs the unfiltered list holds (routine checks that ran left out).
pub async fn listed_count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM jobs WHERE NOT ({ROUTINE_DONE})"
    )))
    .fetch_one(&db.pool)
    .await
}

/// How many jobs are in each state.
pub async fn counts(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT state, COUNT(*) FROM jobs GROUP BY state")
        .fetch_all(&db.pool)
        .await
}

/// Drops finished periodic jobs older than `before` (one a day and one every
/// few minutes would otherwise pile up); emails' jobs are kept as their log.
pub async fn prune_periodic(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "DELETE FROM jobs WHERE kind IN ('media_sweep', 'sla_check') \
         AND state IN ('done', 'cancelled') AND finished_at < $1",
    )
    .bind(before)
    .execute(&db.pool)
    .await
    .map(|r| r.rows_affected())
}
