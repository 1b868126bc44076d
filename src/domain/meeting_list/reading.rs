//! Reading the list of past meetings newest first from several looks at once: each look's
//! meetings come from the store a chunk at a time, older than the last it gave, and the
//! newest of what the looks hold comes next (once, when two looks hold the same meeting).
//!
//! Owns: `Reading`, `Key`. Must not import: rusqlite, ratatui, crossterm, tokio, the store
//! (the store is asked through the function each read is given).

use super::{Look, MeetingRow};
use crate::domain::MeetingId;
use chrono::{DateTime, Utc};
use std::collections::VecDeque;

/// Where a meeting stands in the list, newest first: when it started, then its id.
pub type Key = (DateTime<Utc>, MeetingId);

/// A page of a look's meetings as the store answers it, newest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The meetings of the kinds this version knows (a newer version's are passed over).
    pub rows: Vec<MeetingRow>,
    /// Where the next page starts (the last meeting read, of whatever kind), while the store
    /// has more.
    pub next: Option<Key>,
    /// How many meetings the store read for it, passed over or not.
    pub read: usize,
}

/// One look's meetings: those read and not given yet, and how far the look was read.
#[derive(Debug, Clone, PartialEq)]
struct Stream {
    look: Look,
    held: VecDeque<MeetingRow>,
    /// Where the next read starts: below the last meeting read.
    after: Option<Key>,
    /// Whether the store has no more of this look.
    done: bool,
}

/// Meetings of some looks, newest first, read as they are asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    streams: Vec<Stream>,
    /// The last meeting given (a look that holds it too passes over it).
    last: Option<Key>,
    /// How many meetings the store answered in all.
    pub fetched: usize,
}

impl Reading {
    /// A reading of `looks`, nothing read yet.
    pub fn new(looks: &[Look]) -> Reading {
        Reading {
            streams: looks
                .iter()
                .map(|&look| Stream {
                    look,
                    held: VecDeque::new(),
                    after: None,
                    done: false,
                })
                .collect(),
            last: None,
            fetched: 0,
        }
    }

    /// How many looks are read.
    pub fn looks(&self) -> usize {
        self.streams.len()
    }

    /// Whether every meeting of the looks has been given.
    pub fn is_done(&self) -> bool {
        self.streams.iter().all(|s| s.done && s.held.is_empty())
    }

    /// The next meeting, newest first, or `None` at the end. A look holding nothing is read
    /// first by `fetch(look, after, limit)`: a page of up to `limit` of its meetings older
    /// than `after` (from the newest when `None`).
    pub fn next<E>(
        &mut self,
        limit: usize,
        fetch: &mut dyn FnMut(Look, Option<Key>, usize) -> Result<Page, E>,
    ) -> Result<Option<MeetingRow>, E> {
        let limit = limit.max(1);
        loop {
            for s in self
                .streams
                .iter_mut()
                .filter(|s| s.held.is_empty() && !s.done)
            {
                let page = fetch(s.look, s.after, limit)?;
                s.done = page.next.is_none();
                s.after = page.next;
                self.fetched += page.read;
                s.held.extend(page.rows);
            }
            let newest = self
                .streams
                .iter_mut()
                .filter(|s| !s.held.is_empty())
                .max_by_key(|s| s.held.front().map(MeetingRow::key));
            let Some(row) = newest.and_then(|s| s.held.pop_front()) else {
                return Ok(None);
            };
            if self.last == Some(row.key()) {
                continue;
            }
            self.last = Some(row.key());
            return Ok(Some(row));
        }
    }
}
