//! What an entry of a tactical meeting changes in the folded meeting: the step and cursors,
//! the rounds, the answers and reports, and the agenda.
//!
//! Owns: `Tactical::apply` and moving the cursor on after an answer. Must not import:
//! rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::super::Output;
use super::events::{Event, Recorded};
use super::{AgendaItem, ChecklistAnswer, Note, ProjectReport, Step, Tactical};
use chrono::{DateTime, Duration, Utc};

impl Tactical {
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
            Event::StepChanged { step: to } => self.change_step(*to, at),
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
            Event::ChecklistAnswered { .. }
            | Event::MetricReported { .. }
            | Event::MetricCorrected { .. }
            | Event::ProjectUpdated { .. } => self.apply_report(rec),
            Event::AgendaItemAdded { .. }
            | Event::AgendaItemMoved { .. }
            | Event::AgendaItemDeleted { .. }
            | Event::OutputAdded { .. }
            | Event::ItemClosed { .. } => self.apply_agenda(rec),
            Event::TimeAdded { minutes } => self.extra_minutes[step.index()] += minutes,
            Event::Ended => {
                self.end_turn(at);
                self.ended_at = Some(at);
            }
        }
    }

    /// The facilitator moves to another step: the turn ends, a round is entered, the
    /// current item opens.
    fn change_step(&mut self, to: Step, at: DateTime<Utc>) {
        self.end_turn(at);
        self.step = to;
        if to.index() > self.furthest.index() {
            self.furthest = to;
        }
        self.step_started_at = at;
        if to.is_round() {
            self.rounds.enter(to, at);
        }
        self.open_current_item(at);
    }

    /// A checklist answer, a metric's value or a project's update, after which the cursor
    /// moves on when it was for the entry under it.
    fn apply_report(&mut self, rec: &Recorded) {
        let (seq, step) = (rec.seq, self.step);
        let cursor = self.cursor(step);
        let at_cursor = match &rec.event {
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
                self.checklist.get(cursor) == Some(item)
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
                self.project_at(cursor) == Some(*project)
            }
            event => match event.reported() {
                Some((reported, corrects)) => {
                    self.apply_value(seq, &reported, corrects);
                    self.metrics.get(cursor) == Some(&reported.metric)
                }
                None => return,
            },
        };
        self.entries.push((seq, step));
        self.advance_after(at_cursor, rec.at);
    }

    /// An agenda item added, moved, taken off, given an output or closed.
    fn apply_agenda(&mut self, rec: &Recorded) {
        let (at, seq, step) = (rec.at, rec.seq, self.step);
        match &rec.event {
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
            Event::OutputAdded { item, output } => self.add_output(seq, *item, output),
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
            _ => {}
        }
    }

    /// An output of an agenda item that is still there.
    fn add_output(&mut self, seq: u64, item: u64, output: &Output) {
        let step = self.step;
        if let Some(a) = self.item_mut(item) {
            a.outputs.push((seq, output.clone()));
            self.entries.push((seq, step));
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
