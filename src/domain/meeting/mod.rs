//! What every meeting shares: who attends, speaking rounds, outputs, timing, periods.
//!
//! Owns: `Attendee`, `Output`, the period a checklist item or metric reports on, and the
//! arithmetic of timeboxes (deadlines from event times, never counted ticks).
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

pub mod agenda;
pub mod flow;
pub mod governance;
pub mod periods;
pub mod rounds;
pub mod surrogate;
pub mod tactical;
pub mod unheld;

use super::ids::*;
use super::membership::{GuestScope, Invitation, Part, is_guests_tension};
use super::org::{Frequency, ProjectStatus, TensionKind};
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The kinds of meeting a circle holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MeetingKind {
    /// A tactical meeting: checklists, metrics, progress updates and triage of tensions.
    Tactical,
    /// A governance meeting: proposals on roles, policies and circles, and elections.
    Governance,
}

impl MeetingKind {
    /// The identifier used in the database.
    pub fn id(self) -> &'static str {
        match self {
            MeetingKind::Tactical => "tactical",
            MeetingKind::Governance => "governance",
        }
    }

    /// Every kind, in the order menus list them.
    pub const ALL: [MeetingKind; 2] = [MeetingKind::Tactical, MeetingKind::Governance];

    /// The kind stored as `id`, if this version knows it.
    pub fn from_id(id: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The kind's name as a title: "Tactical meeting" (minutes, setup, menus).
    pub fn title(self) -> &'static str {
        match self {
            MeetingKind::Tactical => "Tactical meeting",
            MeetingKind::Governance => "Governance meeting",
        }
    }

    /// How many minutes a new meeting of this kind is planned for, until setup changes it.
    pub fn planned_minutes(self) -> u32 {
        match self {
            MeetingKind::Tactical => 60,
            MeetingKind::Governance => 90,
        }
    }

    /// Every kind's identifier, in menu order: "tactical, governance" (for a refusal).
    pub fn listed() -> String {
        MeetingKind::ALL.map(MeetingKind::id).join(", ")
    }
}

impl std::str::FromStr for MeetingKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        MeetingKind::from_id(s).ok_or_else(|| {
            format!(
                "unknown meeting kind \"{s}\" (one of: {})",
                MeetingKind::listed()
            )
        })
    }
}

/// What an event changes in the organisation. The store runs these in the event's own
/// transaction and links each row to the event, so a retraction can undo exactly them.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// A checklist item answered, check or no check, for the period starting `period`.
    AnswerChecklist {
        item: ChecklistItemId,
        period: NaiveDate,
        checked: bool,
    },
    /// A metric's value, with a comment if one is given, for the period starting `period`.
    RecordMetric {
        metric: MetricId,
        period: NaiveDate,
        value: f64,
        comment: Option<String>,
    },
    /// A project's progress update (its words, if any) and its status after it.
    UpdateProject {
        project: ProjectId,
        update: Option<String>,
        status: ProjectStatus,
    },
    /// A new next action of `person`'s, on a role or (`None`) outside any role.
    CreateNextAction {
        role: Option<RoleId>,
        person: PersonId,
        text: String,
    },
    /// A new project of the role, with the person who owns it if one is named.
    CreateProject {
        role: RoleId,
        person: Option<PersonId>,
        title: String,
    },
    /// A new tension of `person`'s, for a tactical or governance meeting of the circle.
    CreateTension {
        person: PersonId,
        role: Option<RoleId>,
        circle: CircleId,
        text: String,
        kind: TensionKind,
    },
    /// A tension from someone's list became an agenda item.
    ProcessTension { tension: TensionId },
    /// Someone's next action is done.
    CompleteNextAction { action: NextActionId },
    /// Someone dropped a tension of theirs: it is no longer offered to any meeting.
    DropTension { tension: TensionId },
    /// An entry of someone's own work, or the taking back of one, is about `role` (`None`: an
    /// own action outside any role, or a circle's tension) and, for a tension noted or
    /// dropped, its `circle`: what the role's and the circle's histories find it by.
    NoteWork {
        role: Option<RoleId>,
        circle: Option<CircleId>,
    },
    /// Adopted governance changes of a circle, each writing a new version of what it touches.
    ApplyGovernance {
        circle: CircleId,
        changes: Vec<governance::Change>,
    },
    /// An election's result: `person` fills `role` until `term_end`, replacing its fillers.
    AssignElected {
        role: RoleId,
        person: PersonId,
        term_end: Option<NaiveDate>,
    },
    /// A process breakdown declared in the circle, by the attendee so named, for `reason`:
    /// the circle's state until restored (4.1 §3.5; 5.0 §5.5).
    DeclareBreakdown {
        circle: CircleId,
        declared_by: String,
        reason: String,
    },
    /// A circle member explicitly asked for updates on a project (4.1 §4.2.3(d); 5.0
    /// §2.1(f)).
    RequestUpdates { project: ProjectId, by: PersonId },
    /// The project's filler determined the requested updates are no longer useful (5.0
    /// §2.1(f)).
    EndUpdateRequest { project: ProjectId },
    /// Undo every effect of the entry with this sequence number.
    Undo { seq: u64 },
    /// The meeting (or review) ends at the entry's time.
    EndMeeting,
}

