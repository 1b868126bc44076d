//! The organisation's own log: the changes made between meetings (people joining, being
//! renamed and leaving; the Lead assigning, focusing and ending role assignments), each an
//! append-only entry with its time and who made it, and undo as an entry of its own.
//!
//! Owns: `OrgRequest` (what someone asks), `OrgChange` (the entry as recorded), `OrgEffect`
//! (what the store writes for it, in the entry's transaction) and `decide`, the pure decider
//! that turns a request into an entry and its effects, or a refusal naming the rule.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

pub mod authority;
pub mod breakdown;
mod describe;
pub mod records;
mod refusal;
#[cfg(test)]
mod tests;
mod undo;

pub use authority::{Authority, assignment_authority};
pub use refusal::Refusal;
pub use undo::{is_undone, latest_standing, standing, undone_seqs};

use super::ids::{AssignmentId, ChecklistItemId, CircleId, MetricId, PersonId, RoleId};
use super::names::email_problem;
use super::org::Frequency;
use super::org::Organisation;
use super::text::clean_line;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What someone asks of the organisation between meetings.
#[derive(Debug, Clone, PartialEq)]
pub enum OrgRequest {
    /// A new person joins the organisation, with an e-mail address if one is given.
    AddPerson { name: String, email: Option<String> },
    /// The person's name changes (names stay unique, ignoring case).
    RenamePerson { person: PersonId, name: String },
    /// The person leaves the organisation: their assignments end.
    PersonLeaves { person: PersonId },
    /// The person is assigned to fill the role, with a focus if one is given; by whoever
    /// assigns the circle's roles.
    Assign {
        role: RoleId,
        person: PersonId,
        focus: Option<String>,
    },
    /// The assignment's focus changes (or is cleared).
    ChangeFocus {
        assignment: AssignmentId,
        focus: Option<String>,
    },
    /// The assignment ends: removed by whoever assigns, or the filler resigns.
    EndAssignment { assignment: AssignmentId },
    /// A recurring action the role's filler reports on in tactical meetings.
    AddChecklistItem {
        role: RoleId,
        text: String,
        frequency: Frequency,
    },
    /// The checklist item is no longer asked for from now on; its answers stay.
    EndChecklistItem { item: ChecklistItemId },
    /// A number the role's filler reports in tactical meetings.
    AddMetric {
        role: RoleId,
        name: String,
        unit: Option<String>,
        frequency: Frequency,
    },
    /// The metric is no longer asked for from now on; its values stay.
    EndMetric { metric: MetricId },
    /// Due process is restored in the circle: its process breakdown ends (4.1 §3.5.3; 5.0
    /// §5.5.2).
    RestoreProcess { circle: CircleId },
    /// A process breakdown declared in the circle outside a meeting, for `reason` (4.1
    /// §3.5.2; 5.0 §5.5).
    DeclareBreakdown { circle: CircleId, reason: String },
    /// Takes back the latest entry still standing.
    Undo,
}

/// An assignment a change ended, and its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ended {
    pub assignment: AssignmentId,
    pub role: RoleId,
}

/// An entry of the organisation's log, as recorded: enough to show it in a role's history
/// and to take it back without reading anything else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OrgChange {
    /// A person joined the organisation.
    PersonAdded { name: String, email: Option<String> },
    /// A person's name changed from `from` to `to`.
    PersonRenamed {
        person: PersonId,
        from: String,
        to: String,
    },
    /// A person left the organisation, ending these assignments.
    PersonLeft { person: PersonId, ended: Vec<Ended> },
    /// `lead_of`: the circle whose Lead made the assignment.
    Assigned {
        role: RoleId,
        person: PersonId,
        focus: Option<String>,
        lead_of: CircleId,
        /// The role the actor acted in when a policy gives it control of the circle's role
        /// assignments (5.0 §1.4.1) rather than its Lead.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        via: Option<String>,
    },
    /// An assignment's focus changed from `from` to `to`.
    FocusChanged {
        role: RoleId,
        assignment: AssignmentId,
        person: PersonId,
        from: Option<String>,
        to: Option<String>,
        lead_of: CircleId,
        /// The role the actor acted in when a policy gives it control of the circle's role
        /// assignments (5.0 §1.4.1) rather than its Lead.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        via: Option<String>,
    },
    /// `lead_of` is `None` when the filler resigned.
    AssignmentEnded {
        role: RoleId,
        assignment: AssignmentId,
        person: PersonId,
        lead_of: Option<CircleId>,
        /// The role the actor acted in when a policy gives it control of the circle's role
        /// assignments (5.0 §1.4.1) rather than its Lead.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        via: Option<String>,
    },
    /// A checklist item was added to the role.
    ChecklistItemAdded {
        role: RoleId,
        text: String,
        frequency: Frequency,
    },
    /// A checklist item of the role (its text) ended.
    ChecklistItemEnded {
        role: RoleId,
        item: ChecklistItemId,
        text: String,
    },
    /// A metric was added to the role.
    MetricAdded {
        role: RoleId,
        name: String,
        unit: Option<String>,
        frequency: Frequency,
    },
    /// A metric of the role (its name) ended.
    MetricEnded {
        role: RoleId,
        metric: MetricId,
        name: String,
    },
    /// A process breakdown declared in the circle between meetings, for `reason`.
    BreakdownDeclared { circle: CircleId, reason: String },
    /// The circle's process breakdown (declared for `reason`) ended: due process restored.
    ProcessRestored { circle: CircleId, reason: String },
    /// The entry `seq` was taken back.
    Undone { seq: u64 },
    /// The ratifiers adopted the constitution with the organisation's initial structure (5.0
    /// §1.3.3; 4.1 Art. V, §5.3): on the adoption screens, or from an organisation file
    /// (`file`, its name). The organisation's first entry; never taken back.
    Adopted {
        rule_set: crate::domain::RuleSet,
        ratifiers: Vec<PersonId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        file: Option<String>,
    },
}

