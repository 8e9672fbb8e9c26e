//! What staff do to a lead: move it along the sales process, add notes,
//! set its values, give it to another consultant.

use super::full_name;
use super::scope::visible_lead;
use crate::db::lead_workspace as db_ws;
use crate::db::leads::NewInteraction;
use crate::db::{consultants as db_consultants, Db};
use crate::domain::lead_fields::LeadStatus;
use crate::domain::role::Role;
use crate::domain::status_change;
use crate::error::AppError;
use crate::model::auth::CurrentUser;

fn note_text(note: &str) -> Result<Option<String>, AppError> {
    let note = note.trim();
    if note.chars().count() > 2000 {
        return Err(AppError::invalid(
            "note",
            "Keep the note under 2,000 characters.",
        ));
    }
    Ok((!note.is_empty()).then(|| note.to_string()))
}

/// Where an undo by `user` would take the lead (their own change, recent,
/// and still the lead's status), if anywhere.
pub(super) async fn undo_target_for(
    db: &Db,
    user: &CurrentUser,
    lead_id: &str,
    current: LeadStatus,
) -> Result<Option<(LeadStatus, i64)>, AppError> {
    let Some((detail, actor, at_ms)) = db_ws::last_status_change(db, lead_id).await? else {
        return Ok(None);
    };
    let Some((from, to)) = status_change::parse(&detail) else {
        return Ok(None);
    };
    let last = status_change::LastChange {
        from,
        to,
        by_asker: actor.as_deref() == Some(user.id.as_str()),
        at_ms,
    };
    Ok(status_change::undo_target(last, current, crate::db::now_ms()).map(|back| (back, at_ms)))
}

/// Takes back the user's own latest status change (within ten minutes,
/// while the lead is still where they put it).
#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn undo_status(db: &Db, user: &CurrentUser, id: &str) -> Result<(), AppError> {
    let (_, row) = visible_lead(db, user, id).await?;
    let current =
        LeadStatus::parse(&row.status).ok_or_else(|| AppError::internal("bad lead status"))?;
    let Some((back_to, changed_at)) = undo_target_for(db, user, id, current).await? else {
        return Err(AppError::conflict(
            "status",
            "There is no change of yours to undo here: undo works for ten minutes after your own status change.",
        ));
    };
    let undone = db_ws::undo_status(
        db,
        id,
        current.as_str(),
        back_to.as_str(),
        changed_at,
        status_entry(user, status_change::describe_undo(current, back_to)),
        &status_event(id, current, back_to, user),
    )
    .await?;
    moved_or_conflict(undone)
}

/// The timeline entry of a status change (or its undo) by `user`.
fn status_entry(user: &CurrentUser, detail: String) -> NewInteraction<'static> {
    NewInteraction {
        kind: "status_change",
        detail,
        actor_user_id: Some(user.id.clone()),
        ..NewInteraction::default()
    }
}

/// The `lead.status_changed` webhook body.
fn status_event(id: &str, from: LeadStatus, to: LeadStatus, user: &CurrentUser) -> String {
    crate::services::webhooks::lead_payload(
        crate::domain::webhooks::WebhookEvent::LeadStatusChanged,
        id,
        serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "changed_by": user.display_name }),
    )
}

/// The `lead.updated` webhook body.
fn updated_event(id: &str, changes: serde_json::Value) -> String {
    crate::services::webhooks::lead_payload(
        crate::domain::webhooks::WebhookEvent::LeadUpdated,
        id,
        changes,
    )
}

/// A guarded status write that found the lead elsewhere was beaten to it.
fn moved_or_conflict(moved: bool) -> Result<(), AppError> {
    if moved {
        Ok(())
    } else {
        Err(AppError::conflict(
            "status",
            "Someone else changed this lead's status just now; reload to see it.",
        ))
    }
}

/// Moves a lead along the sales process (only to a status the flow allows).
#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn set_status(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    target: &str,
    note: &str,
) -> Result<(), AppError> {
    let (_, row) = visible_lead(db, user, id).await?;
    let current =
        LeadStatus::parse(&row.status).ok_or_else(|| AppError::internal("bad lead status"))?;
    let target = LeadStatus::parse(target)
        .ok_or_else(|| AppError::invalid("status", "Choose a status from the list."))?;
    if !current.can_move_to(target) {
        return Err(AppError::invalid(
            "status",
            format!(
                "A lead that is {} cannot move to {}.",
                current.label().to_lowercase(),
                target.label().to_lowercase()
            ),
        ));
    }
    let note = note_text(note)?;
    let detail = status_change::describe(current, target, note.as_deref());
    let closing_reason = matches!(target, LeadStatus::Lost | LeadStatus::Won)
        .then(|| note.clone())
        .flatten();
    let moved = db_ws::set_status(
        db,
        id,
        current.as_str(),
        target.as_str(),
        closing_reason.as_deref(),
        status_entry(user, detail),
        &status_event(id, current, target, user),
    )
    .await?;
    moved_or_conflict(moved)
}

