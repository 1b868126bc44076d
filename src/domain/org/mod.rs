//! The organisation as it stands: people, circles, roles and everything attached to them.
//!
//! Owns: `Organisation`, a snapshot of the records (`records`) with indexes built once, so that
//! any lookup a screen needs is a map access rather than a scan; `apply` changes it by an
//! entry's effects. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

mod apply;
mod apply_org;
mod as_of;
mod cross_links;
mod govern;
mod govern_apply;
mod govern_circles;
mod govern_retract;
mod records;
mod reported;
mod retract;
mod rows;
mod versions;
mod work_held;

pub use apply::{Applied, Stamp};
pub use cross_links::{CrossLinkRole, cross_link_role};
pub use govern::{Reach, plan_governance, reach_of};
pub use records::*;
pub use reported::Reported;
pub use retract::Source;
pub use rows::{Governed, RowWrite, Unapplied, Versioned};

use super::ids::*;
use super::names::same_name;
use super::org_log::OrgEntry;
use super::ruleset::{CoreRole, RuleSet};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Positions (indexes into the record vectors) grouped by an owner id.
type Groups<K> = HashMap<K, Vec<usize>>;

fn group<K: std::hash::Hash + Eq, T>(items: &[T], key: impl Fn(&T) -> K) -> Groups<K> {
    let mut map: Groups<K> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        map.entry(key(item)).or_default().push(i);
    }
    map
}

/// Where each record is, by its id.
fn positions<K: std::hash::Hash + Eq, T>(items: &[T], id: impl Fn(&T) -> K) -> HashMap<K, usize> {
    items.iter().enumerate().map(|(i, x)| (id(x), i)).collect()
}

/// Like `group`, for records that belong to several owners (or none).
fn group_many<K: std::hash::Hash + Eq, T>(items: &[T], keys: impl Fn(&T) -> Vec<K>) -> Groups<K> {
    let mut map: Groups<K> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        for key in keys(item) {
            map.entry(key).or_default().push(i);
        }
    }
    map
}

/// Orders each group by period, keeping the given order within a period.
fn by_period<K>(
    mut groups: Groups<K>,
    period_of: impl Fn(usize) -> Option<chrono::NaiveDate>,
) -> Groups<K> {
    for group in groups.values_mut() {
        group.sort_by_key(|&i| period_of(i));
    }
    groups
}

/// A snapshot of the organisation with lookup indexes, changed only by `apply` (an entry's
/// effects) or replaced by a reload.
#[derive(Debug, Clone, Default)]
pub struct Organisation {
    records: OrgRecords,
    person_at: HashMap<PersonId, usize>,
    circle_at: HashMap<CircleId, usize>,
    role_at: HashMap<RoleId, usize>,
    checklist_at: HashMap<ChecklistItemId, usize>,
    metric_at: HashMap<MetricId, usize>,
    tension_at: HashMap<TensionId, usize>,
    children: Groups<Option<CircleId>>,
    roles_of_circle: Groups<CircleId>,
    policies_of_circle: Groups<CircleId>,
    assignments_of_role: Groups<RoleId>,
    assignments_of_person: Groups<PersonId>,
    ended_of_role: Groups<RoleId>,
    log_of_role: Groups<RoleId>,
    checklist_of_role: Groups<RoleId>,
    metrics_of_role: Groups<RoleId>,
    values_of_metric: Groups<MetricId>,
    marks_of_item: Groups<ChecklistItemId>,
    versions_of_role: Groups<RoleId>,
    versions_of_policy: Groups<PolicyId>,
    versions_of_circle: Groups<CircleId>,
    versions_of_sub_circle: Groups<CircleId>,
    tensions_of_circle: Groups<CircleId>,
    tensions_of_person: Groups<PersonId>,
    /// Where the projects, their status changes and the next actions held are.
    entry_rows: EntryIndex,
    /// The latest meeting entries applied here, with how to take each back (`retract`).
    recent: Vec<retract::Written>,
    /// The roles whose metric values and checklist answers are held (`reported`).
    reports_held: HashSet<RoleId>,
    /// For the organisation as it stood on a past date, what `as_of` made it of.
    as_of: Option<as_of::AsOf>,
    /// Where the own-work entries held are (`work_held`).
    work_index: work_held::WorkIndex,
    /// The entries of the organisation's log taken back (`OrgChange::Undone`).
    undone: HashSet<u64>,
}

