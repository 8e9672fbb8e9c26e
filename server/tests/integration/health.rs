use crate::common;
use common::TestApp;

on_both_backends!(
    health_reports_a_reachable_database,
    ready_says_yes,
    unknown_pages_are_a_friendly_404
);

async fn health_reports_a_reachable_database(app: TestApp) {
    let response = reqwest::get(app.url("/health")).await.unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"]["reachable"], true);
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    let expected = match app.backend {
        common::Backend::Sqlite => "sqlite",
        common::Backend::Postgres => "postgresql",
    };
    assert_eq!(body["database"]["backend"], expected);
}

async fn ready_says_yes(app: TestApp) {
    let response = reqwest::get(app.url("/ready")).await.unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["ready"], true);
}

async fn unknown_pages_are_a_friendly_404(app: TestApp) {
    let response = app.get(&common::client(), "/no/such/page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("We could not find that page"), "{html}");
}
