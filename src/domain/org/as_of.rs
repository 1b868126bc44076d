//! The organisation as it stood on a past date, rebuilt from the governance record's
//! versions: roles and policies created later are left out, removed ones come back, amended
//! and moved ones show their state of that day; sub-circles expanded later are not there yet
//! and those collapsed or removed since are back.
//!
//! Fillers are those whose assignment had begun by the end of that day and not yet ended
//! (one made by the adoption began with it; one from before the record, in a database older
//! than the recorded adoption, has always been);
//! people who left later are members again. Projects, next actions and tensions recorded
//! later (in a meeting, a review or someone's own work) are not there, and what later entries
//! changed on earlier ones (a status, done, taken onto an agenda) is as it was. An entry of
//! someone's own work taken back later is in the histories of that day as standing, as an
//! assignment taken back later is (its taking back had not happened yet). Metric values and
//! checklist answers are those given by then (for periods that had ended); a checklist item
//! added later is not there, and items and metrics ended since are still asked.
//!
//! Owns: that reconstruction. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs.

use super::{
    Assignment, ChecklistItem, ChecklistMark, Circle, Frequency, Metric, MetricValue, OrgRecords,
    Organisation, Policy, ProjectStatus, RecordVersion, Reported, Role,
};
use crate::domain::meeting::period_after;

/// What an organisation "as of a date" remembers of it: the end of that day (none: always),
/// and the own-work entries that stood then and were taken back since (`standing_then`),
/// so that a role's records read later are put as they stood (`tracked_then`).
#[derive(Debug, Clone, Default)]
pub(super) struct AsOf {
    day: NaiveDate,
    end: Option<DateTime<Utc>>,
    standing: Vec<(DateTime<Utc>, WorkEntry)>,
}
use crate::domain::ids::{ChecklistItemId, CircleId, MetricId, PolicyId, ProjectId, RoleId};
use crate::domain::org_log::{OrgChange, OrgEntry};
use crate::domain::work::{WorkEntry, WorkNote};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::collections::{HashMap, HashSet};

/// The first moment after `date` (its end), if there is one.
fn end_of(date: NaiveDate) -> Option<DateTime<Utc>> {
    date.succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| Utc.from_utc_datetime(&t))
}

/// How a role or policy stood at the end of `date`: `Some(version)` for its state then,
/// `None` if it did not exist (created later, or removed by then). Without versions it has
/// always been as it is.
fn state_on<'a>(
    history: &[&'a RecordVersion],
    date: NaiveDate,
) -> Option<Option<&'a RecordVersion>> {
    if history.is_empty() {
        return None;
    }
    let end = end_of(date);
    let then = history
        .iter()
        .rev()
        .find(|v| end.is_none_or(|end| v.recorded_at < end))
        .copied();
    Some(match then {
        Some(v) if v.removed => None,
        Some(v) => Some(v),
        // Nothing recorded by then: the baseline if it existed before its first change.
        None => history.first().filter(|v| v.baseline).copied(),
    })
}

/// Takes back what entries after `end` changed on the items that were there: a project's
/// status moved later is the one it had (the first later change's "before"), an action
/// marked done later is open, a tension taken onto an agenda or dropped later is open.
fn undo_later_changes(records: &mut OrgRecords, end: DateTime<Utc>) {
    let mut first_later: HashMap<ProjectId, ProjectStatus> = HashMap::new();
    for change in records.status_changes.iter().filter(|c| c.at >= end) {
        first_later.entry(change.project).or_insert(change.before);
    }
    records.status_changes.retain(|c| c.at < end);
    for project in &mut records.projects {
        if let Some(before) = first_later.get(&project.id) {
            project.status = *before;
        }
    }
    for action in &mut records.next_actions {
        if action.done_at.is_some_and(|at| at >= end) {
            action.done = false;
            action.done_at = None;
        }
    }
    for tension in &mut records.tensions {
        if tension.closed_at.is_some_and(|at| at >= end) {
            tension.open = true;
            tension.closed_at = None;
        }
    }
}

