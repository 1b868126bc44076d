//! The meeting screens' keys: setup, each tactical step, the minutes, and modals.
//!
//! Owns: their binding tables, in the order the hint bar offers them (it shows what fits,
//! then "…"; the help overlay lists all). Must not import: rusqlite, tokio.

use super::{Action, Binding, CHECK, HELP, MOVE_DOWN, MOVE_UP, NO_CHECK, also, bind};
use ratatui::crossterm::event::KeyCode::{
    Char, Down, Enter, Esc, Left, PageDown, PageUp, Right, Up,
};

/// Setup: who is here and in which role come first; moving and cancelling are conventions.
pub const SETUP: &[Binding] = &[
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "start",
        "start the meeting",
    ),
    bind(
        &[Char(' ')],
        Action::TogglePresent,
        "Space",
        "present",
        "mark the selected person present or absent",
    ),
    bind(
        &[Char('a')],
        Action::AddGuest,
        "a",
        "guest",
        "the selected Lead or Rep invites a guest for a tension",
    ),
    bind(
        &[Char('+'), Char('=')],
        Action::Longer,
        "+ -",
        "duration",
        "plan 5 minutes more or less",
    ),
    also(&[Char('-')], Action::Shorter),
    bind(
        &[Char('f')],
        Action::MakeFacilitator,
        "f",
        "facilitator",
        "the selected person facilitates",
    ),
    bind(
        &[Char('s')],
        Action::MakeSecretary,
        "s",
        "secretary",
        "the selected person takes the minutes",
    ),
    bind(
        &[Char('o')],
        Action::AddObserver,
        "o",
        "observer",
        "add someone present who takes no part",
    ),
    bind(
        &[Esc, Char('q')],
        Action::Back,
        "Esc",
        "cancel",
        "back home without starting",
    ),
    MOVE_UP,
    MOVE_DOWN,
    HELP,
];

/// A meeting's list (speakers, review items, the agenda) moves one way whatever the key: the
/// arrows and vi keys of every list, and → ← Space as a facilitator steps through a round.
pub(super) const NEXT: Binding = bind(
    &[Right, Char(' '), Down, Char('j')],
    Action::Next,
    "→ ←",
    "next",
    "next or previous speaker or item (also ↓ ↑, j k; → also Space)",
);
pub(super) const PREVIOUS: Binding = also(&[Left, Up, Char('k')], Action::Previous);
pub(super) const NEXT_STEP: Binding = bind(
    &[Char('>'), Char('.')],
    Action::NextStep,
    "> <",
    "step",
    "next or previous step",
);
pub(super) const PREVIOUS_STEP: Binding = also(&[Char('<'), Char(',')], Action::PreviousStep);
pub(super) const MINUTE: Binding = bind(
    &[Char('t')],
    Action::OneMoreMinute,
    "t",
    "+1 min",
    "one more minute for this step",
);
const RETRACT: Binding = bind(
    &[Char('u')],
    Action::Retract,
    "u",
    "undo",
    "take back the last entry of this step (asks first)",
);
pub(super) const END: Binding = bind(
    &[Char('e')],
    Action::EndMeeting,
    "e",
    "end",
    "end the meeting (asks first)",
);
pub(super) const PRESENT: Binding = bind(
    &[Char('P')],
    Action::Presentation,
    "P",
    "big",
    "presentation mode: big letters for a shared screen",
);
pub(super) const LEAVE: Binding = bind(
    &[Char('q')],
    Action::Leave,
    "q",
    "leave",
    "leave; the meeting stays open",
);
const REPORTER: Binding = bind(
    &[Char('b')],
    Action::Reporter,
    "b",
    "reporter",
    "someone else reports (for an absent filler)",
);

/// A tactical step's table: its own keys (the current moment's, first on the hint bar),
/// then the keys of every step, most needed first.
macro_rules! in_meeting {
    ($($binding:expr),* $(,)?) => {
        &[
            $($binding,)*
            NEXT,
            PREVIOUS,
            NEXT_STEP,
            PREVIOUS_STEP,
            RETRACT,
            END,
            MINUTE,
            PRESENT,
            LEAVE,
            HELP,
        ]
    };
}

const NOTE: Binding = bind(
    &[Enter],
    Action::Open,
    "Enter",
    "note",
    "take a note for the speaker",
);
const SHUFFLE: Binding = bind(
    &[Char('s')],
    Action::Shuffle,
    "s",
    "shuffle",
    "shuffle the speaking order",
);
const REORDER_SPEAKERS: Binding = bind(
    &[Char('[')],
    Action::MoveEarlier,
    "[ ]",
    "move",
    "move the speaker earlier or later",
);

/// The check-in round.
pub const ROUND: &[Binding] = in_meeting![
    NOTE,
    bind(
        &[Char('n')],
        Action::NewQuestion,
        "n",
        "question",
        "another check-in question",
    ),
    SHUFFLE,
    REORDER_SPEAKERS,
    also(&[Char(']')], Action::MoveLater),
];

/// The closing round: as the check-in, without a question to change.
pub const CLOSING_ROUND: &[Binding] = in_meeting![
    NOTE,
    SHUFFLE,
    REORDER_SPEAKERS,
    also(&[Char(']')], Action::MoveLater),
];

