//! The email a consultant gets the moment a new lead is routed to them:
//! who, how good a fit and why, how soon to answer, and the link. Plain text,
//! written here (no database, no templates) so it is tested on its own.

use super::lead_capture::response_time;
use super::lead_fields::Tier;

/// What the email says about the lead.
pub struct NewLeadFacts<'a> {
    pub consultant_first_name: &'a str,
    pub lead_name: &'a str,
    pub company: &'a str,
    pub industry: &'a str,
    pub score: i64,
    pub tier: Tier,
    /// "Decision authority: Decision maker: full marks", strongest first.
    pub reasons: Vec<String>,
    /// The lead's page in the back office, absolute.
    pub url: &'a str,
}

/// (subject, body).
pub fn new_lead_email(facts: &NewLeadFacts<'_>) -> (String, String) {
    let who = if facts.lead_name.is_empty() {
        "A new lead".to_string()
    } else {
        facts.lead_name.to_string()
    };
    let at = if facts.company.is_empty() {
        String::new()
    } else {
        format!(" at {}", facts.company)
    };
    let subject = format!(
        "New {} lead: {who}{at} (score {})",
        facts.tier.label(),
        facts.score
    );
    let mut body = format!(
        "Hello {},\n\n{who}{at} ({}) has been routed to you.\n\
         Score {} of 100, {}: we promised a reply within {}.\n\n",
        facts.consultant_first_name,
        facts.industry,
        facts.score,
        facts.tier.label(),
        response_time(facts.tier),
    );
    if !facts.reasons.is_empty() {
        body.push_str("Why this score:\n");
        for reason in &facts.reasons {
            body.push_str(&format!("- {reason}\n"));
        }
        body.push('\n');
    }
    body.push_str(&format!("Open the lead: {}\n", facts.url));
    (subject, body)
}

/// A Tier-1 lead nobody contacted in time, as the admins' email lists it.
pub struct LateLead {
    pub name: String,
    pub company: String,
    /// How long it has waited, in words ("2 hours 5 minutes").
    pub waited: String,
    pub url: String,
}

/// (subject, body) of the email admins get when Tier-1 leads waited longer
/// than the promised reply time (`promise`, e.g. "1 hour") uncontacted.
pub fn late_leads_email(leads: &[LateLead], promise: &str) -> (String, String) {
    let subject = match leads.len() {
        1 => "A Tier 1 lead is waiting past the promised reply time".to_string(),
        n => format!("{n} Tier 1 leads are waiting past the promised reply time"),
    };
    let mut body = format!(
        "We promise Tier 1 prospects a reply within {promise}. Nobody has contacted these yet:\n\n"
    );
    for lead in leads {
        let who = match (lead.name.is_empty(), lead.company.is_empty()) {
            (true, true) => "A lead without a name".to_string(),
            (false, true) => lead.name.to_string(),
            (true, false) => format!("Someone at {}", lead.company),
            (false, false) => format!("{} at {}", lead.name, lead.company),
        };
        body.push_str(&format!("- {who}, waiting {}: {}\n", lead.waited, lead.url));
    }
    body.push_str("\nOpen a lead to contact them or pass it to another consultant.\n");
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_who_how_good_and_where() {
        let (subject, body) = new_lead_email(&NewLeadFacts {
            consultant_first_name: "Priya",
            lead_name: "Maya Patel",
            company: "Northwind Retail",
            industry: "E-commerce retail",
            score: 82,
            tier: Tier::Tier1,
            reasons: vec!["Decision authority: full marks".into()],
            url: "https://ce.example/admin/leads/abc",
        });
        assert_eq!(
            subject,
            "New Tier 1 lead: Maya Patel at Northwind Retail (score 82)"
        );
        assert!(body.starts_with("Hello Priya,"));
        assert!(body.contains("reply within 1 hour"));
        assert!(body.contains("- Decision authority: full marks"));
        assert!(body.ends_with("Open the lead: https://ce.example/admin/leads/abc\n"));
    }

    #[test]
    fn late_leads_are_listed_for_admins() {
        let (subject, body) = late_leads_email(
            &[
                LateLead {
                    name: "Maya Patel".into(),
                    company: "Northwind".into(),
                    waited: "2 hours".into(),
                    url: "https://x/admin/leads/1".into(),
                },
                LateLead {
                    name: String::new(),
                    company: String::new(),
                    waited: "75 minutes".into(),
                    url: "https://x/admin/leads/2".into(),
                },
            ],
            "1 hour",
        );
        assert_eq!(
            subject,
            "2 Tier 1 leads are waiting past the promised reply time"
        );
        assert!(body.contains("reply within 1 hour"));
        assert!(
            body.contains("- Maya Patel at Northwind, waiting 2 hours: https://x/admin/leads/1")
        );
        assert!(
            body.contains("- A lead without a name, waiting 75 minutes: https://x/admin/leads/2")
        );
    }

    #[test]
    fn a_lead_without_name_or_company_reads_naturally() {
        let (subject, body) = new_lead_email(&NewLeadFacts {
            consultant_first_name: "Tom",
            lead_name: "",
            company: "",
            industry: "Cinemas",
            score: 40,
            tier: Tier::Tier3,
            reasons: vec![],
            url: "/x",
        });
        assert_eq!(subject, "New Tier 3 lead: A new lead (score 40)");
        assert!(body.contains("A new lead (Cinemas) has been routed to you."));
        assert!(!body.contains("Why this score"));
    }
}
