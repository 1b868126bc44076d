//! Writes whose answer was lost: a COMMIT sent to the server whose reply never came (the
//! connection dropped, the network went silent) may have been made or not. The key that made
//! the entry is pressed again once the server is back; that write must find the entry
//! already there instead of recording it a second time (or, decided again on a log that now
//! holds it, as something else).
//!
//! A meeting's start is such a write too: its meeting row and first entry may have been
//! made, and starting again must find that meeting instead of starting a second one.
//!
//! Owns: remembering such writes until the log they went to is written again, and asking
//! whether one of them was made. Must not import: tokio-postgres, rusqlite, `crate::app`.

use crate::domain::MeetingId;
use crate::store::StoreError;
use crate::store::backend::LogOwner;
use crate::store::sql::{Sql, Value};

/// The log a write went to: a meeting's (or review's, or person's own work) or the
/// organisation's; or a new log of `owner`, whose start was the write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Log {
    /// An entry of this meeting's log (or a review's, or a person's own work).
    Meeting(MeetingId),
    /// An entry of the organisation's own log of changes between meetings.
    Organisation,
    /// The start of a new log of this owner: its row and first entry.
    Start(LogOwner),
}

/// One write in doubt: entry `seq` of `log` with `payload`, by `actor`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Doubt {
    log: Log,
    seq: u64,
    payload: String,
    actor: Option<String>,
}

/// How many writes in doubt are remembered: the same key pressed again while the server is
/// still away adds none, so this is only a bound.
const REMEMBERED: usize = 16;

/// The writes in doubt since each log was last written.
#[derive(Debug, Default)]
pub struct Doubts(Vec<Doubt>);

impl Doubts {
    /// Notes what a write's answer says: when the server could not be reached the write is
    /// in doubt; when it was written, the log's doubts are settled.
    pub fn answered<T>(
        &mut self,
        result: &Result<T, StoreError>,
        log: Log,
        seq: u64,
        payload: &str,
        actor: Option<&str>,
    ) {
        match result {
            Err(StoreError::Unreachable { .. }) => {
                let doubt = Doubt {
                    log,
                    seq,
                    payload: payload.to_string(),
                    actor: actor.map(str::to_string),
                };
                if !self.0.contains(&doubt) && self.0.len() < REMEMBERED {
                    self.0.push(doubt);
                }
            }
            Ok(_) => self.settle(log),
            Err(_) => {}
        }
    }

    /// The entry a write of `payload` to `log` by `actor` in doubt would have made, if one
    /// is remembered (the oldest: a key pressed again while the server was still away is the
    /// same write).
    pub fn seq_of(&self, log: Log, payload: &str, actor: Option<&str>) -> Option<u64> {
        self.0
            .iter()
            .find(|d| d.log == log && d.payload == payload && d.actor.as_deref() == actor)
            .map(|d| d.seq)
    }

    /// What the start of a log in doubt by `actor` wrote first, if one is remembered: a start
    /// asked again may decide its first entry anew (the check-in question goes by the
    /// clock), so the start is known by whose log it is and who started it.
    pub fn start_of(&self, owner: LogOwner, actor: Option<&str>) -> Option<&str> {
        self.0
            .iter()
            .find(|d| d.log == Log::Start(owner) && d.actor.as_deref() == actor)
            .map(|d| d.payload.as_str())
    }

    /// Forgets the writes in doubt to `log`: the server said whether they were made, or the
    /// log was written since.
    pub fn settle(&mut self, log: Log) {
        self.0.retain(|d| d.log != log);
    }
}

/// Whether `log` holds entry `seq` with `payload` by `actor`: the write in doubt was made.
/// (The same entry by the same person at the same place in the log is that write: if another
/// program of theirs made it, writing it again would double it all the same.)
pub fn made(
    sql: &dyn Sql,
    log: Log,
    seq: u64,
    payload: &str,
    actor: Option<&str>,
) -> Result<bool, StoreError> {
    let seq = Value::int(i64::try_from(seq).unwrap_or(i64::MAX));
    let found = match log {
        Log::Meeting(meeting) => sql.ints(
            "SELECT count(*) FROM meeting_events WHERE meeting_id = ?1 AND seq = ?2 \
             AND payload = ?3 AND coalesce(actor, '') = coalesce(?4, '')",
            &[
                Value::int(meeting.0),
                seq,
                Value::text(payload),
                Value::opt_text(actor),
            ],
        )?,
        Log::Organisation => sql.ints(
            "SELECT count(*) FROM org_log WHERE seq = ?1 AND payload = ?2",
            &[seq, Value::text(payload)],
        )?,
        Log::Start(owner) => return Ok(started(sql, owner, payload, actor)?.is_some()),
    };
    Ok(found.first().is_some_and(|n| *n > 0))
}

/// The unfinished log of `owner` whose first entry is `payload` by `actor`: the start in
/// doubt was made, and this is the log it made (the newest, should there be more).
pub fn started(
    sql: &dyn Sql,
    owner: LogOwner,
    payload: &str,
    actor: Option<&str>,
) -> Result<Option<MeetingId>, StoreError> {
    let (column, id, kind) = match owner {
        LogOwner::Circle(circle, kind) => ("circle_id", circle.0, kind.id()),
        LogOwner::Person(person) => ("person_id", person.0, "review"),
        LogOwner::Work(person) => ("person_id", person.0, "work"),
    };
    let found = sql.ints(
        &format!(
            "SELECT m.id FROM meetings m JOIN meeting_events e ON e.meeting_id = m.id \
             AND e.seq = 1 WHERE m.{column} = ?1 AND m.kind = ?2 AND m.ended_at IS NULL \
             AND e.payload = ?3 AND coalesce(e.actor, '') = coalesce(?4, '') \
             ORDER BY m.id DESC LIMIT 1"
        ),
        &[
            Value::int(id),
            Value::text(kind),
            Value::text(payload),
            Value::opt_text(actor),
        ],
    )?;
    Ok(found.first().map(|&id| MeetingId(id)))
}
