//! What the progress updates cover: the current and waiting projects of the circle's roles
//! (5.0 §3.2(d) "any Project or other initiative that they are regularly reporting on for
//! their Roles"; 4.1 §4.2.3(d)), and those of each sub-circle, which is a role of the circle
//! (4.1 §2.1; 5.0 §1.3.1): a sub-circle's own projects are its Lead's (4.1 §2.2.1 the Lead
//! Link "inherits the Purpose and any Accountabilities on the Circle itself"; 5.0 §1.4 the
//! Circle Lead Role "holds the overall Purpose of that broader Role"), and 4.1 §4.2.3(d)
//! gives "both the Lead Link and Rep Link of the Sub-Circle the opportunity to share updates"
//! (the Lead reports by default; `b` lets the Rep).
//!
//! Owns: that selection. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or
//! the clock.

use crate::domain::ids::{CircleId, ProjectId, RoleId};
use crate::domain::org::{Organisation, ProjectStatus};
use crate::domain::ruleset::CoreRole;

/// The roles whose projects the circle's progress updates cover: its own, then each
/// sub-circle's Lead role.
pub fn progress_roles(org: &Organisation, circle: CircleId) -> Vec<RoleId> {
    let own = org.roles_in(circle).map(|r| r.id);
    let subs = org
        .sub_circles(Some(circle))
        .filter_map(|c| org.core_role(c.id, CoreRole::Lead))
        .map(|r| r.id);
    own.chain(subs).collect()
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
