//! Demo content for the showcase: consultants and case studies with
//! internally consistent numbers. Plain data; `seed::showcase` inserts it.

/// A demo consultant. `key` links case studies to their consultant.
pub struct DemoConsultant {
    pub key: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub email: &'static str,
    pub title: &'static str,
    /// Markdown.
    pub bio: &'static str,
    pub years_experience: i64,
    pub specializations: &'static [&'static str],
    /// SIC codes (as used by the case studies' `industry_sic_code`).
    pub primary_industries: &'static [&'static str],
    pub secondary_industries: &'static [&'static str],
    pub average_project_roi_pct: f64,
    pub projects_completed: i64,
    pub satisfaction_score: f64,
    pub capacity_pct: i64,
    pub hourly_rate_gbp: i64,
    pub consultation_rate_gbp: i64,
    pub available_for_new_clients: bool,
    pub preferred_contact: &'static str, // "email" | "phone" | "calendar"
    pub calendar_url: Option<&'static str>,
    pub linkedin_url: Option<&'static str>,
    /// Two colours (CSS hex) for the generated avatar.
    pub avatar_colors: (&'static str, &'static str),
}

pub struct DemoMetric {
    pub name: &'static str,
    pub baseline: f64,
    pub result: f64,
    pub improvement_pct: f64,
    pub unit: &'static str,
}

pub struct DemoCaseStudy {
    pub title: &'static str,
    pub slug: &'static str,
    pub summary: &'static str,
    pub industry_sic_code: &'static str,
    pub industry_name: &'static str,
    pub client_type: &'static str,
    pub company_size: &'static str, // "smb" | "mid_market" | "enterprise"
    pub client_size_label: &'static str,
    pub client_region: &'static str,
    /// Markdown texts.
    pub business_challenge: &'static str,
    pub previous_approaches: &'static str,
    pub stakeholder_concerns: &'static str,
    pub success_criteria: &'static str,
    pub consultant_key: &'static str,
    pub methodology: &'static str, // see domain::showcase::Methodology::as_str
    pub duration_days: i64,
    pub sample_size: i64,
    pub confidence_level: f64,
    pub primary_metric: DemoMetric,
    pub secondary_metrics: &'static [DemoMetric],
    pub roi_pct: f64,
    pub roi_value_gbp: i64,
    pub roi_timeframe: &'static str, // "annually" | "quarterly" | "monthly" | "one_off"
    pub payback_months: f64,
    /// Markdown.
    pub methodology_details: &'static str,
    pub testimonial_text: &'static str,
    pub testimonial_author: &'static str,
    pub testimonial_role: &'static str,
    pub meta_description: &'static str,
    pub meta_keywords: &'static str,
    pub featured: bool,
    /// Days before the seeding time that it was published.
    pub published_days_ago: i64,
    pub view_count: i64,
}

pub const CONSULTANTS: &[DemoConsultant] = &[];

pub const CASE_STUDIES: &[DemoCaseStudy] = &[];
