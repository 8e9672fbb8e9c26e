use super::pounds;
use crate::components::view_erasure::erased_on_server;
use crate::domain::roi::RoiEstimate;
use crate::model::roi::SimilarStudy;
use leptos::prelude::*;

/// An estimate as prospects read it: the range in pounds with a chart, ROI
/// and payback, how much evidence stands behind it (and any fallback), the
/// similar case studies, and the "estimate, not a promise" wording.
#[component]
pub fn EstimateView(estimate: RoiEstimate, similar: Vec<SimilarStudy>) -> impl IntoView {
    let e = estimate;
    let confidence_pct = (e.confidence * 100.0).round();
    let fallback = e.basis.fallback.as_ref().map(|f| f.explanation());
    // The summary opens with the fallback sentence, shown above it already.
    let method = match &fallback {
        Some(text) => e
            .methodology_summary
            .strip_prefix(text.as_str())
            .unwrap_or(&e.methodology_summary)
            .trim_start()
            .to_string(),
        None => e.methodology_summary.clone(),
    };
    let confidence_help = e.basis.confidence_explanation();
    erased_on_server(view! {
        <div class="estimate" data-testid="estimate">
            <p class="estimate__headline">
                <span class="estimate__range" data-testid="revenue-range">
                    {format!("{} – {}", pounds(e.revenue_increase_min), pounds(e.revenue_increase_max))}
                </span>
                " more revenue a year"
            </p>
            <RangeChart min=e.revenue_increase_min max=e.revenue_increase_max
                typical_pct=e.revenue_increase_pct min_pct=e.revenue_increase_pct_min max_pct=e.revenue_increase_pct_max />
            <dl class="estimate__figures">
                <div><dt>"Typical lift"</dt><dd>{format!("{:.1}%", e.revenue_increase_pct)}</dd></div>
                <div><dt>"Return on investment"</dt><dd data-testid="roi-range">{format!("{:.0}% – {:.0}%", e.roi_pct_min, e.roi_pct_max)}</dd></div>
                <div><dt>"Typical payback"</dt><dd>{format!("{:.1} months", e.payback_months)}</dd></div>
                <div class="estimate__confidence">
                    <dt>"Confidence"</dt>
                    <dd>
                        <meter min="0" max="100" low="45" high="70" optimum="100" value=confidence_pct
                            aria-label="Confidence in this estimate">{format!("{confidence_pct}%")}</meter>
                        " " {format!("{confidence_pct}%")}
                        <p class="estimate__note small muted" data-testid="confidence-help">{confidence_help}</p>
                    </dd>
                </div>
            </dl>
            {fallback.map(|text| view! { <p class="callout" data-testid="fallback">{text}</p> })}
            <p class="estimate__method">{method}</p>
            {(!similar.is_empty()).then(|| view! {
                <h3 class="estimate__subtitle">"Similar case studies"</h3>
                <ul class="estimate__similar">
                    {similar.into_iter().map(|s| view! {
                        <li>
                            <a href=format!("/case-studies/{}", s.slug)>{s.title}</a>
                            <span class="muted small">{format!(" · {} · +{:.1}% · ROI {:.0}%", s.industry_name, s.improvement_pct, s.roi_pct)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <p class="estimate__disclaimer small">
                "This is an estimate, not a promise: it shows what comparable clients achieved in our published case studies. "
                "Your results depend on your traffic, your team and what the experiments find."
            </p>
        </div>
    })
}

/// A horizontal bar from the low to the high estimate with a marker at the
/// typical value, on an axis from zero (plain SVG: it draws in the browser too).
#[component]
fn RangeChart(min: f64, max: f64, typical_pct: f64, min_pct: f64, max_pct: f64) -> impl IntoView {
    const WIDTH: f64 = 600.0;
    const LEFT: f64 = 10.0;
    const RIGHT: f64 = 590.0;
    let axis_max = (max * 1.15).max(1.0);
    let x = |v: f64| LEFT + (v.max(0.0) / axis_max).min(1.0) * (RIGHT - LEFT);
    let typical = if max_pct > min_pct && max > min {
        min + (typical_pct - min_pct) / (max_pct - min_pct) * (max - min)
    } else {
        min
    };
    let label = format!(
        "Estimated extra revenue per year: from {} to {}, typically about {}.",
        pounds(min),
        pounds(max),
        pounds(typical)
    );
    erased_on_server(view! {
        <svg class="range-chart" viewBox=format!("0 0 {WIDTH} 76") role="img" aria-label=label>
            <line x1=LEFT y1="52" x2=RIGHT y2="52" class="range-chart__axis" />
            <rect x=x(min) y="40" width=(x(max) - x(min)).max(2.0) height="24" rx="4" class="range-chart__bar" />
            <line x1=x(typical) y1="34" x2=x(typical) y2="70" class="range-chart__typical" />
            <text x=LEFT y="24" class="range-chart__label">"£0"</text>
            <text x=x(min) y="24" class="range-chart__label" text-anchor="middle">{pounds(min)}</text>
            <text x=x(max) y="24" class="range-chart__label" text-anchor="middle">{pounds(max)}</text>
        </svg>
    })
}
