//! `/admin/emails` and `/admin/emails/{key}`: the emails the app sends that
//! admins and marketers may reword, each with its variables and a live
//! preview (HTML in a sandboxed frame, and the plain-text part). A template
//! that does not render is refused with its part and line.

use crate::api::email_templates::{
    email_template, list_email_templates, preview_email_template, ResetEmailTemplate,
    SaveEmailTemplate,
};
use crate::components::admin_page::AdminPage;
use crate::components::fields::{action_field_message, action_form_error, TextArea, TextField};
use crate::components::hydration::use_hydrated;
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::domain::dates::date_time;
use crate::domain::email_templates::{RenderedEmail, TemplateSource};
use crate::model::email_templates::{TemplateDetail, TemplateInput, TemplateSummary};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EmailTemplatesPage() -> impl IntoView {
    let templates = Resource::new_blocking(|| (), |_| list_email_templates());
    view! {
        <AdminPage section=AdminSection::Emails>
            <h1>"Emails"</h1>
            <p class="muted">
                "What the app writes to consultants and, with their consent, to prospects. "
                "Follow-ups go by tier and stop when a consultant takes the lead further or the prospect unsubscribes."
            </p>
            <Loaded resource=templates render=move |list| view! { <TemplateList list /> } />
        </AdminPage>
    }
}

#[component]
fn TemplateList(list: Vec<TemplateSummary>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table table--cards table--fit">
                <caption class="visually-hidden">"Email templates"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Wording"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|t| {
                        let wording = match (t.edited, t.updated_at_ms) {
                            (true, Some(at)) => format!(
                                "Edited {}{}",
                                date_time(at),
                                t.updated_by.map(|by| format!(" by {by}")).unwrap_or_default()
                            ),
                            _ => "The default".to_string(),
                        };
                        view! {
                            <tr data-testid="email-template">
                                <td data-label="Email">{t.label.clone()}</td>
                                <td data-label="Wording">{wording}</td>
                                <td data-label="Actions">
                                    <a class="button button--small" href=format!("/admin/emails/{}", t.key.as_str())
                                        aria-label=format!("Edit: {}", t.label)>"Edit"</a>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn EmailTemplatePage() -> impl IntoView {
    let key = use_params_map().with_untracked(|p| p.get("key").unwrap_or_default());
    let template = Resource::new_blocking(move || key.clone(), email_template);
    view! {
        <AdminPage section=AdminSection::Emails>
            <p class="small"><a href="/admin/emails">"← All emails"</a></p>
            <Loaded resource=template render=move |detail| view! { <TemplateEditorPage detail /> } />
        </AdminPage>
    }
}

#[component]
fn TemplateEditorPage(detail: TemplateDetail) -> impl IntoView {
    let key = detail.summary.key.as_str().to_string();
    view! {
        <h1>{detail.summary.label.clone()}</h1>
        {detail.marketing.then(|| view! {
            <p class="muted">"Sent only to prospects who agreed to marketing email. Keep the unsubscribe link: the law requires it, and mail programs also get it in the List-Unsubscribe header."</p>
        })}
        <details class="panel">
            <summary>"Variables this email can use"</summary>
            <p class="small">"Write " <code>"{{ lead.first_name }}"</code> ", " <code>"{% if estimate %}…{% endif %}"</code> " or " <code>"{% for x in list %}…{% endfor %}"</code> ". In HTML every value is escaped."</p>
            <dl class="variables">
                {detail.variables.into_iter().map(|(name, what)| view! {
                    <dt><code>{name}</code></dt>
                    <dd>{what}</dd>
                }).collect_view()}
            </dl>
        </details>
        <TemplateEditor key=key.clone() source=detail.source preview=detail.preview />
        {detail.summary.edited.then(|| view! {
            <form method="post" action=ResetEmailTemplate::PATH class="inline-form"
                data-confirm="Throw away the edits and use the default wording again?">
                <input type="hidden" name="key" value=key.clone() />
                <button type="submit" class="button button--small button--danger">"Back to the default wording"</button>
            </form>
        })}
    }
}

/// The three parts and, beside them, the email as it would look with
/// made-up values, updated as the editor types (a moment after the last key).
// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
fn TemplateEditor(
    key: String,
    source: TemplateSource,
    preview: Result<RenderedEmail, String>,
) -> impl IntoView {
    let save = ServerAction::<SaveEmailTemplate>::new();
    let hydrated = use_hydrated();
    let subject = RwSignal::new(source.subject.clone());
    let body_text = RwSignal::new(source.body_text.clone());
    let body_html = RwSignal::new(source.body_html.clone());
    let shown = RwSignal::new(preview);
    let typed = RwSignal::new(0u64);
    let preview_key = key.clone();
    // Each keystroke bumps `typed`; a preview is asked for 300 ms later if
    // nothing was typed meanwhile, and only the newest answer is shown.
    Effect::new(move |previous: Option<()>| {
        let version = typed.get();
        if previous.is_none() {
            return;
        }
        let key = preview_key.clone();
        set_timeout(
            move || {
                if typed.get_untracked() != version {
                    return;
                }
                let input = TemplateInput {
                    subject: subject.get_untracked(),
                    body_text: body_text.get_untracked(),
                    body_html: body_html.get_untracked(),
                };
                leptos::task::spawn_local(async move {
                    let answer = preview_email_template(key, input).await;
                    if typed.get_untracked() == version {
                        shown.set(answer.unwrap_or_else(|e| Err(e.to_string())));
                    }
                });
            },
            std::time::Duration::from_millis(300),
        );
    });
    let edit = move |signal: RwSignal<String>| {
        Callback::new(move |text: String| {
            signal.set(text);
            typed.update(|n| *n += 1);
        })
    };
    let error = move |field| action_field_message(save.value(), field);
    let general = action_form_error(save.value());
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    view! {
        <div class="template-editor">
            <ActionForm action=save attr:class="form template-editor__form" attr:novalidate=true
                attr:data-hydrated=move || hydrated.get().to_string()>
                <input type="hidden" name="key" value=key.clone() />
                {move || general.get().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
                <TextField id_prefix="tpl" name="subject" label="Subject" value=source.subject
                    message=error("subject") on_input=edit(subject) />
                <TextArea id_prefix="tpl" name="body_text" label="Plain text" value=source.body_text rows=14
                    message=error("body_text") on_input=edit(body_text) />
                <TextArea id_prefix="tpl" name="body_html" label="HTML" value=source.body_html rows=14
                    hint="Optional: without it the email goes as plain text."
                    message=error("body_html") on_input=edit(body_html) />
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || save.pending().get()>"Save"</button>
                    {move || saved().then(|| view! { <span class="badge badge--ok" role="status">"Saved"</span> })}
                </div>
            </ActionForm>
            <section class="panel template-preview" aria-labelledby="preview-title" aria-live="polite">
                <h2 id="preview-title">"Preview, with made-up values"</h2>
                {move || match shown.get() {
                    Ok(email) => view! {
                        <p class="template-preview__subject"><strong>"Subject: "</strong>{email.subject}</p>
                        {(!email.body_html.is_empty()).then(|| view! {
                            <iframe class="template-preview__html" title="HTML preview" sandbox="" srcdoc=email.body_html></iframe>
                        })}
                        <h3>"Plain text"</h3>
                        <pre class="template-preview__text">{email.body_text}</pre>
                    }.into_any(),
                    Err(problem) => view! {
                        <p class="alert alert--error" role="alert" data-testid="preview-error">{problem}</p>
                    }.into_any(),
                }}
            </section>
        </div>
    }
}