/// Where the rows meeting entries wrote are: projects (and their status changes) and next
/// actions, which are held role by role (`hold_reports`) besides the person's own.
#[derive(Debug, Clone, Default)]
struct EntryIndex {
    project_at: HashMap<ProjectId, usize>,
    next_action_at: HashMap<NextActionId, usize>,
    projects_of_role: Groups<RoleId>,
    actions_of_role: Groups<Option<RoleId>>,
    actions_of_person: Groups<PersonId>,
    status_changes_of: Groups<ProjectId>,
}

impl EntryIndex {
    fn of(r: &OrgRecords) -> EntryIndex {
        EntryIndex {
            project_at: positions(&r.projects, |x| x.id),
            next_action_at: positions(&r.next_actions, |x| x.id),
            projects_of_role: group(&r.projects, |x| x.role),
            actions_of_role: group(&r.next_actions, |x| x.role),
            actions_of_person: group(&r.next_actions, |x| x.person),
            status_changes_of: group(&r.status_changes, |x| x.project),
        }
    }
}

/// The records at the positions a group lists (none when the key has no group).
fn members<'a, T, K: std::hash::Hash + Eq>(
    items: &'a [T],
    groups: &'a Groups<K>,
    key: &K,
) -> impl DoubleEndedIterator<Item = &'a T> + use<'a, T, K> {
    groups
        .get(key)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(move |&i| items.get(i))
}

impl Organisation {
    /// Indexes the records. Circles keep the order they were given in; people are put in
    /// name order, roles circle by circle with the core roles first. An assignment the store holds no start for was made by the adoption, so
    /// it dates from the adoption's entry, whichever store loaded it.
    pub fn new(mut records: OrgRecords) -> Organisation {
        apply_org::sort_people(&mut records.people);
        apply_org::sort_roles(&mut records.roles);
        let adopted = super::org_log::adoption(&records.log).map(|e| e.at);
        let undated = records.assignments.iter_mut();
        for a in undated.chain(&mut records.ended_assignments) {
            a.since = a.since.or(adopted);
        }
        let r = &records;
        let mut org = Organisation {
            person_at: positions(&r.people, |x| x.id),
            circle_at: positions(&r.circles, |x| x.id),
            role_at: positions(&r.roles, |x| x.id),
            checklist_at: positions(&r.checklist, |x| x.id),
            metric_at: positions(&r.metrics, |x| x.id),
            tension_at: positions(&r.tensions, |x| x.id),
            children: group(&r.circles, |c| c.parent),
            roles_of_circle: group(&r.roles, |x| x.circle),
            policies_of_circle: group(&r.policies, |x| x.circle),
            assignments_of_role: group(&r.assignments, |x| x.role),
            assignments_of_person: group(&r.assignments, |x| x.person),
            ended_of_role: group(&r.ended_assignments, |x| x.role),
            log_of_role: group_many(&r.log, |x| x.change.roles()),
            checklist_of_role: group(&r.checklist, |x| x.role),
            metrics_of_role: group(&r.metrics, |x| x.role),
            values_of_metric: by_period(group(&r.metric_values, |x| x.metric), |i| {
                r.metric_values.get(i).map(|v| v.period)
            }),
            marks_of_item: by_period(group(&r.checklist_marks, |x| x.item), |i| {
                r.checklist_marks.get(i).map(|m| m.period)
            }),
            versions_of_role: group(&r.versions, |x| x.role.unwrap_or(RoleId(0))),
            versions_of_policy: group(&r.versions, |x| x.policy.unwrap_or(PolicyId(0))),
            versions_of_circle: group(&r.versions, |x| x.circle),
            versions_of_sub_circle: group(&r.versions, |x| x.sub_circle.unwrap_or(CircleId(0))),
            tensions_of_circle: group(&r.tensions, |x| x.circle),
            tensions_of_person: group(&r.tensions, |x| x.person),
            entry_rows: EntryIndex::of(r),
            recent: Vec::new(),
            reports_held: HashSet::new(),
            as_of: None,
            work_index: Default::default(),
            undone: super::org_log::undone_seqs(&r.log).collect(),
            records,
        };
        org.index_work(0);
        org
    }

