//! A landing page's lead form. The post goes into the lead pipeline
//! ([`lead_pages::capture`]: the same validation, spam checks, rate limits,
//! scoring and routing as the contact form) as a lead of that page, and a
//! visitor without JavaScript comes back to the page: with the errors next
//! to the fields and what they typed, or with the form's thank-you (or is
//! sent on to its redirect). Fine answers that leave the pipeline's
//! qualifying questions unasked (a short form) go on to the contact form
//! with what was typed, which asks the rest.

use crate::db::{landing_pages as db_pages, Db};
use crate::domain::lead_fields::{IndustryRef, OTHER_INDUSTRY};
use crate::domain::lead_form::LeadForm;
use crate::domain::page_document::{AfterSubmit, BlockProps, LeadFormProps, NodeId};
use crate::domain::roi::known_industries;
use crate::error::{AppError, FieldError};
use crate::model::landing_pages::{FormReturn, LandingFormState};
use crate::services::lead_pages;
use crate::services::visitor::Client;
use crate::state::RuntimeSettings;
use std::collections::BTreeMap;

/// The field name of a message about the whole form.
const WHOLE_FORM: &str = "form";

/// How a post ended, and where a browser without JavaScript goes next.
#[derive(Debug)]
pub enum LandingPost {
    Sent { lead_id: String, next: String },
    Refused { error: AppError, next: String },
}

/// Takes a post of the form `block` on the published page `slug`.
#[tracing::instrument(skip_all, fields(slug, block), err(Debug, level = "info"))]
pub async fn post(
    db: &Db,
    client: &Client,
    slug: &str,
    block: &str,
    form: &LeadForm,
    runtime: &RuntimeSettings,
) -> Result<LandingPost, AppError> {
    let props = published_form(db, slug, block).await?;
    let mut form = form.clone();
    // The page says where a lead came from, not the post.
    form.source = "landing_page".to_string();
    form.source_detail = slug.to_string();
    // The pipeline reads the industries itself; here they are needed only
    // for a typed industry, or to check everything at once on a refusal.
    let blanks = required_blanks(&props, &form);
    let industries = if blanks.is_empty() && form.industry.trim().is_empty() {
        Vec::new()
    } else {
        known_industries(&crate::services::roi::evidence(db).await?)
    };
    match_industry(&mut form, &industries);
    let shown: Vec<&str> = props.fields.iter().map(|f| f.field.as_str()).collect();
    let outcome = if blanks.is_empty() {
        lead_pages::capture(db, client, &form, runtime).await
    } else {
        // Every problem at once: the pipeline's too, on the fields shown.
        let mut errors = blanks;
        if let Err(found) = form.parse(&industries) {
            for (field, message) in found {
                if shown.contains(&field.as_str()) && !errors.iter().any(|e| e.field == field) {
                    errors.push(FieldError { field, message });
                }
            }
        }
        Err(AppError::Invalid(errors))
    };
    match outcome {
        Ok(thanks) => Ok(LandingPost::Sent {
            next: after_sent(slug, block, &props.after_submit, &thanks.lead_id),
            lead_id: thanks.lead_id,
        }),
        Err(error) => {
            let hand_over = only_unasked(&shown, &error);
            // Back on this page, a question it does not ask cannot be answered.
            let error = if hand_over {
                error
            } else {
                on_this_form(&shown, error)
            };
            let draft = lead_pages::save_draft(db, client, &form, &error).await?;
            let next = if hand_over {
                format!("/contact?source=landing_page&source_detail={slug}&draft={draft}#lead-form")
            } else {
                format!("/landing/{slug}?form={block}&draft={draft}#{block}")
            };
            Ok(LandingPost::Refused { error, next })
        }
    }
}

/// What the form `returned.form` shows when the visitor comes back from a
/// post: their draft (what they typed, the errors) or, after their lead,
/// the thank-you. Only the visitor who posted sees either; anyone else
/// following the same address gets the empty form.
pub async fn returned_state(
    db: &Db,
    client: &Client,
    returned: &FormReturn,
) -> Result<Option<(LandingFormState, Option<LeadForm>)>, AppError> {
    if returned.is_empty() {
        return Ok(None);
    }
    let block_id = returned.form.clone();
    if !returned.sent.is_empty() {
        let theirs = lead_pages::thanks(db, client, &returned.sent)
            .await?
            .is_some();
        return Ok(theirs.then(|| {
            let state = LandingFormState {
                block_id,
                submitted: true,
                ..LandingFormState::default()
            };
            (state, None)
        }));
    }
    let Some((form, errors)) = lead_pages::load_draft(db, client, &returned.draft).await? else {
        return Ok(None);
    };
    let values = match serde_json::to_value(&form)? {
        serde_json::Value::Object(fields) => fields
            .into_iter()
            .filter_map(|(name, value)| Some((name, value.as_str()?.to_string())))
            .collect(),
        _ => BTreeMap::new(),
    };
    let general = errors
        .iter()
        .find(|e| e.field == WHOLE_FORM)
        .map(|e| e.message.clone());
    let errors = errors
        .into_iter()
        .filter(|e| e.field != WHOLE_FORM)
        .map(|e| (e.field, e.message))
        .collect();
    let state = LandingFormState {
        block_id,
        values,
        errors,
        general,
        submitted: false,
    };
    Ok(Some((state, Some(form))))
}

