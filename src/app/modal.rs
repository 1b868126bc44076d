//! Keys inside a modal (text prompt, picker, yes/no question), whatever screen opened it.
//!
//! Owns: what each key does to a modal and what the screen is told when the modal is done.
//! Must not import: rusqlite, tokio; must not draw.

use super::keys::{self, Action, lookup};
use crate::domain::text::clean_line;
use crate::ui::{Modal, Prompt, step};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// What a key did to a modal.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Text confirmed with Enter, cleaned of control characters.
    Submitted(String),
    /// An option chosen in a picker.
    Picked(usize),
    /// The answer to a yes/no question.
    Answered(bool),
    Cancelled,
    /// The modal changed (typing, moving) and stays open.
    Changed,
    /// The key means nothing here.
    Ignored,
}

/// Handles a key in a text prompt. A character typed into a full field is ignored.
pub fn prompt_key(prompt: &mut Prompt, key: KeyEvent) -> Outcome {
    match key.code {
        KeyCode::Esc => Outcome::Cancelled,
        KeyCode::Enter => Outcome::Submitted(clean_line(prompt.input.value())),
        KeyCode::Char(_)
            if !key.modifiers.contains(KeyModifiers::CONTROL)
                && prompt.input.value().chars().count() >= prompt.kind.max_chars() =>
        {
            Outcome::Ignored
        }
        _ => match prompt.input.handle_event(&Event::Key(key)) {
            Some(_) => Outcome::Changed,
            None => Outcome::Ignored,
        },
    }
}

/// What inserting a text into a field did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inserted {
    /// Characters that went in.
    pub kept: usize,
    /// Characters left out because the field was full.
    pub dropped: usize,
}

/// Inserts `text` at the cursor in one operation (the field is rebuilt once, whatever the
/// length: inserting a character at a time costs the square of the length), keeping the
/// field within `limit` characters. The cursor ends after the inserted text.
pub fn insert_text(input: &mut Input, text: &str, limit: usize) -> Inserted {
    let value = input.value();
    let cursor = input.cursor();
    let room = limit.saturating_sub(value.chars().count());
    let (piece, kept) = match text.char_indices().nth(room) {
        Some((cut, _)) => (&text[..cut], room),
        None => (text, text.chars().count()),
    };
    let at = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(i, _)| i);
    let mut joined = String::with_capacity(value.len() + piece.len());
    joined.push_str(&value[..at]);
    joined.push_str(piece);
    joined.push_str(&value[at..]);
    *input = Input::new(joined).with_cursor(cursor + kept);
    Inserted {
        kept,
        dropped: text.chars().count() - kept,
    }
}

/// Handles a key in any modal.
pub fn modal_key(modal: &mut Modal, key: KeyEvent) -> Outcome {
    match modal {
        Modal::Prompt(prompt) => prompt_key(prompt, key),
        Modal::Picker(picker) => match lookup(keys::PICKER, &key) {
            Some(Action::Up) => {
                picker.selected = step(picker.selected, picker.options.len(), -1);
                Outcome::Changed
            }
            Some(Action::Down) => {
                picker.selected = step(picker.selected, picker.options.len(), 1);
                Outcome::Changed
            }
            Some(Action::Open) if !picker.options.is_empty() => Outcome::Picked(picker.selected),
            Some(Action::Back) => Outcome::Cancelled,
            _ => Outcome::Ignored,
        },
        Modal::Confirm(confirm) => match lookup(confirm_table(confirm), &key) {
            Some(Action::Yes) => Outcome::Answered(true),
            Some(Action::No) => Outcome::Answered(false),
            Some(Action::Back) => Outcome::Cancelled,
            _ => Outcome::Ignored,
        },
    }
}

/// The binding table for a modal's hint bar.
pub fn table(modal: &Modal) -> &'static [keys::Binding] {
    match modal {
        Modal::Prompt(_) => keys::PROMPT,
        Modal::Picker(_) => keys::PICKER,
        Modal::Confirm(confirm) => confirm_table(confirm),
    }
}

fn confirm_table(confirm: &crate::ui::Confirm) -> &'static [keys::Binding] {
    if confirm.in_series {
        keys::QUESTION
    } else {
        keys::CONFIRM
    }
}
