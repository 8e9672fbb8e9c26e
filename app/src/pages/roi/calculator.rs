use crate::api::roi::load_calculator;
use crate::components::http_status::set_status;
use crate::components::roi_calculator::RoiCalculator;
use crate::components::seo::Seo;
use crate::components::site_layout::SiteLayout;
use crate::domain::roi::form_from_query;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RoiCalculatorPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|q| {
        q.clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<Vec<_>>()
    });
    let check = query.iter().any(|(k, v)| k == "check" && v == "true");
    let problem = query.iter().any(|(k, _)| k == "problem");
    let form = form_from_query(&query);
    let data = Resource::new_blocking(
        move || (form.clone(), check),
        |(f, c)| load_calculator(f, c),
    );
    view! {
        <Seo
            title="ROI calculator".to_string()
            description="Estimate what experimentation could add to your revenue, from the results of our published case studies.".to_string()
            path="/roi-calculator".to_string()
        />
        <SiteLayout>
            <section class="section">
                <div class="container">
                    <p class="eyebrow">"ROI calculator"</p>
                    <h1 class="page-title">"What could experimentation be worth to you?"</h1>
                    <p class="lead">
                        "Tell us a little about your business. The estimate comes from what comparable clients "
                        "achieved in our published case studies, and updates as you type."
                    </p>
                    {problem.then(|| view! {
                        <p class="alert alert--error" role="alert">"We could not save that estimate. Please try again."</p>
                    })}
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            match data.await {
                                Ok(data) => {
                                    if !data.errors.is_empty() {
                                        set_status(422);
                                    }
                                    view! { <RoiCalculator data /> }.into_any()
                                }
                                Err(e) => {
                                    set_status(e.status());
                                    view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> }.into_any()
                                }
                            }
                        })}
                    </Suspense>
                </div>
            </section>
        </SiteLayout>
    }
}
