//! Autosave: a moment after each change the draft is sent with the revision
//! it was based on. One save is in flight at a time; changes made meanwhile
//! are sent after it. A stale revision (someone saved elsewhere) stops
//! autosaving and says so, with a reload, instead of overwriting; a network
//! failure retries every few seconds. While changes are unsaved, leaving the
//! page asks first.

use super::state::Editor;
use crate::api::experiments::save_variant_document;
use crate::api::landing_pages::save_landing_page;
use crate::error::AppError;
use leptos::prelude::*;

/// Quiet time after a change before it is saved.
const SAVE_DELAY_MS: u64 = 800;
/// Wait before trying again after a failed save.
const RETRY_DELAY_MS: u64 = 5_000;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Saved,
    Unsaved,
    Saving,
    /// The page has problems the validator reports; not sent.
    Invalid(usize),
    /// The server refused the document: its messages.
    Refused(Vec<String>),
    Offline,
    /// Someone else saved since this copy was loaded.
    Stale(String),
}

impl SaveStatus {
    pub fn is_saved(&self) -> bool {
        matches!(self, SaveStatus::Saved)
    }
}

/// Where the document is saved: a page's draft, or a variant of an
/// experiment (`experiment` id and arm key).
#[derive(Debug, Clone, PartialEq)]
pub enum SaveTarget {
    Page(String),
    Variant { experiment: String, arm: String },
}

impl SaveTarget {
    async fn save(&self, revision: i64, json: String) -> Result<i64, AppError> {
        match self {
            SaveTarget::Page(id) => save_landing_page(id.clone(), revision, json).await,
            SaveTarget::Variant { experiment, arm } => {
                save_variant_document(experiment.clone(), arm.clone(), revision, json).await
            }
        }
    }
}

#[derive(Clone, Copy)]
pub struct Autosave {
    pub status: RwSignal<SaveStatus>,
    revision: StoredValue<i64>,
    in_flight: StoredValue<bool>,
}

impl Autosave {
    pub fn start(editor: Editor, target: SaveTarget, revision: i64) -> Autosave {
        let autosave = Autosave {
            status: RwSignal::new(SaveStatus::Saved),
            revision: StoredValue::new(revision),
            in_flight: StoredValue::new(false),
        };
        let target = StoredValue::new(target);
        Effect::new(move |previous: Option<()>| {
            let version = editor.changes.get();
            if previous.is_none() {
                return;
            }
            if matches!(autosave.status.get_untracked(), SaveStatus::Stale(_)) {
                return;
            }
            autosave.status.set(SaveStatus::Unsaved);
            set_timeout(
                move || {
                    if editor.changes.get_untracked() == version {
                        autosave.save(editor, target);
                    }
                },
                std::time::Duration::from_millis(SAVE_DELAY_MS),
            );
        });
        autosave
    }

    /// Sends the document as it is now, unless a save is already on its way
    /// (that one's completion sends again if needed).
    fn save(self, editor: Editor, target: StoredValue<SaveTarget>) {
        if self.in_flight.get_value() || matches!(self.status.get_untracked(), SaveStatus::Stale(_))
        {
            return;
        }
        let version = editor.changes.get_untracked();
        let problems = editor.problems_now();
        if problems > 0 {
            self.status.set(SaveStatus::Invalid(problems));
            return;
        }
        let json = editor
            .doc
            .with_untracked(|d| serde_json::to_string(d).unwrap_or_default());
        self.in_flight.set_value(true);
        self.status.set(SaveStatus::Saving);
        let revision = self.revision.get_value();
        let destination = target.get_value();
        leptos::task::spawn_local(async move {
            let answer = destination.save(revision, json).await;
            self.in_flight.set_value(false);
            match answer {
                Ok(new_revision) => {
                    self.revision.set_value(new_revision);
                    if editor.changes.get_untracked() == version {
                        self.status.set(SaveStatus::Saved);
                    } else {
                        self.status.set(SaveStatus::Unsaved);
                        self.save(editor, target);
                    }
                }
                Err(AppError::Conflict(problem)) if problem.field == "revision" => {
                    self.status.set(SaveStatus::Stale(problem.message));
                }
                Err(AppError::Conflict(problem)) => {
                    self.status.set(SaveStatus::Refused(vec![problem.message]));
                }
                Err(AppError::Invalid(problems)) => {
                    self.status.set(SaveStatus::Refused(
                        problems
                            .into_iter()
                            .map(|p| format!("{}: {}", p.field, p.message))
                            .collect(),
                    ));
                }
                Err(AppError::Unauthenticated) => {
                    self.status.set(SaveStatus::Refused(vec![
                        "Your session has ended. Log in again in another tab, then make any change here to save."
                            .to_string(),
                    ]));
                }
                Err(_) => {
                    self.status.set(SaveStatus::Offline);
                    set_timeout(
                        move || self.save(editor, target),
                        std::time::Duration::from_millis(RETRY_DELAY_MS),
                    );
                }
            }
        });
    }
}

/// The status line next to the toolbar.
#[component]
pub fn SaveStatusView(autosave: Autosave) -> impl IntoView {
    let text = move || match autosave.status.get() {
        SaveStatus::Saved => "All changes saved".to_string(),
        SaveStatus::Unsaved => "Unsaved changes".to_string(),
        SaveStatus::Saving => "Saving…".to_string(),
        SaveStatus::Invalid(n) => format!(
            "Not saved: {} to fix (marked in red)",
            crate::domain::plural::plural(n as i64, "problem", "problems")
        ),
        SaveStatus::Refused(_) => "Not saved: the server refused the page".to_string(),
        SaveStatus::Offline => "Offline — will retry".to_string(),
        SaveStatus::Stale(_) => "Not saved: this page changed elsewhere".to_string(),
    };
    let class = move || {
        let tone = match autosave.status.get() {
            SaveStatus::Saved => "ok",
            SaveStatus::Unsaved | SaveStatus::Saving => "muted",
            _ => "error",
        };
        format!("pb-status pb-status--{tone}")
    };
    let details = move || {
        match autosave.status.get() {
        SaveStatus::Stale(message) => Some(
            view! {
                <div class="alert alert--error pb-stale" role="alert">
                    <p>{message}</p>
                    <button type="button" class="button button--small button--primary" on:click=move |_| reload()>"Reload the page"</button>
                </div>
            }
            .into_any(),
        ),
        SaveStatus::Refused(messages) => Some(
            view! {
                <div class="alert alert--error" role="alert">
                    <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    }
    };
    view! {
        <p class=class role="status" data-testid="save-status">{text}</p>
        {details}
    }
}

fn reload() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
