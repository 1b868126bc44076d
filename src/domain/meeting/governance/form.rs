//! The governance meeting's entries of several answers, as forms (`domain::form`): a note or
//! an administrative concern, an agenda item (its kind, label and owner, or a tension taken
//! up), a proposal's framing (tension, example, role), its validity test, questions and
//! reactions, an objection (its words, then the role it would limit) and its test, the moves
//! of integration, an election's term, ballots, changes and tie, what someone asks of the
//! meeting (a time out, an election first, an interpretation, a special meeting, an
//! extension, a process breakdown), and the proposal editor building the changes of the next
//! version. Each part of the meeting has its own file (`form_meeting`, `form_idm`,
//! `form_integration`, `form_election`, `form_editor`, `form_changes`); this one holds the
//! form, what it is decided against, what a finished one gives, and the dispatch.
//!
//! The serde shape is what a kept entry holds (`app::kept`): it is the shape the screen's
//! draft had before forms were in the domain, so an entry kept by an earlier version still
//! loads. A variant's name and fields are never changed.
//!
//! Owns: `GovernanceForm`, `Context`, `Settled` and the dispatch of questions and answers.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::represent::Represented;
use super::{Change, GovEvent, Governance, ValidityException};
use crate::domain::form::{self, Answer, Answered, PromptKind, Question};
use crate::domain::ids::{CircleId, PersonId, PolicyId, RoleId, TensionId};
use crate::domain::meeting::flow::{Flow, Recorded};
use crate::domain::meeting::tactical::Refusal;
use crate::domain::org::{LinkedEntity, Organisation};
use crate::domain::ruleset::CoreRole;
use crate::domain::text::capital;
use serde::{Deserialize, Serialize};

pub use super::form_objection::TestTarget;
pub use super::form_parts::{CircleAim, EditorChoice, Field, PolicyAim, RoleAim, Subject};

