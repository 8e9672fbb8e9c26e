//! The public page cache: anonymous visitors get the gallery from memory
//! with an ETag and a 304 when unchanged; signed-in staff never do; an edit
//! through the back office empties it at once, and another app server's
//! within about a second; otherwise a page is at most `CE_PAGE_CACHE_SECS`
//! old. Case studies and landing pages come from memory too and still count
//! their views; a new visitor's cookie is theirs alone.

use crate::common::{another_server, client, spawn_app_with, Backend};
use crate::experiments::{published_page, started_experiment, visitor};
use app::domain::role::Role;
use std::time::{Duration, Instant};

mod sqlite {
    #[tokio::test]
    async fn anonymous_pages_come_from_memory_until_an_edit() {
        super::anonymous_pages_come_from_memory_until_an_edit(super::Backend::Sqlite).await
    }
    #[tokio::test]
    async fn case_studies_and_landing_pages_come_from_memory_and_count_views() {
        super::case_studies_and_landing_pages_come_from_memory_and_count_views(
            super::Backend::Sqlite,
        )
        .await
    }
    #[tokio::test]
    async fn an_edit_through_another_server_empties_this_cache_within_a_second() {
        super::an_edit_through_another_server_empties_this_cache_within_a_second(
            super::Backend::Sqlite,
        )
        .await
    }
    #[tokio::test]
    async fn a_page_from_memory_still_converts_a_visit_goal() {
        super::a_page_from_memory_still_converts_a_visit_goal(super::Backend::Sqlite).await
    }
}
mod postgres {
    #[tokio::test]
    async fn anonymous_pages_come_from_memory_until_an_edit() {
        super::anonymous_pages_come_from_memory_until_an_edit(super::Backend::Postgres).await
    }
    #[tokio::test]
    async fn case_studies_and_landing_pages_come_from_memory_and_count_views() {
        super::case_studies_and_landing_pages_come_from_memory_and_count_views(
            super::Backend::Postgres,
        )
        .await
    }
    #[tokio::test]
    async fn an_edit_through_another_server_empties_this_cache_within_a_second() {
        super::an_edit_through_another_server_empties_this_cache_within_a_second(
            super::Backend::Postgres,
        )
        .await
    }
    #[tokio::test]
    async fn a_page_from_memory_still_converts_a_visit_goal() {
        super::a_page_from_memory_still_converts_a_visit_goal(super::Backend::Postgres).await
    }
}

