//! What the experiment results page's analysis costs over a large
//! experiment, against the least any analysis could cost: on SQLite and
//! (when CE_TEST_POSTGRES_URL is set) PostgreSQL,
//!
//!     cargo bench -p server --bench experiment_analysis
//!
//! One experiment with 1,000,000 exposures (arms control and b, spread over
//! 30 days), 5% of control's and 5.6% of b's visitors converting on the goal
//! (`lead_submitted`) and 20% starting the form (`form_started`, a secondary
//! metric): 1,000,000 exposure and ~253,000 conversion rows. Times, as the
//! median of 7 runs after one warm-up:
//!
//! (a) `services::experiments::detail`: everything the results page shows
//!     (the experiment, its arms and page, the per-day query
//!     `db::experiments::daily_tallies` folded into the arms' totals and the
//!     cumulative daily series, the read-out of the goal and the secondary
//!     metric by the sequential engine, the page's recent traffic);
//! (b) the plain totals: `GROUP BY arm_key` over the exposures plus
//!     `GROUP BY arm_key, goal` over the conversions.
//!
//! Target: (a) / (b) ≤ 1.5 on both databases. PostgreSQL's tables are
//! vacuumed and analysed after the load (autovacuum would soon do the
//! same); SQLite's are not (the app never runs ANALYZE). The query plans of
//! both are printed for the record.

use app::db::experiments as db_exp;
use app::db::{Backend, Db};
use sqlx::AssertSqlSafe;
use std::time::{Duration, Instant};

mod support;

const EXPOSURES: i64 = 1_000_000;
const DAY_MS: i64 = 86_400_000;
const RUNS: usize = 7;

const PLAIN_EXPOSURES: &str =
    "SELECT arm_key, COUNT(*) FROM experiment_exposures WHERE experiment_id=$1 GROUP BY arm_key";
const PLAIN_CONVERSIONS: &str = "SELECT arm_key, goal, COUNT(*) FROM experiment_conversions \
     WHERE experiment_id=$1 GROUP BY arm_key, goal";
async fn experiment(db: &Db) -> String {
    let owner = support::bench_user(db).await;
    let (page, json) = support::published_page(db, &owner, "bench-analysis").await;
    support::running_experiment(db, &owner, &page, &json, "form_started").await
}

/// Loads the rows in one transaction. Visitor i is in control when i is
/// even, exposed at a pseudo-random moment of the last 30 days; `h`, a hash
/// of i / 2, decides whether they converted (the same share in both arms
/// but for the goal's lift in b).
async fn load(db: &Db, id: &str) -> Duration {
    let started = Instant::now();
    let numbers = match db.backend {
        Backend::Sqlite => format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {EXPOSURES})"
        ),
        Backend::Postgres => {
            format!("WITH n(i) AS (SELECT CAST(generate_series(1, {EXPOSURES}) AS BIGINT))")
        }
    };
    let start = app::db::now_ms() - 30 * DAY_MS - 3_600_000;
    let span = 30 * DAY_MS;
    let visitor = "'visitor-' || CAST(i AS TEXT)";
    let arm = "CASE i % 2 WHEN 0 THEN 'control' ELSE 'b' END";
    let at = format!("$2 + (i * 7919) % {span}");
    let h = "((i / 2) * 2654435761) % 1000";
    let mut tx = db.pool.begin().await.unwrap();
    sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO experiment_exposures (experiment_id, visitor_key, arm_key, exposed_at) \
         {numbers} SELECT $1, {visitor}, {arm}, {at} FROM n"
    )))
    .bind(id)
    .bind(start)
    .execute(&mut *tx)
    .await
    .unwrap();
    for (goal, share) in [
        (
            "lead_submitted",
            "CASE i % 2 WHEN 0 THEN 50 ELSE 56 END".to_string(),
        ),
        ("form_started", "200".to_string()),
    ] {
        sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO experiment_conversions \
             (experiment_id, visitor_key, goal, arm_key, converted_at) \
             {numbers} SELECT $1, {visitor}, '{goal}', {arm}, {at} + 60000 FROM n \
             WHERE {h} < {share}"
        )))
        .bind(id)
        .bind(start)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    if db.backend == Backend::Postgres {
        for table in ["experiment_exposures", "experiment_conversions"] {
            sqlx::query(AssertSqlSafe(format!("VACUUM ANALYZE {table}")))
                .execute(&db.pool)
                .await
                .unwrap();
        }
    }
    started.elapsed()
}

