//! Integrative decision-making for one proposal: present, clarifying questions, reaction
//! round, amend and clarify, objection round (with objection testing) and integration, as a
//! pure state machine.
//!
//! Owns: the steps and their rules, proposal versions, objections and their tests, and the
//! outcomes. The one rule that matters most: nothing is adopted while a valid objection (or
//! one not yet tested) is unresolved. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::change::Change;
use crate::domain::ids::RoleId;
use crate::domain::meeting::tactical::Refusal;
use crate::domain::text::clean_line;
use serde::{Deserialize, Serialize};

/// The steps of integrative decision-making.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdmStep {
    Present,
    Clarify,
    React,
    Amend,
    Object,
    Integrate,
}

impl IdmStep {
    pub const ALL: [IdmStep; 6] = [
        IdmStep::Present,
        IdmStep::Clarify,
        IdmStep::React,
        IdmStep::Amend,
        IdmStep::Object,
        IdmStep::Integrate,
    ];

    pub fn title(self) -> &'static str {
        match self {
            IdmStep::Present => "Present proposal",
            IdmStep::Clarify => "Clarifying questions",
            IdmStep::React => "Reaction round",
            IdmStep::Amend => "Amend and clarify",
            IdmStep::Object => "Objection round",
            IdmStep::Integrate => "Integration",
        }
    }

    /// A word for the step strip.
    pub fn short(self) -> &'static str {
        match self {
            IdmStep::Present => "Present",
            IdmStep::Clarify => "Questions",
            IdmStep::React => "Reactions",
            IdmStep::Amend => "Amend",
            IdmStep::Object => "Objections",
            IdmStep::Integrate => "Integration",
        }
    }

    pub fn rule(self) -> &'static str {
        match self {
            IdmStep::Present => "Only the proposer speaks. Others help only if the proposer asks.",
            IdmStep::Clarify => {
                "Anyone asks; the proposer answers or says \"not specified\". No reactions."
            }
            IdmStep::React => {
                "Each person but the proposer reacts in turn. No cross-talk; the proposer is silent."
            }
            IdmStep::Amend => {
                "Only the proposer speaks: clarify intent or amend. Each amendment is a new version."
            }
            IdmStep::Object => {
                "Each person in turn: would adopting this cause harm or move us backwards?"
            }
            IdmStep::Integrate => {
                "One valid objection at a time: amend until the objector and proposer both agree."
            }
        }
    }
}

/// The four questions of an objection test, and the constitution question.
pub const TEST_QUESTIONS: [&str; 4] = [
    "Would adopting it reduce the circle's capacity (cause harm, move us backwards)?",
    "Is the problem created by this proposal (it would not exist without it)?",
    "Is it based on what is known now, or would harm be certain before we could adapt?",
    "Does it limit one of your roles (which one)?",
];

/// Which of `TEST_QUESTIONS` asks for the role the objection limits.
pub const ROLE_QUESTION: usize = 3;

/// Why the role question has no reasoned argument when no role was named. 5.0 §5.3.2(b): the
/// proposal "would limit the Objector's capacity to enact the Purpose or an Accountability of
/// a Role the Objector represents in the Circle"; 4.1 §3.2.4(d): "The Tension limits the
/// Objector's capacity to express the Purpose or an Accountability of one of the Objector's
/// Roles in the Circle; or, if it limits another Role, the Objector has permission to
/// represent that Role".
pub const NO_ROLE_RULE: &str = "no role is named, and an objection must limit a role the objector represents (5.0 §5.3.2(b); 4.1 §3.2.4(d))";

/// The three questions of a proposal's validity test (5.0 §5.3.1; 4.1 §3.2.2-3.2.3).
pub const VALIDITY_QUESTIONS: [&str; 3] = [
    "Does the proposer name a tension felt by one of their roles in this circle?",
    "Is there a real past or present example of it?",
    "Does the proposer explain how the proposal would have helped?",
];

/// The answers an objection test recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionTest {
    /// Whether a reasoned argument was given for each of the four questions.
    pub answers: [bool; 4],
    /// Adopting the proposal would break the constitution.
    pub breaks_constitution: bool,
}

impl ObjectionTest {
    /// Valid when all four hold, or when the proposal would break the constitution.
    pub fn valid(&self) -> bool {
        self.breaks_constitution || self.answers.iter().all(|a| *a)
    }
}

/// Where an objection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionState {
    Open,
    /// The objector confirmed it is gone and the proposer that the tension is still addressed.
    Resolved,
    /// The objector was not working in good faith toward an amendment.
    Abandoned,
}

