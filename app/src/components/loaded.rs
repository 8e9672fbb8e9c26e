use crate::components::http_status::set_status;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

/// Waits for a page's data, then renders it; a failure is shown as an alert
/// and becomes the response's HTTP status (404, 403…) when rendered on the
/// server. The shared shape of every page that loads one resource.
#[component]
pub fn Loaded<T, F, V>(resource: Resource<Result<T, AppError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => render(data).into_any(),
                        Err(e) => {
                            set_status(e.status());
                            view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
