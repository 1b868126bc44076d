//! What an answer completes in a governance meeting's agenda, a proposal's framing and
//! rounds, its objections and the meeting's own questions (time outs, taking back, ending):
//! one function per part of the meeting, each handing back what it does not answer.
//!
//! Owns: those answers. Must not import: tokio; must not draw.

use super::items::{ask_test, ask_validity};
use super::outcomes::end;
use super::{confirm, idm, pick, prompt, record, vote};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::domain::meeting::governance::represent::{Represented, representable};
use crate::domain::meeting::governance::{
    ElectionEvent, GovEvent, GovStep, Governance, IdmEvent, ItemKind, Outcome as End, Proposal,
};
use crate::domain::rules::IdmRules;
use crate::domain::{CircleId, Organisation, PersonId, RuleSet};
use crate::ui::{GovDraft, TestTarget};
use std::sync::Arc;

/// An answer no part took: the outcome and the draft it came with.
pub type Unanswered = Option<(Outcome, GovDraft)>;

/// What the answers need of the meeting, copied out of it so that answering can record.
pub struct Ctx {
    org: Arc<Organisation>,
    circle: CircleId,
    rules: RuleSet,
    idm: &'static IdmRules,
    names: Vec<String>,
    persons: Vec<Option<PersonId>>,
    /// The attendees present, and who owns an item added for nobody in particular.
    present: Vec<usize>,
    owner: usize,
    /// The current item's proposal.
    proposal: Option<Proposal>,
}

impl Ctx {
    pub fn of(org: Arc<Organisation>, state: &Governance) -> Ctx {
        let present = state.present();
        let owner = state
            .facilitator
            .or(present.first().copied())
            .unwrap_or_default();
        Ctx {
            org,
            circle: state.circle,
            rules: state.rules,
            idm: &state.rules.rules().idm,
            names: (0..state.attendees.len())
                .map(|i| state.name_of(i).to_string())
                .collect(),
            persons: state.attendees.iter().map(|a| a.person).collect(),
            present,
            owner,
            proposal: state
                .current_item()
                .and_then(|i| i.proposal.as_ref())
                .cloned(),
        }
    }

    fn name_of(&self, attendee: usize) -> &str {
        self.names.get(attendee).map_or("?", String::as_str)
    }

    /// The roles `who` represents in this circle (5.0 §5.3; 4.1 §3.2.4(d)), and the
    /// picker's options for them.
    fn roles_of(&self, who: usize) -> (Vec<Represented>, Vec<String>) {
        let person = self.persons.get(who).copied().flatten();
        let roles = person.map_or_else(Vec::new, |p| {
            representable(&self.org, self.circle, p, self.rules)
        });
        let mut names: Vec<String> = roles.iter().map(|r| r.label.clone()).collect();
        names.push("No role named".into());
        (roles, names)
    }
}

/// Each part in turn, until one answers.
pub fn answer(app: &mut App, ctx: &Ctx, outcome: Outcome, draft: GovDraft) -> Unanswered {
    let parts = [
        agenda, items, framing, validity, clarifying, objections, decisions, meeting,
    ];
    let mut unanswered = Some((outcome, draft));
    for part in parts {
        let (outcome, draft) = unanswered?;
        unanswered = part(app, ctx, outcome, draft);
    }
    unanswered
}

/// Agenda building: administrative concerns and the kind of item added.
fn agenda(app: &mut App, ctx: &Ctx, outcome: Outcome, draft: GovDraft) -> Unanswered {
    match (outcome, draft) {
        (Outcome::Picked(i), GovDraft::ConcernBy(people)) => {
            if let Some(&who) = people.get(i) {
                let title = format!("Concern raised by {}", ctx.name_of(who));
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
                let label = format!("Election: {}", role.name(ctx.rules));
                let kind = ItemKind::Election {
                    role: *role,
                    term_end: None,
                };
                record(
                    app,
                    GovEvent::ItemAdded {
                        label,
                        owner: ctx.owner,
                        kind,
                        tension: None,
                    },
                );
            }
            None => {}
        },
        other => return Some(other),
    }
    None
}

