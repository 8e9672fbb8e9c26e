//! Setting the HTTP status or redirecting from a server-rendered component.
//! On the client these do nothing: islands never change the document's status.

pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(code) {
            response.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Redirects a page request (always a real 302, whatever the client accepts).
pub fn redirect(path: &str) {
    #[cfg(feature = "ssr")]
    {
        leptos_axum::redirect(path);
        set_status(302);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// Redirects for good (301): the page lives at `path` now.
pub fn redirect_permanently(path: &str) {
    #[cfg(feature = "ssr")]
    {
        leptos_axum::redirect(path);
        set_status(301);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}
