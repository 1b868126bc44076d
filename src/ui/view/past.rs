//! The list of past meetings: the rows read so far of what the filter lets through, newest
//! first, the filter typed, the selection, and how far the store was read (the shell reads
//! more as the selection nears the end of what was read).
//!
//! Owns: `PastRow`, `PastState`, `Count`. Must not import: rusqlite, tokio, `crate::store`,
//! `crate::app`.

use crate::domain::meeting::MeetingKind;
use crate::domain::meeting_list::{Filter, Reading};
use crate::domain::{CircleId, MeetingId};
use chrono::{DateTime, NaiveDate, Utc};
use std::cell::Cell;
use tui_input::Input;

/// One meeting in the list of past meetings.
#[derive(Debug, Clone, PartialEq)]
pub struct PastRow {
    pub id: MeetingId,
    pub circle: String,
    pub kind: MeetingKind,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

/// How many meetings the filter lets through, as far as is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// All of them are read: this many.
    Exactly(usize),
    /// Not all of them are read yet: at least this many.
    AtLeast(usize),
}

/// Past meetings, newest first, filtered by what was typed. The shell reads them from the
/// store a screenful at a time (`reading`), the filter applied to each as it is read.
#[derive(Debug, Default)]
pub struct PastState {
    /// What the filter lets through, read so far, newest first.
    pub shown: Vec<PastRow>,
    /// How many meetings there are in all (the store keeps the count).
    pub total: usize,
    /// How many there are of each kind.
    pub kinds: Vec<(MeetingKind, usize)>,
    pub filter: Input,
    pub selected: usize,
    /// The filter `shown` was read for.
    pub words: Filter,
    /// Where the rest of what the filter lets through is read from.
    pub reading: Reading,
    /// The organisation's circles with their names lower-cased, made once a word is
    /// looked for among them.
    pub circle_names: Option<Vec<(CircleId, String)>>,
    /// The first and last days meetings started on, read once a word is looked for among
    /// the days.
    pub days: Option<Option<(NaiveDate, NaiveDate)>>,
    /// The rows of the list the last frame had room for (0 before the first frame).
    pub height: Cell<usize>,
}

impl PastState {
    /// The list before anything is read: `kinds` counts the meetings of each kind.
    pub fn new(kinds: Vec<(MeetingKind, usize)>) -> PastState {
        PastState {
            total: kinds.iter().map(|(_, n)| n).sum(),
            kinds,
            ..PastState::default()
        }
    }

    /// Whether every meeting the filter lets through has been read.
    pub fn is_complete(&self) -> bool {
        self.reading.is_done()
    }

    /// How many meetings the filter lets through: all of them without a filter; those read
    /// once all are read; otherwise at least those read, and at least every meeting of the
    /// kinds the filter lets through whole.
    pub fn count(&self) -> Count {
        if self.words.is_empty() {
            return Count::Exactly(self.total);
        }
        if self.is_complete() {
            return Count::Exactly(self.shown.len());
        }
        let whole = self.whole();
        if whole >= self.total {
            Count::Exactly(self.total)
        } else {
            Count::AtLeast(whole.max(self.shown.len()))
        }
    }

    /// How many meetings the filter lets through because it lets through every meeting of
    /// their kind.
    pub fn whole(&self) -> usize {
        self.kinds
            .iter()
            .filter(|(kind, _)| self.words.lets_through_all_of(*kind))
            .map(|(_, n)| n)
            .sum()
    }

    /// The number of rows the list counts, for its marks: as many as it knows of.
    pub fn shown_count(&self) -> usize {
        match self.count() {
            Count::Exactly(n) | Count::AtLeast(n) => n.max(self.shown.len()),
        }
    }

    pub fn selected_row(&self) -> Option<&PastRow> {
        self.shown.get(self.selected)
    }
}
