//! Experiments, their arms, exposures (the stored assignment of each
//! visitor) and conversions. Documents and settings are JSON the service
//! has parsed; nothing here reads them. Results are aggregated here, in SQL.

use super::{new_id, now_ms, Backend, Db};
use crate::domain::experiments::tally::DayTally;
use crate::domain::experiments::Goal;
use sqlx::{AssertSqlSafe, FromRow};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a page's live experiment, once read, is trusted. A pure cache:
/// this process forgets it at once when it changes an experiment; another
/// app server on the same database notices a start, pause, stop or
/// promotion within this long.
pub const LIVE_TTL: Duration = Duration::from_secs(2);

/// A page's running experiment and its arms (or that it has none).
#[derive(Debug, Clone)]
pub struct LiveExperiment {
    pub experiment: ExperimentRow,
    pub arms: Vec<ArmRow>,
}

/// When a page's running experiment was read, and what it was.
type LiveEntry = (Instant, Option<Arc<LiveExperiment>>);

/// When the visit-goal paths were read, and what they were.
type VisitPaths = (Instant, Arc<Vec<String>>);

/// Page id → its live entry; and the paths that visit goals of running
/// experiments name (every page view with a visitor cookie asks).
#[derive(Debug, Clone, Default)]
pub struct LiveCache {
    pages: Arc<Mutex<HashMap<String, LiveEntry>>>,
    visit_paths: Arc<Mutex<Option<VisitPaths>>>,
}

impl LiveCache {
    fn get(&self, page_id: &str) -> Option<Option<Arc<LiveExperiment>>> {
        let map = self.pages.lock().ok()?;
        map.get(page_id)
            .filter(|(at, _)| at.elapsed() < LIVE_TTL)
            .map(|(_, live)| live.clone())
    }

    fn put(&self, page_id: &str, live: Option<Arc<LiveExperiment>>) {
        if let Ok(mut map) = self.pages.lock() {
            // Bounded by the number of pages; stale entries are replaced.
            if map.len() > 10_000 {
                map.clear();
            }
            map.insert(page_id.to_string(), (Instant::now(), live));
        }
    }

    /// Forgets everything (after this process changed an experiment).
    pub fn clear(&self) {
        if let Ok(mut map) = self.pages.lock() {
            map.clear();
        }
        if let Ok(mut paths) = self.visit_paths.lock() {
            *paths = None;
        }
    }
}

/// The running experiment on a page with its arms, from the cache when it
/// was read less than [`LIVE_TTL`] ago.
pub async fn live_on(db: &Db, page_id: &str) -> Result<Option<Arc<LiveExperiment>>, sqlx::Error> {
    if let Some(live) = db.live_experiments.get(page_id) {
        return Ok(live);
    }
    let live = match running_on_page(db, page_id).await? {
        Some(experiment) => {
            let arms = arms(db, &experiment.id).await?;
            Some(Arc::new(LiveExperiment { experiment, arms }))
        }
        None => None,
    };
    db.live_experiments.put(page_id, live.clone());
    Ok(live)
}

/// The paths named by visit goals (`url_visit:/thanks`) of running
/// experiments, from the cache when read less than [`LIVE_TTL`] ago.
pub async fn visit_goal_paths(db: &Db) -> Result<Arc<Vec<String>>, sqlx::Error> {
    if let Ok(paths) = db.live_experiments.visit_paths.lock() {
        if let Some((at, paths)) = paths.as_ref() {
            if at.elapsed() < LIVE_TTL {
                return Ok(paths.clone());
            }
        }
    }
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT goal, secondary_goals, guardrail_goals FROM experiments WHERE status = 'running'",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut paths: Vec<String> = rows
        .iter()
        .flat_map(|(goal, secondary, guardrail)| {
            Goal::parse_list(goal)
                .into_iter()
                .chain(Goal::parse_list(secondary))
                .chain(Goal::parse_list(guardrail))
        })
        .filter_map(|goal| match goal {
            Goal::UrlVisit { path } => Some(path),
            _ => None,
        })
        .collect();
    paths.sort();
    paths.dedup();
    let paths = Arc::new(paths);
    if let Ok(mut cached) = db.live_experiments.visit_paths.lock() {
        *cached = Some((Instant::now(), paths.clone()));
    }
    Ok(paths)
}

