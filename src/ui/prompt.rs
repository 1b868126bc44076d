//! A text field opened over a screen: what it asks for, its limits, whether its text may span
//! lines, and how a kept entry holds it.
//!
//! A one-line field (a name, a label, a value) is a `tui_input::Input`; a field whose text may
//! span lines (a purpose, a policy, a list, a note) is a `ratatui_textarea::TextArea`, which
//! wraps long lines and scrolls. A kept entry holds what the field asks, the text typed so far
//! and where the cursor was, whichever the editor: what the screen shows survives a kill.
//!
//! Owns: `Editor` and `Prompt` (`PromptKind`, what a field asks for, is the domain's, in
//! `domain::form`). Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use serde::{Deserialize, Serialize};
use tui_input::Input;

/// What a text prompt is asking for: a form's question in the domain (`domain::form`).
pub use crate::domain::form::PromptKind;

/// The text being typed: one line, or a text of several lines.
#[derive(Debug, Clone)]
pub enum Editor {
    /// A one-line field: a name, a label, a value.
    Line(Input),
    /// Boxed: the editor carries its history and layout, far larger than a line.
    Lines(Box<TextArea<'static>>),
}

impl Editor {
    /// An editor for `kind` holding `value`, the cursor at its end.
    fn new(kind: PromptKind, value: &str) -> Editor {
        if kind.is_multi_line() {
            let mut area = Editor::text_area(value);
            area.move_cursor(CursorMove::Bottom);
            area.move_cursor(CursorMove::End);
            Editor::Lines(Box::new(area))
        } else {
            Editor::Line(Input::new(value.to_string()))
        }
    }

    /// A multi-line editor holding `value`, set up as every field of the program is drawn:
    /// long lines wrap at words, the cursor's line is not underlined.
    fn text_area(value: &str) -> TextArea<'static> {
        let mut area = TextArea::new(value.split('\n').map(String::from).collect());
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::default());
        // Undo remembers a whole field's worth of small edits.
        area.set_max_histories(200);
        area
    }

    /// The text as typed, lines joined by `\n`.
    pub fn value(&self) -> String {
        match self {
            Editor::Line(input) => input.value().to_string(),
            Editor::Lines(area) => area.lines().join("\n"),
        }
    }

    /// How many characters the text holds, a line break counting as one.
    pub fn chars(&self) -> usize {
        match self {
            Editor::Line(input) => input.value().chars().count(),
            Editor::Lines(area) => {
                let lines = area.lines();
                lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len() - 1
            }
        }
    }
}

/// A text field, with an optional title that replaces the kind's question.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(into = "SavedPrompt", from = "SavedPrompt")]
pub struct Prompt {
    pub kind: PromptKind,
    pub editor: Editor,
    pub title: Option<String>,
}

/// A prompt as a kept draft holds it: what it asks, what was typed and where the cursor stood
/// (line and character, from 0; a one-line field is on line 0).
#[derive(Serialize, Deserialize)]
struct SavedPrompt {
    kind: PromptKind,
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    typed: Option<SavedText>,
}

#[derive(Serialize, Deserialize)]
struct SavedText {
    text: String,
    cursor: (usize, usize),
}

impl From<Prompt> for SavedPrompt {
    fn from(p: Prompt) -> SavedPrompt {
        let cursor = match &p.editor {
            Editor::Line(input) => (0, input.cursor()),
            Editor::Lines(area) => {
                let c = area.cursor();
                (c.0, c.1)
            }
        };
        // Nothing typed is not written: a draft reads as it did before any text was kept.
        let text = p.editor.value();
        let typed = (!text.is_empty()).then_some(SavedText { text, cursor });
        SavedPrompt {
            kind: p.kind,
            title: p.title,
            typed,
        }
    }
}

impl From<SavedPrompt> for Prompt {
    fn from(p: SavedPrompt) -> Prompt {
        let editor = match p.typed {
            Some(typed) if p.kind.is_multi_line() => {
                let mut area = Editor::text_area(&typed.text);
                let (row, col) = typed.cursor;
                // A cursor beyond the text (a hand-edited draft) lands at its end instead.
                let to = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
                area.move_cursor(CursorMove::Jump(to(row), to(col)));
                Editor::Lines(Box::new(area))
            }
            Some(typed) => {
                // One line: a line break (a hand-edited draft) cannot be typed here, and a
                // cursor beyond the text lands at its end.
                let text = typed.text.replace('\n', " ");
                let col = typed.cursor.1.min(text.chars().count());
                Editor::Line(Input::new(text).with_cursor(col))
            }
            None => Editor::new(p.kind, ""),
        };
        Prompt {
            kind: p.kind,
            editor,
            title: p.title,
        }
    }
}

impl Prompt {
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            editor: Editor::new(kind, ""),
            title: None,
        }
    }

    pub fn titled(kind: PromptKind, title: String) -> Prompt {
        Prompt::filled(kind, title, "")
    }

    /// A titled prompt holding `value` to edit, the cursor at its end.
    pub fn filled(kind: PromptKind, title: String, value: &str) -> Prompt {
        Prompt {
            kind,
            editor: Editor::new(kind, value),
            title: Some(title),
        }
    }

    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or(self.kind.question())
    }

    /// The text as typed (lines joined by `\n`).
    pub fn value(&self) -> String {
        self.editor.value()
    }
}
