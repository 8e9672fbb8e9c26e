//! The lead export's CSV: one line per lead, RFC 4180 quoting, and cells
//! that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
//! the start) prefixed with an apostrophe so they stay text.

use crate::domain::dates::iso_date;
use crate::domain::lead_fields::{Challenge, LeadSource, LeadStatus, Tier};

/// The header line (CRLF-terminated, like every line).
pub const HEADER: &str = "id,created_at,name,email,company,industry,challenge,source,score,tier,status,consultant,estimated_value_gbp\r\n";

/// One lead as stored (wire values, minor units), before labelling.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadCsvRow {
    pub id: String,
    pub created_at_ms: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub company_name: String,
    pub industry_name: String,
    pub primary_challenge: String,
    pub source: String,
    pub score: i64,
    pub tier: String,
    pub status: String,
    pub consultant_name: Option<String>,
    pub estimated_value_minor: Option<i64>,
}

/// A stored value's label, or the value itself when it is not one we know.
fn label_of<T: Copy>(
    value: &str,
    parse: fn(&str) -> Option<T>,
    label: fn(T) -> &'static str,
) -> String {
    parse(value).map_or_else(|| value.to_string(), |v| label(v).to_string())
}

impl LeadCsvRow {
    /// The row's CSV line, CRLF-terminated, labels in place of wire values.
    pub fn line(&self) -> String {
        let name = format!("{} {}", self.first_name, self.last_name);
        let name = match name.trim() {
            "" => "(no name given)",
            name => name,
        };
        let cells = [
            self.id.clone(),
            iso_date(self.created_at_ms),
            name.to_string(),
            self.email.clone(),
            self.company_name.clone(),
            self.industry_name.clone(),
            label_of(&self.primary_challenge, Challenge::parse, Challenge::label),
            label_of(&self.source, LeadSource::parse, LeadSource::label),
            self.score.to_string(),
            label_of(&self.tier, Tier::parse, Tier::label),
            label_of(&self.status, LeadStatus::parse, LeadStatus::label),
            self.consultant_name.clone().unwrap_or_default(),
            self.estimated_value_minor
                .map(|minor| format!("{:.2}", minor as f64 / 100.0))
                .unwrap_or_default(),
        ];
        let mut line = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
        line.push_str("\r\n");
        line
    }
}

/// One cell: formula-guarded, then quoted if it holds a comma, quote or newline.
pub fn cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+44 20 7946 0000"), "'+44 20 7946 0000");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1:A9)"), "'@SUM(A1:A9)");
        assert_eq!(cell("\tcmd"), "'\tcmd");
        assert_eq!(cell("\r=1"), "\"'\r=1\"", "a CR also forces quoting");
    }

    #[test]
    fn ordinary_cells_are_kept_and_quoted_only_when_needed() {
        assert_eq!(cell("Acme Retail"), "Acme Retail");
        assert_eq!(cell("a=b"), "a=b", "only the first character matters");
        assert_eq!(cell(""), "");
        assert_eq!(cell("Smith, Jones"), "\"Smith, Jones\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn a_row_becomes_one_labelled_line() {
        let row = LeadCsvRow {
            id: "l1".into(),
            created_at_ms: 86_400_000,
            first_name: "Ana".into(),
            last_name: "Silva".into(),
            email: "ana@example.com".into(),
            company_name: "=cmd|' /C calc'!A0".into(),
            industry_name: "Retail".into(),
            primary_challenge: "conversion".into(),
            source: "roi_calculator".into(),
            score: 72,
            tier: "Tier_1".into(),
            status: "new".into(),
            consultant_name: Some("Priya Shah".into()),
            estimated_value_minor: Some(1_234_550),
        };
        assert_eq!(
            row.line(),
            "l1,1970-01-02,Ana Silva,ana@example.com,'=cmd|' /C calc'!A0,Retail,\
             Conversion (sign-ups, checkout, trial-to-paid),ROI calculator,72,Tier 1,New,\
             Priya Shah,12345.50\r\n"
                .replace(
                    "Conversion (sign-ups, checkout, trial-to-paid)",
                    "\"Conversion (sign-ups, checkout, trial-to-paid)\""
                )
        );
        let header_cells = HEADER.trim_end().split(',').count();
        let line = LeadCsvRow::default().line();
        assert_eq!(line.trim_end().split(',').count(), header_cells);
        assert!(
            line.contains("(no name given)"),
            "a lead without a name: {line}"
        );
    }

    #[test]
    fn unknown_stored_values_are_shown_as_stored() {
        let row = LeadCsvRow {
            source: "partner_site".into(),
            ..LeadCsvRow::default()
        };
        assert!(row.line().contains(",partner_site,"));
    }
}
