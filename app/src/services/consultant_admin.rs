use crate::api::auth::CurrentUser;
use crate::api::consultant_admin::{ConsultantEditorData, ConsultantListItem};
use crate::auth::current::state;
use crate::db::consultants::{self, json_list, ConsultantRow};
use crate::db::{audit, Db};
use crate::domain::consultant_form::ConsultantInput;
use crate::domain::role::Role;
use crate::error::{AppError, FieldError};

/// The profile `user` may edit with this id: any for admins, only their own
/// for consultants (anything else is 403, so ids cannot be probed).
async fn editable(db: &Db, user: &CurrentUser, id: &str) -> Result<ConsultantRow, AppError> {
    let row = consultants::by_id(db, id)
        .await
        .map_err(AppError::internal)?;
    match (user.role, row) {
        (Role::Admin, Some(row)) => Ok(row),
        (Role::Admin, None) => Err(AppError::NotFound("That consultant".into())),
        (_, Some(row)) if row.user_id.as_deref() == Some(user.id.as_str()) => Ok(row),
        _ => Err(AppError::Forbidden),
    }
}

pub async fn list(user: &CurrentUser) -> Result<Vec<ConsultantListItem>, AppError> {
    let db = state()?.db;
    let rows = if user.role == Role::Admin {
        consultants::list_all(&db).await
    } else {
        consultants::by_user_id(&db, &user.id)
            .await
            .map(|r| r.into_iter().collect())
    }
    .map_err(AppError::internal)?;
    Ok(rows
        .into_iter()
        .map(|r| ConsultantListItem {
            name: format!("{} {}", r.first_name, r.last_name),
            title: r.title,
            active: r.active == 1,
            linked: r.user_id.is_some(),
            id: r.id,
        })
        .collect())
}

pub async fn editor(user: &CurrentUser, id: &str) -> Result<ConsultantEditorData, AppError> {
    let db = state()?.db;
    let row = editable(&db, user, id).await?;
    Ok(ConsultantEditorData {
        input: ConsultantInput {
            specializations: json_list(&row.specializations_json)
                .map_err(AppError::internal)?
                .join(", "),
            first_name: row.first_name,
            last_name: row.last_name,
            title: row.title,
            bio: row.bio_md,
            phone: row.phone.unwrap_or_default(),
            years_experience: row.years_experience.to_string(),
            capacity_pct: row.capacity_pct.to_string(),
            available_for_new_clients: if row.available_for_new_clients == 1 {
                "true".into()
            } else {
                String::new()
            },
            preferred_contact: row.preferred_contact,
            calendar_url: row.calendar_url.unwrap_or_default(),
            linkedin_url: row.linkedin_url.unwrap_or_default(),
        },
        id: row.id,
    })
}

pub async fn save(user: &CurrentUser, id: &str, input: &ConsultantInput) -> Result<(), AppError> {
    let db = state()?.db;
    editable(&db, user, id).await?;
    let draft = input.parse().map_err(|errors| {
        AppError::Invalid(
            errors
                .into_iter()
                .map(|(field, message)| FieldError { field, message })
                .collect(),
        )
    })?;
    consultants::update_profile(&db, id, &draft)
        .await
        .map_err(AppError::internal)?;
    audit::record(
        &db,
        Some(&user.id),
        "consultant.profile_saved",
        id,
        serde_json::json!({}),
    )
    .await
    .map_err(AppError::internal)
}
