//! The calculator form as a URL query and back: the "change inputs" links,
//! the no-JavaScript round trip, and the server's redirect after a failed check.

use super::RoiForm;

/// The form as a URL query (for "change inputs" links and the no-JavaScript
/// round trip), percent-encoded.
pub fn form_query(form: &RoiForm) -> String {
    let encode = crate::domain::lead_form::percent_encode;
    let mut parts = vec![
        format!("industry={}", encode(&form.industry)),
        format!("annual_revenue={}", encode(&form.annual_revenue)),
        format!("locations={}", encode(&form.locations)),
        format!("company_size={}", encode(&form.company_size)),
        format!("challenge={}", encode(&form.challenge)),
    ];
    for solution in &form.current_solutions {
        parts.push(format!("current_solution={}", encode(solution)));
    }
    parts.join("&")
}

/// The form from a URL query (the inverse of [`form_query`]), with defaults
/// for a first visit.
pub fn form_from_query(pairs: &[(String, String)]) -> RoiForm {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    RoiForm {
        industry: get("industry").unwrap_or_default(),
        annual_revenue: get("annual_revenue").unwrap_or_default(),
        locations: get("locations").unwrap_or_default(),
        company_size: get("company_size").unwrap_or_else(|| "mid_market".to_string()),
        challenge: get("challenge").unwrap_or_else(|| "conversion".to_string()),
        current_solutions: pairs
            .iter()
            .filter(|(k, _)| k == "current_solution")
            .map(|(_, v)| v.clone())
            .collect(),
    }
}
