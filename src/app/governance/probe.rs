//! Which entry a key's action would record in the governance meeting right now, with
//! stand-in words where the typing goes. The hint bar asks the meeting (`Flow::may`) about it
//! and leaves off the keys it would refuse (say, everything but notes, `u` and `T` during a
//! 5.0 time out, §5.4.3); `act` asks the same before doing anything, so a key left off is
//! refused with the reason if pressed anyway.
//!
//! Owns: that mapping. Actions that only move the selection, open a picker whose choice
//! decides the entry, or only say something are `None`: never left off.
//! Must not import: tokio; must not draw.

use crate::app::keys::Action;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::governance::{
    Election, ElectionEvent, ElectionStep, GovEvent, GovItem, GovStep, Governance, IdmEvent,
    IdmStep, ItemKind, Objection, ObjectionState, ObjectionTest, Outcome, Proposal,
};

/// The entry `action` would record now, if it records one the meeting could refuse.
pub(crate) fn probe(state: &Governance, action: Action) -> Option<GovEvent> {
    let step = state.step;
    let someone = state.present().first().copied()?;
    let agenda_item = || {
        state
            .order
            .get(state.cursors[GovStep::Agenda.index()])
            .copied()
    };
    let text = || STAND_IN.to_string();
    match action {
        Action::NextStep => step
            .next(state.rules)
            .map(|step| GovEvent::StepChanged { step }),
        Action::PreviousStep => step
            .previous(state.rules)
            .map(|step| GovEvent::StepChanged { step }),
        // 5.0 §5.4.2: the Secretary extends; 4.1 adds five minutes.
        Action::OneMoreMinute if state.rules.rules().ends_at_planned_time => {
            state.secretary.map(|secretary| GovEvent::Extended {
                secretary,
                minutes: 15,
            })
        }
        Action::OneMoreMinute => Some(GovEvent::TimeAdded { minutes: 5 }),
        Action::EndMeeting => Some(GovEvent::Ended),
        Action::TimeOut if state.in_time_out() => Some(GovEvent::TimeOutEnded),
        Action::TimeOut => Some(GovEvent::TimeOut {
            asked_by: someone,
            granted: true,
        }),
        Action::Open if step.is_round() => state.speaker().map(|attendee| GovEvent::NoteTaken {
            step,
            attendee,
            text: text(),
        }),
        Action::Open if step == GovStep::AdminConcerns => Some(GovEvent::NoteTaken {
            step,
            attendee: someone,
            text: text(),
        }),
        Action::AddItem | Action::OfferTensions => Some(GovEvent::ItemAdded {
            label: text(),
            owner: someone,
            kind: ItemKind::Proposal,
            tension: None,
        }),
        Action::DeleteItem if step == GovStep::Agenda => {
            agenda_item().map(|item| GovEvent::ItemRemoved { item })
        }
        Action::ElectionFirst if step == GovStep::Agenda => {
            agenda_item().map(|item| GovEvent::ElectionFirst {
                item,
                // Whoever asks is picked next; anyone present may (5.0 §5.3.5).
                asked_by: state.present().first().copied(),
            })
        }
        _ if step == GovStep::Items => {
            let item = state.current_item()?;
            let present = state.present();
            match (&item.proposal, &item.election) {
                (Some(p), _) => idm(p, action, &present).map(|event| GovEvent::Proposal {
                    item: item.seq,
                    event,
                }),
                (None, Some(e)) => vote(item, e, action, &present),
                (None, None) => None,
            }
        }
        _ => None,
    }
}

/// The latest open objection no test has been made of.
fn untested(objections: &[Objection]) -> Option<usize> {
    objections
        .iter()
        .position(|o| o.test.is_none() && o.state == ObjectionState::Open)
}

/// A test that can always be recorded (every answer "no"): whether a test may be made.
const ANY_TEST: ObjectionTest = ObjectionTest {
    answers: [false; 4],
    breaks_constitution: false,
};

