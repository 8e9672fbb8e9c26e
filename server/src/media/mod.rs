//! Image uploads for the back office: the HTTP endpoint and the pipeline that
//! turns one upload into responsive WebP variants under the media directory,
//! and the sweep that deletes the variants nothing refers to any more.

pub mod process;
/// The sweep lives with the services (the job queue runs it daily).
pub mod sweep {
    pub use app::services::media_sweep::*;
}
pub mod upload;
