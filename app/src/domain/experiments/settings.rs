//! What a marketer sets on an experiment, parsed from its form: the name and
//! hypothesis, the goal, the engine that judges it, how much traffic takes
//! part and who, and the variants' names and weights. Every problem is
//! reported on its field.

use serde::{Deserialize, Serialize};

/// Arms in an experiment, the control included.
pub const MAX_ARMS: usize = 4;
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_HYPOTHESIS_CHARS: usize = 2_000;
pub const MAX_VARIANT_NAME_CHARS: usize = 60;
pub const MAX_UTM_CHARS: usize = 100;

/// What counts as a conversion.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Goal {
    /// The visitor left their details through any lead form.
    LeadSubmitted,
    /// The visitor typed into a form on the page.
    FormStarted,
    /// The visitor clicked a call to action (a block id on the page).
    CtaClick { block: String },
    /// The visitor reached a path on this site.
    UrlVisit { path: String },
    /// A named event the page's own script sends (`ce("signup")`).
    Custom { name: String },
}

/// Block ids and custom event names: 1–64 ASCII letters, digits, `-`, `_`.
pub fn is_goal_token(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A path a visit goal may name: on this site, printable ASCII, ≤ 200 bytes.
pub fn is_goal_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 200
        && path.bytes().all(|b| b.is_ascii_graphic())
}

impl Goal {
    /// The stored form: `lead_submitted`, `cta_click:b12`, `url_visit:/pricing`.
    pub fn to_wire(&self) -> String {
        match self {
            Goal::LeadSubmitted => "lead_submitted".into(),
            Goal::FormStarted => "form_started".into(),
            Goal::CtaClick { block } => format!("cta_click:{block}"),
            Goal::UrlVisit { path } => format!("url_visit:{path}"),
            Goal::Custom { name } => format!("custom:{name}"),
        }
    }

    pub fn parse(text: &str) -> Result<Goal, String> {
        let text = text.trim();
        match text.split_once(':') {
            None if text == "lead_submitted" => Ok(Goal::LeadSubmitted),
            None if text == "form_started" => Ok(Goal::FormStarted),
            Some(("cta_click", block)) if is_goal_token(block) => Ok(Goal::CtaClick {
                block: block.to_string(),
            }),
            Some(("cta_click", _)) => Err("choose the call to action from the page".into()),
            Some(("url_visit", path)) if is_goal_path(path) => Ok(Goal::UrlVisit {
                path: path.to_string(),
            }),
            Some(("url_visit", _)) => Err("give a path on this site, starting with /".into()),
            Some(("custom", name)) if is_goal_token(name) => Ok(Goal::Custom {
                name: name.to_string(),
            }),
            Some(("custom", _)) => {
                Err("name the custom event in 1 to 64 letters, digits, - and _".into())
            }
            _ => Err("choose what counts as a conversion".into()),
        }
    }

    /// Several goals as one stored column: wire forms separated by spaces
    /// (none contains one: see [`is_goal_token`] and [`is_goal_path`]).
    pub fn join_wire(goals: &[Goal]) -> String {
        goals
            .iter()
            .map(Goal::to_wire)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The goals of a column written by [`Goal::join_wire`].
    pub fn parse_list(column: &str) -> Vec<Goal> {
        column
            .split_whitespace()
            .filter_map(|g| Goal::parse(g).ok())
            .collect()
    }

    pub fn label(&self) -> String {
        match self {
            Goal::LeadSubmitted => "Lead submitted".into(),
            Goal::FormStarted => "Form started".into(),
            Goal::CtaClick { block } => format!("Click on call to action {block}"),
            Goal::UrlVisit { path } => format!("Visit to {path}"),
            Goal::Custom { name } => format!("Custom event “{name}”"),
        }
    }
}

/// How the results are judged (chosen at creation, so nobody picks the
/// engine that flatters the data afterwards).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// Fixed-horizon frequentist test: read it once, at the planned sample.
    Frequentist,
    /// Always-valid p-values: may be read every day.
    Sequential,
    /// Chance to win and risk, with a weakly informative prior.
    Bayesian,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Sequential, Engine::Frequentist, Engine::Bayesian];

    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Frequentist => "frequentist",
            Engine::Sequential => "sequential",
            Engine::Bayesian => "bayesian",
        }
    }

    pub fn parse(text: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|e| e.as_str() == text.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Engine::Frequentist => "Frequentist, fixed sample (read once, at the planned size)",
            Engine::Sequential => "Sequential (safe to check every day)",
            Engine::Bayesian => "Bayesian (chance to win and risk)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceClass {
    Desktop,
    Tablet,
    Mobile,
}

