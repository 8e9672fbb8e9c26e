//! What the calculator is asked: the form as typed (`RoiForm`), the spec's
//! JSON request (`RoiRequest`), and the checked input both become (`RoiInput`).
//! Both parse with the same field rules and report every bad field at once,
//! as `(field name, message)` pairs named after their own fields.

use super::field_rules::{self as rules, Errors};
use crate::domain::lead_fields::{Challenge, CurrentSolution, IndustryRef};
use crate::domain::showcase::CompanySize;
use serde::{Deserialize, Serialize};

/// The calculator form as typed (used by the island and the no-JS form post).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoiForm {
    /// SIC code, exact industry name, or "other".
    pub industry: String,
    /// E.g. "2500000", "2,500,000", "£2.5m", "2.5M", "750k", "1.2bn".
    pub annual_revenue: String,
    /// Optional; blank when it doesn't apply.
    pub locations: String,
    /// `smb`, `mid_market` or `enterprise`.
    pub company_size: String,
    /// A `Challenge` wire value.
    pub challenge: String,
    /// `CurrentSolution` wire values.
    pub current_solutions: Vec<String>,
}

/// The spec's JSON request for `POST /api/v1/roi-calculator/estimate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoiRequest {
    /// SIC code, exact industry name (any case), or "other".
    pub industry: String,
    pub annual_revenue: f64,
    #[serde(default)]
    pub number_of_locations: Option<i64>,
    /// "SMB", "Mid-Market" or "Enterprise" (smb / mid_market / enterprise too).
    pub company_size_category: String,
    /// A `Challenge` wire value.
    pub primary_challenge: String,
    #[serde(default)]
    pub current_solutions: Option<Vec<String>>,
}

/// A checked calculator input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoiInput {
    /// `None` means "other": an industry with no published studies.
    pub industry: Option<IndustryRef>,
    pub annual_revenue_gbp: f64,
    pub locations: Option<u32>,
    pub company_size: CompanySize,
    pub challenge: Challenge,
    pub current_solutions: Vec<CurrentSolution>,
}

impl RoiForm {
    /// Checks every field against `industries` (usually
    /// [`known_industries`](super::known_industries) of the evidence).
    pub fn parse(&self, industries: &[IndustryRef]) -> Result<RoiInput, Vec<(String, String)>> {
        let mut errors = Errors::default();
        let input = build(
            errors.check("industry", rules::industry(&self.industry, industries)),
            errors.check("annual_revenue", rules::revenue_text(&self.annual_revenue)),
            errors.check("locations", rules::locations_text(&self.locations)),
            errors.check("company_size", rules::company_size(&self.company_size)),
            errors.check("challenge", rules::challenge(&self.challenge)),
            errors.check(
                "current_solutions",
                rules::current_solutions(&self.current_solutions),
            ),
        );
        input.ok_or(errors.0)
    }
}

impl RoiRequest {
    /// Checks every field; error field names are this struct's.
    pub fn parse(&self, industries: &[IndustryRef]) -> Result<RoiInput, Vec<(String, String)>> {
        let mut errors = Errors::default();
        let input = build(
            errors.check("industry", rules::industry(&self.industry, industries)),
            errors.check("annual_revenue", rules::revenue_amount(self.annual_revenue)),
            errors.check(
                "number_of_locations",
                rules::locations_count(self.number_of_locations),
            ),
            errors.check(
                "company_size_category",
                rules::company_size(&self.company_size_category),
            ),
            errors.check(
                "primary_challenge",
                rules::challenge(&self.primary_challenge),
            ),
            errors.check(
                "current_solutions",
                rules::current_solutions(self.current_solutions.as_deref().unwrap_or_default()),
            ),
        );
        input.ok_or(errors.0)
    }
}

