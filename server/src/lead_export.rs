//! `GET /admin/leads/export.csv`: every lead the viewer may see that matches
//! the lead list's filters, streamed as CSV (no row cap: the list page shows
//! at most 1,000, the export everything). Lines are written by
//! `app::domain::lead_csv`, which neutralises formula-like cells.
//!
//! Rows are read from a database cursor and sent in chunks of about 64 KB, so
//! memory stays flat however many leads there are. A query that fails before
//! the first chunk is a 500; one that fails later ends the response
//! abnormally (the client sees a broken download, never a short file that
//! looks complete).

use crate::rest::error::{pairs, ApiError};
use crate::rest::staff::{LeadRoles, Staff};
use app::db::lead_workspace::LeadListRow;
use app::db::Db;
use app::domain::lead_csv::{LeadCsvRow, HEADER};
use app::domain::lead_query::{LeadQuery, LeadSort};
use app::error::AppError;
use app::services::lead_workspace::{scope_for, Scope};
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;
use tokio::sync::mpsc;

/// Bytes gathered before a chunk is sent.
const CHUNK_BYTES: usize = 64 * 1024;

type Chunk = Result<String, std::io::Error>;

pub async fn export_csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff<LeadRoles>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let query = LeadQuery::parse(pairs(&query)).map_err(ApiError::bad_parameters)?;
    let consultant = match scope_for(&state.db, &user).await? {
        Scope::All if query.mine => Some(
            // An admin asking for "mine": their own consultant profile, if any.
            app::db::consultants::by_user_id(&state.db, &user.id)
                .await
                .map_err(AppError::internal)?
                .map_or_else(String::new, |c| c.id),
        ),
        Scope::All => None,
        Scope::Consultant(id) => Some(id),
        Scope::Nothing => Some(String::new()),
    };

    let (tx, mut rx) = mpsc::channel::<Chunk>(4);
    tokio::spawn(write_rows(state.db.clone(), query, consultant, tx));
    // The first chunk (or the end) decides the status.
    let first = match rx.recv().await {
        Some(Ok(chunk)) => chunk,
        Some(Err(_)) | None => return Err(AppError::Internal.into()),
    };
    let rest = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(first) });
    let body = Body::from_stream(futures_util::StreamExt::chain(body, rest));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"leads.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

/// Reads the matching rows and sends them as CSV chunks, the header first;
/// stops early when the client has gone (the receiver is dropped).
async fn write_rows(db: Db, query: LeadQuery, consultant: Option<String>, tx: mpsc::Sender<Chunk>) {
    let (sql, binds) = select(&query, consultant);
    let mut q = sqlx::query_as::<_, LeadListRow>(sqlx::AssertSqlSafe(sql));
    for value in binds {
        q = q.bind(value);
    }
    let mut rows = q.fetch(&db.pool);
    let mut chunk = String::from(HEADER);
    loop {
        match rows.try_next().await {
            Ok(Some(row)) => {
                chunk.push_str(&csv_row(row).line());
                if chunk.len() >= CHUNK_BYTES
                    && tx.send(Ok(std::mem::take(&mut chunk))).await.is_err()
                {
                    return;
                }
            }
            Ok(None) => break,
            Err(err) => {
                tracing::error!(error = %err, "lead export query failed");
                let _ = tx
                    .send(Err(std::io::Error::other("lead export failed")))
                    .await;
                return;
            }
        }
    }
    if !chunk.is_empty() {
        let _ = tx.send(Ok(chunk)).await;
    }
}

fn csv_row(r: LeadListRow) -> LeadCsvRow {
    LeadCsvRow {
        id: r.id,
        created_at_ms: r.created_at,
        first_name: r.first_name,
        last_name: r.last_name,
        email: r.email,
        company_name: r.company_name,
        industry_name: r.industry_name,
        primary_challenge: r.primary_challenge,
        source: r.source,
        score: r.score,
        tier: r.tier,
        status: r.status,
        consultant_name: r.consultant_name,
        estimated_value_minor: r.estimated_value_minor,
    }
}

/// The lead list's query (`app::db::lead_workspace::list`) without its row
/// cap, and its bind values.
fn select(query: &LeadQuery, consultant_id: Option<String>) -> (String, Vec<String>) {
    let mut conditions = vec!["1 = 1".to_string()];
    let mut binds: Vec<String> = Vec::new();
    let mut push = |fragment: &str, value: String| {
        binds.push(value);
        conditions.push(fragment.replace('?', &format!("${}", binds.len())));
    };
    if let Some(id) = consultant_id {
        push("l.assigned_consultant_id = ?", id);
    }
    if let Some(tier) = query.tier {
        push("l.tier = ?", tier.as_str().to_string());
    }
    if let Some(status) = query.status {
        push("l.status = ?", status.as_str().to_string());
    }
    if let Some(source) = query.source {
        push("l.source = ?", source.as_str().to_string());
    }
    if let Some(industry) = &query.industry {
        push("l.industry_sic_code = ?", industry.clone());
    }
    let order = match query.sort {
        LeadSort::Newest => "l.created_at DESC",
        LeadSort::Oldest => "l.created_at ASC",
        LeadSort::Score => "l.score DESC, l.created_at DESC",
    };
    let sql = format!(
        "SELECT l.id, l.email, l.first_name, l.last_name, l.company_name, l.industry_name, \
         l.primary_challenge, l.source, l.score, l.tier, l.status, l.assigned_consultant_id, \
         c.first_name || ' ' || c.last_name AS consultant_name, l.estimated_value_minor, \
         l.created_at \
         FROM leads l LEFT JOIN consultants c ON c.id = l.assigned_consultant_id \
         WHERE {} ORDER BY {order}, l.id",
        conditions.join(" AND ")
    );
    (sql, binds)
}
