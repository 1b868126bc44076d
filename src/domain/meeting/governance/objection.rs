//! An objection to a proposal (or to an election's candidate): who raised it, the role it
//! limits and how the objector represents that role, its test, the Secretary's ruling on a
//! claim that adopting the proposal would break the constitution, the amended proposals the
//! objector suggested with the proposer's answers, and how it ended.
//!
//! Owns: those types and what makes an objection block. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

use crate::domain::ids::{CircleId, PersonId, RoleId};
use serde::{Deserialize, Serialize};

/// Which slot of `ObjectionTest::answers` holds the role criterion (4.1 §3.2.4(d); 5.0
/// §5.3.2(b)); the slots keep the order logs have always stored, whatever order a rule set
/// asks them in (`Rules::objection_criteria`).
pub const ROLE_QUESTION: usize = 3;

/// Why the role question has no reasoned argument when no role was named. 5.0 §5.3.2(b): the
/// proposal "would limit the Objector's capacity to enact the Purpose or an Accountability of
/// a Role the Objector represents in the Circle"; 4.1 §3.2.4(d): "The Tension limits the
/// Objector's capacity to express the Purpose or an Accountability of one of the Objector's
/// Roles in the Circle; or, if it limits another Role, the Objector has permission to
/// represent that Role".
pub const NO_ROLE_RULE: &str = "no role is named, and an objection must limit a role the objector represents (5.0 §5.3.2(b); 4.1 §3.2.4(d))";

/// The answers an objection test recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionTest {
    /// Whether a reasoned argument was given for each of the four criteria, by slot: the
    /// circle's capacity, created by the proposal, known now (or harm before adapting), and
    /// the role (`ROLE_QUESTION`).
    pub answers: [bool; 4],
    /// Adopting the proposal would break the constitution.
    pub breaks_constitution: bool,
}

impl ObjectionTest {
    /// Valid when all four hold, or when the proposal would break the constitution.
    pub fn valid(&self) -> bool {
        self.breaks_constitution || self.answers.iter().all(|a| *a)
    }

    /// Whether it stands only on the claim that the proposal breaks the constitution (the
    /// claim the Secretary may be asked to rule on: 4.1 §3.2.5; 5.0 §5.3.3).
    pub fn rests_on_constitution(&self) -> bool {
        self.breaks_constitution && !self.answers.iter().all(|a| *a)
    }
}

/// The Secretary's ruling on whether adopting the proposal would break the constitution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ruling {
    /// The Secretary who ruled (attendee index).
    pub secretary: usize,
    /// Whether it would.
    pub breaks: bool,
    /// The ruling and its logic, in the Secretary's words.
    pub text: String,
}

/// An amended proposal the objector suggested (rules of integration (d): 4.1 §3.2.6(d);
/// 5.0 §5.3.4(d)), and the proposer's answer once given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The amended proposal and the objector's argument why it resolves the tension.
    pub amendment: String,
    /// The proposer's argument why it fails in an example (or the example added).
    pub answer: Option<String>,
    /// The facilitator's judgement: the proposer met the threshold and the proposal goes on.
    pub goes_on: Option<bool>,
    /// The facilitator's reason for that judgement.
    pub reason: Option<String>,
}

/// Where an objection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionState {
    /// Raised and not yet resolved or abandoned: it blocks adoption while it is valid.
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
    /// The role it limits (`None` with `sub_circle`: the sub-circle is the role).
    pub role: Option<RoleId>,
    /// The sub-circle the objector represents as its Rep or Lead, when that is the role.
    pub sub_circle: Option<CircleId>,
    /// Who gave the objector permission to represent `role`, when they do not fill it.
    pub permission: Option<PersonId>,
    pub text: String,
    pub round: usize,
    pub test: Option<ObjectionTest>,
    /// The Secretary's ruling, when the facilitator asked for one.
    pub ruling: Option<Ruling>,
    pub suggestions: Vec<Suggestion>,
    pub state: ObjectionState,
    /// Why the facilitator deemed it abandoned.
    pub reason: Option<String>,
    /// During integration: the objector and the proposer have confirmed.
    pub objector_confirmed: bool,
    pub proposer_confirmed: bool,
}

impl Objection {
    /// A new, open, untested objection by `objector` limiting `role`, in round `round`.
    pub fn new(objector: usize, role: Option<RoleId>, text: String, round: usize) -> Objection {
        Objection {
            objector,
            role,
            sub_circle: None,
            permission: None,
            text,
            round,
            test: None,
            ruling: None,
            suggestions: Vec::new(),
            state: ObjectionState::Open,
            reason: None,
            objector_confirmed: false,
            proposer_confirmed: false,
        }
    }

    /// Whether a role it limits is named (a role, or a sub-circle represented).
    pub fn names_a_role(&self) -> bool {
        self.role.is_some() || self.sub_circle.is_some()
    }

    /// Valid: untested (an untested objection counts), or it passed its test, unless the
    /// Secretary ruled that the proposal does not break the constitution it rested on (4.1
    /// §3.2.5; 5.0 §5.3.3 "If the Secretary rules that it is not, the Facilitator must then
    /// dismiss the Objection").
    pub fn valid(&self) -> bool {
        match self.test {
            None => true,
            Some(t) if t.rests_on_constitution() => self.ruling.as_ref().is_none_or(|r| r.breaks),
            Some(t) => t.valid(),
        }
    }

    /// Dismissed on the Secretary's ruling.
    pub fn dismissed(&self) -> bool {
        self.test.is_some_and(|t| t.rests_on_constitution())
            && self.ruling.as_ref().is_some_and(|r| !r.breaks)
    }

    /// Blocks adoption: open, and valid or not yet tested.
    pub fn blocks(&self) -> bool {
        self.state == ObjectionState::Open && self.valid()
    }

    /// The suggested amendment still waiting for the proposer's answer or the judgement.
    pub fn pending_suggestion(&self) -> Option<&Suggestion> {
        self.suggestions.last().filter(|s| s.goes_on.is_none())
    }
}
