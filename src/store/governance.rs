//! Applying adopted governance changes and election results, with history, and undoing them.
//!
//! Owns: role and policy versions (a baseline of how a role stood before its first governed
//! change, then one version per change, each linked to the meeting entry), soft removal, and
//! elected fillers that end the ones they replace. Undo restores exactly the previous state.
//! Must not import: ratatui, crossterm, tokio.

use super::StoreError;
use super::sql_types::list_to_json;
use crate::domain::meeting::governance::Change;
use crate::domain::*;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

/// The source of a write: the meeting and the sequence number of its entry.
#[derive(Clone, Copy)]
pub(super) struct Source {
    pub meeting: i64,
    pub seq: i64,
    pub at: DateTime<Utc>,
}

/// Writes a version row of a role as it stands now.
fn role_version(
    tx: &Transaction<'_>,
    role: RoleId,
    src: Source,
    baseline: bool,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO role_versions (role_id, circle_id, name, purpose, domains, accountabilities, removed, baseline, recorded_at, meeting_id, event_seq)
         SELECT id, circle_id, name, purpose, domains, accountabilities, removed_at IS NOT NULL, ?2, ?3, ?4, ?5 FROM roles WHERE id = ?1",
        params![role, baseline, src.at, src.meeting, src.seq],
    )?;
    Ok(())
}

fn policy_version(
    tx: &Transaction<'_>,
    policy: PolicyId,
    src: Source,
    baseline: bool,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO policy_versions (policy_id, circle_id, name, text, removed, baseline, recorded_at, meeting_id, event_seq)
         SELECT id, circle_id, name, text, removed_at IS NOT NULL, ?2, ?3, ?4, ?5 FROM policies WHERE id = ?1",
        params![policy, baseline, src.at, src.meeting, src.seq],
    )?;
    Ok(())
}

/// Before a role's first governed change, records how it stood (its baseline).
fn role_baseline(tx: &Transaction<'_>, role: RoleId, src: Source) -> Result<(), StoreError> {
    let has: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM role_versions WHERE role_id = ?1)",
        [role],
        |r| r.get(0),
    )?;
    if !has {
        role_version(tx, role, src, true)?;
    }
    Ok(())
}

fn policy_baseline(tx: &Transaction<'_>, policy: PolicyId, src: Source) -> Result<(), StoreError> {
    let has: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM policy_versions WHERE policy_id = ?1)",
        [policy],
        |r| r.get(0),
    )?;
    if !has {
        policy_version(tx, policy, src, true)?;
    }
    Ok(())
}

/// Applies adopted changes to `circle`, writing a version of everything touched.
pub(super) fn apply(
    tx: &Transaction<'_>,
    circle: CircleId,
    changes: &[Change],
    src: Source,
) -> Result<(), StoreError> {
    for change in changes {
        match change {
            Change::CreateRole {
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                tx.execute(
                    "INSERT INTO roles (circle_id, name, purpose, domains, accountabilities) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![circle, text::clean_line(name), text::clean_text(purpose), list_to_json(domains), list_to_json(accountabilities)],
                )?;
                role_version(tx, RoleId(tx.last_insert_rowid()), src, false)?;
            }
            Change::AmendRole {
                role,
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                role_baseline(tx, *role, src)?;
                tx.execute(
                    "UPDATE roles SET name = coalesce(?2, name), purpose = coalesce(?3, purpose),
                     domains = coalesce(?4, domains), accountabilities = coalesce(?5, accountabilities) WHERE id = ?1",
                    params![
                        role,
                        name.as_deref().map(text::clean_line),
                        purpose.as_deref().map(text::clean_text),
                        domains.as_deref().map(list_to_json),
                        accountabilities.as_deref().map(list_to_json)
                    ],
                )?;
                role_version(tx, *role, src, false)?;
            }
            Change::RemoveRole { role } => {
                role_baseline(tx, *role, src)?;
                tx.execute(
                    "UPDATE roles SET removed_at = ?2 WHERE id = ?1",
                    params![role, src.at],
                )?;
                role_version(tx, *role, src, false)?;
            }
            Change::MoveRole { role, to } => {
                role_baseline(tx, *role, src)?;
                tx.execute(
                    "UPDATE roles SET circle_id = ?2 WHERE id = ?1",
                    params![role, to],
                )?;
                role_version(tx, *role, src, false)?;
            }
            Change::CreatePolicy { name, text: body } => {
                tx.execute(
                    "INSERT INTO policies (circle_id, name, text) VALUES (?1, ?2, ?3)",
                    params![circle, text::clean_line(name), text::clean_text(body)],
                )?;
                policy_version(tx, PolicyId(tx.last_insert_rowid()), src, false)?;
            }
            Change::AmendPolicy {
                policy,
                name,
                text: body,
            } => {
                policy_baseline(tx, *policy, src)?;
                tx.execute(
                    "UPDATE policies SET name = coalesce(?2, name), text = coalesce(?3, text) WHERE id = ?1",
                    params![policy, name.as_deref().map(text::clean_line), body.as_deref().map(text::clean_text)],
                )?;
                policy_version(tx, *policy, src, false)?;
            }
            Change::RemovePolicy { policy } => {
                policy_baseline(tx, *policy, src)?;
                tx.execute(
                    "UPDATE policies SET removed_at = ?2 WHERE id = ?1",
                    params![policy, src.at],
                )?;
                policy_version(tx, *policy, src, false)?;
            }
            Change::MovePolicy { policy, to } => {
                policy_baseline(tx, *policy, src)?;
                tx.execute(
                    "UPDATE policies SET circle_id = ?2 WHERE id = ?1",
                    params![policy, to],
                )?;
                policy_version(tx, *policy, src, false)?;
            }
        }
    }
    Ok(())
}

