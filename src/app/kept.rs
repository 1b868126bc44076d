//! An entry being put together, kept across a write that failed: the open prompt (with what
//! was typed), picker or question, and the parts gathered before it. When the store cannot
//! take an entry (locked, unreachable, full), the screen goes back to where it was before the
//! key that tried to write it, so pressing it again retries and nothing typed is lost.
//!
//! Owns: `Kept`, taken before a modal's answer is handled and put back if its write failed.
//! Must not: draw, or hold SQL.

use crate::ui::{Draft, GovDraft, Modal, ReviewDraft, Screen};

/// What an open entry holds, per screen.
pub enum Kept {
    /// Nothing open that a write could lose.
    Nothing,
    Tactical(Option<Modal>, Draft),
    Governance(Option<Modal>, GovDraft),
    Review(Option<Modal>, ReviewDraft),
}

impl Kept {
    /// A copy of the entry open on `screen`.
    pub fn of(screen: &Screen) -> Kept {
        match screen {
            Screen::Tactical(s) => Kept::Tactical(s.modal.clone(), s.draft.clone()),
            Screen::Governance(s) => Kept::Governance(s.modal.clone(), s.draft.clone()),
            Screen::Review(s) => Kept::Review(s.modal.clone(), s.draft.clone()),
            _ => Kept::Nothing,
        }
    }

    /// Puts the entry back on `screen`, if it is still the same kind of screen.
    pub fn restore(self, screen: &mut Screen) {
        match (self, screen) {
            (Kept::Tactical(modal, draft), Screen::Tactical(s)) => {
                s.modal = modal;
                s.draft = draft;
            }
            (Kept::Governance(modal, draft), Screen::Governance(s)) => {
                s.modal = modal;
                s.draft = draft;
            }
            (Kept::Review(modal, draft), Screen::Review(s)) => {
                s.modal = modal;
                s.draft = draft;
            }
            _ => {}
        }
    }
}
