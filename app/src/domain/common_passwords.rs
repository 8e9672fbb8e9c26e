//! Passwords that meet the character rules but are among the first an
//! attacker tries: a common word or keyboard run, padded with digits and
//! symbols (`Password123!`, `Welcome2024!`, `P@ssw0rd!!`, `Qwerty123456!`).
//!
//! The check strips the padding at both ends, undoes the usual letter
//! swaps (`@`→a, `0`→o, `$`→s …) in what remains and compares the letters
//! with a list of the bases that lead the published leaked-password lists.
//! A longer phrase that merely contains such a word ("Test-Password-123")
//! is not refused: its letters are not the bare word.

/// Bases of the most common passwords (lower case, letters only).
const COMMON_BASES: &[&str] = &[
    "password",
    "passwort",
    "passwd",
    "pass",
    "welcome",
    "letmein",
    "qwerty",
    "qwertyuiop",
    "qwertz",
    "azerty",
    "asdf",
    "asdfgh",
    "asdfghjkl",
    "zxcvbn",
    "zxcvbnm",
    "qazwsx",
    "abc",
    "abcd",
    "abcdef",
    "abcdefg",
    "abcdefgh",
    "admin",
    "administrator",
    "root",
    "user",
    "login",
    "guest",
    "test",
    "tester",
    "testing",
    "default",
    "changeme",
    "secret",
    "master",
    "hello",
    "hellothere",
    "iloveyou",
    "loveyou",
    "love",
    "lovely",
    "monkey",
    "dragon",
    "sunshine",
    "shadow",
    "princess",
    "football",
    "soccer",
    "baseball",
    "basketball",
    "hockey",
    "superman",
    "batman",
    "spiderman",
    "starwars",
    "pokemon",
    "michael",
    "jennifer",
    "jessica",
    "charlie",
    "thomas",
    "daniel",
    "andrew",
    "joshua",
    "matthew",
    "jordan",
    "hunter",
    "ranger",
    "buster",
    "killer",
    "trustno",
    "whatever",
    "freedom",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "friday",
    "sunday",
    "company",
    "business",
    "office",
    "manager",
    "computer",
    "internet",
    "security",
    "secure",
    "access",
    "system",
    "server",
    "database",
    "oracle",
    "microsoft",
    "windows",
    "google",
    "apple",
    "samsung",
    "facebook",
    "linkedin",
    "mustang",
    "ferrari",
    "porsche",
    "cheese",
    "chocolate",
    "cookie",
    "banana",
    "orange",
    "purple",
    "flower",
    "tigger",
    "pepper",
    "ginger",
    "maggie",
    "bailey",
    "buddy",
    "lucky",
    "angel",
    "baby",
    "family",
    "london",
    "paris",
    "berlin",
    "newyork",
    "england",
    "america",
    "canada",
    "australia",
    "causaledge",
    "causal",
    "edge",
    "growth",
    "marketing",
    "consultant",
    "experiment",
    "welcomeback",
    "goodmorning",
    "trustme",
    "letmeinnow",
    "ninja",
    "mypassword",
    "newpassword",
    "yourpassword",
    "temp",
    "temporary",
    "start",
    "starter",
    "zaq",
    "zaqxsw",
    "qweasd",
    "qweasdzxc",
    "onetwothree",
];

fn unswap(c: char) -> char {
    match c {
        '@' | '4' => 'a',
        '8' => 'b',
        '(' => 'c',
        '3' => 'e',
        '6' | '9' => 'g',
        '1' | '!' | '|' => 'i',
        '0' => 'o',
        '$' | '5' => 's',
        '7' | '+' => 't',
        '2' => 'z',
        c => c,
    }
}

/// The letters of a password once padding and letter swaps are removed.
fn base_of(password: &str) -> String {
    let padding = |c: char| !c.is_alphabetic();
    password
        .trim_matches(padding)
        .chars()
        .map(unswap)
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a password is a common one in disguise.
pub fn is_common(password: &str) -> bool {
    let base = base_of(password);
    if base.is_empty() {
        return true;
    }
    // "PasswordPassword1!" and "abcabcabc123!" are still the same word.
    let repeated_word = (1..=base.len() / 2).any(|n| {
        base.len().is_multiple_of(n)
            && base.is_char_boundary(n)
            && base[..n].repeat(base.len() / n) == base
            && COMMON_BASES.contains(&&base[..n])
    });
    COMMON_BASES.contains(&base.as_str())
        || repeated_word
        || base.chars().all(|c| base.starts_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_common_words_are_refused() {
        for common in [
            "Password123!",
            "P@ssw0rd2024!",
            "Welcome2024!!",
            "!Summer2025#",
            "Qwerty123456!",
            "Letmein!2024",
            "Admin@123456",
            "PasswordPassword1!",
            "Aaaaaaaaaaa1!",
            "123456789012!A",
        ] {
            assert!(is_common(common), "{common}");
        }
    }

    #[test]
    fn passphrases_and_random_passwords_pass() {
        for fine in [
            "Correct-Horse-9",
            "Test-Password-123",
            "E2e-Demo-Password-42",
            "Blue7-Kettle!Moss",
            "x9#Lq2!vRt8$",
        ] {
            assert!(!is_common(fine), "{fine}");
        }
    }
}
