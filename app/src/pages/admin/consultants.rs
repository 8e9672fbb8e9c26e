use crate::api::consultant_admin::{
    load_consultant_editor, load_consultants_overview, CreateConsultantProfile,
    DeleteConsultantProfile, LinkConsultantAccount, SaveConsultantProfile, SetConsultantActive,
};
use crate::components::admin_page::AdminPage;
use crate::components::fields::{
    action_field_message, action_form_error, aria_invalid, FieldMessage, SelectField, TagsField,
    TextArea, TextField,
};
use crate::components::hydration::use_hydrated;
use crate::components::image_field::ImageField;
use crate::components::list_controls::{list_query_from_url, ListFilters, Pagination};
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::domain::consultant_form::CONTACT_METHODS;
use crate::domain::gallery_query::ParamError;
use crate::domain::lead_fields::IndustryRef;
use crate::domain::list_filters::{ConsultantListQuery, ProfileState};
use crate::domain::list_query::count_words;
use crate::domain::media::ImageKind;
use crate::domain::showcase::compact_money;
use crate::model::consultant_admin::{
    ConsultantEditorData, ConsultantListItem, ConsultantsOverview,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConsultantsAdminPage() -> impl IntoView {
    let (query, errors, args) = list_query_from_url::<ProfileState>();
    // Whether the viewer is an admin comes with the data: the page's own
    // context does not hold the user yet (AdminPage provides it to children).
    let overview = Resource::new_blocking(
        move || args.clone(),
        |[q, status, page]| load_consultants_overview(q, status, page),
    );
    let query = StoredValue::new(query);
    let errors = StoredValue::new(errors);
    view! {
        <AdminPage section=AdminSection::Consultants>
            <h1>"Consultant profiles"</h1>
            <p class="muted">"What prospects see on the consultants pages. Consultants can edit their own profile."</p>
            <Loaded resource=overview render=move |overview| view! {
                <ProfileList overview query=query.get_value() errors=errors.get_value() />
            } />
        </AdminPage>
    }
}

/// Admins: the new-profile form, search and filter, the profiles and pages.
/// Consultants: their own profile.
#[component]
fn ProfileList(
    overview: ConsultantsOverview,
    query: ConsultantListQuery,
    errors: Vec<ParamError>,
) -> impl IntoView {
    let ConsultantsOverview {
        profiles,
        total,
        page,
        pages,
        linkable_accounts,
    } = overview;
    let is_admin = linkable_accounts.is_some();
    let accounts = linkable_accounts.unwrap_or_default();
    let list = if profiles.is_empty() && !is_admin {
        view! {
            <p class="empty">"Your account is not linked to a public profile yet. Ask an admin to link it."</p>
        }
        .into_any()
    } else {
        view! {
            <ul class="card-grid">
                {profiles.into_iter().map(|c| view! { <ProfileCard c is_admin accounts=accounts.clone() /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let admin_controls = is_admin.then(|| {
        let count = count_words(total, "No profiles match.", "profile", "profiles");
        view! {
            <NewProfileForm />
            <ListFilters query=query.clone() errors search_hint="Name, title or email" filter_label="Status" />
            <p class="muted" role="status" data-testid="profile-count">{count}</p>
        }
    });
    view! {
        {admin_controls}
        {list}
        {is_admin.then(|| view! { <Pagination query page pages /> })}
    }
}

/// Admins: a new profile from a name, an email and a title; opens the new
/// profile's editor. Mistakes show under their fields and what was typed
/// stays. Without JavaScript it is a plain form post.
// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
fn NewProfileForm() -> impl IntoView {
    let create = ServerAction::<CreateConsultantProfile>::new();
    let hydrated = use_hydrated();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            let _ = window()
                .location()
                .set_href(&format!("/admin/consultants/{id}/edit"));
        }
    });
    let error = move |field| action_field_message(create.value(), field);
    let general = action_form_error(create.value());
    let text = move |name: &'static str, label: &'static str| {
        view! { <TextField id_prefix="nc" name label value=String::new() message=error(name) /> }
    };
    view! {
        <details class="panel" open=move || create.value().get().is_some_and(|r| r.is_err())>
            <summary>"New consultant profile"</summary>
            {move || general.get().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
            // novalidate: the server's messages (the same on every browser) show
            // under the fields instead of the browser's bubbles.
            <ActionForm action=create attr:class="form form--grid" attr:novalidate=true
                attr:data-hydrated=move || hydrated.get().to_string()>
                {text("first_name", "First name")}
                {text("last_name", "Last name")}
                <TextField id_prefix="nc" name="email" label="Email" value=String::new()
                    message=error("email") input_type="email" />
                {text("title", "Job title")}
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || create.pending().get()>
                        "Create profile"
                    </button>
                </div>
            </ActionForm>
        </details>
    }
}

/// One profile; admins also (de)activate it and link it to an account.
#[component]
fn ProfileCard(
    c: ConsultantListItem,
    is_admin: bool,
    accounts: Vec<(String, String)>,
) -> impl IntoView {
    let link_id = format!("link-{}", c.id);
    let current = c.user_id.clone().unwrap_or_default();
    view! {
        <li class="card">
            <h2 class="card__title"><a href=format!("/admin/consultants/{}/edit", c.id)>{c.name.clone()}</a></h2>
            <p class="muted small">{c.title.clone()}</p>
            <p>
                <span class=if c.active { "badge badge--ok" } else { "badge badge--muted" }>
                    {if c.active { "Active" } else { "Inactive" }}
                </span>
            </p>
            <p class="small">
                <a href=format!("/consultants/{}", c.id)>"Public profile"<span class="visually-hidden">{format!(" of {}", c.name)}</span></a>
            </p>
            {(!c.active).then(|| c.activation_refusal.clone()).flatten().map(|refusal| view! {
                <p class="small muted" data-testid="activation-refusal">{refusal}</p>
            })}
            {is_admin.then(|| view! {
                <form method="post" action=SetConsultantActive::PATH class="inline-form"
                    hidden=!c.active && c.activation_refusal.is_some()>
                    <input type="hidden" name="id" value=c.id.clone() />
                    <input type="hidden" name="active" value=(!c.active).to_string() />
                    <button type="submit" class="button button--small">
                        {if c.active { "Deactivate" } else { "Activate" }}
                        <span class="visually-hidden">{format!(" {}", c.name)}</span>
                    </button>
                </form>
                <form method="post" action=LinkConsultantAccount::PATH class="form form--compact">
                    <input type="hidden" name="id" value=c.id.clone() />
                    <div class="field">
                        <label for=link_id.clone()>"Account that may edit it"</label>
                        <select id=link_id name="user_id">
                            <option value="" selected=current.is_empty()>"— none —"</option>
                            {accounts.iter().map(|(id, label)| view! {
                                <option value=id.clone() selected=*id == current>{label.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button button--small">"Link account"</button>
                </form>
                <DeleteProfile id=c.id.clone() name=c.name.clone() />
            })}
        </li>
    }
}

/// Deletes a profile after the admin confirms; a refusal (the profile has
/// case studies or leads) is shown right under the button. Without
/// JavaScript it is a plain form post.
// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
fn DeleteProfile(id: String, name: String) -> impl IntoView {
    let delete = ServerAction::<DeleteConsultantProfile>::new();
    let hydrated = use_hydrated();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            let _ = window().location().reload();
        }
    });
    let question = format!("Delete the profile of {name}? This cannot be undone.");
    let target = id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if window().confirm_with_message(&question).unwrap_or(false) {
            delete.dispatch(DeleteConsultantProfile { id: target.clone() });
        }
    };
    let refusal = move || delete.value().get().and_then(Result::err);
    view! {
        <form method="post" action=DeleteConsultantProfile::PATH class="inline-form"
            data-hydrated=move || hydrated.get().to_string() on:submit=on_submit>
            <input type="hidden" name="id" value=id />
            <button type="submit" class="button button--small button--danger" disabled=move || delete.pending().get()>
                "Delete"<span class="visually-hidden">{format!(" {name}")}</span>
            </button>
        </form>
        {move || refusal().map(|e| view! { <p class="field__error" role="alert">{e.to_string()}</p> })}
    }
}

#[component]
pub fn EditConsultantPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let editor = Resource::new_blocking(move || id.clone(), load_consultant_editor);
    view! {
        <AdminPage section=AdminSection::Consultants>
            <p class="breadcrumb"><a href="/admin/consultants">"Consultant profiles"</a></p>
            <Loaded resource=editor render=move |data| {
                let heading = if data.editing_own {
                    "Your profile".to_string()
                } else {
                    format!("Profile of {} {}", data.input.first_name, data.input.last_name)
                };
                view! { <h1>{heading}</h1> <ConsultantForm data /> }
            } />
        </AdminPage>
    }
}

// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
fn ConsultantForm(data: ConsultantEditorData) -> impl IntoView {
    let save = ServerAction::<SaveConsultantProfile>::new();
    let hydrated = use_hydrated();
    let error = move |field| action_field_message(save.value(), field);
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let input = data.input.clone();
    let text = move |name: &'static str, label: &'static str, value: String| {
        view! { <TextField id_prefix="cp" name label value message=error(name) /> }
    };
    let bio_error = error("bio");
    let contact_error = error("preferred_contact");
    let primary = RwSignal::new(input.primary_industries.clone());
    let secondary = RwSignal::new(input.secondary_industries.clone());
    let known = StoredValue::new(data.industries.clone());
    let record = data.track_record.clone();
    let own = data.editing_own;
    // The form speaks to whoever is editing: the consultant, or an admin.
    let (about, led, industries_hint, survey_hint) = if own {
        (
            "About you".to_string(),
            "Computed from the published case studies you led; publishing or withdrawing a study changes it.",
            "Leads are routed to you by industry: a primary industry counts fully, a secondary one half.",
            "Entered by an admin from your clients' surveys.",
        )
    } else {
        (
            format!("About {}", input.first_name),
            "Computed from the published case studies this consultant led; publish or withdraw a study to change it.",
            "Leads are routed by industry: a primary industry counts fully, a secondary one half.",
            "Entered by an admin from client surveys.",
        )
    };
    let satisfaction = if data.can_edit_satisfaction {
        view! {
            <TextField id_prefix="cp" name="satisfaction_score" label="Client satisfaction (out of 5, from client surveys)"
                value=input.satisfaction_score.clone() message=error("satisfaction_score")
                hint="The average rating clients gave in our post-project surveys; leave empty until there is one." />
        }
        .into_any()
    } else {
        view! {
            <div class="field">
                <p class="field__label">"Client satisfaction (from client surveys)"</p>
                <p id="cp-satisfaction_score">
                    {if input.satisfaction_score.is_empty() {
                        "No survey score yet.".to_string()
                    } else {
                        format!("{} / 5", input.satisfaction_score)
                    }}
                </p>
                <p class="field__hint">{survey_hint}</p>
            </div>
        }
        .into_any()
    };
    view! {
        <ActionForm action=save attr:class="form editor" attr:data-hydrated=move || hydrated.get().to_string()>
            <input type="hidden" name="id" value=data.id.clone() />
            <Show when=saved>
                <p class="alert alert--success" role="status">
                    "Profile saved. "
                    <a href=format!("/consultants/{}", data.id)>"See the public profile"</a>
                </p>
            </Show>
            <fieldset class="editor__group">
                <legend>{about}</legend>
                {text("first_name", "First name", input.first_name.clone())}
                {text("last_name", "Last name", input.last_name.clone())}
                {text("title", "Job title", input.title.clone())}
                {text("phone", "Phone", input.phone.clone())}
                <TextArea id_prefix="cp" name="bio" label="Bio" value=input.bio.clone() hint="Markdown." rows=6 message=bio_error />
                <TagsField id_prefix="cp" name="specializations" label="Specialisations" value=input.specializations.clone()
                    suggestions=data.known_specializations.clone() message=error("specializations") />
                {text("years_experience", "Years of experience", input.years_experience.clone())}
                <ImageField id_prefix="cp" name="profile_image" label="Portrait" kind=ImageKind::Profile
                    value=input.profile_image.clone() message=error("profile_image")
                    hint="JPEG, PNG or WebP up to 10 MB. Cropped square; shown from 64 to 400 px." />
            </fieldset>
            <fieldset class="editor__group">
                <legend>"Industries"</legend>
                <p class="field__hint">{industries_hint}</p>
                <IndustryField name="primary_industries" label="Primary industries (SIC codes)" value=primary
                    other=secondary known hydrated message=error("primary_industries") />
                <IndustryField name="secondary_industries" label="Secondary industries (SIC codes)" value=secondary
                    other=primary known hydrated message=error("secondary_industries") />
            </fieldset>
            <fieldset class="editor__group">
                <legend>"Availability and contact"</legend>
                {text("capacity_pct", "Capacity booked (%)", input.capacity_pct.clone())}
                <div class="field field--checks">
                    <label class="check">
                        <input type="checkbox" name="input[available_for_new_clients]" value="true"
                            checked=input.available_for_new_clients == "true" />
                        " Taking new clients"
                    </label>
                </div>
                <SelectField id_prefix="cp" name="preferred_contact" label="Preferred contact"
                    options=CONTACT_METHODS.iter().map(|m| (m.to_string(), m.to_string())).collect()
                    current=input.preferred_contact.clone() message=contact_error />
                {text("calendar_url", "Booking link", input.calendar_url.clone())}
                {text("linkedin_url", "LinkedIn", input.linkedin_url.clone())}
            </fieldset>
            <fieldset class="editor__group">
                <legend>"Rates"</legend>
                {text("hourly_rate", "Hourly rate", input.hourly_rate.clone())}
                {text("consultation_rate", "Consultation rate", input.consultation_rate.clone())}
                <TextField id_prefix="cp" name="currency" label="Currency of the rates" value=input.currency.clone()
                    message=error("currency") hint="Three letters, e.g. GBP, EUR, USD." />
            </fieldset>
            <fieldset class="editor__group">
                <legend>"Track record"</legend>
                <p class="field__hint">{led}</p>
                <ul class="stats" id="cp-track-record">
                    <li class="stat"><span class="stat__value">{record.projects_completed}</span><span class="stat__label">"published case studies"</span></li>
                    <li class="stat"><span class="stat__value">{format!("{:.0}%", record.average_roi_pct)}</span><span class="stat__label">"average project ROI"</span></li>
                    <li class="stat"><span class="stat__value">{compact_money(record.total_value_minor, &record.currency)}</span><span class="stat__label">"client value generated"</span></li>
                </ul>
                {satisfaction}
            </fieldset>
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || save.pending().get()>"Save profile"</button>
            </div>
        </ActionForm>
    }
}

/// The codes in a comma-separated list, trimmed.
fn codes(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// SIC codes typed as a comma-separated list (posted as `input[name]`), so
/// any 4-digit code can be entered. Without JavaScript the case studies'
/// industries are listed as a hint; with it, as checkboxes that add or remove
/// their code (and take it out of the other level, `other`).
#[component]
fn IndustryField(
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    other: RwSignal<String>,
    known: StoredValue<Vec<IndustryRef>>,
    hydrated: ReadSignal<bool>,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("cp-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let listed = known.with_value(|k| {
        k.iter()
            .map(|i| format!("{} {}", i.sic_code, i.name))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let any_listed = !listed.is_empty();
    let toggle = move |code: String, on: bool| {
        let mut mine = codes(&value.get_untracked());
        mine.retain(|c| *c != code);
        if on {
            mine.push(code.clone());
            let mut theirs = codes(&other.get_untracked());
            if theirs.contains(&code) {
                theirs.retain(|c| *c != code);
                other.set(theirs.join(", "));
            }
        }
        value.set(mine.join(", "));
    };
    let checks = move || {
        known.with_value(|k| {
            k.iter()
                .map(|industry| {
                    let code = industry.sic_code.clone();
                    let checked_code = code.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox"
                                prop:checked=move || codes(&value.get()).contains(&checked_code)
                                on:change=move |ev| toggle(code.clone(), event_target_checked(&ev)) />
                            {format!(" {} ({})", industry.name, industry.sic_code)}
                        </label>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <p class="field__hint" id=hint_id.clone()>
                "4-digit SIC codes, comma-separated; any code may be typed. "
                <Show when=move || !hydrated.get() && any_listed>
                    {format!("In our case studies: {listed}.")}
                </Show>
            </p>
            <Show when=move || hydrated.get()>
                <div class="field--checks" role="group" aria-label=format!("{label}: industries of our case studies")>
                    {checks}
                </div>
            </Show>
            <input id=id name=format!("input[{name}]") type="text" value=value.get_untracked()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                aria-describedby=format!("{hint_id} {error_id}") aria-invalid=aria_invalid(message) />
            <FieldMessage id=error_id message />
        </div>
    }
}
