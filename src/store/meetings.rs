//! Meetings: their append-only event logs, and running each event's effects on the
//! organisation in the event's own transaction.
//!
//! Owns: SQLite's `MeetingLog`: starting a meeting or review and appending an event in a
//! `BEGIN IMMEDIATE` transaction (what they write is `effects`, shared with PostgreSQL), and
//! reading logs back. Must not import: ratatui, crossterm,
//! tokio.

use super::backend::{LogOwner, MeetingLog};
use super::effects;
use super::meeting_pages as pages;
use super::{Store, StoreError};
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::{Effect, MeetingKind};
use crate::domain::meeting_list::{Key, Look, Page};
use crate::domain::*;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

/// A meeting not yet ended.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenMeeting {
    pub id: MeetingId,
    pub circle: CircleId,
    pub kind: MeetingKind,
    pub started_at: DateTime<Utc>,
}

/// What appending an entry wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Appended {
    /// The entry's sequence number.
    pub seq: u64,
    /// Per effect, in order: the ids of the rows it created, in the order the domain consumes
    /// them (`crate::domain::org::Created`): one for a next action, project, tension, person,
    /// assignment, checklist item or metric; those of an adoption or an election as
    /// `Organisation::apply` documents them.
    pub created: Vec<Vec<i64>>,
}

pub use crate::domain::meeting_list::MeetingRow;

impl MeetingLog for Store {
    fn start_log(
        &mut self,
        owner: LogOwner,
        at: DateTime<Utc>,
        first: &str,
    ) -> Result<MeetingId, StoreError> {
        let actor = self.actor.clone();
        self.write(|conn| effects::start_log(conn, owner, at, first, actor.as_deref()))
    }

    fn append_payload(
        &mut self,
        meeting: MeetingId,
        after: u64,
        at: DateTime<Utc>,
        payload: &str,
        effects: &[Effect],
    ) -> Result<Appended, StoreError> {
        // BEGIN IMMEDIATE holds off every other writer until this entry is in.
        let actor = self.actor.clone();
        self.write(|conn| {
            effects::append(conn, meeting, after, at, payload, effects, actor.as_deref())
        })
    }

