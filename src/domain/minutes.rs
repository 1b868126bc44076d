//! Minutes: what a meeting recorded, as plain data, ready for any format.
//!
//! Owns: the `Minutes` model (the JSON export's schema, `roundtable.minutes/1`) and its part
//! common to every meeting kind (attendees, the check-in and closing rounds, who recorded);
//! each kind's body is built from its folded meeting in `minutes_tactical` and
//! `minutes_governance`. A pure function of the events and the organisation's names.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

pub use super::election_minutes::ElectionLine;
use super::ids::{CircleId, MeetingId};
use super::meeting::rounds::Rounds;
use super::meeting::{Attendee, MeetingKind};
pub use super::minutes_governance::{
    GovRecords, InterpretationLine, ObjectionLine, PublishedRuling,
};
use super::minutes_progress::{AccountabilityLine, UpdateRequestLine};
use super::org::{Organisation, ProjectStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// The version of the minutes' JSON shape; bumped on any incompatible change.
pub const SCHEMA: &str = "roundtable.minutes/1";

/// Everything a meeting recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minutes {
    pub schema: &'static str,
    pub meeting: i64,
    pub organisation: String,
    pub circle: String,
    pub kind: MeetingKind,
    pub rule_set: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub planned_minutes: u32,
    pub facilitator: Option<String>,
    pub secretary: Option<String>,
    pub attendees: Vec<Person>,
    pub absentees: Vec<Person>,
    /// The check-in question asked (the last one drawn).
    pub question: String,
    pub check_in: Vec<Turn>,
    pub checklist: Vec<ChecklistLine>,
    pub metrics: Vec<MetricLine>,
    /// Checklist items and metrics that were due in the meeting but not reported in it.
    pub not_reported: Vec<DueLine>,
    pub projects: Vec<ProjectLine>,
    /// Requests for updates made or ended in the meeting (4.1 §4.2.3(d); 5.0 §2.1(f)); left
    /// out of the JSON when there are none, as older files have it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub update_requests: Vec<UpdateRequestLine>,
    /// Progress shared on accountabilities (4.1 §4.2.3(d)); left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accountabilities: Vec<AccountabilityLine>,
    pub agenda: Vec<AgendaLine>,
    pub closing: Vec<Turn>,
    /// Governance meetings: administrative concerns raised (4.1), "Name: concern".
    pub admin_concerns: Vec<String>,
    pub time_outs: Vec<TimeOutLine>,
    pub proposals: Vec<ProposalLine>,
    pub elections: Vec<ElectionLine>,
    /// Governance meetings: every item in the order it was processed (those never taken up
    /// last, in agenda order), each pointing into `proposals` or `elections`, which are in
    /// that order too. Left out of tactical minutes' JSON, as older files have it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemLine>,
    /// Governance meetings: elections asked first, interpretations, extensions.
    #[serde(flatten)]
    pub governance: GovRecords,
    /// Who recorded the meeting's entries (each program's `--as` name, or the name chosen at
    /// the keyboard), in the order they first did; left out when no program named anyone.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recorded_by: Vec<String>,
}

/// A governance item in the order of processing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemLine {
    /// "proposal" or "election".
    pub kind: &'static str,
    /// Its place in `proposals` or `elections`.
    pub index: usize,
    /// The meeting ended before the item was decided: "not processed" (PROCESS.md, outcomes
    /// per item).
    pub not_processed: bool,
}

/// The outcome the minutes give an item the meeting ended before deciding.
pub const NOT_PROCESSED: &str = "not processed (the meeting ended)";

/// A time out asked for in a governance meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeOutLine {
    pub asked_by: String,
    pub granted: bool,
    /// How long it lasted, once ended.
    pub minutes: Option<i64>,
}

/// A checklist item or metric due in the meeting that was not reported in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueLine {
    pub role: String,
    /// The checklist item's text or the metric's name.
    pub item: String,
    /// "checklist" or "metric".
    pub kind: &'static str,
    pub period: NaiveDate,
}

