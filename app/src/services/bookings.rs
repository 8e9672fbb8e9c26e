//! Booking webhooks (Calendly's shape): verified by the signing key, matched
//! to the newest lead with the invitee's address, recorded on it (status,
//! time, timeline) and told to its consultant, once per event however often
//! it is sent.

use crate::db::{now_ms, outbound_emails, Db};
use crate::domain::booking::{parse_calendly, BookingEvent, BookingKind};
use crate::domain::dates::date_time;
use crate::domain::webhooks::{verify, Refusal, WebhookEvent};
use crate::error::AppError;
use sqlx::FromRow;

/// Why a booking webhook was not taken.
#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    #[error("the signature does not check out")]
    BadSignature,
    #[error("the signature's timestamp is too old or in the future (a replay?)")]
    Stale,
    #[error("{0}")]
    Malformed(String),
    #[error(transparent)]
    Internal(#[from] AppError),
}

impl From<sqlx::Error> for BookingError {
    fn from(e: sqlx::Error) -> Self {
        BookingError::Internal(e.into())
    }
}

/// What became of a verified event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingOutcome {
    /// Recorded on this lead.
    Recorded { lead_id: String },
    /// Sent before: nothing done again.
    AlreadyRecorded,
    /// Nobody with that address has sent us the form.
    NoLead,
}

#[derive(Debug, FromRow)]
struct LeadForBooking {
    id: String,
    status: String,
    first_name: String,
    last_name: String,
    company_name: String,
    consultant_email: Option<String>,
    consultant_first_name: Option<String>,
}

/// Statuses a booking moves forward to "consultation booked".
const BEFORE_BOOKING: [&str; 3] = ["new", "contacted", "qualified"];

#[tracing::instrument(skip_all, err(Debug, level = "warn"))]
pub async fn record_calendly(
    db: &Db,
    public_url: &str,
    signing_key: &str,
    signature: &str,
    body: &str,
    now_secs: i64,
) -> Result<BookingOutcome, BookingError> {
    verify(signing_key, signature, body, now_secs).map_err(|refusal| match refusal {
        Refusal::Stale => BookingError::Stale,
        Refusal::Malformed | Refusal::BadSignature => BookingError::BadSignature,
    })?;
    let event = parse_calendly(body).map_err(BookingError::Malformed)?;
    let lead: Option<LeadForBooking> = sqlx::query_as(
        "SELECT l.id, l.status, l.first_name, l.last_name, l.company_name, \
         c.email AS consultant_email, c.first_name AS consultant_first_name \
         FROM leads l LEFT JOIN consultants c ON c.id = l.assigned_consultant_id \
         WHERE l.email = $1 ORDER BY l.created_at DESC, l.id LIMIT 1",
    )
    .bind(&event.email)
    .fetch_optional(&db.pool)
    .await?;

    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let fresh = sqlx::query(
        "INSERT INTO booking_events (event_key, lead_id, received_at) VALUES ($1, $2, $3) \
         ON CONFLICT (event_key) DO NOTHING",
    )
    .bind(event.key())
    .bind(lead.as_ref().map(|l| l.id.clone()))
    .bind(now_ms())
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    let outcome = match (&lead, fresh) {
        (_, false) => BookingOutcome::AlreadyRecorded,
        (None, true) => BookingOutcome::NoLead,
        (Some(lead), true) => {
            record_on_lead(&mut tx, public_url, lead, &event).await?;
            BookingOutcome::Recorded {
                lead_id: lead.id.clone(),
            }
        }
    };
    tx.commit().await?;
    tracing::info!(?outcome, kind = ?event.kind, "booking webhook");
    Ok(outcome)
}

async fn record_on_lead(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    public_url: &str,
    lead: &LeadForBooking,
    event: &BookingEvent,
) -> Result<(), BookingError> {
    let now = now_ms();
    let when = date_time(event.starts_at_ms);
    let meeting = if event.event_name.is_empty() {
        "a consultation".to_string()
    } else {
        format!("\u{201c}{}\u{201d}", event.event_name)
    };
    let moves =
        event.kind == BookingKind::Scheduled && BEFORE_BOOKING.contains(&lead.status.as_str());
    let (kind, detail) = match event.kind {
        BookingKind::Scheduled if moves => (
            "status_change",
            format!("Booked {meeting} for {when} through Calendly: status now Consultation booked"),
        ),
        BookingKind::Scheduled => (
            "note",
            format!("Booked {meeting} for {when} through Calendly"),
        ),
        BookingKind::Cancelled => (
            "note",
            format!("Cancelled {meeting} booked for {when} (Calendly)"),
        ),
    };
    if moves {
        sqlx::query(
            "UPDATE leads SET status = 'consultation_booked', \
             consultation_booked_at = COALESCE(consultation_booked_at, $1), updated_at = $1 WHERE id = $2",
        )
        .bind(now)
        .bind(&lead.id)
        .execute(&mut **tx)
        .await?;
        crate::db::sequences::cancel_waiting_steps(
            tx,
            &crate::domain::email_sequence::lead_key_prefix(&lead.id),
        )
        .await?;
        let payload = crate::services::webhooks::lead_payload(
            WebhookEvent::LeadStatusChanged,
            &lead.id,
            serde_json::json!({ "from": lead.status, "to": "consultation_booked", "changed_by": "Calendly" }),
        );
        crate::db::webhooks::announce_in(tx, WebhookEvent::LeadStatusChanged, &payload).await?;
    } else {
        sqlx::query("UPDATE leads SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(&lead.id)
            .execute(&mut **tx)
            .await?;
    }
    crate::db::leads::add_interaction(
        tx,
        &lead.id,
        crate::db::leads::NewInteraction {
            kind,
            detail: detail.clone(),
            ..Default::default()
        },
        now,
    )
    .await?;
    let updated = crate::services::webhooks::lead_payload(
        WebhookEvent::LeadUpdated,
        &lead.id,
        serde_json::json!({
            "booking": {
                "kind": match event.kind { BookingKind::Scheduled => "scheduled", BookingKind::Cancelled => "cancelled" },
                "starts_at_ms": event.starts_at_ms,
                "event_name": event.event_name,
            }
        }),
    );
    crate::db::webhooks::announce_in(tx, WebhookEvent::LeadUpdated, &updated).await?;
    if let (Some(to), Some(first)) = (&lead.consultant_email, &lead.consultant_first_name) {
        let who = crate::domain::lead_capture::contact_name(&lead.first_name, &lead.last_name);
        let who = if who.is_empty() {
            event.invitee_name.clone()
        } else {
            who
        };
        let at = if lead.company_name.is_empty() {
            String::new()
        } else {
            format!(" ({})", lead.company_name)
        };
        let (subject, verb) = match event.kind {
            BookingKind::Scheduled => (format!("Consultation booked: {who} on {when}"), "booked"),
            BookingKind::Cancelled => (
                format!("Consultation cancelled: {who} on {when}"),
                "cancelled",
            ),
        };
        let body = format!(
            "Hello {first},\n\n{who}{at} {verb} {meeting} for {when}.\n\nOpen the lead: {public_url}/admin/leads/{}\n",
            lead.id
        );
        outbound_emails::insert_in(
            tx,
            outbound_emails::NewEmail {
                to_address: to,
                subject: &subject,
                body_text: &body,
                kind: "booking",
                ..Default::default()
            },
        )
        .await?;
    }
    Ok(())
}
