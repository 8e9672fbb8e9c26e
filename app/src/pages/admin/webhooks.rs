//! `/admin/webhooks`: endpoints that receive signed events (a lead arrives,
//! a lead's status changes), each with its delivery log and "send again".

use crate::api::webhooks::{
    list_webhooks, CreateWebhook, DeleteWebhook, SendWebhookAgain, SetWebhookActive,
};
use crate::components::admin_page::AdminPage;
use crate::components::fields::{action_field_message, action_form_error, FieldMessage, TextField};
use crate::components::hydration::use_hydrated;
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::domain::dates::date_time;
use crate::domain::webhooks::WebhookEvent;
use crate::model::webhooks::{DeliverySummary, EndpointSummary};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let endpoints = Resource::new_blocking(|| (), |_| list_webhooks());
    view! {
        <AdminPage section=AdminSection::Webhooks>
            <h1>"Webhooks"</h1>
            <p class="muted">
                "Other systems (a CRM, a spreadsheet, Zapier) can hear of new leads and status changes. "
                "Each delivery is a signed JSON POST, tried again with growing waits for a day if the receiver is down; "
                "the README says how a receiver checks the signature."
            </p>
            <NewWebhookForm />
            <Loaded resource=endpoints render=move |list| view! { <EndpointList list /> } />
        </AdminPage>
    }
}

/// The new-endpoint form: its mistakes show under their fields and what was
/// typed stays. Without JavaScript it is a plain form post.
// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
fn NewWebhookForm() -> impl IntoView {
    let create = ServerAction::<CreateWebhook>::new();
    let hydrated = use_hydrated();
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            let _ = window().location().reload();
        }
    });
    let error = move |field| action_field_message(create.value(), field);
    let general = action_form_error(create.value());
    let events_error = error("events");
    view! {
        <section class="panel" aria-labelledby="new-webhook-title">
            <h2 id="new-webhook-title">"Add a webhook"</h2>
            {move || general.get().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
            <ActionForm action=create attr:class="form" attr:novalidate=true
                attr:data-hydrated=move || hydrated.get().to_string()>
                <TextField id_prefix="wh" name="url" label="Receiver's address" value=String::new()
                    hint="An http:// or https:// address that accepts POST." message=error("url") input_type="url" />
                <fieldset class="field field--checks" aria-describedby="wh-events-error">
                    <legend>"Send these events"</legend>
                    {WebhookEvent::ALL.into_iter().map(|event| view! {
                        <label class="check">
                            <input type="checkbox" name="input[events][]" value=event.as_str() checked=true />
                            {format!(" {} ({})", event.label(), event.as_str())}
                        </label>
                    }).collect_view()}
                    <FieldMessage id="wh-events-error" message=events_error />
                </fieldset>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || create.pending().get()>"Add webhook"</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn EndpointList(list: Vec<EndpointSummary>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="empty">"No webhooks yet."</p> }.into_any();
    }
    view! {
        <ul class="webhook-list">
            {list.into_iter().map(|endpoint| view! { <EndpointCard endpoint /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn EndpointCard(endpoint: EndpointSummary) -> impl IntoView {
    let events = endpoint
        .events
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let id = endpoint.id.clone();
    view! {
        <li class="panel" data-testid="webhook">
            <h2 class="webhook__url">{endpoint.url.clone()}</h2>
            <p class="small">
                <span class=if endpoint.active { "badge badge--ok" } else { "badge badge--muted" }>
                    {if endpoint.active { "On" } else { "Off" }}
                </span>
                " " {events}
            </p>
            {if let Some(what) = endpoint.builtin.clone() {
                view! { <p class="small">{what}</p> }.into_any()
            } else {
                view! {
                    <details>
                        <summary>"Signing secret"</summary>
                        <code class="webhook__secret">{endpoint.secret.clone()}</code>
                    </details>
                }.into_any()
            }}
            <div class="row-actions">
                <form method="post" action=SetWebhookActive::PATH class="inline-form">
                    <input type="hidden" name="id" value=id.clone() />
                    <input type="hidden" name="active" value=(!endpoint.active).to_string() />
                    <button type="submit" class="button button--small">{if endpoint.active { "Switch off" } else { "Switch on" }}</button>
                </form>
                <form method="post" action=DeleteWebhook::PATH class="inline-form"
                    data-confirm="Delete this webhook and its delivery log?">
                    <input type="hidden" name="id" value=id.clone() />
                    <button type="submit" class="button button--small button--danger">"Delete"</button>
                </form>
            </div>
            <DeliveryLog deliveries=endpoint.deliveries />
        </li>
    }
}

#[component]
fn DeliveryLog(deliveries: Vec<DeliverySummary>) -> impl IntoView {
    if deliveries.is_empty() {
        return view! { <p class="muted small">"Nothing sent yet."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table table--cards table--fit">
                <caption class="visually-hidden">"Deliveries, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Event"</th>
                        <th scope="col">"Result"</th>
                        <th scope="col">"Attempts"</th>
                        <th scope="col">"When"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {deliveries.into_iter().map(|d| {
                        let result = match (d.status.as_str(), d.last_status_code) {
                            ("delivered", Some(code)) => format!("Delivered ({code})"),
                            ("delivered", None) => "Delivered".to_string(),
                            ("failed", _) => format!("Gave up: {}", d.last_error),
                            (_, _) if d.attempts == 0 => "Waiting".to_string(),
                            (_, _) => format!("Retrying: {}", d.last_error),
                        };
                        view! {
                            <tr data-testid="delivery">
                                <th scope="row">{d.event.clone()}</th>
                                <td data-label="Result">{result}</td>
                                <td data-label="Attempts">{d.attempts}</td>
                                <td data-label="When" class="table__nowrap">{date_time(d.delivered_at_ms.unwrap_or(d.created_at_ms))}</td>
                                <td data-label="Actions">
                                    <form method="post" action=SendWebhookAgain::PATH class="inline-form">
                                        <input type="hidden" name="id" value=d.id.clone() />
                                        <button type="submit" class="button button--small button--ghost">"Send again"</button>
                                    </form>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
