//! Experiments on landing pages: create one from a published page (the
//! control is the page, a variant a copy with texts changed), set arms and
//! weights while it is a draft, run it through its status flow, assign
//! visitors when the page renders, and read out the results. Callers have
//! checked the role; editing needs an editor (`require_editor` below is the
//! service's own guard for writes that REST or the CLI may call).

use crate::db::experiments::{
    self as db_exp, ArmRow, ArmWrite, ExperimentRow, NewArm, NewExperiment,
};
use crate::db::landing_pages as db_pages;
use crate::db::{audit, new_id, now_ms, Db};
use crate::domain::experiments::events::{calls_to_action, goal_label};
use crate::domain::experiments::readout::{read_out, ArmCount, Call, Readout};
use crate::domain::experiments::tally::{self, DayTally};
use crate::domain::experiments::variant_text::{changeable_texts, text_changes, with_text};
use crate::domain::experiments::{
    choose_variant, in_coverage, parse_arms, Action, ArmPlan, DeviceClass, Engine, Goal, Status,
    Targeting, Visit, MAX_ARMS,
};
use crate::domain::page_document::{parse_document, Document, NodeId};
use crate::error::{AppError, FieldError};
use crate::model::auth::CurrentUser;
use crate::model::experiments::{
    ArmDetail, ArmsInput, DailyTotals, Decision, ExperimentDetail, ExperimentList,
    ExperimentSummary, MetricResult, MetricRole, NewExperimentInput, PageChoice, TextBlock,
    VariantEditor,
};
use crate::services::context::{Cookies, RequestContext};
use crate::services::visitor::Client;

const EXPERIMENT: &str = "That experiment";
/// Arm keys by position: the control, then b, c, d.
const ARM_KEYS: [&str; MAX_ARMS] = ["control", "b", "c", "d"];
/// The smallest lift worth detecting when the form leaves it empty.
pub const DEFAULT_MDE_PCT: u32 = 20;

fn fields(problems: Vec<(String, String)>) -> AppError {
    AppError::Invalid(
        problems
            .into_iter()
            .map(|(field, message)| FieldError { field, message })
            .collect(),
    )
}

fn status_of(row: &ExperimentRow) -> Result<Status, AppError> {
    Status::parse(&row.status)
        .ok_or_else(|| AppError::internal(format!("unknown experiment status {}", row.status)))
}

fn goal_of(row: &ExperimentRow) -> Goal {
    Goal::parse(&row.goal).unwrap_or(Goal::LeadSubmitted)
}

fn engine_of(row: &ExperimentRow) -> Engine {
    Engine::parse(&row.engine).unwrap_or(Engine::Sequential)
}

/// The plan stored as JSON: who takes part and the smallest lift worth
/// detecting (which sizes the planned sample).
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct StoredPlan {
    #[serde(default)]
    targeting: Targeting,
    #[serde(default)]
    mde_pct: Option<u32>,
}

fn plan_of(row: &ExperimentRow) -> StoredPlan {
    serde_json::from_str(&row.plan_json).unwrap_or_default()
}

async fn row(db: &Db, id: &str) -> Result<ExperimentRow, AppError> {
    db_exp::get(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(EXPERIMENT.to_string()))
}

/// `goal_label`: the goal's name (the detail names a click goal by its
/// button's text, which needs the page).
fn summary(
    row: &ExperimentRow,
    goal_label: String,
    visitors: i64,
    arms: usize,
) -> Result<ExperimentSummary, AppError> {
    Ok(ExperimentSummary {
        id: row.id.clone(),
        name: row.name.clone(),
        page_title: row.page_title.clone(),
        page_slug: row.page_slug.clone(),
        status: status_of(row)?,
        goal_label,
        engine: engine_of(row),
        arms,
        visitors,
        started_at_ms: row.started_at,
        ended_at_ms: row.ended_at,
    })
}

