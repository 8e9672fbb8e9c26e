//! `GET /admin/pages/{id}/export`: a landing page's draft as a JSON file
//! (admins and marketers), the same document the editor's JSON import takes.

use crate::rest::error::ApiError;
use crate::rest::staff::{AllowedRoles, Staff};
use app::domain::role::Role;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Who edits landing pages.
pub struct PageEditors;
impl AllowedRoles for PageEditors {
    const ROLES: &'static [Role] = &Role::CASE_STUDY_EDITORS;
}

pub async fn export_page(
    State(state): State<AppState>,
    _staff: Staff<PageEditors>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (slug, json) = app::services::landing_pages::export(&state.db, &id).await?;
    // The slug passed the slug rules (lowercase letters, digits, hyphens),
    // so it is safe inside the quoted file name.
    let disposition = format!("attachment; filename=\"landing-page-{slug}.json\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        json,
    )
        .into_response())
}