/// The parts of a governance entry gathered so far, and so the question asked now.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum GovernanceForm {
    /// Nothing being put together.
    #[default]
    None,
    /// A note for the speaker whose turn it is in a round: its text.
    Note,
    /// Who raises the administrative concern (among these attendees), then its words.
    ConcernBy(Vec<usize>),
    /// The words of the administrative concern this attendee raises.
    Concern(usize),
    /// Agenda: what kind of item (among these choices: `None` a proposal).
    ItemKind(Vec<Option<CoreRole>>),
    /// A proposal item's label (its owner is asked next).
    ProposalLabel,
    /// Open governance tensions offered as items: (tension, owner attendee, text).
    Tensions(Vec<(TensionId, usize, String)>),
    /// A proposal's label, then its owner among these attendees.
    ProposalOwner(String, Vec<usize>),
    /// Framing: the tension, the example, then the role among these.
    Tension,
    /// The framing's real example of the tension stated here.
    Example(String),
    /// The role that feels the tension (stated, with its example), among these.
    FramingRole(String, String, Vec<Represented>),
    /// Validity test (4.1): an exception that makes it valid, or (`None`) the questions.
    ValidityKind(Vec<Option<ValidityException>>),
    /// Validity test: the answers so far.
    Validity(Vec<bool>),
    /// A "no" in the validity test recorded: a yes discards the proposal as invalid.
    DiscardInvalid,
    /// A clarifying question, then its answer.
    Question,
    /// The proposer's answer to this clarifying question (empty: "not specified").
    Answer(String),
    /// The reaction of this attendee.
    Reaction(usize),
    /// An objection's words, then the objector's role among these.
    ObjectionText(usize),
    /// The role this objector's objection (these words) would limit, among these.
    ObjectionRole(usize, String, Vec<Represented>),
    /// An election objection's words, then the objector's role among these.
    ElectionObjection(usize),
    /// The role this objector's election objection (these words) would limit, among these.
    ElectionObjectionRole(usize, String, Vec<RoleId>),
    /// An objection test: the answers so far (four, then the constitution question).
    Test(TestTarget, Vec<bool>),
    /// A yes to adopt the latest version of the proposal.
    Adopt,
    /// The Secretary's ruling on objection n: whether it breaks the constitution, then why.
    Ruling(usize),
    /// The words of the Secretary's ruling on objection n, once it is said whether the proposal
    /// breaks the constitution.
    RulingText(usize, bool),
    /// Rules of integration (d) on objection n: the objector's amended proposal, the
    /// proposer's answer, the facilitator's judgement (goes on or not), then its reason.
    Suggestion(usize),
    /// The proposer's answer to the amendment the objector of objection n suggested.
    SuggestionAnswer(usize),
    /// The facilitator's judgement of that answer on objection n: whether the proposal goes on.
    SuggestionJudge(usize),
    /// The reason for the facilitator's judgement on objection n (whether it goes on).
    SuggestionReason(usize, bool),
    /// Why objection n is abandoned.
    AbandonReason(usize),
    /// How the proposal closes.
    Close,
    /// Election: the term's end, set in describing the role.
    Term,
    /// Why the proposal is dropped.
    DropReason,
    /// A process breakdown: who declares it (among these), then why.
    BreakdownBy(Vec<usize>),
    /// Why this attendee declares a process breakdown.
    BreakdownReason(usize),
    /// Election: a ballot's voter among these, then the nominee among those.
    Voter(Vec<usize>),
    /// The nominee this voter's ballot names, among these attendees.
    Nominee(usize, Vec<usize>),
    /// Why this voter nominated whom they did.
    Reason(usize),
    /// Change round: the voter's new nominee among these, then why.
    ChangeNominee(usize, Vec<usize>),
    /// Why this voter changes their nomination to this nominee.
    ChangeReason(usize, usize),
    /// The tie options that apply (in the rule set's order).
    TieOptions,
    /// Integration: the amended term's end.
    AmendTerm,
    /// Why the election's objection (index) is abandoned.
    ElectionAbandonReason(usize),
    /// A yes to elect the candidate proposed.
    Elect,
    /// Why the candidate is set aside.
    SetAsideReason,
    /// Who asks for election `item` to go first (among these).
    FirstBy(u64, Vec<usize>),
    /// The Secretary's extension: by how many minutes, then whether a member asks otherwise.
    ExtendBy,
    /// Whether a member asks otherwise, once the Secretary extends by these minutes.
    ExtendAsk(u32),
    /// An interpretation: who asks (among these), their question, the Secretary's ruling.
    InterpretBy(Vec<usize>),
    /// The question this attendee asks the Secretary to rule on.
    InterpretQuestion(usize),
    /// The Secretary's ruling on this attendee's question.
    InterpretRuling(usize, String),
    /// A special meeting: who requested it (among these), then (5.0) its intent and limits.
    SpecialBy(Vec<usize>),
    /// 4.1 §3.3.4(b): the requester allows others' items before theirs (asks first).
    RequesterAllows(usize),
    /// 5.0: the intent of the special meeting this attendee requested.
    SpecialIntent(usize),
    /// 5.0: the roles the special meeting (its requester and intent) may change, by name.
    SpecialLimits(usize, String),
    /// Time out: who asks (among these), then granted or not.
    TimeOutBy(Vec<usize>),
    /// Whether the facilitator grants the time out this attendee asked for.
    TimeOutGrant(usize),
    /// The proposal editor's menu, with what each option does.
    Editor(Vec<EditorChoice>),
    /// A new role: its name, purpose, domains, then accountabilities.
    NewRoleName,
    /// The new role's purpose, its name given.
    NewRolePurpose(String),
    /// The new role's domains, its name and purpose given.
    NewRoleDomains(String, String),
    /// The new role's accountabilities, its name, purpose and domains given.
    NewRoleAccountabilities(String, String, Vec<String>),
    /// A role picked (among these) for what `RoleAim` says, then the field amended and its
    /// value.
    PickRole(RoleAim, Vec<RoleId>),
    /// Which field of this role the amendment changes.
    RoleField(RoleId),
    /// The new value of this field of this role.
    RoleValue(RoleId, Field),
    /// A new policy: its name, then its text.
    NewPolicyName,
    /// The new policy's text, its name given.
    NewPolicyText(String),
    /// A policy picked (among these) for what `PolicyAim` says, then the field amended and
    /// its value.
    PickPolicy(PolicyAim, Vec<PolicyId>),
    /// Which field of this policy the amendment changes.
    PolicyField(PolicyId),
    /// The new value of this field of this policy.
    PolicyValue(PolicyId, Field),
    /// Where the role or policy moves, among these circles.
    MoveTarget(Subject, Vec<CircleId>),
    /// A sub-circle picked for what `CircleAim` says, then the field amended and its value.
    PickCircle(CircleAim, Vec<CircleId>),
    /// Which field of this sub-circle the amendment changes.
    CircleField(CircleId),
    /// The new value of this field of this sub-circle.
    CircleValue(CircleId, Field),
    /// A policy on this role (5.0 §1.1): its name, then its text.
    RolePolicyName(RoleId),
    /// The text of the policy this role holds, its name given.
    RolePolicyText(RoleId, String),
    /// A Cross Link (4.1 §2.7): the Linked Entity picked (a circle, or `None`: one named next),
    /// its name typed, the Target Circle (this one or a sub-circle), then the person it
    /// assigns.
    LinkedEntity(Vec<Option<CircleId>>),
    /// The name of the entity or group, outside the organisation, invited to link in.
    LinkedEntityName,
    /// The Target Circle the Linked Entity links into, among these.
    CrossLinkTarget(LinkedEntity, Vec<CircleId>),
    /// The person the Linked Entity assigns to the Cross Link Role in this circle, among these.
    CrossLinkFiller(LinkedEntity, CircleId, Vec<PersonId>),
    /// The Cross Link to remove, by its role.
    PickCrossLink(Vec<RoleId>),
    /// A yes to take this item off the agenda.
    RemoveItem(u64),
    /// A yes to take back this entry.
    Retract(u64),
    /// A yes to end the meeting.
    EndMeeting,
}

