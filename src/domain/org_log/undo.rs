//! Taking back the latest entry of the organisation's log still standing: a new entry that
//! names it, whose effects reverse it (the log stays append-only).
//!
//! Owns: finding that entry and the reversal. Must not import: rusqlite, ratatui, crossterm,
//! tokio, std::fs, or the clock.

use super::{Decision, OrgChange, OrgEffect, OrgEntry, Refusal};
use crate::domain::org::Organisation;
use std::collections::HashSet;

/// The entries still standing (neither taken back nor a taking back), oldest first.
pub fn standing(log: &[OrgEntry]) -> impl Iterator<Item = &OrgEntry> {
    let undone: HashSet<u64> = log
        .iter()
        .filter_map(|e| match e.change {
            OrgChange::Undone { seq } => Some(seq),
            _ => None,
        })
        .collect();
    log.iter()
        .filter(move |e| !undone.contains(&e.seq) && !matches!(e.change, OrgChange::Undone { .. }))
}

/// Whether entry `seq` was taken back (`Organisation::is_undone` finds it by index).
pub fn is_undone(log: &[OrgEntry], seq: u64) -> bool {
    undone_seqs(log).any(|s| s == seq)
}

/// The entries of the log taken back.
pub fn undone_seqs(log: &[OrgEntry]) -> impl Iterator<Item = u64> + '_ {
    log.iter().filter_map(|e| match e.change {
        OrgChange::Undone { seq } => Some(seq),
        _ => None,
    })
}

/// The latest entry still standing, which `OrgRequest::Undo` takes back.
pub fn latest_standing(log: &[OrgEntry]) -> Option<&OrgEntry> {
    standing(log)
        .filter(|e| !matches!(e.change, OrgChange::Adopted { .. }))
        .last()
}

pub(super) fn undo(org: &Organisation) -> Result<Decision, Refusal> {
    let entry = latest_standing(org.log()).ok_or(Refusal::NothingToUndo)?;
    let seq = entry.seq;
    let effects = match &entry.change {
        OrgChange::PersonRenamed { person, from, .. } => {
            if let Some(other) = org.person_named(from).filter(|p| p.id != *person) {
                return Err(Refusal::NameTaken(other.name.clone()));
            }
            vec![OrgEffect::RenamePerson {
                person: *person,
                name: from.clone(),
            }]
        }
        OrgChange::FocusChanged {
            assignment, from, ..
        } => vec![OrgEffect::SetFocus {
            assignment: *assignment,
            focus: from.clone(),
        }],
        OrgChange::PersonAdded { name, .. } => {
            let person = org.person_named(name).map(|p| p.id);
            let acted = org
                .log()
                .iter()
                .any(|e| e.actor.is_some() && e.actor == person);
            let fills = person.is_some_and(|p| {
                org.assignments_of(p).next().is_some()
                    || org
                        .records()
                        .ended_assignments
                        .iter()
                        .any(|a| a.person == p)
            });
            if acted || fills {
                return Err(Refusal::StillReferenced(name.clone()));
            }
            vec![OrgEffect::TakeBack { seq }]
        }
        OrgChange::ChecklistItemAdded { role, text, .. } => {
            let used = org
                .checklist_of(*role)
                .find(|c| &c.text == text)
                .is_some_and(|c| org.marks_of(c.id).next().is_some());
            if used {
                return Err(Refusal::RecordUsed(text.clone()));
            }
            vec![OrgEffect::TakeBack { seq }]
        }
        OrgChange::MetricAdded { role, name, .. } => {
            let used = org
                .metrics_of(*role)
                .find(|m| &m.name == name)
                .is_some_and(|m| org.values_of(m.id).next().is_some());
            if used {
                return Err(Refusal::RecordUsed(name.clone()));
            }
            vec![OrgEffect::TakeBack { seq }]
        }
        OrgChange::PersonLeft { .. }
        | OrgChange::Assigned { .. }
        | OrgChange::AssignmentEnded { .. }
        | OrgChange::ChecklistItemEnded { .. }
        | OrgChange::MetricEnded { .. }
        | OrgChange::ProcessRestored { .. }
        | OrgChange::BreakdownDeclared { .. } => vec![OrgEffect::TakeBack { seq }],
        // Not standing, so never found here.
        OrgChange::Undone { .. } => return Err(Refusal::NothingToUndo),
        // Never offered: the structure changes through governance from here on.
        OrgChange::Adopted { .. } => return Err(Refusal::Adoption),
    };
    Ok(Decision {
        change: OrgChange::Undone { seq },
        effects,
    })
}
