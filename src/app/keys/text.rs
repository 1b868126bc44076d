//! Keys in a text field: one line (Enter confirms), or a text that may span lines (Enter still
//! confirms, Alt+Enter or Ctrl+J starts a new line, the editor's own keys move and undo).
//!
//! Owns: the two prompt tables and what counts as "new line". Must not import: rusqlite,
//! tokio.

use super::{Action, Binding, bind, quiet};
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc};
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

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

/// A text that may span lines: Enter confirms as in every field, a new line is Alt+Enter.
pub const TEXT_PROMPT: &[Binding] = &[
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "save",
        "use what you typed",
    ),
    bind(
        &[],
        Action::NewLine,
        "Alt+Enter",
        "new line",
        "start a new line (also Ctrl+J)",
    ),
    bind(
        &[Esc],
        Action::Back,
        "Esc",
        "cancel",
        "close the field without using it",
    ),
    quiet(
        &[],
        Action::Edit,
        "←→↑↓ Home End",
        "move the cursor; Ctrl+← Ctrl+→ (or Alt+B Alt+F) by a word",
    ),
    quiet(
        &[],
        Action::Edit,
        "Ctrl+W Alt+D",
        "delete the word before or after the cursor; Ctrl+K to the line's end",
    ),
    quiet(&[], Action::Edit, "Ctrl+U Ctrl+R", "undo, redo"),
    quiet(&[], Action::Edit, "PgUp PgDn", "scroll a long text"),
];

/// The binding table of a text prompt: one line, or a text that may span lines.
pub fn prompt_table(prompt: &crate::ui::Prompt) -> &'static [Binding] {
    if prompt.kind.is_multi_line() {
        TEXT_PROMPT
    } else {
        PROMPT
    }
}

/// Whether the key starts a new line in a text of several lines: Alt+Enter, Shift+Enter
/// where the terminal tells it apart, or Ctrl+J (a line feed, which every terminal sends).
pub fn is_new_line(key: &KeyEvent) -> bool {
    let with = |m| key.modifiers.contains(m);
    (key.code == Enter && (with(KeyModifiers::ALT) || with(KeyModifiers::SHIFT)))
        || (key.code == Char('j') && with(KeyModifiers::CONTROL))
}
