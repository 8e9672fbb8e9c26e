//! Server functions behind the public showcase pages. Public data: no role
//! check, but only published content is ever returned.

use crate::domain::consultant_query::ConsultantQuery;
use crate::domain::gallery_query::GalleryQuery;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::showcase::IndustryOption;
use crate::model::showcase::{CaseStudyDetail, ConsultantList, ConsultantProfile, GalleryData};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "showcase/gallery", input = server_fn::codec::Json)]
pub async fn load_gallery(query: GalleryQuery) -> Result<GalleryData, AppError> {
    let outcome = async {
        let query = query.validate().map_err(crate::api::bad_parameters)?;
        let db = crate::api::context::db()?;
        let list = crate::services::showcase::gallery(&db, &query).await?;
        let industries = crate::services::showcase::industries(&db)
            .await?
            .into_iter()
            .map(|(sic_code, name, count)| IndustryOption {
                sic_code,
                name,
                count,
            })
            .collect();
        Ok(GalleryData { list, industries })
    }
    .await;
    crate::api::respond::with_status(outcome)
}

/// A published case study; counts the view (once per visitor and day, not for bots).
#[server(prefix = "/api", endpoint = "showcase/case-study")]
pub async fn load_case_study(slug: String) -> Result<Option<CaseStudyDetail>, AppError> {
    let outcome = async {
        let db = crate::api::context::db()?;
        // Editors may preview unpublished studies; nobody else sees them.
        let editor = crate::api::context::current_user()
            .await?
            .is_some_and(|u| crate::domain::role::Role::CASE_STUDY_EDITORS.contains(&u.role));
        let detail = crate::services::showcase::case_study(&db, &slug, editor).await?;
        if let Some(detail) = detail.as_ref().filter(|d| d.is_published) {
            let (_, ctx) = crate::api::context::request()?;
            let mut cookies = crate::services::context::Cookies::default();
            let counted = crate::services::visitor::count_case_study_view(
                &db,
                &ctx,
                &mut cookies,
                &detail.id,
            )
            .await;
            crate::api::context::send_if_rendering_allows(cookies)?;
            counted?;
        }
        Ok(detail)
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "showcase/consultants", input = server_fn::codec::Json)]
pub async fn load_consultants(query: ConsultantQuery) -> Result<ConsultantList, AppError> {
    let outcome = async {
        let query = query.validate().map_err(crate::api::bad_parameters)?;
        let db = crate::api::context::db()?;
        crate::services::showcase::consultant_list(&db, &query).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}

#[server(prefix = "/api", endpoint = "showcase/consultant")]
pub async fn load_consultant(id: String) -> Result<Option<ConsultantProfile>, AppError> {
    let outcome = async {
        let db = crate::api::context::db()?;
        // Admins and the consultant themself may preview a deactivated profile.
        let viewer = crate::api::context::current_user().await?;
        crate::services::showcase::consultant(&db, &id, viewer.as_ref()).await
    }
    .await;
    crate::api::respond::with_status(outcome)
}