/// Agenda building: a proposal's label and owner, or a tension taken up as one.
fn items(app: &mut App, ctx: &Ctx, outcome: Outcome, draft: GovDraft) -> Unanswered {
    match (outcome, draft) {
        (Outcome::Submitted(label), GovDraft::ProposalLabel) => {
            let options = ctx
                .present
                .iter()
                .map(|&p| ctx.name_of(p).to_string())
                .collect();
            pick(
                app,
                "Whose proposal?",
                options,
                GovDraft::ProposalOwner(label, ctx.present.clone()),
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
        other => return Some(other),
    }
    None
}

/// A proposal's framing: the tension, a real example, and the role that feels it.
fn framing(app: &mut App, ctx: &Ctx, outcome: Outcome, draft: GovDraft) -> Unanswered {
    match (outcome, draft) {
        (Outcome::Submitted(tension), GovDraft::Tension) => {
            let example = ctx
                .proposal
                .as_ref()
                .map(|p| p.example.clone())
                .unwrap_or_default();
            prompt(
                app,
                "A real example, past or present".into(),
                &example,
                GovDraft::Example(tension),
            );
        }
        (Outcome::Submitted(example), GovDraft::Example(tension)) => {
            let proposer = ctx.proposal.as_ref().map_or(ctx.owner, |p| p.proposer);
            let (roles, options) = ctx.roles_of(proposer);
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
        other => return Some(other),
    }
    None
}

/// A proposal's validity test: its questions in turn, an exception, or discarding it.
fn validity(app: &mut App, ctx: &Ctx, outcome: Outcome, draft: GovDraft) -> Unanswered {
    match (outcome, draft) {
        (Outcome::Answered(yes), GovDraft::Validity(mut answers)) => {
            answers.push(yes);
            // The answers go on record once the test is decided: at its first "no", or
            // when all three are "yes".
            let questions = ctx.idm.validity_questions;
            let decided = !yes || answers.len() == questions.len();
            let tested = IdmEvent::ValidityTested {
                answers: answers.clone(),
                exception: None,
            };
            if decided && !idm(app, tested) {
                return None;
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
        other => return Some(other),
    }
    None
}

/// Clarifying questions and their answers, and reactions.
fn clarifying(app: &mut App, _ctx: &Ctx, outcome: Outcome, draft: GovDraft) -> Unanswered {
    match (outcome, draft) {
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
        other => return Some(other),
    }
    None
}

/// Objections to a proposal or an election: their words and the role they would limit.
fn objections(app: &mut App, ctx: &Ctx, outcome: Outcome, draft: GovDraft) -> Unanswered {
    match (outcome, draft) {
        (Outcome::Submitted(text), GovDraft::ObjectionText(who)) => {
            let (roles, options) = ctx.roles_of(who);
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
            let (roles, mut options): (Vec<_>, Vec<_>) = ctx
                .roles_of(who)
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
        other => return Some(other),
    }
    None
}

/// An objection's test, adopting the proposal, and closing it otherwise.
fn decisions(app: &mut App, ctx: &Ctx, outcome: Outcome, draft: GovDraft) -> Unanswered {
    match (outcome, draft) {
        (Outcome::Answered(yes), GovDraft::Test(target, mut answers)) => {
            answers.push(yes);
            let Some(test) = ctx.idm.test_of(&answers) else {
                ask_test(app, target, answers);
                return None;
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
            let version = ctx.proposal.as_ref().map_or(0, |p| p.versions.len());
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
                1 => {
                    super::integration::ask_drop(app);
                    return None;
                }
                2 => End::DiscardedInvalid,
                _ => {
                    super::asks::ask_breakdown(app);
                    return None;
                }
            };
            idm(app, IdmEvent::Ended { outcome });
        }
        other => return Some(other),
    }
    None
}

/// The meeting's own questions: time outs, taking back, taking an item off, ending.
fn meeting(app: &mut App, ctx: &Ctx, outcome: Outcome, draft: GovDraft) -> Unanswered {
    match (outcome, draft) {
        (Outcome::Picked(i), GovDraft::TimeOutBy(people)) => {
            if let Some(&who) = people.get(i) {
                let question = format!("{} asks for a time out. Grant it?", ctx.name_of(who));
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
        other => return Some(other),
    }
    None
}
