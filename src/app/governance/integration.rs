//! The moves of integration that need more than a key: the Secretary's ruling on an
//! objection resting on the constitution (4.1 §3.2.5; 5.0 §5.3.3), the objector's amended
//! proposal with the proposer's answer and the facilitator's judgement (rules of integration
//! (d): 4.1 §3.2.6(d); 5.0 §5.3.4(d)), and the reason asked before an objection is abandoned
//! or a proposal dropped.
//!
//! Owns: starting those entries and completing them from their prompts and questions.
//! Must not import: tokio; must not draw.

use super::{ask, idm, may_idm, prompt, screen};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::governance::{IdmEvent, Outcome as End, Proposal};
use crate::ui::GovDraft;

/// Whether `draft` is one of this module's.
pub fn is_integration_draft(draft: &GovDraft) -> bool {
    matches!(
        draft,
        GovDraft::Ruling(_)
            | GovDraft::RulingText(..)
            | GovDraft::Suggestion(_)
            | GovDraft::SuggestionAnswer(_)
            | GovDraft::SuggestionJudge(_)
            | GovDraft::SuggestionReason(..)
            | GovDraft::AbandonReason(_)
            | GovDraft::DropReason
    )
}

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
    if !may_idm(app, asked) {
        return;
    }
    let Some(screen) = super::screen(app) else {
        return;
    };
    let state = &screen.state;
    let o = &p.objections[objection];
    let question = format!(
        "{}, as Secretary: would adopting the proposal break the constitution, as {}'s objection \"{}\" claims? If not, the objection is dismissed (4.1 §3.2.5; 5.0 §5.3.3).",
        state.name_of(secretary),
        state.name_of(o.objector),
        o.text
    );
    ask(
        app,
        "The Secretary's ruling",
        question,
        ("it would", "it would not"),
        GovDraft::Ruling(objection),
    );
}

/// `m`: the next move of rules of integration (d) on the objection being integrated: the
/// objector's amended proposal, then the proposer's answer, then the facilitator's judgement.
pub(super) fn suggest(app: &mut App, p: &Proposal) {
    let Some(objection) = p.integrating() else {
        return app.info("No valid objection is being integrated.");
    };
    let o = &p.objections[objection];
    let Some(screen) = screen(app) else { return };
    let objector = screen.state.name_of(o.objector).to_string();
    let proposer = screen.state.name_of(p.proposer).to_string();
    match o.pending_suggestion() {
        None => {
            let asked = IdmEvent::AmendmentSuggested {
                objection,
                amendment: STAND_IN.into(),
            };
            if may_idm(app, asked) {
                let title =
                    format!("{objector}'s amended proposal, and why it resolves the tension");
                prompt(app, title, "", GovDraft::Suggestion(objection));
            }
        }
        Some(s) if s.answer.is_none() => {
            let title = format!("{proposer}'s answer: why it fails in an example (Esc: none)");
            prompt(app, title, "", GovDraft::SuggestionAnswer(objection));
        }
        Some(_) => judge(app, objection, &proposer),
    }
}

/// The facilitator's judgement of the proposer's answer.
fn judge(app: &mut App, objection: usize, proposer: &str) {
    let question = format!(
        "Did {proposer} give a reasonable argument why the amended proposal fails in an example? If not, the proposal is dropped (4.1 §3.2.6(d); 5.0 §5.3.4(d))."
    );
    ask(
        app,
        "Rules of integration (d)",
        question,
        ("it goes on", "drop it"),
        GovDraft::SuggestionJudge(objection),
    );
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
    if !may_idm(app, asked) {
        return;
    }
    let Some(screen) = screen(app) else { return };
    let who = screen.state.name_of(p.objections[objection].objector);
    let title = format!(
        "Abandon {who}'s objection (not trying in good faith to find an amendment)? Why — Esc keeps it"
    );
    prompt(app, title, "", GovDraft::AbandonReason(objection));
}

/// Asks why the proposal is dropped; the answer records it.
pub(super) fn ask_drop(app: &mut App) {
    prompt(
        app,
        "Drop the proposal? Why (the facilitator's reason) — Esc keeps it".into(),
        "",
        GovDraft::DropReason,
    );
}

