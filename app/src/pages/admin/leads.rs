use crate::api::lead_workspace::load_leads;
use crate::components::admin_page::AdminPage;
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::domain::dates::iso_date;
use crate::domain::lead_fields::{LeadSource, LeadStatus, Tier};
use crate::domain::lead_query::{LeadQuery, LeadSort};
use crate::model::lead_workspace::{LeadDashboard, LeadListData};
use crate::pages::roi::pounds;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The lead list: this month's figures, filters (a plain GET form, so every
/// filtered view has an address), the table, and a CSV export of the same filter.
#[component]
pub fn LeadsAdminPage() -> impl IntoView {
    let parsed = use_query_map().with_untracked(|q| {
        let pairs: Vec<(String, String)> = q
            .clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        LeadQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    let (query, query_errors) = match parsed {
        Ok(q) => (q, Vec::new()),
        Err(errors) => (LeadQuery::default(), errors),
    };
    let data = Resource::new_blocking(move || query.clone(), load_leads);
    view! {
        <AdminPage section=AdminSection::Leads>
            <h1>"Leads"</h1>
            {(!query_errors.is_empty()).then(|| view! {
                <p class="alert alert--error" role="alert">
                    {query_errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(" ")}
                    " Showing all leads instead."
                </p>
            })}
            <Loaded resource=data render=move |data| view! { <LeadsView data /> } />
        </AdminPage>
    }
}

#[component]
fn Dashboard(dashboard: LeadDashboard) -> impl IntoView {
    view! {
        <section class="lead-dashboard" aria-label="This month">
            <div class="lead-dashboard__figure">
                <p class="stat__value" data-testid="pipeline-value">{pounds(dashboard.open_pipeline_value)}</p>
                <p class="stat__label">{format!(
                    "open pipeline across {} open {}",
                    dashboard.open_leads,
                    if dashboard.open_leads == 1 { "lead" } else { "leads" }
                )}</p>
            </div>
            <DashboardChart caption="Leads by tier this month" svg=dashboard.tier_chart_svg
                empty=dashboard.by_tier.iter().all(|(_, n)| *n == 0) />
            <DashboardChart caption="Leads by source this month" svg=dashboard.source_chart_svg
                empty=dashboard.by_source.iter().all(|(_, n)| *n == 0) />
        </section>
    }
}

/// A titled chart, or a sentence when there is nothing to draw.
#[component]
fn DashboardChart(caption: &'static str, svg: String, empty: bool) -> impl IntoView {
    view! {
        <figure class="chart">
            <figcaption class="chart__caption">{caption}</figcaption>
            {if empty {
                view! { <p class="muted small">"No leads yet this month."</p> }.into_any()
            } else {
                view! { <div inner_html=svg></div> }.into_any()
            }}
        </figure>
    }
}

fn select_options<T: Copy + PartialEq>(
    all: &[T],
    current: Option<T>,
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> impl IntoView {
    let options: Vec<_> = all
        .iter()
        .map(|c| {
            let selected = current == Some(*c);
            view! { <option value=value(*c) selected=selected>{label(*c)}</option> }
        })
        .collect();
    view! { <option value="">"Any"</option> {options} }
}

#[component]
fn LeadsView(data: LeadListData) -> impl IntoView {
    let q = data.query.clone();
    let export = format!("/admin/leads/export.csv?{}", q.to_query_string());
    let industry = q.industry.clone().unwrap_or_default();
    view! {
        <Dashboard dashboard=data.dashboard />
        <form class="filters" method="get" action="/admin/leads">
            <div class="field">
                <label for="lf-q">"Search"</label>
                <input id="lf-q" name="q" type="search" placeholder="Name, email or company"
                    value=q.search.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default() />
            </div>
            <div class="field">
                <label for="lf-tier">"Tier"</label>
                <select id="lf-tier" name="tier">{select_options(Tier::ALL, q.tier, Tier::as_str, Tier::label)}</select>
            </div>
            <div class="field">
                <label for="lf-status">"Status"</label>
                <select id="lf-status" name="status">{select_options(LeadStatus::ALL, q.status, LeadStatus::as_str, LeadStatus::label)}</select>
            </div>
            <div class="field">
                <label for="lf-source">"Source"</label>
                <select id="lf-source" name="source">{select_options(LeadSource::ALL, q.source, LeadSource::as_str, LeadSource::label)}</select>
            </div>
            <div class="field">
                <label for="lf-industry">"Industry"</label>
                <select id="lf-industry" name="industry">
                    <option value="">"Any"</option>
                    {data.industries.iter().map(|(code, name)| view! {
                        <option value=code.clone() selected=*code == industry>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="lf-sort">"Sort"</label>
                <select id="lf-sort" name="sort">
                    {LeadSort::ALL.iter().map(|s| view! { <option value=s.as_str() selected=*s == q.sort>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            {data.is_admin.then(|| view! {
                <label class="checkbox"><input type="checkbox" name="mine" value="true" checked=q.mine />"Assigned to me"</label>
            })}
            <div class="filters__actions">
                <button type="submit" class="button button--primary">"Apply"</button>
                <a class="button button--ghost" href="/admin/leads">"Clear"</a>
                <a class="button button--ghost" href=export download>"Export CSV"</a>
            </div>
        </form>
        {if data.leads.is_empty() {
            view! { <p class="empty">"No leads match these filters."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Leads">
                    <table class="table table--cards table--fit" data-testid="lead-table">
                        <caption class="visually-hidden">"Leads"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Lead"</th>
                                <th scope="col">"Score"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Industry"</th>
                                <th scope="col">"Source"</th>
                                <th scope="col">"Consultant"</th>
                                <th scope="col">"Received"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {data.leads.into_iter().map(|l| view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/admin/leads/{}", l.id)>{l.name.clone()}</a>
                                        <span class="table__sub small">
                                            {[l.company_name.as_str(), l.email.as_str()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}
                                        </span>
                                    </th>
                                    <td data-label="Score"><span class="badge">{l.tier.clone()}</span>" "{l.score}</td>
                                    <td data-label="Status">{l.status.clone()}</td>
                                    <td data-label="Industry">{l.industry_name.clone()}</td>
                                    <td data-label="Source">{l.source.clone()}</td>
                                    <td data-label="Consultant">{l.consultant_name.clone().unwrap_or_else(|| "—".to_string())}</td>
                                    <td data-label="Received" class="table__nowrap">{iso_date(l.created_at)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {data.truncated.then(|| view! { <p class="muted small">"Showing the first 1,000; narrow the filters or export to see more."</p> })}
            }.into_any()
        }}
    }
}
