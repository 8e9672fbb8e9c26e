//! The vocabulary of case studies and consultants: methodologies, company
//! sizes, slugs, confidence levels and metric arithmetic. Pure and shared by
//! the server, the API and the WASM islands.

use serde::{Deserialize, Serialize};

/// How an engagement established its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Methodology {
    AbTest,
    Multivariate,
    CausalAnalysis,
    QuasiExperiment,
    GeoExperiment,
    Bandit,
}

impl Methodology {
    pub const ALL: [Methodology; 6] = [
        Methodology::AbTest,
        Methodology::Multivariate,
        Methodology::CausalAnalysis,
        Methodology::QuasiExperiment,
        Methodology::GeoExperiment,
        Methodology::Bandit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Methodology::AbTest => "ab_test",
            Methodology::Multivariate => "multivariate",
            Methodology::CausalAnalysis => "causal_analysis",
            Methodology::QuasiExperiment => "quasi_experiment",
            Methodology::GeoExperiment => "geo_experiment",
            Methodology::Bandit => "bandit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Methodology::AbTest => "A/B test",
            Methodology::Multivariate => "Multivariate test",
            Methodology::CausalAnalysis => "Causal analysis",
            Methodology::QuasiExperiment => "Quasi-experiment",
            Methodology::GeoExperiment => "Geo experiment",
            Methodology::Bandit => "Multi-armed bandit",
        }
    }

    pub fn parse(value: &str) -> Option<Methodology> {
        Methodology::ALL
            .into_iter()
            .find(|m| m.as_str() == value.trim())
    }
}

/// The size band of an (anonymised) client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompanySize {
    Smb,
    MidMarket,
    Enterprise,
}

impl CompanySize {
    pub const ALL: [CompanySize; 3] = [
        CompanySize::Smb,
        CompanySize::MidMarket,
        CompanySize::Enterprise,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CompanySize::Smb => "smb",
            CompanySize::MidMarket => "mid_market",
            CompanySize::Enterprise => "enterprise",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CompanySize::Smb => "SMB",
            CompanySize::MidMarket => "Mid-market",
            CompanySize::Enterprise => "Enterprise",
        }
    }

    pub fn parse(value: &str) -> Option<CompanySize> {
        CompanySize::ALL
            .into_iter()
            .find(|s| s.as_str() == value.trim())
    }
}

/// A URL slug: 3–120 characters of lowercase letters, digits and single hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("The slug must be 3 to 120 characters long.")]
    Length,
    #[error("Use only lowercase letters, digits and single hyphens in the slug (no hyphen at either end).")]
    Characters,
}

impl Slug {
    pub fn parse(value: &str) -> Result<Slug, SlugError> {
        let value = value.trim();
        if !(3..=120).contains(&value.len()) {
            return Err(SlugError::Length);
        }
        let valid_chars = value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_chars || value.starts_with('-') || value.ends_with('-') || value.contains("--") {
            return Err(SlugError::Characters);
        }
        Ok(Slug(value.to_string()))
    }

    /// A slug made from a title: accents dropped, other characters become hyphens.
    pub fn from_title(title: &str) -> Slug {
        let mut slug = String::new();
        for c in title.chars().flat_map(fold_accent) {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let mut slug: String = slug.trim_end_matches('-').chars().take(120).collect();
        slug = slug.trim_end_matches('-').to_string();
        while slug.len() < 3 {
            slug.push_str(if slug.is_empty() { "case" } else { "-x" });
        }
        Slug(slug)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn fold_accent(c: char) -> Vec<char> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        '&' => "and",
        '%' => "pct",
        _ => return vec![c],
    };
    folded.chars().collect()
}

/// A statistical confidence level between 0.80 and 0.99 inclusive.
pub fn parse_confidence_level(value: f64) -> Result<f64, &'static str> {
    if value.is_finite() && (0.80 - 1e-9..=0.99 + 1e-9).contains(&value) {
        Ok(value)
    } else {
        Err("The confidence level must be between 0.80 and 0.99 (e.g. 0.95 for 95%).")
    }
}