/// Someone at the meeting: a member of the circle, a guest, or an observer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attendee {
    /// The person, for members; `None` for a guest.
    pub person: Option<PersonId>,
    /// The name as it was when the meeting started (minutes keep it even if it changes),
    /// as typed for a guest.
    pub name: String,
    pub present: bool,
    /// A guest, not a member of the circle. Logs written before this field have none (a
    /// guest was then `person: None` with " (guest)" appended to the name):
    /// `Attendee::normalised` reads those as this version writes them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub guest: bool,
    /// For a guest: who invited them, through which link, for which tension (4.1 §3.3.1;
    /// 5.0 §5.4.1). Guests of older logs have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation: Option<Invitation>,
    /// Present without taking part: neither a member nor a guest the rules allow (4.1
    /// §3.3.1; 5.0 §5.4.1 "Beyond the above, no one else may participate"). Shown, never
    /// asked in a round, never a ballot, never a candidate.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub observer: bool,
}

/// What logs before the `guest` field appended to a guest's name.
const OLD_GUEST_SUFFIX: &str = " (guest)";

impl Attendee {
    /// A member of the circle, present, under their name as it is now.
    pub fn member(person: PersonId, name: String) -> Attendee {
        Attendee {
            person: Some(person),
            name,
            present: true,
            guest: false,
            invitation: None,
            observer: false,
        }
    }

    /// A guest, present, under the name as typed, invited as `invitation` says.
    pub fn guest(name: String, invitation: Option<Invitation>) -> Attendee {
        Attendee {
            person: None,
            name,
            present: true,
            guest: true,
            invitation,
            observer: false,
        }
    }

    /// An observer, present, under the name as typed.
    pub fn observer(name: String) -> Attendee {
        Attendee {
            person: None,
            name,
            present: true,
            guest: false,
            invitation: None,
            observer: true,
        }
    }

    /// Whether this is a guest (every attendee who is not a person of the organisation and
    /// not an observer is).
    pub fn is_guest(&self) -> bool {
        !self.observer && (self.guest || self.person.is_none())
    }

    /// Whether the attendee takes part in `part` of the meeting: present, not an observer,
    /// and, for a guest whose rule set limits them to their tension (5.0 §5.4.1), only that
    /// tension's item and never an election. Under 4.1 a guest "becomes a Core Circle Member
    /// as well for the duration of that Governance Meeting" (§3.3.1) and takes part in all.
    pub fn takes_part(&self, scope: GuestScope, part: Part) -> bool {
        if !self.present || self.observer {
            return false;
        }
        if scope == GuestScope::WholeMeeting || !self.is_guest() {
            return true;
        }
        match (part, &self.invitation) {
            (Part::Rounds, _) => true,
            (Part::Election, _) => false,
            (Part::Tension(label), Some(inv)) => is_guests_tension(inv, label),
            // Guests of logs written before invitations were recorded have no tension.
            (Part::Tension(_), None) => true,
        }
    }

    /// Whether the attendee may be nominated or elected: a member of the organisation, never
    /// a guest or an observer (a guest takes part for a tension or a meeting only, 4.1
    /// §3.3.1, 5.0 §5.4.1; candidates are the circle's members, 4.1 §2.5.1, 5.0 §5.1.2).
    pub fn may_be_elected(&self) -> bool {
        self.person.is_some() && !self.is_guest() && !self.observer
    }

    /// The attendee as this version records one: an old log's guest "Ann (guest)" reads as
    /// the guest "Ann"; everyone else is unchanged.
    pub fn normalised(&self) -> Attendee {
        let mut a = self.clone();
        if a.person.is_none() && !a.observer {
            a.guest = true;
            if let Some(name) = a.name.strip_suffix(OLD_GUEST_SUFFIX)
                && !name.trim().is_empty()
            {
                a.name = name.to_string();
            }
        }
        a
    }
}

/// Which kind of output a triage item produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputKind {
    /// A next action someone takes on, for a role or outside any role.
    NextAction,
    /// A project a role takes on.
    Project,
    /// Information shared; no one owns it.
    Information,
    /// A request made of a role or a person (5.0 §3.2(f)).
    Request,
    /// A tension to take to governance.
    Tension,
}

