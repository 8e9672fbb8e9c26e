/// Where to send a user after logging in, taken from a `next` parameter.
/// Only same-site absolute paths are allowed, so the login page cannot be used
/// as an open redirect to another site (`//evil.example`, `https://…`, `/\evil`).
pub fn safe_next_path(next: Option<&str>) -> String {
    const DEFAULT: &str = "/admin";
    match next.map(str::trim) {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(|c| c.is_control() || c == '\\') =>
        {
            path.to_string()
        }
        _ => DEFAULT.to_string(),
    }
}

/// Percent-encodes a value for use in a query string.
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_local_paths_and_refuses_other_sites() {
        assert_eq!(safe_next_path(Some("/admin/users")), "/admin/users");
        assert_eq!(safe_next_path(Some("/admin?tab=1")), "/admin?tab=1");
        for hostile in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "",
            "/a\nb",
        ] {
            assert_eq!(safe_next_path(Some(hostile)), "/admin", "{hostile:?}");
        }
        assert_eq!(safe_next_path(None), "/admin");
    }

    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(encode_query_value("/admin/users"), "/admin/users");
        assert_eq!(encode_query_value("/a?b=c&d"), "/a%3Fb%3Dc%26d");
    }
}
