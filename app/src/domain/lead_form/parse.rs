//! `LeadForm::parse`: every field's rule, every error reported at once.

use super::spam::{spam_check, SpamVerdict};
use super::{LeadForm, LeadSubmission};
use crate::domain::email::EmailAddress;
use crate::domain::lead_fields::{
    BudgetRange, Challenge, DecisionAuthority, EmployeeRange, IndustryRef, LeadSource,
    RevenueRange, Timeline, OTHER_INDUSTRY,
};
use crate::domain::showcase::Slug;

pub(super) const MAX_NAME: usize = 100;
pub(super) const MAX_COMPANY: usize = 200;
pub(super) const MAX_JOB_TITLE: usize = 200;
pub(super) const MAX_DESCRIPTION: usize = 2000;
pub(super) const MAX_UTM: usize = 255;
const MAX_SOURCE_DETAIL: usize = 255;
const MAX_INDUSTRY_OTHER: usize = 100;
const MAX_LOCATIONS: i64 = 100_000;
const MAX_CASE_STUDIES: usize = 50;
const MAX_TIME_ON_SITE: i64 = 86_400;

struct Checker {
    errors: Vec<(String, String)>,
}

impl Checker {
    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push((field.to_string(), message.into()));
    }

    fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|(f, _)| f == field)
    }

    /// Trimmed optional text of at most `max` characters.
    fn optional(&mut self, field: &str, label: &str, value: &str, max: usize) -> Option<String> {
        let value = value.trim();
        if value.chars().count() > max {
            self.fail(
                field,
                format!("{label} is too long (at most {max} characters)."),
            );
        }
        (!value.is_empty()).then(|| value.to_string())
    }

    /// A required choice from a closed set; `message` asks for it.
    fn choice<T>(
        &mut self,
        field: &str,
        value: &str,
        parse: fn(&str) -> Option<T>,
        message: &str,
    ) -> Option<T> {
        let parsed = parse(value);
        if parsed.is_none() {
            self.fail(field, message);
        }
        parsed
    }
}

fn phone(value: &str) -> Result<Option<String>, String> {
    crate::domain::contact_fields::Phone::parse(value).map(|p| p.map(|p| p.into_inner()))
}

fn website(value: &str) -> Result<Option<String>, String> {
    crate::domain::contact_fields::WebUrl::parse(value).map(|u| u.map(|u| u.into_inner()))
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex, returned lowercase.
pub(super) fn uuid_shaped(value: &str) -> Option<String> {
    let value = value.trim();
    let groups: Vec<&str> = value.split('-').collect();
    let shaped = groups.len() == 5
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()));
    shaped.then(|| value.to_ascii_lowercase())
}

fn industry(
    c: &mut Checker,
    code: &str,
    other: &str,
    industries: &[IndustryRef],
) -> (Option<IndustryRef>, Option<String>) {
    let code = code.trim();
    if code.is_empty() {
        c.fail(
            "industry",
            "Choose your industry, or “Other” and type it in.",
        );
        return (None, None);
    }
    if code.eq_ignore_ascii_case(OTHER_INDUSTRY) {
        let name = c.optional(
            "industry_other",
            "The industry name",
            other,
            MAX_INDUSTRY_OTHER,
        );
        if name.is_none() {
            c.fail("industry_other", "Tell us which industry you work in.");
        }
        return (None, name);
    }
    match industries.iter().find(|i| i.sic_code == code) {
        Some(found) => (Some(found.clone()), None),
        None => {
            c.fail(
                "industry",
                "Choose an industry from the list, or “Other” and type it in.",
            );
            (None, None)
        }
    }
}

fn case_studies(value: &str) -> Result<Vec<String>, String> {
    let mut slugs: Vec<String> = Vec::new();
    for part in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let slug = Slug::parse(part).map_err(|_| {
            let shown: String = part.chars().take(40).collect();
            format!(
                "“{shown}” is not a case-study reference (lowercase letters, digits and hyphens)."
            )
        })?;
        if !slugs.iter().any(|s| s == slug.as_str()) {
            slugs.push(slug.as_str().to_string());
        }
    }
    if slugs.len() > MAX_CASE_STUDIES {
        return Err(format!(
            "At most {MAX_CASE_STUDIES} viewed case studies can be recorded."
        ));
    }
    Ok(slugs)
}