pub const CHECKLIST: &[Binding] = in_meeting![CHECK, NO_CHECK, REPORTER];

pub const METRICS: &[Binding] = in_meeting![
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "value",
        "enter the metric's value",
    ),
    REPORTER,
];

pub const PROGRESS: &[Binding] = in_meeting![
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "update",
        "what changed since the last update",
    ),
    bind(
        &[Char('n')],
        Action::NoUpdates,
        "n",
        "no updates",
        "no updates",
    ),
    bind(
        &[Char('d')],
        Action::MarkDone,
        "d",
        "done",
        "the project is done (with an update)",
    ),
    bind(
        &[Char('w')],
        Action::MarkWaiting,
        "w",
        "waiting",
        "the project is waiting (with an update)",
    ),
    bind(
        &[Char('r')],
        Action::MarkCurrent,
        "r",
        "current",
        "a waiting project is current again (with an update)",
    ),
    REPORTER,
    bind(
        &[Char('a')],
        Action::AskUpdates,
        "a",
        "ask updates",
        "another member asks for updates on the project: it must be reported on",
    ),
    bind(
        &[Char('x')],
        Action::EndUpdates,
        "x",
        "end request",
        "the filler ends requested updates as no longer useful (5.0 §2.1(f))",
    ),
];

pub const AGENDA: &[Binding] = in_meeting![
    bind(
        &[Char('a'), Enter],
        Action::AddItem,
        "a",
        "add",
        "add an item (label, then owner)",
    ),
    bind(
        &[Char('T')],
        Action::OfferTensions,
        "T",
        "tensions",
        "add from the attendees' open tensions",
    ),
    bind(
        &[Char('[')],
        Action::MoveEarlier,
        "[ ]",
        "move",
        "move the item earlier or later",
    ),
    also(&[Char(']')], Action::MoveLater),
    bind(
        &[Char('x')],
        Action::DeleteItem,
        "x",
        "remove",
        "remove the item from the agenda (asks first)",
    ),
];

pub const TRIAGE: &[Binding] = in_meeting![
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "output",
        "add an output: next action, project, information, request or tension",
    ),
    bind(
        &[Char('c')],
        Action::CloseItem,
        "c",
        "close",
        "close the item: \"Did you get what you need?\"",
    ),
    ADD_ITEM,
];

const ADD_ITEM: Binding = bind(
    &[Char('a')],
    Action::AddItem,
    "a",
    "add item",
    "add an agenda item",
);

/// Triage on a closed item: nothing more comes out of it, so only adding an item is offered;
/// Enter and c, pressed anyway, say why not.
pub const TRIAGE_CLOSED: &[Binding] = in_meeting![
    ADD_ITEM,
    also(&[Enter], Action::Open),
    also(&[Char('c')], Action::CloseItem),
];

pub const MINUTES: &[Binding] = &[
    bind(
        &[Char('x')],
        Action::Export,
        "x",
        "export",
        "write the minutes to a file: Markdown, HTML, JSON or e-mail",
    ),
    MOVE_UP,
    MOVE_DOWN,
    bind(
        &[PageDown, Char(' ')],
        Action::PageDown,
        "PgDn PgUp",
        "scroll",
        "scroll the minutes",
    ),
    also(&[PageUp], Action::PageUp),
    bind(
        &[Esc, Char('q')],
        Action::Back,
        "Esc",
        "back",
        "back to the list or home (also q)",
    ),
    HELP,
];

/// The list of past meetings: typing filters, so only keys that type nothing are bound.
pub const PAST: &[Binding] = &[
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "open",
        "the meeting's minutes (an open meeting is resumed)",
    ),
    // Letters type into the filter, so only the arrows move (and k j, q are typed).
    bind(
        &[],
        Action::Down,
        "↑↓",
        "move",
        "move the selection (PgUp PgDn by ten)",
    ),
    bind(
        &[],
        Action::Open,
        "type",
        "filter",
        "filter by circle, kind (tactical, governance), date, open or ended; every letter, q too, is typed",
    ),
    bind(
        &[Esc],
        Action::Back,
        "Esc",
        "clear/back",
        "clear the filter, or go back home (q is typed here: Esc leaves)",
    ),
    HELP,
];

pub const PICKER: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "choose",
        "choose the selected option",
    ),
    bind(
        &[Esc],
        Action::Back,
        "Esc",
        "cancel",
        "close without choosing",
    ),
];

pub const CONFIRM: &[Binding] = &[
    bind(&[Char('y'), Enter], Action::Yes, "y", "yes", "yes"),
    bind(&[Char('n'), Esc], Action::No, "n", "no", "no"),
];

/// One question of a series (a test): `Esc` stops the series without recording anything.
pub const QUESTION: &[Binding] = &[
    bind(&[Char('y'), Enter], Action::Yes, "y", "yes", "yes"),
    bind(&[Char('n')], Action::No, "n", "no", "no"),
    bind(
        &[Esc],
        Action::Back,
        "Esc",
        "stop",
        "stop the questions; nothing is recorded",
    ),
];