/// The own-work entries made before `end` and taken back after it: they still stood then.
/// Oldest first, as they were made (the organisation holds them in the order they came in).
fn standing_at(work: &[WorkNote], end: DateTime<Utc>) -> Vec<(DateTime<Utc>, WorkEntry)> {
    let mut standing: Vec<_> = (work.iter())
        .filter(|n| n.at < end && n.taken_back.is_some_and(|back| back >= end))
        .map(|n| (n.at, n.entry.clone()))
        .collect();
    standing.sort_by_key(|(at, _)| *at);
    standing
}

/// What own-work entries taken back after `end` had changed, as it stood then (`standing`,
/// from `standing_at`): an action marked done, a project's status, a tension dropped (the
/// take-back put the rows back as they were, so they are put as the entry left them). Rows
/// such an entry created went with the take-back and are not there to show.
fn standing_then(records: &mut OrgRecords, standing: &[(DateTime<Utc>, WorkEntry)]) {
    for (at, entry) in standing {
        let at = *at;
        match entry {
            WorkEntry::NextActionDone { action } => {
                if let Some(a) = records.next_actions.iter_mut().find(|a| a.id == *action) {
                    a.done = true;
                    a.done_at = Some(at);
                }
            }
            WorkEntry::ProjectStatus {
                project, status, ..
            } => {
                if let Some(p) = records.projects.iter_mut().find(|p| p.id == *project) {
                    p.status = *status;
                }
            }
            WorkEntry::TensionDropped { tension } => {
                if let Some(t) = records.tensions.iter_mut().find(|t| t.id == *tension) {
                    t.open = false;
                    t.closed_at = Some(at);
                }
            }
            WorkEntry::NextAction { .. }
            | WorkEntry::Project { .. }
            | WorkEntry::Tension { .. } => {}
        }
    }
}

/// Projects, next actions and tensions as they stood before `end`: those recorded later (in
/// a meeting, a review or someone's own work) left out, what later entries changed on the
/// others as it was, what own work taken back since had changed (`standing`) as it stood.
fn entry_rows_then(
    records: &mut OrgRecords,
    end: Option<DateTime<Utc>>,
    standing: &[(DateTime<Utc>, WorkEntry)],
) {
    let made = |since: Option<DateTime<Utc>>| since.is_none_or(|s| end.is_none_or(|end| s < end));
    records.projects.retain(|p| made(p.since));
    records.next_actions.retain(|a| made(a.since));
    records.tensions.retain(|t| made(t.since));
    if let Some(end) = end {
        undo_later_changes(records, end);
        standing_then(records, standing);
    }
}

/// Each assignment's focus as it stood before `end`: the log's later entries rewound newest
/// first, a focus change giving back the focus it replaced, a taking back of one giving back
/// the focus it had set.
fn focus_then(assignments: &mut [Assignment], log: &[OrgEntry], end: DateTime<Utc>) {
    let focus_change = |seq: u64| {
        log.iter()
            .find(|e| e.seq == seq)
            .and_then(|e| match &e.change {
                OrgChange::FocusChanged { assignment, to, .. } => Some((*assignment, to.clone())),
                _ => None,
            })
    };
    for entry in log.iter().rev().take_while(|e| e.at >= end) {
        let (assignment, focus) = match &entry.change {
            OrgChange::FocusChanged {
                assignment, from, ..
            } => (*assignment, from.clone()),
            OrgChange::Undone { seq } => match focus_change(*seq) {
                Some(set) => set,
                None => continue,
            },
            _ => continue,
        };
        if let Some(a) = assignments.iter_mut().find(|a| a.id == assignment) {
            a.focus = focus;
        }
    }
}

impl Organisation {
    /// The sub-circles as they stood at the end of `date`, from their versions: one expanded
    /// from a role later is not there yet, one collapsed or removed since is back, with its
    /// definition of that day (4.1 §2.6-2.6.2; 5.0 §5.2 with §1.3.1).
    fn sub_circles_as_of(&self, circles: &mut Vec<Circle>, date: NaiveDate) {
        let mut then: HashMap<CircleId, Option<Circle>> = HashMap::new();
        for id in self.records.versions.iter().filter_map(|v| v.sub_circle) {
            if then.contains_key(&id) {
                continue;
            }
            let history: Vec<&RecordVersion> = self.history_of_circle(id).collect();
            let now = self.circle(id);
            let circle = state_on(&history, date).flatten().map(|v| Circle {
                id,
                parent: Some(v.circle),
                name: v.name.clone(),
                purpose: v.text.clone(),
                strategy: now.and_then(|c| c.strategy.clone()),
                domains: v.domains.clone(),
                accountabilities: v.accountabilities.clone(),
            });
            then.insert(id, circle);
        }
        circles.retain(|c| !then.contains_key(&c.id));
        circles.extend(then.into_values().flatten());
        circles.sort_by_key(|c| c.id);
    }

