//! The browser entry point: hydrates the islands of the server-rendered page.
#![allow(clippy::single_component_path_imports)]

#[allow(unused_imports)]
use ::app::*;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