pub async fn list(db: &Db, can_edit: bool) -> Result<ExperimentList, AppError> {
    let rows = db_exp::list(db).await?;
    let totals = db_exp::exposure_totals(db).await?;
    let choices: Vec<PageChoice> = db_pages::published(db)
        .await?
        .into_iter()
        .map(|(id, slug, json, _)| {
            let document = parse_document(&json).ok();
            let title = document
                .as_ref()
                .map(|d| d.settings.title.clone())
                .unwrap_or_else(|| slug.clone());
            let ctas = document.as_ref().map(calls_to_action).unwrap_or_default();
            PageChoice {
                id,
                title,
                slug,
                ctas,
            }
        })
        .collect();
    let mut experiments = Vec::with_capacity(rows.len());
    for row in &rows {
        let visitors = totals
            .iter()
            .find(|(id, _)| *id == row.id)
            .map_or(0, |(_, n)| *n);
        // A click goal is named by its button on the published page.
        let ctas = choices
            .iter()
            .find(|c| c.id == row.page_id)
            .map_or(&[][..], |c| &c.ctas[..]);
        experiments.push(summary(
            row,
            goal_label(&goal_of(row), ctas),
            visitors,
            row.arm_count as usize,
        )?);
    }
    Ok(ExperimentList {
        experiments,
        pages: choices,
        can_edit,
    })
}

/// The page's published document, or a refusal on `field`.
async fn published_document(db: &Db, page_id: &str, field: &str) -> Result<Document, AppError> {
    let page = db_pages::get(db, page_id)
        .await?
        .ok_or_else(|| AppError::invalid(field, "Choose a landing page."))?;
    match (&page.status[..], page.published_json) {
        ("published", Some(json)) => crate::services::landing_pages::stored_document(&json),
        _ => Err(AppError::invalid(
            field,
            "Publish the page first: an experiment compares versions of a live page.",
        )),
    }
}

fn parse_mde(text: &str) -> Result<u32, (String, String)> {
    let text = text.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(DEFAULT_MDE_PCT);
    }
    match text.parse::<u32>() {
        Ok(pct) if (1..=500).contains(&pct) => Ok(pct),
        _ => Err((
            "mde_pct".into(),
            "Give the smallest lift worth detecting as a whole percent from 1 to 500.".into(),
        )),
    }
}

fn serialise(document: &Document) -> Result<String, AppError> {
    serde_json::to_string(document).map_err(AppError::internal)
}

/// A new draft experiment on a published page: the control and one variant
/// (a copy of the page), split 50/50. Answers its id.
pub async fn create(
    db: &Db,
    user: &CurrentUser,
    input: NewExperimentInput,
) -> Result<String, AppError> {
    let mut problems = Vec::new();
    let settings = input
        .settings()
        .parse()
        .map_err(|p| problems.extend(p))
        .ok();
    let mde_pct = parse_mde(&input.mde_pct).map_err(|p| problems.push(p)).ok();
    let document = match published_document(db, input.page_id.trim(), "page_id").await {
        Ok(document) => Some(document),
        Err(AppError::Invalid(errors)) => {
            problems.extend(errors.into_iter().map(|e| (e.field, e.message)));
            None
        }
        Err(other) => return Err(other),
    };
    // A click goal names a call to action of this page.
    if let (Some(settings), Some(document)) = (&settings, &document) {
        let ctas = calls_to_action(document);
        let metrics = std::iter::once(("goal", &settings.goal))
            .chain(settings.secondary.iter().map(|g| ("secondary", g)))
            .chain(settings.guardrails.iter().map(|g| ("guardrail", g)));
        for (field, metric) in metrics {
            if let Goal::CtaClick { block } = metric {
                if !ctas.iter().any(|(id, _)| id == block) {
                    problems.push((
                        field.into(),
                        "That call to action is not on the chosen page.".into(),
                    ));
                }
            }
        }
    }
    let (Some(settings), Some(mde_pct), Some(document), true) =
        (settings, mde_pct, document, problems.is_empty())
    else {
        return Err(fields(problems));
    };
    let variant_json = serialise(&document)?;
    let plan = serde_json::to_string(&StoredPlan {
        targeting: settings.targeting.clone(),
        mde_pct: Some(mde_pct),
    })
    .map_err(AppError::internal)?;
    let seed = new_id();
    let id = db_exp::insert(
        db,
        NewExperiment {
            page_id: input.page_id.trim(),
            name: &settings.name,
            hypothesis: &settings.hypothesis,
            seed: &seed,
            goal: &settings.goal.to_wire(),
            secondary_goals: &Goal::join_wire(&settings.secondary),
            guardrail_goals: &Goal::join_wire(&settings.guardrails),
            engine: settings.engine.as_str(),
            coverage_pct: i64::from(settings.coverage_pct),
            plan_json: &plan,
            created_by: &user.id,
        },
        &[
            NewArm {
                key: ARM_KEYS[0],
                name: "Control",
                weight: 50,
                document_json: None,
            },
            NewArm {
                key: ARM_KEYS[1],
                name: "Variant B",
                weight: 50,
                document_json: Some(&variant_json),
            },
        ],
    )
    .await?;
    audit::record(
        db,
        Some(&user.id),
        "experiment.created",
        &id,
        serde_json::json!({ "page_id": input.page_id.trim(), "name": settings.name }),
    )
    .await?;
    Ok(id)
}

