use crate::components::http_status::set_status;
use crate::components::site_layout::SiteLayout;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

/// Waits for a page's data, then renders it; a failure is shown as an alert
/// and becomes the response's HTTP status (404, 403…) when rendered on the
/// server. The shared shape of every page that loads one resource, public
/// or back office.
#[component]
pub fn Loaded<T, F, V>(
    resource: Resource<Result<T, AppError>>,
    render: F,
    /// What shows while loading (client-side navigation only: rendered on
    /// the server, a blocking resource is already there).
    #[prop(default = "Loading…")]
    loading: &'static str,
    /// The whole page depends on the data: show a failure inside the site's
    /// header and footer.
    #[prop(optional)]
    in_site_layout: bool,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p class="loading">{loading}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => render(data).into_any(),
                        Err(e) => {
                            set_status(e.status());
                            let alert = view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> };
                            if in_site_layout {
                                view! { <SiteLayout><div class="container">{alert}</div></SiteLayout> }.into_any()
                            } else {
                                alert.into_any()
                            }
                        }
                    }
                })
            }}
        </Suspense>
    }
}
