use crate::api::lead_workspace::{
    load_lead, AddLeadNote, ReassignLead, SetLeadStatus, SetLeadValues, UndoLeadStatus,
};
use crate::components::admin_page::AdminPage;
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::domain::dates::date_time;
use crate::model::lead_workspace::LeadDetail;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

#[component]
pub fn LeadDetailPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let lead = Resource::new_blocking(move || id.clone(), load_lead);
    view! {
        <AdminPage section=AdminSection::Leads>
            <p class="breadcrumb"><a href="/admin/leads">"Leads"</a></p>
            <Loaded resource=lead render=move |lead| view! { <LeadView lead /> } />
        </AdminPage>
    }
}

/// Each change is a plain form posting to its server function; the browser
/// comes back to this page, which shows the new state and timeline.
#[component]
fn LeadView(lead: LeadDetail) -> impl IntoView {
    let id = lead.id.clone();
    let hidden_id = move || view! { <input type="hidden" name="id" value=id.clone() /> };
    view! {
        <div class="admin-head">
            <h1>{lead.name.clone()}</h1>
            <p><span class="badge badge--accent" data-testid="lead-tier">{lead.tier.clone()}</span>" "
               <strong data-testid="lead-score">{format!("{} / 100", lead.score)}</strong>" · "
               <span data-testid="lead-status">{lead.status.label()}</span></p>
        </div>
        <div class="lead-detail">
            <section class="panel" aria-labelledby="why-score">
                <h2 id="why-score">"Why this score"</h2>
                <table class="table table--compact" data-testid="score-breakdown">
                    <thead><tr><th scope="col">"Factor"</th><th scope="col">"Points"</th><th scope="col">"Because"</th></tr></thead>
                    <tbody>
                        {lead.breakdown.iter().map(|f| view! {
                            <tr>
                                <th scope="row">{f.label.clone()}<br /><span class="muted small">{f.group.clone()}</span></th>
                                <td>{format!("{:.1} / {:.0}", f.points, f.max)}</td>
                                <td>{f.reason.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>

            <section class="panel" aria-labelledby="lead-status-title">
                <h2 id="lead-status-title">"Status"</h2>
                <ol class="status-steps">
                    {lead.status_dates.iter().map(|(label, at)| view! { <li>{format!("{label}: {}", date_time(*at))}</li> }).collect_view()}
                </ol>
                {lead.undo_to.map(|back_to| view! {
                    <form method="post" action=UndoLeadStatus::PATH class="inline-form">
                        {hidden_id()}
                        <button type="submit" class="button button--small button--ghost" data-testid="undo-status">
                            {format!("Undo: back to {}", back_to.label())}
                        </button>
                    </form>
                })}
                {(!lead.next_statuses.is_empty()).then(|| view! {
                    <form method="post" action=SetLeadStatus::PATH class="form form--compact">
                        {hidden_id()}
                        <div class="field">
                            <label for="lead-next-status">"Move to"</label>
                            <select id="lead-next-status" name="status">
                                {lead.next_statuses.iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="lead-status-note">"Note (optional)"</label>
                            <input id="lead-status-note" name="note" type="text" />
                        </div>
                        <button type="submit" class="button button--primary">"Update status"</button>
                    </form>
                })}
                <h3>"Value"</h3>
                <form method="post" action=SetLeadValues::PATH class="form form--compact">
                    {hidden_id()}
                    <div class="field">
                        <label for="lead-est">"Estimated project value (£)"</label>
                        <input id="lead-est" name="estimated_value" type="text" inputmode="decimal"
                            value=lead.estimated_value.map(|v| format!("{v:.0}")).unwrap_or_default() />
                    </div>
                    <div class="field">
                        <label for="lead-actual">"Actual project value (£)"</label>
                        <input id="lead-actual" name="actual_value" type="text" inputmode="decimal"
                            value=lead.actual_value.map(|v| format!("{v:.0}")).unwrap_or_default() />
                    </div>
                    <button type="submit" class="button">"Save values"</button>
                </form>
            </section>

            <section class="panel" aria-labelledby="lead-facts">
                <h2 id="lead-facts">"Details"</h2>
                <dl class="kv-list">
                    {lead.facts.iter().map(|fact| view! {
                        <div>
                            <dt>{fact.label.clone()}</dt>
                            <dd>{match fact.href.clone() {
                                Some(href) => view! { <a href=href>{fact.value.clone()}</a> }.into_any(),
                                None => fact.value.clone().into_any(),
                            }}</dd>
                        </div>
                    }).collect_view()}
                </dl>
                {lead.roi_summary.clone().map(|s| view! {
                    <p>"ROI estimate: " <a href=format!("/roi-calculator/r/{}", lead.roi_calculation_id.clone().unwrap_or_default())>{s}</a></p>
                })}
                {(!lead.case_studies_viewed.is_empty()).then(|| view! {
                    <h3>"Case studies read"</h3>
                    <ul>{lead.case_studies_viewed.iter().map(|slug| view! {
                        <li><a href=format!("/case-studies/{slug}")>{slug.clone()}</a></li>
                    }).collect_view()}</ul>
                })}
            </section>

            <section class="panel" aria-labelledby="lead-routing">
                <h2 id="lead-routing">"Consultant"</h2>
                <p data-testid="lead-consultant">{lead.consultant_name.clone().unwrap_or_else(|| "Not assigned".to_string())}</p>
                {(!lead.matches.is_empty()).then(|| view! {
                    <details>
                        <summary>"Why this consultant, and the alternatives"</summary>
                        <ol class="matches">
                            {lead.matches.iter().map(|m| view! {
                                <li>
                                    <strong>{m.name.clone()}</strong>{format!(" — match {} / 100", m.score)}
                                    <ul class="small">{m.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                                </li>
                            }).collect_view()}
                        </ol>
                    </details>
                })}
                {lead.is_admin.then(|| view! {
                    <form method="post" action=ReassignLead::PATH class="form form--compact">
                        {hidden_id()}
                        <div class="field">
                            <label for="lead-reassign">"Reassign to"</label>
                            <select id="lead-reassign" name="consultant_id">
                                {lead.consultants.iter().map(|(cid, name)| view! {
                                    <option value=cid.clone() selected=lead.consultant_id.as_deref() == Some(cid.as_str())>{name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="button">"Reassign"</button>
                    </form>
                })}
            </section>

            <section class="panel panel--wide" aria-labelledby="lead-timeline">
                <h2 id="lead-timeline">"Timeline"</h2>
                <form method="post" action=AddLeadNote::PATH class="form form--compact">
                    {hidden_id()}
                    <div class="field">
                        <label for="lead-note">"Add a note"</label>
                        <textarea id="lead-note" name="note" rows="3"></textarea>
                    </div>
                    <button type="submit" class="button">"Add note"</button>
                </form>
                <ol class="timeline" data-testid="timeline">
                    {lead.timeline.iter().map(|t| view! {
                        <li class=format!("timeline__item timeline__item--{}", t.kind)>
                            <span class="muted small">{date_time(t.occurred_at)}{t.actor.clone().map(|a| format!(" · {a}"))}</span>
                            <p>{t.detail.clone()}</p>
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        </div>
    }
}
