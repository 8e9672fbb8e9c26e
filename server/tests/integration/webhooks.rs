//! Outgoing webhooks against a real HTTP receiver on 127.0.0.1 that checks
//! every signature the way the README tells receivers to, and can fail on
//! demand. The test server's own job worker delivers (polling every 50 ms).

use crate::common::{client, spawn_app_with, Backend, TestApp};
use app::domain::role::Role;
use app::domain::webhooks::verify;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod sqlite {
    #[tokio::test]
    async fn leads_and_status_changes_reach_the_receiver_signed_and_once() {
        super::leads_and_status_changes_reach_the_receiver_signed_and_once(super::Backend::Sqlite)
            .await
    }
    #[tokio::test]
    async fn bad_webhooks_are_refused_and_only_admins_manage_them() {
        super::bad_webhooks_are_refused_and_only_admins_manage_them(super::Backend::Sqlite).await
    }
}
mod postgres {
    #[tokio::test]
    async fn leads_and_status_changes_reach_the_receiver_signed_and_once() {
        super::leads_and_status_changes_reach_the_receiver_signed_and_once(super::Backend::Postgres)
            .await
    }
    #[tokio::test]
    async fn bad_webhooks_are_refused_and_only_admins_manage_them() {
        super::bad_webhooks_are_refused_and_only_admins_manage_them(super::Backend::Postgres).await
    }
}

/// What the receiver accepted: (event, delivery id, body as JSON).
#[derive(Clone, Default)]
struct Receiver {
    port: u16,
    secret: Arc<Mutex<String>>,
    accepted: Arc<Mutex<Vec<(String, String, Value)>>>,
    refused_signatures: Arc<Mutex<usize>>,
    failing: Arc<AtomicBool>,
}

impl Receiver {
    async fn start() -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let receiver = Receiver {
            port: listener.local_addr().unwrap().port(),
            ..Receiver::default()
        };
        let state = receiver.clone();
        let router = axum::Router::new().route(
            "/hook",
            post(move |headers: HeaderMap, body: String| {
                let state = state.clone();
                async move {
                    if state.failing.load(Ordering::SeqCst) {
                        return StatusCode::INTERNAL_SERVER_ERROR;
                    }
                    let header = |name: &str| {
                        headers
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_string()
                    };
                    let secret = state.secret.lock().unwrap().clone();
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap()
                        .as_secs() as i64;
                    if verify(&secret, &header("x-ce-signature"), &body, now).is_err() {
                        *state.refused_signatures.lock().unwrap() += 1;
                        return StatusCode::UNAUTHORIZED;
                    }
                    let json: Value = serde_json::from_str(&body).unwrap();
                    state.accepted.lock().unwrap().push((
                        header("x-ce-event"),
                        header("x-ce-delivery"),
                        json,
                    ));
                    StatusCode::NO_CONTENT
                }
            }),
        );
        tokio::spawn(async move { axum::serve(listener, router).await });
        receiver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hook", self.port)
    }

    fn accepted(&self) -> Vec<(String, String, Value)> {
        self.accepted.lock().unwrap().clone()
    }
}

/// Waits (up to 10 s) until `done` holds.
async fn eventually(what: &str, done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting until {what}");
}

async fn app_with_fast_jobs(backend: Backend) -> TestApp {
    spawn_app_with(backend, &[("CE_JOB_POLL_MS", "50")]).await
}

async fn add_webhook(app: &TestApp, admin: &reqwest::Client, url: &str) -> (String, String) {
    let created = app
        .call(
            admin,
            "/api/admin/webhooks/create",
            &[
                ("input[url]", url),
                ("input[events][]", "lead.created"),
                ("input[events][]", "lead.status_changed"),
            ],
        )
        .await;
    assert_eq!(created.status(), 200);
    let id: String = created.json().await.unwrap();
    let list: Value = app
        .call(admin, "/api/admin/webhooks/list", &[])
        .await
        .json()
        .await
        .unwrap();
    let endpoint = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id.as_str())
        .unwrap()
        .clone();
    (id, endpoint["secret"].as_str().unwrap().to_string())
}

