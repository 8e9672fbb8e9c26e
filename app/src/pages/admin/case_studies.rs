use crate::api::case_study_admin::{
    list_case_studies_admin, DeleteCaseStudy, FeatureCaseStudy, PublishCaseStudy,
};
use crate::components::admin_page::AdminPage;
use crate::components::list_controls::{list_query_from_url, ListFilters, Pagination};
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::domain::dates::iso_date;
use crate::domain::list_filters::{CaseStudyListQuery, PublishState};
use crate::domain::list_query::count_words;
use crate::domain::role::Role;
use crate::model::auth::CurrentUser;
use crate::model::case_study_admin::{AdminCaseStudy, AdminCaseStudyList};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn CaseStudiesAdminPage() -> impl IntoView {
    let (query, errors, args) = list_query_from_url::<PublishState>();
    let studies = Resource::new_blocking(
        move || args.clone(),
        |[q, status, page]| list_case_studies_admin(q, status, page),
    );
    let query = StoredValue::new(query);
    let errors = StoredValue::new(errors);
    view! {
        <AdminPage section=AdminSection::CaseStudies>
            <div class="admin-head">
                <h1>"Case studies"</h1>
                <a class="button button--primary" href="/admin/case-studies/new">"New case study"</a>
            </div>
            <p class="muted">"New case studies start as drafts; publish them when they are ready. Featured ones can be shown first in the gallery."</p>
            <ListFilters query=query.get_value() errors=errors.get_value() search_hint="Title or industry" filter_label="Status" />
            <Loaded resource=studies render=move |list| view! { <CaseStudyList list query=query.get_value() /> } />
        </AdminPage>
    }
}

/// The count, the table and the pages.
#[component]
fn CaseStudyList(list: AdminCaseStudyList, query: CaseStudyListQuery) -> impl IntoView {
    let count = count_words(
        list.total,
        "No case studies match.",
        "case study",
        "case studies",
    );
    view! {
        <p class="muted" role="status" data-testid="case-study-count">{count}</p>
        {(!list.studies.is_empty()).then(|| view! { <CaseStudyTable list=list.studies /> })}
        <Pagination query page=list.page pages=list.pages />
    }
}

/// Each action is a plain form posting to its server function; the browser
/// comes back to this page, which shows the new state.
#[component]
fn CaseStudyTable(list: Vec<AdminCaseStudy>) -> impl IntoView {
    let can_delete = use_context::<CurrentUser>().is_some_and(|u| u.role == Role::Admin);
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Case studies">
            <table class="table table--cards table--fit">
                <caption class="visually-hidden">"All case studies"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Industry"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Views"</th>
                        <th scope="col">"Updated"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|s| {
                        let edit = format!("/admin/case-studies/{}/edit", s.id);
                        let view_href = format!("/case-studies/{}", s.slug);
                        view! {
                            <tr>
                                <th scope="row"><a href=edit>{s.title.clone()}</a></th>
                                <td data-label="Industry">{s.industry_name.clone()}</td>
                                <td data-label="Status">
                                    <span class=if s.published { "badge badge--ok" } else { "badge badge--muted" }>
                                        {if s.published { "Published" } else { "Draft" }}
                                    </span>
                                    {s.featured.then(|| view! { " " <span class="badge badge--accent">"Featured"</span> })}
                                </td>
                                <td data-label="Views">{s.view_count}</td>
                                <td data-label="Updated" class="table__nowrap">{iso_date(s.updated_at)}</td>
                                <td data-label="Actions">
                                <div class="row-actions">
                                    <a class="button button--small button--ghost" href=view_href>
                                        {if s.published { "View" } else { "Preview" }}
                                        <span class="visually-hidden">{format!(" {}", s.title)}</span>
                                    </a>
                                    <form method="post" action=PublishCaseStudy::PATH class="inline-form">
                                        <input type="hidden" name="id" value=s.id.clone() />
                                        <input type="hidden" name="published" value=(!s.published).to_string() />
                                        <button type="submit" class="button button--small">
                                            {if s.published { "Unpublish" } else { "Publish" }}
                                            <span class="visually-hidden">{format!(" {}", s.title)}</span>
                                        </button>
                                    </form>
                                    <form method="post" action=FeatureCaseStudy::PATH class="inline-form">
                                        <input type="hidden" name="id" value=s.id.clone() />
                                        <input type="hidden" name="featured" value=(!s.featured).to_string() />
                                        <button type="submit" class="button button--small button--ghost">
                                            {if s.featured { "Unfeature" } else { "Feature" }}
                                            <span class="visually-hidden">{format!(" {}", s.title)}</span>
                                        </button>
                                    </form>
                                    {can_delete.then(|| view! {
                                        <form method="post" action=DeleteCaseStudy::PATH class="inline-form"
                                            data-confirm="Delete this case study? This cannot be undone.">
                                            <input type="hidden" name="id" value=s.id.clone() />
                                            <button type="submit" class="button button--small button--danger">
                                                "Delete"<span class="visually-hidden">{format!(" {}", s.title)}</span>
                                            </button>
                                        </form>
                                    })}
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
