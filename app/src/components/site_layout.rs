use super::{site_footer::SiteFooter, site_header::SiteHeader};
use leptos::prelude::*;

/// The public site's frame: skip link, header, main landmark, footer.
#[component]
pub fn SiteLayout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <SiteHeader />
        <main id="main" class="site-main">{children()}</main>
        <SiteFooter />
    }
}
