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
use app::db::lead_workspace::{self, LeadListRow};
use app::db::Db;
use app::domain::lead_csv::{LeadCsvRow, HEADER};
use app::domain::lead_query::LeadQuery;
use app::error::AppError;
use app::services::lead_workspace::consultant_filter;
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
    let consultant = consultant_filter(&state.db, &user, &query).await?;

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
    let mut rows = lead_workspace::stream(&db, &query, consultant.as_deref());
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
