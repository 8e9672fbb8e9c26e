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
    #[error("Too many attempts. Try again in {}.", crate::domain::plural::plural((.retry_after_secs + 59) / 60, "minute", "minutes"))]
    TooManyRequests { retry_after_secs: i64 },
    /// 500: something failed on our side; the details are in the server log.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// 400: the request itself failed (unreadable arguments, network):
    /// raised by the server-function plumbing. Holds the whole message.
    #[error("{0}")]
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

    /// A 409 naming `field` when a write broke a unique constraint (a taken
    /// email or slug); any other database error is an internal one (logged).
    #[cfg(feature = "ssr")]
    pub fn unique_conflict(err: sqlx::Error, field: &str, message: impl Into<String>) -> AppError {
        if is_unique_violation(&err) {
            AppError::conflict(field, message)
        } else {
            AppError::from(err)
        }
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

/// Whether a database error is a unique-constraint violation (both backends).
#[cfg(feature = "ssr")]
fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// A failed query is our problem, not the user's: the cause is logged with
/// the current span (the instrumented service step) and the user sees 500.
#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> AppError {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

/// Stored JSON that does not read back (or a value that does not write) is
/// a bug or a damaged row: logged, and a 500 for the user.
#[cfg(feature = "ssr")]
impl From<serde_json::Error> for AppError {
    fn from(err: serde_json::Error) -> AppError {
        tracing::error!(error = %err, "JSON error");
        AppError::Internal
    }
}

/// A result whose database error may be a unique-constraint violation that
/// the user can fix (a taken email, slug, account link).
#[cfg(feature = "ssr")]
pub trait UniqueConflict<T> {
    /// A unique violation becomes a 409 naming `field`; any other error is internal.
    fn or_conflict(self, field: &str, message: impl Into<String>) -> Result<T, AppError>;
}

#[cfg(feature = "ssr")]
impl<T> UniqueConflict<T> for Result<T, sqlx::Error> {
    fn or_conflict(self, field: &str, message: impl Into<String>) -> Result<T, AppError> {
        self.map_err(|err| AppError::unique_conflict(err, field, message))
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // The decoder's full text (bounded: it may quote the input) for the log.
        #[cfg(feature = "ssr")]
        tracing::info!(
            error = %value.to_string().chars().take(500).collect::<String>(),
            "server function request refused"
        );
        AppError::Request(request_problem(&value))
    }
}

/// The longest piece of a decoder's explanation passed on: it may quote the
/// input (an unknown variant is quoted whole), which can be megabytes.
const MAX_DETAIL_CHARS: usize = 160;

/// What the user is told when the server-function plumbing fails. Arguments
/// that do not decode get the decoder's own explanation ("missing field
/// `email`"), which names the problem, without its position noise; on the
/// server a failed `Deserialization` is about the request too (the JSON
/// codec reports its argument errors that way), while in the browser it is
/// about the reply.
fn request_problem(err: &ServerFnErrorErr) -> String {
    match err {
        ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => unreadable(detail),
        ServerFnErrorErr::Deserialization(detail) if cfg!(feature = "ssr") => unreadable(detail),
        other => format!("The request failed: {other}"),
    }
}

fn unreadable(detail: &str) -> String {
    format!("The request could not be read: {}.", decoder_detail(detail))
}

/// A decoder's message, shortened and without "at line 1 column 40" or a
/// trailing full stop (the sentence adds its own).
fn decoder_detail(detail: &str) -> String {
    let detail = detail.trim();
    let detail = match detail.rfind(" at line ") {
        Some(at)
            if detail[at + " at line ".len()..]
                .split(" column ")
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            &detail[..at]
        }
        _ => detail,
    };
    let detail = detail.trim_end_matches('.');
    let mut short: String = detail
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_DETAIL_CHARS)
        .collect();
    if detail.chars().count() > MAX_DETAIL_CHARS {
        short.push('…');
    }
    if short.is_empty() {
        "it is not in the expected form".to_string()
    } else {
        short
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
    fn unreadable_arguments_are_explained_without_decoder_noise() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "missing field `email` at line 1 column 12".into(),
        ));
        assert_eq!(
            err.to_string(),
            "The request could not be read: missing field `email`."
        );
        assert_eq!(err.status(), 400);
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args(format!(
            "unknown variant `{}`",
            "x".repeat(100_000)
        )));
        assert!(err.to_string().chars().count() < 220, "{err}");
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "invalid type: string \"a\", expected i64.".into(),
        ));
        assert_eq!(
            err.to_string(),
            "The request could not be read: invalid type: string \"a\", expected i64."
        );
        let reply = AppError::from_server_fn_error(ServerFnErrorErr::Deserialization(
            "expected value".into(),
        ));
        // On the server the JSON codec's argument errors arrive this way; in
        // the browser it means the reply could not be read.
        assert_eq!(
            reply
                .to_string()
                .starts_with("The request could not be read"),
            cfg!(feature = "ssr")
        );
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Request("offline".into()));
        assert!(err.to_string().starts_with("The request failed: "), "{err}");
    }

    #[test]
    fn throttling_rounds_up_to_whole_minutes() {
        let err = AppError::TooManyRequests {
            retry_after_secs: 61,
        };
        assert_eq!(
            err.to_string(),
            "Too many attempts. Try again in 2 minutes."
        );
    }
}
