//! Undoing a status change: the person who made it may take it back for ten
//! minutes, while the lead is still where they put it; the step's date goes
//! with it and the timeline says so.
use crate::common::TestApp;
use app::domain::role::Role;
use serde_json::Value;

on_both_backends!(a_status_change_can_be_undone_by_its_author_for_a_while,);

async fn detail(app: &TestApp, session: &reqwest::Client, id: &str) -> Value {
    let response = app
        .call(session, "/api/admin/leads/detail", &[("id", id)])
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn a_status_change_can_be_undone_by_its_author_for_a_while(app: TestApp) {
    app.seed_showcase().await;
    let now = app::db::now_ms();
    sqlx::query(
        "INSERT INTO leads (id, email, first_name, industry_name, annual_revenue_range, \
           company_size_range, primary_challenge, timeline, decision_authority, source, score, \
           tier, score_breakdown_json, scored_at, consent_at, consent_wording_version, \
           consent_purposes_json, created_at, updated_at) \
         VALUES ('undo-1', 'undo@example.com', 'Una', 'Retail', '2m_10m', '10-50', 'pricing', \
           'asap', 'influencer', 'referral', 40, 'Tier_2', '[]', 0, 0, 'v1', '[]', $1, $1)",
    )
    .bind(now)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let admin = app.logged_in_as(Role::Admin).await;
    let other = app.logged_in_as(Role::Admin).await;
    let moved = app
        .call(
            &admin,
            "/api/admin/leads/status",
            &[("id", "undo-1"), ("status", "contacted"), ("note", "")],
        )
        .await;
    assert_eq!(moved.status(), 200);
    let lead = detail(&app, &admin, "undo-1").await;
    assert_eq!(lead["status"], "contacted");
    assert_eq!(lead["undo_to"], "new", "offered to its author");
    assert_eq!(detail(&app, &other, "undo-1").await["undo_to"], Value::Null);
    let refused = app
        .call(&other, "/api/admin/leads/undo-status", &[("id", "undo-1")])
        .await;
    assert_eq!(refused.status(), 409, "someone else's change");

    let undone = app
        .call(&admin, "/api/admin/leads/undo-status", &[("id", "undo-1")])
        .await;
    assert_eq!(undone.status(), 200);
    let lead = detail(&app, &admin, "undo-1").await;
    assert_eq!(lead["status"], "new");
    assert_eq!(lead["undo_to"], Value::Null, "an undo is not undone");
    let dates = lead["status_dates"].as_array().unwrap();
    assert!(
        dates.iter().all(|d| d[0] != "Contacted"),
        "the step's date went with it: {dates:?}"
    );
    assert!(lead["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["detail"] == "Undone: Contacted → New"));

    // Too late: a change older than ten minutes stays.
    app.call(
        &admin,
        "/api/admin/leads/status",
        &[("id", "undo-1"), ("status", "contacted"), ("note", "")],
    )
    .await;
    sqlx::query(
        "UPDATE lead_interactions SET occurred_at = occurred_at - 660000 \
         WHERE lead_id = 'undo-1' AND detail = 'New → Contacted'",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(detail(&app, &admin, "undo-1").await["undo_to"], Value::Null);
    let late = app
        .call(&admin, "/api/admin/leads/undo-status", &[("id", "undo-1")])
        .await;
    assert_eq!(late.status(), 409);
    let page = app.page(&admin, "/admin/leads/undo-1").await;
    assert!(!page.contains("Undo: back to"));
}
