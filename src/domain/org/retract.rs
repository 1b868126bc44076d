//! Taking back a meeting's entry in memory, as the store's retraction does, so that a
//! facilitator's `u` needs no reload of the whole organisation: the organisation remembers
//! how to undo what each of the last entries applied here changed (the answer or value it
//! added, the row it created, the status it moved, the action it marked done, the tension it
//! closed; the rows an adoption or an election wrote, the breakdown declared, the request for
//! updates opened or ended), and undoes exactly that. Where it cannot be sure it would end as
//! a reload would (an entry not applied here, or something recorded since in the way; for an
//! adoption, an election, a breakdown or a request for updates, anything recorded since that
//! changed the organisation) it answers `Reload`.
//!
//! Owns: `Source`, `Organisation::apply_entry` and `Organisation::retract`; putting back an
//! adoption's or an election's rows is `govern_retract`'s. Must not
//! import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::govern_retract::Was;
use super::{Applied, Organisation, ProjectStatus, Stamp, UpdateRequest};
use crate::domain::ids::*;
use crate::domain::meeting::Effect;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::hash::Hash;

/// How many of the latest entries can be taken back in memory.
const REMEMBERED: usize = 64;

/// Which entry wrote some effects: its meeting and its place in the meeting's log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub meeting: MeetingId,
    pub seq: u64,
}

/// How to take back one change an applied effect made.
#[derive(Debug, Clone, PartialEq)]
enum Inverse {
    /// The answer added, at this position of the answers.
    Mark(ChecklistItemId, usize),
    /// The value added, at this position of the values.
    Value(MetricId, usize),
    /// A status update: the status before it, which the store's retraction puts back
    /// whatever came since, and whether it was a change (the change is then taken out).
    Status(ProjectId, ProjectStatus, bool),
    /// The project created: it goes.
    Project(ProjectId),
    /// The next action created: it goes.
    Action(NextActionId),
    /// The tension noted: it goes.
    Tension(TensionId),
    /// The next action marked done: it is open again.
    Done(NextActionId),
    /// The tension processed or dropped: it is open again.
    Reopen(TensionId),
    /// The rows an adoption or an election wrote, with how what they changed stood before.
    Rows(Vec<Was>),
    /// The breakdown declared, at this position of the breakdowns.
    Breakdown(usize),
    /// The request for updates opened, at this position of the requests.
    Request(usize),
    /// The requests for updates ended, at these positions.
    Unended(Vec<usize>),
}

/// An entry applied here, with how to take back what it changed, newest last.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Written {
    source: Source,
    at: DateTime<Utc>,
    undo: Vec<Inverse>,
}

/// Removes position `at`, the last of its record vector, from the group of `key`.
fn ungroup<K: Hash + Eq>(groups: &mut HashMap<K, Vec<usize>>, key: &K, at: usize) -> bool {
    let Some(group) = groups.get_mut(key) else {
        return false;
    };
    let Some(place) = group.iter().rposition(|&i| i == at) else {
        return false;
    };
    group.remove(place);
    if group.is_empty() {
        groups.remove(key);
    }
    true
}

impl Organisation {
    /// Applies the effects of the entry `stamp` names (with the ids of the rows the store
    /// created for them), and remembers how to take them back. A retraction among them takes
    /// back the entry it names.
    pub fn apply_entry(&mut self, stamp: &Stamp, effects: &[(Effect, Vec<i64>)]) -> Applied {
        let (source, at) = (stamp.source, stamp.at);
        let mut undo = Vec::new();
        for (effect, created) in effects {
            let applied = match effect {
                Effect::Undo { seq } => self.retract(source.meeting, *seq),
                _ => self.apply_one(effect, created, stamp, &mut undo),
            };
            if applied == Applied::Reload {
                self.recent.clear();
                return Applied::Reload;
            }
        }
        if self.recent.len() == REMEMBERED {
            self.recent.remove(0);
        }
        self.recent.push(Written { source, at, undo });
        Applied::Done
    }

