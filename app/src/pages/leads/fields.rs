//! The lead form's inputs. They read and write the form held in context by
//! the `LeadCapture` island, and show the message for their field.

use crate::components::fields::{SelectField, TextArea, TextField};
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

    fn setter(self, name: &'static str) -> Callback<String> {
        Callback::new(move |value: String| self.form.update(|f| f.set(name, value)))
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
    view! {
        <TextField id_prefix=state.prefix.get_value() name label value=state.value(name) hint
            message=state.message(name) input_type=kind autocomplete required
            on_input=state.setter(name) />
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
    view! {
        <TextArea id_prefix=state.prefix.get_value() name label value=state.value(name) hint
            rows=4 wide=false message=state.message(name) on_input=state.setter(name) />
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
    view! {
        <SelectField id_prefix=state.prefix.get_value() name label options current=state.value(name)
            message=state.message(name) placeholder="Choose…" required on_input=state.setter(name) />
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
