//! The governance meeting's keys: rounds, administrative concerns, agenda, each step of a
//! proposal's integrative decision-making, and each step of an election.
//!
//! Owns: their binding tables, most used first (the hint bar shows what fits, then "…").
//! Must not import: rusqlite, tokio.

use super::meeting::{END, LEAVE, NEXT, NEXT_STEP, PRESENT, PREVIOUS, PREVIOUS_STEP};
use super::{Action, Binding, HELP, also, bind};
use crate::domain::RuleSet;
use ratatui::crossterm::event::KeyCode::{Char, Enter, PageDown, PageUp};

const RETRACT: Binding = bind(
    &[Char('u')],
    Action::Retract,
    "u",
    "undo",
    "take back the last entry still standing, whatever the step (asks first)",
);

const TIME_OUT: Binding = bind(
    &[Char('T')],
    Action::TimeOut,
    "T",
    "time out",
    "someone asks for a time out, or it ends (holacracy-5.0)",
);

/// Under holacracy-4.1 `T` is neither on the hint bar nor in the help; pressed anyway, it
/// says why there is no time out.
const TIME_OUT_REFUSED: Binding = also(&[Char('T')], Action::TimeOut);

const EXTEND: Binding = bind(
    &[Char('t')],
    Action::OneMoreMinute,
    "t",
    "+5 min",
    "extend the meeting by five minutes",
);

/// Under holacracy-5.0 the Secretary extends the meeting, if no member asks otherwise.
const SECRETARY_EXTENDS: Binding = bind(
    &[Char('t')],
    Action::OneMoreMinute,
    "t",
    "extend",
    "the Secretary extends the meeting, if no member asks otherwise (holacracy-5.0 §5.4.2)",
);

const SPECIAL: Binding = bind(
    &[Char('S')],
    Action::SpecialMeeting,
    "S",
    "special",
    "this is a special meeting a member requested: who, and (5.0) its intent and limits (before any item); 4.1, once recorded: the requester allows others' items first",
);

const INTERPRET: Binding = bind(
    &[Char('I')],
    Action::Interpret,
    "I",
    "interpret",
    "someone asks the Secretary to rule on how the constitution or governance applies",
);

const CLOSE: Binding = bind(
    &[Char('d')],
    Action::CloseProposal,
    "d",
    "close",
    "close the proposal: withdrawn, dropped, invalid or process breakdown",
);

const TEST: Binding = bind(
    &[Char('w')],
    Action::TestObjection,
    "w",
    "test",
    "test the latest untested objection, question by question",
);

const RULING: Binding = bind(
    &[Char('s')],
    Action::AskSecretary,
    "s",
    "secretary",
    "ask the Secretary to rule on an objection resting on the constitution",
);

/// A step's table under each rule set: holacracy-4.1 has no time outs, so its tables do
/// not show `T` (pressed anyway, it is refused with the reason).
pub struct ByRules {
    pub five: &'static [Binding],
    pub four_one: &'static [Binding],
}

impl ByRules {
    /// The table of the rule set the meeting runs by.
    pub fn of(&self, rules: RuleSet) -> &'static [Binding] {
        match rules {
            RuleSet::Holacracy50 => self.five,
            RuleSet::Holacracy41 => self.four_one,
        }
    }
}

/// A step's tables: the given bindings (the current moment's, first on the hint bar), then
/// the keys every step offers, most needed first: moving between speakers or items and
/// steps, taking back, ending, a time out (holacracy-5.0 only), extending, presentation,
/// leaving, help.
macro_rules! with_moves {
    (@table [$($binding:expr),*] [$time_out:expr, $extend:expr]) => {
        &[
            $($binding,)*
            NEXT,
            PREVIOUS,
            NEXT_STEP,
            PREVIOUS_STEP,
            RETRACT,
            END,
            $time_out,
            $extend,
            INTERPRET,
            PRESENT,
            LEAVE,
            HELP,
        ]
    };
    ($($binding:expr),* $(,)?) => {
        &ByRules {
            five: with_moves!(@table [$($binding),*] [TIME_OUT, SECRETARY_EXTENDS]),
            four_one: with_moves!(@table [$($binding),*] [TIME_OUT_REFUSED, EXTEND]),
        }
    };
}

