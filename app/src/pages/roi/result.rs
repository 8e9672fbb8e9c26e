use super::EstimateView;
use crate::api::roi::load_roi_result;
use crate::components::copy_button::CopyButton;
use crate::components::http_status::set_status;
use crate::components::seo::Seo;
use crate::components::site_layout::SiteLayout;
use crate::domain::roi::form_query;
use crate::pages::leads::LeadCaptureSection;
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A stored calculation at its shareable address, with the inputs it was
/// made from and the lead form to talk to a consultant about it.
#[component]
pub fn RoiResultPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let draft = use_query_map().with_untracked(|q| q.get("draft"));
    let result = Resource::new_blocking(
        move || (id.clone(), draft.clone()),
        |(id, draft)| load_roi_result(id, draft),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(Some(stored)) => {
                        let change = format!("/roi-calculator?{}#calculator", form_query(&stored.form));
                        let path = format!("/roi-calculator/r/{}", stored.id);
                        let share_path = path.clone();
                        view! {
                            <Seo title="Your ROI estimate".to_string()
                                description="An estimate of what experimentation could add to revenue, from published case studies.".to_string()
                                path=path noindex=true />
                            <SiteLayout>
                                <section class="section">
                                    <div class="container">
                                        <p class="eyebrow">"ROI estimate"</p>
                                        <h1 class="page-title">"Your estimate"</h1>
                                        <div class="roi">
                                            <div class="roi__inputs">
                                                <h2 class="section__subtitle">"Based on"</h2>
                                                <dl class="kv-list">
                                                    {stored.inputs.into_iter().map(|(k, v)| view! {
                                                        <div><dt>{k}</dt><dd>{v}</dd></div>
                                                    }).collect_view()}
                                                </dl>
                                                {view! {
                                                    <p class="share-row">
                                                        <a class="button button--ghost" href=change>"Change the inputs"</a>
                                                        <CopyButton text=share_path label="Copy link to this estimate".to_string() />
                                                    </p>
                                                }.into_any()}
                                            </div>
                                            <section class="roi__result" aria-label="Your estimate">
                                                {view! { <EstimateView estimate=stored.estimate similar=stored.similar /> }.into_any()}
                                            </section>
                                        </div>
                                    </div>
                                </section>
                                {view! { <LeadCaptureSection
                                    title="Talk to a consultant about this estimate"
                                    data=stored.lead_form
                                    return_to=format!("/roi-calculator/r/{}", stored.id) /> }.into_any()}
                            </SiteLayout>
                        }.into_any()
                    }
                    Ok(None) => view! { <NotFoundPage /> }.into_any(),
                    Err(e) => {
                        set_status(e.status());
                        view! { <SiteLayout><p class="container alert alert--error" role="alert">{e.to_string()}</p></SiteLayout> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
