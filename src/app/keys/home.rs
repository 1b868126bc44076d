//! The welcome screen's and home's keys: the ways to start, and what home does with the
//! selected circle and the organisation's people.
//!
//! Owns: those two tables. Must not import: rusqlite, tokio.

use super::{Action, Binding, HELP, MOVE_DOWN, MOVE_UP, UNDO_ORG_ENTRY, also, bind, quiet};
use crate::domain::meeting::MeetingKind;
use ratatui::crossterm::event::KeyCode::{Char, Enter};

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
        Action::Start(MeetingKind::Tactical),
        "t",
        "tactical",
        "start or resume a tactical meeting of the circle",
    ),
    bind(
        &[Char('g')],
        Action::Start(MeetingKind::Governance),
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
        &[Char('w')],
        Action::StartWork,
        "w",
        "my work",
        "your own projects, next actions and tensions (My work)",
    ),
    bind(
        &[Char('p')],
        Action::PastMeetings,
        "p",
        "past",
        "past meetings and their minutes",
    ),
    bind(&[Char('q')], Action::Leave, "q", "quit", "quit Roundtable"),
    // In help only: home's hint bar is full at 80 columns (the browser shows `n`).
    quiet(
        &[Char('n')],
        Action::AddPerson,
        "n",
        "add a person to the organisation (name, then e-mail)",
    ),
    quiet(
        &[Char('f')],
        Action::Follow,
        "f",
        "follow the meeting going on in another program (read-only)",
    ),
    quiet(
        &[Char('i')],
        Action::AtTheKeyboard,
        "i",
        "say who is at the keyboard (recorded, remembered per database)",
    ),
    quiet(
        &[Char('e')],
        Action::RenamePerson,
        "e",
        "give a person another name (names are unique, ignoring case)",
    ),
    quiet(
        &[Char('l')],
        Action::PersonLeaves,
        "l",
        "a person leaves the organisation: their roles end (asks first)",
    ),
    quiet(
        &[Char('B')],
        Action::DeclareBreakdown,
        "B",
        "declare a process breakdown in the circle (who may: 4.1 §3.5.2, 5.0 §5.5)",
    ),
    quiet(
        &[Char('R')],
        Action::RestoreProcess,
        "R",
        "conclude that due process is restored in the circle (4.1 §3.5.3, 5.0 §5.5.2)",
    ),
    UNDO_ORG_ENTRY,
    HELP,
];