/// What a variant changed: its texts, or that the builder changed more.
fn changes_of(control: &Document, variant: &Document) -> Vec<String> {
    let mut changes = text_changes(control, variant);
    if changes.is_empty() && variant != control {
        changes.push("Changed in the page builder (blocks, styles or settings).".into());
    }
    changes
}

fn arm_documents(arms: &[ArmRow], control: &Document) -> Result<Vec<(ArmRow, Document)>, AppError> {
    arms.iter()
        .map(|arm| {
            let document = match &arm.document_json {
                Some(json) => crate::services::landing_pages::stored_document(json)?,
                None => control.clone(),
            };
            Ok((arm.clone(), document))
        })
        .collect()
}

/// Days to reach the plan at the page's traffic over the last 14 days.
fn duration_estimate(
    planned_per_arm: Option<u64>,
    arms: usize,
    coverage_pct: u8,
    views: i64,
    days: i64,
) -> Option<String> {
    let planned = planned_per_arm?;
    if views <= 0 || days <= 0 {
        return None;
    }
    let per_day = views as f64 / days as f64 * f64::from(coverage_pct) / 100.0;
    let needed = planned as f64 * arms as f64;
    let estimate = (needed / per_day).ceil().max(1.0) as u64;
    Some(if estimate > 365 {
        "more than a year at current traffic: test a bolder change, or a page with more visitors"
            .to_string()
    } else {
        format!(
            "about {} {} at current traffic ({} visitors a day take part)",
            crate::domain::lift::group_thousands(estimate as f64),
            if estimate == 1 { "day" } else { "days" },
            crate::domain::lift::group_thousands(per_day.round())
        )
    })
}