/// A proposal and how it ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalLine {
    pub label: String,
    pub proposer: String,
    /// The proposer's role that feels the tension, if named.
    pub proposer_role: Option<String>,
    /// Clarifying questions and their answers (`None`: not specified).
    pub questions: Vec<(String, Option<String>)>,
    /// Reactions, "Name: reaction", in the order given.
    pub reactions: Vec<String>,
    /// Each validity test's answers, in order (up to its first "no"; none when an exception
    /// made it valid).
    pub validity: Vec<Vec<bool>>,
    /// The 4.1 §3.2.2 exceptions given in validity tests, in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub validity_exceptions: Vec<String>,
    /// Who gave the proposer permission to represent their role, if they do not fill it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission_from: Option<String>,
    pub tension: String,
    pub example: String,
    /// "adopted (version 2)", "dropped", ...; `None` while open.
    pub outcome: Option<String>,
    /// The adopted changes, in words (empty unless adopted).
    pub adopted: Vec<String>,
    pub versions: usize,
    pub objections: Vec<ObjectionLine>,
}

/// Someone invited to the meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    pub email: Option<String>,
    pub guest: bool,
    /// For a guest: "Tomasz Nowak (Circle Rep of Bakehouse), for \"Oven schedule\"" — who
    /// invited them, through which link, for which tension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invited: Option<String>,
    /// Present without taking part in the process.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub observer: bool,
}

/// One speaker's turn in a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Turn {
    pub name: String,
    /// Seconds they held the floor (absent if they did not speak).
    pub seconds: Option<i64>,
    /// Every note taken for them, joined with "; " (the same as `notes` for one note).
    pub note: Option<String>,
    /// When they first took the floor (absent if they did not speak).
    pub at: Option<DateTime<Utc>>,
    /// Every note taken for them in this round, in the order taken.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistLine {
    pub role: String,
    pub item: String,
    pub frequency: String,
    /// First day of the period the answer is for.
    pub period: NaiveDate,
    pub checked: bool,
    /// Set when someone other than the role's fillers answered.
    pub reported_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricLine {
    pub role: String,
    pub metric: String,
    pub unit: Option<String>,
    pub period: NaiveDate,
    pub value: f64,
    pub comment: Option<String>,
    pub reported_by: Option<String>,
    /// For a correction: the value reported before this meeting that it replaced.
    pub corrects: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectLine {
    pub role: String,
    pub project: String,
    /// `None`: "no updates".
    pub update: Option<String>,
    pub status_before: ProjectStatus,
    pub status: ProjectStatus,
    pub reported_by: Option<String>,
    /// Who had requested updates on it (4.1 §4.2.3(d); 5.0 §2.1(f)); left out when nobody.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaLine {
    pub label: String,
    pub owner: String,
    /// `None` while open; then whether the owner got what they needed.
    pub got_what_needed: Option<bool>,
    pub outputs: Vec<OutputLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutputLine {
    /// next_action, project, information, request or tension.
    pub kind: super::meeting::OutputKind,
    pub text: String,
    pub role: Option<String>,
    pub person: Option<String>,
    /// Who present accepted it on behalf of its absent role (4.1 §4.2.4), if anyone did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted_by: Option<String>,
    /// For a request to a role: the requester's role it serves (5.0 §3.2(f) "requests to a
    /// Role may only be made in service of a Role the requester represents").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serves: Option<String>,
}

impl OutputLine {
    /// An output as minutes and the triage screen say it; `name` names an attendee.
    pub fn of(
        output: &super::meeting::Output,
        org: &Organisation,
        name: &dyn Fn(usize) -> String,
    ) -> OutputLine {
        let role_name = |r| {
            org.role(r)
                .map_or_else(|| "?".to_string(), |r| r.name.clone())
        };
        OutputLine {
            kind: output.kind,
            text: output.text.clone(),
            role: output.role.map(role_name),
            person: output.person.map(|p| org.person_name(p).to_string()),
            accepted_by: output.accepted_by.map(name),
            serves: output.serves.map(role_name),
        }
    }
}

impl Turn {
    /// "Name (1:05): note", as minutes list a speaker's turn.
    pub fn describe(&self) -> String {
        let floor = self
            .seconds
            .map_or(String::new(), |s| format!(" ({}:{:02})", s / 60, s % 60));
        let note = self
            .note
            .as_ref()
            .map_or(String::new(), |n| format!(": {n}"));
        format!("{}{floor}{note}", self.name)
    }
}

/// What every meeting's minutes have in common, taken from the meeting by its kind's builder.
pub(super) struct Common<'a, S> {
    pub id: MeetingId,
    pub kind: MeetingKind,
    pub rule_set: String,
    pub circle: CircleId,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub planned_minutes: u32,
    pub facilitator: Option<usize>,
    pub secretary: Option<usize>,
    pub attendees: &'a [Attendee],
    pub question: &'a str,
    pub rounds: &'a Rounds<S>,
    /// The rounds' steps: check-in, then closing.
    pub check_in: S,
    pub closing: S,
}

impl Minutes {
    /// The common part of a meeting's minutes, with every per-kind list empty; `name` names
    /// an attendee by place.
    pub(super) fn common<S: Copy + PartialEq>(
        c: Common<'_, S>,
        org: &Organisation,
        name: &dyn Fn(usize) -> String,
    ) -> Minutes {
        let people = |present: bool| {
            c.attendees
                .iter()
                .filter(|a| a.present == present)
                .map(|a| person_of(a, c.attendees, org))
                .collect()
        };
        Minutes {
            schema: SCHEMA,
            meeting: c.id.0,
            organisation: org.name().to_string(),
            circle: org
                .circle(c.circle)
                .map_or_else(|| "?".into(), |circle| circle.name.clone()),
            kind: c.kind,
            rule_set: c.rule_set,
            started_at: c.started_at,
            ended_at: c.ended_at,
            planned_minutes: c.planned_minutes,
            facilitator: c.facilitator.map(name),
            secretary: c.secretary.map(name),
            attendees: people(true),
            absentees: people(false),
            question: c.question.to_string(),
            check_in: turns(c.rounds, c.check_in, name),
            checklist: Vec::new(),
            metrics: Vec::new(),
            not_reported: Vec::new(),
            projects: Vec::new(),
            update_requests: Vec::new(),
            accountabilities: Vec::new(),
            agenda: Vec::new(),
            closing: turns(c.rounds, c.closing, name),
            admin_concerns: Vec::new(),
            time_outs: Vec::new(),
            proposals: Vec::new(),
            elections: Vec::new(),
            items: Vec::new(),
            governance: GovRecords::default(),
            recorded_by: Vec::new(),
        }
    }

    /// Names who recorded the entries: `by` holds each entry's recorder (or none), in order.
    pub fn recorded_by(mut self, by: &[Option<String>]) -> Minutes {
        for name in by.iter().flatten() {
            if !self.recorded_by.contains(name) {
                self.recorded_by.push(name.clone());
            }
        }
        self
    }

    /// "next action: text — Person (Role)" for an output.
    pub fn output_text(output: &OutputLine) -> String {
        let owner = match (&output.role, &output.person) {
            (Some(role), Some(p)) => format!(" — {p} ({role})"),
            (Some(role), None) => format!(" — {role}"),
            (None, Some(p)) => format!(" — {p}'s own, no role"),
            (None, None) => String::new(),
        };
        let accepted = output.accepted_by.as_ref().map_or(String::new(), |a| {
            format!(", accepted on its behalf by {a}")
        });
        let serves = output.serves.as_ref().map_or(String::new(), |r| {
            format!(", in service of the requester's {r}")
        });
        format!(
            "{}: {}{owner}{accepted}{serves}",
            output.kind.label(),
            output.text
        )
    }

    /// How an agenda item ended, in words.
    pub fn outcome_text(item: &AgendaLine) -> &'static str {
        match item.got_what_needed {
            Some(true) => "got what they needed",
            Some(false) => "did not get everything they needed",
            None => "not closed",
        }
    }
}

