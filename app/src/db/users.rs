use super::{new_id, now_ms, Db};
use crate::domain::role::Role;
use sqlx::FromRow;

/// A `users` row as stored. Converted into wire types before leaving the server.
#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    pub active: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_login_at: Option<i64>,
}

impl UserRow {
    /// The stored role; the CHECK constraint makes an unknown value a corrupted row.
    pub fn role(&self) -> Result<Role, sqlx::Error> {
        Role::parse(&self.role).map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }

    pub fn is_active(&self) -> bool {
        self.active == 1
    }
}

/// The column list of [`UserRow`], as a macro so queries stay string literals.
macro_rules! user_columns {
    () => {
        "id, email, display_name, role, password_hash, active, created_at, updated_at, last_login_at"
    };
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
}

pub async fn insert(db: &Db, user: NewUser<'_>) -> Result<UserRow, sqlx::Error> {
    let _turn = db.write_turn().await;
    let now = now_ms();
    let row = UserRow {
        id: new_id(),
        email: user.email.to_string(),
        display_name: user.display_name.to_string(),
        role: user.role.as_str().to_string(),
        password_hash: user.password_hash.to_string(),
        active: 1,
        created_at: now,
        updated_at: now,
        last_login_at: None,
    };
    sqlx::query(
        "INSERT INTO users (id, email, display_name, role, password_hash, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&row.id)
    .bind(&row.email)
    .bind(&row.display_name)
    .bind(&row.role)
    .bind(&row.password_hash)
    .bind(row.active)
    .bind(row.created_at)
    .bind(row.updated_at)
    .execute(&db.pool)
    .await?;
    Ok(row)
}

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as::<_, UserRow>(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users WHERE email = $1"
    ))
    .bind(email)
    .fetch_optional(&db.pool)
    .await
}

pub async fn find_by_id(db: &Db, id: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as::<_, UserRow>(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// One page of the users list (active first, then by role and email) and how
/// many match: the search looks in the name and email.
pub async fn list_page(
    db: &Db,
    query: &crate::domain::list_filters::UserListQuery,
) -> Result<(Vec<UserRow>, i64), sqlx::Error> {
    use crate::domain::list_filters::UserShow;
    let filter =
        "($1 = '' OR lower(display_name) LIKE $1 ESCAPE '\\' OR lower(email) LIKE $1 ESCAPE '\\') \
                  AND ($2 = '' OR (role = $2 AND active = 1)) AND ($3 = 0 OR active = 0)";
    let pattern = query.like_pattern();
    let (role, deactivated) = match query.filter {
        Some(UserShow::Role(role)) => (role.as_str(), 0_i64),
        Some(UserShow::Deactivated) => ("", 1),
        None => ("", 0),
    };
    let rows = sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM users WHERE {filter} ORDER BY active DESC, role, email LIMIT $4 OFFSET $5",
        user_columns!()
    )))
    .bind(&pattern)
    .bind(role)
    .bind(deactivated)
    .bind(crate::domain::list_query::PAGE_SIZE)
    .bind(query.offset())
    .fetch_all(&db.pool)
    .await?;
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM users WHERE {filter}"
    )))
    .bind(&pattern)
    .bind(role)
    .bind(deactivated)
    .fetch_one(&db.pool)
    .await?;
    Ok((rows, total))
}

/// Notes a successful sign-in.
pub async fn record_login(db: &Db, id: &str, at_ms: i64) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
        .bind(at_ms)
        .bind(id)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await
}

/// Changes a user's role and active flag in one transaction that also checks
/// at least one active admin remains, so concurrent edits cannot lock everyone out.
pub async fn update_role_and_active(
    db: &Db,
    id: &str,
    role: Role,
    active: bool,
) -> Result<RoleChange, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let updated =
        sqlx::query("UPDATE users SET role = $1, active = $2, updated_at = $3 WHERE id = $4")
            .bind(role.as_str())
            .bind(active as i64)
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
    if updated.rows_affected() == 0 {
        return Ok(RoleChange::NoSuchUser);
    }
    let admins: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1")
            .fetch_one(&mut *tx)
            .await?;
    if admins == 0 {
        tx.rollback().await?;
        return Ok(RoleChange::WouldRemoveLastAdmin);
    }
    if !active {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(RoleChange::Done)
}

#[derive(Debug, PartialEq, Eq)]
pub enum RoleChange {
    Done,
    NoSuchUser,
    WouldRemoveLastAdmin,
}

pub async fn update_password_hash(db: &Db, id: &str, hash: &str) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now_ms())
        .bind(id)
        .execute(&db.pool)
        .await
        .map(|_| ())
}
