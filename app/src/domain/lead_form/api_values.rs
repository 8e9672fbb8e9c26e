//! The public lead API's vocabulary. `POST /api/v1/leads` takes our wire
//! values (`under_2m`, `1-3_months`, `decision_maker` …) and also the labels
//! the platform spec documents for the `leads` table
//! (`"<£2M"`, `"£10M+"`, `"1-3 months"`, `"Decision maker"` …) wherever such
//! a label maps to one of ours. Its 422s list the accepted values instead of
//! the form's "Choose your company's annual revenue", which tells an
//! integrator nothing.
//!
//! Decisions worth knowing:
//! - A spec band wider than ours (`"£10M+"`, `"200+"`) is read as the lowest
//!   of our bands it covers (`10m_50m`, `200-1000`): a lead is never scored
//!   above what it declared.
//! - Labels match ignoring case, surrounding spaces and the dash used
//!   (`"£2M–£10M"` with an en dash is `"£2M-£10M"`).
//! - The spec documents no values for `primary_challenge` and `budget_range`,
//!   and its `source` values are ours; those take our wire values only.

use crate::domain::lead_fields::{
    BudgetRange, Challenge, DecisionAuthority, EmployeeRange, LeadSource, RevenueRange, Timeline,
};

/// The spec's labels and the wire value each stands for, per field.
const SPEC_LABELS: &[(&str, &[(&str, &str)])] = &[
    (
        "annual_revenue_range",
        &[
            ("<£2M", "under_2m"),
            ("£2M-£10M", "2m_10m"),
            ("£10M+", "10m_50m"),
        ],
    ),
    (
        "company_size_range",
        &[
            ("1-10", "1-10"),
            ("10-50", "10-50"),
            ("50-200", "50-200"),
            ("200+", "200-1000"),
        ],
    ),
    (
        "timeline",
        &[
            ("ASAP", "asap"),
            ("1-3 months", "1-3_months"),
            ("3-6 months", "3-6_months"),
            ("6+ months", "6+_months"),
        ],
    ),
    (
        "decision_making_authority",
        &[
            ("Decision maker", "decision_maker"),
            ("Influencer", "influencer"),
            ("Researcher", "researcher"),
        ],
    ),
];

fn spec_labels(field: &str) -> &'static [(&'static str, &'static str)] {
    SPEC_LABELS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&[], |(_, labels)| labels)
}

