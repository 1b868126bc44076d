//! The progress updates' body: the current and waiting projects with their updates and
//! status, and what someone has explicitly requested updates on (4.1 §4.2.3(d); 5.0 §2.1(f)).
//!
//! Owns: the progress step's rows. Must not import: rusqlite, tokio, `crate::store`,
//! `crate::app`.

use super::super::columns::{self, Cell};
use super::super::theme;
use super::super::view::TacticalScreen;
use super::steps::{ReviewStep, review_list};
use crate::domain::meeting::tactical::{Step, Tactical};
use crate::domain::{Organisation, ProjectStatus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

pub(super) fn draw(frame: &mut Frame, area: Rect, screen: &TacticalScreen, org: &Organisation) {
    let state = &screen.state;
    let step = ReviewStep {
        step: Step::Progress,
        len: state.projects.len(),
        empty: (
            "Projects",
            "No current or waiting projects in this circle. > goes to agenda building.",
        ),
        title: format!(
            "Current and waiting projects · {} of {} updated{}",
            state.updates.len(),
            state.projects.len(),
            requested_count(state, org)
        ),
    };
    // The status is the decisive part: it has its own column; the update text is cut.
    let status = |id| match state.update_for(id) {
        Some(u) if u.status != u.status_before => format!(" ✓ → {} ", u.status),
        Some(_) => " ✓ ".to_string(),
        None => match org.project(id).map(|p| p.status) {
            Some(ProjectStatus::Waiting) => " waiting ".to_string(),
            _ => " ... ".to_string(),
        },
    };
    let statuses: Vec<String> = state.projects.iter().map(|&id| status(id)).collect();
    let status_width = columns::widest(statuses.iter().map(String::as_str));
    review_list(frame, area, screen, org, step, |i, width, group| {
        let id = state.projects[i];
        let Some(project) = org.project(id) else {
            return Line::raw("?");
        };
        // A requested update must be given (4.1 §4.2.3(d); 5.0 §2.1(f)): said until it is.
        let (update, style) = match state.update_for(id) {
            Some(u) => (
                u.update.clone().unwrap_or_else(|| "no updates".into()),
                theme::info(),
            ),
            None if state.update_request(org, id).is_some() => (
                format!("requested by {}", state.asked_by(org, id)),
                theme::warning(),
            ),
            None => (String::new(), theme::muted()),
        };
        let cells = vec![
            group,
            Cell::fill(project.title.clone(), 1, Style::new()),
            Cell::fixed(statuses[i].clone(), status_width, style),
            Cell::fill(update, 1, style),
        ];
        columns::row(cells, width)
    });
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