fn time_on_site(value: &str) -> Result<Option<i64>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i64>() {
        Ok(secs) if secs >= 0 => Ok(Some(secs.min(MAX_TIME_ON_SITE))),
        _ => Err("Time on site must be a whole number of seconds, 0 or more.".into()),
    }
}

fn is_ticked(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "true" | "on" | "1" | "yes"
    )
}

impl LeadForm {
    /// Checks every field and returns the typed submission, or every problem
    /// as `(field, message)`; `industries` are the SIC codes the form offers.
    pub fn parse(
        &self,
        industries: &[IndustryRef],
    ) -> Result<LeadSubmission, Vec<(String, String)>> {
        let mut c = Checker { errors: Vec::new() };

        let email = EmailAddress::parse(&self.email)
            .map_err(|e| c.fail("email", e.to_string()))
            .ok();
        let first_name = c.optional("first_name", "First name", &self.first_name, MAX_NAME);
        let last_name = c.optional("last_name", "Last name", &self.last_name, MAX_NAME);
        let company_name = c.optional(
            "company_name",
            "Company name",
            &self.company_name,
            MAX_COMPANY,
        );
        let job_title = c.optional("job_title", "Job title", &self.job_title, MAX_JOB_TITLE);
        let phone = phone(&self.phone).unwrap_or_else(|m| {
            c.fail("phone", m);
            None
        });
        let website = website(&self.website).unwrap_or_else(|m| {
            c.fail("website", m);
            None
        });
        let (industry, industry_other) =
            industry(&mut c, &self.industry, &self.industry_other, industries);
        let revenue = c.choice(
            "annual_revenue_range",
            &self.annual_revenue_range,
            RevenueRange::parse,
            "Choose your company's annual revenue.",
        );
        let size = c.choice(
            "company_size_range",
            &self.company_size_range,
            EmployeeRange::parse,
            "Choose how many people work at the company.",
        );
        let number_of_locations = match self.number_of_locations.trim().replace(',', "") {
            blank if blank.is_empty() => None,
            n => match n.parse::<i64>() {
                Ok(v) if (1..=MAX_LOCATIONS).contains(&v) => Some(v),
                _ => {
                    c.fail(
                        "number_of_locations",
                        "Enter a whole number of locations from 1 to 100,000.",
                    );
                    None
                }
            },
        };
        let challenge = c.choice(
            "primary_challenge",
            &self.primary_challenge,
            Challenge::parse,
            "Choose the challenge you most want help with.",
        );
        let challenge_description = c.optional(
            "challenge_description",
            "The description",
            &self.challenge_description,
            MAX_DESCRIPTION,
        );
        let timeline = c.choice(
            "timeline",
            &self.timeline,
            Timeline::parse,
            "Choose when you'd like to start.",
        );
        let budget_range = match self.budget_range.trim() {
            "" => None,
            value => c.choice(
                "budget_range",
                value,
                BudgetRange::parse,
                "Choose one of the listed budgets, or leave it blank.",
            ),
        };
        let authority = c.choice(
            "decision_making_authority",
            &self.decision_making_authority,
            DecisionAuthority::parse,
            "Tell us your part in the decision.",
        );
        let source = match self.source.trim() {
            "" => Some(LeadSource::ContactPage),
            value => {
                let allowed: Vec<&str> = LeadSource::ALL.iter().map(|s| s.as_str()).collect();
                c.choice(
                    "source",
                    value,
                    LeadSource::parse,
                    &format!("Unknown source; use one of: {}.", allowed.join(", ")),
                )
            }
        };
        let source_detail = c.optional(
            "source_detail",
            "The source detail",
            &self.source_detail,
            MAX_SOURCE_DETAIL,
        );
        let utm_campaign = c.optional("utm_campaign", "utm_campaign", &self.utm_campaign, MAX_UTM);
        let utm_source = c.optional("utm_source", "utm_source", &self.utm_source, MAX_UTM);
        let utm_medium = c.optional("utm_medium", "utm_medium", &self.utm_medium, MAX_UTM);
        let roi_calculation_id = match self.roi_calculation_id.trim() {
            "" => None,
            value => uuid_shaped(value).or_else(|| {
                c.fail(
                    "roi_calculation_id",
                    "We couldn't link your ROI estimate — please run the calculator again.",
                );
                None
            }),
        };
        let case_studies_viewed = case_studies(&self.case_studies_viewed).unwrap_or_else(|m| {
            c.fail("case_studies_viewed", m);
            Vec::new()
        });
        let time_on_site = time_on_site(&self.time_on_site).unwrap_or_else(|m| {
            c.fail("time_on_site", m);
            None
        });

        match spam_check(self) {
            SpamVerdict::Clean => {}
            SpamVerdict::Bot { message } => c.fail("form", message),
            SpamVerdict::Suspicious(findings) => {
                for (field, message) in findings {
                    if !c.has_error(&field) {
                        c.fail(&field, message);
                    }
                }
            }
        }

        match (email, revenue, size, challenge, timeline, authority, source) {
            (
                Some(email),
                Some(revenue),
                Some(size),
                Some(challenge),
                Some(timeline),
                Some(authority),
                Some(source),
            ) if c.errors.is_empty() => Ok(LeadSubmission {
                email,
                first_name,
                last_name,
                company_name,
                job_title,
                phone,
                website,
                industry,
                industry_other,
                annual_revenue_range: revenue,
                company_size_range: size,
                number_of_locations,
                primary_challenge: challenge,
                challenge_description,
                timeline,
                budget_range,
                decision_making_authority: authority,
                source,
                source_detail,
                utm_campaign,
                utm_source,
                utm_medium,
                consent_marketing: is_ticked(&self.consent_marketing),
                roi_calculation_id,
                case_studies_viewed,
                time_on_site,
            }),
            _ => Err(c.errors),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub fn industries() -> Vec<IndustryRef> {
        vec![
            IndustryRef {
                sic_code: "59140".into(),
                name: "Cinemas".into(),
            },
            IndustryRef {
                sic_code: "47110".into(),
                name: "Supermarkets".into(),
            },
        ]
    }

    pub fn valid() -> LeadForm {
        LeadForm {
            email: " Dana.Scully@Acme-Cinemas.co.uk ".into(),
            first_name: "Dana".into(),
            last_name: "Scully".into(),
            company_name: "Acme Cinemas".into(),
            job_title: "Head of Growth".into(),
            industry: "59140".into(),
            annual_revenue_range: "10m_50m".into(),
            company_size_range: "200-1000".into(),
            number_of_locations: "1,200".into(),
            primary_challenge: "pricing".into(),
            challenge_description: "Ticket prices by day part.".into(),
            timeline: "1-3_months".into(),
            budget_range: "50k_150k".into(),
            decision_making_authority: "decision_maker".into(),
            source: "case_study".into(),
            consent_marketing: "on".into(),
            case_studies_viewed: "cinema-pricing, cinema-pricing,retail-basket".into(),
            roi_calculation_id: "3F2504E0-4F89-11D3-9A0C-0305E82C3301".into(),
            time_on_site: "400000".into(),
            ..LeadForm::default()
        }
    }

    fn fields(errors: &[(String, String)]) -> Vec<&str> {
        errors.iter().map(|(f, _)| f.as_str()).collect()
    }

    #[test]
    fn parses_a_complete_form_into_typed_values() {
        let lead = valid().parse(&industries()).unwrap();
        assert_eq!(lead.email.as_str(), "dana.scully@acme-cinemas.co.uk");
        assert_eq!(lead.industry_sic_code(), Some("59140"));
        assert_eq!(lead.industry_display_name(), Some("Cinemas"));
        assert_eq!(lead.number_of_locations, Some(1200));
        assert_eq!(lead.primary_challenge, Challenge::Pricing);
        assert_eq!(lead.budget_range, Some(BudgetRange::From50kTo150k));
        assert!(lead.consent_marketing);
        assert_eq!(
            lead.case_studies_viewed,
            ["cinema-pricing", "retail-basket"]
        );
        assert_eq!(
            lead.roi_calculation_id.as_deref(),
            Some("3f2504e0-4f89-11d3-9a0c-0305e82c3301")
        );
        assert_eq!(
            lead.time_on_site,
            Some(86_400),
            "a tab left open is clamped to a day"
        );
        assert_eq!(lead.full_name().as_deref(), Some("Dana Scully"));
        assert_eq!(lead.phone, None);
    }

    #[test]
    fn a_minimal_form_needs_only_the_required_fields() {
        let form = LeadForm {
            email: "a@b.co".into(),
            industry: "other".into(),
            industry_other: "Zoos".into(),
            annual_revenue_range: "under_2m".into(),
            company_size_range: "1-10".into(),
            primary_challenge: "retention".into(),
            timeline: "researching".into(),
            decision_making_authority: "researcher".into(),
            ..LeadForm::default()
        };
        let lead = form.parse(&industries()).unwrap();
        assert_eq!(
            lead.source,
            LeadSource::ContactPage,
            "blank source means the contact page"
        );
        assert_eq!(lead.industry, None);
        assert_eq!(lead.industry_display_name(), Some("Zoos"));
        assert!(!lead.consent_marketing);
        assert!(lead.case_studies_viewed.is_empty());
        assert_eq!(lead.full_name(), None);
    }

    #[test]
    fn reports_every_missing_required_field_at_once() {
        let errors = LeadForm::default().parse(&industries()).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                "email",
                "industry",
                "annual_revenue_range",
                "company_size_range",
                "primary_challenge",
                "timeline",
                "decision_making_authority"
            ]
        );
        assert!(errors.iter().all(|(_, m)| m.ends_with('.')), "{errors:?}");
    }

