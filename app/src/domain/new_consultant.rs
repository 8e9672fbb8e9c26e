//! An admin's new consultant profile: just enough to create it (the rest is
//! filled in with the profile form afterwards).

use super::email::EmailAddress;
use serde::{Deserialize, Serialize};

/// The form as posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewConsultantInput {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub title: String,
}

/// A new profile that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct NewConsultant {
    pub first_name: String,
    pub last_name: String,
    pub email: EmailAddress,
    /// May be empty: the consultant fills it in on their profile.
    pub title: String,
}

const NAME_MAX: usize = 100;
const TITLE_MAX: usize = 200;

impl NewConsultantInput {
    /// Every problem at once, as (field, message) pairs.
    pub fn parse(&self) -> Result<NewConsultant, Vec<(String, String)>> {
        let mut errors = Vec::new();
        let mut name = |field: &str, label: &str, value: &str| {
            let value = value.trim();
            if value.is_empty() || value.chars().count() > NAME_MAX {
                errors.push((
                    field.to_string(),
                    format!("Enter the {label} (at most {NAME_MAX} characters)."),
                ));
            }
            value.to_string()
        };
        let first_name = name("first_name", "first name", &self.first_name);
        let last_name = name("last_name", "last name", &self.last_name);
        let email = EmailAddress::parse(&self.email)
            .map_err(|e| errors.push(("email".to_string(), e.to_string())))
            .ok();
        let title = self.title.trim().to_string();
        if title.chars().count() > TITLE_MAX {
            errors.push((
                "title".to_string(),
                format!("Keep the title under {TITLE_MAX} characters."),
            ));
        }
        match email {
            Some(email) if errors.is_empty() => Ok(NewConsultant {
                first_name,
                last_name,
                email,
                title,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> NewConsultantInput {
        NewConsultantInput {
            first_name: " Lena ".into(),
            last_name: "Okafor".into(),
            email: "Lena.Okafor@Example.com".into(),
            title: "".into(),
        }
    }

    #[test]
    fn a_name_and_an_email_are_enough() {
        let new = input().parse().unwrap();
        assert_eq!(new.first_name, "Lena");
        assert_eq!(new.title, "");
        assert_eq!(
            new.email,
            EmailAddress::parse("Lena.Okafor@Example.com").unwrap()
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = NewConsultantInput {
            first_name: "   ".into(),
            last_name: "x".repeat(NAME_MAX + 1),
            email: "not an email".into(),
            title: "t".repeat(TITLE_MAX + 1),
        };
        let fields: Vec<String> = bad
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["first_name", "last_name", "email", "title"]);
    }

    #[test]
    fn a_bad_email_alone_is_refused() {
        let bad = NewConsultantInput {
            email: "lena@".into(),
            ..input()
        };
        let errors = bad.parse().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, "email");
    }
}