/// What an answer completes.
// Recording writes to the store, so it stays in the arm's body, not in a match guard.
#[allow(clippy::collapsible_match)]
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Some(gov) = screen(app) else { return };
    let draft = std::mem::take(&mut gov.draft);
    let modal = gov.modal.take();
    let secretary = gov.state.secretary;
    let proposer = gov
        .state
        .current_item()
        .and_then(|i| i.proposal.as_ref())
        .map(|p| gov.state.name_of(p.proposer).to_string())
        .unwrap_or_default();
    match (outcome, draft) {
        (Outcome::Cancelled, GovDraft::SuggestionAnswer(objection)) => {
            // No answer from the proposer: the facilitator judges at once.
            judge(app, objection, &proposer);
        }
        (Outcome::Cancelled, _) => app.info("Nothing was recorded."),
        (Outcome::Submitted(text), draft) if text.trim().is_empty() => {
            if let Some(gov) = screen(app) {
                gov.modal = modal;
                gov.draft = draft;
            }
            app.error("Type a few words, or Esc to cancel.");
        }
        (Outcome::Answered(breaks), GovDraft::Ruling(objection)) => {
            ask_ruling_text(app, objection, breaks)
        }
        (Outcome::Submitted(ruling), GovDraft::RulingText(objection, breaks)) => {
            if let Some(secretary) = secretary {
                ruled(app, objection, (secretary, breaks), ruling)
            }
        }
        (Outcome::Submitted(amendment), GovDraft::Suggestion(objection)) => {
            let suggested = IdmEvent::AmendmentSuggested {
                objection,
                amendment,
            };
            if idm(app, suggested) {
                app.info("Suggested. On the objector's request, m asks the proposer's answer.");
            }
        }
        (Outcome::Submitted(answer), GovDraft::SuggestionAnswer(objection)) => {
            if idm(app, IdmEvent::SuggestionAnswered { objection, answer }) {
                judge(app, objection, &proposer);
            }
        }
        (Outcome::Answered(goes_on), GovDraft::SuggestionJudge(objection)) => {
            ask_judgement_reason(app, objection, goes_on)
        }
        (Outcome::Submitted(reason), GovDraft::SuggestionReason(objection, goes_on)) => {
            judged(app, objection, goes_on, reason)
        }
        (Outcome::Submitted(reason), GovDraft::AbandonReason(objection)) => {
            if idm(app, IdmEvent::Abandoned { objection, reason }) {
                app.info("The objection is abandoned (u takes it back).");
            }
        }
        (Outcome::Submitted(reason), GovDraft::DropReason) => {
            let outcome = End::Dropped { reason };
            if idm(app, IdmEvent::Ended { outcome }) {
                app.info("The proposal is dropped. → goes to the next item.");
            }
        }
        _ => {}
    }
}

/// The Secretary has said whether the objection's reading breaks the constitution: asks
/// how it does, or why it does not.
fn ask_ruling_text(app: &mut App, objection: usize, breaks: bool) {
    let title = if breaks {
        "The Secretary's ruling: how it breaks the constitution"
    } else {
        "The Secretary's ruling: why it does not (the objection is dismissed)"
    };
    prompt(
        app,
        title.into(),
        "",
        GovDraft::RulingText(objection, breaks),
    );
}

/// Records the Secretary's (`secretary`'s) ruling on the objection, whether it `breaks`
/// the constitution, in their words.
fn ruled(app: &mut App, objection: usize, (secretary, breaks): (usize, bool), ruling: String) {
    let ruled = IdmEvent::SecretaryRuled {
        objection,
        secretary,
        breaks,
        ruling,
    };
    if idm(app, ruled) {
        app.info(if breaks {
            "Ruled: it breaks the constitution. The objection stands."
        } else {
            "Ruled: it does not. The objection is dismissed and does not block."
        });
    }
}

/// The facilitator has judged whether the proposal goes on: asks their reason.
fn ask_judgement_reason(app: &mut App, objection: usize, goes_on: bool) {
    let title = if goes_on {
        "Why the proposal goes on (the facilitator's reason)"
    } else {
        "Why the proposal is dropped (the facilitator's reason)"
    };
    prompt(
        app,
        title.into(),
        "",
        GovDraft::SuggestionReason(objection, goes_on),
    );
}

/// Records the facilitator's judgement of the proposer's answer, with its reason.
fn judged(app: &mut App, objection: usize, goes_on: bool, reason: String) {
    let judged = IdmEvent::SuggestionJudged {
        objection,
        goes_on,
        reason,
    };
    if idm(app, judged) {
        app.info(if goes_on {
            "The proposal goes on: integration continues."
        } else {
            "The proposal is dropped. → goes to the next item."
        });
    }
}
