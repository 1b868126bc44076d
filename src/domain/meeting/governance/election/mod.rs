//! Integrative election of a Facilitator, Secretary or Circle Rep (Rep Link), as a pure state
//! machine (4.1 §3.3.6; 5.0 §5.3.5): the role described and its term set, signed ballots, the
//! nomination round, the change round asking each voter in turn, the proposal (a tie settled
//! by the option the facilitator chooses among those the rule set lists), and the objection
//! round on the candidate, whose objections are integrated (amending the term is an
//! amendment) or make the facilitator set the candidate aside.
//!
//! Owns: the election's events and state, eligibility, counting, tie options, and when
//! someone is elected (`decide` in `decide.rs`). Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

mod apply;
mod decide;

use super::idm::{Objection, ObjectionTest};
use crate::domain::ids::RoleId;
use crate::domain::rules::TieRule;
use crate::domain::ruleset::{CoreRole, RuleSet};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The steps of an election.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElectionStep {
    /// The role described and its term set (logs before this step start at the ballots).
    Describe,
    /// Each present writes one signed ballot naming one eligible person.
    Ballots,
    /// Each ballot is read and its author says why their nominee fits.
    Nominations,
    /// Each voter in turn may change their nomination, saying why.
    Changes,
    /// The count and the proposal (a tie settled by the facilitator's choice).
    Count,
    /// Each in turn is asked for an objection to electing the proposed candidate.
    Objections,
}

impl ElectionStep {
    pub const ALL: [ElectionStep; 6] = [
        ElectionStep::Describe,
        ElectionStep::Ballots,
        ElectionStep::Nominations,
        ElectionStep::Changes,
        ElectionStep::Count,
        ElectionStep::Objections,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ElectionStep::Describe => "Describe the role",
            ElectionStep::Ballots => "Ballots",
            ElectionStep::Nominations => "Nomination round",
            ElectionStep::Changes => "Nomination change round",
            ElectionStep::Count => "Make a proposal",
            ElectionStep::Objections => "Objection round",
        }
    }

    /// A word for the step strip.
    pub fn short(self) -> &'static str {
        match self {
            ElectionStep::Describe => "Role",
            ElectionStep::Ballots => "Ballots",
            ElectionStep::Nominations => "Reasons",
            ElectionStep::Changes => "Changes",
            ElectionStep::Count => "Count",
            ElectionStep::Objections => "Objections",
        }
    }

    /// The step's rule in one line, as the rule set words it.
    pub fn rule(self, rules: RuleSet) -> &'static str {
        let last = rules.rules().election.candidate_asked_last.is_some();
        match self {
            ElectionStep::Describe => {
                "The facilitator describes the role and sets the term. No talk about candidates."
            }
            ElectionStep::Ballots => {
                "Each writes one signed ballot: exactly one eligible person, no abstaining, no talk."
            }
            ElectionStep::Nominations => "Each ballot is read; its author says why. No reactions.",
            ElectionStep::Changes => {
                "Each in turn may change their nomination, saying why. No other talk."
            }
            ElectionStep::Count => {
                "The most nominated is proposed; on a tie the facilitator picks one listed option."
            }
            ElectionStep::Objections if last => {
                "Each in turn, the candidate last: any objection to electing them?"
            }
            ElectionStep::Objections => "Each in turn: any objection to electing the candidate?",
        }
    }
}

/// How a tie was broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum TieBreak {
    /// The only tied candidate who nominated themself.
    SelfNominee,
    /// The tied candidate who fills the role now.
    Incumbent,
    /// Drawn at random with this seed (so the draw can be checked).
    Random { seed: u64 },
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

    /// The option of the rule set's list this is.
    pub fn rule(self) -> TieRule {
        match self {
            TieBreak::SelfNominee => TieRule::SelfNominee,
            TieBreak::Incumbent => TieRule::Incumbent,
            TieBreak::Random { .. } => TieRule::RandomDraw,
        }
    }
}

