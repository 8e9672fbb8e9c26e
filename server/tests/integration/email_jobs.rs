//! Email through the durable job queue, against a real SMTP server on
//! 127.0.0.1: delivered once, retried after the server was down, never twice
//! when two workers (two app servers) run at once, and kept waiting while no
//! mail server is configured.

use crate::common::smtp_sink::SmtpSink;
use crate::common::{client, TestApp};
use app::domain::role::Role;
use app::domain::smtp_settings::SmtpSettings;
use app::services::jobs::{run_due, Worker};
use app::services::mail::Mailer;

on_both_backends!(
    a_reset_email_is_delivered_once,
    a_mail_server_that_was_down_gets_the_email_later_once,
    two_workers_never_send_the_same_email,
    without_a_mail_server_emails_wait,
    admins_see_retry_and_cancel_jobs,
    the_assigned_consultant_hears_of_a_new_lead_once,
    admins_hear_once_of_a_tier1_lead_left_waiting
);

fn worker_for(sink: &SmtpSink) -> Worker {
    let settings = SmtpSettings::parse(&sink.url()).unwrap();
    Worker::new(Some(
        Mailer::new(&settings, "Causal Edge <hello@causal-edge.example>").unwrap(),
    ))
}

async fn ask_for_reset(app: &TestApp, email: &str) {
    let reply = app
        .call(&client(), "/api/auth/forgot-password", &[("email", email)])
        .await;
    assert_eq!(reply.status(), 200);
}

