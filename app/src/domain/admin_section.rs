//! The back office's sections and which roles see them. The navigation is built
//! from this table, and so is the route guard of each section's page.

use super::role::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminSection {
    Dashboard,
    CaseStudies,
    Consultants,
    Leads,
    Pages,
    Emails,
    Experiments,
    Analytics,
    Settings,
    Users,
    Jobs,
    Webhooks,
    Account,
}

impl AdminSection {
    pub const ALL: [AdminSection; 13] = [
        AdminSection::Dashboard,
        AdminSection::CaseStudies,
        AdminSection::Consultants,
        AdminSection::Leads,
        AdminSection::Pages,
        AdminSection::Emails,
        AdminSection::Experiments,
        AdminSection::Analytics,
        AdminSection::Settings,
        AdminSection::Users,
        AdminSection::Jobs,
        AdminSection::Webhooks,
        AdminSection::Account,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AdminSection::Dashboard => "Dashboard",
            AdminSection::CaseStudies => "Case studies",
            AdminSection::Consultants => "Consultants",
            AdminSection::Leads => "Leads",
            AdminSection::Pages => "Landing pages",
            AdminSection::Emails => "Emails",
            AdminSection::Experiments => "Experiments",
            AdminSection::Analytics => "Analytics",
            AdminSection::Settings => "Settings",
            AdminSection::Users => "Users",
            AdminSection::Jobs => "Jobs",
            AdminSection::Webhooks => "Webhooks",
            AdminSection::Account => "My account",
        }
    }

    /// The label in `role`'s navigation: a consultant's "Consultants" is
    /// their own profile.
    pub fn label_for(self, role: Role) -> &'static str {
        match (self, role) {
            (AdminSection::Consultants, Role::Consultant) => "My profile",
            _ => self.label(),
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            AdminSection::Dashboard => "/admin",
            AdminSection::CaseStudies => "/admin/case-studies",
            AdminSection::Consultants => "/admin/consultants",
            AdminSection::Leads => "/admin/leads",
            AdminSection::Pages => "/admin/pages",
            AdminSection::Emails => "/admin/emails",
            AdminSection::Experiments => "/admin/experiments",
            AdminSection::Analytics => "/admin/analytics",
            AdminSection::Settings => "/admin/settings",
            AdminSection::Users => "/admin/users",
            AdminSection::Jobs => "/admin/jobs",
            AdminSection::Webhooks => "/admin/webhooks",
            AdminSection::Account => "/admin/account",
        }
    }

    /// Whether the section has been built yet; unbuilt ones show in the
    /// navigation as "coming soon" without a link, so nobody lands on a dead page.
    pub fn is_available(self) -> bool {
        matches!(
            self,
            AdminSection::Dashboard
                | AdminSection::CaseStudies
                | AdminSection::Consultants
                | AdminSection::Leads
                | AdminSection::Pages
                | AdminSection::Emails
                | AdminSection::Experiments
                | AdminSection::Settings
                | AdminSection::Users
                | AdminSection::Jobs
                | AdminSection::Webhooks
                | AdminSection::Account
        )
    }

    pub fn allows(self, role: Role) -> bool {
        use AdminSection::*;
        match self {
            Dashboard | Analytics | Account => true,
            CaseStudies | Pages | Emails => matches!(role, Role::Admin | Role::Marketer),
            // Consultants read experiments (their results inform advice).
            Experiments => true,
            Consultants => matches!(role, Role::Admin | Role::Consultant),
            Leads => matches!(role, Role::Admin | Role::Consultant),
            Settings | Users | Jobs | Webhooks => role == Role::Admin,
        }
    }

    /// The sections a role sees in its navigation: the working ones first,
    /// then those still to come, each group in the order of [`AdminSection::ALL`].
    pub fn visible_to(role: Role) -> impl Iterator<Item = AdminSection> {
        let allowed = move |s: &AdminSection| s.allows(role);
        let available = AdminSection::ALL
            .into_iter()
            .filter(allowed)
            .filter(|s| s.is_available());
        let coming = AdminSection::ALL
            .into_iter()
            .filter(allowed)
            .filter(|s| !s.is_available());
        available.chain(coming)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_consultant_sees_their_profile_by_that_name() {
        assert_eq!(
            AdminSection::Consultants.label_for(Role::Consultant),
            "My profile"
        );
        assert_eq!(
            AdminSection::Consultants.label_for(Role::Admin),
            "Consultants"
        );
        assert_eq!(AdminSection::Leads.label_for(Role::Consultant), "Leads");
    }

    #[test]
    fn only_admins_see_users_and_settings() {
        for section in [
            AdminSection::Users,
            AdminSection::Settings,
            AdminSection::Jobs,
        ] {
            assert!(section.allows(Role::Admin));
            assert!(!section.allows(Role::Marketer));
            assert!(!section.allows(Role::Consultant));
        }
    }

    #[test]
    fn everyone_has_a_dashboard_and_an_account_page() {
        for role in Role::ALL {
            let visible: Vec<_> = AdminSection::visible_to(role).collect();
            assert!(visible.contains(&AdminSection::Dashboard));
            assert!(visible.contains(&AdminSection::Account));
        }
    }

    #[test]
    fn working_sections_come_before_those_still_to_come() {
        for role in Role::ALL {
            let visible: Vec<_> = AdminSection::visible_to(role).collect();
            assert_eq!(visible[0], AdminSection::Dashboard);
            let first_soon = visible.iter().position(|s| !s.is_available());
            if let Some(first_soon) = first_soon {
                assert!(
                    visible[first_soon..].iter().all(|s| !s.is_available()),
                    "{role}: {visible:?}"
                );
            }
        }
    }

    #[test]
    fn paths_are_unique_and_under_admin() {
        let mut paths: Vec<_> = AdminSection::ALL.iter().map(|s| s.path()).collect();
        assert!(paths.iter().all(|p| p.starts_with("/admin")));
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), AdminSection::ALL.len());
    }
}
