//! Lead submission latency through the real HTTP stack (validation, spam
//! checks, rate limits, scoring, consultant matching, the exactly-once
//! transaction), with 50 concurrent clients, on SQLite and (when
//! CE_TEST_POSTGRES_URL is set) PostgreSQL:
//!
//!     cargo bench -p server --bench lead_submission
//!
//! Each client posts `POST /api/v1/leads` back to back; one submission in five
//! repeats an earlier address (the merge path). Figures go into docs/performance.md.

use server::config::Config;
use server::startup::Application;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Concurrent clients (override with CE_BENCH_CLIENTS, e.g. 1 for unloaded latency).
fn clients() -> usize {
    std::env::var("CE_BENCH_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50)
}
const SUBMISSIONS: usize = 2000;

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| {
        samples[((samples.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1000.0
    };
    format!(
        "p50 {:>6.2} ms   p95 {:>6.2} ms   p99 {:>6.2} ms   max {:>6.2} ms",
        at(0.50),
        at(0.95),
        at(0.99),
        at(1.0)
    )
}

fn lead(n: usize) -> serde_json::Value {
    // Every fifth submission repeats the address of the one five before it.
    let who = if n % 5 == 4 { n - 4 } else { n };
    let industry = ["4791", "5914", "6419", "other"][n % 4];
    let challenge = ["conversion", "pricing", "retention", "marketing"][n % 4];
    serde_json::json!({
        "email": format!("bench{who}@company{}.example", who % 97),
        "first_name": "Bench",
        "company_name": "Bench Co",
        "industry": industry,
        "industry_other": "Logistics",
        "annual_revenue_range": "10m_50m",
        "company_size_range": "200-1000",
        "primary_challenge": challenge,
        "timeline": "1-3_months",
        "decision_making_authority": "decision_maker",
        "source": "api",
        "consent_marketing": n.is_multiple_of(2),
        "time_on_site": 300,
    })
}

async fn run(database_url: &str, label: &str) {
    let mut vars = HashMap::new();
    vars.insert("DATABASE_URL".to_string(), database_url.to_string());
    vars.insert("CE_LISTEN_ADDR".to_string(), "127.0.0.1:0".to_string());
    vars.insert("CE_TRUST_PROXY".to_string(), "true".to_string());
    // The server's default pool; CE_BENCH_DB_CONNECTIONS tries another size.
    let pool = std::env::var("CE_BENCH_DB_CONNECTIONS").unwrap_or_else(|_| "10".to_string());
    vars.insert("CE_DB_MAX_CONNECTIONS".to_string(), pool);
    let media = std::env::temp_dir().join(format!("ce-bench-media-{}", std::process::id()));
    vars.insert("CE_MEDIA_DIR".to_string(), media.display().to_string());
    let config = Config::from_lookup(|k| vars.get(k).cloned()).expect("config");
    // The server gets a thread and runtime of its own (as in production), so
    // the 50 clients' work is not counted against it.
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let seed_media = media.clone();
    let server = std::thread::spawn(move || {
        // As `server serve` runs it: one worker per core.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(std::thread::available_parallelism().map_or(1, |n| n.get()))
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let app = Application::build(&config).await.expect("app");
            server::seed::showcase::seed_showcase(&app.state().db, &seed_media)
                .await
                .expect("seed");
            ready_tx.send(app.port()).unwrap();
            let _ = app
                .run_until(async move {
                    let _ = stopped.await;
                })
                .await;
        });
    });
    let base = format!(
        "http://127.0.0.1:{}",
        ready_rx.recv().expect("server ready")
    );

    let http = reqwest::Client::new();
    let started = Instant::now();
    let mut workers = Vec::new();
    let clients = clients();
    let per_client = SUBMISSIONS / clients;
    for client in 0..clients {
        let http = http.clone();
        let url = format!("{base}/api/v1/leads");
        workers.push(tokio::spawn(async move {
            let mut samples = Vec::with_capacity(per_client);
            for i in 0..per_client {
                let n = i * clients + client;
                let sent = Instant::now();
                let response = http
                    .post(&url)
                    // One address per submission: the per-address limits are not what is measured.
                    .header(
                        "X-Forwarded-For",
                        format!("10.{}.{}.{}", n / 65_536, (n / 256) % 256, n % 256),
                    )
                    .json(&lead(n))
                    .send()
                    .await
                    .expect("sent");
                let status = response.status().as_u16();
                let _ = response.bytes().await;
                assert!(status == 200 || status == 201, "submission {n}: {status}");
                samples.push(sent.elapsed());
            }
            samples
        }));
    }
    let mut samples = Vec::new();
    for worker in workers {
        samples.extend(worker.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    let db = app::db::Db::connect(database_url, 1).await.unwrap();
    let leads: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    db.pool.close().await;
    println!(
        "{label}: {} submissions from {clients} clients in {elapsed:.1} s ({:.0}/s), {leads} leads stored\n  {}",
        samples.len(),
        samples.len() as f64 / elapsed,
        percentiles(samples)
    );
    let _ = stop.send(());
    let _ = server.join();
    let _ = std::fs::remove_dir_all(media);
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // With RUST_LOG set, the server's logs as JSON lines on stdout; e.g.
    // `RUST_LOG=warn,app::db::group_commit=debug` shows each group the
    // SQLite writer commits (its size, and how long it idled, waited and wrote).
    if std::env::var_os("RUST_LOG").is_some() {
        server::telemetry::init(server::config::LogFormat::Json);
    }
    let dir = std::env::temp_dir().join(format!("ce-bench-leads-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    run(&format!("sqlite://{}/bench.db", dir.display()), "SQLite").await;
    let _ = std::fs::remove_dir_all(&dir);

    if let Ok(admin_url) = std::env::var("CE_TEST_POSTGRES_URL") {
        let name = format!("ce_bench_leads_{}", std::process::id());
        let admin = app::db::Db::connect(&admin_url, 1).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin.pool)
            .await
            .unwrap();
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        run(&format!("{base}/{name}"), "PostgreSQL").await;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE {name} WITH (FORCE)"
        )))
        .execute(&admin.pool)
        .await
        .unwrap();
    } else {
        println!("(PostgreSQL skipped: set CE_TEST_POSTGRES_URL)");
    }
}
