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
    let starts_at_ms = parse_rfc3339_ms(&payload.scheduled_event.start_time)
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

/// `2026-12-10T15:00:00.000000Z` or with an offset (`+01:00`) → ms.
pub fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = text.get(from..from + len)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &text[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let first3: String = fraction[..digits]
            .chars()
            .chain("000".chars())
            .take(3)
            .collect();
        millis = first3.parse::<i64>().ok()?;
        rest = &fraction[digits..];
    }
    let offset_secs = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && matches!(&rest[..1], "+" | "-") && &rest[3..4] == ":" => {
            let hours: i64 = rest[1..3].parse().ok()?;
            let minutes: i64 = rest[4..6].parse().ok()?;
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (hours * 3600 + minutes * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_secs;
    Some(secs * 1000 + millis)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    #[test]
    fn times_parse_or_are_refused() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2000-02-29T12:30:15.5Z"),
            Some(951_827_415_500)
        );
        for bad in [
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-12-10 15:00:00Z",
            "2026-12-10T15:00:00",
            "2026-12-10T24:00:00Z",
            "2026-12-10T15:00:00.Z",
            "",
        ] {
            assert_eq!(parse_rfc3339_ms(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn any_utc_second_round_trips(secs in 0i64..4_102_444_800) {
            // Format with the civil calendar the other way round.
            let days = secs.div_euclid(86_400);
            let rem = secs.rem_euclid(86_400);
            let z = days + 719_468;
            let era = z.div_euclid(146_097);
            let doe = z - era * 146_097;
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            let mp = (5 * doy + 2) / 153;
            let day = doy - (153 * mp + 2) / 5 + 1;
            let month = if mp < 10 { mp + 3 } else { mp - 9 };
            let year = yoe + era * 400 + i64::from(month <= 2);
            let text = format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60);
            prop_assert_eq!(parse_rfc3339_ms(&text), Some(secs * 1000));
        }
    }
}