#[derive(Debug, Clone, FromRow)]
pub struct ExperimentRow {
    pub id: String,
    pub page_id: String,
    pub page_slug: String,
    pub page_title: String,
    pub name: String,
    pub hypothesis: String,
    pub status: String,
    pub seed: String,
    pub goal: String,
    /// Stored goals separated by spaces.
    pub secondary_goals: String,
    pub guardrail_goals: String,
    pub engine: String,
    pub coverage_pct: i64,
    pub plan_json: String,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub decision_json: Option<String>,
    pub arm_count: i64,
    /// Changes to the allocation since the start (see the migration).
    pub allocation_revision: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct ArmRow {
    pub arm_key: String,
    pub position: i64,
    pub name: String,
    pub weight: i64,
    pub document_json: Option<String>,
}

/// What a new experiment stores.
pub struct NewExperiment<'a> {
    pub page_id: &'a str,
    pub name: &'a str,
    pub hypothesis: &'a str,
    pub seed: &'a str,
    pub goal: &'a str,
    pub secondary_goals: &'a str,
    pub guardrail_goals: &'a str,
    pub engine: &'a str,
    pub coverage_pct: i64,
    pub plan_json: &'a str,
    pub created_by: &'a str,
}

/// An arm to store: (key, name, weight, document).
pub struct NewArm<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub weight: i64,
    pub document_json: Option<&'a str>,
}

const SELECT: &str = "SELECT e.id, e.page_id, p.slug AS page_slug, p.title AS page_title, \
    e.name, e.hypothesis, e.status, e.seed, e.goal, e.secondary_goals, e.guardrail_goals, e.engine, e.coverage_pct, e.plan_json, \
    u.display_name AS created_by_name, e.created_at, e.updated_at, e.started_at, e.ended_at, \
    e.decision_json, \
    (SELECT CAST(COUNT(*) AS BIGINT) FROM experiment_arms a WHERE a.experiment_id = e.id) AS arm_count, \
    e.allocation_revision \
    FROM experiments e JOIN landing_pages p ON p.id = e.page_id \
    LEFT JOIN users u ON u.id = e.created_by";

/// Stores an experiment and its arms in one transaction; answers its id.
pub async fn insert(
    db: &Db,
    experiment: NewExperiment<'_>,
    arms: &[NewArm<'_>],
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO experiments (id, page_id, name, hypothesis, status, seed, goal, engine, \
         coverage_pct, plan_json, created_by, created_at, updated_at, secondary_goals, \
         guardrail_goals) \
         VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $10, $11, $11, $12, $13)",
    )
    .bind(&id)
    .bind(experiment.page_id)
    .bind(experiment.name)
    .bind(experiment.hypothesis)
    .bind(experiment.seed)
    .bind(experiment.goal)
    .bind(experiment.engine)
    .bind(experiment.coverage_pct)
    .bind(experiment.plan_json)
    .bind(experiment.created_by)
    .bind(now)
    .bind(experiment.secondary_goals)
    .bind(experiment.guardrail_goals)
    .execute(&mut *tx)
    .await?;
    write_arms(&mut tx, &id, arms).await?;
    tx.commit().await?;
    Ok(id)
}

