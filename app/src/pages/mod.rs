pub mod admin;
pub mod home;
pub mod leads;
pub mod login;
pub mod not_found;
pub mod privacy;
pub mod roi;
pub mod showcase;
