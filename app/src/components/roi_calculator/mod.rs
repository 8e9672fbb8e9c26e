//! The ROI calculator island: the same engine as the server, compiled to
//! WASM, shown on `/roi-calculator` and in landing pages that hold a
//! calculator block (the only block whose page downloads the WASM bundle).

mod estimate_view;

use crate::api::roi::SaveRoiCalculation;
use crate::components::fields::{aria_invalid, FieldMessage};
use crate::components::hydration::{typed_values, use_hydrated};
use crate::components::view_erasure::erased_on_server;
use crate::domain::lead_fields::{Challenge, CurrentSolution, OTHER_INDUSTRY};
use crate::domain::roi::{estimate, form_from_query};
use crate::domain::showcase::CompanySize;
use crate::model::roi::{CalculatorData, SimilarStudy};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub use estimate_view::EstimateView;

/// "£1,234,567" from pounds.
pub fn pounds(value: f64) -> String {
    format!("£{}", crate::domain::lift::group_thousands(value))
}

/// The calculator: the same engine as the server, compiled to WASM, so the
/// estimate follows every keystroke. Saving posts the form, with or without
/// JavaScript, and the server answers with the saved estimate's page (its
/// shareable address); with JavaScript a form with a mistake stays here
/// with its messages. It hydrates when the visitor first points at it,
/// touches it or moves focus into it (components/island_script.js): the
/// bundle is already loaded by then, and until then the page shows the
/// server's estimate.
#[cfg_attr(any(feature = "ssr", feature = "island-roi-calculator"), island)]
#[cfg_attr(
    not(any(feature = "ssr", feature = "island-roi-calculator")),
    component
)]
pub fn RoiCalculator(data: CalculatorData) -> impl IntoView {
    let hydrated = use_hydrated();
    let CalculatorData {
        evidence,
        industries,
        form,
        errors: server_errors,
        estimate: server_estimate,
    } = data;
    let evidence = StoredValue::new(evidence);
    let industries = StoredValue::new(industries);
    let form = RwSignal::new(form);
    // Field errors show once the visitor has typed into the field (or the server checked it).
    let touched = RwSignal::new(
        server_errors
            .iter()
            .map(|e| e.field.clone())
            .collect::<Vec<String>>(),
    );
    let parsed = Memo::new(move |_| industries.with_value(|inds| form.with(|f| f.parse(inds))));
    let result = Memo::new(move |_| {
        parsed.with(|p| match p {
            Ok(input) => evidence.with_value(|ev| estimate(input, ev).ok()),
            Err(_) => None,
        })
    });
    let initial_estimate = server_estimate;
    let message = move |field: &'static str| {
        Signal::derive(move || {
            if !touched.with(|t| t.iter().any(|f| f == field)) {
                return None;
            }
            parsed.with(|p| match p {
                Err(errors) => errors
                    .iter()
                    .find(|(f, _)| f == field)
                    .map(|(_, m)| m.clone()),
                Ok(_) => None,
            })
        })
    };
    let set = move |field: &'static str, value: String| {
        form.update(|f| match field {
            "industry" => f.industry = value,
            "annual_revenue" => f.annual_revenue = value,
            "locations" => f.locations = value,
            "company_size" => f.company_size = value,
            _ => f.challenge = value,
        });
        touched.update(|t| {
            if !t.iter().any(|f| f == field) {
                t.push(field.to_string());
            }
        });
    };
    let toggle_solution = move |value: &'static str, on: bool| {
        form.update(|f| {
            f.current_solutions.retain(|s| s != value);
            if on {
                f.current_solutions.push(value.to_string());
            }
        });
    };

    // Anything typed or chosen before hydration wins over the rendered values.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        let typed = typed_values(&form_ref);
        if typed.is_empty() {
            return;
        }
        let pairs: Vec<(String, String)> = typed
            .into_iter()
            .map(|(field, value)| match field.as_str() {
                "current_solutions" => ("current_solution".to_string(), value),
                _ => (field, value),
            })
            .collect();
        let adopted = form_from_query(&pairs);
        if adopted != form.get_untracked() {
            let rendered = form.get_untracked();
            touched.update(|t| {
                for (field, changed) in [
                    ("industry", adopted.industry != rendered.industry),
                    (
                        "annual_revenue",
                        adopted.annual_revenue != rendered.annual_revenue,
                    ),
                    ("locations", adopted.locations != rendered.locations),
                ] {
                    if changed && !t.iter().any(|f| f == field) {
                        t.push(field.to_string());
                    }
                }
            });
            form.set(adopted);
        }
    });

    let initial = form.get_untracked();
    let similar = move |slugs: &[String]| -> Vec<SimilarStudy> {
        evidence.with_value(|ev| SimilarStudy::named(ev, slugs))
    };
    let result_view = move || {
        let current = if hydrated.get() {
            result.get()
        } else {
            initial_estimate.clone()
        };
        match current {
            Some(estimate) => {
                let similar = similar(&estimate.similar_case_studies);
                Either::Left(view! { <EstimateView estimate similar /> })
            }
            None => Either::Right(view! {
                <p class="estimate estimate--empty" data-testid="estimate-empty">
                    "Choose your industry and enter your annual revenue to see an estimate."
                </p>
            }),
        }
    };

    erased_on_server(view! {
        <div class="roi" id="calculator" data-hydrate="on-interaction" data-hydrated=move || hydrated.get().to_string()>
            <form class="form roi__form" method="post" action=SaveRoiCalculation::PATH node_ref=form_ref
                on:submit=move |ev| {
                    // A form that checks out posts as it would without
                    // JavaScript, and the server answers with the saved
                    // estimate's page. A server call from here would bring the
                    // server-function client into the bundle, about a sixth of
                    // it (docs/performance.md).
                    if parsed.with_untracked(|p| p.is_err()) {
                        ev.prevent_default();
                        touched.set(vec!["industry".into(), "annual_revenue".into(), "locations".into(), "company_size".into(), "challenge".into(), "current_solutions".into()]);
                    }
                }>
                <div class="field">
                    <label for="roi-industry">"Industry"</label>
                    <select id="roi-industry" name="input[industry]" aria-describedby="roi-industry-error"
                        aria-invalid=aria_invalid(message("industry"))
                        on:change=move |ev| set("industry", event_target_value(&ev))>
                        <option value="" selected=initial.industry.is_empty()>"Choose your industry"</option>
                        {industries.with_value(|inds| inds.iter().map(|i| {
                            let selected = i.sic_code == initial.industry;
                            view! { <option value=i.sic_code.clone() selected=selected>{i.name.clone()}</option> }
                        }).collect_view())}
                        <option value=OTHER_INDUSTRY selected=initial.industry == OTHER_INDUSTRY>"Other industry"</option>
                    </select>
                    <FieldMessage id="roi-industry-error" message=message("industry") />
                </div>
                <div class="field">
                    <label for="roi-revenue">"Annual revenue (£)"</label>
                    <p class="field__hint" id="roi-revenue-hint">"For example 2,500,000 or 2.5m."</p>
                    <input id="roi-revenue" name="input[annual_revenue]" type="text" inputmode="decimal"
                        autocomplete="off" value=initial.annual_revenue.clone()
                        aria-describedby="roi-revenue-hint roi-revenue-error"
                        aria-invalid=aria_invalid(message("annual_revenue"))
                        on:input=move |ev| set("annual_revenue", event_target_value(&ev)) />
                    <FieldMessage id="roi-revenue-error" message=message("annual_revenue") />
                </div>
                <div class="field">
                    <label for="roi-locations">"Number of locations (optional)"</label>
                    <input id="roi-locations" name="input[locations]" type="text" inputmode="numeric"
                        value=initial.locations.clone() aria-describedby="roi-locations-error"
                        aria-invalid=aria_invalid(message("locations"))
                        on:input=move |ev| set("locations", event_target_value(&ev)) />
                    <FieldMessage id="roi-locations-error" message=message("locations") />
                </div>
                <div class="field">
                    <label for="roi-size">"Company size"</label>
                    <select id="roi-size" name="input[company_size]" aria-describedby="roi-size-error"
                        aria-invalid=aria_invalid(message("company_size"))
                        on:change=move |ev| set("company_size", event_target_value(&ev))>
                        {CompanySize::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=s.as_str() == initial.company_size>{s.label()}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage id="roi-size-error" message=message("company_size") />
                </div>
                <div class="field">
                    <label for="roi-challenge">"Main challenge"</label>
                    <select id="roi-challenge" name="input[challenge]" aria-describedby="roi-challenge-error"
                        aria-invalid=aria_invalid(message("challenge"))
                        on:change=move |ev| set("challenge", event_target_value(&ev))>
                        {Challenge::ALL.iter().map(|c| view! {
                            <option value=c.as_str() selected=c.as_str() == initial.challenge>{c.label()}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage id="roi-challenge-error" message=message("challenge") />
                </div>
                <fieldset class="field roi__solutions">
                    <legend>"What do you use today? (optional)"</legend>
                    {CurrentSolution::ALL.iter().enumerate().map(|(i, s)| {
                        let value = s.as_str();
                        let checked = initial.current_solutions.iter().any(|c| c == value);
                        view! {
                            <label class="checkbox">
                                <input type="checkbox" name=format!("input[current_solutions][{i}]") value=value checked=checked
                                    on:change=move |ev| toggle_solution(value, event_target_checked(&ev)) />
                                {s.label()}
                            </label>
                        }
                    }).collect_view()}
                    <FieldMessage id="roi-solutions-error" message=message("current_solutions") />
                </fieldset>
                // One label before and after hydration (which comes on the
                // visitor's first touch): either way the post saves the
                // estimate and opens its page, which shows it and can be shared.
                <button type="submit" class="button button--primary">"Save and share my estimate"</button>
                // On a phone the full estimate is far below the fields: this
                // line keeps its headline in view while typing. Hidden from
                // screen readers, which hear the estimate's live region.
                <p class="roi__peek" aria-hidden="true" data-testid="estimate-peek">
                    {move || match result.get() {
                        Some(e) => format!(
                            "{} – {} more revenue a year",
                            pounds(e.revenue_increase_min),
                            pounds(e.revenue_increase_max)
                        ),
                        None => "Enter your industry and revenue to see an estimate".to_string(),
                    }}
                    " "
                    <a href="#roi-result" tabindex="-1">"Details ↓"</a>
                </p>
            </form>
            <section class="roi__result" id="roi-result" aria-live="polite" aria-label="Your estimate">
                {result_view}
            </section>
        </div>
    })
}
