//! Recording an entry from a screen: deciding it against the screen's journal, writing it,
//! and showing what it did (its effects applied, a refusal or a failed write on the status
//! line).
//!
//! Owns: `App::commit`, `App::may` and showing a commit. Must not: draw, or hold SQL (the
//! journal and the store do the writing).

use super::{App, connection, journal, settle, tactical};
use crate::app::Screen;
use crate::ui::View;
use std::sync::Arc;

impl App {
    /// Decides, writes and shows one entry of the screen's journal (found by `journal_of`).
    /// Returns whether it was recorded; a refusal or a failed write becomes the status line
    /// and changes nothing.
    pub(super) fn commit<J: journal::Journal>(
        &mut self,
        event: journal::Event<J>,
        journal_of: fn(&mut Screen) -> Option<&mut J>,
    ) -> bool {
        let now = self.now();
        let App { store, view, .. } = self;
        let Some(journal) = journal_of(&mut view.screen) else {
            return false;
        };
        // Taken out of the view while the entry is applied to it, so that (unless a caller
        // still holds a copy) it is changed in place rather than copied.
        let Some(mut org) = view.org.clone() else {
            return false;
        };
        let before = Arc::as_ptr(&org);
        let committed = journal::commit(store.as_mut(), journal, &mut org, now, event);
        if !std::ptr::eq(before, Arc::as_ptr(&org)) {
            // Read again after a conflict: it holds every entry's effects so far.
            self.unapplied.clear();
            self.unapplied_between.clear();
            view.org = Some(org);
        }
        self.show_commit(committed)
    }

    /// Whether the screen's journal would take an entry like `event` now (with stand-in
    /// words where the typing goes): asked before a prompt opens; a refusal becomes the
    /// status line and nothing opens.
    pub(super) fn may<J: journal::Journal>(
        &mut self,
        event: &journal::Event<J>,
        journal_of: fn(&mut Screen) -> Option<&mut J>,
    ) -> bool {
        let View { screen, org, .. } = &mut self.view;
        let (Some(journal), Some(org)) = (journal_of(screen), org.as_deref()) else {
            return false;
        };
        match journal::may(journal, org, event) {
            Ok(()) => true,
            Err(why) => {
                self.error(tactical::capitalised(&why));
                false
            }
        }
    }

    /// Shows what committing an entry did and applies its effects to the organisation.
    /// Returns whether the entry was recorded.
    fn show_commit(&mut self, committed: journal::Committed) -> bool {
        match committed {
            journal::Committed::Done {
                effects,
                proposal,
                caught_up,
                at,
                source,
            } => {
                self.entry_written();
                if !effects.is_empty() {
                    self.unapplied.push(settle::Written {
                        source,
                        at,
                        effects,
                        proposal,
                    });
                }
                self.settle_org();
                if !caught_up.is_empty() {
                    self.info(format!(
                        "{} first: shown above, and yours was recorded after.",
                        journal::who_recorded(&caught_up, true)
                    ));
                }
                true
            }
            journal::Committed::Refused(why) => {
                self.error(tactical::capitalised(&why));
                false
            }
            journal::Committed::Busy => {
                self.unwritten = true;
                self.busy = true;
                self.error(connection::SAVING);
                false
            }
            journal::Committed::Unwritten(why) => {
                self.not_written(&why);
                false
            }
        }
    }
}
