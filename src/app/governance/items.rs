//! What each key does on the item being processed: a proposal through integrative
//! decision-making (framing, validity, questions, reactions, amendments, objections and
//! their tests, integration, outcome) or an election (ballots, nominations, changes, count,
//! objections, result).
//!
//! Owns: starting those entries; what their answers complete is the domain's forms'.
//! Must not import: tokio; must not draw.

use super::{Form, ask, ask_with, idm, may_idm, screen};
use crate::app::App;
use crate::app::keys::Action;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::governance::{
    GovItem, IdmEvent, IdmStep, Objection, ObjectionState, Outcome, Proposal, TestTarget,
};

/// A key's action on the current item.
pub fn act(app: &mut App, action: Action) {
    let Some(screen) = screen(app) else { return };
    let Some(item) = screen.state.current_item().cloned() else {
        return app.info("The agenda is empty: < goes back to agenda building.");
    };
    if item.closed() {
        return app.info("This item is closed: → goes to the next one.");
    }
    match (&item.proposal, &item.election) {
        (Some(p), _) => proposal(app, &item, p, action),
        (None, Some(e)) => super::election::act(app, &item, e, action),
        (None, None) => {}
    }
}

/// The first open objection without a test, as the wizard's target.
fn untested(objections: &[Objection]) -> Option<usize> {
    objections
        .iter()
        .position(|o| o.test.is_none() && o.state == ObjectionState::Open)
}

/// Asks the test of `target`'s objection, from its first question.
pub(super) fn ask_test(app: &mut App, target: TestTarget) {
    ask_with(app, |at| Form::test(target, Vec::new(), at));
}

/// `v`: the validity test. Under a rule set with exceptions (4.1 §3.2.2) the facilitator
/// first says whether one applies; otherwise the questions are asked.
fn test_validity(app: &mut App) {
    let tested = IdmEvent::ValidityTested {
        answers: vec![false],
        exception: None,
    };
    if may_idm(app, tested) {
        ask_with(app, Form::validity);
    }
}

/// The reaction `who` is about to give, with stand-in words (for `may`).
fn reaction(attendee: usize) -> IdmEvent {
    IdmEvent::Reaction {
        attendee,
        text: STAND_IN.into(),
    }
}

/// The objection `who` is about to state, with stand-in words (for `may`).
fn objected(attendee: usize) -> IdmEvent {
    IdmEvent::Objected {
        attendee,
        text: STAND_IN.into(),
        role: None,
        sub_circle: None,
        permission: None,
    }
}

/// A key's action on a proposal, by the step of integrative decision-making it is at.
fn proposal(app: &mut App, item: &GovItem, p: &Proposal, action: Action) {
    let Some(screen) = screen(app) else { return };
    let present = screen.state.present();
    let names: Vec<String> = screen
        .state
        .attendees
        .iter()
        .map(|a| a.name.clone())
        .collect();
    let name = |i: usize| names.get(i).cloned().unwrap_or_default();
    match (p.step, action) {
        (_, Action::EditChanges) => super::editor::open(app),
        (_, Action::CloseProposal) => ask_close(app),
        (IdmStep::Present, Action::Open) => frame(app),
        (IdmStep::Present, Action::TestValidity) => test_validity(app),
        (_, Action::SubStep) => next_step(app, p, &present),
        (IdmStep::Clarify, Action::Open) => {
            let asked = IdmEvent::Question {
                question: STAND_IN.into(),
                answer: None,
            };
            if may_idm(app, asked) {
                ask(app, Form::Question);
            }
        }
        (IdmStep::React, Action::Open) => match p.next_reactor(&present) {
            Some(who) if !may_idm(app, reaction(who)) => {}
            Some(who) => ask(app, Form::Reaction(who)),
            None => app.info("Everyone has reacted: n goes on to amend and clarify."),
        },
        (IdmStep::Object, Action::Open | Action::Objection) => {
            object(app, p.next_to_answer(&present), action)
        }
        (IdmStep::Object | IdmStep::Integrate, Action::TestObjection) => {
            match untested(&p.objections) {
                Some(objection) => {
                    let target = TestTarget::Proposal {
                        item: item.seq,
                        objection,
                    };
                    ask_test(app, target);
                }
                None => app.info("No objection is waiting for a test."),
            }
        }
        (IdmStep::Object, Action::Adopt) => ask_adopt(app, p),
        (IdmStep::Object | IdmStep::Integrate, Action::AskSecretary) => {
            super::integration::ask_ruling(app, p)
        }
        (IdmStep::Integrate, Action::SuggestAmendment) => super::integration::suggest(app, p),
        (IdmStep::Integrate, Action::Abandon) => super::integration::ask_abandon(app, p),
        (IdmStep::Integrate, Action::ObjectorOk | Action::ProposerOk) => {
            satisfied(app, p, action, &name)
        }
        _ => {}
    }
}

