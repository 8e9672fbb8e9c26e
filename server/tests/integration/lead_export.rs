//! The lead CSV export: everything that matches, however many (the list page
//! stops at 1,000; the export must not), each consultant only their own, and
//! cells a spreadsheet would run as formulas kept as text.
use crate::common::{client, TestApp};
use app::domain::role::Role;

on_both_backends!(
    the_export_has_every_matching_lead_past_a_thousand,
    the_export_keeps_formula_like_cells_as_text,
    the_export_is_for_admins_and_consultants_only,
    leads_are_found_by_part_of_a_name_email_or_company,
);

/// Inserts `n` leads in one statement (ids `bulk-0001`…), from `source`,
/// created a second apart.
async fn insert_leads(app: &TestApp, n: i64, source: &str) {
    let sql = format!(
        "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {n}) \
         INSERT INTO leads (id, email, first_name, industry_name, annual_revenue_range, \
           company_size_range, primary_challenge, timeline, decision_authority, source, score, \
           tier, score_breakdown_json, scored_at, consent_at, consent_wording_version, \
           consent_purposes_json, created_at, updated_at) \
         SELECT 'bulk-' || i, 'bulk' || i || '@example.com', 'Bulk', 'Retail', '2m_10m', \
           '10-50', 'pricing', 'asap', 'influencer', '{source}', 40, 'Tier_2', '[]', 0, 0, 'v1', \
           '[]', 1700000000000 + i * 1000, 0 \
         FROM seq"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(&app.db.pool)
        .await
        .expect("leads inserted");
}

/// Sets one text column of one inserted lead.
async fn set_column(app: &TestApp, id: &str, column: &str, value: &str) {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE leads SET {column} = $1 WHERE id = $2"
    )))
    .bind(value)
    .bind(id)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

async fn export(app: &TestApp, session: &reqwest::Client, query: &str) -> (u16, String) {
    let response = session
        .get(app.url(&format!("/admin/leads/export.csv{query}")))
        .send()
        .await
        .expect("request sent");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a whole body"))
}

async fn the_export_has_every_matching_lead_past_a_thousand(app: TestApp) {
    insert_leads(&app, 2_500, "referral").await;
    sqlx::query("UPDATE leads SET source = 'api' WHERE id = 'bulk-7'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let admin = app.logged_in_as(Role::Admin).await;

    let (status, csv) = export(&app, &admin, "?sort=oldest").await;
    assert_eq!(status, 200);
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 1 + 2_500, "a header and every lead");
    assert!(lines[0].starts_with("id,created_at,name,email"));
    assert!(
        lines[1].starts_with("bulk-1,"),
        "oldest first: {}",
        lines[1]
    );
    assert!(lines[2_500].starts_with("bulk-2500,"), "{}", lines[2_500]);

    let (_, referrals) = export(&app, &admin, "?source=referral").await;
    assert_eq!(
        referrals.split_terminator("\r\n").count(),
        1 + 2_499,
        "filters still apply"
    );
    assert!(!referrals.contains("bulk-7,"));
}

async fn the_export_keeps_formula_like_cells_as_text(app: TestApp) {
    insert_leads(&app, 4, "referral").await;
    for (id, column, value) in [
        (
            "bulk-1",
            "company_name",
            "=HYPERLINK(\"http://evil.example\",\"x\")",
        ),
        ("bulk-2", "company_name", "+44 20 7946 0000"),
        ("bulk-3", "first_name", "-2+3"),
        ("bulk-4", "industry_name", "@SUM(A1:A9)"),
    ] {
        set_column(&app, id, column, value).await;
    }
    let admin = app.logged_in_as(Role::Admin).await;
    let (status, csv) = export(&app, &admin, "?sort=oldest").await;
    assert_eq!(status, 200);
    let line = |id: &str| -> String {
        csv.lines()
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap_or_else(|| panic!("{id} exported: {csv}"))
            .to_string()
    };
    assert!(
        line("bulk-1").contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","),
        "{}",
        line("bulk-1")
    );
    assert!(line("bulk-2").contains(",'+44 20 7946 0000,"));
    assert!(line("bulk-3").contains(",'-2+3,"));
    assert!(line("bulk-4").contains(",'@SUM(A1:A9),"));
    for cell in csv.lines().flat_map(|l| l.split(',')) {
        assert!(
            !cell.starts_with(['=', '+', '-', '@']),
            "no cell starts a formula: {cell:?}"
        );
    }
}

async fn the_export_is_for_admins_and_consultants_only(app: TestApp) {
    insert_leads(&app, 3, "referral").await;
    let (status, _) = export(&app, &client(), "").await;
    assert_eq!(status, 401, "signed out");
    let marketer = app.logged_in_as(Role::Marketer).await;
    let (status, _) = export(&app, &marketer, "").await;
    assert_eq!(status, 403, "marketers do not see leads");
    // A consultant account without a profile has no leads: just the header.
    let consultant = app.logged_in_as(Role::Consultant).await;
    let (status, csv) = export(&app, &consultant, "").await;
    assert_eq!(status, 200);
    assert_eq!(csv.split_terminator("\r\n").count(), 1, "{csv}");
}

async fn leads_are_found_by_part_of_a_name_email_or_company(app: TestApp) {
    insert_leads(&app, 30, "referral").await;
    for (id, column, value) in [
        ("bulk-3", "company_name", "Harbour Hotels"),
        ("bulk-4", "last_name", "Hárbourne"),
        ("bulk-5", "email", "ops@harbourview.example"),
        // The search text's own wildcards are taken literally.
        ("bulk-6", "company_name", "100% Lift_Labs"),
        ("bulk-12", "last_name", "Twelvetrees"),
    ] {
        set_column(&app, id, column, value).await;
    }
    let admin = app.logged_in_as(Role::Admin).await;
    let ids = |csv: String| -> Vec<String> {
        csv.split_terminator("\r\n")
            .skip(1)
            .map(|line| line.split(',').next().unwrap_or_default().to_string())
            .collect()
    };
    let (status, csv) = export(&app, &admin, "?q=HARBOUR&sort=oldest").await;
    assert_eq!(status, 200);
    assert_eq!(
        ids(csv),
        ["bulk-3", "bulk-5"],
        "company and email, any case"
    );
    let (_, csv) = export(&app, &admin, "?q=bulk%20twelve").await;
    assert_eq!(ids(csv), ["bulk-12"], "first and last name together");
    let (_, csv) = export(&app, &admin, "?q=0%25%20lift_").await;
    assert_eq!(ids(csv), ["bulk-6"], "% and _ match only themselves");
    let (_, csv) = export(&app, &admin, "?q=_").await;
    assert_eq!(ids(csv), ["bulk-6"]);
    let page = app.get(&admin, "/admin/leads?q=harbour").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Harbour Hotels") && !html.contains("bulk30@example.com"));
    assert!(
        html.contains(r#"value="harbour""#),
        "the search box keeps the text"
    );
}
