//! The records of an organisation: people, circles, roles and everything attached to them,
//! as loaded from a store and before indexing.
//!
//! Owns: the record types, their text forms (`Frequency`, `ProjectStatus`, `TensionKind`) and
//! `OrgRecords`. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use crate::domain::ids::*;
use crate::domain::org_log::OrgEntry;
use crate::domain::ruleset::{CoreRole, RuleSet};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A person who can fill roles.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub email: Option<String>,
    /// When they left the organisation: a former member, kept for the history, who fills no
    /// role and is offered nowhere.
    pub left: Option<DateTime<Utc>>,
}

impl Person {
    /// Whether the person is still a member of the organisation.
    pub fn is_current(&self) -> bool {
        self.left.is_none()
    }
}

/// A circle: a team with a purpose. The anchor circle has no parent; any other is a role of
/// its super-circle broken down (4.1 §2.1; 5.0 §1.3.1), with that role's domains and
/// accountabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct Circle {
    pub id: CircleId,
    pub parent: Option<CircleId>,
    pub name: String,
    pub purpose: String,
    pub strategy: Option<String>,
    pub domains: Vec<String>,
    pub accountabilities: Vec<String>,
}

/// A role in a circle.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub id: RoleId,
    pub circle: CircleId,
    pub name: String,
    pub purpose: String,
    pub domains: Vec<String>,
    pub accountabilities: Vec<String>,
    /// Set for the roles the constitution creates in every circle.
    pub core: Option<CoreRole>,
}

/// One person filling one role, maybe with a focus and a term end.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub id: AssignmentId,
    pub role: RoleId,
    pub person: PersonId,
    pub focus: Option<String>,
    pub term_end: Option<NaiveDate>,
    /// When it began: made by the adoption (on the adoption screens or from a file), the
    /// adoption's time (`None` only in a database from before the adoption was recorded).
    pub since: Option<DateTime<Utc>>,
    /// When it ended (`None` while it lasts).
    pub until: Option<DateTime<Utc>>,
}

/// A rule of a circle that grants or limits authority.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub id: PolicyId,
    pub circle: CircleId,
    /// The role of `circle` that holds it (5.0 §1.1 "A Role may also hold Policies"), or
    /// `None` for the circle's own.
    pub role: Option<RoleId>,
    pub name: String,
    pub text: String,
}

/// How often a checklist item or metric is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// Once a week, for the week from Monday.
    Weekly,
    /// Once a month, for the calendar month.
    Monthly,
    /// Once a quarter, for the quarter from January, April, July or October.
    Quarterly,
}

/// A recurring action a role reports on with check or no check.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistItem {
    pub id: ChecklistItemId,
    pub role: RoleId,
    pub text: String,
    pub frequency: Frequency,
    /// When it stopped being asked (kept for the answers and minutes that name it).
    pub ended: Option<DateTime<Utc>>,
    /// When an entry between meetings added it (`None`: from the adoption or a file), so
    /// that no period that ended before it is asked or shown as a gap.
    pub added: Option<DateTime<Utc>>,
}

/// A recurring number a role reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub id: MetricId,
    pub role: RoleId,
    pub name: String,
    pub unit: Option<String>,
    pub frequency: Frequency,
    /// When it stopped being reported (kept for its values and the minutes that name it).
    pub ended: Option<DateTime<Utc>>,
}

/// One reported value of a metric for a period (the period's first day).
#[derive(Debug, Clone, PartialEq)]
pub struct MetricValue {
    pub metric: MetricId,
    pub period: NaiveDate,
    pub value: f64,
    pub comment: Option<String>,
}

/// A check or no check given for a checklist item, for a period (its first day).
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistMark {
    pub item: ChecklistItemId,
    pub period: NaiveDate,
    pub checked: bool,
}

