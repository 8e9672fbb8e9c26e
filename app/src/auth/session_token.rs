//! Session tokens and the cookie that carries them. The browser holds a random
//! 256-bit token; the database holds only its SHA-256, so a copy of the
//! sessions table cannot be used to log in.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const COOKIE_NAME: &str = "ce_session";

pub struct SessionToken {
    pub token: String,
    pub hash: String,
}

pub fn generate() -> SessionToken {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    SessionToken { token, hash }
}

pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `Set-Cookie` value that stores a session in the browser.
pub fn cookie(token: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clearing_cookie(secure: bool) -> String {
    cookie("", 0, secure)
}

/// The session token from a `Cookie` request header, if present and well-formed.
pub fn from_cookie_header(header: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.trim().to_string())
        .filter(|v| crate::domain::secret_token::is_well_formed(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hash_consistently() {
        let a = generate();
        let b = generate();
        assert_ne!(a.token, b.token);
        assert_eq!(hash_token(&a.token), a.hash);
        assert_eq!(a.hash.len(), 64);
    }

    #[test]
    fn cookie_has_the_security_attributes() {
        let c = cookie("abc", 60, true);
        assert!(c.contains("HttpOnly"));
        assert!(c.contains("SameSite=Lax"));
        assert!(c.ends_with("; Secure"));
        assert!(!cookie("abc", 60, false).contains("Secure"));
    }

    #[test]
    fn finds_the_token_among_other_cookies() {
        let t = generate().token;
        let header = format!("theme=dark; {COOKIE_NAME}={t}; other=1");
        assert_eq!(from_cookie_header(&header), Some(t));
        assert_eq!(from_cookie_header("ce_session=short"), None);
        assert_eq!(from_cookie_header("theme=dark"), None);
    }
}