    /// Applies one effect and notes how to take back what it changed, as the store's
    /// retraction would: an action only if this entry marked it done (the store's write
    /// marks only one not done), a tension taken onto an agenda always (the store's write
    /// names this entry however it stood), a dropped one only if it was open.
    fn apply_one(
        &mut self,
        effect: &Effect,
        created: &[i64],
        stamp: &Stamp,
        undo: &mut Vec<Inverse>,
    ) -> Applied {
        if let Some(applied) = self.apply_recorded_one(effect, created, stamp, undo) {
            return applied;
        }
        let created_one = created.first().copied();
        let changes_before = self.records.status_changes.len();
        let status_before = |o: &Organisation, p| o.project(p).map(|p| p.status);
        let open_held = |o: &Organisation, a| o.next_action(a).is_some_and(|a| !a.done);
        let was_open = |o: &Organisation, t| o.tension(t).is_some_and(|t| t.open);
        let inverse = match effect {
            Effect::AnswerChecklist { item, .. } => {
                Some(Inverse::Mark(*item, self.records.checklist_marks.len()))
            }
            Effect::RecordMetric { metric, .. } => {
                Some(Inverse::Value(*metric, self.records.metric_values.len()))
            }
            Effect::CreateNextAction { .. } => {
                created_one.map(|id| Inverse::Action(NextActionId(id)))
            }
            Effect::CreateProject { .. } => created_one.map(|id| Inverse::Project(ProjectId(id))),
            Effect::CreateTension { .. } => created_one.map(|id| Inverse::Tension(TensionId(id))),
            Effect::CompleteNextAction { action } => {
                open_held(self, *action).then_some(Inverse::Done(*action))
            }
            Effect::UpdateProject { project, .. } => {
                status_before(self, *project).map(|before| Inverse::Status(*project, before, false))
            }
            Effect::ProcessTension { tension } => Some(Inverse::Reopen(*tension)),
            Effect::DropTension { tension } => {
                was_open(self, *tension).then_some(Inverse::Reopen(*tension))
            }
            _ => None,
        };
        if self.apply(effect, created, stamp) == Applied::Reload {
            return Applied::Reload;
        }
        let changed = self.records.status_changes.len() > changes_before;
        undo.extend(inverse.map(|inverse| match inverse {
            Inverse::Status(project, before, _) => Inverse::Status(project, before, changed),
            other => other,
        }));
        Applied::Done
    }

    /// Applies an adoption, an election, a breakdown declared or a request for updates opened
    /// or ended, noting how to take it back; `None` for any other effect.
    fn apply_recorded_one(
        &mut self,
        effect: &Effect,
        created: &[i64],
        stamp: &Stamp,
        undo: &mut Vec<Inverse>,
    ) -> Option<Applied> {
        let requests = |o: &Organisation, is: &dyn Fn(&UpdateRequest) -> bool| -> Vec<usize> {
            let all = o.records.update_requests.iter().enumerate();
            all.filter(|(_, r)| is(r)).map(|(i, _)| i).collect()
        };
        let inverse = match effect {
            Effect::ApplyGovernance { .. } | Effect::AssignElected { .. } => {
                let Some(was) = self.noting_governance(effect, created, stamp) else {
                    return Some(Applied::Reload);
                };
                undo.push(Inverse::Rows(was));
                return Some(Applied::Done);
            }
            Effect::EndUpdateRequest { project } => Some(Inverse::Unended(requests(self, &|r| {
                r.project == *project && r.ended_at.is_none()
            }))),
            Effect::DeclareBreakdown { .. } | Effect::RequestUpdates { .. } => None,
            _ => return None,
        };
        if self.apply(effect, created, stamp) == Applied::Reload {
            return Some(Applied::Reload);
        }
        let meeting = Some(stamp.source.meeting);
        let inverse = match effect {
            Effect::DeclareBreakdown { circle, .. } => (self.records.breakdowns.iter())
                .rposition(|b| {
                    b.circle == *circle && b.declared_at == stamp.at && b.meeting == meeting
                })
                .map(Inverse::Breakdown),
            Effect::RequestUpdates { project, by } => requests(self, &|r| {
                r.project == *project && r.by == *by && r.requested_at == stamp.at
            })
            .last()
            .copied()
            .map(Inverse::Request),
            _ => inverse,
        };
        match inverse {
            Some(inverse) => undo.push(inverse),
            None => return Some(Applied::Reload),
        }
        Some(Applied::Done)
    }