/// One version of a role, policy or sub-circle in the governance record: how it stood after a
/// governed change (or, as a baseline, before its first one).
#[derive(Debug, Clone, PartialEq)]
pub struct RecordVersion {
    pub role: Option<RoleId>,
    pub policy: Option<PolicyId>,
    /// The sub-circle versioned; `circle` is then its super-circle, whose governance made it.
    pub sub_circle: Option<CircleId>,
    /// The circle it stood in (for a sub-circle: its super-circle).
    pub circle: CircleId,
    /// The role a policy sat on (5.0 §1.1), if any.
    pub holder: Option<RoleId>,
    pub name: String,
    /// The purpose of a role or sub-circle, the text of a policy.
    pub text: String,
    pub domains: Vec<String>,
    pub accountabilities: Vec<String>,
    pub removed: bool,
    pub baseline: bool,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    pub meeting: Option<MeetingId>,
    /// Who recorded the meeting entry that made it (the program's `--as`), when that is
    /// known: since 010 entries name who made them; older entries and imports name nobody.
    pub recorded_by: Option<String>,
    /// The agenda label of the proposal that adopted it, when one did.
    pub proposal: Option<String>,
    /// The schema migration that wrote it, when one did (007 gave core roles the
    /// constitution's texts).
    pub migration: Option<String>,
    /// For a role: the core role it was then (`Some(None)`: none), when the version recorded
    /// it (since 009; a role expanded into a sub-circle becomes its Lead). `None`: not
    /// recorded, as it is now.
    pub core: Option<Option<CoreRole>>,
}

/// Where a project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ProjectStatus {
    /// Being worked on; the default.
    #[default]
    Current,
    /// Still open but waiting; shown in progress updates as current ones are.
    Waiting,
    /// Finished: no longer in progress updates or the filler's lists.
    Done,
    /// Put away without being finished: no longer in progress updates or the lists.
    Archived,
}

/// An outcome that needs several actions, owned by a role.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: ProjectId,
    pub role: RoleId,
    pub person: Option<PersonId>,
    pub title: String,
    pub status: ProjectStatus,
    /// When the entry that created it was made (`None`: before the record, an import).
    pub since: Option<DateTime<Utc>>,
}

/// A project's status changed by an entry (a progress update, a review, the filler's own
/// work): when, and the status it had before, so that "as of" an earlier day can show it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub project: ProjectId,
    pub at: DateTime<Utc>,
    pub before: ProjectStatus,
}

/// A single action that could be done now, owned by a role or a person acting outside roles.
#[derive(Debug, Clone, PartialEq)]
pub struct NextAction {
    pub id: NextActionId,
    pub role: Option<RoleId>,
    pub person: PersonId,
    pub text: String,
    pub done: bool,
    /// When the entry that created it was made (`None`: before the record, an import).
    pub since: Option<DateTime<Utc>>,
    /// When the entry that marked it done was made (`None`: not done, or done before the
    /// record), so that "as of" an earlier day shows it open.
    pub done_at: Option<DateTime<Utc>>,
}

/// Which meeting a tension is meant for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TensionKind {
    /// For a tactical meeting's agenda (a need for action or information).
    Tactical,
    /// For a governance meeting's agenda (a change of roles, policies or circles).
    Governance,
}

/// A gap someone senses between what is and what could be.
#[derive(Debug, Clone, PartialEq)]
pub struct Tension {
    pub id: TensionId,
    pub person: PersonId,
    pub role: Option<RoleId>,
    pub circle: CircleId,
    pub text: String,
    pub kind: TensionKind,
    pub open: bool,
    /// When the entry that noted it was made (`None`: before the record, an import).
    pub since: Option<DateTime<Utc>>,
    /// When the entry that took it onto an agenda or dropped it was made (`None`: open, or
    /// closed before the record).
    pub closed_at: Option<DateTime<Utc>>,
}

macro_rules! text_enum {
    ($ty:ty { $($variant:ident => $text:literal),* $(,)? }) => {
        impl $ty {
            /// The identifier used in files and the database.
            pub fn id(self) -> &'static str {
                match self { $(Self::$variant => $text),* }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
        impl FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok(Self::$variant),)*
                    _ => Err(format!("unknown value \"{s}\"")),
                }
            }
        }
    };
}

text_enum!(Frequency { Weekly => "weekly", Monthly => "monthly", Quarterly => "quarterly" });

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Weekly, Frequency::Monthly, Frequency::Quarterly];
}
text_enum!(ProjectStatus {
    Current => "current",
    Waiting => "waiting",
    Done => "done",
    Archived => "archived",
});
text_enum!(TensionKind { Tactical => "tactical", Governance => "governance" });

