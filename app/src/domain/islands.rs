//! Which pages carry islands, and which WASM bundle they load. Pages without
//! one (login, privacy, the consultants, a 404 …) are plain HTML and CSS: the
//! shell leaves the hydration scripts out, so they download no JavaScript or
//! WASM at all. Public pages load the public bundle, which holds only the
//! islands public pages use; pages under `/admin` load the back-office bundle
//! (every island, the page editor and the admin forms included), so a
//! visitor never downloads the editor. A browser test checks each page both
//! ways (an island with no bundle would stay dead; a bundle with no island is
//! wasted bytes).

/// A WASM bundle the build makes (see the two leptos projects in Cargo.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// The islands of public pages: `/pkg/causal-edge.<hash>.{js,wasm}`.
    Public,
    /// Every island: `/back-office/pkg/causal-edge.<hash>.{js,wasm}`.
    BackOffice,
}

/// Where the back-office build puts its site, under the public site's root
/// (and so the URL prefix of its files).
pub const BACK_OFFICE_SITE_DIR: &str = "back-office";

/// The back-office build's list of content hashes, beside the server binary
/// (the public build's is `hash.txt`).
pub const BACK_OFFICE_HASH_FILE: &str = "back-office-hash.txt";

/// The bundle the page at `path` (no query string needed) loads, if any.
pub fn bundle_for(path: &str) -> Option<Bundle> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    };
    if path == "/admin" || path.starts_with("/admin/") {
        return Some(Bundle::BackOffice);
    }
    let public = matches!(
        path,
        // The home estimator, the gallery's live filters, the calculators,
        // the contact form and the set-password form.
        "/" | "/case-studies"
            | "/roi-calculator"
            | "/tools/ab-test-calculator"
            | "/contact"
            | "/set-password"
    ) || ["/case-studies/", "/roi-calculator/r/"]
        .iter()
        .any(|prefix| path.starts_with(prefix));
    public.then_some(Bundle::Public)
}

#[cfg(test)]
mod tests {
    use super::{bundle_for, Bundle};

    #[test]
    fn public_pages_with_islands_load_the_public_bundle() {
        for path in [
            "/",
            "/case-studies",
            "/case-studies?industry=5914",
            "/case-studies/cinema-chain",
            "/roi-calculator",
            "/roi-calculator/r/abc",
            "/tools/ab-test-calculator?a_visitors=10",
            "/contact",
            "/set-password?token=x",
        ] {
            assert_eq!(bundle_for(path), Some(Bundle::Public), "{path}");
        }
    }

    #[test]
    fn back_office_pages_load_the_back_office_bundle() {
        for path in ["/admin", "/admin/", "/admin/users", "/admin/pages/3/edit"] {
            assert_eq!(bundle_for(path), Some(Bundle::BackOffice), "{path}");
        }
    }

    #[test]
    fn pages_without_islands_load_nothing() {
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
            assert_eq!(bundle_for(path), None, "{path}");
        }
    }
}