/// An objection raised in an objection round.
#[derive(Debug, Clone, PartialEq)]
pub struct Objection {
    pub objector: usize,
    pub role: Option<RoleId>,
    pub text: String,
    pub round: usize,
    pub test: Option<ObjectionTest>,
    pub state: ObjectionState,
    /// During integration: the objector and the proposer have confirmed.
    pub objector_confirmed: bool,
    pub proposer_confirmed: bool,
}

impl Objection {
    /// Blocks adoption: open, and valid or not yet tested.
    pub fn blocks(&self) -> bool {
        self.state == ObjectionState::Open && self.test.is_none_or(|t| t.valid())
    }
}

/// How a proposal ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Adopted in this version (1-based).
    Adopted {
        version: usize,
    },
    DiscardedInvalid,
    Dropped,
    Withdrawn,
    ProcessBreakdown {
        reason: String,
    },
}

impl Outcome {
    /// The outcome in words, as the minutes and the screen say it.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Adopted { version } => format!("adopted (version {version})"),
            Outcome::DiscardedInvalid => "discarded as invalid".into(),
            Outcome::Dropped => "dropped".into(),
            Outcome::Withdrawn => "withdrawn".into(),
            Outcome::ProcessBreakdown { reason } => format!("process breakdown: {reason}"),
        }
    }
}

/// One move in a proposal's processing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum IdmEvent {
    /// The proposer names the tension, a real example and the role that feels it.
    Framed {
        tension: String,
        example: String,
        role: Option<RoleId>,
    },
    /// A version of the proposal: the first, or an amendment.
    Drafted {
        changes: Vec<Change>,
    },
    StepTo {
        step: IdmStep,
    },
    /// A clarifying question and its answer (`None`: "not specified").
    Question {
        question: String,
        answer: Option<String>,
    },
    Reaction {
        attendee: usize,
        text: String,
    },
    NoObjection {
        attendee: usize,
    },
    Objected {
        attendee: usize,
        role: Option<RoleId>,
        text: String,
    },
    /// The facilitator tested objection `objection` (index).
    Tested {
        objection: usize,
        test: ObjectionTest,
    },
    /// During integration: the objector says the objection is gone.
    ObjectorSatisfied {
        objection: usize,
    },
    /// During integration: the proposer says the tension is still addressed.
    ProposerSatisfied {
        objection: usize,
    },
    Abandoned {
        objection: usize,
    },
    /// Starts a new objection round on the (amended) proposal.
    NewRound,
    /// The facilitator tested the proposal's validity: the answers to `VALIDITY_QUESTIONS`
    /// in order, up to the first "no" (which makes it invalid) or all three "yes".
    ValidityTested {
        answers: Vec<bool>,
    },
    Ended {
        outcome: Outcome,
    },
}

/// A proposal as its events have shaped it.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub proposer: usize,
    pub tension: String,
    pub example: String,
    pub role: Option<RoleId>,
    /// Every version, oldest first.
    pub versions: Vec<Vec<Change>>,
    pub step: IdmStep,
    pub questions: Vec<(String, Option<String>)>,
    pub reactions: Vec<(usize, String)>,
    /// Every validity test, in order (each the answers given, see `ValidityTested`).
    pub validity: Vec<Vec<bool>>,
    /// The objection round in progress (1-based) and who has answered in it.
    pub round: usize,
    pub answered: Vec<usize>,
    pub objections: Vec<Objection>,
    pub outcome: Option<Outcome>,
}

fn refuse<T>(m: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(m))
}

impl Proposal {
    pub fn new(proposer: usize) -> Proposal {
        Proposal {
            proposer,
            tension: String::new(),
            example: String::new(),
            role: None,
            versions: Vec::new(),
            step: IdmStep::Present,
            questions: Vec::new(),
            reactions: Vec::new(),
            validity: Vec::new(),
            round: 0,
            answered: Vec::new(),
            objections: Vec::new(),
            outcome: None,
        }
    }

    /// The version under discussion.
    pub fn current(&self) -> Option<&Vec<Change>> {
        self.versions.last()
    }

    /// Who reacts next in the reaction round: the first present person, the proposer aside,
    /// who has not reacted.
    pub fn next_reactor(&self, present: &[usize]) -> Option<usize> {
        present
            .iter()
            .copied()
            .find(|p| *p != self.proposer && !self.reactions.iter().any(|(a, _)| a == p))
    }

