//! The solo review's keys, one table per kind of stop so the hint bar says exactly what the
//! stop accepts.
//!
//! Owns: those tables. Must not import: rusqlite, tokio.

use super::{Action, Binding, CHECK, HELP, NO_CHECK, also, bind};
use ratatui::crossterm::event::KeyCode::{Char, Enter, Left, Right};

const NEXT: Binding = bind(
    &[Right, Char(' ')],
    Action::Next,
    "→",
    "next",
    "next stop (also Space)",
);
const BACK: Binding = bind(&[Left], Action::Previous, "←", "back", "previous stop");
const UNDO: Binding = bind(
    &[Char('u')],
    Action::Retract,
    "u",
    "undo",
    "take back the last entry (asks first)",
);
const LEAVE: Binding = bind(
    &[Char('q')],
    Action::Leave,
    "q",
    "leave",
    "leave; the review stays open and r resumes it",
);
const NEXT_ACTION: Binding = bind(
    &[Char('n')],
    Action::AddNextAction,
    "n",
    "next action",
    "add a next action for this role",
);

pub const REVIEW_READ: &[Binding] = &[NEXT, BACK, UNDO, LEAVE, HELP];

pub const REVIEW_ACCOUNTABILITY: &[Binding] = &[
    NEXT_ACTION,
    bind(
        &[Char('p')],
        Action::AddProject,
        "p",
        "project",
        "add a project for this role",
    ),
    bind(
        &[Right, Char(' ')],
        Action::Next,
        "→",
        "pass",
        "nothing for now: next stop (also Space)",
    ),
    BACK,
    UNDO,
    LEAVE,
    HELP,
];

pub const REVIEW_PROJECT: &[Binding] = &[
    NEXT_ACTION,
    bind(
        &[Char('d')],
        Action::MarkDone,
        "d",
        "done",
        "the project is done",
    ),
    bind(
        &[Char('w')],
        Action::MarkWaiting,
        "w",
        "waiting",
        "the project is waiting",
    ),
    NEXT,
    BACK,
    UNDO,
    LEAVE,
    HELP,
];

pub const REVIEW_CHECKLIST: &[Binding] = &[CHECK, NO_CHECK, NEXT, BACK, UNDO, LEAVE, HELP];

pub const REVIEW_METRIC: &[Binding] = &[
    bind(&[Enter], Action::Open, "Enter", "value", "enter the value"),
    NEXT,
    BACK,
    UNDO,
    LEAVE,
    HELP,
];

pub const REVIEW_TENSIONS: &[Binding] = &[
    bind(
        &[Char('t')],
        Action::TacticalTension,
        "t",
        "tactical",
        "a tension for a circle's next tactical meeting",
    ),
    bind(
        &[Char('g')],
        Action::GovernanceTension,
        "g",
        "governance",
        "a tension for a circle's next governance meeting",
    ),
    NEXT,
    BACK,
    UNDO,
    LEAVE,
    HELP,
];

pub const REVIEW_SUMMARY: &[Binding] = &[
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "finish",
        "finish the review (asks first)",
    ),
    also(&[Char('e')], Action::Open),
    BACK,
    UNDO,
    LEAVE,
    HELP,
];
