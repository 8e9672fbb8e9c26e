use crate::api::showcase::load_consultants;
use crate::components::http_status::set_status;
use crate::components::loaded::Loaded;
use crate::components::responsive_image::ResponsiveImage;
use crate::components::seo::Seo;
use crate::components::site_layout::SiteLayout;
use crate::domain::consultant_query::ConsultantQuery;
use crate::model::showcase::ConsultantProfile;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConsultantsPage() -> impl IntoView {
    let parsed = use_query_map().with_untracked(|map| {
        let pairs: Vec<(String, String)> = map
            .clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        ConsultantQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    let query = parsed.clone().unwrap_or_default();
    let errors = parsed.err().unwrap_or_default();
    if !errors.is_empty() {
        set_status(400);
    }
    let list = Resource::new_blocking(
        {
            let query = query.clone();
            move || query.clone()
        },
        load_consultants,
    );
    view! {
        <Seo
            title="Consultants".to_string()
            description="The experimentation consultants of Causal Edge: their specialisations, industries and results.".to_string()
            path="/consultants".to_string()
        />
        <SiteLayout>
            <section class="page-head">
                <div class="container">
                    <p class="eyebrow">"Consultants"</p>
                    <h1>"The people who run the experiments"</h1>
                    <p class="page-head__lead">"Each consultant leads engagements end to end, from the first question to the decision."</p>
                </div>
            </section>
            <section class="container gallery">
                {(!errors.is_empty()).then(|| view! {
                    <div class="alert alert--error" role="alert">
                        <ul>{errors.into_iter().map(|e| view! { <li><code>{e.parameter}</code>": "{e.message}</li> }).collect_view()}</ul>
                    </div>
                })}
                <form class="filters filters--inline" method="get" action="/consultants" aria-label="Filter consultants">
                    <div class="field">
                        <label for="c-spec">"Specialisation"</label>
                        <input id="c-spec" name="specialization" type="search" placeholder="e.g. pricing" value=query.specialization.clone().unwrap_or_default() />
                    </div>
                    <div class="field">
                        <label for="c-exp">"Minimum years of experience"</label>
                        <input id="c-exp" name="min_experience_years" type="number" min="0" max="70" value=query.min_experience_years.map(|v| v.to_string()).unwrap_or_default() />
                    </div>
                    <div class="field field--checks">
                        <label class="check"><input type="checkbox" name="available_only" value="true" checked=query.available_only />" Taking new clients"</label>
                    </div>
                    <div class="filters__actions">
                        <button type="submit" class="button button--primary">"Filter"</button>
                        <a class="button button--ghost" href="/consultants">"Clear"</a>
                    </div>
                </form>
                <Loaded resource=list loading="Loading consultants…" render=|list| if list.consultants.is_empty() {
                    view! {
                        <div class="empty"><h2>"No consultant matches these filters"</h2><p><a href="/consultants">"Show everyone"</a></p></div>
                    }.into_any()
                } else {
                    view! {
                        <div class="people-grid">
                            {list.consultants.into_iter().map(|c| view! { <ConsultantCard consultant=c /> }).collect_view()}
                        </div>
                    }.into_any()
                } />
            </section>
        </SiteLayout>
    }
}

#[component]
/// A consultant's portrait. Always shown next to their name, so the image
/// itself is decorative unless `describe` asks for alternative text.
pub fn Avatar(
    consultant: ConsultantProfile,
    size: u32,
    #[prop(optional)] describe: bool,
) -> impl IntoView {
    let alt = if describe {
        format!("Portrait of {}", consultant.full_name())
    } else {
        String::new()
    };
    // `sizes` in CSS pixels: a 96 px avatar takes the 150 px variant on a
    // high-density screen and the 64 px one nowhere.
    let sizes: &'static str = if size <= 64 {
        "64px"
    } else if size <= 150 {
        "150px"
    } else {
        "400px"
    };
    match consultant.profile_image {
        Some(image) => view! { <ResponsiveImage image alt class="avatar" width=size height=size sizes /> }.into_any(),
        None => view! { <span class="avatar avatar--initials" aria-hidden="true">{consultant.first_name.chars().next().unwrap_or('?')}</span> }.into_any(),
    }
}

/// Experience and the track record derived from published case studies.
fn track_record_line(c: &ConsultantProfile) -> String {
    match c.total_projects_completed {
        0 => format!(
            "{} years · no published case studies yet",
            c.years_experience
        ),
        n => format!(
            "{} years · {n} published case stud{} · {:.0}% average ROI",
            c.years_experience,
            if n == 1 { "y" } else { "ies" },
            c.average_project_roi_percentage
        ),
    }
}

#[component]
fn ConsultantCard(consultant: ConsultantProfile) -> impl IntoView {
    let href = format!("/consultants/{}", consultant.id);
    let name = consultant.full_name();
    view! {
        <article class="person-card">
            <Avatar consultant=consultant.clone() size=96 />
            <div>
                <h2 class="person-card__name"><a href=href>{name}</a></h2>
                <p class="person-card__title">{consultant.title.clone()}</p>
                <p class="muted small">{track_record_line(&consultant)}</p>
                <ul class="tag-list">{consultant.specializations.iter().map(|s| view! { <li class="tag">{s.clone()}</li> }).collect_view()}</ul>
                <p class=if consultant.available_for_new_clients { "availability availability--open" } else { "availability" }>
                    {if consultant.available_for_new_clients { "Taking new clients" } else { "Fully booked" }}
                </p>
            </div>
        </article>
    }
}
