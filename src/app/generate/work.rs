//! The generated own work ("My work"): after a solo review, the person records a few entries
//! in their work log, as between meetings: a next action on one of their roles, one of their
//! actions done, a project moved between current and waiting, a tension noted for a role's
//! circle or one of theirs dropped, and now and then the last entry taken back. Each is
//! written through `Log`, decided by the `Work` flow, as "My work" writes it.
//!
//! Owns: `WorkLogs` (each person's log, open for the whole history) and what a session of
//! own work records. Must not import: ratatui, crossterm, tokio.

use super::log::Log;
use super::meetings::Slot;
use crate::domain::work::{Work, WorkEntry, WorkEvent};
use crate::domain::{MeetingId, Organisation, PersonId, ProjectStatus, RoleId, TensionKind};
use crate::store::{LogOwner, StoreError};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

const ACTIONS: [&str; 6] = [
    "Order more flour",
    "Ask the landlord about the heating",
    "Draft the new price list",
    "Call the bag supplier",
    "Book the van for Saturday",
    "Write up the oven checklist",
];
const TENSIONS: [&str; 4] = [
    "Deliveries keep arriving late",
    "Nobody owns the shared calendar",
    "The rota is decided twice",
    "Waste is not measured",
];

/// Each person's work log as it stands: where it is, its state, its last entry and when.
#[derive(Default)]
pub struct WorkLogs {
    logs: HashMap<PersonId, Held>,
}

struct Held {
    log: MeetingId,
    state: Work,
    seq: u64,
    at: DateTime<Utc>,
}

/// Up to `slot.budget` entries of `person`'s own work, in the log they keep (started on
/// their first session). Answers how many were recorded.
pub fn session(slot: Slot<'_>, logs: &mut WorkLogs, person: PersonId) -> Result<usize, StoreError> {
    let Slot {
        store,
        org,
        counts,
        rng,
        at,
        budget,
    } = slot;
    // Entries before `since` were written in earlier sessions.
    let mut since = 1;
    let mut log = match logs.logs.remove(&person) {
        // A log's entries keep their order in time, however the sessions fall.
        Some(held) => {
            since = held.seq;
            Log::resume(
                (store, org, counts),
                (held.log, held.state, held.seq),
                at.max(held.at),
                budget,
            )
        }
        None => {
            let first = WorkEvent::Started { person };
            let owner = LogOwner::Work(person);
            match Log::<Work>::start(store, org, counts, owner, at, first, budget + 1)? {
                Some(log) => log,
                None => return Ok(0),
            }
        }
    };
    let mut recorded = 0;
    for _ in 0..budget {
        let (pick, word) = (rng.below(7), rng.below(6));
        let Some(event) = next_event(log.org(), (&log.state, since), pick, word) else {
            continue;
        };
        if log.record(event)? {
            log.counts.work += 1;
            recorded += 1;
        }
    }
    let at = log.at;
    let (log_id, state, seq) = log.into_parts();
    logs.logs.insert(
        person,
        Held {
            log: log_id,
            state,
            seq,
            at,
        },
    );
    Ok(recorded)
}

/// What the person records next (`pick` chooses the kind of entry, `word` its words and
/// role), if there is something of that kind to record. Only an entry of this session (after
/// `since`) is taken back: as in "My work", one from days before is rare, and the program
/// reads the organisation again to take it back.
fn next_event(
    org: &Organisation,
    (work, since): (&Work, u64),
    pick: usize,
    word: usize,
) -> Option<WorkEvent> {
    let person = work.person;
    let roles: Vec<RoleId> = org.assignments_of(person).map(|a| a.role).collect();
    let role = *roles.get(word % roles.len().max(1))?;
    let circle = org.role(role)?.circle;
    let entry = match pick {
        0 | 1 => WorkEntry::NextAction {
            role: Some(role),
            text: ACTIONS[word % ACTIONS.len()].into(),
        },
        2 => WorkEntry::NextActionDone {
            action: (org.next_actions_of(role))
                .find(|a| a.person == person && !a.done)?
                .id,
        },
        3 => {
            let p = org
                .projects_of(role)
                .find(|p| matches!(p.status, ProjectStatus::Current | ProjectStatus::Waiting))?;
            let status = match p.status {
                ProjectStatus::Current => ProjectStatus::Waiting,
                _ => ProjectStatus::Current,
            };
            WorkEntry::ProjectStatus {
                project: p.id,
                status_before: p.status,
                status,
            }
        }
        4 => WorkEntry::Tension {
            circle,
            role: Some(role),
            text: TENSIONS[word % TENSIONS.len()].into(),
            kind: match word % 3 {
                0 => TensionKind::Governance,
                _ => TensionKind::Tactical,
            },
        },
        5 => WorkEntry::TensionDropped {
            tension: org.tensions_of(person).find(|t| t.open)?.id,
        },
        _ => {
            let (seq, _, _) = work.last_entry().filter(|(seq, _, _)| *seq > since)?;
            return Some(WorkEvent::Retracted { seq: *seq });
        }
    };
    Some(WorkEvent::Recorded { entry })
}
