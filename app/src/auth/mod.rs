//! Server-side authentication: password hashing, session tokens and cookies,
//! and finding the user behind a request.

pub mod current;
pub mod password_hash;
pub mod session_token;
