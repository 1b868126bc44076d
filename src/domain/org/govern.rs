//! What an adopted proposal's changes and an election's result write: roles, policies and
//! sub-circles created, amended, moved or removed, each with the versions of the governance
//! record the change writes (a baseline before a record's first governed change, then one
//! version per change), the fillers ended or assigned, and the Cross Links standing. This is
//! the one definition of it: the store carries out the same list of rows in its transaction,
//! the organisation in memory with the ids the store made (`govern_apply`).
//!
//! Owns: `plan_governance` and the `Governing` planner, which carries each write out on a
//! copy of the structure as it decides, so that each step sees the ones before. Sub-circles
//! (expand, collapse, remove) and Cross Links are `govern_circles`'.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::apply::Stamp;
use super::rows::{Governed, RowWrite, Step, Unapplied, Versioned, execute};
use super::{Assignment, Circle, OrgRecords, Policy, RecordVersion, Role};
use crate::domain::ids::*;
use crate::domain::meeting::Effect;
use crate::domain::meeting::governance::Change;
use crate::domain::text::{clean_line, clean_text};
use chrono::NaiveDate;
use std::collections::HashSet;

/// The rows an adoption (`Effect::ApplyGovernance`) or an election's result
/// (`Effect::AssignElected`) writes, decided on `governed` as it stands before the entry;
/// none for any other effect. `Unapplied` when a change names a record that does not stand.
pub fn plan_governance(
    governed: Governed,
    effect: &Effect,
    stamp: &Stamp,
) -> Result<Vec<RowWrite>, Unapplied> {
    let mut g = Governing {
        r: governed.records,
        versioned: governed.versioned,
        made: 0,
        stamp,
        writes: Vec::new(),
    };
    match effect {
        Effect::ApplyGovernance { circle, changes } => {
            changes.iter().try_for_each(|c| g.change(*circle, c))?
        }
        Effect::AssignElected {
            role,
            person,
            term_end,
        } => g.assign(*role, *person, *term_end)?,
        _ => {}
    }
    Ok(g.writes)
}

/// What `plan_governance` consults of the structure for an effect, besides the rule set:
/// the roles, policies and circles it names, and the circles whose whole inside it takes (a
/// collapse's, a removal's: every circle within, and their roles and policies); with the
/// policies those roles hold and the assignments of those roles, that is all it reads. A
/// store may hold only these (and which records have a version) in `Governed`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reach {
    pub roles: Vec<RoleId>,
    pub policies: Vec<PolicyId>,
    pub circles: Vec<CircleId>,
    pub insides: Vec<CircleId>,
}

/// The reach of an adoption's changes or an election's result (`Reach`).
pub fn reach_of(effect: &Effect) -> Reach {
    let mut reach = Reach::default();
    match effect {
        Effect::ApplyGovernance { circle, changes } => {
            reach.circles.push(*circle);
            changes.iter().for_each(|c| reach.add(c));
        }
        Effect::AssignElected { role, .. } => reach.roles.push(*role),
        _ => {}
    }
    reach
}

impl Reach {
    fn add(&mut self, change: &Change) {
        match change {
            Change::CreateRole { .. } | Change::CreatePolicy { .. } => {}
            Change::AmendRole { role, .. }
            | Change::RemoveRole { role }
            | Change::ExpandRole { role }
            | Change::CreateRolePolicy { role, .. }
            | Change::RemoveCrossLink { role } => self.roles.push(*role),
            Change::MoveRole { role, to } => {
                self.roles.push(*role);
                self.circles.push(*to);
            }
            Change::AmendPolicy { policy, .. } | Change::RemovePolicy { policy } => {
                self.policies.push(*policy)
            }
            Change::MovePolicy { policy, to } => {
                self.policies.push(*policy);
                self.circles.push(*to);
            }
            Change::AmendCircle { circle, .. } => self.circles.push(*circle),
            Change::CollapseCircle { circle } | Change::RemoveCircle { circle } => {
                self.insides.push(*circle)
            }
            Change::CreateCrossLink { from, into, .. } => {
                self.circles.push(*into);
                if let super::LinkedEntity::Circle { circle } = from {
                    self.circles.push(*circle);
                }
            }
        }
    }
}