    /// Who is asked in the objection round, in order: everyone present, the proposer last.
    pub fn objection_order(&self, present: &[usize]) -> Vec<usize> {
        let mut order: Vec<usize> = present
            .iter()
            .copied()
            .filter(|p| *p != self.proposer)
            .collect();
        order.extend(present.iter().copied().filter(|p| *p == self.proposer));
        order
    }

    /// Who answers next in the objection round in progress.
    pub fn next_to_answer(&self, present: &[usize]) -> Option<usize> {
        (self.step == IdmStep::Object)
            .then(|| {
                self.objection_order(present)
                    .into_iter()
                    .find(|p| !self.answered.contains(p))
            })
            .flatten()
    }

    /// The objection being integrated: the first blocking one.
    pub fn integrating(&self) -> Option<usize> {
        self.objections.iter().position(Objection::blocks)
    }

    /// Whether the proposal can be adopted now: a round has been completed by everyone and no
    /// objection blocks.
    pub fn can_adopt(&self, present: &[usize]) -> bool {
        self.outcome.is_none()
            && self.current().is_some()
            && self.round > 0
            && present.iter().all(|p| self.answered.contains(p))
            && !self.objections.iter().any(Objection::blocks)
    }

    /// Whether a version may be written now, whatever its changes: the first while
    /// presenting, later ones only by the proposer in amend and clarify or integration.
    pub fn may_draft(&self) -> Result<(), Refusal> {
        if self.outcome.is_some() {
            return refuse("this item is closed");
        }
        let amending = matches!(
            self.step,
            IdmStep::Present | IdmStep::Amend | IdmStep::Integrate
        );
        if self.versions.is_empty() || amending {
            return Ok(());
        }
        refuse("only the proposer amends, in amend and clarify or integration")
    }

    /// Whether `event` may happen now, given who is present.
    pub fn decide(&self, event: &IdmEvent, present: &[usize]) -> Result<(), Refusal> {
        if self.outcome.is_some() {
            return refuse("this item is closed");
        }
        let is_present = |a: &usize| present.contains(a);
        let objection = |i: usize| {
            self.objections
                .get(i)
                .ok_or_else(|| Refusal::new("no such objection"))
        };
        match event {
            IdmEvent::Framed { tension, .. } if clean_line(tension).is_empty() => {
                refuse("name the tension")
            }
            IdmEvent::Framed { .. } => Ok(()),
            IdmEvent::Drafted { changes } => {
                self.may_draft()?;
                if changes.is_empty() {
                    return refuse("a proposal needs at least one change");
                }
                Ok(())
            }
            IdmEvent::StepTo { step } => match step {
                _ if self.versions.is_empty() => refuse("the proposal has no changes yet"),
                IdmStep::Integrate if self.integrating().is_none() => {
                    refuse("there is no valid objection to integrate")
                }
                IdmStep::Object => refuse("a new objection round starts with its own move"),
                _ => Ok(()),
            },
            IdmEvent::Question { question, .. } => {
                if self.step != IdmStep::Clarify {
                    return refuse("questions belong to the clarifying questions step");
                }
                if clean_line(question).is_empty() {
                    return refuse("the question is empty");
                }
                Ok(())
            }
            IdmEvent::Reaction { attendee, text } => {
                if self.step != IdmStep::React {
                    return refuse("reactions belong to the reaction round");
                }
                if *attendee == self.proposer {
                    return refuse("the proposer does not react");
                }
                if !is_present(attendee) || clean_line(text).is_empty() {
                    return refuse("a reaction needs a present attendee and words");
                }
                Ok(())
            }
            IdmEvent::NoObjection { attendee } | IdmEvent::Objected { attendee, .. } => {
                if self.step != IdmStep::Object {
                    return refuse("objections are raised in the objection round");
                }
                if !is_present(attendee) {
                    return refuse("only someone present answers");
                }
                if self.answered.contains(attendee) {
                    return refuse("they have answered in this round");
                }
                if let IdmEvent::Objected { text, .. } = event
                    && clean_line(text).is_empty()
                {
                    return refuse("state the objection");
                }
                Ok(())
            }
            IdmEvent::Tested { objection: i, test } => {
                let o = objection(*i)?;
                if o.state != ObjectionState::Open {
                    return refuse("that objection is no longer open");
                }
                if o.role.is_none() && test.answers[ROLE_QUESTION] {
                    return refuse(format!("Not valid on that test: {NO_ROLE_RULE}."));
                }
                Ok(())
            }
            IdmEvent::ValidityTested { answers } => {
                let complete =
                    answers.len() == VALIDITY_QUESTIONS.len() || answers.last() == Some(&false);
                let stops_at_no = answers.iter().rev().skip(1).all(|a| *a);
                if answers.is_empty()
                    || answers.len() > VALIDITY_QUESTIONS.len()
                    || !complete
                    || !stops_at_no
                {
                    return refuse("a validity test answers each question until the first no");
                }
                Ok(())
            }
            IdmEvent::ObjectorSatisfied { objection: i }
            | IdmEvent::ProposerSatisfied { objection: i } => {
                if self.step != IdmStep::Integrate || self.integrating() != Some(*i) {
                    return refuse("only the objection being integrated can be resolved");
                }
                objection(*i).map(|_| ())
            }
            IdmEvent::Abandoned { objection: i } => {
                if objection(*i)?.state != ObjectionState::Open {
                    return refuse("that objection is no longer open");
                }
                Ok(())
            }
            IdmEvent::NewRound => {
                if self.versions.is_empty() {
                    return refuse("the proposal has no changes yet");
                }
                if self.integrating().is_some() {
                    return refuse("a valid objection is still being integrated");
                }
                Ok(())
            }
            IdmEvent::Ended {
                outcome: Outcome::Adopted { version },
            } => {
                if *version != self.versions.len() {
                    return refuse("only the latest version can be adopted");
                }
                if !self.can_adopt(present) {
                    return refuse(
                        "not adoptable: every present person must answer the objection round and no valid objection may remain",
                    );
                }
                Ok(())
            }
            IdmEvent::Ended {
                outcome: Outcome::ProcessBreakdown { reason },
            } if clean_line(reason).is_empty() => refuse("a process breakdown needs a reason"),
            IdmEvent::Ended { .. } => Ok(()),
        }
    }

