//! What a prompt, picker or yes/no answer completes in a governance meeting: entries of
//! several parts (a framing, an objection and its role, a ballot, a test of five answers),
//! and the confirmations of adopting, electing, taking back and ending.
//!
//! Owns: modal outcomes of the governance screen (the proposal editor's are in
//! `editor`). Must not import: tokio; must not draw.

use super::answers::{Ctx, answer};
use super::{record, screen};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::domain::meeting::governance::{ElectionEvent, GovEvent, IdmEvent, Outcome as End};
use crate::domain::minutes::Minutes;
use crate::ui::{GovDraft, GovScreen, Modal};

/// A few words about entry `seq`, for the question before taking it back.
pub fn describe_entry(screen: &GovScreen, seq: u64) -> String {
    let Some(event) = screen.log.iter().find(|r| r.seq == seq).map(|r| &r.event) else {
        return "the last entry".into();
    };
    let name = |i: &usize| screen.state.name_of(*i).to_string();
    match event {
        GovEvent::NoteTaken { text, .. } => format!("the note \"{text}\""),
        GovEvent::ItemAdded { label, .. } => format!("the agenda item \"{label}\""),
        GovEvent::ElectionFirst { .. } => "moving the election first".into(),
        GovEvent::ItemMoved { .. } => "moving the agenda item".into(),
        GovEvent::ItemRemoved { .. } => "taking the item off the agenda".into(),
        GovEvent::TimeOut { asked_by, .. } => format!("{}'s time out", name(asked_by)),
        GovEvent::TimeOutEnded => "the end of the time out".into(),
        GovEvent::Extended { minutes, .. } => format!("the {minutes}-minute extension"),
        GovEvent::Interpreted { .. } => "the Secretary's interpretation".into(),
        GovEvent::SpecialRequested { .. } => "the special meeting's request".into(),
        GovEvent::RequesterAllows { .. } => "the requester's leave for others' items first".into(),
        GovEvent::BreakdownDeclared { .. } => "the process breakdown".into(),
        GovEvent::Proposal { event, .. } => match event {
            IdmEvent::Framed { tension, .. } => format!("the framing \"{tension}\""),
            IdmEvent::Drafted { .. } => "the latest version of the proposal".into(),
            IdmEvent::StepTo { step } => format!("moving on to {}", step.title().to_lowercase()),
            IdmEvent::Question { question, .. } => format!("the question \"{question}\""),
            IdmEvent::Reaction { attendee, .. } => format!("{}'s reaction", name(attendee)),
            IdmEvent::NoObjection { attendee } => format!("{}'s \"no objection\"", name(attendee)),
            IdmEvent::Objected { attendee, .. } => format!("{}'s objection", name(attendee)),
            IdmEvent::Tested { .. } => "the objection test".into(),
            IdmEvent::SecretaryRuled { .. } => "the Secretary's ruling".into(),
            IdmEvent::AmendmentSuggested { .. } => "the suggested amendment".into(),
            IdmEvent::SuggestionAnswered { .. } => "the proposer's answer".into(),
            IdmEvent::SuggestionJudged { .. } => "the judgement of the proposer's answer".into(),
            IdmEvent::ValidityTested { .. } => "the validity test".into(),
            IdmEvent::ObjectorSatisfied { .. } => "the objector's confirmation".into(),
            IdmEvent::ProposerSatisfied { .. } => "the proposer's confirmation".into(),
            IdmEvent::Abandoned { .. } => "abandoning the objection".into(),
            IdmEvent::NewRound => "the new objection round".into(),
            IdmEvent::Ended { outcome } => match outcome {
                End::Adopted { .. } => {
                    "the adoption (its changes leave the governance record)".into()
                }
                _ => "closing the proposal".into(),
            },
        },
        GovEvent::Election { event, .. } => match event {
            ElectionEvent::Ballot { voter, .. } => format!("{}'s ballot", name(voter)),
            ElectionEvent::Reason { voter, .. } => format!("{}'s reason", name(voter)),
            ElectionEvent::Changed { voter, .. } => format!("{}'s change", name(voter)),
            ElectionEvent::Propose { .. } => "the count".into(),
            ElectionEvent::Elect => "the election result (the role is unassigned again)".into(),
            ElectionEvent::Discard | ElectionEvent::SetAside { .. } => {
                "setting the candidate aside".into()
            }
            ElectionEvent::Described { .. } => "the term".into(),
            ElectionEvent::Kept { voter } => format!("{}'s \"no change\"", name(voter)),
            ElectionEvent::Proposed { candidate, .. } => {
                format!("the proposal of {}", name(candidate))
            }
            ElectionEvent::Renominate => "re-nominating among the tied".into(),
            ElectionEvent::TermAmended { .. } => "the amended term".into(),
            ElectionEvent::NewRound => "the new objection round".into(),
            ElectionEvent::Abandoned { .. } => "abandoning the objection".into(),
            ElectionEvent::NoObjection { attendee } => {
                format!("{}'s \"no objection\"", name(attendee))
            }
            ElectionEvent::Objected { attendee, .. } => format!("{}'s objection", name(attendee)),
            _ => "the last election entry".into(),
        },
        _ => "the last entry".into(),
    }
}