pub async fn detail(db: &Db, id: &str, can_edit: bool) -> Result<ExperimentDetail, AppError> {
    let row = row(db, id).await?;
    let status = status_of(&row)?;
    let arms = db_exp::arms(db, id).await?;
    let page = db_pages::get(db, &row.page_id)
        .await?
        .ok_or_else(|| AppError::NotFound(EXPERIMENT.to_string()))?;
    let control = crate::services::landing_pages::stored_document(
        page.published_json.as_deref().unwrap_or(&page.draft_json),
    )?;
    let documents = arm_documents(&arms, &control)?;
    let ctas = calls_to_action(&control);
    let goal = goal_of(&row);
    let tallies: Vec<DayTally> = db_exp::daily_tallies(db, id).await?;
    let plan = plan_of(&row);
    let mde_pct = plan.mde_pct.unwrap_or(DEFAULT_MDE_PCT);
    let since = now_ms().div_euclid(86_400_000) - 14;
    let (views, leads, days) = db_exp::page_traffic(db, &row.page_id, since).await?;
    // The page's lead rate before the test sizes the plan when the goal is leads.
    let baseline = (goal == Goal::LeadSubmitted && views > 0 && leads > 0)
        .then(|| leads as f64 / views as f64);
    let engine = engine_of(&row);
    let relative_mde = f64::from(mde_pct) / 100.0;
    let arm_counts = arm_counts_of(&arms, &tallies, &goal);
    let daily = tally::by_day(&tallies, &goal.to_wire())
        .into_iter()
        .map(|(day, arm_key, _, total)| DailyTotals {
            day_ms: day * 86_400_000,
            arm_key,
            users: total.users as i64,
            conversions: total.conversions as i64,
        })
        .collect();
    let readout: Readout = read_out(engine, &arm_counts, baseline, relative_mde);
    let metrics = Goal::parse_list(&row.secondary_goals)
        .into_iter()
        .map(|g| (MetricRole::Secondary, g))
        .chain(
            Goal::parse_list(&row.guardrail_goals)
                .into_iter()
                .map(|g| (MetricRole::Guardrail, g)),
        )
        .map(|(role, metric)| {
            let readout = read_out(
                engine,
                &arm_counts_of(&arms, &tallies, &metric),
                None,
                relative_mde,
            );
            let harmed: Vec<String> = readout
                .variants
                .iter()
                .filter(|v| role == MetricRole::Guardrail && v.call == Call::Worse)
                .map(|v| v.name.clone())
                .collect();
            let label = goal_label(&metric, &ctas);
            let warning = (!harmed.is_empty()).then(|| {
                format!(
                    "Guardrail: {} lowers “{label}”. Weigh this before promoting it.",
                    harmed.join(" and ")
                )
            });
            MetricResult {
                role,
                label,
                readout,
                warning,
            }
        })
        .collect();
    let visitors = arm_counts.iter().map(|a| a.users as i64).sum();
    let coverage_pct = u8::try_from(row.coverage_pct).unwrap_or(100);
    let decision = row
        .decision_json
        .as_deref()
        .and_then(|json| serde_json::from_str::<Decision>(json).ok());
    Ok(ExperimentDetail {
        summary: summary(&row, goal_label(&goal, &ctas), visitors, arms.len())?,
        hypothesis: row.hypothesis.clone(),
        engine_label: engine_of(&row).label().to_string(),
        coverage_pct,
        targeting: plan.targeting.describe(),
        mde_pct,
        created_by: row.created_by_name.clone().unwrap_or_default(),
        created_at_ms: row.created_at,
        arms: documents
            .iter()
            .map(|(arm, document)| ArmDetail {
                key: arm.arm_key.clone(),
                name: arm.name.clone(),
                weight: u32::try_from(arm.weight).unwrap_or(0),
                changes: changes_of(&control, document),
                preview_path: format!("/landing/{}?variant={}", row.page_slug, arm.arm_key),
            })
            .collect(),
        text_blocks: changeable_texts(&control)
            .into_iter()
            .map(|t| TextBlock {
                id: t.block.to_string(),
                label: t.label,
                text: t.text,
            })
            .collect(),
        actions: status.actions().to_vec(),
        editable: status.is_editable(),
        can_edit,
        duration_estimate: duration_estimate(
            readout.planned_per_arm,
            arms.len(),
            coverage_pct,
            views,
            days,
        ),
        readout,
        metrics,
        decision,
        daily,
    })
}

/// Each arm's visitors and conversions on `goal`, in the arms' order.
fn arm_counts_of(arms: &[ArmRow], tallies: &[DayTally], goal: &Goal) -> Vec<ArmCount> {
    let totals = tally::totals(tallies, &goal.to_wire());
    arms.iter()
        .map(|arm| {
            let counted = totals.get(&arm.arm_key).copied().unwrap_or_default();
            ArmCount {
                key: arm.arm_key.clone(),
                name: arm.name.clone(),
                weight: u32::try_from(arm.weight).unwrap_or(0),
                users: counted.users,
                conversions: counted.conversions,
            }
        })
        .collect()
}

/// Sets the arms' names and weights (a draft only). More arms than stored
/// adds copies of the page; fewer removes the last ones.
pub async fn save_arms(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    input: ArmsInput,
) -> Result<(), AppError> {
    let row = row(db, id).await?;
    if !status_of(&row)?.is_editable() {
        return Err(not_editable());
    }
    // A blank "another variant" row adds nothing.
    let filled: Vec<_> = input
        .arms
        .into_iter()
        .filter(|a| !(a.name.trim().is_empty() && a.weight.trim().is_empty()))
        .collect();
    let plans: Vec<ArmPlan> = parse_arms(&filled).map_err(fields)?;
    let stored = db_exp::arms(db, id).await?;
    let copy = match stored.iter().find_map(|a| a.document_json.clone()) {
        Some(json) => json,
        None => serialise(&published_document(db, &row.page_id, "arms").await?)?,
    };
    let documents: Vec<Option<String>> = plans
        .iter()
        .enumerate()
        .map(|(i, _)| {
            if i == 0 {
                None
            } else {
                Some(
                    stored
                        .get(i)
                        .and_then(|a| a.document_json.clone())
                        .unwrap_or_else(|| copy.clone()),
                )
            }
        })
        .collect();
    let arms: Vec<NewArm<'_>> = plans
        .iter()
        .zip(&documents)
        .enumerate()
        .map(|(i, (plan, document))| NewArm {
            key: ARM_KEYS[i],
            name: &plan.name,
            weight: i64::from(plan.weight),
            document_json: document.as_deref(),
        })
        .collect();
    if !db_exp::replace_arms(db, id, &arms).await? {
        return Err(not_editable());
    }
    audit::record(
        db,
        Some(&user.id),
        "experiment.arms_changed",
        id,
        serde_json::json!({ "arms": plans.iter().map(|p| (&p.name, p.weight)).collect::<Vec<_>>() }),
    )
    .await?;
    Ok(())
}