    /// The organisation as it stood at the end of `date`.
    pub fn as_of(&self, date: NaiveDate) -> Organisation {
        let mut records = self.records.clone();
        self.roles_as_of(&mut records.roles, date);
        self.policies_as_of(&mut records.policies, date);
        self.sub_circles_as_of(&mut records.circles, date);
        let end = end_of(date);
        assignments_then(&mut records, end);
        let standing = end
            .map(|end| standing_at(&records.work, end))
            .unwrap_or_default();
        entry_rows_then(&mut records, end, &standing);
        records_then(&mut records, end);
        let (mut values, mut marks) = (
            std::mem::take(&mut records.metric_values),
            std::mem::take(&mut records.checklist_marks),
        );
        reports_then(&records, &mut values, &mut marks, date);
        (records.metric_values, records.checklist_marks) = (values, marks);
        // The organisation's log as it stood then: later entries had not happened yet.
        records.log.retain(|e| end.is_none_or(|end| e.at < end));
        if let Some(end) = end {
            work_then(&mut records.work, end);
        }
        for person in &mut records.people {
            if person.left.is_some_and(|l| end.is_some_and(|end| l >= end)) {
                person.left = None;
            }
        }
        let mut then = Organisation::new(records);
        then.reports_held = self.reports_held.clone();
        then.as_of = Some(AsOf {
            day: date,
            end,
            standing,
        });
        then
    }

    /// The projects, status changes and next actions of `reported` (read as they stand
    /// today) as they stood at the end of the day this organisation is as of, if it is one
    /// (`as_of`): what a role shown later holds is of that day, as what it held then.
    pub(super) fn tracked_then(&mut self, reported: &mut Reported) {
        let Some(AsOf { day, end, standing }) = &mut self.as_of else {
            return;
        };
        reports_then(
            &self.records,
            &mut reported.values,
            &mut reported.marks,
            *day,
        );
        // The roles' own-work entries came with them: those taken back since still stood.
        if let Some(end) = *end {
            standing.extend(standing_at(&reported.work, end));
            work_then(&mut reported.work, end);
        }
        let mut records = OrgRecords {
            projects: std::mem::take(&mut reported.projects),
            status_changes: std::mem::take(&mut reported.status_changes),
            next_actions: std::mem::take(&mut reported.next_actions),
            ..OrgRecords::default()
        };
        entry_rows_then(&mut records, *end, standing);
        reported.projects = records.projects;
        reported.status_changes = records.status_changes;
        reported.next_actions = records.next_actions;
    }

    /// The roles as they stood at the end of `date`: each role governance changed in its
    /// state that day, or left out if it did not exist then.
    fn roles_as_of(&self, roles: &mut Vec<Role>, date: NaiveDate) {
        let mut then: HashMap<RoleId, Option<Role>> = HashMap::new();
        for id in self.records.versions.iter().filter_map(|v| v.role) {
            if then.contains_key(&id) {
                continue;
            }
            let history: Vec<&RecordVersion> = self.history_of(id).collect();
            let role = state_on(&history, date).flatten().map(|v| Role {
                id,
                circle: v.circle,
                name: v.name.clone(),
                purpose: v.text.clone(),
                domains: v.domains.clone(),
                accountabilities: v.accountabilities.clone(),
                core: v.core.unwrap_or_else(|| self.role(id).and_then(|r| r.core)),
            });
            then.insert(id, role);
        }
        roles.retain(|r| !then.contains_key(&r.id));
        roles.extend(then.into_values().flatten());
        roles.sort_by_key(|r| (r.circle, r.core.is_none(), r.id));
    }