async fn anonymous_pages_come_from_memory_until_an_edit(backend: Backend) {
    let app = spawn_app_with(backend, &[("CE_PAGE_CACHE_SECS", "60")]).await;
    app.seed_showcase().await;
    let anyone = client();
    let get = |path: &'static str, encoding: &'static str| {
        let (anyone, url) = (anyone.clone(), app.url(path));
        async move {
            anyone
                .get(url)
                .header("Accept", "text/html")
                .header("Accept-Encoding", encoding)
                .send()
                .await
                .unwrap()
        }
    };
    // Twenty visitors at once on a page nobody has asked for yet: one
    // renders it, the others wait for that render instead of each making
    // their own.
    let burst =
        futures_util::future::join_all((0..20).map(|_| get("/consultants", "identity"))).await;
    let rendered = burst
        .iter()
        .filter(|r| r.headers()["x-ce-cache"] == "miss")
        .count();
    assert_eq!(rendered, 1, "one render for a burst of first requests");

    // An ad click's id changes nothing on the page: the same entry.
    let clicked = get("/consultants?gclid=abc&fbclid=def", "identity").await;
    assert_eq!(clicked.headers()["x-ce-cache"], "hit");
    assert_eq!(clicked.text().await.unwrap().len(), {
        let plain = get("/consultants", "identity").await;
        assert_eq!(plain.headers()["x-ce-cache"], "hit");
        plain.text().await.unwrap().len()
    });

    let first = get("/case-studies", "identity").await;
    assert_eq!(first.headers()["x-ce-cache"], "miss");
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let first_body = first.text().await.unwrap();
    let second = get("/case-studies", "identity").await;
    assert_eq!(second.headers()["x-ce-cache"], "hit");
    assert_eq!(second.headers()["etag"].to_str().unwrap(), etag);
    assert!(second.headers().contains_key("content-security-policy"));
    assert_eq!(second.text().await.unwrap(), first_body, "the same page");
    // Another compressed form is kept apart, and decodes to the same page.
    let gzip = get("/case-studies", "gzip").await;
    assert_eq!(gzip.headers()["x-ce-cache"], "miss");
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    let gzip_again = get("/case-studies", "gzip").await;
    assert_eq!(gzip_again.headers()["x-ce-cache"], "hit");
    assert_eq!(gzip_again.headers()["content-encoding"], "gzip");
    // Unchanged: 304 with no body.
    let revalidated = anyone
        .get(app.url("/case-studies"))
        .header("Accept-Encoding", "identity")
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), 304);
    assert!(revalidated.bytes().await.unwrap().is_empty());

    // Signed-in staff always get a fresh page, never a stored one.
    let admin = app.logged_in_as(Role::Admin).await;
    let staff = admin
        .get(app.url("/case-studies"))
        .header("Accept-Encoding", "identity")
        .send()
        .await
        .unwrap();
    assert!(!staff.headers().contains_key("x-ce-cache"));
    // Pages that count or store what they are given are never kept.
    assert!(!get("/roi-calculator", "identity")
        .await
        .headers()
        .contains_key("x-ce-cache"));

    // An edit through the back office (unpublishing a study) empties it.
    let (id, title): (String, String) = sqlx::query_as(
        "SELECT id, title FROM case_studies WHERE published = 1 ORDER BY published_at DESC, id LIMIT 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert!(
        first_body.contains(&title.replace('&', "&amp;")),
        "{title} on the page"
    );
    let unpublished = app
        .call(
            &admin,
            "/api/admin/case-studies/publish",
            &[("id", id.as_str()), ("published", "false")],
        )
        .await;
    assert_eq!(
        unpublished.status(),
        200,
        "{}",
        unpublished.text().await.unwrap()
    );
    let after = get("/case-studies", "identity").await;
    assert_eq!(after.headers()["x-ce-cache"], "miss");
    assert_ne!(after.headers()["etag"].to_str().unwrap(), etag);
    assert!(!after
        .text()
        .await
        .unwrap()
        .contains(&title.replace('&', "&amp;")));
}

/// A browser at its own address (views are de-duplicated per address and
/// browser too), with a cookie jar of its own.
async fn get_as(browser: &reqwest::Client, url: String, address: &str) -> reqwest::Response {
    browser
        .get(url)
        .header("Accept-Encoding", "identity")
        .header("X-Forwarded-For", address)
        .send()
        .await
        .unwrap()
}

fn visitor_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("ce_vid="))
        .map(|v| v.split(';').next().unwrap().to_string())
}

/// Polls `read` until it answers `want` (the views are counted behind the
/// response), for at most 5 s.
async fn eventually(want: i64, read: impl Fn() -> futures_util::future::BoxFuture<'static, i64>) {
    let started = Instant::now();
    let mut got = read().await;
    while got != want && started.elapsed() < Duration::from_secs(5) {
        tokio::time::sleep(Duration::from_millis(25)).await;
        got = read().await;
    }
    assert_eq!(got, want);
}

