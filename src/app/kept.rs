//! An entry being put together: the open prompt, picker or question and the parts gathered
//! before it (and, in a governance meeting, the proposal changes being written).
//!
//! Two uses. When the store cannot take an entry (locked, unreachable, full), the screen goes
//! back to where it was before the key that tried to write it, typed text included, so
//! pressing it again retries. And after every key, what the entry holds is saved with the
//! meeting (what was asked, every confirmed field, and the text typed so far into the open
//! field, one line or several: a label half typed or a policy of two paragraphs is not typed
//! again), so a program killed mid-entry resumes it: what the screen says is kept survives a
//! kill. Text typed on one line is kept at most every few seconds (and on the clock's tick
//! after typing stops), never with one write per letter; a new line, a paste or any other
//! change is kept at once. Every prompt of a kept screen is kept the same way, here: no
//! prompt needs its own code to survive a kill.
//!
//! Owns: `Kept`, taking it from a screen, putting it back, and saving and resuming it.
//! Must not: draw, or hold SQL.

use super::App;
use crate::app::Screen;
use crate::domain::MeetingId;
use crate::domain::adoption::Adoption;
use crate::domain::meeting::governance::{Change, GovernanceForm};
use crate::domain::meeting::tactical::Form as TacticalForm;
use crate::domain::review::form::Form as ReviewForm;
use crate::domain::work::form::Form as WorkForm;
use crate::ui::{AdoptForm, Modal, Prompt};
use serde::{Deserialize, Serialize};

/// How long after a failed save of the entry on screen the next one is tried.
const KEEP_RETRY: chrono::TimeDelta = chrono::TimeDelta::seconds(5);

/// How often text being typed on one line of a field is kept, at most.
const KEEP_TYPING: chrono::TimeDelta = chrono::TimeDelta::seconds(2);

/// What an open entry holds, per screen.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum Kept {
    /// Nothing open that a write could lose.
    Nothing,
    /// A tactical meeting's open modal and the entry it is part of.
    Tactical {
        modal: Option<Modal>,
        draft: TacticalForm,
    },
    /// A governance meeting's open modal, its form, and the proposal changes being written
    /// (not yet recorded). The form's shape is the one the screen's draft had before forms
    /// were in the domain.
    Governance {
        modal: Option<Modal>,
        draft: GovernanceForm,
        editing: Option<Vec<Change>>,
    },
    /// A solo role review's open modal and the entry it is part of.
    Review {
        modal: Option<Modal>,
        draft: ReviewForm,
    },
    /// "My work": the open modal and the entry it is part of.
    Work {
        modal: Option<Modal>,
        draft: WorkForm,
    },
    /// The adoption from an empty organisation, kept whole: it is not recorded until the
    /// ratifiers confirm it.
    Adoption {
        modal: Option<Modal>,
        form: Option<AdoptForm>,
        draft: Box<Adoption>,
        selected: usize,
    },
}

impl Kept {
    /// A copy of the entry open on `screen` (every screen that puts an entry together has
    /// its variant).
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
            Screen::Work(s) => Kept::Work {
                modal: s.modal.clone(),
                draft: s.draft.clone(),
            },
            Screen::Adoption(s) => Kept::Adoption {
                modal: s.modal.clone(),
                form: s.form.clone(),
                draft: Box::new(s.draft.clone()),
                selected: s.selected,
            },
            // Named one by one, so that a new screen is a choice: what a kill must not lose
            // of it is kept, or nothing is.
            Screen::Welcome(_)
            | Screen::Home(_)
            | Screen::Browser(_)
            | Screen::MeetingSetup(_)
            | Screen::PastMeetings(_)
            | Screen::Minutes(_) => Kept::Nothing,
        }
    }

    /// The open modal, if any.
    fn modal_mut(&mut self) -> Option<&mut Modal> {
        match self {
            Kept::Nothing => None,
            Kept::Tactical { modal, .. }
            | Kept::Governance { modal, .. }
            | Kept::Review { modal, .. }
            | Kept::Work { modal, .. }
            | Kept::Adoption { modal, .. } => modal.as_mut(),
        }
    }

    /// The text typed so far into the open field, if any.
    fn typed(&self) -> Option<String> {
        match self {
            Kept::Nothing => None,
            Kept::Tactical { modal, .. }
            | Kept::Governance { modal, .. }
            | Kept::Review { modal, .. }
            | Kept::Work { modal, .. }
            | Kept::Adoption { modal, .. } => match modal {
                Some(Modal::Prompt(p)) => Some(p.value()),
                _ => None,
            },
        }
    }

    /// The entry with the text being typed left out but its number of lines kept: two entries
    /// of one shape differ only by typing on a line.
    fn shape(mut self) -> Option<String> {
        let Some(Modal::Prompt(prompt)) = self.modal_mut() else {
            return None;
        };
        let lines = prompt.value().split('\n').count();
        prompt.editor = Prompt::filled(prompt.kind, String::new(), &"\n".repeat(lines - 1)).editor;
        serde_json::to_string(&self).ok()
    }

    /// Whether nothing has been confirmed or typed yet (a question just opened is not worth
    /// keeping).
    fn is_empty(&self) -> bool {
        if self.typed().is_some_and(|t| !t.trim().is_empty()) {
            return false;
        }
        match self {
            Kept::Nothing => true,
            Kept::Tactical { draft, .. } => draft.holds_nothing(),
            Kept::Governance { draft, editing, .. } => draft.holds_nothing() && editing.is_none(),
            Kept::Review { draft, .. } => *draft == ReviewForm::None,
            Kept::Work { draft, .. } => *draft == WorkForm::None,
            Kept::Adoption { draft, .. } => **draft == Adoption::default(),
        }
    }

    /// Puts the entry back on `screen`, if it is still the same kind of screen.
    pub fn restore(self, screen: &mut Screen) {
        match (self, screen) {
            (Kept::Tactical { modal, draft }, Screen::Tactical(s)) => {
                s.draft = match (&draft, &modal) {
                    // Kept by an earlier version, which kept no form while the first text
                    // question was open: the question says which form it was.
                    (TacticalForm::None, Some(Modal::Prompt(p))) => TacticalForm::asking(p.kind),
                    _ => draft,
                };
                s.modal = modal;
            }
            (
                Kept::Governance {
                    modal,
                    draft,
                    editing,
                },
                Screen::Governance(s),
            ) => {
                s.draft = match (&draft, &modal) {
                    // Kept by an earlier version, which kept no form while a round's note was
                    // typed: the question says which form it was.
                    (GovernanceForm::None, Some(Modal::Prompt(p))) => {
                        GovernanceForm::asking(p.kind)
                    }
                    _ => draft,
                };
                s.modal = modal;
                s.editing = editing;
            }
            (Kept::Review { modal, draft }, Screen::Review(s)) => {
                s.modal = modal;
                s.draft = draft;
            }
            (Kept::Work { modal, draft }, Screen::Work(s)) => {
                s.modal = modal;
                s.draft = draft;
            }
            (
                Kept::Adoption {
                    modal,
                    form,
                    draft,
                    selected,
                },
                Screen::Adoption(s),
            ) => {
                s.modal = modal;
                s.form = form;
                s.draft = *draft;
                s.selected = selected;
            }
            _ => {}
        }
    }
}

