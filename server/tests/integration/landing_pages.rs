//! Landing pages: marketers create from a template, save drafts guarded by
//! revision, publish, move, take down, restore and duplicate; the public
//! page, its 404 and 301, the sitemap, escaping, roles and the audit trail.

use crate::common::{client, TestApp};
use app::domain::role::Role;

on_both_backends!(
    a_page_goes_from_template_to_published_and_back,
    drafts_are_checked_and_guarded_by_revision,
    page_text_is_escaped_wherever_it_lands,
    only_editors_reach_pages_and_only_admins_delete,
    the_demo_publishes_every_template,
    a_landing_page_lead_is_linked_and_counted,
    a_draft_exports_as_a_file_for_editors_only,
    a_draft_saved_as_a_template_starts_new_pages,
    a_landing_form_answers_on_its_own_page,
    pages_show_images_from_the_media_library,
);

/// Creates a page from a template; answers its id.
pub(crate) async fn create(
    app: &TestApp,
    who: &reqwest::Client,
    template: &str,
    slug: &str,
) -> String {
    let response = app
        .call(
            who,
            "/api/admin/pages/create",
            &[
                ("input[template]", template),
                ("input[title]", "Spring offer"),
                ("input[slug]", slug),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "created");
    response.json().await.unwrap()
}

pub(crate) async fn detail(app: &TestApp, who: &reqwest::Client, id: &str) -> serde_json::Value {
    let response = app.call(who, "/api/admin/pages/get", &[("id", id)]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

pub(crate) async fn save(
    app: &TestApp,
    who: &reqwest::Client,
    id: &str,
    revision: i64,
    document: &serde_json::Value,
) -> reqwest::Response {
    app.call(
        who,
        "/api/admin/pages/save",
        &[
            ("id", id),
            ("revision", &revision.to_string()),
            ("document", &document.to_string()),
        ],
    )
    .await
}

async fn status_of(app: &TestApp, path: &str) -> (u16, Option<String>) {
    let response = app.get(&client(), path).await;
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    (response.status().as_u16(), location)
}

async fn a_page_goes_from_template_to_published_and_back(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let id = create(&app, &marketer, "free-consultation", "spring-offer").await;
    assert_eq!(
        status_of(&app, "/landing/spring-offer").await.0,
        404,
        "a draft is not on the site"
    );
    let preview = app
        .page(&marketer, &format!("/admin/pages/{id}/preview"))
        .await;
    assert!(preview.contains("Preview of the draft"), "{preview}");
    assert!(preview.contains(r#"<meta name="robots" content="noindex""#));

    let published = app
        .call(&marketer, "/api/admin/pages/publish", &[("id", &id)])
        .await;
    assert_eq!(published.status(), 200);
    let page = app.page(&client(), "/landing/spring-offer").await;
    assert!(page.contains("<title>Spring offer"), "the page's own title");
    assert!(
        page.contains("Find out whether your next big decision can be tested"),
        "the template's hero"
    );
    assert!(
        !page.contains(".wasm") && !page.contains("<script type=\"module\""),
        "no script for a page without an island"
    );
    let sitemap = app.page(&client(), "/sitemap.xml").await;
    assert!(sitemap.contains("/landing/spring-offer"), "{sitemap}");

    // A view is counted for people, not for crawlers (nor for clients that
    // do not say what they are, like the test client).
    let person = reqwest::Client::builder()
        .user_agent("Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0")
        .build()
        .unwrap();
    person
        .get(app.url("/landing/spring-offer"))
        .send()
        .await
        .unwrap();
    let bot = reqwest::Client::builder()
        .user_agent("Googlebot/2.1 (+http://www.google.com/bot.html)")
        .build()
        .unwrap();
    bot.get(app.url("/landing/spring-offer"))
        .send()
        .await
        .unwrap();
    let mut views = 0;
    for _ in 0..50 {
        views = sqlx::query_scalar::<_, i64>(
            "SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT) FROM landing_page_daily WHERE page_id = $1",
        )
        .bind(&id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        if views >= 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let final_views: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT) FROM landing_page_daily WHERE page_id = $1",
    )
    .bind(&id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((views, final_views), (1, 1), "one person, one crawler");
    assert_eq!(
        detail(&app, &marketer, &id).await["summary"]["views"],
        1,
        "the editor's summary has the real count"
    );
    let list = app.page(&marketer, "/admin/pages").await;
    assert!(list.contains("Spring offer"), "{list}");

    // A new address: the old one answers 301 to it.
    let page = detail(&app, &marketer, &id).await;
    let mut document: serde_json::Value =
        serde_json::from_str(page["draft_json"].as_str().unwrap()).unwrap();
    document["settings"]["slug"] = "spring-offer-2027".into();
    let revision = page["revision"].as_i64().unwrap();
    assert_eq!(
        save(&app, &marketer, &id, revision, &document)
            .await
            .status(),
        200
    );
    app.call(&marketer, "/api/admin/pages/publish", &[("id", &id)])
        .await;
    assert_eq!(
        status_of(&app, "/landing/spring-offer").await,
        (301, Some("/landing/spring-offer-2027".to_string()))
    );
    assert_eq!(status_of(&app, "/landing/spring-offer-2027").await.0, 200);

    // Two publishes are two versions; restoring one makes a new draft.
    let page = detail(&app, &marketer, &id).await;
    let versions = page["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2, "{page}");
    let oldest = versions.last().unwrap()["id"].as_str().unwrap().to_string();
    let restored = app
        .call(
            &marketer,
            "/api/admin/pages/restore",
            &[("id", &id), ("version", &oldest)],
        )
        .await;
    assert_eq!(restored.status(), 200);
    let after = detail(&app, &marketer, &id).await;
    assert!(after["revision"].as_i64().unwrap() > revision);
    assert!(
        after["draft_json"]
            .as_str()
            .unwrap()
            .contains("\"spring-offer-2027\""),
        "a restore keeps the page's current address"
    );

    // Duplicate: a new draft under a free address.
    let copy = app
        .call(&marketer, "/api/admin/pages/duplicate", &[("id", &id)])
        .await;
    assert_eq!(copy.status(), 200);
    let copy_id: String = copy.json().await.unwrap();
    let copy = detail(&app, &marketer, &copy_id).await;
    assert_eq!(copy["summary"]["slug"], "spring-offer-2027-copy");
    assert_eq!(copy["summary"]["status"], "draft");

    // Unpublished: gone from the site and the sitemap; old slugs stop too.
    let down = app
        .call(
            &marketer,
            "/api/admin/pages/withdraw",
            &[("id", &id), ("to", "draft")],
        )
        .await;
    assert_eq!(down.status(), 200);
    assert_eq!(status_of(&app, "/landing/spring-offer-2027").await.0, 404);
    assert_eq!(status_of(&app, "/landing/spring-offer").await.0, 404);
    assert!(!app
        .page(&client(), "/sitemap.xml")
        .await
        .contains("/landing/spring-offer"));

    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_events WHERE subject = $1 ORDER BY created_at, id",
    )
    .bind(&id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    for action in [
        "landing_page.created",
        "landing_page.published",
        "landing_page.restored",
        "landing_page.unpublished",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

async fn drafts_are_checked_and_guarded_by_revision(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let id = create(&app, &marketer, "webinar", "webinar-june").await;
    let page = detail(&app, &marketer, &id).await;
    let revision = page["revision"].as_i64().unwrap();
    let document: serde_json::Value =
        serde_json::from_str(page["draft_json"].as_str().unwrap()).unwrap();

    // Script in a link: refused with the path of the field.
    let mut bad = document.clone();
    bad["sections"][0]["blocks"][0]["props"]["cta"] = serde_json::json!({"label": "Go", "target": {"kind": "link", "href": "javascript:alert(1)"}});
    let response = save(&app, &marketer, &id, revision, &bad).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("sections[0].blocks[0].props.cta.target.href"),
        "{body}"
    );

    // A reserved or taken address.
    let mut reserved = document.clone();
    reserved["settings"]["slug"] = "admin".into();
    assert_eq!(
        save(&app, &marketer, &id, revision, &reserved)
            .await
            .status(),
        422
    );
    create(&app, &marketer, "webinar", "taken-address").await;
    let mut taken = document.clone();
    taken["settings"]["slug"] = "taken-address".into();
    assert_eq!(
        save(&app, &marketer, &id, revision, &taken).await.status(),
        409
    );
    let again = app
        .call(
            &marketer,
            "/api/admin/pages/create",
            &[
                ("input[template]", "webinar"),
                ("input[title]", "Again"),
                ("input[slug]", "taken-address"),
            ],
        )
        .await;
    assert_eq!(again.status(), 409);
    let unknown = app
        .call(
            &marketer,
            "/api/admin/pages/create",
            &[
                ("input[template]", "no-such-template"),
                ("input[title]", "X"),
                ("input[slug]", "x-page"),
            ],
        )
        .await;
    assert_eq!(unknown.status(), 422);
    // Not JSON at all, or far too big: refused before anything is stored.
    let garbage = app
        .call(
            &marketer,
            "/api/admin/pages/save",
            &[
                ("id", &id),
                ("revision", &revision.to_string()),
                ("document", "{nope"),
            ],
        )
        .await;
    assert_eq!(garbage.status(), 422);

    // Nothing above was stored: the good save still names the first revision.
    let mut good = document.clone();
    good["settings"]["title"] = "June webinar".into();
    let saved = save(&app, &marketer, &id, revision, &good).await;
    assert_eq!(saved.status(), 200);
    let next: i64 = saved.json().await.unwrap();
    assert_eq!(next, revision + 1);
    // Someone else's tab still holds the old revision: refused, not merged.
    let mut stale = document.clone();
    stale["settings"]["title"] = "Overwritten".into();
    let response = save(&app, &marketer, &id, revision, &stale).await;
    assert_eq!(response.status(), 409);
    assert!(response.text().await.unwrap().contains("Reload"));
    let page = detail(&app, &marketer, &id).await;
    assert_eq!(page["summary"]["title"], "June webinar");
}

async fn page_text_is_escaped_wherever_it_lands(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let id = create(&app, &marketer, "guide-download", "guide-page").await;
    let page = detail(&app, &marketer, &id).await;
    let mut document: serde_json::Value =
        serde_json::from_str(page["draft_json"].as_str().unwrap()).unwrap();
    let evil = r#"Guide "quoted" & </title></head><b>bold</b>"#;
    document["settings"]["title"] = evil.into();
    document["settings"]["description"] = evil.into();
    let revision = page["revision"].as_i64().unwrap();
    assert_eq!(
        save(&app, &marketer, &id, revision, &document)
            .await
            .status(),
        200
    );
    app.call(&marketer, "/api/admin/pages/publish", &[("id", &id)])
        .await;
    let html = app.page(&client(), "/landing/guide-page").await;
    assert!(!html.contains("</title></head><b>"), "{html}");
    assert!(!html.contains("<b>bold</b>"));
    assert!(
        html.contains("&lt;/title&gt;"),
        "escaped in the title and meta"
    );
}

async fn only_editors_reach_pages_and_only_admins_delete(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let id = create(&app, &marketer, "webinar", "roles-page").await;
    let consultant = app.logged_in_as(Role::Consultant).await;
    for (path, form) in [
        ("/api/admin/pages/list", vec![]),
        ("/api/admin/pages/get", vec![("id", id.as_str())]),
        ("/api/admin/pages/publish", vec![("id", id.as_str())]),
        ("/api/admin/pages/preview", vec![("id", id.as_str())]),
    ] {
        assert_eq!(
            app.call(&consultant, path, &form).await.status(),
            403,
            "{path}"
        );
        assert_eq!(
            app.call(&client(), path, &form).await.status(),
            401,
            "{path}"
        );
    }
    assert_eq!(app.get(&consultant, "/admin/pages").await.status(), 403);
    let anonymous = app
        .get(&client(), &format!("/admin/pages/{id}/preview"))
        .await;
    assert_eq!(
        anonymous.status(),
        302,
        "anonymous previews go to the login"
    );
    let delete = [("id", id.as_str())];
    assert_eq!(
        app.call(&marketer, "/api/admin/pages/delete", &delete)
            .await
            .status(),
        403
    );
    let admin = app.logged_in_as(Role::Admin).await;
    assert_eq!(
        app.call(&admin, "/api/admin/pages/delete", &delete)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call(&admin, "/api/admin/pages/get", &delete)
            .await
            .status(),
        404
    );
}

async fn the_demo_publishes_every_template(app: TestApp) {
    app.seed_showcase().await;
    server::seed::seed_demo(&app.db, "Ce-7demoPassword123456")
        .await
        .unwrap();
    let published = server::seed::seed_landing_pages(&app.db).await.unwrap();
    assert_eq!(
        published,
        app::domain::page_document::BUILT_IN_TEMPLATES.len()
    );
    assert_eq!(
        server::seed::seed_landing_pages(&app.db).await.unwrap(),
        0,
        "seeding twice adds nothing"
    );
    for template in app::domain::page_document::BUILT_IN_TEMPLATES {
        let document = template.document().unwrap();
        let path = format!("/landing/{}", document.settings.slug);
        let html = app.page(&client(), &path).await;
        assert!(
            html.contains(&document.settings.title.replace('&', "&amp;")),
            "{path}"
        );
    }
    // The e-commerce page shows live case-study cards from the showcase.
    let ecommerce = app
        .page(&client(), "/landing/ecommerce-experimentation")
        .await;
    assert!(ecommerce.contains("cs-card"), "{ecommerce}");
    // Only the page with a calculator block carries the calculator island
    // (and so the script); the others have no script at all.
    let calculator = app.page(&client(), "/landing/estimate-your-roi").await;
    assert!(calculator.contains(r#"id="roi-industry""#), "{calculator}");
    assert!(calculator.contains("<leptos-island"), "the island is there");
    assert!(
        !ecommerce.contains("<leptos-island"),
        "no island without a calculator"
    );
}

async fn a_landing_page_lead_is_linked_and_counted(app: TestApp) {
    app.seed_showcase().await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let id = create(&app, &marketer, "free-consultation", "spring-offer").await;
    assert_eq!(
        app.call(
            &marketer,
            "/api/admin/pages/publish",
            &[("id", id.as_str())]
        )
        .await
        .status(),
        200
    );
    // The page's forms carry the visit's campaign, escaped like any text.
    let html = app
        .page(
            &client(),
            "/landing/spring-offer?utm_source=newsletter&utm_campaign=%22%3E%3Cb%3Ex&ref=no",
        )
        .await;
    assert!(
        html.contains(r#"name="input[utm_source]" value="newsletter""#),
        "{html}"
    );
    assert!(html.contains("&quot;&gt;&lt;b&gt;x"), "escaped: {html}");
    assert!(!html.contains("\"><b>x"), "never raw");
    assert!(!html.contains("input[ref]"), "only utm_* parameters");
    // The visitor completes the form the page handed over to (source and
    // page kept), with the campaign of their visit.
    let form = [
        ("input[email]", "ines@spring.example"),
        ("input[first_name]", "Ines"),
        ("input[company_name]", "Spring Ltd"),
        ("input[industry]", "5914"),
        ("input[primary_challenge]", "pricing"),
        ("input[annual_revenue_range]", "2m_10m"),
        ("input[company_size_range]", "50-200"),
        ("input[timeline]", "3-6_months"),
        ("input[decision_making_authority]", "influencer"),
        ("input[source]", "landing_page"),
        ("input[source_detail]", "spring-offer"),
        ("input[utm_source]", "newsletter"),
        ("input[utm_campaign]", "spring"),
        ("input[fax_number]", ""),
        ("return_to", "/contact"),
    ];
    let response = app.call(&client(), "/api/leads/capture", &form).await;
    assert!(
        response.status().is_success(),
        "{}",
        response.text().await.unwrap()
    );
    let (page_id, source, campaign): (Option<String>, String, String) = sqlx::query_as(
        "SELECT landing_page_id, source, utm_campaign FROM leads WHERE email = 'ines@spring.example'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        page_id.as_deref(),
        Some(id.as_str()),
        "the lead links to its page"
    );
    assert_eq!(
        (source.as_str(), campaign.as_str()),
        ("landing_page", "spring")
    );
    // The page list counts it.
    let list = app
        .call(&marketer, "/api/admin/pages/list", &[("q", "spring-offer")])
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    let row = &list["pages"][0];
    assert_eq!(row["leads"], 1, "{list}");
    // The lead's page links back to the landing page.
    let admin = app.logged_in_as(Role::Admin).await;
    let lead_id: String =
        sqlx::query_scalar("SELECT id FROM leads WHERE email = 'ines@spring.example'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let html = app.page(&admin, &format!("/admin/leads/{lead_id}")).await;
    assert!(html.contains("href=\"/landing/spring-offer\""), "{html}");
}

async fn a_draft_exports_as_a_file_for_editors_only(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let id = create(&app, &marketer, "webinar", "spring-webinar").await;
    let path = format!("/admin/pages/{id}/export");
    let response = app.get(&marketer, &path).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"landing-page-spring-webinar.json\""
    );
    let document: serde_json::Value = response.json().await.unwrap();
    assert_eq!(document["settings"]["slug"], "spring-webinar");
    // It imports back unchanged.
    let revision = detail(&app, &marketer, &id).await["revision"]
        .as_i64()
        .unwrap();
    assert_eq!(
        save(&app, &marketer, &id, revision, &document)
            .await
            .status(),
        200
    );
    let consultant = app.logged_in_as(Role::Consultant).await;
    assert_eq!(app.get(&consultant, &path).await.status(), 403);
    assert_eq!(app.get(&client(), &path).await.status(), 401);
    assert_eq!(
        app.get(&marketer, "/admin/pages/nope/export")
            .await
            .status(),
        404
    );
}

async fn a_draft_saved_as_a_template_starts_new_pages(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let id = create(&app, &marketer, "guide-download", "autumn-guide").await;
    let save_as = |name: &'static str| {
        let (app, marketer, id) = (&app, &marketer, id.clone());
        async move {
            app.call(
                marketer,
                "/api/admin/pages/save-as-template",
                &[("id", id.as_str()), ("name", name)],
            )
            .await
        }
    };
    assert_eq!(save_as("   ").await.status(), 422, "a name is needed");
    assert_eq!(save_as("<script>alert(1)</script>").await.status(), 422);
    let response = save_as("Our guide page").await;
    assert_eq!(response.status(), 200);
    let key: String = response.json().await.unwrap();
    assert!(key.starts_with("saved-"), "{key}");
    // The list offers it after the built-in ones.
    let list = app
        .call(&marketer, "/api/admin/pages/list", &[])
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    let offered = list["templates"].as_array().unwrap();
    assert_eq!(offered.last().unwrap()["key"], key.as_str());
    assert_eq!(offered.last().unwrap()["name"], "Our guide page");
    // A page made from it has the same sections, with its own title and slug.
    let copy = app
        .call(
            &marketer,
            "/api/admin/pages/create",
            &[
                ("input[template]", key.as_str()),
                ("input[title]", "Winter guide"),
                ("input[slug]", "winter-guide"),
            ],
        )
        .await;
    assert_eq!(copy.status(), 200);
    let copy_id: String = copy.json().await.unwrap();
    let original: serde_json::Value = serde_json::from_str(
        detail(&app, &marketer, &id).await["draft_json"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let made: serde_json::Value = serde_json::from_str(
        detail(&app, &marketer, &copy_id).await["draft_json"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(made["sections"], original["sections"]);
    assert_eq!(made["settings"]["slug"], "winter-guide");
    assert_eq!(made["settings"]["title"], "Winter guide");
    // An unknown saved key is refused like any unknown template.
    let unknown = app
        .call(
            &marketer,
            "/api/admin/pages/create",
            &[
                ("input[template]", "saved-nope"),
                ("input[title]", "X page"),
                ("input[slug]", "x-page"),
            ],
        )
        .await;
    assert_eq!(unknown.status(), 422);
    let consultant = app.logged_in_as(Role::Consultant).await;
    let refused = app
        .call(
            &consultant,
            "/api/admin/pages/save-as-template",
            &[("id", id.as_str()), ("name", "Mine")],
        )
        .await;
    assert_eq!(refused.status(), 403);
}

/// The `form` block of a stored document, to change its props.
fn form_block(document: &mut serde_json::Value) -> &mut serde_json::Value {
    fn find(node: &mut serde_json::Value) -> Option<&mut serde_json::Value> {
        if node.get("id").and_then(|id| id.as_str()) == Some("form") {
            return Some(node);
        }
        match node {
            serde_json::Value::Object(map) => map.values_mut().find_map(find),
            serde_json::Value::Array(items) => items.iter_mut().find_map(find),
            _ => None,
        }
    }
    find(document).expect("the template has a form block")
}

/// Changes the page's form block and publishes the result.
pub(crate) async fn republish_with_form(
    app: &TestApp,
    marketer: &reqwest::Client,
    id: &str,
    change: impl FnOnce(&mut serde_json::Value),
) {
    let page = detail(app, marketer, id).await;
    let mut document: serde_json::Value =
        serde_json::from_str(page["draft_json"].as_str().unwrap()).unwrap();
    change(&mut form_block(&mut document)["props"]);
    let revision = page["revision"].as_i64().unwrap();
    let saved = save(app, marketer, id, revision, &document).await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    let published = app
        .call(marketer, "/api/admin/pages/publish", &[("id", id)])
        .await;
    assert_eq!(published.status(), 200);
}

/// Posts a landing page's form the way a browser without JavaScript does;
/// answers where the server sends it next.
pub(crate) async fn post_landing_form(
    app: &TestApp,
    visitor: &reqwest::Client,
    fields: &[(&str, &str)],
) -> String {
    let response = visitor
        .post(app.url("/api/landing/lead"))
        .header("Accept", "text/html")
        .form(fields)
        .send()
        .await
        .expect("request sent");
    assert!(
        response.status().is_redirection(),
        "{}: {}",
        response.status(),
        response.text().await.unwrap()
    );
    response.headers()["location"].to_str().unwrap().to_string()
}

async fn leads_from(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM leads WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// Without JavaScript a landing page's form answers on its own page: the
/// errors next to the fields with what was typed kept, and after a lead
/// the block's thank-you (or its redirect). Answers that are fine but leave
/// the pipeline's qualifying questions unasked go on to the contact form
/// with what was typed.
async fn a_landing_form_answers_on_its_own_page(app: TestApp) {
    app.seed_showcase().await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let id = create(&app, &marketer, "free-consultation", "form-offer").await;
    let published = app
        .call(
            &marketer,
            "/api/admin/pages/publish",
            &[("id", id.as_str())],
        )
        .await;
    assert_eq!(published.status(), 200);
    let visitor = client();
    let first = app
        .page(&visitor, "/landing/form-offer?utm_source=ads")
        .await;
    // A page without islands hydrates nothing: its data is not sent twice.
    assert!(!first.contains("document_json"), "{first}");

    // A bad email and a blank company (required on this form): back to the
    // page, the messages beside those fields, what was typed kept.
    let back = post_landing_form(
        &app,
        &visitor,
        &[
            ("slug", "form-offer"),
            ("block", "form"),
            ("input[first_name]", "Ines & Jo"),
            ("input[email]", "not-an-email"),
            ("input[company_name]", ""),
            ("input[utm_source]", "ads"),
        ],
    )
    .await;
    assert!(
        back.starts_with("/landing/form-offer?form=form&draft="),
        "{back}"
    );
    let html = app.page(&visitor, &back).await;
    assert!(
        html.contains(r#"value="Ines &amp; Jo""#),
        "typed name kept, escaped: {html}"
    );
    assert!(
        html.contains(r#"id="form-email-error""#),
        "email error: {html}"
    );
    assert!(
        html.contains(r#"id="form-company_name-error""#),
        "company error: {html}"
    );
    assert!(
        !html.contains(r#"id="form-first_name-error""#),
        "no error on a good field"
    );
    // The pipeline needs the challenge to score the lead: asked, it is
    // required, whatever the form said.
    assert!(
        html.contains(r#"id="form-primary_challenge-error""#),
        "{html}"
    );
    assert!(!html.contains("improve? (optional)"), "{html}");
    assert!(
        !html.contains("Choose your industry"),
        "no message about a question not asked: {html}"
    );
    assert!(
        html.contains(r#"name="input[utm_source]" value="ads""#),
        "campaign kept: {html}"
    );
    assert_eq!(leads_from(&app, "not-an-email").await, 0, "nothing stored");
    // Someone else with the same address sees a clean form.
    let stranger = app.page(&client(), &back).await;
    assert!(!stranger.contains("Ines"), "a draft is its visitor's only");

    // Fine answers, but the qualifying questions are not on this form: on
    // to the contact form, which asks them, with what was typed.
    let onward = post_landing_form(
        &app,
        &visitor,
        &[
            ("slug", "form-offer"),
            ("block", "form"),
            ("input[first_name]", "Ines"),
            ("input[email]", "ines@offer.example"),
            ("input[company_name]", "Offer Ltd"),
            ("input[primary_challenge]", "pricing"),
        ],
    )
    .await;
    assert!(
        onward.starts_with("/contact?source=landing_page&source_detail=form-offer&draft="),
        "{onward}"
    );
    let contact = app.page(&visitor, &onward).await;
    assert!(contact.contains("ines@offer.example"), "{contact}");
    assert_eq!(leads_from(&app, "ines@offer.example").await, 0);

    // A form that asks everything ends on the page's own thank-you.
    republish_with_form(&app, &marketer, &id, |props| {
        props["fields"] = serde_json::json!([
            {"field": "email", "required": true},
            {"field": "company_name", "required": true},
            {"field": "industry", "required": true},
            {"field": "annual_revenue_range", "required": true},
            {"field": "company_size_range", "required": true},
            {"field": "primary_challenge", "required": true},
            {"field": "timeline", "required": true},
            {"field": "decision_making_authority", "required": true},
        ]);
    })
    .await;
    let full = [
        ("slug", "form-offer"),
        ("block", "form"),
        ("input[email]", "jon@offer.example"),
        ("input[company_name]", "Jon Ltd"),
        // Typed: the industry is free text on a landing page.
        ("input[industry]", "cinemas"),
        ("input[annual_revenue_range]", "2m_10m"),
        ("input[company_size_range]", "50-200"),
        ("input[primary_challenge]", "pricing"),
        ("input[timeline]", "3-6_months"),
        ("input[decision_making_authority]", "influencer"),
        ("input[utm_campaign]", "spring"),
        // Sent by the page as hidden fields; a forged one changes nothing.
        ("input[source]", "webinar"),
        ("input[source_detail]", "elsewhere"),
    ];
    let sent = post_landing_form(&app, &visitor, &full).await;
    let row: (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT id, source, source_detail, utm_campaign, landing_page_id, industry_sic_code \
         FROM leads WHERE email = 'jon@offer.example'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let (lead_id, source, detail, campaign, page_id, industry) = row;
    assert_eq!(
        industry.as_deref(),
        Some("5914"),
        "the typed industry matched ours"
    );
    assert_eq!(
        sent,
        format!("/landing/form-offer?form=form&sent={lead_id}#form")
    );
    assert_eq!(
        (
            source.as_str(),
            detail.as_str(),
            campaign.as_str(),
            page_id.as_deref()
        ),
        ("landing_page", "form-offer", "spring", Some(id.as_str()))
    );
    let thanks = app.page(&visitor, &sent).await;
    assert!(
        thanks.contains(r#"lp-form--done"#) && thanks.contains("A consultant will email you"),
        "{thanks}"
    );
    assert!(
        !thanks.contains(r#"name="input[email]""#),
        "the thank-you replaces the form"
    );
    // The address is no thank-you for anyone else: they get the form.
    let other = app.page(&client(), &sent).await;
    assert!(other.contains(r#"name="input[email]""#), "{other}");
    assert!(!other.contains("lp-form--done"));

    // A form set to redirect sends the visitor there instead.
    republish_with_form(&app, &marketer, &id, |props| {
        props["after_submit"] = serde_json::json!({"kind": "redirect", "href": "/case-studies"});
    })
    .await;
    let mut again = full;
    again[2] = ("input[email]", "kim@offer.example");
    assert_eq!(
        post_landing_form(&app, &visitor, &again).await,
        "/case-studies"
    );
    assert_eq!(leads_from(&app, "kim@offer.example").await, 1);

    // No such page or form: 404, nothing stored.
    for (slug, block) in [("no-such-page", "form"), ("form-offer", "hero")] {
        let mut wrong = full;
        wrong[0] = ("slug", slug);
        wrong[1] = ("block", block);
        wrong[2] = ("input[email]", "ghost@offer.example");
        let response = app.call(&client(), "/api/landing/lead", &wrong).await;
        assert_eq!(response.status(), 404, "{slug} {block}");
    }
    assert_eq!(leads_from(&app, "ghost@offer.example").await, 0);
}

/// The editor's media library lists uploaded header pictures and charts
/// (not portraits), newest first and a page at a time, to editors only; a
/// saved page may name only images the library holds, or ones it already
/// had.
async fn pages_show_images_from_the_media_library(app: TestApp) {
    use crate::media::{image_bytes, upload};
    use image::ImageFormat;

    let marketer = app.logged_in_as(Role::Marketer).await;
    let library = |cursor: String| {
        let app = &app;
        let marketer = marketer.clone();
        async move {
            let response = app
                .call(
                    &marketer,
                    "/api/admin/media/library",
                    &[("cursor", &cursor)],
                )
                .await;
            assert_eq!(response.status(), 200);
            response.json::<serde_json::Value>().await.unwrap()
        }
    };
    let empty = library(String::new()).await;
    assert_eq!(empty["images"], serde_json::json!([]));
    assert_eq!(empty["next_cursor"], serde_json::Value::Null);

    // 25 charts (one more than a page), a header picture and a portrait.
    let png = || image_bytes(400, 225, ImageFormat::Png);
    let mut uploaded = Vec::new();
    for _ in 0..25 {
        let (status, image) = upload(&app, &marketer, "chart", png(), "image/png").await;
        assert_eq!(status, 201);
        uploaded.push(image["key"].as_str().unwrap().to_string());
    }
    let (_, hero) = upload(
        &app,
        &marketer,
        "hero",
        image_bytes(1300, 700, ImageFormat::Png),
        "image/png",
    )
    .await;
    let hero = hero["key"].as_str().unwrap().to_string();
    let consultant = app.logged_in_as(Role::Consultant).await;
    let (status, portrait) = upload(
        &app,
        &consultant,
        "profile",
        image_bytes(600, 600, ImageFormat::Png),
        "image/png",
    )
    .await;
    assert_eq!(status, 201);
    let portrait = portrait["key"].as_str().unwrap().to_string();

    let first = library(String::new()).await;
    let first_keys: Vec<String> = first["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(first_keys.len(), 24, "a page holds 24 images");
    assert_eq!(first_keys[0], hero, "newest first");
    assert!(first["images"][0]["thumbnail"]
        .as_str()
        .unwrap()
        .starts_with(&format!("/media/{hero}-")));
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let second = library(cursor).await;
    let second_keys: Vec<String> = second["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(second_keys.len(), 2, "26 page images in all");
    assert_eq!(second["next_cursor"], serde_json::Value::Null);
    let mut all: Vec<String> = first_keys.iter().chain(&second_keys).cloned().collect();
    assert!(!all.contains(&portrait), "portraits are not page images");
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 26, "no image on two pages");
    assert!(uploaded.iter().all(|k| all.contains(k)));

    let bad_cursor = app
        .call(
            &marketer,
            "/api/admin/media/library",
            &[("cursor", "yesterday")],
        )
        .await;
    assert_eq!(bad_cursor.status(), 422);
    for (who, expected) in [(&consultant, 403), (&client(), 401)] {
        let response = app
            .call(who, "/api/admin/media/library", &[("cursor", "")])
            .await;
        assert_eq!(response.status(), expected);
    }

    // A page names an image from the library: saved, and published pages
    // show it.
    let id = create(&app, &marketer, "guide-download", "guide-with-image").await;
    let page = detail(&app, &marketer, &id).await;
    let revision = page["revision"].as_i64().unwrap();
    let mut document: serde_json::Value =
        serde_json::from_str(page["draft_json"].as_str().unwrap()).unwrap();
    let image_block = serde_json::json!({
        "id": "library-image", "type": "image",
        "props": {"media": uploaded[3], "alt": "A chart from the library", "caption": ""}
    });
    document["sections"][0]["blocks"]
        .as_array_mut()
        .unwrap()
        .push(image_block);
    let saved = save(&app, &marketer, &id, revision, &document).await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    let revision = revision + 1;

    // Keys the library does not hold are refused field by field: invented,
    // a portrait, the right shape but never uploaded.
    let blocks = document["sections"][0]["blocks"].as_array().unwrap().len();
    let mut invented = document.clone();
    invented["sections"][0]["blocks"][blocks - 1]["props"]["media"] =
        format!("chart/{}", uuid::Uuid::new_v4().simple()).into();
    invented["settings"]["og_image"] = portrait.clone().into();
    let refused = save(&app, &marketer, &id, revision, &invented).await;
    assert_eq!(refused.status(), 422);
    let body: serde_json::Value = refused.json().await.unwrap();
    let mut fields: Vec<&str> = body["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            format!("sections[0].blocks[{}].props.media", blocks - 1).as_str(),
            "settings.og_image"
        ]
    );
    // The page kept its image: saving it again with that image is fine.
    let mut retitled = document.clone();
    retitled["settings"]["title"] = "Guide, with a chart".into();
    let saved = save(&app, &marketer, &id, revision, &retitled).await;
    assert_eq!(saved.status(), 200);
}
