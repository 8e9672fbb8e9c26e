//! The page's script nonce: leptos_axum mints one per request; the hydration
//! scripts and our own inline scripts carry it, and the response's
//! Content-Security-Policy names it, so no other inline script runs.

/// The nonce for an inline `<script>` of this page (`None` off the server).
pub fn script_nonce() -> Option<leptos::nonce::Nonce> {
    leptos::nonce::use_nonce()
}

/// Sends the page's Content-Security-Policy with its nonce. Called once by
/// the app root, so every rendered page (the 404 page too) has it.
pub fn send_content_policy() {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        script_nonce(),
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let policy = crate::domain::content_policy::for_page(&nonce);
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}
