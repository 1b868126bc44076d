//! The list of past meetings as the store serves it: a meeting as the list shows it, which
//! meetings a filter lets through (`filter`) and reading them newest first from the store's
//! indexes a little at a time (`reading`), so that the list costs what is on screen, not what
//! is in the history.
//!
//! Owns: `MeetingRow` and those two modules. Must not import: rusqlite, ratatui, crossterm,
//! tokio, the store, the app.

pub mod filter;
pub mod reading;

pub use filter::{Filter, Look};
pub use reading::{Key, Page, Reading};

use super::ids::{CircleId, MeetingId};
use super::meeting::MeetingKind;
use chrono::{DateTime, Utc};

/// A meeting as the list of past meetings shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    pub id: MeetingId,
    pub circle: CircleId,
    pub kind: MeetingKind,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

impl MeetingRow {
    /// Where the row stands in the list: newest first, by start and then by id.
    pub fn key(&self) -> Key {
        (self.started_at, self.id)
    }
}
