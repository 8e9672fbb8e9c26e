//! Follow-up sequences and editable email templates, through a real SMTP
//! server on 127.0.0.1: a consenting lead gets its tier's emails (HTML and
//! text, with List-Unsubscribe headers); the sequence stops when the lead
//! moves on or the prospect unsubscribes; edited templates are used, bad
//! ones refused with their line, and a template that fails at send time
//! never holds up a lead.

use crate::common::smtp_sink::SmtpSink;
use crate::common::{client, TestApp};
use app::domain::role::Role;
use app::domain::smtp_settings::SmtpSettings;
use app::services::jobs::{run_due, Periodic, Worker};
use app::services::mail::Mailer;
use serde_json::Value;

on_both_backends!(
    a_consenting_lead_gets_its_sequence_until_the_lead_moves_on,
    one_click_unsubscribe_withdraws_consent_and_stops_every_email,
    the_unsubscribe_page_asks_before_it_acts,
    without_consent_there_is_no_sequence,
    edited_templates_are_used_and_bad_ones_refused
);

fn server_worker(app: &TestApp, sink: &SmtpSink) -> Worker {
    let settings = SmtpSettings::parse(&sink.url()).unwrap();
    Worker::for_server(
        Some(Mailer::new(&settings, "Causal Edge <hello@causal-edge.example>").unwrap()),
        Periodic {
            media_dir: app.media_dir.clone(),
            public_url: app.base_url.clone(),
            tier1_sla_ms: 60 * 60 * 1000,
        },
    )
}

async fn new_lead(app: &TestApp, email: &str, consent: bool, from: &str) -> String {
    let mut lead = crate::leads::lead(email);
    lead["consent_marketing"] = Value::Bool(consent);
    let response = crate::roi::post_json(app, "/api/v1/leads", &lead, from).await;
    assert_eq!(response.status(), 201);
    response.json::<Value>().await.unwrap()["lead_id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The lead's sequence jobs: (template, state), in the order they come due.
async fn steps(app: &TestApp, lead_id: &str) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT payload_json, state FROM jobs WHERE kind = 'sequence_step' \
         AND idempotency_key LIKE $1 ORDER BY run_at, idempotency_key",
    )
    .bind(format!("sequence-{lead_id}-%"))
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(payload, state)| {
            let payload: Value = serde_json::from_str(&payload).unwrap();
            (payload["template"].as_str().unwrap().to_string(), state)
        })
        .collect()
}

async fn make_lead_tier(app: &TestApp, lead_id: &str, tier: &str) {
    sqlx::query("UPDATE leads SET tier = $1 WHERE id = $2")
        .bind(tier)
        .bind(lead_id)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

/// Brings the lead's next waiting step forward to now.
async fn next_step_due(app: &TestApp, lead_id: &str) {
    let id: String = sqlx::query_scalar(
        "SELECT id FROM jobs WHERE kind = 'sequence_step' AND state = 'queued' \
         AND idempotency_key LIKE $1 ORDER BY run_at LIMIT 1",
    )
    .bind(format!("sequence-{lead_id}-%"))
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE jobs SET run_at = 0 WHERE id = $1")
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

fn to(messages: &[String], address: &str) -> Vec<String> {
    messages
        .iter()
        .filter(|m| m.contains(&format!("To: {address}")))
        .cloned()
        .collect()
}

fn header<'m>(message: &'m str, name: &str) -> Option<&'m str> {
    message
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
}