fn not_editable() -> AppError {
    AppError::conflict(
        "status",
        "The experiment has started, so its variants are fixed: stop it and start a new one \
         to test something else.",
    )
}

/// Changes one text of a variant (a draft only).
pub async fn set_variant_text(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    arm_key: &str,
    block: &str,
    text: &str,
) -> Result<(), AppError> {
    let row = row(db, id).await?;
    if !status_of(&row)?.is_editable() {
        return Err(not_editable());
    }
    let stored = db_exp::arms(db, id).await?;
    let Some(index) = stored.iter().position(|a| a.arm_key == arm_key) else {
        return Err(AppError::invalid(
            "arm",
            "Choose a variant of this experiment.",
        ));
    };
    if index == 0 {
        return Err(AppError::invalid(
            "arm",
            "The control is the published page; change a variant instead.",
        ));
    }
    let block = NodeId::parse(block.trim())
        .map_err(|_| AppError::invalid("block", "Choose a text on the page."))?;
    let current = match &stored[index].document_json {
        Some(json) => crate::services::landing_pages::stored_document(json)?,
        None => published_document(db, &row.page_id, "arm").await?,
    };
    let changed =
        with_text(&current, &block, text.trim()).map_err(|m| AppError::invalid("block", m))?;
    // The same parser every stored document goes through (length, script…).
    let json = serialise(&changed)?;
    let checked = parse_document(&json).map_err(|errors| {
        AppError::invalid(
            "text",
            errors
                .first()
                .map_or("That text cannot be used.".to_string(), |e| {
                    e.message.clone()
                }),
        )
    })?;
    let json = serialise(&checked)?;
    let arms: Vec<NewArm<'_>> = stored
        .iter()
        .enumerate()
        .map(|(i, arm)| NewArm {
            key: &arm.arm_key,
            name: &arm.name,
            weight: arm.weight,
            document_json: if i == index {
                Some(json.as_str())
            } else {
                arm.document_json.as_deref()
            },
        })
        .collect();
    if !db_exp::replace_arms(db, id, &arms).await? {
        return Err(not_editable());
    }
    audit::record(
        db,
        Some(&user.id),
        "experiment.variant_text",
        id,
        serde_json::json!({ "arm": arm_key, "block": block.to_string() }),
    )
    .await?;
    Ok(())
}

/// The arm for the builder: a variant (not the control) of an experiment.
async fn variant_arm(
    db: &Db,
    id: &str,
    arm_key: &str,
) -> Result<(ExperimentRow, ArmRow), AppError> {
    let row = row(db, id).await?;
    let arms = db_exp::arms(db, id).await?;
    match arms.iter().position(|a| a.arm_key == arm_key) {
        Some(0) => Err(AppError::invalid(
            "arm",
            "The control is the published page; edit it in the page editor.",
        )),
        Some(i) => Ok((row, arms[i].clone())),
        None => Err(AppError::NotFound("That variant".to_string())),
    }
}

/// A variant's document, ready for the page builder.
pub async fn variant_editor(
    db: &Db,
    id: &str,
    arm_key: &str,
    can_edit: bool,
) -> Result<VariantEditor, AppError> {
    let (row, arm) = variant_arm(db, id, arm_key).await?;
    let document = match &arm.document_json {
        Some(json) => crate::services::landing_pages::stored_document(json)?,
        None => published_document(db, &row.page_id, "arm").await?,
    };
    let editor_data = crate::services::landing_pages::editor_data(db, &document).await?;
    Ok(VariantEditor {
        experiment_id: row.id.clone(),
        experiment_name: row.name.clone(),
        arm_key: arm.arm_key.clone(),
        arm_name: arm.name.clone(),
        page_title: row.page_title.clone(),
        revision: row.updated_at,
        document_json: serde_json::to_string_pretty(&document).map_err(AppError::internal)?,
        editor_data,
        editable: can_edit && status_of(&row)?.is_editable(),
    })
}