impl OrgChange {
    /// The roles this entry touches (for each role's history).
    pub fn roles(&self) -> Vec<RoleId> {
        match self {
            OrgChange::Assigned { role, .. }
            | OrgChange::FocusChanged { role, .. }
            | OrgChange::AssignmentEnded { role, .. }
            | OrgChange::ChecklistItemAdded { role, .. }
            | OrgChange::ChecklistItemEnded { role, .. }
            | OrgChange::MetricAdded { role, .. }
            | OrgChange::MetricEnded { role, .. } => vec![*role],
            OrgChange::PersonLeft { ended, .. } => ended.iter().map(|e| e.role).collect(),
            _ => Vec::new(),
        }
    }
}

/// One recorded entry of the organisation's log.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgEntry {
    pub seq: u64,
    pub at: DateTime<Utc>,
    /// Who made the change (for role assignments, the Lead who acted).
    pub actor: Option<PersonId>,
    pub change: OrgChange,
}

/// The adoption entry of an organisation's log (`log`, oldest first): its first, if it is
/// one (a database from before the adoption was recorded has none).
pub fn adoption(log: &[OrgEntry]) -> Option<&OrgEntry> {
    log.first()
        .filter(|e| matches!(e.change, OrgChange::Adopted { .. }))
}

/// What the store writes for an entry, in the same transaction as the entry. Rows it creates
/// or ends carry the entry's sequence number, so that `TakeBack` can find them.
#[derive(Debug, Clone, PartialEq)]
pub enum OrgEffect {
    /// A new person in the organisation, added by this entry.
    AddPerson { name: String, email: Option<String> },
    /// The person's name becomes `name`.
    RenamePerson { person: PersonId, name: String },
    /// The person left at the entry's time.
    MarkLeft { person: PersonId },
    /// A new assignment starting at the entry's time.
    Assign {
        role: RoleId,
        person: PersonId,
        focus: Option<String>,
    },
    /// The assignment's focus becomes `focus` (none clears it).
    SetFocus {
        assignment: AssignmentId,
        focus: Option<String>,
    },
    /// The assignment ends at the entry's time.
    EndAssignment { assignment: AssignmentId },
    /// A new checklist item of the role, added by this entry.
    AddChecklistItem {
        role: RoleId,
        text: String,
        frequency: Frequency,
    },
    /// The item ends at the entry's time.
    EndChecklistItem { item: ChecklistItemId },
    /// A new metric of the role, added by this entry.
    AddMetric {
        role: RoleId,
        name: String,
        unit: Option<String>,
        frequency: Frequency,
    },
    /// The metric ends at the entry's time.
    EndMetric { metric: MetricId },
    /// A process breakdown of the circle begins at the entry's time, declared by the actor
    /// (`declared_by`, their name).
    DeclareBreakdown {
        circle: CircleId,
        declared_by: String,
        reason: String,
    },
    /// The circle's open process breakdown is restored at the entry's time, by its actor.
    RestoreProcess { circle: CircleId },
    /// Reverses what entry `seq` wrote: people, assignments, checklist items and metrics it
    /// created go, those it ended or marked as having left are current again.
    TakeBack { seq: u64 },
}

