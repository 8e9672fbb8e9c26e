use super::LeadCapture;
use crate::api::leads::load_lead_form;
use crate::components::http_status::set_status;
use crate::components::loaded::Loaded;
use crate::components::seo::Seo;
use crate::components::site_layout::SiteLayout;
use crate::domain::lead_form::LeadForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The full-page lead form. Attribution comes from the URL (`source`,
/// `source_detail`, `utm_*`); `draft` brings back a no-JavaScript submission
/// that did not validate.
#[component]
pub fn ContactPage() -> impl IntoView {
    let (prefill, draft) = use_query_map().with_untracked(|q| {
        let get = |k: &str| q.get(k).unwrap_or_default();
        let source = get("source");
        (
            LeadForm {
                source: if source.is_empty() {
                    "contact_page".to_string()
                } else {
                    source
                },
                source_detail: get("source_detail"),
                utm_source: get("utm_source"),
                utm_medium: get("utm_medium"),
                utm_campaign: get("utm_campaign"),
                ..LeadForm::default()
            },
            q.get("draft"),
        )
    });
    let data = Resource::new_blocking(
        move || (prefill.clone(), draft.clone()),
        |(p, d)| load_lead_form(p, d),
    );
    view! {
        <Seo title="Talk to a consultant".to_string()
            description="Tell us about your business and a consultant who knows your industry will get back to you.".to_string()
            path="/contact".to_string() />
        <SiteLayout>
            <section class="section" id="lead-form">
                <div class="container narrow">
                    <p class="eyebrow">"Contact"</p>
                    <h1 class="page-title">"Talk to a consultant"</h1>
                    <p class="lead">"Two short steps. A consultant who knows your industry will reply — usually within a day."</p>
                    <Loaded resource=data render=|data| {
                        if !data.errors.is_empty() {
                            set_status(422);
                        }
                        view! { <LeadCapture data return_to="/contact".to_string() variant="page".to_string() /> }
                    } />
                </div>
            </section>
        </SiteLayout>
    }
}
