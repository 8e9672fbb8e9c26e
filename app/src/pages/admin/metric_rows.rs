//! The case-study editor's secondary metrics, one row each: name, baseline,
//! result and unit. The server sends the saved rows plus one blank row, so a
//! metric can be added without JavaScript (blank rows are ignored on save);
//! once hydrated, rows are added (up to the limit) and removed in place.

use crate::components::fields::FieldMessage;
use crate::components::hydration::use_hydrated;
use crate::domain::case_study_form::{MetricRowInput, MAX_SECONDARY_METRICS};
use leptos::prelude::*;

const PARTS: [(&str, &str, &str); 4] = [
    ("name", "Name", "Metric name"),
    ("baseline", "Baseline", "Baseline"),
    ("result", "Result", "Result"),
    ("unit", "Unit", "Unit (optional)"),
];

#[component]
pub fn MetricRows(
    rows: Vec<MetricRowInput>,
    message: Signal<Option<String>>,
    /// Called on any edit (clears a stale message).
    on_input: Callback<()>,
) -> impl IntoView {
    let hydrated = use_hydrated();
    let mut keyed: Vec<(u32, MetricRowInput)> = Vec::new();
    for row in rows
        .into_iter()
        .chain(std::iter::once(MetricRowInput::default()))
        .take(MAX_SECONDARY_METRICS)
    {
        keyed.push((keyed.len() as u32, row));
    }
    let next_key = StoredValue::new(keyed.len() as u32);
    let rows = RwSignal::new(keyed);
    // Posted names follow the row's place, so removing one leaves no gap.
    let position = move |key: u32| {
        rows.with(|r| r.iter().position(|(k, _)| *k == key))
            .unwrap_or(0)
    };
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|r| r.push((key, MetricRowInput::default())));
        on_input.run(());
    };
    let error_id = "cs-secondary_metrics-error";
    view! {
        <fieldset class="metric-rows field--wide" aria-describedby=error_id>
            <legend>"Secondary metrics"</legend>
            <p class="field__hint">
                "Optional, up to " {MAX_SECONDARY_METRICS} ". The change is calculated from baseline and result; empty rows are skipped."
            </p>
            <div class="metric-rows__head" aria-hidden="true">
                {PARTS.iter().map(|(_, label, _)| view! { <span>{*label}</span> }).collect_view()}
                <span></span>
            </div>
            <ol class="metric-rows__list">
                <For each=move || rows.get() key=|(key, _)| *key children=move |(key, row)| {
                    let values = [row.name, row.baseline, row.result, row.unit];
                    view! {
                        <li class="metric-rows__row">
                            {PARTS.iter().zip(values).map(|((part, label, placeholder), value)| {
                                let id = move || format!("cs-metric-{key}-{part}");
                                view! {
                                    <span class="metric-rows__cell">
                                        // On phones the column heads are gone: each box says what it is.
                                        <span class="metric-rows__caption" aria-hidden="true">{*label}</span>
                                        <label class="visually-hidden" for=id>
                                            {move || format!("{label} of secondary metric {}", position(key) + 1)}
                                        </label>
                                        <input id=id type="text" value=value placeholder=*placeholder
                                            inputmode=if *part == "baseline" || *part == "result" { "decimal" } else { "text" }
                                            name=move || format!("input[secondary_metrics][{}][{part}]", position(key))
                                            on:input=move |_| on_input.run(()) />
                                    </span>
                                }
                            }).collect_view()}
                            <button type="button" class="button button--small button--ghost" hidden=move || !hydrated.get()
                                on:click=move |_| {
                                    rows.update(|r| r.retain(|(k, _)| *k != key));
                                    on_input.run(());
                                }>
                                "Remove"
                                <span class="visually-hidden">{move || format!(" secondary metric {}", position(key) + 1)}</span>
                            </button>
                        </li>
                    }
                } />
            </ol>
            <button type="button" class="button button--small" hidden=move || !hydrated.get()
                disabled=move || rows.with(|r| r.len() >= MAX_SECONDARY_METRICS) on:click=add>
                "Add a metric"
            </button>
            <FieldMessage id=error_id message />
        </fieldset>
    }
}
