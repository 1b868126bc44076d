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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::PromptKind;

    /// A form of two answers: a label (refused when empty), then yes to record it.
    #[derive(Debug, Clone, PartialEq, Default)]
    enum Label {
        #[default]
        None,
        Typing,
        Confirming(String),
    }

    impl Form for Label {
        type Context<'a> = ();
        type Done = String;

        fn question(&self, _: &()) -> Option<Question> {
            match self {
                Label::None => None,
                Label::Typing => Some(Question::text(PromptKind::AgendaLabel)),
                Label::Confirming(label) => Some(Question::yes_no(format!("Add {label}?"))),
            }
        }

        fn answer(&self, answer: Answer, _: &()) -> Answered<Label, String> {
            match (self, answer) {
                (Label::Typing, Answer::Text(t)) if t.is_empty() => {
                    Answered::Refused("Type a label.".into())
                }
                (Label::Typing, Answer::Text(t)) => Answered::Ask(Label::Confirming(t)),
                (Label::Confirming(label), Answer::Yes(true)) => Answered::Done(label.clone()),
                _ => Answered::Closed,
            }
        }
    }

    fn typed(modal: &Option<Modal>) -> Option<String> {
        match modal {
            Some(Modal::Prompt(p)) => Some(p.value()),
            _ => None,
        }
    }

    #[test]
    fn a_refused_answer_leaves_the_question_and_what_was_typed_as_they_were() {
        let (mut modal, mut form) = (None, Label::None);
        ask(&mut modal, &mut form, Label::Typing, &());
        if let Some(Modal::Prompt(p)) = &mut modal {
            *p = Prompt::filled(p.kind, p.title().to_string(), "  ");
        }
        let driven = drive(
            &mut modal,
            &mut form,
            Outcome::Submitted(String::new()),
            &(),
        );
        assert_eq!(driven, Driven::Refused("Type a label.".into()));
        assert_eq!(form, Label::Typing, "the form is unchanged");
        assert_eq!(typed(&modal).as_deref(), Some("  "), "and so is its field");
    }

    #[test]
    fn each_answer_opens_the_next_question_until_the_form_is_done_and_closed() {
        let (mut modal, mut form) = (None, Label::None);
        ask(&mut modal, &mut form, Label::Typing, &());
        let driven = drive(&mut modal, &mut form, Outcome::Submitted("Rye".into()), &());
        assert_eq!(driven, Driven::Nothing);
        assert!(matches!(&modal, Some(Modal::Confirm(c)) if c.question == "Add Rye?"));
        let driven = drive(&mut modal, &mut form, Outcome::Answered(true), &());
        assert_eq!(driven, Driven::Done("Rye".to_string()));
        assert!(modal.is_none() && form == Label::None, "nothing left open");
    }

    #[test]
    fn a_cancel_closes_the_form_with_nothing_to_record() {
        let (mut modal, mut form) = (None, Label::None);
        ask(&mut modal, &mut form, Label::Confirming("Rye".into()), &());
        let driven = drive(&mut modal, &mut form, Outcome::Cancelled, &());
        assert_eq!(driven, Driven::Nothing);
        assert!(modal.is_none() && form == Label::None);
    }
}
