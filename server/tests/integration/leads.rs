//! Lead capture (API and no-JavaScript form), duplicate merging, rate limits,
//! exactly-once storage under concurrency, and the consultant-scoped workspace.
use crate::common;
use crate::roi::post_json;
use app::domain::role::Role;
use common::{client, TestApp};
use serde_json::{json, Value};

on_both_backends!(
    a_lead_is_scored_routed_and_told_what_happens_next,
    the_lead_api_names_every_bad_field,
    the_lead_api_takes_the_specs_values_and_lists_the_accepted_ones,
    a_repeat_submission_reveals_and_overwrites_nothing,
    lead_submissions_are_rate_limited_per_address,
    refused_forms_count_against_the_rate_limit,
    concurrent_submissions_are_stored_exactly_once,
    the_form_works_without_javascript,
    consultants_see_and_work_only_their_own_leads,
    admins_see_the_match_reassign_and_export,
    admins_change_scoring_and_open_leads_are_rescored,
    routing_follows_a_change_here_at_once_and_on_another_server_within_a_second,
);

pub fn lead(email: &str) -> Value {
    json!({
        "email": email,
        "first_name": "Ana",
        "last_name": "Silva",
        "company_name": "Acme Retail",
        "industry": "4791",
        "annual_revenue_range": "10m_50m",
        "company_size_range": "200-1000",
        "primary_challenge": "conversion",
        "timeline": "1-3_months",
        "budget_range": "50k_150k",
        "decision_making_authority": "decision_maker",
        "source": "roi_calculator",
        "utm_source": "newsletter",
        "consent_marketing": true,
        "time_on_site": 420,
    })
}

