use crate::components::fields::FieldMessage;
use crate::domain::media::{stored_image_urls, ImageKind, ACCEPTED_TYPES};
use leptos::prelude::*;

/// An image picker for the editor islands. Choosing a file uploads it at
/// once (`POST /admin/media`), shows a preview, and puts the stored key into
/// a hidden `input[name]`, so the form's own save attaches it. With `max`
/// above one the field holds a list (one key per line).
///
/// Without JavaScript the current images are shown and kept on save, but new
/// ones cannot be added (the upload needs the script).
#[component]
pub fn ImageField(
    /// Prefix of the element ids, unique per form.
    id_prefix: &'static str,
    /// The form field's key: posted as `input[name]`, and the key of its error.
    name: &'static str,
    label: &'static str,
    kind: ImageKind,
    /// The stored keys (one per line, or empty).
    value: String,
    #[prop(default = 1)] max: usize,
    #[prop(default = "")] hint: &'static str,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let keys = RwSignal::new(
        value
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect::<Vec<_>>(),
    );
    // Progress and problems of the last upload: (is_error, text).
    let status = RwSignal::new(None::<(bool, String)>);
    let uploading = RwSignal::new(false);
    let id = format!("{id_prefix}-{name}");
    let status_id = format!("{id}-status");
    let error_id = format!("{id}-error");
    let noun = if max > 1 { "images" } else { "image" };

    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let file = match chosen_file(&ev) {
                Ok(Some(file)) => file,
                Ok(None) => return,
                Err(problem) => {
                    status.set(Some((true, problem)));
                    return;
                }
            };
            uploading.set(true);
            status.set(Some((false, format!("Uploading {}…", file.name()))));
            leptos::task::spawn_local(async move {
                match upload(kind, file).await {
                    Ok(image) => {
                        keys.update(|list| {
                            if max == 1 {
                                list.clear();
                            }
                            list.push(image.key);
                        });
                        let note = image
                            .warning
                            .unwrap_or_else(|| "Uploaded. Save the form to keep it.".to_string());
                        status.set(Some((false, note)));
                    }
                    Err(problem) => status.set(Some((true, problem))),
                }
                uploading.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, kind, max);
    };

    view! {
        <div class="field field--wide image-field">
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint">{hint}</p> })}
            <input type="hidden" name=format!("input[{name}]") value=move || keys.get().join("\n") />
            <ul class="image-field__list" aria-label=format!("Current {noun}")>
                <For each=move || keys.get() key=|k| k.clone() let:key>
                    {
                        let preview = stored_image_urls(&key);
                        let remove = key.clone();
                        view! {
                            <li class="image-field__item">
                                <img src=preview.src alt="" class="image-field__preview" />
                                <button type="button" class="button button--ghost button--small"
                                    on:click=move |_| keys.update(|list| list.retain(|k| k != &remove))>
                                    "Remove"
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || keys.with(|k| k.is_empty())>
                <p class="muted small">{format!("No {noun} yet.")}</p>
            </Show>
            <input id=id type="file" accept=ACCEPTED_TYPES class="image-field__input"
                aria-describedby=format!("{status_id} {error_id}")
                disabled=move || uploading.get() || keys.with(|k| max > 1 && k.len() >= max)
                on:change=on_change />
            <p id=status_id class="image-field__status small" role="status"
                class:field__error=move || matches!(status.get(), Some((true, _)))>
                {move || status.get().map(|(_, text)| text)}
            </p>
            <FieldMessage id=error_id message />
        </div>
    }
}

/// The file just chosen in a file input, checked against the upload limits
/// by its declared size and type before any byte is sent; the input is
/// emptied so the same file can be chosen again. `Ok(None)`: nothing chosen.
#[cfg(feature = "hydrate")]
pub(crate) fn chosen_file(ev: &leptos::ev::Event) -> Result<Option<web_sys::File>, String> {
    use crate::domain::media::check_declared;
    use leptos::wasm_bindgen::JsCast;
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Ok(None);
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return Ok(None);
    };
    input.set_value("");
    check_declared(file.size() as u64, &file.type_()).map_err(|problem| problem.to_string())?;
    Ok(Some(file))
}

/// Sends one file to the upload endpoint; the error is the server's message
/// (it names the problem: size, type, damaged file, no permission).
#[cfg(feature = "hydrate")]
pub(crate) async fn upload(
    kind: ImageKind,
    file: web_sys::File,
) -> Result<crate::model::media::UploadedImage, String> {
    use crate::model::media::{ApiErrorBody, UploadedImage};
    let failed = || "The upload failed; check your connection and try again.".to_string();
    let form = web_sys::FormData::new().map_err(|_| failed())?;
    form.append_with_blob_and_filename("file", &file, &file.name())
        .map_err(|_| failed())?;
    let response = gloo_net::http::Request::post(&format!("/admin/media?kind={kind}"))
        .body(form)
        .map_err(|_| failed())?
        .send()
        .await
        .map_err(|_| failed())?;
    if response.ok() {
        response.json::<UploadedImage>().await.map_err(|_| failed())
    } else {
        match response.json::<ApiErrorBody>().await {
            Ok(body) => Err(body.error.message),
            Err(_) if response.status() == 413 => {
                Err(crate::domain::media::UploadError::TooLarge(file.size() as u64).to_string())
            }
            Err(_) => Err(failed()),
        }
    }
}
