//! The one error type of the application. It crosses the wire from server
//! functions to islands, so it carries only what a user may see; internal
//! details are logged where they happen (see [`AppError::internal`]).

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A problem with one input field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 422: input that does not parse; one entry per offending field.
    #[error("{}", join_messages(.0))]
    Invalid(Vec<FieldError>),
    /// 401: the request needs a logged-in user.
    #[error("Please log in to continue.")]
    Unauthenticated,
    /// 401: wrong email or password (deliberately not saying which).
    #[error("Email or password is incorrect.")]
    BadCredentials,
    /// 403: logged in, but the role does not allow this.
    #[error("You do not have access to this.")]
    Forbidden,
    /// 404
    #[error("{0} was not found.")]
    NotFound(String),
    /// 409: the request conflicts with stored data, e.g. a taken email.
    #[error("{}", .0.message)]
    Conflict(FieldError),
    /// 429: throttled; the client may retry after the given number of seconds.
    #[error("Too many attempts. Try again in {} minute(s).", (.retry_after_secs + 59) / 60)]
    TooManyRequests { retry_after_secs: i64 },
    /// 500: something failed on our side; the details are in the server log.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The request itself failed (network, encoding): raised by the server-function plumbing.
    #[error("The request failed: {0}")]
    Request(String),
}

fn join_messages(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| {
            let m = e.message.trim_end();
            if m.ends_with(['.', '!', '?']) {
                m.to_string()
            } else {
                format!("{m}.")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> AppError {
        AppError::Invalid(vec![FieldError {
            field: field.to_string(),
            message: message.into(),
        }])
    }

    /// A 422 from a form parser's `(field, message)` pairs.
    pub fn fields(errors: Vec<(String, String)>) -> AppError {
        AppError::Invalid(
            errors
                .into_iter()
                .map(|(field, message)| FieldError { field, message })
                .collect(),
        )
    }

    pub fn conflict(field: &str, message: impl Into<String>) -> AppError {
        AppError::Conflict(FieldError {
            field: field.to_string(),
            message: message.into(),
        })
    }

    /// Logs the real cause with the current request's span and returns the
    /// opaque error the user sees.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        tracing::error!(error = %cause, "internal error");
        AppError::Internal
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden => 403,
            AppError::NotFound(_) => 404,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests { .. } => 429,
            AppError::Internal => 500,
            AppError::Request(_) => 400,
        }
    }

    /// Whether forms show this next to their fields (validation, conflicts)
    /// rather than as one alert for the whole form.
    pub fn is_about_fields(&self) -> bool {
        matches!(self, AppError::Invalid(_) | AppError::Conflict(_))
    }

    /// The message for one field, if this error names it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            AppError::Conflict(e) if e.field == field => Some(e.message.clone()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_join_their_messages_and_find_fields() {
        let err = AppError::Invalid(vec![
            FieldError {
                field: "email".into(),
                message: "Enter an email.".into(),
            },
            FieldError {
                field: "password".into(),
                message: "Too short.".into(),
            },
        ]);
        assert_eq!(err.to_string(), "Enter an email. Too short.");
        assert_eq!(err.field_message("password").as_deref(), Some("Too short."));
        assert_eq!(err.field_message("name"), None);
        assert_eq!(err.status(), 422);
    }

    #[test]
    fn throttling_rounds_up_to_whole_minutes() {
        let err = AppError::TooManyRequests {
            retry_after_secs: 61,
        };
        assert_eq!(
            err.to_string(),
            "Too many attempts. Try again in 2 minute(s)."
        );
    }
}
