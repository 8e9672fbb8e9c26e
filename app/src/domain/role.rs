use serde::{Deserialize, Serialize};
use std::fmt;

/// What a back-office user may do. Stored as its lowercase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Marketer,
    Consultant,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role \"{0}\": choose admin, marketer or consultant")]
pub struct UnknownRole(pub String);

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Marketer, Role::Consultant];
    /// Who may edit consultant profiles (consultants only their own).
    pub const PROFILE_EDITORS: [Role; 2] = [Role::Admin, Role::Consultant];
    /// Who may create, edit, publish and feature case studies (only admins delete).
    pub const CASE_STUDY_EDITORS: [Role; 2] = [Role::Admin, Role::Marketer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Marketer => "marketer",
            Role::Consultant => "consultant",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::Marketer => "Marketer",
            Role::Consultant => "Consultant",
        }
    }

    pub fn parse(value: &str) -> Result<Role, UnknownRole> {
        match value.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(Role::Admin),
            "marketer" => Ok(Role::Marketer),
            "consultant" => Ok(Role::Consultant),
            _ => Err(UnknownRole(value.to_string())),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
    }

    #[test]
    fn parsing_ignores_case_and_surrounding_space() {
        assert_eq!(Role::parse(" Admin "), Ok(Role::Admin));
    }

    #[test]
    fn unknown_roles_are_named_in_the_error() {
        let err = Role::parse("root").unwrap_err();
        assert!(err.to_string().contains("\"root\""));
    }
}
