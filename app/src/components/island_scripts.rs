//! The scripts that load a WASM bundle and hydrate the page's islands.

use crate::domain::islands::{Bundle, BACK_OFFICE_HASH_FILE, BACK_OFFICE_SITE_DIR};
use leptos::prelude::*;

/// Leptos' island hydration scripts, pointed at `bundle`'s files: the
/// back-office build is the same front end under another directory and hash
/// file, so its options differ from the site's in those two only.
#[component]
pub fn IslandScripts(options: LeptosOptions, bundle: Bundle) -> impl IntoView {
    let mut options = options;
    if bundle == Bundle::BackOffice {
        options.site_pkg_dir = format!("{BACK_OFFICE_SITE_DIR}/{}", options.site_pkg_dir).into();
        options.hash_file = BACK_OFFICE_HASH_FILE.into();
    }
    view! { <HydrationScripts options islands=true /> }
}
