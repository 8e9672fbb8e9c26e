//! Regression tests for the findings of the outside probe (issue 8): markup
//! in the page head, the client address behind a proxy, the login throttle
//! under parallel guesses, forged engagement raising a lead's score, the
//! cross-site checks, security headers, slow clients and the API limit.
use crate::common::{self, client, spawn_app_with, Backend, TestApp, PASSWORD};
use crate::roi::post_json;
use app::domain::role::Role;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

on_both_backends!(
    markup_in_every_field_that_reaches_the_head_stays_text,
    pages_carry_a_nonce_policy_and_private_replies_are_not_stored,
    the_client_address_is_the_hop_our_proxy_appended,
    parallel_wrong_passwords_get_at_most_the_allowed_checks,
    forged_engagement_does_not_raise_the_score,
    cross_site_and_plain_text_writes_are_refused,
    common_passwords_are_refused,
);

const PAYLOAD: &str = "</title><script>alert(1)</script><!--\"'&";

/// The document head: everything before `</head>`.
fn head(html: &str) -> &str {
    html.split("</head>").next().unwrap_or(html)
}

fn assert_no_markup_escaped(html: &str, page: &str) {
    let head = head(html);
    assert!(
        !head.contains("<script>alert(1)"),
        "{page}: injected script in the head:\n{head}"
    );
    assert_eq!(
        head.matches("</title>").count(),
        1,
        "{page}: the title was closed early:\n{head}"
    );
    // JSON-LD must not contain a literal `<` from the data either.
    for block in head.split("<script type=\"application/ld+json\"").skip(1) {
        let json = block.split("</script>").next().unwrap_or_default();
        let json = json.split_once('>').map(|(_, j)| j).unwrap_or_default();
        assert!(!json.contains('<'), "{page}: markup inside JSON-LD: {json}");
        let value: Value = serde_json::from_str(json).expect("JSON-LD parses");
        assert!(value.to_string().contains("alert(1)"), "{page}: {value}");
    }
}

