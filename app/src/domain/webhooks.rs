//! Outgoing webhooks without the network: which events there are, which
//! URLs may receive them, and the signature a receiver checks.
//!
//! Every delivery is a `POST` of JSON with these headers:
//! - `X-CE-Event`: the event, e.g. `lead.created`;
//! - `X-CE-Delivery`: the delivery's id (the same on every retry: receivers
//!   should ignore an id they have already processed);
//! - `X-CE-Signature: t=<unix seconds>,v1=<hex>` where `<hex>` is
//!   HMAC-SHA256, keyed with the endpoint's secret, over `<t>.<raw body>`.
//!
//! A receiver recomputes the HMAC over the timestamp and the body exactly as
//! received, compares in constant time, and refuses a timestamp more than
//! five minutes from its clock (a replay) — [`verify`] does all three.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WebhookEvent {
    #[serde(rename = "lead.created")]
    LeadCreated,
    #[serde(rename = "lead.status_changed")]
    LeadStatusChanged,
    /// Anything else about a lead changed: its values, its consultant, a
    /// booking, an unsubscribe.
    #[serde(rename = "lead.updated")]
    LeadUpdated,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 3] = [
        WebhookEvent::LeadCreated,
        WebhookEvent::LeadStatusChanged,
        WebhookEvent::LeadUpdated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::LeadCreated => "lead.created",
            WebhookEvent::LeadStatusChanged => "lead.status_changed",
            WebhookEvent::LeadUpdated => "lead.updated",
        }
    }

    pub fn parse(value: &str) -> Option<WebhookEvent> {
        WebhookEvent::ALL.into_iter().find(|e| e.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            WebhookEvent::LeadCreated => "A new lead arrives",
            WebhookEvent::LeadStatusChanged => "A lead's status changes",
            WebhookEvent::LeadUpdated => "A lead's value, consultant, booking or consent changes",
        }
    }
}

/// The Slack message for a `lead.created` event body (Slack's `mrkdwn`:
/// `&`, `<` and `>` escaped, the link as `<url|text>`).
pub fn slack_message(event_body: &str) -> Result<String, String> {
    let body: serde_json::Value =
        serde_json::from_str(event_body).map_err(|e| format!("not an event body: {e}"))?;
    let lead = &body["lead"];
    let text = |key: &str| lead[key].as_str().unwrap_or("").to_string();
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let name = [text("first_name"), text("last_name")]
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let who = if name.is_empty() {
        "A new lead".to_string()
    } else {
        escape(&name)
    };
    let company = text("company_name");
    let at = if company.is_empty() {
        String::new()
    } else {
        format!(" at {}", escape(&company))
    };
    let industry = text("industry");
    let industry = if industry.is_empty() {
        String::new()
    } else {
        format!(" ({})", escape(&industry))
    };
    let tier = text("tier").replace('_', " ");
    let score = lead["score"]
        .as_i64()
        .map(|s| format!(", score {s}"))
        .unwrap_or_default();
    let link = match lead["url"].as_str() {
        Some(url) if url.starts_with("http") && !url.contains(['|', '>', '<']) => {
            format!(" <{url}|Open the lead>")
        }
        _ => String::new(),
    };
    Ok(serde_json::json!({ "text": format!("New {tier} lead: {who}{at}{industry}{score}.{link}") }).to_string())
}

/// Whether a Slack endpoint hears of this event: new Tier 1 leads only.
pub fn slack_wants(event: WebhookEvent, event_body: &str) -> bool {
    event == WebhookEvent::LeadCreated
        && serde_json::from_str::<serde_json::Value>(event_body)
            .is_ok_and(|b| b["lead"]["tier"] == "Tier_1")
}

/// The longest URL accepted.
pub const MAX_URL_CHARS: usize = 2_000;
/// How far a signature's timestamp may be from the receiver's clock.
pub const TOLERANCE_SECS: i64 = 5 * 60;

/// A webhook target: `http` or `https`, with a host, without credentials.
pub fn check_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if url.chars().count() > MAX_URL_CHARS {
        return Err(format!("Use a URL of at most {MAX_URL_CHARS} characters."));
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("Use an http:// or https:// address.")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(
            "Leave user names and passwords out of the address; each delivery is signed instead."
                .into(),
        );
    }
    let host = authority
        .rsplit_once(':')
        .map_or(authority, |(host, _)| host);
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    if !valid {
        return Err("The address needs a host name, like https://hooks.example.com/ce.".into());
    }
    let unsafe_char = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '<' | '>' | '"' | '`' | '\\' | '{' | '}' | '|' | '^')
    };
    if url.chars().any(unsafe_char) {
        return Err(
            "The address holds characters a web address cannot (spaces, <, >, quotes and the like)."
                .into(),
        );
    }
    Ok(url.to_string())
}

