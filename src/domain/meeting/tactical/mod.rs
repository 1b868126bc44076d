//! The tactical meeting as a pure state machine over an append-only event log.
//!
//! Owns: the seven steps with their rules and timeboxes, the events a facilitator's keys
//! produce, validation (`decide`, which also returns the effects on the organisation), and
//! the fold (`apply`, `fold`) that rebuilds the meeting from its log, skipping retracted
//! entries. Time arrives inside events. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

mod cover;
mod decide;
mod events;
mod fold;
pub mod form;
mod form_triage;
mod metrics;
mod progress;
mod requests;
mod reviewed;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_forms;
#[cfg(test)]
mod tests_records;
#[cfg(test)]
mod tests_requests;
#[cfg(test)]
mod tests_updates;
mod updates;

pub use super::Effect;
/// A note taken for a speaker in a tactical meeting's round.
pub type Note = super::rounds::Note<Step>;
pub use cover::Cover;
pub use events::{Event, Recorded, Refusal};
pub use form::{Context as FormContext, Entry, Form, describe_entry, offered_tensions};
pub use form_triage::owners;
pub use metrics::{far_outside, outlier_confirmation, outlier_question};
pub use progress::{
    ProgressItem, progress_items, progress_projects, progress_roles, reported_accountabilities,
};
pub use reviewed::Reviewed;

use super::flow::{self, Flow};
use super::rounds::{Rounds, Turn};
use super::{Attendee, Output};
use crate::domain::RuleSet;
use crate::domain::ids::*;
use crate::domain::org::{Organisation, ProjectStatus};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The steps of a tactical meeting, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Each attendee in turn shares how they are (4.1 §4.2.3(a); 5.0 §3.2(a)).
    CheckIn,
    /// Each filler answers their due checklist items, check or no check.
    Checklist,
    /// Each filler reports their due metrics.
    Metrics,
    /// Each filler gives updates on their projects (and, under 4.1, accountabilities).
    Progress,
    /// The attendees build the agenda: each item a label and its owner.
    Agenda,
    /// Each agenda item is processed into outputs: next actions, projects, information,
    /// requests, tensions for governance.
    Triage,
    /// Each attendee in turn shares a closing reflection (4.1 §4.2.3(f); 5.0 §3.2(g)).
    Closing,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::CheckIn,
        Step::Checklist,
        Step::Metrics,
        Step::Progress,
        Step::Agenda,
        Step::Triage,
        Step::Closing,
    ];

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn title(self) -> &'static str {
        match self {
            Step::CheckIn => "Check-in round",
            Step::Checklist => "Checklist review",
            Step::Metrics => "Metrics review",
            Step::Progress => "Progress updates",
            Step::Agenda => "Agenda building",
            Step::Triage => "Triage",
            Step::Closing => "Closing round",
        }
    }

    /// The one-word name on the step strip.
    pub fn short(self) -> &'static str {
        match self {
            Step::CheckIn => "Check-in",
            Step::Checklist => "Checklist",
            Step::Metrics => "Metrics",
            Step::Progress => "Progress",
            Step::Agenda => "Agenda",
            Step::Triage => "Triage",
            Step::Closing => "Closing",
        }
    }

    /// The step's rule, in one line.
    pub fn rule(self) -> &'static str {
        match self {
            Step::CheckIn => "Each person in turn says what has their attention. No responses.",
            Step::Checklist => {
                "Each role answers check or no check for the period just ended. No discussion."
            }
            Step::Metrics => "Each role reports its latest value. No discussion.",
            Step::Progress => {
                "Owners say what changed since last time, or \"no updates\". Questions yes, discussion no."
            }
            Step::Agenda => {
                "Anyone adds items of one or two words, owned by who raised them. No explanation."
            }
            Step::Triage => {
                "Ask the owner \"What do you need?\"; close with \"Did you get what you need?\""
            }
            Step::Closing => "Each person in turn gives a closing reflection. No responses.",
        }
    }

    /// The step's share of the planned duration, in percent (they add up to 100).
    pub fn share_percent(self) -> i64 {
        match self {
            Step::CheckIn | Step::Progress | Step::Closing => 10,
            Step::Checklist | Step::Metrics | Step::Agenda => 5,
            Step::Triage => 55,
        }
    }

    /// Check-in and closing go round the attendees.
    pub fn is_round(self) -> bool {
        matches!(self, Step::CheckIn | Step::Closing)
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.index()
            .checked_sub(1)
            .and_then(|i| Step::ALL.get(i).copied())
    }
}

/// Who was chosen (with `b`) to report for one review item, when not its filler. The choice
/// belongs to that item of that step only: on any other item or step it names nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReporterChoice {
    pub step: Step,
    /// The item's place in the step's list (fixed when the meeting started).
    pub index: usize,
    pub attendee: usize,
}