    #[test]
    fn names_each_bad_optional_field_with_a_specific_message() {
        let cases: Vec<(&str, LeadForm)> = vec![
            (
                "first_name",
                LeadForm {
                    first_name: "x".repeat(101),
                    ..valid()
                },
            ),
            (
                "company_name",
                LeadForm {
                    company_name: "x ".repeat(101),
                    ..valid()
                },
            ),
            (
                "challenge_description",
                LeadForm {
                    challenge_description: "word ".repeat(401),
                    ..valid()
                },
            ),
            (
                "utm_source",
                LeadForm {
                    utm_source: "u".repeat(256),
                    ..valid()
                },
            ),
            (
                "phone",
                LeadForm {
                    phone: "call me maybe".into(),
                    ..valid()
                },
            ),
            (
                "phone",
                LeadForm {
                    phone: "12".into(),
                    ..valid()
                },
            ),
            (
                "website",
                LeadForm {
                    website: "javascript:alert(1)".into(),
                    ..valid()
                },
            ),
            (
                "website",
                LeadForm {
                    website: "not a site".into(),
                    ..valid()
                },
            ),
            (
                "number_of_locations",
                LeadForm {
                    number_of_locations: "0".into(),
                    ..valid()
                },
            ),
            (
                "number_of_locations",
                LeadForm {
                    number_of_locations: "100001".into(),
                    ..valid()
                },
            ),
            (
                "number_of_locations",
                LeadForm {
                    number_of_locations: "two".into(),
                    ..valid()
                },
            ),
            (
                "time_on_site",
                LeadForm {
                    time_on_site: "-5".into(),
                    ..valid()
                },
            ),
            (
                "case_studies_viewed",
                LeadForm {
                    case_studies_viewed: "ok-slug,Bad Slug".into(),
                    ..valid()
                },
            ),
            (
                "roi_calculation_id",
                LeadForm {
                    roi_calculation_id: "1234".into(),
                    ..valid()
                },
            ),
            (
                "budget_range",
                LeadForm {
                    budget_range: "lots".into(),
                    ..valid()
                },
            ),
            (
                "source",
                LeadForm {
                    source: "tv_advert".into(),
                    ..valid()
                },
            ),
            (
                "industry",
                LeadForm {
                    industry: "99999".into(),
                    ..valid()
                },
            ),
            (
                "industry_other",
                LeadForm {
                    industry: "other".into(),
                    industry_other: " ".into(),
                    ..valid()
                },
            ),
            (
                "annual_revenue_range",
                LeadForm {
                    annual_revenue_range: "Under £2M".into(),
                    ..valid()
                },
            ),
            (
                "email",
                LeadForm {
                    email: "not-an-email".into(),
                    ..valid()
                },
            ),
        ];
        for (field, form) in cases {
            let errors = form.parse(&industries()).unwrap_err();
            assert_eq!(fields(&errors), [field], "{errors:?}");
        }
    }

