use crate::api::showcase::load_case_study;
use crate::charts::{baseline_vs_result, format_value, secondary_changes};
use crate::components::case_study_card::CaseStudyCard;
use crate::components::http_status::set_status;
use crate::components::responsive_image::ResponsiveImage;
use crate::components::seo::{absolute_url, Seo};
use crate::components::site_layout::SiteLayout;
use crate::domain::showcase::compact_money;
use crate::markdown::to_safe_html;
use crate::model::leads::LeadFormData;
use crate::model::showcase::CaseStudyDetail;
use crate::pages::leads::LeadCapture;
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CaseStudyPage() -> impl IntoView {
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let study = Resource::new_blocking(
        {
            let slug = slug.clone();
            move || slug.clone()
        },
        load_case_study,
    );
    // The "talk to a consultant" dialog, attributed to this case study.
    let lead_form = Resource::new_blocking(
        move || slug.clone(),
        |slug| {
            let prefill = crate::domain::lead_form::LeadForm {
                source: "case_study".to_string(),
                source_detail: slug.clone(),
                case_studies_viewed: slug,
                ..Default::default()
            };
            crate::api::leads::load_lead_form(prefill, None)
        },
    );
    view! {
        // Both resources are awaited in one Suspense: a Suspense nested in
        // another's render hung a response now and then on PostgreSQL (an
        // integration test timed out), so this page does not use `Loaded`.
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let lead_form = lead_form.await.ok();
                match study.await {
                    Ok(Some(study)) => {
                        let lead_form = lead_form.map(|data| prefill_industry(data, &study.industry_sic_code));
                        view! { <CaseStudyView study lead_form /> }.into_any()
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

/// A reader of a study in a known industry is likely in it: the dialog's
/// industry starts there (they can change it).
fn prefill_industry(mut data: LeadFormData, sic_code: &str) -> LeadFormData {
    let known = data.industries.iter().any(|i| i.sic_code == sic_code);
    if known && data.form.industry.is_empty() {
        data.form.industry = sic_code.to_string();
    }
    data
}

fn structured_data(study: &CaseStudyDetail) -> serde_json::Value {
    let url = absolute_url(&format!("/case-studies/{}", study.slug));
    let mut article = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": study.title,
        "description": study.meta_description,
        "url": url,
        "mainEntityOfPage": url,
        "keywords": study.meta_keywords,
        "about": study.industry_display_name,
        "publisher": { "@type": "Organization", "name": "Causal Edge", "url": absolute_url("/") },
    });
    if let Some(ms) = study.published_at {
        article["datePublished"] = iso_date(ms).into();
    }
    article["dateModified"] = iso_date(study.updated_at).into();
    if let Some(hero) = &study.hero_image_url {
        article["image"] = absolute_url(hero).into();
    }
    if let Some(c) = &study.consultant {
        article["author"] = serde_json::json!({
            "@type": "Person",
            "name": format!("{} {}", c.first_name, c.last_name),
            "jobTitle": c.title,
            "url": absolute_url(&format!("/consultants/{}", c.id)),
        });
    }
    article
}

use crate::domain::dates::iso_date;

#[component]
fn Prose(markdown: String) -> impl IntoView {
    view! { <div class="prose" inner_html=to_safe_html(&markdown)></div> }
}

#[component]
fn CaseStudyView(study: CaseStudyDetail, lead_form: Option<LeadFormData>) -> impl IntoView {
    let description = if study.meta_description.is_empty() {
        study.summary.clone()
    } else {
        study.meta_description.clone()
    };
    let data = structured_data(&study);
    let unit = study.primary_metric_unit.clone();
    let primary_chart = baseline_vs_result(
        &format!(
            "{}: baseline {} vs result {}",
            study.primary_metric_name,
            format_value(study.primary_metric_baseline, &unit),
            format_value(study.primary_metric_result, &unit)
        ),
        &unit,
        study.primary_metric_baseline,
        study.primary_metric_result,
    );
    let secondary_chart = (!study.secondary_metrics.is_empty()).then(|| {
        secondary_changes(
            "Relative change of each secondary metric",
            &study.secondary_metrics,
        )
    });
    let roi_value = compact_money(
        (study.roi_absolute_value * 100.0) as i64,
        &study.roi_currency,
    );
    let consultant = study.consultant.clone();
    view! {
        <Seo
            title=study.title.clone()
            description
            path=format!("/case-studies/{}", study.slug)
            og_type="article"
            image=study.hero_image_url.clone().unwrap_or_default()
            structured_data=data
        />
        <SiteLayout>
            {(!study.is_published).then(|| view! {
                <p class="preview-banner" role="status">"Preview: this case study is not published. Only editors can see it."</p>
            })}
            <article class="cs">
                <header class="cs-hero">
                    <div class="container">
                        <nav aria-label="Breadcrumb" class="breadcrumb">
                            <a href="/case-studies">"Case studies"</a>
                            <span aria-hidden="true">" / "</span>
                            <a href=format!("/case-studies?industry={}", study.industry_sic_code)>{study.industry_display_name.clone()}</a>
                        </nav>
                        <h1 class="cs-hero__title">{study.title.clone()}</h1>
                        <p class="cs-hero__lead">{study.summary.clone()}</p>
                        <dl class="cs-hero__facts">
                            <div><dt>{study.primary_metric_name.clone()}</dt><dd>{format!("{:+.1}%", study.primary_metric_improvement)}</dd></div>
                            <div><dt>"ROI"</dt><dd>{format!("{:.0}%", study.roi_percentage)}</dd></div>
                            <div><dt>"Value"</dt><dd>{format!("{roi_value} {}", study.roi_timeframe.replace('_', "-"))}</dd></div>
                            <div><dt>"Payback"</dt><dd>{format!("{:.1} months", study.payback_period_months)}</dd></div>
                        </dl>
                        // The title says what the picture is about; it adds atmosphere, not information.
                        {study.hero_image.clone().map(|image| view! {
                            <ResponsiveImage image alt="" class="cs-hero__image" eager=true
                                sizes="(min-width: 1200px) 1152px, calc(100vw - 2rem)" width=1200 height=630 />
                        })}
                    </div>
                </header>

                <div class="container cs-body">
                    <section aria-labelledby="context-title" class="cs-section">
                        <h2 id="context-title">"The challenge"</h2>
                        <p class="muted">{[&study.client_type, &study.client_size, &study.client_region]
                            .into_iter()
                            .filter(|part| !part.trim().is_empty())
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                            .join(" · ")}</p>
                        <Prose markdown=study.business_challenge.clone() />
                        {(!study.previous_approaches.is_empty()).then(|| view! { <h3>"What had been tried"</h3><Prose markdown=study.previous_approaches.clone() /> })}
                        {(!study.stakeholder_concerns.is_empty()).then(|| view! { <h3>"Stakeholder concerns"</h3><Prose markdown=study.stakeholder_concerns.clone() /> })}
                        {(!study.success_criteria.is_empty()).then(|| view! { <h3>"How success was defined"</h3><Prose markdown=study.success_criteria.clone() /> })}
                    </section>

                    <section aria-labelledby="method-title" class="cs-section">
                        <h2 id="method-title">"Method"</h2>
                        <dl class="facts">
                            <div><dt>"Design"</dt><dd>{study.methodology_type.label()}</dd></div>
                            <div><dt>"Duration"</dt><dd>{format!("{} days", study.experiment_duration)}</dd></div>
                            <div><dt>"Sample"</dt><dd>{crate::domain::lift::group_thousands(study.sample_size as f64)}</dd></div>
                            <div><dt>"Confidence"</dt><dd>{format!("{:.0}%", study.confidence_level * 100.0)}</dd></div>
                        </dl>
                        <Prose markdown=study.detailed_methodology.clone() />
                        {consultant.clone().map(|c| view! {
                            <p class="cs-consultant">
                                "Led by "
                                <a href=format!("/consultants/{}", c.id)>{format!("{} {}", c.first_name, c.last_name)}</a>
                                {format!(", {}", c.title)}
                            </p>
                        })}
                    </section>

                    <section aria-labelledby="results-title" class="cs-section">
                        <h2 id="results-title">"Results"</h2>
                        <figure class="chart">
                            <div class="chart__frame" inner_html=primary_chart></div>
                            <figcaption>
                                {format!(
                                    "{}: {} before, {} after ({:+.1}%).",
                                    study.primary_metric_name,
                                    format_value(study.primary_metric_baseline, &unit),
                                    format_value(study.primary_metric_result, &unit),
                                    study.primary_metric_improvement
                                )}
                            </figcaption>
                        </figure>
                        {(!study.secondary_metrics.is_empty()).then(|| view! {
                            <h3>"Secondary metrics"</h3>
                            <figure class="chart">
                                <div class="chart__frame" inner_html=secondary_chart.clone().unwrap_or_default()></div>
                                <figcaption>"Relative change of each secondary metric; the table below gives the figures."</figcaption>
                            </figure>
                            <div class="table-wrap" tabindex="0" role="region" aria-label="Secondary metrics table">
                                <table class="table">
                                    <caption class="visually-hidden">"Secondary metrics"</caption>
                                    <thead><tr><th scope="col">"Metric"</th><th scope="col">"Before"</th><th scope="col">"After"</th><th scope="col">"Change"</th></tr></thead>
                                    <tbody>
                                        {study.secondary_metrics.iter().map(|m| {
                                            let unit = m.unit.clone().unwrap_or_default();
                                            view! {
                                                <tr>
                                                    <th scope="row">{m.name.clone()}</th>
                                                    <td>{format_value(m.baseline, &unit)}</td>
                                                    <td>{format_value(m.result, &unit)}</td>
                                                    <td>{format!("{:+.1}%", m.improvement_percentage)}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        })}
                        {(!study.charts.is_empty()).then(|| {
                            let count = study.charts.len();
                            view! {
                                <h3>"Charts from the engagement"</h3>
                                <div class="cs-charts">
                                    {study.charts.clone().into_iter().enumerate().map(|(i, image)| view! {
                                        <figure class="chart">
                                            <ResponsiveImage image alt=format!("Chart {} of {count} from this engagement", i + 1)
                                                sizes="(min-width: 900px) 800px, calc(100vw - 2rem)" width=1200 />
                                        </figure>
                                    }).collect_view()}
                                </div>
                            }
                        })}
                    </section>

                    <section aria-labelledby="impact-title" class="cs-section">
                        <h2 id="impact-title">"Business impact"</h2>
                        <ul class="stats">
                            <li class="stat"><span class="stat__value">{format!("{:.0}%", study.roi_percentage)}</span><span class="stat__label">"return on investment"</span></li>
                            <li class="stat"><span class="stat__value">{roi_value.clone()}</span><span class="stat__label">{format!("value, {}", study.roi_timeframe.replace('_', "-"))}</span></li>
                            <li class="stat"><span class="stat__value">{format!("{:.1} mo", study.payback_period_months)}</span><span class="stat__label">"payback period"</span></li>
                        </ul>
                    </section>

                    {study.client_testimonial.clone().map(|t| view! {
                        <figure class="testimonial">
                            <blockquote><p>{t.text}</p></blockquote>
                            <figcaption>{format!("— {}, {}", t.author, t.role)}</figcaption>
                        </figure>
                    })}

                    <aside class="cta-band" aria-labelledby="cta-title">
                        <h2 id="cta-title">"Could this work for you?"</h2>
                        <p>"Talk to a consultant about your business, or estimate what experimentation could be worth to you."</p>
                        <div class="cta-band__actions">
                            {lead_form.map(|data| view! {
                                // What only the server can refuse (spam, limits) comes
                                // back on the contact page, with what was typed: where
                                // this button leads without JavaScript.
                                <LeadCapture data return_to="/contact".to_string() variant="modal".to_string() />
                            })}
                            <a class="button button--ghost" href=format!("/roi-calculator?industry={}#calculator", study.industry_sic_code)>"Estimate your ROI"</a>
                            {consultant.and_then(|c| c.calendar_booking_url).map(|url| view! { <a class="button button--ghost" href=url rel="noopener">"Book a call"</a> })}
                        </div>
                    </aside>

                    {(!study.related_case_studies.is_empty()).then(|| view! {
                        <section aria-labelledby="related-title" class="cs-section">
                            <h2 id="related-title">{format!("More from {}", study.industry_display_name)}</h2>
                            <div class="cs-grid">{study.related_case_studies.clone().into_iter().map(|s| view! { <CaseStudyCard study=s /> }).collect_view()}</div>
                        </section>
                    })}
                    {(!study.consultant_other_work.is_empty()).then(|| view! {
                        <section aria-labelledby="other-work-title" class="cs-section">
                            <h2 id="other-work-title">"Other work by the same consultant"</h2>
                            <div class="cs-grid">{study.consultant_other_work.clone().into_iter().map(|s| view! { <CaseStudyCard study=s /> }).collect_view()}</div>
                        </section>
                    })}
                </div>
            </article>
        </SiteLayout>
    }
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn formats_dates() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400_000), "2000-02-29");
        assert_eq!(iso_date(1_795_312_022_588), "2026-11-22");
    }
}
