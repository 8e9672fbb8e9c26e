use crate::api::auth::ChangePassword;
use crate::components::admin_page::AdminPage;
use crate::components::fields::{action_field_message, aria_invalid, FieldMessage};
use crate::components::hydration::use_hydrated;
use crate::domain::admin_section::AdminSection;
use crate::domain::password::NewPassword;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <AdminPage section=AdminSection::Account>
            <h1>"My account"</h1>
            <section class="panel" aria-labelledby="password-title">
                <h2 id="password-title">"Change password"</h2>
                <p class="muted small">
                    "At least 12 characters with upper and lower case letters, a digit and a symbol. "
                    "Changing it logs you out everywhere else."
                </p>
                <ChangePasswordForm />
            </section>
        </AdminPage>
    }
}

#[island]
fn ChangePasswordForm() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let (typed, set_typed) = signal(String::new());
    // The same policy as the server, checked as the user types.
    let policy_hint = move || {
        let candidate = typed.get();
        (!candidate.is_empty())
            .then(|| NewPassword::parse(&candidate).err().map(|e| e.message()))
            .flatten()
    };
    let error_for = move |field| action_field_message(action.value(), field);
    let general_error = move || {
        action.value().get().and_then(|r| r.err()).filter(|e| {
            ["current_password", "new_password", "confirm_password"]
                .iter()
                .all(|f| e.field_message(f).is_none())
        })
    };
    let succeeded = move || matches!(action.value().get(), Some(Ok(())));
    let hydrated = use_hydrated();
    view! {
        <ActionForm action=action attr:class="form form--narrow" attr:data-hydrated=move || hydrated.get().to_string()>
            <Show when=succeeded>
                <p class="alert alert--success" role="status">"Your password has been changed."</p>
            </Show>
            {move || general_error().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
            <div class="field">
                <label for="current-password">"Current password"</label>
                <input
                    id="current-password"
                    name="current_password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-describedby="current-password-error"
                    aria-invalid=aria_invalid(error_for("current_password"))
                />
                <FieldMessage id="current-password-error" message=error_for("current_password") />
            </div>
            <div class="field">
                <label for="new-password">"New password"</label>
                <input
                    id="new-password"
                    name="new_password"
                    type="password"
                    autocomplete="new-password"
                    required
                    aria-describedby="new-password-hint new-password-error"
                    aria-invalid=aria_invalid(error_for("new_password"))
                    on:input=move |ev| set_typed.set(event_target_value(&ev))
                />
                // Checked as the user types, announced politely (not on every keystroke as an alert).
                <p id="new-password-hint" class="field__hint" aria-live="polite">
                    {move || policy_hint().unwrap_or_default()}
                </p>
                <FieldMessage id="new-password-error" message=error_for("new_password") />
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
                    aria-invalid=aria_invalid(error_for("confirm_password"))
                />
                <FieldMessage id="confirm-password-error" message=error_for("confirm_password") />
            </div>
            <button type="submit" class="button button--primary" disabled=move || action.pending().get()>
                "Change password"
            </button>
        </ActionForm>
    }
}
