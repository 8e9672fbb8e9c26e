//! The names form controls post under (`input[industry]`,
//! `input[current_solutions][2]`), read back as the field they belong to:
//! islands use it to pick up what a visitor typed before they hydrated.

/// The field a control named `input[field]` or `input[field][n]` posts to.
pub fn field_of(control_name: &str) -> Option<&str> {
    let inner = control_name.strip_prefix("input[")?;
    let end = inner.find(']')?;
    let field = &inner[..end];
    (!field.is_empty()).then_some(field)
}

#[cfg(test)]
mod tests {
    use super::field_of;

    #[test]
    fn control_names_map_to_their_fields() {
        assert_eq!(field_of("input[industry]"), Some("industry"));
        assert_eq!(
            field_of("input[current_solutions][3]"),
            Some("current_solutions")
        );
        for other in ["industry", "input[]", "input[open", "return_to", ""] {
            assert_eq!(field_of(other), None, "{other}");
        }
    }
}