    #[test]
    fn too_many_case_studies_are_refused() {
        let slugs: Vec<String> = (0..51).map(|i| format!("study-{i}")).collect();
        let form = LeadForm {
            case_studies_viewed: slugs.join(","),
            ..valid()
        };
        let errors = form.parse(&industries()).unwrap_err();
        assert_eq!(fields(&errors), ["case_studies_viewed"]);
    }

    #[test]
    fn a_website_without_a_scheme_gets_https() {
        let lead = LeadForm {
            website: "acme.co.uk/about".into(),
            ..valid()
        }
        .parse(&industries())
        .unwrap();
        assert_eq!(lead.website.as_deref(), Some("https://acme.co.uk/about"));
        let lead = LeadForm {
            website: "HTTP://acme.com".into(),
            ..valid()
        }
        .parse(&industries())
        .unwrap();
        assert_eq!(lead.website.as_deref(), Some("HTTP://acme.com"));
    }

    #[test]
    fn accepts_ordinary_phone_numbers() {
        for p in ["+44 (0)20 7946 0958", "020-7946-0958", "555.123.4567"] {
            let lead = LeadForm {
                phone: p.into(),
                ..valid()
            }
            .parse(&industries())
            .unwrap();
            assert_eq!(lead.phone.as_deref(), Some(p));
        }
    }

