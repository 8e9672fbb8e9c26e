use super::fields::{options, FormState, LeadHidden, LeadSelect, LeadText, LeadTextArea};
use crate::api::leads::CaptureLead;
use crate::components::hydration::{typed_values, use_hydrated};
use crate::components::view_erasure::erased_on_server;
use crate::domain::lead_fields::{
    BudgetRange, Challenge, DecisionAuthority, EmployeeRange, RevenueRange, Timeline,
    OTHER_INDUSTRY,
};
use crate::domain::lead_form::STEP_ONE_FIELDS;
use crate::domain::lead_form::{LeadForm, CONSENT_WORDING};
use crate::model::leads::LeadFormData;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A titled section holding the inline lead form (anchor `#lead-form`).
#[component]
pub fn LeadCaptureSection(
    title: &'static str,
    data: LeadFormData,
    return_to: String,
) -> impl IntoView {
    view! {
        <section class="section section--tint" id="lead-form" aria-labelledby="lead-form-title">
            <div class="container narrow">
                <h2 id="lead-form-title" class="section__title">{title}</h2>
                <p>"Tell us where you are and a consultant who knows your industry will get back to you."</p>
                <LeadCapture data return_to variant="inline".to_string() />
            </div>
        </section>
    }
}

/// The lead form. Two short steps once JavaScript runs (the second opens when
/// the first checks out), one page of fields without it; the same rules check
/// every field in the browser (WASM) and on the server, with messages next to
/// the fields. `variant` "modal" shows a button that opens the form in a
/// dialog (a link to the contact page without JavaScript).
///
/// A form that checks out posts as it would without JavaScript: the server
/// answers with the thank-you page, or (for what only it can check: spam,
/// limits) with the form again at `return_to`, holding what was typed and
/// its messages. Sending it from here through a server call would bring the
/// server-function client into the bundle, about a quarter of it
/// (docs/performance.md).
///
/// It hydrates when the visitor first points at it, touches it or moves
/// focus into it (`data-hydrate="on-interaction"`, see
/// components/island_script.js), not while they only read the page.
#[cfg_attr(any(feature = "ssr", feature = "island-lead-form"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "island-lead-form")), component)]
pub fn LeadCapture(data: LeadFormData, return_to: String, variant: String) -> impl IntoView {
    let hydrated = use_hydrated();
    let return_to = StoredValue::new(return_to);
    let LeadFormData {
        industries,
        form,
        errors: server_errors,
    } = data;
    let industries = StoredValue::new(industries);
    let form = RwSignal::new(form);
    let prefix = StoredValue::new(format!("lead-{variant}"));
    let is_modal = variant == "modal";
    let open = RwSignal::new(!is_modal);
    // Which steps' messages are shown: after "Continue"/"Send", or when the
    // server sent the form back with errors.
    let show_step_one = RwSignal::new(!server_errors.is_empty());
    let show_all = RwSignal::new(!server_errors.is_empty());
    let step_two_open = RwSignal::new(!server_errors.is_empty());
    let server_messages: Vec<(String, String)> = server_errors
        .into_iter()
        .map(|e| (e.field, e.message))
        .collect();
    let server_messages = StoredValue::new(server_messages);
    let parsed =
        Memo::new(move |_| industries.with_value(|inds| form.with(|f| f.parse(inds).map(|_| ()))));
    let shown_errors = Signal::derive(move || {
        let mut shown: Vec<(String, String)> = match parsed.get() {
            Ok(()) => Vec::new(),
            Err(errors) if show_all.get() => errors,
            Err(errors) if show_step_one.get() => errors
                .into_iter()
                .filter(|(f, _)| STEP_ONE_FIELDS.contains(&f.as_str()))
                .collect(),
            Err(_) => Vec::new(),
        };
        // Server-only findings (spam checks, limits) stay until the next send.
        server_messages.with_value(|messages| {
            for (field, message) in messages {
                if !shown.iter().any(|(f, _)| f == field) {
                    shown.push((field.clone(), message.clone()));
                }
            }
        });
        shown
    });
    let state = FormState {
        form,
        shown_errors,
        prefix,
    };
    provide_context(state);

    // What the visitor typed, chose or opened before hydration wins over the
    // rendered form (the shell script opens step two for an early "Continue").
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let step_two_ref = NodeRef::<leptos::html::Fieldset>::new();
    Effect::new(move |_| {
        let typed = typed_values(&form_ref);
        if !typed.is_empty() {
            form.update(|f| {
                for (field, value) in &typed {
                    if f.get(field) != Some(value.as_str()) {
                        f.set(field, value.clone());
                    }
                }
                if !typed.iter().any(|(field, _)| field == "consent_marketing") {
                    f.consent_marketing = String::new();
                }
            });
        }
        let opened_early = step_two_ref
            .get_untracked()
            .is_some_and(|step| step.class_list().contains("is-open"));
        if opened_early {
            show_step_one.set(true);
            step_two_open.set(true);
        }
    });

    let general = move || {
        server_messages.with_value(|m| {
            m.iter()
                .find(|(f, _)| f == "form")
                .map(|(_, msg)| msg.clone())
        })
    };
    let invalid_count =
        move || shown_errors.with(|e| e.iter().filter(|(f, _)| f != "form").count());

    let continue_to_step_two = move |_| {
        show_step_one.set(true);
        let step_one_ok =
            industries.with_value(|inds| form.with_untracked(|f| f.parse_step_one(inds).is_ok()));
        if step_one_ok {
            step_two_open.set(true);
        }
    };
    // A form with a mistake stays, with its messages; one that checks out
    // goes to the server as a plain post.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if parsed.get_untracked().is_err() {
            ev.prevent_default();
            show_all.set(true);
            step_two_open.set(true);
        }
    };

    let industry_options = industries.with_value(|inds| {
        let mut options: Vec<(String, String)> = inds
            .iter()
            .map(|i| (i.sic_code.clone(), i.name.clone()))
            .collect();
        options.push((OTHER_INDUSTRY.to_string(), "Other".to_string()));
        options
    });
    let other_industry = move || form.with(|f| f.industry == OTHER_INDUSTRY);
    let step_two_visible = move || !hydrated.get() || step_two_open.get();
    // Open from the first paint when the server sent the form back with
    // messages: the CSS hides a closed later step until the island hydrates,
    // which waits for the visitor (the class is static, so hydration leaves
    // the shell script's own `is-open` alone).
    let later_step_class = if step_two_open.get_untracked() {
        "lead-form__step lead-form__step--later is-open"
    } else {
        "lead-form__step lead-form__step--later"
    };
    let id = move |name: &str| state.id(name);

    let form_view = view! {
        <form class="form lead-form" method="post" action=CaptureLead::PATH node_ref=form_ref novalidate=move || hydrated.get()
            data-hydrated=move || hydrated.get().to_string() on:submit=submit>
            <input type="hidden" name="return_to" value=return_to.get_value() />
            {move || (invalid_count() > 0).then(|| view! {
                <p class="alert alert--error" role="alert">
                    {format!("Please check the {}; nothing you typed has been lost.", crate::components::fields::highlighted_fields(invalid_count()))}
                </p>
            })}
            {move || general().map(|m| view! { <p class="alert alert--error" role="alert">{m}</p> })}
            <fieldset class="lead-form__step">
                <legend class="lead-form__legend">"About you"</legend>
                <LeadText name="email" label="Work email" kind="email" autocomplete="email" required=true />
                <div class="lead-form__row">
                    <LeadText name="first_name" label="First name" autocomplete="given-name" />
                    <LeadText name="company_name" label="Company" autocomplete="organization" />
                </div>
                <LeadSelect name="industry" label="Industry" options=industry_options required=true />
                <div hidden=move || !other_industry()>
                    <LeadText name="industry_other" label="Your industry" />
                </div>
                <LeadSelect name="primary_challenge" label="What do you most want to improve?"
                    options=options(Challenge::ALL, Challenge::as_str, Challenge::label) required=true />
                // Shown only where scripts run (CSS); before hydration the
                // shell script opens step two, after it the island checks step one.
                <button type="button" class="button button--primary lead-form__continue" data-reveal-step=""
                    hidden=move || step_two_open.get()
                    on:click=continue_to_step_two>"Continue"</button>
            </fieldset>
            <fieldset class=later_step_class node_ref=step_two_ref hidden=move || !step_two_visible()>
                <legend class="lead-form__legend">"About your business"</legend>
                <div class="lead-form__row">
                    <LeadSelect name="annual_revenue_range" label="Annual revenue"
                        options=options(RevenueRange::ALL, RevenueRange::as_str, RevenueRange::label) required=true />
                    <LeadSelect name="company_size_range" label="Company size"
                        options=options(EmployeeRange::ALL, EmployeeRange::as_str, EmployeeRange::label) required=true />
                </div>
                <div class="lead-form__row">
                    <LeadSelect name="timeline" label="When would you like to start?"
                        options=options(Timeline::ALL, Timeline::as_str, Timeline::label) required=true />
                    <LeadSelect name="decision_making_authority" label="Your part in the decision"
                        options=options(DecisionAuthority::ALL, DecisionAuthority::as_str, DecisionAuthority::label) required=true />
                </div>
                <LeadSelect name="budget_range" label="Budget in mind (optional)"
                    options=options(BudgetRange::ALL, BudgetRange::as_str, BudgetRange::label) />
                <LeadTextArea name="challenge_description" label="Anything we should know? (optional)"
                    hint="The decision you face, what you've tried, what a good result would be." />
                <div class="lead-form__row">
                    <LeadText name="last_name" label="Last name (optional)" autocomplete="family-name" />
                    <LeadText name="job_title" label="Job title (optional)" autocomplete="organization-title" />
                </div>
                <div class="lead-form__row">
                    <LeadText name="phone" label="Phone (optional)" kind="tel" autocomplete="tel" />
                    <LeadText name="number_of_locations" label="Locations (optional)" />
                </div>
                <div class="field field--checkbox">
                    <label class="checkbox">
                        <input type="checkbox" name="input[consent_marketing]" value="true" id=id("consent")
                            checked=form.with_untracked(|f| f.consent_marketing == "true" || f.consent_marketing == "on")
                            on:change=move |ev| form.update(|f| f.consent_marketing = if event_target_checked(&ev) { "true".into() } else { String::new() }) />
                        {CONSENT_WORDING}
                    </label>
                </div>
                <p class="small muted">
                    "We use your answers only to reply to you and to prepare the conversation. We also link your enquiry to the case studies "
                    "you read and the estimates you made on this site, through a first-party cookie (never shared). "
                    <a href="/privacy">"Privacy notice"</a>
                </p>
                <button type="submit" class="button button--primary">"Get expert help"</button>
            </fieldset>
            <div class="visually-hidden" aria-hidden="true">
                <label for=id("fax")>"Fax number (leave empty)"</label>
                <input id=id("fax") type="text" name="input[fax_number]" tabindex="-1" autocomplete="off" value="" />
            </div>
            <LeadHidden name="source" />
            <LeadHidden name="source_detail" />
            <LeadHidden name="utm_source" />
            <LeadHidden name="utm_medium" />
            <LeadHidden name="utm_campaign" />
            <LeadHidden name="roi_calculation_id" />
            <LeadHidden name="case_studies_viewed" />
        </form>
    };
    let content = form_view;
    erased_on_server(if is_modal {
        Either::Right(in_dialog(
            content,
            form,
            open,
            hydrated,
            format!("{}-title", prefix.get_value()),
        ))
    } else {
        Either::Left(
            view! { <div class="lead-capture" data-hydrate="on-interaction">{content}</div> },
        )
    })
}

