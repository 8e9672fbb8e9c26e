//! Experiments: the status flow and roles, assignment at render time (the
//! split of 10,000 visitors, stickiness, one exposure per visitor, no bots),
//! a lead counted for the visitor's variant, bad input, the results and
//! their export, and promoting a winner.

use crate::common::{another_server, client, TestApp};
use crate::landing_pages::{create, post_landing_form, republish_with_form};
use app::domain::role::Role;
use app::services::context::{Cookies, RequestContext};
use app::services::experiments::{page_arm, PageVisit};

on_both_backends!(
    an_experiment_runs_from_draft_to_a_promoted_winner,
    visitors_split_by_the_weights_and_keep_their_variant,
    bad_experiments_are_refused_field_by_field,
    only_editors_change_experiments_and_consultants_read_them,
    a_second_app_server_follows_a_pause_within_the_cache_bound,
    a_variant_is_edited_in_the_page_builder_while_a_draft,
    a_first_exposure_is_written_behind_the_render,
    a_visitor_admitted_by_a_campaign_stays_in_without_it,
);

const BROWSER: &str =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";

/// A browser-like visitor: keeps cookies, says it is a browser.
pub(crate) fn visitor() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .user_agent(BROWSER)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .unwrap()
}

/// A published page from a template; answers its id.
pub(crate) async fn published_page(
    app: &TestApp,
    marketer: &reqwest::Client,
    slug: &str,
) -> String {
    let id = create(app, marketer, "free-consultation", slug).await;
    let published = app
        .call(marketer, "/api/admin/pages/publish", &[("id", &id)])
        .await;
    assert_eq!(published.status(), 200);
    id
}

pub(crate) async fn new_experiment(
    app: &TestApp,
    who: &reqwest::Client,
    page_id: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = vec![
        ("input[page_id]", page_id),
        ("input[name]", "Shorter heading"),
        (
            "input[hypothesis]",
            "A shorter heading gets more leads because it reads faster.",
        ),
        ("input[goal]", "lead_submitted"),
        ("input[engine]", "sequential"),
        ("input[coverage]", "100"),
        ("input[mde_pct]", "20"),
    ];
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    app.call(who, "/api/admin/experiments/create", &form).await
}

/// An experiment created on `page_id` (with `extra` form fields) and
/// started; answers its id.
pub(crate) async fn started_experiment(
    app: &TestApp,
    who: &reqwest::Client,
    page_id: &str,
    extra: &[(&str, &str)],
) -> String {
    let created = new_experiment(app, who, page_id, extra).await;
    assert_eq!(created.status(), 200);
    let id: String = created.json().await.unwrap();
    let started = act(app, who, &id, &[("action", "start")]).await;
    assert_eq!(started.status(), 200);
    id
}

