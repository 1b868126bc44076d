//! An integrative election's forms, in the rule set's words and order: the term set in describing the role and amended in integration, each signed ballot (whose,
//! then its nominee), the reason read for a nomination, a change in the change round (the new
//! nominee, then why), the tie option chosen, abandoning an objection with its reason,
//! setting the candidate aside, and electing.
//!
//! Owns: those questions and answers, the nominees a ballot offers, and the words of the tie
//! options. Every refusal is the election's (`Election::decide`). Must not import: rusqlite,
//! ratatui, crossterm, tokio, std::fs, or the clock.

use super::form::{
    Context, GovernanceForm, Next, Said, Settled, current_item, line, names, picked, refused,
};
use super::form_meeting::TYPE_WORDS;
use super::{Election, ElectionEvent, GovEvent, Governance, TieBreak, TieOption};
use crate::domain::form::{Answer, Answered, PromptKind, Question};
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::org::Organisation;
use crate::domain::rules::TieRule;
use chrono::NaiveDate;

impl GovernanceForm {
    /// `c` in the change round: whom `voter` now nominates, among everyone the meeting knows
    /// (only the tied, when re-nominating among them: tie option (iv)).
    pub fn change_nominee(at: &Context<'_>, voter: usize) -> Option<GovernanceForm> {
        let e = election(at)?;
        let mut people: Vec<usize> = (0..at.state.attendees.len()).collect();
        if let Some(tied) = &e.renominate_among {
            people.retain(|p| tied.contains(p));
        }
        Some(GovernanceForm::ChangeNominee(voter, people))
    }

    /// The question of one of an election's forms.
    pub(super) fn election_question(&self, at: &Context<'_>) -> Option<Question> {
        use GovernanceForm as F;
        let state = at.state;
        let e = election(at)?;
        let name = |i: usize| state.name_of(i);
        Some(match self {
            F::Term => Question::edit(
                PromptKind::OutputText,
                format!(
                    "Term of the {}: it ends on (YYYY-MM-DD)",
                    e.role.name(e.rules)
                ),
                (e.held_on + chrono::Days::new(365)).to_string(),
            ),
            F::AmendTerm => Question::edit(
                PromptKind::OutputText,
                "Amended term: it ends on (YYYY-MM-DD)",
                e.term_end.map_or(String::new(), |d| d.to_string()),
            ),
            F::Voter(voters) => Question::pick("Whose ballot?", names(at, voters)),
            F::Nominee(voter, people) => Question::pick(
                format!("{} nominates", name(*voter)),
                nominee_labels(state, at.org, e, people),
            ),
            F::Reason(voter) => {
                let nominee = e.ballots.iter().find(|(v, _)| v == voter)?.1;
                line(format!(
                    "{} nominates {}: why?",
                    name(*voter),
                    name(nominee)
                ))
            }
            F::ChangeNominee(voter, people) => Question::pick(
                format!("{} now nominates", name(*voter)),
                nominee_labels(state, at.org, e, people),
            ),
            F::ChangeReason(..) => line("Why the change?"),
            F::TieOptions => Question::pick(
                "A tie: the facilitator chooses one option",
                e.tie_options()
                    .iter()
                    .map(|o| tie_label(state, e, o))
                    .collect(),
            ),
            F::ElectionAbandonReason(_) => line("Abandon the objection: why (not in good faith)?"),
            F::Elect => {
                let who = name(e.proposed?);
                let role = e.role.name(e.rules);
                let term = e.term_end.map_or(String::new(), |d| {
                    format!(" until {}", d.format("%-d %B %Y"))
                });
                Question::yes_or(
                    format!("Elect {who} {role}{term}? The role is assigned now."),
                    "elect",
                    "not yet",
                )
            }
            F::SetAsideReason => line(format!("Set {} aside: why?", e.proposed.map_or("?", name))),
            _ => return None,
        })
    }

