//! `ApiError`: how every JSON endpoint (the `/api/v1` REST API, media
//! uploads, the CSV export) reports a failure — a stable code, a readable
//! message and, for bad parameters or body fields, one entry per parameter —
//! and the shared helpers that produce one.

use app::domain::gallery_query::ParamError;
use app::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// An API error as JSON: `{"error": {"code", "message", "parameters"}}`.
pub struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) parameters: Vec<ParamError>,
    pub(crate) retry_after_secs: Option<i64>,
}

/// The body of an error response.
#[derive(Debug, Serialize)]
pub struct ErrorBody<'a> {
    pub error: ErrorDetail<'a>,
}

#[derive(Debug, Serialize)]
pub struct ErrorDetail<'a> {
    pub code: &'a str,
    pub message: &'a str,
    pub parameters: &'a [ParamError],
}

impl ApiError {
    /// 400 naming each bad query parameter.
    pub(crate) fn bad_parameters(parameters: Vec<ParamError>) -> ApiError {
        let names: Vec<&str> = parameters.iter().map(|p| p.parameter.as_str()).collect();
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_parameter",
            message: format!("Invalid query parameter(s): {}.", names.join(", ")),
            parameters,
            retry_after_secs: None,
        }
    }

    /// 404: "{what} was not found."
    pub(crate) fn not_found(what: &str) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: format!("{what} was not found."),
            parameters: Vec::new(),
            retry_after_secs: None,
        }
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> ApiError {
        let status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let (code, parameters, retry_after_secs) = match &err {
            AppError::Invalid(fields) => (
                "invalid_field",
                fields
                    .iter()
                    .map(|f| ParamError {
                        parameter: f.field.clone(),
                        message: f.message.clone(),
                    })
                    .collect(),
                None,
            ),
            AppError::TooManyRequests { retry_after_secs } => {
                ("rate_limited", Vec::new(), Some(*retry_after_secs))
            }
            AppError::Unauthenticated => ("unauthenticated", Vec::new(), None),
            AppError::Forbidden => ("forbidden", Vec::new(), None),
            AppError::NotFound(_) => ("not_found", Vec::new(), None),
            _ => ("error", Vec::new(), None),
        };
        ApiError {
            status,
            code,
            message: err.to_string(),
            parameters,
            retry_after_secs,
        }
    }
}

/// A failed query: logged (by `AppError`'s conversion) and a 500.
impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> ApiError {
        ApiError::from(AppError::from(err))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: &self.message,
                parameters: &self.parameters,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs {
            if let Ok(value) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// A body that is not JSON of the right shape: 400 with serde's explanation
/// (it names the field and the expected type).
pub(crate) fn body<T>(payload: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    payload.map(|Json(v)| v).map_err(|rejection| ApiError {
        status: StatusCode::BAD_REQUEST,
        code: "invalid_body",
        message: rejection.body_text(),
        parameters: Vec::new(),
        retry_after_secs: None,
    })
}

/// Query pairs as the domain parsers take them.
pub(crate) fn pairs(query: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    query.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}
