//! Labelled controls: a text input, a text area and a select, each with an
//! optional hint, a required marker and its message underneath.

use super::message::{aria_invalid, FieldMessage};
use leptos::prelude::*;

/// The element ids of one field and what its control is described by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIds {
    pub control: String,
    pub hint: String,
    pub error: String,
}

impl FieldIds {
    /// `prefix` is unique per form on the page (e.g. `cs`, `lead`).
    pub fn new(prefix: &str, name: &str) -> FieldIds {
        let control = format!("{prefix}-{name}");
        FieldIds {
            hint: format!("{control}-hint"),
            error: format!("{control}-error"),
            control,
        }
    }

    /// `aria-describedby`: the hint (when there is one), then the message.
    pub fn described_by(&self, has_hint: bool) -> String {
        if has_hint {
            format!("{} {}", self.hint, self.error)
        } else {
            self.error.clone()
        }
    }
}

#[component]
fn Label(id: String, label: &'static str, required: bool) -> impl IntoView {
    view! {
        <label for=id>
            {label}
            {required.then_some(view! { <span class="required" aria-hidden="true">" *"</span> })}
        </label>
    }
}

#[component]
fn Hint(id: String, hint: &'static str) -> impl IntoView {
    (!hint.is_empty()).then(|| view! { <p class="field__hint" id=id>{hint}</p> })
}

fn report(on_input: Option<Callback<String>>) -> impl Fn(leptos::ev::Event) + Copy {
    move |ev| {
        if let Some(on_input) = on_input {
            on_input.run(event_target_value(&ev));
        }
    }
}

/// A labelled one-line text input.
#[component]
pub fn TextField(
    /// Prefix of the element ids, unique per form (e.g. `cs`).
    #[prop(into)]
    id_prefix: String,
    /// The field's key: posted as `input[name]`, and the key of its error.
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(default = "")] hint: &'static str,
    message: Signal<Option<String>>,
    /// `email`, `url`, `tel`… so phones show the matching keyboard.
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(default = false)] required: bool,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    /// Called with the new text on every keystroke (live forms).
    #[prop(optional)]
    on_input: Option<Callback<String>>,
) -> impl IntoView {
    let ids = FieldIds::new(&id_prefix, name);
    view! {
        <div class="field">
            <Label id=ids.control.clone() label required />
            <Hint id=ids.hint.clone() hint />
            <input id=ids.control.clone() name=format!("input[{name}]") type=input_type value=value
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete) list=list
                required=required aria-describedby=ids.described_by(!hint.is_empty())
                aria-invalid=aria_invalid(message) on:input=report(on_input) />
            <FieldMessage id=ids.error message />
        </div>
    }
}

/// A labelled multi-line text input.
#[component]
pub fn TextArea(
    #[prop(into)] id_prefix: String,
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(default = "")] hint: &'static str,
    #[prop(default = 3)] rows: u32,
    message: Signal<Option<String>>,
    /// Spans the editor's two columns.
    #[prop(default = true)]
    wide: bool,
    #[prop(optional)] on_input: Option<Callback<String>>,
) -> impl IntoView {
    let ids = FieldIds::new(&id_prefix, name);
    view! {
        <div class="field" class:field--wide=wide>
            <Label id=ids.control.clone() label required=false />
            <Hint id=ids.hint.clone() hint />
            <textarea id=ids.control.clone() name=format!("input[{name}]") rows=rows
                aria-describedby=ids.described_by(!hint.is_empty()) aria-invalid=aria_invalid(message)
                on:input=report(on_input)>{value}</textarea>
            <FieldMessage id=ids.error message />
        </div>
    }
}

/// A labelled choice: `options` are (value, text); with a `placeholder`, an
/// empty first option is offered (selected while nothing is chosen).
#[component]
pub fn SelectField(
    #[prop(into)] id_prefix: String,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    current: String,
    message: Signal<Option<String>>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(default = false)] required: bool,
    #[prop(optional)] on_input: Option<Callback<String>>,
) -> impl IntoView {
    let ids = FieldIds::new(&id_prefix, name);
    let nothing_chosen = current.is_empty();
    view! {
        <div class="field">
            <Label id=ids.control.clone() label required />
            <select id=ids.control.clone() name=format!("input[{name}]") required=required
                aria-describedby=ids.error.clone() aria-invalid=aria_invalid(message)
                on:change=report(on_input)>
                {placeholder.map(|text| view! { <option value="" selected=nothing_chosen>{text}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let selected = value == current;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            <FieldMessage id=ids.error message />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::FieldIds;

    #[test]
    fn a_field_is_described_by_its_hint_then_its_message() {
        let ids = FieldIds::new("lead", "email");
        assert_eq!(ids.control, "lead-email");
        assert_eq!(ids.described_by(true), "lead-email-hint lead-email-error");
        assert_eq!(ids.described_by(false), "lead-email-error");
    }
}
