//! The validation rules for each calculator field, shared by the typed form
//! (`RoiForm`) and the JSON request (`RoiRequest`): each rule turns a raw value
//! into a checked one or a message for the person who typed it.

use crate::domain::lead_fields::{Challenge, CurrentSolution, IndustryRef, OTHER_INDUSTRY};
use crate::domain::showcase::CompanySize;

/// The largest annual revenue accepted, in pounds (£1 trillion).
pub const MAX_ANNUAL_REVENUE_GBP: f64 = 1e12;
/// The most locations accepted.
pub const MAX_LOCATIONS: u32 = 100_000;

const REVENUE_EXAMPLE: &str = "e.g. 2,500,000 or 2.5m";

/// Collects one message per offending field.
#[derive(Default)]
pub(super) struct Errors(pub Vec<(String, String)>);

impl Errors {
    /// The value when the rule passed; otherwise records the message.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        result
            .map_err(|message| self.0.push((field.to_string(), message)))
            .ok()
    }
}

/// An industry by SIC code or exact name (any case), or "other" (`None`).
pub(super) fn industry(
    value: &str,
    industries: &[IndustryRef],
) -> Result<Option<IndustryRef>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("Choose your industry, or Other".into());
    }
    if value.eq_ignore_ascii_case(OTHER_INDUSTRY) {
        return Ok(None);
    }
    IndustryRef::find(industries, value)
        .map(|i| Some(i.clone()))
        .ok_or_else(|| {
            format!(
                "Unknown industry '{}' — choose one from the list, or Other",
                echo(value)
            )
        })
}

/// Annual revenue as typed: "2500000", "2,500,000", "£2.5m", "750k", "1.2bn".
pub(super) fn revenue_text(value: &str) -> Result<f64, String> {
    if value.trim().is_empty() {
        return Err(format!("Enter your annual revenue, {REVENUE_EXAMPLE}"));
    }
    let amount = parse_money(value)
        .ok_or_else(|| format!("Enter annual revenue as a number, {REVENUE_EXAMPLE}"))?;
    revenue_amount(amount)
}

/// Annual revenue as a number of pounds.
pub(super) fn revenue_amount(value: f64) -> Result<f64, String> {
    if value.is_nan() {
        Err(format!(
            "Enter annual revenue as a number, {REVENUE_EXAMPLE}"
        ))
    } else if value <= 0.0 {
        Err("Annual revenue must be more than zero".into())
    } else if value > MAX_ANNUAL_REVENUE_GBP {
        Err("That's more than any company's revenue — enter annual revenue in pounds, up to £1 trillion".into())
    } else {
        Ok(value)
    }
}

/// Number of locations as typed; blank means "doesn't apply".
pub(super) fn locations_text(value: &str) -> Result<Option<u32>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let (negative, digits) = match value.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, value),
    };
    let count = plain_number(digits)
        .filter(|n| n.fract() == 0.0)
        .ok_or("Enter the number of locations as a whole number, e.g. 12")?;
    // Beyond i64 is simply "too many"; the cast saturates.
    let signed = if negative { -count } else { count };
    locations_count(Some(signed as i64))
}

/// Number of locations as a number; `None` means "doesn't apply".
pub(super) fn locations_count(value: Option<i64>) -> Result<Option<u32>, String> {
    match value {
        None => Ok(None),
        Some(n) if n < 0 => Err(
            "The number of locations can't be negative; leave it blank if that doesn't apply"
                .into(),
        ),
        Some(0) => Err(
            "A business with locations has at least one; leave it blank if that doesn't apply"
                .into(),
        ),
        Some(n) if n > i64::from(MAX_LOCATIONS) => {
            Err("That's more locations than we can estimate for (at most 100,000)".into())
        }
        Some(n) => Ok(Some(n as u32)),
    }
}