/// An attendee as the minutes list them.
fn person_of(a: &Attendee, all: &[Attendee], org: &Organisation) -> Person {
    let invited = a.invitation.as_ref().map(|inv| {
        let by = all.get(inv.by).map_or("?", |b| b.name.as_str());
        format!("{by} ({}), for \"{}\"", inv.link.says(org), inv.tension)
    });
    Person {
        invited,
        observer: a.observer,
        name: a.name.clone(),
        email: a
            .person
            .and_then(|p| org.person(p))
            .and_then(|p| p.email.clone()),
        guest: a.is_guest(),
    }
}

/// Every speaker's turn in a round, in the order they spoke, then those who did not.
fn turns<S: Copy + PartialEq>(
    rounds: &Rounds<S>,
    step: S,
    name: &dyn Fn(usize) -> String,
) -> Vec<Turn> {
    rounds
        .spoken(step)
        .into_iter()
        .map(|(who, floor)| {
            let notes: Vec<String> = rounds
                .notes_for(step, who)
                .map(|n| n.text.clone())
                .collect();
            Turn {
                name: name(who),
                seconds: floor.map(|f| f.seconds),
                note: (!notes.is_empty()).then(|| notes.join("; ")),
                at: floor.map(|f| f.first_at),
                notes,
            }
        })
        .collect()
}