/// One entry's writes being decided: the structure as the writes so far left it, which
/// records have a version, how many records the writes create, and the writes.
pub(super) struct Governing<'s> {
    pub(super) r: OrgRecords,
    versioned: HashSet<(Versioned, i64)>,
    made: i64,
    pub(super) stamp: &'s Stamp,
    writes: Vec<RowWrite>,
}

/// A record governance versions: a role, a policy or a sub-circle.
trait Governable: Clone + PartialEq + Sized {
    const KIND: Versioned;
    fn held(r: &OrgRecords, id: i64) -> Option<&Self>;
    /// A version of it as it stands, `removed` or not.
    fn version(&self, g: &Governing<'_>, removed: bool, baseline: bool) -> RecordVersion;
    fn set(self) -> RowWrite;
    fn remove(id: i64) -> RowWrite;
}

impl Governable for Role {
    const KIND: Versioned = Versioned::Role;
    fn held(r: &OrgRecords, id: i64) -> Option<&Role> {
        r.roles.iter().find(|x| x.id.0 == id)
    }
    fn version(&self, g: &Governing<'_>, removed: bool, baseline: bool) -> RecordVersion {
        RecordVersion {
            role: Some(self.id),
            circle: self.circle,
            name: self.name.clone(),
            text: self.purpose.clone(),
            domains: self.domains.clone(),
            accountabilities: self.accountabilities.clone(),
            core: Some(self.core),
            ..g.stamped(removed, baseline)
        }
    }
    fn set(self) -> RowWrite {
        RowWrite::SetRole(self)
    }
    fn remove(id: i64) -> RowWrite {
        RowWrite::RemoveRole(RoleId(id))
    }
}

impl Governable for Policy {
    const KIND: Versioned = Versioned::Policy;
    fn held(r: &OrgRecords, id: i64) -> Option<&Policy> {
        r.policies.iter().find(|x| x.id.0 == id)
    }
    fn version(&self, g: &Governing<'_>, removed: bool, baseline: bool) -> RecordVersion {
        RecordVersion {
            policy: Some(self.id),
            circle: self.circle,
            holder: self.role,
            name: self.name.clone(),
            text: self.text.clone(),
            ..g.stamped(removed, baseline)
        }
    }
    fn set(self) -> RowWrite {
        RowWrite::SetPolicy(self)
    }
    fn remove(id: i64) -> RowWrite {
        RowWrite::RemovePolicy(PolicyId(id))
    }
}

impl Governable for Circle {
    const KIND: Versioned = Versioned::Circle;
    fn held(r: &OrgRecords, id: i64) -> Option<&Circle> {
        r.circles.iter().find(|x| x.id.0 == id)
    }
    fn version(&self, g: &Governing<'_>, removed: bool, baseline: bool) -> RecordVersion {
        RecordVersion {
            sub_circle: Some(self.id),
            circle: self.parent.unwrap_or(CircleId(0)),
            name: self.name.clone(),
            text: self.purpose.clone(),
            domains: self.domains.clone(),
            accountabilities: self.accountabilities.clone(),
            ..g.stamped(removed, baseline)
        }
    }
    fn set(self) -> RowWrite {
        RowWrite::SetCircle(self)
    }
    fn remove(id: i64) -> RowWrite {
        RowWrite::RemoveCircle(CircleId(id))
    }
}

impl Governing<'_> {
    /// A provisional id for the next record the writes create (`RowWrite`).
    pub(super) fn new_id(&mut self) -> i64 {
        self.made += 1;
        -self.made
    }

    /// Adds a write, carrying it out on the structure being decided on.
    pub(super) fn emit(&mut self, write: RowWrite) -> Step {
        if let RowWrite::Version(v) = &write {
            self.versioned.insert(Versioned::of(v));
        }
        execute(&mut self.r, &write, self.stamp.at)?;
        self.writes.push(write);
        Ok(())
    }