    /// The organisation's name.
    pub fn name(&self) -> &str {
        &self.records.name
    }

    /// The rule set the organisation runs by.
    pub fn rule_set(&self) -> RuleSet {
        self.records.rule_set
    }

    /// Every record, unindexed.
    pub fn records(&self) -> &OrgRecords {
        &self.records
    }

    /// Everyone, in name order as loaded.
    pub fn people(&self) -> &[Person] {
        &self.records.people
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.person_at
            .get(&id)
            .and_then(|&i| self.records.people.get(i))
    }

    /// The name of a person, or a placeholder for a dangling id.
    pub fn person_name(&self, id: PersonId) -> &str {
        self.person(id)
            .map_or("(unknown person)", |p| p.name.as_str())
    }

    pub fn circle(&self, id: CircleId) -> Option<&Circle> {
        self.circle_at
            .get(&id)
            .and_then(|&i| self.records.circles.get(i))
    }

    /// Finds a circle by name, ignoring case.
    pub fn circle_named(&self, name: &str) -> Option<&Circle> {
        self.records
            .circles
            .iter()
            .find(|c| same_name(&c.name, name))
    }

    /// The anchor circle (the one with no parent), if the organisation has one.
    pub fn anchor(&self) -> Option<&Circle> {
        self.sub_circles(None).next()
    }

    /// The circles directly inside a circle (`None`: the top level).
    pub fn sub_circles(&self, parent: Option<CircleId>) -> impl Iterator<Item = &Circle> {
        members(&self.records.circles, &self.children, &parent)
    }

    /// Every circle, depth first from the anchor, with its depth.
    pub fn circles_depth_first(&self) -> Vec<(&Circle, usize)> {
        let mut out = Vec::with_capacity(self.records.circles.len());
        let mut stack: Vec<(&Circle, usize)> = self.sub_circles(None).map(|c| (c, 0)).collect();
        stack.reverse();
        while let Some((circle, depth)) = stack.pop() {
            out.push((circle, depth));
            let mut kids: Vec<_> = self
                .sub_circles(Some(circle.id))
                .map(|c| (c, depth + 1))
                .collect();
            kids.reverse();
            stack.extend(kids);
        }
        out
    }

    pub fn role(&self, id: RoleId) -> Option<&Role> {
        self.role_at
            .get(&id)
            .and_then(|&i| self.records.roles.get(i))
    }

    /// The roles of a circle, core roles first.
    pub fn roles_in(&self, circle: CircleId) -> impl Iterator<Item = &Role> {
        members(&self.records.roles, &self.roles_of_circle, &circle)
    }

    /// A circle's core role of the given kind.
    pub fn core_role(&self, circle: CircleId, core: CoreRole) -> Option<&Role> {
        self.roles_in(circle).find(|r| r.core == Some(core))
    }

    pub fn policies_of(&self, circle: CircleId) -> impl Iterator<Item = &Policy> {
        members(&self.records.policies, &self.policies_of_circle, &circle)
    }

    /// A policy in one line, as the detail pane and the handbook show it: "Name: text", or
    /// "Name (on role Baker): text" for one a role holds.
    pub fn policy_line(&self, p: &Policy) -> String {
        match p.role.and_then(|r| self.role(r)) {
            Some(holder) => format!("{} (on role {}): {}", p.name, holder.name, p.text),
            None => format!("{}: {}", p.name, p.text),
        }
    }

