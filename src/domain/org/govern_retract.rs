//! Taking back an adoption or an election in memory: each row the entry wrote noted with how
//! the record stood before it (`Was`), and put back in reverse order, as the store's undo
//! restores each record the entry touched to its version before the entry and deletes the
//! rows it made. That holds while nothing since has built on what the entry wrote, which the
//! caller (`retract`) makes sure of.
//!
//! Owns: `Was`, noting it for a write and putting it back. Must not import: rusqlite,
//! ratatui, crossterm, tokio, std::fs, or the clock.

use super::rows::RowWrite;
use super::{Assignment, Circle, CrossLink, OrgRecords, Organisation, Policy, RecordVersion, Role};
use crate::domain::ids::*;

/// How a record stood before a write of an entry (`None`: it was not there).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Was {
    Circle(CircleId, Option<Circle>),
    Role(RoleId, Option<Role>),
    Policy(PolicyId, Option<Policy>),
    /// An assignment, lasting then (`None`: not made yet, or no longer lasting).
    Assignment(AssignmentId, Option<Assignment>),
    /// The Cross Links of a role.
    Links(RoleId, Vec<CrossLink>),
    /// A version the entry appended.
    Version(RecordVersion),
}

/// Removes the record `id` names and puts `old` back, if it was there.
fn put_back<T: Clone>(items: &mut Vec<T>, is: impl Fn(&T) -> bool, old: &Option<T>) {
    items.retain(|x| !is(x));
    items.extend(old.iter().cloned());
}

/// How the records a (resolved) write changes stood before it.
pub(super) fn noted(r: &OrgRecords, write: &RowWrite) -> Vec<Was> {
    let circle = |id: CircleId| Was::Circle(id, r.circles.iter().find(|c| c.id == id).cloned());
    let role = |id: RoleId| Was::Role(id, r.roles.iter().find(|x| x.id == id).cloned());
    let policy = |id: PolicyId| Was::Policy(id, r.policies.iter().find(|p| p.id == id).cloned());
    let links = |id: RoleId| {
        let of = r.cross_links.iter().filter(|l| l.role == id).cloned();
        Was::Links(id, of.collect())
    };
    let lasting =
        |id: AssignmentId| Was::Assignment(id, r.assignments.iter().find(|a| a.id == id).cloned());
    match write {
        RowWrite::AddCircle(c) | RowWrite::SetCircle(c) => vec![circle(c.id)],
        RowWrite::RemoveCircle(id) => vec![circle(*id)],
        RowWrite::AddRole(x) | RowWrite::SetRole(x) => vec![role(x.id)],
        RowWrite::RemoveRole(id) => vec![role(*id), links(*id)],
        RowWrite::AddPolicy(p) | RowWrite::SetPolicy(p) => vec![policy(p.id)],
        RowWrite::RemovePolicy(id) => vec![policy(*id)],
        RowWrite::AddAssignment(a) => vec![lasting(a.id)],
        RowWrite::EndAssignment(id) => vec![lasting(*id)],
        RowWrite::AddCrossLink(l) => vec![links(l.role)],
        RowWrite::Version(v) => vec![Was::Version(v.clone())],
    }
}

impl Organisation {
    /// Puts back what an entry's writes changed (`was`, in the order written), then indexes
    /// the structure and the versions again. False when a version it appended is no longer
    /// held (the caller reloads).
    pub(super) fn put_back(&mut self, was: &[Was]) -> bool {
        let r = &mut self.records;
        let mut found = true;
        for w in was.iter().rev() {
            match w {
                Was::Circle(id, old) => put_back(&mut r.circles, |c| c.id == *id, old),
                Was::Role(id, old) => put_back(&mut r.roles, |x| x.id == *id, old),
                Was::Policy(id, old) => put_back(&mut r.policies, |p| p.id == *id, old),
                Was::Assignment(id, old) => {
                    r.ended_assignments.retain(|a| a.id != *id);
                    put_back(&mut r.assignments, |a| a.id == *id, old);
                }
                Was::Links(role, old) => {
                    r.cross_links.retain(|l| l.role != *role);
                    r.cross_links.extend(old.iter().cloned());
                }
                Was::Version(v) => match r.versions.iter().rposition(|held| held == v) {
                    Some(at) => {
                        r.versions.remove(at);
                    }
                    None => found = false,
                },
            }
        }
        r.cross_links.sort_by_key(|l| l.role);
        self.reindex_structure();
        self.reindex_versions();
        found
    }
}
