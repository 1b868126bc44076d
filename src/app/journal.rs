//! Committing one entry of an event-logged screen (a meeting or a review): asked of the
//! domain, written with its effects in one transaction, then applied to what is shown.
//!
//! Owns: that sequence, once, for every log the screens keep. Must not import: tokio; must
//! not draw.

use crate::domain::meeting::Effect;
use crate::domain::meeting::tactical::Refusal;
use crate::domain::{MeetingId, Organisation};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A screen's in-memory log and the state folded from it.
pub trait Journal {
    type Event: Serialize + DeserializeOwned;

    /// The meeting (or review) the log belongs to.
    fn meeting(&self) -> MeetingId;
    /// The sequence number of the newest entry in the log: the one decisions are made on.
    fn last_seq(&self) -> u64;
    /// Whether `event` moves the meeting relative to where it stood (see `Event::is_move`).
    fn is_move(event: &Self::Event) -> bool;
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
    /// Written and shown.
    Done {
        /// The entry's effects as written, each with the id of the row it created: still to be
        /// applied to the organisation in memory (`Organisation::apply`).
        effects: Vec<(Effect, Option<i64>)>,
        /// Entries another program had recorded first, now shown too (0 without a conflict).
        caught_up: usize,
    },
    /// Refused by the domain or not written: nothing of this entry changed. One line for the
    /// status.
    Refused(String),
}

/// How many times an entry is decided again after other programs appended first.
const CONFLICT_RETRIES: usize = 3;

/// Decides, writes (with its effects, in one transaction) and applies one event.
///
/// The write names the last entry the decision saw; if another program appended since, the
/// entries since are read and applied, the organisation is read again (into `org`), and the
/// event is decided again on what is now true, so it is never recorded twice or against a
/// state it was not decided on.
pub fn commit<J: Journal>(
    store: &mut Store,
    journal: &mut J,
    org: &mut std::sync::Arc<Organisation>,
    at: DateTime<Utc>,
    event: J::Event,
) -> Committed {
    let mut caught_up = 0;
    for _ in 0..CONFLICT_RETRIES {
        let effects = match journal.decide(&event, org) {
            Ok(effects) => effects,
            Err(refusal) => return Committed::Refused(first_or(caught_up, refusal.0)),
        };
        match store.append_entry(journal.meeting(), journal.last_seq(), at, &event, &effects) {
            Ok(appended) => {
                let created = appended.created.into_iter().chain(std::iter::repeat(None));
                let effects = effects.into_iter().zip(created).collect();
                return match journal.push(appended.seq, at, event) {
                    Ok(()) => Committed::Done { effects, caught_up },
                    Err(e) => Committed::Refused(e.0),
                };
            }
            Err(StoreError::Conflict { .. }) => match catch_up(store, journal, org) {
                Ok(n) if J::is_move(&event) => {
                    return Committed::Refused(first_or(
                        caught_up + n,
                        "the meeting is not where it was: look, then move again".into(),
                    ));
                }
                Ok(n) => caught_up += n,
                Err(e) => return Committed::Refused(e),
            },
            Err(e) => {
                tracing::warn!("an entry could not be written: {e}");
                return Committed::Refused(e.to_string());
            }
        }
    }
    Committed::Refused("other programs keep recording in this meeting: try again".into())
}

/// The refusal, saying first that other programs' entries came before it when they did.
fn first_or(caught_up: usize, refusal: String) -> String {
    match caught_up {
        0 => refusal,
        1 => format!("another program recorded an entry first, so: {refusal}"),
        n => format!("another program recorded {n} entries first, so: {refusal}"),
    }
}

/// Reads and applies what other programs appended to the journal's log since it last looked,
/// and the organisation as it now stands when anything was. Returns how many entries.
pub fn catch_up<J: Journal>(
    store: &mut Store,
    journal: &mut J,
    org: &mut std::sync::Arc<Organisation>,
) -> Result<usize, String> {
    let newer: Vec<(u64, DateTime<Utc>, J::Event)> = store
        .meeting_events_after(journal.meeting(), journal.last_seq())
        .map_err(|e| e.to_string())?;
    let count = newer.len();
    for (seq, at, event) in newer {
        journal.push(seq, at, event).map_err(|e| e.0)?;
    }
    if count > 0 {
        match store.load_organisation() {
            Ok(Some(fresh)) => *org = std::sync::Arc::new(fresh),
            Ok(None) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(count)
}
