//! The entries of everyone's own work, dated and named, for the views a person looks back
//! with: a role's history, a circle's tensions noted, "My work"'s "Recorded here" and the
//! organisation "as of a date". An entry taken back stays in them, marked with the day it was
//! taken back, as an assignment taken back stays in a role's history.
//!
//! Owns: `WorkNote`, folding the stored logs into them, their words and the role each touches.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{WorkEntry, WorkEvent};
use crate::domain::ids::{CircleId, PersonId, RoleId};
use crate::domain::meeting::flow::Recorded;
use crate::domain::org::Organisation;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// One entry of a person's work log.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkNote {
    pub person: PersonId,
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub entry: WorkEntry,
    /// When the entry was taken back (`u` in "My work"), if it was.
    pub taken_back: Option<DateTime<Utc>>,
}

/// The entries of the logs given (whose each is, and entries of it in order: a whole log, or
/// some of its entries each with its taking back if it was taken back), taken back or not,
/// oldest first.
pub fn notes(logs: Vec<(PersonId, Vec<Recorded<WorkEvent>>)>) -> Vec<WorkNote> {
    let mut all: Vec<WorkNote> = logs
        .iter()
        .flat_map(|(person, log)| newest_first(*person, log))
        .collect();
    all.sort_by_key(|n| (n.at, n.person, n.seq));
    all
}

/// Every entry of `person`'s work log, newest first, each with when it was taken back if it
/// was. Lazy: the newest few cost only as much as the log's end.
pub fn newest_first(
    person: PersonId,
    log: &[Recorded<WorkEvent>],
) -> impl Iterator<Item = WorkNote> + '_ {
    // A taking back comes after the entry it names, so it is met first from the end.
    let mut back: HashMap<u64, DateTime<Utc>> = HashMap::new();
    log.iter().rev().filter_map(move |r| match &r.event {
        WorkEvent::Retracted { seq } => {
            back.insert(*seq, r.at);
            None
        }
        WorkEvent::Recorded { entry } => Some(WorkNote {
            person,
            seq: r.seq,
            at: r.at,
            entry: entry.clone(),
            taken_back: back.remove(&r.seq),
        }),
        WorkEvent::Started { .. } => None,
    })
}

/// The role an entry is about, if any (an own action or a circle's tension has none), and the
/// circle of a tension it noted or dropped: what the role's and circle's histories find it by.
pub fn about(entry: &WorkEntry, org: &Organisation) -> (Option<RoleId>, Option<CircleId>) {
    match entry {
        WorkEntry::NextAction { role, .. } => (*role, None),
        WorkEntry::Tension { role, circle, .. } => (*role, Some(*circle)),
        WorkEntry::Project { role, .. } => (Some(*role), None),
        WorkEntry::NextActionDone { action } => {
            (org.next_action(*action).and_then(|a| a.role), None)
        }
        WorkEntry::ProjectStatus { project, .. } => (org.project(*project).map(|p| p.role), None),
        WorkEntry::TensionDropped { tension } => match org.tension(*tension) {
            Some(t) => (t.role, Some(t.circle)),
            None => (None, None),
        },
    }
}

impl WorkNote {
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
        format!("{who} {what} (My work){}", self.taken_back_words())
    }

    /// " (taken back 2026-12-07)" for an entry taken back, nothing for one standing.
    pub fn taken_back_words(&self) -> String {
        self.taken_back.map_or(String::new(), |at| {
            format!(" (taken back {})", at.format("%Y-%m-%d"))
        })
    }
}