async fn write_arms(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    experiment_id: &str,
    arms: &[NewArm<'_>],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM experiment_arms WHERE experiment_id = $1")
        .bind(experiment_id)
        .execute(&mut **tx)
        .await?;
    for (position, arm) in arms.iter().enumerate() {
        sqlx::query(
            "INSERT INTO experiment_arms (experiment_id, arm_key, position, name, weight, \
             document_json) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(experiment_id)
        .bind(arm.key)
        .bind(position as i64)
        .bind(arm.name)
        .bind(arm.weight)
        .bind(arm.document_json)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Replaces a draft experiment's arms; false when it is no longer a draft
/// (the status is checked in the same transaction, so a start racing an
/// edit cannot run half-edited arms).
pub async fn replace_arms(
    db: &Db,
    experiment_id: &str,
    arms: &[NewArm<'_>],
) -> Result<bool, sqlx::Error> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let touched =
        sqlx::query("UPDATE experiments SET updated_at = $1 WHERE id = $2 AND status = 'draft'")
            .bind(now_ms())
            .bind(experiment_id)
            .execute(&mut *tx)
            .await?;
    if touched.rows_affected() != 1 {
        return Ok(false);
    }
    write_arms(&mut tx, experiment_id, arms).await?;
    tx.commit().await?;
    db.live_experiments.clear();
    Ok(true)
}

/// What writing one arm's document found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArmWrite {
    /// Stored; the experiment's new revision (its `updated_at`).
    Saved(i64),
    /// The experiment changed since `revision` (someone else saved).
    Stale,
    /// It is no longer a draft, or is gone.
    NotDraft,
}

/// Replaces one arm's document of a draft experiment whose revision (its
/// `updated_at`) is still `revision`, in one transaction.
pub async fn write_arm_document(
    db: &Db,
    experiment_id: &str,
    arm_key: &str,
    revision: i64,
    document_json: &str,
) -> Result<ArmWrite, sqlx::Error> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    // Strictly later, so two saves within a millisecond still differ.
    let next = now_ms().max(revision + 1);
    let touched = sqlx::query(
        "UPDATE experiments SET updated_at = $1 WHERE id = $2 AND status = 'draft' \
         AND updated_at = $3",
    )
    .bind(next)
    .bind(experiment_id)
    .bind(revision)
    .execute(&mut *tx)
    .await?;
    if touched.rows_affected() != 1 {
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM experiments WHERE id = $1")
                .bind(experiment_id)
                .fetch_optional(&mut *tx)
                .await?;
        return Ok(match status.as_deref() {
            Some("draft") => ArmWrite::Stale,
            _ => ArmWrite::NotDraft,
        });
    }
    sqlx::query(
        "UPDATE experiment_arms SET document_json = $1 WHERE experiment_id = $2 AND arm_key = $3",
    )
    .bind(document_json)
    .bind(experiment_id)
    .bind(arm_key)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    db.live_experiments.clear();
    Ok(ArmWrite::Saved(next))
}

pub async fn get(db: &Db, id: &str) -> Result<Option<ExperimentRow>, sqlx::Error> {
    sqlx::query_as(AssertSqlSafe(format!("{SELECT} WHERE e.id = $1")))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// Every experiment, newest first (a consultancy runs dozens, not
/// thousands).
pub async fn list(db: &Db) -> Result<Vec<ExperimentRow>, sqlx::Error> {
    sqlx::query_as(AssertSqlSafe(format!(
        "{SELECT} ORDER BY e.created_at DESC, e.id"
    )))
    .fetch_all(&db.pool)
    .await
}

pub async fn arms(db: &Db, experiment_id: &str) -> Result<Vec<ArmRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT arm_key, position, name, weight, document_json FROM experiment_arms \
         WHERE experiment_id = $1 ORDER BY position",
    )
    .bind(experiment_id)
    .fetch_all(&db.pool)
    .await
}

/// The document of arm `arm_key` in the page's newest experiment that has
/// one (`None` for the control, or no such arm): what a staff preview link
/// shows when nothing runs.
pub async fn newest_arm_document(
    db: &Db,
    page_id: &str,
    arm_key: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT a.document_json FROM experiment_arms a JOIN experiments e ON e.id = a.experiment_id \
         WHERE e.page_id = $1 AND a.arm_key = $2 ORDER BY e.created_at DESC LIMIT 1",
    )
    .bind(page_id)
    .bind(arm_key)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(|(document,)| document))
}

