//! Events the first-party beacon sends (`public/ce.js`): a form started, a
//! call to action clicked, a path visited, a custom event. A batch is parsed
//! whole or refused whole, with every problem named by its field
//! (`events[3].at`), so nothing is stored half. Each event names the goal it
//! reaches, which is how it becomes an experiment conversion.

use super::settings::{is_goal_path, is_goal_token, FieldProblems, Goal};
use crate::domain::page_document::{BlockProps, Document};
use serde_json::Value;

/// Events in one batch (the beacon flushes at this many).
pub const MAX_EVENTS_PER_BATCH: usize = 50;
/// Bytes in one batch's body; the server refuses larger bodies unread.
pub const MAX_BATCH_BYTES: usize = 16 * 1024;
/// An event may be this much older than its arrival (a tab asleep overnight)…
pub const MAX_AGE_MS: i64 = 24 * 3600 * 1000;
/// …and this much newer (clock skew); later is a future timestamp.
pub const MAX_SKEW_MS: i64 = 5 * 60 * 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    FormStarted,
    CtaClick,
    UrlVisit,
    Custom,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::FormStarted,
        EventKind::CtaClick,
        EventKind::UrlVisit,
        EventKind::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::FormStarted => "form_started",
            EventKind::CtaClick => "cta_click",
            EventKind::UrlVisit => "url_visit",
            EventKind::Custom => "custom",
        }
    }
}

/// One valid event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    /// Where it happened: a path on this site.
    pub path: String,
    /// The block (form or call to action) or the custom event's name; empty
    /// when the kind has none.
    pub target: String,
    /// When it happened (ms since the epoch), by the browser's clock.
    pub at_ms: i64,
}

impl Event {
    /// The goal this event reaches.
    pub fn goal(&self) -> Goal {
        match self.kind {
            EventKind::FormStarted => Goal::FormStarted,
            EventKind::CtaClick => Goal::CtaClick {
                block: self.target.clone(),
            },
            EventKind::UrlVisit => Goal::UrlVisit {
                path: self.path.clone(),
            },
            EventKind::Custom => Goal::Custom {
                name: self.target.clone(),
            },
        }
    }
}

const FIELDS: [&str; 5] = ["type", "path", "block", "name", "at"];

/// Parses `{"events": [{"type", "path", "block"?, "name"?, "at"}, …]}`
/// received at `now_ms`.
pub fn parse_batch(body: &Value, now_ms: i64) -> Result<Vec<Event>, FieldProblems> {
    let mut problems: FieldProblems = Vec::new();
    let Some(list) = body.get("events").and_then(Value::as_array) else {
        return Err(vec![(
            "events".into(),
            "Send an object with an \"events\" array.".into(),
        )]);
    };
    if list.is_empty() || list.len() > MAX_EVENTS_PER_BATCH {
        return Err(vec![(
            "events".into(),
            format!("Send 1 to {MAX_EVENTS_PER_BATCH} events in a batch."),
        )]);
    }
    if let Some(extra) = body
        .as_object()
        .and_then(|o| o.keys().find(|k| *k != "events"))
    {
        problems.push((extra.clone(), "Unknown field.".into()));
    }
    let mut events = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let field = |name: &str| format!("events[{i}].{name}");
        let Some(object) = item.as_object() else {
            problems.push((format!("events[{i}]"), "Each event is an object.".into()));
            continue;
        };
        if let Some(extra) = object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            problems.push((field(extra), "Unknown field.".into()));
        }
        let text = |name: &str| object.get(name).and_then(Value::as_str);
        let kind = text("type").and_then(|t| EventKind::ALL.into_iter().find(|k| k.as_str() == t));
        if kind.is_none() {
            problems.push((
                field("type"),
                "Use form_started, cta_click, url_visit or custom.".into(),
            ));
        }
        let path = text("path").unwrap_or_default();
        if !is_goal_path(path) {
            problems.push((
                field("path"),
                "Give the page's path on this site (starting with /, at most 200 characters)."
                    .into(),
            ));
        }
        let target = match kind {
            Some(EventKind::CtaClick) => {
                required_token(object.get("block"), &field("block"), &mut problems)
            }
            Some(EventKind::FormStarted) => match object.get("block") {
                None => String::new(),
                given => required_token(given, &field("block"), &mut problems),
            },
            Some(EventKind::Custom) => {
                required_token(object.get("name"), &field("name"), &mut problems)
            }
            _ => String::new(),
        };
        let at_ms = object.get("at").and_then(Value::as_i64);
        match at_ms {
            None => problems.push((
                field("at"),
                "Give when it happened, in whole milliseconds since 1970.".into(),
            )),
            Some(at) if at > now_ms + MAX_SKEW_MS => {
                problems.push((field("at"), "This time is in the future.".into()))
            }
            Some(at) if at < now_ms - MAX_AGE_MS => problems.push((
                field("at"),
                "This event is more than a day old; it is no longer accepted.".into(),
            )),
            Some(_) => {}
        }
        if let (Some(kind), Some(at_ms)) = (kind, at_ms) {
            events.push(Event {
                kind,
                path: path.to_string(),
                target,
                at_ms: at_ms.min(now_ms),
            });
        }
    }
    if problems.is_empty() {
        Ok(events)
    } else {
        Err(problems)
    }
}

