use crate::db::consultants::{self, json_list, ConsultantRow};
use crate::db::{audit, media_uploads, Db};
use crate::domain::consultant_form::ConsultantInput;
use crate::domain::lead_fields::IndustryRef;
use crate::domain::list_filters::ConsultantListQuery;
use crate::domain::list_query::page_count;
use crate::domain::media::{may_attach, AttachRefusal, MediaKey, UploadsAllowed};
use crate::domain::new_consultant::NewConsultantInput;
use crate::domain::profile_completeness::{activation_refusal, ProfileFacts};
use crate::domain::role::Role;
use crate::domain::track_record::{StudyTotals, TrackRecord};
use crate::error::{AppError, UniqueConflict};
use crate::model::auth::CurrentUser;
use crate::model::consultant_admin::{
    ConsultantEditorData, ConsultantListItem, ConsultantsOverview,
};

/// The profile `user` may edit with this id: any for admins, only their own
/// for consultants (anything else is 403, so ids cannot be probed).
async fn editable(db: &Db, user: &CurrentUser, id: &str) -> Result<ConsultantRow, AppError> {
    let row = consultants::by_id(db, id).await?;
    match (user.role, row) {
        (Role::Admin, Some(row)) => Ok(row),
        (Role::Admin, None) => Err(AppError::NotFound("That consultant".into())),
        (_, Some(row)) if row.user_id.as_deref() == Some(user.id.as_str()) => Ok(row),
        _ => Err(AppError::Forbidden),
    }
}

#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn overview(
    db: &Db,
    user: &CurrentUser,
    query: &ConsultantListQuery,
) -> Result<ConsultantsOverview, AppError> {
    // Admins page through every profile; a consultant sees only their own.
    let (rows, total, linkable_accounts) = if user.role == Role::Admin {
        let (rows, total) = consultants::list_page(db, query).await?;
        (rows, total, Some(linkable_accounts(db, user).await?))
    } else {
        let own: Vec<_> = consultants::by_user_id(db, &user.id)
            .await?
            .into_iter()
            .collect();
        let total = own.len() as i64;
        (own, total, None)
    };
    Ok(ConsultantsOverview {
        profiles: list_items(rows)?,
        total,
        page: query.page,
        pages: page_count(total),
        linkable_accounts,
    })
}

fn list_items(rows: Vec<ConsultantRow>) -> Result<Vec<ConsultantListItem>, AppError> {
    rows.into_iter()
        .map(|r| {
            Ok(ConsultantListItem {
                activation_refusal: activation_refusal(profile_facts(&r)?),
                name: format!("{} {}", r.first_name, r.last_name),
                title: r.title,
                active: r.active == 1,
                linked: r.user_id.is_some(),
                user_id: r.user_id,
                id: r.id,
            })
        })
        .collect()
}

/// What the publication rule needs to know about a stored profile.
fn profile_facts(row: &ConsultantRow) -> Result<ProfileFacts<'_>, AppError> {
    Ok(ProfileFacts {
        title: &row.title,
        bio: &row.bio_md,
        primary_industries: json_list(&row.primary_industries_json)?.len(),
        specializations: json_list(&row.specializations_json)?.len(),
    })
}

#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn editor(
    db: &Db,
    user: &CurrentUser,
    id: &str,
) -> Result<ConsultantEditorData, AppError> {
    let row = editable(db, user, id).await?;
    let industries = crate::db::case_studies::published_industries(db)
        .await?
        .into_iter()
        .map(|(sic_code, name, _)| IndustryRef { sic_code, name })
        .collect();
    let totals: Vec<StudyTotals> = consultants::published_study_totals(db, Some(&row.id))
        .await?
        .into_iter()
        .map(|(_, totals)| totals)
        .collect();
    let money = |minor: Option<i64>| {
        minor.map_or(String::new(), |m| {
            if m % 100 == 0 {
                (m / 100).to_string()
            } else {
                format!("{}.{:02}", m / 100, m % 100)
            }
        })
    };
    let mut known_specializations: Vec<String> = Vec::new();
    for list in consultants::all_specializations(db).await? {
        for tag in json_list(&list)? {
            if !known_specializations
                .iter()
                .any(|k| k.to_lowercase() == tag.to_lowercase())
            {
                known_specializations.push(tag);
            }
        }
    }
    known_specializations.sort_by_key(|t| t.to_lowercase());
    Ok(ConsultantEditorData {
        industries,
        can_edit_satisfaction: user.role == Role::Admin,
        editing_own: row.user_id.as_deref() == Some(user.id.as_str()),
        known_specializations,
        track_record: TrackRecord::from_totals(&totals, &row.currency),
        input: ConsultantInput {
            specializations: json_list(&row.specializations_json)?.join(", "),
            primary_industries: json_list(&row.primary_industries_json)?.join(", "),
            secondary_industries: json_list(&row.secondary_industries_json)?.join(", "),
            hourly_rate: money(row.hourly_rate_minor),
            consultation_rate: money(row.consultation_rate_minor),
            satisfaction_score: row
                .satisfaction_score
                .map_or(String::new(), |s| format!("{s:.1}")),
            currency: row.currency,
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
            profile_image: row.profile_image.unwrap_or_default(),
        },
        id: row.id,
    })
}

