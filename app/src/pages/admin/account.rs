use crate::api::auth::ChangePassword;
use crate::components::admin_page::AdminPage;
use crate::components::fields::{action_field_message, aria_invalid, FieldMessage};
use crate::components::hydration::use_hydrated;
use crate::components::new_password_fields::NewPasswordFields;
use crate::domain::admin_section::AdminSection;
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

// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
fn ChangePasswordForm() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
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
            <NewPasswordFields new_message=error_for("new_password") confirm_message=error_for("confirm_password") />
            <button type="submit" class="button button--primary" disabled=move || action.pending().get()>
                "Change password"
            </button>
        </ActionForm>
    }
}
