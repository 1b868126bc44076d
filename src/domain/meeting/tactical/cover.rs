//! Who answers for a role in the review steps when its filler is not there. 4.1 §4.2.4: "If
//! a Defined Role of the Circle is entirely or partially unrepresented at a Tactical Meeting
//! due to someone's absence, the Circle's Lead Link may act within that Role to cover the
//! gap. If the Lead Link is also absent, any participant may accept Next-Actions or Projects
//! on behalf of that Role." So a checklist answer, metric value or project update is never
//! recorded for nobody: the present filler, else the present Lead, else someone present
//! who accepts (chosen with `b`).
//!
//! Owns: that order, and refusing a review entry nobody answers for. Must not import:
//! rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{Event, ProgressItem, Refusal, Step, Tactical};
use crate::domain::ids::{PersonId, RoleId};
use crate::domain::meeting::{Output, OutputKind};
use crate::domain::org::Organisation;
use crate::domain::ruleset::CoreRole;

/// How a role is answered for in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    /// A filler of the role is present (attendee index).
    Filler(usize),
    /// Every filler is absent; the circle's Lead, present, covers (attendee index).
    Lead(usize),
    /// Nobody filling it or leading the circle is here: someone present must accept.
    Nobody,
}

impl Tactical {
    /// The present attendee who is `person`, if any.
    pub fn present_attendee(&self, person: PersonId) -> Option<usize> {
        self.present()
            .find(|&i| self.attendees[i].person == Some(person))
    }

    /// Whether `person` was invited and marked absent, or is not here at all.
    pub fn is_absent(&self, person: PersonId) -> bool {
        self.present_attendee(person).is_none()
    }

    /// The circle's Lead, if present (attendee index).
    pub fn present_lead(&self, org: &Organisation) -> Option<usize> {
        let lead = org.core_role(self.circle, CoreRole::Lead)?;
        org.fillers_of(lead.id)
            .find_map(|a| self.present_attendee(a.person))
    }

    /// Who answers for `role` here (4.1 §4.2.4).
    pub fn cover(&self, org: &Organisation, role: RoleId) -> Cover {
        if let Some(filler) = org
            .fillers_of(role)
            .find_map(|a| self.present_attendee(a.person))
        {
            return Cover::Filler(filler);
        }
        self.present_lead(org).map_or(Cover::Nobody, Cover::Lead)
    }

    /// Whether `output` goes to a role nobody present answers for, so that someone present
    /// must accept it on the role's behalf (4.1 §4.2.4: "If the Lead Link is also absent, any
    /// participant may accept Next-Actions or Projects on behalf of that Role"): a next action
    /// or project for a filled role whose fillers and Lead are all absent, given to none of
    /// the people present.
    pub fn needs_acceptance(&self, org: &Organisation, output: &Output) -> bool {
        let Some(role) = output.role else {
            return false;
        };
        matches!(output.kind, OutputKind::NextAction | OutputKind::Project)
            && output.person.is_none_or(|p| self.is_absent(p))
            && org.fillers_of(role).next().is_some()
            && self.cover(org, role) == Cover::Nobody
    }

    /// An output for an absent role is accepted by someone present (see `needs_acceptance`),
    /// and whoever accepts is present.
    fn decide_acceptance(&self, output: &Output, org: &Organisation) -> Result<(), Refusal> {
        match output.accepted_by {
            Some(a) if !self.attendees.get(a).is_some_and(|a| a.present) => Err(Refusal::new(
                "only someone present can accept an output on a role's behalf",
            )),
            None if self.needs_acceptance(org, output) => {
                let role = output.role.and_then(|r| org.role(r));
                Err(Refusal::new(format!(
                    "nobody present fills {} and the Lead is absent: someone present accepts it \
                     on its behalf (4.1 §4.2.4)",
                    role.map_or("the role", |r| r.name.as_str())
                )))
            }
            _ => Ok(()),
        }
    }

    /// A review entry (checklist, metric, progress) names who answered for its role: one
    /// nobody answers for is refused, so the record never says "reported by nobody". So does
    /// an output for such a role (`decide_acceptance`).
    pub(super) fn decide_reporter(&self, event: &Event, org: &Organisation) -> Result<(), Refusal> {
        let (step, index, reporter) = match event {
            Event::OutputAdded { output, .. } => return self.decide_acceptance(output, org),
            Event::ChecklistAnswered { item, reporter, .. } => (
                Step::Checklist,
                self.checklist.iter().position(|c| c == item),
                reporter,
            ),
            Event::MetricReported {
                metric, reporter, ..
            }
            | Event::MetricCorrected {
                metric, reporter, ..
            } => (
                Step::Metrics,
                self.metrics.iter().position(|m| m == metric),
                reporter,
            ),
            Event::ProjectUpdated {
                project, reporter, ..
            } => (
                Step::Progress,
                self.progress
                    .iter()
                    .position(|p| *p == ProgressItem::Project(*project)),
                reporter,
            ),
            Event::AccountabilityReported { role, reporter, .. } => (
                Step::Progress,
                self.progress
                    .iter()
                    .position(|p| *p == ProgressItem::Accountabilities(*role)),
                reporter,
            ),
            _ => return Ok(()),
        };
        let role = index.and_then(|i| self.review_role(org, step, i));
        match (reporter, role.and_then(|r| org.role(r))) {
            (None, Some(role)) => Err(Refusal::new(format!(
                "nobody present fills {} and the Lead is absent: b picks who accepts for it",
                role.name
            ))),
            _ => Ok(()),
        }
    }
}
