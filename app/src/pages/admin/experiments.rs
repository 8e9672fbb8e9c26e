//! `/admin/experiments` (the list and a new experiment) and
//! `/admin/experiments/{id}` (its variants, status and results). Every
//! action is a plain form to its server function, so all of it works
//! without JavaScript; consultants read, admins and marketers act.

use crate::api::experiments::{
    experiment, list_experiments, ActOnExperiment, CreateExperiment, SaveExperimentArms,
    SetVariantText,
};
use crate::components::admin_page::AdminPage;
use crate::components::fields::{
    action_field_message, action_form_error, SelectField, TextArea, TextField,
};
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::domain::dates::date_time;
use crate::domain::experiments::readout::{format_p, Call, Readout, VariantReadout};
use crate::domain::experiments::{Action, DeviceClass, Engine, Goal, Status, MAX_ARMS};
use crate::error::AppError;
use crate::model::experiments::{
    ExperimentDetail, ExperimentList, ExperimentSummary, MetricResult, MetricRole, PageChoice,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn status_badge(status: Status) -> impl IntoView {
    let class = match status {
        Status::Running => "badge badge--ok",
        Status::Draft => "badge badge--muted",
        Status::Paused => "badge badge--warn",
        Status::Stopped | Status::Promoted => "badge",
    };
    view! { <span class=class data-testid="experiment-status">{status.label()}</span> }
}

/// A field's message from an action's latest refusal, under a control the
/// form builds itself (its name is not `input[…]`).
fn field_problem<O, S>(value: S, field: &'static str) -> impl IntoView
where
    O: Send + Sync + 'static,
    S: With<Value = Option<Result<O, AppError>>> + Copy + Send + Sync + 'static,
{
    let message = action_field_message(value, field);
    move || {
        message
            .get()
            .map(|m| view! { <p class="field__error" role="alert">{m}</p> })
    }
}

#[component]
pub fn ExperimentsAdminPage() -> impl IntoView {
    let list = Resource::new_blocking(|| (), |_| list_experiments());
    view! {
        <AdminPage section=AdminSection::Experiments>
            <div class="admin-head">
                <h1>"Experiments"</h1>
            </div>
            <p class="muted">"A/B tests on published landing pages. The server picks each visitor's variant when it renders the page, so nothing flickers, and keeps it: the same visitor sees the same variant on every visit."</p>
            <Loaded resource=list render=move |list| view! { <ExperimentListView list /> } />
        </AdminPage>
    }
}

#[component]
fn ExperimentListView(list: ExperimentList) -> impl IntoView {
    let count = match list.experiments.len() {
        0 => "No experiments yet.".to_string(),
        1 => "1 experiment".to_string(),
        n => format!("{n} experiments"),
    };
    view! {
        <p class="muted" role="status">{count}</p>
        {(!list.experiments.is_empty()).then(|| view! { <ExperimentTable list=list.experiments /> })}
        {list.can_edit.then(|| view! { <NewExperimentForm pages=list.pages /> })}
    }
}

#[component]
fn ExperimentTable(list: Vec<ExperimentSummary>) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Experiments">
            <table class="table table--cards table--fit">
                <caption class="visually-hidden">"Experiments"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Experiment"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Goal"</th>
                        <th scope="col">"Variants"</th>
                        <th scope="col">"Visitors"</th>
                        <th scope="col">"Started"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|e| view! {
                        <tr data-testid="experiment-row">
                            <th scope="row">
                                <a href=format!("/admin/experiments/{}", e.id)>{e.name.clone()}</a>
                                <span class="small muted table__sub">{format!("{} · /landing/{}", e.page_title, e.page_slug)}</span>
                            </th>
                            <td data-label="Status">{status_badge(e.status)}</td>
                            <td data-label="Goal">{e.goal_label.clone()}</td>
                            <td data-label="Variants">{e.arms}</td>
                            <td data-label="Visitors">{e.visitors}</td>
                            <td data-label="Started">{e.started_at_ms.map(date_time).unwrap_or_else(|| "—".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn NewExperimentForm(pages: Vec<PageChoice>) -> impl IntoView {
    let create = ServerAction::<CreateExperiment>::new();
    let value = create.value();
    let general = action_form_error(value);
    let message = move |field: &'static str| action_field_message(value, field);
    if pages.is_empty() {
        return view! {
            <section class="panel" aria-labelledby="new-experiment-title">
                <h2 id="new-experiment-title">"New experiment"</h2>
                <p>"Experiments run on published landing pages. "<a href="/admin/pages">"Publish a page"</a>" first."</p>
            </section>
        }
        .into_any();
    }
    // Click goals name a call to action; the service checks it is on the
    // page chosen above (each is labelled with its page).
    let cta_options: Vec<(String, String)> = pages
        .iter()
        .flat_map(|p| {
            p.ctas.iter().map(move |(block, label)| {
                (
                    Goal::CtaClick {
                        block: block.clone(),
                    }
                    .to_wire(),
                    format!("Click on “{label}” ({})", p.title),
                )
            })
        })
        .collect();
    let fixed_goals = [Goal::LeadSubmitted, Goal::FormStarted].map(|g| (g.to_wire(), g.label()));
    let goal_options: Vec<(String, String)> = fixed_goals
        .iter()
        .cloned()
        .chain(cta_options.iter().cloned())
        .chain([
            (
                "url_visit".to_string(),
                "Visit to a URL (give the path below)".to_string(),
            ),
            (
                "custom".to_string(),
                "Custom event (give its name below)".to_string(),
            ),
        ])
        .collect();
    let metric_options: Vec<(String, String)> =
        std::iter::once(("none".to_string(), "None".to_string()))
            .chain(fixed_goals.iter().cloned())
            .chain(cta_options.iter().cloned())
            .collect();
    let page_options: Vec<(String, String)> = pages
        .into_iter()
        .map(|p| (p.id, format!("{} (/landing/{})", p.title, p.slug)))
        .collect();
    let engines: Vec<(String, String)> = Engine::ALL
        .into_iter()
        .map(|e| (e.as_str().to_string(), e.label().to_string()))
        .collect();
    let devices: Vec<(String, String)> =
        std::iter::once(("any".to_string(), "Any device".to_string()))
            .chain(
                DeviceClass::ALL
                    .into_iter()
                    .map(|d| (d.as_str().to_string(), d.label().to_string())),
            )
            .collect();
    let audiences = vec![
        ("everyone".to_string(), "New and returning".to_string()),
        ("new".to_string(), "New visitors only".to_string()),
        (
            "returning".to_string(),
            "Returning visitors only".to_string(),
        ),
    ];
    view! {
        <section class="panel" aria-labelledby="new-experiment-title">
            <h2 id="new-experiment-title">"New experiment"</h2>
            <p class="small muted">"It starts as a draft with the page as the control and one variant, a copy of the page whose texts you then change."</p>
            <ActionForm action=create attr:class="form" attr:novalidate=true>
                {move || general.get().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
                <SelectField id_prefix="experiment" name="page_id" label="Landing page" options=page_options
                    current=String::new() message=message("page_id") />
                <TextField id_prefix="experiment" name="name" label="Name" value=String::new()
                    message=message("name") required=true />
                <TextArea id_prefix="experiment" name="hypothesis" label="Hypothesis" value=String::new()
                    hint="What you change, what you expect to happen, and why." message=message("hypothesis") />
                <SelectField id_prefix="experiment" name="goal" label="Goal (primary metric)"
                    options=goal_options current="lead_submitted".to_string() message=message("goal") />
                <TextField id_prefix="experiment" name="goal_detail" label="Path or event name (for a URL or custom goal)"
                    value=String::new() hint="A path on this site such as /thanks, or the name your page's script sends with ce(\"name\")."
                    message=message("goal_detail") />
                <fieldset class="editor__group">
                    <legend>"Other metrics"</legend>
                    <p class="small muted">"Secondary metrics are shown for learning; the verdict rests on the goal. A guardrail is a metric the winner must not hurt: a significant drop is flagged."</p>
                    <div class="form__row">
                        <SelectField id_prefix="experiment" name="secondary_1" label="Secondary metric" options=metric_options.clone()
                            current="none".to_string() message=message("secondary_1") />
                        <SelectField id_prefix="experiment" name="secondary_2" label="Another secondary metric" options=metric_options.clone()
                            current="none".to_string() message=message("secondary_2") />
                        <SelectField id_prefix="experiment" name="guardrail" label="Guardrail" options=metric_options
                            current="none".to_string() message=message("guardrail") />
                    </div>
                </fieldset>
                <SelectField id_prefix="experiment" name="engine" label="How the results are judged" options=engines
                    current="sequential".to_string() message=message("engine") />
                <div class="form__row">
                    <TextField id_prefix="experiment" name="coverage" label="Visitors taking part (%)" value="100".to_string()
                        message=message("coverage") />
                    <TextField id_prefix="experiment" name="mde_pct" label="Smallest lift worth detecting (%)" value="20".to_string()
                        hint="Sizes the planned sample: smaller lifts need more visitors." message=message("mde_pct") />
                </div>
                <fieldset class="editor__group">
                    <legend>"Who takes part"</legend>
                    <div class="form__row">
                        <SelectField id_prefix="experiment" name="device" label="Device" options=devices
                            current="any".to_string() message=message("device") />
                        <SelectField id_prefix="experiment" name="audience" label="Visitors" options=audiences
                            current="everyone".to_string() message=message("audience") />
                    </div>
                    <div class="form__row">
                        <TextField id_prefix="experiment" name="utm_source" label="Only from utm_source (optional)"
                            value=String::new() message=message("utm_source") />
                        <TextField id_prefix="experiment" name="utm_campaign" label="Only from utm_campaign (optional)"
                            value=String::new() message=message("utm_campaign") />
                    </div>
                </fieldset>
                <button type="submit" class="button button--primary">"Create the experiment"</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
pub fn ExperimentDetailPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let detail = Resource::new_blocking(move || id.clone(), experiment);
    view! {
        <AdminPage section=AdminSection::Experiments>
            <p class="small"><a href="/admin/experiments">"← All experiments"</a></p>
            <Loaded resource=detail render=move |detail| view! { <ExperimentView detail /> } />
        </AdminPage>
    }
}

#[component]
fn ExperimentView(detail: ExperimentDetail) -> impl IntoView {
    let s = detail.summary.clone();
    let id = s.id.clone();
    let meta = format!(
        "{} · goal: {} · {} · {} % of visitors · {}",
        s.page_title, s.goal_label, detail.engine_label, detail.coverage_pct, detail.targeting
    );
    view! {
        <div class="admin-head">
            <h1>{s.name.clone()}</h1>
            {status_badge(s.status)}
        </div>
        <p class="muted">
            {meta}" · "<a href=format!("/landing/{}", s.page_slug)>{format!("/landing/{}", s.page_slug)}</a>
        </p>
        <p class="small muted">{format!("Created by {} on {}", detail.created_by, date_time(detail.created_at_ms))}</p>
        <section class="panel" aria-labelledby="hypothesis-title">
            <h2 id="hypothesis-title">"Hypothesis"</h2>
            <p>{detail.hypothesis.clone()}</p>
        </section>
        {detail.decision.clone().map(|d| view! {
            <div class="alert alert--success" role="status">
                {format!("{} was promoted by {} on {}: {}", d.arm_name, d.by, date_time(d.at_ms), d.reason)}
            </div>
        })}
        {detail.can_edit.then(|| view! { <StatusActions id=id.clone() actions=detail.actions.clone() arms=detail.arms.iter().map(|a| (a.key.clone(), a.name.clone())).collect() /> })}
        <Results id=id.clone() readout=detail.readout.clone() duration=detail.duration_estimate.clone() status=s.status
            chart=cumulative_chart(&detail) metrics=detail.metrics.clone() />
        <Variants detail />
    }
}

#[component]
fn StatusActions(id: String, actions: Vec<Action>, arms: Vec<(String, String)>) -> impl IntoView {
    let act = ServerAction::<ActOnExperiment>::new();
    let value = act.value();
    let general = action_form_error(value);
    let problem = move |field: &'static str| field_problem(value, field);
    let simple: Vec<Action> = actions
        .iter()
        .copied()
        .filter(|a| *a != Action::Promote)
        .collect();
    let can_promote = actions.contains(&Action::Promote);
    let promote_id = id.clone();
    view! {
        <section class="panel" aria-labelledby="status-title">
            <h2 id="status-title">"Status"</h2>
            {move || general.get().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
            {problem("status")}
            {problem("page_id")}
            {problem("weights")}
            <div class="row-actions">
                {simple.into_iter().map(|action| {
                    let class = if action == Action::Start { "button button--primary" } else { "button" };
                    let id = id.clone();
                    view! {
                        <ActionForm action=act attr:class="inline-form">
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="action" value=action.as_str() />
                            <button type="submit" class=class>{action.label()}</button>
                        </ActionForm>
                    }
                }).collect_view()}
            </div>
            {can_promote.then(|| view! {
                <ActionForm action=act attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="id" value=promote_id.clone() />
                    <input type="hidden" name="action" value="promote" />
                    <div class="form__row">
                        <div class="field">
                            <label for="promote-winner">"Variant to keep"</label>
                            <select id="promote-winner" name="winner">
                                {arms.into_iter().map(|(key, name)| view! { <option value=key>{name}</option> }).collect_view()}
                            </select>
                            {problem("winner")}
                        </div>
                        <div class="field">
                            <label for="promote-reason">"Why"</label>
                            <input id="promote-reason" name="reason" maxlength="1000" />
                            {problem("reason")}
                        </div>
                    </div>
                    <button type="submit" class="button">"Promote the winner"</button>
                    <p class="small muted">"The chosen variant becomes the published page (kept in the page's history), and the experiment ends."</p>
                </ActionForm>
            })}
        </section>
    }
}

/// Each arm's cumulative conversion rate by day, drawn on the server.
fn cumulative_chart(detail: &ExperimentDetail) -> String {
    let mut days: Vec<i64> = detail.daily.iter().map(|d| d.day_ms).collect();
    days.sort_unstable();
    days.dedup();
    if days.is_empty() {
        return String::new();
    }
    let series: Vec<(String, Vec<(u32, f64)>)> = detail
        .arms
        .iter()
        .map(|arm| {
            let points = days
                .iter()
                .enumerate()
                .filter_map(|(i, day)| {
                    // The latest totals of this arm up to that day.
                    detail
                        .daily
                        .iter()
                        .rfind(|d| d.arm_key == arm.key && d.day_ms <= *day)
                        .filter(|d| d.users > 0)
                        .map(|d| (i as u32, d.conversions as f64 / d.users as f64 * 100.0))
                })
                .collect();
            (arm.name.clone(), points)
        })
        .collect();
    let labels: Vec<String> = days
        .iter()
        .map(|d| crate::domain::dates::iso_date(*d).chars().skip(5).collect())
        .collect();
    crate::charts::cumulative_rates("Cumulative conversion rate by day", &labels, &series)
}

fn pct(x: Option<f64>) -> String {
    x.map_or("—".to_string(), |x| format!("{:+.1} %", x * 100.0))
}

fn rate(x: Option<f64>) -> String {
    x.map_or("—".to_string(), |x| format!("{:.2} %", x * 100.0))
}

#[component]
fn Results(
    id: String,
    readout: Readout,
    duration: Option<String>,
    status: Status,
    /// The cumulative conversion rates as SVG (empty before any data).
    chart: String,
    metrics: Vec<MetricResult>,
) -> impl IntoView {
    let started = status != Status::Draft;
    view! {
        <section class="panel" aria-labelledby="results-title">
            <h2 id="results-title">"Results"</h2>
            {readout.srm_flagged.then(|| view! {
                <div class="alert alert--error" role="alert" data-testid="srm-banner">
                    <strong>"Sample ratio mismatch. "</strong>
                    {format!("Visitors are not split as the weights say (p = {}). Until the cause is found (a redirect, a bot, a cached page), the results below cannot be trusted.", format_p(readout.srm_p_value))}
                </div>
            })}
            {readout.planned_per_arm.map(|n| view! {
                <p class="small muted">
                    {format!(
                        "Planned sample: {} visitors per variant",
                        crate::domain::lift::group_thousands(n as f64)
                    )}
                    {duration.clone().map(|d| format!(", {d}"))}
                    "."
                </p>
            })}
            {results_table(&readout, "Results per variant", "results-table")}
            <ForestPlot variants=readout.variants.clone() />
            {(started && !chart.is_empty()).then(|| view! {
                <figure class="chart">
                    <div inner_html=chart></div>
                    <figcaption class="small muted">"Each variant's conversion rate so far, day by day: an early lead that fades was noise."</figcaption>
                </figure>
            })}
            <ul class="verdicts">
                {readout.variants.iter().map(|v| {
                    let class = match v.call {
                        Call::Better => "verdict verdict--better",
                        Call::Worse => "verdict verdict--worse",
                        _ => "verdict",
                    };
                    view! { <li class=class data-testid="verdict">{v.verdict.clone()}</li> }
                }).collect_view()}
            </ul>
            {metrics.into_iter().map(|metric| {
                let role = match metric.role {
                    MetricRole::Secondary => "Secondary metric",
                    MetricRole::Guardrail => "Guardrail",
                };
                let title = format!("{role}: {}", metric.label);
                view! {
                    <h3 data-testid="metric-title">{title.clone()}</h3>
                    {metric.warning.map(|w| view! { <p class="alert alert--error" role="alert" data-testid="guardrail-warning">{w}</p> })}
                    {results_table(&metric.readout, &title, "metric-table")}
                }
            }).collect_view()}
            <p class="small"><a href=format!("/admin/experiments/{id}/daily.csv") download="">"Download the daily counts (CSV)"</a></p>
        </section>
    }
}

/// Visitors, conversions, rate, lift, interval and the engine's figure per
/// arm (the Bayesian engine adds the risk of each choice).
fn results_table(readout: &Readout, label: &str, testid: &'static str) -> impl IntoView {
    let bayesian = readout.engine == Engine::Bayesian;
    let judged_label = if bayesian { "Chance to win" } else { "p-value" };
    let risk = |r: Option<f64>| r.map_or("—".to_string(), |r| format!("{:.2} %", r * 100.0));
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label.to_string()>
            <table class="table table--cards table--fit table--figures" data-testid=testid>
                <caption class="visually-hidden">{format!("{label}: visitors and conversions per variant")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Variant"</th>
                        <th scope="col">"Visitors"</th>
                        <th scope="col">"Conversions"</th>
                        <th scope="col">"Rate"</th>
                        <th scope="col">"Lift"</th>
                        <th scope="col">"95 % interval"</th>
                        <th scope="col">{judged_label}</th>
                        {bayesian.then(|| view! {
                            <th scope="col"><abbr title="Expected loss, in relative lift, if you keep the control and the variant is better">"Risk, keep control"</abbr></th>
                            <th scope="col"><abbr title="Expected loss, in relative lift, if you choose the variant and the control is better">"Risk, choose variant"</abbr></th>
                        })}
                    </tr>
                </thead>
                <tbody>
                    {readout.arms.iter().enumerate().map(|(i, arm)| {
                        let variant = (i > 0).then(|| readout.variants.get(i - 1).cloned()).flatten();
                        let (lift, interval, judged) = match &variant {
                            Some(v) => (
                                pct(v.lift),
                                match (v.ci_low, v.ci_high) {
                                    (Some(lo), Some(hi)) => format!("{} to {}", pct(Some(lo)), pct(Some(hi))),
                                    _ => "—".into(),
                                },
                                if bayesian {
                                    v.chance_to_win.map_or("—".into(), |c| format!("{:.1} %", c * 100.0))
                                } else {
                                    format_p(v.p_value)
                                },
                            ),
                            None => ("control".into(), String::new(), String::new()),
                        };
                        let risks = bayesian.then(|| {
                            let (keep, choose) = variant
                                .as_ref()
                                .map_or((String::new(), String::new()), |v| (risk(v.risk_control), risk(v.risk_variant)));
                            view! {
                                <td data-label="Risk, keep control" data-testid="risk-control">{keep}</td>
                                <td data-label="Risk, choose variant" data-testid="risk-variant">{choose}</td>
                            }
                        });
                        view! {
                            <tr data-arm=arm.key.clone()>
                                <th scope="row">{arm.name.clone()}</th>
                                <td data-label="Visitors" data-testid="arm-visitors">{arm.users}</td>
                                <td data-label="Conversions" data-testid="arm-conversions">{arm.conversions}</td>
                                <td data-label="Rate">{rate(arm.rate)}</td>
                                <td data-label="Lift">{lift}</td>
                                <td data-label="95 % interval">{interval}</td>
                                <td data-label=judged_label>{judged}</td>
                                {risks}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Each variant's lift and interval against zero, as an SVG forest plot.
#[component]
fn ForestPlot(variants: Vec<VariantReadout>) -> impl IntoView {
    let shown: Vec<&VariantReadout> = variants
        .iter()
        .filter(|v| v.ci_low.is_some() && v.ci_high.is_some() && v.lift.is_some())
        .collect();
    if shown.is_empty() {
        return ().into_any();
    }
    let extent = shown
        .iter()
        .flat_map(|v| {
            [
                v.ci_low.unwrap_or(0.0).abs(),
                v.ci_high.unwrap_or(0.0).abs(),
            ]
        })
        .fold(0.05f64, f64::max)
        .min(10.0)
        * 1.1;
    let (width, left, right, row) = (640.0, 140.0, 620.0, 36.0);
    let x = move |value: f64| {
        left + (value.clamp(-extent, extent) + extent) / (2.0 * extent) * (right - left)
    };
    let height = row * shown.len() as f64 + 30.0;
    let rows = shown
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let y = row * i as f64 + row / 2.0 + 4.0;
            let (lo, hi, mid) = (
                v.ci_low.unwrap_or(0.0),
                v.ci_high.unwrap_or(0.0),
                v.lift.unwrap_or(0.0),
            );
            view! {
                <text x="0" y=y + 4.0 class="forest__label">{v.name.clone()}</text>
                <line x1=x(lo) x2=x(hi) y1=y y2=y class="forest__ci" />
                <circle cx=x(mid) cy=y r="5" class="forest__point" />
            }
        })
        .collect_view();
    let axis_y = height - 22.0;
    let description = shown
        .iter()
        .map(|v| {
            format!(
                "{}: lift {} (interval {} to {})",
                v.name,
                pct(v.lift),
                pct(v.ci_low),
                pct(v.ci_high)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <figure class="forest">
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-label=format!("Lift over the control with 95 % intervals. {description}")>
                <line x1=x(0.0) x2=x(0.0) y1="0" y2=axis_y class="forest__zero" />
                {rows}
                <text x=x(-extent) y=height - 6.0 class="forest__tick">{pct(Some(-extent))}</text>
                <text x=x(0.0) y=height - 6.0 class="forest__tick" text-anchor="middle">"0"</text>
                <text x=x(extent) y=height - 6.0 class="forest__tick" text-anchor="end">{pct(Some(extent))}</text>
            </svg>
            <figcaption class="small muted">"Lift over the control: the dot is the estimate, the bar its 95 % interval; a bar crossing 0 means no clear difference."</figcaption>
        </figure>
    }
    .into_any()
}

#[component]
fn Variants(detail: ExperimentDetail) -> impl IntoView {
    let id = detail.summary.id.clone();
    let edit = detail.editable && detail.can_edit;
    let arms = detail.arms.clone();
    view! {
        <section class="panel" aria-labelledby="variants-title">
            <h2 id="variants-title">"Variants"</h2>
            <ul class="variant-list">
                {arms.iter().enumerate().map(|(i, arm)| view! {
                    <li data-testid="variant">
                        <strong>{arm.name.clone()}</strong>
                        {format!(" · {} % of visitors", arm.weight)}
                        " · "<a href=arm.preview_path.clone()>"Preview"<span class="visually-hidden">{format!(" {}", arm.name)}</span></a>
                        {(edit && i > 0).then(|| view! {
                            " · "<a href=format!("/admin/experiments/{}/variants/{}/edit", id, arm.key)>"Edit in the page builder"<span class="visually-hidden">{format!(" ({})", arm.name)}</span></a>
                        })}
                        {if i == 0 {
                            view! { <p class="small muted">"The published page."</p> }.into_any()
                        } else if arm.changes.is_empty() {
                            view! { <p class="small muted">"A copy of the page, unchanged so far."</p> }.into_any()
                        } else {
                            view! { <ul class="small">{arm.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul> }.into_any()
                        }}
                    </li>
                }).collect_view()}
            </ul>
            {edit.then(|| view! {
                <ArmsForm id=id.clone() arms=arms.iter().map(|a| (a.name.clone(), a.weight)).collect() />
                <VariantTextForm id=id.clone() detail=detail.clone() />
            })}
            {(!detail.editable).then(|| view! {
                <p class="small muted">"The variants are fixed once the experiment has started."</p>
            })}
        </section>
    }
}

#[component]
fn ArmsForm(id: String, arms: Vec<(String, u32)>) -> impl IntoView {
    let save = ServerAction::<SaveExperimentArms>::new();
    let value = save.value();
    let general = action_form_error(value);
    let problem = move |field: &'static str| field_problem(value, field);
    let rows = arms.len().max(2);
    let blank = (rows < MAX_ARMS).then_some(rows);
    view! {
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            <h3>"Names and weights"</h3>
            {move || general.get().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
            {problem("weights")}
            {problem("arms")}
            <input type="hidden" name="id" value=id />
            {arms.into_iter().enumerate().map(|(i, (name, weight))| view! {
                <div class="form__row">
                    <div class="field">
                        <label for=format!("arm-{i}-name")>{if i == 0 { "Control name".to_string() } else { format!("Variant {} name", i + 1) }}</label>
                        <input id=format!("arm-{i}-name") name=format!("arms[{i}][name]") value=name maxlength="60" />
                    </div>
                    <div class="field">
                        <label for=format!("arm-{i}-weight")>"Weight (%)"</label>
                        <input id=format!("arm-{i}-weight") name=format!("arms[{i}][weight]") value=weight.to_string() inputmode="numeric" />
                    </div>
                </div>
            }).collect_view()}
            {blank.map(|i| view! {
                <div class="form__row">
                    <div class="field">
                        <label for=format!("arm-{i}-name")>"Another variant (optional)"</label>
                        <input id=format!("arm-{i}-name") name=format!("arms[{i}][name]") maxlength="60" />
                    </div>
                    <div class="field">
                        <label for=format!("arm-{i}-weight")>"Weight (%)"</label>
                        <input id=format!("arm-{i}-weight") name=format!("arms[{i}][weight]") inputmode="numeric" />
                    </div>
                </div>
            })}
            <button type="submit" class="button">"Save names and weights"</button>
        </ActionForm>
    }
}

#[component]
fn VariantTextForm(id: String, detail: ExperimentDetail) -> impl IntoView {
    let set = ServerAction::<SetVariantText>::new();
    let value = set.value();
    let general = action_form_error(value);
    let problem = move |field: &'static str| field_problem(value, field);
    let variants: Vec<(String, String)> = detail
        .arms
        .iter()
        .skip(1)
        .map(|a| (a.key.clone(), a.name.clone()))
        .collect();
    view! {
        <ActionForm action=set attr:class="form" attr:novalidate=true>
            <h3>"Change a text in a variant"</h3>
            {move || general.get().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
            <input type="hidden" name="id" value=id />
            <div class="form__row">
                <div class="field">
                    <label for="variant-arm">"Variant"</label>
                    <select id="variant-arm" name="arm">
                        {variants.into_iter().map(|(key, name)| view! { <option value=key>{name}</option> }).collect_view()}
                    </select>
                    {problem("arm")}
                </div>
                <div class="field">
                    <label for="variant-block">"Text on the page"</label>
                    <select id="variant-block" name="block">
                        {detail.text_blocks.into_iter().map(|t| view! {
                            <option value=t.id>{format!("{}: {}", t.label, shorten(&t.text))}</option>
                        }).collect_view()}
                    </select>
                    {problem("block")}
                </div>
            </div>
            <div class="field">
                <label for="variant-text">"New text"</label>
                <input id="variant-text" name="text" maxlength="500" />
                {problem("text")}
            </div>
            <button type="submit" class="button">"Change the text"</button>
        </ActionForm>
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(59).collect::<String>())
    }
}