/// The running experiment on a page, if any.
pub async fn running_on_page(db: &Db, page_id: &str) -> Result<Option<ExperimentRow>, sqlx::Error> {
    sqlx::query_as(AssertSqlSafe(format!(
        "{SELECT} WHERE e.page_id = $1 AND e.status = 'running'"
    )))
    .bind(page_id)
    .fetch_optional(&db.pool)
    .await
}

/// The live (running or paused) experiment on a page other than `except`.
pub async fn live_on_page(
    db: &Db,
    page_id: &str,
    except: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name FROM experiments WHERE page_id = $1 AND id <> $2 \
         AND status IN ('running', 'paused')",
    )
    .bind(page_id)
    .bind(except)
    .fetch_optional(&db.pool)
    .await
}

/// Moves an experiment from `from` to `to`; false when it was not in `from`
/// (someone else acted first). Starting stamps `started_at`, stopping and
/// promoting `ended_at`.
pub async fn set_status(db: &Db, id: &str, from: &str, to: &str) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let _turn = db.write_turn().await;
    let done = sqlx::query(
        "UPDATE experiments SET status = $1, updated_at = $2, \
         started_at = CASE WHEN $1 = 'running' AND started_at IS NULL THEN $2 ELSE started_at END, \
         ended_at = CASE WHEN $1 IN ('stopped', 'promoted') AND ended_at IS NULL THEN $2 ELSE ended_at END \
         WHERE id = $3 AND status = $4",
    )
    .bind(to)
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(&db.pool)
    .await?;
    db.live_experiments.clear();
    Ok(done.rows_affected() == 1)
}

/// Ends an experiment with a winner: records the decision and, when the
/// winner is not the control, publishes its document (as the draft too,
/// and as a kept version), all in one transaction.
pub async fn promote(
    db: &Db,
    id: &str,
    from: &str,
    decision_json: &str,
    winner_document: Option<&str>,
    page_id: &str,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let done = sqlx::query(
        "UPDATE experiments SET status = 'promoted', decision_json = $1, updated_at = $2, \
         ended_at = COALESCE(ended_at, $2) WHERE id = $3 AND status = $4",
    )
    .bind(decision_json)
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    if let Some(document) = winner_document {
        sqlx::query(
            "UPDATE landing_pages SET published_json = $1, draft_json = $1, \
             draft_revision = draft_revision + 1, published_at = $2, updated_at = $2, \
             updated_by = $3 WHERE id = $4",
        )
        .bind(document)
        .bind(now)
        .bind(user_id)
        .bind(page_id)
        .execute(&mut *tx)
        .await?;
        super::landing_pages::insert_version(
            &mut tx,
            page_id,
            "published",
            "Experiment winner",
            document,
            user_id,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    db.live_experiments.clear();
    Ok(true)
}

/// The arm a visitor was given, if any: from this process's memory of
/// arms (see `db::exposures`), else read (and remembered).
pub async fn exposure(
    db: &Db,
    experiment_id: &str,
    visitor_key: &str,
) -> Result<Option<String>, sqlx::Error> {
    if let Some(arm) = db.exposures.known(experiment_id, visitor_key) {
        return Ok(Some(arm));
    }
    let stored = stored_arm(db, experiment_id, visitor_key).await?;
    if let Some(arm) = &stored {
        db.exposures.remember(experiment_id, visitor_key, arm);
    }
    Ok(stored)
}

/// As [`exposure`], but answered by `on_record` (read earlier in this
/// request, with the page) when it is about this experiment and visitor:
/// no second round trip.
pub async fn exposure_or_record(
    db: &Db,
    experiment_id: &str,
    visitor_key: &str,
    on_record: Option<&ArmOnRecord>,
) -> Result<Option<String>, sqlx::Error> {
    match on_record {
        Some(record)
            if record.experiment_id == experiment_id && record.visitor_key == visitor_key =>
        {
            if let Some(arm) = &record.arm_key {
                db.exposures.remember(experiment_id, visitor_key, arm);
            }
            Ok(record.arm_key.clone())
        }
        _ => exposure(db, experiment_id, visitor_key).await,
    }
}

/// What the database held, when it was read, of one visitor's arm in one
/// experiment: `arm_key` is `None` when nothing was stored for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArmOnRecord {
    pub experiment_id: String,
    pub visitor_key: String,
    pub arm_key: Option<String>,
}

/// The arm stored for a visitor, read from the database.
async fn stored_arm(
    db: &Db,
    experiment_id: &str,
    visitor_key: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT arm_key FROM experiment_exposures WHERE experiment_id = $1 AND visitor_key = $2",
    )
    .bind(experiment_id)
    .bind(visitor_key)
    .fetch_optional(&db.pool)
    .await
}

