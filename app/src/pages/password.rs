//! Staff who cannot sign in: "Forgot your password?" asks for a reset link,
//! and a one-time link (an invitation or a reset) opens the page that sets
//! the password. Both work without JavaScript.

use crate::api::password_links::{inspect_password_link, RequestPasswordReset, SetPasswordByLink};
use crate::components::fields::action_field_message;
use crate::components::hydration::use_hydrated;
use crate::components::island_scripts::island_scripts_in_page;
use crate::components::loaded::Loaded;
use crate::components::new_password_fields::NewPasswordFields;
use crate::components::site_layout::SiteLayout;
use crate::domain::islands::Bundle;
use crate::domain::password_link::{after_set_path, LinkPurpose};
use crate::model::users::PasswordLinkInfo;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let sent = query.read_untracked().get("sent").is_some();
    let problem = query
        .read_untracked()
        .get("error")
        .map(|code| match code.as_str() {
            "too_many" => "Too many requests from here. Wait an hour and try again.",
            _ => "Enter an email address like name@example.com.",
        });
    view! {
        <Title text="Forgot your password?" />
        <Meta name="robots" content="noindex" />
        <SiteLayout>
            <section class="container auth-card-wrap">
                <div class="auth-card">
                    <h1>"Forgot your password?"</h1>
                    {if sent {
                        view! {
                            <p class="alert alert--success" role="status" data-testid="reset-sent">
                                "If that address belongs to a Causal Edge account, we have sent it a link to choose a new password. The link works once, for one hour."
                            </p>
                            <p><a href="/login">"Back to log in"</a></p>
                        }
                        .into_any()
                    } else {
                        view! {
                            <p class="muted">"For consultants, marketers and admins. We will email you a link to choose a new password."</p>
                            {problem.map(|p| view! { <p class="alert alert--error" role="alert" id="forgot-error">{p}</p> })}
                            <form method="post" action=RequestPasswordReset::PATH class="form">
                                <div class="field">
                                    <label for="forgot-email">"Email"</label>
                                    <input id="forgot-email" name="email" type="email" autocomplete="username" required
                                        aria-describedby=problem.map(|_| "forgot-error") aria-invalid=problem.map(|_| "true") />
                                </div>
                                <button type="submit" class="button button--primary button--block">"Send me a link"</button>
                            </form>
                            <p class="small"><a href="/login">"Back to log in"</a></p>
                        }
                        .into_any()
                    }}
                </div>
            </section>
        </SiteLayout>
    }
}

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let link_token = token.clone();
    let link = Resource::new_blocking(move || link_token.clone(), inspect_password_link);
    let token = StoredValue::new(token);
    view! {
        <Title text="Choose a password" />
        // The token is in this page's address: keep it out of other sites'
        // logs. Not `no-referrer`: with it a browser sends `Origin: null` with
        // the form's plain POST, which the cross-site guard refuses.
        <Meta name="referrer" content="same-origin" />
        <Meta name="robots" content="noindex" />
        <SiteLayout>
            <section class="container auth-card-wrap">
                <div class="auth-card">
                    <Loaded resource=link render=move |info| view! { <SetPasswordCard info token=token.get_value() /> } />
                </div>
            </section>
        </SiteLayout>
    }
}

#[component]
fn SetPasswordCard(info: PasswordLinkInfo, token: String) -> impl IntoView {
    let heading = match info.purpose {
        LinkPurpose::Invite => "Welcome: choose your password",
        LinkPurpose::Reset => "Choose a new password",
    };
    view! {
        <h1>{heading}</h1>
        <p class="muted">
            "For " <strong>{info.email.clone()}</strong>
            ". At least 12 characters with upper and lower case letters, a digit and a symbol. Setting it signs you out everywhere else."
        </p>
        <SetPasswordForm token email=info.email />
        // Only a live link shows the form, the page's one island: a link
        // that is spent, expired or made up is plain HTML and downloads no
        // script, least of all the back office's bundle.
        {island_scripts_in_page(Bundle::BackOffice)}
    }
}

#[cfg_attr(any(feature = "ssr", feature = "island-set-password"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "island-set-password")), component)]
fn SetPasswordForm(token: String, email: String) -> impl IntoView {
    let action = ServerAction::<SetPasswordByLink>::new();
    let hydrated = use_hydrated();
    Effect::new(move |_| {
        if let Some(Ok(email)) = action.value().get() {
            let _ = window().location().set_href(&after_set_path(&email));
        }
    });
    let error_for = move |field| action_field_message(action.value(), field);
    let general = move || {
        action.value().get().and_then(|r| r.err()).filter(|e| {
            ["new_password", "confirm_password"]
                .iter()
                .all(|f| e.field_message(f).is_none())
        })
    };
    view! {
        <ActionForm action=action attr:class="form" attr:data-hydrated=move || hydrated.get().to_string()>
            {move || general().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
            <input type="hidden" name="token" value=token />
            // For password managers: the account this password belongs to.
            <input type="email" name="username" autocomplete="username" value=email hidden />
            <NewPasswordFields new_message=error_for("new_password") confirm_message=error_for("confirm_password") />
            <button type="submit" class="button button--primary button--block" disabled=move || action.pending().get()>
                "Save password"
            </button>
        </ActionForm>
    }
}