/// Saves a variant's whole document from the page builder (a draft
/// experiment only; a save from an older copy is refused with 409). The
/// document goes through the page parser and the media check, and keeps
/// the page's address: a variant is the same page, shown differently.
pub async fn save_variant_document(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    arm_key: &str,
    revision: i64,
    json: &str,
) -> Result<i64, AppError> {
    let (row, arm) = variant_arm(db, id, arm_key).await?;
    if !status_of(&row)?.is_editable() {
        return Err(not_editable());
    }
    let document = parse_document(json).map_err(crate::services::landing_pages::document_errors)?;
    let control = published_document(db, &row.page_id, "arm").await?;
    if document.settings.slug != control.settings.slug {
        return Err(AppError::invalid(
            "settings.slug",
            format!(
                "A variant keeps the page's address (/landing/{}); change the address on the page itself.",
                control.settings.slug
            ),
        ));
    }
    let current = match &arm.document_json {
        Some(json) => Some(crate::services::landing_pages::stored_document(json)?),
        None => None,
    };
    let stored: Vec<&Document> = std::iter::once(&control).chain(current.as_ref()).collect();
    crate::services::media_library::check_page_images(db, &document, &stored).await?;
    let json = serialise(&document)?;
    match db_exp::write_arm_document(db, id, arm_key, revision, &json).await? {
        ArmWrite::Saved(next) => {
            audit::record(
                db,
                Some(&user.id),
                "experiment.variant_document",
                id,
                serde_json::json!({ "arm": arm_key }),
            )
            .await?;
            Ok(next)
        }
        ArmWrite::Stale => Err(AppError::conflict(
            "revision",
            "This experiment was changed elsewhere since you opened the variant. Reload it to see \
             those changes; your edits here were not saved.",
        )),
        ArmWrite::NotDraft => Err(not_editable()),
    }
}

/// Takes a status action. Starting needs the page still published and no
/// other live experiment on it; promoting needs the winning arm and a
/// reason, and publishes the winner's document.
pub async fn act(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    action: &str,
    winner: &str,
    reason: &str,
) -> Result<Status, AppError> {
    let row = row(db, id).await?;
    let from = status_of(&row)?;
    let action = Action::parse(action.trim())
        .ok_or_else(|| AppError::invalid("action", "Choose what to do with the experiment."))?;
    let to = from
        .after(action)
        .map_err(|message| AppError::conflict("status", message))?;
    match action {
        Action::Start => {
            published_document(db, &row.page_id, "page_id").await?;
            if let Some((_, name)) = db_exp::live_on_page(db, &row.page_id, id).await? {
                return Err(AppError::conflict(
                    "page_id",
                    format!("The experiment “{name}” already runs on this page; stop it first."),
                ));
            }
            let arms = db_exp::arms(db, id).await?;
            let weights: Vec<ArmPlan> = arms
                .iter()
                .map(|a| ArmPlan {
                    name: a.name.clone(),
                    weight: u32::try_from(a.weight).unwrap_or(0),
                })
                .collect();
            if weights.len() < 2 || weights.iter().map(|w| w.weight).sum::<u32>() != 100 {
                return Err(AppError::invalid(
                    "weights",
                    "The weights must add up to 100 %.",
                ));
            }
        }
        Action::Promote => return promote(db, user, &row, from, winner, reason).await,
        _ => {}
    }
    let moved = db_exp::set_status(db, id, from.as_str(), to.as_str())
        .await
        .map_err(|e| match e {
            // The partial unique index: another experiment started first.
            sqlx::Error::Database(d) if d.is_unique_violation() => AppError::conflict(
                "page_id",
                "Another experiment started on this page a moment ago; stop it first.",
            ),
            other => other.into(),
        })?;
    if !moved {
        return Err(AppError::conflict(
            "status",
            "Someone changed this experiment a moment ago; reload to see its status.",
        ));
    }
    audit::record(
        db,
        Some(&user.id),
        &format!("experiment.{}", action.as_str()),
        id,
        serde_json::json!({ "from": from.as_str(), "to": to.as_str() }),
    )
    .await?;
    Ok(to)
}

