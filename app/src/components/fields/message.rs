use crate::error::AppError;
use leptos::prelude::*;

/// The message for one field in a server action's latest error
/// (`action.value()`): the `message` of that field's input.
pub fn action_field_message<O, S>(result: S, field: &'static str) -> Signal<Option<String>>
where
    S: With<Value = Option<Result<O, AppError>>> + Copy + Send + Sync + 'static,
{
    Signal::derive(move || {
        result.with(|r| match r {
            Some(Err(e)) => e.field_message(field),
            _ => None,
        })
    })
}

/// The action's latest error when it belongs to no field (a lost session, a
/// server fault): shown once for the whole form.
pub fn action_form_error<O, S>(result: S) -> Signal<Option<AppError>>
where
    S: With<Value = Option<Result<O, AppError>>> + Copy + Send + Sync + 'static,
{
    Signal::derive(move || {
        result.with(|r| match r {
            Some(Err(e)) if !e.is_about_fields() => Some(e.clone()),
            _ => None,
        })
    })
}

/// An inline validation message under a field. It is inserted only when there
/// is an error, as an alert, so screen readers announce it once when it appears;
/// the field points at it with `aria-describedby`.
#[component]
pub fn FieldMessage(#[prop(into)] id: String, message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|text| view! { <p id=id.clone() class="field__error" role="alert">{text}</p> })
    }
}

/// `aria-invalid` for a field whose message signal may hold an error.
pub fn aria_invalid(message: Signal<Option<String>>) -> impl Fn() -> &'static str + Copy {
    move || {
        if message.get().is_some() {
            "true"
        } else {
            "false"
        }
    }
}

/// A labelled one-line text input posted as `input[name]`, with an optional
/// hint and its error message underneath (the editors' common field).
#[component]
pub fn TextField(
    /// Prefix of the element ids, unique per form (e.g. `cs`).
    id_prefix: &'static str,
    /// The field's key: posted as `input[name]`, and the key of its error.
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(default = "")] hint: &'static str,
    message: Signal<Option<String>>,
    /// `email`, `url`, `tel`… so phones show the matching keyboard.
    #[prop(default = "text")]
    input_type: &'static str,
) -> impl IntoView {
    let id = format!("{id_prefix}-{name}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint">{hint}</p> })}
            <input id=id name=format!("input[{name}]") type=input_type value=value
                aria-describedby=error_id.clone() aria-invalid=aria_invalid(message) />
            <FieldMessage id=error_id message />
        </div>
    }
}

/// A labelled multi-line field posted as `input[name]` (the editors' long texts).
#[component]
pub fn TextArea(
    id_prefix: &'static str,
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(default = "")] hint: &'static str,
    #[prop(default = 3)] rows: u32,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("{id_prefix}-{name}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field field--wide">
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint">{hint}</p> })}
            <textarea id=id name=format!("input[{name}]") rows=rows
                aria-describedby=error_id.clone() aria-invalid=aria_invalid(message)>{value}</textarea>
            <FieldMessage id=error_id message />
        </div>
    }
}

/// A labelled choice posted as `input[name]`: `options` are (value, text).
#[component]
pub fn SelectField(
    id_prefix: &'static str,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    current: String,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("{id_prefix}-{name}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=format!("input[{name}]")
                aria-describedby=error_id.clone() aria-invalid=aria_invalid(message)>
                {options.into_iter().map(|(value, text)| {
                    let selected = value == current;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            <FieldMessage id=error_id message />
        </div>
    }
}
