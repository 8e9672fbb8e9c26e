use super::ThankYouPanel;
use crate::api::leads::load_thanks;
use crate::components::seo::Seo;
use crate::components::site_layout::SiteLayout;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Where the no-JavaScript lead form lands. Only the browser that sent the
/// lead sees its details; anyone else sees a plain thank-you.
#[component]
pub fn ThanksPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let thanks = Resource::new_blocking(move || id.clone(), load_thanks);
    view! {
        <Seo title="Thank you".to_string() description="We have your details.".to_string() path="/thanks".to_string() noindex=true />
        <SiteLayout>
            <section class="section">
                <div class="container narrow">
                    <h1 class="page-title">"Thank you"</h1>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            match thanks.await {
                                Ok(Some(thanks)) => view! { <ThankYouPanel thanks /> }.into_any(),
                                _ => view! { <p>"We have your details and will be in touch soon."</p> }.into_any(),
                            }
                        })}
                    </Suspense>
                </div>
            </section>
        </SiteLayout>
    }
}
