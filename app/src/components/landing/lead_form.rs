//! The lead-form block: a plain HTML form that works without JavaScript.
//! It posts to the landing pages' lead capture (`/api/landing/lead`), which
//! feeds the site's lead pipeline (the same parser, spam checks, rate
//! limits, scoring and routing as the contact form) and brings the visitor
//! back here: the errors next to the fields with what was typed
//! ([`LandingFormState`]), or the form's thank-you. A short form that does
//! not ask the pipeline's qualifying questions (industry, size, challenge,
//! timeline, authority) hands over to the contact page, which asks them,
//! with what was typed kept.

use super::form_fields::{field_control, field_label, Control};
use super::{LandingData, LandingFormState};
use crate::api::landing_pages::CaptureLandingLead;
use crate::components::fields::highlighted_fields;
use crate::domain::lead_form::HONEYPOT_FIELD;
use crate::domain::page_document::{AfterSubmit, FormFieldSpec, LeadFormProps};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// What a redirecting form shows if the server renders it as sent anyway
/// (it normally redirects instead).
const DEFAULT_THANKS: &str = "Thank you, we will be in touch.";

/// The form, or its thank-you message once this block's form was sent.
pub(super) fn lead_form_block(
    block_id: &str,
    props: &LeadFormProps,
    data: &LandingData,
) -> AnyView {
    let state = data
        .form_state
        .as_ref()
        .filter(|state| state.block_id == block_id);
    if state.is_some_and(|state| state.submitted) {
        return sent_message(&props.after_submit);
    }
    let heading_id = format!("{block_id}-title");
    let has_heading = !props.heading.is_empty();
    let heading = has_heading.then(|| {
        view! { <h2 class="lp-block__heading" id=heading_id.clone()>{props.heading.clone()}</h2> }
    });
    let alerts = form_alerts(props, state)
        .into_iter()
        .map(|message| view! { <p class="alert alert--error" role="alert">{message}</p> })
        .collect_view();
    let fields = props
        .fields
        .iter()
        .map(|spec| field_view(block_id, *spec, state))
        .collect_view();
    let honeypot_id = format!("{block_id}-{HONEYPOT_FIELD}");
    // The campaign of the visit (its utm_* parameters) goes with the lead.
    let campaign = data
        .utm
        .iter()
        .map(|(key, value)| view! { <input type="hidden" name=format!("input[{key}]") value=value.clone() /> })
        .collect_view();
    view! {
        <form class="lp-form" method="post" action=CaptureLandingLead::PATH data-ce-form=block_id.to_string()
            novalidate=true aria-labelledby=has_heading.then_some(heading_id)>
            {heading}
            {alerts}
            <input type="hidden" name="slug" value=data.slug.clone() />
            <input type="hidden" name="block" value=block_id.to_string() />
            {campaign}
            {fields}
            // The honeypot, as on the site's lead form: people never see or
            // reach it, so a value means a bot.
            <div class="visually-hidden" aria-hidden="true">
                <label for=honeypot_id.clone()>"Fax number (leave empty)"</label>
                <input id=honeypot_id type="text" name=format!("input[{HONEYPOT_FIELD}]") tabindex="-1"
                    autocomplete="off" value="" />
            </div>
            <p class="small lp-form__consent">{props.consent_text.clone()}</p>
            <button type="submit" class="button button--primary">{props.button_label.clone()}</button>
        </form>
    }
    .into_any()
}

/// The thank-you message in place of the form (a redirect is the server's).
fn sent_message(after_submit: &AfterSubmit) -> AnyView {
    let text = match after_submit {
        AfterSubmit::Message { text } => text.clone(),
        AfterSubmit::Redirect { .. } => DEFAULT_THANKS.to_string(),
    };
    view! {
        <div class="lp-form lp-form--done" role="status">
            <p>{text}</p>
        </div>
    }
    .into_any()
}

