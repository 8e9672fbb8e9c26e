pub mod account;
pub mod dashboard;
pub mod users;
