//! A person's own work between meetings ("My work"): the projects, next actions and tensions
//! they track for their roles (4.1 and 5.0 §1.2.4: "You are responsible for capturing and
//! tracking all Projects and Next-Actions for your Role … [and] Tensions you intend to
//! resolve"), kept as one long-lived log per person, so every entry has its time, is taken
//! back exactly, and shows in the next meeting (a project's status in progress updates, a
//! tension at agenda building).
//!
//! Owns: `WorkEvent` and `WorkEntry` (what the log holds), the `Work` flow that decides an
//! entry against the organisation as it stands, and the person's lists as a pure view.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

pub mod form;
pub mod lists;
pub mod notes;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_forms;

use super::ids::{CircleId, NextActionId, PersonId, ProjectId, RoleId, TensionId};
use super::meeting::Effect;
use super::meeting::flow::{self, Flow, Recorded};
use super::meeting::tactical::Refusal;
use super::org::{Organisation, ProjectStatus, TensionKind};
use super::ruleset::RuleSet;
use super::text::clean_line;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use notes::WorkNote;

/// Something a person records of their own work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "entry", rename_all = "snake_case")]
pub enum WorkEntry {
    /// `role: None` is the person's own action, outside any role.
    NextAction { role: Option<RoleId>, text: String },
    /// One of the person's open next actions is done.
    NextActionDone { action: NextActionId },
    /// A new project of one of the person's roles.
    Project { role: RoleId, title: String },
    /// A project's status changed from `status_before` to `status`.
    ProjectStatus {
        project: ProjectId,
        status_before: ProjectStatus,
        status: ProjectStatus,
    },
    /// A new tension, for a tactical or governance meeting of the circle.
    Tension {
        circle: CircleId,
        role: Option<RoleId>,
        text: String,
        kind: TensionKind,
    },
    /// One of the person's open tensions is dropped: no meeting will process it.
    TensionDropped { tension: TensionId },
}

/// One entry of a person's work log, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WorkEvent {
    /// The log's first entry: whose work it is.
    Started { person: PersonId },
    /// An entry the person made.
    Recorded { entry: WorkEntry },
    /// The entry `seq` (the last one) was taken back, with its effects.
    Retracted { seq: u64 },
}

/// An entry's words, cleaned; refused when nothing is left of them.
fn words(text: &str) -> Result<String, Refusal> {
    let text = clean_line(text);
    if text.is_empty() {
        Err(Refusal::new("the text is empty"))
    } else {
        Ok(text)
    }
}

/// A person's work log folded: whose it is and the entries still standing, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Work {
    pub person: PersonId,
    pub entries: Vec<(u64, DateTime<Utc>, WorkEntry)>,
}

impl Work {
    /// Rebuilds the log, skipping retracted entries.
    pub fn fold(log: &[Recorded<WorkEvent>]) -> Result<Work, Refusal> {
        flow::fold(log, RuleSet::default())
    }

    /// The newest entry still standing, which `u` takes back.
    pub fn last_entry(&self) -> Option<&(u64, DateTime<Utc>, WorkEntry)> {
        self.entries.last()
    }

    /// What an entry writes, decided against the organisation as it stands; a refusal naming
    /// the rule when it cannot be recorded.
    fn entry_effects(&self, entry: &WorkEntry, org: &Organisation) -> Result<Effect, Refusal> {
        let person = self.person;
        match entry {
            WorkEntry::NextAction { role, text } => {
                if let Some(role) = role {
                    self.fills(org, *role)?;
                }
                Ok(Effect::CreateNextAction {
                    role: *role,
                    person,
                    text: words(text)?,
                })
            }
            WorkEntry::NextActionDone { action } => match org.next_action(*action) {
                Some(n) if n.person != person => Err(Refusal::new(
                    "that next action is someone else's: only its owner marks it done",
                )),
                Some(n) if n.done => Err(Refusal::new("that next action is already done")),
                Some(_) => Ok(Effect::CompleteNextAction { action: *action }),
                None => Err(Refusal::new("there is no such next action")),
            },
            WorkEntry::Project { role, title } => {
                self.fills(org, *role)?;
                Ok(Effect::CreateProject {
                    role: *role,
                    person: Some(person),
                    title: words(title)?,
                })
            }
            WorkEntry::ProjectStatus {
                project,
                status_before,
                status,
            } => self.project_status(org, *project, *status_before, *status),
            WorkEntry::Tension {
                circle,
                role,
                text,
                kind,
            } => self.tension(org, (*circle, *role), text, *kind),
            WorkEntry::TensionDropped { tension } => match org.tension(*tension) {
                Some(t) if t.person != person => Err(Refusal::new(
                    "that tension is someone else's: only who noted it drops it",
                )),
                Some(t) if !t.open => Err(Refusal::new(
                    "that tension is no longer open (processed or dropped)",
                )),
                Some(_) => Ok(Effect::DropTension { tension: *tension }),
                None => Err(Refusal::new("there is no such tension")),
            },
        }
    }

