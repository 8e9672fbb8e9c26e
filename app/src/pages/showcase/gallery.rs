use crate::api::showcase::load_gallery;
use crate::components::case_study_card::CaseStudyCard;
use crate::components::http_status::set_status;
use crate::components::loaded::Loaded;
use crate::components::seo::Seo;
use crate::components::site_layout::SiteLayout;
use crate::domain::gallery_query::{GalleryQuery, ParamError, SortOrder};
use crate::domain::safe_redirect::encode_query_value;
use crate::domain::showcase::{CompanySize, Methodology};
use crate::model::showcase::GalleryData;
use crate::pages::showcase::live_filters::LiveFilters;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn query_string(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect();
    format!("?{}", joined.join("&"))
}

/// The gallery URL for `query` on page `page`.
fn gallery_href(query: &GalleryQuery, page: i64) -> String {
    let mut pairs = query.filter_pairs();
    if page > 1 {
        pairs.push(("page", page.to_string()));
    }
    format!("/case-studies{}", query_string(&pairs))
}

#[component]
pub fn GalleryPage() -> impl IntoView {
    let params = use_query_map();
    let parsed = params.with_untracked(|map| {
        let pairs: Vec<(String, String)> = map
            .clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        GalleryQuery::parse_lenient(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    let (query, errors) = parsed;
    let has_errors = !errors.is_empty();
    let data = Resource::new_blocking(
        {
            let query = query.clone();
            move || query.clone()
        },
        load_gallery,
    );
    if has_errors {
        set_status(400);
    }
    let description = "Case studies of A/B tests and causal analyses: the results, the method and the return on investment.".to_string();
    view! {
        <Seo title="Case studies".to_string() description path="/case-studies".to_string() />
        <SiteLayout>
            <section class="page-head">
                <div class="container">
                    <p class="eyebrow">"Case studies"</p>
                    <h1>"Results from real experiments"</h1>
                    <p class="page-head__lead">"Every figure below comes from a controlled test or a causal analysis, with its method and confidence level."</p>
                </div>
            </section>
            <section class="container gallery">
                <Loaded resource=data loading="Loading case studies…"
                    render=move |data| view! { <Gallery query=query.clone() data errors=errors.clone() /> } />
            </section>
        </SiteLayout>
    }
}

#[component]
fn ParamErrors(errors: Vec<ParamError>) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="alert alert--error" role="alert">
                <p>"Some filters in this link could not be used, so they were left out:"</p>
                <ul>
                    {errors.into_iter().map(|e| view! { <li><strong>{e.label()}</strong>": "{e.message}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
fn Gallery(query: GalleryQuery, data: GalleryData, errors: Vec<ParamError>) -> impl IntoView {
    let list = data.list;
    let pagination = list.pagination.clone();
    let count_text = match list.total_count {
        0 => "No case studies".to_string(),
        1 => "1 case study".to_string(),
        n => format!("{n} case studies"),
    };
    let empty = list.case_studies.is_empty();
    let has_filters = query.has_filters();
    view! {
        <div class="gallery__layout">
            <FilterForm query=query.clone() industries=data.industries />
            <div class="gallery__results">
                <ParamErrors errors />
                <p class="gallery__count" role="status">{count_text}{has_filters.then_some(" match these filters")}</p>
                {if empty {
                    view! { <EmptyState query=query.clone() /> }.into_any()
                } else {
                    view! {
                        // Cards carry h3 titles; this keeps the outline whole for screen readers.
                        <h2 class="visually-hidden">"Matching case studies"</h2>
                        <div class="cs-grid">
                            {list.case_studies.into_iter().enumerate().map(|(i, study)| view! { <CaseStudyCard study eager=i < 2 /> }).collect_view()}
                        </div>
                    }
                    .into_any()
                }}
                {(pagination.total_pages > 1).then(|| {
                    let prev = gallery_href(&query, pagination.page - 1);
                    let next = gallery_href(&query, pagination.page + 1);
                    view! {
                        <nav class="pagination" aria-label="Pages">
                            {pagination.has_previous.then(|| view! { <a class="button button--ghost" rel="prev" href=prev>"← Previous"</a> })}
                            <span class="pagination__status">{format!("Page {} of {}", pagination.page, pagination.total_pages)}</span>
                            {pagination.has_next.then(|| view! { <a class="button button--ghost" rel="next" href=next>"Next →"</a> })}
                        </nav>
                    }
                })}
            </div>
        </div>
    }
}

/// What to do when nothing matches: remove one filter at a time, or all.
#[component]
fn EmptyState(query: GalleryQuery) -> impl IntoView {
    if !query.has_filters() {
        return view! {
            <div class="empty">
                <h2>"No case studies published yet"</h2>
                <p>"Our first write-ups are on their way. Meanwhile, estimate what a lift could be worth to you."</p>
                <p><a class="button button--primary" href="/#estimate">"Estimate your lift"</a></p>
            </div>
        }
        .into_any();
    }
    let mut loosen = Vec::new();
    if query.roi_min.is_some() || query.roi_max.is_some() {
        loosen.push((
            "Any ROI",
            GalleryQuery {
                roi_min: None,
                roi_max: None,
                offset: 0,
                ..query.clone()
            },
        ));
    }
    if query.company_size.is_some() {
        loosen.push((
            "Any company size",
            GalleryQuery {
                company_size: None,
                offset: 0,
                ..query.clone()
            },
        ));
    }
    if query.experiment_type.is_some() {
        loosen.push((
            "Any method",
            GalleryQuery {
                experiment_type: None,
                offset: 0,
                ..query.clone()
            },
        ));
    }
    if query.industry.is_some() {
        loosen.push((
            "Any industry",
            GalleryQuery {
                industry: None,
                offset: 0,
                ..query.clone()
            },
        ));
    }
    if query.featured_only {
        loosen.push((
            "Not only featured",
            GalleryQuery {
                featured_only: false,
                offset: 0,
                ..query.clone()
            },
        ));
    }
    view! {
        <div class="empty">
            <h2>"No case studies match all of these filters"</h2>
            <p>"Try loosening one of them:"</p>
            <ul class="chip-list">
                {loosen.into_iter().map(|(label, q)| view! { <li><a class="chip" href=gallery_href(&q, 1)>{label}</a></li> }).collect_view()}
                <li><a class="chip" href="/case-studies">"Clear all filters"</a></li>
            </ul>
        </div>
    }
    .into_any()
}

const FOLD_ON_PHONES: &str =
    "if(matchMedia('(max-width: 959px)').matches)document.currentScript.parentElement.open=false";

/// A plain GET form: filters live in the URL, so links are shareable, the
/// back button works and nothing needs JavaScript.
#[component]
fn FilterForm(
    query: GalleryQuery,
    industries: Vec<crate::model::showcase::IndustryOption>,
) -> impl IntoView {
    let roi_min = query.roi_min.map(|v| v.to_string()).unwrap_or_default();
    let roi_max = query.roi_max.map(|v| v.to_string()).unwrap_or_default();
    let active = [
        query.industry.is_some(),
        query.experiment_type.is_some(),
        query.company_size.is_some(),
        query.roi_min.is_some() || query.roi_max.is_some(),
        query.featured_only,
    ]
    .into_iter()
    .filter(|on| *on)
    .count();
    view! {
        // On phones the filters fold away behind their summary. The panel is
        // rendered open (so it works without JavaScript and on wide screens,
        // where the summary is hidden); the inline script folds it on narrow
        // screens while the page is still being parsed, so nothing jumps.
        <details class="filters-panel" open>
            <summary class="filters-panel__summary">
                "Filter and sort"
                {(active > 0).then(|| view! { <span class="badge">{format!("{active} active")}</span> })}
            </summary>
            <script nonce=crate::components::page_security::script_nonce() inner_html=FOLD_ON_PHONES></script>
            <LiveFilters>
        // autocomplete=off: after Back, the browser must not restore choices
        // that the URL (and so the results) no longer has.
        <form class="filters" method="get" action="/case-studies" aria-label="Filter case studies" autocomplete="off">
            <div class="field">
                <label for="f-industry">"Industry"</label>
                <select id="f-industry" name="industry">
                    <option value="">"All industries"</option>
                    {industries.into_iter().map(|i| {
                        let selected = query.industry.as_deref() == Some(i.sic_code.as_str());
                        view! { <option value=i.sic_code selected=selected>{format!("{} ({})", i.name, i.count)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-method">"Method"</label>
                <select id="f-method" name="experiment_type">
                    <option value="">"Any method"</option>
                    {Methodology::ALL.into_iter().map(|m| view! { <option value=m.as_str() selected=query.experiment_type == Some(m)>{m.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-size">"Company size"</label>
                <select id="f-size" name="company_size">
                    <option value="">"Any size"</option>
                    {CompanySize::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=query.company_size == Some(s)>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            <fieldset class="field field--range">
                <legend>"ROI (%)"</legend>
                <label class="visually-hidden" for="f-roi-min">"Minimum ROI (%)"</label>
                <input id="f-roi-min" name="roi_min" type="number" min="0" step="10" inputmode="numeric" placeholder="min" value=roi_min />
                <span aria-hidden="true">"–"</span>
                <label class="visually-hidden" for="f-roi-max">"Maximum ROI (%)"</label>
                <input id="f-roi-max" name="roi_max" type="number" min="0" step="10" inputmode="numeric" placeholder="max" value=roi_max />
            </fieldset>
            <div class="field">
                <label for="f-sort">"Sort by"</label>
                <select id="f-sort" name="sort_by">
                    {SortOrder::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=query.sort_by == s>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field field--checks">
                <label class="check"><input type="checkbox" name="featured_only" value="true" checked=query.featured_only />" Featured only"</label>
                <label class="check"><input type="checkbox" name="featured_first" value="true" checked=query.featured_first />" Featured first"</label>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button button--primary">"Apply filters"</button>
                <a class="button button--ghost" href="/case-studies">"Clear"</a>
            </div>
        </form>
            </LiveFilters>
        </details>
    }
}