    fn payloads_after(
        &self,
        meeting: MeetingId,
        after: u64,
    ) -> Result<Vec<Recorded<String>>, StoreError> {
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at, payload FROM meeting_events WHERE meeting_id = ?1 AND seq > ?2 ORDER BY seq",
        )?;
        let rows = stmt
            .query_map(params![meeting.0, after], |r| {
                Ok(Recorded {
                    seq: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                    at: r.get(1)?,
                    event: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn last_seq(&self, meeting: MeetingId) -> Result<u64, StoreError> {
        effects::last_seq(&self.conn, meeting)
    }

    fn set_actor(&mut self, actor: Option<&str>) {
        self.actor = actor.map(str::to_string);
    }

    fn actors_after(
        &self,
        meeting: MeetingId,
        after: u64,
    ) -> Result<Vec<Option<String>>, StoreError> {
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        // A database older than the entry actor, opened read-only (its minutes exported),
        // names nobody.
        let sql = if self.schema_version()? >= ACTOR_SCHEMA {
            "SELECT actor FROM meeting_events WHERE meeting_id = ?1 AND seq > ?2 ORDER BY seq"
        } else {
            "SELECT NULL FROM meeting_events WHERE meeting_id = ?1 AND seq > ?2 ORDER BY seq"
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(params![meeting.0, after], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn open_review(&self, person: PersonId) -> Result<Option<MeetingId>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM meetings WHERE person_id = ?1 AND kind = 'review' AND ended_at IS NULL
                 ORDER BY id DESC LIMIT 1",
                [person],
                |r| r.get(0).map(MeetingId),
            )
            .optional()?)
    }

    fn open_work(&self, person: PersonId) -> Result<Option<MeetingId>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM meetings WHERE person_id = ?1 AND kind = 'work' AND ended_at IS NULL
                 ORDER BY id LIMIT 1",
                [person],
                |r| r.get(0).map(MeetingId),
            )
            .optional()?)
    }

    fn open_meeting(
        &self,
        circle: CircleId,
        kind: MeetingKind,
    ) -> Result<Option<MeetingId>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM meetings WHERE circle_id = ?1 AND kind = ?2 AND ended_at IS NULL
                 ORDER BY id DESC LIMIT 1",
                params![circle, kind.id()],
                |r| r.get(0).map(MeetingId),
            )
            .optional()?)
    }

    fn open_meetings(&self) -> Result<Vec<OpenMeeting>, StoreError> {
        Ok(self
            .meeting_rows(
                "SELECT id, circle_id, kind, started_at, ended_at FROM meetings
                 WHERE ended_at IS NULL AND circle_id IS NOT NULL ORDER BY id",
                [],
            )?
            .into_iter()
            .map(|m| OpenMeeting {
                id: m.id,
                circle: m.circle,
                kind: m.kind,
                started_at: m.started_at,
            })
            .collect())
    }

    fn meetings(&self) -> Result<Vec<MeetingRow>, StoreError> {
        self.meeting_rows(
            "SELECT id, circle_id, kind, started_at, ended_at FROM meetings
             WHERE circle_id IS NOT NULL ORDER BY started_at DESC, id DESC",
            [],
        )
    }

    fn meeting_counts(&self) -> Result<Vec<(MeetingKind, usize)>, StoreError> {
        let sql = if self.schema_version()? >= pages::COUNTS_SCHEMA {
            pages::COUNTS
        } else {
            pages::COUNTS_BY_SCAN
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(pages::known_counts(rows))
    }

    fn meeting_page(
        &self,
        look: Look,
        after: Option<Key>,
        limit: usize,
    ) -> Result<Page, StoreError> {
        let (sql, args) = pages::page(look, after, limit);
        let raw = self.raw_meeting_rows(&sql, rusqlite::params_from_iter(args.iter()))?;
        Ok(pages::page_of(raw, limit))
    }

    fn meeting_days(&self) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError> {
        let (first, last): (Option<DateTime<Utc>>, Option<DateTime<Utc>>) = self
            .conn
            .prepare_cached(pages::DAYS)?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(first
            .zip(last)
            .map(|(a, b)| (a.date_naive(), b.date_naive())))
    }

    fn keep_draft(&mut self, meeting: MeetingId, draft: Option<&str>) -> Result<(), StoreError> {
        self.write(|tx| {
            match draft {
                Some(text) => tx.execute(
                    "INSERT INTO drafts (meeting_id, payload) VALUES (?1, ?2)
                     ON CONFLICT (meeting_id) DO UPDATE SET payload = excluded.payload",
                    params![meeting.0, text],
                )?,
                None => tx.execute("DELETE FROM drafts WHERE meeting_id = ?1", [meeting.0])?,
            };
            Ok(())
        })
    }

    fn draft(&self, meeting: MeetingId) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT payload FROM drafts WHERE meeting_id = ?1",
                [meeting.0],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn meeting(&self, id: MeetingId) -> Result<Option<MeetingRow>, StoreError> {
        let rows = self.meeting_rows(
            "SELECT id, circle_id, kind, started_at, ended_at FROM meetings
             WHERE id = ?1 AND circle_id IS NOT NULL",
            [id.0],
        )?;
        Ok(rows.into_iter().next())
    }
}

impl Store {
    /// Meeting rows of a query selecting (id, circle, kind, started, ended); rows of a kind
    /// this version does not know are passed over.
    fn meeting_rows<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<Vec<MeetingRow>, StoreError> {
        Ok(pages::known(self.raw_meeting_rows(sql, params)?))
    }

    /// The rows of a query selecting (id, circle, kind, started, ended), of any kind.
    fn raw_meeting_rows<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<Vec<pages::Raw>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(params, |r| {
                Ok((
                    MeetingId(r.get(0)?),
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<pages::Raw>>>()?;
        Ok(rows)
    }
}

/// The schema version that records who made each entry (010_entry_actor.sql).
pub(super) const ACTOR_SCHEMA: u32 = 10;
