//! The governance record's versions as the organisation holds them: a role's, a policy's
//! and a sub-circle's history, the version before one, the other side of an expansion or a
//! collapse, and each circle's governance log.
//!
//! Owns: those lookups over `OrgRecords::versions`. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

use super::{Organisation, RecordVersion, members};
use crate::domain::ids::{CircleId, RoleId};

impl Organisation {
    /// A role's versions, oldest first (none for a role governance never changed).
    pub fn history_of(&self, role: RoleId) -> impl Iterator<Item = &RecordVersion> {
        members(&self.records.versions, &self.versions_of_role, &role)
    }

    /// A sub-circle's versions as its super-circle's governance changed it, oldest first.
    pub fn history_of_circle(&self, circle: CircleId) -> impl Iterator<Item = &RecordVersion> {
        members(
            &self.records.versions,
            &self.versions_of_sub_circle,
            &circle,
        )
    }

    /// For a role's or sub-circle's version written by an expansion or a collapse, the version
    /// of the other side written by the same entry: the role a sub-circle was expanded from
    /// (which became its Lead, keeping its id), or the role a sub-circle collapsed into (same
    /// name, same circle, same meeting and moment).
    pub fn counterpart(&self, v: &RecordVersion) -> Option<&RecordVersion> {
        let is_role = v.role.is_some();
        if !is_role && v.sub_circle.is_none() {
            return None;
        }
        let same_entry =
            |o: &RecordVersion| o.meeting == v.meeting && o.recorded_at == v.recorded_at;
        if let Some(sub) = v.sub_circle.filter(|_| !v.removed) {
            let expanded = self.governance_log(sub).find(|o| {
                o.role.is_some()
                    && same_entry(o)
                    && self.previous_version(o).is_some_and(|p| {
                        p.circle == v.circle && p.name.eq_ignore_ascii_case(&v.name)
                    })
            });
            if expanded.is_some() {
                return expanded;
            }
        }
        self.governance_log(v.circle).find(|o| {
            (if is_role {
                o.sub_circle.is_some()
            } else {
                o.role.is_some()
            }) && o.name.eq_ignore_ascii_case(&v.name)
                && o.meeting == v.meeting
                && o.recorded_at == v.recorded_at
                && o.removed != v.removed
        })
    }

    /// The version of the same role, policy or sub-circle just before `version`, if there is one.
    pub fn previous_version(&self, version: &RecordVersion) -> Option<&RecordVersion> {
        let history: Vec<&RecordVersion> = match (version.role, version.policy) {
            (Some(role), _) => self.history_of(role).collect(),
            (None, Some(policy)) => {
                members(&self.records.versions, &self.versions_of_policy, &policy).collect()
            }
            (None, None) => match version.sub_circle {
                Some(c) => self.history_of_circle(c).collect(),
                None => Vec::new(),
            },
        };
        let at = history.iter().position(|v| std::ptr::eq(*v, version))?;
        at.checked_sub(1).map(|i| history[i])
    }

    /// The circle's log: its governed changes (`governance_log`) and those that moved one of
    /// its roles or policies out of it into another circle (a sub-circle, or back up), oldest
    /// first. A move changes both circles' governance (4.1 §2.6.1; 5.0 §5.2(c), (d)).
    pub fn circle_log(&self, circle: CircleId) -> Vec<&RecordVersion> {
        let mut log: Vec<&RecordVersion> = self.governance_log(circle).collect();
        let mut seen = std::collections::HashSet::new();
        let here = members(&self.records.versions, &self.versions_of_circle, &circle);
        for v in here {
            let history: Vec<&RecordVersion> = match (v.role, v.policy) {
                (Some(role), _) if seen.insert((0, role.0)) => self.history_of(role).collect(),
                (None, Some(policy)) if seen.insert((1, policy.0)) => {
                    members(&self.records.versions, &self.versions_of_policy, &policy).collect()
                }
                _ => continue,
            };
            let moved_out = history
                .windows(2)
                .filter(|w| w[0].circle == circle && w[1].circle != circle)
                .map(|w| w[1]);
            log.extend(moved_out);
        }
        // Stable: versions of one moment keep the order they were recorded in.
        log.sort_by_key(|v| v.recorded_at);
        log
    }

    /// The governed changes of a circle's roles and policies, oldest first, baselines left out.
    pub fn governance_log(&self, circle: CircleId) -> impl Iterator<Item = &RecordVersion> {
        members(&self.records.versions, &self.versions_of_circle, &circle).filter(|v| !v.baseline)
    }
}
