//! What a person's solo role review goes through: their roles in every circle, with what is
//! open and what is due. A pure function of the organisation and today's date.
//!
//! Owns: "due" for a review (checklist items not answered for the period just ended, metrics
//! with no value for it) and the printed overview. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

mod flow;

pub use flow::{Entry, Review, ReviewEvent, Stop, plan};

use super::ids::PersonId;
use super::meeting::period_just_ended;
use super::org::{ChecklistItem, Metric, Organisation, ProjectStatus};
use super::text::format_number;
use chrono::NaiveDate;
use std::fmt::Write;

/// A checklist item is due when it has no answer for the period that just ended.
pub fn checklist_due(
    org: &Organisation,
    item: &ChecklistItem,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let period = period_just_ended(item.frequency, today);
    (!org.marks_of(item.id).any(|m| m.period == period)).then_some(period)
}

/// A metric is due when it has no value for the period that just ended.
pub fn metric_due(org: &Organisation, metric: &Metric, today: NaiveDate) -> Option<NaiveDate> {
    let period = period_just_ended(metric.frequency, today);
    (!org.values_of(metric.id).any(|v| v.period >= period)).then_some(period)
}

/// The person's roles, projects, next actions, due checklist items and metrics, as text.
pub fn overview(org: &Organisation, person: PersonId, today: NaiveDate) -> String {
    let mut out = String::new();
    let name = org.person_name(person);
    let assignments: Vec<_> = org.assignments_of(person).collect();
    let circles: std::collections::HashSet<_> = assignments
        .iter()
        .filter_map(|a| org.role(a.role))
        .map(|r| r.circle)
        .collect();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "{name}: {} in {} as of {today}",
        plural(assignments.len(), "role"),
        plural(circles.len(), "circle")
    );
    for a in &assignments {
        let Some(role) = org.role(a.role) else {
            continue;
        };
        let circle = org.circle(role.circle).map_or("?", |c| c.name.as_str());
        let mut title = format!("{circle} · {}", role.name);
        if let Some(focus) = &a.focus {
            let _ = write!(title, " (focus: {focus})");
        }
        if let Some(end) = a.term_end {
            let _ = write!(title, " (term ends {end})");
        }
        let _ = writeln!(out, "\n{title}");
        if !role.purpose.is_empty() {
            let _ = writeln!(out, "  Purpose: {}", role.purpose);
        }
        for acc in &role.accountabilities {
            let _ = writeln!(out, "  - {acc}");
        }
        let projects: Vec<_> = org
            .projects_of(role.id)
            .filter(|p| matches!(p.status, ProjectStatus::Current | ProjectStatus::Waiting))
            .collect();
        for p in projects {
            let _ = writeln!(out, "  Project ({}): {}", p.status, p.title);
        }
        for n in org
            .next_actions_of(role.id)
            .filter(|n| !n.done && n.person == person)
        {
            let _ = writeln!(out, "  Next action: {}", n.text);
        }
        for item in org.checklist_of(role.id) {
            if let Some(period) = checklist_due(org, item, today) {
                let _ = writeln!(
                    out,
                    "  Checklist due: {} ({}, period from {period})",
                    item.text, item.frequency
                );
            }
        }
        for metric in org.metrics_of(role.id) {
            if let Some(period) = metric_due(org, metric, today) {
                let last = org
                    .values_of(metric.id)
                    .last()
                    .map_or(String::from("no values yet"), |v| {
                        format!("last {} on {}", format_number(v.value), v.period)
                    });
                let unit = metric
                    .unit
                    .as_deref()
                    .map_or(String::new(), |u| format!(" {u}"));
                let _ = writeln!(
                    out,
                    "  Metric due: {}{unit} (period from {period}; {last})",
                    metric.name
                );
            }
        }
    }
    let individual: Vec<_> = org
        .records()
        .next_actions
        .iter()
        .filter(|n| n.role.is_none() && n.person == person && !n.done)
        .collect();
    if !individual.is_empty() {
        let _ = writeln!(out, "\nYour own actions, outside any role");
        for n in individual {
            let _ = writeln!(out, "  Next action: {}", n.text);
        }
    }
    let tensions: Vec<_> = org
        .records()
        .tensions
        .iter()
        .filter(|t| t.person == person && t.open)
        .collect();
    if !tensions.is_empty() {
        let _ = writeln!(out, "\nOpen tensions");
        for t in tensions {
            let circle = org.circle(t.circle).map_or("?", |c| c.name.as_str());
            let _ = writeln!(out, "  {} (for {}, {circle})", t.text, t.kind);
        }
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