#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn add_note(db: &Db, user: &CurrentUser, id: &str, note: &str) -> Result<(), AppError> {
    visible_lead(db, user, id).await?;
    let note =
        note_text(note)?.ok_or_else(|| AppError::invalid("note", "Write the note first."))?;
    db_ws::add_note(
        db,
        id,
        NewInteraction {
            kind: "note",
            detail: note,
            actor_user_id: Some(user.id.clone()),
            ..NewInteraction::default()
        },
    )
    .await
    .map_err(AppError::from)
}

/// "12,500" or "£12.5k"-style amounts in pounds → minor units; blank → None.
fn money(field: &str, text: &str) -> Result<Option<i64>, AppError> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..1e12).contains(&v) => Ok(Some((v * 100.0).round() as i64)),
        _ => Err(AppError::invalid(
            field,
            "Enter an amount in pounds, e.g. 45,000.",
        )),
    }
}

#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn set_values(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    estimated: &str,
    actual: &str,
) -> Result<(), AppError> {
    visible_lead(db, user, id).await?;
    let (est, act) = match (
        money("estimated_value", estimated),
        money("actual_value", actual),
    ) {
        (Ok(e), Ok(a)) => (e, a),
        (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
            a.extend(b);
            return Err(AppError::Invalid(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let show = |v: Option<i64>| {
        v.map_or("—".to_string(), |m| {
            format!(
                "£{}",
                crate::domain::lift::group_thousands(m as f64 / 100.0)
            )
        })
    };
    db_ws::set_values(
        db,
        id,
        est,
        act,
        NewInteraction {
            kind: "value_change",
            detail: format!("Estimated value {}, actual value {}", show(est), show(act)),
            actor_user_id: Some(user.id.clone()),
            ..NewInteraction::default()
        },
        &updated_event(
            id,
            serde_json::json!({
                "estimated_value_minor": est,
                "actual_value_minor": act,
                "changed_by": user.display_name,
            }),
        ),
    )
    .await
    .map_err(AppError::from)
}

/// Admins only: gives the lead to another active consultant.
#[tracing::instrument(skip_all, fields(id = %id, user_id = %user.id), err(Debug, level = "info"))]
pub async fn reassign(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    consultant_id: &str,
) -> Result<(), AppError> {
    if user.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    visible_lead(db, user, id).await?;
    let consultant = db_consultants::by_id(db, consultant_id)
        .await?
        .filter(|c| c.active == 1)
        .ok_or_else(|| AppError::invalid("consultant_id", "Choose an active consultant."))?;
    db_ws::reassign(
        db,
        id,
        &consultant.id,
        NewInteraction {
            kind: "assignment",
            detail: format!(
                "Reassigned to {}",
                full_name(&consultant.first_name, &consultant.last_name)
            ),
            actor_user_id: Some(user.id.clone()),
            ..NewInteraction::default()
        },
        &updated_event(
            id,
            serde_json::json!({
                "assigned_consultant_id": consultant.id,
                "changed_by": user.display_name,
            }),
        ),
    )
    .await
    .map_err(AppError::from)
}

#[cfg(test)]
mod tests {
    use super::{money, note_text};
    use crate::error::AppError;

    #[test]
    fn amounts_in_pounds_become_minor_units() {
        assert_eq!(money("v", "").unwrap(), None);
        assert_eq!(money("v", " £12,500 ").unwrap(), Some(1_250_000));
        assert_eq!(money("v", "0.5").unwrap(), Some(50));
        for bad in ["-1", "abc", "1e12", "NaN", "inf"] {
            assert!(
                matches!(money("v", bad), Err(AppError::Invalid(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn notes_are_trimmed_blank_is_none_and_long_is_refused() {
        assert_eq!(note_text("  hi  ").unwrap(), Some("hi".to_string()));
        assert_eq!(note_text("   ").unwrap(), None);
        assert!(note_text(&"x".repeat(2000)).is_ok());
        assert!(note_text(&"x".repeat(2001)).is_err());
    }
}