    /// What an answer makes of one of an election's forms.
    pub(super) fn election_answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        use GovernanceForm as F;
        let Some(e) = election(at) else {
            return Answered::Closed;
        };
        match (self, answer) {
            (F::Term, Answer::Text(text)) => term_typed(at, &text, |term_end| {
                (
                    ElectionEvent::Described { term_end },
                    "Term set. Enter records each signed ballot.",
                )
            }),
            (F::AmendTerm, Answer::Text(text)) => term_typed(at, &text, |term_end| {
                (
                    ElectionEvent::TermAmended { term_end },
                    "Term amended: everyone is asked again.",
                )
            }),
            (F::Voter(voters), Answer::Pick(n)) => picked(voters, n, |&voter| {
                let everyone = (0..at.state.attendees.len()).collect();
                Answered::Ask(F::Nominee(voter, everyone))
            }),
            (F::Nominee(voter, people), Answer::Pick(n)) => picked(people, n, |&nominee| {
                let ballot = ElectionEvent::Ballot {
                    voter: *voter,
                    nominee,
                };
                on_election(
                    at,
                    ballot,
                    Some("Ballot recorded; it stays hidden until read."),
                )
            }),
            (F::Reason(_), Answer::Text(text)) if text.is_empty() => {
                Answered::Refused(TYPE_WORDS.into())
            }
            (F::Reason(voter), Answer::Text(reason)) => {
                let voter = *voter;
                on_election(at, ElectionEvent::Reason { voter, reason }, None)
            }
            (F::ChangeNominee(voter, people), Answer::Pick(n)) => picked(people, n, |&nominee| {
                let changed = ElectionEvent::Changed {
                    voter: *voter,
                    nominee,
                    reason: STAND_IN.into(),
                };
                match refused_vote(at, changed) {
                    Some(why) => Answered::Done(Settled::say(Said::Error(why))),
                    None => Answered::Ask(F::ChangeReason(*voter, nominee)),
                }
            }),
            (F::ChangeReason(voter, nominee), Answer::Text(reason)) => {
                let changed = ElectionEvent::Changed {
                    voter: *voter,
                    nominee: *nominee,
                    reason,
                };
                on_election(at, changed, None)
            }
            (F::TieOptions, Answer::Pick(n)) => tie_chosen(at, e, n),
            (F::ElectionAbandonReason(objection), Answer::Text(reason)) => {
                let objection = *objection;
                on_election(at, ElectionEvent::Abandoned { objection, reason }, None)
            }
            (F::SetAsideReason, Answer::Text(reason)) => on_election(
                at,
                ElectionEvent::SetAside { reason },
                Some("Set aside: their nominations are ignored. Enter proposes again."),
            ),
            (F::Elect, Answer::Yes(true)) => on_election(
                at,
                ElectionEvent::Elect,
                Some("Elected: the role is assigned with its term."),
            ),
            _ => Answered::Closed,
        }
    }

    /// A nominee picker asked again against an organisation changed meanwhile: who is
    /// eligible is said again (the circle's members, its Lead, as they now stand).
    pub(super) fn election_asked_again(&self, _at: &Context<'_>) -> Option<GovernanceForm> {
        matches!(
            self,
            GovernanceForm::Nominee(..) | GovernanceForm::ChangeNominee(..)
        )
        .then(|| self.clone())
    }
}

/// The election of the item being processed, if it is one.
fn election<'a>(at: &Context<'a>) -> Option<&'a Election> {
    at.state.current_item().and_then(|i| i.election.as_ref())
}

/// The refusal the election would give `event` now, as a line, if it would.
fn refused_vote(at: &Context<'_>, event: ElectionEvent) -> Option<String> {
    let item = current_item(at)?;
    refused(at, &GovEvent::Election { item, event })
}

/// A move of the current election to record, saying `said` once recorded.
fn on_election(at: &Context<'_>, event: ElectionEvent, said: Option<&str>) -> Next {
    let Some(item) = current_item(at) else {
        return Answered::Closed;
    };
    let settled = Settled::record(GovEvent::Election { item, event });
    Answered::Done(match said {
        Some(said) => settled.info(said),
        None => settled,
    })
}