impl From<&RoiInput> for RoiForm {
    /// The form that parses back to this input (for "change the inputs" links).
    fn from(input: &RoiInput) -> RoiForm {
        RoiForm {
            industry: input
                .industry
                .as_ref()
                .map(|i| i.sic_code.clone())
                .unwrap_or_else(|| crate::domain::lead_fields::OTHER_INDUSTRY.to_string()),
            annual_revenue: format!("{}", input.annual_revenue_gbp),
            locations: input.locations.map(|n| n.to_string()).unwrap_or_default(),
            company_size: input.company_size.as_str().to_string(),
            challenge: input.challenge.as_str().to_string(),
            current_solutions: input
                .current_solutions
                .iter()
                .map(|s| s.as_str().to_string())
                .collect(),
        }
    }
}

/// The input as (question, answer) pairs people can read.
pub fn describe_input(input: &RoiInput) -> Vec<(String, String)> {
    let mut rows = vec![
        (
            "Industry".to_string(),
            input
                .industry
                .as_ref()
                .map(|i| i.name.clone())
                .unwrap_or_else(|| "Another industry".to_string()),
        ),
        (
            "Annual revenue".to_string(),
            format!(
                "£{}",
                crate::domain::lift::group_thousands(input.annual_revenue_gbp)
            ),
        ),
        (
            "Company size".to_string(),
            input.company_size.label().to_string(),
        ),
        (
            "Main challenge".to_string(),
            input.challenge.label().to_string(),
        ),
    ];
    if let Some(n) = input.locations {
        rows.push(("Locations".to_string(), n.to_string()));
    }
    if !input.current_solutions.is_empty() {
        let used: Vec<&str> = input.current_solutions.iter().map(|s| s.label()).collect();
        rows.push(("Uses today".to_string(), used.join(", ")));
    }
    rows
}

