//! What a meeting's effect does to the organisation in memory, so that an entry needs no
//! reload of the whole organisation from the store.
//!
//! Owns: `Organisation::apply` and `Stamp`; `apply` changes the records and their indexes
//! exactly as the store's write of the same effect changes what a reload would read (a
//! property test holds the two to that). An adoption or an election is `govern_apply`'s; taking an
//! entry back is `retract`'s.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::retract::Source;
use super::{
    Breakdown, ChecklistMark, MetricValue, NextAction, Organisation, Project, ProjectStatus,
    StatusChange, Tension, UpdateRequest,
};
use crate::domain::ids::*;
use crate::domain::meeting::Effect;
use chrono::{DateTime, NaiveDate, Utc};
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

/// The entry that wrote some effects, as the records it makes name it: which entry, when,
/// who recorded it (the program's `--as`), and the label of the proposal it adopted, if it
/// is a proposal's entry (the governance record's versions carry them).
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp {
    pub source: Source,
    pub at: DateTime<Utc>,
    pub recorded_by: Option<String>,
    pub proposal: Option<String>,
}

impl Stamp {
    /// An entry recorded at `at` by nobody named, adopting no proposal.
    pub fn at(source: Source, at: DateTime<Utc>) -> Stamp {
        Stamp {
            source,
            at,
            recorded_by: None,
            proposal: None,
        }
    }
}

impl Organisation {
    /// Whether `apply` can apply this kind of effect in memory (otherwise: reload). Taking
    /// an entry back is `retract`'s, in memory for the latest entries applied here.
    pub fn applies_in_memory(effect: &Effect) -> bool {
        !matches!(effect, Effect::Undo { .. })
    }

    /// Applies one effect of an entry the store has just written (`stamp`). `created` are the
    /// ids of the rows the store created for it, in order (`Appended::created`): a next
    /// action's, project's or tension's; an adoption's or an election's, one per record its
    /// rows create (`plan_governance`).
    pub fn apply(&mut self, effect: &Effect, created: &[i64], stamp: &Stamp) -> Applied {
        if let Some(applied) = self.apply_recorded(effect, created, stamp) {
            return applied;
        }
        let at = stamp.at;
        let created_one = created.first().copied();
        let done = match effect {
            Effect::AnswerChecklist {
                item,
                period,
                checked,
            } => self.add_mark(*item, *period, *checked),
            Effect::RecordMetric {
                metric,
                period,
                value,
                comment,
            } => self.add_value(MetricValue {
                metric: *metric,
                period: *period,
                value: *value,
                comment: comment.clone(),
            }),
            Effect::UpdateProject {
                project, status, ..
            } => self.set_project_status(*project, *status, at),
            Effect::CreateNextAction { role, person, text } => created_one.is_some_and(|id| {
                self.add_next_action(NextAction {
                    id: NextActionId(id),
                    role: *role,
                    person: *person,
                    text: text.clone(),
                    done: false,
                    since: Some(at),
                    done_at: None,
                })
            }),
            Effect::CreateProject {
                role,
                person,
                title,
            } => created_one.is_some_and(|id| {
                self.add_project(Project {
                    id: ProjectId(id),
                    role: *role,
                    person: *person,
                    title: title.clone(),
                    status: ProjectStatus::Current,
                    since: Some(at),
                })
            }),
            Effect::CreateTension {
                person,
                role,
                circle,
                text,
                kind,
            } => created_one.is_some_and(|id| {
                self.add_tension(Tension {
                    id: TensionId(id),
                    person: *person,
                    role: *role,
                    circle: *circle,
                    text: text.clone(),
                    kind: *kind,
                    open: true,
                    since: Some(at),
                    closed_at: None,
                })
            }),
            // As the store: taking onto an agenda closes it whatever it was, dropping only an
            // open one.
            Effect::ProcessTension { tension } => self.close_tension(*tension, at, false),
            Effect::DropTension { tension } => self.close_tension(*tension, at, true),
            Effect::CompleteNextAction { action } => self.complete_next_action(*action, at),
            // Memory holds the entry itself (`note_work`); this is the store's index of it.
            Effect::EndMeeting | Effect::NoteWork { .. } => true,
            // The rest are `apply_recorded`'s (above); a retraction is `retract`'s.
            _ => false,
        };
        if done { Applied::Done } else { Applied::Reload }
    }

    /// Applies an adoption, an election, a breakdown declared or a request for updates opened
    /// or ended, all of which the governance meeting's and the circle's records keep; `None`
    /// for any other effect.
    fn apply_recorded(
        &mut self,
        effect: &Effect,
        created: &[i64],
        stamp: &Stamp,
    ) -> Option<Applied> {
        let at = stamp.at;
        Some(match effect {
            Effect::ApplyGovernance { .. } | Effect::AssignElected { .. } => {
                self.apply_governance(effect, created, stamp)
            }
            Effect::DeclareBreakdown {
                circle,
                declared_by,
                reason,
            } => self.add_breakdown(Breakdown {
                circle: *circle,
                declared_at: at,
                declared_by: declared_by.clone(),
                reason: reason.clone(),
                meeting: Some(stamp.source.meeting),
                restored_at: None,
                restored_by: None,
            }),
            Effect::RequestUpdates { project, by } => self.add_update_request(UpdateRequest {
                project: *project,
                by: *by,
                requested_at: at,
                ended_at: None,
            }),
            Effect::EndUpdateRequest { project } => {
                let open = (self.records.update_requests.iter_mut())
                    .filter(|r| r.project == *project && r.ended_at.is_none());
                open.for_each(|r| r.ended_at = Some(at));
                Applied::Done
            }
            _ => return None,
        })
    }