/// The form behind a "Talk to a consultant" button, in a dialog (the case
/// studies' variant).
fn in_dialog(
    content: impl IntoView + 'static,
    form: RwSignal<LeadForm>,
    open: RwSignal<bool>,
    hydrated: ReadSignal<bool>,
    title_id: String,
) -> impl IntoView {
    let labelled_by = title_id.clone();
    let contact_href = form.with_untracked(|f| {
        format!(
            "/contact?source={}&source_detail={}",
            crate::domain::lead_form::percent_encode(&f.source),
            crate::domain::lead_form::percent_encode(&f.source_detail)
        )
    });
    // A native modal <dialog>: the browser keeps focus inside it and makes
    // the page behind inert, Escape closes it, and closing returns focus to
    // the button that opened it. The page behind does not scroll (CSS).
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog_ref.get() else {
            return;
        };
        if open.get() && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !open.get() && dialog.open() {
            dialog.close();
        }
    });
    view! {
        <div class="lead-capture lead-capture--modal" data-hydrate="on-interaction" data-hydrated=move || hydrated.get().to_string()>
            <a class="button button--primary" href=contact_href aria-haspopup="dialog"
                on:click=move |ev| { ev.prevent_default(); open.set(true); }>"Talk to a consultant"</a>
            <dialog class="dialog" aria-labelledby=labelled_by node_ref=dialog_ref
                on:close=move |_| open.set(false)
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Tab" {
                        if let Some(dialog) = dialog_ref.get() {
                            keep_tab_inside(&dialog, &ev);
                        }
                    }
                }
                // A click on the backdrop lands on the <dialog> itself.
                on:click=move |ev| {
                    let on_backdrop = ev.target().zip(dialog_ref.get()).is_some_and(|(target, dialog)| {
                        let target: &leptos::wasm_bindgen::JsValue = target.as_ref();
                        let dialog: &leptos::wasm_bindgen::JsValue = dialog.as_ref();
                        target == dialog
                    });
                    if on_backdrop {
                        open.set(false);
                    }
                }>
                <div class="dialog__body">
                    <div class="dialog__header">
                        <h2 id=title_id class="dialog__title">"Talk to a consultant"</h2>
                        <button type="button" class="button button--ghost dialog__close" aria-label="Close"
                            on:click=move |_| open.set(false)>"✕"</button>
                    </div>
                    {content}
                </div>
            </dialog>
        </div>
    }
}

/// Tab from the dialog's last control goes to its first, Shift+Tab from the
/// first to the last: a modal <dialog> keeps focus off the page behind, but
/// the browser would still let it leave for its own toolbar.
fn keep_tab_inside(dialog: &leptos::web_sys::HtmlDialogElement, ev: &leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        const FOCUSABLE: &str =
            "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), \
             select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";
        let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
            return;
        };
        let controls: Vec<leptos::web_sys::HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<leptos::web_sys::HtmlElement>().ok())
            // Hidden (a closed step, the honeypot) has no offset parent.
            .filter(|el| el.offset_parent().is_some() && el.tab_index() >= 0)
            .collect();
        let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
            return;
        };
        let active = leptos::prelude::document().active_element();
        let at = |el: &leptos::web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == el.unchecked_ref::<leptos::web_sys::Element>())
        };
        if ev.shift_key() && (at(first) || !controls.iter().any(at)) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (dialog, ev);
}