async fn email_status(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT status FROM outbound_emails WHERE kind <> 'sla_alert' ORDER BY created_at",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn job_states(app: &TestApp) -> Vec<(String, i64)> {
    sqlx::query_as("SELECT state, attempts FROM jobs WHERE kind = 'send_email' ORDER BY created_at")
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

async fn staff_email(app: &TestApp) -> String {
    let _staff = app.logged_in_as(Role::Marketer).await;
    sqlx::query_scalar("SELECT email FROM users LIMIT 1")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn a_reset_email_is_delivered_once(app: TestApp) {
    let sink = SmtpSink::start().await;
    let worker = worker_for(&sink);
    let email = staff_email(&app).await;
    ask_for_reset(&app, &email).await;
    assert_eq!(run_due(&app.db, &worker).await.unwrap(), 1);
    assert_eq!(run_due(&app.db, &worker).await.unwrap(), 0, "nothing left");
    let messages = sink.decoded_messages();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert!(message.contains(&format!("To: {email}")), "{message}");
    assert!(message.contains("Subject: Reset your Causal Edge password"));
    let from = message.lines().find(|l| l.starts_with("From:")).unwrap();
    assert!(
        from.contains("Causal Edge") && from.contains("<hello@causal-edge.example>"),
        "{from}"
    );
    let link = message
        .split_whitespace()
        .find(|w| w.contains("/set-password?token="))
        .expect("the link, whole");
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(token.len(), 43, "{link}");
    assert_eq!(email_status(&app).await, ["sent"]);
    assert_eq!(job_states(&app).await, [("done".to_string(), 1)]);
}

async fn a_mail_server_that_was_down_gets_the_email_later_once(app: TestApp) {
    let sink = SmtpSink::start().await;
    let worker = worker_for(&sink);
    let email = staff_email(&app).await;
    sink.refuse(true);
    ask_for_reset(&app, &email).await;
    assert_eq!(run_due(&app.db, &worker).await.unwrap(), 1);
    assert_eq!(job_states(&app).await, [("queued".to_string(), 1)]);
    let last_error: String =
        sqlx::query_scalar("SELECT last_error FROM jobs WHERE kind = 'send_email'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(last_error.contains("451"), "{last_error}");
    assert_eq!(
        run_due(&app.db, &worker).await.unwrap(),
        0,
        "the retry waits its turn"
    );
    sink.refuse(false);
    // Its retry time comes.
    sqlx::query("UPDATE jobs SET run_at = 0 WHERE kind = 'send_email'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(run_due(&app.db, &worker).await.unwrap(), 1);
    assert_eq!(run_due(&app.db, &worker).await.unwrap(), 0);
    assert_eq!(sink.messages().len(), 1, "delivered once");
    assert_eq!(job_states(&app).await, [("done".to_string(), 2)]);
    assert_eq!(email_status(&app).await, ["sent"]);
}

async fn two_workers_never_send_the_same_email(app: TestApp) {
    let sink = SmtpSink::start().await;
    let (one, two) = (worker_for(&sink), worker_for(&sink));
    let admin = app.logged_in_as(Role::Admin).await;
    for i in 0..12 {
        let reply = app
            .call(
                &admin,
                "/api/admin/users/create",
                &[
                    ("email", format!("invitee{i}@example.com").as_str()),
                    ("display_name", "Invitee"),
                    ("role", "marketer"),
                ],
            )
            .await;
        assert_eq!(reply.status(), 200);
    }
    let (a, b) = tokio::join!(run_due(&app.db, &one), run_due(&app.db, &two));
    assert_eq!(a.unwrap() + b.unwrap(), 12, "each job tried once");
    let messages = sink.messages();
    assert_eq!(messages.len(), 12);
    let mut ids: Vec<&str> = messages
        .iter()
        .filter_map(|m| m.lines().find(|l| l.starts_with("Message-ID:")))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 12, "twelve different emails");
    assert!(email_status(&app).await.iter().all(|s| s == "sent"));
}

async fn without_a_mail_server_emails_wait(app: TestApp) {
    let email = staff_email(&app).await;
    ask_for_reset(&app, &email).await;
    assert_eq!(run_due(&app.db, &Worker::new(None)).await.unwrap(), 0);
    assert_eq!(email_status(&app).await, ["not_sent"]);
    assert_eq!(job_states(&app).await, [("queued".to_string(), 0)]);
    // Once a mail server is configured, it goes out.
    let sink = SmtpSink::start().await;
    assert_eq!(run_due(&app.db, &worker_for(&sink)).await.unwrap(), 1);
    assert_eq!(sink.messages().len(), 1);
}

async fn admins_see_retry_and_cancel_jobs(app: TestApp) {
    let sink = SmtpSink::start().await;
    let worker = worker_for(&sink);
    let admin = app.logged_in_as(Role::Admin).await;
    let email = staff_email(&app).await;
    ask_for_reset(&app, &email).await;
    // The mail server refuses for longer than the queue waits: it gives up.
    sink.refuse(true);
    run_due(&app.db, &worker).await.unwrap();
    sqlx::query("UPDATE jobs SET run_at = 0, started_at = 0 WHERE kind = 'send_email'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    run_due(&app.db, &worker).await.unwrap();
    assert_eq!(job_states(&app).await, [("dead".to_string(), 2)]);
    assert_eq!(email_status(&app).await, ["failed"]);

    let page = app.page(&admin, "/admin/jobs?state=dead").await;
    assert!(page.contains("Gave up (1)"), "the count per state");
    assert!(page.contains(&format!(
        "Email to {email}: Reset your Causal Edge password"
    )));
    assert!(page.contains("451"), "the last error is shown");
    let id: String = sqlx::query_scalar("SELECT id FROM jobs WHERE kind = 'send_email'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let cancel_dead = app
        .call(&admin, "/api/admin/jobs/cancel", &[("id", &id)])
        .await;
    assert_eq!(
        cancel_dead.status(),
        409,
        "only a waiting job can be cancelled"
    );
    let retried = app
        .call(&admin, "/api/admin/jobs/retry", &[("id", &id)])
        .await;
    assert_eq!(retried.status(), 200);
    sink.refuse(false);
    assert_eq!(run_due(&app.db, &worker).await.unwrap(), 1);
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(email_status(&app).await, ["sent"]);
    assert_eq!(
        app.call(&admin, "/api/admin/jobs/retry", &[("id", &id)])
            .await
            .status(),
        409,
        "a job that is done stays done"
    );

    // A waiting job can be cancelled, and then does not run.
    ask_for_reset(&app, &email).await;
    let waiting: String = sqlx::query_scalar("SELECT id FROM jobs WHERE state = 'queued'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let cancelled = app
        .call(&admin, "/api/admin/jobs/cancel", &[("id", &waiting)])
        .await;
    assert_eq!(cancelled.status(), 200);
    assert_eq!(run_due(&app.db, &worker).await.unwrap(), 0);
    assert_eq!(sink.messages().len(), 1);

    // Periodic jobs that simply ran stay out of the default list.
    app::services::jobs::schedule_periodic(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE jobs SET state = 'done', finished_at = 1 WHERE kind = 'sla_check'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let all = app.page(&admin, "/admin/jobs").await;
    assert!(
        !all.contains("Check reply times"),
        "done checks are not listed by default"
    );
    assert!(
        all.contains("Clean up unused images"),
        "a waiting periodic job is"
    );
    let done = app.page(&admin, "/admin/jobs?state=done").await;
    assert!(done.contains("Check reply times"));

    // Only admins see the queue.
    let marketer = app.logged_in_as(Role::Marketer).await;
    assert_eq!(app.get(&marketer, "/admin/jobs").await.status(), 403);
    assert_eq!(
        app.call(&marketer, "/api/admin/jobs/list", &[])
            .await
            .status(),
        403
    );
    assert_eq!(
        app.call(&client(), "/api/admin/jobs/retry", &[("id", &id)])
            .await
            .status(),
        401
    );
}

async fn the_assigned_consultant_hears_of_a_new_lead_once(app: TestApp) {
    app.seed_showcase().await;
    let sink = SmtpSink::start().await;
    let worker = worker_for(&sink);
    let email = "ana@acme-retail.co.uk";
    let response = crate::roi::post_json(
        &app,
        "/api/v1/leads",
        &crate::leads::lead(email),
        "10.9.0.1",
    )
    .await;
    assert_eq!(response.status(), 201);
    let body: serde_json::Value = response.json().await.unwrap();
    let lead_id = body["lead_id"].as_str().unwrap().to_string();
    let consultant = body["assigned_consultant"]["first_name"]
        .as_str()
        .unwrap()
        .to_string();
    // A repeat of the same form within a day is kept beside the lead: no second email.
    let again = crate::roi::post_json(
        &app,
        "/api/v1/leads",
        &crate::leads::lead(email),
        "10.9.0.1",
    )
    .await;
    assert_eq!(again.status(), 201);

    assert_eq!(run_due(&app.db, &worker).await.unwrap(), 1);
    let messages = sink.decoded_messages();
    assert_eq!(messages.len(), 1, "one email for one new lead");
    let message = &messages[0];
    let to_address: String = sqlx::query_scalar(
        "SELECT c.email FROM leads l JOIN consultants c ON c.id = l.assigned_consultant_id WHERE l.id = $1",
    )
    .bind(&lead_id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert!(message.contains(&format!("To: {to_address}")), "{message}");
    assert!(message.contains("Subject: New Tier"), "{message}");
    assert!(message.contains("Ana Silva at Acme Retail"), "{message}");
    assert!(message.contains(&format!("Hello {consultant},")));
    assert!(message.contains("Why this score:"));
    assert!(
        message.contains(&format!("{}/admin/leads/{lead_id}", app.base_url)),
        "the link opens the lead: {message}"
    );
}

async fn admins_hear_once_of_a_tier1_lead_left_waiting(app: TestApp) {
    use app::services::jobs::{schedule_periodic, Periodic};
    app.seed_showcase().await;
    let _admin = app.logged_in_as(Role::Admin).await;
    let response = crate::roi::post_json(
        &app,
        "/api/v1/leads",
        &crate::leads::lead("late@acme-retail.co.uk"),
        "10.9.0.2",
    )
    .await;
    assert_eq!(response.status(), 201);
    let lead_id = response.json::<serde_json::Value>().await.unwrap()["lead_id"]
        .as_str()
        .unwrap()
        .to_string();
    // The lead is Tier 1 and came in two hours ago; nobody has contacted it.
    sqlx::query(
        "UPDATE leads SET tier = 'Tier_1', created_at = created_at - 7200000 WHERE id = $1",
    )
    .bind(&lead_id)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let sink = SmtpSink::start().await;
    let settings = SmtpSettings::parse(&sink.url()).unwrap();
    let worker = Worker::for_server(
        Some(Mailer::new(&settings, "Causal Edge <hello@causal-edge.example>").unwrap()),
        Periodic {
            media_dir: app.media_dir.clone(),
            public_url: app.base_url.clone(),
            tier1_sla_ms: 60 * 60 * 1000,
        },
    );
    schedule_periodic(&app.db).await.unwrap();
    run_due(&app.db, &worker).await.unwrap();
    // A later check (the next slot) finds nothing new to report.
    app::db::jobs::enqueue(
        &app.db.pool,
        app::domain::jobs::JobKind::SlaCheck,
        "{}",
        "a-later-check",
        0,
    )
    .await
    .unwrap();
    run_due(&app.db, &worker).await.unwrap();
    let alerts: Vec<String> = sink
        .decoded_messages()
        .into_iter()
        .filter(|m| m.contains("past the promised reply time"))
        .collect();
    let admins: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(alerts.len() as i64, admins, "one email per admin, once");
    assert!(
        alerts[0].contains("Ana Silva at Acme Retail, waiting 2 h"),
        "{}",
        alerts[0]
    );
    assert!(alerts[0].contains(&format!("{}/admin/leads/{lead_id}", app.base_url)));
    let alerted: Option<i64> = sqlx::query_scalar("SELECT sla_alerted_at FROM leads WHERE id = $1")
        .bind(&lead_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(alerted.is_some());
}
