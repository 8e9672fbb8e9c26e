//! The lead workspace: admins see and manage every lead; a consultant sees
//! only the leads assigned to the profile linked to their account. Every
//! function takes the current user and enforces that scope itself.
//!
//! - [`scope`]: whose leads a user may see, and one lead if they may;
//! - [`list`]: the filtered list and this month's figures;
//! - [`detail`]: one lead's page;
//! - [`actions`]: the sales process, notes, values and reassignment;
//! - [`start`]: the start page's figures.
//!
//! The CSV export streams from `db::lead_workspace::stream` (see
//! `server/src/lead_export.rs` and `domain::lead_csv`).

mod actions;
mod detail;
mod list;
mod scope;
mod start;

pub use actions::{add_note, reassign, set_status, set_values, undo_status};
pub use detail::detail;
pub use list::list;
pub use scope::{consultant_filter, scope_for, Scope};
pub use start::start_page;

/// A stored value's label, or the value itself when it is not one we know.
fn label_of<T: Copy>(
    value: &str,
    parse: fn(&str) -> Option<T>,
    label: fn(T) -> &'static str,
) -> String {
    parse(value).map_or_else(|| value.to_string(), |v| label(v).to_string())
}

/// (label, count) for each of `values` in their order, from stored
/// (wire value, count) rows; a value with no row counts 0.
fn counts_in_order<T: Copy>(
    values: impl IntoIterator<Item = T>,
    counts: &[(String, i64)],
    wire: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, i64)> {
    values
        .into_iter()
        .map(|value| {
            let n = counts
                .iter()
                .find(|(k, _)| k == wire(value))
                .map_or(0, |(_, n)| *n);
            (label(value).to_string(), n)
        })
        .collect()
}

fn pounds(minor: Option<i64>) -> Option<f64> {
    minor.map(|m| m as f64 / 100.0)
}

fn full_name(first: &str, last: &str) -> String {
    let name = format!("{first} {last}");
    let name = name.trim();
    if name.is_empty() {
        "(no name given)".to_string()
    } else {
        name.to_string()
    }
}
