//! Uncached render throughput with one Tokio worker and with two, on
//! SQLite:
//!
//!     cargo bench -p server --bench render_scaling
//!
//! The app's own router (every layer, the page cache off) is driven in
//! process with `tower::ServiceExt::oneshot`, so no load generator and no
//! sockets compete with the workers for this machine's cores: what is
//! measured is how many pages the server renders a second. Each page is
//! read whole. Runs alternate between one and two workers (same database
//! file, seeded once); CE_BENCH_RUNS (default 3) and CE_BENCH_SECS (default
//! 5) set how many and how long. Figures go into docs/performance.md.
//!
//! The critical CSS (server::critical_css) is inlined only when the site
//! build is under `target/site` of the working directory: `cargo bench`
//! runs this from `server/`, where there is none; run the built binary
//! from the repository root to include it.

use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{Request, StatusCode};
use server::config::Config;
use server::startup::Application;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;

mod support;

/// Requests in flight at once: enough to keep two workers busy.
const IN_FLIGHT: usize = 16;
const WARM_UP: Duration = Duration::from_secs(1);

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Renders of `path` a second with `workers` Tokio workers.
fn renders_per_second(workers: usize, config: &Config, path: &str, secs: u64) -> f64 {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let app = Application::build(config).await.expect("app");
        let router = app.router();
        let done = Arc::new(AtomicU64::new(0));
        let started = Instant::now();
        let measure_from = started + WARM_UP;
        let until = measure_from + Duration::from_secs(secs);
        let mut tasks = Vec::new();
        for client in 0..IN_FLIGHT {
            let (router, done, path) = (router.clone(), done.clone(), path.to_string());
            tasks.push(tokio::spawn(async move {
                let peer = SocketAddr::from(([10, 0, 0, client as u8 + 1], 40_000));
                loop {
                    let now = Instant::now();
                    if now >= until {
                        break;
                    }
                    let mut request = Request::get(&path)
                        .header("accept", "text/html")
                        .header("accept-encoding", "identity")
                        .body(Body::empty())
                        .expect("request");
                    request.extensions_mut().insert(ConnectInfo(peer));
                    let response = router.clone().oneshot(request).await.expect("answered");
                    assert_eq!(response.status(), StatusCode::OK, "{path}");
                    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                        .await
                        .expect("body");
                    assert!(body.len() > 1000, "{path}: a whole page");
                    if now >= measure_from {
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }));
        }
        for task in tasks {
            task.await.expect("client");
        }
        let elapsed = Instant::now().duration_since(measure_from).as_secs_f64();
        app.state().db.pool.close().await;
        done.load(Ordering::Relaxed) as f64 / elapsed
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let runs = env_number("CE_BENCH_RUNS", 3) as usize;
    let secs = env_number("CE_BENCH_SECS", 5);
    let (dir, config, slug) = support::seeded_sqlite_app("ce-bench-render");
    let pages = [
        ("home", "/".to_string()),
        ("gallery", "/case-studies".to_string()),
        ("case study", format!("/case-studies/{slug}")),
    ];
    println!(
        "uncached renders/s, {IN_FLIGHT} in flight, {secs} s per run, {runs} runs alternating (median and range)"
    );
    println!("| page | 1 worker | 2 workers | 2 / 1 |");
    println!("|---|---|---|---|");
    for (name, path) in &pages {
        let (mut one, mut two) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            one.push(renders_per_second(1, &config, path, secs));
            two.push(renders_per_second(2, &config, path, secs));
        }
        let range = |v: &[f64]| {
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(0.0, f64::max);
            format!("{lo:.0}–{hi:.0}")
        };
        let (m1, m2) = (median(one.clone()), median(two.clone()));
        println!(
            "| {name} | {m1:.0} ({}) | {m2:.0} ({}) | **{:.2}** |",
            range(&one),
            range(&two),
            m2 / m1
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
