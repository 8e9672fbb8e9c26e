//! Event ingestion over HTTP: the release server binary on a fresh SQLite
//! file and (when CE_TEST_POSTGRES_URL is set) a fresh PostgreSQL database,
//! driven with `POST /api/v1/events` batches of 50 events by C concurrent
//! client tasks (C = 8, then 32) for 10 s after a 2 s warm-up:
//!
//!     cargo bench -p server --bench event_ingestion
//!
//! Client and server share the machine's cores. The server runs as in
//! production: the default API rate limit (60/min, 1000/hour per address,
//! counted in the database) stays on, and `CE_TRUST_PROXY=1` lets
//! `X-Forwarded-For` name the client, as behind one reverse proxy. Each task
//! simulates its own visitors and addresses: every 10 batches a new visitor
//! cookie, every 50 batches a new address, so no address reaches its limit
//! (a 429 would show in the non-202 counts). The visitors are in no
//! experiment, so a batch stores events and converts nothing.
//!
//! To see what the limit costs, set `CE_API_RATE_LIMIT=off` (the server
//! inherits it); `TMPDIR` chooses where the SQLite file goes (e.g. a tmpfs
//! such as /dev/shm, to see what the commits' fsyncs cost).
//!
//! Prints events/s and batches/s acknowledged (202), p50/p99 latency per
//! batch and any other answers, then checks that the events table holds
//! exactly the events acknowledged. Target: ≥ 20,000 events/s sustained.

use app::db::Db;
use axum::body::Bytes;
use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::process::{Child, Command};

mod support;

const BATCH: usize = 50;
const WARM_UP: Duration = Duration::from_secs(2);
const MEASURE: Duration = Duration::from_secs(10);
const CONCURRENCY: [usize; 2] = [8, 32];
/// Batches per simulated visitor and per simulated client address (under
/// the 60/min default).
const BATCHES_PER_VISITOR: usize = 10;
const BATCHES_PER_ADDRESS: usize = 50;
const USER_AGENT: &str =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

