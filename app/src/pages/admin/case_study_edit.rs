use super::metric_rows::MetricRows;
use crate::api::case_study_admin::{load_case_study_editor, PreviewMarkdown, SaveCaseStudy};
use crate::components::admin_page::AdminPage;
use crate::components::fields::{action_form_error, SelectField, TextArea, TextField};
use crate::components::hydration::use_hydrated;
use crate::components::image_field::ImageField;
use crate::components::loaded::Loaded;
use crate::domain::admin_section::AdminSection;
use crate::domain::lead_fields::Challenge;
use crate::domain::media::{ImageKind, MAX_CHART_IMAGES};
use crate::domain::showcase::{CompanySize, Methodology};
use crate::model::case_study_admin::EditorData;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewCaseStudyPage() -> impl IntoView {
    let editor = Resource::new_blocking(|| (), |_| load_case_study_editor(None));
    view! { <EditorPage editor heading="New case study" just_saved=false /> }
}

#[component]
pub fn EditCaseStudyPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id"));
    // `?saved=1`: arrived here from a save (a new draft, or without JavaScript).
    let just_saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let editor = Resource::new_blocking(move || id.clone(), load_case_study_editor);
    view! { <EditorPage editor heading="Edit case study" just_saved /> }
}

#[component]
fn EditorPage(
    editor: Resource<Result<EditorData, crate::error::AppError>>,
    heading: &'static str,
    just_saved: bool,
) -> impl IntoView {
    view! {
        <AdminPage section=AdminSection::CaseStudies>
            <p class="breadcrumb"><a href="/admin/case-studies">"Case studies"</a></p>
            <h1>{heading}</h1>
            <Loaded resource=editor render=move |data| view! { <CaseStudyForm data just_saved /> } />
        </AdminPage>
    }
}

