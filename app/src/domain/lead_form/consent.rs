//! What the prospect agreed to. Answering the enquiry needs no tick (it is
//! the legitimate interest of replying to their own request); marketing email
//! needs the box ticked. Record the version with the lead so the exact wording
//! shown can be proved later; change the version whenever the wording changes.

/// Identifies [`CONSENT_WORDING`]; store it with `consent_date`.
pub const CONSENT_WORDING_VERSION: &str = "2026-12-marketing-v2";

/// The sentence next to the marketing checkbox.
pub const CONSENT_WORDING: &str = "Yes, email me a few follow-ups about my enquiry and, later, \
     new case studies from Causal Edge. Each email has a one-click unsubscribe link.";

/// Always recorded: we use the details to answer this enquiry.
pub const PURPOSE_RESPOND_TO_ENQUIRY: &str = "respond_to_enquiry";

/// Recorded only when the marketing box was ticked.
pub const PURPOSE_MARKETING_EMAIL: &str = "marketing_email";

/// The purposes the lead's data may be used for.
pub fn consent_purposes(consent_marketing: bool) -> Vec<&'static str> {
    let mut purposes = vec![PURPOSE_RESPOND_TO_ENQUIRY];
    if consent_marketing {
        purposes.push(PURPOSE_MARKETING_EMAIL);
    }
    purposes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answering_is_always_recorded_and_marketing_only_when_ticked() {
        assert_eq!(consent_purposes(false), ["respond_to_enquiry"]);
        assert_eq!(
            consent_purposes(true),
            ["respond_to_enquiry", "marketing_email"]
        );
    }
}
