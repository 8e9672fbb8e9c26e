//! The answer of `POST /admin/media` (the image upload endpoint), shared by
//! the server that sends it and the editor islands that read it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadedImage {
    /// What the form stores, e.g. `hero/0193…`.
    pub key: String,
    pub src: String,
    pub srcset: Option<String>,
    pub largest: String,
    /// Of the largest variant.
    pub width: u32,
    pub height: u32,
    pub source_width: u32,
    pub source_height: u32,
    /// Set when the upload works but will look soft on large screens.
    pub warning: Option<String>,
}

/// The error body every JSON endpoint answers with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiErrorDetail {
    pub code: String,
    pub message: String,
}

/// One page of the media library (images the page editor may use), newest
/// first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaLibraryPage {
    pub images: Vec<LibraryImage>,
    /// Pass back to get the next page; `None` on the last one.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryImage {
    /// What a document stores, e.g. `chart/0193…`.
    pub key: String,
    /// The smallest variant, for a thumbnail.
    pub thumbnail: String,
    /// "Chart or picture" / "Wide header picture".
    pub kind_label: String,
    pub uploaded_by: String,
    pub uploaded_at_ms: i64,
}
