use crate::components::{http_status::set_status, site_layout::SiteLayout};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Page not found" />
        <SiteLayout>
            <section class="container narrow error-page">
                <p class="eyebrow">"404"</p>
                <h1>"We could not find that page"</h1>
                <p>"The link may be old, or the page may have moved. These are good places to continue:"</p>
                <ul class="link-list">
                    <li><a href="/">"The home page"</a></li>
                    <li><a href="/case-studies">"Case studies: results from our experiments"</a></li>
                    <li><a href="/login">"Staff sign in"</a></li>
                </ul>
            </section>
        </SiteLayout>
    }
}