impl OutputKind {
    pub const ALL: [OutputKind; 5] = [
        OutputKind::NextAction,
        OutputKind::Project,
        OutputKind::Information,
        OutputKind::Request,
        OutputKind::Tension,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OutputKind::NextAction => "next action",
            OutputKind::Project => "project",
            OutputKind::Information => "information",
            OutputKind::Request => "request",
            OutputKind::Tension => "tension for governance",
        }
    }

    /// Whether the output is owned by a role or person (information is not).
    pub fn has_owner(self) -> bool {
        !matches!(self, OutputKind::Information)
    }

    /// What the owner picker asks: a request is asked of a role (5.0 §3.2(f)), the others are
    /// owned by one.
    pub fn owner_question(self) -> String {
        match self {
            OutputKind::Request => "Whom is the request asked of?".to_string(),
            kind => format!("Who owns this {}?", kind.label()),
        }
    }
}

/// What an agenda item produced: text, and the owning role and person where it has one.
/// `role: None` with a person is the person's own action, outside any role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Output {
    pub kind: OutputKind,
    pub text: String,
    pub role: Option<RoleId>,
    pub person: Option<PersonId>,
    /// For a next action or project of a role nobody present answers for: the attendee who
    /// accepted it on the role's behalf (4.1 §4.2.4). Absent in older logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_by: Option<usize>,
    /// For a request to a role: the role of the item's owner it serves (5.0 §3.2(f)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serves: Option<RoleId>,
}

/// The first day of the period that ended most recently before `date`: last week's Monday,
/// last month's first day, or last quarter's first day.
pub fn period_just_ended(frequency: Frequency, date: NaiveDate) -> NaiveDate {
    match frequency {
        Frequency::Weekly => {
            let this_monday =
                date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
            this_monday - Duration::days(7)
        }
        Frequency::Monthly => {
            let first = date.with_day(1).unwrap_or(date);
            first.checked_sub_months(Months::new(1)).unwrap_or(first)
        }
        Frequency::Quarterly => {
            let quarter_month = (date.month0() / 3) * 3 + 1;
            let first = NaiveDate::from_ymd_opt(date.year(), quarter_month, 1).unwrap_or(date);
            first.checked_sub_months(Months::new(3)).unwrap_or(first)
        }
    }
}

/// The first day of the period after the one starting `start` (the day it ended).
pub fn period_after(frequency: Frequency, start: NaiveDate) -> NaiveDate {
    let months = match frequency {
        Frequency::Weekly => return start + Duration::days(7),
        Frequency::Monthly => 1,
        Frequency::Quarterly => 3,
    };
    start
        .checked_add_months(Months::new(months))
        .unwrap_or(start)
}

/// Whether a checklist item existed in the period starting `period`: one added between
/// meetings is not asked for, nor shown missing in, a period that ended before it.
pub fn existed_in(item: &crate::domain::org::ChecklistItem, period: NaiveDate) -> bool {
    item.added
        .is_none_or(|added| added.date_naive() < period_after(item.frequency, period))
}

/// Signed seconds left until `deadline` at `now` (negative: overrun).
pub fn seconds_left(deadline: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (deadline - now).num_seconds()
}

/// "12:05" left, or "+3:10" overrun; hours shown when there are any, and days and hours
/// from a day on ("+2d 23h", as for a meeting resumed days later).
pub fn format_countdown(seconds: i64) -> String {
    let sign = if seconds < 0 { "+" } else { "" };
    let s = seconds.unsigned_abs();
    let (d, h, m, s) = (s / 86_400, (s / 3600) % 24, (s / 60) % 60, s % 60);
    if d > 0 {
        format!("{sign}{d}d {h:02}h")
    } else if h > 0 {
        format!("{sign}{h}:{m:02}:{s:02}")
    } else {
        format!("{sign}{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn the_period_just_ended_is_last_week_month_or_quarter() {
        // Tuesday 24 November 2026.
        let today = day(2026, 11, 24);
        assert_eq!(
            period_just_ended(Frequency::Weekly, today),
            day(2026, 11, 16)
        );
        assert_eq!(
            period_just_ended(Frequency::Monthly, today),
            day(2026, 10, 1)
        );
        assert_eq!(
            period_just_ended(Frequency::Quarterly, today),
            day(2026, 7, 1)
        );
        assert_eq!(
            period_just_ended(Frequency::Monthly, day(2027, 1, 5)),
            day(2026, 12, 1)
        );
        assert_eq!(
            period_just_ended(Frequency::Quarterly, day(2027, 2, 5)),
            day(2026, 10, 1)
        );
    }

    #[test]
    fn countdowns_show_overrun_with_a_plus() {
        assert_eq!(format_countdown(725), "12:05");
        assert_eq!(format_countdown(-190), "+3:10");
        assert_eq!(format_countdown(3 * 3600 + 61), "3:01:01");
        assert_eq!(format_countdown(-(2 * 86_400 + 23 * 3600 + 59)), "+2d 23h");
        assert_eq!(format_countdown(0), "0:00");
    }
}