/// The props of the lead-form block `block` on the published page `slug`.
async fn published_form(db: &Db, slug: &str, block: &str) -> Result<LeadFormProps, AppError> {
    let missing = || AppError::NotFound("That form".to_string());
    let (_, json) = db_pages::published_by_slug(db, slug)
        .await?
        .ok_or_else(missing)?;
    let document = crate::services::landing_pages::stored_document(&json)?;
    let id = NodeId::parse(block).map_err(|_| missing())?;
    let found = document.blocks().find_map(|b| match &b.props {
        BlockProps::LeadForm(props) if b.id == id => Some(props.clone()),
        _ => None,
    });
    found.ok_or_else(missing)
}

/// The landing form asks the industry as free text (the document renderer
/// does not load the list): one of ours by name or code becomes its code,
/// anything else is "other", named as typed.
fn match_industry(form: &mut LeadForm, industries: &[IndustryRef]) {
    let typed = form.industry.trim().to_string();
    if typed.is_empty() || typed.eq_ignore_ascii_case(OTHER_INDUSTRY) {
        return;
    }
    match IndustryRef::find(industries, &typed) {
        Some(industry) => form.industry = industry.sic_code.clone(),
        None => {
            form.industry = OTHER_INDUSTRY.to_string();
            form.industry_other = typed;
        }
    }
}

/// The fields this form requires (or the pipeline does) that were left
/// blank: a marketer may require a company name, say.
fn required_blanks(props: &LeadFormProps, form: &LeadForm) -> Vec<FieldError> {
    let posted = serde_json::to_value(form).unwrap_or_default();
    props
        .fields
        .iter()
        .filter(|spec| spec.is_required())
        .filter(|spec| {
            posted
                .get(spec.field.as_str())
                .and_then(|v| v.as_str())
                .is_none_or(|v| v.trim().is_empty())
        })
        .map(|spec| FieldError {
            field: spec.field.as_str().to_string(),
            message: "Please fill this in; this form needs it.".to_string(),
        })
        .collect()
}

/// Whether every problem is with a question this form does not ask, so the
/// contact form (which asks them all) is where the visitor can answer.
fn only_unasked(shown: &[&str], error: &AppError) -> bool {
    match error {
        AppError::Invalid(errors) => {
            !errors.is_empty()
                && errors
                    .iter()
                    .all(|e| e.field != WHOLE_FORM && !shown.contains(&e.field.as_str()))
        }
        _ => false,
    }
}

/// The problems with what this form shows (and with the form as a whole).
fn on_this_form(shown: &[&str], error: AppError) -> AppError {
    match error {
        AppError::Invalid(errors) => AppError::Invalid(
            errors
                .into_iter()
                .filter(|e| e.field == WHOLE_FORM || shown.contains(&e.field.as_str()))
                .collect(),
        ),
        other => other,
    }
}

/// Where a browser goes after its lead: back to the page, where the form
/// shows its thank-you, or the form's redirect (an in-page anchor is on the
/// landing page).
fn after_sent(slug: &str, block: &str, after: &AfterSubmit, lead_id: &str) -> String {
    match after {
        AfterSubmit::Message { .. } => {
            format!("/landing/{slug}?form={block}&sent={lead_id}#{block}")
        }
        AfterSubmit::Redirect { href } if href.starts_with('#') => format!("/landing/{slug}{href}"),
        AfterSubmit::Redirect { href } => href.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid(fields: &[&str]) -> AppError {
        AppError::Invalid(
            fields
                .iter()
                .map(|f| FieldError {
                    field: f.to_string(),
                    message: "x".to_string(),
                })
                .collect(),
        )
    }

    #[test]
    fn only_questions_the_form_does_not_ask_hand_over_to_the_contact_form() {
        let shown = ["first_name", "email"];
        assert!(only_unasked(&shown, &invalid(&["industry", "timeline"])));
        assert!(!only_unasked(&shown, &invalid(&["email", "industry"])));
        assert!(!only_unasked(&shown, &invalid(&["form"])));
        assert!(!only_unasked(&shown, &invalid(&[])));
        assert!(!only_unasked(
            &shown,
            &AppError::TooManyRequests {
                retry_after_secs: 60
            }
        ));
    }

    #[test]
    fn a_typed_industry_is_ours_by_name_or_code_or_else_other() {
        let ours = [IndustryRef {
            sic_code: "5914".to_string(),
            name: "Pharmacies".to_string(),
        }];
        let typed = |text: &str| {
            let mut form = LeadForm {
                industry: text.to_string(),
                ..LeadForm::default()
            };
            match_industry(&mut form, &ours);
            (form.industry, form.industry_other)
        };
        assert_eq!(typed("pharmacies"), ("5914".to_string(), String::new()));
        assert_eq!(typed("5914"), ("5914".to_string(), String::new()));
        assert_eq!(
            typed(" Space tourism "),
            ("other".to_string(), "Space tourism".to_string())
        );
        assert_eq!(typed(""), (String::new(), String::new()));
    }

    #[test]
    fn after_a_lead_the_page_thanks_or_the_form_redirects() {
        let message = AfterSubmit::Message {
            text: "Thanks".to_string(),
        };
        assert_eq!(
            after_sent("offer", "form", &message, "L1"),
            "/landing/offer?form=form&sent=L1#form"
        );
        let anchor = AfterSubmit::Redirect {
            href: "#next".to_string(),
        };
        assert_eq!(
            after_sent("offer", "form", &anchor, "L1"),
            "/landing/offer#next"
        );
        let page = AfterSubmit::Redirect {
            href: "https://example.com/next".to_string(),
        };
        assert_eq!(
            after_sent("offer", "form", &page, "L1"),
            "https://example.com/next"
        );
    }
}
