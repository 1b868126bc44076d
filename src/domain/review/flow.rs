//! The guided solo review as a pure state machine over an append-only log: a plan of stops
//! fixed when it starts (each role; each accountability; current projects; due checklist
//! items and metrics; then tensions and a summary), a cursor, and entries with their effects
//! on the organisation.
//!
//! Owns: the plan, what each stop accepts, `decide` (which returns the effects) and the fold.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{checklist_due, metric_due};
use crate::domain::RuleSet;
use crate::domain::ids::*;
use crate::domain::meeting::Effect;
use crate::domain::meeting::flow::{self, Flow, Recorded};
use crate::domain::meeting::tactical::Refusal;
use crate::domain::org::{Organisation, ProjectStatus, TensionKind};
use crate::domain::text::clean_line;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One stop of the review.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stop", rename_all = "snake_case")]
pub enum Stop {
    /// Read the role: purpose, domains, accountabilities.
    Role { role: RoleId },
    /// "Is there a next action or project for this accountability?"
    Accountability { role: RoleId, index: usize },
    /// "What is the next action, what is its status?"
    Project { project: ProjectId },
    /// A checklist item due for the period that just ended.
    Checklist {
        item: ChecklistItemId,
        period: NaiveDate,
    },
    /// A metric due for the period that just ended.
    Metric { metric: MetricId, period: NaiveDate },
    /// Tensions for the circles' next meetings.
    Tensions,
    /// What changed.
    Summary,
}

/// The stops of a person's review, in order.
pub fn plan(org: &Organisation, person: PersonId, today: NaiveDate) -> Vec<Stop> {
    let mut stops = Vec::new();
    let mut seen = HashSet::new();
    for a in org.assignments_of(person) {
        let Some(role) = org.role(a.role) else {
            continue;
        };
        if !seen.insert(role.id) {
            continue;
        }
        stops.push(Stop::Role { role: role.id });
        stops.extend(
            (0..role.accountabilities.len()).map(|index| Stop::Accountability {
                role: role.id,
                index,
            }),
        );
        stops.extend(
            org.projects_of(role.id)
                .filter(|p| {
                    p.status == ProjectStatus::Current && p.person.is_none_or(|p| p == person)
                })
                .map(|p| Stop::Project { project: p.id }),
        );
        stops.extend(org.checklist_of(role.id).filter_map(|c| {
            checklist_due(org, c, today).map(|period| Stop::Checklist { item: c.id, period })
        }));
        stops.extend(org.metrics_of(role.id).filter_map(|m| {
            metric_due(org, m, today).map(|period| Stop::Metric {
                metric: m.id,
                period,
            })
        }));
    }
    stops.push(Stop::Tensions);
    stops.push(Stop::Summary);
    stops
}

/// Something the review recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "entry", rename_all = "snake_case")]
pub enum Entry {
    /// A new next action, for one of the person's roles or (`None`) outside any role.
    NextAction { role: Option<RoleId>, text: String },
    /// A new project of one of the person's roles.
    Project { role: RoleId, title: String },
    /// A project's status changed from `status_before` to `status`.
    ProjectStatus {
        project: ProjectId,
        status_before: ProjectStatus,
        status: ProjectStatus,
    },
    /// A due checklist item answered, check or no check, for the period starting `period`.
    Checklist {
        item: ChecklistItemId,
        period: NaiveDate,
        checked: bool,
    },
    /// A due metric's value reported for the period starting `period`.
    Metric {
        metric: MetricId,
        period: NaiveDate,
        value: f64,
    },
    /// A new tension, for a tactical or governance meeting of the circle.
    Tension {
        circle: CircleId,
        role: Option<RoleId>,
        text: String,
        kind: TensionKind,
    },
}

/// One move of the review, as stored in its log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReviewEvent {
    /// The review started for the person, with its plan of stops fixed.
    Started { person: PersonId, stops: Vec<Stop> },
    /// The review went to the stop at `index` of the plan.
    Moved { index: usize },
    /// An entry made at the stop `at`.
    Recorded { at: usize, entry: Entry },
    /// The entry `seq` (the last one) was taken back, with its effects.
    Retracted { seq: u64 },
    /// The review ended.
    Ended,
}