    pub fn fillers_of(&self, role: RoleId) -> impl Iterator<Item = &Assignment> {
        members(&self.records.assignments, &self.assignments_of_role, &role)
    }

    /// A role's assignments that ended, oldest first.
    pub fn ended_fillers_of(&self, role: RoleId) -> impl DoubleEndedIterator<Item = &Assignment> {
        members(&self.records.ended_assignments, &self.ended_of_role, &role)
    }

    /// The entries of the organisation's log that touch a role, oldest first.
    pub fn log_of(&self, role: RoleId) -> impl DoubleEndedIterator<Item = &OrgEntry> {
        members(&self.records.log, &self.log_of_role, &role)
    }

    /// The organisation's log, oldest first.
    pub fn log(&self) -> &[OrgEntry] {
        &self.records.log
    }

    /// Whether the entry `seq` of the organisation's log was taken back.
    pub fn is_undone(&self, seq: u64) -> bool {
        self.undone.contains(&seq)
    }

    /// The adoption (on the adoption screens or from an organisation file), if recorded.
    pub fn adoption(&self) -> Option<&OrgEntry> {
        super::org_log::adoption(&self.records.log)
    }

    /// The circle's process breakdown not yet restored, if it is in one (4.1 §3.5; 5.0 §5.5).
    pub fn breakdown(&self, circle: CircleId) -> Option<&Breakdown> {
        self.records
            .breakdowns
            .iter()
            .rev()
            .find(|b| b.circle == circle && b.restored_at.is_none())
    }

    /// The request for updates binding on a project: asked for and not ended, while the
    /// project is neither done nor archived (4.1 §4.2.3(d): "until it's either completed or
    /// dropped").
    pub fn update_request(&self, project: ProjectId) -> Option<&UpdateRequest> {
        let open = self
            .project(project)
            .is_some_and(|p| matches!(p.status, ProjectStatus::Current | ProjectStatus::Waiting));
        self.records
            .update_requests
            .iter()
            .rev()
            .find(|r| open && r.project == project && r.ended_at.is_none())
    }

    /// Every request for updates on a project, ended or not, oldest first.
    pub fn update_requests(&self) -> &[UpdateRequest] {
        &self.records.update_requests
    }

    /// The current assignment with this id.
    pub fn assignment(&self, id: AssignmentId) -> Option<&Assignment> {
        self.records.assignments.iter().find(|a| a.id == id)
    }