impl DeviceClass {
    pub const ALL: [DeviceClass; 3] = [
        DeviceClass::Desktop,
        DeviceClass::Tablet,
        DeviceClass::Mobile,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeviceClass::Desktop => "desktop",
            DeviceClass::Tablet => "tablet",
            DeviceClass::Mobile => "mobile",
        }
    }

    pub fn parse(text: &str) -> Option<DeviceClass> {
        DeviceClass::ALL
            .into_iter()
            .find(|d| d.as_str() == text.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            DeviceClass::Desktop => "Desktops and laptops",
            DeviceClass::Tablet => "Tablets",
            DeviceClass::Mobile => "Phones",
        }
    }

    /// The class of device a User-Agent names (tablets before phones: an
    /// iPad or an Android tablet says "Mobile" less often than "Tablet").
    pub fn of_user_agent(user_agent: &str) -> DeviceClass {
        let ua = user_agent.to_ascii_lowercase();
        if ua.contains("ipad")
            || ua.contains("tablet")
            || (ua.contains("android") && !ua.contains("mobile"))
        {
            DeviceClass::Tablet
        } else if ua.contains("mobi") || ua.contains("iphone") || ua.contains("ipod") {
            DeviceClass::Mobile
        } else {
            DeviceClass::Desktop
        }
    }
}

/// Who sees an experiment: everyone by default, or new or returning
/// visitors only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Everyone,
    New,
    Returning,
}

impl Audience {
    pub fn parse(text: &str) -> Option<Audience> {
        match text.trim() {
            "" | "everyone" => Some(Audience::Everyone),
            "new" => Some(Audience::New),
            "returning" => Some(Audience::Returning),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::New => "new",
            Audience::Returning => "returning",
        }
    }
}

/// Which visits take part (every condition set must hold).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Targeting {
    pub device: Option<DeviceClass>,
    pub audience: Audience,
    /// Exact, case-insensitive match on the visit's `utm_source`.
    pub utm_source: Option<String>,
    pub utm_campaign: Option<String>,
}

/// What the server knows about a visit when it decides on enrolment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit<'a> {
    pub device: DeviceClass,
    /// The visitor cookie was issued on this request.
    pub new_visitor: bool,
    pub utm_source: Option<&'a str>,
    pub utm_campaign: Option<&'a str>,
}

impl Targeting {
    pub fn admits(&self, visit: &Visit<'_>) -> bool {
        let same = |wanted: &Option<String>, got: Option<&str>| match wanted {
            None => true,
            Some(w) => got.is_some_and(|g| g.trim().eq_ignore_ascii_case(w)),
        };
        self.device.is_none_or(|d| d == visit.device)
            && match self.audience {
                Audience::Everyone => true,
                Audience::New => visit.new_visitor,
                Audience::Returning => !visit.new_visitor,
            }
            && same(&self.utm_source, visit.utm_source)
            && same(&self.utm_campaign, visit.utm_campaign)
    }

    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(device) = self.device {
            parts.push(format!("{} visitors", device.as_str()));
        }
        match self.audience {
            Audience::Everyone => {}
            Audience::New => parts.push("new visitors".into()),
            Audience::Returning => parts.push("returning visitors".into()),
        }
        if let Some(source) = &self.utm_source {
            parts.push(format!("utm_source = {source}"));
        }
        if let Some(campaign) = &self.utm_campaign {
            parts.push(format!("utm_campaign = {campaign}"));
        }
        if parts.is_empty() {
            "Everyone".into()
        } else {
            parts.join(", ")
        }
    }
}

/// The settings as the form sends them (all text).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub name: String,
    pub hypothesis: String,
    pub goal: String,
    /// The path of a URL-visit goal or the name of a custom event, when
    /// `goal` names only the kind (`url_visit`, `custom`).
    #[serde(default)]
    pub goal_detail: String,
    /// Up to two secondary metrics and one guardrail; empty or `none` for none.
    #[serde(default)]
    pub secondary_1: String,
    #[serde(default)]
    pub secondary_2: String,
    #[serde(default)]
    pub guardrail: String,
    pub engine: String,
    pub coverage: String,
    pub device: String,
    pub audience: String,
    pub utm_source: String,
    pub utm_campaign: String,
}

