//! Filters of the consultants directory (`/consultants`, `/api/v1/consultants`).

use super::gallery_query::{parse_flag, parse_sic_code, ParamError, SIC_CODE_HINT};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ConsultantQuery {
    /// SIC code among the consultant's primary industries.
    pub industry: Option<String>,
    /// Case-insensitive part of a specialisation, e.g. "pricing".
    pub specialization: Option<String>,
    pub available_only: bool,
    pub min_experience_years: Option<i64>,
    pub min_satisfaction_score: Option<f64>,
}

impl ConsultantQuery {
    pub fn parse<'a>(
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ConsultantQuery, Vec<ParamError>> {
        let mut query = ConsultantQuery::default();
        let mut errors = Vec::new();
        let mut bad = |parameter: &str, message: &str| {
            errors.push(ParamError {
                parameter: parameter.to_string(),
                message: message.to_string(),
            })
        };
        for (name, raw) in params {
            let value = raw.trim();
            if value.is_empty() {
                continue;
            }
            match name {
                "industry" => match parse_sic_code(value) {
                    Some(code) => query.industry = Some(code),
                    None => bad(name, SIC_CODE_HINT),
                },
                "specialization" => {
                    if value.chars().count() <= 60 {
                        query.specialization = Some(value.to_lowercase());
                    } else {
                        bad(name, "Expected at most 60 characters.");
                    }
                }
                "available_only" => match parse_flag(value) {
                    Some(flag) => query.available_only = flag,
                    None => bad(name, "Expected true or false."),
                },
                "min_experience_years" => match value.parse::<i64>() {
                    Ok(v) if (0..=70).contains(&v) => query.min_experience_years = Some(v),
                    _ => bad(name, "Expected a whole number of years from 0 to 70."),
                },
                "min_satisfaction_score" => match value.parse::<f64>() {
                    Ok(v) if (0.0..=5.0).contains(&v) => query.min_satisfaction_score = Some(v),
                    _ => bad(name, "Expected a score from 0 to 5."),
                },
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    /// Checks a query that arrived already structured (the directory's
    /// server function takes one as JSON) by the same rules as query
    /// parameters: without this a 60,000-character specialisation reached
    /// the database's LIKE.
    pub fn validate(&self) -> Result<ConsultantQuery, Vec<ParamError>> {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(industry) = &self.industry {
            pairs.push(("industry", industry.clone()));
        }
        if let Some(specialization) = &self.specialization {
            pairs.push(("specialization", specialization.clone()));
        }
        pairs.push(("available_only", self.available_only.to_string()));
        if let Some(years) = self.min_experience_years {
            pairs.push(("min_experience_years", years.to_string()));
        }
        if let Some(score) = self.min_satisfaction_score {
            pairs.push(("min_satisfaction_score", score.to_string()));
        }
        ConsultantQuery::parse(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn structured_queries_obey_the_parameter_rules() {
        let good = ConsultantQuery::parse([("specialization", "pricing")]).unwrap();
        assert_eq!(good.validate(), Ok(good.clone()));
        for (query, parameter) in [
            (
                ConsultantQuery {
                    specialization: Some("a".repeat(60_000)),
                    ..good.clone()
                },
                "specialization",
            ),
            (
                ConsultantQuery {
                    min_experience_years: Some(-1),
                    ..good.clone()
                },
                "min_experience_years",
            ),
            (
                ConsultantQuery {
                    min_satisfaction_score: Some(9.0),
                    ..good.clone()
                },
                "min_satisfaction_score",
            ),
            (
                ConsultantQuery {
                    industry: Some("1 OR 1=1".into()),
                    ..good.clone()
                },
                "industry",
            ),
        ] {
            assert_eq!(query.validate().unwrap_err()[0].parameter, parameter);
        }
    }

    proptest! {
        #[test]
        fn parsed_queries_pass_validation_unchanged(
            specialization in "[a-zA-Z ]{0,60}",
            years in proptest::option::of(0i64..=70),
            score in proptest::option::of(0.0f64..=5.0),
            available in any::<bool>(),
        ) {
            let years = years.map(|y| y.to_string()).unwrap_or_default();
            let score = score.map(|s| s.to_string()).unwrap_or_default();
            let q = ConsultantQuery::parse([
                ("specialization", specialization.as_str()),
                ("min_experience_years", &years),
                ("min_satisfaction_score", &score),
                ("available_only", if available { "true" } else { "false" }),
            ])
            .unwrap();
            prop_assert_eq!(q.validate(), Ok(q));
        }
    }

    #[test]
    fn parses_filters_and_names_bad_parameters() {
        let q = ConsultantQuery::parse([
            ("industry", "5510"),
            ("specialization", "Pricing"),
            ("available_only", "true"),
            ("min_experience_years", "5"),
            ("min_satisfaction_score", "4.5"),
        ])
        .unwrap();
        assert_eq!(q.specialization.as_deref(), Some("pricing"));
        assert!(q.available_only);
        for (name, value) in [
            ("min_experience_years", "-1"),
            ("min_satisfaction_score", "6"),
            ("available_only", "perhaps"),
            ("industry", "drop table"),
        ] {
            let errors = ConsultantQuery::parse([(name, value)]).unwrap_err();
            assert_eq!(errors[0].parameter, name);
        }
    }
}
