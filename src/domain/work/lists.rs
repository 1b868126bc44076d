//! A person's lists as one sequence of lines: each role they fill (with its purpose and
//! accountabilities), its current and waiting projects, their open next actions, the
//! checklist items and metrics due; then their own actions outside any role, then their
//! open tensions. "My work" shows it and acts on its lines; the printed overview (`work
//! --print`, `review --print`) is its text.
//!
//! Owns: which items a person's lists hold, in which order. Must not import: rusqlite,
//! ratatui, crossterm, tokio, std::fs, or the clock.

use crate::domain::ids::{NextActionId, PersonId, ProjectId, RoleId, TensionId};
use crate::domain::org::{Organisation, ProjectStatus};
use crate::domain::review::{checklist_due, metric_due};
use crate::domain::text::format_number;
use chrono::NaiveDate;

/// One line of a person's lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// A role the person fills: "Circle · Role (focus: …) (term ends …)".
    Role { role: RoleId, title: String },
    /// The purpose of the role above.
    Purpose(String),
    /// One accountability of the role above.
    Accountability(String),
    /// A current or waiting project of the role above.
    Project {
        project: ProjectId,
        role: RoleId,
        status: ProjectStatus,
        title: String,
    },
    /// An open next action of the person's, on the role above or (`None`) outside any role.
    NextAction {
        action: NextActionId,
        role: Option<RoleId>,
        text: String,
    },
    /// A checklist item or metric due for the period just ended, in words.
    Due { role: RoleId, text: String },
    /// The heading of the person's own actions, outside any role.
    OwnActions,
    /// The heading of the person's open tensions.
    Tensions,
    /// An open tension of the person's, with where it is for ("for governance, Bakehouse").
    Tension {
        tension: TensionId,
        text: String,
        place: String,
    },
}

impl Line {
    /// The role the line belongs to, if any (where a new entry on it goes).
    pub fn role(&self) -> Option<RoleId> {
        match self {
            Line::Role { role, .. } | Line::Project { role, .. } | Line::Due { role, .. } => {
                Some(*role)
            }
            Line::NextAction { role, .. } => *role,
            _ => None,
        }
    }
}

/// The person's lists as they stand on `today`.
pub fn lines(org: &Organisation, person: PersonId, today: NaiveDate) -> Vec<Line> {
    let mut out = Vec::new();
    for a in org.assignments_of(person) {
        let Some(role) = org.role(a.role) else {
            continue;
        };
        let circle = org.circle(role.circle).map_or("?", |c| c.name.as_str());
        let mut title = format!("{circle} · {}", role.name);
        if let Some(focus) = &a.focus {
            title.push_str(&format!(" (focus: {focus})"));
        }
        if let Some(end) = a.term_end {
            title.push_str(&format!(" (term ends {end})"));
        }
        out.push(Line::Role {
            role: role.id,
            title,
        });
        if !role.purpose.is_empty() {
            out.push(Line::Purpose(role.purpose.clone()));
        }
        out.extend(
            role.accountabilities
                .iter()
                .cloned()
                .map(Line::Accountability),
        );
        out.extend(
            org.projects_of(role.id)
                .filter(|p| matches!(p.status, ProjectStatus::Current | ProjectStatus::Waiting))
                .map(|p| Line::Project {
                    project: p.id,
                    role: role.id,
                    status: p.status,
                    title: p.title.clone(),
                }),
        );
        out.extend(
            org.next_actions_of(role.id)
                .filter(|n| !n.done && n.person == person)
                .map(|n| Line::NextAction {
                    action: n.id,
                    role: Some(role.id),
                    text: n.text.clone(),
                }),
        );
        out.extend(due(org, role.id, today));
    }
    let own: Vec<Line> = org
        .next_actions_of_person(person)
        .filter(|n| n.role.is_none() && !n.done)
        .map(|n| Line::NextAction {
            action: n.id,
            role: None,
            text: n.text.clone(),
        })
        .collect();
    if !own.is_empty() {
        out.push(Line::OwnActions);
        out.extend(own);
    }
    let tensions: Vec<Line> = org
        .tensions_of(person)
        .filter(|t| t.open)
        .map(|t| Line::Tension {
            tension: t.id,
            text: t.text.clone(),
            place: format!(
                "for {}, {}",
                t.kind,
                org.circle(t.circle).map_or("?", |c| c.name.as_str())
            ),
        })
        .collect();
    if !tensions.is_empty() {
        out.push(Line::Tensions);
        out.extend(tensions);
    }
    out
}

/// The role's checklist items and metrics due for the period just ended.
fn due(org: &Organisation, role: RoleId, today: NaiveDate) -> Vec<Line> {
    let checklist = org.checklist_of(role).filter_map(|item| {
        checklist_due(org, item, today).map(|period| Line::Due {
            role,
            text: format!(
                "Checklist due: {} ({}, period from {period})",
                item.text, item.frequency
            ),
        })
    });
    let metrics = org.metrics_of(role).filter_map(|metric| {
        metric_due(org, metric, today).map(|period| {
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
            Line::Due {
                role,
                text: format!(
                    "Metric due: {}{unit} (period from {period}; {last})",
                    metric.name
                ),
            }
        })
    });
    checklist.chain(metrics).collect()
}

/// The lines as the printed overview writes them: roles as headings with their items
/// indented under them.
pub fn text_of(line: &Line) -> String {
    match line {
        Line::Role { title, .. } => format!("\n{title}"),
        Line::Purpose(p) => format!("  Purpose: {p}"),
        Line::Accountability(a) => format!("  - {a}"),
        Line::Project { status, title, .. } => format!("  Project ({status}): {title}"),
        Line::NextAction { text, .. } => format!("  Next action: {text}"),
        Line::Due { text, .. } => format!("  {text}"),
        Line::OwnActions => String::from("\nYour own actions, outside any role"),
        Line::Tensions => String::from("\nOpen tensions"),
        Line::Tension { text, place, .. } => format!("  {text} ({place})"),
    }
}
