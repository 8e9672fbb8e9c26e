//! An experiment's life: draft → running ⇄ paused → stopped → a winner
//! promoted. Only a draft's variants may change; a running or paused
//! experiment must be stopped first (its data would otherwise mix two
//! versions of a variant).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Running,
    Paused,
    Stopped,
    /// Stopped, and a variant's document became the published page.
    Promoted,
}

/// What a person asks an experiment to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Start,
    Pause,
    Resume,
    Stop,
    Promote,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::Running,
        Status::Paused,
        Status::Stopped,
        Status::Promoted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Stopped => "stopped",
            Status::Promoted => "promoted",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Running => "Running",
            Status::Paused => "Paused",
            Status::Stopped => "Stopped",
            Status::Promoted => "Winner promoted",
        }
    }

    fn state_words(self) -> &'static str {
        match self {
            Status::Draft => "still a draft",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Stopped => "stopped",
            Status::Promoted => "finished (its winner was promoted)",
        }
    }

    /// Whether visitors are being assigned and counted.
    pub fn is_live(self) -> bool {
        self == Status::Running
    }

    /// Whether the variants, weights and targeting may still change.
    pub fn is_editable(self) -> bool {
        self == Status::Draft
    }

    /// The status `action` leads to, or why it may not be taken now.
    pub fn after(self, action: Action) -> Result<Status, String> {
        use Action as A;
        use Status as S;
        match (self, action) {
            (S::Draft, A::Start) => Ok(S::Running),
            (S::Running, A::Pause) => Ok(S::Paused),
            (S::Paused, A::Resume) => Ok(S::Running),
            (S::Running | S::Paused, A::Stop) => Ok(S::Stopped),
            (S::Running | S::Paused | S::Stopped, A::Promote) => Ok(S::Promoted),
            (from, action) => Err(format!(
                "The experiment is {}, so it cannot be {}.",
                from.state_words(),
                action.past_tense()
            )),
        }
    }

    /// The actions offered in this status, in the order the page shows them.
    pub fn actions(self) -> &'static [Action] {
        match self {
            Status::Draft => &[Action::Start],
            Status::Running => &[Action::Pause, Action::Stop, Action::Promote],
            Status::Paused => &[Action::Resume, Action::Stop, Action::Promote],
            Status::Stopped => &[Action::Promote],
            Status::Promoted => &[],
        }
    }
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::Start,
        Action::Pause,
        Action::Resume,
        Action::Stop,
        Action::Promote,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Pause => "pause",
            Action::Resume => "resume",
            Action::Stop => "stop",
            Action::Promote => "promote",
        }
    }

    pub fn parse(text: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Action::Start => "Start",
            Action::Pause => "Pause",
            Action::Resume => "Resume",
            Action::Stop => "Stop",
            Action::Promote => "Promote the winner",
        }
    }

    fn past_tense(self) -> &'static str {
        match self {
            Action::Start => "started",
            Action::Pause => "paused",
            Action::Resume => "resumed",
            Action::Stop => "stopped",
            Action::Promote => "promoted",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_flow_allows_exactly_the_offered_actions() {
        for status in Status::ALL {
            for action in Action::ALL {
                let offered = status.actions().contains(&action);
                assert_eq!(
                    status.after(action).is_ok(),
                    offered,
                    "{status:?} {action:?}"
                );
            }
        }
        assert_eq!(Status::Draft.after(Action::Start), Ok(Status::Running));
        assert_eq!(
            Status::Promoted.after(Action::Start),
            Err(
                "The experiment is finished (its winner was promoted), so it cannot be started."
                    .to_string()
            )
        );
        assert!(Status::Draft.is_editable() && !Status::Paused.is_editable());
    }

    #[test]
    fn wire_names_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
        assert_eq!(Status::parse("Running"), None);
    }
}