    /// A version of nothing yet, stamped with the entry.
    fn stamped(&self, removed: bool, baseline: bool) -> RecordVersion {
        RecordVersion {
            role: None,
            policy: None,
            sub_circle: None,
            circle: CircleId(0),
            holder: None,
            name: String::new(),
            text: String::new(),
            domains: Vec::new(),
            accountabilities: Vec::new(),
            removed,
            baseline,
            recorded_at: self.stamp.at,
            meeting: Some(self.stamp.source.meeting),
            recorded_by: self.stamp.recorded_by.clone(),
            proposal: self.stamp.proposal.clone(),
            migration: None,
            core: None,
        }
    }

    /// A record created (`add`: its write), with its first version.
    fn create<T: Governable>(&mut self, record: T, add: fn(T) -> RowWrite) -> Step {
        let version = record.version(self, false, false);
        self.emit(add(record))?;
        self.emit(RowWrite::Version(version))
    }

    pub(super) fn add_role(&mut self, role: Role) -> Step {
        self.create(role, RowWrite::AddRole)
    }

    pub(super) fn add_circle(&mut self, circle: Circle) -> Step {
        self.create(circle, RowWrite::AddCircle)
    }

    /// Changes record `id` by `how` (with `remove`, it goes), with its baseline before its
    /// first governed change and a version after.
    fn change_record<T: Governable>(
        &mut self,
        id: i64,
        remove: bool,
        how: impl FnOnce(&mut T),
    ) -> Step {
        let old = T::held(&self.r, id).cloned().ok_or(Unapplied)?;
        if !self.versioned.contains(&(T::KIND, id)) {
            let baseline = old.version(self, false, true);
            self.emit(RowWrite::Version(baseline))?;
        }
        let mut new = old.clone();
        how(&mut new);
        let version = new.version(self, remove, false);
        if new != old {
            self.emit(new.set())?;
        }
        if remove {
            self.emit(T::remove(id))?;
        }
        self.emit(RowWrite::Version(version))
    }

    pub(super) fn change_role(
        &mut self,
        id: RoleId,
        remove: bool,
        how: impl FnOnce(&mut Role),
    ) -> Step {
        self.change_record(id.0, remove, how)
    }

    pub(super) fn change_policy(
        &mut self,
        id: PolicyId,
        remove: bool,
        how: impl FnOnce(&mut Policy),
    ) -> Step {
        self.change_record(id.0, remove, how)
    }

    pub(super) fn change_circle(
        &mut self,
        id: CircleId,
        remove: bool,
        how: impl FnOnce(&mut Circle),
    ) -> Step {
        self.change_record(id.0, remove, how)
    }

    /// The role as it stands.
    pub(super) fn role(&self, id: RoleId) -> Step<Role> {
        Role::held(&self.r, id.0).cloned().ok_or(Unapplied)
    }

    /// Ends the assignments of `role` that last (they stay in the record), oldest first.
    pub(super) fn end_fillers(&mut self, role: RoleId) -> Step {
        let mut lasting: Vec<AssignmentId> = (self.r.assignments.iter())
            .filter(|a| a.role == role)
            .map(|a| a.id)
            .collect();
        lasting.sort();
        lasting
            .into_iter()
            .try_for_each(|a| self.emit(RowWrite::EndAssignment(a)))
    }

    /// Makes `person` the filler of `role` until `term_end`, ending its current fillers.
    pub(super) fn assign(
        &mut self,
        role: RoleId,
        person: PersonId,
        term_end: Option<NaiveDate>,
    ) -> Step {
        self.end_fillers(role)?;
        let id = AssignmentId(self.new_id());
        self.emit(RowWrite::AddAssignment(Assignment {
            id,
            role,
            person,
            focus: None,
            term_end,
            since: Some(self.stamp.at),
            until: None,
        }))
    }

