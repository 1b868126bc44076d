//! The organisation browser's keys: moving through the tree, its details, the date it shows,
//! and the changes between meetings made on a role (assignments, checklist items, metrics).
//!
//! Owns: those tables. Must not import: rusqlite, tokio.

use super::{
    ADD_PERSON, Action, Binding, HELP, MOVE_DOWN, MOVE_UP, UNDO_ORG_ENTRY, also, bind, quiet,
};
use ratatui::crossterm::event::KeyCode::{
    Char, End, Enter, Esc, Home, Left, PageDown, PageUp, Right,
};

const BROWSER_OPEN: Binding = bind(
    &[Enter],
    Action::Open,
    "Enter",
    "open/close",
    "open or close the selected circle",
);
const BROWSER_EXPAND: Binding = quiet(
    &[Right, Char('l')],
    Action::Expand,
    "→ l",
    "open the selected circle",
);
const BROWSER_COLLAPSE: Binding = quiet(
    &[Left, Char('h')],
    Action::Collapse,
    "← h",
    "close the circle, or go up to it from a role",
);
const BROWSER_PAGE_DOWN: Binding = bind(
    &[PageDown, Char(' ')],
    Action::PageDown,
    "PgDn PgUp",
    "details",
    "scroll the details (also Space)",
);
const BROWSER_TOP: Binding = quiet(
    &[Home],
    Action::Top,
    "Home End",
    "first or last row of the tree",
);
const BROWSER_AS_OF_DATE: Binding = bind(
    &[Char('d')],
    Action::AsOf,
    "d",
    "as of",
    "browse the organisation as it stood on a past date",
);

pub const BROWSER: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    BROWSER_OPEN,
    BROWSER_EXPAND,
    BROWSER_COLLAPSE,
    BROWSER_PAGE_DOWN,
    also(&[PageUp], Action::PageUp),
    BROWSER_TOP,
    also(&[End], Action::Bottom),
    bind(
        &[Esc, Char('q')],
        Action::Back,
        "Esc",
        "home",
        "back to home (also q)",
    ),
    bind(
        &[Char('a')],
        Action::AssignRole,
        "a",
        "assign",
        "on a role: assign a person (as the Lead who may; optional focus)",
    ),
    bind(
        &[Char('f')],
        Action::ChangeFocus,
        "f",
        "focus",
        "on a role: change the focus of an assignment",
    ),
    bind(
        &[Char('x')],
        Action::EndAssignment,
        "x",
        "end",
        "on a role: end an assignment (by the Lead, or its filler resigning)",
    ),
    BROWSER_AS_OF_DATE,
    ADD_PERSON,
    UNDO_ORG_ENTRY,
    quiet(
        &[Char('c')],
        Action::AddChecklistItem,
        "c",
        "on a role: add a checklist item (as the Secretary or its filler)",
    ),
    quiet(
        &[Char('m')],
        Action::AddMetric,
        "m",
        "on a role: add a metric (who may depends on the rule set)",
    ),
    quiet(
        &[Char('e')],
        Action::EndRecord,
        "e",
        "on a role: end one of its checklist items or metrics",
    ),
    HELP,
];

/// The browser while it shows a past date: the same keys, but Esc returns to today.
pub const BROWSER_AS_OF: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    BROWSER_OPEN,
    BROWSER_EXPAND,
    BROWSER_COLLAPSE,
    BROWSER_PAGE_DOWN,
    also(&[PageUp], Action::PageUp),
    BROWSER_TOP,
    also(&[End], Action::Bottom),
    bind(
        &[Esc, Char('q')],
        Action::Back,
        "Esc",
        "today",
        "back to today's organisation (also q)",
    ),
    BROWSER_AS_OF_DATE,
    HELP,
];
