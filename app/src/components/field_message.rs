use leptos::prelude::*;

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
