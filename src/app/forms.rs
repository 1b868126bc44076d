//! The one driver of every form (`domain::form`): it opens the question a form asks as a
//! modal, passes the modal's answer in, and hands back what is finished for the screen to
//! commit. A refusal leaves the form and its question on screen as they were, typed text
//! included, for the status line to say why.
//!
//! Owns: turning a `Question` into a modal and a modal's `Outcome` into an `Answer`, and what
//! an answer does to the form and the modal on screen. Must not import: tokio; must not draw.

use super::modal::Outcome;
use crate::domain::form::{Answer, Answered, Form, Question};
use crate::ui::{Confirm, Modal, Picker, Prompt};

/// What the driver made of an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Driven<D> {
    /// The next question is open, or the form closed with nothing to record.
    Nothing,
    /// Not taken, in one line: the form and its question stay as they were.
    Refused(String),
    /// The form is finished and closed: this is to be committed.
    Done(D),
}

/// The modal that asks `question`.
pub fn modal_of(question: Question) -> Modal {
    match question {
        Question::Text { kind, title } => Modal::Prompt(Prompt::titled(kind, title)),
        Question::Pick { title, options } => Modal::Picker(Picker {
            title,
            options,
            selected: 0,
        }),
        Question::YesNo { question, yes, no } => Modal::Confirm(Confirm::new(question, yes, no)),
    }
}

/// The answer a modal's outcome gives (none for a cancel, or a key that answered nothing).
fn answer_of(outcome: Outcome) -> Option<Answer> {
    match outcome {
        Outcome::Submitted(text) => Some(Answer::Text(text)),
        Outcome::Picked(n) => Some(Answer::Pick(n)),
        Outcome::Answered(yes) => Some(Answer::Yes(yes)),
        Outcome::Cancelled | Outcome::Changed | Outcome::Ignored => None,
    }
}

/// Puts `form` on screen with its question open (no form when it asks nothing).
pub fn ask<F: Form>(modal: &mut Option<Modal>, slot: &mut F, form: F, at: &F::Context<'_>) {
    match form.question(at) {
        Some(question) => {
            *modal = Some(modal_of(question));
            *slot = form;
        }
        None => {
            *modal = None;
            *slot = F::default();
        }
    }
}

/// Passes the modal's `outcome` to the form on screen, and shows what comes of it: the next
/// question, the form closed, or the same question again after a refusal.
pub fn drive<F: Form>(
    modal: &mut Option<Modal>,
    slot: &mut F,
    outcome: Outcome,
    at: &F::Context<'_>,
) -> Driven<F::Done> {
    let answered = match answer_of(outcome) {
        Some(answer) => slot.answer(answer, at),
        None => Answered::Closed,
    };
    match answered {
        Answered::Ask(next) => {
            ask(modal, slot, next, at);
            Driven::Nothing
        }
        Answered::Refused(why) => Driven::Refused(why),
        Answered::Done(done) => {
            close(modal, slot);
            Driven::Done(done)
        }
        Answered::Closed => {
            close(modal, slot);
            Driven::Nothing
        }
    }
}

/// Closes the form on screen.
pub fn close<F: Form>(modal: &mut Option<Modal>, slot: &mut F) {
    *modal = None;
    *slot = F::default();
}
