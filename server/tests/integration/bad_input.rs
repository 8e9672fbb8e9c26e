//! Bad input gets a 4xx with a plain message, never a 500: control
//! characters anywhere in a request (PostgreSQL cannot store a NUL, SQLite
//! did), server-function arguments that do not decode, oversized bodies, and
//! structured queries that the REST API's parsers would refuse.
use crate::common;
use app::domain::role::Role;
use common::{client, TestApp};
use serde_json::{json, Value};

on_both_backends!(
    control_characters_are_refused_on_every_way_in,
    ordinary_line_breaks_and_tabs_still_pass,
    unreadable_server_function_arguments_are_a_400,
    oversized_bodies_are_a_413,
    structured_queries_go_through_the_parameter_parsers,
);

/// A valid body for `POST /api/v1/leads`.
pub use crate::leads::lead;

const CONTROL_MESSAGE: &str = "Text may not contain control characters";

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// A POST as a browser on this site sends it.
fn post(app: &TestApp, session: &reqwest::Client, path: &str) -> reqwest::RequestBuilder {
    session
        .post(app.url(path))
        .header("Origin", app.base_url.as_str())
        .header("Accept", "application/json")
}

/// Asserts a 400 that names control characters, and returns the body.
async fn assert_refused(response: reqwest::Response, what: &str) -> String {
    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    assert_eq!(status, 400, "{what}: {body}");
    assert!(body.contains(CONTROL_MESSAGE), "{what}: {body}");
    body
}

fn lead_form(first_name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("input[email]", "noah@static.example".to_string()),
        ("input[first_name]", first_name.to_string()),
        ("input[company_name]", "Static Ltd".to_string()),
        ("input[industry]", "5914".to_string()),
        ("input[primary_challenge]", "pricing".to_string()),
        ("input[annual_revenue_range]", "2m_10m".to_string()),
        ("input[company_size_range]", "50-200".to_string()),
        ("input[timeline]", "3-6_months".to_string()),
        ("input[decision_making_authority]", "influencer".to_string()),
        ("input[source]", "contact_page".to_string()),
        ("return_to", "/contact".to_string()),
    ]
}

fn gallery_query(changes: Value) -> Value {
    let mut query = json!({
        "industry": null, "experiment_type": null, "roi_min": null, "roi_max": null,
        "company_size": null, "featured_only": false, "featured_first": false,
        "sort_by": "recent", "limit": 12, "offset": 0,
    });
    for (key, value) in changes.as_object().unwrap() {
        query[key] = value.clone();
    }
    json!({ "query": query })
}

