//! What experiment assignment adds to rendering a landing page: the time of
//! `services::experiments::page_arm`, the call a page render makes before
//! it renders, on SQLite and (when CE_TEST_POSTGRES_URL is set) PostgreSQL:
//!
//!     cargo bench -p server --bench experiment_assignment
//!
//! 2,000 calls per case:
//! - a page with no experiment;
//! - a new visitor (no cookie yet): hashed into the weights, their exposure
//!   written behind the render (see `db::exposures`);
//! - a visitor with a cookie seeing the test for the first time: one lookup
//!   (nothing stored), then as above;
//! - a returning visitor this server remembers;
//! - a returning visitor this server has not seen (another app server, or
//!   this one after a restart): while the allocation is the one every
//!   exposure was drawn with, the hash gives their stored arm, no lookup;
//! - on a campaign-targeted experiment, a visitor back without the campaign
//!   whom this server has not seen: one indexed lookup (they may have come
//!   with it before), timed alone;
//! - and that case as a page render makes it (`public_page`), where the
//!   page's own query reads the stored arm along: against the same render
//!   of a page with no experiment, the difference at p50, p95 and p99.
//!
//! The exposure writes run on the same runtime as the calls (as in the
//! server), so their cost shows in the figures too. Figures go into
//! docs/performance.md.

use app::db::Db;
use app::model::landing_pages::FormReturn;
use app::services::context::{Cookies, RequestContext};
use app::services::experiments::{page_arm, PageVisit};
use app::services::landing_pages::public_page;
use std::time::{Duration, Instant};

mod support;

const CALLS: usize = 2_000;
/// Whole renders per page in the comparison: enough that p99 is the 100th
/// slowest, not the 20th.
const RENDERS: usize = 10_000;

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

fn context(visitor: Option<String>) -> RequestContext {
    RequestContext {
        client_ip: "127.0.0.1".into(),
        user_agent: Some("Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0".into()),
        session_token_hash: None,
        visitor_id: visitor,
        secure_cookies: false,
        session_ttl_ms: 0,
    }
}

async fn time(
    db: &Db,
    page_id: &str,
    json: &str,
    visitor: impl Fn(usize) -> Option<String>,
) -> Vec<Duration> {
    time_visit(db, page_id, json, &PageVisit::default(), visitor).await
}

async fn time_visit(
    db: &Db,
    page_id: &str,
    json: &str,
    visit: &PageVisit,
    visitor: impl Fn(usize) -> Option<String>,
) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(CALLS);
    for i in 0..CALLS {
        let ctx = context(visitor(i));
        let started = Instant::now();
        let choice = page_arm(db, &ctx, &mut Cookies::default(), page_id, json, visit)
            .await
            .unwrap();
        samples.push(started.elapsed());
        std::hint::black_box(choice);
    }
    // The writes behind these renders land before the next case starts.
    db.settle_exposures().await;
    samples
}

