use super::hydration::use_hydrated;
use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    // Rendered on the server only (this component is not an island).
    #[cfg(feature = "ssr")]
    let signed_in = crate::api::context::carries_session();
    #[cfg(not(feature = "ssr"))]
    let signed_in = false;
    let staff_link = if signed_in {
        view! { <li><a class="site-nav__login" href="/admin">"Back office"</a></li> }.into_any()
    } else {
        view! { <li><a class="site-nav__login" href="/login">"Staff sign in"</a></li> }.into_any()
    };
    view! {
        <header class="site-header">
            <div class="container site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__mark" aria-hidden="true">"CE"</span>
                    <span class="brand__name">"Causal Edge"</span>
                </a>
                <SiteNav>
                    <ul class="site-nav__list">
                        <li><a href="/case-studies">"Case studies"</a></li>
                        <li><a href="/consultants">"Consultants"</a></li>
                        <li><a href="/#approach">"Approach"</a></li>
                        <li><a href="/roi-calculator">"ROI calculator"</a></li>
                        <li><a href="/contact">"Contact"</a></li>
                        {staff_link}
                    </ul>
                </SiteNav>
            </div>
        </header>
    }
}

/// The main navigation. Without JavaScript the links are always shown; with
/// it, narrow screens collapse them behind a menu button (see the `js` class
/// set in the shell's head).
#[island]
pub fn SiteNav(children: Children) -> impl IntoView {
    let hydrated = use_hydrated();
    // Every public page has this island: note when the visitor arrived, for
    // the lead form's "time on site".
    Effect::new(|_| remember_first_seen());
    let (open, set_open) = signal(false);
    view! {
        <nav
            id="site-nav"
            class="site-nav"
            class:site-nav--open=move || open.get()
            aria-label="Main"
            data-hydrated=move || hydrated.get().to_string()
        >
            <button
                type="button"
                class="site-nav__toggle"
                aria-controls="site-nav-links"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                <span aria-hidden="true" class="site-nav__burger"></span>
                {move || if open.get() { "Close menu" } else { "Menu" }}
            </button>
            <div id="site-nav-links" class="site-nav__links">{children()}</div>
        </nav>
    }
}

/// Stores the time of the tab's first page view in session storage, once.
fn remember_first_seen() {
    #[cfg(feature = "hydrate")]
    if let Some(storage) =
        leptos::web_sys::window().and_then(|w| w.session_storage().ok().flatten())
    {
        if storage.get_item("ce_first_seen").ok().flatten().is_none() {
            let _ = storage.set_item("ce_first_seen", &(js_sys::Date::now() as i64).to_string());
        }
    }
}
