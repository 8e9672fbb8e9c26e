//! Server-side use cases behind the server functions; callable directly from
//! the CLI and tests. Each takes already-authorised input.

pub mod auth;
pub mod case_study_admin;
pub mod consultant_admin;
pub mod lead_pages;
pub mod lead_settings;
pub mod lead_workspace;
pub mod leads;
pub mod portfolio;
pub mod rate_limit;
pub mod roi;
pub mod showcase;
pub mod users;
pub mod visitor;
