//! Keys: which key does what on each screen, and what the hint bar says about it.
//!
//! Owns: `Binding` and the ways to write one, the bindings several screens share, the help
//! overlay's table, and looking a key up in a table; `Action` (in `action`) and each screen's
//! tables (in the submodules) are re-exported from here. One table per screen state serves
//! both dispatch and the hint bar, so the two cannot disagree.
//! Must not import: rusqlite, tokio.

use crate::domain::meeting::MeetingKind;
use crate::ui::Hint;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::borrow::Cow;

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
pub(super) const fn bind(
    keys: &'static [KeyCode],
    action: Action,
    shown: &'static str,
    label: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        hint: Some(Hint {
            keys: shown,
            label: Cow::Borrowed(label),
        }),
        help: Some(Hint {
            keys: shown,
            label: Cow::Borrowed(help),
        }),
    }
}

/// A binding only the help overlay mentions.
pub(super) const fn quiet(
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
            label: Cow::Borrowed(help),
        }),
    }
}

/// A binding covered by another's hint and help line.
pub(super) const fn also(keys: &'static [KeyCode], action: Action) -> Binding {
    Binding {
        keys,
        action,
        hint: None,
        help: None,
    }
}

use KeyCode::{Char, Down, End, Esc, Home, PageDown, PageUp, Up};

mod action;
mod adoption;
mod browser;
mod governance;
mod home;
mod meeting;
mod review;
mod text;
mod work;
pub use action::Action;
pub use adoption::*;
pub use browser::*;
pub use governance::*;
pub use home::*;
pub use meeting::*;
pub use review::*;
pub use text::*;
pub use work::*;

pub(super) const MOVE_UP: Binding = bind(
    &[Up, Char('k')],
    Action::Up,
    "↑↓",
    "move",
    "move the selection (also k j)",
);
pub(super) const MOVE_DOWN: Binding = also(&[Down, Char('j')], Action::Down);
pub(super) const HELP: Binding = bind(&[Char('?')], Action::Help, "?", "help", "this help");

pub(super) const ADD_PERSON: Binding = bind(
    &[Char('n')],
    Action::AddPerson,
    "n",
    "new person",
    "add a person to the organisation (name, then e-mail)",
);
pub(super) const UNDO_ORG_ENTRY: Binding = quiet(
    &[Char('u')],
    Action::UndoOrgEntry,
    "u",
    "take back the latest change made between meetings (person or assignment; asks first)",
);

/// A checklist item answered, in a meeting's checklist review and in a solo review.
pub(super) const CHECK: Binding = bind(
    &[Char('c')],
    Action::Check,
    "c",
    "check",
    "check: done for the period",
);
pub(super) const NO_CHECK: Binding = bind(
    &[Char('x')],
    Action::NoCheck,
    "x",
    "no check",
    "no check: not done",
);

pub const HELP_OPEN: &[Binding] = &[
    bind(
        &[Esc, Char('?'), Char('q')],
        Action::Back,
        "Esc",
        "close help",
        "close this help",
    ),
    bind(
        &[Down, Char('j')],
        Action::Down,
        "↑↓",
        "scroll",
        "scroll the help (also k j)",
    ),
    also(&[Up, Char('k')], Action::Up),
    bind(
        &[PageDown, Char(' ')],
        Action::PageDown,
        "PgDn PgUp",
        "page",
        "a page down or up (also Space)",
    ),
    also(&[PageUp], Action::PageUp),
    also(&[Home], Action::Top),
    also(&[End], Action::Bottom),
];

/// How many lines a scrolling action moves a text (the help overlay, the minutes), given
/// the height of a page.
pub fn scroll_lines(action: Action, page: i32) -> Option<i32> {
    match action {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-page),
        Action::PageDown => Some(page),
        Action::Top => Some(i32::from(i16::MIN)),
        Action::Bottom => Some(i32::from(i16::MAX)),
        _ => None,
    }
}

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

/// The keys a table binds to starting each kind of meeting, in its order: what home's panel
/// lists under "Start", so that it shows the keys the table binds.
pub fn starts(table: &[Binding]) -> Vec<(&'static str, MeetingKind)> {
    table
        .iter()
        .filter_map(|b| match (b.action, &b.help) {
            (Action::Start(kind), Some(help)) => Some((help.keys, kind)),
            _ => None,
        })
        .collect()
}

/// The hint bar's hints of a table, in order.
pub fn hints(table: &[Binding], refused: impl Fn(Action) -> bool) -> Vec<Hint> {
    table
        .iter()
        .filter(|b| b.hint.is_some() && !refused(b.action))
        .filter_map(|b| b.hint.clone())
        .collect()
}

/// The help overlay's lines of a table, in order.
pub fn help(table: &[Binding]) -> Vec<Hint> {
    help_of(&[table])
}

/// The help overlay's lines of a screen whose keys depend on the selected line: every
/// table's, in order, each line once, so help lists every key the screen takes whatever
/// line is selected when `?` is pressed.
pub fn help_of(tables: &[&[Binding]]) -> Vec<Hint> {
    let mut lines: Vec<Hint> = Vec::new();
    for hint in tables
        .iter()
        .flat_map(|t| t.iter().filter_map(|b| b.help.clone()))
    {
        if !lines.contains(&hint) {
            lines.push(hint);
        }
    }
    lines
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
        for table in [
            WELCOME,
            HOME,
            BROWSER,
            BROWSER_AS_OF,
            SETUP,
            ROUND,
            CHECKLIST,
            METRICS,
            PROGRESS,
            AGENDA,
            TRIAGE,
            MINUTES,
            PAST,
        ] {
            let keys: Vec<_> = hints(table, |_| false).iter().map(|h| h.keys).collect();
            assert!(keys.contains(&"?"), "{keys:?}");
            assert!(keys.contains(&"q") || keys.contains(&"Esc"), "{keys:?}");
        }
    }
}
