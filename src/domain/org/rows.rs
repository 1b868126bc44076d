//! The rows an adoption or an election writes, as one list both the organisation in memory
//! and the store carry out: records inserted (with provisional ids, resolved to the ids the
//! store made), records set to new values, softly removed or ended, and versions appended.
//! `govern` decides the list (`plan_governance`); nothing else decides what such an entry
//! does.
//!
//! Owns: `RowWrite`, `Versioned`, `Governed` (what deciding goes on), the resolution of
//! provisional ids, and carrying a list out on records in memory (`execute`). The store maps
//! each kind of write to its table. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::{Assignment, Circle, CrossLink, LinkedEntity, OrgRecords, Policy, RecordVersion, Role};
use crate::domain::ids::*;
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// Which kind of record a version is of, in the order versions of one moment are kept
/// (roles, then policies, then sub-circles; each in the order written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Versioned {
    /// A role.
    Role,
    /// A policy, of a circle or held by a role.
    Policy,
    /// A sub-circle.
    Circle,
}

impl Versioned {
    /// The kind of record a version is of, with that record's id.
    pub fn of(v: &RecordVersion) -> (Versioned, i64) {
        match (v.role, v.policy, v.sub_circle) {
            (Some(role), _, _) => (Versioned::Role, role.0),
            (None, Some(policy), _) => (Versioned::Policy, policy.0),
            (None, None, sub) => (Versioned::Circle, sub.map_or(0, |c| c.0)),
        }
    }
}

/// One row written. A record inserted carries a provisional id, negative (`-1` for the
/// first the list creates, `-2` for the next, …), and so does every later write naming it;
/// `RowWrite::resolved` puts the ids the store made in their place.
#[derive(Debug, Clone, PartialEq)]
pub enum RowWrite {
    /// A sub-circle created.
    AddCircle(Circle),
    /// A role created.
    AddRole(Role),
    /// A policy created.
    AddPolicy(Policy),
    /// A filler assigned, since the entry's time.
    AddAssignment(Assignment),
    /// Where a Cross Link Role comes from.
    AddCrossLink(CrossLink),
    /// A sub-circle's super-circle and definition set as given (its strategy stays).
    SetCircle(Circle),
    /// A role set as given.
    SetRole(Role),
    /// A policy set as given.
    SetPolicy(Policy),
    /// A sub-circle removed softly (it stays in the record, removed at the entry's time).
    RemoveCircle(CircleId),
    /// A role removed softly; a Cross Link it was stands no more.
    RemoveRole(RoleId),
    /// A policy removed softly.
    RemovePolicy(PolicyId),
    /// An assignment that lasts ended at the entry's time (it stays in the record).
    EndAssignment(AssignmentId),
    /// A version of a role, policy or sub-circle appended to the governance record.
    Version(RecordVersion),
}

/// A write could not be carried out or decided as the store would (a record it names is not
/// held, or fewer ids were made than the list creates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unapplied;

/// What a step of deciding or carrying out answers.
pub(super) type Step<T = ()> = Result<T, Unapplied>;

/// An id as resolved: a provisional one (negative) is the id made for the record it
/// stands for, in the order the list creates them; any other is itself.
fn resolve(id: i64, made: &[i64]) -> Option<i64> {
    match usize::try_from(-id - 1) {
        Ok(at) if id < 0 => made.get(at).copied(),
        _ => Some(id),
    }
}

impl RowWrite {
    /// The provisional id of the record this write creates, if it creates one.
    pub fn creates(&self) -> Option<i64> {
        match self {
            RowWrite::AddCircle(c) => Some(c.id.0),
            RowWrite::AddRole(r) => Some(r.id.0),
            RowWrite::AddPolicy(p) => Some(p.id.0),
            RowWrite::AddAssignment(a) => Some(a.id.0),
            _ => None,
        }
        .filter(|id| *id < 0)
    }

