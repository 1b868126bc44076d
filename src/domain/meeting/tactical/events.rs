//! What can happen in a tactical meeting, whether it may happen now, and what it changes.
//!
//! Owns: `Event` (the log's payload, serialised as JSON), `Refusal`, `decide` (which says
//! what an event does to the organisation) and `apply`.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::super::{Attendee, Effect, Output, OutputKind};
use super::metrics::Reported;
use super::{AgendaItem, ChecklistAnswer, Note, ProgressItem, ProjectReport, Step, Tactical};
use crate::domain::ids::*;
use crate::domain::meeting::rounds::Rounds;
use crate::domain::org::{ProjectStatus, TensionKind};
use crate::domain::text::clean_line;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One move of the meeting, as stored in its log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// Setup is done: who is here, who facilitates and takes notes, what will be reviewed.
    Started {
        circle: CircleId,
        attendees: Vec<Attendee>,
        facilitator: Option<usize>,
        secretary: Option<usize>,
        planned_minutes: u32,
        question: String,
        checklist: Vec<ChecklistItemId>,
        metrics: Vec<MetricId>,
        projects: Vec<ProjectId>,
        /// The progress rows when they hold more than the projects (4.1: accountabilities);
        /// left out otherwise, as older logs have it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        progress: Vec<ProgressItem>,
    },
    /// The facilitator moved to another step.
    StepChanged { step: Step },
    /// The current step's cursor moved: the next speaker, item or agenda position.
    CursorMoved { step: Step, index: usize },
    /// The rounds' speaking order was changed or shuffled (attendee indexes).
    OrderChanged { order: Vec<usize> },
    /// Another check-in question was drawn.
    QuestionChanged { question: String },
    /// A note for a speaker in a round.
    NoteTaken {
        step: Step,
        attendee: usize,
        text: String,
    },
    ChecklistAnswered {
        item: ChecklistItemId,
        checked: bool,
        reporter: Option<usize>,
        period: NaiveDate,
    },
    MetricReported {
        metric: MetricId,
        value: f64,
        comment: Option<String>,
        reporter: Option<usize>,
        period: NaiveDate,
    },
    /// The value already standing for a metric's period (`was`, reported before this
    /// meeting) is corrected: one value per metric per period, and the change is recorded.
    MetricCorrected {
        metric: MetricId,
        value: f64,
        comment: Option<String>,
        reporter: Option<usize>,
        period: NaiveDate,
        was: f64,
    },
    /// A project's update (`None`: "no updates") and its status, before and after.
    ProjectUpdated {
        project: ProjectId,
        update: Option<String>,
        status_before: ProjectStatus,
        status: ProjectStatus,
        reporter: Option<usize>,
    },
    /// Progress on one accountability of a role (4.1 §4.2.3(d)).
    AccountabilityReported {
        role: RoleId,
        accountability: String,
        update: String,
        reporter: Option<usize>,
    },
    /// Attendee `by`, a circle member, explicitly asks for updates on a project (4.1
    /// §4.2.3(d); 5.0 §2.1(f)): from then on it must be reported on (`updates`).
    UpdatesRequested { project: ProjectId, by: usize },
    /// The project's filler determines the requested updates are no longer useful (5.0
    /// §2.1(f); refused under 4.1).
    UpdateRequestEnded {
        project: ProjectId,
        reporter: Option<usize>,
    },
    /// An agenda item; it is known afterwards by this event's sequence number.
    AgendaItemAdded {
        label: String,
        owner: usize,
        tension: Option<TensionId>,
    },
    /// An agenda item moved to another position of the agenda as it stands.
    AgendaItemMoved { item: u64, to: usize },
    /// An agenda item was taken off the agenda.
    AgendaItemDeleted { item: u64 },
    /// Triage produced an output for an item.
    OutputAdded { item: u64, output: Output },
    /// Triage closed an item, having asked "Did you get what you need?".
    ItemClosed { item: u64, got_what_needed: bool },
    /// One more minute (or more) for the current step and the meeting.
    TimeAdded { minutes: u32 },
    /// The entry with this sequence number is taken back.
    Retracted { seq: u64 },
    /// The meeting is over.
    Ended,
}

/// A tactical event as it sits in the log.
pub type Recorded = crate::domain::meeting::flow::Recorded<Event>;

/// Why an event was refused: one line for the person at the keyboard. Nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl Refusal {
    pub fn new(message: impl Into<String>) -> Refusal {
        Refusal(message.into())
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

fn refuse<T>(message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(message))
}

/// Longest text accepted in one entry.
const MAX_TEXT: usize = crate::domain::text::MAX_ENTRY_CHARS;

