//! The list of past meetings: the rows read so far, the filter typed and what it lets
//! through, and the selection.
//!
//! Owns: `PastRow`, `PastState`. Must not import: rusqlite, tokio, `crate::store`,
//! `crate::app`.

use crate::domain::MeetingId;
use crate::domain::meeting::MeetingKind;
use chrono::{DateTime, Utc};
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

impl PastRow {
    /// The words the filter matches against: circle, kind, date, and "open" or "ended".
    pub fn haystack(&self) -> String {
        let state = if self.ended_at.is_some() {
            "ended"
        } else {
            "open"
        };
        format!(
            "{} {} {} {state}",
            self.circle,
            self.kind.id(),
            self.started_at.format("%Y-%m-%d %B")
        )
        .to_lowercase()
    }
}

/// Past meetings, newest first, filtered by what was typed. The list opens with the newest
/// meetings only; the shell reads the rest (`complete`) before a filter or a move needs them.
#[derive(Debug, Default)]
pub struct PastState {
    /// The meetings read so far, newest first: all of them once `is_complete`.
    pub all: Vec<PastRow>,
    /// How many meetings there are in all.
    pub total: usize,
    pub filter: Input,
    /// Indexes into `all` of the rows the filter lets through.
    pub shown: Vec<usize>,
    pub selected: usize,
    /// Each row's words for the filter (`PastRow::haystack`), made once, at the first word
    /// typed, rather than for every row at every keystroke.
    haystacks: Vec<String>,
    /// The filter (lower-cased) that `shown` was made for.
    shown_for: String,
}

impl PastState {
    /// The list of the newest meetings `all`, of `total` in all.
    pub fn new(all: Vec<PastRow>, total: usize) -> PastState {
        let mut state = PastState {
            total: total.max(all.len()),
            all,
            ..PastState::default()
        };
        state.refilter();
        state
    }

    /// Whether every meeting has been read.
    pub fn is_complete(&self) -> bool {
        self.all.len() >= self.total
    }

    /// Every meeting, newest first, in place of the newest ones; the filter and the selection
    /// stay.
    pub fn complete(&mut self, all: Vec<PastRow>) {
        self.total = all.len();
        self.all = all;
        self.haystacks.clear();
        self.shown_for.clear();
        self.refilter();
    }

    /// How many meetings the filter lets through, as the title says it (all of them, before
    /// the rest are read: there is no filter then).
    pub fn shown_count(&self) -> usize {
        if self.is_complete() {
            self.shown.len()
        } else {
            self.total
        }
    }

    /// Recomputes `shown` after the filter changed: every word typed must appear. A filter
    /// that only grew at its end lets through a part of what it let through before, so only
    /// those rows are looked at again.
    pub fn refilter(&mut self) {
        let typed = self.filter.value().to_lowercase();
        let words: Vec<&str> = typed.split_whitespace().collect();
        if words.is_empty() {
            self.shown = (0..self.all.len()).collect();
        } else {
            if self.haystacks.len() != self.all.len() {
                self.haystacks = self.all.iter().map(PastRow::haystack).collect();
            }
            let narrower = !self.shown_for.trim().is_empty() && typed.starts_with(&self.shown_for);
            let candidates = if narrower {
                std::mem::take(&mut self.shown)
            } else {
                (0..self.all.len()).collect()
            };
            let haystacks = &self.haystacks;
            self.shown = candidates
                .into_iter()
                .filter(|&i| words.iter().all(|w| haystacks[i].contains(w)))
                .collect();
        }
        self.shown_for = typed;
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    pub fn selected_row(&self) -> Option<&PastRow> {
        self.shown.get(self.selected).and_then(|&i| self.all.get(i))
    }
}
