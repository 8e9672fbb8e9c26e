//! The scripts that load a WASM bundle and hydrate the page's islands.
//!
//! Leptos' `HydrationScripts` does this too, but in islands mode it also
//! preloads the bundle from the `<head>` at high priority. On a slow phone
//! connection that download (hundreds of KB) shares the bandwidth with the
//! page's own first paint, and Lighthouse measured every page with an island
//! at a 2.6 s LCP against 0.9–1.1 s for pages without (docs/performance.md).
//! The hydration script itself waits for the page's first paint and then
//! for the browser to be idle before it imports the bundle, so here the
//! page gets that same script without the WASM preload, and the small JS
//! module is hinted at low priority only.
//! The script also lets an island wait for the visitor before it hydrates
//! (`data-hydrate="on-interaction"` on its view's outer element: the lead
//! form and the ROI calculator), so a phone does not spend the hydration on
//! a page that is only read.

use crate::domain::islands::Bundle;
use leptos::prelude::*;
use std::sync::OnceLock;

/// Leptos' island script (a copy: see the file's header).
const ISLAND_SCRIPT: &str = include_str!("island_script.js");

/// The island hydration script, pointed at `bundle`'s files: every bundle is
/// the same front end built with other islands, under its own directory and
/// hash file.
#[component]
pub fn IslandScripts(options: LeptosOptions, bundle: Bundle) -> impl IntoView {
    let pkg_dir = match bundle.site_dir() {
        None => options.site_pkg_dir.to_string(),
        Some(dir) => format!("{dir}/{}", options.site_pkg_dir),
    };
    // The hash files are written once, by the build: each read once, not on
    // every render.
    static NAMES: [OnceLock<(String, String)>; Bundle::ALL.len()] =
        [const { OnceLock::new() }; Bundle::ALL.len()];
    let (js, wasm) = NAMES[bundle as usize].get_or_init(|| {
        let hash_file = bundle.hash_file().unwrap_or(&options.hash_file);
        file_names(
            &options.output_name,
            options.hash_files.then_some(hash_file),
        )
    });
    let nonce = leptos::nonce::use_nonce();
    let script = format!(
        "{ISLAND_SCRIPT}({root:?}, {pkg_dir:?}, {js:?}, {wasm:?});",
        root = ""
    );
    view! {
        <link
            rel="modulepreload"
            href=format!("/{pkg_dir}/{js}.js")
            crossorigin=nonce.clone()
            fetchpriority="low"
        />
        <script type="module" nonce=nonce>
            {script}
        </script>
    }
}

/// `bundle`'s loading scripts, rendered by a page whose islands depend on
/// what it shows rather than on its address (the shell loads a bundle by
/// address, domain::islands): a landing page holding the ROI calculator, a
/// set-password page whose link is live. Renders nothing in the browser,
/// where the page is not rendered again.
pub fn island_scripts_in_page(bundle: Bundle) -> AnyView {
    #[cfg(feature = "ssr")]
    {
        match use_context::<crate::state::AppState>() {
            Some(state) => {
                let options = state.leptos_options.clone();
                view! { <IslandScripts options bundle /> }.into_any()
            }
            None => ().into_any(),
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = bundle;
        ().into_any()
    }
}

/// The bundle's JS and WASM file names without extension, with the content
/// hashes cargo-leptos lists in `hash_file` beside the server binary (as
/// Leptos' own hydration scripts read them).
fn file_names(output_name: &str, hash_file: Option<&str>) -> (String, String) {
    let (mut js, mut wasm) = (output_name.to_string(), output_name.to_string());
    match hash_file {
        Some(hash_file) => {
            let path = std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.join(hash_file)));
            match path.and_then(|p| std::fs::read_to_string(p).ok()) {
                Some(hashes) => {
                    let (js_hash, wasm_hash) = hashes_in(&hashes);
                    if let Some(hash) = js_hash {
                        js.push('.');
                        js.push_str(hash);
                    }
                    if let Some(hash) = wasm_hash {
                        wasm.push('.');
                        wasm.push_str(hash);
                    }
                }
                None => leptos::logging::error!("file hashing is on but {hash_file} was not found"),
            }
        }
        None if std::option_env!("LEPTOS_OUTPUT_NAME").is_none() => wasm.push_str("_bg"),
        None => {}
    }
    (js, wasm)
}

/// The `js:` and `wasm:` hashes of a cargo-leptos hash file.
fn hashes_in(file: &str) -> (Option<&str>, Option<&str>) {
    let mut found = (None, None);
    for (name, hash) in file.lines().filter_map(|line| line.trim().split_once(':')) {
        match name.trim() {
            "js" => found.0 = Some(hash.trim()),
            "wasm" => found.1 = Some(hash.trim()),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::hashes_in;

    #[test]
    fn reads_the_hashes_cargo_leptos_lists() {
        let file = "js: 7EFzB-j9MY\nwasm: VQRGqzSLx4\ncss: t_2Ng_k2\n";
        assert_eq!(hashes_in(file), (Some("7EFzB-j9MY"), Some("VQRGqzSLx4")));
        assert_eq!(hashes_in(""), (None, None));
    }
}