/// The `X-CE-Signature` value for `body` sent at `timestamp` (unix seconds).
pub fn signature_header(secret: &str, timestamp: i64, body: &str) -> String {
    let digest = keyed(secret, timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", hex(&digest))
}

/// The HMAC of `<timestamp>.<body>` under `secret`, before finalising.
fn keyed(secret: &str, timestamp: i64, body: &str) -> Hmac<Sha256> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    mac
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a delivery is refused by a receiver checking it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Malformed,
    /// The timestamp is too far from now: a replay, or a wrong clock.
    Stale,
    BadSignature,
}

/// What a receiver does with a delivery: `header` is `X-CE-Signature`,
/// `body` the raw body, `now` its clock in unix seconds.
pub fn verify(secret: &str, header: &str, body: &str, now: i64) -> Result<(), Refusal> {
    let mut timestamp = None;
    let mut given = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => given = Some(v.to_string()),
            _ => {}
        }
    }
    let (Some(timestamp), Some(given)) = (timestamp, given) else {
        return Err(Refusal::Malformed);
    };
    if (now - timestamp).abs() > TOLERANCE_SECS {
        return Err(Refusal::Stale);
    }
    let given: Option<Vec<u8>> = (given.len() % 2 == 0)
        .then(|| {
            (0..given.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&given[i..i + 2], 16).ok())
                .collect()
        })
        .flatten();
    let Some(given) = given else {
        return Err(Refusal::Malformed);
    };
    // Constant-time comparison.
    keyed(secret, timestamp, body)
        .verify_slice(&given)
        .map_err(|_| Refusal::BadSignature)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_known_signature() {
        // HMAC-SHA256(key "secret", "1700000000.{}"), computed independently
        // (python3: hmac.new(b"secret", b"1700000000.{}", hashlib.sha256)).
        assert_eq!(
            signature_header("secret", 1_700_000_000, "{}"),
            "t=1700000000,v1=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163"
        );
    }

    #[test]
    fn receivers_refuse_forgeries_and_replays() {
        let header = signature_header("s3cret", 1_000, r#"{"a":1}"#);
        assert_eq!(verify("s3cret", &header, r#"{"a":1}"#, 1_010), Ok(()));
        assert_eq!(
            verify("s3cret", &header, r#"{"a":2}"#, 1_010),
            Err(Refusal::BadSignature)
        );
        assert_eq!(
            verify("other", &header, r#"{"a":1}"#, 1_010),
            Err(Refusal::BadSignature)
        );
        assert_eq!(
            verify("s3cret", &header, r#"{"a":1}"#, 1_000 + 301),
            Err(Refusal::Stale)
        );
        assert_eq!(
            verify("s3cret", "v1=abcd", "{}", 0),
            Err(Refusal::Malformed)
        );
        assert_eq!(
            verify("s3cret", "t=1,v1=zz", "{}", 1),
            Err(Refusal::Malformed)
        );
    }

    #[test]
    fn only_plain_web_addresses_receive() {
        assert!(check_url("https://hooks.example.com/ce?x=1").is_ok());
        assert!(check_url("http://127.0.0.1:8080/hook").is_ok());
        for bad in [
            "ftp://x.example",
            "javascript:alert(1)",
            "https://",
            "https://u:p@x.example",
            "https://a b.example",
            "https://x.example/<script>",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn events_round_trip() {
        for event in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::parse(event.as_str()), Some(event));
        }
    }

    proptest! {
        #[test]
        fn what_is_signed_verifies(secret in "[ -~]{1,40}", body in "\\PC{0,200}", t in 0i64..4_000_000_000) {
            let header = signature_header(&secret, t, &body);
            prop_assert_eq!(verify(&secret, &header, &body, t), Ok(()));
        }
    }

    #[test]
    fn slack_hears_of_new_tier1_leads_in_its_own_words() {
        let body = |tier: &str, name: &str| {
            serde_json::json!({"event": "lead.created", "lead": {"first_name": name, "last_name": "Silva",
                "company_name": "A&B <Retail>", "industry": "Retail", "tier": tier, "score": 82,
                "url": "https://ce.example/admin/leads/1"}}).to_string()
        };
        assert!(slack_wants(
            WebhookEvent::LeadCreated,
            &body("Tier_1", "Ana")
        ));
        assert!(!slack_wants(
            WebhookEvent::LeadCreated,
            &body("Tier_2", "Ana")
        ));
        assert!(!slack_wants(
            WebhookEvent::LeadUpdated,
            &body("Tier_1", "Ana")
        ));
        let message: serde_json::Value =
            serde_json::from_str(&slack_message(&body("Tier_1", "Ana")).unwrap()).unwrap();
        assert_eq!(
            message["text"],
            "New Tier 1 lead: Ana Silva at A&amp;B &lt;Retail&gt; (Retail), score 82. <https://ce.example/admin/leads/1|Open the lead>"
        );
        let nameless: serde_json::Value =
            serde_json::from_str(&slack_message(&body("Tier_1", "")).unwrap()).unwrap();
        assert!(nameless["text"]
            .as_str()
            .unwrap()
            .starts_with("New Tier 1 lead: Silva at"));
    }
}