/// What a governance form's questions and answers are decided against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub state: &'a Governance,
    /// The meeting's log, to say what an entry taken back was.
    pub log: &'a [Recorded<GovEvent>],
    pub org: &'a Organisation,
    /// The changes being written for the next version of the current proposal (the
    /// editor's), if any.
    pub editing: Option<&'a [Change]>,
    /// What a blind random draw is seeded with (the time of the answer, in nanoseconds).
    pub seed: u64,
}

/// A line to say once a finished form is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// What happened, said plainly.
    Info(String),
    /// Something not done, or done with a warning.
    Error(String),
}

/// What becomes of the changes being written (the proposal editor's).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Editing {
    /// As they were.
    #[default]
    Kept,
    /// These, from now on.
    Now(Vec<Change>),
    /// None are being written any more (saved, or left without saving).
    Left,
}

/// What is asked once a finished form is done.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Then {
    /// Nothing: the form closes.
    #[default]
    Nothing,
    /// This form's question.
    Ask(GovernanceForm),
    /// The proposal editor's menu, as it stands with the changes being written.
    Menu,
}

/// A finished governance form: the entry to record (if any), then what becomes of the
/// changes being written, what is said, and what is asked next. With an entry, the rest
/// follows only once it is recorded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settled {
    pub event: Option<GovEvent>,
    pub editing: Editing,
    pub said: Option<Said>,
    pub then: Then,
}

impl Settled {
    /// `event` to record, and nothing more.
    pub fn record(event: GovEvent) -> Settled {
        Settled {
            event: Some(event),
            ..Settled::default()
        }
    }

    /// Nothing to record: only `said`.
    pub fn say(said: Said) -> Settled {
        Settled::default().saying(said)
    }

    /// This, saying `said` once done.
    pub fn saying(self, said: Said) -> Settled {
        Settled {
            said: Some(said),
            ..self
        }
    }

    /// This, saying `info` once done.
    pub fn info(self, info: impl Into<String>) -> Settled {
        self.saying(Said::Info(info.into()))
    }

    /// This, then `then` asked.
    pub fn then(self, then: Then) -> Settled {
        Settled { then, ..self }
    }
}

/// What an answer makes of a governance form.
pub type Next = Answered<GovernanceForm, Settled>;

/// The refusal of the meeting as a line to show: "Only the Secretary rules."
pub(super) fn refusal_line(refusal: &Refusal) -> String {
    format!("{}.", capital(&refusal.0))
}

/// The refusal the meeting would give `event` now, as a line, if it would refuse it.
pub(super) fn refused(at: &Context<'_>, event: &GovEvent) -> Option<String> {
    at.state.may(event, at.org).err().map(|r| refusal_line(&r))
}

