//! Which meetings the filter typed over the list of past meetings lets through, and where a
//! store finds them by index.
//!
//! A meeting's words are its circle's name, its kind (`tactical`), the day it started
//! (`2025-12-01`, in UTC), that day's month (`december`) and `open` or `ended`; every word
//! typed, lower-cased, must be part of one of them. So each word is a circle among the
//! circles whose names hold it, a kind, days or months, or a state, and the meetings of the
//! word with the fewest of those can be read from the store's indexes (a circle's meetings,
//! a kind's, a range of days, the open ones) newest first, each checked against every word.
//! A filter whose every word is in too many places (`e` is in `ended`, `t` in many circles'
//! names) is read from all meetings newest first, where a screenful of matches comes soon.
//!
//! Owns: `Filter`, `Look`. Must not import: rusqlite, ratatui, crossterm, tokio, the store.

use super::MeetingRow;
use crate::domain::CircleId;
use crate::domain::meeting::MeetingKind;
use chrono::{Datelike, Months, NaiveDate};
use std::fmt::Write;

/// The most looks a filter is read by (every read asks each of them): a word that would need
/// more lets through enough that it is read from all meetings newest first instead.
pub const MOST_LOOKS: usize = 12;

/// What asking the store once costs, in meetings read: a look costs one query at least.
const QUERY_IN_ROWS: usize = 30;

/// The months' names as a meeting's date spells them (chrono's `%B`), lower-cased.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Where a store finds meetings by index, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Look {
    /// Every meeting of a circle.
    Newest,
    /// One circle's meetings.
    Circle(CircleId),
    /// The meetings of one kind.
    Kind(MeetingKind),
    /// The meetings started on the days from the first to the second, both included (UTC).
    Days(NaiveDate, NaiveDate),
    /// The meetings not ended yet.
    Open,
}

/// One word typed, and what of a meeting it can be part of.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    text: String,
    /// The kinds whose id holds the word.
    kinds: Vec<MeetingKind>,
    /// Per month (January first): whether its name holds the word.
    months: [bool; 12],
    /// Whether the word can be part of a date: digits and dashes only.
    in_dates: bool,
    open: bool,
    ended: bool,
}

impl Word {
    fn new(text: &str) -> Word {
        Word {
            kinds: MeetingKind::ALL
                .into_iter()
                .filter(|k| k.id().contains(text))
                .collect(),
            months: MONTHS.map(|m| m.contains(text)),
            in_dates: text.chars().all(|c| c.is_ascii_digit() || c == '-'),
            open: "open".contains(text),
            ended: "ended".contains(text),
            text: text.to_string(),
        }
    }

    /// Whether a meeting of the circle named `circle` (lower-cased), started on the day
    /// `date` reads (`%Y-%m-%d`), holds the word.
    fn holds(&self, circle: &str, row: &MeetingRow, date: &str) -> bool {
        circle.contains(&self.text)
            || self.kinds.contains(&row.kind)
            || (self.in_dates && date.contains(&self.text))
            || self.months[row.started_at.month0() as usize]
            || if row.ended_at.is_some() {
                self.ended
            } else {
                self.open
            }
    }

    /// Whether the word lets through so many meetings that it is not worth reading by:
    /// every ended one (nearly all).
    fn is_broad(&self) -> bool {
        self.ended
    }

    /// Whether the word can be held by anything but a circle's name.
    fn beyond_circles(&self) -> bool {
        self.ended
            || self.open
            || !self.kinds.is_empty()
            || self.in_dates
            || self.months.contains(&true)
    }

    /// The ranges of days from `span` (first and last day) whose date or month holds the
    /// word, in order; `None` when there are more than `most`.
    fn days(
        &self,
        span: (NaiveDate, NaiveDate),
        most: usize,
    ) -> Option<Vec<(NaiveDate, NaiveDate)>> {
        let mut ranges: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        if !self.in_dates && !self.months.contains(&true) {
            return Some(ranges);
        }
        let mut add = |from: NaiveDate, to: NaiveDate| {
            let (from, to) = (from.max(span.0), to.min(span.1));
            match ranges.last_mut() {
                Some(last) if last.1.succ_opt() == Some(from) => last.1 = to,
                _ => ranges.push((from, to)),
            }
            ranges.len() <= most
        };
        let mut text = String::new();
        let mut month = span.0.with_day(1)?;
        while month <= span.1 {
            let next = month.checked_add_months(Months::new(1))?;
            let last = next.pred_opt()?;
            text.clear();
            let _ = write!(text, "{}", month.format("%Y-%m"));
            if self.months[month.month0() as usize] || (self.in_dates && text.contains(&self.text))
            {
                if !add(month, last) {
                    return None;
                }
            } else if self.in_dates {
                for day in month.iter_days().take_while(|d| *d <= last) {
                    text.clear();
                    let _ = write!(text, "{}", day.format("%Y-%m-%d"));
                    if text.contains(&self.text) && !add(day, day) {
                        return None;
                    }
                }
            }
            month = next;
        }
        Some(ranges)
    }
}

