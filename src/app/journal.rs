//! Committing one entry of an event-logged screen (a meeting or a review): asked of the
//! domain, written with its effects in one transaction, then applied to what is shown.
//!
//! Owns: that sequence, once, for every log the screens keep. Must not import: tokio; must
//! not draw.

use crate::domain::meeting::Effect;
use crate::domain::meeting::tactical::Refusal;
use crate::domain::{MeetingId, Organisation};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// A screen's in-memory log and the state folded from it.
pub trait Journal {
    type Event: Serialize;

    /// The meeting (or review) the log belongs to.
    fn meeting(&self) -> MeetingId;
    /// Whether `event` may happen now in `org`, and its effects on the organisation.
    fn decide(&self, event: &Self::Event, org: &Organisation) -> Result<Vec<Effect>, Refusal>;
    /// Adds a committed event to the log and brings the state up to date (a retraction
    /// re-folds the whole log).
    fn push(&mut self, seq: u64, at: DateTime<Utc>, event: Self::Event) -> Result<(), Refusal>;
}

/// A log kept as (sequence number, time, event), as reviews and governance meetings keep it.
pub type Log<E> = Vec<(u64, DateTime<Utc>, E)>;

/// Adds a committed entry to `log` and brings `state` up to date: a retraction re-folds the
/// whole log (the retracted entry drops out), anything else is applied on top.
pub fn push_logged<E, S>(
    log: &mut Log<E>,
    state: &mut S,
    entry: (u64, DateTime<Utc>, E),
    retraction: bool,
    fold: impl FnOnce(&Log<E>) -> Result<S, Refusal>,
    apply: impl FnOnce(&mut S, u64, DateTime<Utc>, &E),
) -> Result<(), Refusal> {
    log.push(entry);
    if retraction {
        *state = fold(log)?;
    } else if let Some((seq, at, event)) = log.last() {
        apply(state, *seq, *at, event);
    }
    Ok(())
}

/// What committing an entry did.
pub enum Committed {
    /// Written and shown; `true` when the organisation changed and must be reloaded.
    Done(bool),
    /// Refused by the domain or not written: nothing changed. One line for the status.
    Refused(String),
}

/// Decides, writes (with its effects, in one transaction) and applies one event.
pub fn commit<J: Journal>(
    store: &mut Store,
    journal: &mut J,
    org: &Organisation,
    at: DateTime<Utc>,
    event: J::Event,
) -> Committed {
    let effects = match journal.decide(&event, org) {
        Ok(effects) => effects,
        Err(refusal) => return Committed::Refused(refusal.0),
    };
    let seq = match store.append_event(journal.meeting(), at, &event, &effects) {
        Ok(seq) => seq,
        Err(e) => return Committed::Refused(e.to_string()),
    };
    match journal.push(seq, at, event) {
        Ok(()) => Committed::Done(!effects.is_empty()),
        Err(e) => Committed::Refused(e.0),
    }
}
