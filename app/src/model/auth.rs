//! Who is logged in, and why a login failed.

use crate::domain::role::Role;
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The logged-in user as pages and islands see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// Why a login attempt failed, carried in the URL when the form was posted
/// without JavaScript (a fixed code, so the URL cannot inject text into the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginProblem {
    Credentials,
    Throttled,
    Other,
}

impl LoginProblem {
    pub fn from_error(err: &AppError) -> LoginProblem {
        match err {
            AppError::BadCredentials | AppError::Invalid(_) => LoginProblem::Credentials,
            AppError::TooManyRequests { .. } => LoginProblem::Throttled,
            _ => LoginProblem::Other,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            LoginProblem::Credentials => "credentials",
            LoginProblem::Throttled => "throttled",
            LoginProblem::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<LoginProblem> {
        match code {
            "credentials" => Some(LoginProblem::Credentials),
            "throttled" => Some(LoginProblem::Throttled),
            "other" => Some(LoginProblem::Other),
            _ => None,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            LoginProblem::Credentials => "Email or password is incorrect.",
            LoginProblem::Throttled => {
                "Too many failed attempts. For your security, wait 15 minutes and try again."
            }
            LoginProblem::Other => "Something went wrong on our side. Please try again.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_round_trip_through_their_codes() {
        for p in [
            LoginProblem::Credentials,
            LoginProblem::Throttled,
            LoginProblem::Other,
        ] {
            assert_eq!(LoginProblem::from_code(p.code()), Some(p));
        }
        assert_eq!(LoginProblem::from_code("<script>"), None);
    }
}
