//! The filter each back-office list offers beside its search box.

use super::list_query::{ListFilter, ListQuery};
use super::role::Role;
use serde::{Deserialize, Serialize};

/// Case studies: published or drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishState {
    Published,
    Draft,
}

impl ListFilter for PublishState {
    const PATH: &'static str = "/admin/case-studies";
    const PARAMETER: &'static str = "status";
    const ALL: &'static [Self] = &[PublishState::Published, PublishState::Draft];
    const UNKNOWN: &'static str = "Show published, drafts or all.";
    fn as_str(self) -> &'static str {
        match self {
            PublishState::Published => "published",
            PublishState::Draft => "draft",
        }
    }
    fn label(self) -> &'static str {
        match self {
            PublishState::Published => "Published",
            PublishState::Draft => "Drafts",
        }
    }
}

pub type CaseStudyListQuery = ListQuery<PublishState>;

/// Landing pages: live, drafts or archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageState {
    Published,
    Draft,
    Archived,
}

impl ListFilter for PageState {
    const PATH: &'static str = "/admin/pages";
    const PARAMETER: &'static str = "status";
    const ALL: &'static [Self] = &[PageState::Published, PageState::Draft, PageState::Archived];
    const UNKNOWN: &'static str = "Show published, drafts, archived or all pages.";
    fn as_str(self) -> &'static str {
        match self {
            PageState::Published => "published",
            PageState::Draft => "draft",
            PageState::Archived => "archived",
        }
    }
    fn label(self) -> &'static str {
        match self {
            PageState::Published => "Published",
            PageState::Draft => "Drafts",
            PageState::Archived => "Archived",
        }
    }
}

pub type PageListQuery = ListQuery<PageState>;

/// Consultant profiles: public (active) or hidden (inactive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileState {
    Active,
    Inactive,
}

impl ListFilter for ProfileState {
    const PATH: &'static str = "/admin/consultants";
    const PARAMETER: &'static str = "status";
    const ALL: &'static [Self] = &[ProfileState::Active, ProfileState::Inactive];
    const UNKNOWN: &'static str = "Show active, inactive or all profiles.";
    fn as_str(self) -> &'static str {
        match self {
            ProfileState::Active => "active",
            ProfileState::Inactive => "inactive",
        }
    }
    fn label(self) -> &'static str {
        match self {
            ProfileState::Active => "Active",
            ProfileState::Inactive => "Inactive",
        }
    }
}

pub type ConsultantListQuery = ListQuery<ProfileState>;

/// Users: one role among the active, or the deactivated accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserShow {
    Role(Role),
    Deactivated,
}

impl ListFilter for UserShow {
    const PATH: &'static str = "/admin/users";
    const PARAMETER: &'static str = "show";
    const ALL: &'static [Self] = &[
        UserShow::Role(Role::Admin),
        UserShow::Role(Role::Marketer),
        UserShow::Role(Role::Consultant),
        UserShow::Deactivated,
    ];
    const UNKNOWN: &'static str = "Show one role, deactivated accounts or everyone.";
    fn as_str(self) -> &'static str {
        match self {
            UserShow::Role(role) => role.as_str(),
            UserShow::Deactivated => "deactivated",
        }
    }
    fn label(self) -> &'static str {
        match self {
            UserShow::Role(Role::Admin) => "Admins",
            UserShow::Role(Role::Marketer) => "Marketers",
            UserShow::Role(Role::Consultant) => "Consultants",
            UserShow::Deactivated => "Deactivated",
        }
    }
}

pub type UserListQuery = ListQuery<UserShow>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every choice survives the trip through the URL.
    fn round_trips<F: ListFilter + std::fmt::Debug>() {
        for &filter in F::ALL {
            assert_eq!(F::from_param(filter.as_str()), Some(filter));
        }
        assert_eq!(F::from_param("nonsense"), None);
    }

    #[test]
    fn every_filter_round_trips() {
        round_trips::<PublishState>();
        round_trips::<ProfileState>();
        round_trips::<UserShow>();
    }

    #[test]
    fn user_filter_reads_roles() {
        let (query, errors) = UserListQuery::from_strings("ann", "marketer", "");
        assert!(errors.is_empty());
        assert_eq!(query.filter, Some(UserShow::Role(Role::Marketer)));
        assert_eq!(query.href(1), "/admin/users?q=ann&show=marketer");
    }
}
