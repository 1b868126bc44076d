//! What a meeting's effect does to the organisation in memory, so that an entry needs no
//! reload of the whole organisation from the store.
//!
//! Owns: `Organisation::apply`, which changes the records and their indexes exactly as the
//! store's write of the same effect changes what a reload would read (a property test holds
//! the two to that). Effects that rewrite the governance record or take an entry back are not
//! applied here: the caller reloads for those (adoptions, elections and retractions are rare).
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{
    ChecklistMark, MetricValue, NextAction, Organisation, Project, ProjectStatus, Tension,
};
use crate::domain::ids::*;
use crate::domain::meeting::Effect;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Whether an effect could be applied in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum Applied {
    /// The organisation in memory is now as the store holds it.
    Done,
    /// This effect is not applied in memory: read the organisation again from the store.
    Reload,
}

/// Adds position `at` to the group of `key`, keeping the group ordered by `period` (a record
/// of the same period goes after those already there, as the store orders them by id).
fn insert_by_period<K: std::hash::Hash + Eq>(
    groups: &mut HashMap<K, Vec<usize>>,
    key: K,
    at: usize,
    period_of: impl Fn(usize) -> Option<NaiveDate>,
    period: NaiveDate,
) {
    let group = groups.entry(key).or_default();
    let place = group.partition_point(|&i| period_of(i).is_some_and(|p| p <= period));
    group.insert(place, at);
}

impl Organisation {
    /// Whether `apply` can apply this kind of effect in memory (otherwise: reload).
    pub fn applies_in_memory(effect: &Effect) -> bool {
        !matches!(
            effect,
            Effect::ApplyGovernance { .. } | Effect::AssignElected { .. } | Effect::Undo { .. }
        )
    }

    /// Applies one effect of an entry the store has just written. `created` is the id of the
    /// row the store created for it (a next action, project or tension), if any.
    pub fn apply(&mut self, effect: &Effect, created: Option<i64>) -> Applied {
        if !Organisation::applies_in_memory(effect) {
            return Applied::Reload;
        }
        match effect {
            Effect::AnswerChecklist {
                item,
                period,
                checked,
            } => {
                let at = self.records.checklist_marks.len();
                self.records.checklist_marks.push(ChecklistMark {
                    item: *item,
                    period: *period,
                    checked: *checked,
                });
                let marks = &self.records.checklist_marks;
                insert_by_period(
                    &mut self.marks_of_item,
                    *item,
                    at,
                    |i| marks.get(i).map(|m| m.period),
                    *period,
                );
            }
            Effect::RecordMetric {
                metric,
                period,
                value,
                comment,
            } => {
                let at = self.records.metric_values.len();
                self.records.metric_values.push(MetricValue {
                    metric: *metric,
                    period: *period,
                    value: *value,
                    comment: comment.clone(),
                });
                let values = &self.records.metric_values;
                insert_by_period(
                    &mut self.values_of_metric,
                    *metric,
                    at,
                    |i| values.get(i).map(|v| v.period),
                    *period,
                );
            }
            Effect::UpdateProject {
                project, status, ..
            } => {
                let Some(&at) = self.project_at.get(project) else {
                    return Applied::Reload;
                };
                if let Some(p) = self.records.projects.get_mut(at) {
                    p.status = *status;
                }
            }
            Effect::CreateNextAction { role, person, text } => {
                let Some(id) = created else {
                    return Applied::Reload;
                };
                let at = self.records.next_actions.len();
                self.records.next_actions.push(NextAction {
                    id: NextActionId(id),
                    role: *role,
                    person: *person,
                    text: text.clone(),
                    done: false,
                });
                self.actions_of_role.entry(*role).or_default().push(at);
            }
            Effect::CreateProject {
                role,
                person,
                title,
            } => {
                let Some(id) = created else {
                    return Applied::Reload;
                };
                let at = self.records.projects.len();
                self.records.projects.push(Project {
                    id: ProjectId(id),
                    role: *role,
                    person: *person,
                    title: title.clone(),
                    status: ProjectStatus::Current,
                });
                self.project_at.insert(ProjectId(id), at);
                self.projects_of_role.entry(*role).or_default().push(at);
            }
            Effect::CreateTension {
                person,
                role,
                circle,
                text,
                kind,
            } => {
                let Some(id) = created else {
                    return Applied::Reload;
                };
                let at = self.records.tensions.len();
                self.records.tensions.push(Tension {
                    id: TensionId(id),
                    person: *person,
                    role: *role,
                    circle: *circle,
                    text: text.clone(),
                    kind: *kind,
                    open: true,
                });
                self.tension_at.insert(TensionId(id), at);
                self.tensions_of_circle.entry(*circle).or_default().push(at);
            }
            Effect::ProcessTension { tension } => {
                let Some(&at) = self.tension_at.get(tension) else {
                    return Applied::Reload;
                };
                if let Some(t) = self.records.tensions.get_mut(at) {
                    t.open = false;
                }
            }
            Effect::EndMeeting
            | Effect::ApplyGovernance { .. }
            | Effect::AssignElected { .. }
            | Effect::Undo { .. } => {}
        }
        Applied::Done
    }
}