/// The current item's sequence number, if one is being processed.
pub(super) fn current_item(at: &Context<'_>) -> Option<u64> {
    at.state.current_item().map(|i| i.seq)
}

/// The names of the attendees `who`, as a picker's options.
pub(super) fn names(at: &Context<'_>, who: &[usize]) -> Vec<String> {
    who.iter()
        .map(|&i| at.state.name_of(i).to_string())
        .collect()
}

/// What option `n` of `options` makes, or nothing when there is no such option.
pub(super) fn picked<T>(options: &[T], n: usize, then: impl FnOnce(&T) -> Next) -> Next {
    options.get(n).map_or(Answered::Closed, then)
}

/// The prompt of a text question that is not one of the editor's lists or texts: on one
/// line.
pub(super) fn line(title: impl Into<String>) -> Question {
    Question::titled(PromptKind::OutputText, title)
}

/// The part of the meeting a form belongs to: the file that asks its questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The meeting's own forms and what someone asks of it (`form_meeting`, `form_asks`).
    Meeting,
    /// A proposal's framing, validity, questions, reactions, objections and closing
    /// (`form_idm`, `form_objection`).
    Idm,
    /// Integrating an objection: rulings, suggested amendments, abandoning, dropping
    /// (`form_integration`).
    Integration,
    /// An election's term, ballots, reasons, changes, tie and outcome (`form_election`).
    Election,
    /// The proposal editor's menu and its role and policy changes (`form_editor`).
    Editor,
    /// The editor's sub-circle and Cross Link changes (`form_changes`).
    Changes,
}

impl GovernanceForm {
    /// Which part of the meeting asks this form's questions.
    fn part(&self) -> Option<Part> {
        use GovernanceForm as F;
        Some(match self {
            F::None => return None,
            F::Note
            | F::ConcernBy(_)
            | F::Concern(_)
            | F::ItemKind(_)
            | F::ProposalLabel
            | F::Tensions(_)
            | F::ProposalOwner(..)
            | F::TimeOutBy(_)
            | F::TimeOutGrant(_)
            | F::RemoveItem(_)
            | F::Retract(_)
            | F::EndMeeting
            | F::FirstBy(..)
            | F::ExtendBy
            | F::ExtendAsk(_)
            | F::InterpretBy(_)
            | F::InterpretQuestion(_)
            | F::InterpretRuling(..)
            | F::SpecialBy(_)
            | F::RequesterAllows(_)
            | F::SpecialIntent(_)
            | F::SpecialLimits(..)
            | F::BreakdownBy(_)
            | F::BreakdownReason(_) => Part::Meeting,
            F::Tension
            | F::Example(_)
            | F::FramingRole(..)
            | F::ValidityKind(_)
            | F::Validity(_)
            | F::DiscardInvalid
            | F::Question
            | F::Answer(_)
            | F::Reaction(_)
            | F::ObjectionText(_)
            | F::ObjectionRole(..)
            | F::ElectionObjection(_)
            | F::ElectionObjectionRole(..)
            | F::Test(..)
            | F::Adopt
            | F::Close => Part::Idm,
            F::Ruling(_)
            | F::RulingText(..)
            | F::Suggestion(_)
            | F::SuggestionAnswer(_)
            | F::SuggestionJudge(_)
            | F::SuggestionReason(..)
            | F::AbandonReason(_)
            | F::DropReason => Part::Integration,
            _ => return self.later_part(),
        })
    }

    /// Which part of the meeting asks an election's or the proposal editor's questions.
    fn later_part(&self) -> Option<Part> {
        use GovernanceForm as F;
        Some(match self {
            F::Term
            | F::Voter(_)
            | F::Nominee(..)
            | F::Reason(_)
            | F::ChangeNominee(..)
            | F::ChangeReason(..)
            | F::TieOptions
            | F::AmendTerm
            | F::ElectionAbandonReason(_)
            | F::Elect
            | F::SetAsideReason => Part::Election,
            F::Editor(_)
            | F::NewRoleName
            | F::NewRolePurpose(_)
            | F::NewRoleDomains(..)
            | F::NewRoleAccountabilities(..)
            | F::PickRole(..)
            | F::RoleField(_)
            | F::RoleValue(..)
            | F::NewPolicyName
            | F::NewPolicyText(_)
            | F::PickPolicy(..)
            | F::PolicyField(_)
            | F::PolicyValue(..)
            | F::RolePolicyName(_)
            | F::RolePolicyText(..)
            | F::MoveTarget(..) => Part::Editor,
            F::PickCircle(..)
            | F::CircleField(_)
            | F::CircleValue(..)
            | F::LinkedEntity(_)
            | F::LinkedEntityName
            | F::CrossLinkTarget(..)
            | F::CrossLinkFiller(..)
            | F::PickCrossLink(_) => Part::Changes,
            _ => return None,
        })
    }

