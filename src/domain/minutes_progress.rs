//! The progress updates' part of a tactical meeting's minutes beyond each project's update:
//! who had requested updates on a reported project, and the requests for updates made or
//! ended in the meeting (4.1 §4.2.3(d): "if another Circle Member explicitly requested updates
//! on a specific Project, that one must be included until it's either completed or dropped";
//! 5.0 §2.1(f): "until you determine they are no longer useful").
//!
//! Under 4.1 it also holds the progress shared on accountabilities (§4.2.3(d)).
//!
//! Owns: `UpdateRequestLine`, `AccountabilityLine` and who requested updates on a project when the meeting was
//! held. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::ids::{ProjectId, RoleId};
use super::meeting::tactical::Tactical;
use super::org::Organisation;
use serde::Serialize;

/// A request for updates made in the meeting, or ended in it by the project's filler.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpdateRequestLine {
    pub role: String,
    pub project: String,
    /// Who asked; for an ended request, who ended it.
    pub by: Option<String>,
    pub ended: bool,
}

impl UpdateRequestLine {
    /// One line of the minutes.
    pub fn text(&self) -> String {
        let by = self.by.as_deref().unwrap_or("Someone");
        if self.ended {
            format!(
                "{by} ended the requested updates on \"{}\" ({}) as no longer useful.",
                self.project, self.role
            )
        } else {
            format!(
                "{by} requested updates on \"{}\" ({}).",
                self.project, self.role
            )
        }
    }
}

/// The requests for updates made or ended in the meeting, in order.
pub(super) fn request_lines(m: &Tactical, org: &Organisation) -> Vec<UpdateRequestLine> {
    m.requests
        .iter()
        .filter_map(|r| {
            let project = org.project(r.project)?;
            Some(UpdateRequestLine {
                role: org
                    .role(project.role)
                    .map_or_else(|| "?".into(), |r| r.name.clone()),
                project: project.title.clone(),
                by: r.by.map(|i| m.name_of(i).to_string()),
                ended: r.ended,
            })
        })
        .collect()
}

/// Who had requested updates on `project` when the meeting was held: a request made before
/// it ended and not ended before it started.
pub(super) fn requested_by(m: &Tactical, org: &Organisation, project: ProjectId) -> Option<String> {
    let until = m
        .ended_at
        .unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC);
    org.update_requests()
        .iter()
        .rev()
        .filter(|r| r.project == project && r.requested_at <= until)
        .find(|r| r.ended_at.is_none_or(|e| e >= m.started_at))
        .and_then(|r| org.person(r.by))
        .map(|p| p.name.clone())
}

/// Progress shared on one accountability of a role (4.1 §4.2.3(d)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountabilityLine {
    pub role: String,
    pub accountability: String,
    pub update: String,
    pub reported_by: Option<String>,
}

/// The progress shared on accountabilities, in the order reported; `reported_by` names the
/// reporter when they do not fill the role.
pub(super) fn accountability_lines(
    m: &Tactical,
    org: &Organisation,
    reported_by: &dyn Fn(RoleId, Option<usize>) -> Option<String>,
) -> Vec<AccountabilityLine> {
    m.accountability_updates
        .iter()
        .map(|u| AccountabilityLine {
            role: org
                .role(u.role)
                .map_or_else(|| "?".into(), |r| r.name.clone()),
            accountability: u.accountability.clone(),
            update: u.update.clone(),
            reported_by: reported_by(u.role, u.reporter),
        })
        .collect()
}
