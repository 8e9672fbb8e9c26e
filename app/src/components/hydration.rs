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