/// An accepted request: the entry to record and what it writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub change: OrgChange,
    pub effects: Vec<OrgEffect>,
}

/// A text field's cleaned value, `None` when nothing is left of it.
fn optional(text: &Option<String>) -> Option<String> {
    text.as_deref().map(clean_line).filter(|t| !t.is_empty())
}

/// Decides a request against the organisation as it stands (its log included), made by
/// `actor`: the entry and its effects, or why it is refused.
pub fn decide(
    request: &OrgRequest,
    actor: Option<PersonId>,
    org: &Organisation,
) -> Result<Decision, Refusal> {
    if let Some(actor) = actor {
        let who = org.person(actor).ok_or(Refusal::UnknownPerson)?;
        if !who.is_current() {
            return Err(Refusal::FormerMember(who.name.clone()));
        }
    }
    match request {
        OrgRequest::AddPerson { name, email } => add_person(org, name, email),
        OrgRequest::RenamePerson { person, name } => rename(org, *person, name),
        OrgRequest::PersonLeaves { person } => leave(org, *person),
        OrgRequest::Assign {
            role,
            person,
            focus,
        } => authority::assign(org, actor, *role, *person, optional(focus)),
        OrgRequest::ChangeFocus { assignment, focus } => {
            authority::change_focus(org, actor, *assignment, optional(focus))
        }
        OrgRequest::EndAssignment { assignment } => authority::end(org, actor, *assignment),
        OrgRequest::AddChecklistItem {
            role,
            text,
            frequency,
        } => records::add_checklist_item(org, actor, *role, text, *frequency),
        OrgRequest::EndChecklistItem { item } => records::end_checklist_item(org, actor, *item),
        OrgRequest::AddMetric {
            role,
            name,
            unit,
            frequency,
        } => records::add_metric(org, actor, *role, name, unit, *frequency),
        OrgRequest::EndMetric { metric } => records::end_metric(org, actor, *metric),
        OrgRequest::RestoreProcess { circle } => breakdown::restore(org, actor, *circle),
        OrgRequest::DeclareBreakdown { circle, reason } => {
            breakdown::declare(org, actor, *circle, reason)
        }
        OrgRequest::Undo => undo::undo(org),
    }
}

/// A name no one else bears (ignoring case), cleaned.
fn free_name(org: &Organisation, name: &str, except: Option<PersonId>) -> Result<String, Refusal> {
    let name = clean_line(name);
    if name.is_empty() {
        return Err(Refusal::EmptyName);
    }
    match org.person_named(&name) {
        Some(p) if Some(p.id) != except => Err(Refusal::NameTaken(p.name.clone())),
        _ => Ok(name),
    }
}

fn add_person(org: &Organisation, name: &str, email: &Option<String>) -> Result<Decision, Refusal> {
    let name = free_name(org, name, None)?;
    let email = optional(email);
    if let Some(e) = &email
        && let Some(why) = email_problem(e)
    {
        return Err(Refusal::BadEmail {
            email: e.clone(),
            why,
        });
    }
    Ok(Decision {
        change: OrgChange::PersonAdded {
            name: name.clone(),
            email: email.clone(),
        },
        effects: vec![OrgEffect::AddPerson { name, email }],
    })
}

fn rename(org: &Organisation, person: PersonId, name: &str) -> Result<Decision, Refusal> {
    let who = org.person(person).ok_or(Refusal::UnknownPerson)?;
    let to = free_name(org, name, Some(person))?;
    if to == who.name {
        return Err(Refusal::SameName(to));
    }
    Ok(Decision {
        change: OrgChange::PersonRenamed {
            person,
            from: who.name.clone(),
            to: to.clone(),
        },
        effects: vec![OrgEffect::RenamePerson { person, name: to }],
    })
}

/// The person leaves: every role they fill, elected ones included, is theirs no more.
fn leave(org: &Organisation, person: PersonId) -> Result<Decision, Refusal> {
    let who = org.person(person).ok_or(Refusal::UnknownPerson)?;
    if !who.is_current() {
        return Err(Refusal::AlreadyLeft(who.name.clone()));
    }
    let ended: Vec<Ended> = org
        .assignments_of(person)
        .map(|a| Ended {
            assignment: a.id,
            role: a.role,
        })
        .collect();
    let mut effects: Vec<OrgEffect> = ended
        .iter()
        .map(|e| OrgEffect::EndAssignment {
            assignment: e.assignment,
        })
        .collect();
    effects.push(OrgEffect::MarkLeft { person });
    Ok(Decision {
        change: OrgChange::PersonLeft { person, ended },
        effects,
    })
}