fn text_ok(text: &str, what: &str) -> Result<(), Refusal> {
    if clean_line(text).is_empty() {
        return refuse(format!("the {what} is empty"));
    }
    if text.chars().count() > MAX_TEXT {
        return refuse(format!("the {what} is longer than {MAX_TEXT} characters"));
    }
    Ok(())
}

impl Event {
    /// Whether the event moves the meeting relative to where it stood (the next step, speaker
    /// or item, a new order): decided on a position another program has since moved away
    /// from, it no longer means what was asked, so it is not decided again after a conflict.
    pub fn is_move(&self) -> bool {
        matches!(
            self,
            Event::StepChanged { .. }
                | Event::CursorMoved { .. }
                | Event::OrderChanged { .. }
                | Event::AgendaItemMoved { .. }
        )
    }
}

impl Tactical {
    fn attendee_ok(&self, attendee: usize) -> Result<(), Refusal> {
        match self.attendees.get(attendee) {
            Some(a) if a.present => Ok(()),
            Some(a) => refuse(format!("{} is not present", a.name)),
            None => refuse("no such attendee"),
        }
    }

    pub(super) fn reporter_ok(&self, reporter: Option<usize>) -> Result<(), Refusal> {
        reporter.map_or(Ok(()), |r| self.attendee_ok(r))
    }

    fn item_ok(&self, item: u64) -> Result<&AgendaItem, Refusal> {
        match self.item(item) {
            Some(a) if self.agenda_order.contains(&item) => Ok(a),
            _ => refuse("no such agenda item"),
        }
    }

    /// Whether `event` may happen now, and what it does to the organisation. Refusals
    /// change nothing; the shell shows them.
    pub fn decide(&self, event: &Event) -> Result<Vec<Effect>, Refusal> {
        if self.ended_at.is_some() {
            return refuse("the meeting has ended");
        }
        let none = Ok(Vec::new());
        match event {
            Event::Started { .. } => refuse("the meeting has already started"),
            Event::StepChanged { .. } | Event::QuestionChanged { .. } => none,
            Event::CursorMoved { step, index } => {
                if *step != self.step || *index >= self.len_of(*step) {
                    return refuse("nothing there");
                }
                none
            }
            Event::OrderChanged { order } => {
                if !Rounds::<Step>::is_order_of(order, self.present()) {
                    return refuse("the order must list every present attendee once");
                }
                none
            }
            Event::NoteTaken {
                step,
                attendee,
                text,
            } => {
                if !step.is_round() || *step != self.step {
                    return refuse("notes are taken in the check-in and closing rounds");
                }
                self.attendee_ok(*attendee)?;
                text_ok(text, "note")?;
                none
            }
            Event::ChecklistAnswered {
                item,
                checked,
                reporter,
                period,
            } => {
                if !self.checklist.contains(item) {
                    return refuse("that checklist item is not in this meeting");
                }
                if self.answer_for(*item).is_some() {
                    return refuse("already answered; u takes the answer back");
                }
                self.reporter_ok(*reporter)?;
                Ok(vec![Effect::AnswerChecklist {
                    item: *item,
                    period: *period,
                    checked: *checked,
                }])
            }
            Event::MetricReported {
                metric,
                value,
                comment,
                reporter,
                period,
            }
            | Event::MetricCorrected {
                metric,
                value,
                comment,
                reporter,
                period,
                ..
            } => self.decide_value(&Reported {
                metric: *metric,
                value: *value,
                comment,
                reporter: *reporter,
                period: *period,
            }),
            Event::ProjectUpdated {
                project,
                update,
                status,
                reporter,
                ..
            } => {
                if !self.projects.contains(project) {
                    return refuse("that project is not in this meeting");
                }
                if self.update_for(*project).is_some() {
                    return refuse("already updated; u takes the update back");
                }
                if let Some(text) = update {
                    text_ok(text, "update")?;
                }
                self.reporter_ok(*reporter)?;
                Ok(vec![Effect::UpdateProject {
                    project: *project,
                    update: update.clone(),
                    status: *status,
                }])
            }
            Event::AgendaItemAdded {
                label,
                owner,
                tension,
            } => {
                text_ok(label, "label")?;
                self.attendee_ok(*owner)?;
                let on_agenda = |t: TensionId| {
                    self.agenda_order
                        .iter()
                        .any(|&i| self.item(i).is_some_and(|a| a.tension == Some(t)))
                };
                if tension.is_some_and(on_agenda) {
                    return refuse("that tension is already on the agenda");
                }
                Ok(tension
                    .map(|t| Effect::ProcessTension { tension: t })
                    .into_iter()
                    .collect())
            }
            Event::AgendaItemMoved { item, to } => {
                self.item_ok(*item)?;
                if *to >= self.agenda_order.len() {
                    return refuse("no such agenda position");
                }
                none
            }
            Event::AgendaItemDeleted { item } => {
                let agenda_item = self.item_ok(*item)?;
                if !agenda_item.outputs.is_empty() {
                    return refuse("the item has outputs; it can only be closed");
                }
                // Undoing the item's entry gives the tension it took up back.
                Ok(agenda_item
                    .tension
                    .map(|_| Effect::Undo { seq: *item })
                    .into_iter()
                    .collect())
            }
            Event::OutputAdded { item, output } => {
                let agenda_item = self.item_ok(*item)?;
                if agenda_item.closed.is_some() {
                    return refuse("the item is closed");
                }
                text_ok(&output.text, output.kind.label())?;
                self.output_effects(output)
            }
            Event::ItemClosed { item, .. } => {
                if self.item_ok(*item)?.closed.is_some() {
                    return refuse("the item is already closed");
                }
                none
            }
            Event::TimeAdded { minutes } => {
                if !(1..=60).contains(minutes) {
                    return refuse("add 1 to 60 minutes at a time");
                }
                none
            }
            Event::Retracted { seq } => {
                if self.last_entry_in_step() != Some(*seq) {
                    return refuse("only the last entry of this step can be taken back");
                }
                if let Some(item) = self.agenda.iter().find(|a| a.seq == *seq)
                    && !item.outputs.is_empty()
                {
                    return refuse("that item has outputs; take those back first");
                }
                // Putting a removed item back takes its tension up again.
                let tension = self
                    .agenda
                    .iter()
                    .find(|a| a.deleted == Some(*seq))
                    .and_then(|a| a.tension)
                    .map(|tension| Effect::ProcessTension { tension });
                Ok(std::iter::once(Effect::Undo { seq: *seq })
                    .chain(tension)
                    .collect())
            }
            Event::Ended => Ok(vec![Effect::EndMeeting]),
            // Decided with the organisation (`updates`), before this is reached.
            Event::UpdatesRequested { .. }
            | Event::UpdateRequestEnded { .. }
            | Event::AccountabilityReported { .. } => refuse("decided with the organisation"),
        }
    }

