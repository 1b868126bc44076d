//! The meeting screens' keys: setup, each tactical step, the minutes, and modals.
//!
//! Owns: their binding tables, in the order the hint bar offers them (it shows what fits,
//! then "…"; the help overlay lists all). Must not import: rusqlite, tokio.

use super::{Action, Binding, CHECK, HELP, MOVE_DOWN, MOVE_UP, NO_CHECK, also, bind};
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc, Left, PageDown, PageUp, Right};

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
    MOVE_UP,
    MOVE_DOWN,
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
    bind(&[Char('a')], Action::AddGuest, "a", "guest", "add a guest"),
    bind(
        &[Char('+'), Char('=')],
        Action::Longer,
        "+ -",
        "duration",
        "plan 5 minutes more or less",
    ),
    also(&[Char('-')], Action::Shorter),
    bind(
        &[Esc, Char('q')],
        Action::Back,
        "Esc",
        "cancel",
        "back home without starting",
    ),
    HELP,
];

pub(super) const NEXT: Binding = bind(
    &[Right, Char(' ')],
    Action::Next,
    "→",
    "next",
    "next speaker or item (also Space)",
);
pub(super) const PREVIOUS: Binding = bind(
    &[Left],
    Action::Previous,
    "←",
    "back",
    "previous speaker or item",
);
pub(super) const NEXT_STEP: Binding = bind(
    &[Char('>'), Char('.')],
    Action::NextStep,
    ">",
    "step",
    "next step",
);
pub(super) const PREVIOUS_STEP: Binding = bind(
    &[Char('<'), Char(',')],
    Action::PreviousStep,
    "<",
    "step back",
    "previous step",
);
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

pub const ROUND: &[Binding] = &[
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "note",
        "take a note for the speaker",
    ),
    NEXT,
    PREVIOUS,
    NEXT_STEP,
    LEAVE,
    bind(
        &[Char('n')],
        Action::NewQuestion,
        "n",
        "question",
        "another check-in question",
    ),
    bind(
        &[Char('s')],
        Action::Shuffle,
        "s",
        "shuffle",
        "shuffle the speaking order",
    ),
    bind(
        &[Char('[')],
        Action::MoveEarlier,
        "[ ]",
        "reorder",
        "move the speaker earlier or later",
    ),
    also(&[Char(']')], Action::MoveLater),
    MINUTE,
    RETRACT,
    PREVIOUS_STEP,
    END,
    PRESENT,
    HELP,
];

pub const CHECKLIST: &[Binding] = &[
    CHECK,
    NO_CHECK,
    NEXT,
    PREVIOUS,
    NEXT_STEP,
    LEAVE,
    REPORTER,
    MINUTE,
    RETRACT,
    PREVIOUS_STEP,
    END,
    PRESENT,
    HELP,
];

pub const METRICS: &[Binding] = &[
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "value",
        "enter the metric's value",
    ),
    NEXT,
    PREVIOUS,
    NEXT_STEP,
    LEAVE,
    REPORTER,
    MINUTE,
    RETRACT,
    PREVIOUS_STEP,
    END,
    PRESENT,
    HELP,
];

pub const PROGRESS: &[Binding] = &[
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
    NEXT,
    PREVIOUS,
    NEXT_STEP,
    LEAVE,
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
    REPORTER,
    MINUTE,
    RETRACT,
    PREVIOUS_STEP,
    END,
    PRESENT,
    HELP,
];

pub const AGENDA: &[Binding] = &[
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
    NEXT,
    PREVIOUS,
    NEXT_STEP,
    LEAVE,
    bind(
        &[Char('[')],
        Action::MoveEarlier,
        "[ ]",
        "reorder",
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
    MINUTE,
    RETRACT,
    PREVIOUS_STEP,
    END,
    PRESENT,
    HELP,
];

pub const TRIAGE: &[Binding] = &[
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
    NEXT,
    PREVIOUS,
    NEXT_STEP,
    LEAVE,
    bind(
        &[Char('a')],
        Action::AddItem,
        "a",
        "add item",
        "add an agenda item",
    ),
    MINUTE,
    RETRACT,
    PREVIOUS_STEP,
    END,
    PRESENT,
    HELP,
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
    MOVE_UP,
    MOVE_DOWN,
    bind(
        &[],
        Action::Open,
        "type",
        "filter",
        "filter by circle, kind (tactical, governance), date, open or ended",
    ),
    bind(
        &[Esc],
        Action::Back,
        "Esc",
        "clear/back",
        "clear the filter, or go back home",
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