pub(crate) async fn detail(app: &TestApp, who: &reqwest::Client, id: &str) -> serde_json::Value {
    let response = app
        .call(who, "/api/admin/experiments/get", &[("id", id)])
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

pub(crate) async fn act(
    app: &TestApp,
    who: &reqwest::Client,
    id: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut all = vec![("id", id)];
    all.extend_from_slice(form);
    app.call(who, "/api/admin/experiments/act", &all).await
}

fn fields_of(body: &serde_json::Value) -> Vec<String> {
    body["Invalid"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|f| f["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Visitors exposed to an experiment so far, once the first exposures this
/// server writes behind its renders have landed.
async fn exposures_of(app: &TestApp, id: &str) -> i64 {
    app.db.settle_exposures().await;
    count(
        app,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM experiment_exposures WHERE experiment_id = $1",
        id,
    )
    .await
}

/// Whether a response says it differs per visitor cookie.
fn varies_by_cookie(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all("vary")
        .iter()
        .any(|v| v.to_str().unwrap().to_ascii_lowercase().contains("cookie"))
}

async fn count(app: &TestApp, sql: &'static str, id: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn an_experiment_runs_from_draft_to_a_promoted_winner(app: TestApp) {
    app.seed_showcase().await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "experiment-offer").await;
    // The form asks everything, so a visitor's lead completes on the page.
    republish_with_form(&app, &marketer, &page_id, |props| {
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
    let created = new_experiment(&app, &marketer, &page_id, &[]).await;
    assert_eq!(created.status(), 200);
    let id: String = created.json().await.unwrap();
    let draft = detail(&app, &marketer, &id).await;
    assert_eq!(draft["summary"]["status"], "draft");
    assert_eq!(draft["arms"].as_array().unwrap().len(), 2);

    // Variant B says something else in its first changeable text.
    let block = draft["text_blocks"][0]["id"].as_str().unwrap().to_string();
    let changed = app
        .call(
            &marketer,
            "/api/admin/experiments/variant-text",
            &[
                ("id", &id),
                ("arm", "b"),
                ("block", &block),
                ("text", "Testing beats guessing"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 200, "{}", changed.text().await.unwrap());
    let draft = detail(&app, &marketer, &id).await;
    assert!(draft["arms"][1]["changes"][0]
        .as_str()
        .unwrap()
        .ends_with("→ “Testing beats guessing”"));

    // Before the start nobody is enrolled, and the page is the same for all.
    let early = visitor()
        .get(app.url("/landing/experiment-offer"))
        .send()
        .await
        .unwrap();
    assert!(
        !varies_by_cookie(&early),
        "no experiment yet: one page for all"
    );
    assert!(!early
        .text()
        .await
        .unwrap()
        .contains("Testing beats guessing"));
    // Staff preview a variant by link; it counts nothing.
    let preview = app
        .page(&marketer, "/landing/experiment-offer?variant=b")
        .await;
    assert!(preview.contains("Testing beats guessing"));
    // …but only staff: for anyone else the parameter does nothing.
    let stranger = app
        .page(&visitor(), "/landing/experiment-offer?variant=b")
        .await;
    assert!(!stranger.contains("Testing beats guessing"));

    let started = act(&app, &marketer, &id, &[("action", "start")]).await;
    assert_eq!(started.status(), 200);
    assert_eq!(started.json::<String>().await.unwrap(), "running");
    // Variants are fixed once it runs.
    let refused = app
        .call(
            &marketer,
            "/api/admin/experiments/variant-text",
            &[
                ("id", &id),
                ("arm", "b"),
                ("block", &block),
                ("text", "Later change"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 409);

    // Visitors until one sees each variant; each keeps theirs on reloads.
    let mut seen = std::collections::HashMap::new();
    for _ in 0..40 {
        let person = visitor();
        let response = person
            .get(app.url("/landing/experiment-offer"))
            .send()
            .await
            .unwrap();
        let cache = response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            cache.contains("private") || cache.contains("no-store"),
            "{cache}"
        );
        let first = response.text().await.unwrap();
        let variant = first.contains("Testing beats guessing");
        for _ in 0..2 {
            let again = app.page(&person, "/landing/experiment-offer").await;
            assert_eq!(again.contains("Testing beats guessing"), variant, "sticky");
        }
        seen.entry(variant).or_insert(person);
        if seen.len() == 2 {
            break;
        }
    }
    assert_eq!(seen.len(), 2, "both variants shown");
    let exposures = exposures_of(&app, &id).await;
    assert!(exposures >= 2);
    // A crawler sees the control and is not enrolled.
    let bot = reqwest::Client::builder()
        .user_agent("Googlebot/2.1")
        .build()
        .unwrap();
    bot.get(app.url("/landing/experiment-offer"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        exposures_of(&app, &id).await,
        exposures,
        "no exposure for a bot, none repeated"
    );

    // The variant's visitor leaves their details: a conversion for B.
    let converter = &seen[&true];
    post_landing_form(
        &app,
        converter,
        &[
            ("slug", "experiment-offer"),
            ("block", "form"),
            ("input[email]", "ana@variant.example"),
            ("input[company_name]", "Variant Ltd"),
            ("input[industry]", "cinemas"),
            ("input[annual_revenue_range]", "2m_10m"),
            ("input[company_size_range]", "50-200"),
            ("input[primary_challenge]", "pricing"),
            ("input[timeline]", "3-6_months"),
            ("input[decision_making_authority]", "influencer"),
        ],
    )
    .await;
    let results = detail(&app, &marketer, &id).await;
    let arms = results["readout"]["arms"].as_array().unwrap();
    assert_eq!(arms[1]["key"], "b");
    assert_eq!(arms[1]["conversions"], 1, "{results}");
    assert_eq!(arms[0]["conversions"], 0);
    let visitors: i64 = arms.iter().map(|a| a["users"].as_i64().unwrap()).sum();
    assert_eq!(visitors, exposures);
    assert_eq!(results["readout"]["variants"][0]["call"], "not_enough_data");

    // The daily counts as CSV, for staff.
    let csv = marketer
        .get(app.url(&format!("/admin/experiments/{id}/daily.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    assert!(
        csv.starts_with("day,arm_key,arm_name,metric,exposures,conversions"),
        "{csv}"
    );
    assert!(csv.contains(",b,Variant B,"), "{csv}");
    assert_eq!(
        client()
            .get(app.url(&format!("/admin/experiments/{id}/daily.csv")))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    // Pausing stops enrolment; a paused experiment cannot be started again.
    assert_eq!(
        act(&app, &marketer, &id, &[("action", "pause")])
            .await
            .status(),
        200
    );
    assert_eq!(
        act(&app, &marketer, &id, &[("action", "start")])
            .await
            .status(),
        409
    );
    app.page(&visitor(), "/landing/experiment-offer").await;
    assert_eq!(exposures_of(&app, &id).await, exposures);

    // Promote B: it becomes the published page, and the decision is kept.
    let missing_reason = act(
        &app,
        &marketer,
        &id,
        &[("action", "promote"), ("winner", "b")],
    )
    .await;
    assert_eq!(missing_reason.status(), 422);
    let promoted = act(
        &app,
        &marketer,
        &id,
        &[
            ("action", "promote"),
            ("winner", "b"),
            ("reason", "Clearer promise; kept after review"),
        ],
    )
    .await;
    assert_eq!(promoted.status(), 200);
    let page = app.page(&client(), "/landing/experiment-offer").await;
    assert!(
        page.contains("Testing beats guessing"),
        "the winner is live"
    );
    let done = detail(&app, &marketer, &id).await;
    assert_eq!(done["summary"]["status"], "promoted");
    assert_eq!(done["decision"]["arm_key"], "b");
    assert_eq!(
        done["decision"]["reason"],
        "Clearer promise; kept after review"
    );
    let audited = count(
        &app,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events WHERE subject = $1 AND action = 'experiment.promoted'",
        &id,
    )
    .await;
    assert_eq!(audited, 1);
}

fn context(visitor: &str) -> RequestContext {
    RequestContext {
        client_ip: "127.0.0.1".into(),
        user_agent: Some(BROWSER.into()),
        session_token_hash: None,
        visitor_id: Some(visitor.into()),
        secure_cookies: false,
        session_ttl_ms: 0,
    }
}

/// 10,000 simulated visitors through the service the page calls: split
/// within the chi-square bounds of 20/80 weights, once each, and a later
/// change of weights moves nobody already assigned.
async fn visitors_split_by_the_weights_and_keep_their_variant(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "split-offer").await;
    let id: String = new_experiment(&app, &marketer, &page_id, &[])
        .await
        .json()
        .await
        .unwrap();
    let weights = app
        .call(
            &marketer,
            "/api/admin/experiments/arms",
            &[
                ("id", &id),
                ("arms[0][name]", "Control"),
                ("arms[0][weight]", "20"),
                ("arms[1][name]", "Variant B"),
                ("arms[1][weight]", "80"),
            ],
        )
        .await;
    assert_eq!(weights.status(), 200, "{}", weights.text().await.unwrap());
    assert_eq!(
        act(&app, &marketer, &id, &[("action", "start")])
            .await
            .status(),
        200
    );
    let (_, published): (String, String) =
        sqlx::query_as("SELECT id, published_json FROM landing_pages WHERE id = $1")
            .bind(&page_id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();

    let visit = PageVisit::default();
    for i in 0..10_000 {
        let ctx = context(&format!("visitor-{i:05}"));
        let choice = page_arm(
            &app.db,
            &ctx,
            &mut Cookies::default(),
            &page_id,
            &published,
            &visit,
        )
        .await
        .unwrap();
        assert!(choice.personalised);
    }
    app.db.settle_exposures().await;
    let split: Vec<(String, i64)> = sqlx::query_as(
        "SELECT arm_key, CAST(COUNT(*) AS BIGINT) FROM experiment_exposures \
         WHERE experiment_id = $1 GROUP BY arm_key ORDER BY arm_key",
    )
    .bind(&id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let users: Vec<u64> = split.iter().map(|(_, n)| *n as u64).collect();
    assert_eq!(split[0].0, "b");
    assert_eq!(
        users.iter().sum::<u64>(),
        10_000,
        "one exposure per visitor"
    );
    let srm = app::domain::stats::srm::srm(&[users[1], users[0]], &[0.2, 0.8]);
    assert!(
        srm.p_value.num().unwrap() > 0.001,
        "control {} / variant {} is not a 20/80 split",
        users[1],
        users[0]
    );

    // The same visitors again, after the weights flip (written directly:
    // the back office refuses it once running): nobody moves, whether this
    // server remembers their arm or (another app server, or this one after
    // a restart) has to read it.
    let before: Vec<(String, String)> = sqlx::query_as(
        "SELECT visitor_key, arm_key FROM experiment_exposures WHERE experiment_id = $1 ORDER BY visitor_key",
    )
    .bind(&id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let stored: std::collections::HashMap<String, String> = before.iter().cloned().collect();
    sqlx::query("UPDATE experiment_arms SET weight = 100 - weight WHERE experiment_id = $1")
        .bind(&id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    // What any change of a started experiment's allocation must do (see the
    // migration): renders then ask the database for arms they do not know.
    sqlx::query(
        "UPDATE experiments SET allocation_revision = allocation_revision + 1 WHERE id = $1",
    )
    .bind(&id)
    .execute(&app.db.pool)
    .await
    .unwrap();
    // Past the moment the running experiment is trusted from memory, so the
    // new weights are read.
    tokio::time::sleep(app::db::experiments::LIVE_TTL + std::time::Duration::from_millis(100))
        .await;
    let cold = app.another_db().await;
    for i in (0..10_000).step_by(50) {
        let id = format!("visitor-{i:05}");
        let ctx = context(&id);
        let key = app::services::visitor::visitor_key(&id);
        for db in [&app.db, &cold] {
            let choice = page_arm(
                db,
                &ctx,
                &mut Cookies::default(),
                &page_id,
                &published,
                &visit,
            )
            .await
            .unwrap();
            assert_eq!(choice.arm.as_ref(), stored.get(&key), "{id} moved");
        }
    }
    cold.settle_exposures().await;
    app.db.settle_exposures().await;
    let after: Vec<(String, String)> = sqlx::query_as(
        "SELECT visitor_key, arm_key FROM experiment_exposures WHERE experiment_id = $1 ORDER BY visitor_key",
    )
    .bind(&id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(before, after, "assignments survive a change of weights");
    cold.pool.close().await;

    // A visitor new to the page after the flip gets the new weights, and
    // their exposure, written behind the render, is stored once.
    let newcomers = 400;
    let mut counted = std::collections::HashMap::<String, u32>::new();
    for i in 0..newcomers {
        let ctx = context(&format!("newcomer-{i:05}"));
        let choice = page_arm(
            &app.db,
            &ctx,
            &mut Cookies::default(),
            &page_id,
            &published,
            &visit,
        )
        .await
        .unwrap();
        *counted.entry(choice.arm.unwrap()).or_default() += 1;
    }
    app.db.settle_exposures().await;
    assert_eq!(
        count(
            &app,
            "SELECT CAST(COUNT(*) AS BIGINT) FROM experiment_exposures WHERE experiment_id = $1",
            &id
        )
        .await,
        10_000 + newcomers as i64
    );
    // 80/20 now: the variant gets fewer than half of 400 (p of the
    // opposite under 80/20 is below 1e-30).
    assert!(
        counted.get("b").copied().unwrap_or(0) < newcomers / 2,
        "{counted:?}"
    );
}

async fn bad_experiments_are_refused_field_by_field(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "bad-input-offer").await;
    let draft_page = create(&app, &marketer, "webinar", "unpublished-offer").await;

    let response = new_experiment(
        &app,
        &marketer,
        &draft_page,
        &[
            ("input[name]", ""),
            ("input[goal]", "revenue"),
            ("input[coverage]", "0"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(fields_of(&body), ["name", "goal", "coverage", "page_id"]);
    // A metric measured twice, or a click on a button the page lacks.
    let twice = new_experiment(
        &app,
        &marketer,
        &page_id,
        &[("input[secondary_1]", "lead_submitted")],
    )
    .await;
    assert_eq!(twice.status(), 422);
    let body: serde_json::Value = twice.json().await.unwrap();
    assert_eq!(fields_of(&body), ["secondary_1"]);
    let missing_button = new_experiment(
        &app,
        &marketer,
        &page_id,
        &[("input[guardrail]", "cta_click:not-on-this-page")],
    )
    .await;
    assert_eq!(missing_button.status(), 422);
    let body: serde_json::Value = missing_button.json().await.unwrap();
    assert_eq!(fields_of(&body), ["guardrail"]);

    let id: String = new_experiment(&app, &marketer, &page_id, &[])
        .await
        .json()
        .await
        .unwrap();
    let bad_weights = app
        .call(
            &marketer,
            "/api/admin/experiments/arms",
            &[
                ("id", &id),
                ("arms[0][name]", "Control"),
                ("arms[0][weight]", "50"),
                ("arms[1][name]", "Variant B"),
                ("arms[1][weight]", "40"),
            ],
        )
        .await;
    assert_eq!(bad_weights.status(), 422);
    let body: serde_json::Value = bad_weights.json().await.unwrap();
    assert_eq!(fields_of(&body), ["weights"]);
    // Nothing half-stored: still 50/50.
    let stored = detail(&app, &marketer, &id).await;
    assert_eq!(stored["arms"][1]["weight"], 50);
    // Script in a variant's text is refused by the document parser.
    let block = stored["text_blocks"][0]["id"].as_str().unwrap().to_string();
    let script = app
        .call(
            &marketer,
            "/api/admin/experiments/variant-text",
            &[
                ("id", &id),
                ("arm", "b"),
                ("block", &block),
                ("text", "<script>alert(1)</script>"),
            ],
        )
        .await;
    assert_eq!(script.status(), 422);
    let control = app
        .call(
            &marketer,
            "/api/admin/experiments/variant-text",
            &[
                ("id", &id),
                ("arm", "control"),
                ("block", &block),
                ("text", "x"),
            ],
        )
        .await;
    assert_eq!(control.status(), 422, "the control is the published page");

    // Two experiments may not run on one page at once.
    assert_eq!(
        act(&app, &marketer, &id, &[("action", "start")])
            .await
            .status(),
        200
    );
    let second: String = new_experiment(&app, &marketer, &page_id, &[])
        .await
        .json()
        .await
        .unwrap();
    let clash = act(&app, &marketer, &second, &[("action", "start")]).await;
    assert_eq!(clash.status(), 409);
    assert!(clash
        .text()
        .await
        .unwrap()
        .contains("already runs on this page"));
    let unknown = act(&app, &marketer, &second, &[("action", "explode")]).await;
    assert_eq!(unknown.status(), 422);
    let missing = act(
        &app,
        &marketer,
        "no-such-experiment",
        &[("action", "start")],
    )
    .await;
    assert_eq!(missing.status(), 404);
}

async fn only_editors_change_experiments_and_consultants_read_them(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "roles-offer").await;
    let id: String = new_experiment(&app, &marketer, &page_id, &[])
        .await
        .json()
        .await
        .unwrap();
    let consultant = app.logged_in_as(Role::Consultant).await;
    let list = app
        .call(&consultant, "/api/admin/experiments/list", &[])
        .await;
    assert_eq!(list.status(), 200);
    let list: serde_json::Value = list.json().await.unwrap();
    assert_eq!(list["can_edit"], false);
    assert_eq!(list["experiments"].as_array().unwrap().len(), 1);
    let page = app
        .page(&consultant, &format!("/admin/experiments/{id}"))
        .await;
    // Markup typed into a name or hypothesis is shown as text.
    let markup: String = new_experiment(
        &app,
        &marketer,
        &page_id,
        &[
            ("input[name]", "<img src=x onerror=alert(1)>"),
            ("input[hypothesis]", "</p><script>alert(2)</script>"),
        ],
    )
    .await
    .json()
    .await
    .unwrap();
    let shown = app
        .page(&consultant, &format!("/admin/experiments/{markup}"))
        .await;
    assert!(
        shown.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{shown}"
    );
    assert!(!shown.contains("<script>alert(2)"), "{shown}");
    let listed = app.page(&consultant, "/admin/experiments").await;
    assert!(!listed.contains("<img src=x"), "{listed}");
    assert!(page.contains("Shorter heading") && !page.contains("Save names and weights"));
    assert_eq!(
        new_experiment(&app, &consultant, &page_id, &[])
            .await
            .status(),
        403
    );
    assert_eq!(
        act(&app, &consultant, &id, &[("action", "start")])
            .await
            .status(),
        403
    );
    assert_eq!(
        new_experiment(&app, &client(), &page_id, &[])
            .await
            .status(),
        401
    );
    assert_eq!(
        app.call(&client(), "/api/admin/experiments/list", &[])
            .await
            .status(),
        401
    );
    let admin = app.logged_in_as(Role::Admin).await;
    let editor_page = app.page(&admin, &format!("/admin/experiments/{id}")).await;
    assert!(editor_page.contains("Save names and weights"));
    assert!(app
        .page(&admin, "/admin")
        .await
        .contains(r#"href="/admin/experiments""#));
}

/// Two app servers on one database: a pause made through the first stops
/// enrolment on the second within `LIVE_TTL` (the documented staleness of
/// its in-memory copy), and the second never changes a stored assignment.
async fn a_second_app_server_follows_a_pause_within_the_cache_bound(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "two-server-offer").await;
    let id: String = new_experiment(&app, &marketer, &page_id, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        act(&app, &marketer, &id, &[("action", "start")])
            .await
            .status(),
        200
    );
    let (second, _stop) = another_server(&app, &[]).await;
    let exposures = || exposures_of(&app, &id);
    // Running: the second server enrols a new visitor.
    let person = visitor();
    let first = person
        .get(format!("{second}/landing/two-server-offer"))
        .send()
        .await
        .unwrap();
    assert!(
        varies_by_cookie(&first),
        "a page under test varies by visitor"
    );
    // The second server writes the exposure behind its render: it lands
    // within milliseconds, not necessarily before the page is answered.
    let mut stored = exposures().await;
    for _ in 0..100 {
        if stored == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        stored = exposures().await;
    }
    assert_eq!(stored, 1);
    // Paused through the first server; after the bound, the second enrols nobody.
    assert_eq!(
        act(&app, &marketer, &id, &[("action", "pause")])
            .await
            .status(),
        200
    );
    tokio::time::sleep(app::db::experiments::LIVE_TTL + std::time::Duration::from_millis(100))
        .await;
    let later = visitor()
        .get(format!("{second}/landing/two-server-offer"))
        .send()
        .await
        .unwrap();
    assert!(
        !varies_by_cookie(&later),
        "paused: one page for everyone again"
    );
    // Long enough for a (wrongly) deferred exposure to have landed.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(exposures().await, 1, "no enrolment while paused");
}

async fn a_variant_is_edited_in_the_page_builder_while_a_draft(app: TestApp) {
    app.seed_showcase().await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "builder-variant").await;
    let id: String = new_experiment(&app, &marketer, &page_id, &[])
        .await
        .json()
        .await
        .unwrap();
    let open = app
        .call(
            &marketer,
            "/api/admin/experiments/variant",
            &[("id", &id), ("arm", "b")],
        )
        .await;
    assert_eq!(open.status(), 200);
    let variant: serde_json::Value = open.json().await.unwrap();
    assert_eq!(variant["editable"], true);
    let revision = variant["revision"].as_i64().unwrap().to_string();
    let document = variant["document_json"].as_str().unwrap();
    let heading = "Find out whether your next big decision can be tested, in one free call";
    assert!(document.contains(heading));
    let edited = document.replace(heading, "Built in the builder");
    let save = |revision: String, arm: &'static str, document: String| {
        let (app, marketer, id) = (&app, &marketer, id.clone());
        async move {
            app.call(
                marketer,
                "/api/admin/experiments/variant-document",
                &[
                    ("id", id.as_str()),
                    ("arm", arm),
                    ("revision", &revision),
                    ("document", &document),
                ],
            )
            .await
        }
    };
    let saved = save(revision.clone(), "b", edited.clone()).await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    let next: i64 = saved.json().await.unwrap();
    // A save from the older copy is refused, not merged.
    assert_eq!(
        save(revision.clone(), "b", edited.clone()).await.status(),
        409
    );
    // The control is the page itself; a variant keeps the page's address.
    let control = save(next.to_string(), "control", edited.clone()).await;
    assert_eq!(control.status(), 422);
    let moved = edited.replace("\"slug\": \"builder-variant\"", "\"slug\": \"elsewhere\"");
    assert_ne!(moved, edited);
    let refused = save(next.to_string(), "b", moved).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(fields_of(&refused.json().await.unwrap()), ["settings.slug"]);
    // A document the page parser refuses is refused here too.
    assert_eq!(
        save(next.to_string(), "b", "{\"version\": 1}".into())
            .await
            .status(),
        422
    );
    // Consultants read but cannot save.
    let consultant = app.logged_in_as(Role::Consultant).await;
    let denied = app
        .call(
            &consultant,
            "/api/admin/experiments/variant-document",
            &[
                ("id", id.as_str()),
                ("arm", "b"),
                ("revision", &next.to_string()),
                ("document", &edited),
            ],
        )
        .await;
    assert_eq!(denied.status(), 403);

    // The variant shows the change; the published page does not.
    let preview = app
        .page(&marketer, "/landing/builder-variant?variant=b")
        .await;
    assert!(preview.contains("Built in the builder"));
    assert!(!app
        .page(&client(), "/landing/builder-variant")
        .await
        .contains("Built in the builder"));
    let listed = detail(&app, &marketer, &id).await;
    // The hero's heading is not one of the texts a variant changes in place.
    assert_eq!(
        listed["arms"][1]["changes"][0],
        "Changed in the page builder (blocks, styles or settings)."
    );
    let page = app
        .page(
            &marketer,
            &format!("/admin/experiments/{id}/variants/b/edit"),
        )
        .await;
    assert!(page.contains("Variant B — Shorter heading"), "{page}");

    // Started, the variant is fixed.
    assert_eq!(
        act(&app, &marketer, &id, &[("action", "start")])
            .await
            .status(),
        200
    );
    let current: serde_json::Value = app
        .call(
            &marketer,
            "/api/admin/experiments/variant",
            &[("id", &id), ("arm", "b")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(current["editable"], false);
    let late = save(
        current["revision"].as_i64().unwrap().to_string(),
        "b",
        edited,
    )
    .await;
    assert_eq!(late.status(), 409);
}

/// The render does not wait for a first exposure's write: the arm is known
/// at once, a conversion of that visitor waits for the row (`settle`), and
/// a write that fails is forgotten so the next view tries again.
async fn a_first_exposure_is_written_behind_the_render(app: TestApp) {
    use app::db::exposures::{expose_behind, settle};
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "behind-offer").await;
    let id: String = new_experiment(&app, &marketer, &page_id, &[])
        .await
        .json()
        .await
        .unwrap();
    let stored = |visitor: &'static str| {
        let (pool, id) = (app.db.pool.clone(), id.clone());
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT arm_key FROM experiment_exposures WHERE experiment_id = $1 AND visitor_key = $2",
            )
            .bind(id)
            .bind(visitor)
            .fetch_optional(&pool)
            .await
            .unwrap()
        }
    };

    // Another connection holds the table's write lock, so the write waits.
    let mut blocker = app.db.pool.begin().await.unwrap();
    match app.backend {
        crate::common::Backend::Sqlite => {
            sqlx::query("DELETE FROM experiment_exposures WHERE visitor_key = 'nobody'")
                .execute(&mut *blocker)
                .await
                .unwrap();
        }
        crate::common::Backend::Postgres => {
            sqlx::query("LOCK TABLE experiment_exposures IN EXCLUSIVE MODE")
                .execute(&mut *blocker)
                .await
                .unwrap();
        }
    }
    let started = std::time::Instant::now();
    let arm = expose_behind(&app.db, &id, "visitor-behind", "b", 1_000)
        .await
        .unwrap();
    assert_eq!(arm, "b");
    assert!(
        started.elapsed() < std::time::Duration::from_millis(500),
        "the render waited for the write"
    );
    assert_eq!(
        app::db::experiments::exposure(&app.db, &id, "visitor-behind")
            .await
            .unwrap()
            .as_deref(),
        Some("b"),
        "the arm is known before the row lands"
    );
    assert!(
        tokio::time::timeout(
            std::time::Duration::from_millis(300),
            settle(&app.db, "visitor-behind")
        )
        .await
        .is_err(),
        "a conversion waits for the visitor's pending exposure"
    );
    // Another visitor has nothing pending: nothing to wait for.
    tokio::time::timeout(
        std::time::Duration::from_millis(100),
        settle(&app.db, "someone-else"),
    )
    .await
    .expect("no wait for a visitor with nothing pending");
    blocker.rollback().await.unwrap();
    settle(&app.db, "visitor-behind").await;
    assert_eq!(stored("visitor-behind").await.as_deref(), Some("b"));

    // A write that fails (no such experiment) is logged and forgotten.
    expose_behind(&app.db, "no-such-experiment", "visitor-lost", "b", 1_000)
        .await
        .unwrap();
    settle(&app.db, "visitor-lost").await;
    assert_eq!(
        app::db::experiments::exposure(&app.db, "no-such-experiment", "visitor-lost")
            .await
            .unwrap(),
        None
    );

    // A second exposure of a visitor keeps the first stored arm.
    expose_behind(&app.db, &id, "visitor-behind", "a", 2_000)
        .await
        .unwrap();
    app.db.settle_exposures().await;
    assert_eq!(stored("visitor-behind").await.as_deref(), Some("b"));
    assert_eq!(
        app::db::exposures::known_arm(&app.db, &id, "visitor-behind").as_deref(),
        Some("b"),
        "the stored arm replaces the one guessed"
    );
}

/// Targeting decides on a visitor's first view only: someone who came with
/// the campaign keeps their arm when they come back without it, on this
/// server or one that has never seen them (which asks the database); someone
/// else without the campaign is not enrolled.
async fn a_visitor_admitted_by_a_campaign_stays_in_without_it(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let page_id = published_page(&app, &marketer, "campaign-offer").await;
    let id = started_experiment(
        &app,
        &marketer,
        &page_id,
        &[("input[utm_source]", "newsletter")],
    )
    .await;
    let published: String =
        sqlx::query_scalar("SELECT published_json FROM landing_pages WHERE id = $1")
            .bind(&page_id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let arm_on = |db: app::db::Db, visitor: &'static str, utm: Option<&'static str>| {
        let (page_id, published) = (page_id.clone(), published.clone());
        async move {
            page_arm(
                &db,
                &context(visitor),
                &mut Cookies::default(),
                &page_id,
                &published,
                &PageVisit {
                    utm_source: utm.map(str::to_string),
                    ..PageVisit::default()
                },
            )
            .await
            .unwrap()
        }
    };
    let first = arm_on(app.db.clone(), "reader", Some("newsletter")).await;
    assert!(first.enrolled, "the campaign's visitor takes part");
    let back = arm_on(app.db.clone(), "reader", None).await;
    assert!(back.enrolled);
    assert_eq!(back.arm, first.arm);
    app.db.settle_exposures().await;
    let cold = app.another_db().await;
    let elsewhere = arm_on(cold.clone(), "reader", None).await;
    assert!(elsewhere.enrolled, "another server finds the stored arm");
    assert_eq!(elsewhere.arm, first.arm);
    let stranger = arm_on(cold.clone(), "stranger", None).await;
    assert!(!stranger.enrolled, "no campaign, no test");
    assert!(stranger.personalised);
    cold.settle_exposures().await;
    assert_eq!(exposures_of(&app, &id).await, 1);
    cold.pool.close().await;

    // The page's own query reads the visitor's stored arm along with the
    // page, so a server that has not seen them needs no second round trip:
    // with its pool closed after that query, it still finds the arm.
    let third = app.another_db().await;
    let read = |visitor: &str| {
        let (third, key) = (third.clone(), app::services::visitor::visitor_key(visitor));
        async move {
            app::db::landing_pages::published_for_visitor(&third, "campaign-offer", Some(&key))
                .await
                .unwrap()
                .expect("published")
                .arm_on_record
                .expect("a running experiment")
        }
    };
    let reader = read("reader").await;
    assert_eq!(reader.experiment_id, id);
    assert_eq!(reader.arm_key, first.arm);
    assert_eq!(read("stranger").await.arm_key, None);
    // Learns the running experiment (kept in memory), then loses the database.
    assert!(!arm_on(third.clone(), "stranger", None).await.enrolled);
    third.pool.close().await;
    let on_record = page_arm(
        &third,
        &context("reader"),
        &mut Cookies::default(),
        &page_id,
        &published,
        &PageVisit {
            arm_on_record: Some(reader),
            ..PageVisit::default()
        },
    )
    .await
    .expect("answered from the record");
    assert!(on_record.enrolled);
    assert_eq!(on_record.arm, first.arm);

    // And the whole render does the same on a fourth server.
    let fourth = app.another_db().await;
    for (visitor, enrolled) in [("reader", true), ("stranger", false)] {
        let page = app::services::landing_pages::public_page(
            &fourth,
            &context(visitor),
            &mut Cookies::default(),
            "campaign-offer",
            &Default::default(),
            &PageVisit::default(),
        )
        .await
        .unwrap();
        let app::model::landing_pages::PublicPage::Found(page) = page else {
            panic!("the page is published");
        };
        assert_eq!(page.beacon, enrolled, "{visitor}");
        assert!(page.personalised, "{visitor}");
    }
    fourth.settle_exposures().await;
    fourth.pool.close().await;
}