    /// Applies an accepted (or logged) event; out-of-range indexes are ignored.
    pub fn apply(&mut self, event: &IdmEvent) {
        match event {
            IdmEvent::Framed {
                tension,
                example,
                role,
            } => {
                self.tension = tension.clone();
                self.example = example.clone();
                self.role = *role;
            }
            // While the proposer presents, a new draft replaces the one on the table; in amend
            // and clarify or integration every amendment is a new version.
            IdmEvent::Drafted { changes }
                if self.step == IdmStep::Present && !self.versions.is_empty() =>
            {
                if let Some(current) = self.versions.last_mut() {
                    *current = changes.clone();
                }
            }
            IdmEvent::Drafted { changes } => self.versions.push(changes.clone()),
            IdmEvent::StepTo { step } => self.step = *step,
            IdmEvent::Question { question, answer } => {
                self.questions.push((question.clone(), answer.clone()))
            }
            IdmEvent::Reaction { attendee, text } => self.reactions.push((*attendee, text.clone())),
            IdmEvent::NoObjection { attendee } => self.answered.push(*attendee),
            IdmEvent::Objected {
                attendee,
                role,
                text,
            } => {
                self.answered.push(*attendee);
                self.objections.push(Objection {
                    objector: *attendee,
                    role: *role,
                    text: text.clone(),
                    round: self.round,
                    test: None,
                    state: ObjectionState::Open,
                    objector_confirmed: false,
                    proposer_confirmed: false,
                });
            }
            IdmEvent::Tested { objection, test } => {
                if let Some(o) = self.objections.get_mut(*objection) {
                    o.test = Some(*test);
                }
            }
            IdmEvent::ObjectorSatisfied { objection }
            | IdmEvent::ProposerSatisfied { objection } => {
                if let Some(o) = self.objections.get_mut(*objection) {
                    if matches!(event, IdmEvent::ObjectorSatisfied { .. }) {
                        o.objector_confirmed = true;
                    } else {
                        o.proposer_confirmed = true;
                    }
                    if o.objector_confirmed && o.proposer_confirmed {
                        o.state = ObjectionState::Resolved;
                    }
                }
            }
            IdmEvent::Abandoned { objection } => {
                if let Some(o) = self.objections.get_mut(*objection) {
                    o.state = ObjectionState::Abandoned;
                }
            }
            IdmEvent::ValidityTested { answers } => self.validity.push(answers.clone()),
            IdmEvent::NewRound => {
                self.round += 1;
                self.answered.clear();
                self.step = IdmStep::Object;
            }
            IdmEvent::Ended { outcome } => self.outcome = Some(outcome.clone()),
        }
    }
}
