//! The contract every meeting kind keeps (tactical, governance, the solo review, and any
//! later one): a pure state machine over one log type, folded one way.
//!
//! Owns: `Recorded` (an entry of a log), `Refusal` (why an entry is refused, and the checks
//! every kind's texts share), the `Flow` trait (start from the first entry, decide
//! an event against the state and the organisation, ask that before the entry's words are
//! typed, apply a recorded one, name retractions and moves), the one `fold` that rebuilds a
//! state from its log skipping retracted entries, and `push`, which adds a committed entry
//! (re-folding on a retraction).
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::Effect;
use crate::domain::text::{MAX_ENTRY_CHARS, clean_line};
use crate::domain::{Organisation, RuleSet};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// Why an entry was refused: one line for the person at the keyboard. Nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl Refusal {
    pub fn new(message: impl Into<String>) -> Refusal {
        Refusal(message.into())
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

/// A refusal saying `message`.
pub fn refuse<T>(message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(message))
}

/// A text of an entry that is not empty and not too long; `what` names it in the refusal.
pub fn text_ok(text: &str, what: &str) -> Result<(), Refusal> {
    if clean_line(text).is_empty() {
        return refuse(format!("the {what} is empty"));
    }
    if text.chars().count() > MAX_ENTRY_CHARS {
        return refuse(format!(
            "the {what} is longer than {MAX_ENTRY_CHARS} characters"
        ));
    }
    Ok(())
}

/// An event as it sits in a log: its sequence number (from 1) and when it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recorded<E> {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub event: E,
}

/// Stands for the words an entry will hold while they are still to be typed. The shell asks
/// `Flow::may` about the entry with these words in place before it opens a prompt, so a
/// refusal that does not depend on the words comes before the typing, never after it.
pub const STAND_IN: &str = "…";

/// A meeting kind's pure state machine. Time arrives inside the entries; nothing here reads
/// a clock, a store or a terminal.
pub trait Flow: Sized {
    /// What the kind's log holds.
    type Event;

    /// The state the first entry (the setup) makes, under the organisation's rule set.
    fn start(first: &Recorded<Self::Event>, rules: RuleSet) -> Result<Self, Refusal>;
    /// Whether `event` may happen now in `org`, and its effects on the organisation.
    fn decide(&self, event: &Self::Event, org: &Organisation) -> Result<Vec<Effect>, Refusal>;
    /// Whether an entry like `event` may be made now, its effects aside: asked before its
    /// words are (with `STAND_IN` where they go), so that what `decide` would refuse whatever
    /// is typed is refused before the typing. `decide` is the one judge.
    fn may(&self, event: &Self::Event, org: &Organisation) -> Result<(), Refusal> {
        self.decide(event, org).map(drop)
    }
    /// Brings the state up to date with an entry `decide` accepted (or that a log holds);
    /// anything out of range is ignored, so a damaged log cannot crash a fold.
    fn apply(&mut self, entry: &Recorded<Self::Event>);
    /// The sequence number of the entry this event takes back, if it is a retraction.
    fn retracts(event: &Self::Event) -> Option<u64>;
    /// Whether the event moves the meeting relative to where it stood (the next step,
    /// speaker or item): decided where the meeting no longer is, it would not mean what was
    /// asked, so it is never decided again after another program recorded first.
    fn is_move(event: &Self::Event) -> bool;
    /// The label of the agenda item whose proposal `event` moves, if it is a proposal's entry:
    /// the governance record names it with the versions an adoption writes.
    fn proposal_of(&self, _event: &Self::Event) -> Option<String> {
        None
    }
}

/// Rebuilds a state from its whole log, skipping retracted entries.
pub fn fold<F: Flow>(log: &[Recorded<F::Event>], rules: RuleSet) -> Result<F, Refusal> {
    let (first, rest) = log
        .split_first()
        .ok_or_else(|| Refusal::new("the log has no entries"))?;
    let retracted: HashSet<u64> = rest.iter().filter_map(|r| F::retracts(&r.event)).collect();
    let mut state = F::start(first, rules)?;
    for entry in rest.iter().filter(|r| !retracted.contains(&r.seq)) {
        state.apply(entry);
    }
    Ok(state)
}

/// Adds a committed entry to `log` and brings `state` up to date: a retraction re-folds the
/// whole log (the retracted entry drops out), anything else is applied on top.
pub fn push<F: Flow>(
    log: &mut Vec<Recorded<F::Event>>,
    state: &mut F,
    entry: Recorded<F::Event>,
    rules: RuleSet,
) -> Result<(), Refusal> {
    let retraction = F::retracts(&entry.event).is_some();
    log.push(entry);
    if retraction {
        *state = fold(log, rules)?;
    } else if let Some(entry) = log.last() {
        state.apply(entry);
    }
    Ok(())
}

/// The sequence number of a log's newest entry (0 for an empty log).
pub fn last_seq<E>(log: &[Recorded<E>]) -> u64 {
    log.last().map_or(0, |r| r.seq)
}
