//! Rendering on a work-stealing runtime: the server binary runs Tokio's
//! multi-thread runtime (every core), where Leptos' server rendering once
//! left responses unfinished. Here the server runs on a two-worker runtime
//! and renders pages with resources (public and back office) 400 times at
//! once; every response must arrive whole.

use crate::common::{spawn_app, Backend};
use app::domain::role::Role;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_pages_always_finish_on_a_work_stealing_runtime() {
    pages_always_finish_on_a_work_stealing_runtime(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_pages_always_finish_on_a_work_stealing_runtime() {
    pages_always_finish_on_a_work_stealing_runtime(Backend::Postgres).await
}

async fn pages_always_finish_on_a_work_stealing_runtime(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_showcase().await;
    let admin = app.logged_in_as(Role::Admin).await;
    let (_, list) = app.json("/api/v1/case-studies?limit=3").await;
    let mut paths = vec![
        "/".to_string(),
        "/case-studies".to_string(),
        "/case-studies?sort_by=roi_desc".to_string(),
        "/consultants".to_string(),
        "/admin".to_string(),
        "/admin/users".to_string(),
        "/admin/leads".to_string(),
        "/admin/emails".to_string(),
    ];
    for study in list["case_studies"].as_array().unwrap() {
        paths.push(format!("/case-studies/{}", study["slug"].as_str().unwrap()));
    }
    crate::common::every_page_renders_whole(&app, &admin, &paths, 40).await;
}
