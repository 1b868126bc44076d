//! An entry being put together: the open prompt, picker or question and the parts gathered
//! before it (and, in a governance meeting, the proposal changes being written).
//!
//! Two uses. When the store cannot take an entry (locked, unreachable, full), the screen goes
//! back to where it was before the key that tried to write it, typed text included, so
//! pressing it again retries. And after every key, what the entry holds is saved with the
//! meeting (what was asked and every confirmed field, not half-typed text), so a program
//! killed mid-entry resumes it: what the screen says is kept survives a kill.
//!
//! Owns: `Kept`, taking it from a screen, putting it back, and saving and resuming it.
//! Must not: draw, or hold SQL.

use super::App;
use crate::domain::MeetingId;
use crate::domain::meeting::governance::Change;
use crate::ui::{Draft, GovDraft, Modal, ReviewDraft, Screen};
use serde::{Deserialize, Serialize};

/// How long after a failed save of the entry on screen the next one is tried.
const KEEP_RETRY: chrono::TimeDelta = chrono::TimeDelta::seconds(5);

/// What an open entry holds, per screen.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum Kept {
    /// Nothing open that a write could lose.
    Nothing,
    Tactical {
        modal: Option<Modal>,
        draft: Draft,
    },
    Governance {
        modal: Option<Modal>,
        draft: GovDraft,
        editing: Option<Vec<Change>>,
    },
    Review {
        modal: Option<Modal>,
        draft: ReviewDraft,
    },
}

impl Kept {
    /// A copy of the entry open on `screen`.
    pub fn of(screen: &Screen) -> Kept {
        match screen {
            Screen::Tactical(s) => Kept::Tactical {
                modal: s.modal.clone(),
                draft: s.draft.clone(),
            },
            Screen::Governance(s) => Kept::Governance {
                modal: s.modal.clone(),
                draft: s.draft.clone(),
                editing: s.editing.clone(),
            },
            Screen::Review(s) => Kept::Review {
                modal: s.modal.clone(),
                draft: s.draft.clone(),
            },
            _ => Kept::Nothing,
        }
    }

    /// Whether nothing has been confirmed yet (a question just opened is not worth keeping).
    fn is_empty(&self) -> bool {
        match self {
            Kept::Nothing => true,
            Kept::Tactical { draft, .. } => *draft == Draft::None,
            Kept::Governance { draft, editing, .. } => {
                *draft == GovDraft::None && editing.is_none()
            }
            Kept::Review { draft, .. } => *draft == ReviewDraft::None,
        }
    }

    /// Puts the entry back on `screen`, if it is still the same kind of screen.
    pub fn restore(self, screen: &mut Screen) {
        match (self, screen) {
            (Kept::Tactical { modal, draft }, Screen::Tactical(s)) => {
                s.modal = modal;
                s.draft = draft;
            }
            (
                Kept::Governance {
                    modal,
                    draft,
                    editing,
                },
                Screen::Governance(s),
            ) => {
                s.modal = modal;
                s.draft = draft;
                s.editing = editing;
            }
            (Kept::Review { modal, draft }, Screen::Review(s)) => {
                s.modal = modal;
                s.draft = draft;
            }
            _ => {}
        }
    }
}

/// The meeting (or review) on screen, if any.
fn meeting_on(screen: &Screen) -> Option<MeetingId> {
    match screen {
        Screen::Tactical(s) if s.state.ended_at.is_none() => Some(s.meeting),
        Screen::Governance(s) if s.state.ended_at.is_none() => Some(s.meeting),
        Screen::Review(s) if s.state.ended_at.is_none() => Some(s.meeting),
        _ => None,
    }
}

impl App {
    /// Saves what the entry on screen holds when it changed since last saved (a field was
    /// confirmed, a question opened or closed): one small write, never one per typed letter.
    pub(super) fn keep_entry(&mut self) {
        let Some(meeting) = meeting_on(&self.view.screen) else {
            return;
        };
        if self.following || self.unwritten || self.keep_retry.is_some_and(|at| self.now() < at) {
            // The store just refused a write: what is on screen stays there to be tried again,
            // and is kept once the store takes writes (not retried on every typed letter).
            return;
        }
        let kept = Kept::of(&self.view.screen);
        let text = if kept.is_empty() {
            None
        } else {
            match serde_json::to_string(&kept) {
                Ok(text) => Some(text),
                Err(e) => return tracing::warn!("the entry on screen could not be kept: {e}"),
            }
        };
        let saved = (meeting, text);
        if self.kept_entry.as_ref() == Some(&saved) {
            return;
        }
        match self.store.keep_draft(meeting, saved.1.as_deref()) {
            Ok(()) => {
                self.kept_entry = Some(saved);
                self.keep_retry = None;
            }
            Err(e) => {
                self.keep_retry = Some(self.now() + KEEP_RETRY);
                tracing::warn!("the entry on screen could not be kept: {e}");
                // While the store cannot be reached, its own line says what is kept.
                self.watch_connection();
                if self.view.status.is_none() && self.view.lost.is_none() {
                    self.error(format!("The entry being written could not be kept: {e}."));
                }
            }
        }
    }

    /// An entry was written: the store forgot the meeting's kept draft in the same
    /// transaction, so only a draft still on screen after this key needs saving again.
    pub(super) fn entry_written(&mut self) {
        if let Some((_, draft)) = &mut self.kept_entry {
            *draft = None;
        }
    }

    /// Puts back the entry a meeting (or review) held when its program stopped, as it resumes.
    pub(super) fn resume_entry(&mut self) {
        let Some(meeting) = meeting_on(&self.view.screen) else {
            return;
        };
        let text = match self.store.draft(meeting) {
            Ok(text) => text,
            Err(e) => return self.error(format!("The entry being written was lost: {e}.")),
        };
        self.kept_entry = Some((meeting, text.clone()));
        let Some(text) = text else { return };
        match serde_json::from_str::<Kept>(&text) {
            Ok(kept) => kept.restore(&mut self.view.screen),
            Err(e) => tracing::warn!("a kept entry of meeting {} does not read: {e}", meeting.0),
        }
    }
}
