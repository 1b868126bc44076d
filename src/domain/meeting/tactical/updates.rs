//! Requests for updates on a project, and what they bind in the progress updates.
//!
//! 4.1 §4.2.3(d): "Each participant may decide which Projects or Accountabilities are worth
//! reporting on, however if another Circle Member explicitly requested updates on a specific
//! Project, that one must be included until it's either completed or dropped." 5.0 §2.1(f):
//! "If requested, you must continue to share these updates regularly, until you determine they
//! are no longer useful." The words and articles come from `Rules::progress`.
//!
//! Owns: who may ask, that a requested project is not passed with "no updates", and who may
//! end a request. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{Event, Recorded, Refusal, Tactical, UpdatesAsked};
use crate::domain::ids::ProjectId;
use crate::domain::meeting::Effect;
use crate::domain::org::{Organisation, UpdateRequest};

fn refuse<T>(message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(message))
}

impl Tactical {
    /// Whether attendee `who` fills the role owning `project`.
    fn fills_project_role(&self, org: &Organisation, who: usize, project: ProjectId) -> bool {
        let person = self.attendees.get(who).and_then(|a| a.person);
        let role = org.project(project).map(|p| p.role);
        match (person, role) {
            (Some(person), Some(role)) => org.fillers_of(role).any(|a| a.person == person),
            _ => false,
        }
    }

    /// The request binding on `project` now, if any.
    pub fn update_request<'o>(
        &self,
        org: &'o Organisation,
        project: ProjectId,
    ) -> Option<&'o UpdateRequest> {
        org.update_request(project)
    }

    /// Decides a request for updates or its end (`Some` effects), and refuses "no updates" on a
    /// requested project; `None` for every other event.
    pub(super) fn decide_updates(
        &self,
        event: &Event,
        org: &Organisation,
    ) -> Result<Option<Vec<Effect>>, Refusal> {
        let rules = &org.rule_set().rules().progress;
        match event {
            Event::ProjectUpdated {
                project,
                update: None,
                status,
                status_before,
                ..
            } if status == status_before && self.update_request(org, *project).is_some() => {
                let by = self.asked_by(org, *project);
                refuse(format!(
                    "{by} explicitly requested updates on this project: it {} ({}); Enter gives the update",
                    rules.requested_until, rules.article
                ))
            }
            Event::UpdatesRequested { project, by } => {
                self.request_ok(org, *project, *by)?;
                let Some(person) = self.attendees.get(*by).and_then(|a| a.person) else {
                    return refuse("no such attendee");
                };
                Ok(Some(vec![Effect::RequestUpdates {
                    project: *project,
                    by: person,
                }]))
            }
            Event::UpdateRequestEnded { project, reporter } => {
                let Some(article) = rules.filler_ends_request else {
                    return refuse(format!(
                        "a requested update {} ({})",
                        rules.requested_until, rules.article
                    ));
                };
                self.in_meeting(*project)?;
                if self.update_request(org, *project).is_none() {
                    return refuse("nobody has requested updates on this project");
                }
                if !reporter.is_some_and(|r| self.fills_project_role(org, r, *project)) {
                    return refuse(format!(
                        "only the project's filler determines the updates are no longer useful ({article})"
                    ));
                }
                Ok(Some(vec![Effect::EndUpdateRequest { project: *project }]))
            }
            Event::AccountabilityReported { .. } => {
                self.decide_accountability(event, org).map(Some)
            }
            _ => Ok(None),
        }
    }

    fn in_meeting(&self, project: ProjectId) -> Result<(), Refusal> {
        if self.ended_at.is_some() {
            return refuse("the meeting has ended");
        }
        if !self.projects.contains(&project) {
            return refuse("that project is not in this meeting");
        }
        Ok(())
    }

    /// "another Circle Member explicitly requested" (4.1 §4.2.3(d)): a present member, not a
    /// guest or observer, who does not fill the project's role.
    fn request_ok(&self, org: &Organisation, project: ProjectId, by: usize) -> Result<(), Refusal> {
        self.in_meeting(project)?;
        let article = org.rule_set().rules().progress.article;
        match self.attendees.get(by) {
            Some(a) if !a.present => return refuse(format!("{} is not present", a.name)),
            Some(a) if a.guest || a.observer || a.person.is_none() => {
                return refuse(format!(
                    "{} is not a circle member: only another circle member requests updates ({article})",
                    a.name
                ));
            }
            Some(_) => {}
            None => return refuse("no such attendee"),
        }
        if self.fills_project_role(org, by, project) {
            return refuse(format!(
                "updates are requested by another circle member, not the project's filler ({article})"
            ));
        }
        if let Some(asked) = self.update_request(org, project) {
            let name = org.person(asked.by).map_or("someone", |p| p.name.as_str());
            return refuse(format!("{name} has already requested updates on it"));
        }
        Ok(())
    }

    /// The attendees who may request updates on `project`: present circle members who do not
    /// fill its role (each still asked to the meeting, `request_ok`).
    pub fn update_askers(&self, org: &Organisation, project: ProjectId) -> Vec<usize> {
        (0..self.attendees.len())
            .filter(|&i| {
                let a = &self.attendees[i];
                a.present && !a.guest && !a.observer && a.person.is_some()
            })
            .filter(|&i| !self.fills_project_role(org, i, project))
            .collect()
    }

    /// The name of who requested updates on `project`.
    pub fn asked_by<'o>(&self, org: &'o Organisation, project: ProjectId) -> &'o str {
        self.update_request(org, project)
            .and_then(|r| org.person(r.by))
            .map_or("someone", |p| p.name.as_str())
    }

    pub(super) fn apply_request(&mut self, rec: &Recorded) {
        let (project, by, ended) = match &rec.event {
            Event::UpdatesRequested { project, by } => (*project, Some(*by), false),
            Event::UpdateRequestEnded { project, reporter } => (*project, *reporter, true),
            _ => return,
        };
        self.requests.push(UpdatesAsked {
            seq: rec.seq,
            project,
            by,
            ended,
        });
    }
}
