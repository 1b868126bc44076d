//! Recording changes between meetings: a request decided against the organisation as it
//! stands, then written with its effects in one transaction; shared by the full screen and
//! the command line (`roundtable person`, `assign`, `unassign`, `undo`).
//!
//! Owns: `record`, and finding people, roles and assignments by the names a person types.
//! Must not import: tokio; must not draw.

use crate::domain::names::same_name;
use crate::domain::org_log::{self, OrgChange, OrgEffect, OrgEntry, OrgRequest};
use crate::domain::{AssignmentId, Organisation, PersonId, Role};
use crate::store::StoreError;
use crate::store::prelude::*;
use chrono::{DateTime, SubsecRound, Utc};

/// Why nothing was recorded when another program recorded a change first: the only refusal
/// after which the organisation must be read again (the others change nothing anywhere).
pub const CONFLICT: &str = "another program recorded a change first: look again and retry";

/// An entry as the store now holds it, with its effects and the id of the row each created.
pub type WrittenEntry = (OrgEntry, Vec<(OrgEffect, Option<i64>)>);

/// What recording a change wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// What was recorded, in words.
    pub said: String,
    /// The entry as the store now holds it, with its effects and the id of the row each
    /// created: to apply to the organisation in memory (`Organisation::apply_org`). `None`
    /// when the entry had been made already (its answer was lost): read the organisation.
    pub entry: Option<WrittenEntry>,
}

/// Decides `request` made by `actor` and writes it. Answers what was recorded, or why
/// nothing was.
pub fn record(
    store: &mut dyn Backend,
    org: &Organisation,
    request: &OrgRequest,
    actor: Option<PersonId>,
    at: DateTime<Utc>,
) -> Result<Written, String> {
    // Kept to the microsecond, as both stores hold a time, so that what is applied in memory
    // is what a reload reads.
    let at = at.trunc_subsecs(6);
    // Taking back an entry is done in the name of whoever made it.
    let actor = match request {
        OrgRequest::Undo => org_log::latest_standing(org.log()).and_then(|e| e.actor),
        _ => actor,
    };
    let decision = org_log::decide(request, actor, org).map_err(|why| why.to_string())?;
    let after = org.log().last().map_or(0, |e| e.seq);
    let said = match &decision.change {
        OrgChange::Undone { seq } => {
            let undone = org.log().iter().find(|e| e.seq == *seq);
            format!(
                "Took back: {}",
                undone.map_or(String::new(), |e| e.describe(org))
            )
        }
        change => OrgEntry {
            seq: after + 1,
            at,
            actor,
            change: change.clone(),
        }
        .describe(org),
    };
    // Pressed again after its answer was lost, and made after all: not written twice.
    if let Ok(Some(_)) = store.org_made_unanswered(&decision.change, actor) {
        return Ok(Written { said, entry: None });
    }
    match store.append_org_entry(after, at, actor, &decision.change, &decision.effects) {
        Ok(appended) => {
            let entry = OrgEntry {
                seq: appended.seq,
                at,
                actor,
                change: decision.change,
            };
            let created = (appended.created.into_iter())
                .map(|ids| ids.first().copied())
                .chain(std::iter::repeat(None));
            let effects = decision.effects.into_iter().zip(created).collect();
            Ok(Written {
                said,
                entry: Some((entry, effects)),
            })
        }
        Err(StoreError::Conflict { .. }) => {
            Err(CONFLICT.into())
        }
        Err(StoreError::Dangling { .. }) => {
            Err("that person appears in the record since (in a meeting): mark them as having left instead".into())
        }
        Err(e) => Err(e.to_string()),
    }
}

/// A person by name, ignoring case.
pub fn person(org: &Organisation, name: &str) -> Result<PersonId, String> {
    org.person_named(name)
        .map(|p| p.id)
        .ok_or_else(|| format!("no person named \"{}\"", name.trim()))
}

/// A role by name, in the circle named (any case), or the only role of that name anywhere.
pub fn role<'a>(
    org: &'a Organisation,
    name: &str,
    circle: Option<&str>,
) -> Result<&'a Role, String> {
    let name = name.trim();
    let circles: Vec<_> = match circle {
        Some(c) => vec![
            org.circle_named(c.trim())
                .ok_or_else(|| format!("no circle named \"{}\"", c.trim()))?,
        ],
        None => org
            .circles_depth_first()
            .into_iter()
            .map(|(c, _)| c)
            .collect(),
    };
    let found: Vec<(&Role, &str)> = circles
        .iter()
        .flat_map(|c| {
            org.roles_in(c.id)
                .filter(|r| same_name(&r.name, name))
                .map(move |r| (r, c.name.as_str()))
        })
        .collect();
    match found.as_slice() {
        [(role, _)] => Ok(role),
        [] => Err(match circle {
            Some(c) => format!("no role named \"{name}\" in {}", c.trim()),
            None => format!("no role named \"{name}\""),
        }),
        several => Err(format!(
            "\"{name}\" is a role of {}: say which with --circle",
            several
                .iter()
                .map(|(_, c)| *c)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The person's current assignment to the role.
pub fn assignment(
    org: &Organisation,
    role: &Role,
    person: PersonId,
) -> Result<AssignmentId, String> {
    let mine: Vec<_> = org
        .fillers_of(role.id)
        .filter(|a| a.person == person)
        .collect();
    match mine.as_slice() {
        [one] => Ok(one.id),
        [] => Err(format!(
            "{} does not fill {}",
            org.person_name(person),
            role.name
        )),
        _ => Err(format!(
            "{} fills {} with several foci: end them on the screen, where each is listed",
            org.person_name(person),
            role.name
        )),
    }
}
