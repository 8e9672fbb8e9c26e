//! The demo showcase (`app/demo/showcase.toml`): consultants and case studies
//! written as the back office's form fields, so the seed saves them through
//! the same parsers as an editor would and the ROI engine's worked example
//! reads the very same studies. There is no second copy to keep in step.

use super::case_study_form::{CaseStudyDraft, CaseStudyInput};
use super::consultant_form::{ConsultantDraft, ConsultantInput};
use super::new_consultant::{NewConsultant, NewConsultantInput};
use super::roi::StudyEvidence;
use serde::Deserialize;

/// The data file, compiled in so `server seed-demo` works from any directory.
pub const DEMO_SHOWCASE_TOML: &str = include_str!("../../../demo/showcase.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct DemoShowcase {
    pub consultants: Vec<DemoConsultant>,
    pub case_studies: Vec<DemoCaseStudy>,
}

/// A consultant: seed-only keys plus the profile form as an editor fills it in.
#[derive(Debug, Clone, Deserialize)]
pub struct DemoConsultant {
    /// What a study's `consultant` names.
    pub key: String,
    pub email: String,
    /// Two CSS colours for the generated portrait.
    pub avatar_colors: [String; 2],
    #[serde(flatten)]
    pub profile: ConsultantInput,
}

/// A case study: seed-only keys plus the case-study form.
#[derive(Debug, Clone, Deserialize)]
pub struct DemoCaseStudy {
    /// The `key` of its consultant.
    pub consultant: String,
    #[serde(default)]
    pub featured: bool,
    /// Days before seeding that it was published (the gallery's "newest").
    pub published_days_ago: i64,
    pub view_count: i64,
    #[serde(flatten)]
    pub form: CaseStudyInput,
}

/// Why the data file cannot be used, naming the entry and field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct DemoDataError(String);

impl DemoShowcase {
    /// Reads the data and checks every entry with the back office's parsers,
    /// so a broken demo is found here, not halfway through a seed.
    pub fn parse(text: &str) -> Result<DemoShowcase, DemoDataError> {
        let showcase: DemoShowcase =
            toml::from_str(text).map_err(|e| DemoDataError(format!("showcase data: {e}")))?;
        for consultant in &showcase.consultants {
            consultant.new_profile()?;
            consultant.draft()?;
        }
        for study in &showcase.case_studies {
            study.draft()?;
            if !showcase
                .consultants
                .iter()
                .any(|c| c.key == study.consultant)
            {
                return Err(DemoDataError(format!(
                    "case study \"{}\": no consultant with key \"{}\"",
                    study.form.slug, study.consultant
                )));
            }
        }
        Ok(showcase)
    }

    /// The compiled-in demo.
    pub fn bundled() -> Result<DemoShowcase, DemoDataError> {
        DemoShowcase::parse(DEMO_SHOWCASE_TOML)
    }

    pub fn consultant(&self, key: &str) -> Option<&DemoConsultant> {
        self.consultants.iter().find(|c| c.key == key)
    }

    /// The published studies as the ROI engine sees them.
    pub fn evidence(&self) -> Result<Vec<StudyEvidence>, DemoDataError> {
        self.case_studies
            .iter()
            .map(DemoCaseStudy::evidence)
            .collect()
    }
}

fn refused(what: &str, errors: Vec<(String, String)>) -> DemoDataError {
    let details: Vec<String> = errors
        .into_iter()
        .map(|(field, message)| format!("{field}: {message}"))
        .collect();
    DemoDataError(format!("{what}: {}", details.join("; ")))
}

impl DemoConsultant {
    pub fn first_name(&self) -> &str {
        &self.profile.first_name
    }

    /// What an admin types to create the profile.
    pub fn new_profile(&self) -> Result<NewConsultant, DemoDataError> {
        NewConsultantInput {
            first_name: self.profile.first_name.clone(),
            last_name: self.profile.last_name.clone(),
            email: self.email.clone(),
            title: self.profile.title.clone(),
        }
        .parse()
        .map_err(|e| refused(&format!("consultant \"{}\"", self.key), e))
    }

    pub fn draft(&self) -> Result<ConsultantDraft, DemoDataError> {
        self.profile
            .parse()
            .map_err(|e| refused(&format!("consultant \"{}\"", self.key), e))
    }

    /// The generated portrait's media key.
    pub fn portrait_key(&self) -> String {
        format!("consultants/{}.svg", self.key)
    }
}

impl DemoCaseStudy {
    pub fn draft(&self) -> Result<CaseStudyDraft, DemoDataError> {
        self.form
            .parse()
            .map_err(|e| refused(&format!("case study \"{}\"", self.form.slug), e))
    }

    pub fn evidence(&self) -> Result<StudyEvidence, DemoDataError> {
        let draft = self.draft()?;
        Ok(StudyEvidence {
            slug: draft.slug.as_str().to_string(),
            title: draft.title,
            industry_sic_code: draft.industry_sic_code,
            industry_name: draft.industry_name,
            challenge: draft.challenge,
            company_size: draft.company_size,
            improvement_pct: draft.primary_metric_improvement_pct,
            roi_pct: draft.roi_pct,
            payback_months: draft.payback_months,
        })
    }
}

#[cfg(test)]
mod worked_example;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_demo_passes_the_back_office_checks() {
        let demo = DemoShowcase::bundled().unwrap();
        assert_eq!(demo.consultants.len(), 6);
        assert_eq!(demo.case_studies.len(), 29);
        assert_eq!(demo.evidence().unwrap().len(), 29);
    }

    #[test]
    fn a_study_an_editor_could_not_save_is_refused_with_its_field() {
        let text = DEMO_SHOWCASE_TOML.replacen(
            "confidence_level = \"0.95\"",
            "confidence_level = \"2\"",
            1,
        );
        let error = DemoShowcase::parse(&text).unwrap_err().to_string();
        assert!(error.contains("confidence_level"), "{error}");
        assert!(error.starts_with("case study \""), "{error}");
    }

    #[test]
    fn a_study_naming_an_unknown_consultant_is_refused() {
        let text =
            DEMO_SHOWCASE_TOML.replacen("consultant = \"priya\"", "consultant = \"nobody\"", 1);
        let error = DemoShowcase::parse(&text).unwrap_err().to_string();
        assert!(
            error.contains("no consultant with key \"nobody\""),
            "{error}"
        );
    }
}
