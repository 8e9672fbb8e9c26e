//! The ROI calculator: the JSON API, the no-JavaScript form post, stored
//! results and the per-address rate limit.
use crate::common;
use common::{client, TestApp};
use serde_json::{json, Value};

on_both_backends!(
    the_estimate_api_answers_in_the_spec_shape_and_stores_the_calculation,
    the_estimate_api_names_every_bad_field,
    calculations_are_rate_limited_per_address,
    the_form_works_without_javascript,
    the_ab_test_calculator_answers_from_its_address,
);

pub fn estimate_request() -> Value {
    json!({
        "industry": "4791",
        "annual_revenue": 20_000_000.0,
        "company_size_category": "Mid-Market",
        "primary_challenge": "conversion",
        "current_solutions": ["web_analytics", "ab_testing_tool"],
    })
}

pub async fn post_json(
    app: &TestApp,
    path: &str,
    body: &Value,
    address: &str,
) -> reqwest::Response {
    client()
        .post(app.url(path))
        .header("X-Forwarded-For", address)
        .json(body)
        .send()
        .await
        .expect("request sent")
}

async fn the_estimate_api_answers_in_the_spec_shape_and_stores_the_calculation(app: TestApp) {
    app.seed_showcase().await;
    let response = post_json(
        &app,
        "/api/v1/roi-calculator/estimate",
        &estimate_request(),
        "10.0.0.1",
    )
    .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    let impact = &body["estimated_annual_impact"];
    let min = impact["revenue_increase_min"].as_f64().unwrap();
    let max = impact["revenue_increase_max"].as_f64().unwrap();
    assert!(0.0 < min && min <= max, "{impact}");
    assert!(impact["revenue_increase_percentage"].as_f64().unwrap() > 0.0);
    let roi = &body["roi_projections"];
    assert!(
        roi["roi_percentage_min"].as_f64().unwrap() <= roi["roi_percentage_max"].as_f64().unwrap()
    );
    let confidence = roi["confidence_level"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&confidence));
    assert!(roi["payback_period_months"].as_f64().unwrap() > 0.0);
    assert!(body["methodology_summary"].as_str().unwrap().contains("29"));
    // Two published e-commerce conversion studies stand behind it, and are named.
    assert_eq!(body["evidence"]["exact"], 2);
    let similar = body["similar_case_studies"].as_array().unwrap();
    assert!(!similar.is_empty() && similar.len() <= 3);
    assert_eq!(similar[0]["industry_sic_code"], "4791");
    assert!(body["complexity_score"].as_u64().unwrap() >= 1);

    // Stored with its inputs, and shareable.
    let id = body["calculation_id"].as_str().unwrap();
    let stored: (String, String) =
        sqlx::query_as("SELECT inputs_json, outputs_json FROM roi_calculations WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(stored.0.contains("20000000"), "{}", stored.0);
    assert!(stored.1.contains("revenue_increase_min"));
    let page = app.get(&client(), &format!("/roi-calculator/r/{id}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("£1,380,000"), "the stored range is shown");
    assert!(html.contains("E-commerce retail"));
    assert!(
        html.contains("an estimate, not a promise") || html.contains("estimate, not a promise")
    );
    assert!(html.contains("noindex"));

    // An industry with no studies falls back visibly.
    let mut other = estimate_request();
    other["industry"] = json!("other");
    let body: Value = post_json(&app, "/api/v1/roi-calculator/estimate", &other, "10.0.0.2")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["evidence"]["fallback"]["kind"], "other_industry");
    assert!(body["methodology_summary"]
        .as_str()
        .unwrap()
        .contains("no published studies in your industry"));
}

async fn the_estimate_api_names_every_bad_field(app: TestApp) {
    app.seed_showcase().await;
    let bad = json!({
        "industry": "Underwater basket weaving",
        "annual_revenue": -5.0,
        "number_of_locations": 0,
        "company_size_category": "Huge",
        "primary_challenge": "world peace",
        "current_solutions": ["crystal ball"],
    });
    let response = post_json(&app, "/api/v1/roi-calculator/estimate", &bad, "10.0.0.3").await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_field");
    let fields: Vec<&str> = body["error"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["parameter"].as_str().unwrap())
        .collect();
    for field in [
        "industry",
        "annual_revenue",
        "number_of_locations",
        "company_size_category",
        "primary_challenge",
        "current_solutions",
    ] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("Unknown industry"), "{message}");

    // Not JSON of the right shape at all: 400 saying why.
    let response = client()
        .post(app.url("/api/v1/roi-calculator/estimate"))
        .header("content-type", "application/json")
        .body(r#"{"industry": "4791", "annual_revenue": "lots"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_body");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roi_calculations")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing stored for bad requests");
}

async fn calculations_are_rate_limited_per_address(app: TestApp) {
    crate::common::clear_of_minute_edge().await;
    app.seed_showcase().await;
    for n in 1..=10 {
        let response = post_json(
            &app,
            "/api/v1/roi-calculator/estimate",
            &estimate_request(),
            "10.1.1.1",
        )
        .await;
        assert_eq!(response.status(), 200, "calculation {n} is allowed");
    }
    let response = post_json(
        &app,
        "/api/v1/roi-calculator/estimate",
        &estimate_request(),
        "10.1.1.1",
    )
    .await;
    assert_eq!(response.status(), 429);
    let retry: i64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    // Another address is unaffected.
    let response = post_json(
        &app,
        "/api/v1/roi-calculator/estimate",
        &estimate_request(),
        "10.1.1.2",
    )
    .await;
    assert_eq!(response.status(), 200);
}

async fn the_form_works_without_javascript(app: TestApp) {
    app.seed_showcase().await;
    let browser = client();
    let page = app.get(&browser, "/roi-calculator").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("E-commerce retail") && html.contains("Annual revenue"));

    let form = [
        ("input[industry]", "5914"),
        ("input[annual_revenue]", "£4.5m"),
        ("input[locations]", "12"),
        ("input[company_size]", "smb"),
        ("input[challenge]", "pricing"),
        ("input[current_solutions][0]", "none"),
    ];
    let response = browser
        .post(app.url("/api/roi/save"))
        .header("Accept", "text/html")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/roi-calculator/r/"), "{location}");
    let html = app.page(&browser, &location).await;
    assert!(
        html.contains("Cinemas") && html.contains("£4,500,000"),
        "inputs are shown"
    );
    assert!(
        html.contains("Nothing systematic yet"),
        "the ticked current solution is kept"
    );
    assert!(html.contains("Talk to a consultant about this estimate"));

    // A bad submission comes back to the calculator with its values and the errors.
    let response = browser
        .post(app.url("/api/roi/save"))
        .header("Accept", "text/html")
        .form(&[
            ("input[industry]", "5914"),
            ("input[annual_revenue]", "a lot"),
            ("input[company_size]", "smb"),
            ("input[challenge]", "pricing"),
        ])
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/roi-calculator?") && location.contains("check=true"),
        "{location}"
    );
    let page = app.get(&browser, &location).await;
    assert_eq!(page.status(), 422);
    let html = page.text().await.unwrap();
    assert!(html.contains("a lot"), "what was typed is kept");
    assert!(
        html.contains("Enter annual revenue as a number"),
        "the error is shown"
    );

    // A link with inputs that check out shows its estimate from the server
    // (the island waits for the visitor); one with half of them, no errors.
    let html = app
        .page(
            &browser,
            "/roi-calculator?industry=5914&annual_revenue=8m&challenge=pricing",
        )
        .await;
    assert!(html.contains(r#"data-testid="revenue-range""#), "{html}");
    let html = app.page(&browser, "/roi-calculator?industry=5914").await;
    assert!(html.contains(r#"data-testid="estimate-empty""#));
    assert!(
        !html.contains(r#"class="field__error""#),
        "no messages for a link"
    );
}

/// The A/B test calculator is a page whose address is its form: the server
/// answers it without JavaScript, field problems included.
async fn the_ab_test_calculator_answers_from_its_address(app: TestApp) {
    let page = app
        .page(
            &client(),
            "/tools/ab-test-calculator?a_visitors=10000&a_conversions=500&b_visitors=10000&b_conversions=600&baseline=5&mde=10&daily=1000",
        )
        .await;
    assert!(page.contains("B converts better than A"), "{page}");
    assert!(page.contains("+20.0 %"), "{page}");
    assert!(page.contains("visitors per variant"), "{page}");
    let bad = app
        .page(
            &client(),
            "/tools/ab-test-calculator?a_visitors=ten&a_conversions=5&b_visitors=10&b_conversions=11&baseline=0&mde=10",
        )
        .await;
    assert!(bad.contains("Give a whole number, e.g. 5000."), "{bad}");
    assert!(
        bad.contains("Give a percentage above 0 and below 100"),
        "{bad}"
    );
    assert!(
        bad.contains(r#"value="ten""#),
        "what was typed is kept: {bad}"
    );
    let sitemap = app.page(&client(), "/sitemap.xml").await;
    assert!(sitemap.contains("/tools/ab-test-calculator"));
}
