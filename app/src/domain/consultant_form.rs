//! The consultant profile form: what a consultant may change about their own
//! public profile (admins use the same form for anyone's).

use super::media::{parse_optional_image, ImageKind, MediaKey};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsultantInput {
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub bio: String,
    pub phone: String,
    /// Comma-separated.
    pub specializations: String,
    /// Comma-separated 4-digit SIC codes: where the consultant mainly works
    /// (a full industry match in lead routing) …
    pub primary_industries: String,
    /// … and where they also work (half a match).
    pub secondary_industries: String,
    /// Amounts as people type them ("250", "£1,200"); empty for none.
    pub hourly_rate: String,
    pub consultation_rate: String,
    /// ISO 4217 code of both rates, e.g. "GBP"; empty is [`DEFAULT_CURRENCY`].
    pub currency: String,
    /// Client satisfaction out of 5, from client surveys; empty for none yet.
    /// Only admins set it (a consultant does not rate themselves).
    pub satisfaction_score: String,
    pub years_experience: String,
    pub capacity_pct: String,
    /// "true" when the checkbox is ticked; absent otherwise.
    pub available_for_new_clients: String,
    pub preferred_contact: String,
    pub calendar_url: String,
    pub linkedin_url: String,
    /// The uploaded portrait's key (empty for none).
    pub profile_image: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConsultantDraft {
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub bio: String,
    pub phone: Option<String>,
    pub specializations: Vec<String>,
    pub primary_industries: Vec<SicCode>,
    pub secondary_industries: Vec<SicCode>,
    /// Minor units of `currency`.
    pub hourly_rate_minor: Option<i64>,
    pub consultation_rate_minor: Option<i64>,
    pub currency: CurrencyCode,
    /// 0.0..=5.0, rounded to 0.1.
    pub satisfaction_score: Option<f64>,
    pub years_experience: i64,
    pub capacity_pct: i64,
    pub available_for_new_clients: bool,
    pub preferred_contact: String,
    pub calendar_url: Option<String>,
    pub linkedin_url: Option<String>,
    pub profile_image: Option<MediaKey>,
}

pub const CONTACT_METHODS: [&str; 3] = ["email", "phone", "calendar"];

/// The rates' currency when none is given (the column's default).
pub const DEFAULT_CURRENCY: &str = "GBP";

/// Industries per level a profile may name.
pub const MAX_INDUSTRIES: usize = 6;

/// The highest rate accepted, in major units (a typo guard, not a policy).
pub const MAX_RATE: f64 = 100_000.0;

/// A 4-digit SIC code, as the case studies and lead routing use them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SicCode(String);

impl SicCode {
    pub fn parse(value: &str) -> Option<SicCode> {
        let value = value.trim();
        (value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()))
            .then(|| SicCode(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An ISO 4217 currency code: three letters, stored uppercase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyCode(String);

impl CurrencyCode {
    pub fn parse(value: &str) -> Option<CurrencyCode> {
        let value = value.trim();
        (value.len() == 3 && value.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| CurrencyCode(value.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Comma-separated SIC codes, in the order typed, without repeats.
fn sic_codes(value: &str) -> Result<Vec<SicCode>, String> {
    let mut codes: Vec<SicCode> = Vec::new();
    let mut bad: Vec<&str> = Vec::new();
    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match SicCode::parse(part) {
            Some(code) if !codes.contains(&code) => codes.push(code),
            Some(_) => {}
            None => bad.push(part),
        }
    }
    if !bad.is_empty() {
        return Err(format!(
            "Use 4-digit SIC codes separated by commas, e.g. 5914, 4791 (not {}).",
            bad.iter()
                .map(|b| format!("\"{b}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if codes.len() > MAX_INDUSTRIES {
        return Err(format!("At most {MAX_INDUSTRIES} industries."));
    }
    Ok(codes)
}

/// An optional rate in minor units: empty is none.
fn rate(value: &str) -> Result<Option<i64>, String> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    match crate::domain::roi::parse_money(value) {
        Some(v) if (0.0..=MAX_RATE).contains(&v) => Ok(Some((v * 100.0).round() as i64)),
        _ => Err("Enter an amount like 250 or 1,200, or leave it empty.".into()),
    }
}

/// An optional score out of 5: empty is none yet.
fn satisfaction(value: &str) -> Result<Option<f64>, String> {
    let value = value.trim().trim_end_matches("/5").trim().replace(',', ".");
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<f64>() {
        Ok(v) if (0.0..=5.0).contains(&v) => Ok(Some((v * 10.0).round() / 10.0)),
        _ => Err("Enter a score from 0 to 5, e.g. 4.6, or leave it empty.".into()),
    }
}

fn url(value: &str) -> Result<Option<String>, String> {
    crate::domain::contact_fields::WebUrl::parse(value).map(|u| u.map(|u| u.into_inner()))
}

impl ConsultantInput {
    pub fn parse(&self) -> Result<ConsultantDraft, Vec<(String, String)>> {
        let mut errors: Vec<(String, String)> = Vec::new();
        let mut fail =
            |field: &str, message: &str| errors.push((field.to_string(), message.to_string()));
        let mut required = |field: &str, value: &str, label: &str, max: usize| {
            let value = value.trim();
            if value.is_empty() {
                fail(field, &format!("Enter {label}."));
            } else if value.chars().count() > max {
                fail(field, &format!("Too long (at most {max} characters)."));
            }
            value.to_string()
        };
        let first_name = required("first_name", &self.first_name, "a first name", 100);
        let last_name = required("last_name", &self.last_name, "a last name", 100);
        let title = required("title", &self.title, "a job title", 200);
        let bio = self.bio.trim().to_string();
        if bio.chars().count() > 10_000 {
            errors.push((
                "bio".into(),
                "The bio is too long (at most 10,000 characters).".into(),
            ));
        }
        let phone = crate::domain::contact_fields::Phone::parse(&self.phone)
            .unwrap_or_else(|m| {
                errors.push(("phone".into(), m));
                None
            })
            .map(|p| p.into_inner());
        let specializations = super::tag_list::split(&self.specializations);
        if let Err(message) = super::tag_list::check(&specializations) {
            errors.push(("specializations".into(), message));
        }
        let primary_industries = sic_codes(&self.primary_industries).unwrap_or_else(|m| {
            errors.push(("primary_industries".into(), m));
            Vec::new()
        });
        let secondary_industries = sic_codes(&self.secondary_industries).unwrap_or_else(|m| {
            errors.push(("secondary_industries".into(), m));
            Vec::new()
        });
        let both: Vec<&str> = secondary_industries
            .iter()
            .filter(|c| primary_industries.contains(c))
            .map(SicCode::as_str)
            .collect();
        if !both.is_empty() {
            errors.push((
                "secondary_industries".into(),
                format!(
                    "Already a primary industry: {}. Name each industry once.",
                    both.join(", ")
                ),
            ));
        }
        let hourly_rate_minor = rate(&self.hourly_rate).unwrap_or_else(|m| {
            errors.push(("hourly_rate".into(), m));
            None
        });
        let consultation_rate_minor = rate(&self.consultation_rate).unwrap_or_else(|m| {
            errors.push(("consultation_rate".into(), m));
            None
        });
        let currency = if self.currency.trim().is_empty() {
            Some(CurrencyCode(DEFAULT_CURRENCY.into()))
        } else {
            CurrencyCode::parse(&self.currency)
        };
        let currency = currency.unwrap_or_else(|| {
            errors.push((
                "currency".into(),
                "Enter a three-letter currency code, e.g. GBP.".into(),
            ));
            CurrencyCode(DEFAULT_CURRENCY.into())
        });
        let satisfaction_score = satisfaction(&self.satisfaction_score).unwrap_or_else(|m| {
            errors.push(("satisfaction_score".into(), m));
            None
        });
        let years_experience = match self.years_experience.trim().parse::<i64>() {
            Ok(v) if (0..=70).contains(&v) => v,
            _ => {
                errors.push((
                    "years_experience".into(),
                    "Enter whole years from 0 to 70.".into(),
                ));
                0
            }
        };
        let capacity_pct = match self
            .capacity_pct
            .trim()
            .trim_end_matches('%')
            .parse::<i64>()
        {
            Ok(v) if (0..=100).contains(&v) => v,
            _ => {
                errors.push((
                    "capacity_pct".into(),
                    "Enter a percentage from 0 to 100.".into(),
                ));
                0
            }
        };
        let preferred_contact = self.preferred_contact.trim().to_string();
        if !CONTACT_METHODS.contains(&preferred_contact.as_str()) {
            errors.push((
                "preferred_contact".into(),
                "Choose email, phone or calendar.".into(),
            ));
        }
        let calendar_url = url(&self.calendar_url).unwrap_or_else(|m| {
            errors.push(("calendar_url".into(), m));
            None
        });
        let linkedin_url = url(&self.linkedin_url).unwrap_or_else(|m| {
            errors.push(("linkedin_url".into(), m));
            None
        });
        if preferred_contact == "calendar"
            && calendar_url.is_none()
            && !errors.iter().any(|(f, _)| f == "calendar_url")
        {
            errors.push((
                "calendar_url".into(),
                "Add a booking link, or choose another way to be contacted.".into(),
            ));
        }
        let profile_image = parse_optional_image(&self.profile_image, ImageKind::Profile)
            .unwrap_or_else(|m| {
                errors.push(("profile_image".into(), m));
                None
            });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ConsultantDraft {
            profile_image,
            first_name,
            last_name,
            title,
            bio,
            phone,
            specializations,
            primary_industries,
            secondary_industries,
            hourly_rate_minor,
            consultation_rate_minor,
            currency,
            satisfaction_score,
            years_experience,
            capacity_pct,
            available_for_new_clients: matches!(
                self.available_for_new_clients.as_str(),
                "true" | "on" | "1"
            ),
            preferred_contact,
            calendar_url,
            linkedin_url,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ConsultantInput {
        ConsultantInput {
            first_name: "Priya".into(),
            last_name: "Raman".into(),
            title: "Principal Consultant".into(),
            specializations: "Pricing, Geo experiments ,".into(),
            primary_industries: "5914, 4791".into(),
            secondary_industries: " 5510 ,".into(),
            hourly_rate: "£250".into(),
            consultation_rate: "1,200.50".into(),
            currency: "gbp".into(),
            satisfaction_score: "4.66".into(),
            years_experience: "12".into(),
            capacity_pct: "60%".into(),
            available_for_new_clients: "true".into(),
            preferred_contact: "calendar".into(),
            calendar_url: "https://cal.example/priya".into(),
            ..ConsultantInput::default()
        }
    }

    #[test]
    fn parses_a_complete_profile() {
        let d = valid().parse().unwrap();
        assert_eq!(d.specializations, ["Pricing", "Geo experiments"]);
        assert_eq!(d.capacity_pct, 60);
        assert!(d.available_for_new_clients);
        let codes = |v: &[SicCode]| v.iter().map(|c| c.as_str().to_string()).collect::<Vec<_>>();
        assert_eq!(codes(&d.primary_industries), ["5914", "4791"]);
        assert_eq!(codes(&d.secondary_industries), ["5510"]);
        assert_eq!(d.hourly_rate_minor, Some(25_000));
        assert_eq!(d.consultation_rate_minor, Some(120_050));
        assert_eq!(d.currency.as_str(), "GBP");
        assert_eq!(d.satisfaction_score, Some(4.7));
    }

    #[test]
    fn empty_industries_rates_and_satisfaction_mean_none() {
        let d = ConsultantInput {
            primary_industries: " ".into(),
            secondary_industries: String::new(),
            hourly_rate: String::new(),
            consultation_rate: " ".into(),
            satisfaction_score: String::new(),
            ..valid()
        }
        .parse()
        .unwrap();
        assert!(d.primary_industries.is_empty() && d.secondary_industries.is_empty());
        assert_eq!(
            (d.hourly_rate_minor, d.consultation_rate_minor),
            (None, None)
        );
        assert_eq!(d.satisfaction_score, None);
    }

    fn message(input: ConsultantInput, field: &str) -> Option<String> {
        input
            .parse()
            .err()?
            .into_iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m)
    }

    #[test]
    fn industries_are_four_digit_sic_codes_named_once() {
        for (primary, ok) in [
            ("5914", true),
            ("5914,5914", true),
            ("0111", true),
            ("591", false),
            ("59140", false),
            ("59a4", false),
            ("Cinemas", false),
            ("5914 4791", false),
        ] {
            let input = ConsultantInput {
                primary_industries: primary.into(),
                secondary_industries: String::new(),
                ..valid()
            };
            assert_eq!(
                message(input, "primary_industries").is_none(),
                ok,
                "{primary:?}"
            );
        }
        let repeated = valid_with_industries("5914, 5914", "");
        assert_eq!(repeated.parse().unwrap().primary_industries.len(), 1);
        let bad = message(
            valid_with_industries("5914, cinema", ""),
            "primary_industries",
        );
        assert!(bad.unwrap().contains("\"cinema\""));
        let both = message(
            valid_with_industries("5914", "4791, 5914"),
            "secondary_industries",
        );
        assert!(both.unwrap().contains("5914"));
        let seven = (1..=7)
            .map(|i| format!("100{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(message(valid_with_industries("", &seven), "secondary_industries").is_some());
        let six = (1..=6)
            .map(|i| format!("100{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(valid_with_industries(&six, "").parse().is_ok());
    }

    fn valid_with_industries(primary: &str, secondary: &str) -> ConsultantInput {
        ConsultantInput {
            primary_industries: primary.into(),
            secondary_industries: secondary.into(),
            ..valid()
        }
    }

    #[test]
    fn rates_currency_and_satisfaction_have_bounds() {
        let with = |f: fn(&mut ConsultantInput), field: &str| {
            let mut input = valid();
            f(&mut input);
            message(input, field)
        };
        assert!(with(|i| i.hourly_rate = "-5".into(), "hourly_rate").is_some());
        assert!(with(|i| i.hourly_rate = "lots".into(), "hourly_rate").is_some());
        assert!(with(|i| i.hourly_rate = "100001".into(), "hourly_rate").is_some());
        assert!(with(|i| i.hourly_rate = "100000".into(), "hourly_rate").is_none());
        assert!(with(|i| i.consultation_rate = "0".into(), "consultation_rate").is_none());
        assert!(with(|i| i.currency = "".into(), "currency").is_none());
        let no_currency = ConsultantInput {
            currency: " ".into(),
            ..valid()
        };
        assert_eq!(no_currency.parse().unwrap().currency.as_str(), "GBP");
        assert!(with(|i| i.currency = "G1P".into(), "currency").is_some());
        assert!(with(|i| i.currency = "GBPX".into(), "currency").is_some());
        assert!(with(|i| i.currency = "£".into(), "currency").is_some());
        assert!(with(
            |i| i.satisfaction_score = "5.1".into(),
            "satisfaction_score"
        )
        .is_some());
        assert!(with(
            |i| i.satisfaction_score = "-0.1".into(),
            "satisfaction_score"
        )
        .is_some());
        assert!(with(
            |i| i.satisfaction_score = "great".into(),
            "satisfaction_score"
        )
        .is_some());
        assert!(with(|i| i.satisfaction_score = "0".into(), "satisfaction_score").is_none());
        assert!(with(|i| i.satisfaction_score = "5".into(), "satisfaction_score").is_none());
        let comma = ConsultantInput {
            satisfaction_score: "4,5/5".into(),
            ..valid()
        };
        assert_eq!(comma.parse().unwrap().satisfaction_score, Some(4.5));
    }

    #[test]
    fn names_each_bad_field() {
        let input = ConsultantInput {
            first_name: " ".into(),
            years_experience: "-2".into(),
            capacity_pct: "140".into(),
            linkedin_url: "javascript:alert(1)".into(),
            calendar_url: "".into(),
            phone: "call me".into(),
            primary_industries: "59140".into(),
            hourly_rate: "a lot".into(),
            ..valid()
        };
        let fields: Vec<String> = input
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        for f in [
            "first_name",
            "years_experience",
            "capacity_pct",
            "linkedin_url",
            "calendar_url",
            "phone",
            "primary_industries",
            "hourly_rate",
        ] {
            assert!(fields.iter().any(|x| x == f), "{f} in {fields:?}");
        }
    }
}
