//! A one-line text field opened over a screen: what it asks for, its limits, and how a kept
//! entry holds it (what it asks, not what was being typed).
//!
//! Owns: `PromptKind` and `Prompt`. Must not import: rusqlite, tokio, `crate::store`,
//! `crate::app`.

use serde::{Deserialize, Serialize};
use tui_input::Input;

/// What a text prompt is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PromptKind {
    OrganisationName,
    ImportPath,
    GuestName,
    GuestTension,
    ObserverName,
    Note,
    MetricValue,
    MetricComment,
    ProjectUpdate,
    AgendaLabel,
    OutputText,
    Date,
    PersonName,
    Email,
    Focus,
}

impl PromptKind {
    pub fn question(self) -> &'static str {
        match self {
            PromptKind::OrganisationName => "Name of the organisation",
            PromptKind::ImportPath => "Path of the organisation file",
            PromptKind::GuestName => "Name of the guest",
            PromptKind::GuestTension => "The tension the guest helps with (its agenda label)",
            PromptKind::ObserverName => "Name of the observer",
            PromptKind::Note => "Note for the speaker",
            PromptKind::MetricValue => "Value",
            PromptKind::MetricComment => "Comment (optional: Enter to skip)",
            PromptKind::ProjectUpdate => "What changed since the last update",
            PromptKind::AgendaLabel => "Agenda item (one or two words)",
            PromptKind::OutputText => "Text",
            PromptKind::Date => "Show the organisation as it stood on (YYYY-MM-DD)",
            PromptKind::PersonName => "Name of the new person",
            PromptKind::Email => "E-mail (optional: Enter to skip)",
            PromptKind::Focus => "Focus (optional: Enter for none)",
        }
    }

    /// The most characters the field holds; typing stops there and a paste is shortened.
    pub fn max_chars(self) -> usize {
        match self {
            PromptKind::OrganisationName
            | PromptKind::GuestName
            | PromptKind::ObserverName
            | PromptKind::PersonName
            | PromptKind::Email
            | PromptKind::Focus => 200,
            PromptKind::ImportPath => 4096,
            PromptKind::MetricValue | PromptKind::Date => 100,
            PromptKind::Note
            | PromptKind::MetricComment
            | PromptKind::ProjectUpdate
            | PromptKind::AgendaLabel
            | PromptKind::GuestTension
            | PromptKind::OutputText => crate::domain::text::MAX_ENTRY_CHARS,
        }
    }
}

/// A one-line text field, with an optional title that replaces the kind's question.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(into = "SavedPrompt", from = "SavedPrompt")]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: Input,
    pub title: Option<String>,
}

/// A prompt as a kept draft holds it: what it asks, not what was being typed (only confirmed
/// fields are kept).
#[derive(Serialize, Deserialize)]
struct SavedPrompt {
    kind: PromptKind,
    title: Option<String>,
}

impl From<Prompt> for SavedPrompt {
    fn from(p: Prompt) -> SavedPrompt {
        SavedPrompt {
            kind: p.kind,
            title: p.title,
        }
    }
}

impl From<SavedPrompt> for Prompt {
    fn from(p: SavedPrompt) -> Prompt {
        Prompt {
            kind: p.kind,
            input: Input::default(),
            title: p.title,
        }
    }
}

impl Prompt {
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            input: Input::default(),
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
            input: Input::new(value.to_string()),
            title: Some(title),
        }
    }

    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or(self.kind.question())
    }
}
