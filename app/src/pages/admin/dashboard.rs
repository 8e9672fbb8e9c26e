use crate::api::lead_workspace::load_start_page;
use crate::components::admin_page::AdminPage;
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::model::auth::CurrentUser;
use crate::model::lead_workspace::StartPage;
use crate::pages::roi::pounds;
use leptos::prelude::*;

/// The back office's start page: for those who work leads, what is waiting
/// and how the pipeline and month stand; then the sections of their back office.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let start = Resource::new_blocking(|| (), |_| load_start_page());
    view! {
        <AdminPage section=AdminSection::Dashboard>
            <DashboardContent start />
        </AdminPage>
    }
}

#[component]
fn DashboardContent(
    start: Resource<Result<Option<StartPage>, crate::error::AppError>>,
) -> impl IntoView {
    let user = use_context::<CurrentUser>()?;
    let role = user.role;
    Some(view! {
        <h1>"Welcome, " {user.display_name}</h1>
        <Loaded resource=start render=|start| start.map(|start| view! { <LeadFigures start /> }) />
        <h2 class="section__subtitle">"Your back office"</h2>
        <ul class="card-grid">
            {AdminSection::visible_to(role)
                .filter(|s| *s != AdminSection::Dashboard)
                .map(|s| {
                    if s.is_available() {
                        view! {
                            <li class="card">
                                <h3 class="card__title"><a href=s.path()>{s.label_for(role)}</a></h3>
                                <p class="muted small">"Open"</p>
                            </li>
                        }
                        .into_any()
                    } else {
                        view! {
                            <li class="card card--soon">
                                <h3 class="card__title">{s.label_for(role)}</h3>
                                <p class="muted small">"Coming soon"</p>
                            </li>
                        }
                        .into_any()
                    }
                })
                .collect_view()}
        </ul>
    })
}

#[component]
fn LeadFigures(start: StartPage) -> impl IntoView {
    let waiting_title = match start.waiting_total {
        0 => "No new leads waiting".to_string(),
        1 => "1 new lead waiting for a reply".to_string(),
        n => format!("{n} new leads waiting for a reply"),
    };
    let more = start.waiting_total - start.waiting.len() as i64;
    view! {
        <p class="muted">{start.scope.clone()}</p>
        <section class="panel start-waiting" aria-labelledby="waiting-title" data-testid="waiting">
            <h2 id="waiting-title">{waiting_title}</h2>
            {(!start.waiting.is_empty()).then(|| view! {
                <ul class="start-waiting__list">
                    {start.waiting.iter().map(|lead| view! {
                        <li>
                            <a href=format!("/admin/leads/{}", lead.id)>{lead.name.clone()}</a>
                            {(!lead.company.is_empty()).then(|| format!(", {}", lead.company))}
                            <span class="badge">{lead.tier.clone()}</span>
                            <span class="muted small">{format!(" waiting {} (since {})", lead.waiting_for, lead.received)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(more > 0).then(|| view! {
                <p><a href="/admin/leads?status=new&sort=oldest">{format!("and {more} more")}</a></p>
            })}
        </section>
        <ul class="stats start-stats">
            <li class="stat">
                <span class="stat__value" data-testid="open-leads">{start.open_leads}</span>
                <span class="stat__label">{format!("open leads, {} estimated", pounds(start.open_value))}</span>
            </li>
            <li class="stat">
                <span class="stat__value" data-testid="month-received">{start.month_received}</span>
                <span class="stat__label">"leads received this month"</span>
            </li>
            <li class="stat">
                <span class="stat__value">{start.month_won}</span>
                <span class="stat__label">{format!("won this month, {}", pounds(start.month_won_value))}</span>
            </li>
        </ul>
        <div class="start-charts">
            <figure class="chart">
                <figcaption class="chart__caption">"Open leads by step"</figcaption>
                <div inner_html=start.pipeline_chart_svg.clone()></div>
            </figure>
            <figure class="chart">
                <figcaption class="chart__caption">"Leads received per week"</figcaption>
                <div inner_html=start.intake_chart_svg.clone()></div>
            </figure>
        </div>
    }
}
