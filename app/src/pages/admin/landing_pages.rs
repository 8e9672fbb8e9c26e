//! `/admin/pages` (the list, and new pages from a template) and
//! `/admin/pages/{id}/edit` (the draft's document, publishing and history).
//! Every action is a plain form to its server function, so all of it works
//! without JavaScript; the document editor is an island that shows each
//! problem with its path in the document.

use crate::api::landing_pages::{
    landing_page, list_landing_pages, CreateLandingPage, DeleteLandingPage, DuplicateLandingPage,
    NameLandingPageVersion, PublishLandingPage, RestoreLandingPage, SaveLandingPage,
    SaveLandingPageAsTemplate, WithdrawLandingPage,
};
use crate::components::admin_page::AdminPage;
use crate::components::fields::action_form_error;
use crate::components::hydration::use_hydrated;
use crate::components::list_controls::{list_query_from_url, ListFilters, Pagination};
use crate::components::loaded::Loaded;
use crate::components::page_editor::PageBuilder;
use crate::domain::admin_section::AdminSection;
use crate::domain::dates::date_time;
use crate::domain::list_filters::{PageListQuery, PageState};
use crate::domain::list_query::{count_words, page_count};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::landing_pages::{PageDetail, PageList, PageSummary, TemplateChoice};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

#[component]
pub fn LandingPagesAdminPage() -> impl IntoView {
    let (query, errors, args) = list_query_from_url::<PageState>();
    let pages = Resource::new_blocking(
        move || args.clone(),
        |[q, status, page]| list_landing_pages(q, status, page),
    );
    let query = StoredValue::new(query);
    let errors = StoredValue::new(errors);
    view! {
        <AdminPage section=AdminSection::Pages>
            <div class="admin-head">
                <h1>"Landing pages"</h1>
            </div>
            <p class="muted">"Pages for campaigns, each at /landing/its-address. A page is a draft until it is published; its lead form feeds the lead pipeline."</p>
            <ListFilters query=query.get_value() errors=errors.get_value() search_hint="Title or address" filter_label="Status" />
            <Loaded resource=pages render=move |list| view! { <PageListView list query=query.get_value() /> } />
        </AdminPage>
    }
}

#[component]
fn PageListView(list: PageList, query: PageListQuery) -> impl IntoView {
    let count = count_words(list.total, "No landing pages match.", "page", "pages");
    let pages = page_count(list.total);
    let page = query.page;
    view! {
        <p class="muted" role="status" data-testid="page-count">{count}</p>
        {(!list.pages.is_empty()).then(|| view! { <PageTable list=list.pages /> })}
        <Pagination query page pages />
        <NewPageForm templates=list.templates />
    }
}

fn status_badge(status: PageState) -> impl IntoView {
    let class = match status {
        PageState::Published => "badge badge--ok",
        PageState::Draft => "badge badge--muted",
        PageState::Archived => "badge",
    };
    let label = match status {
        PageState::Published => "Published",
        PageState::Draft => "Draft",
        PageState::Archived => "Archived",
    };
    view! { <span class=class>{label}</span> }
}