/// The settings, parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub name: String,
    pub hypothesis: String,
    pub goal: Goal,
    /// Watched for learning; the verdict rests on the goal alone.
    pub secondary: Vec<Goal>,
    /// Metrics a winner must not hurt: a significant drop is flagged.
    pub guardrails: Vec<Goal>,
    pub engine: Engine,
    /// Percent of eligible visitors enrolled, 1–100.
    pub coverage_pct: u8,
    pub targeting: Targeting,
}

pub type FieldProblems = Vec<(String, String)>;

fn required_text(
    field: &str,
    text: &str,
    max: usize,
    what: &str,
    problems: &mut FieldProblems,
) -> String {
    let text = text.trim();
    if text.is_empty() {
        problems.push((field.into(), format!("Give the experiment {what}.")));
    } else if text.chars().count() > max {
        problems.push((
            field.into(),
            format!("Keep the {field} within {max} characters."),
        ));
    }
    text.to_string()
}

fn optional_utm(field: &str, text: &str, problems: &mut FieldProblems) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let ok = text.len() <= MAX_UTM_CHARS
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.+~ ".contains(&b));
    if !ok {
        problems.push((
            field.into(),
            format!("Use up to {MAX_UTM_CHARS} letters, digits, spaces and - _ . + ~."),
        ));
    }
    Some(text.to_string())
}

impl SettingsForm {
    pub fn parse(&self) -> Result<Settings, FieldProblems> {
        let mut problems = Vec::new();
        let name = required_text("name", &self.name, MAX_NAME_CHARS, "a name", &mut problems);
        let hypothesis = required_text(
            "hypothesis",
            &self.hypothesis,
            MAX_HYPOTHESIS_CHARS,
            "a hypothesis (what you change, what you expect, and why)",
            &mut problems,
        );
        let goal_text = match self.goal.trim() {
            kind @ ("url_visit" | "custom") => format!("{kind}:{}", self.goal_detail.trim()),
            text => text.to_string(),
        };
        let parsed_goal = Goal::parse(&goal_text);
        // Other metrics must differ from the goal (when it parsed).
        let mut measured: Vec<Goal> = parsed_goal.iter().cloned().collect();
        let goal = parsed_goal.unwrap_or_else(|message| {
            let field = if goal_text.contains(':') && !self.goal.contains(':') {
                "goal_detail"
            } else {
                "goal"
            };
            problems.push((field.into(), message));
            Goal::LeadSubmitted
        });
        let mut other_metric = |field: &str, text: &str, problems: &mut FieldProblems| {
            let text = text.trim();
            if text.is_empty() || text == "none" {
                return None;
            }
            match Goal::parse(text) {
                Ok(metric) if measured.contains(&metric) => {
                    problems.push((field.into(), "This metric is already measured.".into()));
                    None
                }
                Ok(metric) => {
                    measured.push(metric.clone());
                    Some(metric)
                }
                Err(message) => {
                    problems.push((field.into(), message));
                    None
                }
            }
        };
        let secondary: Vec<Goal> = [
            ("secondary_1", &self.secondary_1),
            ("secondary_2", &self.secondary_2),
        ]
        .into_iter()
        .filter_map(|(field, text)| other_metric(field, text, &mut problems))
        .collect();
        let guardrails: Vec<Goal> = other_metric("guardrail", &self.guardrail, &mut problems)
            .into_iter()
            .collect();
        let engine = Engine::parse(&self.engine).unwrap_or_else(|| {
            problems.push(("engine".into(), "Choose how the results are judged.".into()));
            Engine::Sequential
        });
        let coverage_pct = match self
            .coverage
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse::<u8>()
        {
            Ok(pct) if (1..=100).contains(&pct) => pct,
            _ => {
                problems.push((
                    "coverage".into(),
                    "Give the share of visitors who take part as a whole percent from 1 to 100."
                        .into(),
                ));
                100
            }
        };
        let device = match self.device.trim() {
            "" | "any" => None,
            text => DeviceClass::parse(text).or_else(|| {
                problems.push(("device".into(), "Choose a device class, or any.".into()));
                None
            }),
        };
        let audience = Audience::parse(&self.audience).unwrap_or_else(|| {
            problems.push((
                "audience".into(),
                "Choose everyone, new or returning visitors.".into(),
            ));
            Audience::Everyone
        });
        let targeting = Targeting {
            device,
            audience,
            utm_source: optional_utm("utm_source", &self.utm_source, &mut problems),
            utm_campaign: optional_utm("utm_campaign", &self.utm_campaign, &mut problems),
        };
        if problems.is_empty() {
            Ok(Settings {
                name,
                hypothesis,
                goal,
                secondary,
                guardrails,
                engine,
                coverage_pct,
                targeting,
            })
        } else {
            Err(problems)
        }
    }
}

