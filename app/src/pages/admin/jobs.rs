//! `/admin/jobs`: the durable job queue: what waits, what
//! ran, what gave up and why, with retry and cancel. Plain forms, so it
//! works without JavaScript; each action comes back to this page.

use crate::api::jobs::{list_jobs, CancelJob, RetryJob};
use crate::components::admin_page::AdminPage;
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::domain::dates::date_time;
use crate::domain::jobs::JobState;
use crate::domain::plural::plural;
use crate::model::jobs::{JobSummary, JobsOverview};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub fn JobsPage() -> impl IntoView {
    let state = use_query_map().with_untracked(|q| q.get("state").unwrap_or_default());
    let shown = JobState::parse(&state);
    let jobs = Resource::new_blocking(move || state.clone(), list_jobs);
    view! {
        <AdminPage section=AdminSection::Jobs>
            <h1>"Jobs"</h1>
            <p class="muted">"Work done after the request that caused it: emails, follow-ups, webhook deliveries (Slack and HubSpot among them) and the periodic checks. Failed jobs are tried again with growing waits and given up after a day."</p>
            <Loaded resource=jobs render=move |overview| view! { <JobsList overview shown /> } />
        </AdminPage>
    }
}

#[component]
fn JobsList(overview: JobsOverview, shown: Option<JobState>) -> impl IntoView {
    let count_of = |state: JobState| {
        overview
            .counts
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| *n)
    };
    let total = overview.listed_total;
    let filter_link = move |state: Option<JobState>, label: String| {
        let href = state.map_or("/admin/jobs".to_string(), |s| {
            format!("/admin/jobs?state={}", s.as_str())
        });
        view! {
            <li>
                <a href=href aria-current=(state == shown).then_some("page")
                    class="chip" class:chip--current=state == shown>{label}</a>
            </li>
        }
    };
    view! {
        {(!overview.mail_configured).then(|| view! {
            <p class="alert" role="status">
                "No mail server is configured (CE_SMTP_URL), so emails wait here unsent, and go out once one is."
            </p>
        })}
        <nav aria-label="Show jobs">
            <ul class="chip-list chip-list--start">
                {filter_link(None, format!("All ({total})"))}
                {JobState::ALL.into_iter().map(|s| filter_link(Some(s), format!("{} ({})", s.label(), count_of(s)))).collect_view()}
            </ul>
        </nav>
        {if overview.jobs.is_empty() {
            view! { <p class="empty">"No jobs here."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table table--cards table--fit">
                        <caption class="visually-hidden">"Jobs, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Job"</th>
                                <th scope="col">"State"</th>
                                <th scope="col">"Attempts"</th>
                                <th scope="col">"When"</th>
                                <th scope="col">"Last error"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {overview.jobs.into_iter().map(|job| view! { <JobRow job /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn JobRow(job: JobSummary) -> impl IntoView {
    let badge = match job.state {
        JobState::Done => "badge badge--ok",
        JobState::Dead => "badge badge--warn",
        JobState::Queued | JobState::Running => "badge",
        JobState::Cancelled => "badge badge--muted",
    };
    let when = match (job.state, job.finished_at_ms) {
        (JobState::Queued, _) => format!("Next try {}", date_time(job.run_at_ms)),
        (_, Some(done)) => format!("Finished {}", date_time(done)),
        _ => format!("Started {}", date_time(job.run_at_ms)),
    };
    let id = job.id.clone();
    view! {
        <tr data-testid="job-row">
            <th scope="row">
                {job.kind.label()}
                <span class="table__sub">{job.subject.clone()}</span>
            </th>
            <td data-label="State"><span class=badge>{job.state.label()}</span></td>
            <td data-label="Attempts">{plural(job.attempts, "attempt", "attempts")}</td>
            <td data-label="When" class="small">{when}</td>
            <td data-label="Last error" class="small">{if job.last_error.is_empty() { "—".to_string() } else { job.last_error.clone() }}</td>
            <td data-label="Actions">
                <div class="row-actions">
                    {job.state.may_retry().then(|| view! {
                        <form method="post" action=RetryJob::PATH class="inline-form">
                            <input type="hidden" name="id" value=id.clone() />
                            <button type="submit" class="button button--small">"Retry"</button>
                        </form>
                    })}
                    {job.state.may_cancel().then(|| view! {
                        <form method="post" action=CancelJob::PATH class="inline-form"
                            data-confirm="Cancel this job? It will not run.">
                            <input type="hidden" name="id" value=id.clone() />
                            <button type="submit" class="button button--small button--ghost">"Cancel"</button>
                        </form>
                    })}
                </div>
            </td>
        </tr>
    }
}
