//! What every back-office list shows around its rows: a search box with the
//! list's one filter, the bad parts of the link named, a count and pages.
//! All plain GET forms and links, so they work before and without hydration.

use crate::domain::gallery_query::ParamError;
use crate::domain::list_query::{ListFilter, ListQuery};
use leptos::prelude::*;

#[component]
pub fn ListFilters<F: ListFilter + Send + Sync + 'static>(
    query: ListQuery<F>,
    errors: Vec<ParamError>,
    /// What the search matches, as the box's placeholder.
    search_hint: &'static str,
    /// The select's label ("Status", "Show").
    filter_label: &'static str,
) -> impl IntoView {
    let id = |part: &str| {
        format!(
            "{}-{part}",
            F::PATH.trim_start_matches('/').replace('/', "-")
        )
    };
    let (search_id, filter_id) = (id("q"), id("filter"));
    let current = query.filter;
    view! {
        <form class="filters" method="get" action=F::PATH role="search">
            <div class="field">
                <label for=search_id.clone()>"Search"</label>
                <input id=search_id name="q" type="search" placeholder=search_hint
                    value=query.search_str().to_string() />
            </div>
            <div class="field">
                <label for=filter_id.clone()>{filter_label}</label>
                <select id=filter_id name=F::PARAMETER>
                    <option value="" selected=current.is_none()>"All"</option>
                    {F::ALL.iter().map(|&f| view! {
                        <option value=f.as_str() selected=current == Some(f)>{f.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button button--primary">"Apply"</button>
                <a class="button button--ghost" href=F::PATH>"Clear"</a>
            </div>
        </form>
        {(!errors.is_empty()).then(|| view! {
            <p class="alert alert--error" role="alert">
                {errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(" ")}
                " That part of the link was left out."
            </p>
        })}
    }
}

/// "Page 2 of 5" with previous and next links; nothing for a single page.
#[component]
pub fn Pagination<F: ListFilter + Send + Sync + 'static>(
    query: ListQuery<F>,
    page: i64,
    pages: i64,
) -> impl IntoView {
    (pages > 1).then(|| view! {
        <nav class="pagination" aria-label="Pages">
            {(page > 1).then(|| view! { <a class="button button--ghost" rel="prev" href=query.href(page - 1)>"← Previous"</a> })}
            <span class="pagination__status">{format!("Page {page} of {pages}")}</span>
            {(page < pages).then(|| view! { <a class="button button--ghost" rel="next" href=query.href(page + 1)>"Next →"</a> })}
        </nav>
    })
}

/// The list's query from the page's URL, and the parameters the list's
/// server function should receive: bad ones are left out (and named) rather
/// than failing the page.
pub fn list_query_from_url<F: ListFilter>() -> (ListQuery<F>, Vec<ParamError>, [String; 3]) {
    let pairs = leptos_router::hooks::use_query_map().with_untracked(|q| {
        q.clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<Vec<_>>()
    });
    let (query, errors) =
        ListQuery::<F>::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let valid = |key: &str| {
        if errors.iter().any(|e| e.parameter == key) {
            return String::new();
        }
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let args = [valid("q"), valid(F::PARAMETER), valid("page")];
    (query, errors, args)
}
