//! The email admins get when Tier-1 leads wait past the promised reply time.
//! Plain text, written here (no database) so it is tested on its own. (The
//! new-lead email to consultants is an editable template: see
//! `email_templates`.)

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
}
