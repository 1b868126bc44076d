//! The progress updates' body: the current and waiting projects with their updates and
//! status, what someone has explicitly requested updates on (4.1 §4.2.3(d); 5.0 §2.1(f)),
//! and under 4.1 each role's accountabilities with the progress shared on them.
//!
//! Owns: the progress step's rows. Must not import: rusqlite, tokio, `crate::store`,
//! `crate::app`.

use super::super::columns::{self, Cell};
use super::super::theme;
use super::Drawn;
use super::steps::{ReviewStep, review_list};
use crate::domain::meeting::tactical::{ProgressItem, Step, Tactical, reported_accountabilities};
use crate::domain::{Organisation, ProjectId, ProjectStatus, RoleId};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

pub(super) fn draw(frame: &mut Frame, area: Rect, screen: &Drawn, org: &Organisation) {
    let state = screen.state;
    let step = ReviewStep {
        step: Step::Progress,
        len: state.progress.len(),
        empty: (
            "Projects",
            "No current or waiting projects in this circle.",
            "> goes to agenda building.",
        ),
        title: format!(
            "{} · {} of {} updated{}",
            heading(state),
            state.updates.len(),
            state.projects.len(),
            requested_count(state, org)
        ),
    };
    let statuses: Vec<String> = state
        .progress
        .iter()
        .map(|&i| status(state, org, i))
        .collect();
    let status_width = columns::widest(statuses.iter().map(String::as_str));
    review_list(frame, area, screen, org, step, |i, width, group| {
        let Some(&item) = state.progress.get(i) else {
            return Line::raw("?");
        };
        let (title, update, style) = match item {
            ProgressItem::Project(id) => project_cells(state, org, id),
            ProgressItem::Accountabilities(role) => accountability_cells(state, org, role),
        };
        let cells = vec![
            group,
            Cell::fill(title, 1, Style::new()),
            Cell::fixed(statuses[i].clone(), status_width, style),
            Cell::fill(update, 1, style),
        ];
        columns::row(cells, width)
    });
}

/// The box's heading: 4.1 reports on accountabilities too (§4.2.3(d)).
fn heading(state: &Tactical) -> &'static str {
    let accountabilities = state
        .progress
        .iter()
        .any(|i| matches!(i, ProgressItem::Accountabilities(_)));
    if accountabilities {
        "Projects and accountabilities"
    } else {
        "Current and waiting projects"
    }
}

/// The status column, the decisive part: a column of its own (the update text is cut).
fn status(state: &Tactical, org: &Organisation, item: ProgressItem) -> String {
    match item {
        ProgressItem::Project(id) => match state.update_for(id) {
            Some(u) if u.status != u.status_before => format!(" ✓ → {} ", u.status),
            Some(_) => " ✓ ".to_string(),
            None => match org.project(id).map(|p| p.status) {
                Some(ProjectStatus::Waiting) => " waiting ".to_string(),
                _ => " ... ".to_string(),
            },
        },
        ProgressItem::Accountabilities(role) => {
            let n = state
                .accountability_updates
                .iter()
                .filter(|u| u.role == role)
                .count();
            if n == 0 {
                " ... ".to_string()
            } else {
                format!(" ✓ {n} ")
            }
        }
    }
}

/// A project's title and update, or who requested one (4.1 §4.2.3(d); 5.0 §2.1(f): said
/// until it is given).
fn project_cells(state: &Tactical, org: &Organisation, id: ProjectId) -> (String, String, Style) {
    let Some(project) = org.project(id) else {
        return ("?".into(), String::new(), theme::muted());
    };
    let (update, style) = match state.update_for(id) {
        Some(u) => (
            u.update.clone().unwrap_or_else(|| "no updates".into()),
            theme::info(),
        ),
        None if state.update_request(org, id).is_some() => (
            format!("requested by {}", state.asked_by(org, id)),
            theme::warning(),
        ),
        None => (status_moved(org, id), theme::muted()),
    };
    (project.title.clone(), update, style)
}

/// When a project's status last moved by an entry (a meeting, a review, the filler's own
/// work), so that the updates show what changed between meetings: "was waiting; current
/// since 4 Dec 2026".
fn status_moved(org: &Organisation, id: ProjectId) -> String {
    let now = org.project(id).map(|p| p.status);
    match (org.last_status_change(id), now) {
        // What it was first: a narrow column cuts the end.
        (Some(change), Some(now)) => format!(
            "was {}; {now} since {}",
            change.before,
            change.at.format("%-d %b %Y")
        ),
        _ => String::new(),
    }
}

/// A role's accountabilities row: how many, and the last progress shared on one.
fn accountability_cells(
    state: &Tactical,
    org: &Organisation,
    role: RoleId,
) -> (String, String, Style) {
    let n = reported_accountabilities(org, state.circle, role).len();
    let title = format!("Accountabilities ({n})");
    match state
        .accountability_updates
        .iter()
        .rev()
        .find(|u| u.role == role)
    {
        Some(u) => (
            title,
            format!("{} — on {}", u.update, u.accountability),
            theme::info(),
        ),
        None => (title, String::new(), theme::muted()),
    }
}

/// " · 1 requested": how many of the meeting's projects someone asked updates on.
fn requested_count(state: &Tactical, org: &Organisation) -> String {
    let n = state
        .projects
        .iter()
        .filter(|&&p| state.update_request(org, p).is_some())
        .count();
    if n == 0 {
        String::new()
    } else {
        format!(" · {n} requested")
    }
}