    fn output_effects(&self, output: &Output) -> Result<Vec<Effect>, Refusal> {
        let text = output.text.clone();
        match (output.kind, output.role, output.person) {
            (OutputKind::NextAction, role, Some(person)) => {
                Ok(vec![Effect::CreateNextAction { role, person, text }])
            }
            (OutputKind::NextAction, _, None) => refuse("a next action needs a person to do it"),
            (OutputKind::Project, Some(role), person) => Ok(vec![Effect::CreateProject {
                role,
                person,
                title: text,
            }]),
            (OutputKind::Project, None, _) => refuse("a project needs a role to own it"),
            (OutputKind::Tension, role, Some(person)) => Ok(vec![Effect::CreateTension {
                person,
                role,
                circle: self.circle,
                text,
                kind: TensionKind::Governance,
            }]),
            (OutputKind::Tension, _, None) => {
                refuse("a tension needs a person who will take it to governance")
            }
            (OutputKind::Information | OutputKind::Request, _, _) => Ok(Vec::new()),
        }
    }

    /// Applies an event that `decide` accepted (or that the log holds). Anything out of
    /// range is ignored rather than trusted, so a damaged log cannot crash the fold.
    pub fn apply(&mut self, rec: &Recorded) {
        let at = rec.at;
        let seq = rec.seq;
        let step = self.step;
        match &rec.event {
            Event::Started { .. } | Event::Retracted { .. } => {}
            Event::UpdatesRequested { .. } | Event::UpdateRequestEnded { .. } => {
                self.apply_request(rec);
                self.entries.push((seq, step));
            }
            Event::AccountabilityReported { .. } => {
                self.apply_accountability(rec);
                self.entries.push((seq, step));
            }
            Event::StepChanged { step: to } => {
                self.end_turn(at);
                self.step = *to;
                self.step_started_at = at;
                if to.is_round() {
                    self.rounds.enter(*to, at);
                }
                self.open_current_item(at);
            }
            Event::CursorMoved { step: s, index } if *s == step => self.move_to(*index, at),
            Event::CursorMoved { .. } => {}
            Event::OrderChanged { order } => {
                // The order is the round's being held (or the coming rounds' outside them).
                let round = step.is_round().then_some(step);
                let speaker = self.speaker();
                self.rounds.reorder(round, speaker, order.clone(), at);
            }
            Event::QuestionChanged { question } => self.question = question.clone(),
            Event::NoteTaken {
                step: s,
                attendee,
                text,
            } => {
                self.rounds.notes.push(Note {
                    seq,
                    step: *s,
                    attendee: *attendee,
                    text: text.clone(),
                });
                self.entries.push((seq, step));
            }
            Event::ChecklistAnswered {
                item,
                checked,
                reporter,
                period,
            } => {
                self.answers.push(ChecklistAnswer {
                    seq,
                    item: *item,
                    checked: *checked,
                    reporter: *reporter,
                    period: *period,
                });
                self.entries.push((seq, step));
                let at_cursor = self.checklist.get(self.cursor(step)) == Some(item);
                self.advance_after(at_cursor, at);
            }
            Event::MetricReported {
                metric,
                value,
                comment,
                reporter,
                period,
            }
            | Event::MetricCorrected {
                metric,
                value,
                comment,
                reporter,
                period,
                ..
            } => {
                let corrects = match &rec.event {
                    Event::MetricCorrected { was, .. } => Some(*was),
                    _ => None,
                };
                let reported = Reported {
                    metric: *metric,
                    value: *value,
                    comment,
                    reporter: *reporter,
                    period: *period,
                };
                self.apply_value(seq, &reported, corrects);
                self.entries.push((seq, step));
                let at_cursor = self.metrics.get(self.cursor(step)) == Some(metric);
                self.advance_after(at_cursor, at);
            }
            Event::ProjectUpdated {
                project,
                update,
                status_before,
                status,
                reporter,
            } => {
                self.updates.push(ProjectReport {
                    seq,
                    project: *project,
                    update: update.clone(),
                    status_before: *status_before,
                    status: *status,
                    reporter: *reporter,
                });
                self.entries.push((seq, step));
                let at_cursor = self.project_at(self.cursor(step)) == Some(*project);
                self.advance_after(at_cursor, at);
            }
            Event::AgendaItemAdded {
                label,
                owner,
                tension,
            } => {
                self.agenda.push(AgendaItem {
                    seq,
                    label: label.clone(),
                    owner: *owner,
                    tension: *tension,
                    outputs: Vec::new(),
                    closed: None,
                    opened: None,
                    deleted: None,
                });
                self.agenda_order.push(seq);
                self.entries.push((seq, step));
                self.open_current_item(at);
            }
            Event::AgendaItemMoved { item, to } => {
                if let Some(from) = self.agenda_order.iter().position(|i| i == item)
                    && *to < self.agenda_order.len()
                {
                    self.agenda_order.remove(from);
                    self.agenda_order.insert(*to, *item);
                    self.cursors[step.index()] = *to;
                }
            }
            Event::AgendaItemDeleted { item } => {
                self.agenda_order.retain(|i| i != item);
                if let Some(a) = self.item_mut(*item) {
                    a.deleted = Some(seq);
                }
                self.entries.push((seq, step));
            }
            Event::OutputAdded { item, output } => {
                if let Some(a) = self.item_mut(*item) {
                    a.outputs.push((seq, output.clone()));
                    self.entries.push((seq, step));
                }
            }
            Event::ItemClosed {
                item,
                got_what_needed,
            } => {
                if let Some(a) = self.item_mut(*item) {
                    a.closed = Some(*got_what_needed);
                    self.entries.push((seq, step));
                    let at_cursor = step == Step::Triage && self.current_item() == Some(*item);
                    self.advance_after(at_cursor, at);
                }
            }
            Event::TimeAdded { minutes } => self.extra_minutes[step.index()] += minutes,
            Event::Ended => {
                self.end_turn(at);
                self.ended_at = Some(at);
            }
        }
    }

    /// Moves the current step's cursor to `index`: the speaker's turn or the item changes.
    fn move_to(&mut self, index: usize, at: DateTime<Utc>) {
        self.end_turn(at);
        self.cursors[self.step.index()] = index;
        if self.step.is_round() {
            self.rounds.speaker_since = Some(at);
        }
        self.open_current_item(at);
    }

    /// After an answer, a report or a closed item for the entry under the cursor, moves on to
    /// the next one if there is one: part of the same entry, so an answer is one write.
    fn advance_after(&mut self, at_cursor: bool, at: DateTime<Utc>) {
        let next = self.cursor(self.step) + 1;
        if at_cursor && next < self.len_of(self.step) {
            self.move_to(next, at);
        }
    }

    /// The deadline of the current triage item: when it opened plus its share; none once it
    /// is closed (its clock has stopped).
    pub fn item_deadline(&self) -> Option<DateTime<Utc>> {
        let item = self.item(self.current_item()?)?;
        if item.closed.is_some() {
            return None;
        }
        item.opened.map(|(at, share)| at + Duration::seconds(share))
    }
}
