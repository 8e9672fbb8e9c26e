//! The JSON `CreateLeadRequest` of `POST /api/v1/leads`. It converts into a
//! [`LeadForm`] so the API and the HTML form share one parser. Every field
//! defaults when missing, so a missing required field is reported by name by
//! `LeadForm::parse` rather than as a deserialisation error. The closed-set
//! fields also take the spec's labels (see [`super::api_values`]).

use super::api_values::to_wire_value;
use super::LeadForm;
use crate::domain::lead_fields::LeadSource;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeadRequest {
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company_name: Option<String>,
    pub job_title: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// A SIC code, or `"other"` with `industry_other`.
    pub industry: String,
    pub industry_other: Option<String>,
    pub annual_revenue_range: String,
    pub company_size_range: String,
    pub number_of_locations: Option<i64>,
    pub primary_challenge: String,
    pub challenge_description: Option<String>,
    pub timeline: String,
    pub budget_range: Option<String>,
    pub decision_making_authority: String,
    /// Blank means `api`.
    pub source: String,
    pub source_detail: Option<String>,
    pub utm_campaign: Option<String>,
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub consent_marketing: bool,
    pub case_studies_viewed: Option<Vec<String>>,
    pub roi_calculation_id: Option<String>,
    pub time_on_site: Option<i64>,
}

impl From<LeadRequest> for LeadForm {
    fn from(r: LeadRequest) -> LeadForm {
        let source = if r.source.trim().is_empty() {
            LeadSource::Api.as_str().to_string()
        } else {
            r.source
        };
        LeadForm {
            email: r.email,
            first_name: r.first_name.unwrap_or_default(),
            last_name: r.last_name.unwrap_or_default(),
            company_name: r.company_name.unwrap_or_default(),
            job_title: r.job_title.unwrap_or_default(),
            phone: r.phone.unwrap_or_default(),
            website: r.website.unwrap_or_default(),
            industry: r.industry,
            industry_other: r.industry_other.unwrap_or_default(),
            annual_revenue_range: to_wire_value("annual_revenue_range", &r.annual_revenue_range),
            company_size_range: to_wire_value("company_size_range", &r.company_size_range),
            number_of_locations: r
                .number_of_locations
                .map(|n| n.to_string())
                .unwrap_or_default(),
            primary_challenge: r.primary_challenge,
            challenge_description: r.challenge_description.unwrap_or_default(),
            timeline: to_wire_value("timeline", &r.timeline),
            budget_range: r.budget_range.unwrap_or_default(),
            decision_making_authority: to_wire_value(
                "decision_making_authority",
                &r.decision_making_authority,
            ),
            source,
            source_detail: r.source_detail.unwrap_or_default(),
            utm_campaign: r.utm_campaign.unwrap_or_default(),
            utm_source: r.utm_source.unwrap_or_default(),
            utm_medium: r.utm_medium.unwrap_or_default(),
            consent_marketing: if r.consent_marketing { "true" } else { "" }.to_string(),
            roi_calculation_id: r.roi_calculation_id.unwrap_or_default(),
            case_studies_viewed: r.case_studies_viewed.unwrap_or_default().join(","),
            time_on_site: r.time_on_site.map(|t| t.to_string()).unwrap_or_default(),
            fax_number: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::tests::industries;
    use super::*;
    use crate::domain::lead_fields::{
        Challenge, DecisionAuthority, EmployeeRange, LeadSource, RevenueRange, Timeline,
    };

    #[test]
    fn a_json_request_goes_through_the_same_parser() {
        let json = r#"{
            "email": "ops@example.org", "first_name": "Ana", "industry": "47110",
            "annual_revenue_range": "over_250m", "company_size_range": "1000+",
            "number_of_locations": 340, "primary_challenge": "basket_value",
            "timeline": "asap", "decision_making_authority": "influencer",
            "consent_marketing": true, "case_studies_viewed": ["grocer-basket"],
            "time_on_site": 95
        }"#;
        let request: LeadRequest = serde_json::from_str(json).unwrap();
        let lead = LeadForm::from(request).parse(&industries()).unwrap();
        assert_eq!(
            lead.source,
            LeadSource::Api,
            "blank source from the API means api"
        );
        assert_eq!(lead.primary_challenge, Challenge::BasketValue);
        assert_eq!(lead.number_of_locations, Some(340));
        assert_eq!(lead.case_studies_viewed, ["grocer-basket"]);
        assert_eq!(lead.time_on_site, Some(95));
        assert!(lead.consent_marketing);
    }

    #[test]
    fn the_specs_documented_values_are_accepted() {
        let json = r#"{
            "email": "ops@example.org", "industry": "47110",
            "annual_revenue_range": "£10M+", "company_size_range": "200+",
            "primary_challenge": "pricing", "timeline": "1-3 months",
            "decision_making_authority": "Decision maker", "source": "referral"
        }"#;
        let request: LeadRequest = serde_json::from_str(json).unwrap();
        let lead = LeadForm::from(request).parse(&industries()).unwrap();
        assert_eq!(lead.annual_revenue_range, RevenueRange::From10mTo50m);
        assert_eq!(lead.company_size_range, EmployeeRange::UpTo1000);
        assert_eq!(lead.timeline, Timeline::OneToThreeMonths);
        assert_eq!(
            lead.decision_making_authority,
            DecisionAuthority::DecisionMaker
        );
    }

    #[test]
    fn missing_required_json_fields_are_named() {
        let request: LeadRequest = serde_json::from_str(r#"{"email": "x@example.org"}"#).unwrap();
        let errors = LeadForm::from(request).parse(&industries()).unwrap_err();
        assert!(errors.iter().any(|(f, _)| f == "industry"));
        assert!(errors.iter().any(|(f, _)| f == "timeline"));
        assert!(!errors.iter().any(|(f, _)| f == "source"));
    }
}