#[component]
fn PageTable(list: Vec<PageSummary>) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Landing pages">
            <table class="table table--cards table--fit">
                <caption class="visually-hidden">"Landing pages"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Page"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Views"</th>
                        <th scope="col">"Leads"</th>
                        <th scope="col">"Last edit"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|p| {
                        let edit = format!("/admin/pages/{}/edit", p.id);
                        let live = format!("/landing/{}", p.slug);
                        let edited = format!(
                            "{}{}",
                            date_time(p.updated_at_ms),
                            p.updated_by.clone().map(|by| format!(" by {by}")).unwrap_or_default()
                        );
                        let published = p.status == PageState::Published;
                        view! {
                            <tr data-testid="landing-page-row">
                                <th scope="row">
                                    <a href=edit.clone()>{p.title.clone()}</a>
                                    <span class="small muted table__sub">{format!("/landing/{}", p.slug)}</span>
                                </th>
                                <td data-label="Status">{status_badge(p.status)}</td>
                                <td data-label="Views">{p.views}</td>
                                <td data-label="Leads">{p.leads}</td>
                                <td data-label="Last edit">{edited}</td>
                                <td data-label="Actions">
                                    <div class="row-actions">
                                        <a class="button button--small" href=edit>
                                            "Edit"<span class="visually-hidden">{format!(" {}", p.title)}</span>
                                        </a>
                                        {published.then(|| view! {
                                            <a class="button button--small button--ghost" href=live>
                                                "View"<span class="visually-hidden">{format!(" {}", p.title)}</span>
                                            </a>
                                        })}
                                        <form method="post" action=DuplicateLandingPage::PATH class="inline-form">
                                            <input type="hidden" name="id" value=p.id.clone() />
                                            <button type="submit" class="button button--small button--ghost">
                                                "Duplicate"<span class="visually-hidden">{format!(" {}", p.title)}</span>
                                            </button>
                                        </form>
                                    </div>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A new page from a template: its title and address.
#[component]
fn NewPageForm(templates: Vec<TemplateChoice>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="new-page-title">
            <h2 id="new-page-title">"New page"</h2>
            <form method="post" action=CreateLandingPage::PATH class="form">
                <fieldset class="template-choices">
                    <legend>"Start from"</legend>
                    {templates.into_iter().enumerate().map(|(i, t)| {
                        let id = format!("template-{}", t.key);
                        view! {
                            <div class="template-choice">
                                <input type="radio" name="input[template]" id=id.clone() value=t.key.clone() checked=i == 0 />
                                <label for=id>
                                    <strong>{t.name.clone()}</strong>
                                    <span class="small muted">{t.description.clone()}</span>
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="new-page-title-input">"Title"</label>
                    <input id="new-page-title-input" name="input[title]" required maxlength="120" />
                </div>
                <div class="field">
                    <label for="new-page-slug">"Address"</label>
                    <p class="field__hint" id="new-page-slug-hint">"/landing/ followed by lowercase words joined with hyphens, e.g. spring-offer"</p>
                    <input id="new-page-slug" name="input[slug]" required maxlength="120" aria-describedby="new-page-slug-hint"
                        pattern="[a-z0-9]+(-[a-z0-9]+)*" />
                </div>
                <button type="submit" class="button button--primary">"Create the draft"</button>
            </form>
        </section>
    }
}

#[component]
pub fn EditLandingPagePage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let page = Resource::new_blocking(move || id.clone(), landing_page);
    view! {
        <AdminPage section=AdminSection::Pages>
            <p class="small"><a href="/admin/pages">"← All landing pages"</a></p>
            <Loaded resource=page render=move |detail| view! { <PageEditor detail /> } />
        </AdminPage>
    }
}

#[component]
fn PageEditor(detail: PageDetail) -> impl IntoView {
    let is_admin = use_context::<CurrentUser>().is_some_and(|u| u.role == Role::Admin);
    let s = detail.summary.clone();
    let id = s.id.clone();
    let published = s.status == PageState::Published;
    let form = |action: &'static str,
                label: &'static str,
                class: &'static str,
                extra: Option<(&'static str, &'static str)>| {
        let id = id.clone();
        view! {
            <form method="post" action=action class="inline-form">
                <input type="hidden" name="id" value=id />
                {extra.map(|(name, value)| view! { <input type="hidden" name=name value=value /> })}
                <button type="submit" class=class>{label}</button>
            </form>
        }
    };
    view! {
        <div class="admin-head">
            <h1>{s.title.clone()}</h1>
            {status_badge(s.status)}
        </div>
        <p class="muted">
            {format!("/landing/{}", s.slug)}
            {detail.unpublished_changes.then_some(" · the draft has changes that are not published")}
        </p>
        <div class="row-actions">
            <a class="button button--small button--ghost" href=format!("/admin/pages/{id}/preview")>"Preview the draft"</a>
            {published.then(|| view! { <a class="button button--small button--ghost" href=format!("/landing/{}", s.slug)>"View live"</a> })}
            {form(PublishLandingPage::PATH, if published { "Publish the changes" } else { "Publish" }, "button button--small button--primary", None)}
            {published.then(|| form(WithdrawLandingPage::PATH, "Unpublish", "button button--small", Some(("to", "draft"))))}
            {(s.status != PageState::Archived).then(|| form(WithdrawLandingPage::PATH, "Archive", "button button--small button--ghost", Some(("to", "archived"))))}
            {form(DuplicateLandingPage::PATH, "Duplicate", "button button--small button--ghost", None)}
            {is_admin.then(|| view! {
                <form method="post" action=DeleteLandingPage::PATH class="inline-form"
                    data-confirm="Delete this page, its versions and its counts? This cannot be undone.">
                    <input type="hidden" name="id" value=id.clone() />
                    <button type="submit" class="button button--small button--danger">"Delete"</button>
                </form>
            })}
        </div>
        <PageBuilder id=id.clone() revision=detail.revision document=detail.draft_json.clone() data=detail.editor_data />
        <details class="panel pb-json">
            <summary>"Import or export the page as JSON"</summary>
            <p class="small"><a href=format!("/admin/pages/{id}/export") download="">"Download this draft as a JSON file"</a></p>
            <DocumentEditor id=id.clone() revision=detail.revision document=detail.draft_json />
        </details>
        <VersionHistory id=id.clone() versions=detail.versions />
    }
}

/// The draft as page-document JSON (docs/page-document.md): paste an
/// exported page here to import it. Problems are listed by their place in
/// the document; a save made from an older copy is refused, not merged.
// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
fn DocumentEditor(id: String, revision: i64, document: String) -> impl IntoView {
    let save = ServerAction::<SaveLandingPage>::new();
    let hydrated = use_hydrated();
    let revision = RwSignal::new(revision);
    Effect::new(move |_| {
        if let Some(Ok(new_revision)) = save.value().get() {
            revision.set(new_revision);
        }
    });
    let general = action_form_error(save.value());
    let problems = move || match save.value().get() {
        Some(Err(AppError::Invalid(errors))) => errors,
        _ => Vec::new(),
    };
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    view! {
        <section class="panel" aria-labelledby="document-title">
            <h2 id="document-title">"Page document"</h2>
            <p class="small muted">"The page as JSON: sections, blocks and settings. Paste an exported page to import it; it is checked before anything is saved."</p>
            <ActionForm action=save attr:class="form" attr:novalidate=true
                attr:data-hydrated=move || hydrated.get().to_string()>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="revision" prop:value=move || revision.get().to_string() value=revision.get_untracked().to_string() />
                {move || general.get().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
                {move || {
                    let problems = problems();
                    (!problems.is_empty()).then(|| view! {
                        <div class="alert alert--error" role="alert">
                            <p>{crate::domain::plural::plural(problems.len() as i64, "problem", "problems")} " in the document; nothing was saved:"</p>
                            <ul class="document-problems">
                                {problems.into_iter().map(|p| view! { <li><code>{p.field}</code>": "{p.message}</li> }).collect_view()}
                            </ul>
                        </div>
                    })
                }}
                <div class="field">
                    <label for="page-document">"Document (JSON)"</label>
                    <textarea id="page-document" name="document" rows="24" class="code-input" spellcheck="false">{document}</textarea>
                </div>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || save.pending().get()>"Save the draft"</button>
                    {move || saved().then(|| view! { <span class="badge badge--ok" role="status">"Saved"</span> })}
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn VersionHistory(
    id: String,
    versions: Vec<crate::model::landing_pages::VersionSummary>,
) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="versions-title">
            <h2 id="versions-title">"Versions"</h2>
            <form method="post" action=NameLandingPageVersion::PATH class="form form--inline">
                <input type="hidden" name="id" value=id.clone() />
                <div class="field">
                    <label for="version-name">"Keep the draft as a version named"</label>
                    <input id="version-name" name="name" required maxlength="80" />
                </div>
                <button type="submit" class="button button--small">"Keep"</button>
            </form>
            <form method="post" action=SaveLandingPageAsTemplate::PATH class="form form--inline">
                <input type="hidden" name="id" value=id.clone() />
                <div class="field">
                    <label for="template-name">"Save the draft as a template named"</label>
                    <input id="template-name" name="name" required maxlength="80" />
                </div>
                <button type="submit" class="button button--small">"Save as template"</button>
            </form>
            {if versions.is_empty() {
                view! { <p class="muted">"Every publish is kept here, with the versions you name."</p> }.into_any()
            } else {
                view! {
                    <ul class="version-list">
                        {versions.into_iter().map(|v| {
                            let what = if v.kind == "published" { "Published".to_string() } else { format!("“{}”", v.name) };
                            let by = v.author.map(|a| format!(" by {a}")).unwrap_or_default();
                            view! {
                                <li>
                                    <span>{format!("{what}, {}{by}", date_time(v.created_at_ms))}</span>
                                    <form method="post" action=RestoreLandingPage::PATH class="inline-form">
                                        <input type="hidden" name="id" value=id.clone() />
                                        <input type="hidden" name="version" value=v.id.clone() />
                                        <button type="submit" class="button button--small button--ghost">"Restore as the draft"</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