fn build(
    industry: Option<Option<IndustryRef>>,
    annual_revenue_gbp: Option<f64>,
    locations: Option<Option<u32>>,
    company_size: Option<CompanySize>,
    challenge: Option<Challenge>,
    current_solutions: Option<Vec<CurrentSolution>>,
) -> Option<RoiInput> {
    Some(RoiInput {
        industry: industry?,
        annual_revenue_gbp: annual_revenue_gbp?,
        locations: locations?,
        company_size: company_size?,
        challenge: challenge?,
        current_solutions: current_solutions?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_parsed_input_writes_back_to_a_form_that_parses_to_it() {
        let form = RoiForm {
            industry: "5510".into(),
            annual_revenue: "£2.5m".into(),
            locations: "12".into(),
            company_size: "smb".into(),
            challenge: "pricing".into(),
            current_solutions: vec!["agency".into()],
        };
        let input = form.parse(&industries()).unwrap();
        assert_eq!(RoiForm::from(&input).parse(&industries()).unwrap(), input);
        let described = describe_input(&input);
        assert!(described.contains(&("Annual revenue".to_string(), "£2,500,000".to_string())));
    }

    fn industries() -> Vec<IndustryRef> {
        vec![
            IndustryRef {
                sic_code: "4791".into(),
                name: "E-commerce retail".into(),
            },
            IndustryRef {
                sic_code: "5510".into(),
                name: "Hotels & hospitality".into(),
            },
        ]
    }

    fn good_form() -> RoiForm {
        RoiForm {
            industry: "4791".into(),
            annual_revenue: "£20m".into(),
            locations: "".into(),
            company_size: "mid_market".into(),
            challenge: "conversion".into(),
            current_solutions: vec!["web_analytics".into(), "ab_testing_tool".into()],
        }
    }

    #[test]
    fn a_good_form_parses() {
        let input = good_form().parse(&industries()).unwrap();
        assert_eq!(input.industry.unwrap().name, "E-commerce retail");
        assert_eq!(input.annual_revenue_gbp, 20_000_000.0);
        assert_eq!(input.locations, None);
        assert_eq!(input.company_size, CompanySize::MidMarket);
        assert_eq!(input.challenge, Challenge::Conversion);
        assert_eq!(
            input.current_solutions,
            [
                CurrentSolution::WebAnalytics,
                CurrentSolution::AbTestingTool
            ]
        );
    }

    #[test]
    fn other_means_no_industry() {
        let form = RoiForm {
            industry: "Other".into(),
            ..good_form()
        };
        assert_eq!(form.parse(&industries()).unwrap().industry, None);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let form = RoiForm {
            industry: "xyz".into(),
            annual_revenue: "-5".into(),
            locations: "0".into(),
            company_size: "".into(),
            challenge: "".into(),
            current_solutions: vec!["x".into()],
        };
        let errors = form.parse(&industries()).unwrap_err();
        assert_eq!(
            errors,
            [
                (
                    "industry",
                    "Unknown industry 'xyz' — choose one from the list, or Other"
                ),
                ("annual_revenue", "Annual revenue must be more than zero"),
                (
                    "locations",
                    "A business with locations has at least one; leave it blank if that doesn't apply"
                ),
                ("company_size", "Choose a company size"),
                ("challenge", "Choose the challenge you most want help with"),
                ("current_solutions", "Unknown current solution 'x'"),
            ]
            .map(|(f, m)| (f.to_string(), m.to_string()))
        );
    }

    #[test]
    fn the_json_request_uses_its_own_field_names_and_the_spec_labels() {
        let request: RoiRequest = serde_json::from_str(
            r#"{"industry": "e-commerce RETAIL", "annual_revenue": 20000000,
                "number_of_locations": 12, "company_size_category": "Mid-Market",
                "primary_challenge": "conversion"}"#,
        )
        .unwrap();
        let input = request.parse(&industries()).unwrap();
        assert_eq!(input.industry.unwrap().sic_code, "4791");
        assert_eq!(input.locations, Some(12));
        assert!(input.current_solutions.is_empty());

        let bad = RoiRequest {
            industry: "4791".into(),
            annual_revenue: 0.0,
            number_of_locations: Some(0),
            company_size_category: "Giant".into(),
            primary_challenge: "world peace".into(),
            current_solutions: None,
        };
        let fields: Vec<String> = bad
            .parse(&industries())
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            [
                "annual_revenue",
                "number_of_locations",
                "company_size_category",
                "primary_challenge"
            ]
        );
    }

    proptest! {
        #[test]
        fn parsing_never_panics(
            industry in "\\PC{0,30}",
            revenue in "\\PC{0,30}",
            locations in "\\PC{0,20}",
            size in "\\PC{0,20}",
            challenge in "\\PC{0,20}",
            solutions in prop::collection::vec("\\PC{0,20}", 0..8),
            money in "[-£$ ,.0-9kmbnt]{0,16}",
        ) {
            let form = RoiForm {
                industry,
                annual_revenue: revenue,
                locations,
                company_size: size,
                challenge,
                current_solutions: solutions,
            };
            let _ = form.parse(&industries());
            let _ = RoiForm { annual_revenue: money, ..good_form() }.parse(&industries());
        }

        #[test]
        fn parsed_revenue_is_always_positive_finite_and_bounded(text in "[-£$ ,.0-9kmbnt]{0,16}") {
            if let Ok(input) = (RoiForm { annual_revenue: text, ..good_form() }).parse(&industries()) {
                prop_assert!(input.annual_revenue_gbp > 0.0 && input.annual_revenue_gbp <= 1e12);
            }
        }

        #[test]
        fn any_request_number_parses_or_explains(revenue in prop::num::f64::ANY, locations in prop::num::i64::ANY) {
            let request = RoiRequest {
                industry: "other".into(),
                annual_revenue: revenue,
                number_of_locations: Some(locations),
                company_size_category: "SMB".into(),
                primary_challenge: "pricing".into(),
                current_solutions: Some(vec![]),
            };
            match request.parse(&industries()) {
                Ok(input) => prop_assert!(input.annual_revenue_gbp.is_finite() && input.locations.is_some()),
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
        }
    }
}