impl ReviewEvent {
    /// Whether the event moves the review to another stop (relative to where it stood), so it
    /// is not decided again after another program recorded first.
    pub fn is_move(&self) -> bool {
        matches!(self, ReviewEvent::Moved { .. })
    }
}

/// A review folded from its log.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub person: PersonId,
    pub stops: Vec<Stop>,
    pub cursor: usize,
    /// Entries not taken back: (sequence, stop index, entry).
    pub entries: Vec<(u64, usize, Entry)>,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

impl Review {
    /// Rebuilds a review from its log, skipping retracted entries.
    pub fn fold(log: &[Recorded<ReviewEvent>]) -> Result<Review, Refusal> {
        flow::fold(log, RuleSet::default())
    }

    /// The review as its first event (`Started`, its plan) sets it up.
    fn start(first: &Recorded<ReviewEvent>) -> Result<Review, Refusal> {
        let ReviewEvent::Started { person, stops } = &first.event else {
            return Err(Refusal::new("a review starts with its plan"));
        };
        Ok(Review {
            person: *person,
            stops: stops.clone(),
            cursor: 0,
            entries: Vec::new(),
            started_at: first.at,
            ended_at: None,
        })
    }

    pub fn stop(&self) -> Stop {
        self.stops
            .get(self.cursor)
            .copied()
            .unwrap_or(Stop::Summary)
    }

