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
    pub years_experience: i64,
    pub capacity_pct: i64,
    pub available_for_new_clients: bool,
    pub preferred_contact: String,
    pub calendar_url: Option<String>,
    pub linkedin_url: Option<String>,
    pub profile_image: Option<MediaKey>,
}

pub const CONTACT_METHODS: [&str; 3] = ["email", "phone", "calendar"];

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
        let specializations: Vec<String> = self
            .specializations
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if specializations.len() > 12 || specializations.iter().any(|s| s.chars().count() > 60) {
            errors.push((
                "specializations".into(),
                "At most 12 specialisations of up to 60 characters each.".into(),
            ));
        }
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
        ] {
            assert!(fields.iter().any(|x| x == f), "{f} in {fields:?}");
        }
    }
}
