//! What roles reported and tracked: metric values and checklist answers, projects (with
//! every change of their status) and next actions, the bulk of an organisation's history (a
//! value or an answer a period for every metric and item, and the actions and projects of
//! every meeting, year after year). The organisation is read without them (a person's own
//! actions, outside any role, aside); it holds a role's only once a screen that shows them
//! has had them read (`hold_reports`), so that start-up, memory and every whole read do not
//! grow with every meeting held. What is held is a role's whole record, exactly as a reload
//! of it reads.
//!
//! Owns: `Reported` and which roles' reports the organisation holds. Must not import:
//! rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{
    ChecklistMark, EntryIndex, MetricValue, NextAction, Organisation, Project, StatusChange,
    by_period, group,
};
use crate::domain::ids::{ChecklistItemId, MetricId, ProjectId, RoleId};
use crate::domain::work::WorkNote;
use std::collections::HashSet;

/// What roles reported and tracked, as a store reads them: metric values and checklist
/// answers, each metric's and item's in period order (within a period in the order
/// recorded); projects and next actions (done ones too) by id; their projects' status
/// changes oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reported {
    pub values: Vec<MetricValue>,
    pub marks: Vec<ChecklistMark>,
    pub projects: Vec<Project>,
    pub status_changes: Vec<StatusChange>,
    pub next_actions: Vec<NextAction>,
    /// The entries of everyone's own work about the roles, oldest first (those of tensions,
    /// read with the organisation, aside), each marked when it was taken back.
    pub work: Vec<WorkNote>,
}

impl Organisation {
    /// Whether the reports of `role` are held (read, or known to be none).
    pub fn holds_reports_of(&self, role: RoleId) -> bool {
        self.reports_held.contains(&role)
    }

    /// Of `roles`, those whose reports are not held yet, each once, in the order given.
    pub fn reports_missing(&self, roles: impl IntoIterator<Item = RoleId>) -> Vec<RoleId> {
        let mut seen = HashSet::new();
        roles
            .into_iter()
            .filter(|r| !self.holds_reports_of(*r) && seen.insert(*r))
            .collect()
    }

    /// Every role's id, to hold the reports of all (an export of the whole record).
    pub fn all_roles(&self) -> Vec<RoleId> {
        self.records.roles.iter().map(|r| r.id).collect()
    }

    /// Holds everything `reported` read of every role (a store's `reported(None)`): those of
    /// roles removed since included, as the whole record has them.
    pub fn hold_every_report(&mut self, reported: Reported) {
        let mut roles = self.all_roles();
        roles.extend(reported.projects.iter().map(|p| p.role));
        roles.extend(reported.next_actions.iter().filter_map(|a| a.role));
        let mut seen = HashSet::new();
        roles.retain(|r| seen.insert(*r));
        self.hold_reports(&roles, reported);
    }

    /// Holds the reports of `roles` as the store read them: `reported` holds every value and
    /// answer of their metrics and checklist items (ended ones too), and takes the place of
    /// any of theirs held already (an entry applied in memory before they were read). A key
    /// held down the browser holds a new role on every press: the cost is that role's, found
    /// through the role's indexes, not the organisation's nor what is held already.
    pub fn hold_reports(&mut self, roles: &[RoleId], mut reported: Reported) {
        self.tracked_then(&mut reported);
        let roles: HashSet<RoleId> = roles.iter().copied().collect();
        let of_roles = |groups: &super::Groups<RoleId>| -> Vec<usize> {
            roles
                .iter()
                .filter_map(|r| groups.get(r))
                .flatten()
                .copied()
                .collect()
        };
        let r = &self.records;
        let metrics: HashSet<MetricId> = (of_roles(&self.metrics_of_role).into_iter())
            .filter_map(|i| r.metrics.get(i).map(|m| m.id))
            .collect();
        let items: HashSet<ChecklistItemId> = (of_roles(&self.checklist_of_role).into_iter())
            .filter_map(|i| r.checklist.get(i).map(|c| c.id))
            .collect();
        let values = reported
            .values
            .into_iter()
            .filter(|v| metrics.contains(&v.metric));
        let marks = reported
            .marks
            .into_iter()
            .filter(|m| items.contains(&m.item));
        let held = metrics
            .iter()
            .any(|m| self.values_of_metric.contains_key(m))
            || items.iter().any(|i| self.marks_of_item.contains_key(i));
        if held {
            let r = &mut self.records;
            r.metric_values.retain(|v| !metrics.contains(&v.metric));
            r.metric_values.extend(values);
            r.checklist_marks.retain(|m| !items.contains(&m.item));
            r.checklist_marks.extend(marks);
            let (values, marks) = (&r.metric_values, &r.checklist_marks);
            self.values_of_metric = by_period(group(values, |x| x.metric), |i| {
                values.get(i).map(|v| v.period)
            });
            self.marks_of_item =
                by_period(group(marks, |x| x.item), |i| marks.get(i).map(|m| m.period));
        } else {
            let r = &mut self.records;
            extend_grouped(
                &mut r.metric_values,
                &mut self.values_of_metric,
                values,
                |v| (v.metric, v.period),
            );
            extend_grouped(
                &mut r.checklist_marks,
                &mut self.marks_of_item,
                marks,
                |m| (m.item, m.period),
            );
        }
        self.hold_entry_rows(
            &roles,
            reported.projects,
            reported.status_changes,
            reported.next_actions,
        );
        self.hold_work(reported.work);
        self.reports_held.extend(roles);
    }

