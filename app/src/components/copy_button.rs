//! "Copy link": puts a link on the clipboard and says so. Before hydration
//! (or without JavaScript) the button is hidden: the link is then the page's
//! own address or shown beside it, ready to select. A path (`/…`) is copied
//! as a full address on this site.

use crate::components::hydration::use_hydrated;
use leptos::prelude::*;

#[cfg_attr(any(feature = "ssr", feature = "island-copy-button"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "island-copy-button")), component)]
pub fn CopyButton(text: String, #[prop(optional)] label: Option<String>) -> impl IntoView {
    let hydrated = use_hydrated();
    let copied = RwSignal::new(false);
    let label = label.unwrap_or_else(|| "Copy link".to_string());
    // Only the browser copies; the server renders the button hidden.
    #[cfg(not(feature = "hydrate"))]
    let _ = &text;
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let full = if text.starts_with('/') {
                format!("{}{text}", window().location().origin().unwrap_or_default())
            } else {
                text.clone()
            };
            let _ = window().navigator().clipboard().write_text(&full);
        }
        copied.set(true);
    };
    view! {
        <button type="button" class="button button--small" hidden=move || !hydrated.get() on:click=copy>
            {move || if copied.get() { "Copied".to_string() } else { label.clone() }}
        </button>
        <span class="visually-hidden" aria-live="polite">{move || if copied.get() { "Copied to the clipboard." } else { "" }}</span>
    }
}