struct Server {
    child: Child,
    base_url: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start_server(database_url: &str, work_dir: &std::path::Path) -> Server {
    let port = free_port();
    let media = work_dir.join("media");
    std::fs::create_dir_all(&media).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("CE_LISTEN_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", work_dir.join("site"))
        .env("CE_MEDIA_DIR", &media)
        .env("CE_TRUST_PROXY", "1")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the server binary starts");
    let base_url = format!("http://127.0.0.1:{port}");
    for _ in 0..300 {
        if let Ok(r) = reqwest::get(format!("{base_url}/ready")).await {
            if r.status() == 200 {
                return Server { child, base_url };
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server on port {port} did not become ready");
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// A batch as the beacon sends it: a mix of every event type.
fn batch_body(task: usize) -> Bytes {
    let at = now_ms() - 1_000;
    let events: Vec<serde_json::Value> = (0..BATCH)
        .map(|i| {
            let path = format!("/landing/offer-{}", task % 7);
            match i % 4 {
                0 => serde_json::json!({"type": "cta_click", "path": path, "block": format!("b{}", i % 9), "at": at + i as i64}),
                1 => serde_json::json!({"type": "form_started", "path": path, "block": "lead-form", "at": at + i as i64}),
                2 => serde_json::json!({"type": "url_visit", "path": "/case-studies", "at": at + i as i64}),
                _ => serde_json::json!({"type": "custom", "path": path, "name": "video_played", "at": at + i as i64}),
            }
        })
        .collect();
    Bytes::from(serde_json::to_vec(&serde_json::json!({ "events": events })).unwrap())
}

/// A 43-character visitor id (the cookie's format) unique to run, task and n.
fn visitor_id(run: usize, task: usize, n: usize) -> String {
    format!("{:0>43}", format!("bench-r{run}-t{task}-v{n}"))
}

/// 10.x.y.z unique to run, task and n (n < 2^14, task < 64, run < 16).
fn address(run: usize, task: usize, n: usize) -> String {
    let a: u32 = (10 << 24) | ((run as u32) << 20) | ((task as u32) << 14) | (n as u32 & 0x3fff);
    std::net::Ipv4Addr::from(a).to_string()
}

#[derive(Default)]
struct TaskResult {
    /// Latencies of acknowledged batches that finished inside the window.
    latencies: Vec<Duration>,
    acked_in_window: usize,
    acked_total_events: usize,
    other: BTreeMap<String, usize>,
}

async fn client_task(
    client: reqwest::Client,
    url: String,
    run: usize,
    task: usize,
    window: (Instant, Instant),
) -> TaskResult {
    let body = batch_body(task);
    let mut result = TaskResult::default();
    let mut seq = 0usize;
    while Instant::now() < window.1 {
        let cookie = format!(
            "ce_vid={}",
            visitor_id(run, task, seq / BATCHES_PER_VISITOR)
        );
        let forwarded = address(run, task, seq / BATCHES_PER_ADDRESS);
        seq += 1;
        let started = Instant::now();
        let answer = client
            .post(&url)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header("Cookie", cookie)
            .header("X-Forwarded-For", forwarded)
            .body(body.clone())
            .send()
            .await;
        let finished = Instant::now();
        let in_window = finished >= window.0 && finished < window.1;
        match answer {
            Ok(response) if response.status() == 202 => {
                let _ = response.bytes().await;
                result.acked_total_events += BATCH;
                if in_window {
                    result.acked_in_window += 1;
                    result.latencies.push(finished - started);
                }
            }
            Ok(response) => {
                let status = response.status().as_u16().to_string();
                let _ = response.bytes().await;
                *result.other.entry(status).or_default() += 1;
            }
            Err(err) => {
                let kind = if err.is_timeout() {
                    "timeout"
                } else if err.is_connect() {
                    "connect error"
                } else {
                    "request error"
                };
                *result.other.entry(kind.to_string()).or_default() += 1;
            }
        }
    }
    result
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One load run; answers the events acknowledged (all of them, warm-up too).
async fn run_load(server: &Server, run: usize, concurrency: usize) -> usize {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let url = format!("{}/api/v1/events", server.base_url);
    let start = Instant::now();
    let window = (start + WARM_UP, start + WARM_UP + MEASURE);
    let tasks: Vec<_> = (0..concurrency)
        .map(|task| tokio::spawn(client_task(client.clone(), url.clone(), run, task, window)))
        .collect();
    let mut latencies = Vec::new();
    let mut acked_batches = 0usize;
    let mut acked_events = 0usize;
    let mut other: BTreeMap<String, usize> = BTreeMap::new();
    for task in tasks {
        let r = task.await.unwrap();
        latencies.extend(r.latencies);
        acked_batches += r.acked_in_window;
        acked_events += r.acked_total_events;
        for (k, v) in r.other {
            *other.entry(k).or_default() += v;
        }
    }
    latencies.sort();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * q).round() as usize)
            .map_or(f64::NAN, |d| ms(*d))
    };
    let secs = MEASURE.as_secs_f64();
    let others = if other.is_empty() {
        "none".to_string()
    } else {
        other
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "  C={concurrency:<3} {:>8.0} events/s acknowledged  {:>6.1} batches/s  p50 {:>7.2} ms  p99 {:>7.2} ms  non-202: {others}",
        (acked_batches * BATCH) as f64 / secs,
        acked_batches as f64 / secs,
        at(0.50),
        at(0.99),
    );
    acked_events
}

async fn measure(database_url: &str, work_dir: &std::path::Path, label: &str) {
    let mut server = start_server(database_url, work_dir).await;
    let limit = std::env::var("CE_API_RATE_LIMIT").unwrap_or_else(|_| "default".into());
    println!(
        "{label} (API rate limit {limit}): batches of {BATCH}, {}s after {}s warm-up",
        MEASURE.as_secs(),
        WARM_UP.as_secs()
    );
    let mut acknowledged = 0usize;
    for (run, concurrency) in CONCURRENCY.into_iter().enumerate() {
        acknowledged += run_load(&server, run, concurrency).await;
    }
    let db = Db::connect(database_url, 1).await.unwrap();
    let stored = app::db::events::count(&db).await.unwrap();
    db.pool.close().await;
    let _ = server.child.kill().await;
    println!(
        "  events stored {stored}, acknowledged {acknowledged}: {}",
        if stored == acknowledged as i64 {
            "equal"
        } else {
            "MISMATCH"
        }
    );
    assert_eq!(
        stored, acknowledged as i64,
        "every acknowledged event is stored, and only those"
    );
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("ce-bench-events-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite_url = format!("sqlite://{}/bench.db", dir.display());
    measure(&sqlite_url, &dir, "SQLite").await;

    if let Some(scratch) = support::ScratchPostgres::create("ce_bench_events").await {
        measure(&scratch.url, &dir, "\nPostgreSQL").await;
        scratch.drop_database().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
