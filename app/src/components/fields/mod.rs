//! The one family of form fields: every form (lead capture, the calculator,
//! the back-office editors, accounts) builds on the same labelled controls,
//! hint and message markup, so they look, announce and validate alike.
//! Fields post as `input[name]`; a form that edits live passes `on_input`.

mod controls;
mod message;
mod tags;

pub use controls::{FieldIds, SelectField, TextArea, TextField};
pub use message::{
    action_field_message, action_form_error, aria_invalid, highlighted_fields, FieldMessage,
};
pub use tags::TagsField;