#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn save(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    input: &ConsultantInput,
) -> Result<(), AppError> {
    let current = editable(db, user, id).await?;
    let mut draft = input.parse().map_err(AppError::fields)?;
    if user.role != Role::Admin {
        // Satisfaction comes from client surveys, which admins enter.
        draft.satisfaction_score = current.satisfaction_score;
    }
    if let Some(chosen) = &draft.profile_image {
        check_portrait(db, user, chosen, current.profile_image.as_deref()).await?;
    }
    consultants::update_profile(db, id, &draft).await?;
    audit::record(
        db,
        Some(&user.id),
        "consultant.profile_saved",
        id,
        serde_json::json!({}),
    )
    .await
    .map_err(AppError::from)
}

/// A new portrait must be an upload of the saver's own (portrait keys are in
/// public URLs, so anyone could paste someone else's); admins may use any
/// portrait upload. The stored portrait is always kept.
async fn check_portrait(
    db: &Db,
    user: &CurrentUser,
    chosen: &MediaKey,
    stored: Option<&str>,
) -> Result<(), AppError> {
    let record = media_uploads::find(db, chosen).await?;
    let allowed = if user.role == Role::Admin {
        UploadsAllowed::Anyone
    } else {
        UploadsAllowed::UploadedBy(&user.id)
    };
    may_attach(chosen, stored, record.as_ref(), allowed).map_err(|refusal| {
        AppError::invalid(
            "profile_image",
            match refusal {
                AttachRefusal::NotYours => {
                    "Upload the portrait again; that image is not one of yours."
                }
                AttachRefusal::NotAnUpload => {
                    "Upload the portrait again; that image was not uploaded here."
                }
            },
        )
    })
}

fn require_admin(user: &CurrentUser) -> Result<(), AppError> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Admins: a new profile (hidden until complete) from a name, an email and a title.
#[tracing::instrument(skip_all, fields(user_id = %user.id), err(Debug, level = "info"))]
pub async fn create(
    db: &Db,
    user: &CurrentUser,
    input: &NewConsultantInput,
) -> Result<String, AppError> {
    require_admin(user)?;
    let new = input.parse().map_err(AppError::fields)?;
    let id = consultants::create(db, &new)
        .await
        .or_conflict("email", "Another consultant profile has this email.")?;
    audit::record(
        db,
        Some(&user.id),
        "consultant.created",
        &id,
        serde_json::json!({ "email": new.email.as_str() }),
    )
    .await?;
    Ok(id)
}

/// Admins: hide a profile from the public pages and from lead routing (or show it again).
#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn set_active(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    active: bool,
) -> Result<(), AppError> {
    require_admin(user)?;
    if active {
        let row = consultants::by_id(db, id)
            .await?
            .ok_or_else(|| AppError::NotFound("That consultant".into()))?;
        if let Some(refusal) = activation_refusal(profile_facts(&row)?) {
            return Err(AppError::invalid("active", refusal));
        }
    }
    if !consultants::set_active(db, id, active).await? {
        return Err(AppError::NotFound("That consultant".into()));
    }
    audit::record(
        db,
        Some(&user.id),
        if active {
            "consultant.activated"
        } else {
            "consultant.deactivated"
        },
        id,
        serde_json::json!({}),
    )
    .await
    .map_err(AppError::from)
}

/// Admins: delete a profile created by mistake. One with case studies or
/// leads is refused (409): deactivating it keeps their history intact.
#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn delete(db: &Db, user: &CurrentUser, id: &str) -> Result<(), AppError> {
    require_admin(user)?;
    match consultants::delete_unused(db, id).await? {
        consultants::Deletion::Deleted => audit::record(
            db,
            Some(&user.id),
            "consultant.deleted",
            id,
            serde_json::json!({}),
        )
        .await
        .map_err(AppError::from),
        consultants::Deletion::NotFound => Err(AppError::NotFound("That consultant".into())),
        consultants::Deletion::InUse {
            case_studies,
            leads,
        } => Err(AppError::conflict(
            "id",
            format!(
                "This profile is on {case_studies} case stud{} and {leads} lead{}, so it cannot be \
                 deleted without losing who did the work. Deactivate it instead: it leaves the \
                 public pages and gets no new leads.",
                if case_studies == 1 { "y" } else { "ies" },
                if leads == 1 { "" } else { "s" },
            ),
        )),
    }
}

/// Admins: link a profile to a consultant account (who may then edit it and
/// work its leads), or unlink it with an empty `user_id`.
#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn link_account(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    user_id: &str,
) -> Result<(), AppError> {
    require_admin(user)?;
    let user_id = user_id.trim();
    let target = if user_id.is_empty() {
        None
    } else {
        let accounts = consultants::consultant_accounts(db).await?;
        if !accounts.iter().any(|(account, _, _)| account == user_id) {
            return Err(AppError::invalid(
                "user_id",
                "Choose an active consultant account.",
            ));
        }
        Some(user_id)
    };
    let linked = consultants::set_user(db, id, target).await.or_conflict(
        "user_id",
        "That account is already linked to another profile.",
    )?;
    if !linked {
        return Err(AppError::NotFound("That consultant".into()));
    }
    audit::record(
        db,
        Some(&user.id),
        "consultant.account_linked",
        id,
        serde_json::json!({ "user_id": target }),
    )
    .await
    .map_err(AppError::from)
}

/// Admins: the accounts a profile may be linked to, as (id, "Name <email>").
async fn linkable_accounts(db: &Db, user: &CurrentUser) -> Result<Vec<(String, String)>, AppError> {
    require_admin(user)?;
    Ok(consultants::consultant_accounts(db)
        .await?
        .into_iter()
        .map(|(id, name, email)| (id, format!("{name} <{email}>")))
        .collect())
}
