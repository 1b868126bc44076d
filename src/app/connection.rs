//! The store's connection as the person sees it: a line on every screen while the store
//! cannot be reached (a database server stopped or restarting, the network down), the
//! entry that could not be written for that kept on screen and tried again by itself once
//! the store is back, and a word when it is.
//!
//! A database another program holds longer than a write waits is the same to the person:
//! "Saving…", the entry kept on screen, and its key pressed again by itself each second
//! (with a short wait, so keys are answered between tries) until it is written or another
//! key is pressed.
//!
//! Owns: noticing the store went away and came back, and the key waiting to be pressed
//! again. Must not: draw, or hold SQL (the store says whether it can be reached).

use super::App;
use crate::store::StoreError;
use crate::ui::{ConnectionLost, Status};
use ratatui::crossterm::event::KeyEvent;

/// The status while an entry waits for a database another program holds (one line at 80
/// columns; any other key stops the trying).
pub(super) const SAVING: &str =
    "Saving… the database is busy (another program); kept, retried each second.";

/// The status when another key was pressed while an entry waited to be written: it is not
/// recorded by itself any more (one line at 80 columns).
pub(super) const NO_LONGER_WAITING: &str =
    "Not recorded by itself any more (another key was pressed): enter it again.";

/// How long a write waits for the database while an entry is tried again by itself.
const BUSY_RETRY_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

/// The status when an entry could not be written because the store cannot be reached.
pub(super) const NOT_YET_SAVED: &str = "Not saved yet: the server cannot be reached. What you entered is kept, and recorded by itself once the server is back.";

impl App {
    /// Looks whether the store went away or came back (after every key and every tick).
    /// Returns whether the screen changed.
    pub(super) fn watch_connection(&mut self) -> bool {
        match (self.store.outage(), &self.view.lost) {
            (Some(why), Some(lost)) if lost.why == why => false,
            (Some(why), lost) => {
                let since = lost.as_ref().map_or_else(|| self.now(), |l| l.since);
                tracing::warn!("{}: cannot be reached: {why}", self.store.location());
                self.view.lost = Some(ConnectionLost { since, why });
                true
            }
            (None, Some(_)) => {
                self.view.lost = None;
                self.back();
                true
            }
            (None, None) => false,
        }
    }

    /// What the key entered could not be written (`why`): it stays on screen, and while the
    /// store cannot be reached the key is pressed again by itself once it is back.
    pub(super) fn not_written(&mut self, why: &str) {
        self.unwritten = true;
        if self.store.outage().is_some() {
            self.error(NOT_YET_SAVED);
        } else {
            self.error(format!(
                "Not saved: {why}. What you entered is still here: try again."
            ));
        }
    }

    /// A new meeting, review or work log could not be started: while the store cannot be
    /// reached, as an entry that could not be written (the start is tried again once it is
    /// back, and the store finds the log if the lost start made it); else the error.
    pub(super) fn start_failed(&mut self, e: StoreError) {
        match e {
            StoreError::Unreachable { .. } => self.not_written(&e.to_string()),
            e => self.error(e.to_string()),
        }
    }

    /// After a key: keeps it to be pressed again when what it entered could not be written
    /// because the store cannot be reached; any other key forgets it (the person has gone on).
    pub(super) fn note_waiting(&mut self, key: KeyEvent) {
        let was_waiting = self.waiting_key.is_some();
        self.waiting_key =
            (self.unwritten && (self.busy || self.view.lost.is_some())).then_some(key);
        if was_waiting && self.waiting_key.is_none() && self.view.status.is_none() {
            self.info(NO_LONGER_WAITING);
        }
    }

    /// On a tick while an entry waits for a busy database: its key is pressed again, the
    /// write waiting only briefly. Returns whether it was tried.
    pub(super) fn try_busy_again(&mut self) -> bool {
        if !self.busy || self.view.lost.is_some() || self.view.help_open {
            return false;
        }
        let Some(key) = self.waiting_key.take() else {
            return false;
        };
        self.store.set_busy_wait(BUSY_RETRY_WAIT);
        self.handle_key(key);
        self.store.set_busy_wait(crate::store::BUSY_WAIT);
        if !self.busy && self.view.status.is_none() {
            self.info("The database is free again: what was waiting is recorded.");
        }
        true
    }

    /// The store is back: the entry on screen is kept again, and the key whose entry could
    /// not be written is pressed again (the screen is as it was before that key).
    fn back(&mut self) {
        tracing::info!("{}: reachable again", self.store.location());
        self.keep_retry = None;
        let Some(key) = self.waiting_key.take() else {
            self.info("Connected to the server again: go on.");
            return;
        };
        self.handle_key(key);
        let said = match self.view.status.take() {
            None => {
                Status::Info("Connected to the server again: what was waiting is recorded.".into())
            }
            Some(Status::Info(text)) => {
                Status::Info(format!("Connected to the server again. {text}"))
            }
            Some(Status::Error(text)) => {
                Status::Error(format!("Connected to the server again, but: {text}"))
            }
        };
        self.view.status = Some(said);
    }
}
