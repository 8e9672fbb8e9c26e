//! Image uploads for the back office: the HTTP endpoint and the pipeline that
//! turns one upload into responsive WebP variants under the media directory,
//! and the sweep that deletes the variants nothing refers to any more.

pub mod process;
pub mod sweep;
pub mod upload;