/// A term's end typed as YYYY-MM-DD: the entry `made` of it, or (a date that does not read,
/// or one the election refuses, not after the meeting's day) the question stays open with
/// the reason, for the facilitator to correct.
fn term_typed(
    at: &Context<'_>,
    text: &str,
    made: impl FnOnce(NaiveDate) -> (ElectionEvent, &'static str),
) -> Next {
    let Ok(term_end) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") else {
        return Answered::Refused(format!("\"{text}\" is not a date: type it as 2027-11-24."));
    };
    let (event, said) = made(term_end);
    match refused_vote(at, event.clone()) {
        Some(why) => Answered::Refused(why),
        None => on_election(at, event, Some(said)),
    }
}

/// The lines of a nominee picker for `people`: each name marked absent, or with why they
/// cannot be elected (a ballot for them is refused with that reason).
fn nominee_labels(
    state: &Governance,
    org: &Organisation,
    e: &Election,
    people: &[usize],
) -> Vec<String> {
    let seats = state.seats(org);
    people
        .iter()
        .map(|&p| {
            let name = state.name_of(p);
            let absent = if seats.present.contains(&p) {
                ""
            } else {
                " (absent)"
            };
            match e.ineligible(p, &seats) {
                Some(why) => format!("{name}{absent} — not eligible: {why}"),
                None => format!("{name}{absent}"),
            }
        })
        .collect()
}

/// A tie option in words, with its article and the candidate it proposes.
fn tie_label(state: &Governance, e: &Election, o: &TieOption) -> String {
    let who = |c: Option<usize>| c.map_or(String::new(), |c| format!(": {}", state.name_of(c)));
    let tied: Vec<&str> = e.top().iter().map(|&c| state.name_of(c)).collect();
    let what = match o.rule {
        TieRule::SelfNominee => format!("The only tied self-nominee{}", who(o.candidate)),
        TieRule::Incumbent => format!("The incumbent{}", who(o.candidate)),
        TieRule::RandomDraw if tied.len() > 2 => "A blind random draw among the tied".into(),
        TieRule::RandomDraw => format!("A blind random draw: {}", tied.join(" or ")),
        TieRule::Renominate => {
            "Re-nominate: whoever chose someone else picks one of the tied".to_string()
        }
    };
    format!("{what} ({})", o.article)
}

/// What is said once a candidate is proposed: who the objection round asks, and in what
/// order.
pub fn objection_round_note(e: &Election) -> &'static str {
    match e.rules.rules().election.candidate_asked_last {
        Some(_) => "Proposed. The objection round asks everyone, the candidate last.",
        None => "Proposed. The objection round asks everyone in turn.",
    }
}

/// The tie option picked (`n` of those that apply): a proposal, or re-nominating.
fn tie_chosen(at: &Context<'_>, e: &Election, n: usize) -> Next {
    let Some(option) = e.tie_options().get(n).copied() else {
        return Answered::Closed;
    };
    let event = match (option.rule, option.candidate) {
        (TieRule::Renominate, _) => ElectionEvent::Renominate,
        (TieRule::RandomDraw, _) => {
            let tie = Some(TieBreak::Random { seed: at.seed });
            match e.drawn(at.seed) {
                Some(candidate) => ElectionEvent::Proposed { candidate, tie },
                None => return Answered::Closed,
            }
        }
        (TieRule::SelfNominee, Some(candidate)) => ElectionEvent::Proposed {
            candidate,
            tie: Some(TieBreak::SelfNominee),
        },
        (TieRule::Incumbent, Some(candidate)) => ElectionEvent::Proposed {
            candidate,
            tie: Some(TieBreak::Incumbent),
        },
        _ => return Answered::Closed,
    };
    let said = if event == ElectionEvent::Renominate {
        "Back to the change round: each who chose someone else picks one of the tied."
    } else if event.is_draw() {
        "Drawn. The draw stays in the record; it cannot be taken back."
    } else {
        objection_round_note(e)
    };
    on_election(at, event, Some(said))
}
