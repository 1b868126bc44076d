//! What the governance meeting screen is drawn from: the meeting's log and state, the modal
//! open over it, the entry being put together, and the changes being written.
//!
//! Owns: `GovScreen` and `GovDraft`. The shell mutates these; the ui draws them.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::prompt::PromptKind;
use super::view::Modal;
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::governance::represent::Represented;
use crate::domain::meeting::governance::{Change, GovEvent, Governance, ValidityException};
use crate::domain::{
    CircleId, CoreRole, LinkedEntity, MeetingId, PersonId, PolicyId, RoleId, TensionId,
};
use serde::{Deserialize, Serialize};

/// A governance meeting in progress.
#[derive(Debug)]
pub struct GovScreen {
    pub meeting: MeetingId,
    pub log: Vec<Recorded<GovEvent>>,
    pub state: Governance,
    pub modal: Option<Modal>,
    pub draft: GovDraft,
    /// Big letters and less detail, for a shared screen.
    pub presentation: bool,
    /// The changes being written for the next version of the current proposal, not yet
    /// recorded (saved with the editor's last choice).
    pub editing: Option<Vec<Change>>,
    /// Lines of an election's record scrolled off the top (PgDn PgUp; back to 0 on an entry).
    pub scroll: usize,
    /// Shown to a follower (another program facilitates): no key of the facilitator's is
    /// offered.
    pub following: bool,
}

/// Which objection a test is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TestTarget {
    Proposal { item: u64, objection: usize },
    Election { item: u64, objection: usize },
}

/// A field of a role or policy being amended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Name,
    Purpose,
    Domains,
    Accountabilities,
    Text,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Purpose => "Purpose",
            Field::Domains => "Domains",
            Field::Accountabilities => "Accountabilities",
            Field::Text => "Text",
        }
    }

    /// How the field is typed: a name on one line, a purpose or a policy's text as a text
    /// that may span lines, domains and accountabilities one item a line.
    pub fn prompt_kind(self) -> PromptKind {
        match self {
            Field::Name => PromptKind::OutputText,
            Field::Purpose | Field::Text => PromptKind::Text,
            Field::Domains | Field::Accountabilities => PromptKind::List,
        }
    }
}

