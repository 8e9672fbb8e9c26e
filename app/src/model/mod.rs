//! Wire types: everything that crosses from the server to pages, islands and
//! API clients (server functions, `/api/v1`, island props). Depends only on
//! `domain` and `error`, so every layer above may use it; the server builds
//! these from database rows in the services, never in `db`.

pub mod auth;
pub mod case_study_admin;
pub mod consultant_admin;
pub mod email_templates;
pub mod experiments;
pub mod jobs;
pub mod landing_pages;
pub mod lead_settings;
pub mod lead_workspace;
pub mod leads;
pub mod media;
pub mod roi;
pub mod showcase;
pub mod users;
pub mod webhooks;
