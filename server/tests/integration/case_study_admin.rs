//! Back-office case-study management: who may do what, validation, slugs,
//! drafts and previews, publishing.
use crate::common;
use app::domain::role::Role;
use common::{client, TestApp};

on_both_backends!(
    editors_create_drafts_that_only_editors_can_preview,
    publishing_puts_a_study_in_the_gallery_api_and_sitemap,
    invalid_forms_name_every_bad_field,
    slugs_are_unique,
    roles_decide_who_may_edit_and_delete,
    an_industry_keeps_one_code_and_one_name,
    the_markdown_preview_is_the_public_pages_cleaned_html,
    the_list_is_searched_filtered_and_paged,
);

fn form(title: &str, slug: &str) -> Vec<(String, String)> {
    [
        ("input[title]", title),
        ("input[slug]", slug),
        ("input[summary]", "A short summary."),
        ("input[industry_sic_code]", "5610"),
        ("input[industry_name]", "Restaurants"),
        ("input[client_type]", "Regional café chain"),
        ("input[company_size]", "smb"),
        (
            "input[business_challenge]",
            "Baskets were **small**. <script>alert(1)</script>",
        ),
        ("input[methodology]", "ab_test"),
        ("input[challenge]", "pricing"),
        ("input[duration_days]", "28"),
        ("input[sample_size]", "120000"),
        ("input[confidence_level]", "0.95"),
        ("input[primary_metric_name]", "Average basket"),
        ("input[primary_metric_unit]", "£"),
        ("input[primary_metric_baseline]", "8"),
        ("input[primary_metric_result]", "8.8"),
        ("input[secondary_metrics][0][name]", "Visits"),
        ("input[secondary_metrics][0][baseline]", "2"),
        ("input[secondary_metrics][0][result]", "2.2"),
        ("input[secondary_metrics][0][unit]", "per week"),
        // An empty row (the editor always offers one) is ignored.
        ("input[secondary_metrics][1][name]", ""),
        ("input[secondary_metrics][1][baseline]", ""),
        ("input[secondary_metrics][1][result]", ""),
        ("input[secondary_metrics][1][unit]", ""),
        ("input[roi_pct]", "320"),
        ("input[roi_value]", "85000"),
        ("input[roi_timeframe]", "annually"),
        ("input[payback_months]", "3"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

async fn save(
    app: &TestApp,
    session: &reqwest::Client,
    fields: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.call(session, "/api/admin/case-studies/save", &pairs)
        .await
}

/// An admin files a first study under the test form's industry: only admins
/// add industries, so marketers can then pick it.
async fn admin_adds_the_industry(app: &TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let response = save(
        app,
        &admin,
        &form("The first restaurant study", "first-restaurant-study"),
    )
    .await;
    assert_eq!(response.status(), 200);
}

async fn editors_create_drafts_that_only_editors_can_preview(app: TestApp) {
    admin_adds_the_industry(&app).await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let response = save(&app, &marketer, &form("Café chain lifts basket size", "")).await;
    assert_eq!(response.status(), 200);
    let id: String = response.json().await.unwrap();
    assert!(!id.is_empty());
    // A draft: not public, but an editor can preview it.
    let (status, _) = app
        .json("/api/v1/case-studies/cafe-chain-lifts-basket-size")
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        app.get(&client(), "/case-studies/cafe-chain-lifts-basket-size")
            .await
            .status(),
        404
    );
    let preview = app
        .get(&marketer, "/case-studies/cafe-chain-lifts-basket-size")
        .await;
    assert_eq!(preview.status(), 200);
    let html = preview.text().await.unwrap();
    assert!(html.contains("Preview: this case study is not published"));
    assert!(html.contains("<strong>small</strong>") && !html.contains("<script>alert(1)"));
    assert!(
        html.contains("+10.0%"),
        "the improvement is computed from baseline and result"
    );
}

async fn publishing_puts_a_study_in_the_gallery_api_and_sitemap(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let id: String = save(
        &app,
        &admin,
        &form("Hotel group fills midweek rooms", "midweek-rooms"),
    )
    .await
    .json()
    .await
    .unwrap();
    let published = app
        .call(
            &admin,
            "/api/admin/case-studies/publish",
            &[("id", &id), ("published", "true")],
        )
        .await;
    assert_eq!(published.status(), 200);
    let (status, body) = app.json("/api/v1/case-studies/midweek-rooms").await;
    assert_eq!(status, 200);
    assert_eq!(body["primary_metric_improvement"], 10.0);
    assert!(body["published_at"].as_i64().is_some());
    let sitemap = reqwest::get(app.url("/sitemap.xml"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(sitemap.contains("/case-studies/midweek-rooms"));
    app.call(
        &admin,
        "/api/admin/case-studies/feature",
        &[("id", &id), ("featured", "true")],
    )
    .await;
    let (_, list) = app.json("/api/v1/case-studies?featured_only=true").await;
    assert_eq!(list["case_studies"][0]["slug"], "midweek-rooms");
    app.call(
        &admin,
        "/api/admin/case-studies/publish",
        &[("id", &id), ("published", "false")],
    )
    .await;
    let (status, _) = app.json("/api/v1/case-studies/midweek-rooms").await;
    assert_eq!(status, 404, "unpublished again");
}

async fn invalid_forms_name_every_bad_field(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let mut fields = form("OK title", "Bad Slug!");
    for (key, value) in fields.iter_mut() {
        match key.as_str() {
            "input[confidence_level]" => *value = "0.5".into(),
            "input[roi_pct]" => *value = "-3".into(),
            "input[primary_metric_baseline]" => *value = "zero".into(),
            "input[summary]" => *value = "".into(),
            _ => {}
        }
    }
    let response = save(&app, &admin, &fields).await;
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.unwrap();
    let fields: Vec<&str> = body["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for expected in [
        "slug",
        "summary",
        "confidence_level",
        "primary_metric_baseline",
        "roi_pct",
    ] {
        assert!(fields.contains(&expected), "{expected} in {fields:?}");
    }
    let (_, list) = app.json("/api/v1/case-studies").await;
    assert_eq!(list["total_count"], 0, "nothing stored");
}

async fn slugs_are_unique(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    assert_eq!(
        save(&app, &admin, &form("First study", "same-slug"))
            .await
            .status(),
        200
    );
    let clash = save(&app, &admin, &form("Second study", "same-slug")).await;
    assert_eq!(clash.status(), 409);
    let body: serde_json::Value = clash.json().await.unwrap();
    assert_eq!(body["Conflict"]["field"], "slug");
}

async fn roles_decide_who_may_edit_and_delete(app: TestApp) {
    admin_adds_the_industry(&app).await;
    let admin = app.logged_in_as(Role::Admin).await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let consultant = app.logged_in_as(Role::Consultant).await;
    let id: String = save(
        &app,
        &marketer,
        &form("Marketer's study", "marketers-study"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        save(&app, &consultant, &form("Consultant's study", "x-study"))
            .await
            .status(),
        403
    );
    assert_eq!(
        save(&app, &client(), &form("Anonymous study", "y-study"))
            .await
            .status(),
        401
    );
    assert_eq!(
        app.get(&consultant, "/admin/case-studies").await.status(),
        403
    );
    assert_eq!(
        app.get(&marketer, "/admin/case-studies").await.status(),
        200
    );
    assert_eq!(
        app.get(&marketer, &format!("/admin/case-studies/{id}/edit"))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call(
            &consultant,
            "/api/admin/case-studies/publish",
            &[("id", &id), ("published", "true")]
        )
        .await
        .status(),
        403
    );
    assert_eq!(
        app.call(&marketer, "/api/admin/case-studies/delete", &[("id", &id)])
            .await
            .status(),
        403
    );
    assert_eq!(
        app.call(&admin, "/api/admin/case-studies/delete", &[("id", &id)])
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call(&admin, "/api/admin/case-studies/delete", &[("id", &id)])
            .await
            .status(),
        404
    );
}

/// The gallery groups by SIC code and shows the name: neither may drift.
async fn an_industry_keeps_one_code_and_one_name(app: TestApp) {
    admin_adds_the_industry(&app).await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let with = |title: &str, slug: &str, code: &str, name: &str| {
        let mut f = form(title, slug);
        for (key, value) in f.iter_mut() {
            if key == "input[industry_sic_code]" {
                *value = code.to_string();
            }
            if key == "input[industry_name]" {
                *value = name.to_string();
            }
        }
        f
    };
    let field_of =
        |body: serde_json::Value| body["Invalid"][0]["field"].as_str().unwrap().to_string();
    // A typo in the name of a known code.
    let typo = save(
        &app,
        &marketer,
        &with("Typo", "typo", "5610", "Restaurnats"),
    )
    .await;
    assert_eq!(typo.status(), 422);
    assert_eq!(field_of(typo.json().await.unwrap()), "industry_name");
    // A known name under another code.
    let moved = save(
        &app,
        &marketer,
        &with("Moved", "moved", "5611", "Restaurants"),
    )
    .await;
    assert_eq!(moved.status(), 422);
    assert_eq!(field_of(moved.json().await.unwrap()), "industry_sic_code");
    // A new industry: admins only.
    let new = with("Bakeries", "bakeries", "1071", "Bakeries");
    let refused = save(&app, &marketer, &new).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(field_of(refused.json().await.unwrap()), "industry_sic_code");
    let admin = app.logged_in_as(Role::Admin).await;
    assert_eq!(save(&app, &admin, &new).await.status(), 200);
    // The name of a known code is filled in when left empty.
    let id: String = save(&app, &marketer, &with("Named", "named", "1071", ""))
        .await
        .json()
        .await
        .unwrap();
    let editor = app
        .page(&marketer, &format!("/admin/case-studies/{id}/edit"))
        .await;
    assert!(
        editor.contains(r#"value="Bakeries""#),
        "the name came from the list"
    );
    assert!(editor.contains(r#"<datalist id="cs-industries">"#));
}

async fn the_markdown_preview_is_the_public_pages_cleaned_html(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let text = "Baskets were **small**. <script>alert(1)</script> [x](javascript:alert(1))";
    let response = app
        .call(
            &marketer,
            "/api/admin/case-studies/preview",
            &[("text", text)],
        )
        .await;
    assert_eq!(response.status(), 200);
    let html: String = response.json().await.unwrap();
    assert!(html.contains("<strong>small</strong>"), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("javascript:"),
        "{html}"
    );
    let long = "x".repeat(10_001);
    let refused = app
        .call(
            &marketer,
            "/api/admin/case-studies/preview",
            &[("text", &long)],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let consultant = app.logged_in_as(Role::Consultant).await;
    let forbidden = app
        .call(
            &consultant,
            "/api/admin/case-studies/preview",
            &[("text", "hi")],
        )
        .await;
    assert_eq!(forbidden.status(), 403);
}

async fn the_list_is_searched_filtered_and_paged(app: TestApp) {
    app.seed_showcase().await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let rows = |html: &str| html.matches("/edit\">").count();
    let first = app.page(&marketer, "/admin/case-studies").await;
    assert!(
        first.contains("29 case studies"),
        "the count covers every page"
    );
    assert_eq!(rows(&first), 25);
    assert!(first.contains("Page 1 of 2"));
    let second = app.page(&marketer, "/admin/case-studies?page=2").await;
    assert_eq!(rows(&second), 4);
    let cinemas = app.page(&marketer, "/admin/case-studies?q=CINEMA").await;
    let expected = common::demo_studies()
        .iter()
        .filter(|s| {
            s.industry_name.to_lowercase().contains("cinema")
                || s.title.to_lowercase().contains("cinema")
        })
        .count();
    assert!(expected > 0);
    assert_eq!(rows(&cinemas), expected, "title or industry, any case");
    assert!(
        cinemas.contains(r#"value="cinema""#),
        "the search box keeps the text"
    );
    let drafts = app
        .page(&marketer, "/admin/case-studies?status=draft")
        .await;
    assert!(drafts.contains("No case studies match."));
    let bad = app
        .page(&marketer, "/admin/case-studies?status=sideways&q=cinema")
        .await;
    assert!(bad.contains("Show published, drafts or all."));
    assert_eq!(rows(&bad), expected, "the valid search still applies");
    let api = app
        .call(
            &marketer,
            "/api/admin/case-studies/list",
            &[("q", ""), ("status", "x"), ("page", "")],
        )
        .await;
    assert_eq!(api.status(), 422);
}