/// Stores a first exposure and waits until it is stored; answers the arm
/// stored, which is `arm_key` unless another request of the same visitor
/// stored one first. On SQLite the insert joins a group commit (one disk
/// sync for every write queued meanwhile). Renders use
/// `exposures::expose_behind`, which does not wait.
pub async fn expose(
    db: &Db,
    experiment_id: &str,
    visitor_key: &str,
    arm_key: &str,
    exposed_at: i64,
) -> Result<String, sqlx::Error> {
    // No write turn here: on SQLite the group commit's writer takes it.
    const INSERT: &str = "INSERT INTO experiment_exposures \
         (experiment_id, visitor_key, arm_key, exposed_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (experiment_id, visitor_key) DO NOTHING RETURNING arm_key";
    let stored: Option<String> = match db.backend {
        Backend::Sqlite => {
            let (experiment, visitor, arm) = (
                experiment_id.to_string(),
                visitor_key.to_string(),
                arm_key.to_string(),
            );
            db.group_commit(move |tx| {
                Box::pin(async move {
                    sqlx::query_scalar(INSERT)
                        .bind(experiment)
                        .bind(visitor)
                        .bind(arm)
                        .bind(exposed_at)
                        .fetch_optional(&mut **tx)
                        .await
                })
            })
            .await?
        }
        // One statement commits by itself: no transaction round trips.
        Backend::Postgres => {
            sqlx::query_scalar(INSERT)
                .bind(experiment_id)
                .bind(visitor_key)
                .bind(arm_key)
                .bind(exposed_at)
                .fetch_optional(&db.pool)
                .await?
        }
    };
    let arm = match stored {
        Some(arm) => arm,
        // Another request of this visitor stored one first: theirs stands.
        None => stored_arm(db, experiment_id, visitor_key)
            .await?
            .unwrap_or_else(|| arm_key.to_string()),
    };
    db.exposures.remember(experiment_id, visitor_key, &arm);
    Ok(arm)
}

/// Records each `(goal, at)` for every running experiment the visitor was
/// exposed to that measures that goal, inside the caller's transaction (a
/// lead or an event batch and its conversions are stored together or not
/// at all). Once per visitor, experiment and goal. Answers the conversions
/// stored. The visitor's exposures are read once, however many goals.
pub async fn record_conversions(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    visitor_key: &str,
    goals: &[(String, i64)],
) -> Result<u64, sqlx::Error> {
    let exposures = running_exposures(tx, visitor_key).await?;
    let mut converted = 0;
    for (goal, at) in goals {
        for exposure in exposures.iter().filter(|x| x.measures(goal)) {
            converted += convert(tx, exposure, visitor_key, goal, *at).await?;
        }
    }
    Ok(converted)
}

/// A visitor's arm in a running experiment, with the experiment's metrics.
#[derive(Debug, Clone, FromRow)]
pub struct RunningExposure {
    pub experiment_id: String,
    pub arm_key: String,
    pub goal: String,
    pub secondary_goals: String,
    pub guardrail_goals: String,
}