/// One move of an election. Variants are only ever added: a log keeps what each one meant
/// when it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ElectionEvent {
    /// A signed ballot: `voter` nominates `nominee` (attendee indexes).
    Ballot { voter: usize, nominee: usize },
    /// The facilitator moves the election on to `step`, once the one before is done.
    StepTo { step: ElectionStep },
    /// Nomination round: the voter says why their nominee fits.
    Reason { voter: usize, reason: String },
    /// Nomination change round: the voter asked changes their nomination.
    Changed {
        voter: usize,
        nominee: usize,
        reason: String,
    },
    /// Logs before the facilitator chose a tie option: counts and proposes, a tie broken by
    /// the rule set's `tie_rules` in order; `seed` was used only if a random draw was needed.
    /// No longer decided.
    Propose { seed: u64 },
    /// Objection round: the attendee asked has no objection to the candidate.
    NoObjection { attendee: usize },
    /// Objection round: the attendee asked objects to the candidate, in `text`.
    Objected {
        attendee: usize,
        text: String,
        /// The objector's role it would limit (logs before this field name none).
        #[serde(default)]
        role: Option<RoleId>,
    },
    /// The facilitator tested objection `objection` (its index) and recorded the answers.
    Tested {
        objection: usize,
        test: ObjectionTest,
    },
    /// The objection was integrated (the objector withdrew it).
    Resolved { objection: usize },
    /// Logs before reasons were asked: the candidate set aside, back to the change round.
    Discard,
    /// The proposed candidate is elected.
    Elect,
    /// The role described and the term set: on to the ballots.
    Described { term_end: NaiveDate },
    /// Nomination change round: the voter asked keeps their nomination.
    Kept { voter: usize },
    /// The facilitator proposes `candidate`: the most nominated, or among the tied by the
    /// option `tie` (a random draw records its seed and the one it drew).
    Proposed {
        candidate: usize,
        tie: Option<TieBreak>,
    },
    /// Tie option (iv): back to the change round, where whoever nominated someone not tied
    /// changes to one of the tied.
    Renominate,
    /// An objection abandoned: the objector was not working in good faith toward a way to
    /// resolve it (rules of integration (b)), with the facilitator's reason.
    Abandoned { objection: usize, reason: String },
    /// Integration amends the proposal's term; everyone is asked again.
    TermAmended { term_end: NaiveDate },
    /// Everyone is asked again after integration.
    NewRound,
    /// The facilitator discards the proposal: the candidate's nominations are ignored and the
    /// count proposes another, without a new change round.
    SetAside { reason: String },
}

impl ElectionEvent {
    /// A random draw: once made it stays in the record (taking it back would re-roll it).
    pub fn is_draw(&self) -> bool {
        matches!(
            self,
            ElectionEvent::Proposed {
                tie: Some(TieBreak::Random { .. }),
                ..
            }
        )
    }
}

/// A proposal made in the election: the candidate, how a tie was settled, and the first
/// objection round it was asked about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proposed {
    pub candidate: usize,
    pub tie: Option<TieBreak>,
    pub round: usize,
}

/// An answer in a change round: the voter changed to `to` (saying why), or kept their
/// nomination (`to` is `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeAnswer {
    pub voter: usize,
    pub to: Option<usize>,
    pub reason: String,
    /// Given under tie option (iv), re-nominating among the tied.
    pub among_tied: bool,
}

/// A candidate set aside, with the facilitator's reason (none in logs before reasons).
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    pub candidate: usize,
    pub reason: Option<String>,
}

/// A tie option that applies now, with its article and the candidate it proposes (`None`
/// for a random draw, which is drawn when chosen, and for re-nominating).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TieOption {
    pub rule: TieRule,
    pub article: &'static str,
    pub candidate: Option<usize>,
}

/// Who takes part, as attendee indexes: who is present (casts a ballot, answers) and the
/// circle's members, present or absent (eligible); guests are neither member nor eligible.
/// `leads` are everyone filling the circle's Lead (5.0 §1.4 allows several Circle Leads).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Seats {
    pub present: Vec<usize>,
    pub members: Vec<usize>,
    pub leads: Vec<usize>,
}

