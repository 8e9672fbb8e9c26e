use leptos::prelude::*;

/// Turns true once the calling island has hydrated in the browser (effects
/// never run on the server). Islands use it to switch from their no-JavaScript
/// form to the enhanced one, and expose it as `data-hydrated` so browser tests
/// can wait for hydration instead of sleeping.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}

/// What a form holds right now, as (field, value) pairs for its `input[…]`
/// controls: text typed and choices made before the island hydrated, which
/// the island adopts instead of the values it was rendered with. Empty on
/// the server.
pub fn typed_values(form: &NodeRef<leptos::html::Form>) -> Vec<(String, String)> {
    #[cfg(feature = "hydrate")]
    {
        use crate::domain::form_names::field_of;
        use leptos::wasm_bindgen::JsCast;
        let Some(form) = form.get_untracked() else {
            return Vec::new();
        };
        let Ok(data) = leptos::web_sys::FormData::new_with_form(&form) else {
            return Vec::new();
        };
        let Ok(Some(entries)) = js_sys::try_iter(&data) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|entry| {
                let pair: js_sys::Array = entry.unchecked_into();
                let name = pair.get(0).as_string()?;
                let value = pair.get(1).as_string()?;
                Some((field_of(&name)?.to_string(), value))
            })
            .collect()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = form;
        Vec::new()
    }
}