/// The lead list server function (JSON in, like the page's resource).
async fn list_leads(app: &TestApp, session: &reqwest::Client) -> reqwest::Response {
    session
        .post(app.url("/api/admin/leads/list"))
        .json(&json!({ "query": { "sort": "newest", "mine": false } }))
        .send()
        .await
        .expect("request sent")
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn a_lead_is_scored_routed_and_told_what_happens_next(app: TestApp) {
    app.seed_showcase().await;
    let response = post_json(
        &app,
        "/api/v1/leads",
        &lead("ana@acme-retail.co.uk"),
        "10.2.0.1",
    )
    .await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    let score = body["lead_score"].as_u64().unwrap();
    assert!((1..=100).contains(&score));
    assert!(["Tier_1", "Tier_2", "Tier_3"].contains(&body["lead_tier"].as_str().unwrap()));
    // The e-commerce conversion specialist gets it, with a prefilled booking link.
    assert_eq!(body["assigned_consultant"]["first_name"], "Priya");
    let booking = body["booking_url"].as_str().unwrap();
    assert!(
        booking.contains("name=Ana%20Silva") && booking.contains("email=ana%40acme-retail.co.uk"),
        "{booking}"
    );
    assert!(!body["next_steps"].as_array().unwrap().is_empty());
    assert!(body["estimated_response_time"]
        .as_str()
        .unwrap()
        .contains("hour"));

    let id = body["lead_id"].as_str().unwrap();
    let (consent, version, purposes, breakdown): (i64, String, String, String) = sqlx::query_as(
        "SELECT consent_marketing, consent_wording_version, consent_purposes_json, score_breakdown_json FROM leads WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(consent, 1);
    assert!(!version.is_empty());
    assert!(purposes.contains("marketing_email") && purposes.contains("respond_to_enquiry"));
    let factors: Vec<Value> = serde_json::from_str(&breakdown).unwrap();
    assert_eq!(factors.len(), 10, "every factor explains itself");
    assert!(
        count(
            &app,
            "SELECT COUNT(*) FROM lead_interactions WHERE kind = 'form_submit'"
        )
        .await
            == 1
    );
}

async fn the_lead_api_names_every_bad_field(app: TestApp) {
    app.seed_showcase().await;
    let response = post_json(&app, "/api/v1/leads", &json!({}), "10.2.1.1").await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    let fields: Vec<String> = body["error"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["parameter"].as_str().unwrap().to_string())
        .collect();
    for field in [
        "email",
        "industry",
        "annual_revenue_range",
        "company_size_range",
        "primary_challenge",
        "timeline",
        "decision_making_authority",
    ] {
        assert!(
            fields.iter().any(|f| f == field),
            "{field} missing from {fields:?}"
        );
    }

    let mut disposable = lead("someone@mailinator.com");
    disposable["first_name"] = json!("Visit http://spam.example");
    disposable["industry"] = json!("9999");
    let body: Value = post_json(&app, "/api/v1/leads", &disposable, "10.2.1.2")
        .await
        .json()
        .await
        .unwrap();
    let messages: Vec<(String, String)> = body["error"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["parameter"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        messages
            .iter()
            .any(|(f, m)| f == "email" && m.contains("permanent email")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|(f, _)| f == "first_name"),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|(f, _)| f == "industry"),
        "{messages:?}"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM leads").await,
        0,
        "nothing stored"
    );
}

async fn the_lead_api_takes_the_specs_values_and_lists_the_accepted_ones(app: TestApp) {
    app.seed_showcase().await;
    let mut spec = lead("ops@spec-values.example.com");
    spec["annual_revenue_range"] = json!("£10M+");
    spec["company_size_range"] = json!("200+");
    spec["timeline"] = json!("1-3 months");
    spec["decision_making_authority"] = json!("Decision maker");
    let response = post_json(&app, "/api/v1/leads", &spec, "10.2.2.1").await;
    assert_eq!(response.status(), 201, "the spec's labels are accepted");
    let stored: (String, String, String, String) = sqlx::query_as(
        "SELECT annual_revenue_range, company_size_range, timeline, decision_authority \
         FROM leads WHERE email = 'ops@spec-values.example.com'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        stored,
        (
            "10m_50m".to_string(),
            "200-1000".to_string(),
            "1-3_months".to_string(),
            "decision_maker".to_string()
        ),
        "stored as our values (a wider spec band as the lowest of ours it covers)"
    );

    let mut wrong = lead("ops@wrong-values.example.com");
    wrong["annual_revenue_range"] = json!("lots");
    wrong["timeline"] = json!("soon");
    let response = post_json(&app, "/api/v1/leads", &wrong, "10.2.2.2").await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    let message = |field: &str| -> String {
        body["error"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["parameter"] == field)
            .unwrap_or_else(|| panic!("{field} reported: {body}"))["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let revenue = message("annual_revenue_range");
    assert!(
        revenue.contains("under_2m, 2m_10m") && revenue.contains("\"£10M+\""),
        "{revenue}"
    );
    assert!(
        message("timeline").contains("asap, 1-3_months"),
        "{}",
        message("timeline")
    );
}

async fn a_repeat_submission_reveals_and_overwrites_nothing(app: TestApp) {
    app.seed_showcase().await;
    // The prospect submits from their own browser.
    let victim = client();
    let first = victim
        .post(app.url("/api/v1/leads"))
        .header("X-Forwarded-For", "10.3.0.1")
        .json(&lead("repeat@acme.example"))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let lead_id = first["lead_id"].as_str().unwrap().to_string();
    let (phone_before, score_before, visitor_before): (String, i64, Option<String>) =
        sqlx::query_as("SELECT phone, score, visitor_key FROM leads")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();

    // Someone who knows the address submits with it from another browser.
    let attacker = client();
    // Give the attacker a visitor cookie, as a browser that has browsed would have.
    let _ = app.get(&attacker, "/contact").await;
    let mut forged = lead("REPEAT@acme.example");
    forged["first_name"] = json!("Mallory");
    forged["last_name"] = json!("Evil");
    forged["company_name"] = json!("Evil Corp");
    forged["phone"] = json!("+44 20 7946 0000");
    forged["annual_revenue_range"] = json!("under_2m");
    forged["challenge_description"] = json!("Overwritten description");
    let response = attacker
        .post(app.url("/api/v1/leads"))
        .header("X-Forwarded-For", "10.3.0.2")
        .json(&forged)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "a repeat answers like a new lead");
    let second: Value = response.json().await.unwrap();
    assert_ne!(
        second["lead_id"], first["lead_id"],
        "the lead's id is not revealed"
    );
    assert!(second.get("merged_into_existing").is_none());
    let booking = second["booking_url"].as_str().unwrap_or_default();
    assert!(
        !booking.contains("Ana") && !booking.contains("Acme"),
        "the earlier submission's details are not revealed: {booking}"
    );

    // The lead is unchanged and stays with the prospect's browser.
    let (phone, score, visitor, first_name, description): (
        String,
        i64,
        Option<String>,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT phone, score, visitor_key, first_name, challenge_description FROM leads",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(count(&app, "SELECT COUNT(*) FROM leads").await, 1);
    assert_eq!(phone, phone_before);
    assert_eq!(
        score, score_before,
        "the score is not lowered by someone else"
    );
    assert_eq!(
        visitor, visitor_before,
        "the lead is not moved to another browser"
    );
    assert_eq!(first_name, "Ana");
    assert_ne!(description, "Overwritten description");

    // Staff see both submissions on the lead's timeline.
    let repeat_note: String = sqlx::query_scalar(
        "SELECT detail FROM lead_interactions WHERE kind = 'form_submit' AND detail LIKE 'Sent the form again%'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert!(
        repeat_note.contains("+44 20 7946 0000") && repeat_note.contains("Mallory"),
        "{repeat_note}"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM lead_submissions").await,
        1,
        "the repeat is kept as its own submission"
    );

    // Each browser's thank-you page shows its own submission only.
    let thanks = |who: &reqwest::Client, reference: String| {
        let who = who.clone();
        let url = app.url("/api/leads/thanks");
        async move {
            let body: Value = who
                .post(url)
                .header("Accept", "application/json")
                .form(&[("lead_id", reference.as_str())])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            body
        }
    };
    assert!(thanks(&attacker, lead_id.clone()).await.is_null());
    let mine = thanks(&attacker, second["lead_id"].as_str().unwrap().to_string()).await;
    assert!(
        !mine.is_null(),
        "the repeat's sender sees their own thank-you"
    );
    assert!(!mine.to_string().contains("Ana"), "{mine}");
}

async fn lead_submissions_are_rate_limited_per_address(app: TestApp) {
    crate::common::clear_of_minute_edge().await;
    app.seed_showcase().await;
    for n in 0..5 {
        let response = post_json(
            &app,
            "/api/v1/leads",
            &lead(&format!("p{n}@limits.example")),
            "10.4.0.1",
        )
        .await;
        assert_eq!(response.status(), 201, "submission {n}");
    }
    let response = post_json(
        &app,
        "/api/v1/leads",
        &lead("p5@limits.example"),
        "10.4.0.1",
    )
    .await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let response = post_json(
        &app,
        "/api/v1/leads",
        &lead("p6@limits.example"),
        "10.4.0.2",
    )
    .await;
    assert_eq!(response.status(), 201, "other addresses are unaffected");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM leads").await, 6);
}

/// A form refused for its fields counts like any submission: a script
/// probing the checks is limited too, and past the limit even a good form
/// from that address is refused with 429 (and stored nowhere), while the
/// refused forms before it got their field messages.
async fn refused_forms_count_against_the_rate_limit(app: TestApp) {
    crate::common::clear_of_minute_edge().await;
    app.seed_showcase().await;
    for n in 0..5 {
        let mut bad = lead(&format!("q{n}@limits.example"));
        bad["email"] = json!("not an address");
        let response = post_json(&app, "/api/v1/leads", &bad, "10.4.1.1").await;
        assert_eq!(response.status(), 422, "refused form {n}");
    }
    let response = post_json(
        &app,
        "/api/v1/leads",
        &lead("q5@limits.example"),
        "10.4.1.1",
    )
    .await;
    assert_eq!(response.status(), 429);
    let mut bad = lead("q6@limits.example");
    bad["email"] = json!("not an address");
    let response = post_json(&app, "/api/v1/leads", &bad, "10.4.1.1").await;
    assert_eq!(
        response.status(),
        429,
        "over the limit, not the field messages"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM leads").await, 0);
}

/// `CE_LEAD_RATE_LIMIT` sets the lead limit (here 2 a minute), in its own
/// counters: the API's limit is the harness's 100,000 a minute.
#[tokio::test]
async fn the_lead_limit_follows_its_setting() {
    crate::common::clear_of_minute_edge().await;
    let app =
        common::spawn_app_with(common::Backend::Sqlite, &[("CE_LEAD_RATE_LIMIT", "2/min")]).await;
    app.seed_showcase().await;
    for n in 0..2 {
        let email = format!("s{n}@setting.example");
        let response = post_json(&app, "/api/v1/leads", &lead(&email), "10.4.2.1").await;
        assert_eq!(response.status(), 201, "submission {n}");
    }
    let response = post_json(
        &app,
        "/api/v1/leads",
        &lead("s2@setting.example"),
        "10.4.2.1",
    )
    .await;
    assert_eq!(response.status(), 429);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM leads").await, 2);
}

/// 200 submissions at once, 50 of them repeating an earlier address: every
/// acknowledged lead is stored exactly once and repeats land on one lead.
async fn concurrent_submissions_are_stored_exactly_once(app: TestApp) {
    app.seed_showcase().await;
    let http = client();
    let mut tasks = Vec::new();
    for n in 0..200 {
        let email = format!("c{}@concurrency.example", n % 150);
        let url = app.url("/api/v1/leads");
        let http = http.clone();
        tasks.push(tokio::spawn(async move {
            let response = http
                .post(url)
                .header("X-Forwarded-For", format!("10.5.{}.{}", n / 250, n % 250))
                .json(&lead(&email))
                .send()
                .await
                .expect("sent");
            let status = response.status().as_u16();
            let body: Value = response.json().await.expect("json");
            (email, status, body["lead_id"].as_str().map(str::to_string))
        }));
    }
    // Every submission is acknowledged with its own reference (a repeat's
    // reply must not reveal the earlier lead's id).
    let mut references = std::collections::HashSet::new();
    for task in tasks {
        let (email, status, id) = task.await.unwrap();
        assert_eq!(status, 201, "{email}");
        let id = id.expect("an acknowledged submission has a reference");
        assert!(
            references.insert(id),
            "{email}: a reference was given twice"
        );
    }
    assert_eq!(references.len(), 200);
    // One lead per address; the 50 repeats are kept beside their leads.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM leads").await, 150);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM lead_submissions").await,
        50
    );
    assert_eq!(
        count(&app, "SELECT COUNT(DISTINCT email) FROM leads").await,
        150
    );
    assert_eq!(
        count(
            &app,
            "SELECT CAST(SUM(forms_submitted) AS BIGINT) FROM leads"
        )
        .await,
        150
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM lead_interactions WHERE kind = 'form_submit'"
        )
        .await,
        200
    );
}

fn form_fields(email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("input[email]", email.to_string()),
        ("input[first_name]", "Noah".to_string()),
        ("input[company_name]", "Static Ltd".to_string()),
        ("input[industry]", "5914".to_string()),
        ("input[primary_challenge]", "pricing".to_string()),
        ("input[annual_revenue_range]", "2m_10m".to_string()),
        ("input[company_size_range]", "50-200".to_string()),
        ("input[timeline]", "3-6_months".to_string()),
        ("input[decision_making_authority]", "influencer".to_string()),
        ("input[source]", "contact_page".to_string()),
        ("input[fax_number]", String::new()),
        ("return_to", "/contact".to_string()),
    ]
}

async fn the_form_works_without_javascript(app: TestApp) {
    app.seed_showcase().await;
    let browser = client();
    // The visitor reads a case study first: it will show on their lead.
    let (_, list) = app.json("/api/v1/case-studies?industry=5914").await;
    let slug = list["case_studies"][0]["slug"]
        .as_str()
        .unwrap()
        .to_string();
    let page = browser
        .get(app.url(&format!("/case-studies/{slug}")))
        .header("User-Agent", "Mozilla/5.0 Chrome/150.0")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    // Its dialog's form posts as this one does; what the server refuses
    // comes back on the contact page (a case study shows no draft).
    let study_html = page.text().await.unwrap();
    assert!(
        study_html.contains(r#"name="return_to" value="/contact""#),
        "the case study's form returns to the contact page"
    );
    let contact = app.get(&browser, "/contact").await;
    assert_eq!(contact.status(), 200);

    // A mistake: the form comes back with what was typed and the message.
    let mut bad = form_fields("noah@static");
    bad.retain(|(k, _)| *k != "input[timeline]");
    let response = browser
        .post(app.url("/api/leads/capture"))
        .header("Accept", "text/html")
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection());
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/contact?draft="), "{location}");
    assert!(!location.contains("noah"), "no personal data in the URL");
    let page = app.get(&browser, &location).await;
    assert_eq!(page.status(), 422);
    let html = page.text().await.unwrap();
    assert!(html.contains("noah@static"), "the typed email is kept");
    assert!(html.contains("Static Ltd"));
    assert!(
        html.contains("field__error"),
        "messages sit next to the fields"
    );
    // Another browser cannot read that draft.
    let stranger = app.page(&client(), &location).await;
    assert!(!stranger.contains("noah@static"));

    // Corrected: the lead is captured and the thank-you page names the consultant.
    let response = browser
        .post(app.url("/api/leads/capture"))
        .header("Accept", "text/html")
        .form(&form_fields("noah@static.example"))
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/thanks/"), "{location}");
    let html = app.page(&browser, &location).await;
    assert!(html.contains("Your consultant"), "{html}");
    let viewed: String = sqlx::query_scalar(
        "SELECT case_studies_viewed_json FROM leads WHERE email = 'noah@static.example'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert!(
        viewed.contains(&slug),
        "the case study read before is linked: {viewed}"
    );
    // The thank-you details are only for the browser that sent the lead.
    let stranger = app.page(&client(), &location).await;
    assert!(!stranger.contains("Your consultant"));

    // A filled honeypot is refused as a whole.
    let mut bot = form_fields("bot@static.example");
    bot.retain(|(k, _)| *k != "input[fax_number]");
    bot.push(("input[fax_number]", "+44 20 0000 0000".to_string()));
    let response = app
        .call(
            &client(),
            "/api/leads/capture",
            &bot.iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM leads WHERE email = 'bot@static.example'"
        )
        .await,
        0
    );
}

/// A consultant account linked to the profile with this first name.
async fn consultant_for(app: &TestApp, first_name: &str) -> reqwest::Client {
    let email = format!(
        "{}-{}@causal-edge.example",
        first_name.to_lowercase(),
        uuid::Uuid::new_v4().simple()
    );
    app.create_user(&email, Role::Consultant).await;
    let user_id: String = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(&email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE consultants SET user_id = $1 WHERE first_name = $2")
        .bind(&user_id)
        .bind(first_name)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let browser = client();
    assert_eq!(
        app.login(&browser, &email, common::PASSWORD).await.status(),
        200
    );
    browser
}

async fn consultants_see_and_work_only_their_own_leads(app: TestApp) {
    app.seed_showcase().await;
    let body: Value = post_json(
        &app,
        "/api/v1/leads",
        &lead("mine@acme.example"),
        "10.6.0.1",
    )
    .await
    .json()
    .await
    .unwrap();
    let id = body["lead_id"].as_str().unwrap().to_string();
    assert_eq!(body["assigned_consultant"]["first_name"], "Priya");

    let priya = consultant_for(&app, "Priya").await;
    let other = consultant_for(&app, "Tom").await;

    let list: Value = list_leads(&app, &priya).await.json().await.unwrap();
    assert_eq!(list["leads"].as_array().unwrap().len(), 1);
    let list: Value = list_leads(&app, &other).await.json().await.unwrap();
    assert_eq!(
        list["leads"].as_array().unwrap().len(),
        0,
        "another consultant's leads stay hidden"
    );
    assert_eq!(
        app.call(&other, "/api/admin/leads/detail", &[("id", &id)])
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(&other, &format!("/admin/leads/{id}"))
            .await
            .status(),
        404
    );
    let moved = app
        .call(
            &other,
            "/api/admin/leads/status",
            &[("id", &id), ("status", "contacted"), ("note", "")],
        )
        .await;
    assert_eq!(moved.status(), 404, "and cannot be changed by them");
    let csv = other
        .get(app.url("/admin/leads/export.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!csv.contains("mine@acme.example"));

    // Priya sees the breakdown and moves it along the flow.
    let page = app.get(&priya, &format!("/admin/leads/{id}")).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Why this score"));
    let response = app
        .call(
            &priya,
            "/api/admin/leads/status",
            &[
                ("id", &id),
                ("status", "contacted"),
                ("note", "Called, keen"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let detail: Value = app
        .call(&priya, "/api/admin/leads/detail", &[("id", &id)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["status"], "contacted");
    assert!(detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["detail"].as_str().unwrap().contains("Called, keen")));
    let contacted_at: Option<i64> =
        sqlx::query_scalar("SELECT contacted_at FROM leads WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(contacted_at.is_some(), "the step's date is recorded");
    // Back to new is not a move the flow allows.
    let response = app
        .call(
            &priya,
            "/api/admin/leads/status",
            &[("id", &id), ("status", "new"), ("note", "")],
        )
        .await;
    assert_eq!(response.status(), 422);
    // Reassignment is for admins.
    let response = app
        .call(
            &priya,
            "/api/admin/leads/reassign",
            &[("id", &id), ("consultant_id", "x")],
        )
        .await;
    assert_eq!(response.status(), 403);

    let marketer = app.logged_in_as(Role::Marketer).await;
    assert_eq!(list_leads(&app, &marketer).await.status(), 403);
    assert_eq!(list_leads(&app, &client()).await.status(), 401);
}

async fn admins_see_the_match_reassign_and_export(app: TestApp) {
    app.seed_showcase().await;
    let body: Value = post_json(
        &app,
        "/api/v1/leads",
        &lead("match@acme.example"),
        "10.7.0.1",
    )
    .await
    .json()
    .await
    .unwrap();
    let id = body["lead_id"].as_str().unwrap().to_string();
    let admin = app.logged_in_as(Role::Admin).await;

    let response = admin
        .get(app.url(&format!("/api/v1/leads/{id}/consultant-match")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let matched: Value = response.json().await.unwrap();
    let best = &matched["recommended_consultant"];
    assert_eq!(best["consultant"]["first_name"], "Priya");
    assert!(!best["match_reasons"].as_array().unwrap().is_empty());
    assert!(best["availability"]["capacity_percentage"].is_number());
    assert!(!matched["alternative_consultants"]
        .as_array()
        .unwrap()
        .is_empty());
    let anonymous = client()
        .get(app.url(&format!("/api/v1/leads/{id}/consultant-match")))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    let alternative = matched["alternative_consultants"][0]["consultant"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let response = app
        .call(
            &admin,
            "/api/admin/leads/reassign",
            &[("id", &id), ("consultant_id", &alternative)],
        )
        .await;
    assert_eq!(response.status(), 200);
    let assigned: Option<String> =
        sqlx::query_scalar("SELECT assigned_consultant_id FROM leads WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(assigned.as_deref(), Some(alternative.as_str()));

    let response = app
        .call(
            &admin,
            "/api/admin/leads/values",
            &[
                ("id", &id),
                ("estimated_value", "45,000"),
                ("actual_value", "lots"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422, "a bad amount is refused");
    let response = app
        .call(
            &admin,
            "/api/admin/leads/values",
            &[
                ("id", &id),
                ("estimated_value", "45,000"),
                ("actual_value", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let list: Value = list_leads(&app, &admin).await.json().await.unwrap();
    assert_eq!(list["dashboard"]["open_pipeline_value"], 45000.0);
    assert!(list["dashboard"]["tier_chart_svg"]
        .as_str()
        .unwrap()
        .contains("<svg"));

    let csv = admin
        .get(app.url("/admin/leads/export.csv?source=roi_calculator"))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("id,created_at,name,email"));
    assert!(text.contains("match@acme.example"));
    let filtered = admin
        .get(app.url("/admin/leads/export.csv?source=referral"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !filtered.contains("match@acme.example"),
        "the export keeps the filter"
    );
    let bad = admin
        .get(app.url("/admin/leads/export.csv?tier=gold"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
}

async fn admins_change_scoring_and_open_leads_are_rescored(app: TestApp) {
    app.seed_showcase().await;
    let body: Value = post_json(
        &app,
        "/api/v1/leads",
        &lead("rescore@acme.example"),
        "10.8.0.1",
    )
    .await
    .json()
    .await
    .unwrap();
    let id = body["lead_id"].as_str().unwrap().to_string();
    let before = body["lead_score"].as_i64().unwrap();
    let admin = app.logged_in_as(Role::Admin).await;
    let settings = |revenue: &str, timeline: &str, tier1: &str| {
        vec![
            ("input[revenue]", revenue.to_string()),
            ("input[company_size]", "10".to_string()),
            ("input[decision_authority]", "15".to_string()),
            ("input[timeline]", timeline.to_string()),
            ("input[budget]", "10".to_string()),
            ("input[industry_results]", "10".to_string()),
            ("input[case_studies_viewed]", "7".to_string()),
            ("input[calculator_used]", "7".to_string()),
            ("input[time_on_site]", "3".to_string()),
            ("input[forms_submitted]", "3".to_string()),
            ("input[tier1_min]", tier1.to_string()),
            ("input[tier2_min]", "40".to_string()),
        ]
    };
    let post = |form: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let url = app.url("/api/admin/settings/scoring");
        async move {
            admin
                .post(url)
                .header("Accept", "application/json")
                .form(&form)
                .send()
                .await
                .unwrap()
        }
    };
    // Maxima must add up to 100, and the tiers must be in order.
    let response = post(settings("50", "15", "30")).await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    assert!(error.to_string().contains("100"), "{error}");
    // Timeline worth more, revenue less: the open lead is re-scored.
    let response = post(settings("5", "30", "90")).await;
    assert_eq!(response.status(), 200);
    let (score, tier): (i64, String) =
        sqlx::query_as("SELECT score, tier FROM leads WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_ne!(score, before, "re-scored");
    assert_ne!(tier, "Tier_1", "the Tier 1 threshold is now 90");
    // Consultants cannot change scoring.
    let priya = consultant_for(&app, "Priya").await;
    let response = priya
        .post(app.url("/api/admin/settings/scoring"))
        .header("Accept", "application/json")
        .form(&settings("20", "15", "70"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    // The routing preview creates nothing and names the pricing specialist first for cinemas.
    let leads_before = count(&app, "SELECT COUNT(*) FROM leads").await;
    let page = app
        .get(
            &admin,
            "/admin/settings?preview_industry=5914&preview_challenge=pricing",
        )
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let preview = &html[html.find("routing-preview").expect("a preview list")..];
    assert!(
        preview.find("Amara").unwrap() < preview.find("Priya").unwrap_or(usize::MAX),
        "Amara leads for cinema pricing"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM leads").await,
        leads_before
    );
}

/// Lead routing reads the consultants from a copy kept a second
/// (`db::lead_inputs`): a change made through this server counts for the
/// next lead at once, and another app server on the database follows within
/// that second.
async fn routing_follows_a_change_here_at_once_and_on_another_server_within_a_second(app: TestApp) {
    app.seed_showcase().await;
    let (second, _stop) = common::another_server(&app, &[]).await;
    let routed_to = |response: reqwest::Response| async move {
        assert_eq!(response.status(), 201);
        let body: Value = response.json().await.unwrap();
        body["assigned_consultant"]["first_name"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let submit_there = |email: &'static str, address: &'static str| {
        client()
            .post(format!("{second}/api/v1/leads"))
            .header("X-Forwarded-For", address)
            .json(&lead(email))
            .send()
    };
    // Both servers route this lead to Priya, and keep what they read.
    let here = post_json(
        &app,
        "/api/v1/leads",
        &lead("one@acme-retail.co.uk"),
        "10.3.0.1",
    )
    .await;
    assert_eq!(routed_to(here).await, "Priya");
    let there = submit_there("two@acme-retail.co.uk", "10.3.0.2")
        .await
        .unwrap();
    assert_eq!(routed_to(there).await, "Priya");

    // Priya is taken off routing through this server.
    let (priya,): (String,) =
        sqlx::query_as("SELECT id FROM consultants WHERE first_name = 'Priya'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(app::db::consultants::set_active(&app.db, &priya, false)
        .await
        .unwrap());
    let here = post_json(
        &app,
        "/api/v1/leads",
        &lead("three@acme-retail.co.uk"),
        "10.3.0.3",
    )
    .await;
    let next = routed_to(here).await;
    assert!(!next.is_empty() && next != "Priya", "here at once: {next}");

    tokio::time::sleep(app::db::lead_inputs::FRESH_FOR + std::time::Duration::from_millis(100))
        .await;
    let there = submit_there("four@acme-retail.co.uk", "10.3.0.4")
        .await
        .unwrap();
    let next = routed_to(there).await;
    assert!(
        !next.is_empty() && next != "Priya",
        "elsewhere within the second: {next}"
    );
}
