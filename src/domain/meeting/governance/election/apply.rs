//! How each election event, once decided (or read from a log), changes the election. Events
//! of older logs keep the meaning they had when written.
//!
//! Owns: `Election::apply`. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or
//! the clock.

use super::{
    ChangeAnswer, Election, ElectionEvent, ElectionStep, Proposed, SetAside, TieBreak, draw,
};
use crate::domain::meeting::governance::idm::{Objection, ObjectionState};
use crate::domain::rules::TieRule;

impl Election {
    /// Applies an accepted (or logged) event; anything out of range is ignored.
    pub fn apply(&mut self, event: &ElectionEvent) {
        match event {
            ElectionEvent::Ballot { voter, nominee } => {
                // Logs before the Describe step begin with the ballots.
                if self.step == ElectionStep::Describe {
                    self.step = ElectionStep::Ballots;
                }
                self.ballots.push((*voter, *nominee));
                self.cast.push((*voter, *nominee));
            }
            ElectionEvent::StepTo { step } => {
                if *step == ElectionStep::Changes {
                    self.change_answered.clear();
                }
                self.step = *step;
            }
            ElectionEvent::Reason { voter, reason } => self.reasons.push((*voter, reason.clone())),
            ElectionEvent::Changed {
                voter,
                nominee,
                reason,
            } => {
                if let Some(b) = self.ballots.iter_mut().find(|(v, _)| v == voter) {
                    b.1 = *nominee;
                }
                self.change_answer(*voter, Some(*nominee), reason.clone());
            }
            ElectionEvent::Kept { voter } => self.change_answer(*voter, None, String::new()),
            ElectionEvent::Propose { seed } => self.apply_legacy_propose(*seed),
            ElectionEvent::Proposed { candidate, tie } => {
                self.propose(*candidate, *tie);
            }
            ElectionEvent::Renominate => {
                self.renominate_among = Some(self.top());
                self.change_answered.clear();
                self.step = ElectionStep::Changes;
            }
            ElectionEvent::NoObjection { .. }
            | ElectionEvent::Objected { .. }
            | ElectionEvent::Tested { .. }
            | ElectionEvent::Resolved { .. }
            | ElectionEvent::Abandoned { .. }
            | ElectionEvent::TermAmended { .. } => self.apply_objection(event),
            ElectionEvent::NewRound => self.new_round(),
            ElectionEvent::Described { term_end } => {
                self.term_end = Some(*term_end);
                self.step = ElectionStep::Ballots;
            }
            ElectionEvent::Discard => {
                self.set_candidate_aside(None);
                self.step = ElectionStep::Changes;
                self.change_answered.clear();
            }
            ElectionEvent::SetAside { reason } => {
                self.set_candidate_aside(Some(reason.clone()));
                self.renominate_among = None;
                self.step = ElectionStep::Count;
                self.new_round();
            }
            ElectionEvent::Elect => self.elected = self.proposed,
        }
    }

    /// A voter's answer in the change round: a new nominee with why, or (`None`) no change.
    fn change_answer(&mut self, voter: usize, to: Option<usize>, reason: String) {
        self.changes.push(ChangeAnswer {
            voter,
            to,
            reason,
            among_tied: self.renominate_among.is_some(),
        });
        self.change_answered.push(voter);
    }

    /// The proposed candidate set aside (an older log's discard has no reason): the
    /// nomination goes on without them.
    fn set_candidate_aside(&mut self, reason: Option<String>) {
        if let Some(candidate) = self.proposed.take() {
            self.discarded.push(candidate);
            self.set_aside.push(SetAside { candidate, reason });
        }
        self.tie_break = None;
    }

    /// An event of the objection round on the proposed candidate.
    fn apply_objection(&mut self, event: &ElectionEvent) {
        match event {
            ElectionEvent::NoObjection { attendee } => self.answered.push(*attendee),
            ElectionEvent::Objected {
                attendee,
                text,
                role,
            } => {
                self.answered.push(*attendee);
                self.objections
                    .push(Objection::new(*attendee, *role, text.clone(), self.round));
            }
            ElectionEvent::Tested { objection, test } => {
                if let Some(o) = self.objections.get_mut(*objection) {
                    o.test = Some(*test);
                }
            }
            ElectionEvent::Resolved { objection } => {
                if let Some(o) = self.objections.get_mut(*objection) {
                    o.state = ObjectionState::Resolved;
                }
            }
            ElectionEvent::Abandoned { objection, reason } => {
                if let Some(o) = self.objections.get_mut(*objection) {
                    o.state = ObjectionState::Abandoned;
                    self.abandoned.push((*objection, reason.clone()));
                }
            }
            ElectionEvent::TermAmended { term_end } => {
                self.amendments.push((self.term_end, *term_end));
                self.term_end = Some(*term_end);
                // The amendment integrates the round's open objections; everyone is asked
                // again on the amended proposal.
                let round = self.round;
                for o in self.objections.iter_mut().filter(|o| o.round == round) {
                    if o.state == ObjectionState::Open {
                        o.state = ObjectionState::Resolved;
                    }
                }
                self.new_round();
            }
            _ => {}
        }
    }

    /// Proposes `candidate`: the objection round on them begins.
    fn propose(&mut self, candidate: usize, tie: Option<TieBreak>) {
        if self.proposed.is_some() {
            self.new_round();
        }
        self.proposed = Some(candidate);
        self.tie_break = tie;
        self.renominate_among = None;
        self.proposals.push(Proposed {
            candidate,
            tie,
            round: self.round,
        });
        self.step = ElectionStep::Objections;
        self.answered.clear();
    }

    fn new_round(&mut self) {
        self.round += 1;
        self.answered.clear();
    }

    /// `Propose` as logs before the facilitator's choice meant it: the count's top, a tie
    /// broken by the first of the rule set's `tie_rules` that applies; a fresh objection
    /// round whose objections replace the earlier candidate's (their indexes count from it).
    fn apply_legacy_propose(&mut self, seed: u64) {
        let tied = self.top();
        let pick = match tied.len() {
            0 => None,
            1 => Some((tied[0], None)),
            n => self
                .rules
                .rules()
                .tie_rules
                .iter()
                .find_map(|rule| match rule {
                    TieRule::SelfNominee => self
                        .only_self_nominee(&tied)
                        .map(|c| (c, Some(TieBreak::SelfNominee))),
                    TieRule::Incumbent => self
                        .incumbent
                        .filter(|i| tied.contains(i))
                        .map(|i| (i, Some(TieBreak::Incumbent))),
                    TieRule::RandomDraw => {
                        Some((tied[draw(seed, n)], Some(TieBreak::Random { seed })))
                    }
                    TieRule::Renominate => None,
                }),
        };
        if let Some((candidate, tie)) = pick {
            self.objections.clear();
            self.proposed = None;
            self.propose(candidate, tie);
        }
    }
}