/// Messages shown above the fields: the form-level message, a count of the
/// fields to check, and any message for a field this form does not show
/// (it would otherwise be lost).
fn form_alerts(props: &LeadFormProps, state: Option<&LandingFormState>) -> Vec<String> {
    let Some(state) = state else {
        return Vec::new();
    };
    let shown = |name: &str| props.fields.iter().any(|spec| spec.field.as_str() == name);
    let mut alerts: Vec<String> = state.general.iter().cloned().collect();
    let on_fields = state
        .errors
        .keys()
        .filter(|name| shown(name.as_str()))
        .count();
    if on_fields > 0 {
        alerts.push(format!(
            "Please check the {}; nothing you typed has been lost.",
            highlighted_fields(on_fields)
        ));
    }
    alerts.extend(
        state
            .errors
            .iter()
            .filter(|(name, _)| !shown(name.as_str()))
            .map(|(_, message)| message.clone()),
    );
    alerts
}

/// One labelled control with its value and message from the last post.
fn field_view(block_id: &str, spec: FormFieldSpec, state: Option<&LandingFormState>) -> AnyView {
    let key = spec.field.as_str();
    let name = format!("input[{key}]");
    let id = format!("{block_id}-{key}");
    let error_id = format!("{id}-error");
    let value = state
        .and_then(|state| state.values.get(key))
        .cloned()
        .unwrap_or_default();
    let error = state.and_then(|state| state.errors.get(key)).cloned();
    let invalid = error.as_ref().map(|_| "true");
    let described_by = error.as_ref().map(|_| error_id.clone());
    let required = spec.is_required();
    let control = match field_control(spec.field) {
        Control::Input {
            input_type,
            autocomplete,
        } => view! {
            <input id=id.clone() name=name type=input_type value=value autocomplete=autocomplete
                required=required aria-invalid=invalid aria-describedby=described_by />
        }
        .into_any(),
        Control::TextArea => view! {
            <textarea id=id.clone() name=name rows="4" required=required aria-invalid=invalid
                aria-describedby=described_by>{value}</textarea>
        }
        .into_any(),
        Control::Select(options) => {
            let nothing_chosen = value.is_empty();
            let options = options
                .into_iter()
                .map(|(choice, label)| {
                    let selected = choice == value;
                    view! { <option value=choice selected=selected>{label}</option> }
                })
                .collect_view();
            view! {
                <select id=id.clone() name=name required=required aria-invalid=invalid
                    aria-describedby=described_by>
                    <option value="" selected=nothing_chosen>"Choose…"</option>
                    {options}
                </select>
            }
            .into_any()
        }
    };
    let optional = (!required).then_some(" (optional)");
    let message = error.map(|message| view! { <p class="field__error" id=error_id>{message}</p> });
    view! {
        <div class="field">
            <label for=id>{field_label(spec.field)}{optional}</label>
            {control}
            {message}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::page_document::FormField;

    fn state_with_errors(errors: &[(&str, &str)]) -> LandingFormState {
        LandingFormState {
            block_id: "form".to_string(),
            errors: errors
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..LandingFormState::default()
        }
    }

    #[test]
    fn alerts_count_the_fields_to_check_and_keep_messages_for_unshown_fields() {
        let props = LeadFormProps::default();
        assert!(form_alerts(&props, None).is_empty());
        let state = state_with_errors(&[
            ("email", "Enter your email"),
            ("first_name", "Enter your name"),
            ("timeline", "Choose a timeline"),
        ]);
        let alerts = form_alerts(&props, Some(&state));
        assert_eq!(
            alerts,
            vec![
                "Please check the 2 highlighted fields; nothing you typed has been lost."
                    .to_string(),
                "Choose a timeline".to_string(),
            ]
        );
        assert!(props.fields.iter().any(|s| s.field == FormField::Email));
        let general = LandingFormState {
            general: Some("Something went wrong".to_string()),
            ..state_with_errors(&[])
        };
        assert_eq!(
            form_alerts(&props, Some(&general)),
            vec!["Something went wrong".to_string()]
        );
    }
}
