//! A consultant's booking link (Calendly-style) with the lead's answers
//! filled in: `name`, `email`, `a1` company, `a2` challenge, `a3` timeline.

use super::LeadSubmission;
use crate::domain::lead_fields::{Challenge, Timeline};

/// Percent-encodes a query value: unreserved characters (`A–Z a–z 0–9 - . _ ~`)
/// stay, every other UTF-8 byte becomes `%XX` (a space is `%20`).
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What a booking link is prefilled with.
#[derive(Debug, Clone, PartialEq)]
pub struct BookingPrefill {
    pub name: String,
    pub email: String,
    pub company: String,
    pub challenge: Option<Challenge>,
    pub timeline: Option<Timeline>,
}

impl From<&LeadSubmission> for BookingPrefill {
    fn from(submission: &LeadSubmission) -> BookingPrefill {
        BookingPrefill {
            name: submission.full_name().unwrap_or_default(),
            email: submission.email.as_str().to_string(),
            company: submission.company_name.clone().unwrap_or_default(),
            challenge: Some(submission.primary_challenge),
            timeline: Some(submission.timeline),
        }
    }
}

/// The booking URL with the lead's details prefilled, or `None` when `base`
/// is not an http(s) address.
pub fn booking_url(base: &str, submission: &LeadSubmission) -> Option<String> {
    booking_url_for(base, &BookingPrefill::from(submission))
}

/// The booking URL with these details prefilled, or `None` when `base`
/// is not an http(s) address. Blank values are left out; the query goes
/// before any `#fragment`, after `?` or `&` as the base requires.
pub fn booking_url_for(base: &str, prefill: &BookingPrefill) -> Option<String> {
    let base = base.trim();
    let lower = base.to_ascii_lowercase();
    let http = lower.starts_with("https://") || lower.starts_with("http://");
    if !http
        || base
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"<>".contains(c))
    {
        return None;
    }
    let (address, fragment) = match base.split_once('#') {
        Some((address, fragment)) => (address, Some(fragment)),
        None => (base, None),
    };
    let params = [
        ("name", prefill.name.as_str()),
        ("email", prefill.email.as_str()),
        ("a1", prefill.company.as_str()),
        ("a2", prefill.challenge.map_or("", |c| c.label())),
        ("a3", prefill.timeline.map_or("", |t| t.label())),
    ];
    let query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", percent_encode(v.trim())))
        .collect();
    let separator = if !address.contains('?') {
        "?"
    } else if address.ends_with('?') || address.ends_with('&') {
        ""
    } else {
        "&"
    };
    let mut url = format!("{address}{separator}{}", query.join("&"));
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::super::parse::tests::{industries, valid};
    use super::super::LeadForm;
    use super::*;

    #[test]
    fn encodes_reserved_and_non_ascii_characters() {
        assert_eq!(percent_encode("a b&c=d/é~"), "a%20b%26c%3Dd%2F%C3%A9~");
    }

    #[test]
    fn prefills_name_email_company_challenge_and_timeline() {
        let lead = valid().parse(&industries()).unwrap();
        let url = booking_url("https://calendly.com/priya/30min", &lead).unwrap();
        assert_eq!(
            url,
            "https://calendly.com/priya/30min?name=Dana%20Scully\
             &email=dana.scully%40acme-cinemas.co.uk&a1=Acme%20Cinemas\
             &a2=Pricing%20and%20revenue%20management&a3=In%201%E2%80%933%20months"
        );
    }

    #[test]
    fn appends_to_an_existing_query_and_keeps_the_fragment() {
        let lead = LeadForm {
            first_name: "".into(),
            last_name: "".into(),
            company_name: "".into(),
            ..valid()
        }
        .parse(&industries())
        .unwrap();
        let url = booking_url("https://cal.example/book?src=web#top", &lead).unwrap();
        assert!(
            url.starts_with("https://cal.example/book?src=web&email="),
            "{url}"
        );
        assert!(url.ends_with("#top"));
        assert!(!url.contains("name="), "blank values are left out: {url}");
    }

    #[test]
    fn refuses_non_http_bases() {
        let lead = valid().parse(&industries()).unwrap();
        for base in [
            "javascript:alert(1)",
            "",
            "ftp://cal.example",
            "https://cal .example",
        ] {
            assert_eq!(booking_url(base, &lead), None, "{base}");
        }
    }
}