    /// A breakdown declared, where a reload reads it (by its declaration's time, then as
    /// written).
    fn add_breakdown(&mut self, b: Breakdown) -> Applied {
        let all = &mut self.records.breakdowns;
        let at = all.partition_point(|o| o.declared_at <= b.declared_at);
        all.insert(at, b);
        Applied::Done
    }

    /// A request for updates, where a reload reads it (by when it was asked, then as written).
    fn add_update_request(&mut self, request: UpdateRequest) -> Applied {
        let all = &mut self.records.update_requests;
        let at = all.partition_point(|o| o.requested_at <= request.requested_at);
        all.insert(at, request);
        Applied::Done
    }

    fn add_mark(&mut self, item: ChecklistItemId, period: NaiveDate, checked: bool) -> bool {
        let at = self.records.checklist_marks.len();
        self.records.checklist_marks.push(ChecklistMark {
            item,
            period,
            checked,
        });
        let marks = &self.records.checklist_marks;
        insert_by_period(
            &mut self.marks_of_item,
            item,
            at,
            |i| marks.get(i).map(|m| m.period),
            period,
        );
        true
    }

    fn add_value(&mut self, value: MetricValue) -> bool {
        let (metric, period) = (value.metric, value.period);
        let at = self.records.metric_values.len();
        self.records.metric_values.push(value);
        let values = &self.records.metric_values;
        insert_by_period(
            &mut self.values_of_metric,
            metric,
            at,
            |i| values.get(i).map(|v| v.period),
            period,
        );
        true
    }

    /// Moves a held project to `status`, noting the change; one not held (its role's
    /// records were not read: no screen showed them) is the store's alone, and nothing here
    /// changes.
    fn set_project_status(
        &mut self,
        project: ProjectId,
        status: ProjectStatus,
        at: DateTime<Utc>,
    ) -> bool {
        let found = self.entry_rows.project_at.get(&project).copied();
        let Some(p) = found.and_then(|i| self.records.projects.get_mut(i)) else {
            return true;
        };
        if p.status != status {
            let before = p.status;
            p.status = status;
            self.add_status_change(StatusChange {
                project,
                at,
                before,
            });
        }
        true
    }

    pub(super) fn add_status_change(&mut self, change: StatusChange) {
        (self.entry_rows.status_changes_of.entry(change.project))
            .or_default()
            .push(self.records.status_changes.len());
        self.records.status_changes.push(change);
    }

    pub(super) fn add_next_action(&mut self, action: NextAction) -> bool {
        let at = self.records.next_actions.len();
        self.entry_rows.next_action_at.insert(action.id, at);
        self.entry_rows
            .actions_of_role
            .entry(action.role)
            .or_default()
            .push(at);
        self.entry_rows
            .actions_of_person
            .entry(action.person)
            .or_default()
            .push(at);
        self.records.next_actions.push(action);
        true
    }

    pub(super) fn add_project(&mut self, project: Project) -> bool {
        let at = self.records.projects.len();
        self.entry_rows.project_at.insert(project.id, at);
        self.entry_rows
            .projects_of_role
            .entry(project.role)
            .or_default()
            .push(at);
        self.records.projects.push(project);
        true
    }

    fn add_tension(&mut self, tension: Tension) -> bool {
        let at = self.records.tensions.len();
        self.tension_at.insert(tension.id, at);
        self.tensions_of_circle
            .entry(tension.circle)
            .or_default()
            .push(at);
        self.tensions_of_person
            .entry(tension.person)
            .or_default()
            .push(at);
        self.records.tensions.push(tension);
        true
    }

    /// Marks it done at `at`; one already done stays as it was (as the store's write), one
    /// not held is the store's alone.
    fn complete_next_action(&mut self, action: NextActionId, at: DateTime<Utc>) -> bool {
        let found = self.entry_rows.next_action_at.get(&action).copied();
        if let Some(n) = found.and_then(|i| self.records.next_actions.get_mut(i))
            && !n.done
        {
            n.done = true;
            n.done_at = Some(at);
        }
        true
    }

    fn close_tension(&mut self, tension: TensionId, at: DateTime<Utc>, only_open: bool) -> bool {
        let found = self.tension_at.get(&tension).copied();
        found
            .and_then(|i| self.records.tensions.get_mut(i))
            .map(|t| {
                if t.open || !only_open {
                    t.open = false;
                    t.closed_at = Some(at);
                }
            })
            .is_some()
    }
}
