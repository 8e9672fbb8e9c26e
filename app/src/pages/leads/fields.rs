//! The lead form's inputs. They read and write the form held in context by
//! the `LeadCapture` island, and show the message for their field.

use crate::components::field_message::{aria_invalid, FieldMessage};
use crate::domain::lead_form::LeadForm;
use leptos::prelude::*;

/// The form being filled in and the messages to show, shared by the inputs.
#[derive(Clone, Copy)]
pub struct FormState {
    pub form: RwSignal<LeadForm>,
    /// Messages currently shown, by field.
    pub shown_errors: Signal<Vec<(String, String)>>,
    /// Id prefix, unique per form on the page.
    pub prefix: StoredValue<String>,
}

impl FormState {
    pub fn message(self, name: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.shown_errors.with(|errors| {
                errors
                    .iter()
                    .find(|(field, _)| field == name)
                    .map(|(_, m)| m.clone())
            })
        })
    }

    pub fn id(self, name: &str) -> String {
        format!("{}-{name}", self.prefix.get_value())
    }

    fn value(self, name: &'static str) -> String {
        self.form
            .with_untracked(|f| f.get(name).unwrap_or_default().to_string())
    }

    fn set(self, name: &'static str, value: String) {
        self.form.update(|f| f.set(name, value));
    }
}

/// A labelled text input (`kind` is the input type: text, email, tel, url).
#[component]
pub fn LeadText(
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(default = false)] required: bool,
    #[prop(default = "")] hint: &'static str,
) -> impl IntoView {
    let state = expect_context::<FormState>();
    let id = state.id(name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = state.message(name);
    let described = if hint.is_empty() {
        error_id.clone()
    } else {
        format!("{hint_id} {error_id}")
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(view! { <span class="required" aria-hidden="true">" *"</span> })}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            <input id=id name=format!("input[{name}]") type=kind value=state.value(name)
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                required=required aria-describedby=described aria-invalid=aria_invalid(message)
                on:input=move |ev| state.set(name, event_target_value(&ev)) />
            <FieldMessage id=error_id message />
        </div>
    }
}

/// A labelled multi-line text input.
#[component]
pub fn LeadTextArea(
    name: &'static str,
    label: &'static str,
    #[prop(default = "")] hint: &'static str,
) -> impl IntoView {
    let state = expect_context::<FormState>();
    let id = state.id(name);
    let error_id = format!("{id}-error");
    let message = state.message(name);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint">{hint}</p> })}
            <textarea id=id name=format!("input[{name}]") rows="4" aria-describedby=error_id.clone()
                aria-invalid=aria_invalid(message)
                on:input=move |ev| state.set(name, event_target_value(&ev))>{state.value(name)}</textarea>
            <FieldMessage id=error_id message />
        </div>
    }
}

/// A labelled select with a placeholder option.
#[component]
pub fn LeadSelect(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let state = expect_context::<FormState>();
    let id = state.id(name);
    let error_id = format!("{id}-error");
    let message = state.message(name);
    let current = state.value(name);
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(view! { <span class="required" aria-hidden="true">" *"</span> })}</label>
            <select id=id name=format!("input[{name}]") required=required aria-describedby=error_id.clone()
                aria-invalid=aria_invalid(message)
                on:change=move |ev| state.set(name, event_target_value(&ev))>
                <option value="" selected=current.is_empty()>"Choose…"</option>
                {options.into_iter().map(|(value, text)| {
                    let selected = value == current;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            <FieldMessage id=error_id message />
        </div>
    }
}

/// A field the visitor does not see but the form carries (attribution, context).
#[component]
pub fn LeadHidden(name: &'static str) -> impl IntoView {
    let state = expect_context::<FormState>();
    view! { <input type="hidden" name=format!("input[{name}]") value=move || state.form.with(|f| f.get(name).unwrap_or_default().to_string()) /> }
}

/// Options of a choice set as (wire value, label) pairs.
pub fn options<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|c| (value(*c).to_string(), label(*c).to_string()))
        .collect()
}
