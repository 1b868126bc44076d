//! The entries of everyone's own work still standing, dated and named, for the views a
//! person looks back with: a role's history and the organisation "as of a date".
//!
//! Owns: `WorkNote`, folding the stored logs into them, their words and the role each touches.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{Work, WorkEntry, WorkEvent};
use crate::domain::ids::{PersonId, RoleId};
use crate::domain::meeting::flow::Recorded;
use crate::domain::org::Organisation;
use chrono::{DateTime, Utc};

/// One entry of a person's work log still standing.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkNote {
    pub person: PersonId,
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub entry: WorkEntry,
}

/// The standing entries of the logs given (each a person's whole work log, in order), oldest
/// first. A log that does not fold (damaged) contributes nothing rather than stop the load.
pub fn notes(logs: Vec<Vec<Recorded<WorkEvent>>>) -> Vec<WorkNote> {
    let mut all: Vec<WorkNote> = logs
        .iter()
        .filter_map(|log| Work::fold(log).ok())
        .flat_map(|work| {
            let person = work.person;
            work.entries
                .into_iter()
                .map(move |(seq, at, entry)| WorkNote {
                    person,
                    seq,
                    at,
                    entry,
                })
        })
        .collect();
    all.sort_by_key(|n| (n.at, n.person, n.seq));
    all
}

impl WorkNote {
    /// The role the entry is about, if any (an own action or a circle's tension has none).
    pub fn role(&self, org: &Organisation) -> Option<RoleId> {
        match &self.entry {
            WorkEntry::NextAction { role, .. } | WorkEntry::Tension { role, .. } => *role,
            WorkEntry::Project { role, .. } => Some(*role),
            WorkEntry::NextActionDone { action } => org.next_action(*action).and_then(|a| a.role),
            WorkEntry::ProjectStatus { project, .. } => org.project(*project).map(|p| p.role),
            WorkEntry::TensionDropped { tension } => org.tension(*tension).and_then(|t| t.role),
        }
    }

    /// The circle of a tension the entry noted or dropped (for the circle's history).
    pub fn tension_circle(&self, org: &Organisation) -> Option<crate::domain::ids::CircleId> {
        match &self.entry {
            WorkEntry::Tension { circle, .. } => Some(*circle),
            WorkEntry::TensionDropped { tension } => org.tension(*tension).map(|t| t.circle),
            _ => None,
        }
    }

    /// "Ana marked done: Call the printer", in the words of the role's history.
    pub fn describe(&self, org: &Organisation) -> String {
        let who = org.person_name(self.person);
        let what = match &self.entry {
            WorkEntry::NextAction { text, .. } => format!("added the next action \"{text}\""),
            WorkEntry::NextActionDone { action } => match org.next_action(*action) {
                Some(a) => format!("marked done: \"{}\"", a.text),
                None => "marked a next action done".into(),
            },
            WorkEntry::Project { title, .. } => format!("added the project \"{title}\""),
            WorkEntry::ProjectStatus {
                project,
                status_before,
                status,
            } => match org.project(*project) {
                Some(p) => format!("moved \"{}\" from {status_before} to {status}", p.title),
                None => format!("moved a project from {status_before} to {status}"),
            },
            WorkEntry::Tension { text, .. } => format!("noted the tension \"{text}\""),
            WorkEntry::TensionDropped { tension } => match org.tension(*tension) {
                Some(t) => format!("dropped the tension \"{}\"", t.text),
                None => "dropped a tension".into(),
            },
        };
        format!("{who} {what} (My work)")
    }
}