/// Company size: the wire values (`smb`, `mid_market`, `enterprise`) or the
/// spec's labels (`SMB`, `Mid-Market`, `Enterprise`), in any case.
pub(super) fn company_size(value: &str) -> Result<CompanySize, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("Choose a company size".into());
    }
    let normalised: String = value
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    CompanySize::parse(&normalised).ok_or_else(|| {
        format!(
            "Unknown company size '{}' — choose SMB, Mid-market or Enterprise",
            echo(value)
        )
    })
}

/// The challenge, by wire value (any case).
pub(super) fn challenge(value: &str) -> Result<Challenge, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("Choose the challenge you most want help with".into());
    }
    Challenge::parse(&value.to_ascii_lowercase()).ok_or_else(|| {
        format!(
            "Unknown challenge '{}' — choose the one you most want help with from the list",
            echo(value)
        )
    })
}

/// Current solutions by wire value; blanks and repeats are ignored, and
/// "nothing systematic" cannot be combined with tools.
pub(super) fn current_solutions(values: &[String]) -> Result<Vec<CurrentSolution>, String> {
    let mut chosen = Vec::new();
    let mut unknown = Vec::new();
    for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        match CurrentSolution::parse(&value.to_ascii_lowercase()) {
            Some(s) if !chosen.contains(&s) => chosen.push(s),
            Some(_) => {}
            None if unknown.len() < 3 => unknown.push(format!("'{}'", echo(value))),
            None => {}
        }
    }
    match unknown.len() {
        0 => {}
        1 => return Err(format!("Unknown current solution {}", unknown[0])),
        _ => return Err(format!("Unknown current solutions {}", unknown.join(", "))),
    }
    if chosen.len() > 1 && chosen.contains(&CurrentSolution::Nothing) {
        return Err(format!(
            "Choose '{}' on its own, or the tools you use",
            CurrentSolution::Nothing.label()
        ));
    }
    Ok(chosen)
}