async fn promote(
    db: &Db,
    user: &CurrentUser,
    row: &ExperimentRow,
    from: Status,
    winner: &str,
    reason: &str,
) -> Result<Status, AppError> {
    let arms = db_exp::arms(db, &row.id).await?;
    let mut problems = Vec::new();
    let arm = arms.iter().find(|a| a.arm_key == winner.trim());
    if arm.is_none() {
        problems.push((
            "winner".to_string(),
            "Choose the variant to keep.".to_string(),
        ));
    }
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1_000 {
        problems.push((
            "reason".to_string(),
            "Say in up to 1,000 characters why this variant wins (the results, a constraint…)."
                .to_string(),
        ));
    }
    let Some(arm) = arm.filter(|_| problems.is_empty()) else {
        return Err(fields(problems));
    };
    let decision = Decision {
        arm_key: arm.arm_key.clone(),
        arm_name: arm.name.clone(),
        by: user.display_name.clone(),
        at_ms: now_ms(),
        reason: reason.to_string(),
    };
    let decision_json = serde_json::to_string(&decision).map_err(AppError::internal)?;
    let done = db_exp::promote(
        db,
        &row.id,
        from.as_str(),
        &decision_json,
        arm.document_json.as_deref(),
        &row.page_id,
        &user.id,
    )
    .await?;
    if !done {
        return Err(AppError::conflict(
            "status",
            "Someone changed this experiment a moment ago; reload to see its status.",
        ));
    }
    audit::record(
        db,
        Some(&user.id),
        "experiment.promoted",
        &row.id,
        serde_json::json!({ "winner": arm.arm_key, "reason": reason }),
    )
    .await?;
    Ok(Status::Promoted)
}

/// What a visit to a page under test renders.
#[derive(Debug, Clone, PartialEq)]
pub struct ArmChoice {
    /// The document to render (the published one for the control).
    pub document_json: String,
    /// The response depends on the visitor: never shared by a cache.
    pub personalised: bool,
    /// The visitor takes part: the page loads the event beacon, so clicks
    /// and forms started count for their arm.
    pub enrolled: bool,
    /// The arm rendered: the visitor's, or a staff preview's.
    pub arm: Option<String>,
}

/// What the page's address and session say about a visit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageVisit {
    pub utm_source: Option<String>,
    pub utm_campaign: Option<String>,
    /// A staff preview link's arm (`?variant=b`), honoured for staff only.
    pub forced_arm: Option<String>,
    pub staff: bool,
    /// The visitor's arm in the page's running experiment, as the page's
    /// own query read it (see `db::landing_pages::published_for_visitor`).
    pub arm_on_record: Option<db_exp::ArmOnRecord>,
}

