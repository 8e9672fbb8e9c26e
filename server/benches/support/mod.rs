//! Set-up the benches share: a scratch PostgreSQL database, the bench user,
//! a published landing page and a running two-arm experiment on it. Each
//! bench includes this with `mod support;` and uses what it needs.
#![allow(dead_code)]

use app::db::experiments::{self as db_exp, NewArm, NewExperiment};
use app::db::landing_pages::{self as db_pages, NewPage};
use app::db::Db;
use app::domain::page_document::built_in;
use sqlx::AssertSqlSafe;

/// A fresh database on the server `CE_TEST_POSTGRES_URL` names, dropped by
/// [`ScratchPostgres::drop_database`].
pub struct ScratchPostgres {
    admin: Db,
    name: String,
    /// Its URL, for `Db::connect` or a server's `DATABASE_URL`.
    pub url: String,
}

impl ScratchPostgres {
    /// `{prefix}_{pid}`; `None` (and a line saying so) without
    /// `CE_TEST_POSTGRES_URL`.
    pub async fn create(prefix: &str) -> Option<ScratchPostgres> {
        let Ok(admin_url) = std::env::var("CE_TEST_POSTGRES_URL") else {
            println!("\n(PostgreSQL skipped: set CE_TEST_POSTGRES_URL)");
            return None;
        };
        let name = format!("{prefix}_{}", std::process::id());
        let admin = Db::connect(&admin_url, 1).await.unwrap();
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin.pool)
            .await
            .unwrap();
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        let url = format!("{base}/{name}");
        Some(ScratchPostgres { admin, name, url })
    }

    /// Connected (5 connections) and migrated.
    pub async fn connect(&self) -> Db {
        let db = Db::connect(&self.url, 5).await.unwrap();
        db.migrate().await.unwrap();
        db
    }

    pub async fn drop_database(self) {
        sqlx::query(AssertSqlSafe(format!(
            "DROP DATABASE {} WITH (FORCE)",
            self.name
        )))
        .execute(&self.admin.pool)
        .await
        .unwrap();
    }
}

/// A migrated SQLite file in `dir`.
pub async fn sqlite_in(dir: &std::path::Path) -> Db {
    let db = Db::connect(&format!("sqlite://{}/bench.db", dir.display()), 5)
        .await
        .unwrap();
    db.migrate().await.unwrap();
    db
}

/// The bench's marketer; answers their id.
pub async fn bench_user(db: &Db) -> String {
    app::services::users::insert(
        db,
        None,
        app::services::users::parse_new_user(
            "bench@causal-edge.example",
            "Bench",
            "marketer",
            Some("Bench-Password-123"),
        )
        .unwrap(),
    )
    .await
    .unwrap()
    .id
}

/// A published page from the free-consultation template; answers (id,
/// published document).
pub async fn published_page(db: &Db, owner: &str, slug: &str) -> (String, String) {
    let mut document = built_in("free-consultation").unwrap().document().unwrap();
    document.settings.slug = slug.to_string();
    let json = serde_json::to_string(&document).unwrap();
    let id = db_pages::insert(
        db,
        NewPage {
            slug,
            title: "Bench",
            draft_json: &json,
            template_key: "free-consultation",
            owner_id: owner,
        },
    )
    .await
    .unwrap();
    db_pages::publish(db, &id, &json, owner).await.unwrap();
    (id, json)
}

/// A running experiment on `page_id` measuring leads (and
/// `secondary_goals`): control and variant B (`variant_json`), 50/50,
/// sequential engine. Answers its id.
pub async fn running_experiment(
    db: &Db,
    owner: &str,
    page_id: &str,
    variant_json: &str,
    secondary_goals: &str,
) -> String {
    let id = db_exp::insert(
        db,
        NewExperiment {
            page_id,
            name: "Bench",
            hypothesis: "Bench",
            seed: "bench-seed",
            goal: "lead_submitted",
            secondary_goals,
            guardrail_goals: "",
            engine: "sequential",
            coverage_pct: 100,
            plan_json: "{}",
            created_by: owner,
        },
        &[
            NewArm {
                key: "control",
                name: "Control",
                weight: 50,
                document_json: None,
            },
            NewArm {
                key: "b",
                name: "Variant B",
                weight: 50,
                document_json: Some(variant_json),
            },
        ],
    )
    .await
    .unwrap();
    db_exp::set_status(db, &id, "draft", "running")
        .await
        .unwrap();
    id
}

/// The configuration of an app run in process on `database_url`: any free
/// port, uploads in `media`, the page cache off (every request renders).
pub fn app_config(database_url: &str, media: &std::path::Path) -> server::config::Config {
    let vars = std::collections::HashMap::from([
        ("DATABASE_URL", database_url.to_string()),
        ("CE_LISTEN_ADDR", "127.0.0.1:0".to_string()),
        ("CE_PAGE_CACHE_SECS", "0".to_string()),
        ("CE_MEDIA_DIR", media.display().to_string()),
    ]);
    server::config::Config::from_lookup(|k| vars.get(k).cloned()).expect("config")
}

/// A scratch SQLite app with the demo showcase, in a temporary directory
/// named for `prefix` (remove it when done): the directory, the app's
/// configuration and the slug of a published case study.
pub fn seeded_sqlite_app(prefix: &str) -> (std::path::PathBuf, server::config::Config, String) {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}", std::process::id()));
    let media = dir.join("media");
    std::fs::create_dir_all(&media).expect("temp dir");
    let config = app_config(&format!("sqlite://{}/bench.db", dir.display()), &media);
    let slug = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let app = server::startup::Application::build(&config)
                .await
                .expect("app");
            let db = &app.state().db;
            server::seed::showcase::seed_showcase(db, &media)
                .await
                .expect("seed");
            let slug: String = sqlx::query_scalar(
                "SELECT slug FROM case_studies WHERE published = 1 ORDER BY slug LIMIT 1",
            )
            .fetch_one(&db.pool)
            .await
            .expect("a published study");
            db.pool.close().await;
            slug
        });
    (dir, config, slug)
}

/// The uncompressed body and content type `router` answers `path` with (a
/// `GET` from one client address; the answer must be `200`).
pub async fn fetch(router: &axum::Router, path: &str) -> (axum::body::Bytes, String) {
    use tower::ServiceExt;
    let mut request = http::Request::get(path)
        .header("accept", "text/html,application/json")
        .header("accept-encoding", "identity")
        .body(axum::body::Body::empty())
        .expect("request");
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            [10, 0, 0, 1],
            40_000,
        ))));
    let response = router.clone().oneshot(request).await.expect("answered");
    assert_eq!(response.status(), http::StatusCode::OK, "{path}");
    let content_type = response.headers()[http::header::CONTENT_TYPE]
        .to_str()
        .expect("content type")
        .to_string();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (body, content_type)
}
