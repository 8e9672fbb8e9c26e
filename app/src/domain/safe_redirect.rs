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
}