/// Enter while the proposal is presented: the proposer frames the tension it addresses,
/// starting from the one the agenda item was added with.
fn frame(app: &mut App) {
    let framed = IdmEvent::Framed {
        tension: STAND_IN.into(),
        example: String::new(),
        role: None,
        permission: None,
    };
    if may_idm(app, framed) {
        ask(app, Form::Tension);
    }
}

/// `n`: on to the next step of integrative decision-making, or a new round of it (after
/// amending, or after integrating); not before everyone answered the objection round.
fn next_step(app: &mut App, p: &Proposal, present: &[usize]) {
    let next = match p.step {
        IdmStep::Present => Some(IdmStep::Clarify),
        IdmStep::Clarify => Some(IdmStep::React),
        IdmStep::React => Some(IdmStep::Amend),
        IdmStep::Object if p.next_to_answer(present).is_some() => {
            return app.info(
                "Everyone answers the objection round first, the proposer too: Enter or x for the person asked.",
            );
        }
        IdmStep::Object if p.integrating().is_some() => Some(IdmStep::Integrate),
        IdmStep::Object => {
            return app.info("No valid objection: a adopts the proposal.");
        }
        IdmStep::Amend | IdmStep::Integrate => None,
    };
    match next {
        Some(step) => idm(app, IdmEvent::StepTo { step }),
        None => idm(app, IdmEvent::NewRound),
    };
}

/// The objection round, for the person asked (`asked`): Enter records that they have no
/// objection, `x` asks for the objection they state.
fn object(app: &mut App, asked: Option<usize>, action: Action) {
    match asked {
        Some(who) if action == Action::Open => {
            idm(app, IdmEvent::NoObjection { attendee: who });
        }
        Some(who) if !may_idm(app, objected(who)) => {}
        Some(who) => ask(app, Form::ObjectionText(who)),
        None => app.info("Everyone has answered: test objections with w, then a or n."),
    }
}

/// While integrating an objection: the objector confirms it is gone, or the proposer that
/// the amended proposal still addresses their tension.
fn satisfied(app: &mut App, p: &Proposal, action: Action, name: &dyn Fn(usize) -> String) {
    let Some(objection) = p.integrating() else {
        return app.info("No valid objection is left: n starts a new objection round.");
    };
    let who = name(p.objections[objection].objector);
    let (event, done) = match action {
        Action::ObjectorOk => (
            IdmEvent::ObjectorSatisfied { objection },
            format!("{who} confirms the objection is gone."),
        ),
        _ => (
            IdmEvent::ProposerSatisfied { objection },
            "The proposer confirms the tension is still addressed.".to_string(),
        ),
    };
    if idm(app, event) {
        app.info(done);
    }
}

/// `d` on a proposal: how it closes, once the meeting would take its closing.
fn ask_close(app: &mut App) {
    let withdrawn = IdmEvent::Ended {
        outcome: Outcome::Withdrawn,
    };
    if may_idm(app, withdrawn) {
        ask(app, Form::Close);
    }
}

/// `a` in the objection round: asks first, once the meeting would adopt the latest version.
fn ask_adopt(app: &mut App, p: &Proposal) {
    let version = p.versions.len();
    let adopted = IdmEvent::Ended {
        outcome: Outcome::Adopted { version },
    };
    if may_idm(app, adopted) {
        ask(app, Form::Adopt);
    }
}
