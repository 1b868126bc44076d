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
}

/// Keys bound to one action, and its hint (none: works but is not advertised separately).
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub action: Action,
    pub hint: Option<Hint>,
}

const fn bind(
    keys: &'static [KeyCode],
    action: Action,
    hint: Option<(&'static str, &'static str)>,
) -> Binding {
    let hint = match hint {
        Some((keys, label)) => Some(Hint { keys, label }),
        None => None,
    };
    Binding { keys, action, hint }
}

use KeyCode::{Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Up};

const MOVE_UP: Binding = bind(&[Up, Char('k')], Action::Up, Some(("↑↓", "move")));
const MOVE_DOWN: Binding = bind(&[Down, Char('j')], Action::Down, None);
const HELP: Binding = bind(&[Char('?')], Action::Help, Some(("?", "help")));

pub const WELCOME: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    bind(&[Enter], Action::Open, Some(("Enter", "choose"))),
    bind(&[Char('1')], Action::Choose(0), Some(("1-3", "pick"))),
    bind(&[Char('2')], Action::Choose(1), None),
    bind(&[Char('3')], Action::Choose(2), None),
    bind(&[Char('q')], Action::Leave, Some(("q", "quit"))),
    HELP,
];

pub const PROMPT: &[Binding] = &[
    bind(&[Enter], Action::Open, Some(("Enter", "confirm"))),
    bind(&[Esc], Action::Back, Some(("Esc", "cancel"))),
];

pub const HOME: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    bind(&[Enter, Char('o')], Action::Open, Some(("Enter", "browse"))),
    bind(&[Char('t')], Action::StartTactical, Some(("t", "tactical"))),
    bind(
        &[Char('g')],
        Action::StartGovernance,
        Some(("g", "governance")),
    ),
    bind(&[Char('r')], Action::StartReview, Some(("r", "review"))),
    bind(&[Char('p')], Action::PastMeetings, Some(("p", "past"))),
    bind(&[Char('q')], Action::Leave, Some(("q", "quit"))),
    HELP,
];

pub const BROWSER: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    bind(&[Enter], Action::Open, Some(("Enter", "open/close"))),
    bind(&[Right, Char('l')], Action::Expand, None),
    bind(&[Left, Char('h')], Action::Collapse, None),
    bind(
        &[PageDown, Char(' ')],
        Action::PageDown,
        Some(("PgDn PgUp", "details")),
    ),
    bind(&[PageUp], Action::PageUp, None),
    bind(&[Home], Action::Top, None),
    bind(&[End], Action::Bottom, None),
    bind(&[Esc, Char('q')], Action::Back, Some(("Esc", "home"))),
    HELP,
];

pub const HELP_OPEN: &[Binding] = &[bind(
    &[Esc, Char('?'), Char('q')],
    Action::Back,
    Some(("Esc", "close help")),
)];

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

/// The hints of a table, in order.
pub fn hints(table: &[Binding]) -> Vec<Hint> {
    table.iter().filter_map(|b| b.hint).collect()
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