/// The whole form in one island: field errors appear next to their fields,
/// each clears as soon as its field is edited, and everything typed stays in
/// place. Saving stays on the editor and says so (a new draft moves to its
/// own address).
// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
fn CaseStudyForm(data: EditorData, just_saved: bool) -> impl IntoView {
    let save = ServerAction::<SaveCaseStudy>::new();
    let hydrated = use_hydrated();
    // Fields edited since the last answer: their old message no longer applies.
    let edited = RwSignal::new(Vec::<&'static str>::new());
    Effect::new(move |_| {
        save.version().track();
        edited.set(Vec::new());
    });
    let is_edited = move |field: &str| edited.with(|e| e.contains(&field));
    let error = move |field: &'static str| {
        Signal::derive(move || {
            if is_edited(field) {
                return None;
            }
            save.value().with(|r| match r {
                Some(Err(e)) => e.field_message(field),
                _ => None,
            })
        })
    };
    // The long texts as typed, for their Markdown preview.
    let texts = RwSignal::new(vec![
        ("business_challenge", data.input.business_challenge.clone()),
        (
            "previous_approaches",
            data.input.previous_approaches.clone(),
        ),
        (
            "stakeholder_concerns",
            data.input.stakeholder_concerns.clone(),
        ),
        ("success_criteria", data.input.success_criteria.clone()),
        (
            "methodology_details",
            data.input.methodology_details.clone(),
        ),
    ]);
    let touch = move |field: &'static str| {
        Callback::new(move |text: String| {
            edited.update(|e| {
                if !e.contains(&field) {
                    e.push(field);
                }
            });
            texts.update(|all| {
                if let Some(entry) = all.iter_mut().find(|(f, _)| *f == field) {
                    entry.1 = text;
                }
            });
        })
    };
    let preview = ServerAction::<PreviewMarkdown>::new();
    let previewing = RwSignal::new(None::<&'static str>);
    let markdown = move |name: &'static str, label: &'static str, value: String, rows: u32| {
        let show = move |_| {
            let text = texts.with(|all| {
                all.iter()
                    .find(|(f, _)| *f == name)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default()
            });
            previewing.set(Some(name));
            preview.dispatch(PreviewMarkdown { text });
        };
        view! {
            <TextArea id_prefix="cs" name label value hint="Markdown." rows message=error(name) on_input=touch(name) />
            <div class="markdown-preview field--wide" hidden=move || !hydrated.get()>
                <button type="button" class="button button--small button--ghost" on:click=show>
                    {format!("Preview {}", label.to_lowercase())}
                </button>
                {move || (previewing.get() == Some(name)).then(|| match preview.value().get() {
                    Some(Ok(html)) => view! {
                        <div class="prose markdown-preview__panel" data-testid="markdown-preview" inner_html=html></div>
                    }.into_any(),
                    Some(Err(e)) => view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> }.into_any(),
                    None => view! { <p class="muted small">"Rendering…"</p> }.into_any(),
                })}
            </div>
        }
    };
    let general = action_form_error(save.value());
    let invalid_count = move || match save.value().get() {
        Some(Err(crate::error::AppError::Invalid(list))) => {
            list.iter().filter(|e| !is_edited(&e.field)).count()
        }
        Some(Err(crate::error::AppError::Conflict(_))) => 1,
        _ => 0,
    };
    let is_new = data.id.is_none();
    // A new draft gets its own address; an edit stays here and says so.
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get() {
            if is_new {
                let _ = window()
                    .location()
                    .set_href(&format!("/admin/case-studies/{id}/edit?saved=1"));
            }
        }
    });
    let saved = move || {
        just_saved && save.value().get().is_none() || matches!(save.value().get(), Some(Ok(_)))
    };
    let input = data.input.clone();
    let text = move |name: &'static str, label: &'static str, value: String, hint: &'static str| {
        view! { <TextField id_prefix="cs" name label value hint message=error(name) on_input=touch(name) /> }
    };
    let area = move |name: &'static str,
                     label: &'static str,
                     value: String,
                     hint: &'static str,
                     rows: u32| {
        view! { <TextArea id_prefix="cs" name label value hint rows message=error(name) on_input=touch(name) /> }
    };
    let select = move |name: &'static str,
                       label: &'static str,
                       options: Vec<(String, String)>,
                       current: String| {
        view! { <SelectField id_prefix="cs" name label options current message=error(name) on_input=touch(name) /> }
    };
    let methods = Methodology::ALL
        .iter()
        .map(|m| (m.as_str().to_string(), m.label().to_string()))
        .collect();
    let challenges = Challenge::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), c.label().to_string()))
        .collect();
    let sizes = CompanySize::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect();
    let timeframes = [
        ("annually", "Annually"),
        ("quarterly", "Quarterly"),
        ("monthly", "Monthly"),
        ("one_off", "One-off"),
    ]
    .iter()
    .map(|(v, t)| (v.to_string(), t.to_string()))
    .collect();
    let mut consultants = vec![(String::new(), "— none —".to_string())];
    consultants.extend(data.consultants.clone());
    view! {
        <ActionForm action=save attr:class="form editor" attr:data-hydrated=move || hydrated.get().to_string()>
            <input type="hidden" name="id" value=data.id.clone().unwrap_or_default() />
            {move || saved().then(|| view! {
                <p class="alert alert--success" role="status" data-testid="saved">
                    "Saved. " <a href="/admin/case-studies">"Back to all case studies"</a>
                </p>
            })}
            {move || (invalid_count() > 0).then(|| view! {
                <p class="alert alert--error" role="alert">
                    {format!("Please correct the {} below; nothing you typed has been lost.", crate::components::fields::highlighted_fields(invalid_count()))}
                </p>
            })}
            {move || general.get().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}

            <fieldset class="editor__group">
                <legend>"Headline"</legend>
                {text("title", "Title", input.title.clone(), "")}
                {text("slug", "Slug", input.slug.clone(), "Leave empty to make one from the title.")}
                {area("summary", "Summary", input.summary.clone(), "One or two sentences for cards and search results.", 3)}
                {text("meta_description", "Meta description", input.meta_description.clone(), "At most 160 characters.")}
                {text("meta_keywords", "Keywords", input.meta_keywords.clone(), "Comma-separated.")}
            </fieldset>

            <fieldset class="editor__group">
                <legend>"Client (anonymised)"</legend>
                {text("client_type", "Kind of client", input.client_type.clone(), "e.g. Regional cinema chain")}
                <datalist id="cs-industries">
                    {data.industries.iter().map(|(code, name)| view! { <option value=code.clone()>{name.clone()}</option> }).collect_view()}
                </datalist>
                <TextField id_prefix="cs" name="industry_sic_code" label="Industry SIC code" value=input.industry_sic_code.clone()
                    hint="Pick from the list of industries the gallery uses; admins may add a new one." list="cs-industries"
                    message=error("industry_sic_code") on_input=touch("industry_sic_code") />
                {text("industry_name", "Industry name", input.industry_name.clone(), "Filled in from the list when left empty; a new industry needs one.")}
                {select("company_size", "Company size", sizes, input.company_size.clone())}
                {text("client_size_label", "Size description", input.client_size_label.clone(), "e.g. 12 sites, £40M revenue")}
                {text("client_region", "Region", input.client_region.clone(), "")}
            </fieldset>

            <fieldset class="editor__group">
                <legend>"Challenge"</legend>
                {select("challenge", "Kind of challenge", challenges, input.challenge.clone())}
                {markdown("business_challenge", "Business challenge", input.business_challenge.clone(), 5)}
                {markdown("previous_approaches", "Previous approaches", input.previous_approaches.clone(), 3)}
                {markdown("stakeholder_concerns", "Stakeholder concerns", input.stakeholder_concerns.clone(), 3)}
                {markdown("success_criteria", "Success criteria", input.success_criteria.clone(), 3)}
            </fieldset>

            <fieldset class="editor__group">
                <legend>"Method"</legend>
                {select("consultant_id", "Consultant", consultants, input.consultant_id.clone())}
                {select("methodology", "Method", methods, input.methodology.clone())}
                {text("duration_days", "Duration (days)", input.duration_days.clone(), "")}
                {text("sample_size", "Sample size", input.sample_size.clone(), "")}
                {text("confidence_level", "Confidence level", input.confidence_level.clone(), "0.80 to 0.99 (or 80 to 99).")}
                {markdown("methodology_details", "Methodology in detail", input.methodology_details.clone(), 6)}
            </fieldset>

            <fieldset class="editor__group">
                <legend>"Results"</legend>
                {text("primary_metric_name", "Primary metric", input.primary_metric_name.clone(), "")}
                {text("primary_metric_unit", "Unit", input.primary_metric_unit.clone(), "e.g. %, £, min (optional)")}
                {text("primary_metric_baseline", "Baseline", input.primary_metric_baseline.clone(), "")}
                {text("primary_metric_result", "Result", input.primary_metric_result.clone(), "The improvement is calculated from these two.")}
                <MetricRows rows=input.secondary_metrics.clone() message=error("secondary_metrics")
                    on_input=Callback::new(move |()| touch("secondary_metrics").run(String::new())) />
            </fieldset>

            <fieldset class="editor__group">
                <legend>"Business impact"</legend>
                {text("roi_pct", "ROI (%)", input.roi_pct.clone(), "")}
                {text("roi_value", "ROI value (£)", input.roi_value.clone(), "")}
                {select("roi_timeframe", "Timeframe", timeframes, input.roi_timeframe.clone())}
                {text("payback_months", "Payback (months)", input.payback_months.clone(), "")}
            </fieldset>

            <fieldset class="editor__group">
                <legend>"Images"</legend>
                <ImageField id_prefix="cs" name="hero_image" label="Hero image" kind=ImageKind::Hero
                    value=input.hero_image.clone() message=error("hero_image")
                    hint="JPEG, PNG or WebP up to 10 MB. Cropped to 1200 × 630 (also used for link previews)." />
                <ImageField id_prefix="cs" name="chart_images" label="Chart images" kind=ImageKind::Chart
                    value=input.chart_images.clone() message=error("chart_images") max=MAX_CHART_IMAGES
                    hint="Up to 6 charts from the engagement, shown with the results; never cropped." />
            </fieldset>

            <fieldset class="editor__group">
                <legend>"Testimonial"</legend>
                {area("testimonial_text", "Quote", input.testimonial_text.clone(), "", 3)}
                {text("testimonial_author", "Author", input.testimonial_author.clone(), "Anonymised, e.g. Head of Revenue")}
                {text("testimonial_role", "Role", input.testimonial_role.clone(), "")}
            </fieldset>

            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || save.pending().get()>
                    {if data.id.is_some() { "Save changes" } else { "Create draft" }}
                </button>
                <a class="button button--ghost" href="/admin/case-studies">"Cancel"</a>
            </div>
        </ActionForm>
    }
}
