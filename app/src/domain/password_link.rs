//! One-time password links: what they are for, how long they last, and the
//! shape of their token. An admin invites a new user (no password typed by
//! anyone but its owner) or hands over a reset link; staff who forgot their
//! password ask for one themselves.

/// Why a link was made; it decides the page's words and how long it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkPurpose {
    /// Made with a new account: the person chooses their first password.
    Invite,
    /// A forgotten or compromised password.
    Reset,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Invite => "invite",
            LinkPurpose::Reset => "reset",
        }
    }

    pub fn parse(value: &str) -> Option<LinkPurpose> {
        match value {
            "invite" => Some(LinkPurpose::Invite),
            "reset" => Some(LinkPurpose::Reset),
            _ => None,
        }
    }
}

const HOUR_MS: i64 = 60 * 60 * 1000;

/// How long a link works, by who made it: an invitation a week (it may wait
/// in an inbox over a weekend), a reset an admin hands over a day, a reset
/// asked for by email an hour (whoever holds the inbox holds the account).
pub fn lifetime_ms(purpose: LinkPurpose, asked_by_owner: bool) -> i64 {
    match (purpose, asked_by_owner) {
        (LinkPurpose::Invite, _) => 7 * 24 * HOUR_MS,
        (LinkPurpose::Reset, false) => 24 * HOUR_MS,
        (LinkPurpose::Reset, true) => HOUR_MS,
    }
}

/// "7 days", "24 hours", "1 hour": said next to a link.
pub fn lifetime_words(ms: i64) -> String {
    let hours = ms / HOUR_MS;
    match hours {
        1 => "1 hour".to_string(),
        h if h % 24 == 0 && h >= 48 => format!("{} days", h / 24),
        h => format!("{h} hours"),
    }
}

/// The page a link opens (relative; the caller adds the site's origin).
pub fn path(token: &str) -> String {
    format!("/set-password?token={token}")
}

/// Where a person goes once their password is set: the login form, with
/// their email filled in and a word that it worked.
pub fn after_set_path(email: &str) -> String {
    format!(
        "/login?password_set=1&email={}",
        super::lead_form::percent_encode(email)
    )
}

/// Said for a link that is unknown, used or expired: the same words for each,
/// so the page does not tell which.
pub const DEAD_LINK: &str =
    "This link has expired or has already been used. Ask an admin for a new one, or use \"Forgot your password?\" on the login page.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_follow_who_asked() {
        assert_eq!(
            lifetime_words(lifetime_ms(LinkPurpose::Invite, false)),
            "7 days"
        );
        assert_eq!(
            lifetime_words(lifetime_ms(LinkPurpose::Reset, false)),
            "24 hours"
        );
        assert_eq!(
            lifetime_words(lifetime_ms(LinkPurpose::Reset, true)),
            "1 hour"
        );
        assert_eq!(LinkPurpose::parse("reset"), Some(LinkPurpose::Reset));
        assert_eq!(LinkPurpose::parse("other"), None);
    }

    #[test]
    fn links_and_their_way_back_to_login() {
        assert_eq!(path("abc"), "/set-password?token=abc");
        assert_eq!(
            after_set_path("a+b@example.com"),
            "/login?password_set=1&email=a%2Bb%40example.com"
        );
    }
}
