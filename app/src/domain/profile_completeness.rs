//! When a consultant profile may go public. A new profile starts hidden (it
//! would otherwise appear in the directory, and receive leads, with an empty
//! bio and no industry); it can be made active once it says who the
//! consultant is and where they work.

/// What the rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileFacts<'a> {
    pub title: &'a str,
    pub bio: &'a str,
    pub primary_industries: usize,
    pub specializations: usize,
}

/// What is still missing, in the order the profile form asks for it.
pub fn missing(facts: ProfileFacts<'_>) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if facts.title.trim().is_empty() {
        missing.push("a title");
    }
    if facts.bio.trim().is_empty() {
        missing.push("a bio");
    }
    if facts.specializations == 0 {
        missing.push("a specialisation");
    }
    if facts.primary_industries == 0 {
        missing.push("a primary industry");
    }
    missing
}

/// Why the profile cannot be made public yet, or `None` when it can.
pub fn activation_refusal(facts: ProfileFacts<'_>) -> Option<String> {
    let missing = missing(facts);
    let list = match missing.as_slice() {
        [] => return None,
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    Some(format!(
        "Complete the profile before making it public: add {list}."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> ProfileFacts<'static> {
        ProfileFacts {
            title: "Consultant",
            bio: "Ten years of experiments.",
            primary_industries: 1,
            specializations: 2,
        }
    }

    #[test]
    fn a_complete_profile_may_go_public() {
        assert_eq!(activation_refusal(complete()), None);
    }

    #[test]
    fn the_refusal_names_everything_missing() {
        let empty = ProfileFacts {
            title: " ",
            bio: "",
            primary_industries: 0,
            specializations: 0,
        };
        assert_eq!(
            activation_refusal(empty).unwrap(),
            "Complete the profile before making it public: add a title, a bio, a specialisation and a primary industry."
        );
        let no_bio = ProfileFacts {
            bio: "  ",
            ..complete()
        };
        assert_eq!(
            activation_refusal(no_bio).unwrap(),
            "Complete the profile before making it public: add a bio."
        );
    }
}
