//! The back office's start page: leads waiting for a reply and how long,
//! the open pipeline and this month's outcomes, each consultant only their
//! own; marketers (who work no leads) get none.
use crate::common::{self, client, TestApp};
use app::domain::role::Role;
use serde_json::Value;

on_both_backends!(the_start_page_counts_what_is_waiting_and_the_month,);

const HOUR_MS: i64 = 3_600_000;

/// A lead assigned to the consultant with `first_name`, at `status`.
async fn insert_lead(
    app: &TestApp,
    id: &str,
    first_name: &str,
    status: &str,
    created_at: i64,
    closed_at: Option<i64>,
) {
    let consultant: String = sqlx::query_scalar("SELECT id FROM consultants WHERE first_name = $1")
        .bind(first_name)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO leads (id, email, first_name, company_name, industry_name, annual_revenue_range, \
           company_size_range, primary_challenge, timeline, decision_authority, source, score, \
           tier, score_breakdown_json, scored_at, consent_at, consent_wording_version, \
           consent_purposes_json, created_at, updated_at, status, closed_at, actual_value_minor, \
           assigned_consultant_id) \
         VALUES ($1, $2, 'Lead', 'Acme', 'Retail', '2m_10m', '10-50', 'pricing', 'asap', \
           'influencer', 'referral', 40, 'Tier_2', '[]', 0, 0, 'v1', '[]', $3, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(format!("{id}@example.com"))
    .bind(created_at)
    .bind(status)
    .bind(closed_at)
    .bind(closed_at.map(|_| 1_250_000i64))
    .bind(consultant)
    .execute(&app.db.pool)
    .await
    .expect("lead inserted");
}

async fn start(app: &TestApp, session: &reqwest::Client) -> Value {
    let response = app.call(session, "/api/admin/start", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn the_start_page_counts_what_is_waiting_and_the_month(app: TestApp) {
    app.seed_showcase().await;
    let now = app::db::now_ms();
    let first = common::demo().consultants[0].profile.first_name.clone();
    let second = common::demo().consultants[1].profile.first_name.clone();
    insert_lead(&app, "w-old", &first, "new", now - 5 * HOUR_MS, None).await;
    insert_lead(&app, "w-new", &first, "new", now - 60_000, None).await;
    insert_lead(&app, "c-1", &first, "contacted", now - 2 * HOUR_MS, None).await;
    insert_lead(
        &app,
        "won-1",
        &first,
        "won",
        now - 3 * HOUR_MS,
        Some(now - HOUR_MS),
    )
    .await;
    insert_lead(&app, "other", &second, "new", now - 4 * HOUR_MS, None).await;

    let admin = app.logged_in_as(Role::Admin).await;
    let all = start(&app, &admin).await;
    assert_eq!(all["scope"], "All leads");
    assert_eq!(all["waiting_total"], 3);
    assert_eq!(all["waiting"][0]["id"], "w-old", "oldest first");
    assert_eq!(all["waiting"][0]["waiting_for"], "5 h");
    assert_eq!(all["open_leads"], 4);
    assert_eq!(all["month_won"], 1);
    assert_eq!(all["month_won_value"], 12_500.0);
    let svg = all["pipeline_chart_svg"].as_str().unwrap();
    assert!(svg.contains("<svg") && svg.contains("Open leads by step"));

    // The lead's page links its email and says when, to the minute.
    let detail = app.page(&admin, "/admin/leads/w-old").await;
    assert!(
        detail.contains(r#"href="mailto:w-old@example.com""#),
        "a mailto: link"
    );
    assert!(detail.contains(" UTC"), "times, not only dates");

    // A consultant sees only the leads assigned to them.
    let email = format!(
        "start-{}@causal-edge.example",
        uuid::Uuid::new_v4().simple()
    );
    app.create_user(&email, Role::Consultant).await;
    sqlx::query(
        "UPDATE consultants SET user_id = (SELECT id FROM users WHERE email = $1) WHERE first_name = $2",
    )
    .bind(&email)
    .bind(&first)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let consultant = client();
    assert_eq!(
        app.login(&consultant, &email, common::PASSWORD)
            .await
            .status(),
        200
    );
    let own = start(&app, &consultant).await;
    assert_eq!(own["scope"], "Your leads");
    assert_eq!(own["waiting_total"], 2);
    assert!(own.to_string().find("other@example.com").is_none());
    assert!(own["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["id"] != "other"));
    let page = app.page(&consultant, "/admin").await;
    assert!(
        page.contains("2 new leads waiting for a reply"),
        "the page says so"
    );

    // Marketers work no leads; anonymous callers are turned away.
    let marketer = app.logged_in_as(Role::Marketer).await;
    assert_eq!(start(&app, &marketer).await, Value::Null);
    let anonymous = app.call(&client(), "/api/admin/start", &[]).await;
    assert_eq!(anonymous.status(), 401);
}
