//! What a prompt, picker or yes/no answer completes in a governance meeting: entries of
//! several parts (a framing, an objection and its role, a ballot, a test of five answers),
//! and the confirmations of adopting, electing, taking back and ending.
//!
//! Owns: modal outcomes of the governance screen (the proposal editor's are in
//! `editor`). Must not import: tokio; must not draw.

use super::items::{ask_test, ask_validity};
use super::{confirm, idm, pick, prompt, record, screen, vote};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::domain::meeting::governance::represent::{Represented, representable};
use crate::domain::meeting::governance::{
    ElectionEvent, GovEvent, GovStep, IdmEvent, ItemKind, Outcome as End,
};
use crate::domain::minutes::Minutes;
use crate::ui::{GovDraft, GovScreen, Modal, TestTarget};

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
// Recording writes to the store, so it stays in the arm's body, not in a match guard.
#[allow(clippy::collapsible_match)]
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
    let present = state.present();
    let owner = state
        .facilitator
        .or(present.first().copied())
        .unwrap_or_default();
    let proposal = state
        .current_item()
        .and_then(|i| i.proposal.as_ref())
        .cloned();
    // The roles `who` represents in this circle (5.0 §5.3; 4.1 §3.2.4(d)), and the picker's
    // options for them.
    let roles_of = |who: usize| -> (Vec<Represented>, Vec<String>) {
        let person = state.attendees.get(who).and_then(|a| a.person);
        let roles = person.map_or_else(Vec::new, |p| {
            representable(&org, state.circle, p, state.rules)
        });
        let mut names: Vec<String> = roles.iter().map(|r| r.label.clone()).collect();
        names.push("No role named".into());
        (roles, names)
    };
    let idm_rules = &state.rules.rules().idm;
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
            if let Some(speaker) = state.speaker() {
                let step = state.step;
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
        (Outcome::Picked(i), GovDraft::ConcernBy(people)) => {
            if let Some(&who) = people.get(i) {
                let title = format!("Concern raised by {}", state.name_of(who));
                prompt(app, title, "", GovDraft::Concern(who));
            }
        }
        (Outcome::Submitted(text), GovDraft::Concern(who)) => {
            record(
                app,
                GovEvent::NoteTaken {
                    step: GovStep::AdminConcerns,
                    attendee: who,
                    text,
                },
            );
        }
        (Outcome::Picked(i), GovDraft::ItemKind(kinds)) => match kinds.get(i) {
            Some(None) => prompt(
                app,
                "Proposal (one or two words)".into(),
                "",
                GovDraft::ProposalLabel,
            ),
            Some(Some(role)) => {
                // The term is set in describing the role, the election's first step.
                let label = format!("Election: {}", role.name(state.rules));
                let kind = ItemKind::Election {
                    role: *role,
                    term_end: None,
                };
                record(
                    app,
                    GovEvent::ItemAdded {
                        label,
                        owner,
                        kind,
                        tension: None,
                    },
                );
            }
            None => {}
        },
        (Outcome::Submitted(label), GovDraft::ProposalLabel) => {
            let options = present
                .iter()
                .map(|&p| state.name_of(p).to_string())
                .collect();
            pick(
                app,
                "Whose proposal?",
                options,
                GovDraft::ProposalOwner(label, present),
            );
        }
        (Outcome::Picked(i), GovDraft::ProposalOwner(label, people)) => {
            if let Some(&owner) = people.get(i) {
                record(
                    app,
                    GovEvent::ItemAdded {
                        label,
                        owner,
                        kind: ItemKind::Proposal,
                        tension: None,
                    },
                );
            }
        }
        (Outcome::Picked(i), GovDraft::Tensions(offers)) => {
            if let Some((tension, owner, text)) = offers.get(i).cloned() {
                let label = crate::domain::meeting::agenda::short_label(&text);
                let kind = ItemKind::Proposal;
                let tension = Some(tension);
                record(
                    app,
                    GovEvent::ItemAdded {
                        label,
                        owner,
                        kind,
                        tension,
                    },
                );
            }
        }
        (Outcome::Submitted(tension), GovDraft::Tension) => {
            let example = proposal.map(|p| p.example).unwrap_or_default();
            prompt(
                app,
                "A real example, past or present".into(),
                &example,
                GovDraft::Example(tension),
            );
        }
        (Outcome::Submitted(example), GovDraft::Example(tension)) => {
            let proposer = proposal.as_ref().map_or(owner, |p| p.proposer);
            let (roles, options) = roles_of(proposer);
            pick(
                app,
                "Which of the proposer's roles feels it?",
                options,
                GovDraft::FramingRole(tension, example, roles),
            );
        }
        (Outcome::Picked(i), GovDraft::FramingRole(tension, example, roles)) => {
            let chosen = roles.get(i);
            if idm(
                app,
                IdmEvent::Framed {
                    tension,
                    example,
                    role: chosen.and_then(|r| r.role),
                    permission: chosen.and_then(|r| r.permission),
                },
            ) {
                app.info("Framed. c writes the proposal's changes.");
            }
        }
        (Outcome::Answered(yes), GovDraft::Validity(mut answers)) => {
            answers.push(yes);
            // The answers go on record once the test is decided: at its first "no", or
            // when all three are "yes".
            let questions = idm_rules.validity_questions;
            let decided = !yes || answers.len() == questions.len();
            let tested = IdmEvent::ValidityTested {
                answers: answers.clone(),
                exception: None,
            };
            if decided && !idm(app, tested) {
                return;
            }
            if !yes {
                let question = format!(
                    "Not valid: \"{}\" Discard the proposal as invalid?",
                    questions[answers.len() - 1]
                );
                confirm(
                    app,
                    question,
                    ("discard it", "keep it"),
                    GovDraft::DiscardInvalid,
                );
            } else if answers.len() < questions.len() {
                ask_validity(app, answers);
            } else {
                app.info("The proposal is valid: the proposer goes on presenting.");
            }
        }
        (Outcome::Picked(i), GovDraft::ValidityKind(kinds)) => match kinds.get(i) {
            Some(None) => ask_validity(app, Vec::new()),
            Some(Some(exception)) => {
                let exception = *exception;
                let tested = IdmEvent::ValidityTested {
                    answers: Vec::new(),
                    exception: Some(exception),
                };
                if idm(app, tested) {
                    app.info(format!("Valid: {}.", exception.describe()));
                }
            }
            None => {}
        },
        (Outcome::Answered(true), GovDraft::DiscardInvalid) => {
            idm(
                app,
                IdmEvent::Ended {
                    outcome: End::DiscardedInvalid,
                },
            );
        }
        (Outcome::Submitted(question), GovDraft::Question) => {
            let title = format!("Answer to \"{question}\" (empty: not specified)");
            prompt(app, title, "", GovDraft::Answer(question));
        }
        (Outcome::Submitted(answer), GovDraft::Answer(question)) => {
            let answer = (!answer.is_empty()).then_some(answer);
            idm(app, IdmEvent::Question { question, answer });
        }
        (Outcome::Submitted(text), GovDraft::Reaction(attendee)) => {
            let text = if text.is_empty() {
                "No reaction.".to_string()
            } else {
                text
            };
            idm(app, IdmEvent::Reaction { attendee, text });
        }
        (Outcome::Submitted(text), GovDraft::ObjectionText(who)) => {
            let (roles, options) = roles_of(who);
            pick(
                app,
                "Which of the objector's roles would it limit?",
                options,
                GovDraft::ObjectionRole(who, text, roles),
            );
        }
        (Outcome::Picked(i), GovDraft::ObjectionRole(attendee, text, roles)) => {
            let chosen = roles.get(i);
            if idm(
                app,
                IdmEvent::Objected {
                    attendee,
                    role: chosen.and_then(|r| r.role),
                    text,
                    sub_circle: chosen.and_then(|r| r.sub_circle),
                    permission: chosen.and_then(|r| r.permission),
                },
            ) {
                app.info("Objection recorded. w tests it now, or after the round.");
            }
        }
        (Outcome::Submitted(text), GovDraft::ElectionObjection(who)) => {
            let (roles, mut options): (Vec<_>, Vec<_>) = roles_of(who)
                .0
                .into_iter()
                .filter(|r| r.permission.is_none())
                .filter_map(|r| Some((r.role?, r.label)))
                .unzip();
            options.push("No role named".into());
            pick(
                app,
                "Which of the objector's roles would it limit?",
                options,
                GovDraft::ElectionObjectionRole(who, text, roles),
            );
        }
        (Outcome::Picked(i), GovDraft::ElectionObjectionRole(attendee, text, roles)) => {
            let role = roles.get(i).copied();
            vote(
                app,
                ElectionEvent::Objected {
                    attendee,
                    text,
                    role,
                },
            );
        }
        (Outcome::Answered(yes), GovDraft::Test(target, mut answers)) => {
            answers.push(yes);
            let Some(test) = idm_rules.test_of(&answers) else {
                return ask_test(app, target, answers);
            };
            let event = match target {
                TestTarget::Proposal { item, objection } => GovEvent::Proposal {
                    item,
                    event: IdmEvent::Tested { objection, test },
                },
                TestTarget::Election { item, objection } => GovEvent::Election {
                    item,
                    event: ElectionEvent::Tested { objection, test },
                },
            };
            if record(app, event) {
                app.info(if test.valid() {
                    "Valid objection: it blocks until integrated."
                } else {
                    "Invalid objection: kept in the record, it does not block."
                });
            }
        }
        (Outcome::Answered(true), GovDraft::Adopt) => {
            let version = proposal.map_or(0, |p| p.versions.len());
            if idm(
                app,
                IdmEvent::Ended {
                    outcome: End::Adopted { version },
                },
            ) {
                app.info("Adopted: the governance record has changed. → goes to the next item.");
            }
        }
        (Outcome::Picked(i), GovDraft::Close) => {
            let outcome = match i {
                0 => End::Withdrawn,
                1 => return super::integration::ask_drop(app),
                2 => End::DiscardedInvalid,
                _ => return super::asks::ask_breakdown(app),
            };
            idm(app, IdmEvent::Ended { outcome });
        }
        (Outcome::Picked(i), GovDraft::TimeOutBy(people)) => {
            if let Some(&who) = people.get(i) {
                let question = format!("{} asks for a time out. Grant it?", state.name_of(who));
                confirm(
                    app,
                    question,
                    ("grant", "deny"),
                    GovDraft::TimeOutGrant(who),
                );
            }
        }
        (Outcome::Answered(granted), GovDraft::TimeOutGrant(asked_by)) => {
            if record(app, GovEvent::TimeOut { asked_by, granted }) && granted {
                app.info("Time out: only logistics and the rules. T ends it.");
            }
        }
        (Outcome::Answered(true), GovDraft::Retract(seq)) => {
            if record(app, GovEvent::Retracted { seq }) {
                app.info("Taken back. The log keeps both the entry and its retraction.");
            }
        }
        (Outcome::Answered(true), GovDraft::RemoveItem(item)) => {
            if record(app, GovEvent::ItemRemoved { item }) {
                app.info("Taken off the agenda; a tension it took up is open again.");
            }
        }
        (Outcome::Answered(true), GovDraft::EndMeeting) => end(app),
        _ => {}
    }
}

/// Ends the meeting and shows its minutes.
fn end(app: &mut App) {
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
