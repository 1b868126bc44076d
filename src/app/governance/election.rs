//! What each key does on an election being processed: the term, ballots, reasons, the change
//! round asking each voter in turn, the count and its tie, and in the objection round
//! integrating (amending the term, abandoning with a reason), asking again, setting the
//! candidate aside and electing. What the questions these open complete is the domain's
//! forms' (`GovernanceForm`); the objection's words, role and test are shared with proposals.
//!
//! Owns: starting those entries. Every refusal is the domain's (`Election::decide`), asked
//! before a question opens. Must not import: tokio; must not draw.

use super::items::ask_test;
use super::{Form, ask, may_vote, screen, vote};
use crate::app::App;
use crate::app::keys::Action;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::governance::{
    Election, ElectionEvent, ElectionStep, GovItem, ObjectionState, TestTarget,
    objection_round_note,
};

/// A key's action on the election `e` of `item`.
pub fn act(app: &mut App, item: &GovItem, e: &Election, action: Action) {
    let Some(screen) = screen(app) else { return };
    let present = screen.state.present();
    match (e.step, action) {
        (ElectionStep::Describe, Action::Open) => {
            let stand_in = e.held_on + chrono::Days::new(365);
            if may_vote(app, ElectionEvent::Described { term_end: stand_in }) {
                ask(app, Form::Term);
            }
        }
        (ElectionStep::Ballots, Action::Open) => {
            let voters: Vec<usize> = present
                .iter()
                .copied()
                .filter(|p| !e.ballots.iter().any(|(v, _)| v == p))
                .collect();
            if voters.is_empty() {
                return app.info("Every ballot is in: n reads them.");
            }
            ask(app, Form::Voter(voters));
        }
        (ElectionStep::Nominations, Action::Open) => match e.next_to_read() {
            Some((voter, _)) => {
                let reason = STAND_IN.into();
                if may_vote(app, ElectionEvent::Reason { voter, reason }) {
                    ask(app, Form::Reason(voter));
                }
            }
            None => app.info("Every ballot has been read: n opens the nomination change round."),
        },
        (ElectionStep::Changes, Action::Open) => match e.next_to_change() {
            Some(voter) => {
                vote(app, ElectionEvent::Kept { voter });
            }
            None => app.info("Everyone has been asked: n counts the nominations."),
        },
        (ElectionStep::Changes, Action::EditChanges) => match e.next_to_change() {
            Some(voter) => {
                if let Some(form) = with_change(app, voter) {
                    ask(app, form);
                }
            }
            None => app.info("Everyone has been asked: n counts the nominations."),
        },
        (ElectionStep::Ballots, Action::SubStep) => step_to(app, ElectionStep::Nominations),
        (ElectionStep::Nominations, Action::SubStep) => step_to(app, ElectionStep::Changes),
        (ElectionStep::Changes, Action::SubStep) => step_to(app, ElectionStep::Count),
        (ElectionStep::Count, Action::Open | Action::SubStep) => propose(app, e),
        (ElectionStep::Objections, _) => objections(app, item, e, action),
        _ => {}
    }
}

fn step_to(app: &mut App, step: ElectionStep) {
    vote(app, ElectionEvent::StepTo { step });
}

/// The count: the most nominated is proposed, or on a tie the options that apply are
/// offered in the rule set's order.
fn propose(app: &mut App, e: &Election) {
    let top = e.top();
    if let [candidate] = top[..] {
        if vote(
            app,
            ElectionEvent::Proposed {
                candidate,
                tie: None,
            },
        ) {
            app.info(objection_round_note(e));
        }
        return;
    }
    if e.tie_options().is_empty() {
        return app.error("Every nominee has been set aside: nobody is left to propose.");
    }
    ask(app, Form::TieOptions);
}

/// Whom `voter` now nominates, asked in the change round.
fn with_change(app: &mut App, voter: usize) -> Option<Form> {
    super::with_form(app, |_, _, at| Form::change_nominee(at, voter)).flatten()
}

/// Keys of the objection round on the candidate.
// Recording writes to the store, so it stays in the arm's body, not in a match guard.
#[allow(clippy::collapsible_match)]
fn objections(app: &mut App, item: &GovItem, e: &Election, action: Action) {
    let Some(screen) = screen(app) else { return };
    let present = screen.state.present();
    let open_here = e
        .this_round()
        .find(|(_, o)| o.state == ObjectionState::Open)
        .map(|(i, _)| i);
    match action {
        Action::Open | Action::Objection => answer_round(app, e.next_to_answer(&present), action),
        Action::TestObjection => test_objection(app, item, e),
        Action::Resolve => match e.this_round().find(|(_, o)| o.blocks()) {
            Some((objection, _)) => {
                if vote(app, ElectionEvent::Resolved { objection }) {
                    app.info("Resolved. n asks everyone again.");
                }
            }
            None => app.info("No valid objection is open."),
        },
        Action::Abandon => match open_here {
            Some(objection) => {
                let reason = STAND_IN.into();
                if may_vote(app, ElectionEvent::Abandoned { objection, reason }) {
                    ask(app, Form::ElectionAbandonReason(objection));
                }
            }
            None => app.info("No objection is open."),
        },
        Action::EditChanges => {
            let stand_in = e.held_on + chrono::Days::new(366);
            if may_vote(app, ElectionEvent::TermAmended { term_end: stand_in }) {
                ask(app, Form::AmendTerm);
            }
        }
        Action::SubStep => {
            if vote(app, ElectionEvent::NewRound) {
                app.info("A new objection round: everyone is asked again.");
            }
        }
        Action::DiscardCandidate => {
            let reason = STAND_IN.into();
            if may_vote(app, ElectionEvent::SetAside { reason }) {
                ask(app, Form::SetAsideReason);
            }
        }
        Action::Elect => {
            if may_vote(app, ElectionEvent::Elect) {
                ask(app, Form::Elect);
            }
        }
        _ => {}
    }
}

/// The objection round, for the person asked (`asked`): Enter records that they have no
/// objection, `x` asks for the objection they state.
fn answer_round(app: &mut App, asked: Option<usize>, action: Action) {
    match asked {
        Some(who) if action == Action::Open => {
            vote(app, ElectionEvent::NoObjection { attendee: who });
        }
        Some(who) => {
            let objection = ElectionEvent::Objected {
                attendee: who,
                text: STAND_IN.into(),
                role: None,
            };
            if may_vote(app, objection) {
                ask(app, Form::ElectionObjection(who));
            }
        }
        None => app.info("Everyone has answered: a elects, c amends the term, d sets aside."),
    }
}

/// `w`: the test of this round's first open objection not tested yet.
fn test_objection(app: &mut App, item: &GovItem, e: &Election) {
    let untested = e
        .this_round()
        .find(|(_, o)| o.test.is_none() && o.state == ObjectionState::Open);
    match untested {
        Some((objection, _)) => {
            let target = TestTarget::Election {
                item: item.seq,
                objection,
            };
            ask_test(app, target);
        }
        None => app.info("No objection is waiting for a test."),
    }
}
