//! Landing pages (admins and marketers): list, create from a template, save
//! the draft, publish, take down, duplicate, restore, delete (admins), and
//! the public page. Thin: authorize, call the service, map the outcome.

use crate::domain::lead_form::LeadForm;
#[cfg(feature = "ssr")]
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::landing_pages::{
    FormReturn, LandingVisit, NewPageInput, PageDetail, PageList, PublicPage, RenderablePage,
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
const EDITORS: [Role; 2] = [Role::Admin, Role::Marketer];

#[cfg(feature = "ssr")]
fn after_plain_post(path: &str) {
    if crate::api::respond::is_plain_form_post() {
        leptos_axum::redirect(path);
    }
}

#[server(prefix = "/api", endpoint = "admin/pages/list")]
pub async fn list_landing_pages(
    #[server(default)] q: String,
    #[server(default)] status: String,
    #[server(default)] page: String,
) -> Result<PageList, AppError> {
    let outcome = async {
        crate::api::context::require_role(&EDITORS).await?;
        let (query, problems) =
            crate::domain::list_filters::PageListQuery::from_strings(&q, &status, &page);
        let mut list =
            crate::services::landing_pages::list(&crate::api::context::db()?, query).await?;
        list.problems = problems;
        Ok(list)
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/pages/get")]
pub async fn landing_page(id: String) -> Result<PageDetail, AppError> {
    let outcome = async {
        crate::api::context::require_role(&EDITORS).await?;
        crate::services::landing_pages::detail(&crate::api::context::db()?, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// `input[template]`, `input[title]`, `input[slug]`; answers the new page's id.
#[server(prefix = "/api", endpoint = "admin/pages/create")]
pub async fn create_landing_page(input: NewPageInput) -> Result<String, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        crate::services::landing_pages::create(&crate::api::context::db()?, &user, input).await
    }
    .await;
    if let Ok(id) = &outcome {
        after_plain_post(&format!("/admin/pages/{id}/edit"));
    }
    crate::api::respond::with_status(outcome)
}

/// Replaces the draft with `document` (page-document JSON) if nobody saved
/// since `revision`; answers the new revision, 409 when stale, 422 with one
/// message per problem, named by its path in the document.
#[server(prefix = "/api", endpoint = "admin/pages/save")]
pub async fn save_landing_page(
    id: String,
    revision: i64,
    document: String,
) -> Result<i64, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        crate::services::landing_pages::save_draft(
            &crate::api::context::db()?,
            &user,
            &id,
            revision,
            &document,
        )
        .await
    }
    .await;
    if outcome.is_ok() {
        after_plain_post(&format!("/admin/pages/{id}/edit?saved=1"));
    }
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/pages/publish")]
pub async fn publish_landing_page(id: String) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        crate::services::landing_pages::publish(&crate::api::context::db()?, &user, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// `to`: "draft" (unpublish) or "archived".
#[server(prefix = "/api", endpoint = "admin/pages/withdraw")]
pub async fn withdraw_landing_page(id: String, to: String) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        use crate::domain::list_query::ListFilter;
        let to = crate::domain::list_filters::PageState::from_param(&to)
            .ok_or_else(|| AppError::invalid("to", "Choose draft or archived."))?;
        crate::services::landing_pages::withdraw(&crate::api::context::db()?, &user, &id, to).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/pages/duplicate")]
pub async fn duplicate_landing_page(id: String) -> Result<String, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        crate::services::landing_pages::duplicate(&crate::api::context::db()?, &user, &id).await
    }
    .await;
    if let Ok(new_id) = &outcome {
        after_plain_post(&format!("/admin/pages/{new_id}/edit"));
    }
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/pages/restore")]
pub async fn restore_landing_page(id: String, version: String) -> Result<i64, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        crate::services::landing_pages::restore(&crate::api::context::db()?, &user, &id, &version)
            .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "admin/pages/name-version")]
pub async fn name_landing_page_version(id: String, name: String) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        crate::services::landing_pages::name_version(&crate::api::context::db()?, &user, &id, &name)
            .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// Keeps the draft as a template new pages can start from; answers its key.
#[server(prefix = "/api", endpoint = "admin/pages/save-as-template")]
pub async fn save_landing_page_as_template(id: String, name: String) -> Result<String, AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&EDITORS).await?;
        crate::services::landing_pages::save_as_template(
            &crate::api::context::db()?,
            &user,
            &id,
            &name,
        )
        .await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// Admins only: the page, its versions and counts are gone for good.