async fn markup_in_every_field_that_reaches_the_head_stays_text(app: TestApp) {
    app.seed_showcase().await;
    // What a consultant and a marketer can edit, set straight in the database
    // so every field holds markup at once.
    for sql in [
        "UPDATE consultants SET first_name = $1, last_name = $1, title = $1",
        "UPDATE case_studies SET title = $1, summary = $1, meta_description = $1, meta_keywords = $1",
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .bind(PAYLOAD)
            .execute(&app.db.pool)
            .await
            .unwrap();
    }
    let (study_slug,): (String,) =
        sqlx::query_as("SELECT slug FROM case_studies WHERE published = 1 LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let (consultant_id,): (String,) = sqlx::query_as("SELECT id FROM consultants LIMIT 1")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let browser = client();
    for path in [
        format!("/case-studies/{study_slug}"),
        format!("/consultants/{consultant_id}"),
        "/case-studies".to_string(),
        "/consultants".to_string(),
    ] {
        let html = app.page(&browser, &path).await;
        assert!(html.contains("alert(1)"), "{path} shows the text");
        assert_no_markup_escaped(&html, &path);
    }
}

async fn pages_carry_a_nonce_policy_and_private_replies_are_not_stored(app: TestApp) {
    let response = app.get(&client(), "/").await;
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the page's policy has a nonce")
        .to_string();
    assert!(
        !policy.contains("script-src 'self' 'unsafe-inline'"),
        "{policy}"
    );
    let html = response.text().await.unwrap();
    // Every inline script that runs carries the nonce.
    for tag in html.split("<script").skip(1) {
        let open = tag.split('>').next().unwrap_or_default();
        if open.contains("application/ld+json") {
            continue;
        }
        assert!(
            open.contains(&format!("nonce=\"{nonce}\"")),
            "<script{open}>"
        );
    }
    // A second page gets a different nonce.
    let other = app.get(&client(), "/").await;
    assert!(!other.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains(&nonce));

    let admin = app.logged_in_as(Role::Admin).await;
    for path in ["/admin", "/admin/users"] {
        let response = app.get(&admin, path).await;
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let reply = app.call(&admin, "/api/admin/users/list", &[]).await;
    assert_eq!(reply.headers()["cache-control"], "no-store");
    assert!(reply.headers().contains_key("content-security-policy"));
    assert!(
        !reply.headers().contains_key("strict-transport-security"),
        "no HSTS on a plain-http deployment"
    );
}

#[tokio::test]
async fn an_https_deployment_sends_hsts() {
    let app = spawn_app_with(Backend::Sqlite, &[("CE_PUBLIC_URL", "https://ce.example")]).await;
    let response = app.get(&client(), "/").await;
    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

async fn the_client_address_is_the_hop_our_proxy_appended(app: TestApp) {
    crate::common::clear_of_minute_edge().await;
    app.seed_showcase().await;
    // Behind one proxy (the test configuration), a client that makes up a
    // new leftmost address each time is still one client: 5 leads a minute.
    let mut statuses = Vec::new();
    for n in 0..7 {
        let response = client()
            .post(app.url("/api/v1/leads"))
            .header("X-Forwarded-For", format!("6.6.6.{n}, 10.20.0.1"))
            .json(&crate::leads::lead(&format!("spoof{n}@acme.example")))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [201, 201, 201, 201, 201, 429, 429]);
    // What is stored as the address is the parsed proxy-vouched one, never
    // a header string.
    let junk = client()
        .post(app.url("/api/v1/leads"))
        .header("X-Forwarded-For", "'; DROP TABLE leads; --")
        .json(&crate::leads::lead("junk@acme.example"))
        .send()
        .await
        .unwrap();
    assert_eq!(junk.status(), 201);
    let keys: Vec<String> = sqlx::query_scalar("SELECT DISTINCT key FROM rate_limit_hits")
        .fetch_all(&app.db.pool)
        .await
        .unwrap_or_default();
    for key in keys {
        assert!(
            key.parse::<std::net::IpAddr>().is_ok(),
            "a rate-limit key is an address: {key}"
        );
    }
}

async fn parallel_wrong_passwords_get_at_most_the_allowed_checks(app: TestApp) {
    app.create_user("target@example.com", Role::Consultant)
        .await;
    let attempts = (0..30).map(|n| {
        let app_url = app.url("/api/auth/login");
        async move {
            client()
                .post(app_url)
                .header("Accept", "application/json")
                .header("X-Forwarded-For", format!("10.30.{}.{}", n / 200, n % 200))
                .form(&[
                    ("email", "target@example.com"),
                    ("password", "Wrong-Guess-1!"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures_join_all(attempts).await;
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let throttled = statuses.iter().filter(|s| **s == 429).count();
    // Attempts are counted before the check: never more than the limit of 5
    // are checked (under heavy overlap fewer may be, never more).
    assert!(
        (1..=5).contains(&checked),
        "{checked} passwords were checked: {statuses:?}"
    );
    assert_eq!(checked + throttled, 30, "{statuses:?}");
    if checked == 5 {
        // The account is locked for its owner too until the window passes.
        let owner = app.login(&client(), "target@example.com", PASSWORD).await;
        assert_eq!(owner.status(), 429);
    }
}

/// Runs the futures concurrently on this task.
async fn futures_join_all<F: std::future::Future<Output = T>, T>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<T> {
    let handles: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut results = Vec::with_capacity(handles.len());
    let mut pending: Vec<_> = handles.into_iter().enumerate().collect();
    let mut done: Vec<Option<T>> = (0..pending.len()).map(|_| None).collect();
    while !pending.is_empty() {
        let (index, output, rest) = select_first(pending).await;
        done[index] = Some(output);
        pending = rest;
    }
    for output in done {
        results.push(output.expect("every future finished"));
    }
    results
}

async fn select_first<F: std::future::Future<Output = T> + Unpin, T>(
    mut pending: Vec<(usize, F)>,
) -> (usize, T, Vec<(usize, F)>) {
    std::future::poll_fn(move |cx| {
        for i in 0..pending.len() {
            if let std::task::Poll::Ready(output) = std::pin::Pin::new(&mut pending[i].1).poll(cx) {
                let (index, _) = pending.remove(i);
                let rest = std::mem::take(&mut pending);
                return std::task::Poll::Ready((index, output, rest));
            }
        }
        std::task::Poll::Pending
    })
    .await
}

async fn forged_engagement_does_not_raise_the_score(app: TestApp) {
    app.seed_showcase().await;
    // Someone else's saved estimate.
    let estimate: Value = post_json(
        &app,
        "/api/v1/roi-calculator/estimate",
        &crate::roi::estimate_request(),
        "10.40.0.9",
    )
    .await
    .json()
    .await
    .unwrap();
    let other_estimate = estimate["result_url"]
        .as_str()
        .and_then(|url| url.rsplit('/').next())
        .expect("the estimate is stored")
        .to_string();
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM case_studies LIMIT 8")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();

    let mut honest = crate::leads::lead("honest@acme.example");
    honest.as_object_mut().unwrap().remove("time_on_site");
    let mut forged = crate::leads::lead("forged@acme.example");
    forged["time_on_site"] = json!(600);
    forged["case_studies_viewed"] = json!(slugs);
    forged["roi_calculation_id"] = json!(other_estimate);
    let honest: Value = post_json(&app, "/api/v1/leads", &honest, "10.40.0.1")
        .await
        .json()
        .await
        .unwrap();
    let forged: Value = post_json(&app, "/api/v1/leads", &forged, "10.40.0.2")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        forged["lead_score"], honest["lead_score"],
        "forged engagement changed the score: {forged} vs {honest}"
    );
    let (roi, viewed): (Option<String>, String) = sqlx::query_as(
        "SELECT roi_calculation_id, case_studies_viewed_json FROM leads WHERE email = 'forged@acme.example'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(roi, None, "another visitor's estimate is not linked");
    assert_eq!(viewed, "[]");
}

async fn cross_site_and_plain_text_writes_are_refused(app: TestApp) {
    let login = |origin: Option<&'static str>, fetch_site: Option<&'static str>| {
        let url = app.url("/api/auth/login");
        async move {
            let mut request = client()
                .post(url)
                .header("Accept", "application/json")
                .form(&[("email", "nobody@example.com"), ("password", "x")]);
            if let Some(origin) = origin {
                request = request.header("Origin", origin);
            }
            if let Some(site) = fetch_site {
                request = request.header("Sec-Fetch-Site", site);
            }
            request.send().await.unwrap().status().as_u16()
        }
    };
    assert_eq!(login(Some("null"), None).await, 403, "an opaque origin");
    assert_eq!(login(Some("https://evil.example"), None).await, 403);
    let other_scheme = app.base_url.replace("http://", "https://");
    let other_scheme: &'static str = Box::leak(other_scheme.into_boxed_str());
    assert_eq!(login(Some(other_scheme), None).await, 403, "another scheme");
    assert_eq!(
        login(None, Some("cross-site")).await,
        403,
        "no Origin, cross-site"
    );
    let ours: &'static str = Box::leak(app.base_url.clone().into_boxed_str());
    assert_eq!(
        login(Some(ours), Some("same-origin")).await,
        401,
        "our own page"
    );

    let plain = client()
        .post(app.url("/api/auth/login"))
        .header("Content-Type", "text/plain")
        .body("email=a@b.example&password=x")
        .send()
        .await
        .unwrap();
    assert_eq!(
        plain.status(),
        415,
        "a text/plain body (no preflight) is refused"
    );
}

async fn common_passwords_are_refused(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let response = app
        .call(
            &admin,
            "/api/auth/change-password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "Password123!"),
                ("confirm_password", "Password123!"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(body.contains("common password"), "{body}");
}

#[tokio::test]
async fn a_client_sending_half_its_headers_is_disconnected() {
    let app = common::spawn_app(Backend::Sqlite).await;
    let address = app.base_url.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let mut buffer = [0u8; 512];
    let read = tokio::time::timeout(std::time::Duration::from_secs(20), stream.read(&mut buffer))
        .await
        .expect("the server closes the connection within 20 s");
    // Closed (0 bytes) or answered 408: either way, not held open.
    let text = String::from_utf8_lossy(&buffer[..read.unwrap_or(0)]).to_string();
    assert!(text.is_empty() || text.contains("408"), "{text}");
    assert!(started.elapsed() >= std::time::Duration::from_secs(5));
}

#[tokio::test]
async fn the_api_is_limited_per_address() {
    crate::common::clear_of_minute_edge().await;
    let app = spawn_app_with(Backend::Sqlite, &[("CE_API_RATE_LIMIT", "5/min,1000/hour")]).await;
    let get = |address: &'static str| {
        let url = app.url("/api/v1/case-studies");
        async move {
            client()
                .get(url)
                .header("X-Forwarded-For", address)
                .send()
                .await
                .unwrap()
        }
    };
    for n in 0..5 {
        assert_eq!(get("10.50.0.1").await.status(), 200, "request {n}");
    }
    let refused = get("10.50.0.1").await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(
        get("10.50.0.2").await.status(),
        200,
        "other addresses go on"
    );
    // Pages are not counted against the API.
    assert_eq!(app.get(&client(), "/").await.status(), 200);
}
