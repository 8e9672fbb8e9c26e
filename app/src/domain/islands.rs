//! Which pages carry islands, and which WASM bundle they load. Pages without
//! one (login, privacy, the consultants, a 404 …) are plain HTML and CSS: the
//! shell leaves the hydration scripts out, so they download no JavaScript or
//! WASM at all. A public page loads a bundle that exports only the islands
//! that page holds: the gallery's live filters do not bring the lead form,
//! nor a case study a calculator (each island's code is most of its
//! bundle; docs/performance.md has the sizes). Pages under `/admin` load the
//! back-office bundle (every island, the page editor and the admin forms
//! included), so a visitor never downloads the editor. A browser test checks
//! each page both ways (an island with no bundle would stay dead; a bundle
//! with no island is wasted bytes).

/// A WASM bundle the build makes: one leptos project each in Cargo.toml,
/// built from the `frontend` crate with the feature of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// The lead form (case studies, contact, a saved estimate): `/pkg/causal-edge.<hash>.{js,wasm}`, the site's own
    /// build.
    LeadForm,
    /// The home page's lift estimator.
    Home,
    /// The gallery's live filters.
    Gallery,
    /// The ROI calculator (its page, and landing pages that embed it).
    RoiCalculator,
    /// The A/B test calculator. Apart from the ROI calculator: each is
    /// most of its own bundle (their statistics and their estimate share
    /// little), so together each page would carry both.
    AbCalculator,
    /// Every island: the pages under `/admin`, and the set-password page
    /// when its link is live (that page loads it itself: a spent or made-up
    /// link shows no form, so no island). Only staff have a live link (an
    /// invitation or a reset), and the next page they see is the back
    /// office: they download its bundle once, not another bundle first (the
    /// set-password form alone would add about a sixth to the lead form's).
    BackOffice,
}

impl Bundle {
    pub const ALL: [Bundle; 6] = [
        Bundle::LeadForm,
        Bundle::Home,
        Bundle::Gallery,
        Bundle::RoiCalculator,
        Bundle::AbCalculator,
        Bundle::BackOffice,
    ];

    /// Where its build puts its site under the public site's root, and so
    /// the URL prefix of its files; `None` for the site's own build.
    pub const fn site_dir(self) -> Option<&'static str> {
        match self {
            Bundle::LeadForm => None,
            Bundle::Home => Some("home"),
            Bundle::Gallery => Some("gallery"),
            // Not the pages' own paths: a directory there would turn
            // `/roi-calculator` into a redirect to `/roi-calculator/`.
            Bundle::RoiCalculator => Some("roi"),
            Bundle::AbCalculator => Some("ab-test"),
            Bundle::BackOffice => Some("back-office"),
        }
    }

    /// Its build's list of content hashes, beside the server binary; `None`
    /// for the site's own build (the hash file Leptos' options name).
    pub const fn hash_file(self) -> Option<&'static str> {
        match self {
            Bundle::LeadForm => None,
            Bundle::Home => Some("home-hash.txt"),
            Bundle::Gallery => Some("gallery-hash.txt"),
            Bundle::RoiCalculator => Some("roi-hash.txt"),
            Bundle::AbCalculator => Some("ab-test-hash.txt"),
            Bundle::BackOffice => Some("back-office-hash.txt"),
        }
    }
}

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
    match path {
        "/" => return Some(Bundle::Home),
        "/case-studies" => return Some(Bundle::Gallery),
        "/roi-calculator" => return Some(Bundle::RoiCalculator),
        "/tools/ab-test-calculator" => return Some(Bundle::AbCalculator),
        "/contact" => return Some(Bundle::LeadForm),
        _ => {}
    }
    // A case study and a saved estimate hold the lead form.
    ["/case-studies/", "/roi-calculator/r/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
        .then_some(Bundle::LeadForm)
}

#[cfg(test)]
mod tests {
    use super::{bundle_for, Bundle};

    #[test]
    fn public_pages_with_islands_load_the_bundle_of_their_islands() {
        for (path, bundle) in [
            ("/", Bundle::Home),
            ("/case-studies", Bundle::Gallery),
            ("/case-studies/?industry=5914", Bundle::Gallery),
            ("/case-studies/cinema-chain", Bundle::LeadForm),
            ("/roi-calculator", Bundle::RoiCalculator),
            ("/roi-calculator/r/abc", Bundle::LeadForm),
            (
                "/tools/ab-test-calculator?a_visitors=10",
                Bundle::AbCalculator,
            ),
            ("/contact", Bundle::LeadForm),
        ] {
            assert_eq!(bundle_for(path), Some(bundle), "{path}");
        }
    }

    /// The workspace's leptos projects (Cargo.toml) are the bundles: each
    /// builds into one bundle's directory and writes that bundle's hash file,
    /// so a bundle added on one side only fails here, not in a browser.
    #[test]
    fn the_bundles_are_the_leptos_projects_the_build_makes() {
        let manifest: toml::Table = include_str!("../../../Cargo.toml")
            .parse()
            .expect("Cargo.toml parses");
        let projects = manifest["workspace"]["metadata"]["leptos"]
            .as_array()
            .expect("leptos projects");
        let built: Vec<(String, Option<String>)> = projects
            .iter()
            .map(|project| {
                let root = project["site-root"].as_str().expect("site-root");
                let hash_file = project
                    .get("hash-file-name")
                    .and_then(|name| name.as_str())
                    .map(str::to_string);
                (root.to_string(), hash_file)
            })
            .collect();
        let expected: Vec<(String, Option<String>)> = Bundle::ALL
            .iter()
            .map(|bundle| {
                let root = match bundle.site_dir() {
                    Some(dir) => format!("target/site/{dir}"),
                    None => "target/site".to_string(),
                };
                (root, bundle.hash_file().map(str::to_string))
            })
            .collect();
        assert_eq!(built, expected);
    }

    #[test]
    fn every_bundle_has_its_own_directory_and_hash_file() {
        let dirs: std::collections::HashSet<_> = Bundle::ALL.iter().map(|b| b.site_dir()).collect();
        let hashes: std::collections::HashSet<_> =
            Bundle::ALL.iter().map(|b| b.hash_file()).collect();
        assert_eq!(dirs.len(), Bundle::ALL.len());
        // components::island_scripts indexes its per-bundle state by this.
        assert!(Bundle::ALL
            .iter()
            .enumerate()
            .all(|(i, b)| *b as usize == i));
        assert_eq!(hashes.len(), Bundle::ALL.len());
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
            // These two render the scripts themselves when they hold an
            // island: a landing page's calculator, a live link's form.
            "/landing/free-consultation",
            "/set-password?token=x",
        ] {
            assert_eq!(bundle_for(path), None, "{path}");
        }
    }
}
