//! Minutes: what a meeting recorded, as plain data, ready for any format.
//!
//! Owns: the `Minutes` model (the JSON export's schema, `roundtable.minutes/1`) and building it
//! from a folded meeting and the organisation's names. A pure function of the events.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::ids::MeetingId;
use super::meeting::MeetingKind;
use super::meeting::tactical::{Step, Tactical};
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
    pub check_in: Vec<Turn>,
    pub checklist: Vec<ChecklistLine>,
    pub metrics: Vec<MetricLine>,
    pub projects: Vec<ProjectLine>,
    pub agenda: Vec<AgendaLine>,
    pub closing: Vec<Turn>,
}

/// Someone invited to the meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    pub email: Option<String>,
    pub guest: bool,
}

/// One speaker's turn in a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Turn {
    pub name: String,
    /// Seconds they held the floor (absent if they were skipped).
    pub seconds: Option<i64>,
    pub note: Option<String>,
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

impl Minutes {
    /// The minutes of a tactical meeting.
    pub fn tactical(id: MeetingId, m: &Tactical, org: &Organisation) -> Minutes {
        let role_name = |r| {
            org.role(r)
                .map_or_else(|| "?".to_string(), |r| r.name.clone())
        };
        let name = |i: usize| m.name_of(i).to_string();
        // Named only when the reporter does not fill the item's role.
        let reported_by = |role, reporter: Option<usize>| {
            let r = reporter?;
            let person = m.attendees.get(r).and_then(|a| a.person);
            let fills = org.fillers_of(role).any(|a| Some(a.person) == person);
            (!fills).then(|| name(r))
        };
        let person = |a: &super::meeting::Attendee| Person {
            name: a.name.clone(),
            email: a
                .person
                .and_then(|p| org.person(p))
                .and_then(|p| p.email.clone()),
            guest: a.person.is_none(),
        };
        let round = |step: Step| {
            m.rounds
                .order
                .iter()
                .map(|&who| Turn {
                    name: name(who),
                    seconds: m.floor_of(step, who),
                    note: m.note_for(step, who).map(|n| n.text.clone()),
                })
                .collect()
        };
        Minutes {
            schema: SCHEMA,
            meeting: id.0,
            organisation: org.name().to_string(),
            circle: org
                .circle(m.circle)
                .map_or_else(|| "?".into(), |c| c.name.clone()),
            kind: MeetingKind::Tactical,
            rule_set: org.rule_set().to_string(),
            started_at: m.started_at,
            ended_at: m.ended_at,
            planned_minutes: m.planned_minutes,
            facilitator: m.facilitator.map(name),
            secretary: m.secretary.map(name),
            attendees: m
                .attendees
                .iter()
                .filter(|a| a.present)
                .map(person)
                .collect(),
            absentees: m
                .attendees
                .iter()
                .filter(|a| !a.present)
                .map(person)
                .collect(),
            check_in: round(Step::CheckIn),
            checklist: m
                .answers
                .iter()
                .filter_map(|a| {
                    let item = org.checklist_item(a.item)?;
                    Some(ChecklistLine {
                        role: role_name(item.role),
                        item: item.text.clone(),
                        frequency: item.frequency.to_string(),
                        period: a.period,
                        checked: a.checked,
                        reported_by: reported_by(item.role, a.reporter),
                    })
                })
                .collect(),
            metrics: m
                .reports
                .iter()
                .filter_map(|r| {
                    let metric = org.metric(r.metric)?;
                    Some(MetricLine {
                        role: role_name(metric.role),
                        metric: metric.name.clone(),
                        unit: metric.unit.clone(),
                        period: r.period,
                        value: r.value,
                        comment: r.comment.clone(),
                        reported_by: reported_by(metric.role, r.reporter),
                    })
                })
                .collect(),
            projects: m
                .updates
                .iter()
                .filter_map(|u| {
                    let project = org.project(u.project)?;
                    Some(ProjectLine {
                        role: role_name(project.role),
                        project: project.title.clone(),
                        update: u.update.clone(),
                        status_before: u.status_before,
                        status: u.status,
                        reported_by: reported_by(project.role, u.reporter),
                    })
                })
                .collect(),
            agenda: m
                .agenda_items()
                .map(|item| AgendaLine {
                    label: item.label.clone(),
                    owner: name(item.owner),
                    got_what_needed: item.closed,
                    outputs: item
                        .outputs
                        .iter()
                        .map(|(_, o)| OutputLine {
                            kind: o.kind,
                            text: o.text.clone(),
                            role: o.role.map(role_name),
                            person: o.person.map(|p| org.person_name(p).to_string()),
                        })
                        .collect(),
                })
                .collect(),
            closing: round(Step::Closing),
        }
    }

    /// "next action: text — Person (Role)" for an output.
    pub fn output_text(output: &OutputLine) -> String {
        let owner = match (&output.role, &output.person) {
            (Some(role), Some(p)) => format!(" — {p} ({role})"),
            (Some(role), None) => format!(" — {role}"),
            (None, Some(p)) => format!(" — {p} (individual action)"),
            (None, None) => String::new(),
        };
        format!("{}: {}{owner}", output.kind.label(), output.text)
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