/// An election as its events have shaped it.
#[derive(Debug, Clone, PartialEq)]
pub struct Election {
    pub role: CoreRole,
    pub rules: RuleSet,
    pub term_end: Option<NaiveDate>,
    /// The day of the meeting: a term must end after it.
    pub held_on: NaiveDate,
    /// Who may not be elected to this role (the circle's Lead, for a Rep; under 4.1, for a
    /// Facilitator too).
    pub excluded: Option<usize>,
    pub incumbent: Option<usize>,
    pub step: ElectionStep,
    /// Final nominations: voter → nominee (after changes).
    pub ballots: Vec<(usize, usize)>,
    /// The ballots as cast, before any change.
    pub cast: Vec<(usize, usize)>,
    pub reasons: Vec<(usize, String)>,
    /// Every answer given in a change round, in order.
    pub changes: Vec<ChangeAnswer>,
    /// Who has been asked in the current change round.
    pub change_answered: Vec<usize>,
    /// Tie option (iv) under way: the tied candidates to re-nominate among.
    pub renominate_among: Option<Vec<usize>>,
    pub discarded: Vec<usize>,
    pub set_aside: Vec<SetAside>,
    pub proposed: Option<usize>,
    pub tie_break: Option<TieBreak>,
    /// Every proposal made, oldest first.
    pub proposals: Vec<Proposed>,
    /// The objection round under way (objections keep the round they were raised in).
    pub round: usize,
    pub answered: Vec<usize>,
    pub objections: Vec<Objection>,
    /// Why each abandoned objection was abandoned: (objection, reason).
    pub abandoned: Vec<(usize, String)>,
    /// Terms amended in integration, in order: (term before, term after).
    pub amendments: Vec<(Option<NaiveDate>, NaiveDate)>,
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

impl Election {
    /// An election for `role` under `rules` held on `held_on`, with the circle's Lead
    /// (attendee index) and the role's incumbent. It starts with describing the role unless
    /// the term was set when the item was added (logs before the Describe step).
    pub fn new(
        role: CoreRole,
        rules: RuleSet,
        (term_end, held_on): (Option<NaiveDate>, NaiveDate),
        lead: Option<usize>,
        incumbent: Option<usize>,
    ) -> Election {
        let excluded = lead.filter(|_| !rules.rules().lead_may_fill(role));
        Election {
            role,
            rules,
            term_end,
            held_on,
            excluded,
            incumbent,
            step: ElectionStep::Describe,
            ballots: Vec::new(),
            cast: Vec::new(),
            reasons: Vec::new(),
            changes: Vec::new(),
            change_answered: Vec::new(),
            renominate_among: None,
            discarded: Vec::new(),
            set_aside: Vec::new(),
            proposed: None,
            tie_break: None,
            proposals: Vec::new(),
            round: 1,
            answered: Vec::new(),
            objections: Vec::new(),
            abandoned: Vec::new(),
            amendments: Vec::new(),
            elected: None,
        }
    }

    /// Why a nominee cannot be elected, if they cannot: only the circle's members, present
    /// or absent, are eligible, and the rule set keeps the Lead out of some roles.
    pub fn ineligible(&self, nominee: usize, seats: &Seats) -> Option<String> {
        let rules = self.rules.rules();
        if !seats.members.contains(&nominee) {
            // A guest takes part for one tension or one meeting (4.1 §3.3.1; 5.0 §5.4.1);
            // an elected role is held for a term by a member of the circle.
            return Some(format!(
                "a guest: only the circle's members are eligible ({})",
                rules.election.eligible
            ));
        }
        let a_lead = self.excluded == Some(nominee)
            || (seats.leads.contains(&nominee) && !rules.lead_may_fill(self.role));
        if a_lead {
            let lead = CoreRole::Lead.name(self.rules);
            return Some(format!(
                "the {lead} cannot be elected {} ({})",
                self.role.name(self.rules),
                rules.assignment.lead_not_also
            ));
        }
        None
    }

    /// Nominations per candidate, ignoring discarded candidates, most first.
    pub fn count(&self) -> Vec<(usize, usize)> {
        count_of(&self.ballots, &self.discarded)
    }

    /// The candidates with the most nominations (more than one: a tie).
    pub fn top(&self) -> Vec<usize> {
        let counts = self.count();
        let most = counts.first().map_or(0, |c| c.1);
        counts
            .iter()
            .filter(|(_, n)| *n == most && most > 0)
            .map(|(c, _)| *c)
            .collect()
    }

    /// The only tied candidate who nominated themself, if exactly one did.
    fn only_self_nominee(&self, tied: &[usize]) -> Option<usize> {
        let selves: Vec<usize> = tied
            .iter()
            .copied()
            .filter(|c| self.ballots.iter().any(|(v, n)| v == c && n == c))
            .collect();
        (selves.len() == 1).then(|| selves[0])
    }

