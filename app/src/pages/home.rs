use crate::api::portfolio::load_portfolio_figures;
use crate::components::hydration::use_hydrated;
use crate::components::seo::{absolute_url, Seo};
use crate::components::site_layout::SiteLayout;
use crate::domain::lift::{annual_gain_from_lift, group_thousands};
use crate::domain::portfolio_figures::PortfolioFigures;
use crate::domain::roi::parse_money;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    // The estimator's starting values come from the URL so that, without
    // JavaScript, submitting its form renders the answer on the server.
    let query = use_query_map();
    // Kept as typed ("2.5m", "£2,000,000"): the field shows it back.
    let revenue = query
        .read_untracked()
        .get("revenue")
        .unwrap_or_else(|| "2,000,000".to_string());
    let lift = query
        .read_untracked()
        .get("lift")
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(5.0);

    // Computed from the published case studies on every request, so the
    // figures move when a study is published or withdrawn.
    let figures = Resource::new(|| (), |_| load_portfolio_figures());

    view! {
        <Seo
            title=String::new()
            description="Causal Edge runs rigorous experiments and causal analyses that show what really grows your revenue.".to_string()
            path="/".to_string()
            structured_data=serde_json::json!({
                "@context": "https://schema.org",
                "@type": "Organization",
                "name": "Causal Edge",
                "url": absolute_url("/"),
                "logo": absolute_url("/favicon.ico"),
                "description": "Experimentation and causal analysis consultancy.",
            })
        />
        <SiteLayout>
            <section class="hero">
                <div class="container hero__inner">
                    <p class="eyebrow">"Experimentation consultancy"</p>
                    <h1 class="hero__title">"Know what grows your business — before you bet on it."</h1>
                    <p class="hero__lead">
                        "We design and run A/B tests and causal analyses for ambitious teams, "
                        "and report results you can defend in the boardroom."
                    </p>
                    <div class="hero__actions">
                        <a class="button button--primary" href="#estimate">"Estimate your lift"</a>
                        <a class="button button--ghost-light" href="#approach">"How we work"</a>
                    </div>
                </div>
            </section>

            <section id="results" class="section section--tint" aria-labelledby="results-title">
                <div class="container">
                    <h2 id="results-title" class="section__title">"Results that held up"</h2>
                    <PortfolioFiguresView figures />
                    <p><a class="button button--primary" href="/case-studies?featured_first=true&sort_by=roi_desc">"Read the case studies"</a></p>
                </div>
            </section>

            <section id="approach" class="section" aria-labelledby="approach-title">
                <div class="container">
                    <h2 id="approach-title" class="section__title">"How we work"</h2>
                    <ol class="steps">
                        <li class="step">
                            <h3>"Frame the decision"</h3>
                            <p>"We start from the decision you need to make and the metric that settles it, not from a list of ideas."</p>
                        </li>
                        <li class="step">
                            <h3>"Design an honest test"</h3>
                            <p>"Sample sizes, guardrails and stopping rules are fixed up front, so results are not tuned after the fact."</p>
                        </li>
                        <li class="step">
                            <h3>"Ship what works"</h3>
                            <p>"We report effect sizes with uncertainty, and help your team roll out — or roll back — with confidence."</p>
                        </li>
                    </ol>
                </div>
            </section>

            <section id="estimate" class="section section--tint" aria-labelledby="estimate-title">
                <div class="container narrow">
                    <h2 id="estimate-title" class="section__title">"What is a lift worth to you?"</h2>
                    <p>"A quick back-of-the-envelope: the extra revenue a relative conversion lift brings, all else equal."</p>
                    <LiftEstimator initial_revenue=revenue initial_lift=lift />
                    <p>
                        "For an estimate grounded in our published results for your industry, try the "
                        <a href="/roi-calculator">"ROI calculator"</a>"."
                    </p>
                </div>
            </section>
        </SiteLayout>
    }
}

/// Recomputes in the browser as the visitor types; without JavaScript the
/// form submits and the server renders the same answer.
#[cfg_attr(any(feature = "ssr", feature = "island-lift-estimator"), island)]
#[cfg_attr(
    not(any(feature = "ssr", feature = "island-lift-estimator")),
    component
)]
pub fn LiftEstimator(initial_revenue: String, initial_lift: f64) -> impl IntoView {
    // The same money rules as the ROI calculator: "2.5m", "750k", "£2,000,000".
    let parse_revenue = |value: &str| parse_money(value).unwrap_or(f64::NAN);
    let (revenue, set_revenue) = signal(parse_revenue(&initial_revenue));
    let (lift, set_lift) = signal(initial_lift);
    let hydrated = use_hydrated();
    let answer = move || match annual_gain_from_lift(revenue.get(), lift.get()) {
        Some(gain) => format!("≈ £{} more revenue per year", group_thousands(gain)),
        None => {
            "Enter a revenue of 0 or more (e.g. 2,500,000 or 2.5m) and a lift between 0 and 100%."
                .to_string()
        }
    };
    let parse = |value: String| {
        value
            .trim()
            .replace(',', "")
            .parse::<f64>()
            .unwrap_or(f64::NAN)
    };
    view! {
        <form
            class="estimator"
            method="get"
            action="/#estimate"
            data-hydrated=move || hydrated.get().to_string()
            on:submit=|ev| ev.prevent_default()
        >
            <div class="estimator__fields">
                <div class="field">
                    <label for="lift-revenue">"Annual online revenue (£)"</label>
                    <input
                        id="lift-revenue"
                        name="revenue"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        value=initial_revenue
                        on:input=move |ev| set_revenue.set(parse_revenue(&event_target_value(&ev)))
                    />
                </div>
                <div class="field">
                    <label for="lift-percent">"Conversion lift (%)"</label>
                    <input
                        id="lift-percent"
                        name="lift"
                        type="number"
                        min="0"
                        max="100"
                        step="0.5"
                        value=initial_lift
                        on:input=move |ev| set_lift.set(parse(event_target_value(&ev)))
                    />
                </div>
            </div>
            <p class="estimator__answer" role="status" aria-live="polite" data-testid="lift-answer">{answer}</p>
            <button type="submit" class="button button--ghost" hidden=hydrated>"Calculate"</button>
        </form>
    }
}

/// The portfolio's figures, or nothing at all when nothing is published or
/// they cannot be loaded (a made-up fallback would be worse than none).
#[component]
fn PortfolioFiguresView(
    figures: Resource<Result<Option<PortfolioFigures>, AppError>>,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                figures.await.ok().flatten().map(|f| {
                    let studies = f.studies;
                    view! {
                        <ul class="stats">
                            <li class="stat">
                                <span class="stat__value">{f.improvement_label()}</span>
                                <span class="stat__label">"median improvement in the headline metric"</span>
                            </li>
                            <li class="stat">
                                <span class="stat__value">{format!("{} of {}", f.at_95_confidence, studies)}</span>
                                <span class="stat__label">"results reported at 95% confidence or more"</span>
                            </li>
                            <li class="stat">
                                <span class="stat__value">{f.payback_label()}</span>
                                <span class="stat__label">"median payback"</span>
                            </li>
                        </ul>
                        <p class="muted small">
                            {format!(
                                "Computed from our {studies} published case {}.",
                                if studies == 1 { "study" } else { "studies" }
                            )}
                        </p>
                    }
                })
            })}
        </Suspense>
    }
}
