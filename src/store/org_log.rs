//! The organisation's own log in SQLite: `org_log` rows of JSON entries, and what each
//! entry's effects write to people and assignments.
//!
//! Owns: the `OrgLog` implementation. Must not import: ratatui, crossterm, tokio.

use super::backend::OrgLog;
use super::{Store, StoreError};
use crate::domain::PersonId;
use crate::domain::org_log::{OrgChange, OrgEffect, OrgEntry};
use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};

impl OrgLog for Store {
    fn append_org_entry(
        &mut self,
        after: u64,
        at: DateTime<Utc>,
        actor: Option<PersonId>,
        change: &OrgChange,
        effects: &[OrgEffect],
    ) -> Result<u64, StoreError> {
        let payload = serde_json::to_string(change)
            .map_err(|e| StoreError::Invalid(format!("entry not serialisable: {e}")))?;
        self.write(|tx| {
            let latest: i64 =
                tx.query_row("SELECT coalesce(max(seq), 0) FROM org_log", [], |r| {
                    r.get(0)
                })?;
            let latest = u64::try_from(latest).unwrap_or(0);
            if latest != after {
                return Err(StoreError::Conflict {
                    expected: after,
                    latest,
                });
            }
            let seq = i64::try_from(after + 1)
                .map_err(|_| StoreError::Invalid("the organisation log is full".into()))?;
            tx.execute(
                "INSERT INTO org_log (seq, at, actor_id, payload) VALUES (?1, ?2, ?3, ?4)",
                params![seq, at, actor, payload],
            )?;
            for effect in effects {
                run_effect(tx, seq, at, effect)?;
            }
            Ok(after + 1)
        })
    }

    fn org_entries(&self) -> Result<Vec<OrgEntry>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, at, actor_id, payload FROM org_log ORDER BY seq")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, DateTime<Utc>>(1)?,
                    r.get::<_, Option<PersonId>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(seq, at, actor, payload)| {
                let change = serde_json::from_str(&payload).map_err(|e| {
                    StoreError::Invalid(format!("organisation log entry {seq} cannot be read: {e}"))
                })?;
                Ok(OrgEntry {
                    seq: u64::try_from(seq).unwrap_or(0),
                    at,
                    actor,
                    change,
                })
            })
            .collect()
    }
}

/// Writes one effect of entry `seq`, made at `at`.
fn run_effect(
    tx: &Transaction<'_>,
    seq: i64,
    at: DateTime<Utc>,
    effect: &OrgEffect,
) -> Result<(), StoreError> {
    match effect {
        OrgEffect::AddPerson { name, email } => tx.execute(
            "INSERT INTO people (name, email, added_seq) VALUES (?1, ?2, ?3)",
            params![name, email, seq],
        )?,
        OrgEffect::RenamePerson { person, name } => tx.execute(
            "UPDATE people SET name = ?2 WHERE id = ?1",
            params![person, name],
        )?,
        OrgEffect::MarkLeft { person } => tx.execute(
            "UPDATE people SET left_at = ?2, left_seq = ?3 WHERE id = ?1",
            params![person, at, seq],
        )?,
        OrgEffect::Assign {
            role,
            person,
            focus,
        } => tx.execute(
            "INSERT INTO assignments (role_id, person_id, focus, started_at, org_seq) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![role, person, focus, at, seq],
        )?,
        OrgEffect::SetFocus { assignment, focus } => tx.execute(
            "UPDATE assignments SET focus = ?2 WHERE id = ?1",
            params![assignment, focus],
        )?,
        OrgEffect::EndAssignment { assignment } => tx.execute(
            "UPDATE assignments SET ended_at = ?2, ended_org_seq = ?3
             WHERE id = ?1 AND ended_at IS NULL AND ended_meeting_id IS NULL",
            params![assignment, at, seq],
        )?,
        OrgEffect::TakeBack { seq: undone } => {
            let undone = i64::try_from(*undone).unwrap_or(-1);
            take_back(tx, undone)?;
            0
        }
    };
    Ok(())
}

/// Reverses what entry `undone` wrote.
fn take_back(tx: &Transaction<'_>, undone: i64) -> Result<(), StoreError> {
    tx.execute("DELETE FROM assignments WHERE org_seq = ?1", [undone])?;
    tx.execute(
        "UPDATE assignments SET ended_at = NULL, ended_org_seq = NULL WHERE ended_org_seq = ?1",
        [undone],
    )?;
    tx.execute(
        "UPDATE people SET left_at = NULL, left_seq = NULL WHERE left_seq = ?1",
        [undone],
    )?;
    tx.execute("DELETE FROM people WHERE added_seq = ?1", [undone])?;
    Ok(())
}