impl RunningExposure {
    /// Whether the stored goal `goal` is one of this experiment's metrics
    /// (the columns hold `Goal::join_wire` lists).
    pub fn measures(&self, goal: &str) -> bool {
        self.goal == goal
            || self.secondary_goals.split_whitespace().any(|g| g == goal)
            || self.guardrail_goals.split_whitespace().any(|g| g == goal)
    }
}

async fn running_exposures(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    visitor_key: &str,
) -> Result<Vec<RunningExposure>, sqlx::Error> {
    sqlx::query_as(
        "SELECT x.experiment_id, x.arm_key, e.goal, e.secondary_goals, e.guardrail_goals \
         FROM experiment_exposures x JOIN experiments e ON e.id = x.experiment_id \
         WHERE x.visitor_key = $1 AND e.status = 'running'",
    )
    .bind(visitor_key)
    .fetch_all(&mut **tx)
    .await
}

/// Stores one conversion (once per visitor, experiment and goal).
async fn convert(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    exposure: &RunningExposure,
    visitor_key: &str,
    goal: &str,
    at: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO experiment_conversions (experiment_id, visitor_key, goal, arm_key, converted_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (experiment_id, visitor_key, goal) DO NOTHING",
    )
    .bind(&exposure.experiment_id)
    .bind(visitor_key)
    .bind(goal)
    .bind(&exposure.arm_key)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// The query of [`daily_tallies`] (public for the analysis bench's plans).
pub const DAILY_TALLIES: &str = "SELECT day, arm_key, goal, count FROM ( \
       SELECT exposed_at / 86400000 AS day, arm_key, '' AS goal, \
              CAST(COUNT(*) AS BIGINT) AS count \
         FROM experiment_exposures WHERE experiment_id = $1 \
         GROUP BY arm_key, exposed_at / 86400000 \
       UNION ALL \
       SELECT converted_at / 86400000 AS day, arm_key, goal, \
              CAST(COUNT(*) AS BIGINT) AS count \
         FROM experiment_conversions WHERE experiment_id = $1 \
         GROUP BY arm_key, goal, converted_at / 86400000 \
     ) t ORDER BY day, arm_key, goal";

/// Per UTC day (days since the epoch), arm and goal: new exposures (the
/// empty goal) and conversions. One pass over the experiment's rows feeds
/// every metric's totals, the cumulative chart and the CSV export.
///
/// Each table is grouped on its own, in the order of its day index
/// (migration `20261210000001`: the day expressions here must stay the
/// indexes' expressions), so neither database sorts the rows; only the few
/// groups are merged and ordered.
pub async fn daily_tallies(db: &Db, experiment_id: &str) -> Result<Vec<DayTally>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(DAILY_TALLIES)
        .bind(experiment_id)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(day, arm_key, goal, count)| DayTally {
            day,
            arm_key,
            goal,
            count: u64::try_from(count).unwrap_or(0),
        })
        .collect())
}

/// A page's views and leads over the days since `since_day` (UTC days since
/// the epoch), and on how many of those days it had views.
pub async fn page_traffic(
    db: &Db,
    page_id: &str,
    since_day: i64,
) -> Result<(i64, i64, i64), sqlx::Error> {
    let row: (Option<i64>, Option<i64>, i64) = sqlx::query_as(
        "SELECT CAST(SUM(views) AS BIGINT), CAST(SUM(leads) AS BIGINT), \
         CAST(COUNT(*) AS BIGINT) FROM landing_page_daily \
         WHERE page_id = $1 AND day >= $2 AND views > 0",
    )
    .bind(page_id)
    .bind(since_day)
    .fetch_one(&db.pool)
    .await?;
    Ok((row.0.unwrap_or(0), row.1.unwrap_or(0), row.2))
}

/// Visitors exposed per experiment (for the list).
pub async fn exposure_totals(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT experiment_id, CAST(COUNT(*) AS BIGINT) FROM experiment_exposures \
         GROUP BY experiment_id",
    )
    .fetch_all(&db.pool)
    .await
}
