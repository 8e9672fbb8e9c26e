//! The "new password" and "repeat it" pair, shared by the account page and
//! the set-password page: the same policy as the server is checked as the
//! person types and announced politely.

use crate::components::fields::{aria_invalid, FieldMessage};
use crate::domain::password::NewPassword;
use leptos::prelude::*;

#[component]
pub fn NewPasswordFields(
    new_message: Signal<Option<String>>,
    confirm_message: Signal<Option<String>>,
) -> impl IntoView {
    let (typed, set_typed) = signal(String::new());
    let policy_hint = move || {
        let candidate = typed.get();
        (!candidate.is_empty())
            .then(|| NewPassword::parse(&candidate).err().map(|e| e.message()))
            .flatten()
    };
    view! {
        <div class="field">
            <label for="new-password">"New password"</label>
            <input
                id="new-password"
                name="new_password"
                type="password"
                autocomplete="new-password"
                required
                aria-describedby="new-password-hint new-password-error"
                aria-invalid=aria_invalid(new_message)
                on:input=move |ev| set_typed.set(event_target_value(&ev))
            />
            // Checked as the user types, announced politely (not on every keystroke as an alert).
            <p id="new-password-hint" class="field__hint" aria-live="polite">
                {move || policy_hint().unwrap_or_default()}
            </p>
            <FieldMessage id="new-password-error" message=new_message />
        </div>
        <div class="field">
            <label for="confirm-password">"Repeat the new password"</label>
            <input
                id="confirm-password"
                name="confirm_password"
                type="password"
                autocomplete="new-password"
                required
                aria-describedby="confirm-password-error"
                aria-invalid=aria_invalid(confirm_message)
            />
            <FieldMessage id="confirm-password-error" message=confirm_message />
        </div>
    }
}