fn comparable(value: &str) -> String {
    value
        .trim()
        .replace(['–', '—'], "-")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `value` for `field` as our wire value: a spec label becomes the value it
/// maps to; anything else (our own values, blanks, mistakes) is returned as
/// given, for the form's parser to accept or report.
pub fn to_wire_value(field: &str, value: &str) -> String {
    let wanted = comparable(value);
    spec_labels(field)
        .iter()
        .find(|(label, _)| comparable(label) == wanted)
        .map_or_else(|| value.to_string(), |(_, wire)| (*wire).to_string())
}

/// Our wire values for a closed-set field of the lead request.
pub fn wire_values(field: &str) -> Option<Vec<&'static str>> {
    fn all<T: Copy>(items: &[T], as_str: fn(T) -> &'static str) -> Vec<&'static str> {
        items.iter().map(|i| as_str(*i)).collect()
    }
    Some(match field {
        "annual_revenue_range" => all(RevenueRange::ALL, RevenueRange::as_str),
        "company_size_range" => all(EmployeeRange::ALL, EmployeeRange::as_str),
        "primary_challenge" => all(Challenge::ALL, Challenge::as_str),
        "timeline" => all(Timeline::ALL, Timeline::as_str),
        "budget_range" => all(BudgetRange::ALL, BudgetRange::as_str),
        "decision_making_authority" => all(DecisionAuthority::ALL, DecisionAuthority::as_str),
        "source" => all(LeadSource::ALL, LeadSource::as_str),
        _ => return None,
    })
}

/// What an integrator should send for a closed-set field, e.g.
/// `annual_revenue_range: use one of under_2m, 2m_10m, … (or the spec's
/// labels "<£2M", "£2M-£10M", "£10M+").`
pub fn accepted_values_message(field: &str) -> Option<String> {
    let values = wire_values(field)?;
    let mut message = format!("{field}: use one of {}", values.join(", "));
    let labels: Vec<String> = spec_labels(field)
        .iter()
        .filter(|(label, wire)| label != wire)
        .map(|(label, _)| format!("\"{label}\""))
        .collect();
    if !labels.is_empty() {
        message.push_str(&format!(" (or the spec's labels {})", labels.join(", ")));
    }
    if field == "budget_range" {
        message.push_str(", or leave it out");
    }
    if field == "source" {
        message.push_str(", or leave it out for api");
    }
    message.push('.');
    Some(message)
}

/// The form parser's `(field, message)` errors as the API reports them: a
/// closed-set field's message lists the accepted values; an unknown industry
/// says where the codes come from. Other messages are already about the value
/// sent and are kept.
pub fn api_errors(errors: Vec<(String, String)>) -> Vec<(String, String)> {
    errors
        .into_iter()
        .map(|(field, message)| {
            let message = match field.as_str() {
                "industry" => INDUSTRY_MESSAGE.to_string(),
                other => accepted_values_message(other).unwrap_or(message),
            };
            (field, message)
        })
        .collect()
}

const INDUSTRY_MESSAGE: &str = "industry: use the SIC code of an industry we have published \
    case studies in (industry_sic_code in GET /api/v1/case-studies), or \"other\" with \
    industry_other.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_labels_map_to_our_values() {
        let cases = [
            ("annual_revenue_range", "<£2M", "under_2m"),
            ("annual_revenue_range", "£2M-£10M", "2m_10m"),
            ("annual_revenue_range", "£10M+", "10m_50m"),
            ("company_size_range", "200+", "200-1000"),
            ("company_size_range", "10-50", "10-50"),
            ("timeline", "ASAP", "asap"),
            ("timeline", "1-3 months", "1-3_months"),
            ("timeline", "3-6 months", "3-6_months"),
            ("timeline", "6+ months", "6+_months"),
            (
                "decision_making_authority",
                "Decision maker",
                "decision_maker",
            ),
            ("decision_making_authority", "Influencer", "influencer"),
            ("decision_making_authority", "Researcher", "researcher"),
        ];
        for (field, label, wire) in cases {
            assert_eq!(to_wire_value(field, label), wire, "{field} {label:?}");
        }
    }

    #[test]
    fn every_mapped_label_lands_on_a_value_the_parser_accepts() {
        for (field, labels) in SPEC_LABELS {
            let accepted = wire_values(field).unwrap();
            for (label, wire) in *labels {
                assert!(accepted.contains(wire), "{field}: {label:?} -> {wire:?}");
            }
        }
    }

    #[test]
    fn labels_match_whatever_the_case_spacing_or_dash() {
        assert_eq!(to_wire_value("timeline", "  asap "), "asap");
        assert_eq!(to_wire_value("timeline", "1-3  MONTHS"), "1-3_months");
        assert_eq!(
            to_wire_value("annual_revenue_range", "£2M–£10M"),
            "2m_10m",
            "an en dash is a dash"
        );
        assert_eq!(
            to_wire_value("decision_making_authority", "decision MAKER"),
            "decision_maker"
        );
    }

    #[test]
    fn other_values_pass_through_for_the_parser_to_judge() {
        assert_eq!(to_wire_value("timeline", "1-3_months"), "1-3_months");
        assert_eq!(to_wire_value("timeline", "next year"), "next year");
        assert_eq!(to_wire_value("timeline", ""), "");
        assert_eq!(
            to_wire_value("primary_challenge", "ASAP"),
            "ASAP",
            "labels belong to their own field"
        );
    }

    #[test]
    fn a_closed_field_error_lists_our_values_and_the_spec_labels() {
        let message = accepted_values_message("annual_revenue_range").unwrap();
        assert_eq!(
            message,
            "annual_revenue_range: use one of under_2m, 2m_10m, 10m_50m, 50m_250m, over_250m \
             (or the spec's labels \"<£2M\", \"£2M-£10M\", \"£10M+\")."
        );
        let size = accepted_values_message("company_size_range").unwrap();
        assert!(
            size.contains("(or the spec's labels \"200+\")"),
            "labels equal to our values are not repeated: {size}"
        );
        let challenge = accepted_values_message("primary_challenge").unwrap();
        assert!(challenge.contains("conversion, pricing") && !challenge.contains("spec"));
        assert_eq!(accepted_values_message("email"), None);
    }

    #[test]
    fn api_errors_rewrite_choice_messages_and_keep_the_rest() {
        let errors = vec![
            (
                "timeline".to_string(),
                "Choose when you'd like to start.".to_string(),
            ),
            ("email".to_string(), "Enter your email.".to_string()),
            ("industry".to_string(), "Choose an industry.".to_string()),
        ];
        let api = api_errors(errors);
        assert!(api[0]
            .1
            .starts_with("timeline: use one of asap, 1-3_months"));
        assert_eq!(api[1].1, "Enter your email.");
        assert!(api[2].1.contains("industry_sic_code"));
        assert_eq!(api[0].0, "timeline", "fields keep their names");
    }
}
