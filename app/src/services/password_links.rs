//! Setting a password through a one-time link: admins make invitation and
//! reset links, staff who forgot their password ask for one by email, and
//! whoever holds a live link chooses a new password.

use crate::auth::{password_hash, session_token};
use crate::db::outbound_emails::{self, NewEmail};
use crate::db::{audit, now_ms, password_links, users, Db};
use crate::domain::email::EmailAddress;
use crate::domain::password::NewPassword;
use crate::domain::password_link::{self, LinkPurpose, DEAD_LINK};
use crate::domain::rate_limit::RateLimit;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::users::PasswordLink;
use crate::services::context::RequestContext;

/// Reset requests per client address, and per email address asked about.
const RESETS_PER_ADDRESS: RateLimit = RateLimit {
    scope: "reset_address_hour",
    limit: 10,
    window_secs: 3600,
};
const RESETS_PER_EMAIL: RateLimit = RateLimit {
    scope: "reset_email_hour",
    limit: 3,
    window_secs: 3600,
};

/// A fresh link for `user_id`; any older unused link stops working.
async fn issue(
    db: &Db,
    public_url: &str,
    user_id: &str,
    purpose: LinkPurpose,
    asked_by_owner: bool,
) -> Result<PasswordLink, AppError> {
    let token = session_token::generate();
    let lifetime = password_link::lifetime_ms(purpose, asked_by_owner);
    password_links::replace(db, user_id, &token.hash, purpose, now_ms() + lifetime).await?;
    Ok(PasswordLink {
        url: format!("{public_url}{}", password_link::path(&token.token)),
        valid_for: password_link::lifetime_words(lifetime),
    })
}

/// Admins: a link for someone else to set their password (an invitation
/// for an account that never had one, else a reset). Audited.
#[tracing::instrument(skip_all, fields(user_id = %user_id), err(Debug, level = "info"))]
pub async fn link_for(
    db: &Db,
    public_url: &str,
    admin: &CurrentUser,
    user_id: &str,
    purpose: LinkPurpose,
) -> Result<PasswordLink, AppError> {
    let row = users::find_by_id(db, user_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That user".into()))?;
    if !row.is_active() {
        return Err(AppError::invalid(
            "id",
            "Reactivate the account first; a deactivated account cannot sign in.",
        ));
    }
    let link = issue(db, public_url, &row.id, purpose, false).await?;
    audit::record(
        db,
        Some(&admin.id),
        "user.password_link_created",
        &row.id,
        serde_json::json!({ "purpose": purpose.as_str() }),
    )
    .await?;
    Ok(link)
}

/// "Forgot your password?": the same answer whether or not the address has
/// an account. For an active account, a one-hour link is written as an email
/// (sent once a mail transport is configured; until then admins see it).
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn request_reset(
    db: &Db,
    ctx: &RequestContext,
    public_url: &str,
    email: &str,
) -> Result<(), AppError> {
    let email =
        EmailAddress::parse(email).map_err(|e| AppError::invalid("email", e.to_string()))?;
    crate::services::rate_limit::enforce(db, &[RESETS_PER_ADDRESS], &ctx.client_ip).await?;
    crate::services::rate_limit::enforce(db, &[RESETS_PER_EMAIL], email.as_str()).await?;
    let Some(row) = users::find_by_email(db, email.as_str()).await? else {
        tracing::info!("password reset asked for an address without an account");
        return Ok(());
    };
    if !row.is_active() {
        return Ok(());
    }
    let link = issue(db, public_url, &row.id, LinkPurpose::Reset, true).await?;
    let body = format!(
        "Hello {name},\n\nSomeone (we hope you) asked to reset the password of your Causal Edge account.\n\
         Choose a new one here; the link works once, for {valid}:\n\n{url}\n\n\
         If you did not ask, ignore this email: your password stays as it is.\n",
        name = row.display_name,
        valid = link.valid_for,
        url = link.url,
    );
    outbound_emails::insert(
        db,
        NewEmail {
            to_address: &row.email,
            subject: "Reset your Causal Edge password",
            body_text: &body,
            kind: "password_reset",
            ..Default::default()
        },
    )
    .await?;
    audit::record(
        db,
        None,
        "user.password_reset_requested",
        &row.id,
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// What the set-password page needs to know about a link: whose it is and
/// what for. A dead link (unknown, used, expired) is a 422 on `token` with one message.
pub async fn inspect(db: &Db, token: &str) -> Result<(String, LinkPurpose), AppError> {
    if !crate::domain::secret_token::is_well_formed(token) {
        return Err(AppError::invalid("token", DEAD_LINK));
    }
    let found = password_links::find_live(db, &session_token::hash_token(token)).await?;
    match found {
        Some((_, email, purpose)) => Ok((
            email,
            LinkPurpose::parse(&purpose)
                .ok_or_else(|| AppError::internal("unknown link purpose"))?,
        )),
        None => Err(AppError::invalid("token", DEAD_LINK)),
    }
}

/// Sets the password through a live link, which then stops working; every
/// session of the person ends. Returns their email, for the login form.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn set_password(
    db: &Db,
    token: &str,
    new_password: &str,
    confirm_password: &str,
) -> Result<String, AppError> {
    let (email, _) = inspect(db, token).await?;
    let new_password = NewPassword::parse(new_password)
        .map_err(|e| AppError::invalid("new_password", e.message()))?;
    if new_password.expose() != confirm_password {
        return Err(AppError::invalid(
            "confirm_password",
            "The two passwords do not match.",
        ));
    }
    let hash = password_hash::hash(&new_password).await?;
    let used = password_links::use_link(db, &session_token::hash_token(token), &hash).await?;
    let Some(user_id) = used else {
        // Used in another tab between the check and now.
        return Err(AppError::invalid("token", DEAD_LINK));
    };
    audit::record(
        db,
        Some(&user_id),
        "user.password_set_by_link",
        &user_id,
        serde_json::json!({}),
    )
    .await?;
    Ok(email)
}
