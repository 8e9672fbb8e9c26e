//! The Content-Security-Policy of every rendered page. Scripts run only from
//! our own origin or when they carry the page's one-time nonce, so even if
//! some user-editable text ever slipped out of its escaping, an injected
//! `<script>` would not run.

/// The policy for an HTML page whose inline scripts carry `nonce`.
pub fn for_page(nonce: &str) -> String {
    format!(
        "default-src 'self'; \
         script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; \
         font-src 'self'; \
         connect-src 'self'; \
         object-src 'none'; \
         base-uri 'none'; \
         form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// For everything that is not a page (JSON, images, files): nothing may run.
pub const FOR_NON_PAGES: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_scripts_need_our_origin_or_the_nonce() {
        let policy = for_page("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        let scripts = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(!scripts.contains("unsafe-inline"), "{scripts}");
        assert!(policy.contains("frame-ancestors 'none'"));
    }
}
