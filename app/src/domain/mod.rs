//! Pure domain logic: no Leptos, sqlx or axum imports, so it compiles for the
//! server and for the browser (WASM) alike and is tested with plain `#[test]`s.

pub mod admin_section;
pub mod case_study_form;
pub mod client_address;
pub mod common_passwords;
pub mod consultant_form;
pub mod consultant_match;
pub mod consultant_query;
pub mod contact_fields;
pub mod content_policy;
pub mod control_chars;
pub mod cross_site;
pub mod dates;
pub mod display_name;
pub mod email;
pub mod gallery_query;
pub mod html_text;
pub mod lead_capture;
pub mod lead_csv;
pub mod lead_fields;
pub mod lead_form;
pub mod lead_query;
pub mod lead_score;
pub mod lift;
pub mod media;
pub mod media_sweep;
pub mod new_consultant;
pub mod password;
pub mod portfolio_figures;
pub mod rate_limit;
pub mod roi;
pub mod role;
pub mod safe_redirect;
pub mod showcase;
pub mod throttle;
pub mod visitor;
