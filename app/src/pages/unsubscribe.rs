//! `/unsubscribe/{token}`: where the link in every marketing email leads.
//! One button (a plain form, no JavaScript); opening the page changes
//! nothing, so a mail scanner following links cannot unsubscribe anyone.

use crate::api::unsubscribe::{unsubscribe_status, Unsubscribe};
use crate::components::loaded::Loaded;
use crate::components::site_layout::SiteLayout;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let status_token = token.clone();
    let status = Resource::new_blocking(move || status_token.clone(), unsubscribe_status);
    let token = StoredValue::new(token);
    view! {
        <Title text="Unsubscribe" />
        // The token is in this page's address: keep it out of other sites'
        // logs. Not `no-referrer`: with it a browser sends `Origin: null` with
        // the form's plain POST, which the cross-site guard refuses.
        <Meta name="referrer" content="same-origin" />
        <Meta name="robots" content="noindex" />
        <SiteLayout>
            <section class="container auth-card-wrap">
                <div class="auth-card">
                    <Loaded resource=status render=move |subscribed| {
                        if subscribed {
                            view! {
                                <h1>"Stop marketing email?"</h1>
                                <p>"You will get no more follow-ups or case-study emails from Causal Edge. A consultant may still answer your enquiry."</p>
                                <form method="post" action=Unsubscribe::PATH>
                                    <input type="hidden" name="token" value=token.get_value() />
                                    <button type="submit" class="button button--primary">"Unsubscribe"</button>
                                </form>
                            }
                            .into_any()
                        } else {
                            view! {
                                <h1>"You are unsubscribed"</h1>
                                <p role="status">"We have recorded that you withdrew your consent to marketing email, and send you none from now on."</p>
                                <p class="small"><a href="/privacy">"How we use your details"</a></p>
                            }
                            .into_any()
                        }
                    } />
                </div>
            </section>
        </SiteLayout>
    }
}