/// `db`, `cold` and `colder` are handles on one database; `cold` and
/// `colder` have seen nobody.
async fn measure(db: &Db, cold: &Db, colder: &Db, label: &str) {
    let owner = support::bench_user(db).await;
    let (plain_id, plain_json) = support::published_page(db, &owner, "bench-plain").await;
    let (tested_id, tested_json) = support::published_page(db, &owner, "bench-tested").await;
    support::running_experiment(db, &owner, &tested_id, &tested_json, "").await;

    println!("{label}: {CALLS} calls each ({RENDERS} whole renders each)");
    let line = |case: &str, samples: Vec<Duration>| {
        println!("  {case:<44} {}", percentiles(samples));
    };
    let plain = time(db, &plain_id, &plain_json, |i| Some(format!("plain-{i}"))).await;
    line("page without an experiment", plain);
    let new = time(db, &tested_id, &tested_json, |_| None).await;
    line("running: new visitor (no cookie yet)", new);
    let first = time(db, &tested_id, &tested_json, |i| {
        Some(format!("visitor-{i}"))
    })
    .await;
    line("running: known visitor, first view of the test", first);
    let returning = time(db, &tested_id, &tested_json, |i| {
        Some(format!("visitor-{i}"))
    })
    .await;
    line("running: returning visitor, remembered", returning);
    let elsewhere = time(cold, &tested_id, &tested_json, |i| {
        Some(format!("visitor-{i}"))
    })
    .await;
    line("running: returning visitor, not remembered", elsewhere);

    let (targeted_id, targeted_json) = support::published_page(db, &owner, "bench-targeted").await;
    let experiment =
        support::running_experiment(db, &owner, &targeted_id, &targeted_json, "").await;
    let targeting = app::domain::experiments::Targeting {
        utm_source: Some("newsletter".into()),
        ..Default::default()
    };
    sqlx::query("UPDATE experiments SET plan_json = $1 WHERE id = $2")
        .bind(serde_json::json!({ "targeting": targeting }).to_string())
        .bind(&experiment)
        .execute(&db.pool)
        .await
        .unwrap();
    db.forget_cached_reads();
    let campaign = PageVisit {
        utm_source: Some("newsletter".into()),
        ..PageVisit::default()
    };
    let with = time_visit(db, &targeted_id, &targeted_json, &campaign, |i| {
        Some(format!("reader-{i}"))
    })
    .await;
    line("targeted: first view with the campaign", with);
    cold.forget_cached_reads();
    let without = time(cold, &targeted_id, &targeted_json, |i| {
        Some(format!("reader-{i}"))
    })
    .await;
    line("targeted: back, not remembered, lookup alone", without);

    // That last case is the one that asks the database. The page's own
    // query reads the stored arm along with the page, so what it adds to a
    // render is measured on the whole render: `public_page` of the targeted
    // page against the same page with no experiment, calls interleaved, on
    // a handle that has seen none of these visitors.
    for i in 0..RENDERS {
        let choice = page_arm(
            db,
            &context(Some(format!("regular-{i}"))),
            &mut Cookies::default(),
            &targeted_id,
            &targeted_json,
            &campaign,
        )
        .await
        .unwrap();
        std::hint::black_box(choice);
    }
    db.settle_exposures().await;
    let (mut plain, mut tested) = (Vec::with_capacity(RENDERS), Vec::with_capacity(RENDERS));
    for i in 0..RENDERS {
        let ctx = context(Some(format!("regular-{i}")));
        for (slug, samples) in [("bench-plain", &mut plain), ("bench-targeted", &mut tested)] {
            let started = Instant::now();
            let page = public_page(
                colder,
                &ctx,
                &mut Cookies::default(),
                slug,
                &FormReturn::default(),
                &PageVisit::default(),
            )
            .await
            .unwrap();
            samples.push(started.elapsed());
            std::hint::black_box(page);
        }
    }
    colder.settle_exposures().await;
    let at = |samples: &[Duration], q: f64| {
        let mut sorted = samples.to_vec();
        sorted.sort();
        sorted[((sorted.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1000.0
    };
    let added = |q: f64| at(&tested, q) - at(&plain, q);
    line("whole render, page without an experiment", plain.clone());
    line(
        "whole render, targeted: back, not remembered",
        tested.clone(),
    );
    println!(
        "  {:<44} p50 {:>+7.3} ms   p95 {:>+7.3} ms   p99 {:>+7.3} ms",
        "added by assignment to the render",
        added(0.50),
        added(0.95),
        added(0.99)
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = std::env::temp_dir().join(format!("ce-bench-assign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = support::sqlite_in(&dir).await;
    let cold = support::sqlite_in(&dir).await;
    let colder = support::sqlite_in(&dir).await;
    measure(&sqlite, &cold, &colder, "SQLite").await;
    for db in [sqlite, cold, colder] {
        db.pool.close().await;
    }
    let _ = std::fs::remove_dir_all(&dir);

    if let Some(scratch) = support::ScratchPostgres::create("ce_bench_assign").await {
        let pg = scratch.connect().await;
        let cold = scratch.connect().await;
        let colder = scratch.connect().await;
        measure(&pg, &cold, &colder, "\nPostgreSQL").await;
        for db in [pg, cold, colder] {
            db.pool.close().await;
        }
        scratch.drop_database().await;
    }
}
