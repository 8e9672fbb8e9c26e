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
/// it, narrow screens collapse them behind a menu button, which the shell's
/// script opens and closes (see the `js` class set in the shell's head). Not
/// an island: a menu is no reason to download the WASM bundle.
#[component]
pub fn SiteNav(children: Children) -> impl IntoView {
    view! {
        <nav id="site-nav" class="site-nav" aria-label="Main">
            <button type="button" class="site-nav__toggle" aria-controls="site-nav-links" aria-expanded="false">
                <span aria-hidden="true" class="site-nav__burger"></span>
                <span class="site-nav__label">"Menu"</span>
            </button>
            <div id="site-nav-links" class="site-nav__links">{children()}</div>
        </nav>
    }
}
