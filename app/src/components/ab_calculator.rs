//! The A/B test calculator island (`/tools/ab-test-calculator`): the
//! statistics engine compiled to WASM, answering as you type and keeping the
//! address bar's link in step; without JavaScript the form is a GET to the
//! same page, which the server answers with the same markup.

use crate::components::view_erasure::erased_on_server;
use crate::domain::experiments::calculator::{calculate, CalculatorForm};
use crate::domain::experiments::readout::format_p;
use leptos::either::Either;
use leptos::prelude::*;

fn pct(x: f64) -> String {
    format!("{:.2} %", x * 100.0)
}

fn signed(x: Option<f64>) -> String {
    x.map_or("—".into(), |x| format!("{:+.1} %", x * 100.0))
}

fn group(n: u64) -> String {
    crate::domain::lift::group_thousands(n as f64)
}

#[cfg_attr(any(feature = "ssr", feature = "island-ab-calculator"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "island-ab-calculator")), component)]
pub fn AbTestCalculator(form: CalculatorForm) -> impl IntoView {
    let hydrated = crate::components::hydration::use_hydrated();
    let form = RwSignal::new(form);
    let result = Memo::new(move |_| form.with(calculate));
    // The address bar follows the form, so the link shares these numbers.
    Effect::new(move |_| {
        let query = form.with(CalculatorForm::to_query);
        #[cfg(feature = "hydrate")]
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &leptos::wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("?{query}")),
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = query;
    });
    let field = move |name: &'static str, label: &'static str, hint: &'static str| {
        let id = format!("ab-{name}");
        let error_id = format!("{id}-error");
        let read = move || {
            form.with(|f| match name {
                "a_visitors" => f.a_visitors.clone(),
                "a_conversions" => f.a_conversions.clone(),
                "b_visitors" => f.b_visitors.clone(),
                "b_conversions" => f.b_conversions.clone(),
                "baseline" => f.baseline.clone(),
                "mde" => f.mde.clone(),
                _ => f.daily.clone(),
            })
        };
        let problem = move || {
            result.with(|r| {
                let list = if matches!(name, "baseline" | "mde" | "daily") {
                    r.sample_size.as_ref().err()
                } else {
                    r.significance.as_ref().err()
                };
                list.and_then(|l| l.iter().find(|(f, _)| f == name).map(|(_, m)| m.clone()))
            })
        };
        let hint_id = format!("{id}-hint");
        let described = if hint.is_empty() {
            error_id.clone()
        } else {
            format!("{hint_id} {error_id}")
        };
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                {(!hint.is_empty()).then(|| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
                <input id=id name=name inputmode="decimal" autocomplete="off" prop:value=read value=read()
                    aria-describedby=described aria-invalid=move || problem().is_some().to_string()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        form.update(|f| match name {
                            "a_visitors" => f.a_visitors = value,
                            "a_conversions" => f.a_conversions = value,
                            "b_visitors" => f.b_visitors = value,
                            "b_conversions" => f.b_conversions = value,
                            "baseline" => f.baseline = value,
                            "mde" => f.mde = value,
                            _ => f.daily = value,
                        });
                    } />
                {move || problem().map(|m| view! { <p id=error_id.clone() class="field__error" role="alert">{m}</p> })}
            </div>
        }
    };
    let significance = move || {
        result.with(|r| match &r.significance {
            Ok(s) => Either::Left(view! {
                <p class=if s.significant { "ab-verdict ab-verdict--yes" } else { "ab-verdict" } data-testid="ab-verdict">{s.verdict.clone()}</p>
                <dl class="ab-figures">
                    <div><dt>"Conversion rate A"</dt><dd data-testid="ab-rate-a">{pct(s.rate_a)}</dd></div>
                    <div><dt>"Conversion rate B"</dt><dd data-testid="ab-rate-b">{pct(s.rate_b)}</dd></div>
                    <div><dt>"Relative lift"</dt><dd data-testid="ab-lift">{signed(s.lift)}</dd></div>
                    <div><dt>"95 % interval of the lift"</dt><dd>{format!("{} to {}", signed(s.ci_low), signed(s.ci_high))}</dd></div>
                    <div><dt>"p-value"</dt><dd data-testid="ab-p">{format_p(s.p_value)}</dd></div>
                    <div><dt>"Chance B beats A (Bayesian)"</dt><dd>{s.chance_to_win.map_or("—".into(), |c| format!("{:.1} %", c * 100.0))}</dd></div>
                </dl>
                {s.srm_p_value.filter(|p| *p < 0.001).map(|p| view! {
                    <p class="alert alert--error" role="alert">{format!("The visitors are not split evenly (p = {}): if you meant 50/50, check the setup before trusting the result.", format_p(Some(p)))}</p>
                })}
            }),
            Err(_) => Either::Right(view! { <p class="muted">"Fix the numbers above to see the result."</p> }),
        })
    };
    let sample = move || {
        result.with(|r| match &r.sample_size {
            Ok(s) => Either::Left(view! {
                <p class="ab-verdict" data-testid="ab-sample">
                    {format!("{} visitors per variant ({} in all)", group(s.per_variant), group(s.total))}
                    {s.days.map(|d| format!(", about {} {} at your traffic", group(d), if d == 1 { "day" } else { "days" }))}
                    "."
                </p>
                <p class="small muted">"Two-sided test at 95 % confidence and 80 % power. Decide the size first and read the result once; peeking and stopping early inflates false wins."</p>
            }),
            Err(_) => Either::Right(view! { <p class="muted">"Fix the numbers above to see the sample size."</p> }),
        })
    };
    erased_on_server(view! {
        <form class="ab-calculator" method="get" action="/tools/ab-test-calculator"
            data-hydrated=move || hydrated.get().to_string()>
            <section class="panel" aria-labelledby="ab-significance-title">
                <h2 id="ab-significance-title">"Did B beat A?"</h2>
                <div class="form__row">
                    {field("a_visitors", "Visitors in A", "")}
                    {field("a_conversions", "Conversions in A", "")}
                </div>
                <div class="form__row">
                    {field("b_visitors", "Visitors in B", "")}
                    {field("b_conversions", "Conversions in B", "")}
                </div>
                <div class="ab-result" aria-live="polite">{significance}</div>
            </section>
            <section class="panel" aria-labelledby="ab-sample-title">
                <h2 id="ab-sample-title">"How many visitors does a test need?"</h2>
                <div class="form__row">
                    {field("baseline", "Current conversion rate (%)", "")}
                    {field("mde", "Smallest lift worth detecting (%)", "Relative: 10 means 5 % → 5.5 %.")}
                    {field("daily", "Visitors a day (optional)", "")}
                </div>
                <div class="ab-result" aria-live="polite">{sample}</div>
            </section>
            // Without JavaScript this asks the server; with it the answers are
            // already there, and the button just makes the page's link.
            <button type="submit" class="button button--primary">"Calculate"</button>
        </form>
    })
}
