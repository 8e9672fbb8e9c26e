//! The public page cache: anonymous visitors get the gallery from memory
//! with an ETag and a 304 when unchanged; signed-in staff never do; an edit
//! through the back office empties it at once; otherwise a page is at most
//! `CE_PAGE_CACHE_SECS` old.

use crate::common::{client, spawn_app_with, Backend};
use app::domain::role::Role;

mod sqlite {
    #[tokio::test]
    async fn anonymous_pages_come_from_memory_until_an_edit() {
        super::anonymous_pages_come_from_memory_until_an_edit(super::Backend::Sqlite).await
    }
}
mod postgres {
    #[tokio::test]
    async fn anonymous_pages_come_from_memory_until_an_edit() {
        super::anonymous_pages_come_from_memory_until_an_edit(super::Backend::Postgres).await
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
