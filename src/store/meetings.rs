//! Meetings: their append-only event logs, and running each event's effects on the
//! organisation in the event's own transaction.
//!
//! Owns: SQLite's `MeetingLog`: starting a meeting or review, appending an event with its
//! effects (refused as a conflict when the log grew past the entry it was decided on),
//! undoing an entry's effects, and reading logs back. Must not import: ratatui, crossterm,
//! tokio.

use super::backend::{LogOwner, MeetingLog};
use super::{Store, StoreError};
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::{Effect, MeetingKind};
use crate::domain::*;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

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
    /// Per effect, in order: the id of the row it created (a next action, project or tension).
    pub created: Vec<Option<i64>>,
}

/// A meeting as the list of past meetings shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    pub id: MeetingId,
    pub circle: CircleId,
    pub kind: MeetingKind,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

impl MeetingLog for Store {
    fn start_log(
        &mut self,
        owner: LogOwner,
        at: DateTime<Utc>,
        first: &str,
    ) -> Result<MeetingId, StoreError> {
        self.write(|tx| {
            match owner {
                LogOwner::Circle(circle, kind) => tx.execute(
                    "INSERT INTO meetings (circle_id, kind, started_at) VALUES (?1, ?2, ?3)",
                    params![circle, kind.id(), at],
                )?,
                LogOwner::Person(person) => tx.execute(
                    "INSERT INTO meetings (person_id, kind, started_at) VALUES (?1, 'review', ?2)",
                    params![person, at],
                )?,
            };
            let id = MeetingId(tx.last_insert_rowid());
            tx.execute(
                "INSERT INTO meeting_events (meeting_id, seq, at, payload) VALUES (?1, 1, ?2, ?3)",
                params![id.0, at, first],
            )?;
            Ok(id)
        })
    }