/// Makes `person` the filler of `role` until `term_end`; the current fillers' assignments
/// end (they stay in the record).
pub(super) fn assign_elected(
    tx: &Transaction<'_>,
    role: RoleId,
    person: PersonId,
    term_end: Option<NaiveDate>,
    src: Source,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE assignments SET ended_meeting_id = ?2, ended_seq = ?3, ended_at = ?4
         WHERE role_id = ?1 AND ended_meeting_id IS NULL AND ended_at IS NULL",
        params![role, src.meeting, src.seq, src.at],
    )?;
    tx.execute(
        "INSERT INTO assignments (role_id, person_id, term_end, meeting_id, event_seq, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![role, person, term_end, src.meeting, src.seq, src.at],
    )?;
    Ok(())
}

/// Reverses governance and election effects of the entry `(meeting, seq)`.
pub(super) fn undo(tx: &Transaction<'_>, meeting: i64, seq: i64) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM assignments WHERE meeting_id = ?1 AND event_seq = ?2",
        params![meeting, seq],
    )?;
    tx.execute(
        "UPDATE assignments SET ended_meeting_id = NULL, ended_seq = NULL, ended_at = NULL WHERE ended_meeting_id = ?1 AND ended_seq = ?2",
        params![meeting, seq],
    )?;
    undo_versions(tx, "role", meeting, seq)?;
    undo_versions(tx, "policy", meeting, seq)?;
    Ok(())
}

/// For each role (or policy) this entry changed, restores the version before it; one it
/// created is deleted. Then the entry's version rows go.
fn undo_versions(
    tx: &Transaction<'_>,
    kind: &str,
    meeting: i64,
    seq: i64,
) -> Result<(), StoreError> {
    let (table, versions, id, columns) = match kind {
        "role" => (
            "roles",
            "role_versions",
            "role_id",
            "circle_id = v.circle_id, name = v.name, purpose = v.purpose, domains = v.domains, accountabilities = v.accountabilities",
        ),
        _ => (
            "policies",
            "policy_versions",
            "policy_id",
            "circle_id = v.circle_id, name = v.name, text = v.text",
        ),
    };
    let touched: Vec<i64> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT DISTINCT {id} FROM {versions} WHERE meeting_id = ?1 AND event_seq = ?2"
        ))?;
        stmt.query_map(params![meeting, seq], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    for target in touched {
        let previous: Option<i64> = tx
            .query_row(
                &format!(
                    "SELECT id FROM {versions} WHERE {id} = ?1 AND NOT (meeting_id IS ?2 AND event_seq IS ?3)
                     ORDER BY id DESC LIMIT 1"
                ),
                params![target, meeting, seq],
                |r| r.get(0),
            )
            .optional()?;
        let own_baseline: Option<i64> = tx
            .query_row(
                &format!("SELECT id FROM {versions} WHERE {id} = ?1 AND meeting_id = ?2 AND event_seq = ?3 AND baseline = 1"),
                params![target, meeting, seq],
                |r| r.get(0),
            )
            .optional()?;
        match previous.or(own_baseline) {
            Some(version) => {
                tx.execute(
                    &format!(
                        "UPDATE {table} SET {columns}, removed_at = CASE WHEN v.removed = 1 THEN removed_at ELSE NULL END
                         FROM (SELECT * FROM {versions} WHERE id = ?2) AS v WHERE {table}.id = ?1"
                    ),
                    params![target, version],
                )?;
            }
            None => {
                tx.execute(&format!("DELETE FROM {versions} WHERE {id} = ?1"), [target])?;
                tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [target])?;
            }
        }
    }
    tx.execute(
        &format!("DELETE FROM {versions} WHERE meeting_id = ?1 AND event_seq = ?2"),
        params![meeting, seq],
    )?;
    Ok(())
}

/// One version of a role, as its history shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleVersion {
    pub name: String,
    pub purpose: String,
    pub domains: Vec<String>,
    pub accountabilities: Vec<String>,
    pub circle: CircleId,
    pub removed: bool,
    /// How the role stood before its first governed change.
    pub baseline: bool,
    pub recorded_at: DateTime<Utc>,
    pub meeting: Option<MeetingId>,
}

impl super::Store {
    /// A role's versions, oldest first (empty for a role governance never changed).
    pub(super) fn role_versions(&self, role: RoleId) -> Result<Vec<RoleVersion>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, purpose, domains, accountabilities, circle_id, removed, baseline, recorded_at, meeting_id
             FROM role_versions WHERE role_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([role], |r| {
                Ok(RoleVersion {
                    name: r.get(0)?,
                    purpose: r.get(1)?,
                    domains: super::sql_types::list_from_json(&r.get::<_, String>(2)?)?,
                    accountabilities: super::sql_types::list_from_json(&r.get::<_, String>(3)?)?,
                    circle: r.get(4)?,
                    removed: r.get(5)?,
                    baseline: r.get(6)?,
                    recorded_at: r.get(7)?,
                    meeting: r.get::<_, Option<i64>>(8)?.map(MeetingId),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