/// Where the entry on a screen is kept: with its meeting, or as the one adoption draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// With this meeting: a tactical or governance meeting, a solo review or a work session.
    Meeting(MeetingId),
    /// With the one adoption draft: the ratifiers' initial structure as written so far.
    Adoption,
}

/// Where the entry on screen is kept, if anywhere: the meeting (or review) on screen, or the
/// adoption.
fn place_of(screen: &Screen) -> Option<Place> {
    match screen {
        Screen::Review(s) if s.state.ended_at.is_none() => Some(Place::Meeting(s.meeting)),
        Screen::Work(s) => Some(Place::Meeting(s.meeting)),
        Screen::Adoption(_) => Some(Place::Adoption),
        screen => screen
            .meeting()
            .filter(|m| !m.ended())
            .map(|m| Place::Meeting(m.meeting())),
    }
}

impl App {
    /// Saves what the entry on screen holds when it changed since last saved (a field was
    /// confirmed, a question opened or closed): one small write, never one per typed letter.
    pub(super) fn keep_entry(&mut self) {
        let Some(meeting) = place_of(&self.view.screen) else {
            return;
        };
        if self.following || self.unwritten || self.keep_retry.is_some_and(|at| self.now() < at) {
            // The store just refused a write: what is on screen stays there to be tried again,
            // and is kept once the store takes writes (not retried on every typed letter).
            return;
        }
        let kept = Kept::of(&self.view.screen);
        let shape = kept.clone().shape();
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
        let typing_on = self.kept_entry.as_ref().is_some_and(|(m, _)| *m == meeting)
            && self.kept_typing.as_ref().is_some_and(|(last, at)| {
                shape.as_ref() == Some(last) && self.now() < *at + KEEP_TYPING
            });
        if typing_on {
            return;
        }
        let stored = match meeting {
            Place::Meeting(m) => self.store.keep_draft(m, saved.1.as_deref()),
            Place::Adoption => self.store.keep_adoption(saved.1.as_deref()),
        };
        match stored {
            Ok(()) => {
                self.kept_entry = Some(saved);
                self.keep_retry = None;
                self.kept_typing = shape.map(|s| (s, self.now()));
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
        let Some(Place::Meeting(meeting)) = place_of(&self.view.screen) else {
            return;
        };
        let text = match self.store.draft(meeting) {
            Ok(text) => text,
            Err(e) => return self.error(format!("The entry being written was lost: {e}.")),
        };
        self.kept_entry = Some((Place::Meeting(meeting), text.clone()));
        let Some(text) = text else { return };
        match serde_json::from_str::<Kept>(&text) {
            Ok(kept) => kept.restore(&mut self.view.screen),
            Err(e) => tracing::warn!("a kept entry of meeting {} does not read: {e}", meeting.0),
        }
        // Kept a while ago: its question is asked of the organisation as it stands now.
        self.ask_forms_again();
    }

    /// Puts back the adoption kept as `text` on the adoption screen.
    pub(super) fn resume_adoption(&mut self, text: &str) {
        self.kept_entry = Some((Place::Adoption, Some(text.to_string())));
        match serde_json::from_str::<Kept>(text) {
            Ok(kept) => kept.restore(&mut self.view.screen),
            Err(e) => tracing::warn!("the adoption kept does not read: {e}"),
        }
    }
}
