//! Minutes: what a meeting recorded, as plain data, ready for any format.
//!
//! Owns: the `Minutes` model (the JSON export's schema, `roundtable.minutes/1`) and building it
//! from a folded meeting and the organisation's names. A pure function of the events.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::ids::MeetingId;
use super::meeting::MeetingKind;
use super::meeting::governance::{GovStep, Governance, Objection, ObjectionState, Outcome};
use super::meeting::rounds::Rounds;
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
    /// The check-in question asked (the last one drawn).
    pub question: String,
    pub check_in: Vec<Turn>,
    pub checklist: Vec<ChecklistLine>,
    pub metrics: Vec<MetricLine>,
    /// Checklist items and metrics that were due in the meeting but not reported in it.
    pub not_reported: Vec<DueLine>,
    pub projects: Vec<ProjectLine>,
    pub agenda: Vec<AgendaLine>,
    pub closing: Vec<Turn>,
    /// Governance meetings: administrative concerns raised (4.1), "Name: concern".
    pub admin_concerns: Vec<String>,
    pub time_outs: Vec<TimeOutLine>,
    pub proposals: Vec<ProposalLine>,
    pub elections: Vec<ElectionLine>,
}

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
    /// Each validity test's answers, in order (up to its first "no").
    pub validity: Vec<Vec<bool>>,
    pub tension: String,
    pub example: String,
    /// "adopted (version 2)", "dropped", ...; `None` while open.
    pub outcome: Option<String>,
    /// The adopted changes, in words (empty unless adopted).
    pub adopted: Vec<String>,
    pub versions: usize,
    pub objections: Vec<ObjectionLine>,
}

/// An objection raised in an objection round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectionLine {
    pub objector: String,
    pub role: Option<String>,
    pub text: String,
    /// The four test answers, when it was tested.
    pub tests: Option<[bool; 4]>,
    pub breaks_constitution: bool,
    /// Valid (blocking) unless tested invalid.
    pub valid: bool,
    /// "integrated", "abandoned", "invalid, kept in the record" or "open".
    pub resolution: String,
}

