//! The booking webhook in Calendly's shape: signed with the configured key,
//! matched to the lead by email, recorded once (status, time, timeline),
//! told to the consultant and to webhook receivers; forged and replayed
//! events refused.

use crate::common::{spawn_app_with, Backend, TestApp};
use app::domain::role::Role;
use app::domain::webhooks::signature_header;
use serde_json::{json, Value};

const KEY: &str = "calendly-signing-key-for-tests-0123456789";

mod sqlite {
    #[tokio::test]
    async fn a_booking_is_recorded_on_the_lead_once() {
        super::a_booking_is_recorded_on_the_lead_once(super::Backend::Sqlite).await
    }
    #[tokio::test]
    async fn forged_replayed_and_unconfigured_bookings_are_refused() {
        super::forged_replayed_and_unconfigured_bookings_are_refused(super::Backend::Sqlite).await
    }
}
mod postgres {
    #[tokio::test]
    async fn a_booking_is_recorded_on_the_lead_once() {
        super::a_booking_is_recorded_on_the_lead_once(super::Backend::Postgres).await
    }
    #[tokio::test]
    async fn forged_replayed_and_unconfigured_bookings_are_refused() {
        super::forged_replayed_and_unconfigured_bookings_are_refused(super::Backend::Postgres).await
    }
}

pub fn calendly_body(event: &str, email: &str, invitee: &str) -> String {
    json!({
        "event": event,
        "created_at": "2026-12-05T10:00:00.000000Z",
        "payload": {
            "email": email,
            "name": "Ana Silva",
            "uri": format!("https://api.calendly.com/scheduled_events/EV1/invitees/{invitee}"),
            "status": if event == "invitee.created" { "active" } else { "canceled" },
            "scheduled_event": {"name": "30 Minute Meeting", "start_time": "2026-12-10T15:00:00.000000Z"},
        }
    })
    .to_string()
}

fn now_secs() -> i64 {
    app::db::now_ms() / 1000
}