async fn leads_and_status_changes_reach_the_receiver_signed_and_once(backend: Backend) {
    let app = app_with_fast_jobs(backend).await;
    app.seed_showcase().await;
    let receiver = Receiver::start().await;
    let admin = app.logged_in_as(Role::Admin).await;
    let (_, secret) = add_webhook(&app, &admin, &receiver.url()).await;
    assert!(secret.starts_with("whsec_"));
    *receiver.secret.lock().unwrap() = secret;

    // A new lead: one signed lead.created.
    let response = crate::roi::post_json(
        &app,
        "/api/v1/leads",
        &crate::leads::lead("hooked@acme-retail.co.uk"),
        "10.9.1.1",
    )
    .await;
    assert_eq!(response.status(), 201);
    let lead_id = response.json::<Value>().await.unwrap()["lead_id"]
        .as_str()
        .unwrap()
        .to_string();
    eventually("the lead is delivered", || receiver.accepted().len() == 1).await;
    let (event, first_delivery, body) = receiver.accepted()[0].clone();
    assert_eq!(event, "lead.created");
    assert_eq!(body["lead_id"], lead_id.as_str());
    assert_eq!(body["lead"]["email"], "hooked@acme-retail.co.uk");
    assert_eq!(
        *receiver.refused_signatures.lock().unwrap(),
        0,
        "every signature checks out"
    );

    // The receiver is down: the status change waits and is retried, then
    // arrives once.
    receiver.failing.store(true, Ordering::SeqCst);
    let moved = app
        .call(
            &admin,
            "/api/admin/leads/status",
            &[
                ("id", lead_id.as_str()),
                ("status", "contacted"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(moved.status(), 200, "{}", moved.text().await.unwrap());
    let attempts = || async {
        sqlx::query_as::<_, (String, i64, Option<i64>)>(
            "SELECT status, attempts, last_status_code FROM webhook_deliveries WHERE event = 'lead.status_changed'",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
    };
    for _ in 0..200 {
        if attempts().await.first().is_some_and(|(_, n, _)| *n >= 1) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(attempts().await, [("pending".to_string(), 1, Some(500))]);
    receiver.failing.store(false, Ordering::SeqCst);
    // Bring the retry forward once the failed attempt is written back to the
    // queue (the delivery log is written first: between the two, the job is
    // still 'running' and moving it would do nothing).
    let mut brought_forward = false;
    for _ in 0..200 {
        let moved = sqlx::query(
            "UPDATE jobs SET run_at = 0 WHERE kind = 'deliver_webhook' AND state = 'queued' AND attempts >= 1",
        )
        .execute(&app.db.pool)
        .await
        .unwrap();
        if moved.rows_affected() == 1 {
            brought_forward = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(brought_forward, "the failed delivery is queued for a retry");
    eventually("the status change arrives", || {
        receiver.accepted().len() == 2
    })
    .await;
    let (event, _, body) = receiver.accepted()[1].clone();
    assert_eq!(event, "lead.status_changed");
    assert_eq!(body["lead"]["from"], "new");
    assert_eq!(body["lead"]["to"], "contacted");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.accepted().len(), 2, "delivered once");
    assert_eq!(attempts().await, [("delivered".to_string(), 2, Some(204))]);

    // "Send again" delivers the logged event once more, as a new delivery.
    let resend = app
        .call(
            &admin,
            "/api/admin/webhooks/send-again",
            &[("id", first_delivery.as_str())],
        )
        .await;
    assert_eq!(resend.status(), 200);
    eventually("the resend arrives", || receiver.accepted().len() == 3).await;
    let (event, again_delivery, _) = receiver.accepted()[2].clone();
    assert_eq!(event, "lead.created");
    assert_ne!(again_delivery, first_delivery);

    // The log is on the page.
    let page = app.page(&admin, "/admin/webhooks").await;
    assert!(page.contains("Delivered (204)"));
    assert!(page.contains(&receiver.url()));
}

async fn bad_webhooks_are_refused_and_only_admins_manage_them(backend: Backend) {
    let app = app_with_fast_jobs(backend).await;
    let admin = app.logged_in_as(Role::Admin).await;
    for (url, says) in [
        ("ftp://files.example/hook", "http:// or https://"),
        ("https://user:pw@hooks.example/x", "passwords"),
        ("javascript:alert(1)", "http:// or https://"),
    ] {
        let refused = app
            .call(
                &admin,
                "/api/admin/webhooks/create",
                &[("input[url]", url), ("input[events][]", "lead.created")],
            )
            .await;
        assert_eq!(refused.status(), 422, "{url}");
        assert!(refused.text().await.unwrap().contains(says), "{url}");
    }
    let no_events = app
        .call(
            &admin,
            "/api/admin/webhooks/create",
            &[("input[url]", "https://hooks.example/x")],
        )
        .await;
    assert_eq!(no_events.status(), 422);
    let unknown = app
        .call(
            &admin,
            "/api/admin/webhooks/create",
            &[
                ("input[url]", "https://hooks.example/x"),
                ("input[events][]", "lead.deleted"),
            ],
        )
        .await;
    assert_eq!(unknown.status(), 422);

    let marketer = app.logged_in_as(Role::Marketer).await;
    assert_eq!(app.get(&marketer, "/admin/webhooks").await.status(), 403);
    assert_eq!(
        app.call(&marketer, "/api/admin/webhooks/list", &[])
            .await
            .status(),
        403
    );
    assert_eq!(
        app.call(
            &client(),
            "/api/admin/webhooks/create",
            &[
                ("input[url]", "https://hooks.example/x"),
                ("input[events][]", "lead.created")
            ]
        )
        .await
        .status(),
        401
    );
}

mod slack {
    #[tokio::test]
    async fn sqlite_new_tier1_leads_reach_slack_once() {
        super::new_tier1_leads_reach_slack_once(super::Backend::Sqlite).await
    }
    #[tokio::test]
    async fn postgres_new_tier1_leads_reach_slack_once() {
        super::new_tier1_leads_reach_slack_once(super::Backend::Postgres).await
    }
}

/// A Slack incoming webhook on 127.0.0.1: records each message body.
async fn slack_receiver() -> (String, Arc<Mutex<Vec<Value>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://127.0.0.1:{}/services/T0/B0/x",
        listener.local_addr().unwrap().port()
    );
    let messages: Arc<Mutex<Vec<Value>>> = Arc::default();
    let seen = messages.clone();
    let router = axum::Router::new().route(
        "/services/T0/B0/x",
        post(move |body: String| {
            let seen = seen.clone();
            async move {
                seen.lock()
                    .unwrap()
                    .push(serde_json::from_str(&body).unwrap());
                "ok"
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, messages)
}

async fn new_tier1_leads_reach_slack_once(backend: Backend) {
    let (url, messages) = slack_receiver().await;
    let app = spawn_app_with(
        backend,
        &[
            ("CE_JOB_POLL_MS", "50"),
            ("CE_SLACK_WEBHOOK_URL", url.as_str()),
        ],
    )
    .await;
    app.seed_showcase().await;
    let post = |email: &'static str, from: &'static str| {
        let app = &app;
        async move {
            let response =
                crate::roi::post_json(app, "/api/v1/leads", &crate::leads::lead(email), from).await;
            assert_eq!(response.status(), 201);
            response.json::<Value>().await.unwrap()["lead_id"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let admin = app.logged_in_as(Role::Admin).await;
    // Where Tier 1 starts is a scoring setting: low first, then high.
    let tier1_from = |min: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let form = [
                ("input[revenue]", "20"),
                ("input[company_size]", "10"),
                ("input[decision_authority]", "15"),
                ("input[timeline]", "15"),
                ("input[budget]", "10"),
                ("input[industry_results]", "10"),
                ("input[case_studies_viewed]", "7"),
                ("input[calculator_used]", "7"),
                ("input[time_on_site]", "3"),
                ("input[forms_submitted]", "3"),
                ("input[tier1_min]", min),
                ("input[tier2_min]", "10"),
            ];
            let saved = app.call(&admin, "/api/admin/settings/scoring", &form).await;
            assert_eq!(saved.status(), 200);
        }
    };
    let tier_of = |id: String| {
        let app = &app;
        async move {
            sqlx::query_scalar::<_, String>("SELECT tier FROM leads WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap()
        }
    };
    tier1_from("11").await;
    let first = post("slack-1@acme-retail.co.uk", "10.9.5.1").await;
    assert_eq!(tier_of(first.clone()).await, "Tier_1");
    eventually("Slack hears of the Tier 1 lead", || {
        messages.lock().unwrap().len() == 1
    })
    .await;
    let text = messages.lock().unwrap()[0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        text.starts_with("New Tier 1 lead: Ana Silva at Acme Retail"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "<{}/admin/leads/{first}|Open the lead>",
            app.base_url
        )),
        "{text}"
    );
    // A lead below Tier 1 is not announced to Slack.
    tier1_from("99").await;
    let second = post("slack-2@acme-retail.co.uk", "10.9.5.2").await;
    assert_ne!(tier_of(second).await, "Tier_1");
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(messages.lock().unwrap().len(), 1, "once, and only Tier 1");
    let slack_deliveries: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = 'slack'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(slack_deliveries, 1);
    // The admins' page shows it without a secret.
    let page = app.page(&admin, "/admin/webhooks").await;
    assert!(page.contains("Slack, from CE_SLACK_WEBHOOK_URL"));
}

mod hubspot {
    #[tokio::test]
    async fn sqlite_leads_reach_hubspot_as_contacts_and_one_deal() {
        super::leads_reach_hubspot_as_contacts_and_one_deal(super::Backend::Sqlite).await
    }
    #[tokio::test]
    async fn postgres_leads_reach_hubspot_as_contacts_and_one_deal() {
        super::leads_reach_hubspot_as_contacts_and_one_deal(super::Backend::Postgres).await
    }
}

/// HubSpot's CRM API on 127.0.0.1: checks the bearer token, records each
/// request as (path, body), can fail on demand.
#[derive(Clone, Default)]
struct FakeHubSpot {
    requests: Arc<Mutex<Vec<(String, Value)>>>,
    failing: Arc<AtomicBool>,
}

async fn fake_hubspot() -> (String, FakeHubSpot) {
    use axum::extract::OriginalUri;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let fake = FakeHubSpot::default();
    let state = fake.clone();
    let handler = move |uri: OriginalUri, headers: HeaderMap, body: String| {
        let state = state.clone();
        async move {
            if headers.get("authorization").and_then(|v| v.to_str().ok())
                != Some("Bearer pat-test-token")
            {
                return (StatusCode::UNAUTHORIZED, "{}".to_string());
            }
            if state.failing.load(Ordering::SeqCst) {
                return (StatusCode::SERVICE_UNAVAILABLE, "{}".to_string());
            }
            let body: Value = serde_json::from_str(&body).unwrap();
            state
                .requests
                .lock()
                .unwrap()
                .push((uri.path().to_string(), body));
            let answer = if uri.path().ends_with("/batch/upsert") {
                serde_json::json!({"status": "COMPLETE", "results": [{"id": "501"}]})
            } else {
                serde_json::json!({"id": "9001"})
            };
            (StatusCode::OK, answer.to_string())
        }
    };
    let router = axum::Router::new()
        .route(
            "/crm/v3/objects/contacts/batch/upsert",
            post(handler.clone()),
        )
        .route("/crm/v3/objects/deals", post(handler));
    tokio::spawn(async move { axum::serve(listener, router).await });
    (base, fake)
}

async fn leads_reach_hubspot_as_contacts_and_one_deal(backend: Backend) {
    let (base, hubspot) = fake_hubspot().await;
    let app = spawn_app_with(
        backend,
        &[
            ("CE_JOB_POLL_MS", "50"),
            ("CE_HUBSPOT_TOKEN", "pat-test-token"),
            ("CE_HUBSPOT_URL", base.as_str()),
        ],
    )
    .await;
    app.seed_showcase().await;
    let requests = || hubspot.requests.lock().unwrap().clone();
    let response = crate::roi::post_json(
        &app,
        "/api/v1/leads",
        &crate::leads::lead("crm@acme-retail.co.uk"),
        "10.9.6.1",
    )
    .await;
    assert_eq!(response.status(), 201);
    let lead_id = response.json::<Value>().await.unwrap()["lead_id"]
        .as_str()
        .unwrap()
        .to_string();
    eventually("the contact reaches HubSpot", || requests().len() == 1).await;
    let (path, body) = requests()[0].clone();
    assert_eq!(path, "/crm/v3/objects/contacts/batch/upsert");
    assert_eq!(body["inputs"][0]["id"], "crm@acme-retail.co.uk");
    assert_eq!(body["inputs"][0]["properties"]["hs_lead_status"], "NEW");

    // HubSpot is down when the lead is qualified: retried, then one deal.
    hubspot.failing.store(true, Ordering::SeqCst);
    let admin = app.logged_in_as(Role::Admin).await;
    let qualify = |to: &'static str| {
        let (app, admin, id) = (&app, admin.clone(), lead_id.clone());
        async move {
            let moved = app
                .call(
                    &admin,
                    "/api/admin/leads/status",
                    &[("id", id.as_str()), ("status", to), ("note", "")],
                )
                .await;
            assert_eq!(moved.status(), 200);
        }
    };
    qualify("contacted").await;
    qualify("qualified").await;
    let failed_attempts = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = 'hubspot' AND attempts >= 1 AND status = 'pending'",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
    };
    for _ in 0..200 {
        if failed_attempts().await == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(failed_attempts().await, 2, "both changes wait for a retry");
    // A second app server on the same database works the queue too: the
    // two retries may run at once, on different servers.
    let (_second, _stop_second) = crate::common::another_server(
        &app,
        &[
            ("CE_JOB_POLL_MS", "50"),
            ("CE_HUBSPOT_TOKEN", "pat-test-token"),
            ("CE_HUBSPOT_URL", base.as_str()),
        ],
    )
    .await;
    hubspot.failing.store(false, Ordering::SeqCst);
    for _ in 0..200 {
        let moved = sqlx::query(
            "UPDATE jobs SET run_at = 0 WHERE kind = 'deliver_webhook' AND state = 'queued' AND attempts >= 1",
        )
        .execute(&app.db.pool)
        .await
        .unwrap();
        if moved.rows_affected() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eventually("both changes reach HubSpot", || {
        requests()
            .iter()
            .filter(|(p, _)| p.ends_with("/batch/upsert"))
            .count()
            == 3
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let deals: Vec<Value> = requests()
        .into_iter()
        .filter(|(p, _)| p == "/crm/v3/objects/deals")
        .map(|(_, b)| b)
        .collect();
    assert_eq!(deals.len(), 1, "one deal, however many events: {deals:?}");
    assert_eq!(deals[0]["associations"][0]["to"]["id"], "501");
    let deal_id: Option<String> = sqlx::query_scalar("SELECT crm_deal_id FROM leads WHERE id = $1")
        .bind(&lead_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(deal_id.as_deref(), Some("9001"));
    let last = requests()
        .into_iter()
        .rfind(|(p, _)| p.ends_with("/batch/upsert"))
        .unwrap()
        .1;
    assert_eq!(
        last["inputs"][0]["properties"]["hs_lead_status"],
        "CONNECTED"
    );
    // The admins' page names it and never shows the token.
    let page = app.page(&admin, "/admin/webhooks").await;
    assert!(page.contains("HubSpot, from CE_HUBSPOT_TOKEN"));
    assert!(!page.contains("pat-test-token"));
}