async fn a_consenting_lead_gets_its_sequence_until_the_lead_moves_on(app: TestApp) {
    app.seed_showcase().await;
    let sink = SmtpSink::start().await;
    let worker = server_worker(&app, &sink);
    let prospect = "seq@acme-retail.co.uk";
    let lead_id = new_lead(&app, prospect, true, "10.8.0.1").await;
    let tier: String = sqlx::query_scalar("SELECT tier FROM leads WHERE id = $1")
        .bind(&lead_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let expected: Vec<&str> = match tier.as_str() {
        "Tier_1" => vec!["tier1_confirmation", "tier1_follow_up"],
        "Tier_2" => vec!["tier2_welcome", "tier2_day3", "tier2_day7"],
        _ => vec!["tier3_digest"],
    };
    let queued = steps(&app, &lead_id).await;
    assert_eq!(
        queued.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
        expected,
        "the {tier} sequence"
    );
    assert!(queued.iter().all(|(_, s)| s == "queued"));

    // The first step: one email to the prospect, HTML and text, carrying
    // the unsubscribe link and headers.
    next_step_due(&app, &lead_id).await;
    run_due(&app.db, &worker).await.unwrap();
    let messages = sink.decoded_messages();
    let mine = to(&messages, prospect);
    if tier == "Tier_3" {
        // A digest with no new case study this month is skipped; the next is booked.
        assert!(mine.is_empty(), "{mine:?}");
        assert_eq!(steps(&app, &lead_id).await.len(), 2);
        return;
    }
    assert_eq!(mine.len(), 1, "{messages:?}");
    let email = &mine[0];
    let one_click = header(email, "List-Unsubscribe").expect("List-Unsubscribe");
    assert!(
        one_click.starts_with(&format!("<{}/api/v1/unsubscribe/{lead_id}.", app.base_url)),
        "{one_click}"
    );
    assert_eq!(
        header(email, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(email.contains("multipart/alternative"), "{email}");
    assert!(email.contains("text/html"));
    assert!(email.contains(&format!("{}/unsubscribe/{lead_id}.", app.base_url)));
    assert!(email.contains("Hello Ana"), "{email}");
    let sent: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM outbound_emails WHERE to_address = $1 AND status = 'sent'",
    )
    .bind(prospect)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(sent, [expected[0]]);

    // The same step again (a retry after an unclear failure) writes nothing more.
    sqlx::query("UPDATE jobs SET state = 'queued', run_at = 0 WHERE kind = 'sequence_step' AND idempotency_key = $1")
        .bind(format!("sequence-{lead_id}-{}-0", expected[0]))
        .execute(&app.db.pool)
        .await
        .unwrap();
    run_due(&app.db, &worker).await.unwrap();
    assert_eq!(to(&sink.decoded_messages(), prospect).len(), 1, "once");

    // A consultant contacts the lead: the rest of the sequence is cancelled…
    let admin = app.logged_in_as(Role::Admin).await;
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
    assert_eq!(moved.status(), 200);
    let after = steps(&app, &lead_id).await;
    assert_eq!(after[0].1, "done");
    assert!(
        after[1..].iter().all(|(_, s)| s == "cancelled"),
        "{after:?}"
    );
    // …and a step that runs anyway (brought back by hand) sends nothing.
    sqlx::query("UPDATE jobs SET state = 'queued', run_at = 0 WHERE kind = 'sequence_step' AND state = 'cancelled'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    run_due(&app.db, &worker).await.unwrap();
    assert_eq!(to(&sink.decoded_messages(), prospect).len(), 1, "no more");
}

async fn one_click_unsubscribe_withdraws_consent_and_stops_every_email(app: TestApp) {
    app.seed_showcase().await;
    let sink = SmtpSink::start().await;
    let worker = server_worker(&app, &sink);
    let prospect = "leave@acme-retail.co.uk";
    let lead_id = new_lead(&app, prospect, true, "10.8.0.2").await;
    make_lead_tier(&app, &lead_id, "Tier_2").await;
    next_step_due(&app, &lead_id).await;
    run_due(&app.db, &worker).await.unwrap();
    let messages = to(&sink.decoded_messages(), prospect);
    assert_eq!(messages.len(), 1);
    let one_click = header(&messages[0], "List-Unsubscribe")
        .unwrap()
        .trim_matches(['<', '>'])
        .to_string();

    // What a mail program sends for List-Unsubscribe-Post (RFC 8058).
    let post = || {
        reqwest::Client::new()
            .post(&one_click)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
    };
    let response = post().await.unwrap();
    assert_eq!(response.status(), 200);
    let (consent, unsubscribed): (i64, Option<i64>) =
        sqlx::query_as("SELECT consent_marketing, unsubscribed_at FROM leads WHERE id = $1")
            .bind(&lead_id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(consent, 0, "consent withdrawn");
    assert!(unsubscribed.is_some());
    let states: Vec<String> = steps(&app, &lead_id)
        .await
        .into_iter()
        .map(|s| s.1)
        .collect();
    assert_eq!(states, ["done", "cancelled", "cancelled"]);
    let notes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM lead_interactions WHERE lead_id = $1 AND detail LIKE 'Unsubscribed%'",
    )
    .bind(&lead_id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(notes, 1, "on the lead's timeline");
    // Again: fine, and nothing recorded twice.
    assert_eq!(post().await.unwrap().status(), 200);
    let notes_again: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM lead_interactions WHERE lead_id = $1 AND detail LIKE 'Unsubscribed%'",
    )
    .bind(&lead_id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(notes_again, 1);
    // A step run anyway sends nothing.
    sqlx::query("UPDATE jobs SET state = 'queued', run_at = 0 WHERE kind = 'sequence_step' AND state = 'cancelled'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    run_due(&app.db, &worker).await.unwrap();
    assert_eq!(to(&sink.decoded_messages(), prospect).len(), 1);

    // A forged token (another lead's id, this MAC) is refused.
    let other = new_lead(&app, "other@acme-retail.co.uk", true, "10.8.0.3").await;
    let forged = one_click.replace(&lead_id, &other);
    let refused = reqwest::Client::new().post(&forged).send().await.unwrap();
    assert_eq!(refused.status(), 404);
    let still: i64 = sqlx::query_scalar("SELECT consent_marketing FROM leads WHERE id = $1")
        .bind(&other)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(still, 1);
}

async fn the_unsubscribe_page_asks_before_it_acts(app: TestApp) {
    app.seed_showcase().await;
    let lead_id = new_lead(&app, "page@acme-retail.co.uk", true, "10.8.0.4").await;
    let key = app::db::email_templates::signing_key(&app.db)
        .await
        .unwrap();
    let token = app::domain::email_sequence::unsubscribe_token(&key, &lead_id);
    let browser = client();
    let page = app.page(&browser, &format!("/unsubscribe/{token}")).await;
    assert!(page.contains("Stop marketing email?"), "{page}");
    // The token stays off other sites, but the page's own form keeps its
    // origin: under `no-referrer` a browser posts it as `Origin: null`,
    // which the cross-site guard refuses (a browser found this).
    assert!(
        page.contains(r#"<meta name="referrer" content="same-origin""#),
        "{page}"
    );
    let consent: i64 = sqlx::query_scalar("SELECT consent_marketing FROM leads WHERE id = $1")
        .bind(&lead_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(consent, 1, "opening the page changes nothing");
    // The button: a plain form post, back to the page.
    let pressed = browser
        .post(app.url("/api/unsubscribe"))
        .header("accept", "text/html")
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert!(pressed.status().is_redirection(), "{}", pressed.status());
    assert_eq!(
        pressed.headers()["location"].to_str().unwrap(),
        format!("/unsubscribe/{token}")
    );
    let page = app.page(&browser, &format!("/unsubscribe/{token}")).await;
    assert!(page.contains("You are unsubscribed"), "{page}");
    // A made-up link is a 404, without saying whose it might be.
    let bad = app
        .get(
            &browser,
            &format!("/unsubscribe/{lead_id}.0123456789abcdef0123456789abcdef"),
        )
        .await;
    assert_eq!(bad.status(), 404);
    // Opening the one-click address in a browser leads to the page.
    let opened = browser
        .get(app.url(&format!("/api/v1/unsubscribe/{token}")))
        .send()
        .await
        .unwrap();
    assert!(opened.status().is_redirection());
}

async fn without_consent_there_is_no_sequence(app: TestApp) {
    app.seed_showcase().await;
    let lead_id = new_lead(&app, "quiet@acme-retail.co.uk", false, "10.8.0.5").await;
    assert!(steps(&app, &lead_id).await.is_empty());
}

async fn edited_templates_are_used_and_bad_ones_refused(app: TestApp) {
    app.seed_showcase().await;
    let marketer = app.logged_in_as(Role::Marketer).await;
    let save = |who: reqwest::Client, subject: &'static str, text: &'static str| {
        let app = &app;
        async move {
            app.call(
                &who,
                "/api/admin/email-templates/save",
                &[
                    ("key", "new_lead"),
                    ("input[subject]", subject),
                    ("input[body_text]", text),
                    ("input[body_html]", "<p>{{ lead.name }}</p>"),
                ],
            )
            .await
        }
    };
    // A syntax error, and a misspelt variable: refused with the part and line.
    let broken = save(
        marketer.clone(),
        "Lead",
        "Hello\n{% if lead.name %}unclosed",
    )
    .await;
    assert_eq!(broken.status(), 422);
    let body: Value = broken.json().await.unwrap();
    let text = body.to_string();
    assert!(
        text.contains("body_text") && text.contains("line 2"),
        "{text}"
    );
    let misspelt = save(marketer.clone(), "Lead {{ lead.nmae }}", "Hello").await;
    assert_eq!(misspelt.status(), 422);
    assert!(misspelt.text().await.unwrap().contains("Subject"));
    // Consultants may not edit; nobody anonymous may.
    let consultant = app.logged_in_as(Role::Consultant).await;
    assert_eq!(save(consultant, "x", "y").await.status(), 403);
    assert_eq!(save(client(), "x", "y").await.status(), 401);

    // A good edit is listed, previewed and used for the next lead.
    let saved = save(
        marketer.clone(),
        "Fresh lead for {{ consultant.first_name }}: {{ lead.name }}",
        "Open {{ lead_url }}\n",
    )
    .await;
    assert_eq!(saved.status(), 200);
    let list: Value = app
        .call(&marketer, "/api/admin/email-templates/list", &[])
        .await
        .json()
        .await
        .unwrap();
    let edited = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "new_lead")
        .unwrap();
    assert_eq!(edited["edited"], true);
    let page = app.page(&marketer, "/admin/emails/new_lead").await;
    assert!(
        page.contains("Fresh lead for Priya: Amara Okafor"),
        "the preview"
    );
    let preview: Value = app
        .call(
            &marketer,
            "/api/admin/email-templates/preview",
            &[
                ("key", "tier2_day3"),
                ("input[subject]", "Hi {{ lead.company }}"),
                ("input[body_text]", "x"),
                ("input[body_html]", "<b>{{ lead.company }}</b>"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        preview["Ok"]["body_html"], "<b>Okafor &amp; Daughters &lt;Retail&gt;</b>",
        "escaped: {preview}"
    );

    let sink = SmtpSink::start().await;
    let worker = server_worker(&app, &sink);
    new_lead(&app, "edited@acme-retail.co.uk", false, "10.8.0.6").await;
    run_due(&app.db, &worker).await.unwrap();
    let messages = sink.decoded_messages();
    assert_eq!(messages.len(), 1);
    let subject = header(&messages[0], "Subject").unwrap();
    assert!(subject.starts_with("Fresh lead for "), "{subject}");
    assert!(subject.ends_with(": Ana Silva"), "{subject}");

    // A stored template that fails at send time: the default goes out and
    // the lead is taken as always.
    sqlx::query(
        "UPDATE email_templates SET subject = '{{ no_such_thing }}' WHERE key = 'new_lead'",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    // Written past the app: lead submissions would see it within a second
    // (`db::lead_inputs`); this test need not wait.
    app.db.forget_cached_reads();
    new_lead(&app, "fallback@acme-retail.co.uk", false, "10.8.0.7").await;
    run_due(&app.db, &worker).await.unwrap();
    let messages = sink.decoded_messages();
    assert_eq!(messages.len(), 2);
    assert!(header(&messages[1], "Subject")
        .unwrap()
        .starts_with("New Tier"));

    // Back to the default.
    let reset = app
        .call(
            &marketer,
            "/api/admin/email-templates/reset",
            &[("key", "new_lead")],
        )
        .await;
    assert_eq!(reset.status(), 200);
    let page = app.page(&marketer, "/admin/emails").await;
    assert!(!page.contains("Edited"), "all default again");
    assert_eq!(
        app.get(&marketer, "/admin/emails/no_such_email")
            .await
            .status(),
        404
    );
}
