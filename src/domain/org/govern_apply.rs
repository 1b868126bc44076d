//! An adoption's or an election's rows carried out on the organisation in memory, with the
//! ids the store made for the records they create, so that the entry needs no reload of the
//! whole organisation: the same rows the store wrote (`govern::plan_governance` decides
//! them, on the structure held here), then the structure indexed again and the versions
//! added where a reload reads them.
//!
//! Owns: `Organisation::governed`, `Organisation::apply_governance` and the indexes the rows
//! touch. A property test (tests/org_govern.rs) and the conformance check hold a reload to
//! what is applied here, on both stores.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::apply::Stamp;
use super::govern::{Reach, plan_governance, reach_of};
use super::govern_retract::{Was, noted};
use super::rows::{Governed, RowWrite, Versioned, execute};
use super::{
    Applied, Assignment, Circle, OrgRecords, Organisation, Policy, RecordVersion, Role, apply_org,
    group, positions,
};
use crate::domain::ids::*;
use crate::domain::meeting::Effect;

impl Organisation {
    /// What deciding an adoption's or an election's rows goes on, as held here: the records
    /// within `reach` (as the store reads them: `store::governed`) and which of them have a
    /// version.
    pub fn governed(&self, reach: &Reach) -> Governed {
        let mut within: Vec<CircleId> = reach.insides.clone();
        let mut i = 0;
        while let Some(&at) = within.get(i) {
            within.extend(self.sub_circles(Some(at)).map(|c| c.id));
            i += 1;
        }
        let mut circles: Vec<Circle> = (reach.circles.iter().chain(&within))
            .filter_map(|&c| self.circle(c).cloned())
            .collect();
        let mut roles: Vec<Role> = (reach.roles.iter())
            .filter_map(|&r| self.role(r).cloned())
            .chain(within.iter().flat_map(|&c| self.roles_in(c).cloned()))
            .collect();
        circles.sort_by_key(|c| c.id);
        circles.dedup_by_key(|c| c.id);
        roles.sort_by_key(|r| r.id);
        roles.dedup_by_key(|r| r.id);
        let read: std::collections::HashSet<RoleId> = roles.iter().map(|r| r.id).collect();
        let named_or_held = |p: &&Policy| {
            reach.policies.contains(&p.id) || p.role.is_some_and(|r| read.contains(&r))
        };
        let mut policies: Vec<Policy> = (self.records.policies.iter().filter(named_or_held))
            .chain(within.iter().flat_map(|&c| self.policies_of(c)))
            .cloned()
            .collect();
        policies.sort_by_key(|p| p.id);
        policies.dedup_by_key(|p| p.id);
        let mut assignments: Vec<Assignment> = (roles.iter())
            .flat_map(|r| self.fillers_of(r.id).cloned())
            .collect();
        assignments.sort_by_key(|a| a.id);
        let versioned = (roles.iter())
            .filter(|r| self.versions_of_role.contains_key(&r.id))
            .map(|r| (Versioned::Role, r.id.0))
            .chain(
                (policies.iter())
                    .filter(|p| self.versions_of_policy.contains_key(&p.id))
                    .map(|p| (Versioned::Policy, p.id.0)),
            )
            .chain(
                (circles.iter())
                    .filter(|c| self.versions_of_sub_circle.contains_key(&c.id))
                    .map(|c| (Versioned::Circle, c.id.0)),
            )
            .collect();
        let records = OrgRecords {
            rule_set: self.records.rule_set,
            circles,
            roles,
            policies,
            assignments,
            ..OrgRecords::default()
        };
        Governed { records, versioned }
    }

    /// Applies an adoption or an election's result as the store wrote it (`noting_governance`).
    pub(super) fn apply_governance(
        &mut self,
        effect: &Effect,
        created: &[i64],
        stamp: &Stamp,
    ) -> Applied {
        match self.noting_governance(effect, created, stamp) {
            Some(_) => Applied::Done,
            None => Applied::Reload,
        }
    }

    /// Applies an adoption or an election's result as the store wrote it: the rows
    /// `plan_governance` decides, `created` the ids the store made for the records they
    /// create, in order. Answers how what they changed stood before (to take them back), or
    /// `None` when they cannot all be carried out here (the records are then to be read
    /// again: they may be half changed).
    pub(super) fn noting_governance(
        &mut self,
        effect: &Effect,
        created: &[i64],
        stamp: &Stamp,
    ) -> Option<Vec<Was>> {
        let writes = plan_governance(self.governed(&reach_of(effect)), effect, stamp).ok()?;
        if writes.iter().filter_map(RowWrite::creates).count() != created.len() {
            return None;
        }
        let mut versions = Vec::new();
        let mut was = Vec::new();
        let mut done = true;
        for write in &writes {
            let Some(write) = write.resolved(created) else {
                done = false;
                break;
            };
            was.extend(noted(&self.records, &write));
            match write {
                RowWrite::Version(v) => versions.push(v),
                w if execute(&mut self.records, &w, stamp.at).is_ok() => {}
                _ => {
                    done = false;
                    break;
                }
            }
        }
        self.reindex_structure();
        self.add_versions(versions);
        done.then_some(was)
    }

    /// Builds the indexes of circles, roles, policies and assignments again, in the order a
    /// reload keeps them in (`Organisation::new`).
    pub(super) fn reindex_structure(&mut self) {
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
        written.sort_by_key(|v| Versioned::of(v).0);
        let versions = &mut self.records.versions;
        let key = |v: &RecordVersion| (v.recorded_at, Versioned::of(v).0);
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
        self.reindex_versions();
    }

    /// Builds the indexes of the versions again.
    pub(super) fn reindex_versions(&mut self) {
        let r = &self.records;
        self.versions_of_role = group(&r.versions, |x| x.role.unwrap_or(RoleId(0)));
        self.versions_of_policy = group(&r.versions, |x| x.policy.unwrap_or(PolicyId(0)));
        self.versions_of_circle = group(&r.versions, |x| x.circle);
        self.versions_of_sub_circle = group(&r.versions, |x| x.sub_circle.unwrap_or(CircleId(0)));
    }
}
