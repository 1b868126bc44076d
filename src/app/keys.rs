//! Keys: which key does what on each screen, and what the hint bar says about it.
//!
//! Owns: `Action`, the binding tables, and looking a key up in them. One table per screen
//! state serves both dispatch and the hint bar, so the two cannot disagree.
//! Must not import: rusqlite, tokio.

use crate::ui::Hint;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for, whatever the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter: open or confirm.
    Open,
    /// Esc: go back or cancel.
    Back,
    /// q: leave this screen (quit from home).
    Leave,
    Help,
    Expand,
    Collapse,
    /// Pick the n-th choice of a menu (0-based).
    Choose(usize),
    StartTactical,
    StartGovernance,
    StartReview,
    PastMeetings,
    /// Meeting setup: mark the selected attendee present or absent.
    TogglePresent,
    /// Meeting setup: the selected attendee facilitates / takes the minutes.
    MakeFacilitator,
    MakeSecretary,
    AddGuest,
    Longer,
    Shorter,
    /// Meetings: next and previous speaker or item; next and previous step.
    Next,
    Previous,
    NextStep,
    PreviousStep,
    OneMoreMinute,
    Retract,
    EndMeeting,
    Presentation,
    NewQuestion,
    Shuffle,
    MoveEarlier,
    MoveLater,
    Check,
    NoCheck,
    Reporter,
    NoUpdates,
    MarkDone,
    MarkWaiting,
    AddItem,
    OfferTensions,
    DeleteItem,
    CloseItem,
    /// Modals: yes and no.
    Yes,
    No,
}

/// Keys bound to one action: the hint bar's short word for it and the help overlay's line.
/// A binding without `hint` works but is not on the hint bar (another binding's hint covers
/// it, such as `↑↓` for both arrows); without `help` it is left out of the overlay too.
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub action: Action,
    pub hint: Option<Hint>,
    pub help: Option<Hint>,
}

/// A binding shown on the hint bar as `shown label` and in help as `shown help`.
const fn bind(
    keys: &'static [KeyCode],
    action: Action,
    shown: &'static str,
    label: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        hint: Some(Hint { keys: shown, label }),
        help: Some(Hint {
            keys: shown,
            label: help,
        }),
    }
}

/// A binding only the help overlay mentions.
const fn quiet(
    keys: &'static [KeyCode],
    action: Action,
    shown: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        hint: None,
        help: Some(Hint {
            keys: shown,
            label: help,
        }),
    }
}

/// A binding covered by another's hint and help line.
const fn also(keys: &'static [KeyCode], action: Action) -> Binding {
    Binding {
        keys,
        action,
        hint: None,
        help: None,
    }
}

use KeyCode::{Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Up};

const MOVE_UP: Binding = bind(
    &[Up, Char('k')],
    Action::Up,
    "↑↓",
    "move",
    "move the selection (also k j)",
);
const MOVE_DOWN: Binding = also(&[Down, Char('j')], Action::Down);
const HELP: Binding = bind(&[Char('?')], Action::Help, "?", "help", "this help");

pub const WELCOME: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "choose",
        "take the selected way to start",
    ),
    bind(
        &[Char('1')],
        Action::Choose(0),
        "1-3",
        "pick",
        "take that way to start at once",
    ),
    also(&[Char('2')], Action::Choose(1)),
    also(&[Char('3')], Action::Choose(2)),
    bind(&[Char('q')], Action::Leave, "q", "quit", "quit Roundtable"),
    HELP,
];

pub const PROMPT: &[Binding] = &[
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "confirm",
        "use what you typed",
    ),
    bind(
        &[Esc],
        Action::Back,
        "Esc",
        "cancel",
        "close the field without using it",
    ),
];

