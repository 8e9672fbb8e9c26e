//! Wire types of lead capture, shared by the server functions, the islands
//! and the REST API.

use crate::domain::lead_fields::IndustryRef;
use crate::domain::lead_form::LeadForm;
use crate::error::FieldError;
use crate::model::showcase::ConsultantSummary;
use serde::{Deserialize, Serialize};

/// The consultant a lead went to, as the prospect sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignedConsultant {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub profile_image_url: Option<String>,
    pub calendar_booking_url: Option<String>,
}

impl From<ConsultantSummary> for AssignedConsultant {
    fn from(c: ConsultantSummary) -> AssignedConsultant {
        AssignedConsultant {
            id: c.id,
            first_name: c.first_name,
            last_name: c.last_name,
            title: c.title,
            profile_image_url: c.profile_image_url,
            calendar_booking_url: c.calendar_booking_url,
        }
    }
}

/// What the prospect sees after sending the form. (Their score and tier are
/// internal and deliberately not shown.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThankYou {
    pub lead_id: String,
    pub consultant: Option<AssignedConsultant>,
    pub estimated_response_time: String,
    pub next_steps: Vec<String>,
    pub booking_url: Option<String>,
}

/// What a lead form needs to render: the industries to offer, the values
/// to start from (prefilled attribution, or a draft the server kept after a
/// no-JavaScript submission failed) and that draft's errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadFormData {
    pub industries: Vec<IndustryRef>,
    pub form: LeadForm,
    pub errors: Vec<FieldError>,
}
