//! What an adopted proposal's changes and an election's result do to the organisation in
//! memory: roles, policies and sub-circles created, amended, moved or removed, each with the
//! versions of the governance record the change writes (a baseline before a record's first
//! governed change, then one version per change), the fillers ended or assigned, and the
//! Cross Links standing, so that an adoption needs no reload of the whole organisation.
//!
//! Owns: `Organisation::apply_governance`, `Organisation::assign_elected`, the `Governing`
//! writer and the versions it adds. The store writes the same changes to its tables; a
//! property test (tests/org_apply.rs) holds a reload to what is applied here, on both stores.
//! Sub-circles (expand, collapse, remove) and Cross Links are `govern_circles`'.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::apply::Stamp;
use super::{
    Applied, Assignment, Circle, Groups, OrgRecords, Organisation, Policy, RecordVersion, Role,
    apply_org, group, positions,
};
use crate::domain::ids::*;
use crate::domain::meeting::governance::Change;
use crate::domain::text::{clean_line, clean_text};
use chrono::NaiveDate;

/// Which record a version is of, in the order versions of one moment are kept (roles, then
/// policies, then sub-circles; each in the order written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    /// A role.
    Role,
    /// A policy, of a circle or held by a role.
    Policy,
    /// A sub-circle.
    Circle,
}

/// The kind of record a version is of.
fn kind_of(v: &RecordVersion) -> Kind {
    match (v.role, v.policy) {
        (Some(_), _) => Kind::Role,
        (None, Some(_)) => Kind::Policy,
        (None, None) => Kind::Circle,
    }
}

/// One entry's changes being applied: the records, the versions they already had, the ids
/// the store created for the entry (taken in order), and the versions written.
pub(super) struct Governing<'o> {
    pub(super) r: &'o mut OrgRecords,
    role_versions: &'o Groups<RoleId>,
    policy_versions: &'o Groups<PolicyId>,
    circle_versions: &'o Groups<CircleId>,
    created: std::slice::Iter<'o, i64>,
    pub(super) stamp: &'o Stamp,
    pub(super) written: Vec<RecordVersion>,
}

/// A change could not be applied as the store would have (a record it names is not held,
/// or the store gave fewer ids than it created): the caller reloads.
pub(super) struct Unapplied;

/// What a step of applying answers.
pub(super) type Step<T = ()> = Result<T, Unapplied>;