    /// Takes back entry `seq` of `meeting` as the store's retraction does (its rows deleted,
    /// what it changed as it was), when it is one of the latest applied here.
    pub fn retract(&mut self, meeting: MeetingId, seq: u64) -> Applied {
        let found = self
            .recent
            .iter()
            .rposition(|w| w.source == Source { meeting, seq });
        let Some((i, written)) = found.map(|i| (i, self.recent.remove(i))) else {
            return Applied::Reload;
        };
        // What the governance record, the breakdowns and the requests keep is taken back
        // only when nothing since changed the organisation (the store's undo restores each
        // record as it stood before the entry).
        let recorded = written.undo.iter().any(|inverse| {
            matches!(
                inverse,
                Inverse::Rows(_)
                    | Inverse::Breakdown(_)
                    | Inverse::Request(_)
                    | Inverse::Unended(_)
            )
        });
        if recorded && self.recent[i..].iter().any(|w| !w.undo.is_empty()) {
            return Applied::Reload;
        }
        let undone = written
            .undo
            .iter()
            .rev()
            .all(|inverse| self.take_back(inverse, written.at));
        if undone {
            Applied::Done
        } else {
            Applied::Reload
        }
    }

    /// Takes back one change; false when the organisation is no longer as it left it.
    fn take_back(&mut self, inverse: &Inverse, at: DateTime<Utc>) -> bool {
        let r = &mut self.records;
        match *inverse {
            Inverse::Mark(item, at) => {
                at + 1 == r.checklist_marks.len()
                    && r.checklist_marks.last().is_some_and(|m| m.item == item)
                    && ungroup(&mut self.marks_of_item, &item, at)
                    && r.checklist_marks.pop().is_some()
            }
            Inverse::Value(metric, at) => {
                at + 1 == r.metric_values.len()
                    && r.metric_values.last().is_some_and(|v| v.metric == metric)
                    && ungroup(&mut self.values_of_metric, &metric, at)
                    && r.metric_values.pop().is_some()
            }
            Inverse::Status(project, before, changed) => {
                self.restore_status(project, before, changed, at)
            }
            Inverse::Project(id) => self.remove_project(id),
            Inverse::Action(id) => self.remove_action(id),
            Inverse::Tension(id) => self.remove_tension(id),
            Inverse::Done(id) => self.reopen_action(id, at),
            Inverse::Reopen(id) => self.reopen_tension(id, at),
            Inverse::Rows(ref was) => self.put_back(was),
            Inverse::Breakdown(i) => {
                let made = r.breakdowns.get(i).is_some_and(|b| b.declared_at == at);
                made && {
                    r.breakdowns.remove(i);
                    true
                }
            }
            Inverse::Request(i) => {
                let made = r
                    .update_requests
                    .get(i)
                    .is_some_and(|q| q.requested_at == at);
                made && {
                    r.update_requests.remove(i);
                    true
                }
            }
            Inverse::Unended(ref ended) => ended.iter().all(|&i| {
                let request = r.update_requests.get_mut(i);
                request
                    .filter(|q| q.ended_at == Some(at))
                    .map(|q| q.ended_at = None)
                    .is_some()
            }),
        }
    }