impl ReporterChoice {
    /// The chosen reporter, if the choice was made for item `index` of `step`.
    pub fn at(self, step: Step, index: usize) -> Option<usize> {
        (self.step == step && self.index == index).then_some(self.attendee)
    }
}

/// A check or no check for a checklist item, for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistAnswer {
    pub seq: u64,
    pub item: ChecklistItemId,
    pub checked: bool,
    pub reporter: Option<usize>,
    pub period: NaiveDate,
}

/// A metric value reported in the meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricReport {
    pub seq: u64,
    pub metric: MetricId,
    pub value: f64,
    pub comment: Option<String>,
    pub reporter: Option<usize>,
    pub period: NaiveDate,
    /// For a correction: the value it replaced, reported before this meeting.
    pub corrects: Option<f64>,
}

/// A project's update: what changed (`None`: no updates), and its status after.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectReport {
    pub seq: u64,
    pub project: ProjectId,
    pub update: Option<String>,
    pub status_before: ProjectStatus,
    pub status: ProjectStatus,
    pub reporter: Option<usize>,
}

/// Progress shared on one accountability of a role (4.1 §4.2.3(d)).
#[derive(Debug, Clone, PartialEq)]
pub struct AccountabilityReport {
    pub seq: u64,
    pub role: RoleId,
    pub accountability: String,
    pub update: String,
    pub reporter: Option<usize>,
}

/// A request for updates on a project made in the meeting (`by`: who asked), or its end
/// (`by`: the filler who determined the updates are no longer useful).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdatesAsked {
    pub seq: u64,
    pub project: ProjectId,
    pub by: Option<usize>,
    pub ended: bool,
}

/// An agenda item and what triage made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    pub seq: u64,
    pub label: String,
    /// Attendee index of who raised it.
    pub owner: usize,
    pub tension: Option<TensionId>,
    pub outputs: Vec<(u64, Output)>,
    /// `Some(got_what_they_needed)` once closed.
    pub closed: Option<bool>,
    /// When triage first reached it, and the time share it was given then (seconds).
    pub opened: Option<(DateTime<Utc>, i64)>,
    /// The sequence number of its removal from the agenda, if it was removed.
    pub deleted: Option<u64>,
}

/// A tactical meeting folded from its events.
#[derive(Debug, Clone, PartialEq)]
pub struct Tactical {
    pub circle: CircleId,
    pub attendees: Vec<Attendee>,
    pub facilitator: Option<usize>,
    pub secretary: Option<usize>,
    pub planned_minutes: u32,
    pub question: String,
    /// What the reviews go through, fixed when the meeting started.
    pub checklist: Vec<ChecklistItemId>,
    pub metrics: Vec<MetricId>,
    pub projects: Vec<ProjectId>,
    /// The progress updates' rows: the projects, and under 4.1 roles' accountabilities.
    pub progress: Vec<ProgressItem>,
    pub started_at: DateTime<Utc>,
    pub step: Step,
    /// The furthest step the meeting reached (it may have gone back since): what ending it
    /// leaves out comes after this one.
    pub furthest: Step,
    pub step_started_at: DateTime<Utc>,
    /// Minutes added with `t`, per step.
    pub extra_minutes: [u32; 7],
    /// The check-in and closing rounds: order, floor time, notes.
    pub rounds: Rounds<Step>,
    /// Where each step is: speaker, item or agenda position.
    pub cursors: [usize; 7],
    pub answers: Vec<ChecklistAnswer>,
    pub reports: Vec<MetricReport>,
    pub updates: Vec<ProjectReport>,
    /// Requests for updates made, and ended, in this meeting (4.1 §4.2.3(d); 5.0 §2.1(f)).
    pub requests: Vec<UpdatesAsked>,
    /// Progress on accountabilities (4.1 §4.2.3(d)), in the order reported.
    pub accountability_updates: Vec<AccountabilityReport>,
    /// Every item ever added (deleted ones stay, out of `agenda_order`).
    pub agenda: Vec<AgendaItem>,
    /// The agenda as it stands: items by their sequence numbers.
    pub agenda_order: Vec<u64>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Entries (things a retraction can take back) in order: sequence and step.
    entries: Vec<(u64, Step)>,
}

