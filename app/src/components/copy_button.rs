//! "Copy link": puts a link on the clipboard and says so. No WASM: the
//! site's shell script (app.rs) handles every `data-copy` button, so a page
//! needs no bundle for it. Without JavaScript the button is not shown (CSS):
//! the link is then the page's own address or shown beside it, ready to
//! select. A path (`/…`) is copied as a full address on this site.

use leptos::prelude::*;

#[component]
pub fn CopyButton(text: String, #[prop(optional)] label: Option<String>) -> impl IntoView {
    let label = label.unwrap_or_else(|| "Copy link".to_string());
    view! {
        <button type="button" class="button button--small copy-button" data-copy=text>{label}</button>
        <span class="visually-hidden" aria-live="polite"></span>
    }
}
