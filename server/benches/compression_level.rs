//! What each compression level costs and saves on the app's own responses,
//! to choose the level of the compression layer (server::startup):
//!
//!     cargo bench -p server --bench compression_level
//!
//! Renders real pages and an API answer once (SQLite, demo content, page
//! cache off), then compresses each body with tower-http's own
//! `CompressionLayer` at every level, gzip and brotli, as the server would:
//! CPU time per response (median of CE_BENCH_REPEATS, default 30) and bytes
//! sent. One thread, nothing else running. Figures go into
//! docs/performance.md.

use axum::body::{Body, Bytes};
use http::{header, Request, Response};
use server::startup::Application;
use std::convert::Infallible;
use std::time::Instant;
use tower::{Layer, ServiceExt};
use tower_http::compression::{CompressionLayer, CompressionLevel};

mod support;

/// Compresses `body` with the compression layer at `level`; returns the
/// bytes sent and the time it took.
async fn compress(
    body: &Bytes,
    content_type: &str,
    encoding: &str,
    level: CompressionLevel,
) -> (usize, f64) {
    let (body, content_type) = (body.clone(), content_type.to_string());
    let inner = tower::service_fn(move |_request: Request<Body>| {
        let (body, content_type) = (body.clone(), content_type.clone());
        async move {
            Ok::<_, Infallible>(
                Response::builder()
                    .header(header::CONTENT_TYPE, content_type)
                    .body(Body::from(body))
                    .expect("response"),
            )
        }
    });
    let service = CompressionLayer::new().quality(level).layer(inner);
    let request = Request::get("/")
        .header("accept-encoding", encoding)
        .body(Body::empty())
        .expect("request");
    let started = Instant::now();
    let response = service.oneshot(request).await.expect("answered");
    assert_eq!(
        response.headers()[header::CONTENT_ENCODING],
        encoding,
        "compressed"
    );
    let sent = axum::body::to_bytes(Body::new(response.into_body()), usize::MAX)
        .await
        .expect("body");
    (sent.len(), started.elapsed().as_secs_f64() * 1000.0)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let repeats: usize = std::env::var("CE_BENCH_REPEATS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let (dir, config, slug) = support::seeded_sqlite_app("ce-bench-compress");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let bodies = runtime.block_on(async {
        let app = Application::build(&config).await.expect("app");
        let router = app.router();
        let mut bodies = Vec::new();
        for (name, path) in [
            ("home", "/".to_string()),
            ("gallery", "/case-studies".to_string()),
            ("case study", format!("/case-studies/{slug}")),
            ("contact", "/contact".to_string()),
            ("API: gallery JSON", "/api/v1/case-studies".to_string()),
        ] {
            let (body, content_type) = support::fetch(&router, &path).await;
            bodies.push((name, body, content_type));
        }
        app.state().db.pool.close().await;
        bodies
    });
    let levels: Vec<(String, CompressionLevel)> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]
        .into_iter()
        .map(|q| (q.to_string(), CompressionLevel::Precise(q)))
        .chain([("default".to_string(), CompressionLevel::Default)])
        .collect();
    println!("compression with tower-http's CompressionLayer, median of {repeats}, one thread");
    println!("| response | raw | encoding | level | bytes | ms |");
    println!("|---|---|---|---|---|---|");
    for (name, body, content_type) in &bodies {
        for encoding in ["gzip", "br"] {
            for (label, level) in &levels {
                // gzip's levels end at 9.
                if encoding == "gzip" && label == "11" {
                    continue;
                }
                let mut sizes = Vec::new();
                let mut times = Vec::new();
                for _ in 0..repeats {
                    let (size, ms) =
                        runtime.block_on(compress(body, content_type, encoding, *level));
                    sizes.push(size);
                    times.push(ms);
                }
                println!(
                    "| {name} | {} | {encoding} | {label} | {} | {:.3} |",
                    body.len(),
                    sizes[0],
                    median(times)
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
