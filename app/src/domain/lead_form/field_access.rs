//! Reading and writing the lead form's fields by name, so form inputs can be
//! one component each rather than one per field.

use super::LeadForm;

macro_rules! by_name {
    ($($field:ident),+ $(,)?) => {
        impl LeadForm {
            /// The field's current text, or `None` for an unknown name.
            pub fn get(&self, name: &str) -> Option<&str> {
                match name {
                    $(stringify!($field) => Some(self.$field.as_str()),)+
                    _ => None,
                }
            }

            /// Sets a field by name; unknown names are ignored.
            pub fn set(&mut self, name: &str, value: String) {
                match name {
                    $(stringify!($field) => self.$field = value,)+
                    _ => {}
                }
            }
        }
    };
}

by_name!(
    email,
    first_name,
    last_name,
    company_name,
    job_title,
    phone,
    website,
    industry,
    industry_other,
    annual_revenue_range,
    company_size_range,
    number_of_locations,
    primary_challenge,
    challenge_description,
    timeline,
    budget_range,
    decision_making_authority,
    source,
    source_detail,
    utm_campaign,
    utm_source,
    utm_medium,
    consent_marketing,
    roi_calculation_id,
    case_studies_viewed,
    time_on_site,
    fax_number,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_reachable_by_its_name() {
        let mut form = LeadForm::default();
        form.set("company_name", "Acme".into());
        form.set("no_such_field", "x".into());
        assert_eq!(form.company_name, "Acme");
        assert_eq!(form.get("company_name"), Some("Acme"));
        assert_eq!(form.get("no_such_field"), None);
        // Every field the JSON form carries has a name here.
        let json = serde_json::to_value(LeadForm::default()).unwrap();
        for key in json.as_object().unwrap().keys() {
            assert!(form.get(key).is_some(), "{key} is not reachable by name");
        }
    }
}
