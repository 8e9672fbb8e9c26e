//! The public showcase: JSON API filters and errors, gallery and detail pages,
//! view counting, sitemap, and sanitised Markdown.
use crate::common;
use common::TestApp;

on_both_backends!(
    the_api_lists_published_case_studies_with_pagination,
    every_api_filter_narrows_the_list,
    sort_orders_are_honoured,
    bad_api_parameters_are_named_in_a_400,
    a_case_study_comes_with_related_work,
    consultants_can_be_filtered,
    the_gallery_page_filters_through_the_url,
    the_detail_page_has_charts_and_structured_data,
    views_are_counted_once_per_visitor_and_never_for_bots,
    the_sitemap_lists_only_published_content,
    markdown_from_the_back_office_cannot_run_script,
);

fn slugs(body: &serde_json::Value) -> Vec<String> {
    body["case_studies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap().to_string())
        .collect()
}

async fn the_api_lists_published_case_studies_with_pagination(app: TestApp) {
    app.seed_showcase().await;
    let total = common::demo_studies().len() as i64;
    let (status, first) = app.json("/api/v1/case-studies?limit=10").await;
    assert_eq!(status, 200);
    assert_eq!(first["total_count"], total);
    assert_eq!(first["case_studies"].as_array().unwrap().len(), 10);
    assert_eq!(first["pagination"]["total_pages"], (total + 9) / 10);
    assert_eq!(first["pagination"]["has_next"], true);
    let (_, second) = app.json("/api/v1/case-studies?limit=10&offset=10").await;
    let (a, b) = (slugs(&first), slugs(&second));
    assert!(a.iter().all(|s| !b.contains(s)), "pages do not overlap");
    let card = &first["case_studies"][0];
    for field in [
        "id",
        "title",
        "slug",
        "summary",
        "industry_display_name",
        "client_type",
        "roi_percentage",
        "roi_absolute_value",
        "payback_period_months",
        "confidence_level",
        "consultant_name",
        "view_count",
        "is_featured",
    ] {
        assert!(card.get(field).is_some(), "summary has {field}");
    }
}

async fn every_api_filter_narrows_the_list(app: TestApp) {
    app.seed_showcase().await;
    let studies = common::demo_studies();
    let count = |pred: &dyn Fn(&common::DemoStudy) -> bool| {
        studies.iter().filter(|s| pred(s)).count() as i64
    };
    let cases: Vec<(&str, i64)> = vec![
        ("industry=5914", count(&|s| s.industry_sic_code == "5914")),
        (
            "experiment_type=geo_experiment",
            count(&|s| s.methodology.as_str() == "geo_experiment"),
        ),
        (
            "company_size=smb",
            count(&|s| s.company_size.as_str() == "smb"),
        ),
        ("featured_only=true", count(&|s| s.featured)),
        ("roi_min=300", count(&|s| s.roi_pct >= 300.0)),
        ("roi_max=200", count(&|s| s.roi_pct <= 200.0)),
        (
            "roi_min=100&roi_max=400&company_size=enterprise",
            count(&|s| {
                s.roi_pct >= 100.0 && s.roi_pct <= 400.0 && s.company_size.as_str() == "enterprise"
            }),
        ),
    ];
    for (filter, expected) in cases {
        assert!(expected > 0, "demo data exercises {filter}");
        let (status, body) = app
            .json(&format!("/api/v1/case-studies?limit=100&{filter}"))
            .await;
        assert_eq!(status, 200, "{filter}");
        assert_eq!(body["total_count"], expected, "{filter}");
        assert_eq!(
            body["case_studies"].as_array().unwrap().len() as i64,
            expected,
            "{filter}"
        );
    }
    let (_, body) = app
        .json("/api/v1/case-studies?featured_only=true&roi_min=100000")
        .await;
    assert_eq!(body["total_count"], 0);
}

async fn sort_orders_are_honoured(app: TestApp) {
    app.seed_showcase().await;
    let field = |body: &serde_json::Value, name: &str| -> Vec<f64> {
        body["case_studies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c[name].as_f64().unwrap())
            .collect()
    };
    let descending = |v: &[f64]| v.windows(2).all(|w| w[0] >= w[1]);
    let (_, roi) = app
        .json("/api/v1/case-studies?limit=100&sort_by=roi_desc")
        .await;
    assert!(descending(&field(&roi, "roi_percentage")));
    let (_, popular) = app
        .json("/api/v1/case-studies?limit=100&sort_by=popular")
        .await;
    assert!(descending(&field(&popular, "view_count")));
    let (_, recent) = app
        .json("/api/v1/case-studies?limit=100&sort_by=recent")
        .await;
    assert!(descending(&field(&recent, "published_at")));
    let (_, featured_first) = app
        .json("/api/v1/case-studies?limit=100&featured_first=true&sort_by=roi_desc")
        .await;
    let flags: Vec<bool> = featured_first["case_studies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["is_featured"].as_bool().unwrap())
        .collect();
    let first_plain = flags.iter().position(|f| !f).unwrap();
    assert!(
        flags[first_plain..].iter().all(|f| !f),
        "featured ones come first"
    );
}

async fn bad_api_parameters_are_named_in_a_400(app: TestApp) {
    let cases = [
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        ("limit=1000", "limit"),
        ("offset=-3", "offset"),
        ("roi_min=300&roi_max=100", "roi_min"),
        ("roi_min=lots", "roi_min"),
        ("sort_by=cheapest", "sort_by"),
        ("experiment_type=astrology", "experiment_type"),
        ("company_size=huge", "company_size"),
        ("featured_only=perhaps", "featured_only"),
    ];
    for (query, parameter) in cases {
        let (status, body) = app.json(&format!("/api/v1/case-studies?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"]["code"], "invalid_parameter");
        assert_eq!(
            body["error"]["parameters"][0]["parameter"], parameter,
            "{query}: {body}"
        );
    }
    let (status, body) = app
        .json("/api/v1/consultants?min_satisfaction_score=9")
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"]["parameters"][0]["parameter"],
        "min_satisfaction_score"
    );
    let (status, body) = app.json("/api/v1/case-studies/no-such-study").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
}

async fn a_case_study_comes_with_related_work(app: TestApp) {
    app.seed_showcase().await;
    let studies = common::demo_studies();
    let study = studies
        .iter()
        .find(|s| {
            studies
                .iter()
                .filter(|o| o.industry_sic_code == s.industry_sic_code)
                .count()
                >= 2
        })
        .expect("an industry with several studies");
    let (status, body) = app
        .json(&format!("/api/v1/case-studies/{}", study.slug.as_str()))
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["title"], study.title);
    assert_eq!(
        body["primary_metric_baseline"],
        study.primary_metric_baseline
    );
    assert_eq!(
        body["secondary_metrics"].as_array().unwrap().len(),
        study.secondary_metrics.len()
    );
    let related = body["related_case_studies"].as_array().unwrap();
    assert!(!related.is_empty() && related.len() <= 3);
    assert!(related
        .iter()
        .all(|r| r["industry_sic_code"] == study.industry_sic_code
            && r["slug"] != study.slug.as_str()));
    let other = body["consultant_other_work"].as_array().unwrap();
    assert!(other.iter().all(
        |r| r["consultant_id"] == body["consultant"]["id"] && r["slug"] != study.slug.as_str()
    ));
    assert!(
        !other.is_empty(),
        "every demo consultant has several studies"
    );
}

async fn consultants_can_be_filtered(app: TestApp) {
    app.seed_showcase().await;
    let (status, all) = app.json("/api/v1/consultants").await;
    assert_eq!(status, 200);
    let everyone = all["total_count"].as_i64().unwrap();
    assert!(everyone >= 6);
    let (_, available) = app.json("/api/v1/consultants?available_only=true").await;
    assert!(available["consultants"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["available_for_new_clients"] == true));
    assert!(
        available["total_count"].as_i64().unwrap() < everyone,
        "demo data has a fully booked consultant"
    );
    let (_, senior) = app
        .json("/api/v1/consultants?min_experience_years=10")
        .await;
    assert!(senior["consultants"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["years_experience"].as_i64().unwrap() >= 10));
    let first = &all["consultants"][0];
    let industry = first["primary_industries"][0].as_str().unwrap();
    let (_, by_industry) = app
        .json(&format!("/api/v1/consultants?industry={industry}"))
        .await;
    assert!(by_industry["consultants"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["primary_industries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i == industry)));
    let spec = first["specializations"][0].as_str().unwrap().to_lowercase();
    let word = spec.split_whitespace().next().unwrap();
    let (_, by_spec) = app
        .json(&format!("/api/v1/consultants?specialization={word}"))
        .await;
    assert!(by_spec["total_count"].as_i64().unwrap() >= 1);
    let (status, profile) = app
        .json(&format!(
            "/api/v1/consultants/{}",
            first["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(status, 200);
    assert!(!profile["recent_success_stories"]
        .as_array()
        .unwrap()
        .is_empty());
}

async fn the_gallery_page_filters_through_the_url(app: TestApp) {
    app.seed_showcase().await;
    let client = common::client();
    let page = app
        .get(&client, "/case-studies?industry=5510&sort_by=roi_desc")
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for study in common::demo_studies() {
        let shown = html.contains(&format!("/case-studies/{}\"", study.slug.as_str()));
        assert_eq!(
            shown,
            study.industry_sic_code == "5510",
            "{} shown: {shown}",
            study.slug.as_str()
        );
    }
    assert!(
        html.contains(r#"<option value="5510" selected"#),
        "the form shows the active filter"
    );
    let empty = app.page(&client, "/case-studies?roi_min=99999").await;
    assert!(empty.contains("No case studies match all of these filters"));
    assert!(empty.contains("Any ROI"));
    let bad = app.get(&client, "/case-studies?limit=-4").await;
    assert_eq!(bad.status(), 400);
    let bad = bad.text().await.unwrap();
    assert!(bad.contains("Results per page"), "the bad filter is named");
    // The valid filters of a link are kept when one is wrong.
    let mixed = app
        .get(
            &client,
            "/case-studies?industry=5510&roi_min=500&roi_max=100",
        )
        .await;
    assert_eq!(mixed.status(), 400);
    let mixed = mixed.text().await.unwrap();
    assert!(mixed.contains("The minimum ROI (500%) is higher than the maximum (100%)"));
    assert!(
        mixed.contains(r#"<option value="5510" selected"#),
        "the industry filter stays"
    );
    for study in common::demo_studies() {
        let shown = mixed.contains(&format!("/case-studies/{}\"", study.slug.as_str()));
        assert_eq!(
            shown,
            study.industry_sic_code == "5510",
            "{}",
            study.slug.as_str()
        );
    }
}

async fn the_detail_page_has_charts_and_structured_data(app: TestApp) {
    app.seed_showcase().await;
    let study = &common::demo_studies()[0];
    let html = app
        .page(
            &common::client(),
            &format!("/case-studies/{}", study.slug.as_str()),
        )
        .await;
    assert!(
        html.contains(r#"class="chart__svg" role="img""#),
        "an inline SVG chart"
    );
    assert!(
        html.contains("<title>"),
        "the chart has an accessible title"
    );
    assert!(html.contains(r#"<script type="application/ld+json">"#));
    assert!(html.contains(r#""@type":"Article""#));
    assert!(html.contains(r#"rel="canonical""#));
    assert!(html.contains(r#"property="og:title""#));
    let missing = app
        .get(&common::client(), "/case-studies/not-a-real-study")
        .await;
    assert_eq!(missing.status(), 404);
}

async fn views_are_counted_once_per_visitor_and_never_for_bots(app: TestApp) {
    app.seed_showcase().await;
    let study = &common::demo_studies()[1];
    let views = || async {
        app.json(&format!("/api/v1/case-studies/{}", study.slug.as_str()))
            .await
            .1["view_count"]
            .as_i64()
            .unwrap()
    };
    let before = views().await;
    let browser = common::client();
    let path = format!("/case-studies/{}", study.slug.as_str());
    for _ in 0..3 {
        let response = common::send_retrying_silence(browser.get(app.url(&path)).header(
            "User-Agent",
            "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36",
        ))
        .await
        .unwrap();
        assert_eq!(response.status(), 200);
        // Read to the end, as a browser does, so the connection is reused.
        let _ = response.text().await;
    }
    assert_eq!(
        views().await,
        before + 1,
        "three page loads by one visitor count once"
    );
    let other = common::client();
    other
        .get(app.url(&path))
        .header("User-Agent", "Mozilla/5.0 (Macintosh) Safari/605.1.15")
        .send()
        .await
        .unwrap();
    assert_eq!(views().await, before + 2, "a second visitor counts");
    for bot in [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "curl/8.5.0",
    ] {
        common::client()
            .get(app.url(&path))
            .header("User-Agent", bot)
            .send()
            .await
            .unwrap();
    }
    assert_eq!(views().await, before + 2, "crawlers do not count");
}

async fn the_sitemap_lists_only_published_content(app: TestApp) {
    app.seed_showcase().await;
    let studies = common::demo_studies();
    let hidden = &studies[2];
    sqlx::query("UPDATE case_studies SET published = 0 WHERE slug = $1")
        .bind(hidden.slug.as_str())
        .execute(&app.db.pool)
        .await
        .unwrap();
    let response = reqwest::get(app.url("/sitemap.xml")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/xml"));
    let xml = response.text().await.unwrap();
    assert!(
        !xml.contains(hidden.slug.as_str()),
        "unpublished study left out"
    );
    assert_eq!(xml.matches("/case-studies/").count(), studies.len() - 1);
    assert!(xml.contains("/consultants/"));
    let (status, _) = app
        .json(&format!("/api/v1/case-studies/{}", hidden.slug.as_str()))
        .await;
    assert_eq!(status, 404, "unpublished studies are not served");
    let robots = reqwest::get(app.url("/robots.txt"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(robots.contains("Sitemap: http://127.0.0.1:") && robots.contains("Disallow: /admin"));
}

async fn markdown_from_the_back_office_cannot_run_script(app: TestApp) {
    app.seed_showcase().await;
    let study = &common::demo_studies()[3];
    sqlx::query("UPDATE case_studies SET business_challenge_md = $1 WHERE slug = $2")
        .bind("Real text <script>alert('x')</script> [bad](javascript:alert(1)) <img src=x onerror=alert(1)> **bold**")
        .bind(study.slug.as_str())
        .execute(&app.db.pool)
        .await
        .unwrap();
    let html = app
        .page(
            &common::client(),
            &format!("/case-studies/{}", study.slug.as_str()),
        )
        .await;
    assert!(html.contains("<strong>bold</strong>"));
    assert!(!html.contains("alert('x')"));
    assert!(!html.contains("javascript:alert"));
    assert!(!html.contains("onerror"));
}
