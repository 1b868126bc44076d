//! Whether an entry of a tactical meeting may be made now, and what it does to the
//! organisation: the round's notes, the reviews' answers and reports, the agenda and its
//! outputs, and taking an entry back.
//!
//! Owns: `Tactical::decide` and the checks it is made of. Must not import: rusqlite,
//! ratatui, crossterm, tokio, std::fs, or the clock.

use super::super::{Effect, Output, OutputKind};
use super::events::{Event, Refusal, refuse, text_ok};
use super::{AgendaItem, Step, Tactical};
use crate::domain::ids::*;
use crate::domain::meeting::rounds::Rounds;
use crate::domain::org::{ProjectStatus, TensionKind};
use chrono::NaiveDate;

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
            } => self.decide_note(*step, *attendee, text),
            Event::ChecklistAnswered {
                item,
                checked,
                reporter,
                period,
            } => self.decide_answer(*item, *checked, *reporter, *period),
            Event::MetricReported { .. } | Event::MetricCorrected { .. } => event
                .reported()
                .map_or(none, |(reported, _)| self.decide_value(&reported)),
            Event::ProjectUpdated {
                project,
                update,
                status,
                reporter,
                ..
            } => self.decide_update(*project, update, *status, *reporter),
            Event::AgendaItemAdded {
                label,
                owner,
                tension,
            } => self.decide_new_item(label, *owner, *tension),
            Event::AgendaItemMoved { item, to } => {
                self.item_ok(*item)?;
                if *to >= self.agenda_order.len() {
                    return refuse("no such agenda position");
                }
                none
            }
            Event::AgendaItemDeleted { item } => self.decide_deletion(*item),
            Event::OutputAdded { item, output } => self.decide_output(*item, output),
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
            Event::Retracted { seq } => self.decide_retraction(*seq),
            Event::Ended => Ok(self.ending_effects()),
            // Decided with the organisation (`updates`), before this is reached.
            Event::UpdatesRequested { .. }
            | Event::UpdateRequestEnded { .. }
            | Event::AccountabilityReported { .. } => refuse("decided with the organisation"),
        }
    }

    /// A note for a present speaker, in the round being held.
    fn decide_note(&self, step: Step, attendee: usize, text: &str) -> Result<Vec<Effect>, Refusal> {
        if !step.is_round() || step != self.step {
            return refuse("notes are taken in the check-in and closing rounds");
        }
        self.attendee_ok(attendee)?;
        text_ok(text, "note")?;
        Ok(Vec::new())
    }

    /// A checklist item of this meeting answered once, for its period.
    fn decide_answer(
        &self,
        item: ChecklistItemId,
        checked: bool,
        reporter: Option<usize>,
        period: NaiveDate,
    ) -> Result<Vec<Effect>, Refusal> {
        if !self.checklist.contains(&item) {
            return refuse("that checklist item is not in this meeting");
        }
        if self.answer_for(item).is_some() {
            return refuse("already answered; u takes the answer back");
        }
        self.reporter_ok(reporter)?;
        Ok(vec![Effect::AnswerChecklist {
            item,
            period,
            checked,
        }])
    }

    /// A project of this meeting updated once, with its new status.
    fn decide_update(
        &self,
        project: ProjectId,
        update: &Option<String>,
        status: ProjectStatus,
        reporter: Option<usize>,
    ) -> Result<Vec<Effect>, Refusal> {
        if !self.projects.contains(&project) {
            return refuse("that project is not in this meeting");
        }
        if self.update_for(project).is_some() {
            return refuse("already updated; u takes the update back");
        }
        if let Some(text) = update {
            text_ok(text, "update")?;
        }
        self.reporter_ok(reporter)?;
        Ok(vec![Effect::UpdateProject {
            project,
            update: update.clone(),
            status,
        }])
    }

    /// An agenda item for a present owner; a tension it takes up is processed, and may be on
    /// the agenda once.
    fn decide_new_item(
        &self,
        label: &str,
        owner: usize,
        tension: Option<TensionId>,
    ) -> Result<Vec<Effect>, Refusal> {
        text_ok(label, "label")?;
        self.attendee_ok(owner)?;
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

    /// Ending the meeting gives back the tensions of the items it never reached: an item
    /// taken up from a noted tension, not closed and with no outputs, has the entry that took
    /// the tension up taken back, so the tension is open for the next meeting (as taking the
    /// item off the agenda does). Then the meeting ends.
    fn ending_effects(&self) -> Vec<Effect> {
        self.agenda_items()
            .filter(|a| a.tension.is_some() && a.closed.is_none() && a.outputs.is_empty())
            .map(|a| Effect::Undo { seq: a.seq })
            .chain(std::iter::once(Effect::EndMeeting))
            .collect()
    }

    /// An agenda item with no outputs taken off the agenda.
    fn decide_deletion(&self, item: u64) -> Result<Vec<Effect>, Refusal> {
        let agenda_item = self.item_ok(item)?;
        if !agenda_item.outputs.is_empty() {
            return refuse("the item has outputs; it can only be closed");
        }
        // Undoing the item's entry gives the tension it took up back.
        Ok(agenda_item
            .tension
            .map(|_| Effect::Undo { seq: item })
            .into_iter()
            .collect())
    }

    /// Taking back the last entry of the step, once the outputs of an item it added are.
    fn decide_retraction(&self, seq: u64) -> Result<Vec<Effect>, Refusal> {
        if self.last_entry_in_step() != Some(seq) {
            return refuse("only the last entry of this step can be taken back");
        }
        if let Some(item) = self.agenda.iter().find(|a| a.seq == seq)
            && !item.outputs.is_empty()
        {
            return refuse("that item has outputs; take those back first");
        }
        // Putting a removed item back takes its tension up again.
        let tension = self
            .agenda
            .iter()
            .find(|a| a.deleted == Some(seq))
            .and_then(|a| a.tension)
            .map(|tension| Effect::ProcessTension { tension });
        Ok(std::iter::once(Effect::Undo { seq })
            .chain(tension)
            .collect())
    }

    /// An output of an open agenda item, and what it makes in the organisation.
    fn decide_output(&self, item: u64, output: &Output) -> Result<Vec<Effect>, Refusal> {
        if self.item_ok(item)?.closed.is_some() {
            return refuse("the item is closed");
        }
        text_ok(&output.text, output.kind.label())?;
        self.output_effects(output)
    }

    /// What an output makes: a next action, a project or a tension; information and
    /// requests make nothing.
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
}
