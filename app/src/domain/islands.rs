//! Which pages carry islands, and so need the WASM bundle. Every other page
//! (login, privacy, the consultants, a 404 …) is plain HTML and CSS: the
//! shell leaves the hydration scripts out, so it downloads no JavaScript or
//! WASM at all. A browser test checks each page both ways (an island with no
//! bundle would stay dead; a bundle with no island is wasted bytes).

/// Whether the page at `path` (no query string) renders an island.
pub fn wasm_needed(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    };
    matches!(
        path,
        // The home estimator, the gallery's live filters, the calculator,
        // the contact form and the set-password form.
        "/" | "/case-studies" | "/roi-calculator" | "/contact" | "/set-password" | "/admin"
    ) || ["/case-studies/", "/roi-calculator/r/", "/admin/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::wasm_needed;

    #[test]
    fn only_pages_with_islands_need_the_bundle() {
        for path in [
            "/",
            "/case-studies",
            "/case-studies?industry=5914",
            "/case-studies/cinema-chain",
            "/roi-calculator",
            "/roi-calculator/r/abc",
            "/contact",
            "/set-password?token=x",
            "/admin",
            "/admin/users",
        ] {
            assert!(wasm_needed(path), "{path}");
        }
        for path in [
            "/login",
            "/privacy",
            "/forgot-password",
            "/consultants",
            "/consultants/abc",
            "/thanks/abc",
            "/no/such/page",
            "/administrator",
            "/unsubscribe/abc.def",
            "/landing/free-consultation",
        ] {
            assert!(!wasm_needed(path), "{path}");
        }
    }
}
