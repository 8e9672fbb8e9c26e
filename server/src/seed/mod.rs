//! Demo content for a fresh install: one account per role, so a new user can
//! log in and look around, and the showcase's consultants and case studies.
//! Idempotent: what exists is left alone.

pub mod showcase;

use app::db::{users, Db};
use app::domain::role::Role;
use app::error::AppError;
use app::services::users::{insert, parse_new_user};
use rand::distributions::{Alphanumeric, DistString};

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 3] = [
    DemoAccount {
        email: "admin@causal-edge.example",
        name: "Ada Admin",
        role: Role::Admin,
    },
    DemoAccount {
        email: "marketer@causal-edge.example",
        name: "Mia Marketer",
        role: Role::Marketer,
    },
    DemoAccount {
        email: "consultant@causal-edge.example",
        name: "Carl Consultant",
        role: Role::Consultant,
    },
];

/// A random password that satisfies the policy (a fixed prefix guarantees
/// every character class; the random part carries the entropy).
pub fn generate_password() -> String {
    format!(
        "Ce-7{}",
        Alphanumeric.sample_string(&mut rand::thread_rng(), 20)
    )
}

/// Creates the demo accounts that are missing; returns those created.
pub async fn seed_demo(db: &Db, password: &str) -> Result<Vec<&'static DemoAccount>, AppError> {
    let mut created = Vec::new();
    for account in &DEMO_ACCOUNTS {
        if users::find_by_email(db, account.email).await?.is_some() {
            continue;
        }
        let user = parse_new_user(
            account.email,
            account.name,
            account.role.as_str(),
            Some(password),
        )?;
        insert(db, None, user).await?;
        created.push(account);
    }
    Ok(created)
}

/// One published landing page per built-in template, owned by the demo
/// marketer, when there are no landing pages yet; returns how many.
pub async fn seed_landing_pages(db: &Db) -> Result<usize, AppError> {
    let Some(marketer) = users::find_by_email(db, DEMO_ACCOUNTS[1].email).await? else {
        return Ok(0);
    };
    let owner = app::model::auth::CurrentUser {
        id: marketer.id,
        email: marketer.email,
        display_name: marketer.display_name,
        role: Role::Marketer,
    };
    app::services::landing_pages::seed_demo(db, &owner).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::password::NewPassword;

    #[test]
    fn generated_passwords_meet_the_policy() {
        for _ in 0..100 {
            assert!(NewPassword::parse(&generate_password()).is_ok());
        }
    }
}