impl Tactical {
    /// The meeting as its first event (`Started`) sets it up.
    pub fn start(first: &Recorded) -> Result<Tactical, Refusal> {
        let Event::Started {
            circle,
            attendees,
            facilitator,
            secretary,
            planned_minutes,
            question,
            checklist,
            metrics,
            projects,
            progress,
        } = &first.event
        else {
            return Err(Refusal::new("a meeting starts with its setup"));
        };
        // An observer is shown but never asked (4.1 §4.2.2; 5.0 §3.1: the invited take part).
        let order: Vec<usize> = (0..attendees.len())
            .filter(|&i| attendees[i].present && !attendees[i].observer)
            .collect();
        if order.is_empty() {
            return Err(Refusal::new("nobody is marked present"));
        }
        if *planned_minutes == 0 || *planned_minutes > 24 * 60 {
            return Err(Refusal::new(
                "the planned duration must be 1 to 1440 minutes",
            ));
        }
        let valid = |i: &Option<usize>| i.is_none_or(|i| i < attendees.len());
        if !valid(facilitator) || !valid(secretary) {
            return Err(Refusal::new(
                "the facilitator and secretary must be attendees",
            ));
        }
        Ok(Tactical {
            circle: *circle,
            attendees: attendees.iter().map(Attendee::normalised).collect(),
            facilitator: *facilitator,
            secretary: *secretary,
            planned_minutes: *planned_minutes,
            question: question.clone(),
            checklist: checklist.clone(),
            metrics: metrics.clone(),
            projects: projects.clone(),
            // Older logs (and 5.0's) list projects only.
            progress: if progress.is_empty() {
                projects.iter().map(|&p| ProgressItem::Project(p)).collect()
            } else {
                progress.clone()
            },
            started_at: first.at,
            step: Step::CheckIn,
            furthest: Step::CheckIn,
            step_started_at: first.at,
            extra_minutes: [0; 7],
            rounds: Rounds::new(Step::CheckIn, order, first.at),
            cursors: [0; 7],
            answers: Vec::new(),
            reports: Vec::new(),
            updates: Vec::new(),
            requests: Vec::new(),
            accountability_updates: Vec::new(),
            agenda: Vec::new(),
            agenda_order: Vec::new(),
            ended_at: None,
            entries: Vec::new(),
        })
    }

    /// Rebuilds a meeting from its whole log, skipping retracted entries.
    pub fn fold(log: &[Recorded]) -> Result<Tactical, Refusal> {
        flow::fold(log, RuleSet::default())
    }

    /// When the meeting is planned to end, with the minutes added.
    pub fn deadline(&self) -> DateTime<Utc> {
        let extra: u32 = self.extra_minutes.iter().sum();
        self.started_at + Duration::minutes(i64::from(self.planned_minutes + extra))
    }

    /// When the current step's timebox ends.
    pub fn step_deadline(&self) -> DateTime<Utc> {
        let planned_secs = i64::from(self.planned_minutes) * 60 * self.step.share_percent() / 100;
        let extra = i64::from(self.extra_minutes[self.step.index()]) * 60;
        self.step_started_at + Duration::seconds(planned_secs + extra)
    }

    /// Who holds the floor now and for how long: in a round the speaker, whose share is the
    /// step's timebox over the speakers; in triage the open item, with its share.
    pub fn turn(&self) -> Option<Turn> {
        match self.step {
            step if step.is_round() => {
                let since = self.rounds.speaker_since?;
                let speakers = i64::try_from(self.rounds.order.len()).ok()?.max(1);
                let step_secs = (self.step_deadline() - self.step_started_at).num_seconds();
                Some(Turn {
                    since,
                    share: Some(step_secs / speakers),
                })
            }
            Step::Triage => {
                let item = self.item(self.current_item()?)?;
                let (since, share) = item.opened.filter(|_| item.closed.is_none())?;
                Some(Turn {
                    since,
                    share: Some(share),
                })
            }
            _ => None,
        }
    }

    /// How many positions the current step's cursor can take.
    pub fn len_of(&self, step: Step) -> usize {
        match step {
            Step::CheckIn | Step::Closing => self.rounds.order.len(),
            Step::Checklist => self.checklist.len(),
            Step::Metrics => self.metrics.len(),
            Step::Progress => self.progress.len(),
            Step::Agenda | Step::Triage => self.agenda_order.len(),
        }
    }

    /// The cursor of a step, kept inside its list.
    pub fn cursor(&self, step: Step) -> usize {
        self.cursors[step.index()].min(self.len_of(step).saturating_sub(1))
    }

    /// The attendee speaking now in a round step.
    pub fn speaker(&self) -> Option<usize> {
        self.step
            .is_round()
            .then(|| self.rounds.order.get(self.cursor(self.step)).copied())
            .flatten()
    }

    /// The agenda item under the cursor (agenda and triage steps), by sequence number.
    pub fn current_item(&self) -> Option<u64> {
        self.agenda_order.get(self.cursor(self.step)).copied()
    }

