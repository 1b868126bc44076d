//! What roles reported: metric values and checklist answers, the bulk of an organisation's
//! history (a value or an answer a period for every metric and item, year after year). The
//! organisation is read without them; it holds a role's only once a screen that shows them
//! has had them read (`hold_reports`), so that start-up and memory do not grow with every
//! meeting held. What is held is a role's whole record, exactly as a reload of it reads.
//!
//! Owns: `Reported` and which roles' reports the organisation holds. Must not import:
//! rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{ChecklistMark, MetricValue, Organisation, by_period, group};
use crate::domain::ids::{ChecklistItemId, MetricId, RoleId};
use std::collections::HashSet;

/// Metric values and checklist answers as a store reads them, each metric's and item's in
/// period order (within a period in the order recorded).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reported {
    pub values: Vec<MetricValue>,
    pub marks: Vec<ChecklistMark>,
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

    /// Holds the reports of `roles` as the store read them: `reported` holds every value and
    /// answer of their metrics and checklist items (ended ones too), and takes the place of
    /// any of theirs held already (an entry applied in memory before they were read).
    pub fn hold_reports(&mut self, roles: &[RoleId], reported: Reported) {
        let roles: HashSet<RoleId> = roles.iter().copied().collect();
        let metrics: HashSet<MetricId> = self
            .records
            .metrics
            .iter()
            .filter(|m| roles.contains(&m.role))
            .map(|m| m.id)
            .collect();
        let items: HashSet<ChecklistItemId> = self
            .records
            .checklist
            .iter()
            .filter(|c| roles.contains(&c.role))
            .map(|c| c.id)
            .collect();
        let r = &mut self.records;
        r.metric_values.retain(|v| !metrics.contains(&v.metric));
        r.metric_values.extend(
            reported
                .values
                .into_iter()
                .filter(|v| metrics.contains(&v.metric)),
        );
        r.checklist_marks.retain(|m| !items.contains(&m.item));
        r.checklist_marks.extend(
            reported
                .marks
                .into_iter()
                .filter(|m| items.contains(&m.item)),
        );
        let (values, marks) = (&r.metric_values, &r.checklist_marks);
        self.values_of_metric = by_period(group(values, |x| x.metric), |i| {
            values.get(i).map(|v| v.period)
        });
        self.marks_of_item =
            by_period(group(marks, |x| x.item), |i| marks.get(i).map(|m| m.period));
        self.reports_held.extend(roles);
    }

    /// Takes over the reports `old` holds, for an organisation read again after an entry that
    /// changed no report (governance, an election): what was held stays held without being
    /// read again.
    pub fn keep_reports_of(&mut self, old: &Organisation) {
        let roles: Vec<RoleId> = old.reports_held.iter().copied().collect();
        let reported = Reported {
            values: old.records.metric_values.clone(),
            marks: old.records.checklist_marks.clone(),
        };
        self.hold_reports(&roles, reported);
    }
}