impl Governing<'_> {
    /// The id of the next row the store created for the entry.
    pub(super) fn next_id(&mut self) -> Step<i64> {
        self.created.next().copied().ok_or(Unapplied)
    }

    /// A version of `role` as it stands, `removed` or not.
    fn role_version(&self, role: &Role, removed: bool, baseline: bool) -> RecordVersion {
        RecordVersion {
            role: Some(role.id),
            policy: None,
            sub_circle: None,
            circle: role.circle,
            holder: None,
            name: role.name.clone(),
            text: role.purpose.clone(),
            domains: role.domains.clone(),
            accountabilities: role.accountabilities.clone(),
            core: Some(role.core),
            ..self.stamped(removed, baseline)
        }
    }

    fn policy_version(&self, p: &Policy, removed: bool, baseline: bool) -> RecordVersion {
        RecordVersion {
            policy: Some(p.id),
            circle: p.circle,
            holder: p.role,
            name: p.name.clone(),
            text: p.text.clone(),
            ..self.stamped(removed, baseline)
        }
    }

    fn circle_version(&self, c: &Circle, removed: bool, baseline: bool) -> RecordVersion {
        RecordVersion {
            sub_circle: Some(c.id),
            circle: c.parent.unwrap_or(CircleId(0)),
            name: c.name.clone(),
            text: c.purpose.clone(),
            domains: c.domains.clone(),
            accountabilities: c.accountabilities.clone(),
            ..self.stamped(removed, baseline)
        }
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

    /// Whether the record has a version already (then no baseline is written before a change).
    fn has_history(&self, kind: Kind, id: i64) -> bool {
        let held = match kind {
            Kind::Role => self.role_versions.contains_key(&RoleId(id)),
            Kind::Policy => self.policy_versions.contains_key(&PolicyId(id)),
            Kind::Circle => self.circle_versions.contains_key(&CircleId(id)),
        };
        held || self.written.iter().any(|v| {
            kind_of(v) == kind
                && match kind {
                    Kind::Role => v.role == Some(RoleId(id)),
                    Kind::Policy => v.policy == Some(PolicyId(id)),
                    Kind::Circle => v.sub_circle == Some(CircleId(id)),
                }
        })
    }

    /// A role created, with its first version.
    pub(super) fn add_role(&mut self, role: Role) {
        self.written.push(self.role_version(&role, false, false));
        self.r.roles.push(role);
    }

    /// A policy created, with its first version.
    fn add_policy(&mut self, policy: Policy) {
        self.written
            .push(self.policy_version(&policy, false, false));
        self.r.policies.push(policy);
    }

    /// A sub-circle created, with its first version.
    pub(super) fn add_circle(&mut self, circle: Circle) {
        self.written
            .push(self.circle_version(&circle, false, false));
        self.r.circles.push(circle);
    }

    /// Changes role `id` by `how` (with `remove`, it goes), with its baseline before its
    /// first governed change and a version after, as the store's `change`.
    pub(super) fn change_role(
        &mut self,
        id: RoleId,
        remove: bool,
        how: impl FnOnce(&mut Role),
    ) -> Step {
        let at = self
            .r
            .roles
            .iter()
            .position(|r| r.id == id)
            .ok_or(Unapplied)?;
        if !self.has_history(Kind::Role, id.0) {
            let baseline = self.role_version(&self.r.roles[at], false, true);
            self.written.push(baseline);
        }
        how(&mut self.r.roles[at]);
        self.written
            .push(self.role_version(&self.r.roles[at], remove, false));
        if remove {
            self.r.roles.remove(at);
        }
        Ok(())
    }

    /// As `change_role`, for a policy.
    pub(super) fn change_policy(
        &mut self,
        id: PolicyId,
        remove: bool,
        how: impl FnOnce(&mut Policy),
    ) -> Step {
        let at = (self.r.policies.iter().position(|p| p.id == id)).ok_or(Unapplied)?;
        if !self.has_history(Kind::Policy, id.0) {
            let baseline = self.policy_version(&self.r.policies[at], false, true);
            self.written.push(baseline);
        }
        how(&mut self.r.policies[at]);
        self.written
            .push(self.policy_version(&self.r.policies[at], remove, false));
        if remove {
            self.r.policies.remove(at);
        }
        Ok(())
    }

    /// As `change_role`, for a sub-circle.
    pub(super) fn change_circle(
        &mut self,
        id: CircleId,
        remove: bool,
        how: impl FnOnce(&mut Circle),
    ) -> Step {
        let at = self
            .r
            .circles
            .iter()
            .position(|c| c.id == id)
            .ok_or(Unapplied)?;
        if !self.has_history(Kind::Circle, id.0) {
            let baseline = self.circle_version(&self.r.circles[at], false, true);
            self.written.push(baseline);
        }
        how(&mut self.r.circles[at]);
        self.written
            .push(self.circle_version(&self.r.circles[at], remove, false));
        if remove {
            self.r.circles.remove(at);
        }
        Ok(())
    }

    /// The role as it stands.
    pub(super) fn role(&self, id: RoleId) -> Step<Role> {
        let found = self.r.roles.iter().find(|r| r.id == id);
        found.cloned().ok_or(Unapplied)
    }

    /// Ends the assignments of `role` that last (they stay in the record).
    pub(super) fn end_fillers(&mut self, role: RoleId) {
        let at = self.stamp.at;
        let (ended, lasting) = std::mem::take(&mut self.r.assignments)
            .into_iter()
            .partition(|a| a.role == role);
        self.r.assignments = lasting;
        let ended: Vec<Assignment> = ended;
        self.r
            .ended_assignments
            .extend(ended.into_iter().map(|a| Assignment {
                until: Some(at),
                ..a
            }));
    }

    /// Makes `person` the filler of `role` until `term_end`, ending its current fillers.
    pub(super) fn assign(
        &mut self,
        role: RoleId,
        person: PersonId,
        term_end: Option<NaiveDate>,
    ) -> Step {
        self.end_fillers(role);
        let id = self.next_id()?;
        self.r.assignments.push(Assignment {
            id: AssignmentId(id),
            role,
            person,
            focus: None,
            term_end,
            since: Some(self.stamp.at),
            until: None,
        });
        Ok(())
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

    /// Applies one adopted change to `circle`, as the store's `governance::apply` writes it.
    fn change(&mut self, circle: CircleId, change: &Change) -> Step {
        match change {
            Change::CreateRole {
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                let id = RoleId(self.next_id()?);
                self.add_role(Role {
                    id,
                    circle,
                    name: clean_line(name),
                    purpose: clean_text(purpose),
                    domains: domains.clone(),
                    accountabilities: accountabilities.clone(),
                    core: None,
                });
                Ok(())
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
        let id = PolicyId(self.next_id()?);
        self.add_policy(Policy {
            id,
            circle,
            role,
            name: clean_line(name),
            text: clean_text(text),
        });
        Ok(())
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

impl Organisation {
    /// Applies an adopted proposal's `changes` to `circle` as the store writes them. `created`
    /// are the ids of the rows the store made for them, in order: per change, a created
    /// role's or policy's; for an expansion the sub-circle's, then one per core role the rule
    /// set gives it; for a collapse without a Lead the role's; for a Cross Link its role's and
    /// its filler's assignment's.
    pub(super) fn apply_governance(
        &mut self,
        circle: CircleId,
        changes: &[Change],
        created: &[i64],
        stamp: &Stamp,
    ) -> Applied {
        self.governing(created, stamp, |g| {
            changes.iter().try_for_each(|c| g.change(circle, c))
        })
    }

    /// Applies an election's result: `person` fills `role` until `term_end`, the role's
    /// fillers' assignments ended (`created`: the new assignment's id).
    pub(super) fn assign_elected(
        &mut self,
        (role, person, term_end): (RoleId, PersonId, Option<NaiveDate>),
        created: &[i64],
        stamp: &Stamp,
    ) -> Applied {
        self.governing(created, stamp, |g| g.assign(role, person, term_end))
    }

    /// Runs `apply` on the records, then indexes the structure again and adds the versions
    /// written. `Reload` when it could not apply everything (the records are then to be read
    /// again: they may be half changed).
    fn governing(
        &mut self,
        created: &[i64],
        stamp: &Stamp,
        apply: impl FnOnce(&mut Governing<'_>) -> Step,
    ) -> Applied {
        let mut g = Governing {
            r: &mut self.records,
            role_versions: &self.versions_of_role,
            policy_versions: &self.versions_of_policy,
            circle_versions: &self.versions_of_sub_circle,
            created: created.iter(),
            stamp,
            written: Vec::new(),
        };
        let done = apply(&mut g);
        let written = std::mem::take(&mut g.written);
        let standing: std::collections::HashSet<RoleId> =
            self.records.roles.iter().map(|r| r.id).collect();
        self.records
            .cross_links
            .retain(|l| standing.contains(&l.role));
        self.reindex_structure();
        self.add_versions(written);
        match done {
            Ok(()) => Applied::Done,
            Err(Unapplied) => Applied::Reload,
        }
    }

    /// Builds the indexes of circles, roles, policies and assignments again, in the order a
    /// reload keeps them in (`Organisation::new`).
    fn reindex_structure(&mut self) {
        let r = &mut self.records;
        apply_org::sort_roles(&mut r.roles);
        r.circles.sort_by_key(|c| c.id);
        r.policies.sort_by_key(|p| p.id);
        r.assignments.sort_by_key(|a| a.id);
        r.ended_assignments.sort_by_key(|a| a.id);
        let r = &self.records;
        self.circle_at = positions(&r.circles, |x| x.id);
        self.role_at = positions(&r.roles, |x| x.id);
        self.children = group(&r.circles, |c| c.parent);
        self.roles_of_circle = group(&r.roles, |x| x.circle);
        self.policies_of_circle = group(&r.policies, |x| x.circle);
        self.assignments_of_role = group(&r.assignments, |x| x.role);
        self.assignments_of_person = group(&r.assignments, |x| x.person);
        self.ended_of_role = group(&r.ended_assignments, |x| x.role);
    }

    /// Adds an entry's versions where a reload reads them: by moment, roles before policies
    /// before sub-circles, each kind in the order written.
    fn add_versions(&mut self, mut written: Vec<RecordVersion>) {
        written.sort_by_key(kind_of);
        let versions = &mut self.records.versions;
        let key = |v: &RecordVersion| (v.recorded_at, kind_of(v));
        let after_all = written
            .first()
            .is_none_or(|first| versions.last().is_none_or(|last| key(last) <= key(first)));
        if after_all {
            for v in written {
                let at = versions.len();
                let (role, policy, sub) = (v.role, v.policy, v.sub_circle);
                self.versions_of_role
                    .entry(role.unwrap_or(RoleId(0)))
                    .or_default()
                    .push(at);
                let policies = &mut self.versions_of_policy;
                policies
                    .entry(policy.unwrap_or(PolicyId(0)))
                    .or_default()
                    .push(at);
                self.versions_of_circle
                    .entry(v.circle)
                    .or_default()
                    .push(at);
                let subs = &mut self.versions_of_sub_circle;
                subs.entry(sub.unwrap_or(CircleId(0))).or_default().push(at);
                versions.push(v);
            }
            return;
        }
        // An entry dated before versions already held (a clock set back): merged, and the
        // version indexes built again.
        for v in written {
            let at = versions.partition_point(|o| key(o) <= key(&v));
            versions.insert(at, v);
        }
        let r = &self.records;
        self.versions_of_role = group(&r.versions, |x| x.role.unwrap_or(RoleId(0)));
        self.versions_of_policy = group(&r.versions, |x| x.policy.unwrap_or(PolicyId(0)));
        self.versions_of_circle = group(&r.versions, |x| x.circle);
        self.versions_of_sub_circle = group(&r.versions, |x| x.sub_circle.unwrap_or(CircleId(0)));
    }
}
