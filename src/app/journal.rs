//! Committing one entry of an event-logged screen (a meeting or a review): asked of the
//! domain, written with its effects in one transaction, then applied to what is shown.
//!
//! Owns: that sequence, once, for every log the screens keep, and asking an entry before its
//! words are typed. Must not import: tokio; must
//! not draw.

use crate::domain::meeting::Effect;
use crate::domain::meeting::flow::{self, Flow, Recorded};
use crate::domain::meeting::tactical::Refusal;
use crate::domain::{MeetingId, Organisation, RuleSet};
use crate::store::StoreError;
use crate::store::prelude::*;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A screen that keeps a meeting's (or review's) log and the state folded from it. What to
/// decide, apply and fold is the meeting kind's `Flow`; the screen only says where they are.
pub trait Journal {
    /// The meeting kind's state machine.
    type Flow: Flow<Event: Serialize + DeserializeOwned>;

    /// The meeting (or review) the log belongs to.
    fn meeting(&self) -> MeetingId;
    /// The rule set the log is folded under.
    fn rules(&self) -> RuleSet;
    /// The state folded from the log.
    fn state(&self) -> &Self::Flow;
    /// The log and its state, to add an entry to both.
    fn parts(&mut self) -> (&mut Vec<Recorded<Event<Self>>>, &mut Self::Flow);
}

/// The event type of a journal's flow.
pub(super) type Event<J> = <<J as Journal>::Flow as Flow>::Event;

/// The sequence number of the newest entry: the one decisions are made on.
fn last_seq<J: Journal + ?Sized>(journal: &mut J) -> u64 {
    flow::last_seq(journal.parts().0)
}

/// Adds a committed entry to the journal (re-folding on a retraction).
fn push<J: Journal + ?Sized>(journal: &mut J, entry: Recorded<Event<J>>) -> Result<(), Refusal> {
    let rules = journal.rules();
    let (log, state) = journal.parts();
    flow::push(log, state, entry, rules)
}

/// What committing an entry did.
pub enum Committed {
    /// Written and shown.
    Done {
        /// The entry's effects as written, each with the ids of the rows it created: still to
        /// be applied to the organisation in memory (`Organisation::apply`).
        effects: Vec<(Effect, Vec<i64>)>,
        /// The label of the proposal the entry moved, if it did (`Flow::proposal_of`).
        proposal: Option<String>,
        /// Who recorded the entries another program had recorded first, now shown too, one
        /// per entry (none without a conflict).
        caught_up: Vec<Option<String>>,
        /// When the entry was made (what it created dates from then).
        at: DateTime<Utc>,
        /// Which entry it is (none when it was made already and is only shown now).
        source: Option<crate::domain::org::Source>,
    },
    /// Refused by the domain: nothing of this entry changed. One line for the status.
    Refused(String),
    /// Decided, but the store could not write it (unreachable, full, gone): nothing
    /// changed, and the entry should stay on screen to be tried again. One line.
    Unwritten(String),
    /// Another program held the database longer than a write waits: nothing changed, and the
    /// entry stays on screen to be tried again by itself.
    Busy,
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
    store: &mut dyn Backend,
    journal: &mut J,
    org: &mut std::sync::Arc<Organisation>,
    at: DateTime<Utc>,
    event: Event<J>,
) -> Committed {
    match store.made_unanswered_entry(journal.meeting(), &event) {
        Ok(Some(seq)) => return made_unanswered(store, journal, org, (seq, at)),
        Ok(None) => {}
        Err(StoreError::Busy) => return Committed::Busy,
        Err(e) => return Committed::Unwritten(e.to_string()),
    }
    let mut caught_up = Vec::new();
    for _ in 0..CONFLICT_RETRIES {
        let effects = match journal.state().decide(&event, org) {
            Ok(effects) => effects,
            Err(refusal) => return Committed::Refused(first_or(&caught_up, refusal.0)),
        };
        let after = last_seq(journal);
        match store.append_entry(journal.meeting(), after, at, &event, &effects) {
            Ok(appended) => {
                let created = appended
                    .created
                    .into_iter()
                    .chain(std::iter::repeat(Vec::new()));
                let effects = effects.into_iter().zip(created).collect();
                let proposal = journal.state().proposal_of(&event);
                let entry = Recorded {
                    seq: appended.seq,
                    at,
                    event,
                };
                let source = crate::domain::org::Source {
                    meeting: journal.meeting(),
                    seq: entry.seq,
                };
                return match push(journal, entry) {
                    Ok(()) => Committed::Done {
                        effects,
                        proposal,
                        caught_up,
                        at,
                        source: Some(source),
                    },
                    Err(e) => Committed::Refused(e.0),
                };
            }
            Err(StoreError::Conflict { .. }) => match catch_up(store, journal, org) {
                Ok(by) if J::Flow::is_move(&event) => {
                    caught_up.extend(by);
                    return Committed::Refused(first_or(
                        &caught_up,
                        "the meeting is not where it was: look, then move again".into(),
                    ));
                }
                Ok(by) => caught_up.extend(by),
                Err(e) => {
                    tracing::warn!("entries of another program could not be read: {e}");
                    return Committed::Unwritten(e);
                }
            },
            Err(StoreError::Busy) => {
                tracing::warn!("an entry waits: the database is busy");
                return Committed::Busy;
            }
            Err(StoreError::Dangling { message }) => {
                tracing::warn!("an entry names what the database does not hold: {message}");
                return dangling(store, journal, org, &event);
            }
            Err(e) => {
                tracing::warn!("an entry could not be written: {e}");
                return Committed::Unwritten(e.to_string());
            }
        }
    }
    Committed::Unwritten("other programs keep recording in this meeting: try again".into())
}

