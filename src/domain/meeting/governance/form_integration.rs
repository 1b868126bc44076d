//! The moves of integration that take more than a key, as forms: the Secretary's ruling on an
//! objection resting on the constitution (4.1 §3.2.5; 5.0 §5.3.3), the objector's amended
//! proposal with the proposer's answer and the facilitator's judgement (rules of integration
//! (d): 4.1 §3.2.6(d); 5.0 §5.3.4(d)), and the reason asked before an objection is abandoned
//! or a proposal dropped.
//!
//! Owns: those questions and answers. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::form::{Context, GovernanceForm, Next, Settled, Then, line};
use super::form_idm::{on_proposal, proposal};
use super::form_meeting::TYPE_WORDS;
use super::{IdmEvent, Outcome as End};
use crate::domain::form::{Answer, Answered, Question};

impl GovernanceForm {
    /// The question of one of integration's forms.
    pub(super) fn integration_question(&self, at: &Context<'_>) -> Option<Question> {
        use GovernanceForm as F;
        let state = at.state;
        let p = proposal(at);
        let proposer = p.map_or("", |p| state.name_of(p.proposer));
        let objector = |o: usize| {
            p.and_then(|p| p.objections.get(o))
                .map_or("", |o| state.name_of(o.objector))
        };
        Some(match self {
            F::Ruling(o) => {
                let objection = p?.objections.get(*o)?;
                let question = format!(
                    "{}, as Secretary: would adopting the proposal break the constitution, as {}'s objection \"{}\" claims? If not, the objection is dismissed (4.1 §3.2.5; 5.0 §5.3.3).",
                    state.name_of(state.secretary?),
                    objector(*o),
                    objection.text
                );
                Question::series(
                    "The Secretary's ruling",
                    question,
                    ("it would", "it would not"),
                )
            }
            F::RulingText(_, true) => {
                line("The Secretary's ruling: how it breaks the constitution")
            }
            F::RulingText(_, false) => {
                line("The Secretary's ruling: why it does not (the objection is dismissed)")
            }
            F::Suggestion(o) => line(format!(
                "{}'s amended proposal, and why it resolves the tension",
                objector(*o)
            )),
            F::SuggestionAnswer(_) => line(format!(
                "{proposer}'s answer: why it fails in an example (Esc: none)"
            )),
            F::SuggestionJudge(_) => Question::series(
                "Rules of integration (d)",
                format!(
                    "Did {proposer} give a reasonable argument why the amended proposal fails in an example? If not, the proposal is dropped (4.1 §3.2.6(d); 5.0 §5.3.4(d))."
                ),
                ("it goes on", "drop it"),
            ),
            F::SuggestionReason(_, true) => {
                line("Why the proposal goes on (the facilitator's reason)")
            }
            F::SuggestionReason(_, false) => {
                line("Why the proposal is dropped (the facilitator's reason)")
            }
            F::AbandonReason(o) => line(format!(
                "Abandon {}'s objection (not trying in good faith to find an amendment)? Why — Esc keeps it",
                objector(*o)
            )),
            F::DropReason => {
                line("Drop the proposal? Why (the facilitator's reason) — Esc keeps it")
            }
            _ => return None,
        })
    }

    /// What an answer makes of one of integration's forms.
    pub(super) fn integration_answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        use GovernanceForm as F;
        match (self, answer) {
            (_, Answer::Text(text)) if text.trim().is_empty() => {
                Answered::Refused(TYPE_WORDS.into())
            }
            (F::Ruling(objection), Answer::Yes(breaks)) => {
                Answered::Ask(F::RulingText(*objection, breaks))
            }
            (F::RulingText(objection, breaks), Answer::Text(ruling)) => {
                let Some(secretary) = at.state.secretary else {
                    return Answered::Closed;
                };
                let ruled = IdmEvent::SecretaryRuled {
                    objection: *objection,
                    secretary,
                    breaks: *breaks,
                    ruling,
                };
                on_proposal(
                    at,
                    ruled,
                    Some(if *breaks {
                        "Ruled: it breaks the constitution. The objection stands."
                    } else {
                        "Ruled: it does not. The objection is dismissed and does not block."
                    }),
                )
            }
            (F::Suggestion(objection), Answer::Text(amendment)) => {
                let suggested = IdmEvent::AmendmentSuggested {
                    objection: *objection,
                    amendment,
                };
                let said = "Suggested. On the objector's request, m asks the proposer's answer.";
                on_proposal(at, suggested, Some(said))
            }
            (F::SuggestionAnswer(objection), Answer::Text(answer)) => {
                let objection = *objection;
                let answered = IdmEvent::SuggestionAnswered { objection, answer };
                match on_proposal(at, answered, None) {
                    Answered::Done(settled) => {
                        Answered::Done(settled.then(Then::Ask(F::SuggestionJudge(objection))))
                    }
                    other => other,
                }
            }
            (F::SuggestionJudge(objection), Answer::Yes(goes_on)) => {
                Answered::Ask(F::SuggestionReason(*objection, goes_on))
            }
            (F::SuggestionReason(objection, goes_on), Answer::Text(reason)) => {
                let judged = IdmEvent::SuggestionJudged {
                    objection: *objection,
                    goes_on: *goes_on,
                    reason,
                };
                let said = match goes_on {
                    true => "The proposal goes on: integration continues.",
                    false => "The proposal is dropped. → goes to the next item.",
                };
                on_proposal(at, judged, Some(said))
            }
            (F::AbandonReason(objection), Answer::Text(reason)) => {
                let objection = *objection;
                let abandoned = IdmEvent::Abandoned { objection, reason };
                let said = "The objection is abandoned (u takes it back).";
                on_proposal(at, abandoned, Some(said))
            }
            (F::DropReason, Answer::Text(reason)) => {
                let dropped = IdmEvent::Ended {
                    outcome: End::Dropped { reason },
                };
                let said = "The proposal is dropped. → goes to the next item.";
                on_proposal(at, dropped, Some(said))
            }
            _ => Answered::Closed,
        }
    }

    /// A cancel in integration: no answer from the proposer has the facilitator judge at
    /// once; any other question closes with nothing recorded.
    pub(super) fn integration_cancelled(&self, _at: &Context<'_>) -> Next {
        match self {
            GovernanceForm::SuggestionAnswer(objection) => {
                Answered::Ask(GovernanceForm::SuggestionJudge(*objection))
            }
            _ => Answered::Done(Settled::default().info("Nothing was recorded.")),
        }
    }
}
