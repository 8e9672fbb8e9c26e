//! The lead form (an island used inline, in a dialog and as a page), the
//! thank-you panel, and the contact and thank-you pages.

mod capture_form;
mod contact;
mod fields;
mod thank_you_panel;
mod thanks;

pub use capture_form::{LeadCapture, LeadCaptureSection};
pub use contact::ContactPage;
pub use thank_you_panel::ThankYouPanel;
pub use thanks::ThanksPage;
