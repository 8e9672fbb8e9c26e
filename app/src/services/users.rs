use crate::auth::password_hash;
use crate::db::users::{self, RoleChange, UserRow};
use crate::db::{audit, Db};
use crate::domain::display_name::DisplayName;
use crate::domain::email::EmailAddress;
use crate::domain::list_filters::UserListQuery;
use crate::domain::list_query::page_count;
use crate::domain::password::NewPassword;
use crate::domain::role::Role;
use crate::error::{AppError, FieldError, UniqueConflict};
use crate::model::auth::CurrentUser;
use crate::model::users::{CreatedUser, UnsentEmail, UserDirectory, UserSummary};

fn summary(row: UserRow) -> Result<UserSummary, AppError> {
    Ok(UserSummary {
        role: row.role()?,
        active: row.is_active(),
        id: row.id,
        email: row.email,
        display_name: row.display_name,
        created_at_ms: row.created_at,
        last_login_at_ms: row.last_login_at,
    })
}

#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn list(
    db: &Db,
    viewer: &CurrentUser,
    query: &UserListQuery,
) -> Result<UserDirectory, AppError> {
    let (rows, total) = users::list_page(db, query).await?;
    let unsent_emails = crate::db::outbound_emails::unsent(db, 20)
        .await?
        .into_iter()
        .map(|e| UnsentEmail {
            to_address: e.to_address,
            subject: e.subject,
            body_text: e.body_text,
            created_at_ms: e.created_at,
        })
        .collect();
    Ok(UserDirectory {
        unsent_emails,
        users: rows.into_iter().map(summary).collect::<Result<_, _>>()?,
        viewer_id: viewer.id.clone(),
        total,
        page: query.page,
        pages: page_count(total),
    })
}

/// A new user's fields, parsed: every problem is reported at once, per field.
pub struct ValidNewUser {
    pub email: EmailAddress,
    pub display_name: DisplayName,
    pub role: Role,
    /// `None` for an invited user, who chooses their own through a link.
    pub password: Option<NewPassword>,
}

pub fn parse_new_user(
    email: &str,
    display_name: &str,
    role: &str,
    password: Option<&str>,
) -> Result<ValidNewUser, AppError> {
    let mut errors = Vec::new();
    let mut field = |name: &str, message: String| {
        errors.push(FieldError {
            field: name.to_string(),
            message,
        })
    };
    let email = EmailAddress::parse(email)
        .map_err(|e| field("email", e.to_string()))
        .ok();
    let display_name = DisplayName::parse(display_name)
        .map_err(|e| field("display_name", e.to_string()))
        .ok();
    let role = Role::parse(role)
        .map_err(|e| field("role", e.to_string()))
        .ok();
    let password = match password {
        None => Some(None),
        Some(password) => NewPassword::parse(password)
            .map_err(|e| field("password", e.message()))
            .ok()
            .map(Some),
    };
    match (email, display_name, role, password) {
        (Some(email), Some(display_name), Some(role), Some(password)) => Ok(ValidNewUser {
            email,
            display_name,
            role,
            password,
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Stores a parsed user; used by the admin UI and by the `create-user` command.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn insert(
    db: &Db,
    actor: Option<&CurrentUser>,
    user: ValidNewUser,
) -> Result<UserSummary, AppError> {
    let hash = match &user.password {
        Some(password) => password_hash::hash(password).await?,
        // Nobody knows a password for this hash: the account cannot sign in
        // until its owner sets one through their invitation link.
        None => {
            let unguessable = NewPassword::parse(&format!(
                "Aa1!{}",
                crate::auth::session_token::generate().token
            ))
            .map_err(|e| AppError::internal(e.message()))?;
            password_hash::hash(&unguessable).await?
        }
    };
    let row = users::insert(
        db,
        users::NewUser {
            email: user.email.as_str(),
            display_name: user.display_name.as_str(),
            role: user.role,
            password_hash: &hash,
        },
    )
    .await
    .or_conflict(
        "email",
        format!("A user with the email {} already exists.", user.email),
    )?;
    audit::record(
        db,
        actor.map(|a| a.id.as_str()),
        "user.created",
        &row.id,
        serde_json::json!({ "role": row.role }),
    )
    .await?;
    summary(row)
}

/// Admins: a new account without a password, and its invitation link (a
/// week, once), which is also written as an email to the person.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub async fn invite(
    db: &Db,
    public_url: &str,
    admin: &CurrentUser,
    email: &str,
    display_name: &str,
    role: &str,
) -> Result<CreatedUser, AppError> {
    let user = parse_new_user(email, display_name, role, None)?;
    let user = insert(db, Some(admin), user).await?;
    let invite = crate::services::password_links::link_for(
        db,
        public_url,
        admin,
        &user.id,
        crate::domain::password_link::LinkPurpose::Invite,
    )
    .await?;
    crate::db::outbound_emails::insert(
        db,
        crate::db::outbound_emails::NewEmail {
            to_address: &user.email,
            subject: "You are invited to Causal Edge",
            body_text: &format!(
                "Hello {name},\n\n{admin} has made you a Causal Edge account ({role}).\n\
                 Choose your password here; the link works once, for {valid}:\n\n{url}\n",
                name = user.display_name,
                admin = admin.display_name,
                role = user.role.label().to_lowercase(),
                valid = invite.valid_for,
                url = invite.url,
            ),
            kind: "invitation",
            ..Default::default()
        },
    )
    .await?;
    Ok(CreatedUser { user, invite })
}

pub enum Change {
    Role(Role),
    Active(bool),
}

/// Changes another user's role or active flag. Admins cannot change their own
/// (so nobody locks themselves out by accident), and the last active admin stays.
#[tracing::instrument(skip_all, fields(id = %id, actor_id = %actor.id), err(Debug, level = "info"))]
pub async fn update(
    db: &Db,
    actor: &CurrentUser,
    id: &str,
    change: Change,
) -> Result<(), AppError> {
    if actor.id == id {
        return Err(AppError::invalid(
            "id",
            "You cannot change your own role or deactivate yourself; ask another admin.",
        ));
    }
    let current = users::find_by_id(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("That user".into()))?;
    let (role, active, action) = match change {
        Change::Role(role) => (role, current.is_active(), "user.role_changed"),
        Change::Active(active) => (
            current.role()?,
            active,
            if active {
                "user.reactivated"
            } else {
                "user.deactivated"
            },
        ),
    };
    match users::update_role_and_active(db, id, role, active).await? {
        RoleChange::Done => {}
        RoleChange::NoSuchUser => return Err(AppError::NotFound("That user".into())),
        RoleChange::WouldRemoveLastAdmin => {
            return Err(AppError::invalid(
                "id",
                "At least one active admin must remain.",
            ))
        }
    }
    audit::record(
        db,
        Some(&actor.id),
        action,
        id,
        serde_json::json!({ "role": role.as_str(), "active": active }),
    )
    .await
    .map_err(AppError::from)
}
