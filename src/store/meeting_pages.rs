//! The list of past meetings as both stores read it: a page of one look's meetings newest
//! first, older than the last row shown (by index: all meetings, a circle's, a kind's, a
//! range of days, the open ones), the first and last days meetings started on, and the kept
//! count of each kind (migration 020), written once with `?N` placeholders for either store.
//!
//! Owns: those statements. Must not import: ratatui, crossterm, tokio, `crate::app`.

use super::sql::Value;
use crate::domain::meeting::MeetingKind;
use crate::domain::meeting_list::{Key, Look, MeetingRow, Page};
use crate::domain::{CircleId, MeetingId};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// The schema version that keeps the count of meetings per kind (020_meeting_list.sql).
pub const COUNTS_SCHEMA: u32 = 20;

/// A meeting as a query selecting (id, circle, kind, started, ended) reads it, its kind as
/// the store holds it.
pub type Raw = (
    MeetingId,
    CircleId,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

/// The meetings of the kinds this version knows, others passed over.
pub fn known(raw: Vec<Raw>) -> Vec<MeetingRow> {
    raw.into_iter()
        .filter_map(|(id, circle, kind, started_at, ended_at)| {
            MeetingKind::from_id(&kind).map(|kind| MeetingRow {
                id,
                circle,
                kind,
                started_at,
                ended_at,
            })
        })
        .collect()
}

/// The page of `limit` asked that `raw` answers: where the next one starts when it is full.
pub fn page_of(raw: Vec<Raw>, limit: usize) -> Page {
    let next = if raw.len() >= limit {
        raw.last().map(|r| (r.3, r.0))
    } else {
        None
    };
    Page {
        read: raw.len(),
        rows: known(raw),
        next,
    }
}

/// Midnight (UTC) starting `day`, as a bound on `started_at`.
fn midnight(day: NaiveDate) -> Value {
    Value::Time(day.and_time(NaiveTime::MIN).and_utc())
}

/// The statement and its values reading up to `limit` of `look`'s meetings newest first,
/// below `after` when given, selecting (id, circle, kind, started, ended). Every kind is
/// read (`page_of` passes over those this version does not know): a condition on the kind
/// would have SQLite read every meeting by the kind's index and sort them.
pub fn page(look: Look, after: Option<Key>, limit: usize) -> (String, Vec<Value>) {
    let mut sql = String::from(
        "SELECT id, circle_id, kind, started_at, ended_at FROM meetings WHERE circle_id IS NOT NULL",
    );
    let mut args = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, value: Value| {
        args.push(value);
        sql.push_str(&clause.replace('#', &format!("?{}", args.len())));
    };
    match look {
        Look::Newest => {}
        Look::Circle(circle) => arg(&mut sql, " AND circle_id = #", Value::int(circle.0)),
        Look::Kind(kind) => arg(&mut sql, " AND kind = #", Value::text(kind.id())),
        Look::Days(from, to) => {
            arg(&mut sql, " AND started_at >= #", midnight(from));
            // The last day there is has no next one to end before.
            if let Some(next) = to.succ_opt() {
                arg(&mut sql, " AND started_at < #", midnight(next));
            }
        }
        Look::Open => sql.push_str(" AND ended_at IS NULL"),
    }
    if let Some((at, id)) = after {
        arg(&mut sql, " AND (started_at, id) < (#", Value::Time(at));
        arg(&mut sql, ", #)", Value::int(id.0));
    }
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    arg(
        &mut sql,
        " ORDER BY started_at DESC, id DESC LIMIT #",
        Value::int(limit),
    );
    (sql, args)
}

/// The statement answering the first and the last moment a circle's meeting started.
pub const DAYS: &str = "SELECT
    (SELECT started_at FROM meetings WHERE circle_id IS NOT NULL ORDER BY started_at, id LIMIT 1),
    (SELECT started_at FROM meetings WHERE circle_id IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1)";

/// The statement answering each kind's count of circles' meetings, as kept.
pub const COUNTS: &str = "SELECT kind, n FROM meeting_counts";

/// The same counted from the meetings, for a file older than the kept counts (read-only).
pub const COUNTS_BY_SCAN: &str =
    "SELECT kind, count(*) FROM meetings WHERE circle_id IS NOT NULL GROUP BY kind";

/// The counts of the kinds this version knows, from (kind, count) rows.
pub fn known_counts(rows: Vec<(String, i64)>) -> Vec<(MeetingKind, usize)> {
    rows.into_iter()
        .filter_map(|(kind, n)| {
            MeetingKind::from_id(&kind).map(|k| (k, usize::try_from(n).unwrap_or(0)))
        })
        .collect()
}
