use super::consultants::Avatar;
use crate::api::showcase::load_consultant;
use crate::components::case_study_card::CaseStudyCard;
use crate::components::loaded::Loaded;
use crate::components::seo::{absolute_url, Seo};
use crate::components::site_layout::SiteLayout;
use crate::domain::showcase::compact_money;
use crate::markdown::to_safe_html;
use crate::model::showcase::ConsultantProfile;
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConsultantPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let consultant = Resource::new_blocking(move || id.clone(), load_consultant);
    view! {
        <Loaded resource=consultant in_site_layout=true render=|consultant| match consultant {
            Some(c) => view! { <ConsultantView consultant=c /> }.into_any(),
            None => view! { <NotFoundPage /> }.into_any(),
        } />
    }
}

#[component]
fn ConsultantView(consultant: ConsultantProfile) -> impl IntoView {
    let name = consultant.full_name();
    let path = format!("/consultants/{}", consultant.id);
    let person = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": name,
        "jobTitle": consultant.title,
        "url": absolute_url(&path),
        "knowsAbout": consultant.specializations,
        "worksFor": { "@type": "Organization", "name": "Causal Edge", "url": absolute_url("/") },
        "sameAs": consultant.linkedin_url.iter().collect::<Vec<_>>(),
    });
    let description = format!(
        "{name}, {} at Causal Edge: {}.",
        consultant.title,
        consultant.specializations.join(", ")
    );
    let roi_total = compact_money(
        (consultant.total_client_roi_generated * 100.0) as i64,
        &consultant.currency,
    );
    view! {
        <Seo title=name.clone() description path og_type="profile" image=consultant.profile_image_url.clone().unwrap_or_default() structured_data=person noindex=!consultant.is_active />
        <SiteLayout>
            {(!consultant.is_active).then(|| view! {
                <p class="preview-banner" role="status">"Preview: this profile is deactivated. Only admins and its consultant can see it."</p>
            })}
            <section class="page-head">
                <div class="container person-head">
                    <Avatar consultant=consultant.clone() size=160 describe=true />
                    <div>
                        <p class="eyebrow">"Consultant"</p>
                        <h1>{name.clone()}</h1>
                        <p class="page-head__lead">{consultant.title.clone()}</p>
                        <p class=if consultant.available_for_new_clients { "availability availability--open" } else { "availability" }>
                            {if consultant.available_for_new_clients {
                                format!("Taking new clients · {}% booked", consultant.current_capacity)
                            } else {
                                "Fully booked at the moment".to_string()
                            }}
                        </p>
                        <p class="person-head__actions">
                            {consultant.is_active.then(|| view! {
                                <a class="button button--primary" href=format!("/contact?source=consultant_profile&source_detail={}", consultant.id)>
                                    {format!("Talk to {}", consultant.first_name)}
                                </a>
                            })}
                            {consultant.calendar_booking_url.clone().map(|url| view! { <a class="button button--ghost-light" href=url rel="noopener">"Book a call"</a> })}
                            {consultant.linkedin_url.clone().map(|url| view! { <a class="button button--ghost-light" href=url rel="noopener me">"LinkedIn"</a> })}
                        </p>
                    </div>
                </div>
            </section>
            <div class="container cs-body">
                <section class="cs-section" aria-labelledby="about-title">
                    <h2 id="about-title">"About"</h2>
                    <div class="prose" inner_html=to_safe_html(&consultant.bio)></div>
                    <h3>"Specialisations"</h3>
                    <ul class="tag-list">{consultant.specializations.iter().map(|s| view! { <li class="tag">{s.clone()}</li> }).collect_view()}</ul>
                </section>
                <section class="cs-section" aria-labelledby="performance-title">
                    <h2 id="performance-title">"Track record"</h2>
                    {(consultant.total_projects_completed > 0).then(|| view! {
                        <ul class="stats">
                            <li class="stat"><span class="stat__value">{roi_total.clone()}</span><span class="stat__label">"client value generated"</span></li>
                            <li class="stat"><span class="stat__value">{format!("{:.0}%", consultant.average_project_roi_percentage)}</span><span class="stat__label">"average project ROI"</span></li>
                            <li class="stat"><span class="stat__value">{consultant.total_projects_completed}</span><span class="stat__label">{if consultant.total_projects_completed == 1 { "published case study" } else { "published case studies" }}</span></li>
                        </ul>
                    })}
                    {consultant.client_satisfaction_score.map(|s| view! {
                        <ul class="stats">
                            <li class="stat"><span class="stat__value">{format!("{s:.1} / 5")}</span><span class="stat__label">"client satisfaction, from client surveys"</span></li>
                        </ul>
                    })}
                    <p class="muted small">
                        {if consultant.total_projects_completed > 0 {
                            "Value, ROI and projects are computed from the case studies they led that are published here."
                        } else {
                            "No published case studies yet."
                        }}
                    </p>
                </section>
                {(!consultant.featured_case_studies.is_empty()).then(|| view! {
                    <section class="cs-section" aria-labelledby="featured-title">
                        <h2 id="featured-title">"Featured case studies"</h2>
                        <div class="cs-grid">{consultant.featured_case_studies.clone().into_iter().map(|s| view! { <CaseStudyCard study=s /> }).collect_view()}</div>
                    </section>
                })}
                {(!consultant.recent_success_stories.is_empty()).then(|| view! {
                    <section class="cs-section" aria-labelledby="recent-title">
                        <h2 id="recent-title">"Recent work"</h2>
                        <div class="cs-grid">{consultant.recent_success_stories.clone().into_iter().map(|s| view! { <CaseStudyCard study=s /> }).collect_view()}</div>
                    </section>
                })}
            </div>
        </SiteLayout>
    }
}
