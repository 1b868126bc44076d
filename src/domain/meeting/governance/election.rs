//! Integrative election of a Facilitator, Secretary or Circle Rep (Rep Link), as a pure state
//! machine: ballots, nomination round, nomination change round, the count with ties broken
//! by the rule set's order (a random draw records its seed), and an objection round on the
//! proposed candidate, who is asked last.
//!
//! Owns: eligibility, counting, tie-breaking, and when someone is elected.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::idm::{NO_ROLE_RULE, Objection, ObjectionState, ObjectionTest, ROLE_QUESTION};
use crate::domain::ids::RoleId;
use crate::domain::meeting::tactical::Refusal;
use crate::domain::rules::TieRule;
use crate::domain::ruleset::{CoreRole, RuleSet};
use crate::domain::text::clean_line;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The steps of an election.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElectionStep {
    Ballots,
    Nominations,
    Changes,
    Objections,
}

impl ElectionStep {
    pub const ALL: [ElectionStep; 4] = [
        ElectionStep::Ballots,
        ElectionStep::Nominations,
        ElectionStep::Changes,
        ElectionStep::Objections,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ElectionStep::Ballots => "Ballots",
            ElectionStep::Nominations => "Nomination round",
            ElectionStep::Changes => "Nomination change round",
            ElectionStep::Objections => "Objection round",
        }
    }

    pub fn rule(self) -> &'static str {
        match self {
            ElectionStep::Ballots => {
                "Each writes one signed ballot: exactly one eligible person, no abstaining, no talk."
            }
            ElectionStep::Nominations => "Each ballot is read; its author says why. No reactions.",
            ElectionStep::Changes => "Anyone may change their nomination, saying why.",
            ElectionStep::Objections => {
                "Each in turn, the candidate last: any objection to electing them?"
            }
        }
    }
}

/// How a tie was broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum TieBreak {
    /// The only tied candidate who nominated themself.
    SelfNominee,
    Incumbent,
    /// Drawn at random with this seed (so the draw can be checked).
    Random {
        seed: u64,
    },
}

impl TieBreak {
    /// Who the tie went to and why, in words.
    pub fn describe(self) -> String {
        match self {
            TieBreak::SelfNominee => "the only tied candidate who nominated themself".into(),
            TieBreak::Incumbent => "the incumbent".into(),
            TieBreak::Random { seed } => format!("a random draw (seed {seed})"),
        }
    }
}

/// One move of an election.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ElectionEvent {
    /// A signed ballot: `voter` nominates `nominee` (attendee indexes).
    Ballot {
        voter: usize,
        nominee: usize,
    },
    StepTo {
        step: ElectionStep,
    },
    /// Nomination round: the voter says why their nominee fits.
    Reason {
        voter: usize,
        reason: String,
    },
    /// Nomination change round.
    Changed {
        voter: usize,
        nominee: usize,
        reason: String,
    },
    /// Counts and proposes a candidate; `seed` is used only if a random draw is needed.
    Propose {
        seed: u64,
    },
    NoObjection {
        attendee: usize,
    },
    Objected {
        attendee: usize,
        text: String,
        /// The objector's role it would limit (logs before this field name none).
        #[serde(default)]
        role: Option<RoleId>,
    },
    Tested {
        objection: usize,
        test: ObjectionTest,
    },
    /// The objection was integrated (the objector withdrew it).
    Resolved {
        objection: usize,
    },
    /// The candidate is set aside; their nominations are ignored and the next is proposed.
    Discard,
    /// The proposed candidate is elected.
    Elect,
}

/// An election as its events have shaped it.
#[derive(Debug, Clone, PartialEq)]
pub struct Election {
    pub role: CoreRole,
    pub rules: RuleSet,
    pub term_end: Option<NaiveDate>,
    /// Who may not be elected to this role (the circle's Lead, for a Rep; under 4.1, for a
    /// Facilitator too).
    pub excluded: Option<usize>,
    pub incumbent: Option<usize>,
    pub step: ElectionStep,
    /// Final nominations: voter → nominee (after changes).
    pub ballots: Vec<(usize, usize)>,
    pub reasons: Vec<(usize, String)>,
    pub changes: Vec<(usize, usize, String)>,
    pub discarded: Vec<usize>,
    pub proposed: Option<usize>,
    pub tie_break: Option<TieBreak>,
    pub answered: Vec<usize>,
    pub objections: Vec<Objection>,
    pub elected: Option<usize>,
}

/// A pseudo-random index below `n` from a seed (SplitMix64): the same seed always draws the
/// same candidate, so a recorded draw can be checked.
pub fn draw(seed: u64, n: usize) -> usize {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    usize::try_from(z % (n.max(1) as u64)).unwrap_or(0)
}