    /// The entries made at a stop.
    pub fn entries_at(&self, index: usize) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(move |(_, at, _)| *at == index)
            .map(|(_, _, e)| e)
    }

    /// Whether `event` may happen now, and its effects on the organisation.
    pub fn decide(&self, event: &ReviewEvent) -> Result<Vec<Effect>, Refusal> {
        let refuse = |m: &str| Err(Refusal::new(m));
        if self.ended_at.is_some() {
            return refuse("the review has ended");
        }
        match event {
            ReviewEvent::Started { .. } => refuse("the review has already started"),
            ReviewEvent::Moved { index } if *index < self.stops.len() => Ok(vec![]),
            ReviewEvent::Moved { .. } => refuse("nothing there"),
            ReviewEvent::Retracted { seq } => match self.entries.last() {
                Some((last, _, _)) if last == seq => Ok(vec![Effect::Undo { seq: *seq }]),
                _ => refuse("only the last entry can be taken back"),
            },
            ReviewEvent::Ended => Ok(vec![Effect::EndMeeting]),
            ReviewEvent::Recorded { at, entry } => {
                if *at != self.cursor {
                    return refuse("entries are made at the current stop");
                }
                self.entry_effects(entry)
            }
        }
    }

    /// What an entry at the current stop does: work it creates, or the stop's answer.
    fn entry_effects(&self, entry: &Entry) -> Result<Vec<Effect>, Refusal> {
        match entry {
            Entry::NextAction { .. } | Entry::Project { .. } | Entry::Tension { .. } => {
                self.new_work_effects(entry)
            }
            Entry::ProjectStatus { .. } | Entry::Checklist { .. } | Entry::Metric { .. } => {
                self.answer_effects(entry)
            }
        }
    }

    /// A next action, a project or a tension, with text, on a role the stop is about (a
    /// tension at the tensions stop).
    fn new_work_effects(&self, entry: &Entry) -> Result<Vec<Effect>, Refusal> {
        let refuse = |m: &str| Err(Refusal::new(m));
        let person = self.person;
        let empty = |t: &str| clean_line(t).is_empty();
        match (self.stop(), entry) {
            (
                _,
                Entry::NextAction { text, .. }
                | Entry::Project { title: text, .. }
                | Entry::Tension { text, .. },
            ) if empty(text) => refuse("the text is empty"),
            (Stop::Accountability { role, .. }, Entry::NextAction { role: r, text })
                if *r == Some(role) =>
            {
                Ok(vec![Effect::CreateNextAction {
                    role: Some(role),
                    person,
                    text: text.clone(),
                }])
            }
            (Stop::Accountability { role, .. }, Entry::Project { role: r, title })
                if *r == role =>
            {
                Ok(vec![Effect::CreateProject {
                    role,
                    person: Some(person),
                    title: title.clone(),
                }])
            }
            (Stop::Project { .. }, Entry::NextAction { role, text }) => {
                Ok(vec![Effect::CreateNextAction {
                    role: *role,
                    person,
                    text: text.clone(),
                }])
            }
            (
                Stop::Tensions,
                Entry::Tension {
                    circle,
                    role,
                    text,
                    kind,
                },
            ) => Ok(vec![Effect::CreateTension {
                person,
                role: *role,
                circle: *circle,
                text: text.clone(),
                kind: *kind,
            }]),
            _ => refuse("that does not belong at this stop"),
        }
    }

    /// The stop's one answer: a project's status, a checklist item's check, a metric's value.
    fn answer_effects(&self, entry: &Entry) -> Result<Vec<Effect>, Refusal> {
        let refuse = |m: &str| Err(Refusal::new(m));
        match (self.stop(), entry) {
            (
                Stop::Project { project },
                Entry::ProjectStatus {
                    project: p, status, ..
                },
            ) if *p == project => {
                if self
                    .entries_at(self.cursor)
                    .any(|e| matches!(e, Entry::ProjectStatus { .. }))
                {
                    return refuse("the status is already set; u takes it back");
                }
                Ok(vec![Effect::UpdateProject {
                    project,
                    update: None,
                    status: *status,
                }])
            }
            (
                Stop::Checklist { item, period },
                Entry::Checklist {
                    item: i,
                    period: p,
                    checked,
                },
            ) if *i == item && *p == period => {
                if self.entries_at(self.cursor).next().is_some() {
                    return refuse("already answered; u takes it back");
                }
                Ok(vec![Effect::AnswerChecklist {
                    item,
                    period,
                    checked: *checked,
                }])
            }
            (
                Stop::Metric { metric, period },
                Entry::Metric {
                    metric: m,
                    period: p,
                    value,
                },
            ) if *m == metric && *p == period => {
                if !value.is_finite() {
                    return refuse("the value is not a number");
                }
                if self.entries_at(self.cursor).next().is_some() {
                    return refuse("already entered; u takes it back");
                }
                Ok(vec![Effect::RecordMetric {
                    metric,
                    period,
                    value: *value,
                    comment: None,
                }])
            }
            _ => refuse("that does not belong at this stop"),
        }
    }

    /// Applies an accepted (or logged) event; anything out of range is ignored.
    pub fn apply(&mut self, entry: &Recorded<ReviewEvent>) {
        let (seq, at) = (entry.seq, entry.at);
        match &entry.event {
            ReviewEvent::Moved { index } if *index < self.stops.len() => self.cursor = *index,
            ReviewEvent::Recorded { at: stop, entry } => {
                self.entries.push((seq, *stop, entry.clone()))
            }
            ReviewEvent::Ended => self.ended_at = Some(at),
            _ => {}
        }
    }
}

impl Flow for Review {
    type Event = ReviewEvent;

    fn start(first: &Recorded<ReviewEvent>, _rules: RuleSet) -> Result<Review, Refusal> {
        Review::start(first)
    }

    fn decide(&self, event: &ReviewEvent, _org: &Organisation) -> Result<Vec<Effect>, Refusal> {
        Review::decide(self, event)
    }

    fn apply(&mut self, entry: &Recorded<ReviewEvent>) {
        Review::apply(self, entry);
    }

    fn retracts(event: &ReviewEvent) -> Option<u64> {
        match event {
            ReviewEvent::Retracted { seq } => Some(*seq),
            _ => None,
        }
    }

    fn is_move(event: &ReviewEvent) -> bool {
        event.is_move()
    }
}

#[cfg(test)]
mod tests;