    /// Finds a person by name, ignoring case (former members too).
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        self.records
            .people
            .iter()
            .find(|p| same_name(&p.name, name))
    }

    /// The people who are still members of the organisation, in name order.
    pub fn current_people(&self) -> impl Iterator<Item = &Person> {
        self.records.people.iter().filter(|p| p.is_current())
    }

    pub fn assignments_of(&self, person: PersonId) -> impl Iterator<Item = &Assignment> {
        members(
            &self.records.assignments,
            &self.assignments_of_person,
            &person,
        )
    }

    /// The role's checklist items still asked (ended ones stay in the records).
    pub fn checklist_of(&self, role: RoleId) -> impl Iterator<Item = &ChecklistItem> {
        members(&self.records.checklist, &self.checklist_of_role, &role)
            .filter(|c| c.ended.is_none())
    }

    /// The role's metrics still reported (ended ones stay in the records).
    pub fn metrics_of(&self, role: RoleId) -> impl Iterator<Item = &Metric> {
        members(&self.records.metrics, &self.metrics_of_role, &role).filter(|m| m.ended.is_none())
    }

    /// A metric's values, oldest first: one per period. A period holds one value; a later
    /// value of the same period is its correction and stands in its place (the one before
    /// comes back if the correction is taken back). Those of a role whose reports are not
    /// held (`hold_reports`) are not known here.
    pub fn values_of(&self, metric: MetricId) -> impl Iterator<Item = &MetricValue> {
        let all: Vec<&MetricValue> =
            members(&self.records.metric_values, &self.values_of_metric, &metric).collect();
        let standing: Vec<&MetricValue> = all
            .iter()
            .enumerate()
            .filter(|(i, v)| all.get(i + 1).is_none_or(|next| next.period != v.period))
            .map(|(_, v)| *v)
            .collect();
        standing.into_iter()
    }

    /// The value standing for `metric` in the period starting `period`, if one was reported.
    pub fn value_in(&self, metric: MetricId, period: NaiveDate) -> Option<&MetricValue> {
        self.values_of(metric).find(|v| v.period == period)
    }

    /// A checklist item's answers, oldest first (known when its role's reports are held).
    pub fn marks_of(&self, item: ChecklistItemId) -> impl Iterator<Item = &ChecklistMark> {
        members(&self.records.checklist_marks, &self.marks_of_item, &item)
    }

    /// The policies a role holds (5.0 §1.1).
    pub fn policies_on(&self, role: RoleId) -> impl Iterator<Item = &Policy> {
        self.role(role)
            .into_iter()
            .flat_map(move |r| self.policies_of(r.circle))
            .filter(move |p| p.role == Some(role))
    }

    pub fn checklist_item(&self, id: ChecklistItemId) -> Option<&ChecklistItem> {
        self.checklist_at
            .get(&id)
            .and_then(|&i| self.records.checklist.get(i))
    }

    pub fn metric(&self, id: MetricId) -> Option<&Metric> {
        self.metric_at
            .get(&id)
            .and_then(|&i| self.records.metrics.get(i))
    }

    pub fn project(&self, id: ProjectId) -> Option<&Project> {
        self.entry_rows
            .project_at
            .get(&id)
            .and_then(|&i| self.records.projects.get(i))
    }

    /// The latest change of a project's status by an entry (when, and from what), if any.
    pub fn last_status_change(&self, id: ProjectId) -> Option<&StatusChange> {
        self.entry_rows
            .status_changes_of
            .get(&id)
            .and_then(|group| group.last())
            .and_then(|&i| self.records.status_changes.get(i))
    }

    pub fn projects_of(&self, role: RoleId) -> impl Iterator<Item = &Project> {
        members(
            &self.records.projects,
            &self.entry_rows.projects_of_role,
            &role,
        )
    }

    pub fn next_actions_of(&self, role: RoleId) -> impl Iterator<Item = &NextAction> {
        members(
            &self.records.next_actions,
            &self.entry_rows.actions_of_role,
            &Some(role),
        )
    }

    pub fn tension(&self, id: TensionId) -> Option<&Tension> {
        self.tension_at
            .get(&id)
            .and_then(|&i| self.records.tensions.get(i))
    }

    pub fn next_action(&self, id: NextActionId) -> Option<&NextAction> {
        self.entry_rows
            .next_action_at
            .get(&id)
            .and_then(|&i| self.records.next_actions.get(i))
    }

    /// A person's next actions, done ones included, oldest first.
    pub fn next_actions_of_person(&self, person: PersonId) -> impl Iterator<Item = &NextAction> {
        members(
            &self.records.next_actions,
            &self.entry_rows.actions_of_person,
            &person,
        )
    }

    /// The tensions a person noted, processed and dropped ones included, oldest first.
    pub fn tensions_of(&self, person: PersonId) -> impl Iterator<Item = &Tension> {
        members(&self.records.tensions, &self.tensions_of_person, &person)
    }

    pub fn tensions_in(&self, circle: CircleId) -> impl Iterator<Item = &Tension> {
        members(&self.records.tensions, &self.tensions_of_circle, &circle)
    }

    /// The people who fill a role in the circle (each once, in order of first assignment).
    pub fn members_of(&self, circle: CircleId) -> Vec<&Person> {
        let mut seen = std::collections::HashSet::new();
        self.roles_in(circle)
            .flat_map(|role| self.fillers_of(role.id))
            .filter(|a| seen.insert(a.person))
            .filter_map(|a| self.person(a.person))
            .collect()
    }
}

#[cfg(test)]
mod tests;
