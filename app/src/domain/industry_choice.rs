//! Which industry a case study is filed under. The gallery groups studies by
//! SIC code and shows the name, so a typo in either would quietly create a
//! second industry: a known code keeps its known name (filled in when left
//! empty), a known name keeps its code, and only admins add a new industry.

/// An industry the case studies already use: (SIC code, name).
pub type KnownIndustry = (String, String);

/// The (code, name) to store, or the (field, message) problems.
pub fn resolve_industry(
    known: &[KnownIndustry],
    sic_code: &str,
    name: &str,
    may_add: bool,
) -> Result<(String, String), Vec<(String, String)>> {
    let (sic_code, name) = (sic_code.trim(), name.trim());
    let fail = |field: &str, message: String| Err(vec![(field.to_string(), message)]);
    if sic_code.is_empty() {
        // The form's own parser says "Enter the industry's SIC code".
        return Ok((String::new(), name.to_string()));
    }
    if let Some((_, known_name)) = known.iter().find(|(code, _)| code == sic_code) {
        return if name.is_empty() || name.eq_ignore_ascii_case(known_name) {
            Ok((sic_code.to_string(), known_name.clone()))
        } else {
            fail(
                "industry_name",
                format!(
                    "SIC {sic_code} is \"{known_name}\" in the gallery; use that name, or choose another code for another industry."
                ),
            )
        };
    }
    if let Some((code, known_name)) = known.iter().find(|(_, n)| n.eq_ignore_ascii_case(name)) {
        return fail(
            "industry_sic_code",
            format!("\"{known_name}\" is SIC {code} in the gallery; use that code."),
        );
    }
    if !may_add {
        return fail(
            "industry_sic_code",
            "Choose an industry from the list; a new industry is added by an admin.".to_string(),
        );
    }
    Ok((sic_code.to_string(), name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<KnownIndustry> {
        vec![
            ("5914".into(), "Cinemas".into()),
            ("5510".into(), "Hotels & hospitality".into()),
        ]
    }

    #[test]
    fn a_known_code_keeps_its_name_and_fills_it_in() {
        assert_eq!(
            resolve_industry(&known(), " 5914 ", "", false),
            Ok(("5914".into(), "Cinemas".into()))
        );
        assert_eq!(
            resolve_industry(&known(), "5914", "cinemas", false),
            Ok(("5914".into(), "Cinemas".into()))
        );
        let typo = resolve_industry(&known(), "5914", "Cinemsa", true).unwrap_err();
        assert_eq!(typo[0].0, "industry_name");
        assert!(typo[0].1.contains("\"Cinemas\""), "{}", typo[0].1);
    }

    #[test]
    fn a_known_name_keeps_its_code() {
        let moved = resolve_industry(&known(), "5511", "Hotels & hospitality", true).unwrap_err();
        assert_eq!(moved[0].0, "industry_sic_code");
        assert!(moved[0].1.contains("SIC 5510"));
    }

    #[test]
    fn only_admins_add_an_industry() {
        let refused = resolve_industry(&known(), "4791", "E-commerce retail", false).unwrap_err();
        assert_eq!(refused[0].0, "industry_sic_code");
        assert_eq!(
            resolve_industry(&known(), "4791", "E-commerce retail", true),
            Ok(("4791".into(), "E-commerce retail".into()))
        );
    }
}