    fn append_payload(
        &mut self,
        meeting: MeetingId,
        after: u64,
        at: DateTime<Utc>,
        payload: &str,
        effects: &[Effect],
    ) -> Result<Appended, StoreError> {
        self.write(|tx| {
            let latest = last_seq_in(tx, meeting)?;
            if latest != after {
                return Err(StoreError::Conflict {
                    expected: after,
                    latest,
                });
            }
            let seq = i64::try_from(after + 1)
                .map_err(|_| StoreError::Invalid("the meeting log is full".into()))?;
            tx.execute(
                "INSERT INTO meeting_events (meeting_id, seq, at, payload) VALUES (?1, ?2, ?3, ?4)",
                params![meeting.0, seq, at, payload],
            )?;
            let created = effects
                .iter()
                .map(|effect| run_effect(tx, meeting, seq, at, effect))
                .collect::<Result<Vec<_>, _>>()?;
            // The entry completes what was being put together: the kept draft goes with it,
            // in the same transaction (one key press, one write).
            tx.execute("DELETE FROM drafts WHERE meeting_id = ?1", [meeting.0])?;
            Ok(Appended {
                seq: after + 1,
                created,
            })
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
        last_seq_in(&self.conn, meeting)
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

/// The newest sequence number of a meeting's log (0 for none).
fn last_seq_in(conn: &rusqlite::Connection, meeting: MeetingId) -> Result<u64, StoreError> {
    let latest: i64 = conn.query_row(
        "SELECT coalesce(max(seq), 0) FROM meeting_events WHERE meeting_id = ?1",
        [meeting.0],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(latest).unwrap_or(0))
}

impl Store {
    /// Meeting rows of a query selecting (id, circle, kind, started, ended); rows of a kind
    /// this version does not know are passed over.
    fn meeting_rows<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<Vec<MeetingRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(params, |r| {
                let kind: String = r.get(2)?;
                Ok((MeetingId(r.get(0)?), r.get(1)?, kind, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<
                Vec<(
                    MeetingId,
                    CircleId,
                    String,
                    DateTime<Utc>,
                    Option<DateTime<Utc>>,
                )>,
            >>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, circle, kind, started_at, ended_at)| {
                MeetingKind::from_id(&kind).map(|kind| MeetingRow {
                    id,
                    circle,
                    kind,
                    started_at,
                    ended_at,
                })
            })
            .collect())
    }
}

/// Runs one effect of the event `(meeting, seq)`, linking what it writes to that event.
fn run_effect(
    tx: &Transaction<'_>,
    meeting: MeetingId,
    seq: i64,
    at: DateTime<Utc>,
    effect: &Effect,
) -> Result<Option<i64>, StoreError> {
    let m = meeting.0;
    match effect {
        Effect::AnswerChecklist {
            item,
            period,
            checked,
        } => {
            tx.execute(
                "INSERT INTO checklist_answers (item_id, period, checked, meeting_id, event_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![item, period, checked, m, seq],
            )?;
        }
        Effect::RecordMetric {
            metric,
            period,
            value,
            comment,
        } => {
            tx.execute(
                "INSERT INTO metric_values (metric_id, period, value, comment, meeting_id, event_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![metric, period, value, comment, m, seq],
            )?;
        }
        Effect::UpdateProject {
            project,
            update,
            status,
        } => {
            let before: ProjectStatus = tx.query_row(
                "SELECT status FROM projects WHERE id = ?1",
                [project],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO project_updates (project_id, update_text, status_before, status_after, meeting_id, event_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![project, update, before, status, m, seq],
            )?;
            tx.execute(
                "UPDATE projects SET status = ?1 WHERE id = ?2",
                params![status, project],
            )?;
        }
        Effect::CreateNextAction { role, person, text } => {
            tx.execute(
                "INSERT INTO next_actions (role_id, person_id, text, meeting_id, event_seq) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![role, person, text, m, seq],
            )?;
            return Ok(Some(tx.last_insert_rowid()));
        }
        Effect::CreateProject {
            role,
            person,
            title,
        } => {
            tx.execute(
                "INSERT INTO projects (role_id, person_id, title, status, meeting_id, event_seq)
                 VALUES (?1, ?2, ?3, 'current', ?4, ?5)",
                params![role, person, title, m, seq],
            )?;
            return Ok(Some(tx.last_insert_rowid()));
        }
        Effect::CreateTension {
            person,
            role,
            circle,
            text,
            kind,
        } => {
            tx.execute(
                "INSERT INTO tensions (person_id, role_id, circle_id, text, kind, meeting_id, event_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![person, role, circle, text, kind, m, seq],
            )?;
            return Ok(Some(tx.last_insert_rowid()));
        }
        Effect::ProcessTension { tension } => {
            tx.execute(
                "UPDATE tensions SET status = 'processed', processed_meeting_id = ?1, processed_seq = ?2 WHERE id = ?3",
                params![m, seq, tension],
            )?;
        }
        Effect::ApplyGovernance { circle, changes } => {
            super::governance::apply(
                tx,
                *circle,
                changes,
                super::governance::Source {
                    meeting: m,
                    seq,
                    at,
                },
            )?;
        }
        Effect::AssignElected {
            role,
            person,
            term_end,
        } => {
            let src = super::governance::Source {
                meeting: m,
                seq,
                at,
            };
            super::governance::assign_elected(tx, *role, *person, *term_end, src)?;
        }
        Effect::Undo { seq: undone } => {
            let undone = i64::try_from(*undone).unwrap_or(-1);
            undo(tx, meeting, undone)?;
            super::governance::undo(tx, m, undone)?;
        }
        Effect::EndMeeting => {
            tx.execute(
                "UPDATE meetings SET ended_at = ?1 WHERE id = ?2",
                params![at, m],
            )?;
        }
    }
    Ok(None)
}

/// Reverses every effect of the entry `(meeting, seq)`.
fn undo(tx: &Transaction<'_>, meeting: MeetingId, seq: i64) -> Result<(), StoreError> {
    let m = meeting.0;
    tx.execute(
        "UPDATE projects SET status = (SELECT status_before FROM project_updates u
           WHERE u.project_id = projects.id AND u.meeting_id = ?1 AND u.event_seq = ?2)
         WHERE id IN (SELECT project_id FROM project_updates WHERE meeting_id = ?1 AND event_seq = ?2)",
        params![m, seq],
    )?;
    tx.execute(
        "UPDATE tensions SET status = 'open', processed_meeting_id = NULL, processed_seq = NULL
         WHERE processed_meeting_id = ?1 AND processed_seq = ?2",
        params![m, seq],
    )?;
    for table in [
        "project_updates",
        "checklist_answers",
        "metric_values",
        "next_actions",
        "projects",
        "tensions",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE meeting_id = ?1 AND event_seq = ?2"),
            params![m, seq],
        )?;
    }
    Ok(())
}