    /// The write with the ids `made` (in the order the list creates records) in place of
    /// provisional ones; `None` when one it names was not made yet. The record it creates
    /// keeps its provisional id while it is the next to be made.
    pub fn resolved(&self, made: &[i64]) -> Option<RowWrite> {
        let id = |id: i64| resolve(id, made);
        let opt = |id: Option<i64>| match id {
            Some(i) => resolve(i, made).map(Some),
            None => Some(None),
        };
        // The record this write creates stands for itself while it is the next to be made
        // (the store makes it); once made, its id is resolved as any other.
        let next = i64::try_from(made.len()).ok().map(|n| -n - 1);
        let own_id = |i: i64| {
            if self.creates() == Some(i) && next == Some(i) {
                Some(i)
            } else {
                resolve(i, made)
            }
        };
        let circle = |c: &Circle| {
            Some(Circle {
                id: CircleId(own_id(c.id.0)?),
                parent: opt(c.parent.map(|p| p.0))?.map(CircleId),
                ..c.clone()
            })
        };
        let role = |r: &Role| {
            Some(Role {
                id: RoleId(own_id(r.id.0)?),
                circle: CircleId(id(r.circle.0)?),
                ..r.clone()
            })
        };
        let policy = |p: &Policy| {
            Some(Policy {
                id: PolicyId(own_id(p.id.0)?),
                circle: CircleId(id(p.circle.0)?),
                role: opt(p.role.map(|r| r.0))?.map(RoleId),
                ..p.clone()
            })
        };
        Some(match self {
            RowWrite::AddCircle(c) => RowWrite::AddCircle(circle(c)?),
            RowWrite::SetCircle(c) => RowWrite::SetCircle(circle(c)?),
            RowWrite::AddRole(r) => RowWrite::AddRole(role(r)?),
            RowWrite::SetRole(r) => RowWrite::SetRole(role(r)?),
            RowWrite::AddPolicy(p) => RowWrite::AddPolicy(policy(p)?),
            RowWrite::SetPolicy(p) => RowWrite::SetPolicy(policy(p)?),
            RowWrite::AddAssignment(a) => RowWrite::AddAssignment(Assignment {
                id: AssignmentId(own_id(a.id.0)?),
                role: RoleId(id(a.role.0)?),
                ..a.clone()
            }),
            RowWrite::AddCrossLink(l) => RowWrite::AddCrossLink(CrossLink {
                role: RoleId(id(l.role.0)?),
                from: match &l.from {
                    LinkedEntity::Circle { circle } => LinkedEntity::Circle {
                        circle: CircleId(id(circle.0)?),
                    },
                    other => other.clone(),
                },
            }),
            RowWrite::RemoveCircle(c) => RowWrite::RemoveCircle(CircleId(id(c.0)?)),
            RowWrite::RemoveRole(r) => RowWrite::RemoveRole(RoleId(id(r.0)?)),
            RowWrite::RemovePolicy(p) => RowWrite::RemovePolicy(PolicyId(id(p.0)?)),
            RowWrite::EndAssignment(a) => RowWrite::EndAssignment(AssignmentId(id(a.0)?)),
            RowWrite::Version(v) => RowWrite::Version(RecordVersion {
                role: opt(v.role.map(|r| r.0))?.map(RoleId),
                policy: opt(v.policy.map(|p| p.0))?.map(PolicyId),
                sub_circle: opt(v.sub_circle.map(|c| c.0))?.map(CircleId),
                circle: CircleId(id(v.circle.0)?),
                holder: opt(v.holder.map(|r| r.0))?.map(RoleId),
                ..v.clone()
            }),
        })
    }
}

/// What deciding an adoption's or an election's writes goes on: the rule set, the circles,
/// roles, policies and assignments standing (in `records`; the rest may be left empty), and
/// which records have a version already.
#[derive(Debug, Clone, Default)]
pub struct Governed {
    pub records: OrgRecords,
    pub versioned: HashSet<(Versioned, i64)>,
}

/// The position of the record with this id.
fn at<T>(items: &[T], id: impl Fn(&T) -> bool) -> Step<usize> {
    items.iter().position(id).ok_or(Unapplied)
}

/// The record with this id, to change.
fn held<T>(items: &mut [T], id: impl Fn(&T) -> bool) -> Step<&mut T> {
    items.iter_mut().find(|x| id(x)).ok_or(Unapplied)
}

/// Carries out one write (resolved) on the records, as the store's write of it changes what
/// a reload reads; `at` is the entry's time. A version is not added here: the caller adds
/// the versions where a reload reads them.
pub(super) fn execute(r: &mut OrgRecords, write: &RowWrite, time: DateTime<Utc>) -> Step {
    match write {
        RowWrite::AddCircle(c) => r.circles.push(c.clone()),
        RowWrite::AddRole(role) => r.roles.push(role.clone()),
        RowWrite::AddPolicy(p) => r.policies.push(p.clone()),
        RowWrite::AddAssignment(a) => r.assignments.push(a.clone()),
        RowWrite::AddCrossLink(l) => r.cross_links.push(l.clone()),
        RowWrite::SetCircle(c) => {
            let circle = held(&mut r.circles, |x| x.id == c.id)?;
            *circle = Circle {
                strategy: circle.strategy.take(),
                ..c.clone()
            };
        }
        RowWrite::SetRole(role) => *held(&mut r.roles, |x| x.id == role.id)? = role.clone(),
        RowWrite::SetPolicy(p) => *held(&mut r.policies, |x| x.id == p.id)? = p.clone(),
        RowWrite::RemoveCircle(id) => {
            r.circles.remove(at(&r.circles, |x| x.id == *id)?);
        }
        RowWrite::RemoveRole(id) => {
            r.roles.remove(at(&r.roles, |x| x.id == *id)?);
            r.cross_links.retain(|l| l.role != *id);
        }
        RowWrite::RemovePolicy(id) => {
            r.policies.remove(at(&r.policies, |x| x.id == *id)?);
        }
        RowWrite::EndAssignment(id) => {
            let ended = r.assignments.remove(at(&r.assignments, |x| x.id == *id)?);
            r.ended_assignments.push(Assignment {
                until: Some(time),
                ..ended
            });
        }
        RowWrite::Version(_) => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provisional_ids_are_resolved_in_the_order_records_are_created() {
        let role = |id, circle| Role {
            id: RoleId(id),
            circle: CircleId(circle),
            name: "Baker".into(),
            purpose: String::new(),
            domains: Vec::new(),
            accountabilities: Vec::new(),
            core: None,
        };
        let second = RowWrite::AddRole(role(-2, -1));
        assert_eq!(second.creates(), Some(-2));
        assert_eq!(
            second.resolved(&[40]),
            Some(RowWrite::AddRole(role(-2, 40)))
        );
        assert_eq!(
            second.resolved(&[40, 41]),
            Some(RowWrite::AddRole(role(41, 40)))
        );
        // Out of turn: the first record is not made yet.
        assert_eq!(second.resolved(&[]), None);
        let set = RowWrite::SetRole(role(-2, 7));
        assert_eq!(
            set.resolved(&[40, 41]),
            Some(RowWrite::SetRole(role(41, 7)))
        );
        assert_eq!(set.resolved(&[40]), None);
    }
}
