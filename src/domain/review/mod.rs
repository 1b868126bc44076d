//! What a person's solo role review goes through: their roles in every circle, with what is
//! open and what is due. A pure function of the organisation and today's date.
//!
//! Owns: "due" for a review (checklist items not answered for the period just ended, metrics
//! with no value for it) and the printed overview. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

mod flow;
pub mod form;
#[cfg(test)]
mod tests_forms;

pub use flow::{Entry, Review, ReviewEvent, Stop, plan};

use super::ids::PersonId;
use super::meeting::period_just_ended;
use super::org::{ChecklistItem, Metric, Organisation};
use super::text::format_number;
use super::work::lists;
use chrono::NaiveDate;
use std::fmt::Write;

/// A checklist item is due when it has no answer for the period that just ended.
pub fn checklist_due(
    org: &Organisation,
    item: &ChecklistItem,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let period = period_just_ended(item.frequency, today);
    let answered = org.marks_of(item.id).any(|m| m.period == period);
    (!answered && super::meeting::existed_in(item, period)).then_some(period)
}

/// A metric is due when it has no value for the period that just ended.
pub fn metric_due(org: &Organisation, metric: &Metric, today: NaiveDate) -> Option<NaiveDate> {
    let period = period_just_ended(metric.frequency, today);
    (!org.values_of(metric.id).any(|v| v.period >= period)).then_some(period)
}

/// The person's roles, projects, next actions, due checklist items and metrics, as text.
pub fn overview(org: &Organisation, person: PersonId, today: NaiveDate) -> String {
    let name = org.person_name(person);
    let assignments: Vec<_> = org.assignments_of(person).collect();
    let circles: std::collections::HashSet<_> = assignments
        .iter()
        .filter_map(|a| org.role(a.role))
        .map(|r| r.circle)
        .collect();
    let mut out = format!(
        "{name}: {} in {} as of {today}\n",
        plural(assignments.len(), "role"),
        plural(circles.len(), "circle")
    );
    if let Some(left) = org.person(person).and_then(|p| p.left) {
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "A former member: left the organisation on {}; their history stays.",
            left.date_naive()
        );
    }
    for line in lists::lines(org, person, today) {
        // Writing to a String cannot fail.
        let _ = writeln!(out, "{}", lists::text_of(&line));
    }
    out
}

/// A few words about an entry, for the summary and the retraction question.
pub fn entry_text(org: &Organisation, entry: &Entry) -> String {
    let role = |r: super::ids::RoleId| org.role(r).map_or("?", |r| r.name.as_str()).to_string();
    match entry {
        Entry::NextAction {
            role: Some(r),
            text,
        } => format!("next action for {}: {text}", role(*r)),
        Entry::NextAction { role: None, text } => format!("next action: {text}"),
        Entry::Project { role: r, title } => format!("project for {}: {title}", role(*r)),
        Entry::ProjectStatus {
            project, status, ..
        } => {
            let title = org.project(*project).map_or("?", |p| p.title.as_str());
            format!("project \"{title}\" is now {status}")
        }
        Entry::Checklist { item, checked, .. } => {
            let text = org.checklist_item(*item).map_or("?", |c| c.text.as_str());
            format!("{}: {text}", if *checked { "check" } else { "no check" })
        }
        Entry::Metric { metric, value, .. } => {
            let name = org.metric(*metric).map_or("?", |m| m.name.as_str());
            format!("{name}: {}", format_number(*value))
        }
        Entry::Tension {
            circle, text, kind, ..
        } => {
            let name = org.circle(*circle).map_or("?", |c| c.name.as_str());
            format!("tension for {name}'s next {kind} meeting: {text}")
        }
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
