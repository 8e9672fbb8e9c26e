use crate::components::responsive_image::ResponsiveImage;
use crate::domain::showcase::compact_money;
use crate::model::showcase::CaseStudySummary;
use leptos::prelude::*;

/// A case study in a grid: headline result, ROI, industry, method.
#[component]
pub fn CaseStudyCard(
    study: CaseStudySummary,
    /// The first cards of a page: their picture is likely the largest thing
    /// on the first screen, so it loads at once instead of lazily.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let href = format!("/case-studies/{}", study.slug);
    let improvement = format!("{:+.1}%", study.primary_metric_improvement);
    let roi = format!("{:.0}%", study.roi_percentage);
    let value = compact_money(
        (study.roi_absolute_value * 100.0) as i64,
        &study.roi_currency,
    );
    view! {
        <article class="cs-card" class:cs-card--featured=study.is_featured>
            {study.hero_image.clone().map(|image| view! {
                <ResponsiveImage image alt="" class="cs-card__image" width=400 height=210 eager
                    sizes="(min-width: 1100px) 360px, (min-width: 700px) 45vw, calc(100vw - 2rem)" />
            })}
            <p class="cs-card__meta">
                <span>{study.industry_display_name.clone()}</span>
                <span aria-hidden="true">" · "</span>
                <span>{study.experiment_type.label()}</span>
                {study.is_featured.then(|| view! { <span class="badge badge--accent">"Featured"</span> })}
            </p>
            <h3 class="cs-card__title"><a href=href>{study.title.clone()}</a></h3>
            <p class="cs-card__summary">{study.summary.clone()}</p>
            <dl class="cs-card__figures">
                <div>
                    <dt>{study.primary_metric_name.clone()}</dt>
                    <dd>{improvement}</dd>
                </div>
                <div>
                    <dt>"ROI"</dt>
                    <dd>{roi}</dd>
                </div>
                <div>
                    <dt>"Value"</dt>
                    <dd>{value}</dd>
                </div>
            </dl>
            <p class="cs-card__foot muted small">
                {study.client_type.clone()}
                {study.consultant_name.clone().map(|n| format!(" · led by {n}"))}
            </p>
        </article>
    }
}