pub async fn send(app: &TestApp, body: &str, signature: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/v1/bookings/calendly"))
        .header("Content-Type", "application/json")
        .header("Calendly-Webhook-Signature", signature)
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

async fn lead_state(app: &TestApp, id: &str) -> (String, Option<i64>) {
    sqlx::query_as("SELECT status, consultation_booked_at FROM leads WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn timeline(app: &TestApp, id: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT detail FROM lead_interactions WHERE lead_id = $1 AND detail LIKE '%Calendly%' ORDER BY occurred_at, id",
    )
    .bind(id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn a_booking_is_recorded_on_the_lead_once(backend: Backend) {
    let app = spawn_app_with(backend, &[("CE_CALENDLY_SIGNING_KEY", KEY)]).await;
    app.seed_showcase().await;
    let admin = app.logged_in_as(Role::Admin).await;
    // A webhook receiver registered for lead.updated hears of it too.
    let created = app
        .call(
            &admin,
            "/api/admin/webhooks/create",
            &[
                ("input[url]", "http://127.0.0.1:9/hook"),
                ("input[events][]", "lead.updated"),
            ],
        )
        .await;
    assert_eq!(created.status(), 200);
    let response = crate::roi::post_json(
        &app,
        "/api/v1/leads",
        &crate::leads::lead("booker@acme-retail.co.uk"),
        "10.7.0.1",
    )
    .await;
    assert_eq!(response.status(), 201);
    let lead_id = response.json::<Value>().await.unwrap()["lead_id"]
        .as_str()
        .unwrap()
        .to_string();

    // The address as Calendly has it (another case) finds the lead.
    let body = calendly_body("invitee.created", "Booker@Acme-Retail.co.uk", "INV1");
    let signature = signature_header(KEY, now_secs(), &body);
    let answer = send(&app, &body, &signature).await;
    assert_eq!(answer.status(), 200);
    let outcome: Value = answer.json().await.unwrap();
    assert_eq!(
        outcome["recorded"]["lead_id"],
        lead_id.as_str(),
        "{outcome}"
    );
    let (status, booked_at) = lead_state(&app, &lead_id).await;
    assert_eq!(status, "consultation_booked");
    assert!(booked_at.is_some());
    let entries = timeline(&app, &lead_id).await;
    assert_eq!(entries.len(), 1);
    assert!(
        entries[0].contains("“30 Minute Meeting” for 2026-12-10 15:00 UTC"),
        "{entries:?}"
    );
    // The consultant is told.
    let told: Vec<String> =
        sqlx::query_scalar("SELECT subject FROM outbound_emails WHERE kind = 'booking'")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(told.len(), 1);
    assert!(
        told[0].starts_with("Consultation booked: Ana Silva on 2026-12-10 15:00 UTC"),
        "{told:?}"
    );
    let announced: Vec<String> =
        sqlx::query_scalar("SELECT event FROM webhook_deliveries ORDER BY created_at, event")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        announced,
        ["lead.updated"],
        "the receiver wants only lead.updated"
    );

    // Calendly sends it again (a retry): nothing is done twice.
    let again = send(&app, &body, &signature_header(KEY, now_secs(), &body)).await;
    assert_eq!(again.status(), 200);
    assert_eq!(
        again.json::<Value>().await.unwrap(),
        json!("already_recorded")
    );
    assert_eq!(timeline(&app, &lead_id).await.len(), 1);

    // The prospect cancels: noted, the consultant told, the status kept.
    let cancel = calendly_body("invitee.canceled", "booker@acme-retail.co.uk", "INV1");
    let answer = send(&app, &cancel, &signature_header(KEY, now_secs(), &cancel)).await;
    assert_eq!(answer.status(), 200);
    let entries = timeline(&app, &lead_id).await;
    assert_eq!(entries.len(), 2);
    assert!(
        entries[1].starts_with("Cancelled “30 Minute Meeting”"),
        "{entries:?}"
    );
    assert_eq!(lead_state(&app, &lead_id).await.0, "consultation_booked");

    // Someone who never sent the form: taken, and said so.
    let stranger = calendly_body("invitee.created", "stranger@example.com", "INV9");
    let answer = send(
        &app,
        &stranger,
        &signature_header(KEY, now_secs(), &stranger),
    )
    .await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.json::<Value>().await.unwrap(), json!("no_lead"));
}

async fn forged_replayed_and_unconfigured_bookings_are_refused(backend: Backend) {
    let app = spawn_app_with(backend, &[("CE_CALENDLY_SIGNING_KEY", KEY)]).await;
    app.seed_showcase().await;
    let response = crate::roi::post_json(
        &app,
        "/api/v1/leads",
        &crate::leads::lead("target@acme-retail.co.uk"),
        "10.7.0.2",
    )
    .await;
    let lead_id = response.json::<Value>().await.unwrap()["lead_id"]
        .as_str()
        .unwrap()
        .to_string();
    let body = calendly_body("invitee.created", "target@acme-retail.co.uk", "INV2");
    // Signed with another key.
    let forged = send(
        &app,
        &body,
        &signature_header("not-the-key-0123456789", now_secs(), &body),
    )
    .await;
    assert_eq!(forged.status(), 401);
    // Signed with the key, ten minutes ago (a replay).
    let replayed = send(&app, &body, &signature_header(KEY, now_secs() - 600, &body)).await;
    assert_eq!(replayed.status(), 401);
    assert!(replayed.text().await.unwrap().contains("too old"));
    // A signature for another body.
    let other = calendly_body("invitee.created", "target@acme-retail.co.uk", "INV3");
    let swapped = send(&app, &body, &signature_header(KEY, now_secs(), &other)).await;
    assert_eq!(swapped.status(), 401);
    assert_eq!(send(&app, &body, "").await.status(), 401);
    // Signed, but not an event we read.
    let junk = r#"{"event":"invitee.created","payload":{}}"#;
    let bad = send(&app, junk, &signature_header(KEY, now_secs(), junk)).await;
    assert_eq!(bad.status(), 400);
    assert_eq!(
        lead_state(&app, &lead_id).await.0,
        "new",
        "nothing recorded"
    );
    assert!(timeline(&app, &lead_id).await.is_empty());

    // A server without the key takes no bookings at all.
    let plain = crate::common::spawn_app(backend).await;
    assert_eq!(
        send(&plain, &body, &signature_header(KEY, now_secs(), &body))
            .await
            .status(),
        404
    );
}
