//! The governance meeting's own forms, outside the items: a round's note, an administrative
//! concern (who raises it, then its words), an agenda item (its kind, then a proposal's label
//! and owner, or a tension taken up as one), a time out asked for and granted or not, an item
//! taken off the agenda, an entry taken back, and ending the meeting.
//!
//! Owns: those questions and answers, and what an entry taken back is called. What someone
//! asks of the meeting (an election first, an interpretation...) is `form_asks`'s.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::form::{Context, GovernanceForm, Next, Settled, line, names, picked};
use super::{ElectionEvent, GovEvent, GovStep, IdmEvent, ItemKind, Outcome as End};
use crate::domain::form::{Answer, Answered, PromptKind, Question};
use crate::domain::ids::TensionId;
use crate::domain::meeting::agenda::{offer_labels, short_label, tension_offers};
use crate::domain::org::TensionKind;
use crate::domain::ruleset::CoreRole;

/// What a text left empty is told, where words are needed.
pub(super) const TYPE_WORDS: &str = "Type a few words, or Esc to cancel.";

impl GovernanceForm {
    /// The agenda's "add": a proposal, or an election of one of the circle's elected roles.
    pub fn item_kinds(at: &Context<'_>) -> GovernanceForm {
        let mut kinds: Vec<Option<CoreRole>> = vec![None];
        kinds.extend(
            [CoreRole::Facilitator, CoreRole::Secretary, CoreRole::Rep]
                .into_iter()
                .filter(|r| at.org.core_role(at.state.circle, *r).is_some())
                .map(Some),
        );
        GovernanceForm::ItemKind(kinds)
    }

    /// The open governance tensions of the people here not on the agenda yet, offered as
    /// agenda items: (tension, owner attendee, its text).
    pub fn tension_offers(at: &Context<'_>) -> Vec<(TensionId, usize, String)> {
        let state = at.state;
        let on_agenda: Vec<_> = state.items.iter().filter_map(|i| i.tension).collect();
        let kind = TensionKind::Governance;
        tension_offers(at.org, state.circle, kind, &state.attendees, &on_agenda)
    }

    /// The question of one of the meeting's own forms.
    pub(super) fn meeting_question(&self, at: &Context<'_>) -> Option<Question> {
        use GovernanceForm as F;
        let state = at.state;
        let name = |i: usize| state.name_of(i);
        Some(match self {
            F::Note => Question::titled(
                PromptKind::Note,
                format!("Note for {}", name(state.speaker()?)),
            ),
            F::ConcernBy(people) => Question::pick("Who raises the concern?", names(at, people)),
            F::Concern(who) => line(format!("Concern raised by {}", name(*who))),
            F::ItemKind(kinds) => {
                let options = kinds
                    .iter()
                    .map(|k| match k {
                        None => "A proposal (a tension to process)".to_string(),
                        Some(role) => format!("An election of the {}", role.name(state.rules)),
                    })
                    .collect();
                Question::pick("Add to the agenda", options)
            }
            F::ProposalLabel => line("Proposal (one or two words)"),
            F::ProposalOwner(_, people) => Question::pick("Whose proposal?", names(at, people)),
            F::Tensions(offers) => {
                Question::pick("Take up a tension", offer_labels(offers, &state.attendees))
            }
            F::TimeOutBy(people) => Question::pick("Who asks for a time out?", names(at, people)),
            F::TimeOutGrant(who) => Question::yes_or(
                format!("{} asks for a time out. Grant it?", name(*who)),
                "grant",
                "deny",
            ),
            F::RemoveItem(item) => {
                let label = state.item(*item).map_or("", |i| i.label.as_str());
                Question::yes_or(
                    format!("Take \"{label}\" off the agenda?"),
                    "remove it",
                    "keep it",
                )
            }
            F::Retract(seq) => Question::yes_or(
                format!("Take back the last entry: {}?", describe_entry(at, *seq)),
                "take it back",
                "keep it",
            ),
            F::EndMeeting => Question::yes_or(state.unheld().end_question(), "end it", "not yet"),
            _ => return self.asks_question(at),
        })
    }

