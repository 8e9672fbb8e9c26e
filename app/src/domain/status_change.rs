//! A lead's status change as its timeline records it ("New → Contacted",
//! with the note after a colon), and when its author may take it back: for
//! ten minutes, while the lead is still where they put it.

use super::lead_fields::LeadStatus;

/// How long a status change can be undone by the person who made it.
pub const UNDO_WINDOW_MS: i64 = 10 * 60 * 1000;

const ARROW: &str = " → ";
const UNDONE: &str = "Undone: ";

/// The timeline text of a change.
pub fn describe(from: LeadStatus, to: LeadStatus, note: Option<&str>) -> String {
    match note {
        Some(note) => format!("{}{ARROW}{}: {note}", from.label(), to.label()),
        None => format!("{}{ARROW}{}", from.label(), to.label()),
    }
}

/// The timeline text of an undo (not itself undoable).
pub fn describe_undo(undone: LeadStatus, back_to: LeadStatus) -> String {
    format!("{UNDONE}{}{ARROW}{}", undone.label(), back_to.label())
}

/// The (from, to) of a change's timeline text; `None` for an undo or text
/// that is not a change.
pub fn parse(detail: &str) -> Option<(LeadStatus, LeadStatus)> {
    if detail.starts_with(UNDONE) {
        return None;
    }
    let (from, rest) = detail.split_once(ARROW)?;
    let by_label = |label: &str| LeadStatus::ALL.iter().copied().find(|s| s.label() == label);
    let to = by_label(rest).or_else(|| {
        let (label, _note) = rest.split_once(": ")?;
        by_label(label)
    })?;
    Some((by_label(from)?, to))
}

/// The latest change on a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastChange {
    pub from: LeadStatus,
    pub to: LeadStatus,
    /// Made by the person asking to undo it.
    pub by_asker: bool,
    pub at_ms: i64,
}

/// The status an undo goes back to, when it is allowed.
pub fn undo_target(last: LastChange, current: LeadStatus, now_ms: i64) -> Option<LeadStatus> {
    let recent = (0..=UNDO_WINDOW_MS).contains(&(now_ms - last.at_ms));
    (last.by_asker && recent && current == last.to).then_some(last.from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reads_back_with_or_without_a_note() {
        let plain = describe(LeadStatus::New, LeadStatus::Contacted, None);
        assert_eq!(plain, "New → Contacted");
        assert_eq!(
            parse(&plain),
            Some((LeadStatus::New, LeadStatus::Contacted))
        );
        let noted = describe(
            LeadStatus::ProposalSent,
            LeadStatus::Lost,
            Some("Went with: another agency"),
        );
        assert_eq!(
            parse(&noted),
            Some((LeadStatus::ProposalSent, LeadStatus::Lost))
        );
        for status in LeadStatus::ALL {
            let text = describe(LeadStatus::New, *status, Some("x"));
            assert_eq!(parse(&text), Some((LeadStatus::New, *status)), "{text}");
        }
        assert_eq!(
            parse(&describe_undo(LeadStatus::Contacted, LeadStatus::New)),
            None
        );
        assert_eq!(parse("Left a voicemail"), None);
    }

    #[test]
    fn only_the_author_undoes_a_recent_change_the_lead_still_shows() {
        let last = LastChange {
            from: LeadStatus::New,
            to: LeadStatus::Contacted,
            by_asker: true,
            at_ms: 1_000_000,
        };
        let soon = last.at_ms + 60_000;
        assert_eq!(
            undo_target(last, LeadStatus::Contacted, soon),
            Some(LeadStatus::New)
        );
        assert_eq!(
            undo_target(last, LeadStatus::Contacted, last.at_ms + UNDO_WINDOW_MS + 1),
            None,
            "too late"
        );
        assert_eq!(
            undo_target(
                LastChange {
                    by_asker: false,
                    ..last
                },
                LeadStatus::Contacted,
                soon
            ),
            None,
            "someone else's change"
        );
        assert_eq!(
            undo_target(last, LeadStatus::Qualified, soon),
            None,
            "moved on since"
        );
    }
}