/// An election and its result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElectionLine {
    pub role: String,
    pub term_end: Option<NaiveDate>,
    pub elected: Option<String>,
    /// How a tie was broken ("random draw, seed 42"), if there was one.
    pub tie_break: Option<String>,
    pub nominations: Vec<(String, usize)>,
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
        let person = |a: &super::meeting::Attendee| person_of(a, &m.attendees, org);
        let round = |step: Step| turns(&m.rounds, step, &name);
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
            question: m.question.clone(),
            check_in: round(Step::CheckIn),
            not_reported: not_reported(m, org),
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
                        corrects: r.corrects,
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
            admin_concerns: Vec::new(),
            time_outs: Vec::new(),
            proposals: Vec::new(),
            elections: Vec::new(),
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

    /// The minutes of a governance meeting.
    pub fn governance(id: MeetingId, g: &Governance, org: &Organisation) -> Minutes {
        let name = |i: usize| {
            g.attendees
                .get(i)
                .map_or_else(|| "?".to_string(), |a| a.name.clone())
        };
        let person = |a: &super::meeting::Attendee| person_of(a, &g.attendees, org);
        let round = |step: GovStep| turns(&g.rounds, step, &name);
        let proposals = g
            .order
            .iter()
            .filter_map(|&s| g.item(s))
            .filter_map(|item| {
                let p = item.proposal.as_ref()?;
                let adopted = match p.outcome {
                    Some(Outcome::Adopted { version }) => p
                        .versions
                        .get(version.saturating_sub(1))
                        .map(|changes| changes.iter().map(|c| c.describe(org)).collect())
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                Some(ProposalLine {
                    label: item.label.clone(),
                    proposer: name(p.proposer),
                    proposer_role: p.role.and_then(|r| org.role(r)).map(|r| r.name.clone()),
                    questions: p.questions.clone(),
                    reactions: p
                        .reactions
                        .iter()
                        .map(|(who, text)| format!("{}: {text}", name(*who)))
                        .collect(),
                    validity: p.validity.clone(),
                    tension: p.tension.clone(),
                    example: p.example.clone(),
                    // Undecided when the meeting ended: not processed (PROCESS.md outcomes).
                    outcome: p.outcome.as_ref().map(Outcome::describe).or_else(|| {
                        g.ended_at
                            .map(|_| "not processed (the meeting ended)".to_string())
                    }),
                    adopted,
                    versions: p.versions.len(),
                    objections: p
                        .objections
                        .iter()
                        .map(|o| objection_line(o, org, &name))
                        .collect(),
                })
            })
            .collect();
        let elections = g
            .order
            .iter()
            .filter_map(|&s| g.item(s))
            .filter_map(|item| item.election.as_ref())
            .map(|e| ElectionLine {
                role: e.role.name(g.rules).to_string(),
                term_end: e.term_end,
                elected: e.elected.map(name),
                tie_break: e.tie_break.map(|t| t.describe()),
                nominations: e.count().into_iter().map(|(c, n)| (name(c), n)).collect(),
            })
            .collect();
        Minutes {
            schema: SCHEMA,
            meeting: id.0,
            organisation: org.name().to_string(),
            circle: org
                .circle(g.circle)
                .map_or_else(|| "?".into(), |c| c.name.clone()),
            kind: MeetingKind::Governance,
            rule_set: g.rules.to_string(),
            started_at: g.started_at,
            ended_at: g.ended_at,
            planned_minutes: g.planned_minutes,
            facilitator: g.facilitator.map(name),
            secretary: g.secretary.map(name),
            attendees: g
                .attendees
                .iter()
                .filter(|a| a.present)
                .map(person)
                .collect(),
            absentees: g
                .attendees
                .iter()
                .filter(|a| !a.present)
                .map(person)
                .collect(),
            question: g.question.clone(),
            check_in: round(GovStep::CheckIn),
            checklist: Vec::new(),
            metrics: Vec::new(),
            not_reported: Vec::new(),
            projects: Vec::new(),
            agenda: Vec::new(),
            closing: round(GovStep::Closing),
            admin_concerns: g
                .rounds
                .notes
                .iter()
                .filter(|n| n.step == GovStep::AdminConcerns)
                .map(|n| format!("{}: {}", name(n.attendee), n.text))
                .collect(),
            time_outs: g
                .time_outs
                .iter()
                .map(|t| TimeOutLine {
                    asked_by: name(t.asked_by),
                    granted: t.granted,
                    minutes: t
                        .ended
                        .filter(|_| t.granted)
                        .map(|e| (e - t.started).num_minutes()),
                })
                .collect(),
            proposals,
            elections,
        }
    }

    /// "next action: text — Person (Role)" for an output.
    pub fn output_text(output: &OutputLine) -> String {
        let owner = match (&output.role, &output.person) {
            (Some(role), Some(p)) => format!(" — {p} ({role})"),
            (Some(role), None) => format!(" — {role}"),
            (None, Some(p)) => format!(" — {p}'s own, no role"),
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

/// The checklist items and metrics of the meeting with no answer or value in it, each for
/// the period the meeting reviewed (a metric whose period already had its value from an
/// earlier meeting is not due again, and is left out).
fn not_reported(m: &Tactical, org: &Organisation) -> Vec<DueLine> {
    let role_name = |r| {
        org.role(r)
            .map_or_else(|| "?".to_string(), |r| r.name.clone())
    };
    let items = m
        .checklist
        .iter()
        .filter(|&&c| m.answer_for(c).is_none())
        .filter_map(|&c| org.checklist_item(c))
        .map(|c| DueLine {
            role: role_name(c.role),
            item: c.text.clone(),
            kind: "checklist",
            period: m.period_for(c.frequency),
        });
    let metrics = m
        .metrics
        .iter()
        .filter(|&&id| m.report_for(id).is_none() && m.earlier_value(org, id).is_none())
        .filter_map(|&id| org.metric(id))
        .map(|x| DueLine {
            role: role_name(x.role),
            item: x.name.clone(),
            kind: "metric",
            period: m.period_for(x.frequency),
        });
    items.chain(metrics).collect()
}

/// An attendee as the minutes list them.
fn person_of(
    a: &super::meeting::Attendee,
    all: &[super::meeting::Attendee],
    org: &Organisation,
) -> Person {
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

fn objection_line(
    o: &Objection,
    org: &Organisation,
    name: &dyn Fn(usize) -> String,
) -> ObjectionLine {
    let valid = o.test.is_none_or(|t| t.valid());
    let resolution = match o.state {
        ObjectionState::Resolved => "integrated",
        ObjectionState::Abandoned => "abandoned",
        ObjectionState::Open if !valid => "invalid, kept in the record",
        ObjectionState::Open => "open",
    };
    ObjectionLine {
        objector: name(o.objector),
        role: o.role.and_then(|r| org.role(r)).map(|r| r.name.clone()),
        text: o.text.clone(),
        tests: o.test.map(|t| t.answers),
        breaks_constitution: o.test.is_some_and(|t| t.breaks_constitution),
        valid,
        resolution: resolution.into(),
    }
}
