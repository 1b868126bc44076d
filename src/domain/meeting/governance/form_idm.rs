//! A proposal's forms in integrative decision-making: its framing (the tension, a real
//! example, the proposer's role that feels it), its validity test (an exception under 4.1
//! §3.2.2, or the rule set's questions in turn), clarifying questions and their answers,
//! reactions, adopting it, and closing it otherwise. The objections and their tests are
//! `form_objection`'s.
//!
//! Owns: those questions and answers. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::form::{Context, GovernanceForm, Next, Settled, Then, current_item, line, picked};
use super::form_meeting::TYPE_WORDS;
use super::represent::{Represented, representable};
use super::{GovEvent, IdmEvent, Outcome as End, Proposal};
use crate::domain::form::{Answer, Answered, PromptKind, Question};

impl GovernanceForm {
    /// `v`: the validity test. Under a rule set with exceptions (4.1 §3.2.2) the facilitator
    /// first says whether one applies; otherwise the questions are asked.
    pub fn validity(at: &Context<'_>) -> GovernanceForm {
        let exceptions = at.state.rules.rules().idm.validity_exceptions;
        if exceptions.is_empty() {
            return GovernanceForm::Validity(Vec::new());
        }
        let mut kinds = vec![None];
        kinds.extend(exceptions.iter().copied().map(Some));
        GovernanceForm::ValidityKind(kinds)
    }

    /// The question of one of a proposal's forms.
    pub(super) fn idm_question(&self, at: &Context<'_>) -> Option<Question> {
        use GovernanceForm as F;
        let state = at.state;
        let proposal = proposal(at);
        Some(match self {
            F::Tension => {
                let p = proposal?;
                let title = format!("The tension {} feels", state.name_of(p.proposer));
                Question::edit(PromptKind::OutputText, title, p.tension.clone())
            }
            F::Example(_) => {
                let example = proposal.map(|p| p.example.clone()).unwrap_or_default();
                let title = "A real example, past or present";
                Question::edit(PromptKind::OutputText, title, example)
            }
            F::FramingRole(_, _, roles) => Question::pick(
                "Which of the proposer's roles feels it?",
                role_options(roles),
            ),
            F::ValidityKind(kinds) => {
                let options = kinds
                    .iter()
                    .map(|k| match k {
                        None => "Neither: ask the validity questions".to_string(),
                        Some(e) => format!("Valid: {}", e.describe()),
                    })
                    .collect();
                Question::pick("Is the proposal made solely for one of these?", options)
            }
            F::Validity(answers) => {
                let questions = state.rules.rules().idm.validity_questions;
                let n = answers.len();
                let question = format!(
                    "Validity {} of {} — {}",
                    n + 1,
                    questions.len(),
                    questions.get(n)?
                );
                Question::series("Proposal validity", question, ("yes", "no"))
            }
            F::DiscardInvalid => {
                let questions = state.rules.rules().idm.validity_questions;
                let last = proposal?.validity.last()?.answers.len().checked_sub(1)?;
                Question::yes_or(
                    format!(
                        "Not valid: \"{}\" Discard the proposal as invalid?",
                        questions.get(last)?
                    ),
                    "discard it",
                    "keep it",
                )
            }
            F::Question => line("Clarifying question"),
            F::Answer(question) => line(format!("Answer to \"{question}\" (empty: not specified)")),
            F::Reaction(who) => line(format!(
                "Reaction of {} (empty: no reaction)",
                state.name_of(*who)
            )),
            F::Adopt | F::Close => return closing_question(self, at),
            _ => return self.objection_question(at),
        })
    }

    /// What an answer makes of one of a proposal's forms.
    pub(super) fn idm_answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        use GovernanceForm as F;
        match (self, answer) {
            (F::Tension | F::Question, Answer::Text(text)) if text.is_empty() => {
                Answered::Refused(TYPE_WORDS.into())
            }
            (F::Tension, Answer::Text(tension)) => Answered::Ask(F::Example(tension)),
            (F::Example(tension), Answer::Text(example)) => {
                let roles = roles_of(at, proposer(at));
                Answered::Ask(F::FramingRole(tension.clone(), example, roles))
            }
            (F::FramingRole(tension, example, roles), Answer::Pick(n)) => {
                let chosen = roles.get(n);
                let framed = IdmEvent::Framed {
                    tension: tension.clone(),
                    example: example.clone(),
                    role: chosen.and_then(|r| r.role),
                    permission: chosen.and_then(|r| r.permission),
                };
                on_proposal(at, framed, Some("Framed. c writes the proposal's changes."))
            }
            (F::ValidityKind(kinds), Answer::Pick(n)) => picked(kinds, n, |kind| match kind {
                None => Answered::Ask(F::Validity(Vec::new())),
                Some(exception) => {
                    let tested = IdmEvent::ValidityTested {
                        answers: Vec::new(),
                        exception: Some(*exception),
                    };
                    let said = format!("Valid: {}.", exception.describe());
                    on_proposal(at, tested, Some(&said))
                }
            }),
            (F::Validity(answers), Answer::Yes(yes)) => validity_answered(at, answers, yes),
            (F::DiscardInvalid, Answer::Yes(true)) => {
                let discarded = IdmEvent::Ended {
                    outcome: End::DiscardedInvalid,
                };
                on_proposal(at, discarded, None)
            }
            (F::Question, Answer::Text(question)) => Answered::Ask(F::Answer(question)),
            (F::Answer(question), Answer::Text(answer)) => {
                let answer = (!answer.is_empty()).then_some(answer);
                let question = question.clone();
                on_proposal(at, IdmEvent::Question { question, answer }, None)
            }
            (F::Reaction(attendee), Answer::Text(text)) => {
                let text = if text.is_empty() {
                    "No reaction.".to_string()
                } else {
                    text
                };
                let attendee = *attendee;
                on_proposal(at, IdmEvent::Reaction { attendee, text }, None)
            }
            (F::Adopt, Answer::Yes(true)) => {
                let version = proposal(at).map_or(0, |p| p.versions.len());
                let adopted = IdmEvent::Ended {
                    outcome: End::Adopted { version },
                };
                let said = "Adopted: the governance record has changed. → goes to the next item.";
                on_proposal(at, adopted, Some(said))
            }
            (F::Close, Answer::Pick(n)) => closed(at, n),
            (_, answer) => self.objection_answer(answer, at),
        }
    }

    /// One of a proposal's forms asked again against an organisation changed meanwhile: the
    /// roles it offers are made again.
    pub(super) fn idm_asked_again(&self, at: &Context<'_>) -> Option<GovernanceForm> {
        match self {
            GovernanceForm::FramingRole(tension, example, _) => Some(GovernanceForm::FramingRole(
                tension.clone(),
                example.clone(),
                roles_of(at, proposer(at)),
            )),
            _ => self.objection_asked_again(at),
        }
    }
}

