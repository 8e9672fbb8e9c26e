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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a browser or server does with the query: split, then
    /// percent-decode each name and value (`+` as a space).
    fn decode_query(query: &str) -> Vec<(String, String)> {
        let decode = |text: &str| {
            let bytes = text.as_bytes();
            let mut out = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'%' if i + 2 < bytes.len() => {
                        let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                        out.push(u8::from_str_radix(hex, 16).unwrap());
                        i += 3;
                    }
                    b'+' => {
                        out.push(b' ');
                        i += 1;
                    }
                    b => {
                        out.push(b);
                        i += 1;
                    }
                }
            }
            String::from_utf8(out).unwrap()
        };
        query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(name), decode(value))
            })
            .collect()
    }

    #[test]
    fn a_filled_form_survives_the_trip() {
        let form = RoiForm {
            industry: "4791".into(),
            annual_revenue: "£2.5m & more".into(),
            locations: "12".into(),
            company_size: "enterprise".into(),
            challenge: "pricing".into(),
            current_solutions: vec!["web_analytics".into(), "ab_testing_tool".into()],
        };
        assert_eq!(form_from_query(&decode_query(&form_query(&form))), form);
    }

    #[test]
    fn a_first_visit_gets_the_defaults() {
        let form = form_from_query(&[]);
        assert_eq!(form.company_size, "mid_market");
        assert_eq!(form.challenge, "conversion");
        assert!(form.current_solutions.is_empty());
    }

    proptest! {
        /// Whatever was typed (ampersands, equals signs, percent signs,
        /// non-ASCII) comes back exactly.
        #[test]
        fn any_form_round_trips(
            industry in ".{0,30}", revenue in ".{0,30}", locations in ".{0,10}",
            size in ".{1,20}", challenge in ".{1,20}",
            solutions in proptest::collection::vec(".{0,20}", 0..4),
        ) {
            let form = RoiForm {
                industry,
                annual_revenue: revenue,
                locations,
                company_size: size,
                challenge,
                current_solutions: solutions,
            };
            prop_assert_eq!(form_from_query(&decode_query(&form_query(&form))), form);
        }
    }
}