/// The entry an action would record on a proposal being processed.
fn idm(p: &Proposal, action: Action, present: &[usize]) -> Option<IdmEvent> {
    let objection = |attendee| IdmEvent::Objected {
        attendee,
        text: STAND_IN.into(),
        role: None,
        sub_circle: None,
        permission: None,
    };
    match (p.step, action) {
        (_, Action::EditChanges) => Some(IdmEvent::Drafted { changes: vec![] }),
        (_, Action::CloseProposal) => Some(IdmEvent::Ended {
            outcome: Outcome::Withdrawn,
        }),
        (IdmStep::Present, Action::Open) => Some(IdmEvent::Framed {
            tension: STAND_IN.into(),
            example: String::new(),
            role: None,
            permission: None,
        }),
        (IdmStep::Present, Action::TestValidity) => Some(IdmEvent::ValidityTested {
            answers: vec![false],
            exception: None,
        }),
        (IdmStep::Present, Action::SubStep) => Some(IdmEvent::StepTo {
            step: IdmStep::Clarify,
        }),
        (IdmStep::Clarify, Action::SubStep) => Some(IdmEvent::StepTo {
            step: IdmStep::React,
        }),
        (IdmStep::React, Action::SubStep) => Some(IdmEvent::StepTo {
            step: IdmStep::Amend,
        }),
        (IdmStep::Amend | IdmStep::Integrate, Action::SubStep) => Some(IdmEvent::NewRound),
        (IdmStep::Object, Action::SubStep) => p.integrating().map(|_| IdmEvent::StepTo {
            step: IdmStep::Integrate,
        }),
        (IdmStep::Clarify, Action::Open) => Some(IdmEvent::Question {
            question: STAND_IN.into(),
            answer: None,
        }),
        (IdmStep::React, Action::Open) => {
            p.next_reactor(present).map(|attendee| IdmEvent::Reaction {
                attendee,
                text: STAND_IN.into(),
            })
        }
        // Once everyone has answered, the answer keys are left off (the domain refuses them).
        (IdmStep::Object, Action::Open) => p
            .next_to_answer(present)
            .or(present.first().copied())
            .map(|attendee| IdmEvent::NoObjection { attendee }),
        (IdmStep::Object, Action::Objection) => p
            .next_to_answer(present)
            .or(present.first().copied())
            .map(objection),
        (IdmStep::Object | IdmStep::Integrate, Action::TestObjection) => untested(&p.objections)
            .map(|objection| IdmEvent::Tested {
                objection,
                test: ANY_TEST,
            }),
        (IdmStep::Object, Action::Adopt) => Some(IdmEvent::Ended {
            outcome: Outcome::Adopted {
                version: p.versions.len(),
            },
        }),
        (IdmStep::Integrate, Action::ObjectorOk) => p
            .integrating()
            .map(|objection| IdmEvent::ObjectorSatisfied { objection }),
        (IdmStep::Integrate, Action::ProposerOk) => p
            .integrating()
            .map(|objection| IdmEvent::ProposerSatisfied { objection }),
        (IdmStep::Integrate, Action::Abandon) => {
            p.integrating().map(|objection| IdmEvent::Abandoned {
                objection,
                reason: STAND_IN.into(),
            })
        }
        _ => None,
    }
}

/// The entry an action would record on an election being processed, as
/// `app/governance/election.rs` makes it (`None` where the key only opens a question whose
/// answer decides, such as the term or a ballot's nominee).
fn vote(item: &GovItem, e: &Election, action: Action, present: &[usize]) -> Option<GovEvent> {
    let step_to = |step| ElectionEvent::StepTo { step };
    let open_objection = || {
        e.this_round()
            .find(|(_, o)| o.state == ObjectionState::Open)
            .map(|(i, _)| i)
    };
    // Once everyone has answered a round, its answer keys are asked of someone who did: the
    // domain refuses that, so the hint bar leaves them off.
    let answering = || e.next_to_answer(present).or(present.first().copied());
    let event = match (e.step, action) {
        (ElectionStep::Ballots, Action::SubStep) => step_to(ElectionStep::Nominations),
        (ElectionStep::Nominations, Action::Open) => ElectionEvent::Reason {
            voter: e.next_to_read().or(e.ballots.first().copied())?.0,
            reason: STAND_IN.into(),
        },
        (ElectionStep::Nominations, Action::SubStep) => step_to(ElectionStep::Changes),
        (ElectionStep::Changes, Action::Open) => ElectionEvent::Kept {
            voter: e.next_to_change().or(e.change_order().first().copied())?,
        },
        (ElectionStep::Changes, Action::SubStep) => step_to(ElectionStep::Count),
        (ElectionStep::Objections, Action::Open) => ElectionEvent::NoObjection {
            attendee: answering()?,
        },
        (ElectionStep::Objections, Action::Objection) => ElectionEvent::Objected {
            attendee: answering()?,
            text: STAND_IN.into(),
            role: None,
        },
        (ElectionStep::Objections, Action::Resolve) => ElectionEvent::Resolved {
            objection: e.this_round().find(|(_, o)| o.blocks())?.0,
        },
        (ElectionStep::Objections, Action::Abandon) => ElectionEvent::Abandoned {
            objection: open_objection()?,
            reason: STAND_IN.into(),
        },
        (ElectionStep::Objections, Action::EditChanges) => ElectionEvent::TermAmended {
            term_end: e.held_on + chrono::Days::new(366),
        },
        (ElectionStep::Objections, Action::SubStep) => ElectionEvent::NewRound,
        (ElectionStep::Objections, Action::DiscardCandidate) => ElectionEvent::SetAside {
            reason: STAND_IN.into(),
        },
        (ElectionStep::Objections, Action::Elect) => ElectionEvent::Elect,
        _ => return None,
    };
    Some(GovEvent::Election {
        item: item.seq,
        event,
    })
}