    /// The policies as they stood at the end of `date`, as `roles_as_of` does for roles.
    fn policies_as_of(&self, policies: &mut Vec<Policy>, date: NaiveDate) {
        let mut then: HashMap<PolicyId, Option<Policy>> = HashMap::new();
        for id in self.records.versions.iter().filter_map(|v| v.policy) {
            if then.contains_key(&id) {
                continue;
            }
            let history: Vec<&RecordVersion> = self
                .records
                .versions
                .iter()
                .filter(|v| v.policy == Some(id))
                .collect();
            let policy = state_on(&history, date).flatten().map(|v| Policy {
                id,
                circle: v.circle,
                role: v.holder,
                name: v.name.clone(),
                text: v.text.clone(),
            });
            then.insert(id, policy);
        }
        policies.retain(|p| !then.contains_key(&p.id));
        policies.extend(then.into_values().flatten());
        policies.sort_by_key(|p| p.id);
    }
}

/// The assignments as they stood before `end` (the end of the day; none: always), of the
/// roles there then: begun and not yet ended, with their focus of then; those ended by then
/// are the ended ones.
fn assignments_then(records: &mut OrgRecords, end: Option<DateTime<Utc>>) {
    let existing: HashSet<RoleId> = records.roles.iter().map(|r| r.id).collect();
    let began = |a: &Assignment| a.since.is_none_or(|s| end.is_none_or(|end| s < end));
    let lasted = |a: &Assignment| a.until.is_none_or(|u| end.is_some_and(|end| u >= end));
    let mut then: Vec<Assignment> = records
        .assignments
        .iter()
        .chain(&records.ended_assignments)
        .filter(|a| existing.contains(&a.role) && began(a) && lasted(a))
        .cloned()
        .map(|a| Assignment { until: None, ..a })
        .collect();
    then.sort_by_key(|a| a.id);
    if let Some(end) = end {
        focus_then(&mut then, &records.log, end);
    }
    records.assignments = then;
    records
        .ended_assignments
        .retain(|a| a.until.is_some_and(|u| end.is_some_and(|end| u < end)));
}

/// Everyone's own work entries as they stood before `end`: those made since are not in the
/// histories of that day (what they changed was taken back with the meetings'), and one
/// taken back since still stood then, as the organisation's log of that day shows an
/// assignment taken back later without its taking back.
fn work_then(work: &mut Vec<WorkNote>, end: DateTime<Utc>) {
    work.retain(|n| n.at < end);
    for note in work {
        note.taken_back = note.taken_back.filter(|back| *back < end);
    }
}

/// The checklist items and metrics as they stood at `end`: one added later (between meetings)
/// was not there yet, one ended since was still asked and reported.
fn records_then(records: &mut OrgRecords, end: Option<DateTime<Utc>>) {
    let Some(end) = end else {
        return;
    };
    let later = |at: &Option<DateTime<Utc>>| at.is_some_and(|at| at >= end);
    records.checklist.retain(|c| !later(&c.added));
    for item in &mut records.checklist {
        item.ended = item.ended.filter(|at| *at < end);
    }
    for metric in &mut records.metrics {
        metric.ended = metric.ended.filter(|at| *at < end);
    }
}

/// The metric values and checklist answers given by the end of `day`. Each is given for a
/// period that has ended (a tactical meeting's checklist review and metrics, 4.1 §4.2.1 and
/// 5.0 §3.2.2, and a review, report the period just ended): one for a period that had not
/// ended by then was given later, so it is not there yet.
fn reports_then(
    records: &OrgRecords,
    values: &mut Vec<MetricValue>,
    marks: &mut Vec<ChecklistMark>,
    day: NaiveDate,
) {
    let metrics: HashMap<MetricId, Frequency> = (records.metrics.iter())
        .map(|m: &Metric| (m.id, m.frequency))
        .collect();
    let items: HashMap<ChecklistItemId, Frequency> = (records.checklist.iter())
        .map(|c: &ChecklistItem| (c.id, c.frequency))
        .collect();
    let given = |frequency: Option<&Frequency>, period: NaiveDate| {
        frequency.is_none_or(|f| period_after(*f, period) <= day)
    };
    values.retain(|v| given(metrics.get(&v.metric), v.period));
    marks.retain(|m| given(items.get(&m.item), m.period));
}
