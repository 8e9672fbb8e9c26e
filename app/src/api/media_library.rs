//! The media library for the page editor (admins and marketers): one page of
//! images at a time. Thin: authorize, call the service.

use crate::error::AppError;
use crate::model::media::MediaLibraryPage;
use leptos::prelude::*;

/// `cursor` is the previous page's `next_cursor`; empty for the first page.
#[server(prefix = "/api", endpoint = "admin/media/library")]
pub async fn media_library(
    #[server(default)] cursor: String,
) -> Result<MediaLibraryPage, AppError> {
    let outcome = async {
        crate::api::context::require_role(&crate::domain::role::Role::CASE_STUDY_EDITORS).await?;
        crate::services::media_library::page(&crate::api::context::db()?, &cursor).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