async fn control_characters_are_refused_on_every_way_in(app: TestApp) {
    app.seed_showcase().await;
    let browser = client();

    // A lead form field (the islands' form post) and the no-JavaScript post.
    for accept in ["application/json", "text/html"] {
        let response = post(&app, &browser, "/api/leads/capture")
            .header("Accept", accept)
            .header("X-Forwarded-For", "10.9.0.1")
            .form(&lead_form("No\0ah"))
            .send()
            .await
            .unwrap();
        assert_refused(response, "NUL in a lead form field").await;
    }
    // A login email.
    let response = post(&app, &browser, "/api/auth/login")
        .form(&[("email", "admin\0@example.com"), ("password", "whatever")])
        .send()
        .await
        .unwrap();
    let body = assert_refused(response, "NUL in a login email").await;
    // Server functions get a serialized error their client can decode.
    let error: app::error::AppError = serde_json::from_str(&body).unwrap();
    assert_eq!(error.status(), 400);
    // A REST JSON body, as an escape and as other controls.
    for first_name in ["A\u{0}na", "A\u{1b}na", "A\u{7f}na"] {
        let mut body = lead("ana@acme-retail.example");
        body["first_name"] = json!(first_name);
        let response = post(&app, &browser, "/api/v1/leads")
            .header("X-Forwarded-For", "10.9.0.2")
            .json(&body)
            .send()
            .await
            .unwrap();
        let body = assert_refused(response, "control character in a REST body").await;
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"]["code"], "invalid_text");
    }
    // A JSON server function (the escape is inside a nested string).
    let response = post(&app, &browser, "/api/showcase/gallery")
        .json(&gallery_query(json!({ "industry": "59\u{0}14" })))
        .send()
        .await
        .unwrap();
    assert_refused(response, "NUL in a JSON server function").await;
    // A gallery query parameter: the REST API and the page.
    for path in [
        "/api/v1/case-studies?industry=%00",
        "/api/v1/consultants?specialization=pri%00cing",
        "/case-studies?industry=59%0014",
        "/case-studies/%00",
        "/api/v1/case-studies/a%00b",
        // Pages decode query and path values twice (leptos_router 0.8).
        "/contact?draft=%2500",
        "/case-studies/%2500",
    ] {
        let response = browser.get(app.url(path)).send().await.unwrap();
        assert_refused(response, path).await;
    }

    // An email longer than any address may be is refused before the login
    // throttle would record it (PostgreSQL cannot index kilobytes of it).
    // Random, so it does not compress below the index limit.
    let long_email: String = (0..600)
        .map(|_| uuid::Uuid::new_v4().simple().to_string())
        .collect();
    let response = post(&app, &browser, "/api/auth/login")
        .form(&[
            ("email", format!("{long_email}@example.com").as_str()),
            ("password", "x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);

    assert_eq!(count(&app, "leads").await, 0, "no lead stored");
    assert_eq!(
        count(&app, "form_drafts").await,
        0,
        "no draft of the refused form"
    );
    assert_eq!(
        count(&app, "login_failures").await,
        0,
        "the login was not tried"
    );
    assert_eq!(count(&app, "sessions").await, 0);
}

async fn ordinary_line_breaks_and_tabs_still_pass(app: TestApp) {
    app.seed_showcase().await;
    let browser = client();
    let mut body = lead("ana@acme-retail.example");
    body["challenge_description"] = json!("Checkout drop-off:\r\n\t- mobile\n\t- ünïcødé “quotes”");
    let response = post(&app, &browser, "/api/v1/leads")
        .header("X-Forwarded-For", "10.9.1.1")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    // A backslash followed by `u0000` is text, not an escape.
    let response = browser
        .get(app.url("/api/v1/consultants?specialization=%5Cu0000"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(count(&app, "leads").await, 1);
}

async fn unreadable_server_function_arguments_are_a_400(app: TestApp) {
    let browser = client();
    // A missing field.
    let response = post(&app, &browser, "/api/auth/login")
        .form(&[("password", "whatever")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let error: app::error::AppError = response.json().await.unwrap();
    assert_eq!(
        error.to_string(),
        "The request could not be read: missing field `email`."
    );

    // A wrong type, in a form and in JSON; truncated JSON; no body at all.
    let admin = app.logged_in_as(Role::Admin).await;
    let cases: Vec<(&str, reqwest::RequestBuilder)> = vec![
        (
            "a word for a flag",
            post(&app, &admin, "/api/admin/users/active").form(&[("id", "x"), ("active", "maybe")]),
        ),
        (
            "a word for a number",
            post(&app, &browser, "/api/showcase/gallery")
                .json(&gallery_query(json!({ "limit": "ten" }))),
        ),
        (
            "truncated JSON",
            post(&app, &browser, "/api/showcase/gallery")
                .header("Content-Type", "application/json")
                .body("{\"query\":{\"limit\":1"),
        ),
        (
            "an empty body",
            post(&app, &browser, "/api/showcase/consultants")
                .header("Content-Type", "application/json"),
        ),
        (
            "a number too big for its type",
            post(&app, &browser, "/api/showcase/gallery")
                .json(&gallery_query(json!({ "offset": 1e30 }))),
        ),
    ];
    for (what, request) in cases {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_eq!(status, 400, "{what}: {body}");
        let error: app::error::AppError = serde_json::from_str(&body).unwrap();
        let message = error.to_string();
        assert!(
            message.starts_with("The request could not be read: "),
            "{what}: {message}"
        );
        assert!(!message.contains(" at line "), "{what}: {message}");
    }
}

async fn oversized_bodies_are_a_413(app: TestApp) {
    let browser = client();
    let huge = "a".repeat(3 * 1024 * 1024);
    let requests = [
        post(&app, &browser, "/api/auth/login")
            .form(&[("email", huge.as_str()), ("password", "x")]),
        post(&app, &browser, "/api/showcase/gallery")
            .json(&gallery_query(json!({ "industry": huge }))),
        post(&app, &browser, "/api/v1/leads")
            .header("Content-Type", "application/json")
            .body(huge.clone()),
    ];
    for request in requests {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_eq!(status, 413, "{body}");
        assert!(body.contains("too large"), "{body}");
    }
    // Just under the limit is read (and refused for what it says, not its size).
    let big = "a".repeat(2 * 1024 * 1024 - 200);
    let response = post(&app, &browser, "/api/auth/login")
        .form(&[("email", big.as_str()), ("password", "x")])
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_client_error() && response.status() != 413,
        "{}",
        response.status()
    );
}

async fn structured_queries_go_through_the_parameter_parsers(app: TestApp) {
    app.seed_showcase().await;
    let browser = client();
    for (changes, parameter) in [
        (json!({ "limit": -1 }), "limit"),
        (json!({ "limit": 0 }), "limit"),
        (json!({ "limit": 5000 }), "limit"),
        (json!({ "offset": -1 }), "offset"),
        (json!({ "industry": "x".repeat(60_000) }), "industry"),
        (json!({ "roi_min": -5.0 }), "roi_min"),
    ] {
        let response = post(&app, &browser, "/api/showcase/gallery")
            .json(&gallery_query(changes.clone()))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_eq!(status, 422, "{changes}: {body}");
        let error: app::error::AppError = serde_json::from_str(&body).unwrap();
        assert!(
            error.field_message(parameter).is_some(),
            "{changes}: {body}"
        );
    }
    let response = post(&app, &browser, "/api/showcase/consultants")
        .json(&json!({ "query": {
            "industry": null, "specialization": "x".repeat(60_000), "available_only": false,
            "min_experience_years": null, "min_satisfaction_score": null,
        }}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let error: app::error::AppError = response.json().await.unwrap();
    assert!(error.field_message("specialization").is_some());
    for (years, score) in [(json!(-3), json!(null)), (json!(null), json!(-1.0))] {
        let response = post(&app, &browser, "/api/showcase/consultants")
            .json(&json!({ "query": {
                "available_only": false,
                "min_experience_years": years, "min_satisfaction_score": score,
            }}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
    }

    // The lead list (staff only) checks its free-text filter the same way.
    let admin = app.logged_in_as(Role::Admin).await;
    let response = post(&app, &admin, "/api/admin/leads/list")
        .json(&json!({ "query": { "industry": "' OR 1=1 --", "mine": false, "sort": "newest" } }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);

    // Good values still work, and the limit is honoured.
    let response = post(&app, &browser, "/api/showcase/gallery")
        .json(&gallery_query(json!({ "limit": 2, "offset": 1 })))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let data: Value = response.json().await.unwrap();
    assert_eq!(data["list"]["case_studies"].as_array().unwrap().len(), 2);
    assert_eq!(data["list"]["pagination"]["offset"], 1);
}
