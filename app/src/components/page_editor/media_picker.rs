//! The media library picker of an image field: the site's uploaded header
//! pictures and charts, newest first, a page at a time; a click chooses one.

use crate::domain::dates::iso_date;
use crate::model::media::LibraryImage;
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq)]
enum Loading {
    Busy,
    Idle,
    Failed(String),
}

#[component]
pub fn MediaPicker(
    /// The key the field holds now, marked as chosen.
    current: String,
    on_choose: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let images = RwSignal::new(Vec::<LibraryImage>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let loading = RwSignal::new(Loading::Busy);
    let load = move |cursor: String| {
        loading.set(Loading::Busy);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::api::media_library::media_library(cursor).await {
                Ok(page) => {
                    images.update(|list| list.extend(page.images));
                    next_cursor.set(page.next_cursor);
                    loading.set(Loading::Idle);
                }
                Err(problem) => loading.set(Loading::Failed(problem.to_string())),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (cursor, images, next_cursor);
    };
    load(String::new());
    let status = move || match loading.get() {
        Loading::Busy => "Loading the media library…".to_string(),
        Loading::Failed(problem) => problem,
        Loading::Idle if images.with(Vec::is_empty) => {
            "The library is empty: upload an image below.".to_string()
        }
        Loading::Idle => images.with(|list| {
            format!(
                "{} image{} in the library{}.",
                list.len(),
                if list.len() == 1 { "" } else { "s" },
                if next_cursor.with(Option::is_some) {
                    " so far"
                } else {
                    ""
                }
            )
        }),
    };
    let current = StoredValue::new(current);
    view! {
        <div class="pb-library" role="group" aria-label="Media library">
            <p class="small" role="status">{status}</p>
            <ul class="pb-library__grid">
                <For each=move || images.get() key=|image| image.key.clone()
                    children=move |image| {
                        let name = format!(
                            "{}, uploaded {} by {}",
                            image.kind_label,
                            iso_date(image.uploaded_at_ms),
                            image.uploaded_by
                        );
                        let pressed = current.with_value(|c| *c == image.key).to_string();
                        let key = image.key.clone();
                        view! {
                            <li>
                                <button type="button" class="pb-library__item" aria-pressed=pressed
                                    title=image.key.clone()
                                    on:click=move |_| on_choose.run(key.clone())>
                                    <img src=image.thumbnail alt="" loading="lazy" />
                                    <span class="small">{name}</span>
                                </button>
                            </li>
                        }
                    } />
            </ul>
            <div class="pb-library__actions">
                {move || next_cursor.get().map(|cursor| view! {
                    <button type="button" class="button button--small button--ghost"
                        disabled=move || loading.get() == Loading::Busy
                        on:click=move |_| load(cursor.clone())>"Show more images"</button>
                })}
                <button type="button" class="button button--small button--ghost"
                    on:click=move |_| on_close.run(())>"Close the library"</button>
            </div>
        </div>
    }
}