pub const HOME: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    bind(
        &[Enter, Char('o')],
        Action::Open,
        "Enter",
        "browse",
        "browse the selected circle's roles (also o)",
    ),
    bind(
        &[Char('t')],
        Action::StartTactical,
        "t",
        "tactical",
        "start or resume a tactical meeting of the circle",
    ),
    bind(
        &[Char('g')],
        Action::StartGovernance,
        "g",
        "governance",
        "start or resume a governance meeting of the circle",
    ),
    bind(
        &[Char('r')],
        Action::StartReview,
        "r",
        "review",
        "review your roles alone (solo role review)",
    ),
    bind(
        &[Char('p')],
        Action::PastMeetings,
        "p",
        "past",
        "past meetings and their minutes",
    ),
    bind(&[Char('q')], Action::Leave, "q", "quit", "quit Roundtable"),
    HELP,
];

pub const BROWSER: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "open/close",
        "open or close the selected circle",
    ),
    quiet(
        &[Right, Char('l')],
        Action::Expand,
        "→ l",
        "open the selected circle",
    ),
    quiet(
        &[Left, Char('h')],
        Action::Collapse,
        "← h",
        "close the circle, or go up to it from a role",
    ),
    bind(
        &[PageDown, Char(' ')],
        Action::PageDown,
        "PgDn PgUp",
        "details",
        "scroll the details (also Space)",
    ),
    also(&[PageUp], Action::PageUp),
    quiet(
        &[Home],
        Action::Top,
        "Home End",
        "first or last row of the tree",
    ),
    also(&[End], Action::Bottom),
    bind(
        &[Esc, Char('q')],
        Action::Back,
        "Esc",
        "home",
        "back to home (also q)",
    ),
    HELP,
];

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

const NEXT: Binding = bind(
    &[Right, Char(' ')],
    Action::Next,
    "→",
    "next",
    "next speaker or item (also Space)",
);
const PREVIOUS: Binding = bind(
    &[Left],
    Action::Previous,
    "←",
    "back",
    "previous speaker or item",
);
const NEXT_STEP: Binding = bind(
    &[Char('>'), Char('.')],
    Action::NextStep,
    ">",
    "step",
    "next step",
);
const PREVIOUS_STEP: Binding = quiet(
    &[Char('<'), Char(',')],
    Action::PreviousStep,
    "<",
    "previous step",
);
const MINUTE: Binding = quiet(
    &[Char('t')],
    Action::OneMoreMinute,
    "t",
    "one more minute for this step",
);
const RETRACT: Binding = quiet(
    &[Char('u')],
    Action::Retract,
    "u",
    "take back the last entry of this step",
);
const END: Binding = quiet(
    &[Char('e')],
    Action::EndMeeting,
    "e",
    "end the meeting (asks first)",
);
const PRESENT: Binding = quiet(
    &[Char('P')],
    Action::Presentation,
    "P",
    "presentation mode on or off",
);
const LEAVE: Binding = bind(
    &[Char('q')],
    Action::Leave,
    "q",
    "leave",
    "leave; the meeting stays open",
);
const REPORTER: Binding = quiet(
    &[Char('b')],
    Action::Reporter,
    "b",
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
    quiet(
        &[Char('n')],
        Action::NewQuestion,
        "n",
        "another check-in question",
    ),
    quiet(
        &[Char('s')],
        Action::Shuffle,
        "s",
        "shuffle the speaking order",
    ),
    quiet(
        &[Char('[')],
        Action::MoveEarlier,
        "[ ]",
        "move the speaker earlier or later",
    ),
    also(&[Char(']')], Action::MoveLater),
    PREVIOUS_STEP,
    MINUTE,
    RETRACT,
    END,
    PRESENT,
    LEAVE,
    HELP,
];

