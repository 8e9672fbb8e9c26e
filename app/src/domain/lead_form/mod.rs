//! The lead capture form: one set of rules for the browser (WASM islands) and
//! the server, for the HTML form and the JSON API alike.
//!
//! - [`LeadForm`] holds the fields as an HTML form posts them (all strings);
//!   [`LeadRequest`] is the JSON `CreateLeadRequest` and converts into a
//!   `LeadForm`, so there is one parser: [`LeadForm::parse`]. The JSON API
//!   also takes the spec's documented labels (`"£10M+"`, `"1-3 months"`) and
//!   reports choice errors with the accepted values ([`api_values`]).
//! - `parse` reports every bad field at once as `(field, message)` pairs. A
//!   field of `"form"` is a form-level message (show it above the form).
//! - [`LeadForm::parse_step_one`] checks the first step of the two-step form
//!   ([`STEP_ONE_FIELDS`]) with the same rules.
//! - Spam checks ([`spam_check`]) run inside `parse`; a filled honeypot is
//!   [`SpamVerdict::Bot`], which the server may want to answer as if accepted.
//! - [`consent_purposes`] and [`booking_url`] turn a [`LeadSubmission`] into
//!   what is recorded and where the prospect can book a call.
//!
//! Decisions worth knowing:
//! - `source` left blank means `contact_page` on the HTML form and `api` on the
//!   JSON API (see [`LeadRequest`]); any other unknown value is an error.
//! - `time_on_site` is measured, not typed: values over a day (a tab left open)
//!   are clamped to 86,400 seconds; a negative or non-numeric value is an error.
//! - A `website` typed without a scheme (`acme.co.uk`) gets `https://` added.

pub mod api_values;
mod booking;
mod consent;
mod field_access;
mod parse;
mod request;
mod spam;

pub use booking::{booking_url, booking_url_for, percent_encode, BookingPrefill};
pub use consent::{
    consent_purposes, CONSENT_WORDING, CONSENT_WORDING_VERSION, PURPOSE_MARKETING_EMAIL,
    PURPOSE_RESPOND_TO_ENQUIRY,
};
pub use request::LeadRequest;
pub use spam::{
    honeypot_refusal, is_disposable_email_domain, spam_check, SpamVerdict, DISPOSABLE_EMAIL_DOMAINS,
};

use crate::domain::email::EmailAddress;
use crate::domain::lead_fields::{
    BudgetRange, Challenge, DecisionAuthority, EmployeeRange, IndustryRef, LeadSource,
    RevenueRange, Timeline,
};
use serde::{Deserialize, Serialize};

/// The hidden field people never fill (render it off-screen with
/// `autocomplete="off"` and `tabindex="-1"`); a value means a bot.
pub const HONEYPOT_FIELD: &str = "fax_number";

/// The fields asked on the first step of the two-step form. `industry_other`
/// belongs to the industry question (shown when "Other" is chosen).
pub const STEP_ONE_FIELDS: &[&str] = &[
    "email",
    "first_name",
    "company_name",
    "industry",
    "industry_other",
    "primary_challenge",
];

/// The lead form as posted: every field a string, blank when absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeadForm {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
    pub job_title: String,
    pub phone: String,
    pub website: String,
    /// A SIC code from the offered industries, or `"other"`.
    pub industry: String,
    /// The industry's name when `industry` is `"other"`.
    pub industry_other: String,
    pub annual_revenue_range: String,
    pub company_size_range: String,
    pub number_of_locations: String,
    pub primary_challenge: String,
    pub challenge_description: String,
    pub timeline: String,
    pub budget_range: String,
    pub decision_making_authority: String,
    pub source: String,
    pub source_detail: String,
    pub utm_campaign: String,
    pub utm_source: String,
    pub utm_medium: String,
    /// `"true"` or `"on"` when the marketing checkbox is ticked.
    pub consent_marketing: String,
    pub roi_calculation_id: String,
    /// Comma-separated case-study slugs.
    pub case_studies_viewed: String,
    /// Seconds.
    pub time_on_site: String,
    /// Honeypot: see [`HONEYPOT_FIELD`].
    pub fax_number: String,
}

/// A lead that passed every check: typed, trimmed, blanks as `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadSubmission {
    pub email: EmailAddress,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company_name: Option<String>,
    pub job_title: Option<String>,
    pub phone: Option<String>,
    /// Always starts with `http://` or `https://`.
    pub website: Option<String>,
    /// The chosen industry; `None` when the prospect chose "other".
    pub industry: Option<IndustryRef>,
    /// The industry typed in when "other" was chosen.
    pub industry_other: Option<String>,
    pub annual_revenue_range: RevenueRange,
    pub company_size_range: EmployeeRange,
    pub number_of_locations: Option<i64>,
    pub primary_challenge: Challenge,
    pub challenge_description: Option<String>,
    pub timeline: Timeline,
    pub budget_range: Option<BudgetRange>,
    pub decision_making_authority: DecisionAuthority,
    pub source: LeadSource,
    pub source_detail: Option<String>,
    pub utm_campaign: Option<String>,
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub consent_marketing: bool,
    /// Lowercase UUID text.
    pub roi_calculation_id: Option<String>,
    /// Distinct slugs, in the order given.
    pub case_studies_viewed: Vec<String>,
    /// Seconds, 0..=86,400.
    pub time_on_site: Option<i64>,
}

impl LeadSubmission {
    /// For `leads.industry_sic_code`: `None` for "other".
    pub fn industry_sic_code(&self) -> Option<&str> {
        self.industry.as_ref().map(|i| i.sic_code.as_str())
    }

    /// For `leads.industry_display_name`: the listed name or the typed one.
    pub fn industry_display_name(&self) -> Option<&str> {
        self.industry
            .as_ref()
            .map(|i| i.name.as_str())
            .or(self.industry_other.as_deref())
    }

    /// "First Last", trimmed; `None` when neither was given.
    pub fn full_name(&self) -> Option<String> {
        let name = format!(
            "{} {}",
            self.first_name.as_deref().unwrap_or(""),
            self.last_name.as_deref().unwrap_or("")
        );
        let name = name.trim();
        (!name.is_empty()).then(|| name.to_string())
    }

    /// What the prospect agreed to (see [`consent_purposes`]).
    pub fn consent_purposes(&self) -> Vec<&'static str> {
        consent_purposes(self.consent_marketing)
    }
}

impl LeadForm {
    /// Checks only the first step's fields ([`STEP_ONE_FIELDS`]), by running
    /// the full parser and keeping the errors that belong to step one — so the
    /// two steps can never disagree. A filled honeypot is reported too.
    pub fn parse_step_one(&self, industries: &[IndustryRef]) -> Result<(), Vec<(String, String)>> {
        match self.parse(industries) {
            Ok(_) => Ok(()),
            Err(errors) => {
                let step_one: Vec<(String, String)> = errors
                    .into_iter()
                    .filter(|(field, _)| {
                        field == "form" || STEP_ONE_FIELDS.contains(&field.as_str())
                    })
                    .collect();
                if step_one.is_empty() {
                    Ok(())
                } else {
                    Err(step_one)
                }
            }
        }
    }
}
