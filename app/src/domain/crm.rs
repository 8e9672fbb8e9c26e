//! What a lead looks like in HubSpot (the CRM the consultancy syncs to):
//! the contact's properties, its lead status, and when a deal is opened.
//! Pure: the requests are sent by `services::crm`.

use serde_json::{json, Value};

/// A lead as the CRM needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrmLead {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub job_title: String,
    pub phone: String,
    pub website: String,
    pub status: String,
    /// `Tier_1` …
    pub tier: String,
    pub score: i64,
    pub estimated_value_minor: Option<i64>,
}

/// HubSpot's `hs_lead_status` for one of our statuses.
pub fn hubspot_lead_status(status: &str) -> &'static str {
    match status {
        "new" => "NEW",
        "contacted" => "ATTEMPTED_TO_CONTACT",
        "qualified" | "consultation_booked" => "CONNECTED",
        "proposal_sent" | "won" => "OPEN_DEAL",
        _ => "UNQUALIFIED",
    }
}

/// A deal is opened once the lead is qualified or further on (not lost).
pub fn wants_deal(status: &str) -> bool {
    matches!(
        status,
        "qualified" | "consultation_booked" | "proposal_sent" | "won"
    )
}

/// The body of `POST /crm/v3/objects/contacts/batch/upsert` (by email).
pub fn contact_upsert(lead: &CrmLead) -> Value {
    json!({
        "inputs": [{
            "idProperty": "email",
            "id": lead.email,
            "properties": {
                "email": lead.email,
                "firstname": lead.first_name,
                "lastname": lead.last_name,
                "company": lead.company,
                "jobtitle": lead.job_title,
                "phone": lead.phone,
                "website": lead.website,
                "hs_lead_status": hubspot_lead_status(&lead.status),
            }
        }]
    })
}

/// The contact id from the upsert's answer.
pub fn upserted_contact_id(answer: &Value) -> Option<String> {
    answer["results"][0]["id"].as_str().map(str::to_string)
}

/// The body of `POST /crm/v3/objects/deals`, tied to the contact
/// (HubSpot's deal-to-contact association is type 3).
pub fn new_deal(lead: &CrmLead, contact_id: &str) -> Value {
    let who = if lead.company.is_empty() {
        [lead.first_name.as_str(), lead.last_name.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        lead.company.clone()
    };
    let mut properties = json!({
        "dealname": format!("{who} (Causal Edge, {})", lead.tier.replace('_', " ")),
        "pipeline": "default",
        "dealstage": "qualifiedtobuy",
    });
    if let Some(minor) = lead.estimated_value_minor {
        properties["amount"] = json!(format!("{}.{:02}", minor / 100, minor % 100));
    }
    json!({
        "properties": properties,
        "associations": [{
            "to": { "id": contact_id },
            "types": [{ "associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3 }]
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(status: &str) -> CrmLead {
        CrmLead {
            email: "ana@acme.example".into(),
            first_name: "Ana".into(),
            last_name: "Silva".into(),
            company: "Acme Retail".into(),
            job_title: String::new(),
            phone: String::new(),
            website: String::new(),
            status: status.into(),
            tier: "Tier_1".into(),
            score: 88,
            estimated_value_minor: Some(4_500_050),
        }
    }

    #[test]
    fn contacts_are_upserted_by_email_with_their_status() {
        let body = contact_upsert(&lead("contacted"));
        assert_eq!(body["inputs"][0]["idProperty"], "email");
        assert_eq!(body["inputs"][0]["id"], "ana@acme.example");
        assert_eq!(
            body["inputs"][0]["properties"]["hs_lead_status"],
            "ATTEMPTED_TO_CONTACT"
        );
        assert_eq!(
            upserted_contact_id(&json!({"results": [{"id": "901"}]})),
            Some("901".into())
        );
        assert_eq!(upserted_contact_id(&json!({"results": []})), None);
    }

    #[test]
    fn deals_open_from_qualified_on() {
        assert!(!wants_deal("new") && !wants_deal("contacted") && !wants_deal("lost"));
        assert!(wants_deal("qualified") && wants_deal("won"));
        let deal = new_deal(&lead("qualified"), "901");
        assert_eq!(
            deal["properties"]["dealname"],
            "Acme Retail (Causal Edge, Tier 1)"
        );
        assert_eq!(deal["properties"]["amount"], "45000.50");
        assert_eq!(deal["associations"][0]["to"]["id"], "901");
        assert_eq!(deal["associations"][0]["types"][0]["associationTypeId"], 3);
    }
}
