//! Field messages: which message a field shows, and how it is announced.

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

/// "1 highlighted field" / "3 highlighted fields".
pub fn highlighted_fields(count: usize) -> String {
    let noun = if count == 1 { "field" } else { "fields" };
    format!("{count} highlighted {noun}")
}