/// Puts a modal back as it was, with a message: the answer was not usable.
fn keep(app: &mut App, modal: Option<Modal>, draft: GovDraft, message: &str) {
    if let Some(screen) = screen(app) {
        screen.modal = modal;
        screen.draft = draft;
    }
    app.error(message);
}

/// What a modal's outcome means for the entry being put together.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Some(screen) = screen(app) else { return };
    if super::editor::is_editor_draft(&screen.draft) {
        return super::editor::outcome(app, outcome);
    }
    if super::integration::is_integration_draft(&screen.draft) {
        return super::integration::outcome(app, outcome);
    }
    if super::asks::is_ask_draft(&screen.draft) {
        return super::asks::outcome(app, outcome);
    }
    let draft = std::mem::take(&mut screen.draft);
    let modal = screen.modal.take();
    if super::election::is_election_draft(&draft) {
        return super::election::outcome(app, outcome, draft, modal);
    }
    let state = &screen.state;
    let (speaker, step) = (state.speaker(), state.step);
    let ctx = Ctx::of(org, state);
    match (outcome, draft) {
        (Outcome::Cancelled, GovDraft::Test(..) | GovDraft::Validity(_)) => {
            app.info("Stopped: nothing was recorded.");
        }
        (Outcome::Cancelled, _) => {}
        (
            Outcome::Submitted(text),
            draft @ (GovDraft::Tension | GovDraft::Question | GovDraft::ProposalLabel),
        )
        | (
            Outcome::Submitted(text),
            draft @ (GovDraft::Concern(_)
            | GovDraft::ObjectionText(_)
            | GovDraft::ElectionObjection(_)
            | GovDraft::Reason(_)),
        ) if text.is_empty() => keep(app, modal, draft, "Type a few words, or Esc to cancel."),
        (Outcome::Submitted(text), GovDraft::None) => {
            if let Some(speaker) = speaker {
                if text.is_empty() {
                    return keep(
                        app,
                        modal,
                        GovDraft::None,
                        "Type the note, or Esc to cancel.",
                    );
                }
                record(
                    app,
                    GovEvent::NoteTaken {
                        step,
                        attendee: speaker,
                        text,
                    },
                );
            }
        }
        (outcome, draft) => {
            answer(app, &ctx, outcome, draft);
        }
    }
}

/// Ends the meeting and shows its minutes.
pub(super) fn end(app: &mut App) {
    if !record(app, GovEvent::Ended) {
        return;
    }
    app.refresh_open_meetings();
    let Some(org) = app.view.org.clone() else {
        return;
    };
    if let Some(screen) = screen(app) {
        let minutes = Minutes::governance(screen.meeting, &screen.state, &org);
        crate::app::past::show_ended(app, minutes);
    }
    app.info("The meeting has ended. x exports its minutes.");
}
