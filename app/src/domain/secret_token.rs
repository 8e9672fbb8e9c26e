//! The shape of the random tokens the server hands out (session cookies,
//! one-time password links): 256 bits as 43 URL-safe base64 characters.
//! Checked before any database lookup, so junk never reaches a query.

pub fn is_well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::is_well_formed;

    #[test]
    fn only_token_shaped_text_passes() {
        assert!(is_well_formed(&format!("{}-_9", "a".repeat(40))));
        assert!(!is_well_formed(&"a".repeat(42)));
        assert!(!is_well_formed(&format!("{}%", "a".repeat(42))));
    }
}