fn refuse<T>(m: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(m))
}

impl Election {
    /// An election for `role` under `rules`, with the circle's Lead (attendee index, if
    /// present) and the role's incumbent.
    pub fn new(
        role: CoreRole,
        rules: RuleSet,
        term_end: Option<NaiveDate>,
        lead: Option<usize>,
        incumbent: Option<usize>,
    ) -> Election {
        let excluded = lead.filter(|_| !rules.rules().lead_may_fill(role));
        Election {
            role,
            rules,
            term_end,
            excluded,
            incumbent,
            step: ElectionStep::Ballots,
            ballots: Vec::new(),
            reasons: Vec::new(),
            changes: Vec::new(),
            discarded: Vec::new(),
            proposed: None,
            tie_break: None,
            answered: Vec::new(),
            objections: Vec::new(),
            elected: None,
        }
    }

    /// Why a nominee cannot be elected, if they cannot.
    pub fn ineligible(&self, nominee: usize, present: &[usize]) -> Option<String> {
        if !present.contains(&nominee) {
            return Some("only someone at the meeting can be nominated".into());
        }
        if self.excluded == Some(nominee) {
            let lead = CoreRole::Lead.name(self.rules);
            return Some(format!(
                "the {lead} cannot be elected {}",
                self.role.name(self.rules)
            ));
        }
        None
    }