async fn case_studies_and_landing_pages_come_from_memory_and_count_views(backend: Backend) {
    let app = spawn_app_with(backend, &[("CE_PAGE_CACHE_SECS", "60")]).await;
    app.seed_showcase().await;
    let (study_id, slug): (String, String) = sqlx::query_as(
        "SELECT id, slug FROM case_studies WHERE published = 1 ORDER BY published_at DESC, id LIMIT 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let study_views = {
        let (pool, id) = (app.db.pool.clone(), study_id.clone());
        move || {
            let (pool, id) = (pool.clone(), id.clone());
            Box::pin(async move {
                sqlx::query_scalar::<_, i64>("SELECT view_count FROM case_studies WHERE id = $1")
                    .bind(id)
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            }) as futures_util::future::BoxFuture<'static, i64>
        }
    };
    let before = study_views().await;
    let path = format!("/case-studies/{slug}");

    // A first visitor: rendered, counted, given a cookie; the copy kept has none.
    let first = get_as(&visitor(), app.url(&path), "203.0.113.1").await;
    assert_eq!(first.headers()["x-ce-cache"], "miss");
    let first_cookie = visitor_cookie(&first).expect("a new visitor gets a cookie");
    // One id, though the page's view count and its lead form both need one.
    let issued = first
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter(|v| v.to_str().unwrap().starts_with("ce_vid="))
        .count();
    assert_eq!(issued, 1, "one visitor id per response");
    assert!(first.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("private"));
    let first_body = first.text().await.unwrap();
    eventually(before + 1, &study_views).await;

    // A second visitor gets the page from memory, a cookie of their own,
    // and their view counts.
    let second_browser = visitor();
    let second = get_as(&second_browser, app.url(&path), "203.0.113.2").await;
    assert_eq!(second.headers()["x-ce-cache"], "hit");
    let second_cookie = visitor_cookie(&second).expect("a new visitor gets a cookie");
    assert_ne!(
        second_cookie, first_cookie,
        "never another visitor's cookie"
    );
    assert!(second.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("private"));
    assert_eq!(second.text().await.unwrap(), first_body, "the same page");
    eventually(before + 2, &study_views).await;
    // Coming back (with their cookie now): from memory, no new cookie, not
    // counted twice the same day.
    let again = get_as(&second_browser, app.url(&path), "203.0.113.2").await;
    assert_eq!(again.headers()["x-ce-cache"], "hit");
    assert_eq!(visitor_cookie(&again), None);
    assert_eq!(again.headers()["cache-control"], "no-cache");
    // A crawler gets it from memory and is not counted.
    let crawler = client();
    let crawled = crawler
        .get(app.url(&path))
        .header("X-Forwarded-For", "203.0.113.3")
        .send()
        .await
        .unwrap();
    assert_eq!(crawled.headers()["x-ce-cache"], "hit");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(study_views().await, before + 2);

    // A published landing page: from memory on the second view, both counted.
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "cached-offer").await;
    let page_views = {
        let (pool, id) = (app.db.pool.clone(), page_id.clone());
        move || {
            let (pool, id) = (pool.clone(), id.clone());
            Box::pin(async move {
                sqlx::query_scalar::<_, i64>(
                    "SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT) FROM landing_page_daily WHERE page_id = $1",
                )
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
            }) as futures_util::future::BoxFuture<'static, i64>
        }
    };
    let landing = app.url("/landing/cached-offer");
    let one = get_as(&visitor(), landing.clone(), "203.0.113.4").await;
    assert_eq!(one.headers()["x-ce-cache"], "miss");
    assert_eq!(
        visitor_cookie(&one),
        None,
        "a plain landing page sets no cookie"
    );
    let two = get_as(&visitor(), landing.clone(), "203.0.113.5").await;
    assert_eq!(two.headers()["x-ce-cache"], "hit");
    eventually(2, &page_views).await;
    // A visitor sent back by the page's form sees their own state: never kept.
    let returned = get_as(
        &visitor(),
        app.url("/landing/cached-offer?form=lead&sent=1"),
        "203.0.113.6",
    )
    .await;
    assert!(!returned.headers().contains_key("x-ce-cache"));
    assert!(returned.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("private"));

    // Signed-in staff never get a kept page.
    let staff = marketer.get(landing.clone()).send().await.unwrap();
    assert!(!staff.headers().contains_key("x-ce-cache"));

    // A page under test differs per visitor: never kept, also for a new
    // visitor, whose cookie turns its Cache-Control into no-store.
    let tested_id = published_page(&app, &marketer, "tested-offer").await;
    started_experiment(&app, &marketer, &tested_id, &[]).await;
    // A crawler first: it is not enrolled, but the page it gets must not be
    // kept either, or the visitors after it would all get that page and
    // never enter the test.
    let crawled = get_as(&client(), app.url("/landing/tested-offer"), "203.0.113.11").await;
    assert_eq!(crawled.status(), 200);
    assert!(
        !crawled.headers().contains_key("x-ce-cache"),
        "a crawler's view of a page under test is not kept"
    );
    for address in ["203.0.113.8", "203.0.113.9", "203.0.113.10"] {
        let tested = get_as(&visitor(), app.url("/landing/tested-offer"), address).await;
        assert_eq!(tested.status(), 200);
        assert!(
            !tested.headers().contains_key("x-ce-cache"),
            "a page under test is never kept"
        );
        assert!(visitor_cookie(&tested).is_some());
    }

    // Unpublished through the back office: gone at once, not from memory.
    let unpublished = app
        .call(
            &marketer,
            "/api/admin/pages/withdraw",
            &[("id", page_id.as_str()), ("to", "draft")],
        )
        .await;
    assert_eq!(
        unpublished.status(),
        200,
        "{}",
        unpublished.text().await.unwrap()
    );
    let gone = get_as(&visitor(), landing, "203.0.113.7").await;
    assert_eq!(gone.status(), 404);
}

