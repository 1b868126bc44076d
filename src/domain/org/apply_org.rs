//! What an entry of the organisation's own log does to the organisation in memory (a person
//! added, renamed or gone; an assignment made, refocused or ended; a checklist item or metric
//! added or ended; due process restored), so that the entry needs no reload of the whole
//! organisation from the store.
//!
//! Owns: `Organisation::apply_org`, which changes the records exactly as the store's write of
//! the same effects changes what a reload would read, in the order a reload reads them (a
//! test holds the two to that, on both stores). Taking an entry back is not applied here: the
//! caller reloads for it, as for a meeting's retraction.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{
    Applied, Assignment, Breakdown, ChecklistItem, Metric, OrgRecords, Organisation, Person, Role,
};
use crate::domain::CoreRole;
use crate::domain::ids::*;
use crate::domain::names::sort_key;
use crate::domain::org_log::{OrgEffect, OrgEntry};

impl Organisation {
    /// Applies an entry the store has just written with its effects, each with the id of the
    /// row the store created for it, if any (`OrgLog::append_org_entry`).
    pub fn apply_org(&mut self, entry: OrgEntry, effects: &[(OrgEffect, Option<i64>)]) -> Applied {
        if effects
            .iter()
            .any(|(e, _)| matches!(e, OrgEffect::TakeBack { .. }))
        {
            return Applied::Reload;
        }
        let mut records = std::mem::take(&mut self.records);
        let done = effects
            .iter()
            .all(|(effect, created)| effect_on(&mut records, &entry, effect, *created));
        records.log.push(entry);
        // The indexes are built again from the records, in memory: an entry between meetings
        // is rare, and this keeps one definition of them (`Organisation::new`).
        *self = Organisation::new(records);
        if done { Applied::Done } else { Applied::Reload }
    }
}

/// Whether `effect` of `entry` could be applied to the records.
fn effect_on(
    r: &mut OrgRecords,
    entry: &OrgEntry,
    effect: &OrgEffect,
    created: Option<i64>,
) -> bool {
    match effect {
        OrgEffect::AddPerson { .. }
        | OrgEffect::RenamePerson { .. }
        | OrgEffect::MarkLeft { .. } => people(r, entry, effect, created),
        OrgEffect::Assign { .. } | OrgEffect::SetFocus { .. } | OrgEffect::EndAssignment { .. } => {
            assignments(r, entry, effect, created)
        }
        OrgEffect::AddChecklistItem { .. }
        | OrgEffect::EndChecklistItem { .. }
        | OrgEffect::AddMetric { .. }
        | OrgEffect::EndMetric { .. } => role_records(r, entry, effect, created),
        OrgEffect::RestoreProcess { .. } | OrgEffect::DeclareBreakdown { .. } => {
            breakdowns(r, entry, effect)
        }
        OrgEffect::TakeBack { .. } => false,
    }
}

/// A person added, renamed, or gone (left).
/// Any other effect is not applied here (false: the caller reloads).
fn people(r: &mut OrgRecords, entry: &OrgEntry, effect: &OrgEffect, created: Option<i64>) -> bool {
    let at = entry.at;
    match effect {
        OrgEffect::AddPerson { name, email } => created.is_some_and(|id| {
            r.people.push(Person {
                id: PersonId(id),
                name: name.clone(),
                email: email.clone(),
                left: None,
            });
            sort_people(&mut r.people);
            true
        }),
        OrgEffect::RenamePerson { person, name } => {
            let found = person_mut(r, *person).map(|p| p.name = name.clone());
            sort_people(&mut r.people);
            found.is_some()
        }
        OrgEffect::MarkLeft { person } => {
            person_mut(r, *person).map(|p| p.left = Some(at)).is_some()
        }
        _ => false,
    }
}

