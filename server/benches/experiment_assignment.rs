//! What experiment assignment adds to rendering a landing page: the time of
//! `services::experiments::page_arm`, the call a page render makes before
//! it renders, on SQLite and (when CE_TEST_POSTGRES_URL is set) PostgreSQL:
//!
//!     cargo bench -p server --bench experiment_assignment
//!
//! Three cases, 2,000 calls each: a page with no experiment (one lookup), a
//! returning visitor of a running experiment (their stored arm), and a new
//! visitor (hashed into the weights and stored). Figures go into
//! docs/performance.md.

use app::db::Db;
use app::services::context::{Cookies, RequestContext};
use app::services::experiments::{page_arm, PageVisit};
use std::time::{Duration, Instant};

mod support;

const CALLS: usize = 2_000;

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| {
        samples[((samples.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1000.0
    };
    format!(
        "p50 {:>6.3} ms   p95 {:>6.3} ms   p99 {:>6.3} ms   max {:>6.3} ms",
        at(0.50),
        at(0.95),
        at(0.99),
        at(1.0)
    )
}

fn context(visitor: &str) -> RequestContext {
    RequestContext {
        client_ip: "127.0.0.1".into(),
        user_agent: Some("Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0".into()),
        session_token_hash: None,
        visitor_id: Some(visitor.into()),
        secure_cookies: false,
        session_ttl_ms: 0,
    }
}

async fn time(
    db: &Db,
    page_id: &str,
    json: &str,
    visitor: impl Fn(usize) -> String,
) -> Vec<Duration> {
    let visit = PageVisit::default();
    let mut samples = Vec::with_capacity(CALLS);
    for i in 0..CALLS {
        let ctx = context(&visitor(i));
        let started = Instant::now();
        let choice = page_arm(db, &ctx, &mut Cookies::default(), page_id, json, &visit)
            .await
            .unwrap();
        samples.push(started.elapsed());
        std::hint::black_box(choice);
    }
    samples
}

async fn measure(db: &Db, label: &str) {
    let owner = support::bench_user(db).await;
    let (plain_id, plain_json) = support::published_page(db, &owner, "bench-plain").await;
    let (tested_id, tested_json) = support::published_page(db, &owner, "bench-tested").await;
    support::running_experiment(db, &owner, &tested_id, &tested_json, "").await;

    println!("{label}: {CALLS} calls each");
    let none = time(db, &plain_id, &plain_json, |i| format!("plain-{i}")).await;
    println!(
        "  {:<38} {}",
        "page without an experiment",
        percentiles(none)
    );
    let new = time(db, &tested_id, &tested_json, |i| format!("visitor-{i}")).await;
    println!(
        "  {:<38} {}",
        "running: new visitor (assign, store)",
        percentiles(new)
    );
    let returning = time(db, &tested_id, &tested_json, |i| format!("visitor-{i}")).await;
    println!(
        "  {:<38} {}",
        "running: returning visitor",
        percentiles(returning)
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = std::env::temp_dir().join(format!("ce-bench-assign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = support::sqlite_in(&dir).await;
    measure(&sqlite, "SQLite").await;
    sqlite.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);

    if let Some(scratch) = support::ScratchPostgres::create("ce_bench_assign").await {
        let pg = scratch.connect().await;
        measure(&pg, "\nPostgreSQL").await;
        pg.pool.close().await;
        scratch.drop_database().await;
    }
}