fn required_token(value: Option<&Value>, field: &str, problems: &mut FieldProblems) -> String {
    match value.and_then(Value::as_str) {
        Some(token) if is_goal_token(token) => token.to_string(),
        _ => {
            problems.push((
                field.to_string(),
                "Give 1 to 64 letters, digits, - or _.".into(),
            ));
            String::new()
        }
    }
}

/// The page's calls to action that a click goal may name: buttons and
/// heroes' buttons, as (block id, label) in page order.
pub fn calls_to_action(doc: &Document) -> Vec<(String, String)> {
    doc.blocks()
        .filter_map(|block| match &block.props {
            BlockProps::Button(button) => Some((block.id.to_string(), button.label.clone())),
            BlockProps::Hero(hero) => hero
                .cta
                .as_ref()
                .map(|cta| (block.id.to_string(), cta.label.clone())),
            _ => None,
        })
        .collect()
}

/// A goal's name for people reading the results: a click goal names the
/// call to action by its text among `ctas` (the page's
/// [`calls_to_action`]), not by its block id; one no longer on the page
/// keeps the id.
pub fn goal_label(goal: &Goal, ctas: &[(String, String)]) -> String {
    if let Goal::CtaClick { block } = goal {
        if let Some((_, text)) = ctas.iter().find(|(id, _)| id == block) {
            return format!("Click on “{}”", text.trim());
        }
    }
    goal.label()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_800_000_000_000;

    fn fields(body: Value) -> Vec<String> {
        parse_batch(&body, NOW)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn a_good_batch_parses_into_goals() {
        let events = parse_batch(
            &json!({"events": [
                {"type": "cta_click", "path": "/landing/offer", "block": "b7", "at": NOW - 10},
                {"type": "form_started", "path": "/landing/offer", "at": NOW},
                {"type": "url_visit", "path": "/contact", "at": NOW + 1000},
                {"type": "custom", "path": "/landing/offer", "name": "video_played", "at": NOW},
            ]}),
            NOW,
        )
        .unwrap();
        let goals: Vec<String> = events.iter().map(|e| e.goal().to_wire()).collect();
        assert_eq!(
            goals,
            [
                "cta_click:b7",
                "form_started",
                "url_visit:/contact",
                "custom:video_played"
            ]
        );
        // A clock a little ahead is pulled back to the server's.
        assert_eq!(events[2].at_ms, NOW);
    }

    #[test]
    fn every_bad_field_is_named_and_nothing_is_kept() {
        assert_eq!(
            fields(json!({"events": [
                {"type": "cta_click", "path": "/x", "at": NOW},
                {"type": "hover", "path": "/x", "at": NOW},
                {"type": "url_visit", "path": "https://evil.example/", "at": NOW},
                {"type": "custom", "path": "/x", "name": "<script>", "at": NOW},
                {"type": "url_visit", "path": "/x", "at": "yesterday"},
                {"type": "url_visit", "path": "/x", "at": NOW + MAX_SKEW_MS + 1},
                {"type": "url_visit", "path": "/x", "at": NOW - MAX_AGE_MS - 1},
                {"type": "url_visit", "path": "/x", "at": NOW, "extra": 1},
                "not an object",
            ]})),
            [
                "events[0].block",
                "events[1].type",
                "events[2].path",
                "events[3].name",
                "events[4].at",
                "events[5].at",
                "events[6].at",
                "events[7].extra",
                "events[8]",
            ]
        );
    }

    #[test]
    fn a_batch_is_an_object_with_one_to_fifty_events() {
        assert_eq!(fields(json!([])), ["events"]);
        assert_eq!(fields(json!({"events": []})), ["events"]);
        let one = json!({"type": "url_visit", "path": "/x", "at": NOW});
        let many: Vec<Value> = vec![one.clone(); MAX_EVENTS_PER_BATCH + 1];
        assert_eq!(fields(json!({ "events": many })), ["events"]);
        let full: Vec<Value> = vec![one.clone(); MAX_EVENTS_PER_BATCH];
        assert_eq!(
            parse_batch(&json!({ "events": full }), NOW).unwrap().len(),
            50
        );
        assert_eq!(fields(json!({"events": [one], "more": true})), ["more"]);
    }

    #[test]
    fn a_click_goal_is_named_by_its_button_text() {
        let doc = crate::domain::page_document::built_in("free-consultation")
            .unwrap()
            .document()
            .unwrap();
        let ctas = calls_to_action(&doc);
        let (block, text) = ctas.first().cloned().expect("a call to action");
        let goal = Goal::CtaClick { block };
        assert_eq!(
            goal_label(&goal, &ctas),
            format!("Click on “{}”", text.trim())
        );
        // Gone from the page: the id, as before.
        let gone = Goal::CtaClick {
            block: "no-such-block".into(),
        };
        assert_eq!(goal_label(&gone, &ctas), gone.label());
        assert_eq!(goal_label(&Goal::LeadSubmitted, &ctas), "Lead submitted");
    }
}
