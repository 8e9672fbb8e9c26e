//! What SQL counted for an experiment, folded for the results: one row per
//! UTC day, arm and goal (new exposures have the empty goal), summed into
//! each arm's totals for a metric and into running totals per day.

use std::collections::BTreeMap;

/// New exposures (empty `goal`) or conversions on `goal` of one arm on one
/// UTC day (days since the epoch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayTally {
    pub day: i64,
    pub arm_key: String,
    pub goal: String,
    pub count: u64,
}

/// One arm's visitors and conversions on a goal, at the end of `day`
/// (running totals) or overall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub users: u64,
    pub conversions: u64,
}

/// Each arm's totals on `goal`: its running totals at the end of its last day.
pub fn totals(tallies: &[DayTally], goal: &str) -> BTreeMap<String, Totals> {
    by_day(tallies, goal)
        .into_iter()
        .map(|(_, arm, _, total)| (arm, total))
        .collect()
}

/// Per day (in order) and arm: that day's new users and conversions on
/// `goal`, and the running totals at its end.
pub fn by_day(tallies: &[DayTally], goal: &str) -> Vec<(i64, String, Totals, Totals)> {
    let mut days: BTreeMap<(i64, String), Totals> = BTreeMap::new();
    for t in tallies {
        let counted = t.goal.is_empty() || t.goal == goal;
        if !counted {
            continue;
        }
        let entry = days.entry((t.day, t.arm_key.clone())).or_default();
        if t.goal.is_empty() {
            entry.users += t.count;
        } else {
            entry.conversions += t.count;
        }
    }
    let mut running: BTreeMap<String, Totals> = BTreeMap::new();
    days.into_iter()
        .map(|((day, arm), new)| {
            let total = running.entry(arm.clone()).or_default();
            total.users += new.users;
            total.conversions += new.conversions;
            (day, arm, new, *total)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(day: i64, arm: &str, goal: &str, count: u64) -> DayTally {
        DayTally {
            day,
            arm_key: arm.into(),
            goal: goal.into(),
            count,
        }
    }

    #[test]
    fn totals_and_running_totals_count_only_the_goal_asked() {
        let tallies = [
            t(10, "b", "", 40),
            t(10, "control", "", 50),
            t(10, "control", "lead_submitted", 5),
            t(10, "control", "form_started", 20),
            t(12, "b", "", 10),
            t(12, "b", "lead_submitted", 7),
        ];
        let leads = totals(&tallies, "lead_submitted");
        assert_eq!(
            leads["control"],
            Totals {
                users: 50,
                conversions: 5
            }
        );
        assert_eq!(
            leads["b"],
            Totals {
                users: 50,
                conversions: 7
            }
        );
        let days = by_day(&tallies, "lead_submitted");
        assert_eq!(days.len(), 3);
        assert_eq!(days[2].0, 12);
        assert_eq!(
            days[2].2,
            Totals {
                users: 10,
                conversions: 7
            }
        );
        assert_eq!(
            days[2].3,
            Totals {
                users: 50,
                conversions: 7
            }
        );
        assert_eq!(totals(&tallies, "form_started")["control"].conversions, 20);
    }
}