/// A process breakdown declared in a circle (4.1 §3.5; 5.0 §5.5): a state of the circle from
/// its declaration until the one the rule set names concludes that due process is restored
/// (4.1 §3.5.3; 5.0 §5.5.2).
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub circle: CircleId,
    pub declared_at: DateTime<Utc>,
    /// The declarer's name as the meeting knew them.
    pub declared_by: String,
    pub reason: String,
    /// The governance meeting it was declared in.
    pub meeting: Option<MeetingId>,
    pub restored_at: Option<DateTime<Utc>>,
    pub restored_by: Option<PersonId>,
}

/// A Cross Link into a circle (4.1 §2.7): a role of the Target Circle that the Linked Entity
/// fills, "much like a Rep Link" (§2.7.1). It is made and removed by the Target Circle's
/// governance; its filler is the one the Linked Entity assigns (§2.7.2).
#[derive(Debug, Clone, PartialEq)]
pub struct CrossLink {
    /// The Cross Link Role, held in the Target Circle.
    pub role: RoleId,
    /// Where the link comes from.
    pub from: LinkedEntity,
}

/// The entity a Cross Link comes from (4.1 §2.7: "it may be external to the Organization, or
/// it may be another Role or Circle within the Organization").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "entity", rename_all = "snake_case")]
pub enum LinkedEntity {
    /// Another circle of the organisation.
    Circle { circle: CircleId },
    /// An entity or group outside the organisation, by its name.
    Other { name: String },
}

/// A circle member's explicit request for updates on a project, which then must be reported
/// on in every tactical meeting's progress updates (4.1 §4.2.3(d): "until it's either
/// completed or dropped"; 5.0 §2.1(f): "until you determine they are no longer useful", when
/// the filler ends it).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateRequest {
    pub project: ProjectId,
    /// Who asked.
    pub by: PersonId,
    pub requested_at: DateTime<Utc>,
    /// When the filler ended it (5.0 only).
    pub ended_at: Option<DateTime<Utc>>,
}

/// Every record of an organisation, as loaded from the store, before indexing.
#[derive(Debug, Clone, Default)]
pub struct OrgRecords {
    pub name: String,
    pub rule_set: RuleSet,
    pub people: Vec<Person>,
    pub circles: Vec<Circle>,
    pub roles: Vec<Role>,
    /// The assignments that last, oldest first.
    pub assignments: Vec<Assignment>,
    /// The assignments that ended, kept for the history and "as of a date".
    pub ended_assignments: Vec<Assignment>,
    /// The organisation's own log of changes between meetings, oldest first.
    pub log: Vec<OrgEntry>,
    pub policies: Vec<Policy>,
    pub checklist: Vec<ChecklistItem>,
    pub metrics: Vec<Metric>,
    /// Those of the roles whose reports are held (`Organisation::hold_reports`), then as
    /// recorded; `Organisation::values_of` gives a metric's in period order.
    pub metric_values: Vec<MetricValue>,
    /// As `metric_values`; `Organisation::marks_of` gives an item's in period order.
    pub checklist_marks: Vec<ChecklistMark>,
    /// Role and policy versions, oldest first.
    pub versions: Vec<RecordVersion>,
    /// Those of the roles whose reports are held (`Organisation::hold_reports`), and any an
    /// entry applied here made; by id as read.
    pub projects: Vec<Project>,
    /// Every change of a held project's status by an entry, oldest first as read.
    pub status_changes: Vec<StatusChange>,
    /// Everyone's own next actions (outside any role), and those of the roles whose reports
    /// are held, as `projects`.
    pub next_actions: Vec<NextAction>,
    pub tensions: Vec<Tension>,
    /// Process breakdowns declared, restored or not, oldest first.
    pub breakdowns: Vec<Breakdown>,
    /// Requests for updates on projects, ended or not, oldest first.
    pub update_requests: Vec<UpdateRequest>,
    /// The Cross Links standing (4.1 §2.7), by role.
    pub cross_links: Vec<CrossLink>,
    /// Everyone's own work ("My work") still standing, oldest first, for the histories.
    pub work: Vec<crate::domain::work::WorkNote>,
}
