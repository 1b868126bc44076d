//! The moves of integration that need more than a key: the Secretary's ruling on an
//! objection resting on the constitution (4.1 §3.2.5; 5.0 §5.3.3), the objector's amended
//! proposal with the proposer's answer and the facilitator's judgement (rules of integration
//! (d): 4.1 §3.2.6(d); 5.0 §5.3.4(d)), and the reason asked before an objection is abandoned
//! or a proposal dropped.
//!
//! Owns: starting those entries; what their answers complete is the domain's forms'
//! (`GovernanceForm`). Must not import: tokio; must not draw.

use super::{Form, ask, may_idm, screen};
use crate::app::App;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::governance::{IdmEvent, Proposal};

/// `s`: the facilitator asks the Secretary to rule on the first open objection that rests
/// on the constitution alone.
pub(super) fn ask_ruling(app: &mut App, p: &Proposal) {
    let Some(screen) = screen(app) else { return };
    let Some(secretary) = screen.state.secretary else {
        return app.info("This meeting has no Secretary to rule (setup names one).");
    };
    let waiting = p.objections.iter().position(|o| {
        o.ruling.is_none() && o.test.is_some_and(|t| t.rests_on_constitution()) && o.blocks()
    });
    let Some(objection) = waiting else {
        return app.info(
            "No objection rests on the constitution alone: test one first (w), answering \"it would\" to the last question.",
        );
    };
    let asked = IdmEvent::SecretaryRuled {
        objection,
        secretary,
        breaks: true,
        ruling: STAND_IN.into(),
    };
    if may_idm(app, asked) {
        ask(app, Form::Ruling(objection));
    }
}

/// `m`: the next move of rules of integration (d) on the objection being integrated: the
/// objector's amended proposal, then the proposer's answer, then the facilitator's judgement.
pub(super) fn suggest(app: &mut App, p: &Proposal) {
    let Some(objection) = p.integrating() else {
        return app.info("No valid objection is being integrated.");
    };
    match p.objections[objection].pending_suggestion() {
        None => {
            let asked = IdmEvent::AmendmentSuggested {
                objection,
                amendment: STAND_IN.into(),
            };
            if may_idm(app, asked) {
                ask(app, Form::Suggestion(objection));
            }
        }
        Some(s) if s.answer.is_none() => ask(app, Form::SuggestionAnswer(objection)),
        Some(_) => ask(app, Form::SuggestionJudge(objection)),
    }
}

/// `b`: asks why the objection being integrated is abandoned; the answer records it.
pub(super) fn ask_abandon(app: &mut App, p: &Proposal) {
    let Some(objection) = p.integrating() else {
        return app.info("No valid objection is left: n starts a new objection round.");
    };
    let asked = IdmEvent::Abandoned {
        objection,
        reason: STAND_IN.into(),
    };
    if may_idm(app, asked) {
        ask(app, Form::AbandonReason(objection));
    }
}