    /// Holds `roles`' projects, their status changes and next actions. When none of theirs
    /// is held yet (a role first shown) they are added to the indexes as they are; otherwise
    /// (an entry applied in memory before they were read) they take the place of those held
    /// and the indexes are built again.
    fn hold_entry_rows(
        &mut self,
        roles: &HashSet<RoleId>,
        projects: Vec<Project>,
        changes: Vec<StatusChange>,
        actions: Vec<NextAction>,
    ) {
        let theirs = |role: &RoleId| roles.contains(role);
        let projects: Vec<Project> = projects.into_iter().filter(|p| theirs(&p.role)).collect();
        let ids: HashSet<ProjectId> = projects.iter().map(|p| p.id).collect();
        let changes = changes.into_iter().filter(|c| ids.contains(&c.project));
        let actions = actions
            .into_iter()
            .filter(|a| a.role.as_ref().is_some_and(theirs));
        let index = &self.entry_rows;
        let held = roles.iter().any(|r| {
            index.projects_of_role.contains_key(r) || index.actions_of_role.contains_key(&Some(*r))
        });
        if !held {
            for project in projects {
                self.add_project(project);
            }
            for change in changes {
                self.add_status_change(change);
            }
            for action in actions {
                self.add_next_action(action);
            }
            return;
        }
        let r = &mut self.records;
        let gone: HashSet<ProjectId> = (r.projects.iter())
            .filter(|p| theirs(&p.role))
            .map(|p| p.id)
            .collect();
        r.projects.retain(|p| !theirs(&p.role));
        r.projects.extend(projects);
        r.status_changes.retain(|c| !gone.contains(&c.project));
        r.status_changes.extend(changes);
        r.next_actions
            .retain(|a| !a.role.as_ref().is_some_and(theirs));
        r.next_actions.extend(actions);
        self.entry_rows = EntryIndex::of(&self.records);
    }

    /// The roles whose reports are held, in id order: to hold them again in an organisation
    /// read anew (`app::reports::reload`).
    pub fn held_roles(&self) -> Vec<RoleId> {
        let mut roles: Vec<RoleId> = self.reports_held.iter().copied().collect();
        roles.sort_by_key(|r| r.0);
        roles
    }
}

/// Adds `new` to `rows` and their places to `index` under their owners, none of whom has a
/// group there yet; each new group in period order, in the order given within a period (as
/// `by_period` orders a whole index).
fn extend_grouped<K: std::hash::Hash + Eq, T>(
    rows: &mut Vec<T>,
    index: &mut super::Groups<K>,
    new: impl Iterator<Item = T>,
    owner_and_period: impl Fn(&T) -> (K, chrono::NaiveDate),
) {
    let start = rows.len();
    rows.extend(new);
    let mut added: super::Groups<K> = std::collections::HashMap::new();
    for (i, row) in rows.iter().enumerate().skip(start) {
        added.entry(owner_and_period(row).0).or_default().push(i);
    }
    for (owner, mut places) in added {
        places.sort_by_key(|&i| rows.get(i).map(|row| owner_and_period(row).1));
        index.entry(owner).or_default().extend(places);
    }
}
