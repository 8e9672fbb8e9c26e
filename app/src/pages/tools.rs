//! `/tools/ab-test-calculator`: the public A/B test calculator (a lead
//! magnet: it ends with an offer to talk to a consultant).

use crate::components::ab_calculator::AbTestCalculator;
use crate::components::seo::Seo;
use crate::components::site_layout::SiteLayout;
use crate::domain::experiments::calculator::CalculatorForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AbTestCalculatorPage() -> impl IntoView {
    let form = use_query_map().with_untracked(|q| {
        let pairs: Vec<(String, String)> = q
            .clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        CalculatorForm::from_query(&pairs)
    });
    view! {
        <Seo
            title="A/B test calculator: significance and sample size".to_string()
            description="Check whether your A/B test result is significant, and how many visitors a test needs. Free, instant, and honest about what the numbers mean.".to_string()
            path="/tools/ab-test-calculator".to_string()
        />
        <SiteLayout>
            <section class="section">
                <div class="container">
                    <p class="eyebrow">"Free tool"</p>
                    <h1 class="page-title">"A/B test calculator"</h1>
                    <p class="lead">
                        "Is your variant really better, or is it noise? And how many visitors should a test run for? "
                        "The answers update as you type, and the address is a link to these numbers."
                    </p>
                    <AbTestCalculator form />
                    <aside class="panel ab-offer" aria-labelledby="ab-offer-title">
                        <h2 id="ab-offer-title">"Want tests you can take to your finance team?"</h2>
                        <p>"Our consultants design experiments with the right sample size, run them without flicker, and read them with sequential statistics, so you can check every day without fooling yourself."</p>
                        <a class="button button--primary" href="/contact?source=contact_page&source_detail=ab-test-calculator">"Talk to a consultant"</a>
                    </aside>
                </div>
            </section>
        </SiteLayout>
    }
}
