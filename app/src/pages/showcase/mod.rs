pub mod case_study;
pub mod consultant;
pub mod consultants;
pub mod gallery;
pub mod live_filters;