/// The parts of a governance entry gathered so far, or what an open question is about.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum GovDraft {
    #[default]
    None,
    /// Who raised the administrative concern (picker of these attendees), then its words.
    ConcernBy(Vec<usize>),
    Concern(usize),
    /// Agenda: what kind of item (picker of these choices: `None` a proposal).
    ItemKind(Vec<Option<CoreRole>>),
    ProposalLabel,
    /// Open governance tensions offered as items: (tension, owner attendee, text).
    Tensions(Vec<(TensionId, usize, String)>),
    /// A proposal's label, then its owner among these attendees.
    ProposalOwner(String, Vec<usize>),
    /// Framing: the tension, the example, then the role among these.
    Tension,
    Example(String),
    FramingRole(String, String, Vec<Represented>),
    /// Validity test (4.1): an exception that makes it valid, or (`None`) the questions.
    ValidityKind(Vec<Option<ValidityException>>),
    /// Validity test: the answers so far.
    Validity(Vec<bool>),
    DiscardInvalid,
    Question,
    Answer(String),
    Reaction(usize),
    /// An objection's words, then the objector's role among these.
    ObjectionText(usize),
    ObjectionRole(usize, String, Vec<Represented>),
    /// An election objection's words, then the objector's role among these.
    ElectionObjection(usize),
    ElectionObjectionRole(usize, String, Vec<RoleId>),
    /// An objection test: the answers so far (four, then the constitution question).
    Test(TestTarget, Vec<bool>),
    Adopt,
    /// The Secretary's ruling on objection n: whether it breaks the constitution, then why.
    Ruling(usize),
    RulingText(usize, bool),
    /// Rules of integration (d) on objection n: the objector's amended proposal, the
    /// proposer's answer, the facilitator's judgement (goes on or not), then its reason.
    Suggestion(usize),
    SuggestionAnswer(usize),
    SuggestionJudge(usize),
    SuggestionReason(usize, bool),
    /// Why objection n is abandoned.
    AbandonReason(usize),
    /// Outcome picker; a drop's reason.
    Close,
    /// Election: the term's end, set in describing the role.
    Term,
    DropReason,
    /// A process breakdown: who declares it (among these), then why.
    BreakdownBy(Vec<usize>),
    BreakdownReason(usize),
    /// Election: a ballot's voter among these, then the nominee among those.
    Voter(Vec<usize>),
    Nominee(usize, Vec<usize>),
    Reason(usize),
    /// Change round: the voter's new nominee among these, then why.
    ChangeNominee(usize, Vec<usize>),
    ChangeReason(usize, usize),
    /// The tie options that apply (picker in the rule set's order).
    TieOptions,
    /// Integration: the amended term's end.
    AmendTerm,
    /// Why the election's objection (index) is abandoned.
    ElectionAbandonReason(usize),
    Elect,
    /// Why the candidate is set aside.
    SetAsideReason,
    /// Who asks for election `item` to go first (among these).
    FirstBy(u64, Vec<usize>),
    /// The Secretary's extension: by how many minutes, then whether a member asks otherwise.
    ExtendBy,
    ExtendAsk(u32),
    /// An interpretation: who asks (among these), their question, the Secretary's ruling.
    InterpretBy(Vec<usize>),
    InterpretQuestion(usize),
    InterpretRuling(usize, String),
    /// A special meeting: who requested it (among these), then (5.0) its intent and limits.
    SpecialBy(Vec<usize>),
    /// 4.1 §3.3.4(b): the requester allows others' items before theirs (asks first).
    RequesterAllows(usize),
    SpecialIntent(usize),
    SpecialLimits(usize, String),
    /// Time out: who asks (among these), then granted or not.
    TimeOutBy(Vec<usize>),
    TimeOutGrant(usize),
    /// The proposal editor's menu, with what each option does.
    Editor(Vec<EditorChoice>),
    NewRoleName,
    NewRolePurpose(String),
    NewRoleDomains(String, String),
    NewRoleAccountabilities(String, String, Vec<String>),
    PickRole(RoleAim, Vec<RoleId>),
    RoleField(RoleId),
    RoleValue(RoleId, Field),
    NewPolicyName,
    NewPolicyText(String),
    PickPolicy(PolicyAim, Vec<PolicyId>),
    PolicyField(PolicyId),
    PolicyValue(PolicyId, Field),
    MoveTarget(Subject, Vec<CircleId>),
    /// A sub-circle picked for what `CircleAim` says, then the field amended and its value.
    PickCircle(CircleAim, Vec<CircleId>),
    CircleField(CircleId),
    CircleValue(CircleId, Field),
    /// A policy on this role (5.0 §1.1): its name, then its text.
    RolePolicyName(RoleId),
    RolePolicyText(RoleId, String),
    /// A Cross Link (4.1 §2.7): the Linked Entity picked (a circle, or `None`: one named next),
    /// its name typed, the Target Circle (this one or a sub-circle), then the person it
    /// assigns.
    LinkedEntity(Vec<Option<CircleId>>),
    LinkedEntityName,
    CrossLinkTarget(LinkedEntity, Vec<CircleId>),
    CrossLinkFiller(LinkedEntity, CircleId, Vec<PersonId>),
    /// The Cross Link to remove, by its role.
    PickCrossLink(Vec<RoleId>),
    /// Waiting for a yes to take this item off the agenda.
    RemoveItem(u64),
    Retract(u64),
    EndMeeting,
}

/// What a picked role is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoleAim {
    Amend,
    Remove,
    Move,
    /// Expanded into a sub-circle.
    Expand,
    /// Given a policy to hold.
    HoldPolicy,
}

/// What a picked sub-circle is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CircleAim {
    Amend,
    /// Collapsed back into a role.
    Collapse,
    /// Removed with everything within.
    Remove,
}

/// What a picked policy is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyAim {
    Amend,
    Remove,
    Move,
}

/// The role or policy a change is about (amended, or moved to another circle).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Role(RoleId),
    Policy(PolicyId),
}

/// One option of the proposal editor's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditorChoice {
    CreateRole,
    AmendRole,
    RemoveRole,
    CreatePolicy,
    AmendPolicy,
    RemovePolicy,
    MoveRole,
    MovePolicy,
    ExpandRole,
    AmendCircle,
    CollapseCircle,
    RemoveCircle,
    CreateRolePolicy,
    /// A Cross Link Policy (4.1 §2.7), and its removal.
    CreateCrossLink,
    RemoveCrossLink,
    /// Take the n-th change out.
    TakeOut(usize),
    Save,
    Discard,
}
