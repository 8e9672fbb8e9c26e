//! Server-side use cases behind the server functions, the REST API, the CLI
//! and tests, which all call them alike. The convention:
//!
//! ```ignore
//! pub async fn verb(db: &Db, [ctx: &RequestContext,] [cookies: &mut Cookies,]
//!                   [user: &CurrentUser,] args…) -> Result<T, AppError>
//! ```
//!
//! The database and what a service may know about the request (client
//! address, visitor id, session-token hash, cookie settings: a
//! [`context::RequestContext`]) come in as arguments; cookies to set go out
//! through [`context::Cookies`]. A service never reads Leptos context
//! (`use_context`, `ResponseOptions`): the server functions build the
//! context in `api::context`, REST handlers with `RequestContext::from_parts`.
//! Input is already authorised (the caller checked the role); services
//! check ownership. They return `model` types, built from `db` rows here.

pub mod auth;
pub mod bookings;
pub mod case_study_admin;
pub mod consultant_admin;
pub mod context;
pub mod crm;
pub mod email_templates;
pub mod events;
pub mod experiments;
pub mod jobs;
pub mod landing_forms;
pub mod landing_pages;
pub mod lead_pages;
pub mod lead_settings;
pub mod lead_workspace;
pub mod leads;
pub mod mail;
pub mod media_library;
pub mod media_sweep;
pub mod password_links;
pub mod portfolio;
pub mod rate_limit;
pub mod roi;
pub mod sequences;
pub mod showcase;
pub mod users;
pub mod visitor;
pub mod webhooks;
