use crate::components::hydration::use_hydrated;
use leptos::prelude::*;

/// Applies the gallery's filter form without a page load. The form inside is
/// the plain GET form (it still works without JavaScript); once hydrated,
/// changing a choice or pressing "Apply filters" fetches the same server-
/// rendered page and swaps in its results. Every change is a history entry
/// with the filters in the URL, so links stay shareable and Back undoes one
/// change at a time.
#[cfg_attr(any(feature = "ssr", feature = "island-live-filters"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "island-live-filters")), component)]
pub fn LiveFilters(children: Children) -> impl IntoView {
    let hydrated = use_hydrated();
    // Only the newest request may fill the page (answers can arrive out of order).
    let latest = StoredValue::new(0u64);
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::{closure::Closure, JsCast};
        // Back and Forward: show the results (and the form) of that URL.
        let on_pop = Closure::<dyn Fn()>::new(move || {
            let Some(url) = browser::current_url() else {
                return;
            };
            browser::load(url, latest, true);
        });
        let _ =
            window().add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        on_pop.forget();
    }
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        browser::apply_form(&ev, latest, false);
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, latest);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            browser::apply_form(&ev, latest, true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <div class="live-filters" data-hydrated=move || hydrated.get().to_string()
            on:change=on_change on:submit=on_submit>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DomParser, HtmlFormElement, SupportedType, UrlSearchParams};

    pub fn current_url() -> Option<String> {
        let location = window().location();
        Some(format!(
            "{}{}",
            location.pathname().ok()?,
            location.search().ok()?
        ))
    }

    /// The URL the form would navigate to, without empty fields.
    fn form_url(form: &HtmlFormElement) -> Option<String> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        let all = UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        let kept = UrlSearchParams::new().ok()?;
        let entries = js_sys::try_iter(&all).ok()??;
        for entry in entries.flatten() {
            let pair: js_sys::Array = entry.unchecked_into();
            let (key, value) = (pair.get(0).as_string()?, pair.get(1).as_string()?);
            if !value.is_empty() {
                kept.append(&key, &value);
            }
        }
        let query = String::from(kept.to_string());
        let action = form.get_attribute("action").unwrap_or_default();
        Some(if query.is_empty() {
            action
        } else {
            format!("{action}?{query}")
        })
    }

    pub fn apply_form(ev: &web_sys::Event, latest: StoredValue<u64>, submitted: bool) {
        let Some(target) = ev.target() else { return };
        let form = match target.dyn_ref::<HtmlFormElement>() {
            Some(form) => form.clone(),
            None => match target
                .dyn_ref::<web_sys::Element>()
                .and_then(|e| e.closest("form").ok().flatten())
            {
                Some(form) => form.unchecked_into(),
                None => return,
            },
        };
        // Typed numbers (the ROI range) wait for "Apply filters" or Enter;
        // choices apply at once.
        let is_typed = target
            .dyn_ref::<web_sys::HtmlInputElement>()
            .is_some_and(|input| input.type_() == "number");
        if is_typed && !submitted {
            return;
        }
        let Some(url) = form_url(&form) else { return };
        if current_url().as_deref() != Some(url.as_str()) {
            let _ = window()
                .history()
                .and_then(|h| h.push_state_with_url(&JsValue::NULL, "", Some(&url)));
        }
        load(url, latest, false);
    }

    /// Fetches the page for `url` and swaps in its results (and, when the
    /// visitor went back or forward, its filter form too).
    pub fn load(url: String, latest: StoredValue<u64>, replace_form: bool) {
        let generation = latest.get_value() + 1;
        latest.set_value(generation);
        let document = document();
        if let Some(results) = document.query_selector(".gallery__results").ok().flatten() {
            let _ = results.set_attribute("aria-busy", "true");
        }
        leptos::task::spawn_local(async move {
            let html = match gloo_net::http::Request::get(&url)
                .header("Accept", "text/html")
                .send()
                .await
            {
                Ok(response) => response.text().await.ok(),
                Err(_) => None,
            };
            if latest.get_value() != generation {
                return;
            }
            let Some(html) = html else {
                // Could not fetch: fall back to an ordinary page load.
                let _ = window().location().set_href(&url);
                return;
            };
            let Some(fresh) = DomParser::new()
                .ok()
                .and_then(|p| p.parse_from_string(&html, SupportedType::TextHtml).ok())
            else {
                return;
            };
            let document = leptos::prelude::document();
            let mut selectors = vec![".gallery__results"];
            if replace_form {
                selectors.push(".live-filters form");
            }
            for selector in selectors {
                if let (Some(old), Some(new)) = (
                    document.query_selector(selector).ok().flatten(),
                    fresh.query_selector(selector).ok().flatten(),
                ) {
                    old.set_inner_html(&new.inner_html());
                    let _ = old.remove_attribute("aria-busy");
                }
            }
            document.set_title(&fresh.title());
        });
    }
}
