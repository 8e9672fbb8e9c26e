//! `POST /admin/media?kind=hero|chart|profile` with one multipart field,
//! `file`. Answers 201 with the stored key and its URLs; the editor puts the
//! key into the form, and the form's own save attaches it to the record.
//!
//! Files land under the media directory as `{kind}/{id}-{width}.webp`, each
//! written to a temporary name and renamed, so a reader never sees half a
//! file. Several app servers must share that directory (a mounted volume).

use super::process::{render_variants, Cancellation, RenderError, Rendered};
use crate::rest::error::ApiError;
use crate::rest::staff::Staff;
use app::db::media_uploads;
use app::domain::gallery_query::ParamError;
use app::domain::media::{check_declared, ImageKind, MediaKey, UploadError, MAX_UPLOAD_BYTES};
use app::domain::role::Role;
use app::error::AppError;
use app::model::auth::CurrentUser;
use app::model::media::UploadedImage;
use app::state::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use std::path::Path;
use std::time::Instant;
use tokio::sync::Semaphore;

/// Decoding a large photo takes a few hundred MB and most of a core; a few at
/// a time per process keeps a burst of uploads from starving page renders.
static PROCESSING: Semaphore = Semaphore::const_new(2);

/// The request body limit for this route: the file plus multipart framing.
pub const BODY_LIMIT: usize = MAX_UPLOAD_BYTES as usize + 64 * 1024;

#[derive(Deserialize)]
pub struct UploadQuery {
    #[serde(default)]
    kind: String,
}

fn refused(status: StatusCode, code: &'static str, message: String) -> ApiError {
    ApiError {
        status,
        code,
        parameters: vec![ParamError {
            parameter: "file".to_string(),
            message: message.clone(),
        }],
        message,
        retry_after_secs: None,
    }
}

impl From<UploadError> for ApiError {
    fn from(err: UploadError) -> ApiError {
        let (status, code) = match err {
            UploadError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            UploadError::UnsupportedType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_type")
            }
            UploadError::Empty
            | UploadError::TooManyPixels(..)
            | UploadError::TooSmall(..)
            | UploadError::BadShape { .. }
            | UploadError::TooLargeToProcess(..)
            | UploadError::Unreadable => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_image"),
        };
        refused(status, code, err.to_string())
    }
}

/// Who may upload what: case-study images are for case-study editors,
/// portraits for profile editors (the profile's own save checks whose).
fn may_upload(user: &CurrentUser, kind: ImageKind) -> bool {
    match kind {
        ImageKind::Hero | ImageKind::Chart => matches!(user.role, Role::Admin | Role::Marketer),
        ImageKind::Profile => Role::PROFILE_EDITORS.contains(&user.role),
    }
}

