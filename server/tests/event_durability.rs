//! An acknowledged event batch survives the server being killed: the
//! server binary runs on a fresh SQLite file and (when CE_TEST_POSTGRES_URL
//! is set) a fresh PostgreSQL database, several clients post batches of 50
//! events as fast as they are answered, and the process gets SIGKILL in the
//! middle of the load, three times over on the same database (restarted in
//! between). Afterwards the events table must hold every event answered 202,
//! and at most the events of the batches that were never answered more
//! (those may or may not have been committed when the process died).
//!
//!     cargo test -p server --test event_durability
//!
//! A server that answered before its commit would fail here: a batch
//! acknowledged but not yet committed when the process dies is lost, and the
//! table holds fewer events than were acknowledged. A batch answered with
//! anything but 202 must store nothing (its events would exceed the bound).
//! This is a process crash: the operating system keeps what was written, so
//! this does not test a power loss.

use app::db::Db;
use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::process::{Child, Command};

const CLIENTS: usize = 6;
const BATCH: usize = 50;
const ROUNDS: usize = 3;
/// Load before each kill.
const LOAD: Duration = Duration::from_millis(1500);
const USER_AGENT: &str =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const SIGKILL: i32 = 9;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `server serve` and waits until it is ready.
async fn start_server(database_url: &str, work_dir: &Path) -> (Child, String) {
    let port = free_port();
    let media = work_dir.join("media");
    std::fs::create_dir_all(&media).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("CE_LISTEN_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", work_dir.join("site"))
        .env("CE_MEDIA_DIR", &media)
        // The default API limit stays on; each client names its addresses.
        .env("CE_TRUST_PROXY", "1")
        .env_remove("CE_API_RATE_LIMIT")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the server binary starts");
    let base_url = format!("http://127.0.0.1:{port}");
    for _ in 0..300 {
        if let Ok(r) = reqwest::get(format!("{base_url}/ready")).await {
            if r.status() == 200 {
                return (child, base_url);
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server exited before it was ready: {status}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server on port {port} did not become ready");
}

fn body() -> String {
    let at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
        - 1_000;
    let events: Vec<serde_json::Value> = (0..BATCH)
        .map(|i| match i % 3 {
            0 => serde_json::json!({"type": "cta_click", "path": "/landing/offer", "block": "b1", "at": at}),
            1 => serde_json::json!({"type": "form_started", "path": "/landing/offer", "at": at}),
            _ => serde_json::json!({"type": "custom", "path": "/landing/offer", "name": "scrolled", "at": at}),
        })
        .collect();
    serde_json::json!({ "events": events }).to_string()
}

/// What one client saw.
#[derive(Default)]
struct Seen {
    /// Batches answered 202.
    acknowledged: usize,
    /// Batches sent and never answered (cut off by the kill).
    unanswered: usize,
    /// Other answers, by status.
    refused: BTreeMap<u16, usize>,
}

async fn client(url: String, round: usize, task: usize, stop: Arc<AtomicBool>) -> Seen {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let body = body();
    let mut seen = Seen::default();
    let mut n = 0usize;
    while !stop.load(Ordering::SeqCst) {
        // A new visitor every 10 batches, a new address every 50 (under the
        // default 60 requests a minute per address).
        let visitor = format!("{:0>43}", format!("durable-r{round}-t{task}-v{}", n / 10));
        let address = std::net::Ipv4Addr::new(10, round as u8, task as u8, (n / 50) as u8);
        n += 1;
        match http
            .post(&url)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header("Cookie", format!("ce_vid={visitor}"))
            .header("X-Forwarded-For", address.to_string())
            .body(body.clone())
            .send()
            .await
        {
            Ok(response) if response.status() == 202 => seen.acknowledged += 1,
            Ok(response) => *seen.refused.entry(response.status().as_u16()).or_default() += 1,
            Err(_) => seen.unanswered += 1,
        }
    }
    seen
}

/// Loads the server for [`LOAD`], kills it with SIGKILL, and answers what
/// the clients saw.
async fn load_and_kill(database_url: &str, work_dir: &Path, round: usize) -> Seen {
    let (mut server, base_url) = start_server(database_url, work_dir).await;
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|task| {
            tokio::spawn(client(
                format!("{base_url}/api/v1/events"),
                round,
                task,
                stop.clone(),
            ))
        })
        .collect();
    tokio::time::sleep(LOAD).await;
    // No new batches from here on; those on the way are cut off.
    stop.store(true, Ordering::SeqCst);
    server.start_kill().unwrap();
    let status = server.wait().await.unwrap();
    assert_eq!(
        status.signal(),
        Some(SIGKILL),
        "the server died of SIGKILL ({status})"
    );
    let mut seen = Seen::default();
    for c in clients {
        let one = c.await.unwrap();
        seen.acknowledged += one.acknowledged;
        seen.unanswered += one.unanswered;
        for (status, count) in one.refused {
            *seen.refused.entry(status).or_default() += count;
        }
    }
    seen
}

async fn acknowledged_events_survive_kills(database_url: &str, work_dir: &Path) {
    let started = Instant::now();
    let mut acknowledged = 0usize;
    let mut unanswered = 0usize;
    let mut refused: BTreeMap<u16, usize> = BTreeMap::new();
    for round in 0..ROUNDS {
        let seen = load_and_kill(database_url, work_dir, round).await;
        assert!(
            seen.acknowledged > 0,
            "round {round}: the load ran (no batch was acknowledged)"
        );
        acknowledged += seen.acknowledged * BATCH;
        unanswered += seen.unanswered;
        for (status, count) in seen.refused {
            *refused.entry(status).or_default() += count;
        }
    }
    let db = Db::connect(database_url, 1).await.unwrap();
    let stored = app::db::events::count(&db).await.unwrap() as usize;
    db.pool.close().await;
    eprintln!(
        "{}: {ROUNDS} kills in {:.1} s; {acknowledged} events acknowledged, {stored} stored, \
         {unanswered} batches cut off, other answers {refused:?}",
        app::db::redact_url(database_url),
        started.elapsed().as_secs_f64()
    );
    assert!(
        stored >= acknowledged,
        "{} acknowledged events were lost ({stored} stored, {acknowledged} acknowledged)",
        acknowledged - stored
    );
    assert!(
        stored - acknowledged <= unanswered * BATCH,
        "{stored} events stored: more than the {acknowledged} acknowledged plus the \
         {unanswered} batches of {BATCH} cut off"
    );
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("ce-event-durability-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_events_survive_sigkill_on_sqlite() {
    let dir = TempDir::new("sqlite");
    let url = format!("sqlite://{}/events.db", dir.0.display());
    acknowledged_events_survive_kills(&url, &dir.0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_events_survive_sigkill_on_postgres() {
    let Ok(admin_url) = std::env::var("CE_TEST_POSTGRES_URL") else {
        eprintln!("skipped: set CE_TEST_POSTGRES_URL to run this on PostgreSQL");
        return;
    };
    let dir = TempDir::new("postgres");
    let name = format!("ce_event_durability_{}", std::process::id());
    let admin = Db::connect(&admin_url, 1).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin.pool)
        .await
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    // Run the scenario in its own task so the database is dropped even
    // when an assertion fails.
    let outcome = tokio::spawn({
        let url = url.clone();
        let dir = dir.0.clone();
        async move { acknowledged_events_survive_kills(&url, &dir).await }
    })
    .await;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE {name} WITH (FORCE)"
    )))
    .execute(&admin.pool)
    .await
    .unwrap();
    admin.pool.close().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic.into_panic());
    }
}