    /// The tied candidate a draw with `seed` picks.
    pub fn drawn(&self, seed: u64) -> Option<usize> {
        let tied = self.top();
        tied.get(draw(seed, tied.len())).copied()
    }

    /// The tie options that apply to the count now, in the order the rule set lists them
    /// (empty when nobody is tied). 4.1 §3.3.6(e); 5.0 §5.3.5(e).
    pub fn tie_options(&self) -> Vec<TieOption> {
        let tied = self.top();
        if tied.len() < 2 {
            return Vec::new();
        }
        let others_to_ask = !self.to_renominate(&tied).is_empty();
        self.rules
            .rules()
            .election
            .tie_options
            .iter()
            .filter_map(|&(rule, article)| {
                let candidate = match rule {
                    TieRule::SelfNominee => Some(self.only_self_nominee(&tied)?),
                    TieRule::Incumbent => Some(self.incumbent.filter(|i| tied.contains(i))?),
                    TieRule::RandomDraw => None,
                    TieRule::Renominate if others_to_ask => None,
                    TieRule::Renominate => return None,
                };
                Some(TieOption {
                    rule,
                    article,
                    candidate,
                })
            })
            .collect()
    }

    /// The voters who nominated someone not among `tied` (and not set aside), in ballot
    /// order: those tie option (iv) asks to re-nominate.
    fn to_renominate(&self, tied: &[usize]) -> Vec<usize> {
        self.ballots
            .iter()
            .filter(|(_, n)| !tied.contains(n))
            .map(|(v, _)| *v)
            .collect()
    }

    /// Who the change round asks, in turn: every voter, or under tie option (iv) whoever
    /// nominated someone not tied.
    pub fn change_order(&self) -> Vec<usize> {
        match &self.renominate_among {
            Some(tied) => self.to_renominate_at_start(tied),
            None => self.ballots.iter().map(|(v, _)| *v).collect(),
        }
    }

    /// Under tie option (iv): the voters whose ballot (as it stood when the option was
    /// chosen) named someone not tied; those who already changed stay in the order.
    fn to_renominate_at_start(&self, tied: &[usize]) -> Vec<usize> {
        self.ballots
            .iter()
            .filter(|(v, n)| !tied.contains(n) || self.change_answered.contains(v))
            .map(|(v, _)| *v)
            .collect()
    }

    /// The voter the change round asks now.
    pub fn next_to_change(&self) -> Option<usize> {
        (self.step == ElectionStep::Changes)
            .then(|| {
                self.change_order()
                    .into_iter()
                    .find(|v| !self.change_answered.contains(v))
            })
            .flatten()
    }

    /// Who is asked in the objection round, in order: everyone present, under 4.1 the
    /// candidate last (4.1 §3.3.6(f)).
    pub fn objection_order(&self, present: &[usize]) -> Vec<usize> {
        let last = self
            .proposed
            .filter(|_| self.rules.rules().election.candidate_asked_last.is_some());
        let mut order: Vec<usize> = present
            .iter()
            .copied()
            .filter(|p| Some(*p) != last)
            .collect();
        order.extend(last.filter(|c| present.contains(c)));
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

    /// The objections raised in the objection round under way, with their indexes.
    pub fn this_round(&self) -> impl Iterator<Item = (usize, &Objection)> {
        self.objections
            .iter()
            .enumerate()
            .filter(|(_, o)| o.round == self.round)
    }

    /// The next ballot to read in the nomination round: the first without a reason.
    pub fn next_to_read(&self) -> Option<(usize, usize)> {
        self.ballots
            .iter()
            .copied()
            .find(|(v, _)| !self.reasons.iter().any(|(r, _)| r == v))
    }

    /// The candidate an objection was about: the proposal under way when it was raised.
    pub fn candidate_of(&self, objection: &Objection) -> Option<usize> {
        self.proposals
            .iter()
            .rev()
            .find(|p| p.round <= objection.round)
            .map(|p| p.candidate)
            .or(self.proposed)
    }
}

/// Nominations per candidate in `ballots`, ignoring `discarded`, most first.
fn count_of(ballots: &[(usize, usize)], discarded: &[usize]) -> Vec<(usize, usize)> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &(_, nominee) in ballots {
        if discarded.contains(&nominee) {
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