/// The question of adopting the proposal, or of how it closes otherwise.
fn closing_question(form: &GovernanceForm, at: &Context<'_>) -> Option<Question> {
    use GovernanceForm as F;
    Some(match form {
        F::Adopt => {
            let p = proposal(at)?;
            let version = p.versions.len();
            let count = p.current().map_or(0, Vec::len);
            Question::yes_or(
                format!(
                    "Adopt version {version}? Its {count} change(s) take effect in the governance record now."
                ),
                "adopt",
                "not yet",
            )
        }
        F::Close => Question::pick(
            "Close the proposal",
            vec![
                "Withdrawn by the proposer".to_string(),
                "Dropped (the proposer is not answering in good faith)".to_string(),
                "Discarded as invalid".to_string(),
                "Process breakdown (give a reason)".to_string(),
            ],
        ),
        _ => return None,
    })
}

/// The current item's proposal, if it is one.
pub(super) fn proposal<'a>(at: &Context<'a>) -> Option<&'a Proposal> {
    at.state.current_item().and_then(|i| i.proposal.as_ref())
}

/// Who proposes: the proposal's proposer, else whoever owns an item added for nobody in
/// particular (the facilitator, or the first present).
fn proposer(at: &Context<'_>) -> usize {
    let state = at.state;
    proposal(at).map_or_else(
        || {
            state
                .facilitator
                .or(state.present().first().copied())
                .unwrap_or_default()
        },
        |p| p.proposer,
    )
}

/// The roles attendee `who` represents in this circle (5.0 §5.3; 4.1 §3.2.4(d)).
pub(super) fn roles_of(at: &Context<'_>, who: usize) -> Vec<Represented> {
    let person = at.state.attendees.get(who).and_then(|a| a.person);
    person.map_or_else(Vec::new, |p| {
        representable(at.org, at.state.circle, p, at.state.rules)
    })
}

/// A picker's options for roles represented: each, then "No role named".
pub(super) fn role_options(roles: &[Represented]) -> Vec<String> {
    let mut names: Vec<String> = roles.iter().map(|r| r.label.clone()).collect();
    names.push("No role named".into());
    names
}

/// A move of the current item's proposal to record, saying `said` once recorded (none with
/// no proposal being processed).
pub(super) fn on_proposal(at: &Context<'_>, event: IdmEvent, said: Option<&str>) -> Next {
    let Some(item) = current_item(at) else {
        return Answered::Closed;
    };
    let settled = Settled::record(GovEvent::Proposal { item, event });
    Answered::Done(match said {
        Some(said) => settled.info(said),
        None => settled,
    })
}

/// An answer to the validity test: the answers go on record once the test is decided, at
/// its first "no" (then discarding the proposal is asked) or when all are "yes".
fn validity_answered(at: &Context<'_>, answers: &[bool], yes: bool) -> Next {
    let mut answers = answers.to_vec();
    answers.push(yes);
    let questions = at.state.rules.rules().idm.validity_questions;
    if yes && answers.len() < questions.len() {
        return Answered::Ask(GovernanceForm::Validity(answers));
    }
    let tested = IdmEvent::ValidityTested {
        answers,
        exception: None,
    };
    match on_proposal(at, tested, None) {
        Answered::Done(settled) if !yes => {
            Answered::Done(settled.then(Then::Ask(GovernanceForm::DiscardInvalid)))
        }
        Answered::Done(settled) => {
            Answered::Done(settled.info("The proposal is valid: the proposer goes on presenting."))
        }
        other => other,
    }
}

/// How the proposal closes, option `n` of `Close`: withdrawn, dropped (its reason asked),
/// discarded as invalid, or a process breakdown (who declares it asked).
fn closed(at: &Context<'_>, n: usize) -> Next {
    let outcome = match n {
        0 => End::Withdrawn,
        1 => return Answered::Ask(GovernanceForm::DropReason),
        2 => End::DiscardedInvalid,
        _ => return GovernanceForm::breakdown(at),
    };
    on_proposal(at, IdmEvent::Ended { outcome }, None)
}