/// Two app servers on one database, each with a minute-long cache: an edit
/// through one reaches the pages the other answers within about a second
/// (the content version), not after the minute.
async fn an_edit_through_another_server_empties_this_cache_within_a_second(backend: Backend) {
    let app = spawn_app_with(backend, &[("CE_PAGE_CACHE_SECS", "60")]).await;
    app.seed_showcase().await;
    let (second, _stop) = another_server(&app, &[("CE_PAGE_CACHE_SECS", "60")]).await;
    let anyone = client();
    let gallery = || {
        let (anyone, url) = (anyone.clone(), format!("{second}/case-studies"));
        async move {
            let response = anyone
                .get(url)
                .header("Accept-Encoding", "identity")
                .send()
                .await
                .unwrap();
            let cache = response.headers()["x-ce-cache"]
                .to_str()
                .unwrap()
                .to_string();
            (cache, response.text().await.unwrap())
        }
    };
    let (id, title): (String, String) = sqlx::query_as(
        "SELECT id, title FROM case_studies WHERE published = 1 ORDER BY published_at DESC, id LIMIT 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let shown = title.replace('&', "&amp;");
    gallery().await;
    let (cache, body) = gallery().await;
    assert_eq!(cache, "hit");
    assert!(body.contains(&shown));

    let admin = app.logged_in_as(Role::Admin).await;
    let unpublished = app
        .call(
            &admin,
            "/api/admin/case-studies/publish",
            &[("id", id.as_str()), ("published", "false")],
        )
        .await;
    assert_eq!(unpublished.status(), 200);
    let edited_at = Instant::now();
    loop {
        let (_, body) = gallery().await;
        if !body.contains(&shown) {
            break;
        }
        assert!(
            edited_at.elapsed() < Duration::from_secs(3),
            "the other server still shows the unpublished study after 3 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The page cache answers before every other layer, so it does itself what
/// the visit-goal layer would: an enrolled visitor reaching a goal's page,
/// served from memory, converts.
async fn a_page_from_memory_still_converts_a_visit_goal(backend: Backend) {
    let app = spawn_app_with(backend, &[("CE_PAGE_CACHE_SECS", "60")]).await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "goal-offer").await;
    let id = started_experiment(
        &app,
        &marketer,
        &page_id,
        &[("input[guardrail]", "url_visit:/privacy")],
    )
    .await;
    let person = visitor();
    let landing = get_as(&person, app.url("/landing/goal-offer"), "203.0.113.9").await;
    assert!(visitor_cookie(&landing).is_some(), "enrolled with a cookie");
    // Someone else fills the cache; the enrolled visitor gets it from memory.
    let filled = get_as(&client(), app.url("/privacy"), "203.0.113.10").await;
    assert_eq!(filled.headers()["x-ce-cache"], "miss");
    let conversions = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM experiment_conversions \
             WHERE experiment_id = $1 AND goal = 'url_visit:/privacy'",
        )
        .bind(&id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
    };
    assert_eq!(conversions().await, 0);
    let reached = get_as(&person, app.url("/privacy"), "203.0.113.9").await;
    assert_eq!(reached.headers()["x-ce-cache"], "hit");
    // Every header the inner layers gave the page is on the kept copy.
    assert_eq!(reached.headers()["x-content-type-options"], "nosniff");
    assert!(reached.headers().contains_key("content-security-policy"));
    assert_eq!(
        conversions().await,
        1,
        "the goal's page converts from memory"
    );
}