const fn open(label: &'static str, help: &'static str) -> Binding {
    bind(&[Enter], Action::Open, "Enter", label, help)
}

const fn sub_step(label: &'static str, help: &'static str) -> Binding {
    bind(&[Char('n')], Action::SubStep, "n", label, help)
}

/// Check-in and closing rounds.
pub const GOV_ROUND: &ByRules = with_moves![open("note", "take a note for the speaker")];

/// Administrative concerns (holacracy-4.1 only, so no time out).
pub const GOV_ADMIN: &[Binding] = &[
    open(
        "concern",
        "record an administrative concern and who raised it",
    ),
    NEXT_STEP,
    PREVIOUS_STEP,
    RETRACT,
    END,
    EXTEND,
    INTERPRET,
    PRESENT,
    LEAVE,
    HELP,
];

pub const GOV_AGENDA: &ByRules = with_moves![
    bind(
        &[Char('a'), Enter],
        Action::AddItem,
        "a",
        "add",
        "add a proposal or an election",
    ),
    bind(
        &[Char('o')],
        Action::OfferTensions,
        "o",
        "tensions",
        "take up an open governance tension of someone here",
    ),
    bind(
        &[Char('f')],
        Action::ElectionFirst,
        "f",
        "first",
        "the selected election goes first (anyone may ask)",
    ),
    bind(
        &[Char('[')],
        Action::MoveEarlier,
        "[ ]",
        "reorder",
        "move the selected item earlier or later (the facilitator orders the agenda)",
    ),
    also(&[Char(']')], Action::MoveLater),
    bind(
        &[Char('x')],
        Action::DeleteItem,
        "x",
        "remove",
        "take the selected item off the agenda (asks first)",
    ),
    SPECIAL,
];

/// Between items, or on a closed item.
pub const GOV_ITEMS: &ByRules = with_moves![];

pub const IDM_PRESENT: &ByRules = with_moves![
    open(
        "frame",
        "the tension, a real example, and the role that feels it",
    ),
    bind(
        &[Char('c')],
        Action::EditChanges,
        "c",
        "changes",
        "write the proposal's governance changes",
    ),
    sub_step("questions", "on to clarifying questions"),
    bind(
        &[Char('v')],
        Action::TestValidity,
        "v",
        "valid?",
        "test the proposal's validity (three questions)",
    ),
    CLOSE,
];

pub const IDM_CLARIFY: &ByRules = with_moves![
    open(
        "question",
        "a clarifying question and the proposer's answer",
    ),
    sub_step("reactions", "on to the reaction round"),
    CLOSE,
];

pub const IDM_REACT: &ByRules = with_moves![
    open(
        "reaction",
        "the next person's reaction (empty: no reaction)",
    ),
    sub_step("amend", "on to amend and clarify"),
    CLOSE,
];

pub const IDM_AMEND: &ByRules = with_moves![
    bind(
        &[Char('c')],
        Action::EditChanges,
        "c",
        "amend",
        "amend the changes: saved as a new version",
    ),
    sub_step("objections", "on to the objection round"),
    CLOSE,
];

pub const IDM_OBJECT: &ByRules = with_moves![
    open("no objection", "the person asked has no objection"),
    bind(
        &[Char('x')],
        Action::Objection,
        "x",
        "objection",
        "the person asked states an objection",
    ),
    TEST,
    bind(
        &[Char('a')],
        Action::Adopt,
        "a",
        "adopt",
        "adopt the proposal (asks first)",
    ),
    sub_step("integrate", "integrate the valid objections"),
    RULING,
    CLOSE,
];

