//! Builds the application (database, state, router) and serves it.

use crate::config::Config;
use crate::{health, input_guard, middleware, rest, seo};
use app::db::Db;
use app::state::{AppState, Lifecycle, RuntimeSettings};
use app::{shell, App};
use axum::routing::get;
use axum::Router;
use http::{header, HeaderValue};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("database: {0}")]
    Database(#[from] app::db::ConnectError),
    #[error("{0}")]
    Mail(String),
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    shutdown_grace: Duration,
    /// Works the job queue (sending email) while the server runs.
    worker: app::services::jobs::Worker,
    job_poll: Duration,
}

/// Connects to the database and applies pending migrations.
pub async fn connect_database(config: &Config) -> Result<Db, StartupError> {
    let db = Db::connect(&config.database_url, config.db_max_connections).await?;
    db.migrate().await?;
    Ok(db)
}

/// Whether the release build named its assets by content hash: cargo-leptos
/// then writes `hash.txt` beside the server binary, where Leptos reads it.
fn hashed_assets() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|file| file.is_file())
}

impl Application {
    pub async fn build(config: &Config) -> Result<Application, StartupError> {
        let db = connect_database(config).await?;
        Application::build_with_db(config, db).await
    }

    pub async fn build_with_db(config: &Config, db: Db) -> Result<Application, StartupError> {
        app::db::webhooks::configure_slack(&db, config.slack_webhook_url.as_deref())
            .await
            .map_err(|e| StartupError::Database(e.into()))?;
        app::db::webhooks::configure_hubspot(
            &db,
            config
                .hubspot
                .as_ref()
                .map(|(url, token)| (url.as_str(), token.as_str())),
        )
        .await
        .map_err(|e| StartupError::Database(e.into()))?;
        let mailer = match (&config.smtp, &config.mail_from) {
            (Some(smtp), Some(from)) => {
                Some(app::services::mail::Mailer::new(smtp, from).map_err(StartupError::Mail)?)
            }
            _ => None,
        };
        let listener = TcpListener::bind(config.listen_addr)
            .await
            .map_err(|source| StartupError::Bind {
                addr: config.listen_addr,
                source,
            })?;
        let local_addr = listener.local_addr().map_err(|source| StartupError::Bind {
            addr: config.listen_addr,
            source,
        })?;
        let leptos_options = LeptosOptions::builder()
            .output_name(config.output_name.as_str())
            .site_root(config.site_root.as_str())
            .site_pkg_dir(config.site_pkg_dir.as_str())
            .site_addr(local_addr)
            .hash_files(hashed_assets())
            .build();
        let state = AppState {
            leptos_options,
            db,
            settings: Arc::new(RuntimeSettings {
                secure_cookies: config.secure_cookies(),
                session_ttl_ms: config.session_ttl_hours * 60 * 60 * 1000,
                trusted_proxies: config.trusted_proxies.clone(),
                api_rate_limits: config.api_rate_limits.clone(),
                lead_rate_limits: config.lead_rate_limits.clone(),
                public_url: config
                    .public_url
                    .clone()
                    .unwrap_or_else(|| format!("http://{local_addr}"))
                    .trim_end_matches('/')
                    .to_string(),
                media_dir: config.media_dir.clone(),
                mail_configured: mailer.is_some(),
                calendly_signing_key: config.calendly_signing_key.clone(),
            }),
            lifecycle: Lifecycle::default(),
        };
        let public_url = state.settings.public_url.clone();
        let page_cache = crate::page_cache::PageCache::new(
            Duration::from_secs(config.page_cache_secs),
            config.page_cache_mb * 1024 * 1024,
        )
        .following(state.db.clone());
        Ok(Application {
            listener,
            router: router(state.clone(), config.media_dir.clone(), page_cache),
            state,
            shutdown_grace: Duration::from_secs(config.shutdown_grace_secs),
            worker: app::services::jobs::Worker::for_server(
                mailer,
                app::services::jobs::Periodic {
                    media_dir: config.media_dir.clone(),
                    public_url: public_url.clone(),
                    tier1_sla_ms: config.tier1_sla_minutes * 60 * 1000,
                },
            ),
            job_poll: Duration::from_millis(config.job_poll_ms),
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The whole app as a service (every layer), for driving it without a
    /// socket (`benches/render_scaling.rs`).
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// Serves until `shutdown` resolves, then reports not-ready for the grace
    /// period and finishes in-flight requests before returning.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let lifecycle = self.state.lifecycle.clone();
        let grace = self.shutdown_grace;
        let addr = self.listener.local_addr()?;
        tracing::info!(%addr, backend = self.state.db.backend.name(), "listening");
        let jobs = tokio::spawn(work_jobs(
            self.state.db.clone(),
            self.worker,
            self.job_poll,
            self.state.lifecycle.clone(),
        ));
        crate::serve::serve(self.listener, self.router, async move {
            shutdown.await;
            lifecycle.begin_shutdown();
            tracing::info!(grace_secs = grace.as_secs(), "shutting down");
            tokio::time::sleep(grace).await;
        })
        .await?;
        jobs.abort();
        // First exposures written behind renders land before the pool closes.
        self.state.db.settle_exposures().await;
        self.state.db.pool.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Looks for due jobs every `poll` until the server starts shutting down.
/// A failing round is logged and the next one tries again.
async fn work_jobs(
    db: Db,
    worker: app::services::jobs::Worker,
    poll: Duration,
    lifecycle: Lifecycle,
) {
    loop {
        // First a pause: a starting server serves before it works the queue.
        tokio::time::sleep(poll).await;
        if lifecycle.is_shutting_down() {
            break;
        }
        if let Err(error) = worker.propose_periodic(&db).await {
            tracing::warn!(%error, "could not schedule the periodic jobs");
        }
        if let Err(error) = app::services::jobs::run_due(&db, &worker).await {
            tracing::warn!(%error, "job round failed");
        }
    }
}

/// Uploaded and generated images. An upload's variants get a new name for
/// every upload and never change, so browsers may keep them for a year; the
/// generated demo portraits keep their names, so a day.
fn media_service(dir: &std::path::Path) -> Router {
    Router::new()
        .fallback_service(tower_http::services::ServeDir::new(dir))
        .layer(axum::middleware::map_response(
            |uri: http::Uri, mut response: axum::response::Response| async move {
                let uploaded = app::domain::media::ImageKind::ALL
                    .iter()
                    .any(|k| uri.path().starts_with(&format!("/{}/", k.as_str())));
                if response.status().is_success() {
                    response.headers_mut().insert(
                        header::CACHE_CONTROL,
                        HeaderValue::from_static(if uploaded {
                            "public, max-age=31536000, immutable"
                        } else {
                            "public, max-age=86400"
                        }),
                    );
                }
                response
            },
        ))
}

/// The app's routes, walked once per process. Walking them sets a
/// process-wide flag in leptos_server 0.8 that parks any resource first
/// polled meanwhile for ever (leptos-rs/leptos#4773): a second server built
/// while the first serves (the integration tests build dozens in one
/// process) would leave some of the first one's pages unanswered. Other
/// threads wait in `get_or_init` until the walk is done, and no page renders
/// before some router exists.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(
    state: AppState,
    media_dir: std::path::PathBuf,
    page_cache: crate::page_cache::PageCache,
) -> Router {
    let routes = route_list();
    let context_state = state.clone();
    let leptos_options = state.leptos_options.clone();
    Router::new()
        .route("/health", get(health::health))
        .route("/ready", get(health::ready))
        .route("/sitemap.xml", get(seo::sitemap))
        .route("/robots.txt", get(seo::robots))
        .route(
            "/admin/leads/export.csv",
            get(crate::lead_export::export_csv),
        )
        .route(
            "/admin/experiments/{id}/daily.csv",
            get(crate::experiment_export::daily_csv),
        )
        .route(
            "/admin/pages/{id}/export",
            get(crate::page_export::export_page),
        )
        .merge(rest::routes())
        .route(
            "/admin/media",
            axum::routing::post(crate::media::upload::upload).layer(
                axum::extract::DefaultBodyLimit::max(crate::media::upload::BODY_LIMIT),
            ),
        )
        .nest_service("/media", media_service(&media_dir))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(leptos_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Each page carries the rules it uses; the stylesheet link moves to
        // its end (critical_css). Inside compression and the page cache.
        .layer(axum::middleware::from_fn_with_state(
            crate::critical_css::CriticalCss::new(state.leptos_options.site_root.as_ref()),
            crate::critical_css::inline_critical_css,
        ))
        .layer(axum::middleware::map_response(
            |uri: http::Uri, mut response: axum::response::Response| async move {
                if response.status().is_success() {
                    if let Some(policy) = middleware::asset_cache_policy(uri.path()) {
                        response
                            .headers_mut()
                            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
                    }
                }
                response
            },
        ))
        // Innermost, so what they answer is what the trace records.
        .layer(axum::middleware::from_fn(
            input_guard::server_fn_error_status,
        ))
        .layer(axum::middleware::from_fn(
            input_guard::refuse_control_characters,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::limit_api_requests,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::refuse_cross_site_writes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::security_headers,
        ))
        .layer(axum::middleware::from_fn(middleware::trace_request))
        // Level 4 for gzip and brotli, chosen by measurement
        // (benches/compression_level.rs, docs/performance.md): gzip 4 is
        // within 1 % of gzip 6's size (its default) in 70–97 % of its time;
        // brotli 4 (its default) is the knee: 5 saves 6–7 % for 1.3–2.1×
        // the time, 11 about 18 % for 50–110×.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        // A page answered from the page cache skips it: the cache notes its
        // visit goal itself (`middleware::after_cache_hit`).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::note_goal_visits,
        ))
        // No response may hang forever (a stuck render must not hold a connection).
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        // Outermost: a kept page carries every header the layers inside
        // gave it (compressed as sent), and a page answered from memory
        // passes no other layer; it counts its view and visit goal itself.
        .layer(axum::middleware::from_fn_with_state(
            std::sync::Arc::new((page_cache, state.clone())),
            crate::page_cache::serve_from_cache,
        ))
        .with_state(state)
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
