//! What the progress updates cover: the current and waiting projects of the circle's roles
//! (5.0 §3.2(d) "any Project or other initiative that they are regularly reporting on for
//! their Roles"; 4.1 §4.2.3(d)), and those of each sub-circle, which is a role of the circle
//! (4.1 §2.1; 5.0 §1.3.1): a sub-circle's own projects are its Lead's (4.1 §2.2.1 the Lead
//! Link "inherits the Purpose and any Accountabilities on the Circle itself"; 5.0 §1.4 the
//! Circle Lead Role "holds the overall Purpose of that broader Role"), and 4.1 §4.2.3(d)
//! gives "both the Lead Link and Rep Link of the Sub-Circle the opportunity to share updates"
//! (the Lead reports by default; `b` lets the Rep).
//!
//! Under 4.1 the updates cover accountabilities too (§4.2.3(d): "progress towards achieving
//! any Project or expressing any Accountability of any of the participant's Roles"): one row
//! per role with accountabilities, after its projects, on which any of them is reported on;
//! "Each participant may decide which Projects or Accountabilities are worth reporting on".
//! A sub-circle's row holds the sub-circle's own accountabilities ("a Project or
//! Accountability of a Sub-Circle").
//!
//! Owns: that selection. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or
//! the clock.

use super::{AccountabilityReport, Event, Recorded, Refusal, Tactical};
use crate::domain::ids::{CircleId, ProjectId, RoleId};
use crate::domain::meeting::Effect;
use crate::domain::org::{Organisation, ProjectStatus};
use crate::domain::ruleset::CoreRole;
use crate::domain::text::clean_line;
use serde::{Deserialize, Serialize};

/// One row of the progress updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressItem {
    /// A current or waiting project of one of the roles the updates cover.
    Project(ProjectId),
    /// The accountabilities of a role (4.1 only), reported on one at a time.
    Accountabilities(RoleId),
}

/// The roles whose projects the circle's progress updates cover: its own, then each
/// sub-circle's Lead role; only those someone holds, as the updates are a participant's on
/// their roles (4.1 §4.2.3(d); 5.0 §3.2(d)).
pub fn progress_roles(org: &Organisation, circle: CircleId) -> Vec<RoleId> {
    let own = org.roles_in(circle).map(|r| r.id);
    let subs = org
        .sub_circles(Some(circle))
        .filter_map(|c| org.core_role(c.id, CoreRole::Lead))
        .map(|r| r.id);
    own.chain(subs)
        .filter(|&role| someone_reports(org, circle, role))
        .collect()
}

/// Whether anyone could report for `role`: a filler; for an unfilled role of the circle, its
/// Lead, who is considered to fill it (4.1 §2.4.1 "Whenever a Defined Role in a Circle is
/// unfilled, the Circle's Lead Link is considered to be filling the Role"; 5.0 §1.4.2 "each
/// Circle Lead is automatically considered a Role Lead of the unfilled Role"); for a
/// sub-circle's unfilled Lead role, the sub-circle's Rep (4.1 §4.2.3(d) gives "both the Lead
/// Link and Rep Link of the Sub-Circle the opportunity to share updates").
fn someone_reports(org: &Organisation, circle: CircleId, role: RoleId) -> bool {
    let filled = |r: Option<&crate::domain::org::Role>| {
        r.is_some_and(|r| org.fillers_of(r.id).next().is_some())
    };
    if filled(org.role(role)) {
        return true;
    }
    match org.role(role) {
        Some(r) if r.circle == circle => {
            r.core != Some(CoreRole::Lead) && filled(org.core_role(circle, CoreRole::Lead))
        }
        Some(r) => filled(org.core_role(r.circle, CoreRole::Rep)),
        None => false,
    }
}

/// The current and waiting projects the progress updates cover, in role order.
pub fn progress_projects(org: &Organisation, circle: CircleId) -> Vec<ProjectId> {
    progress_roles(org, circle)
        .into_iter()
        .flat_map(|r| org.projects_of(r))
        // Waiting projects too: to report on, or to make current again.
        .filter(|p| matches!(p.status, ProjectStatus::Current | ProjectStatus::Waiting))
        .map(|p| p.id)
        .collect()
}

/// The rows of the progress updates: each role's projects, then (where the rule set covers
/// them) its accountabilities.
pub fn progress_items(org: &Organisation, circle: CircleId) -> Vec<ProgressItem> {
    let accountabilities = org.rule_set().rules().progress.accountabilities;
    let projects = progress_projects(org, circle);
    let mut items = Vec::new();
    for role in progress_roles(org, circle) {
        let owned = |p: &&ProjectId| org.project(**p).is_some_and(|p| p.role == role);
        items.extend(
            projects
                .iter()
                .filter(owned)
                .map(|&p| ProgressItem::Project(p)),
        );
        if accountabilities && !reported_accountabilities(org, circle, role).is_empty() {
            items.push(ProgressItem::Accountabilities(role));
        }
    }
    items
}

/// The accountabilities reported on for `role` in `circle`'s progress updates: the role's
/// own, or for a sub-circle's Lead, the sub-circle's (4.1 §4.2.3(d) "a Project or
/// Accountability of a Sub-Circle").
pub fn reported_accountabilities(
    org: &Organisation,
    circle: CircleId,
    role: RoleId,
) -> Vec<String> {
    let Some(r) = org.role(role) else {
        return Vec::new();
    };
    if r.circle == circle {
        return r.accountabilities.clone();
    }
    org.circle(r.circle)
        .map_or_else(Vec::new, |c| c.accountabilities.clone())
}

impl Tactical {
    /// The progress shared on `role`'s accountability `text` in this meeting, if any.
    pub fn accountability_update(&self, role: RoleId, text: &str) -> Option<&AccountabilityReport> {
        self.accountability_updates
            .iter()
            .find(|u| u.role == role && u.accountability == text)
    }

    /// An accountability's update: its row is in the meeting (4.1 only), it is one of the
    /// role's accountabilities, once each, in words.
    pub(super) fn decide_accountability(
        &self,
        event: &Event,
        org: &Organisation,
    ) -> Result<Vec<Effect>, Refusal> {
        let Event::AccountabilityReported {
            role,
            accountability,
            update,
            reporter,
        } = event
        else {
            return Ok(Vec::new());
        };
        let refuse = |m: &str| Err(Refusal::new(m));
        if self.ended_at.is_some() {
            return refuse("the meeting has ended");
        }
        if !self
            .progress
            .contains(&ProgressItem::Accountabilities(*role))
        {
            return refuse(
                "that role's accountabilities are not in this meeting's progress updates",
            );
        }
        if !reported_accountabilities(org, self.circle, *role).contains(accountability) {
            return refuse("that is not one of the role's accountabilities");
        }
        if self.accountability_update(*role, accountability).is_some() {
            return refuse("already reported on; u takes the update back");
        }
        if clean_line(update).is_empty() {
            return refuse("the update is empty");
        }
        self.reporter_ok(*reporter)?;
        Ok(Vec::new())
    }

    pub(super) fn apply_accountability(&mut self, rec: &Recorded) {
        if let Event::AccountabilityReported {
            role,
            accountability,
            update,
            reporter,
        } = &rec.event
        {
            self.accountability_updates.push(AccountabilityReport {
                seq: rec.seq,
                role: *role,
                accountability: accountability.clone(),
                update: update.clone(),
                reporter: *reporter,
            });
        }
    }
}