pub const IDM_INTEGRATE: &ByRules = with_moves![
    bind(
        &[Char('c')],
        Action::EditChanges,
        "c",
        "amend",
        "amend the changes: saved as a new version",
    ),
    bind(
        &[Char('o')],
        Action::ObjectorOk,
        "o",
        "objector ok",
        "the objector confirms the objection is gone",
    ),
    bind(
        &[Char('p')],
        Action::ProposerOk,
        "p",
        "proposer ok",
        "the proposer confirms the tension is still addressed",
    ),
    sub_step("new round", "a new objection round on the amended proposal"),
    bind(
        &[Char('m')],
        Action::SuggestAmendment,
        "m",
        "suggest",
        "the objector suggests an amended proposal; then the proposer's answer and the judgement",
    ),
    TEST,
    RULING,
    bind(
        &[Char('b')],
        Action::Abandon,
        "b",
        "abandon",
        "the objector is not working toward an amendment: the objection is abandoned (asks why)",
    ),
    CLOSE,
];

/// An election's record scrolls when it does not fit (a long role description, many voters).
const SCROLL: Binding = bind(
    &[PageDown],
    Action::PageDown,
    "PgDn PgUp",
    "scroll",
    "scroll the election's record when it does not fit",
);
const SCROLL_UP: Binding = also(&[PageUp], Action::PageUp);

pub const ELECT_DESCRIBE: &ByRules = with_moves![
    open(
        "term",
        "the role is described: set the term's end, then the ballots"
    ),
    SCROLL,
    SCROLL_UP,
];

pub const ELECT_BALLOTS: &ByRules = with_moves![
    open("ballot", "record a signed ballot: who nominates whom"),
    sub_step("read", "all ballots in: on to the nomination round"),
    SCROLL,
    SCROLL_UP,
];

pub const ELECT_NOMINATIONS: &ByRules = with_moves![
    open("reason", "the next ballot is read: its author says why"),
    sub_step(
        "changes",
        "every ballot read: on to the nomination change round"
    ),
    SCROLL,
    SCROLL_UP,
];

pub const ELECT_CHANGES: &ByRules = with_moves![
    open("no change", "the voter asked keeps their nomination"),
    bind(
        &[Char('c')],
        Action::EditChanges,
        "c",
        "change",
        "the voter asked changes their nomination, saying why",
    ),
    sub_step("count", "everyone asked: count the nominations"),
    SCROLL,
    SCROLL_UP,
];

/// Tie option (iv): whoever nominated someone not tied must change to one of the tied.
pub const ELECT_RENOMINATE: &ByRules = with_moves![
    bind(
        &[Char('c')],
        Action::EditChanges,
        "c",
        "change",
        "the voter asked changes to one of the tied, saying why",
    ),
    sub_step("count", "everyone asked: count the nominations"),
    SCROLL,
    SCROLL_UP,
];

pub const ELECT_COUNT: &ByRules = with_moves![
    open(
        "propose",
        "propose the most nominated; on a tie, choose one of the options listed"
    ),
    SCROLL,
    SCROLL_UP,
];

pub const ELECT_OBJECTIONS: &ByRules = with_moves![
    open("no objection", "the person asked has no objection"),
    bind(
        &[Char('x')],
        Action::Objection,
        "x",
        "objection",
        "the person asked objects to the candidate",
    ),
    TEST,
    bind(
        &[Char('a')],
        Action::Elect,
        "a",
        "elect",
        "elect the candidate (asks first)",
    ),
    bind(
        &[Char('c')],
        Action::EditChanges,
        "c",
        "amend term",
        "integrate an objection by amending the term: everyone is asked again",
    ),
    bind(
        &[Char('r')],
        Action::Resolve,
        "r",
        "resolved",
        "the objector withdraws the objection being integrated",
    ),
    bind(
        &[Char('b')],
        Action::Abandon,
        "b",
        "abandon",
        "the objector is not working toward a resolution: abandoned (asks why)",
    ),
    sub_step(
        "ask again",
        "objections integrated: everyone is asked again"
    ),
    bind(
        &[Char('d')],
        Action::DiscardCandidate,
        "d",
        "set aside",
        "discard the proposal: the candidate's nominations are ignored (asks why)",
    ),
    SCROLL,
    SCROLL_UP,
];