pub const CHECKLIST: &[Binding] = &[
    bind(
        &[Char('c')],
        Action::Check,
        "c",
        "check",
        "check: done for the period",
    ),
    bind(
        &[Char('x')],
        Action::NoCheck,
        "x",
        "no check",
        "no check: not done",
    ),
    NEXT,
    PREVIOUS,
    NEXT_STEP,
    REPORTER,
    PREVIOUS_STEP,
    MINUTE,
    RETRACT,
    END,
    PRESENT,
    LEAVE,
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
    REPORTER,
    PREVIOUS_STEP,
    MINUTE,
    RETRACT,
    END,
    PRESENT,
    LEAVE,
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
    quiet(
        &[Char('d')],
        Action::MarkDone,
        "d",
        "the project is done (with an update)",
    ),
    quiet(
        &[Char('w')],
        Action::MarkWaiting,
        "w",
        "the project is waiting (with an update)",
    ),
    NEXT,
    PREVIOUS,
    NEXT_STEP,
    REPORTER,
    PREVIOUS_STEP,
    MINUTE,
    RETRACT,
    END,
    PRESENT,
    LEAVE,
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
    quiet(
        &[Char('[')],
        Action::MoveEarlier,
        "[ ]",
        "move the item earlier or later",
    ),
    also(&[Char(']')], Action::MoveLater),
    quiet(
        &[Char('x')],
        Action::DeleteItem,
        "x",
        "remove the item from the agenda",
    ),
    PREVIOUS_STEP,
    MINUTE,
    RETRACT,
    END,
    PRESENT,
    LEAVE,
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
    quiet(&[Char('a')], Action::AddItem, "a", "add an agenda item"),
    PREVIOUS_STEP,
    MINUTE,
    RETRACT,
    END,
    PRESENT,
    LEAVE,
    HELP,
];

pub const MINUTES: &[Binding] = &[
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
    bind(&[Esc, Char('q')], Action::Back, "q", "home", "back home"),
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

pub const HELP_OPEN: &[Binding] = &[bind(
    &[Esc, Char('?'), Char('q')],
    Action::Back,
    "Esc",
    "close help",
    "close this help",
)];

/// Whether the key is Ctrl-Z, which suspends the program to the shell.
pub fn is_suspend(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == Char('z')
}

/// Whether the key is Ctrl-C, which quits from anywhere.
pub fn is_quit(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == Char('c')
}

/// The action a key is bound to in a table. Shift is ignored (it is how `?` is typed);
/// other modifiers make a different key.
pub fn lookup(table: &[Binding], key: &KeyEvent) -> Option<Action> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    table
        .iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}

/// The hint bar's hints of a table, in order.
pub fn hints(table: &[Binding]) -> Vec<Hint> {
    table.iter().filter_map(|b| b.hint).collect()
}

/// The help overlay's lines of a table, in order.
pub fn help(table: &[Binding]) -> Vec<Hint> {
    table.iter().filter_map(|b| b.help).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn arrows_and_vi_keys_move_the_same_way() {
        assert_eq!(lookup(HOME, &key(Up)), Some(Action::Up));
        assert_eq!(lookup(HOME, &key(Char('k'))), Some(Action::Up));
        assert_eq!(lookup(HOME, &key(Char('j'))), Some(Action::Down));
    }

    #[test]
    fn a_question_mark_typed_with_shift_opens_help() {
        let shifted = KeyEvent::new(Char('?'), KeyModifiers::SHIFT);
        assert_eq!(lookup(BROWSER, &shifted), Some(Action::Help));
    }

    #[test]
    fn ctrl_c_quits_and_is_not_mistaken_for_c() {
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        assert!(is_quit(&ctrl_c));
        assert_eq!(lookup(HOME, &ctrl_c), None);
    }

    #[test]
    fn every_screen_advertises_help_and_a_way_out() {
        for table in [WELCOME, HOME, BROWSER] {
            let keys: Vec<_> = hints(table).iter().map(|h| h.keys).collect();
            assert!(keys.contains(&"?"), "{keys:?}");
            assert!(keys.contains(&"q") || keys.contains(&"Esc"), "{keys:?}");
        }
    }
}
