//! argon2id with the OWASP-recommended parameters (19 MiB, 2 iterations, 1 lane).
//! Hashing is CPU-bound, so it runs on the blocking pool, never on the async workers.

use crate::domain::password::NewPassword;
use crate::error::AppError;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

/// Each hash holds 19 MiB and a core for ~50 ms. Without a bound, a burst of
/// logins (a password-guessing run, say) allocates 19 MiB per request at once
/// (200 parallel attempts took the process from 17 MB to 1 GB). At most this
/// many run at a time; the rest queue.
fn hashing_slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Semaphore::new(cores.clamp(2, 8))
    })
}

/// How long a request waits for a hashing slot before it is told to retry.
const SLOT_WAIT: Duration = Duration::from_secs(10);

async fn hashing_slot() -> Result<SemaphorePermit<'static>, AppError> {
    match tokio::time::timeout(SLOT_WAIT, hashing_slots().acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(closed)) => Err(AppError::internal(closed)),
        Err(_) => {
            tracing::warn!("password hashing saturated; asking the client to retry");
            Err(AppError::TooManyRequests {
                retry_after_secs: 5,
            })
        }
    }
}

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
    let _slot = hashing_slot().await?;
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
    let _slot = hashing_slot().await?;
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
