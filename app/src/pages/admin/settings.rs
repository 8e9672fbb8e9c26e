use crate::api::lead_settings::{load_lead_settings, SaveScoringSettings};
use crate::components::admin_page::AdminPage;
use crate::components::fields::{action_field_message, TextField};
use crate::components::hydration::use_hydrated;
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::domain::lead_fields::{Challenge, OTHER_INDUSTRY};
use crate::domain::lead_score::ScoringForm;
use crate::model::lead_settings::LeadSettingsData;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Admin settings: lead scoring (weights and tier thresholds) and a routing
/// preview that shows who would get a lead, without creating one.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let (industry, challenge) = use_query_map().with_untracked(|q| {
        (
            q.get("preview_industry").unwrap_or_default(),
            q.get("preview_challenge").unwrap_or_default(),
        )
    });
    let data = Resource::new_blocking(
        move || (industry.clone(), challenge.clone()),
        |(i, c)| load_lead_settings(i, c),
    );
    view! {
        <AdminPage section=AdminSection::Settings>
            <h1>"Settings"</h1>
            <Loaded resource=data render=|data| view! { <SettingsView data /> } />
        </AdminPage>
    }
}

#[component]
fn SettingsView(data: LeadSettingsData) -> impl IntoView {
    let industry = data.preview_industry.clone();
    let challenge = data.preview_challenge.clone();
    view! {
        <section class="panel" aria-labelledby="scoring-title">
            <h2 id="scoring-title">"Lead scoring"</h2>
            <p class="muted">
                "Each factor gives a lead up to its maximum points: fit factors for how well the business matches our work, "
                "engagement factors for what they did on the site. The maximums must add up to 100; a lead's tier follows "
                "from its score. Saving re-scores every open lead."
            </p>
            <ScoringSettingsForm form=data.form />
        </section>
        <section class="panel" aria-labelledby="preview-title">
            <h2 id="preview-title">"Routing preview"</h2>
            <p class="muted">"Who would get a lead like this? Nothing is created."</p>
            <form method="get" action="/admin/settings" class="filters">
                <div class="field">
                    <label for="pv-industry">"Industry"</label>
                    <select id="pv-industry" name="preview_industry">
                        {data.industries.iter().map(|i| view! {
                            <option value=i.sic_code.clone() selected=i.sic_code == industry>{i.name.clone()}</option>
                        }).collect_view()}
                        <option value=OTHER_INDUSTRY selected=industry == OTHER_INDUSTRY>"Another industry"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="pv-challenge">"Challenge"</label>
                    <select id="pv-challenge" name="preview_challenge">
                        {Challenge::ALL.iter().map(|c| view! {
                            <option value=c.as_str() selected=c.as_str() == challenge>{c.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="filters__actions"><button type="submit" class="button button--primary">"Preview"</button></div>
            </form>
            {match data.preview {
                None => ().into_any(),
                Some(Err(message)) => view! { <p class="alert alert--error" role="alert">{message}</p> }.into_any(),
                Some(Ok(matches)) => view! {
                    <ol class="matches" data-testid="routing-preview">
                        {matches.into_iter().map(|m| view! {
                            <li>
                                <strong>{m.name.clone()}</strong>
                                {format!(" — match {} / 100{}", m.score, if m.available { "" } else { " (not available)" })}
                                <ul class="small">{m.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
    }
}

// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
fn ScoringSettingsForm(form: ScoringForm) -> impl IntoView {
    let save = ServerAction::<SaveScoringSettings>::new();
    let hydrated = use_hydrated();
    let error = move |field| action_field_message(save.value(), field);
    let saved = move || save.value().get().and_then(Result::ok);
    // The factor maximums as typed, for the running total.
    let typed = RwSignal::new(form.clone());
    let field = move |name: &'static str, label: &'static str, value: String| {
        let on_input = Callback::new(move |text: String| {
            typed.update(|f| match name {
                "revenue" => f.revenue = text,
                "company_size" => f.company_size = text,
                "decision_authority" => f.decision_authority = text,
                "timeline" => f.timeline = text,
                "budget" => f.budget = text,
                "industry_results" => f.industry_results = text,
                "case_studies_viewed" => f.case_studies_viewed = text,
                "calculator_used" => f.calculator_used = text,
                "time_on_site" => f.time_on_site = text,
                "forms_submitted" => f.forms_submitted = text,
                _ => {}
            })
        });
        view! { <TextField id_prefix="sc" name label value message=error(name) on_input /> }
    };
    let running_total = move || {
        typed.with(|f| f.running_total()).map_or_else(
            || "Total: enter a number of points in every factor.".to_string(),
            |(_, text)| text,
        )
    };
    let total_error = error("total");
    view! {
        <ActionForm action=save attr:class="form form--grid" attr:data-hydrated=move || hydrated.get().to_string()>
            {move || saved().map(|n| view! {
                <p class="alert alert--success" role="status">{format!("Saved. {} changed score or tier.", crate::domain::plural::plural(n, "open lead", "open leads"))}</p>
            })}
            {move || total_error.get().map(|m| view! { <p class="alert alert--error" role="alert">{m}</p> })}
            <fieldset class="editor__group">
                <legend>"Fit"</legend>
                {field("revenue", "Annual revenue", form.revenue.clone())}
                {field("company_size", "Company size", form.company_size.clone())}
                {field("decision_authority", "Decision authority", form.decision_authority.clone())}
                {field("timeline", "Timeline", form.timeline.clone())}
                {field("budget", "Budget", form.budget.clone())}
                {field("industry_results", "Industry we have results in", form.industry_results.clone())}
            </fieldset>
            <fieldset class="editor__group">
                <legend>"Engagement"</legend>
                {field("case_studies_viewed", "Case studies read", form.case_studies_viewed.clone())}
                {field("calculator_used", "ROI calculator used", form.calculator_used.clone())}
                {field("time_on_site", "Time on site", form.time_on_site.clone())}
                {field("forms_submitted", "Forms sent", form.forms_submitted.clone())}
            </fieldset>
            <p class="scoring-total" role="status" aria-live="polite" data-testid="scoring-total">{running_total}</p>
            <fieldset class="editor__group">
                <legend>"Tiers"</legend>
                {field("tier1_min", "Tier 1 from score", form.tier1_min.clone())}
                {field("tier2_min", "Tier 2 from score", form.tier2_min.clone())}
            </fieldset>
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || save.pending().get()>"Save and re-score"</button>
            </div>
        </ActionForm>
    }
}
