//! Contact details typed into more than one form (the lead form, the
//! consultant profile, the case-study editor): one parser each, so every
//! form accepts and refuses the same things with the same words.

use std::fmt;

/// The longest phone number accepted, in characters (digits and separators).
const MAX_PHONE_CHARS: usize = 50;
/// The longest web address accepted.
const MAX_URL_CHARS: usize = 500;

/// A phone number as typed: digits with spaces and `+ ( ) - .` between them,
/// 6 to 20 digits in all (room for a country and area code, no more).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// `Ok(None)` for a blank field.
    pub fn parse(value: &str) -> Result<Option<Phone>, String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        if value.chars().count() > MAX_PHONE_CHARS
            || !value
                .chars()
                .all(|c| c.is_ascii_digit() || " +()-.".contains(c))
        {
            return Err("Use digits, spaces and + ( ) - . only.".into());
        }
        let digits = value.chars().filter(char::is_ascii_digit).count();
        if !(6..=20).contains(&digits) {
            return Err(
                "Enter a phone number with 6 to 20 digits, including the area code.".into(),
            );
        }
        Ok(Some(Phone(value.to_string())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A web address that is safe to put in a link: `http` or `https` with a
/// dotted host, no spaces, quotes or angle brackets. A bare `example.com`
/// becomes `https://example.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUrl(String);

impl WebUrl {
    pub const HINT: &'static str = "Enter a web address like https://example.com";

    /// `Ok(None)` for a blank field.
    pub fn parse(value: &str) -> Result<Option<WebUrl>, String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        let lower = value.to_ascii_lowercase();
        let url = if lower.starts_with("https://") || lower.starts_with("http://") {
            value.to_string()
        } else if !value.contains("://") && !value.contains(':') && value.contains('.') {
            format!("https://{value}")
        } else {
            return Err(Self::HINT.into());
        };
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("");
        let host_name = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let valid = url.chars().count() <= MAX_URL_CHARS
            && host_name.contains('.')
            && !host_name.starts_with('.')
            && !host_name.ends_with('.')
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c));
        if valid {
            Ok(Some(WebUrl(url)))
        } else {
            Err(Self::HINT.into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_phone_numbers_are_accepted() {
        for p in [
            "+44 20 7946 0958",
            "(020) 7946-0958",
            "020.7946.0958",
            "0207946",
        ] {
            assert_eq!(Phone::parse(p).unwrap().unwrap().as_str(), p);
        }
        assert_eq!(Phone::parse("  ").unwrap(), None);
    }

    #[test]
    fn phone_numbers_say_what_is_wrong() {
        assert!(Phone::parse("call me")
            .unwrap_err()
            .contains("digits, spaces"));
        assert!(Phone::parse("12").unwrap_err().contains("6 to 20 digits"));
        assert!(Phone::parse(&"1".repeat(21))
            .unwrap_err()
            .contains("6 to 20 digits"));
    }

    #[test]
    fn web_addresses_are_links_or_refused() {
        assert_eq!(
            WebUrl::parse("example.com").unwrap().unwrap().as_str(),
            "https://example.com"
        );
        assert_eq!(
            WebUrl::parse("https://cal.example/priya?x=1")
                .unwrap()
                .unwrap()
                .as_str(),
            "https://cal.example/priya?x=1"
        );
        for bad in [
            "javascript:alert(1)",
            "ftp://example.com",
            "https://localhost",
            "https://exa mple.com",
            "https://example.com/\"><script>",
            "data:text/html,hi",
        ] {
            assert_eq!(WebUrl::parse(bad).unwrap_err(), WebUrl::HINT, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn accepted_urls_are_http_links_without_markup(s in ".{0,80}") {
            if let Ok(Some(url)) = WebUrl::parse(&s) {
                let u = url.as_str().to_ascii_lowercase();
                prop_assert!(u.starts_with("https://") || u.starts_with("http://"));
                prop_assert!(!u.contains('<') && !u.contains('"') && !u.chars().any(char::is_whitespace));
            }
        }

        #[test]
        fn accepted_phones_have_6_to_20_digits(s in "[0-9 +()\\-.]{0,40}") {
            if let Ok(Some(phone)) = Phone::parse(&s) {
                let digits = phone.as_str().chars().filter(char::is_ascii_digit).count();
                prop_assert!((6..=20).contains(&digits));
            }
        }
    }
}
