//! Booking webhooks in the shape Calendly sends (`invitee.created`,
//! `invitee.canceled`): what the event says, pure. Verifying its signature
//! (`Calendly-Webhook-Signature: t=…,v1=…`, HMAC-SHA256 of `t.body`) is
//! `webhooks::verify`: the same scheme as our own outgoing webhooks.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingKind {
    Scheduled,
    Cancelled,
}

/// One booking event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingEvent {
    pub kind: BookingKind,
    /// The invitee's address, lower case: how the lead is found.
    pub email: String,
    pub invitee_name: String,
    /// The invitee's URI at Calendly: with the kind, what makes an event
    /// the same event when Calendly sends it again.
    pub invitee_uri: String,
    pub event_name: String,
    /// When the meeting starts (ms since the Unix epoch).
    pub starts_at_ms: i64,
}

impl BookingEvent {
    pub fn key(&self) -> String {
        let kind = match self.kind {
            BookingKind::Scheduled => "created",
            BookingKind::Cancelled => "canceled",
        };
        format!("calendly:{}#{kind}", self.invitee_uri)
    }
}

#[derive(Deserialize)]
struct Envelope {
    event: String,
    payload: Payload,
}

#[derive(Deserialize)]
struct Payload {
    email: String,
    #[serde(default)]
    name: String,
    uri: String,
    scheduled_event: ScheduledEvent,
}

#[derive(Deserialize)]
struct ScheduledEvent {
    #[serde(default)]
    name: String,
    start_time: String,
}

/// Reads a Calendly webhook body; the error says what is missing or wrong.
pub fn parse_calendly(body: &str) -> Result<BookingEvent, String> {
    let envelope: Envelope =
        serde_json::from_str(body).map_err(|e| format!("not a Calendly invitee event: {e}"))?;
    let kind = match envelope.event.as_str() {
        "invitee.created" => BookingKind::Scheduled,
        "invitee.canceled" => BookingKind::Cancelled,
        other => return Err(format!("\"{other}\" is not an event we handle")),
    };
    let payload = envelope.payload;
    let email = payload.email.trim().to_lowercase();
    if super::email::EmailAddress::parse(&email).is_err() {
        return Err("payload.email is not an email address".into());
    }
    if payload.uri.is_empty() || payload.uri.len() > 500 {
        return Err("payload.uri is missing or too long".into());
    }
    let starts_at_ms = super::dates::parse_rfc3339_ms(&payload.scheduled_event.start_time)
        .ok_or("payload.scheduled_event.start_time is not an RFC 3339 time")?;
    Ok(BookingEvent {
        kind,
        email,
        invitee_name: payload.name.chars().take(200).collect(),
        invitee_uri: payload.uri,
        event_name: payload.scheduled_event.name.chars().take(200).collect(),
        starts_at_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn calendly_body(event: &str, email: &str, start: &str) -> String {
        serde_json::json!({
            "event": event,
            "created_at": "2026-12-05T10:00:00.000000Z",
            "payload": {
                "email": email,
                "name": "Ana Silva",
                "uri": "https://api.calendly.com/scheduled_events/AAA/invitees/BBB",
                "status": "active",
                "scheduled_event": {"name": "30 Minute Meeting", "start_time": start},
            }
        })
        .to_string()
    }

    #[test]
    fn reads_a_scheduled_and_a_cancelled_invitee() {
        let event = parse_calendly(&calendly_body(
            "invitee.created",
            " Ana@Acme.example ",
            "2026-12-10T15:00:00.000000Z",
        ))
        .unwrap();
        assert_eq!(event.kind, BookingKind::Scheduled);
        assert_eq!(event.email, "ana@acme.example");
        assert_eq!(event.event_name, "30 Minute Meeting");
        assert_eq!(event.starts_at_ms, 1_796_914_800_000);
        let cancelled = parse_calendly(&calendly_body(
            "invitee.canceled",
            "ana@acme.example",
            "2026-12-10T16:00:00+01:00",
        ))
        .unwrap();
        assert_eq!(cancelled.kind, BookingKind::Cancelled);
        assert_eq!(
            cancelled.starts_at_ms, event.starts_at_ms,
            "the same moment"
        );
        assert_ne!(cancelled.key(), event.key());
    }

    #[test]
    fn says_what_is_wrong() {
        assert!(parse_calendly("{")
            .unwrap_err()
            .starts_with("not a Calendly"));
        let other = calendly_body(
            "routing_form_submission.created",
            "a@b.co",
            "2026-12-10T15:00:00Z",
        );
        assert!(parse_calendly(&other)
            .unwrap_err()
            .contains("routing_form_submission"));
        let bad_time = calendly_body("invitee.created", "a@b.co", "10/12/2026 15:00");
        assert!(parse_calendly(&bad_time)
            .unwrap_err()
            .contains("start_time"));
        let bad_email = calendly_body("invitee.created", "nobody", "2026-12-10T15:00:00Z");
        assert!(parse_calendly(&bad_email).unwrap_err().contains("email"));
    }
}
