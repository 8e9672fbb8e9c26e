//! The password policy of the product spec (Security → authentication):
//! at least 12 characters with upper and lower case, a digit and a symbol.

use std::fmt;

pub const MIN_LENGTH: usize = 12;
/// Upper bound so that hashing cost stays bounded (argon2 hashes the whole input).
pub const MAX_LENGTH: usize = 128;

/// A password that satisfies the policy. Deliberately not `Serialize` and its
/// `Debug` is redacted so it cannot leak into logs or responses.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

/// One rule of the policy that a candidate password misses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    MinLength,
    MaxLength,
    Uppercase,
    Lowercase,
    Digit,
    Symbol,
    /// Not a common password with padding (`Password123!`).
    Uncommon,
}

impl Requirement {
    fn describe(self, length: usize) -> String {
        match self {
            Requirement::MinLength => {
                format!("at least {MIN_LENGTH} characters (it has {length})")
            }
            Requirement::MaxLength => format!("at most {MAX_LENGTH} characters (it has {length})"),
            Requirement::Uppercase => "an uppercase letter".into(),
            Requirement::Lowercase => "a lowercase letter".into(),
            Requirement::Digit => "a digit".into(),
            Requirement::Symbol => "a symbol such as ! ? # or %".into(),
            Requirement::Uncommon => {
                "to be less guessable: it is a common password with numbers or symbols added; try a few unrelated words".into()
            }
        }
    }
}

/// Every requirement a candidate misses, so the user can fix them all at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct PasswordPolicyError {
    pub missing: Vec<Requirement>,
    length: usize,
}

impl PasswordPolicyError {
    pub fn message(&self) -> String {
        let parts: Vec<String> = self
            .missing
            .iter()
            .map(|r| r.describe(self.length))
            .collect();
        format!("Password needs {}.", join_readably(&parts))
    }
}

fn join_readably(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

impl NewPassword {
    pub fn parse(candidate: &str) -> Result<NewPassword, PasswordPolicyError> {
        let length = candidate.chars().count();
        let mut missing = Vec::new();
        if length < MIN_LENGTH {
            missing.push(Requirement::MinLength);
        }
        if length > MAX_LENGTH {
            missing.push(Requirement::MaxLength);
        }
        if !candidate.chars().any(char::is_uppercase) {
            missing.push(Requirement::Uppercase);
        }
        if !candidate.chars().any(char::is_lowercase) {
            missing.push(Requirement::Lowercase);
        }
        if !candidate.chars().any(|c| c.is_ascii_digit()) {
            missing.push(Requirement::Digit);
        }
        if !candidate
            .chars()
            .any(|c| !c.is_alphanumeric() && !c.is_whitespace())
        {
            missing.push(Requirement::Symbol);
        }
        if missing.is_empty() && super::common_passwords::is_common(candidate) {
            missing.push(Requirement::Uncommon);
        }
        if missing.is_empty() {
            Ok(NewPassword(candidate.to_string()))
        } else {
            Err(PasswordPolicyError { missing, length })
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_a_password_meeting_every_rule() {
        assert!(NewPassword::parse("Correct-Horse-9").is_ok());
    }

    #[test]
    fn names_each_missing_requirement() {
        let cases: [(&str, &[Requirement]); 6] = [
            ("Short-1a", &[Requirement::MinLength]),
            ("alllowercase-123", &[Requirement::Uppercase]),
            ("ALLUPPERCASE-123", &[Requirement::Lowercase]),
            ("NoDigitsHere-abc", &[Requirement::Digit]),
            ("NoSymbolsHere123", &[Requirement::Symbol]),
            (
                "",
                &[
                    Requirement::MinLength,
                    Requirement::Uppercase,
                    Requirement::Lowercase,
                    Requirement::Digit,
                    Requirement::Symbol,
                ],
            ),
        ];
        for (candidate, expected) in cases {
            let err = NewPassword::parse(candidate).unwrap_err();
            assert_eq!(err.missing, expected, "candidate {candidate:?}");
        }
    }

    #[test]
    fn message_reads_as_a_sentence() {
        let err = NewPassword::parse("abc").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Password needs at least 12 characters (it has 3), an uppercase letter, \
             a digit and a symbol such as ! ? # or %."
        );
    }

    #[test]
    fn common_passwords_are_refused_with_a_reason() {
        let err = NewPassword::parse("Password123!").unwrap_err();
        assert_eq!(err.missing, vec![Requirement::Uncommon]);
        assert!(err.to_string().contains("common password"), "{err}");
    }

    #[test]
    fn overly_long_passwords_are_refused() {
        let long = format!("Aa1!{}", "x".repeat(MAX_LENGTH));
        let err = NewPassword::parse(&long).unwrap_err();
        assert_eq!(err.missing, vec![Requirement::MaxLength]);
    }

    #[test]
    fn debug_output_never_shows_the_password() {
        let password = NewPassword::parse("Correct-Horse-9").unwrap();
        assert!(!format!("{password:?}").contains("Horse"));
    }

    proptest! {
        #[test]
        fn accepted_passwords_satisfy_every_rule(candidate in "\\PC{0,40}") {
            if let Ok(p) = NewPassword::parse(&candidate) {
                let s = p.expose();
                prop_assert!(s.chars().count() >= MIN_LENGTH);
                prop_assert!(s.chars().any(char::is_uppercase));
                prop_assert!(s.chars().any(char::is_lowercase));
                prop_assert!(s.chars().any(|c| c.is_ascii_digit()));
            }
        }

        #[test]
        fn a_strong_core_with_padding_is_accepted(pad in "[a-z]{8,40}") {
            let candidate = format!("Ab1!{pad}");
            prop_assert!(NewPassword::parse(&candidate).is_ok());
        }
    }
}