/// A user's value quoted back in a message, cut to a readable length.
fn echo(value: &str) -> String {
    const MAX: usize = 40;
    if value.chars().count() <= MAX {
        value.to_string()
    } else {
        let cut: String = value.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// An amount of money as people type it: optional currency sign or "GBP",
/// thousands separators, spaces, and a k / m / bn / tn (or thousand, million,
/// billion, trillion) suffix. A leading minus is kept so the caller can say
/// the amount must be positive.
pub fn parse_money(text: &str) -> Option<f64> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let mut rest = compact.as_str();
    let negative = if let Some(r) = rest.strip_prefix('-') {
        rest = r;
        true
    } else {
        false
    };
    for sign in ["£", "$", "€", "gbp"] {
        if let Some(r) = rest.strip_prefix(sign) {
            rest = r;
            break;
        }
    }
    let negative = negative || rest.starts_with('-');
    rest = rest.strip_prefix('-').unwrap_or(rest);
    rest = rest.strip_suffix("gbp").unwrap_or(rest);
    let split = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (number, suffix) = rest.split_at(split);
    let multiplier = match suffix {
        "" => 1.0,
        "k" | "thousand" => 1e3,
        "m" | "mn" | "mm" | "mil" | "million" => 1e6,
        "b" | "bn" | "billion" => 1e9,
        "t" | "tn" | "trillion" => 1e12,
        _ => return None,
    };
    let amount = plain_number(number)? * multiplier;
    Some(if negative { -amount } else { amount })
}

/// Digits with at most one decimal point and optional thousands separators
/// (groups of exactly three digits, so "2,5" is rejected rather than misread).
fn plain_number(text: &str) -> Option<f64> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    let grouped = whole.contains(',');
    if !all_digits(first) || (grouped && !(1..=3).contains(&first.len())) {
        return None;
    }
    if !groups.all(|g| g.len() == 3 && all_digits(g)) {
        return None;
    }
    if let Some(f) = fraction {
        if !all_digits(f) || (f.is_empty() && whole.is_empty()) {
            return None;
        }
    }
    if whole.is_empty() && fraction.is_none() {
        return None;
    }
    let digits: String = whole.chars().filter(|c| *c != ',').collect();
    let normalised = format!(
        "{}.{}",
        if digits.is_empty() { "0" } else { &digits },
        fraction.unwrap_or("0")
    );
    normalised.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_read_the_way_people_write_it() {
        for (text, expected) in [
            ("2500000", 2_500_000.0),
            ("2,500,000", 2_500_000.0),
            ("£2.5m", 2_500_000.0),
            ("2.5M", 2_500_000.0),
            ("750k", 750_000.0),
            ("1.2bn", 1_200_000_000.0),
            (" £ 2 500 000 ", 2_500_000.0),
            ("2.5 million", 2_500_000.0),
            ("GBP 40m", 40_000_000.0),
            (".5m", 500_000.0),
            ("12.", 12.0),
            ("-5", -5.0),
            ("£-5k", -5_000.0),
        ] {
            assert_eq!(parse_money(text), Some(expected), "{text}");
        }
        for text in [
            "", "abc", "2,5m", "1,0000", "1.2.3", "2.5x", "1e6", "inf", "NaN", ".", "£", "m",
            "12,", ",123",
        ] {
            assert_eq!(parse_money(text), None, "{text}");
        }
    }

    #[test]
    fn revenue_messages_say_what_is_wrong() {
        assert_eq!(
            revenue_text("-5").unwrap_err(),
            "Annual revenue must be more than zero"
        );
        assert_eq!(
            revenue_text("0").unwrap_err(),
            "Annual revenue must be more than zero"
        );
        assert_eq!(
            revenue_text("lots").unwrap_err(),
            "Enter annual revenue as a number, e.g. 2,500,000 or 2.5m"
        );
        assert!(revenue_text("2tn")
            .unwrap_err()
            .starts_with("That's more than any company's revenue"));
        assert!(revenue_amount(f64::INFINITY).is_err());
        assert!(revenue_amount(f64::NAN).is_err());
        assert_eq!(revenue_text("1tn"), Ok(1e12));
    }

    #[test]
    fn locations_are_optional_whole_positive_numbers() {
        assert_eq!(locations_text("  "), Ok(None));
        assert_eq!(locations_text("1,200"), Ok(Some(1_200)));
        assert_eq!(
            locations_text("0").unwrap_err(),
            "A business with locations has at least one; leave it blank if that doesn't apply"
        );
        assert!(locations_text("-3").unwrap_err().contains("negative"));
        assert!(locations_text("2.5").unwrap_err().contains("whole number"));
        assert!(locations_text("100001").unwrap_err().contains("100,000"));
        assert!(locations_text("99999999999999999999999").is_err());
        assert_eq!(locations_count(Some(100_000)), Ok(Some(100_000)));
    }

    #[test]
    fn company_size_accepts_wire_values_and_spec_labels() {
        for (text, size) in [
            ("smb", CompanySize::Smb),
            ("SMB", CompanySize::Smb),
            ("Mid-Market", CompanySize::MidMarket),
            ("mid_market", CompanySize::MidMarket),
            ("Enterprise", CompanySize::Enterprise),
        ] {
            assert_eq!(company_size(text), Ok(size), "{text}");
        }
        assert_eq!(company_size("").unwrap_err(), "Choose a company size");
        assert!(company_size("huge").unwrap_err().contains("'huge'"));
    }

    #[test]
    fn current_solutions_reject_unknowns_and_contradictions() {
        let s =
            |v: &[&str]| current_solutions(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(
            s(&["agency", "", "agency", "bi_dashboards"]),
            Ok(vec![CurrentSolution::Agency, CurrentSolution::BiDashboards])
        );
        assert_eq!(s(&["x"]).unwrap_err(), "Unknown current solution 'x'");
        assert_eq!(
            s(&["x", "y"]).unwrap_err(),
            "Unknown current solutions 'x', 'y'"
        );
        assert!(s(&["none", "agency"]).unwrap_err().contains("on its own"));
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = "x".repeat(500);
        let message = industry(&long, &[]).unwrap_err();
        assert!(message.chars().count() < 120, "{message}");
    }
}
