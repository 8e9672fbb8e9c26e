pub mod account;
pub mod case_studies;
pub mod case_study_edit;
pub mod consultants;
pub mod dashboard;
pub mod lead_detail;
pub mod leads;
pub mod users;