/// Which document a visit to a published page renders: with no running
/// experiment, the published one; otherwise the visitor's stored arm, or a
/// new assignment stored now (first exposure). Bots, visits outside the
/// targeting or the coverage, and forced previews are not enrolled.
pub async fn page_arm(
    db: &Db,
    ctx: &RequestContext,
    cookies: &mut Cookies,
    page_id: &str,
    published_json: &str,
    visit: &PageVisit,
) -> Result<ArmChoice, AppError> {
    let plain = || ArmChoice {
        document_json: published_json.to_string(),
        personalised: false,
        enrolled: false,
        arm: None,
    };
    let Some(live) = db_exp::live_on(db, page_id).await? else {
        if let (true, Some(forced)) = (visit.staff, &visit.forced_arm) {
            return forced_arm(db, page_id, forced, published_json).await;
        }
        return Ok(plain());
    };
    // From here the page is under test: whatever this visit gets, the next
    // may get another, so no answer may be kept by a shared cache (a
    // crawler's copy, kept, would keep every visitor after it out).
    let not_enrolled = || ArmChoice {
        personalised: true,
        ..plain()
    };
    let (row, arms) = (&live.experiment, &live.arms);
    let document_of = |key: &str| {
        arms.iter()
            .find(|a| a.arm_key == key)
            .and_then(|a| a.document_json.clone())
            .unwrap_or_else(|| published_json.to_string())
    };
    if let (true, Some(forced)) = (visit.staff, &visit.forced_arm) {
        if arms.iter().any(|a| &a.arm_key == forced) {
            return Ok(ArmChoice {
                document_json: document_of(forced),
                personalised: true,
                enrolled: false,
                arm: Some(forced.clone()),
            });
        }
    }
    if crate::domain::visitor::is_probable_bot(ctx.user_agent.as_deref()) {
        return Ok(not_enrolled());
    }
    // Only a page under test asks for the visitor cookie.
    let client = Client::identify(ctx, cookies);
    let Some(visitor) = &client.visitor_key else {
        return Ok(not_enrolled());
    };
    let enrolled = |arm: String| ArmChoice {
        document_json: document_of(&arm),
        personalised: true,
        enrolled: true,
        arm: Some(arm),
    };
    // Remembered by this process: stored, or being stored.
    if let Some(arm) = db.exposures.known(&row.id, visitor) {
        return Ok(enrolled(arm));
    }
    let targeting = plan_of(row).targeting;
    let device = DeviceClass::of_user_agent(ctx.user_agent.as_deref().unwrap_or(""));
    let admitted = targeting.admits(&Visit {
        device,
        new_visitor: client.new_visitor,
        utm_source: visit.utm_source.as_deref(),
        utm_campaign: visit.utm_campaign.as_deref(),
    }) && in_coverage(
        &row.seed,
        visitor,
        u8::try_from(row.coverage_pct).unwrap_or(100),
    );
    let weights: Vec<u32> = arms
        .iter()
        .map(|a| u32::try_from(a.weight).unwrap_or(0))
        .collect();
    let hashed = if admitted {
        choose_variant(&row.seed, visitor, &weights)
    } else {
        None
    };
    // Someone already assigned keeps their arm, whatever changed since. The
    // database is asked only when it could answer differently: while the
    // allocation is the one every exposure was drawn with (revision 0), an
    // admitted visitor's stored arm, if any, is the hashed one. A visitor
    // the targeting turns away now may have been admitted before (their
    // first visit came with the campaign), and an id minted by this very
    // request has nothing stored. A render of the page read the answer with
    // the page itself (`visit.arm_on_record`): no second round trip.
    let must_ask = !client.new_visitor && (hashed.is_none() || row.allocation_revision != 0);
    if must_ask {
        let stored =
            db_exp::exposure_or_record(db, &row.id, visitor, visit.arm_on_record.as_ref()).await?;
        if let Some(arm) = stored {
            return Ok(enrolled(arm));
        }
    }
    let Some(index) = hashed else {
        if admitted {
            // No arm has any weight: nothing to take part in.
            return Ok(not_enrolled());
        }
        // Not in the test: the published page.
        return Ok(not_enrolled());
    };
    // Stored behind the render (see `db::exposures`): the page does not
    // wait for the disk.
    let arm = crate::db::exposures::expose_behind(
        db,
        &row.id,
        visitor,
        &arms[index].arm_key,
        crate::db::now_ms(),
    )
    .await?;
    Ok(enrolled(arm))
}

/// A staff preview of a draft experiment's arm (no running experiment).
async fn forced_arm(
    db: &Db,
    page_id: &str,
    forced: &str,
    published_json: &str,
) -> Result<ArmChoice, AppError> {
    let document = db_exp::newest_arm_document(db, page_id, forced).await?;
    let arm = document.is_some().then(|| forced.to_string());
    Ok(ArmChoice {
        document_json: document.unwrap_or_else(|| published_json.to_string()),
        personalised: true,
        enrolled: false,
        arm,
    })
}

/// Per-day sufficient statistics as CSV: day, arm, new visitors,
/// conversions, and the running totals.
pub async fn daily_csv(db: &Db, id: &str) -> Result<(String, String), AppError> {
    let row = row(db, id).await?;
    let arms = db_exp::arms(db, id).await?;
    let tallies: Vec<DayTally> = db_exp::daily_tallies(db, id).await?;
    let metrics = std::iter::once(goal_of(&row))
        .chain(Goal::parse_list(&row.secondary_goals))
        .chain(Goal::parse_list(&row.guardrail_goals));
    let mut out = String::from(
        "day,arm_key,arm_name,metric,exposures,conversions,cumulative_exposures,cumulative_conversions\n",
    );
    for metric in metrics {
        let wire = metric.to_wire();
        for (day, arm_key, new, total) in tally::by_day(&tallies, &wire) {
            let name = arms
                .iter()
                .find(|a| a.arm_key == arm_key)
                .map_or(arm_key.clone(), |a| a.name.clone());
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                crate::domain::dates::iso_date(day * 86_400_000),
                arm_key,
                crate::domain::lead_csv::cell(&name),
                crate::domain::lead_csv::cell(&wire),
                new.users,
                new.conversions,
                total.users,
                total.conversions
            ));
        }
    }
    Ok((format!("experiment-{}-daily.csv", row.id), out))
}