    /// An agenda item by its sequence number.
    pub fn item(&self, seq: u64) -> Option<&AgendaItem> {
        self.agenda.iter().find(|a| a.seq == seq)
    }

    fn item_mut(&mut self, seq: u64) -> Option<&mut AgendaItem> {
        self.agenda.iter_mut().find(|a| a.seq == seq)
    }

    /// The agenda as it stands, in order.
    pub fn agenda_items(&self) -> impl Iterator<Item = &AgendaItem> {
        self.agenda_order.iter().filter_map(|&i| self.item(i))
    }

    pub fn answer_for(&self, item: ChecklistItemId) -> Option<&ChecklistAnswer> {
        self.answers.iter().find(|a| a.item == item)
    }

    pub fn report_for(&self, metric: MetricId) -> Option<&MetricReport> {
        self.reports.iter().find(|r| r.metric == metric)
    }

    /// The project on row `index` of the progress updates, if that row is a project.
    pub fn project_at(&self, index: usize) -> Option<ProjectId> {
        match self.progress.get(index)? {
            ProgressItem::Project(p) => Some(*p),
            ProgressItem::Accountabilities(_) => None,
        }
    }

    pub fn update_for(&self, project: ProjectId) -> Option<&ProjectReport> {
        self.updates.iter().find(|u| u.project == project)
    }

    pub fn note_for(&self, step: Step, attendee: usize) -> Option<&Note> {
        self.rounds.note_for(step, attendee)
    }

    /// The role owning the review item at `index` of a review step (checklist, metrics,
    /// progress); `None` for other steps or an index out of range.
    pub fn review_role(&self, org: &Organisation, step: Step, index: usize) -> Option<RoleId> {
        match step {
            Step::Checklist => self
                .checklist
                .get(index)
                .and_then(|&c| org.checklist_item(c))
                .map(|c| c.role),
            Step::Metrics => self
                .metrics
                .get(index)
                .and_then(|&m| org.metric(m))
                .map(|m| m.role),
            Step::Progress => match self.progress.get(index)? {
                ProgressItem::Project(p) => org.project(*p).map(|p| p.role),
                ProgressItem::Accountabilities(role) => Some(*role),
            },
            _ => None,
        }
    }

    /// Seconds `attendee` held the floor in a round, if they spoke.
    pub fn floor_of(&self, step: Step, attendee: usize) -> Option<i64> {
        self.rounds.floor_of(step, attendee)
    }

    /// The most recent entry of the current step that a retraction would take back.
    pub fn last_entry_in_step(&self) -> Option<u64> {
        self.entries
            .iter()
            .rev()
            .find(|(_, s)| *s == self.step)
            .map(|(seq, _)| *seq)
    }

    /// Agenda items not yet closed.
    pub fn open_items(&self) -> usize {
        self.agenda_items().filter(|a| a.closed.is_none()).count()
    }

    /// Present attendees who take part (observers left out), by index.
    pub fn present(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.attendees.len())
            .filter(|&i| self.attendees[i].present && !self.attendees[i].observer)
    }

    pub fn name_of(&self, attendee: usize) -> &str {
        self.attendees
            .get(attendee)
            .map_or("?", |a| a.name.as_str())
    }

    /// Closes the current speaker's turn on the floor at `at`.
    fn end_turn(&mut self, at: DateTime<Utc>) {
        let speaker = self.speaker();
        self.rounds.end_turn(self.step, speaker, at);
    }

    /// Gives the current triage item its time share the first time triage reaches it.
    fn open_current_item(&mut self, at: DateTime<Utc>) {
        if self.step != Step::Triage {
            return;
        }
        let open = i64::try_from(self.open_items()).unwrap_or(1).max(1);
        // The share the header's step clock agrees with: what is left of triage's own
        // timebox (minutes added to it included), split among the items still open.
        let remaining = (self.step_deadline() - at).num_seconds().max(0);
        if let Some(item) = self.current_item().and_then(|i| self.item_mut(i))
            && item.opened.is_none()
            && item.closed.is_none()
        {
            item.opened = Some((at, remaining / open));
        }
    }
}

impl Flow for Tactical {
    type Event = Event;

    fn start(first: &Recorded, _rules: RuleSet) -> Result<Tactical, Refusal> {
        Tactical::start(first)
    }

    fn decide(&self, event: &Event, org: &Organisation) -> Result<Vec<Effect>, Refusal> {
        self.decide_in(event, org)
    }

    fn apply(&mut self, entry: &Recorded) {
        Tactical::apply(self, entry);
    }

    fn retracts(event: &Event) -> Option<u64> {
        match event {
            Event::Retracted { seq } => Some(*seq),
            _ => None,
        }
    }

    fn is_move(event: &Event) -> bool {
        event.is_move()
    }
}
