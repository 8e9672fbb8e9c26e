//! What each lead-form field looks like on a landing page: its label and
//! control. The choice lists are the lead form's own (`domain::lead_fields`),
//! so a landing-page post feeds the lead pipeline's parser unchanged.

use crate::domain::lead_fields::{
    BudgetRange, Challenge, DecisionAuthority, EmployeeRange, RevenueRange, Timeline,
};
use crate::domain::page_document::FormField;

/// The control a field is asked with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Control {
    /// An `<input>` of this type, with the browser's autofill hint if any.
    Input {
        input_type: &'static str,
        autocomplete: Option<&'static str>,
    },
    TextArea,
    /// A `<select>` of (wire value, label) choices.
    Select(Vec<(String, String)>),
}

/// The visible label (" (optional)" is added for optional fields). The
/// wording follows the site's own lead form.
pub(super) fn field_label(field: FormField) -> &'static str {
    match field {
        FormField::FirstName => "First name",
        FormField::LastName => "Last name",
        FormField::Email => "Work email",
        FormField::CompanyName => "Company",
        FormField::JobTitle => "Job title",
        FormField::Phone => "Phone",
        FormField::Website => "Company website",
        FormField::Industry => "Industry",
        FormField::AnnualRevenueRange => "Annual revenue",
        FormField::CompanySizeRange => "Company size",
        FormField::PrimaryChallenge => "What do you most want to improve?",
        FormField::Timeline => "When would you like to start?",
        FormField::BudgetRange => "Budget in mind",
        FormField::ChallengeDescription => "Anything we should know?",
        FormField::DecisionAuthority => "Your part in the decision",
    }
}

/// The control for a field. Industry is free text: the list of industries
/// lives in the database and the document renderer does not load it (the
/// landing form's service matches what was typed to it).
pub(super) fn field_control(field: FormField) -> Control {
    let input = |input_type, autocomplete| Control::Input {
        input_type,
        autocomplete,
    };
    match field {
        FormField::FirstName => input("text", Some("given-name")),
        FormField::LastName => input("text", Some("family-name")),
        FormField::Email => input("email", Some("email")),
        FormField::CompanyName => input("text", Some("organization")),
        FormField::JobTitle => input("text", Some("organization-title")),
        FormField::Phone => input("tel", Some("tel")),
        FormField::Website => input("url", Some("url")),
        FormField::Industry => input("text", None),
        FormField::AnnualRevenueRange => Control::Select(choices(
            RevenueRange::ALL,
            RevenueRange::as_str,
            RevenueRange::label,
        )),
        FormField::CompanySizeRange => Control::Select(choices(
            EmployeeRange::ALL,
            EmployeeRange::as_str,
            EmployeeRange::label,
        )),
        FormField::PrimaryChallenge => {
            Control::Select(choices(Challenge::ALL, Challenge::as_str, Challenge::label))
        }
        FormField::Timeline => {
            Control::Select(choices(Timeline::ALL, Timeline::as_str, Timeline::label))
        }
        FormField::BudgetRange => Control::Select(choices(
            BudgetRange::ALL,
            BudgetRange::as_str,
            BudgetRange::label,
        )),
        FormField::ChallengeDescription => Control::TextArea,
        FormField::DecisionAuthority => Control::Select(choices(
            DecisionAuthority::ALL,
            DecisionAuthority::as_str,
            DecisionAuthority::label,
        )),
    }
}

/// A choice set as (wire value, label) pairs.
fn choices<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|c| (value(*c).to_string(), label(*c).to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lead_form::LeadForm;

    #[test]
    fn every_field_has_a_label_and_a_control() {
        for field in FormField::ALL {
            assert!(!field_label(*field).is_empty(), "{field:?}");
            if let Control::Select(options) = field_control(*field) {
                assert!(!options.is_empty(), "{field:?}");
            }
        }
    }

    #[test]
    fn every_field_name_is_a_lead_form_field() {
        // The post goes through the lead form's parser, so each name must
        // be one of its fields (LeadForm serialises them by name).
        let form = serde_json::to_value(LeadForm::default()).expect("a lead form serialises");
        for field in FormField::ALL {
            assert!(form.get(field.as_str()).is_some(), "{}", field.as_str());
        }
    }

    #[test]
    fn choices_post_the_wire_values() {
        let Control::Select(options) = field_control(FormField::Timeline) else {
            panic!("timeline is a choice");
        };
        assert_eq!(
            options[0],
            ("asap".to_string(), "As soon as possible".to_string())
        );
        assert!(matches!(
            field_control(FormField::Email),
            Control::Input {
                input_type: "email",
                autocomplete: Some("email")
            }
        ));
        assert_eq!(
            field_control(FormField::ChallengeDescription),
            Control::TextArea
        );
    }
}