    /// The policies `role` holds (5.0 §1.1) go where it goes: into circle `to` with it, or
    /// (with `None`) away with it.
    pub(super) fn policies_follow(&mut self, role: RoleId, to: Option<CircleId>) -> Step {
        for policy in self.held_by(role) {
            match to {
                Some(circle) => self.change_policy(policy, false, |p| p.circle = circle)?,
                None => self.change_policy(policy, true, |_| {})?,
            }
        }
        Ok(())
    }

    /// The policies a role holds, oldest first.
    pub(super) fn held_by(&self, role: RoleId) -> Vec<PolicyId> {
        let mut held: Vec<PolicyId> = (self.r.policies.iter())
            .filter(|p| p.role == Some(role))
            .map(|p| p.id)
            .collect();
        held.sort();
        held
    }

    /// The writes of one adopted change to `circle`.
    fn change(&mut self, circle: CircleId, change: &Change) -> Step {
        match change {
            Change::CreateRole {
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                let id = RoleId(self.new_id());
                self.add_role(Role {
                    id,
                    circle,
                    name: clean_line(name),
                    purpose: clean_text(purpose),
                    domains: domains.clone(),
                    accountabilities: accountabilities.clone(),
                    core: None,
                })
            }
            Change::AmendRole {
                role,
                name,
                purpose,
                domains,
                accountabilities,
            } => self.change_role(*role, false, |r| {
                amend(
                    (&mut r.name, &mut r.purpose),
                    (&mut r.domains, &mut r.accountabilities),
                    (name, purpose, domains, accountabilities),
                )
            }),
            Change::RemoveRole { role } => {
                self.change_role(*role, true, |_| {})?;
                self.policies_follow(*role, None)
            }
            Change::MoveRole { role, to } => {
                self.change_role(*role, false, |r| r.circle = *to)?;
                self.policies_follow(*role, Some(*to))
            }
            Change::CreatePolicy { name, text } => self.create_policy(circle, None, name, text),
            Change::CreateRolePolicy { role, name, text } => {
                let circle = self.role(*role)?.circle;
                self.create_policy(circle, Some(*role), name, text)
            }
            Change::AmendPolicy { policy, name, text } => self.change_policy(*policy, false, |p| {
                if let Some(name) = name {
                    p.name = clean_line(name);
                }
                if let Some(text) = text {
                    p.text = clean_text(text);
                }
            }),
            Change::RemovePolicy { policy } => self.change_policy(*policy, true, |_| {}),
            Change::MovePolicy { policy, to } => self.change_policy(*policy, false, |p| {
                p.circle = *to;
                p.role = None;
            }),
            _ => self.circle_change(change),
        }
    }

    /// A policy of `circle` (held by `role`, if given), its name and text cleaned.
    fn create_policy(
        &mut self,
        circle: CircleId,
        role: Option<RoleId>,
        name: &str,
        text: &str,
    ) -> Step {
        let id = PolicyId(self.new_id());
        let policy = Policy {
            id,
            circle,
            role,
            name: clean_line(name),
            text: clean_text(text),
        };
        self.create(policy, RowWrite::AddPolicy)
    }
}

/// The parts of a role's or sub-circle's definition an amendment gives (each `None` stays).
pub(super) type Amendment<'c> = (
    &'c Option<String>,
    &'c Option<String>,
    &'c Option<Vec<String>>,
    &'c Option<Vec<String>>,
);

/// Amends a definition: a name given is cleaned as a line, a purpose as a text.
pub(super) fn amend(
    (name, purpose): (&mut String, &mut String),
    (domains, accountabilities): (&mut Vec<String>, &mut Vec<String>),
    (new_name, new_purpose, new_domains, new_accountabilities): Amendment,
) {
    if let Some(n) = new_name {
        *name = clean_line(n);
    }
    if let Some(p) = new_purpose {
        *purpose = clean_text(p);
    }
    if let Some(d) = new_domains {
        domains.clone_from(d);
    }
    if let Some(a) = new_accountabilities {
        accountabilities.clone_from(a);
    }
}