    /// A project of a role the person fills moves from `before` (its status still) to
    /// `status` (another).
    fn project_status(
        &self,
        org: &Organisation,
        project: ProjectId,
        before: ProjectStatus,
        status: ProjectStatus,
    ) -> Result<Effect, Refusal> {
        let p = org
            .project(project)
            .ok_or_else(|| Refusal::new("there is no such project"))?;
        self.fills(org, p.role)?;
        if p.status != before {
            return Err(Refusal::new("the project's status changed meanwhile"));
        }
        if p.status == status {
            return Err(Refusal::new(format!("the project is already {status}")));
        }
        Ok(Effect::UpdateProject {
            project,
            update: None,
            status,
        })
    }

    /// A tension noted for a circle, and for a role the person fills there (if any).
    fn tension(
        &self,
        org: &Organisation,
        (circle, role): (CircleId, Option<RoleId>),
        text: &str,
        kind: TensionKind,
    ) -> Result<Effect, Refusal> {
        if org.circle(circle).is_none() {
            return Err(Refusal::new("there is no such circle"));
        }
        if let Some(role) = role {
            let r = self.fills(org, role)?;
            if r != circle {
                return Err(Refusal::new("a role's tension is for the role's circle"));
            }
        }
        Ok(Effect::CreateTension {
            person: self.person,
            role,
            circle,
            text: words(text)?,
            kind,
        })
    }

    /// The circle of `role` when the person fills it now; a refusal naming the rule when not.
    fn fills(&self, org: &Organisation, role: RoleId) -> Result<CircleId, Refusal> {
        let r = org
            .role(role)
            .ok_or_else(|| Refusal::new("there is no such role"))?;
        if org.assignments_of(self.person).any(|a| a.role == role) {
            Ok(r.circle)
        } else {
            Err(Refusal::new(format!(
                "{} does not fill {}: a role filler tracks the work of their own roles (§1.2.4)",
                org.person_name(self.person),
                r.name
            )))
        }
    }
}

impl Flow for Work {
    type Event = WorkEvent;

    fn start(first: &Recorded<WorkEvent>, _rules: RuleSet) -> Result<Work, Refusal> {
        match &first.event {
            WorkEvent::Started { person } => Ok(Work {
                person: *person,
                entries: Vec::new(),
            }),
            _ => Err(Refusal::new("a work log starts with whose it is")),
        }
    }

    fn decide(&self, event: &WorkEvent, org: &Organisation) -> Result<Vec<Effect>, Refusal> {
        if org.person(self.person).is_none_or(|p| !p.is_current()) {
            return Err(Refusal::new(
                "a former member's work is kept as it was; nothing new is recorded",
            ));
        }
        match event {
            WorkEvent::Started { .. } => Err(Refusal::new("the work log has already started")),
            WorkEvent::Retracted { seq } => match self.entries.last() {
                Some((last, _, entry)) if last == seq => {
                    Ok(vec![Effect::Undo { seq: *seq }, noted(entry, org)])
                }
                Some(_) => Err(Refusal::new("only the last entry can be taken back")),
                None => Err(Refusal::new("there is nothing to take back")),
            },
            WorkEvent::Recorded { entry } => {
                Ok(vec![self.entry_effects(entry, org)?, noted(entry, org)])
            }
        }
    }

    fn apply(&mut self, entry: &Recorded<WorkEvent>) {
        if let WorkEvent::Recorded { entry: e } = &entry.event {
            self.entries.push((entry.seq, entry.at, e.clone()));
        }
    }

    fn retracts(event: &WorkEvent) -> Option<u64> {
        match event {
            WorkEvent::Retracted { seq } => Some(*seq),
            _ => None,
        }
    }

    fn is_move(_event: &WorkEvent) -> bool {
        false
    }
}

/// What the store finds an entry (or its taking back) by: the role and circle it is about.
fn noted(entry: &WorkEntry, org: &Organisation) -> Effect {
    let (role, circle) = notes::about(entry, org);
    Effect::NoteWork { role, circle }
}

/// A few words about an entry of the work log.
pub fn entry_text(org: &Organisation, entry: &WorkEntry) -> String {
    let role = |r: &Option<RoleId>| {
        r.and_then(|r| org.role(r))
            .map_or(String::from("own"), |r| r.name.clone())
    };
    match entry {
        WorkEntry::NextAction { role: r, text } => format!("next action ({}): {text}", role(r)),
        WorkEntry::NextActionDone { action } => format!(
            "done: {}",
            org.next_action(*action).map_or("?", |n| n.text.as_str())
        ),
        WorkEntry::Project { role: r, title } => {
            format!("project ({}): {title}", role(&Some(*r)))
        }
        WorkEntry::ProjectStatus {
            project, status, ..
        } => format!(
            "project \"{}\" is now {status}",
            org.project(*project).map_or("?", |p| p.title.as_str())
        ),
        WorkEntry::Tension { text, kind, .. } => format!("{kind} tension: {text}"),
        WorkEntry::TensionDropped { tension } => format!(
            "dropped: {}",
            org.tension(*tension).map_or("?", |t| t.text.as_str())
        ),
    }
}
