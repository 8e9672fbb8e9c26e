pub mod admin_page;
pub mod field_message;
pub mod http_status;
pub mod hydration;
pub mod site_footer;
pub mod site_header;
pub mod site_layout;
