//! The one driver of every form (`domain::form`): it opens the question a form asks as a
//! modal, passes the modal's answer in, and hands back what is finished for the screen to
//! commit. A refusal leaves the form and its question on screen as they were, typed text
//! included, for the status line to say why.
//!
//! Owns: turning a `Question` into a modal and a modal's `Outcome` into an `Answer`, what an
//! answer does to the form and the modal on screen, and the one `Journal` and `FormScreen` of
//! the screens of a person's own log (`own_log_screen!`). Must not import: tokio; must not
//! draw.

use super::App;
use super::modal::Outcome;
use crate::app::Screen;
use crate::domain::Organisation;
use crate::domain::form::{Answer, Answered, Form, Question};
use crate::ui::{Confirm, Modal, Picker, Prompt};

/// A screen that puts forms together (the solo review, My work): where it is among the
/// screens, and the parts a form on it needs.
pub(super) trait FormScreen {
    type Form: Form;
    /// This screen, if it is the one shown.
    fn of(screen: &mut Screen) -> Option<&mut Self>;
    /// Its modal, its form, and what the form is decided against.
    fn parts<'a>(
        &'a mut self,
        org: &'a Organisation,
    ) -> (
        &'a mut Option<Modal>,
        &'a mut Self::Form,
        <Self::Form as Form>::Context<'a>,
    );
}

/// Runs `f` with the form on the screen `S` shown, its modal, and what the form is decided
/// against (`None`: another screen is shown, or no organisation).
pub(super) fn with_form<S: FormScreen, R>(
    app: &mut App,
    f: impl FnOnce(&mut Option<Modal>, &mut S::Form, &<S::Form as Form>::Context<'_>) -> R,
) -> Option<R> {
    let org = app.view.org.clone()?;
    let (modal, form, context) = S::of(&mut app.view.screen)?.parts(&org);
    Some(f(modal, form, &context))
}

/// `Journal` and `FormScreen` for a screen of one person's own log (the solo role review, My
/// work), which are the same for each but for its types: `$screen` has the fields `meeting`,
/// `log`, `state`, `modal` and `draft`, is shown as `Screen::$variant`, folds `$flow` under
/// the default rule set, and its form `$form` is decided against a `$context` that holds the
/// state as `$field` and the organisation.
macro_rules! own_log_screen {
    ($screen:ident: Screen::$variant:ident, $flow:ty, $form:ty, $context:ident { $field:ident }) => {
        impl $crate::app::journal::Journal for $screen {
            type Flow = $flow;

            fn meeting(&self) -> $crate::domain::MeetingId {
                self.meeting
            }

            fn rules(&self) -> $crate::domain::RuleSet {
                $crate::domain::RuleSet::default()
            }

            fn state(&self) -> &$flow {
                &self.state
            }

            fn parts(
                &mut self,
            ) -> (
                &mut Vec<
                    $crate::domain::meeting::flow::Recorded<$crate::app::journal::Event<Self>>,
                >,
                &mut $flow,
            ) {
                (&mut self.log, &mut self.state)
            }
        }

        impl $crate::app::forms::FormScreen for $screen {
            type Form = $form;

            fn of(screen: &mut $crate::app::Screen) -> Option<&mut $screen> {
                match screen {
                    $crate::app::Screen::$variant(s) => Some(s),
                    _ => None,
                }
            }

            fn parts<'a>(
                &'a mut self,
                org: &'a $crate::domain::Organisation,
            ) -> (
                &'a mut Option<$crate::ui::Modal>,
                &'a mut $form,
                $context<'a>,
            ) {
                let context = $context {
                    $field: &self.state,
                    org,
                };
                (&mut self.modal, &mut self.draft, context)
            }
        }
    };
}
pub(super) use own_log_screen;

/// A screen whose form is decided against more than the organisation (the meeting's log,
/// the time of the answer), with what it is decided against as the organisation stood
/// `before` and as it stands now: for a pick answered after other programs' changes.
pub(super) trait FormsAt {
    type Form: Form;
    /// Runs `f` with the screen's modal, its form, and the form's context with the
    /// organisation `before`, then with the one on screen now (`None`: another screen).
    fn with_forms<R>(
        app: &mut App,
        before: &Organisation,
        f: impl FnOnce(
            &mut Option<Modal>,
            &mut Self::Form,
            &<Self::Form as Form>::Context<'_>,
            &<Self::Form as Form>::Context<'_>,
        ) -> R,
    ) -> Option<R>;