/// (a): what the results page reads, from the service it calls.
async fn analysis(db: &Db, id: &str) -> (u64, u64) {
    let detail = app::services::experiments::detail(db, id, true)
        .await
        .unwrap();
    assert_eq!(detail.metrics.len(), 1, "the secondary metric is read out");
    let arms = &detail.readout.arms;
    std::hint::black_box(&detail);
    (
        arms.iter().map(|a| a.users).sum(),
        arms.iter().map(|a| a.conversions).sum(),
    )
}

/// (b): the plain totals.
async fn plain(db: &Db, id: &str) -> (u64, u64) {
    let exposures: Vec<(String, i64)> = sqlx::query_as(PLAIN_EXPOSURES)
        .bind(id)
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let conversions: Vec<(String, String, i64)> = sqlx::query_as(PLAIN_CONVERSIONS)
        .bind(id)
        .fetch_all(&db.pool)
        .await
        .unwrap();
    (
        exposures.iter().map(|(_, n)| *n as u64).sum(),
        conversions
            .iter()
            .filter(|(_, goal, _)| goal == "lead_submitted")
            .map(|(_, _, n)| *n as u64)
            .sum(),
    )
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

async fn plan(db: &Db, id: &str, sql: &str) -> Vec<String> {
    match db.backend {
        Backend::Sqlite => {
            let rows: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
                    .bind(id)
                    .fetch_all(&db.pool)
                    .await
                    .unwrap();
            rows.into_iter().map(|r| r.3).collect()
        }
        Backend::Postgres => {
            // Inlined: a generic plan for $1 would not be the one run.
            let sql = sql.replace("$1", &format!("'{id}'"));
            let rows: Vec<(String,)> =
                sqlx::query_as(AssertSqlSafe(format!("EXPLAIN (ANALYZE, COSTS OFF) {sql}")))
                    .fetch_all(&db.pool)
                    .await
                    .unwrap();
            rows.into_iter().map(|r| r.0).collect()
        }
    }
}

async fn measure(db: &Db, label: &str) {
    let id = experiment(db).await;
    let loaded = load(db, &id).await;
    let conversions: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM experiment_conversions WHERE experiment_id = $1",
    )
    .bind(&id)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    println!(
        "{label}: {EXPOSURES} exposures, {conversions} conversions (loaded in {:.1} s); median of {RUNS} after 1 warm-up",
        loaded.as_secs_f64()
    );
    let mut a = Vec::new();
    let mut b = Vec::new();
    let mut query = Vec::new();
    for run in 0..=RUNS {
        let started = Instant::now();
        let by_day = analysis(db, &id).await;
        let time_a = started.elapsed();
        let started = Instant::now();
        std::hint::black_box(db_exp::daily_tallies(db, &id).await.unwrap());
        let time_query = started.elapsed();
        let started = Instant::now();
        let totals = plain(db, &id).await;
        let time_b = started.elapsed();
        assert_eq!(by_day, totals, "both count the same visitors and leads");
        if run > 0 {
            a.push(time_a);
            b.push(time_b);
            query.push(time_query);
        }
    }
    let (a, b, query) = (median(a), median(b), median(query));
    println!(
        "  (a) services::experiments::detail      {:>8.1} ms",
        a.as_secs_f64() * 1000.0
    );
    println!(
        "      of which daily_tallies' query       {:>8.1} ms",
        query.as_secs_f64() * 1000.0
    );
    println!(
        "  (b) plain GROUP BY (both)               {:>8.1} ms",
        b.as_secs_f64() * 1000.0
    );
    println!(
        "  ratio (a)/(b)                           {:>8.2}",
        a.as_secs_f64() / b.as_secs_f64()
    );
    for (name, sql) in [
        ("daily_tallies", db_exp::DAILY_TALLIES),
        ("plain exposures", PLAIN_EXPOSURES),
        ("plain conversions", PLAIN_CONVERSIONS),
    ] {
        println!("  plan of {name}:");
        for line in plan(db, &id, sql).await {
            println!("    {line}");
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = std::env::temp_dir().join(format!("ce-bench-analysis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = support::sqlite_in(&dir).await;
    measure(&sqlite, "SQLite").await;
    sqlite.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);

    if let Some(scratch) = support::ScratchPostgres::create("ce_bench_analysis").await {
        let pg = scratch.connect().await;
        measure(&pg, "\nPostgreSQL").await;
        pg.pool.close().await;
        scratch.drop_database().await;
    }
}
