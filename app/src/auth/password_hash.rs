//! argon2id with the OWASP-recommended parameters (19 MiB, 2 iterations, 1 lane).
//! Hashing is CPU-bound, so it runs on the blocking pool, never on the async workers.

use crate::domain::password::NewPassword;
use crate::error::AppError;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

pub async fn hash(password: &NewPassword) -> Result<String, AppError> {
    let password = password.expose().to_string();
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}

/// Checks a candidate against a stored hash. With no stored hash (unknown
/// email) a dummy hash is verified anyway so response times do not reveal
/// which emails have accounts.
pub async fn verify(candidate: &str, stored_hash: Option<String>) -> Result<bool, AppError> {
    let candidate = candidate.to_string();
    tokio::task::spawn_blocking(move || {
        let known = stored_hash.is_some();
        let hash_text = stored_hash.unwrap_or_else(|| dummy_hash().to_string());
        let parsed = PasswordHash::new(&hash_text).map_err(AppError::internal)?;
        let matches = hasher()
            .verify_password(candidate.as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await
    .map_err(AppError::internal)?
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("dummy password for timing").expect("hashing works"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() {
        let password = NewPassword::parse("Correct-Horse-9").unwrap();
        let stored = hash(&password).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("Correct-Horse-9", Some(stored.clone()))
            .await
            .unwrap());
        assert!(!verify("correct-horse-9", Some(stored)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_users_never_verify() {
        assert!(!verify("dummy password for timing", None).await.unwrap());
    }
}
