//! What the showcase sends over the wire: to the JSON API (`/api/v1`), to
//! pages and to islands. Field names follow the product spec's API shapes.

use crate::domain::gallery_query::{GalleryQuery, Pagination};
use crate::domain::media::ImageUrls;
use crate::domain::showcase::{CompanySize, Methodology, SecondaryMetric};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseStudySummary {
    pub id: String,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub industry_sic_code: String,
    pub industry_display_name: String,
    pub client_type: String,
    pub company_size: CompanySize,
    pub experiment_type: Methodology,
    pub roi_percentage: f64,
    /// In major units of `roi_currency` (e.g. pounds).
    pub roi_absolute_value: f64,
    pub roi_currency: String,
    pub payback_period_months: f64,
    pub confidence_level: f64,
    pub primary_metric_name: String,
    pub primary_metric_improvement: f64,
    /// The largest variant (for link previews and API clients).
    pub hero_image_url: Option<String>,
    /// `src` and `srcset` for pages.
    pub hero_image: Option<ImageUrls>,
    pub consultant_id: Option<String>,
    pub consultant_name: Option<String>,
    pub view_count: i64,
    pub is_featured: bool,
    /// Unix milliseconds.
    pub published_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseStudyList {
    pub case_studies: Vec<CaseStudySummary>,
    pub total_count: i64,
    pub filters_applied: GalleryQuery,
    pub pagination: Pagination,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Testimonial {
    pub text: String,
    pub author: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantSummary {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub profile_image_url: Option<String>,
    pub profile_image: Option<ImageUrls>,
    pub calendar_booking_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseStudyDetail {
    pub id: String,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub meta_description: String,
    pub meta_keywords: String,
    pub industry_sic_code: String,
    pub industry_display_name: String,
    // Challenge & context (Markdown source; pages render it sanitised)
    pub business_challenge: String,
    pub previous_approaches: String,
    pub stakeholder_concerns: String,
    pub success_criteria: String,
    // Client (anonymised)
    pub client_type: String,
    pub company_size: CompanySize,
    pub client_size: String,
    pub client_region: String,
    // Methodology
    pub consultant: Option<ConsultantSummary>,
    pub methodology_type: Methodology,
    pub experiment_duration: i64,
    pub sample_size: i64,
    pub confidence_level: f64,
    pub detailed_methodology: String,
    // Results
    pub primary_metric_name: String,
    pub primary_metric_unit: String,
    pub primary_metric_improvement: f64,
    pub primary_metric_baseline: f64,
    pub primary_metric_result: f64,
    pub secondary_metrics: Vec<SecondaryMetric>,
    // Business impact
    pub roi_percentage: f64,
    pub roi_absolute_value: f64,
    pub roi_currency: String,
    pub roi_timeframe: String,
    pub payback_period_months: f64,
    // Content & media
    pub client_testimonial: Option<Testimonial>,
    pub hero_image_url: Option<String>,
    pub hero_image: Option<ImageUrls>,
    /// The largest variant of each chart image.
    pub chart_images: Vec<String>,
    pub charts: Vec<ImageUrls>,
    pub is_featured: bool,
    /// False only in a back-office preview of an unpublished study.
    pub is_published: bool,
    pub published_at: Option<i64>,
    pub updated_at: i64,
    pub view_count: i64,
    // Related content
    pub related_case_studies: Vec<CaseStudySummary>,
    pub consultant_other_work: Vec<CaseStudySummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantProfile {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub bio: String,
    pub years_experience: i64,
    pub specializations: Vec<String>,
    pub primary_industries: Vec<String>,
    pub secondary_industries: Vec<String>,
    /// In major units of `currency`.
    pub total_client_roi_generated: f64,
    pub currency: String,
    pub average_project_roi_percentage: f64,
    pub total_projects_completed: i64,
    pub client_satisfaction_score: Option<f64>,
    pub current_capacity: i64,
    pub available_for_new_clients: bool,
    pub preferred_contact_method: String,
    pub calendar_booking_url: Option<String>,
    pub profile_image_url: Option<String>,
    pub profile_image: Option<ImageUrls>,
    pub linkedin_url: Option<String>,
    pub featured_case_studies: Vec<CaseStudySummary>,
    pub recent_success_stories: Vec<CaseStudySummary>,
    /// False only in a back-office preview of a deactivated profile.
    pub is_active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultantList {
    pub consultants: Vec<ConsultantProfile>,
    pub total_count: i64,
}

impl ConsultantProfile {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// An industry option of the gallery filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndustryOption {
    pub sic_code: String,
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GalleryData {
    pub list: CaseStudyList,
    pub industries: Vec<IndustryOption>,
}