/// The words typed over the list of past meetings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    words: Vec<Word>,
}

impl Filter {
    /// The filter of what was typed: its words, lower-cased.
    pub fn new(typed: &str) -> Filter {
        Filter {
            words: typed
                .to_lowercase()
                .split_whitespace()
                .map(Word::new)
                .collect(),
        }
    }

    /// Whether nothing is typed: every meeting is let through.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the filter lets `row` through, its circle named `circle` (lower-cased).
    pub fn lets_through(&self, circle: &str, row: &MeetingRow) -> bool {
        let date = if self.words.iter().any(|w| w.in_dates) {
            row.started_at.format("%Y-%m-%d").to_string()
        } else {
            String::new()
        };
        self.words.iter().all(|w| w.holds(circle, row, &date))
    }

    /// Whether the filter lets through every meeting of `kind`, whatever else it says.
    pub fn lets_through_all_of(&self, kind: MeetingKind) -> bool {
        self.words.iter().all(|w| w.kinds.contains(&kind))
    }

    /// Whether reading by days could be asked (so the first and last days are needed).
    pub fn needs_days(&self) -> bool {
        self.words
            .iter()
            .any(|w| !w.is_broad() && (w.in_dates || w.months.contains(&true)))
    }

    /// Whether a word is looked for among the circles' names (so they are needed).
    pub fn needs_names(&self) -> bool {
        self.words.iter().any(|w| !w.is_broad())
    }

    /// Where to read what the filter lets through: `circles` are the organisation's circles
    /// with their names lower-cased, `span` the first and last days meetings started on.
    /// Empty when nothing can be let through. When at least the share `through` of all
    /// meetings is let through (the kinds it lets through whole), reading all of them newest
    /// first may find the `need` rows sooner than asking each look: then that.
    pub fn looks(
        &self,
        circles: &[(CircleId, String)],
        span: Option<(NaiveDate, NaiveDate)>,
        through: f64,
        need: usize,
    ) -> Vec<Look> {
        let mut best: Option<Vec<Look>> = None;
        for (i, word) in self.words.iter().enumerate() {
            let most = best
                .as_ref()
                .map_or(MOST_LOOKS, |b| b.len().saturating_sub(1));
            if word.is_broad() {
                continue;
            }
            if let Some(looks) = self.looks_of(i, word, circles, span, most) {
                best = Some(looks);
            }
        }
        match best {
            Some(looks) if through > 0.0 => {
                let need = need as f64;
                let by_looks = (looks.len() * QUERY_IN_ROWS) as f64 + need;
                let newest_first = QUERY_IN_ROWS as f64 + need / through.min(1.0);
                if newest_first < by_looks {
                    vec![Look::Newest]
                } else {
                    looks
                }
            }
            Some(looks) => looks,
            None => vec![Look::Newest],
        }
    }

    /// The looks of the `i`th word, when there are at most `most`: its state, its days and the
    /// circles whose names hold it (and the other words that only a name can hold).
    fn looks_of(
        &self,
        i: usize,
        word: &Word,
        circles: &[(CircleId, String)],
        span: Option<(NaiveDate, NaiveDate)>,
        most: usize,
    ) -> Option<Vec<Look>> {
        let mut looks: Vec<Look> = word.kinds.iter().map(|&k| Look::Kind(k)).collect();
        if word.open {
            looks.push(Look::Open);
        }
        if let Some(span) = span {
            let days = word.days(span, most.saturating_sub(looks.len()))?;
            looks.extend(days.into_iter().map(|(from, to)| Look::Days(from, to)));
        }
        let only_names: Vec<&Word> = self
            .words
            .iter()
            .enumerate()
            .filter(|(j, w)| *j != i && !w.beyond_circles())
            .map(|(_, w)| w)
            .collect();
        for (id, name) in circles {
            if name.contains(&word.text) && only_names.iter().all(|w| name.contains(&w.text)) {
                looks.push(Look::Circle(*id));
                if looks.len() > most {
                    return None;
                }
            }
        }
        (looks.len() <= most).then_some(looks)
    }
}
