//! What a proposal's log holds: the moves of integrative decision-making and the outcomes a
//! proposal can end in. Fields added after the first release default when absent, so old
//! logs still fold.
//!
//! Owns: `IdmStep` (with its words), `IdmEvent`, `Outcome`, `ValidityException`, `Validity`. Must not import: rusqlite,
//! ratatui, crossterm, tokio, std::fs, or the clock.

use super::change::Change;
use super::objection::ObjectionTest;
use crate::domain::ids::{CircleId, PersonId, RoleId};
use serde::{Deserialize, Serialize};

/// The steps of integrative decision-making.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdmStep {
    /// The proposer states the tension, its example and the proposal; only they speak.
    Present,
    /// Anyone asks clarifying questions; the proposer answers or says "not specified".
    Clarify,
    /// Each but the proposer reacts in turn; no cross-talk.
    React,
    /// The proposer clarifies intent or amends, each amendment a new version (5.0 names it
    /// "Option to Clarify").
    Amend,
    /// Each in turn is asked for an objection to adopting the proposal.
    Object,
    /// Valid objections integrated one at a time, until objector and proposer agree.
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

    /// The step's name under `rules`: 4.1 §3.3.5(d) "Amend & Clarify", 5.0 §5.4.5(d)
    /// "Option to Clarify" (`IdmRules::amend_step`); the others are named alike.
    pub fn title_under(self, rules: crate::domain::RuleSet) -> &'static str {
        match self {
            IdmStep::Amend => rules.rules().idm.amend_step,
            _ => self.title(),
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

/// How a proposal ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Adopted in this version (1-based).
    Adopted { version: usize },
    /// The validity test found it invalid, and the facilitator discarded it.
    DiscardedInvalid,
    /// Dropped by the facilitator (rules of integration (c) and (d)), for `reason`.
    Dropped {
        #[serde(default)]
        reason: String,
    },
    /// The proposer withdrew it.
    Withdrawn,
    /// A process breakdown was declared while it was processed, for `reason`.
    ProcessBreakdown { reason: String },
}

impl Outcome {
    /// The outcome in words, as the minutes and the screen say it.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Adopted { version } => format!("adopted (version {version})"),
            Outcome::DiscardedInvalid => "discarded as invalid".into(),
            Outcome::Dropped { reason } if reason.is_empty() => "dropped".into(),
            Outcome::Dropped { reason } => format!("dropped: {reason}"),
            Outcome::Withdrawn => "withdrawn".into(),
            Outcome::ProcessBreakdown { reason } => format!("process breakdown: {reason}"),
        }
    }
}

/// Why a proposal is valid whatever the validity questions' answers (4.1 §3.2.2 "a Proposal
/// is always valid regardless of the preceding criteria if it is made solely to help evolve
/// the Circle's Governance to more clearly reflect activity that is already happening, or to
/// trigger a new election for any Elected Role").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidityException {
    /// It only records in governance what is already being done.
    CapturesActivity,
    /// It only triggers a new election for an elected role.
    TriggersElection,
}

impl ValidityException {
    pub fn describe(self) -> &'static str {
        match self {
            ValidityException::CapturesActivity => {
                "it only captures activity already happening (4.1 §3.2.2)"
            }
            ValidityException::TriggersElection => "it only triggers an election (4.1 §3.2.2)",
        }
    }
}

/// One validity test as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validity {
    /// The answers to the rule set's validity questions, up to the first "no".
    pub answers: Vec<bool>,
    /// The exception that made it valid without the questions, if one was given.
    pub exception: Option<ValidityException>,
}

impl Validity {
    /// Whether the test found the proposal valid (`questions`: how many the rule set asks).
    pub fn valid(&self, questions: usize) -> bool {
        self.exception.is_some()
            || (self.answers.len() == questions && self.answers.iter().all(|a| *a))
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
        /// Who gave the proposer permission to represent `role`, when they do not fill it
        /// (4.1 §3.2.2; 5.0 §5.3).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        permission: Option<PersonId>,
    },
    /// A version of the proposal: the first, or an amendment.
    Drafted { changes: Vec<Change> },
    /// The proposal's processing moves on (in order) to `step`.
    StepTo { step: IdmStep },
    /// A clarifying question and its answer (`None`: "not specified").
    Question {
        question: String,
        answer: Option<String>,
    },
    /// Reaction round: what `attendee` (not the proposer) said in reaction.
    Reaction { attendee: usize, text: String },
    /// Objection round: `attendee` has no objection.
    NoObjection { attendee: usize },
    /// Objection round: `attendee` objects, in `text`, for the role (or sub-circle) it limits.
    Objected {
        attendee: usize,
        role: Option<RoleId>,
        text: String,
        /// The sub-circle the objector represents as its Rep or Lead, when that is the role.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sub_circle: Option<CircleId>,
        /// Who gave the objector permission to represent `role`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        permission: Option<PersonId>,
    },
    /// The facilitator tested objection `objection` (index).
    Tested {
        objection: usize,
        test: ObjectionTest,
    },
    /// The Secretary ruled whether adopting the proposal would break the constitution, as
    /// objection `objection` claims (4.1 §3.2.5; 5.0 §5.3.3).
    SecretaryRuled {
        objection: usize,
        secretary: usize,
        breaks: bool,
        ruling: String,
    },
    /// During integration: the objector suggests an amended proposal (4.1 §3.2.6(d); 5.0
    /// §5.3.4(d)).
    AmendmentSuggested { objection: usize, amendment: String },
    /// The proposer's argument why the suggested amendment fails in an example.
    SuggestionAnswered { objection: usize, answer: String },
    /// The facilitator's judgement of the proposer's answer: the proposal goes on, or (not
    /// `goes_on`) it is dropped; either way with the reason.
    SuggestionJudged {
        objection: usize,
        goes_on: bool,
        reason: String,
    },
    /// During integration: the objector says the objection is gone.
    ObjectorSatisfied { objection: usize },
    /// During integration: the proposer says the tension is still addressed.
    ProposerSatisfied { objection: usize },
    /// The facilitator deemed the objection abandoned (the objector is not trying in good
    /// faith: 4.1 §3.2.6(b); 5.0 §5.3.4(b)), for `reason`.
    Abandoned {
        objection: usize,
        #[serde(default)]
        reason: String,
    },
    /// Starts a new objection round on the (amended) proposal.
    NewRound,
    /// The facilitator tested the proposal's validity: the answers to the rule set's
    /// validity questions in order, up to the first "no" (which makes it invalid) or all
    /// "yes"; or, with no answers, the 4.1 exception that makes it valid.
    ValidityTested {
        answers: Vec<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        exception: Option<ValidityException>,
    },
    /// The proposal's processing is over, with `outcome`.
    Ended { outcome: Outcome },
}