    #[test]
    fn consent_is_ticked_only_by_true_or_on() {
        for (value, ticked) in [
            ("true", true),
            ("on", true),
            ("", false),
            ("false", false),
            ("off", false),
        ] {
            let lead = LeadForm {
                consent_marketing: value.into(),
                ..valid()
            }
            .parse(&industries())
            .unwrap();
            assert_eq!(lead.consent_marketing, ticked, "{value:?}");
        }
    }

    #[test]
    fn step_one_checks_only_its_own_fields() {
        let step_one_only = LeadForm {
            email: "dana@acme.com".into(),
            first_name: "Dana".into(),
            company_name: "Acme".into(),
            industry: "47110".into(),
            primary_challenge: "conversion".into(),
            ..LeadForm::default()
        };
        assert_eq!(step_one_only.parse_step_one(&industries()), Ok(()));
        assert!(step_one_only.parse(&industries()).is_err());

        let bad = LeadForm {
            email: "".into(),
            primary_challenge: "".into(),
            ..step_one_only
        };
        let errors = bad.parse_step_one(&industries()).unwrap_err();
        assert_eq!(fields(&errors), ["email", "primary_challenge"]);
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_input(
            email in ".{0,60}", name in ".{0,120}", phone in ".{0,30}", website in ".{0,60}",
            locations in ".{0,12}", slugs in ".{0,80}", time in ".{0,12}", uuid in ".{0,40}",
            description in ".{0,300}",
        ) {
            let form = LeadForm {
                email, first_name: name.clone(), company_name: name, phone, website,
                number_of_locations: locations, case_studies_viewed: slugs, time_on_site: time,
                roi_calculation_id: uuid, challenge_description: description,
                ..valid()
            };
            let _ = form.parse(&industries());
            let _ = form.parse_step_one(&industries());
        }

        #[test]
        fn accepted_time_on_site_is_always_within_a_day(secs in 0i64..10_000_000) {
            let lead = LeadForm { time_on_site: secs.to_string(), ..valid() }.parse(&industries()).unwrap();
            prop_assert!(lead.time_on_site.is_some_and(|t| (0..=86_400).contains(&t)));
        }
    }
}
