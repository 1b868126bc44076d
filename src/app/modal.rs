//! Keys inside a modal (text prompt, picker, yes/no question), whatever screen opened it.
//! In a text of several lines, Enter still confirms, as everywhere; Alt+Enter (or Ctrl+J)
//! starts a new line, and the editor's own keys move, delete words and undo.
//!
//! Owns: what each key does to a modal, and what the screen is told when the modal is done.
//! Must not import: rusqlite, tokio; must not draw.

use super::keys::{self, Action, lookup};
use crate::domain::text::{clean_line, clean_text};
use crate::ui::{Editor, Modal, Prompt, step};
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
    /// Esc: the modal closed and nothing was confirmed.
    Cancelled,
    /// The modal changed (typing, moving) and stays open.
    Changed,
    /// The key means nothing here.
    Ignored,
}

/// Handles a key in a text prompt. A character typed into a full field is ignored.
pub fn prompt_key(prompt: &mut Prompt, key: KeyEvent) -> Outcome {
    let full = prompt.editor.chars() >= prompt.kind.max_chars();
    let typing = |key: &KeyEvent| {
        matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    };
    match &mut prompt.editor {
        Editor::Line(input) => match key.code {
            KeyCode::Esc => Outcome::Cancelled,
            KeyCode::Enter => Outcome::Submitted(clean_line(input.value())),
            _ if full && typing(&key) => Outcome::Ignored,
            _ => match input.handle_event(&Event::Key(key)) {
                Some(_) => Outcome::Changed,
                None => Outcome::Ignored,
            },
        },
        Editor::Lines(area) => {
            if keys::is_new_line(&key) {
                if full {
                    return Outcome::Ignored;
                }
                area.insert_newline();
                return Outcome::Changed;
            }
            match key.code {
                KeyCode::Esc => Outcome::Cancelled,
                KeyCode::Enter => {
                    // Held to the limit however the text came in (the editor's own paste of
                    // what it cut, Ctrl+Y, is not counted as it goes in).
                    let text = clean_text(&area.lines().join("\n"));
                    Outcome::Submitted(text.chars().take(prompt.kind.max_chars()).collect())
                }
                // A tab would be cleaned into a space: it is not typed at all.
                KeyCode::Tab | KeyCode::BackTab => Outcome::Ignored,
                _ if full && typing(&key) => Outcome::Ignored,
                _ => {
                    let before = (area.cursor(), area.lines().len());
                    let modified = area.input(key);
                    if modified || (area.cursor(), area.lines().len()) != before {
                        Outcome::Changed
                    } else {
                        Outcome::Ignored
                    }
                }
            }
        }
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
    let (piece, inserted) = fitting(text, limit.saturating_sub(value.chars().count()));
    let at = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(i, _)| i);
    let mut joined = String::with_capacity(value.len() + piece.len());
    joined.push_str(&value[..at]);
    joined.push_str(piece);
    joined.push_str(&value[at..]);
    *input = Input::new(joined).with_cursor(cursor + inserted.kept);
    inserted
}

/// Inserts `text` (which may hold line breaks) into the field at its cursor, as
/// [`insert_text`] does for one line.
pub fn insert_into(editor: &mut Editor, text: &str, limit: usize) -> Inserted {
    let room = limit.saturating_sub(editor.chars());
    match editor {
        Editor::Line(input) => insert_text(input, text, limit),
        Editor::Lines(area) => {
            let (piece, inserted) = fitting(text, room);
            area.insert_str(piece);
            inserted
        }
    }
}

/// As much of `text` as fits in `room` characters, and what was kept and left out.
fn fitting(text: &str, room: usize) -> (&str, Inserted) {
    let (piece, kept) = match text.char_indices().nth(room) {
        Some((cut, _)) => (&text[..cut], room),
        None => (text, text.chars().count()),
    };
    let inserted = Inserted {
        kept,
        dropped: text.chars().count() - kept,
    };
    (piece, inserted)
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
        Modal::Prompt(prompt) => keys::prompt_table(prompt),
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