    /// Puts a project's status back to `before`; a status change (`changed`) made at `at` is
    /// taken out, when it is the latest one (a later change stands in the way).
    fn restore_status(
        &mut self,
        project: ProjectId,
        before: ProjectStatus,
        changed: bool,
        at: DateTime<Utc>,
    ) -> bool {
        let r = &mut self.records;
        if changed {
            let last = r.status_changes.len().wrapping_sub(1);
            let made = r
                .status_changes
                .last()
                .is_some_and(|c| c.project == project && c.at == at);
            if !(made && ungroup(&mut self.entry_rows.status_changes_of, &project, last)) {
                return false;
            }
            r.status_changes.pop();
        }
        let found = self.entry_rows.project_at.get(&project).copied();
        found
            .and_then(|i| r.projects.get_mut(i))
            .map(|p| p.status = before)
            .is_some()
    }

    /// Removes the project the entry created, when it is still the latest one.
    fn remove_project(&mut self, id: ProjectId) -> bool {
        let r = &mut self.records;
        let last = r.projects.len().wrapping_sub(1);
        let Some(role) = r.projects.last().filter(|p| p.id == id).map(|p| p.role) else {
            return false;
        };
        ungroup(&mut self.entry_rows.projects_of_role, &role, last)
            && self.entry_rows.project_at.remove(&id).is_some()
            && r.projects.pop().is_some()
    }

    /// Removes the next action the entry created, when it is still the latest one.
    fn remove_action(&mut self, id: NextActionId) -> bool {
        let r = &mut self.records;
        let last = r.next_actions.len().wrapping_sub(1);
        let Some((role, person)) = r
            .next_actions
            .last()
            .filter(|a| a.id == id)
            .map(|a| (a.role, a.person))
        else {
            return false;
        };
        ungroup(&mut self.entry_rows.actions_of_role, &role, last)
            && ungroup(&mut self.entry_rows.actions_of_person, &person, last)
            && self.entry_rows.next_action_at.remove(&id).is_some()
            && r.next_actions.pop().is_some()
    }

    /// Removes the tension the entry created, when it is still the latest one.
    fn remove_tension(&mut self, id: TensionId) -> bool {
        let r = &mut self.records;
        let last = r.tensions.len().wrapping_sub(1);
        let Some((circle, person)) = r
            .tensions
            .last()
            .filter(|t| t.id == id)
            .map(|t| (t.circle, t.person))
        else {
            return false;
        };
        ungroup(&mut self.tensions_of_circle, &circle, last)
            && ungroup(&mut self.tensions_of_person, &person, last)
            && self.tension_at.remove(&id).is_some()
            && r.tensions.pop().is_some()
    }

    /// Opens again a next action the entry marked done at `at`.
    fn reopen_action(&mut self, id: NextActionId, at: DateTime<Utc>) -> bool {
        let at_index = self.entry_rows.next_action_at.get(&id).copied();
        match at_index.and_then(|i| self.records.next_actions.get_mut(i)) {
            Some(a) if a.done && a.done_at == Some(at) => {
                a.done = false;
                a.done_at = None;
                true
            }
            // Open again already (its marking taken back since): nothing names it.
            Some(a) => !a.done,
            // Gone (its making taken back): the store's write finds nothing either.
            None => true,
        }
    }

    /// Opens again a tension the entry closed (took onto an agenda, or dropped) at `at`.
    fn reopen_tension(&mut self, id: TensionId, at: DateTime<Utc>) -> bool {
        let at_index = self.tension_at.get(&id).copied();
        match at_index.and_then(|i| self.records.tensions.get_mut(i)) {
            Some(t) if !t.open && t.closed_at == Some(at) => {
                t.open = true;
                t.closed_at = None;
                true
            }
            // Open again already (a later closing of it taken back): nothing to do.
            Some(t) => t.open,
            // Gone (its noting taken back): the store's write finds nothing either.
            None => true,
        }
    }
}
