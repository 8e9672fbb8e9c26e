//! Image uploads for the back office: the HTTP endpoint and the pipeline that
//! turns one upload into responsive WebP variants under the media directory.

pub mod process;
pub mod upload;