    /// Whether nothing has been gathered yet: only a first text question is open (not worth
    /// keeping across a kill unless something is typed into it).
    pub fn holds_nothing(&self) -> bool {
        matches!(self, GovernanceForm::None | GovernanceForm::Note)
    }

    /// The form an entry kept by an earlier version stands for: it kept no form while a
    /// round's note was being typed, only the prompt itself (of `kind`).
    pub fn asking(kind: PromptKind) -> GovernanceForm {
        match kind {
            PromptKind::Note => GovernanceForm::Note,
            _ => GovernanceForm::None,
        }
    }
}

impl form::Form for GovernanceForm {
    type Context<'a> = Context<'a>;
    type Done = Settled;

    fn question(&self, at: &Context<'_>) -> Option<Question> {
        match self.part()? {
            Part::Meeting => self.meeting_question(at),
            Part::Idm => self.idm_question(at),
            Part::Integration => self.integration_question(at),
            Part::Election => self.election_question(at),
            Part::Editor => self.editor_question(at),
            Part::Changes => self.changes_question(at),
        }
    }

    fn answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        let Some(part) = self.part() else {
            return Answered::Closed;
        };
        match part {
            Part::Meeting => self.meeting_answer(answer, at),
            Part::Idm => self.idm_answer(answer, at),
            Part::Integration => self.integration_answer(answer, at),
            Part::Election => self.election_answer(answer, at),
            Part::Editor => self.editor_answer(answer, at),
            Part::Changes => self.changes_answer(answer, at),
        }
    }

    fn cancelled(&self, at: &Context<'_>) -> Next {
        let stopped = |line: &str| Answered::Done(Settled::default().info(line));
        match self.part() {
            Some(Part::Idm) if matches!(self, Self::Test(..) | Self::Validity(_)) => {
                stopped("Stopped: nothing was recorded.")
            }
            Some(Part::Integration) => self.integration_cancelled(at),
            Some(Part::Editor | Part::Changes) => match self {
                Self::Editor(_) => {
                    stopped("The changes being written are kept: c goes on, or saves them.")
                }
                _ => Answered::Done(Settled::default().then(Then::Menu)),
            },
            _ => Answered::Closed,
        }
    }

    fn asked_again(&self, at: &Context<'_>) -> Option<GovernanceForm> {
        match self.part()? {
            Part::Meeting => self.meeting_asked_again(at),
            Part::Idm => self.idm_asked_again(at),
            Part::Election => self.election_asked_again(at),
            Part::Editor | Part::Changes => self.editor_asked_again(at),
            Part::Integration => None,
        }
    }

    fn gone(&self, n: usize, line: &str, before: &Context<'_>, now: &Context<'_>) -> String {
        self.gone_why(n, before, now)
            .unwrap_or_else(|| form::gone_line(line))
    }
}

impl GovernanceForm {
    /// Why option `n` this form offered against `before` is not offered against `now`: its
    /// role removed, its person gone from the organisation, if that is why.
    fn gone_why(&self, n: usize, before: &Context<'_>, now: &Context<'_>) -> Option<String> {
        use GovernanceForm as F;
        let (role, person) = match self {
            F::FramingRole(_, _, roles) | F::ObjectionRole(_, _, roles) => {
                let r = roles.get(n)?;
                (r.role, r.permission)
            }
            F::ElectionObjectionRole(_, _, roles)
            | F::PickRole(_, roles)
            | F::PickCrossLink(roles) => (Some(*roles.get(n)?), None),
            F::CrossLinkFiller(_, _, people) => (None, Some(*people.get(n)?)),
            _ => return None,
        };
        crate::domain::form::pick_gone(role, person, before.org, now.org)
    }
}
