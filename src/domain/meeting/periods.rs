//! Naming the periods a checklist item or metric reports on, and a checklist item's answers
//! period by period, with the periods nobody answered left as gaps.
//!
//! Owns: period labels ("week of 23 Nov", "November 2026", "Q4 2026") and answer histories.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::period_just_ended;
use crate::domain::org::{ChecklistItem, ChecklistMark, Frequency};
use chrono::{Datelike, NaiveDate};

/// The period starting `start`, named in full: "week of 23 Nov", "November 2026", "Q4 2026".
pub fn period_label(frequency: Frequency, start: NaiveDate) -> String {
    match frequency {
        Frequency::Weekly => format!("week of {}", start.format("%-d %b")),
        Frequency::Monthly => start.format("%B %Y").to_string(),
        Frequency::Quarterly => format!("Q{} {}", start.month0() / 3 + 1, start.year()),
    }
}

/// The period starting `start`, named briefly for a history: "23 Nov", "Nov", "Q4".
pub fn period_short(frequency: Frequency, start: NaiveDate) -> String {
    match frequency {
        Frequency::Weekly => start.format("%-d %b").to_string(),
        Frequency::Monthly => start.format("%b").to_string(),
        Frequency::Quarterly => format!("Q{}", start.month0() / 3 + 1),
    }
}

/// The `count` periods of `item` up to and including `last` (oldest first), each with its
/// answer, or `None` where nobody answered; none from before the item was added.
pub fn answers_up_to(
    item: &ChecklistItem,
    last: NaiveDate,
    marks: &[&ChecklistMark],
    count: usize,
) -> Vec<(NaiveDate, Option<bool>)> {
    let frequency = item.frequency;
    let mut periods = Vec::with_capacity(count);
    let mut period = last;
    for _ in 0..count {
        if !super::existed_in(item, period) {
            break;
        }
        let answer = marks
            .iter()
            .rev()
            .find(|m| m.period == period)
            .map(|m| m.checked);
        periods.push((period, answer));
        period = period_just_ended(frequency, period);
    }
    periods.reverse();
    periods
}

/// The answers of the `count` periods before `period` (the one being answered), oldest
/// first, with the periods nobody answered as `None`: what a checklist item's history shows
/// in a meeting and in a solo review.
pub fn answers_before(
    item: &ChecklistItem,
    period: NaiveDate,
    marks: &[&ChecklistMark],
    count: usize,
) -> Vec<(NaiveDate, Option<bool>)> {
    let last = period_just_ended(item.frequency, period);
    answers_up_to(item, last, marks, count)
}

/// Each answer with its period: "26 Oct ✓", "2 Nov ·", "9 Nov ✗".
pub fn dated_answers(frequency: Frequency, answers: &[(NaiveDate, Option<bool>)]) -> Vec<String> {
    answers
        .iter()
        .map(|(p, a)| format!("{} {}", period_short(frequency, *p), answer_glyph(*a)))
        .collect()
}

/// One glyph per answer: ✓ check, ✗ no check, · nobody answered.
pub fn answer_glyph(answer: Option<bool>) -> char {
    match answer {
        Some(true) => '✓',
        Some(false) => '✗',
        None => '·',
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::ChecklistItemId;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn periods_are_named_as_people_say_them() {
        let monday = day(2026, 11, 23);
        assert_eq!(period_label(Frequency::Weekly, monday), "week of 23 Nov");
        assert_eq!(
            period_label(Frequency::Monthly, day(2026, 11, 1)),
            "November 2026"
        );
        assert_eq!(
            period_label(Frequency::Quarterly, day(2026, 10, 1)),
            "Q4 2026"
        );
    }

    #[test]
    fn a_week_nobody_answered_is_a_gap_in_the_history() {
        let item = ChecklistItemId(1);
        let marks = [
            ChecklistMark {
                item,
                period: day(2026, 11, 2),
                checked: false,
            },
            ChecklistMark {
                item,
                period: day(2026, 11, 16),
                checked: true,
            },
        ];
        let marks: Vec<&ChecklistMark> = marks.iter().collect();
        let weekly = ChecklistItem {
            id: item,
            role: crate::domain::ids::RoleId(1),
            text: "Ovens cleaned".into(),
            frequency: Frequency::Weekly,
            ended: None,
            added: None,
        };
        let history = answers_up_to(&weekly, day(2026, 11, 16), &marks, 3);
        assert_eq!(
            history,
            [
                (day(2026, 11, 2), Some(false)),
                (day(2026, 11, 9), None),
                (day(2026, 11, 16), Some(true)),
            ]
        );
    }

    /// A checklist item added between meetings has no gaps from before it existed.
    #[test]
    fn an_item_added_later_has_no_periods_from_before_it() {
        let added = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 3, 9, 0, 0).single();
        let item = ChecklistItem {
            id: ChecklistItemId(1),
            role: crate::domain::ids::RoleId(1),
            text: "Ovens cleaned".into(),
            frequency: Frequency::Weekly,
            ended: None,
            added,
        };
        // The week of 30 November held its adding; the weeks before did not exist for it.
        let history = answers_up_to(&item, day(2026, 11, 30), &[], 5);
        assert_eq!(history, [(day(2026, 11, 30), None)]);
        assert!(!super::super::existed_in(&item, day(2026, 11, 23)));
        assert!(super::super::existed_in(&item, day(2026, 11, 30)));
    }
}
