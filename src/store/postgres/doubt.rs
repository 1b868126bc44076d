//! Writes whose answer was lost: a COMMIT sent to the server whose reply never came (the
//! connection dropped, the network went silent) may have been made or not. The key that made
//! the entry is pressed again once the server is back; that write must find the entry
//! already there instead of recording it a second time (or, decided again on a log that now
//! holds it, as something else).
//!
//! Owns: remembering such writes until the log they went to is written again, and asking
//! whether one of them was made. Must not import: tokio-postgres, rusqlite, `crate::app`.

use crate::domain::MeetingId;
use crate::store::StoreError;
use crate::store::sql::{Sql, Value};

/// The log a write went to: a meeting's (or review's, or person's own work) or the
/// organisation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Log {
    Meeting(MeetingId),
    Organisation,
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
    };
    Ok(found.first().is_some_and(|n| *n > 0))
}