    /// Runs `f` with the screen's modal, its form, and the form's context with the
    /// organisation as it stands (`None`: another screen, or no organisation).
    fn with_form<R>(
        app: &mut App,
        f: impl FnOnce(&mut Option<Modal>, &mut Self::Form, &<Self::Form as Form>::Context<'_>) -> R,
    ) -> Option<R> {
        let org = app.view.org.clone()?;
        Self::with_forms(app, &org, |modal, slot, _, now| f(modal, slot, now))
    }

    /// What a modal's outcome does to the form on screen: a pick among what the organisation
    /// offers is answered on it as it stands (`afresh`), any other answer as the meeting's log
    /// checks every entry (`journal::commit`). What the finished form gives is handed back to
    /// be committed; `None` when nothing is, a refusal said on the status line.
    fn answered(app: &mut App, outcome: Outcome) -> Option<<Self::Form as Form>::Done>
    where
        Self: Sized,
    {
        let outcome = afresh::<Self>(app, outcome)?;
        match Self::with_form(app, |modal, slot, at| drive(modal, slot, outcome, at)) {
            None | Some(Driven::Nothing) => None,
            Some(Driven::Refused(why)) => {
                app.error(why);
                None
            }
            Some(Driven::Done(done)) => Some(done),
        }
    }
}

/// A pick among what the organisation offers (roles, people, tensions) answered on the
/// organisation as it stands: what other programs recorded since the question was shown is
/// taken in first (the form asked again), and the option picked is found again by its line.
/// One no longer offered is refused in one line (`Form::gone`), the picker offering what
/// stands, and `None` is returned: nothing is to be recorded. Any other outcome is handed
/// back as it was.
pub(super) fn afresh<S: FormsAt>(app: &mut App, outcome: Outcome) -> Option<Outcome> {
    let before = app.view.org.clone()?;
    let (offers_org, chosen, asked) = S::with_forms(app, &before, |modal, slot, _, at| {
        let offers_org = slot.asked_again(at).is_some();
        (offers_org, picked(modal, &outcome), slot.clone())
    })?;
    let Some((n, line)) = chosen.filter(|_| offers_org) else {
        return Some(outcome);
    };
    if !app.follow_other_programs() {
        return Some(outcome);
    }
    let repicked = S::with_forms(app, &before, |modal, _, before, now| {
        repick(modal, &asked, (n, &line), before, now)
    })?;
    repicked.map_err(|why| app.error(why)).ok()
}

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
        Question::Edit { kind, title, value } => Modal::Prompt(Prompt::filled(kind, title, &value)),
        Question::Series {
            title,
            question,
            yes,
            no,
        } => Modal::Confirm(Confirm {
            title: title.into(),
            in_series: true,
            ..Confirm::new(question, yes, no)
        }),
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
    let answered = match answer_of(outcome.clone()) {
        Some(answer) => slot.answer(answer, at),
        None if outcome == Outcome::Cancelled => slot.cancelled(at),
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

/// The form on screen asked again against `at`, which changed since its question opened
/// (another program's changes taken in): a pick's options are made again, the selection kept
/// on the same option by its line (or at the same place when that option is gone); what is
/// typed into a text question is left as it is. A form that asks nothing any more closes.
/// A modal that is not the form's question (of another kind) is left alone.
pub fn ask_again<F: Form>(modal: &mut Option<Modal>, slot: &mut F, at: &F::Context<'_>) {
    if slot.question(at).is_none() {
        return;
    }
    let form = slot.asked_again(at).unwrap_or_else(|| slot.clone());
    match (form.question(at), modal.as_mut()) {
        (None, _) => return close(modal, slot),
        (Some(Question::Pick { title, options }), Some(Modal::Picker(picker))) => {
            let was = picker.options.get(picker.selected);
            let same = was.and_then(|line| options.iter().position(|o| o == line));
            let selected = same.unwrap_or(picker.selected.min(options.len().saturating_sub(1)));
            *picker = Picker {
                title,
                options,
                selected,
            };
        }
        (
            Some(Question::YesNo { question, .. } | Question::Series { question, .. }),
            Some(Modal::Confirm(confirm)),
        ) => {
            confirm.question = question;
        }
        _ => {}
    }
    *slot = form;
}

/// The option a pick `outcome` chose on the picker on screen: its index and its line (none
/// for any other answer).
pub fn picked(modal: &Option<Modal>, outcome: &Outcome) -> Option<(usize, String)> {
    match (modal, outcome) {
        (Some(Modal::Picker(picker)), &Outcome::Picked(n)) => {
            picker.options.get(n).map(|line| (n, line.clone()))
        }
        _ => None,
    }
}

/// A pick made on the question `asked` showed (option `n`, its `line`) before the form was
/// asked again against `now`: the same option found again by its line among what is offered
/// now, or why it is gone (the picker on screen then offers what stands).
pub fn repick<F: Form>(
    modal: &mut Option<Modal>,
    asked: &F,
    (n, line): (usize, &str),
    before: &F::Context<'_>,
    now: &F::Context<'_>,
) -> Result<Outcome, String> {
    let Some(Modal::Picker(picker)) = modal else {
        return Err(asked.gone(n, line, before, now));
    };
    match picker.options.iter().position(|o| o == line) {
        Some(at) => {
            picker.selected = at;
            Ok(Outcome::Picked(at))
        }
        None => Err(asked.gone(n, line, before, now)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::PromptKind;

    /// A form of two answers: a label (refused when empty), then yes to record it.
    #[derive(Debug, Clone, PartialEq, Default)]
    enum Label {
        #[default]
        /// Nothing asked.
        None,
        /// The label being typed.
        Typing,
        /// This label typed, waiting for the yes that records it.
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

    /// A form that picks one of the names its context offers, then asks for a label.
    #[derive(Debug, Clone, PartialEq, Default)]
    enum Among {
        #[default]
        /// Nothing asked.
        None,
        /// A name picked among these (as the context offered them when asked).
        Names(Vec<String>),
        /// A label typed.
        Label,
    }

    impl Form for Among {
        type Context<'a> = Vec<String>;
        type Done = String;

        fn question(&self, _: &Vec<String>) -> Option<Question> {
            match self {
                Among::None => None,
                Among::Names(names) => Some(Question::pick("Who?", names.clone())),
                Among::Label => Some(Question::text(PromptKind::AgendaLabel)),
            }
        }

        fn answer(&self, answer: Answer, _: &Vec<String>) -> Answered<Among, String> {
            match (self, answer) {
                (Among::Names(names), Answer::Pick(n)) => names
                    .get(n)
                    .map_or(Answered::Closed, |n| Answered::Done(n.clone())),
                _ => Answered::Closed,
            }
        }

        fn asked_again(&self, names: &Vec<String>) -> Option<Among> {
            matches!(self, Among::Names(_)).then(|| Among::Names(names.clone()))
        }
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| n.to_string()).collect()
    }

    fn picker(modal: &Option<Modal>) -> (Vec<String>, usize) {
        match modal {
            Some(Modal::Picker(p)) => (p.options.clone(), p.selected),
            other => panic!("a picker was expected, not {other:?}"),
        }
    }

    #[test]
    fn a_pick_asked_again_offers_what_stands_with_the_selection_on_the_same_option() {
        let (mut modal, mut form) = (None, Among::None);
        let before = names(&["Ana", "Ben", "Cleo"]);
        ask(&mut modal, &mut form, Among::Names(before.clone()), &before);
        if let Some(Modal::Picker(p)) = &mut modal {
            p.selected = 1;
        }
        let now = names(&["Dev", "Ana", "Ben"]);
        ask_again(&mut modal, &mut form, &now);
        assert_eq!(picker(&modal), (now.clone(), 2), "Ben is still selected");
        assert_eq!(
            form,
            Among::Names(now.clone()),
            "and the form holds what stands"
        );
        let gone = names(&["Dev", "Ana"]);
        ask_again(&mut modal, &mut form, &gone);
        assert_eq!(
            picker(&modal),
            (gone, 1),
            "Ben gone: the selection stays in the list"
        );
    }

    #[test]
    fn a_pick_made_before_the_question_was_asked_again_is_found_by_its_line_or_refused() {
        let (mut modal, mut form) = (None, Among::None);
        let before = names(&["Ana", "Ben"]);
        ask(&mut modal, &mut form, Among::Names(before.clone()), &before);
        let asked = form.clone();
        let now = names(&["Dev", "Ben"]);
        ask_again(&mut modal, &mut form, &now);
        let repicked = repick(&mut modal, &asked, (1, "Ben"), &before, &now);
        assert_eq!(repicked, Ok(Outcome::Picked(1)));
        let refused = repick(&mut modal, &asked, (0, "Ana"), &before, &now);
        assert_eq!(
            refused,
            Err("\"Ana\" changed in another program meanwhile: choose again.".to_string())
        );
    }

    #[test]
    fn a_text_question_asked_again_keeps_what_is_typed() {
        let (mut modal, mut form) = (None, Among::None);
        ask(&mut modal, &mut form, Among::Label, &Vec::new());
        if let Some(Modal::Prompt(p)) = &mut modal {
            *p = Prompt::filled(p.kind, p.title().to_string(), "Rye flour");
        }
        ask_again(&mut modal, &mut form, &names(&["Ana"]));
        assert_eq!(typed(&modal).as_deref(), Some("Rye flour"));
        assert_eq!(form, Among::Label);
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