/// An entry the store refused for a foreign key not met: what it names was removed by another
/// program since the organisation was read (within the second before this program looked),
/// or other records name what it takes away. The organisation is read again (into `org`) and
/// the entry decided on it, so that why is said in the domain's words, never the database's;
/// nothing is written, and the entry stays on screen.
fn dangling<J: Journal>(
    store: &mut dyn Backend,
    journal: &J,
    org: &mut std::sync::Arc<Organisation>,
    event: &Event<J>,
) -> Committed {
    match super::reports::reload(&*store, org) {
        Ok(Some(fresh)) => *org = std::sync::Arc::new(fresh),
        Ok(None) => {}
        Err(e) => return Committed::Unwritten(e.to_string()),
    }
    let why = match journal.state().decide(event, org) {
        Err(refusal) => refusal.0,
        Ok(_) => "what it names was removed or changed in another program meanwhile".into(),
    };
    Committed::Unwritten(why)
}

/// The entry pressed again was made though its answer was lost (entry `seq`): shown as the
/// log holds it, with the organisation read again, and not decided or written again.
fn made_unanswered<J: Journal>(
    store: &mut dyn Backend,
    journal: &mut J,
    org: &mut std::sync::Arc<Organisation>,
    (seq, at): (u64, DateTime<Utc>),
) -> Committed {
    if last_seq(journal) < seq
        && let Err(e) = catch_up(store, journal, org)
    {
        return Committed::Unwritten(e);
    }
    Committed::Done {
        effects: Vec::new(),
        proposal: None,
        caught_up: Vec::new(),
        at,
        source: None,
    }
}

/// Whether an entry may be made now (`Flow::may`), asked before a prompt, picker or question
/// opens for it, so that nothing is typed for an entry that would then be refused.
pub fn may<J: Journal>(journal: &J, org: &Organisation, event: &Event<J>) -> Result<(), String> {
    journal.state().may(event, org).map_err(|r| r.0)
}

/// The refusal, saying first that other programs' entries came before it (and whose) when
/// they did.
fn first_or(caught_up: &[Option<String>], refusal: String) -> String {
    if caught_up.is_empty() {
        return refusal;
    }
    format!("{} first, so: {refusal}", who_recorded(caught_up, false))
}

/// Who recorded the entries `by` (one name, or none, per entry): "Ana recorded an entry",
/// "Ana and another program recorded 3 entries"; a program started without `--as` is
/// "another program". With `capital`, the first letter is a capital.
pub fn who_recorded(by: &[Option<String>], capital: bool) -> String {
    let mut names: Vec<&str> = Vec::new();
    for name in by {
        let name = name.as_deref().unwrap_or("another program");
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let who = match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "nobody".to_string(),
    };
    let who = match who.chars().next() {
        Some(first) if capital => first.to_uppercase().chain(who.chars().skip(1)).collect(),
        _ => who,
    };
    let what = match by.len() {
        1 => "an entry".to_string(),
        n => format!("{n} entries"),
    };
    format!("{who} recorded {what}")
}

/// Reads and applies what other programs appended to the journal's log since it last looked,
/// and the organisation as it now stands when anything was. Returns who recorded each of
/// them (see `MeetingLog::actors_after`).
pub fn catch_up<J: Journal>(
    store: &mut dyn Backend,
    journal: &mut J,
    org: &mut std::sync::Arc<Organisation>,
) -> Result<Vec<Option<String>>, String> {
    let after = last_seq(journal);
    let newer: Vec<Recorded<Event<J>>> = store
        .meeting_events_after(journal.meeting(), after)
        .map_err(|e| e.to_string())?;
    let count = newer.len();
    let mut by = if count == 0 {
        Vec::new()
    } else {
        store
            .actors_after(journal.meeting(), after)
            .map_err(|e| e.to_string())?
    };
    // Entries appended between the two reads are taken in next time.
    by.resize(count, None);
    for entry in newer {
        push(journal, entry).map_err(|e| e.0)?;
    }
    if count > 0 {
        match super::reports::reload(&*store, org) {
            Ok(Some(fresh)) => *org = std::sync::Arc::new(fresh),
            Ok(None) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(by)
}