/// One arm's name and weight as the form sends them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArmForm {
    pub name: String,
    pub weight: String,
}

/// One arm, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArmPlan {
    pub name: String,
    pub weight: u32,
}

/// The arms' names and weights: 2 to [`MAX_ARMS`] arms, distinct names,
/// whole-percent weights summing to 100. Fields are `arms[i].name` and
/// `arms[i].weight`; a wrong sum is reported on `weights`.
pub fn parse_arms(arms: &[ArmForm]) -> Result<Vec<ArmPlan>, FieldProblems> {
    let mut problems = Vec::new();
    if arms.len() < 2 || arms.len() > MAX_ARMS {
        problems.push((
            "arms".into(),
            format!("An experiment has 2 to {MAX_ARMS} variants, the control included."),
        ));
        return Err(problems);
    }
    let mut plans = Vec::with_capacity(arms.len());
    for (i, arm) in arms.iter().enumerate() {
        let name = arm.name.trim().to_string();
        if name.is_empty() || name.chars().count() > MAX_VARIANT_NAME_CHARS {
            problems.push((
                format!("arms[{i}].name"),
                format!("Name the variant in 1 to {MAX_VARIANT_NAME_CHARS} characters."),
            ));
        } else if plans
            .iter()
            .any(|p: &ArmPlan| p.name.eq_ignore_ascii_case(&name))
        {
            problems.push((
                format!("arms[{i}].name"),
                "Two variants have this name.".into(),
            ));
        }
        let weight = match arm
            .weight
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse::<u32>()
        {
            Ok(w) if w <= 100 => w,
            _ => {
                problems.push((
                    format!("arms[{i}].weight"),
                    "Give the weight as a whole percent from 0 to 100.".into(),
                ));
                0
            }
        };
        plans.push(ArmPlan { name, weight });
    }
    if problems.is_empty() {
        let sum: u32 = plans.iter().map(|p| p.weight).sum();
        if sum != 100 {
            problems.push((
                "weights".into(),
                format!("The weights add up to {sum} %; they must add up to 100 %."),
            ));
        } else if plans[0].weight == 0 {
            problems.push((
                "arms[0].weight".into(),
                "The control needs some traffic to compare with.".into(),
            ));
        } else if plans.iter().skip(1).all(|p| p.weight == 0) {
            problems.push((
                "weights".into(),
                "Give at least one variant some traffic.".into(),
            ));
        }
    }
    if problems.is_empty() {
        Ok(plans)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SettingsForm {
        SettingsForm {
            name: "Shorter hero".into(),
            hypothesis: "A shorter hero heading gets more leads because it reads faster.".into(),
            goal: "lead_submitted".into(),
            engine: "sequential".into(),
            coverage: "100".into(),
            ..SettingsForm::default()
        }
    }

    fn arms(weights: &[&str]) -> Vec<ArmForm> {
        weights
            .iter()
            .enumerate()
            .map(|(i, w)| ArmForm {
                name: if i == 0 {
                    "Control".into()
                } else {
                    format!("Variant {i}")
                },
                weight: w.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_complete_form_parses() {
        let settings = form().parse().unwrap();
        assert_eq!(settings.goal, Goal::LeadSubmitted);
        assert_eq!(settings.engine, Engine::Sequential);
        assert_eq!(settings.targeting, Targeting::default());
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = SettingsForm {
            name: " ".into(),
            hypothesis: "x".repeat(MAX_HYPOTHESIS_CHARS + 1),
            goal: "clicks".into(),
            secondary_1: "lead_submitted".into(),
            secondary_2: "lead_submitted".into(),
            guardrail: "url_visit:nowhere".into(),
            engine: "p-hacking".into(),
            coverage: "0".into(),
            device: "fridge".into(),
            audience: "robots".into(),
            utm_source: "<script>".into(),
            utm_campaign: "spring".into(),
            ..SettingsForm::default()
        };
        let fields: Vec<String> = bad
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            [
                "name",
                "hypothesis",
                "goal",
                "secondary_2",
                "guardrail",
                "engine",
                "coverage",
                "device",
                "audience",
                "utm_source"
            ]
        );
    }

    #[test]
    fn a_goal_kind_takes_its_detail_and_metrics_are_not_measured_twice() {
        let settings = SettingsForm {
            goal: "url_visit".into(),
            goal_detail: " /thanks ".into(),
            secondary_1: "lead_submitted".into(),
            secondary_2: "none".into(),
            guardrail: "form_started".into(),
            ..form()
        }
        .parse()
        .unwrap();
        assert_eq!(
            settings.goal,
            Goal::UrlVisit {
                path: "/thanks".into()
            }
        );
        assert_eq!(settings.secondary, [Goal::LeadSubmitted]);
        assert_eq!(settings.guardrails, [Goal::FormStarted]);
        let problems = SettingsForm {
            goal: "custom".into(),
            goal_detail: "two words".into(),
            ..form()
        }
        .parse()
        .unwrap_err();
        assert_eq!(problems[0].0, "goal_detail");
        let twice = SettingsForm {
            secondary_1: "lead_submitted".into(),
            ..form()
        }
        .parse()
        .unwrap_err();
        assert_eq!(
            twice,
            [(
                "secondary_1".to_string(),
                "This metric is already measured.".to_string()
            )]
        );
    }

    #[test]
    fn goals_round_trip_and_refuse_what_is_not_theirs() {
        for goal in [
            Goal::LeadSubmitted,
            Goal::FormStarted,
            Goal::CtaClick {
                block: "b12".into(),
            },
            Goal::UrlVisit {
                path: "/contact?from=x".into(),
            },
            Goal::Custom {
                name: "signup_done".into(),
            },
        ] {
            assert_eq!(Goal::parse(&goal.to_wire()), Ok(goal));
        }
        let list = [
            Goal::FormStarted,
            Goal::UrlVisit {
                path: "/thanks?x=1".into(),
            },
        ];
        assert_eq!(Goal::parse_list(&Goal::join_wire(&list)), list);
        assert_eq!(Goal::parse_list(""), []);
        for bad in [
            "",
            "cta_click:",
            "cta_click:a b",
            "url_visit:https://evil.example",
            "url_visit://evil",
            "leads",
            "custom:",
            "custom:two words",
        ] {
            assert!(Goal::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn weights_must_sum_to_100_with_traffic_for_control_and_a_variant() {
        assert_eq!(parse_arms(&arms(&["50", "50"])).unwrap()[1].weight, 50);
        assert_eq!(parse_arms(&arms(&["34", "33", "33%"])).unwrap().len(), 3);
        let problem = |w: &[&str]| parse_arms(&arms(w)).unwrap_err()[0].clone();
        assert_eq!(problem(&["50", "40"]).0, "weights");
        assert!(problem(&["50", "40"]).1.contains("add up to 90 %"));
        assert_eq!(problem(&["0", "100"]).0, "arms[0].weight");
        assert_eq!(problem(&["100", "0"]).0, "weights");
        assert_eq!(problem(&["50", "fifty"]).0, "arms[1].weight");
        assert_eq!(problem(&["100"]).0, "arms");
        assert_eq!(problem(&["20", "20", "20", "20", "20"]).0, "arms");
        let mut same = arms(&["50", "50"]);
        same[1].name = "control".into();
        assert_eq!(parse_arms(&same).unwrap_err()[0].0, "arms[1].name");
    }

    #[test]
    fn targeting_admits_only_matching_visits() {
        let visit = Visit {
            device: DeviceClass::Mobile,
            new_visitor: true,
            utm_source: Some("Newsletter"),
            utm_campaign: None,
        };
        assert!(Targeting::default().admits(&visit));
        let phones_from_newsletter = Targeting {
            device: Some(DeviceClass::Mobile),
            audience: Audience::New,
            utm_source: Some("newsletter".into()),
            utm_campaign: None,
        };
        assert!(phones_from_newsletter.admits(&visit));
        let returning = Targeting {
            audience: Audience::Returning,
            ..Targeting::default()
        };
        assert!(!returning.admits(&visit));
        let campaign = Targeting {
            utm_campaign: Some("spring".into()),
            ..Targeting::default()
        };
        assert!(!campaign.admits(&visit));
    }

    #[test]
    fn user_agents_fall_into_device_classes() {
        let class = DeviceClass::of_user_agent;
        assert_eq!(
            class("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"),
            DeviceClass::Mobile
        );
        assert_eq!(
            class("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120 Mobile Safari/537.36"),
            DeviceClass::Mobile
        );
        assert_eq!(
            class("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)"),
            DeviceClass::Tablet
        );
        assert_eq!(
            class("Mozilla/5.0 (Linux; Android 14; SM-X710) Chrome/120 Safari/537.36"),
            DeviceClass::Tablet
        );
        assert_eq!(
            class("Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0"),
            DeviceClass::Desktop
        );
    }
}