    /// Nominations per candidate, ignoring discarded candidates, most first.
    pub fn count(&self) -> Vec<(usize, usize)> {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for &(_, nominee) in &self.ballots {
            if self.discarded.contains(&nominee) {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| *c == nominee) {
                Some((_, n)) => *n += 1,
                None => counts.push((nominee, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts
    }

    /// The candidate the count proposes, and how a tie was broken.
    pub fn proposal(&self, seed: u64) -> Option<(usize, Option<TieBreak>)> {
        let counts = self.count();
        let top = counts.first()?.1;
        let tied: Vec<usize> = counts
            .iter()
            .filter(|(_, n)| *n == top)
            .map(|(c, _)| *c)
            .collect();
        if tied.len() == 1 {
            return Some((tied[0], None));
        }
        let self_nominees: Vec<usize> = tied
            .iter()
            .copied()
            .filter(|c| self.ballots.iter().any(|(v, n)| v == c && n == c))
            .collect();
        let only_self =
            (self_nominees.len() == 1).then(|| (self_nominees[0], Some(TieBreak::SelfNominee)));
        let incumbent = self
            .incumbent
            .filter(|i| tied.contains(i))
            .map(|i| (i, Some(TieBreak::Incumbent)));
        let random = Some((
            tied[draw(seed, tied.len())],
            Some(TieBreak::Random { seed }),
        ));
        self.rules
            .rules()
            .tie_rules
            .iter()
            .find_map(|rule| match rule {
                TieRule::SelfNominee => only_self,
                TieRule::Incumbent => incumbent,
                TieRule::RandomDraw => random,
            })
    }

    /// Who is asked in the objection round, in order: everyone present, the candidate last.
    pub fn objection_order(&self, present: &[usize]) -> Vec<usize> {
        let candidate = self.proposed;
        let mut order: Vec<usize> = present
            .iter()
            .copied()
            .filter(|p| Some(*p) != candidate)
            .collect();
        order.extend(candidate.filter(|c| present.contains(c)));
        order
    }

    /// Who is asked next in the objection round.
    pub fn next_to_answer(&self, present: &[usize]) -> Option<usize> {
        (self.step == ElectionStep::Objections)
            .then(|| {
                self.objection_order(present)
                    .into_iter()
                    .find(|a| !self.answered.contains(a))
            })
            .flatten()
    }

    /// The next ballot to read in the nomination round: the first without a reason.
    pub fn next_to_read(&self) -> Option<(usize, usize)> {
        self.ballots
            .iter()
            .copied()
            .find(|(v, _)| !self.reasons.iter().any(|(r, _)| r == v))
    }

    /// Whether `event` may happen now, given who is present.
    pub fn decide(&self, event: &ElectionEvent, present: &[usize]) -> Result<(), Refusal> {
        if self.elected.is_some() {
            return refuse("the election is over");
        }
        match event {
            ElectionEvent::Ballot { voter, nominee } => {
                if self.step != ElectionStep::Ballots {
                    return refuse("ballots are cast before the nomination round");
                }
                if !present.contains(voter) || self.ballots.iter().any(|(v, _)| v == voter) {
                    return refuse("one ballot per present attendee");
                }
                match self.ineligible(*nominee, present) {
                    Some(why) => refuse(why),
                    None => Ok(()),
                }
            }
            ElectionEvent::StepTo {
                step: ElectionStep::Nominations,
            } => {
                if present
                    .iter()
                    .all(|p| self.ballots.iter().any(|(v, _)| v == p))
                {
                    Ok(())
                } else {
                    refuse("everyone present casts a ballot first: no abstaining")
                }
            }
            ElectionEvent::StepTo {
                step: ElectionStep::Changes,
            } => Ok(()),
            ElectionEvent::StepTo { .. } => refuse("the objection round starts with the proposal"),
            ElectionEvent::Reason { voter, reason } => {
                if !self.ballots.iter().any(|(v, _)| v == voter) || clean_line(reason).is_empty() {
                    return refuse("the ballot's author says why their nominee fits");
                }
                Ok(())
            }
            ElectionEvent::Changed { voter, nominee, .. } => {
                if self.step != ElectionStep::Changes {
                    return refuse("nominations change in the nomination change round");
                }
                if !self.ballots.iter().any(|(v, _)| v == voter) {
                    return refuse("only a voter can change their nomination");
                }
                match self.ineligible(*nominee, present) {
                    Some(why) => refuse(why),
                    None => Ok(()),
                }
            }
            ElectionEvent::Propose { seed } => {
                if self.ballots.is_empty() {
                    return refuse("there are no ballots");
                }
                if self.proposal(*seed).is_none() {
                    return refuse("every nominee has been discarded: cast new ballots");
                }
                Ok(())
            }
            ElectionEvent::NoObjection { attendee } | ElectionEvent::Objected { attendee, .. } => {
                if self.step != ElectionStep::Objections {
                    return refuse("objections come after a candidate is proposed");
                }
                let next = self
                    .objection_order(present)
                    .into_iter()
                    .find(|a| !self.answered.contains(a));
                if next != Some(*attendee) {
                    return refuse("each is asked in turn, the candidate last");
                }
                Ok(())
            }
            ElectionEvent::Tested { objection, test } => match self.objections.get(*objection) {
                Some(o) if o.state != ObjectionState::Open => refuse("no such open objection"),
                Some(o) if o.role.is_none() && test.answers[ROLE_QUESTION] => {
                    refuse(format!("Not valid on that test: {NO_ROLE_RULE}."))
                }
                Some(_) => Ok(()),
                None => refuse("no such open objection"),
            },
            ElectionEvent::Resolved { objection } => match self.objections.get(*objection) {
                Some(o) if o.state == ObjectionState::Open => Ok(()),
                _ => refuse("no such open objection"),
            },
            ElectionEvent::Discard => match self.proposed {
                Some(_) => Ok(()),
                None => refuse("no candidate is proposed"),
            },
            ElectionEvent::Elect => {
                let asked_all = self
                    .objection_order(present)
                    .iter()
                    .all(|a| self.answered.contains(a));
                if self.proposed.is_none() || !asked_all {
                    return refuse("everyone, the candidate last, is asked for objections first");
                }
                if self.objections.iter().any(Objection::blocks) {
                    return refuse(
                        "a valid objection is unresolved: integrate it or discard the candidate",
                    );
                }
                Ok(())
            }
        }
    }

    /// Applies an accepted (or logged) event.
    pub fn apply(&mut self, event: &ElectionEvent) {
        match event {
            ElectionEvent::Ballot { voter, nominee } => self.ballots.push((*voter, *nominee)),
            ElectionEvent::StepTo { step } => self.step = *step,
            ElectionEvent::Reason { voter, reason } => self.reasons.push((*voter, reason.clone())),
            ElectionEvent::Changed {
                voter,
                nominee,
                reason,
            } => {
                if let Some(b) = self.ballots.iter_mut().find(|(v, _)| v == voter) {
                    b.1 = *nominee;
                }
                self.changes.push((*voter, *nominee, reason.clone()));
            }
            ElectionEvent::Propose { seed } => {
                if let Some((candidate, how)) = self.proposal(*seed) {
                    self.proposed = Some(candidate);
                    self.tie_break = how;
                    self.step = ElectionStep::Objections;
                    self.answered.clear();
                    self.objections.clear();
                }
            }
            ElectionEvent::NoObjection { attendee } => self.answered.push(*attendee),
            ElectionEvent::Objected {
                attendee,
                text,
                role,
            } => {
                self.answered.push(*attendee);
                self.objections
                    .push(Objection::new(*attendee, *role, text.clone(), 1));
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
            ElectionEvent::Discard => {
                if let Some(c) = self.proposed.take() {
                    self.discarded.push(c);
                }
                self.step = ElectionStep::Changes;
                self.tie_break = None;
            }
            ElectionEvent::Elect => self.elected = self.proposed,
        }
    }
}