/// An assignment made, refocused or ended.
/// Any other effect is not applied here (false: the caller reloads).
fn assignments(
    r: &mut OrgRecords,
    entry: &OrgEntry,
    effect: &OrgEffect,
    created: Option<i64>,
) -> bool {
    let at = entry.at;
    match effect {
        OrgEffect::Assign {
            role,
            person,
            focus,
        } => created.is_some_and(|id| {
            r.assignments.push(Assignment {
                id: AssignmentId(id),
                role: *role,
                person: *person,
                focus: focus.clone(),
                term_end: None,
                since: Some(at),
                until: None,
            });
            r.assignments.sort_by_key(|a| a.id);
            true
        }),
        OrgEffect::SetFocus { assignment, focus } => r
            .assignments
            .iter_mut()
            .chain(r.ended_assignments.iter_mut())
            .find(|a| a.id == *assignment)
            .map(|a| a.focus = focus.clone())
            .is_some(),
        OrgEffect::EndAssignment { assignment } => {
            // Only one that lasts ends (the store's write changes no ended one).
            if let Some(i) = r.assignments.iter().position(|a| a.id == *assignment) {
                let mut ended = r.assignments.remove(i);
                ended.until = Some(at);
                r.ended_assignments.push(ended);
                r.ended_assignments.sort_by_key(|a| a.id);
            }
            true
        }
        _ => false,
    }
}

/// A role's checklist item or metric added or ended.
/// Any other effect is not applied here (false: the caller reloads).
fn role_records(
    r: &mut OrgRecords,
    entry: &OrgEntry,
    effect: &OrgEffect,
    created: Option<i64>,
) -> bool {
    let at = entry.at;
    match effect {
        OrgEffect::AddChecklistItem {
            role,
            text,
            frequency,
        } => created.is_some_and(|id| {
            r.checklist.push(ChecklistItem {
                id: ChecklistItemId(id),
                role: *role,
                text: text.clone(),
                frequency: *frequency,
                ended: None,
                added: Some(at),
            });
            r.checklist.sort_by_key(|c| c.id);
            true
        }),
        OrgEffect::EndChecklistItem { item } => {
            if let Some(c) = r
                .checklist
                .iter_mut()
                .find(|c| c.id == *item && c.ended.is_none())
            {
                c.ended = Some(at);
            }
            true
        }
        OrgEffect::AddMetric {
            role,
            name,
            unit,
            frequency,
        } => created.is_some_and(|id| {
            r.metrics.push(Metric {
                id: MetricId(id),
                role: *role,
                name: name.clone(),
                unit: unit.clone(),
                frequency: *frequency,
                ended: None,
            });
            r.metrics.sort_by_key(|m| m.id);
            true
        }),
        OrgEffect::EndMetric { metric } => {
            if let Some(m) = r
                .metrics
                .iter_mut()
                .find(|m| m.id == *metric && m.ended.is_none())
            {
                m.ended = Some(at);
            }
            true
        }
        _ => false,
    }
}

/// A circle's process breakdown declared, or due process restored.
/// Any other effect is not applied here (false: the caller reloads).
fn breakdowns(r: &mut OrgRecords, entry: &OrgEntry, effect: &OrgEffect) -> bool {
    let at = entry.at;
    match effect {
        OrgEffect::RestoreProcess { circle } => {
            for b in r
                .breakdowns
                .iter_mut()
                .filter(|b| b.circle == *circle && b.restored_at.is_none())
            {
                b.restored_at = Some(at);
                b.restored_by = entry.actor;
            }
            true
        }
        OrgEffect::DeclareBreakdown {
            circle,
            declared_by,
            reason,
        } => {
            r.breakdowns.push(Breakdown {
                circle: *circle,
                declared_at: at,
                declared_by: declared_by.clone(),
                reason: reason.clone(),
                meeting: None,
                restored_at: None,
                restored_by: None,
            });
            true
        }
        _ => false,
    }
}

fn person_mut(r: &mut OrgRecords, person: PersonId) -> Option<&mut Person> {
    r.people.iter_mut().find(|p| p.id == person)
}

/// In name order ([`sort_key`]: ignoring case, letters with diacritics beside their base
/// letter), then by id; the organisation keeps people so whichever store read them.
pub(super) fn sort_people(people: &mut [Person]) {
    people.sort_by_cached_key(|p| (sort_key(&p.name), p.id));
}

/// Circle by circle, each circle's core roles first (Lead, Facilitator, Secretary, Rep),
/// then its other roles, each group in the order they were made (by id); the organisation
/// keeps roles so whichever store read them, in whatever order.
pub(super) fn sort_roles(roles: &mut [Role]) {
    let rank = |core: Option<CoreRole>| match core {
        Some(CoreRole::Lead) => 0,
        Some(CoreRole::Facilitator) => 1,
        Some(CoreRole::Secretary) => 2,
        Some(CoreRole::Rep) => 3,
        None => 4,
    };
    roles.sort_by_key(|r| (r.circle, rank(r.core), r.id));
}