#[server(prefix = "/api", endpoint = "admin/pages/delete")]
pub async fn delete_landing_page(id: String) -> Result<(), AppError> {
    let outcome = async {
        let user = crate::api::context::require_role(&[Role::Admin]).await?;
        crate::services::landing_pages::delete(&crate::api::context::db()?, &user, &id).await
    }
    .await;
    if outcome.is_ok() {
        after_plain_post("/admin/pages");
    }
    crate::api::respond::with_status(outcome)
}

/// The draft as it would publish (staff preview).
#[server(prefix = "/api", endpoint = "admin/pages/preview")]
pub async fn preview_landing_page(id: String) -> Result<RenderablePage, AppError> {
    let outcome = async {
        crate::api::context::require_role(&EDITORS).await?;
        crate::services::landing_pages::preview(&crate::api::context::db()?, &id).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// A published page by its slug (public); `returned`: where its form sent
/// the visitor back (their draft or thank-you).
/// `visit`: the address's campaign and, for staff, a preview link's
/// forced variant.
#[server(prefix = "/api", endpoint = "landing/page")]
pub async fn public_landing_page(
    slug: String,
    #[server(default)] returned: FormReturn,
    #[server(default)] visit: LandingVisit,
) -> Result<PublicPage, AppError> {
    let outcome = async {
        let (db, ctx) = crate::api::context::request()?;
        let forced_arm = (!visit.variant.is_empty()).then(|| visit.variant.clone());
        // Only a preview link asks who is looking (a session lookup).
        let staff = match forced_arm {
            Some(_) => crate::api::context::current_user().await?.is_some(),
            None => false,
        };
        let page_visit = crate::services::experiments::PageVisit {
            utm_source: (!visit.utm_source.is_empty()).then(|| visit.utm_source.clone()),
            utm_campaign: (!visit.utm_campaign.is_empty()).then(|| visit.utm_campaign.clone()),
            forced_arm,
            staff,
            arm_on_record: None,
        };
        let mut cookies = crate::services::context::Cookies::default();
        let page = crate::services::landing_pages::public_page(
            &db,
            &ctx,
            &mut cookies,
            &slug,
            &returned,
            &page_visit,
        )
        .await?;
        crate::api::context::send_if_rendering_allows(cookies)?;
        if matches!(&page, PublicPage::Found(p) if p.personalised) {
            crate::api::context::mark_personalised();
        }
        Ok(page)
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// A landing page's lead form, posted (public, rate-limited and
/// spam-checked by the lead pipeline). Answers the lead's id; a plain form
/// post (no JavaScript) is redirected back to the page, to its thank-you or
/// its errors, or on to the contact form or the form's redirect.
#[server(prefix = "/api", endpoint = "landing/lead")]
pub async fn capture_landing_lead(
    slug: String,
    block: String,
    input: LeadForm,
) -> Result<String, AppError> {
    use crate::services::landing_forms::LandingPost;
    let (db, client) = crate::api::context::visitor()?;
    let settings = crate::api::context::state()?.settings;
    let post =
        crate::services::landing_forms::post(&db, &client, &slug, &block, &input, &settings).await;
    let outcome = match post {
        Ok(LandingPost::Sent { lead_id, next }) => {
            after_plain_post(&next);
            Ok(lead_id)
        }
        Ok(LandingPost::Refused { error, next }) => {
            after_plain_post(&next);
            Err(error)
        }
        Err(error) => Err(error),
    };
    crate::api::respond::with_status(outcome)
}