/// Relative change from baseline to result, in percent; `None` when the
/// baseline is zero (a relative change is undefined) or inputs are not finite.
pub fn improvement_pct(baseline: f64, result: f64) -> Option<f64> {
    (baseline != 0.0 && baseline.is_finite() && result.is_finite())
        .then(|| (result - baseline) / baseline.abs() * 100.0)
        // 1e-300 → 1e300 overflows: no figure rather than an infinite one
        // (which JSON cannot hold, so the stored study could not be read back).
        .filter(|pct| pct.is_finite())
}

/// Whether a stated improvement matches baseline→result within half a
/// percentage point (the figures are rounded when typed in).
pub fn improvement_is_consistent(baseline: f64, result: f64, stated_pct: f64) -> bool {
    improvement_pct(baseline, result).is_some_and(|actual| (actual - stated_pct).abs() <= 0.5)
}

/// A secondary result of an engagement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecondaryMetric {
    pub name: String,
    pub baseline: f64,
    pub result: f64,
    pub improvement_percentage: f64,
    #[serde(default)]
    pub unit: Option<String>,
}

/// Formats an amount in minor units as whole major units with a currency
/// symbol, e.g. `£1.2M`, `£850k`, `£940`.
pub fn compact_money(minor: i64, currency: &str) -> String {
    let symbol = match currency {
        "GBP" => "£",
        "EUR" => "€",
        "USD" => "$",
        _ => "",
    };
    let major = minor as f64 / 100.0;
    let body = if major >= 1_000_000.0 {
        format!("{:.1}M", major / 1_000_000.0)
    } else if major >= 10_000.0 {
        format!("{:.0}k", major / 1_000.0)
    } else {
        format!("{major:.0}")
    };
    if symbol.is_empty() {
        format!("{body} {currency}")
    } else {
        format!("{symbol}{body}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_round_trip() {
        for m in Methodology::ALL {
            assert_eq!(Methodology::parse(m.as_str()), Some(m));
        }
        for s in CompanySize::ALL {
            assert_eq!(CompanySize::parse(s.as_str()), Some(s));
        }
        assert_eq!(Methodology::parse("astrology"), None);
    }

    #[test]
    fn slugs_from_titles() {
        assert_eq!(
            Slug::from_title("Café chain lifts basket size by 12% & more!").as_str(),
            "cafe-chain-lifts-basket-size-by-12pct-and-more"
        );
        assert_eq!(Slug::from_title("  --  ").as_str(), "case");
        assert_eq!(Slug::from_title("AB").as_str(), "ab-x");
    }

    #[test]
    fn slug_validation_explains_itself() {
        assert!(Slug::parse("regional-cinema-chain").is_ok());
        assert_eq!(Slug::parse("ab"), Err(SlugError::Length));
        for bad in [
            "Upper-case",
            "double--hyphen",
            "-leading",
            "trailing-",
            "space here",
            "ünï",
        ] {
            assert_eq!(Slug::parse(bad), Err(SlugError::Characters), "{bad}");
        }
    }

    #[test]
    fn confidence_bounds() {
        assert!(parse_confidence_level(0.80).is_ok());
        assert!(parse_confidence_level(0.99).is_ok());
        assert!(parse_confidence_level(0.995).is_err());
        assert!(parse_confidence_level(95.0).is_err());
        assert!(parse_confidence_level(f64::NAN).is_err());
    }

    #[test]
    fn improvement_arithmetic() {
        assert_eq!(improvement_pct(2.0, 2.5), Some(25.0));
        assert_eq!(improvement_pct(0.0, 2.5), None);
        assert!(improvement_is_consistent(3.2, 4.0, 25.0));
        assert!(!improvement_is_consistent(3.2, 4.0, 30.0));
    }

    #[test]
    fn money_is_compact() {
        assert_eq!(compact_money(126_000_000, "GBP"), "£1.3M");
        assert_eq!(compact_money(8_500_000, "GBP"), "£85k");
        assert_eq!(compact_money(94_000, "USD"), "$940");
        assert_eq!(compact_money(94_000, "CHF"), "940 CHF");
    }

    proptest! {
        #[test]
        fn generated_slugs_always_validate(title in "\\PC{0,200}") {
            let slug = Slug::from_title(&title);
            prop_assert!(Slug::parse(slug.as_str()).is_ok(), "{:?} -> {:?}", title, slug);
        }
    }
}
