//! "My work"'s keys, one table per kind of selected line, so the hint bar offers exactly
//! what the selected line takes: a project's status, a next action's done, a tension's drop.
//!
//! Owns: those tables. Must not import: rusqlite, tokio.

use super::{Action, Binding, HELP, MOVE_DOWN, MOVE_UP, also, bind, quiet};
use ratatui::crossterm::event::KeyCode::{Char, End, Esc, Home, PageDown, PageUp};

const NEXT_ACTION: Binding = bind(
    &[Char('n')],
    Action::AddNextAction,
    "n",
    "next action",
    "add a next action: for the selected line's role, else your own",
);
const PROJECT: Binding = bind(
    &[Char('p')],
    Action::AddProject,
    "p",
    "project",
    "add a project for the selected line's role",
);
const TACTICAL: Binding = bind(
    &[Char('t')],
    Action::TacticalTension,
    "t",
    "tension",
    "note a tension for a circle's next tactical meeting",
);
const GOVERNANCE: Binding = quiet(
    &[Char('g')],
    Action::GovernanceTension,
    "g",
    "note a tension for a circle's next governance meeting",
);
const UNDO: Binding = bind(
    &[Char('u')],
    Action::Retract,
    "u",
    "undo",
    "take back your last entry here (asks first)",
);
const REVIEW: Binding = quiet(
    &[Char('r')],
    Action::StartReview,
    "r",
    "start (or resume) your solo role review",
);
const LEAVE: Binding = bind(
    &[Esc, Char('q')],
    Action::Leave,
    "Esc",
    "home",
    "back to home",
);
const PAGE_DOWN: Binding = also(&[PageDown], Action::PageDown);
const PAGE_UP: Binding = also(&[PageUp], Action::PageUp);
const TOP: Binding = also(&[Home], Action::Top);
const BOTTOM: Binding = also(&[End], Action::Bottom);

/// A table of "My work": the selected line's own keys first, then what every line takes.
macro_rules! work_table {
    ($($first:expr),* $(,)?) => {
        &[
            $($first,)*
            MOVE_UP, MOVE_DOWN, NEXT_ACTION, PROJECT, TACTICAL, GOVERNANCE, UNDO, REVIEW,
            LEAVE, HELP, PAGE_DOWN, PAGE_UP, TOP, BOTTOM,
        ]
    };
}

/// On a role, a heading or something due.
pub const WORK: &[Binding] = work_table![];

const ACTION_DONE: Binding = bind(
    &[Char('d')],
    Action::MarkDone,
    "d",
    "done",
    "the selected next action is done",
);
const DONE_PROJECT: Binding = bind(
    &[Char('d')],
    Action::MarkDone,
    "d",
    "done",
    "the selected project is done",
);
const WAITING: Binding = bind(
    &[Char('w')],
    Action::MarkWaiting,
    "w",
    "waiting",
    "the selected project waits on something",
);
const CURRENT: Binding = bind(
    &[Char('c')],
    Action::MarkCurrent,
    "c",
    "current",
    "the selected project is current again",
);
const DROP: Binding = bind(
    &[Char('x')],
    Action::DropTension,
    "x",
    "drop",
    "drop the selected tension: no meeting is offered it (asks first)",
);

/// On one of the person's open next actions.
pub const WORK_ACTION: &[Binding] = work_table![ACTION_DONE];

/// On a current project.
pub const WORK_CURRENT_PROJECT: &[Binding] = work_table![DONE_PROJECT, WAITING];

/// On a waiting project.
pub const WORK_WAITING_PROJECT: &[Binding] = work_table![DONE_PROJECT, CURRENT];

/// On one of the person's open tensions (a project there would have no role: `p` is not
/// offered, and says so if pressed).
pub const WORK_TENSION: &[Binding] = work_table![DROP];

/// What "My work"'s help lists: the keys of each kind of line first, then what every line
/// takes, so `?` names every key the screen takes whatever line is selected.
pub const WORK_TABLES: &[&[Binding]] =
    &[&[ACTION_DONE, DONE_PROJECT, WAITING, CURRENT, DROP], WORK];
