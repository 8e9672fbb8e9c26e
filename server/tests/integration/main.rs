//! Integration tests: one binary (linking the server once instead of once per
//! file keeps CI fast and its disk small). Each module is one area of the
//! product; most scenarios run on SQLite and on PostgreSQL.

#[macro_use]
mod common;

mod admin_access;
mod admin_lists;
mod auth;
mod bad_input;
mod bookings;
mod case_study_admin;
mod consultant_admin;
mod critical_css;
mod email_jobs;
mod events;
mod experiments;
mod fuzz;
mod health;
mod home;
mod landing_pages;
mod lead_export;
mod lead_status;
mod leads;
mod media;
mod media_sweep;
mod openapi;
mod page_cache;
mod password_links;
mod render_stress;
mod roi;
mod security;
mod sequences;
mod showcase;
mod start_page;
mod two_servers;
mod webhooks;