    /// What an answer makes of one of the meeting's own forms.
    pub(super) fn meeting_answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        use GovernanceForm as F;
        let state = at.state;
        match (self, answer) {
            (F::Note, Answer::Text(text)) => match state.speaker() {
                None => Answered::Closed,
                Some(_) if text.is_empty() => {
                    Answered::Refused("Type the note, or Esc to cancel.".into())
                }
                Some(attendee) => Answered::Done(Settled::record(GovEvent::NoteTaken {
                    step: state.step,
                    attendee,
                    text,
                })),
            },
            (F::ConcernBy(people), Answer::Pick(n)) => {
                picked(people, n, |&who| Answered::Ask(F::Concern(who)))
            }
            (F::Concern(_) | F::ProposalLabel, Answer::Text(text)) if text.is_empty() => {
                Answered::Refused(TYPE_WORDS.into())
            }
            (F::Concern(who), Answer::Text(text)) => {
                Answered::Done(Settled::record(GovEvent::NoteTaken {
                    step: GovStep::AdminConcerns,
                    attendee: *who,
                    text,
                }))
            }
            (F::ItemKind(kinds), Answer::Pick(n)) => picked(kinds, n, |kind| match kind {
                None => Answered::Ask(F::ProposalLabel),
                Some(role) => Answered::Done(election_added(at, *role)),
            }),
            (F::ProposalLabel, Answer::Text(label)) => {
                Answered::Ask(F::ProposalOwner(label, state.present()))
            }
            (F::ProposalOwner(label, people), Answer::Pick(n)) => picked(people, n, |&owner| {
                Answered::Done(Settled::record(GovEvent::ItemAdded {
                    label: label.clone(),
                    owner,
                    kind: ItemKind::Proposal,
                    tension: None,
                }))
            }),
            (F::Tensions(offers), Answer::Pick(n)) => {
                picked(offers, n, |(tension, owner, text)| {
                    Answered::Done(Settled::record(GovEvent::ItemAdded {
                        label: short_label(text),
                        owner: *owner,
                        kind: ItemKind::Proposal,
                        tension: Some(*tension),
                    }))
                })
            }
            (F::TimeOutBy(_) | F::TimeOutGrant(_) | F::RemoveItem(_), answer)
            | (F::Retract(_) | F::EndMeeting, answer) => self.closing_answer(answer),
            (_, answer) => self.asks_answer(answer, at),
        }
    }

    /// What an answer makes of a time out asked for, an item taken off, an entry taken back
    /// or the meeting ended.
    fn closing_answer(&self, answer: Answer) -> Next {
        use GovernanceForm as F;
        match (self, answer) {
            (F::TimeOutBy(people), Answer::Pick(n)) => {
                picked(people, n, |&who| Answered::Ask(F::TimeOutGrant(who)))
            }
            (F::TimeOutGrant(asked_by), Answer::Yes(granted)) => {
                let recorded = Settled::record(GovEvent::TimeOut {
                    asked_by: *asked_by,
                    granted,
                });
                Answered::Done(match granted {
                    true => recorded.info("Time out: only logistics and the rules. T ends it."),
                    false => recorded,
                })
            }
            (F::RemoveItem(item), Answer::Yes(true)) => Answered::Done(
                Settled::record(GovEvent::ItemRemoved { item: *item })
                    .info("Taken off the agenda; a tension it took up is open again."),
            ),
            (F::Retract(seq), Answer::Yes(true)) => Answered::Done(
                Settled::record(GovEvent::Retracted { seq: *seq })
                    .info("Taken back. The log keeps both the entry and its retraction."),
            ),
            (F::EndMeeting, Answer::Yes(true)) => Answered::Done(
                Settled::record(GovEvent::Ended)
                    .info("The meeting has ended. x exports its minutes."),
            ),
            _ => Answered::Closed,
        }
    }

    /// One of the meeting's own forms asked again against an organisation changed
    /// meanwhile: the tensions and the elected roles it offers are made again.
    pub(super) fn meeting_asked_again(&self, at: &Context<'_>) -> Option<GovernanceForm> {
        match self {
            GovernanceForm::Tensions(_) => {
                Some(GovernanceForm::Tensions(GovernanceForm::tension_offers(at)))
            }
            GovernanceForm::ItemKind(_) => Some(GovernanceForm::item_kinds(at)),
            _ => None,
        }
    }
}

/// An election of `role` added to the agenda, owned by the facilitator (or the first
/// present); its term is set in describing the role, the election's first step.
fn election_added(at: &Context<'_>, role: CoreRole) -> Settled {
    let state = at.state;
    let owner = state
        .facilitator
        .or(state.present().first().copied())
        .unwrap_or_default();
    Settled::record(GovEvent::ItemAdded {
        label: format!("Election: {}", role.name(state.rules)),
        owner,
        kind: ItemKind::Election {
            role,
            term_end: None,
        },
        tension: None,
    })
}

/// A few words about entry `seq`, for the question before taking it back.
pub fn describe_entry(at: &Context<'_>, seq: u64) -> String {
    let Some(event) = at.log.iter().find(|r| r.seq == seq).map(|r| &r.event) else {
        return "the last entry".into();
    };
    let name = |i: &usize| at.state.name_of(*i).to_string();
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
        GovEvent::Proposal { event, .. } => describe_idm(event, &name),
        GovEvent::Election { event, .. } => describe_election(event, &name),
        _ => "the last entry".into(),
    }
}

/// A few words about a proposal's entry.
fn describe_idm(event: &IdmEvent, name: &dyn Fn(&usize) -> String) -> String {
    match event {
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
            End::Adopted { .. } => "the adoption (its changes leave the governance record)".into(),
            _ => "closing the proposal".into(),
        },
    }
}

/// A few words about an election's entry.
fn describe_election(event: &ElectionEvent, name: &dyn Fn(&usize) -> String) -> String {
    match event {
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
    }
}
