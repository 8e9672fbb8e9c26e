//! Server functions: each one authorises inside itself, calls a service, and
//! maps the outcome to an HTTP status. They are public HTTP endpoints under `/api`.

pub mod auth;
pub mod case_study_admin;
pub mod consultant_admin;
#[cfg(feature = "ssr")]
pub(crate) mod context;
pub mod email_templates;
pub mod experiments;
pub mod jobs;
pub mod landing_pages;
pub mod lead_settings;
pub mod lead_workspace;
pub mod leads;
pub mod media_library;
pub mod password_links;
pub mod portfolio;
pub mod roi;
pub mod showcase;
pub mod unsubscribe;
pub mod users;
pub mod webhooks;

/// A 422 naming each bad parameter, for server functions that take a
/// structured query and check it with the query-parameter parsers.
#[cfg(feature = "ssr")]
pub(crate) fn bad_parameters(
    errors: Vec<crate::domain::gallery_query::ParamError>,
) -> crate::error::AppError {
    crate::error::AppError::fields(
        errors
            .into_iter()
            .map(|e| (e.parameter, e.message))
            .collect(),
    )
}

#[cfg(feature = "ssr")]
pub(crate) mod respond {
    use crate::error::AppError;
    use http::{header, HeaderValue, StatusCode};
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;

    /// Gives an error its HTTP status (and `Retry-After` when throttled).
    /// A plain form post (no JavaScript yet) keeps the redirect back to the
    /// form that leptos_axum gives it, rather than a page of JSON.
    ///
    /// When a page calls a server function while rendering on the server, the
    /// page decides its own status (redirect, 403, 404), so nothing is set here.
    pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
        let rendering_a_page = use_context::<leptos_router::Method>().is_some();
        if rendering_a_page || is_plain_form_post() {
            return result;
        }
        if let Err(err) = &result {
            if let Some(response) = use_context::<ResponseOptions>() {
                response.set_status(
                    StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                );
                if let AppError::TooManyRequests { retry_after_secs } = err {
                    if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                        response.insert_header(header::RETRY_AFTER, value);
                    }
                }
            }
        }
        result
    }

    /// Whether the request is a plain HTML form submission (no JavaScript),
    /// which expects a redirect rather than a JSON answer.
    pub fn is_plain_form_post() -> bool {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.contains("text/html"))
            })
            .unwrap_or(false)
    }
}