pub async fn upload(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Query(query): Query<UploadQuery>,
    parts: Parts,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let kind = ImageKind::parse(&query.kind).ok_or_else(|| {
        ApiError::bad_parameters(vec![ParamError {
            parameter: "kind".to_string(),
            message: "Use kind=hero, chart or profile.".to_string(),
        }])
    })?;
    if !may_upload(&user, kind) {
        return Err(AppError::Forbidden.into());
    }
    let declared_length = parts
        .headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let mut multipart = multipart.map_err(|rejection| {
        refused(
            StatusCode::BAD_REQUEST,
            "invalid_body",
            format!(
                "Send the image as multipart/form-data ({}).",
                rejection.body_text()
            ),
        )
    })?;
    let (declared_type, bytes) = read_file_field(&mut multipart, declared_length).await?;
    check_declared(bytes.len() as u64, &declared_type)?;

    let started = Instant::now();
    // If the client goes away, axum drops this future and with it the guard,
    // which tells the blocking work to stop at its next step.
    let cancellation = Cancellation::default();
    let _cancel_on_drop = cancellation.cancel_on_drop();
    let permit = PROCESSING.acquire().await.map_err(AppError::internal)?;
    let rendered = tokio::task::spawn_blocking(move || {
        // The permit lives as long as the work, not the request: a cancelled
        // upload keeps its slot until it has actually stopped and freed memory.
        let _permit = permit;
        render_variants(&bytes, kind, &cancellation)
    })
    .await
    .map_err(AppError::internal)?
    .map_err(|err| match err {
        RenderError::Refused(refusal) => ApiError::from(refusal),
        // Only reached once the request is gone, so nobody reads this.
        RenderError::Cancelled => refused(
            StatusCode::SERVICE_UNAVAILABLE,
            "cancelled",
            "The upload was cancelled before it finished; upload the image again.".to_string(),
        ),
    })?;
    let key = MediaKey::new_upload(kind, uuid::Uuid::new_v4().simple().to_string());
    store(&state.settings.media_dir, &key, kind, &rendered)
        .await
        .map_err(AppError::internal)?;
    // Recorded after the files exist, so a recorded key always has files; a
    // failure here leaves only unrecorded files, which the sweep removes.
    media_uploads::record(&state.db, &key, kind, &user.id)
        .await
        .map_err(AppError::internal)?;
    tracing::info!(
        user = %user.id, %key, source_width = rendered.source_width,
        source_height = rendered.source_height,
        ms = started.elapsed().as_millis() as u64, "image uploaded"
    );
    Ok((StatusCode::CREATED, Json(uploaded(&key, kind, &rendered))).into_response())
}

async fn read_file_field(
    multipart: &mut Multipart,
    declared_length: Option<u64>,
) -> Result<(String, Vec<u8>), ApiError> {
    let too_large = || UploadError::TooLarge(declared_length.unwrap_or(MAX_UPLOAD_BYTES + 1));
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(UploadError::Empty.into()),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large().into()),
            Err(e) => {
                return Err(refused(
                    StatusCode::BAD_REQUEST,
                    "invalid_body",
                    format!("The upload was cut short or malformed ({}).", e.body_text()),
                ))
            }
        };
        if field.name() != Some("file") {
            continue;
        }
        let declared_type = field.content_type().unwrap_or_default().to_string();
        return match field.bytes().await {
            Ok(bytes) => Ok((declared_type, bytes.to_vec())),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(too_large().into()),
            Err(e) => Err(refused(
                StatusCode::BAD_REQUEST,
                "invalid_body",
                format!("The upload was cut short ({}).", e.body_text()),
            )),
        };
    }
}

async fn store(
    media_dir: &Path,
    key: &MediaKey,
    kind: ImageKind,
    rendered: &Rendered,
) -> std::io::Result<()> {
    tokio::fs::create_dir_all(media_dir.join(kind.as_str())).await?;
    for variant in &rendered.variants {
        let path = media_dir.join(key.variant_path(variant.width));
        let partial = path.with_extension("webp.partial");
        tokio::fs::write(&partial, &variant.webp).await?;
        tokio::fs::rename(&partial, &path).await?;
    }
    Ok(())
}

fn uploaded(key: &MediaKey, kind: ImageKind, rendered: &Rendered) -> UploadedImage {
    let urls = key.urls();
    let largest = &rendered.variants[0];
    let wanted = kind.widths()[0];
    let warning = (rendered.cropped_width < wanted).then(|| {
        let shown = if rendered.cropped_width == rendered.source_width {
            "This image is"
        } else {
            "Cropped to shape, this image is"
        };
        format!(
            "{shown} {} px wide, so it was enlarged; one at least {wanted} px wide will look sharper.",
            rendered.cropped_width
        )
    });
    UploadedImage {
        key: key.to_string(),
        src: urls.src,
        srcset: urls.srcset,
        largest: urls.largest,
        width: largest.width,
        height: largest.height,
        source_width: rendered.source_width,
        source_height: rendered.source_height,
        warning,
    }
}
