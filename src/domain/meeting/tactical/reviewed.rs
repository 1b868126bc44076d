//! What a new tactical meeting reviews: the circle's checklist items not yet answered for
//! the period just ended, its metrics, and its (and its sub-circles') current and waiting
//! projects.
//!
//! Owns: that choice, once, for the meeting setup and the generator.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use crate::domain::ids::*;
use crate::domain::org::Organisation;
use chrono::NaiveDate;

/// The items a tactical meeting of a circle held on a day goes through.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reviewed {
    pub checklist: Vec<ChecklistItemId>,
    pub metrics: Vec<MetricId>,
    pub projects: Vec<ProjectId>,
    /// The progress rows, when they hold more than the projects (4.1: accountabilities);
    /// empty otherwise.
    pub progress: Vec<super::ProgressItem>,
}

impl Reviewed {
    /// What a tactical meeting of `circle` held on `today` reviews.
    pub fn of(org: &Organisation, circle: CircleId, today: NaiveDate) -> Reviewed {
        let roles: Vec<RoleId> = org.roles_in(circle).map(|r| r.id).collect();
        let checklist = roles
            .iter()
            .flat_map(|&r| org.checklist_of(r))
            .filter(|c| crate::domain::review::checklist_due(org, c, today).is_some())
            .map(|c| c.id)
            .collect();
        let metrics = roles
            .iter()
            .flat_map(|&r| org.metrics_of(r))
            .map(|m| m.id)
            .collect();
        // Current and waiting projects of the circle's roles and of its sub-circles (their
        // Lead or Rep reports, 4.1 §4.2.3(d)).
        let projects = super::progress_projects(org, circle);
        let mut progress = super::progress_items(org, circle);
        if progress.len() == projects.len() {
            progress.clear();
        }
        Reviewed {
            checklist,
            metrics,
            projects,
            progress,
        }
    }
}
