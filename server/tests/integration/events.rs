//! The events endpoint and the beacon's goals: a batch converts for the
//! visitor's arm on each of the experiment's metrics (once), a page view of
//! a visit goal converts without any script, and bad batches are refused
//! whole, by field, with nothing stored.

use crate::common::{client, spawn_app, spawn_app_with, Backend, TestApp};
use crate::experiments::{act, detail, new_experiment, published_page, visitor};
use app::domain::role::Role;
use serde_json::{json, Value};

on_both_backends!(
    events_convert_for_the_visitors_arm_on_each_metric,
    bad_event_batches_are_refused_whole,
);

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

async fn post_events(
    app: &TestApp,
    who: &reqwest::Client,
    content_type: &str,
    body: String,
) -> reqwest::Response {
    who.post(app.url("/api/v1/events"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn stored_events(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM events")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// Visitors and conversions of the arm `key` in a read-out.
fn arm(readout: &Value, key: &str) -> (i64, i64) {
    let arm = readout["arms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["key"] == key)
        .unwrap_or_else(|| panic!("no arm {key} in {readout}"));
    (
        arm["users"].as_i64().unwrap(),
        arm["conversions"].as_i64().unwrap(),
    )
}

async fn events_convert_for_the_visitors_arm_on_each_metric(app: TestApp) {
    app.seed_showcase().await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "events-offer").await;
    // The page's calls to action are offered as click goals.
    let list: Value = app
        .call(&marketer, "/api/admin/experiments/list", &[])
        .await
        .json()
        .await
        .unwrap();
    let page = list["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == page_id.as_str())
        .unwrap()
        .clone();
    let cta = page["ctas"][0][0].as_str().unwrap().to_string();
    let goal = format!("cta_click:{cta}");
    // A click goal must name a call to action of the chosen page.
    let wrong = new_experiment(
        &app,
        &marketer,
        &page_id,
        &[("input[goal]", "cta_click:nope")],
    )
    .await;
    assert_eq!(wrong.status(), 422);
    let created = new_experiment(
        &app,
        &marketer,
        &page_id,
        &[
            ("input[goal]", &goal),
            ("input[secondary_1]", "form_started"),
            ("input[guardrail]", "url_visit"),
        ],
    )
    .await;
    // A URL goal needs its path: only the detail is missing.
    assert_eq!(created.status(), 422);
    assert!(created.text().await.unwrap().contains("guardrail"));
    let created = new_experiment(
        &app,
        &marketer,
        &page_id,
        &[
            ("input[goal]", &goal),
            ("input[secondary_1]", "form_started"),
            ("input[guardrail]", "url_visit:/contact"),
        ],
    )
    .await;
    assert_eq!(created.status(), 200);
    let id: String = created.json().await.unwrap();
    assert_eq!(
        act(&app, &marketer, &id, &[("action", "start")])
            .await
            .status(),
        200
    );

    // An enrolled visitor's page loads the beacon and marks its calls to action.
    let person = visitor();
    let html = app.page(&person, "/landing/events-offer").await;
    assert!(
        html.contains(r#"src="/ce.js""#),
        "beacon on a page under test"
    );
    assert!(html.contains(&format!(r#"data-ce-cta="{cta}""#)));
    assert!(html.contains("data-ce-form="));
    // A crawler is not enrolled, and gets no beacon.
    let bot = reqwest::Client::builder()
        .user_agent("Googlebot/2.1")
        .build()
        .unwrap();
    assert!(!app
        .page(&bot, "/landing/events-offer")
        .await
        .contains("/ce.js"));
    app.db.settle_exposures().await;
    let arm_key: String =
        sqlx::query_scalar("SELECT arm_key FROM experiment_exposures WHERE experiment_id = $1")
            .bind(&id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();

    // What sendBeacon sends: a string, as text/plain.
    let at = now_ms();
    let batch = json!({"events": [
        {"type": "cta_click", "path": "/landing/events-offer", "block": cta, "at": at},
        {"type": "form_started", "path": "/landing/events-offer", "block": "form", "at": at},
        {"type": "custom", "path": "/landing/events-offer", "name": "video_played", "at": at},
        {"type": "cta_click", "path": "/landing/events-offer", "block": "some-other-button", "at": at},
    ]})
    .to_string();
    let sent = post_events(&app, &person, "text/plain;charset=UTF-8", batch.clone()).await;
    assert_eq!(sent.status(), 202);
    let reply: Value = sent.json().await.unwrap();
    assert_eq!(reply, json!({"accepted": 4, "conversions": 2}));
    // Again: stored again, but a visitor converts once per metric.
    let again: Value = post_events(&app, &person, "application/json", batch)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again, json!({"accepted": 4, "conversions": 0}));
    assert_eq!(stored_events(&app).await, 8);

    // Reaching the guardrail's path converts on the server, no script needed.
    let before = detail(&app, &marketer, &id).await;
    assert_eq!(arm(&before["metrics"][1]["readout"], &arm_key).1, 0);
    app.page(&person, "/contact").await;
    let results = detail(&app, &marketer, &id).await;
    assert_eq!(
        arm(&results["readout"], &arm_key),
        (1, 1),
        "goal: the click"
    );
    assert_eq!(results["metrics"][0]["role"], "Secondary");
    assert_eq!(results["metrics"][0]["label"], "Form started");
    assert_eq!(arm(&results["metrics"][0]["readout"], &arm_key), (1, 1));
    assert_eq!(results["metrics"][1]["role"], "Guardrail");
    assert_eq!(arm(&results["metrics"][1]["readout"], &arm_key), (1, 1));
    // Events of someone not in the experiment are stored and convert nothing.
    let stranger = client();
    let reply: Value = post_events(
        &app,
        &stranger,
        "application/json",
        json!({"events": [{"type": "cta_click", "path": "/landing/events-offer", "block": cta, "at": at}]})
            .to_string(),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(reply, json!({"accepted": 1, "conversions": 0}));
    assert_eq!(
        arm(&detail(&app, &marketer, &id).await["readout"], &arm_key).1,
        1
    );

    // The results page shows each metric's table.
    let page = app
        .page(&marketer, &format!("/admin/experiments/{id}"))
        .await;
    assert!(page.contains("Secondary metric: Form started"), "{page}");
    assert!(page.contains("Guardrail: Visit to /contact"));
    // The CSV has a row per metric and day.
    let csv = marketer
        .get(app.url(&format!("/admin/experiments/{id}/daily.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains(&format!(",{goal},")), "{csv}");
    assert!(csv.contains(",form_started,"), "{csv}");
    assert!(csv.contains(",url_visit:/contact,"), "{csv}");
}

async fn bad_event_batches_are_refused_whole(app: TestApp) {
    let at = now_ms();
    let who = client();
    let fields = |body: &Value| -> Vec<String> {
        body["error"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["parameter"].as_str().unwrap().to_string())
            .collect()
    };
    let bad = json!({"events": [
        {"type": "cta_click", "path": "/x", "block": "b1", "at": at},
        {"type": "cta_click", "path": "/x", "at": at},
        {"type": 7, "path": "/x", "at": at},
        {"type": "url_visit", "path": "/x", "at": at + 3_600_000},
        {"type": "url_visit", "path": "https://elsewhere.example/", "at": at},
    ]});
    let refused = post_events(&app, &who, "application/json", bad.to_string()).await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(
        fields(&body),
        [
            "events[1].block",
            "events[2].type",
            "events[3].at",
            "events[4].path"
        ]
    );
    assert_eq!(
        stored_events(&app).await,
        0,
        "nothing of a bad batch is kept"
    );

    let not_json = post_events(&app, &who, "application/json", "{events:".into()).await;
    assert_eq!(not_json.status(), 422);
    assert_eq!(fields(&not_json.json().await.unwrap()), ["body"]);
    let too_many: Vec<Value> = vec![json!({"type": "url_visit", "path": "/x", "at": at}); 51];
    let refused = post_events(
        &app,
        &who,
        "application/json",
        json!({ "events": too_many }).to_string(),
    )
    .await;
    assert_eq!(refused.status(), 422);
    // A huge body is refused before it is read.
    let huge = format!(r#"{{"events": [], "pad": "{}"}}"#, "x".repeat(64 * 1024));
    assert_eq!(
        post_events(&app, &who, "application/json", huge)
            .await
            .status(),
        413
    );
    // Only JSON or the beacon's text/plain.
    let good = json!({"events": [{"type": "url_visit", "path": "/x", "at": at}]}).to_string();
    assert_eq!(
        post_events(&app, &who, "text/html", good.clone())
            .await
            .status(),
        415
    );
    // Another site cannot post events with a visitor's cookie.
    let forged = who
        .post(app.url("/api/v1/events"))
        .header("content-type", "text/plain")
        .header("origin", "https://evil.example")
        .body(good.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(stored_events(&app).await, 0);
    assert_eq!(
        post_events(&app, &who, "text/plain", good).await.status(),
        202
    );
    assert_eq!(stored_events(&app).await, 1);
}

/// Concurrent batches from many addresses: each acknowledged batch is
/// stored whole, once, and each address is limited on its own, counted in
/// the batch's own transaction (group-committed on SQLite).
async fn concurrent_batches_are_stored_whole_and_limited_per_address(backend: Backend) {
    crate::common::clear_of_minute_edge().await;
    let app = spawn_app_with(backend, &[("CE_API_RATE_LIMIT", "5/min,1000/hour")]).await;
    let at = now_ms();
    let batch = |n: usize| {
        json!({"events": (0..n)
            .map(|i| json!({"type": "custom", "name": format!("e{i}"), "path": "/x", "at": at}))
            .collect::<Vec<_>>()})
        .to_string()
    };
    let send = |address: String, body: String| {
        let url = app.url("/api/v1/events");
        async move {
            client()
                .post(url)
                .header("content-type", "application/json")
                .header("X-Forwarded-For", address)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    // 8 addresses × 5 batches of 7 events, all at once.
    let answers = futures_util::future::join_all(
        (0..40).map(|i| send(format!("10.60.0.{}", i % 8), batch(7))),
    )
    .await;
    for answer in &answers {
        assert_eq!(answer.status(), 202);
    }
    assert_eq!(stored_events(&app).await, 40 * 7);
    // The sixth batch of one address is refused and not stored.
    let refused = send("10.60.0.3".to_string(), batch(3)).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited", "{body}");
    assert_eq!(stored_events(&app).await, 40 * 7);
    // Another address goes on.
    assert_eq!(send("10.60.0.9".to_string(), batch(2)).await.status(), 202);
    assert_eq!(stored_events(&app).await, 40 * 7 + 2);
}

#[tokio::test]
async fn concurrent_batches_are_stored_whole_and_limited_per_address_sqlite() {
    concurrent_batches_are_stored_whole_and_limited_per_address(Backend::Sqlite).await;
}

#[tokio::test]
async fn concurrent_batches_are_stored_whole_and_limited_per_address_postgres() {
    concurrent_batches_are_stored_whole_and_limited_per_address(Backend::Postgres).await;
}

/// `Db::group_commit`: a job that fails is undone alone (its earlier
/// statements too) and answered with its error; the jobs beside it, in the
/// same group on SQLite, are stored and answered.
async fn a_failed_job_is_undone_alone(backend: Backend) {
    let app = spawn_app(backend).await;
    let job = |n: i64| {
        let db = app.db.clone();
        async move {
            db.group_commit(move |tx| {
                Box::pin(async move {
                    sqlx::query(
                        "INSERT INTO events (visitor_key, kind, path, target, occurred_at, received_at) \
                         VALUES (NULL, 'custom', '/x', 'ok', $1, $1)",
                    )
                    .bind(n)
                    .execute(&mut **tx)
                    .await?;
                    if n == 13 {
                        // Violates the kind CHECK: this job fails after its first insert.
                        sqlx::query(
                            "INSERT INTO events (visitor_key, kind, path, target, occurred_at, received_at) \
                             VALUES (NULL, 'no-such-kind', '/x', 'bad', $1, $1)",
                        )
                        .bind(n)
                        .execute(&mut **tx)
                        .await?;
                    }
                    Ok(n)
                })
            })
            .await
        }
    };
    let answers = futures_util::future::join_all((0..30).map(job)).await;
    for (n, answer) in answers.iter().enumerate() {
        match answer {
            Ok(got) => assert_eq!(*got, n as i64),
            Err(err) => assert_eq!(n, 13, "only job 13 fails, not {n}: {err}"),
        }
    }
    assert!(answers[13].is_err());
    let stored: Vec<i64> =
        sqlx::query_scalar("SELECT occurred_at FROM events ORDER BY occurred_at")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(stored, (0..30).filter(|n| *n != 13).collect::<Vec<i64>>());
}

#[tokio::test]
async fn a_failed_job_is_undone_alone_sqlite() {
    a_failed_job_is_undone_alone(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_failed_job_is_undone_alone_postgres() {
    a_failed_job_is_undone_alone(Backend::Postgres).await;
}

/// A job that panics inside the SQLite writer ends that writer: its callers
/// get an error, and the next write starts another writer instead of every
/// later batch failing until a restart. (On PostgreSQL a job runs in its
/// caller's task, so the panic is that task's alone.)
async fn a_panicking_job_does_not_stop_later_writes(backend: Backend) {
    let app = spawn_app(backend).await;
    let insert = |n: i64, panics: bool| {
        let db = app.db.clone();
        tokio::spawn(async move {
            db.group_commit(move |tx| {
                Box::pin(async move {
                    sqlx::query(
                        "INSERT INTO events (visitor_key, kind, path, target, occurred_at, received_at) \
                         VALUES (NULL, 'custom', '/x', 'ok', $1, $1)",
                    )
                    .bind(n)
                    .execute(&mut **tx)
                    .await?;
                    assert!(!panics, "a job that panics (on purpose)");
                    Ok(n)
                })
            })
            .await
        })
    };
    let crashed = insert(1, true).await;
    assert!(
        !matches!(crashed, Ok(Ok(_))),
        "the panicking job is not answered as stored"
    );
    for n in 2..5 {
        assert_eq!(insert(n, false).await.unwrap().unwrap(), n);
    }
    let stored: Vec<i64> =
        sqlx::query_scalar("SELECT occurred_at FROM events ORDER BY occurred_at")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(stored, vec![2, 3, 4], "the crashed job left nothing behind");
}

#[tokio::test]
async fn a_panicking_job_does_not_stop_later_writes_sqlite() {
    a_panicking_job_does_not_stop_later_writes(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_panicking_job_does_not_stop_later_writes_postgres() {
    a_panicking_job_does_not_stop_later_writes(Backend::Postgres).await;
}
