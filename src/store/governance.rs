//! Carrying out an adoption's or an election's rows in the store, with history, and undoing
//! them. What the rows are is the domain's (`plan_governance`, decided on the structure as
//! read inside the transaction: `governed`); here each kind of row is written to its table,
//! and the ids the store makes for new rows are put in place of the provisional ones.
//!
//! Owns: the row writes' statements, undo (which restores exactly the previous state from
//! the versions) and reading a role's history back (SQLite's). The writes go through `Sql`,
//! so both backends run them. Must not import: ratatui, crossterm, tokio.

use super::StoreError;
use super::cross_links;
use super::governed::read_governed;
use super::sql::{Sql, Value};
use super::sql_types::list_to_json;
use crate::domain::meeting::Effect;
use crate::domain::org::{RowWrite, Versioned, plan_governance, reach_of};
use crate::domain::*;
use chrono::{DateTime, Utc};

/// The source of a write: the meeting and the sequence number of its entry.
#[derive(Clone, Copy)]
pub(super) struct Source {
    pub meeting: i64,
    pub seq: i64,
    pub at: DateTime<Utc>,
}

impl Source {
    fn values(self) -> [Value; 3] {
        [
            Value::Time(self.at),
            Value::int(self.meeting),
            Value::int(self.seq),
        ]
    }
}

/// The tables of a kind of versioned record: its own, its versions', and the column of the
/// versions naming it.
fn tables(kind: Versioned) -> (&'static str, &'static str, &'static str) {
    match kind {
        Versioned::Role => ("roles", "role_versions", "role_id"),
        Versioned::Policy => ("policies", "policy_versions", "policy_id"),
        Versioned::Circle => ("circles", "circle_versions", "circle_id"),
    }
}

/// Writes the rows of an adoption or an election's result (`effect`) of the entry `src`:
/// answers the ids of the rows it created, in the order the rows create them (the order
/// `Organisation::apply` takes them in).
pub(super) fn apply(sql: &dyn Sql, effect: &Effect, src: Source) -> Result<Vec<i64>, StoreError> {
    let source = org::Source {
        meeting: MeetingId(src.meeting),
        seq: u64::try_from(src.seq).unwrap_or(0),
    };
    let stamp = Stamp::at(source, src.at);
    let governed = read_governed(sql, &reach_of(effect))?;
    let writes = plan_governance(governed, effect, &stamp).map_err(|_| {
        StoreError::Invalid(
            "an adopted change names a role, policy or circle that no longer stands".into(),
        )
    })?;
    let mut made = Vec::new();
    for write in &writes {
        let write = write
            .resolved(&made)
            .ok_or_else(|| StoreError::Invalid("a row names one not made yet".into()))?;
        if let Some(id) = write_row(sql, &write, src)? {
            made.push(id);
        }
    }
    Ok(made)
}

/// Writes one row: the id of the row it inserted, if it inserted one that is the domain's
/// to name (a Cross Link's row is named by its role).
fn write_row(sql: &dyn Sql, write: &RowWrite, src: Source) -> Result<Option<i64>, StoreError> {
    let [at, m, seq] = src.values();
    let soft = |table: &str, id: i64| {
        let statement = format!("UPDATE {table} SET removed_at = ?2 WHERE id = ?1");
        sql.run(&statement, &[Value::int(id), Value::Time(src.at)])
            .map(|_| None)
    };
    match write {
        RowWrite::AddCircle(_)
        | RowWrite::AddRole(_)
        | RowWrite::AddPolicy(_)
        | RowWrite::AddAssignment(_) => insert_row(sql, write, src).map(Some),
        RowWrite::AddCrossLink(l) => {
            cross_links::link(sql, l.role.0, &l.from, Some(src)).map(|()| None)
        }
        RowWrite::SetCircle(_) | RowWrite::SetRole(_) | RowWrite::SetPolicy(_) => {
            set_row(sql, write).map(|()| None)
        }
        RowWrite::RemoveCircle(id) => soft("circles", id.0),
        RowWrite::RemoveRole(id) => soft("roles", id.0),
        RowWrite::RemovePolicy(id) => soft("policies", id.0),
        RowWrite::EndAssignment(id) => sql
            .run(
                "UPDATE assignments SET ended_meeting_id = ?2, ended_seq = ?3, ended_at = ?4
                 WHERE id = ?1 AND ended_meeting_id IS NULL AND ended_at IS NULL",
                &[Value::int(id.0), m, seq, at],
            )
            .map(|_| None),
        RowWrite::Version(v) => version(sql, v, src).map(|()| None),
    }
}

/// The text a role's kind is written as (none for a role no constitution makes).
fn core_text(core: Option<CoreRole>) -> Value {
    Value::Text(core.map(|c| c.id().to_string()))
}

/// Inserts a new circle, role, policy or assignment: its id.
fn insert_row(sql: &dyn Sql, write: &RowWrite, src: Source) -> Result<i64, StoreError> {
    let [at, m, seq] = src.values();
    match write {
        RowWrite::AddCircle(c) => sql.insert(
            "INSERT INTO circles (parent_id, name, purpose, domains, accountabilities)
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            &[
                Value::Int(c.parent.map(|p| p.0)),
                Value::text(&c.name),
                Value::text(&c.purpose),
                Value::text(list_to_json(&c.domains)),
                Value::text(list_to_json(&c.accountabilities)),
            ],
        ),
        RowWrite::AddRole(r) => sql.insert(
            "INSERT INTO roles (circle_id, name, purpose, domains, accountabilities, core)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            &[
                Value::int(r.circle.0),
                Value::text(&r.name),
                Value::text(&r.purpose),
                Value::text(list_to_json(&r.domains)),
                Value::text(list_to_json(&r.accountabilities)),
                core_text(r.core),
            ],
        ),
        RowWrite::AddPolicy(p) => sql.insert(
            "INSERT INTO policies (circle_id, role_id, name, text) VALUES (?1, ?2, ?3, ?4) RETURNING id",
            &[
                Value::int(p.circle.0),
                Value::Int(p.role.map(|r| r.0)),
                Value::text(&p.name),
                Value::text(&p.text),
            ],
        ),
        RowWrite::AddAssignment(a) => sql.insert(
            "INSERT INTO assignments (role_id, person_id, term_end, meeting_id, event_seq, started_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            &[Value::int(a.role.0), Value::int(a.person.0), Value::Date(a.term_end), m, seq, at],
        ),
        _ => Err(StoreError::Invalid("not a row to insert".into())),
    }
}

/// Sets a circle's, role's or policy's governed columns as given.
fn set_row(sql: &dyn Sql, write: &RowWrite) -> Result<(), StoreError> {
    let (statement, args) = match write {
        RowWrite::SetCircle(c) => (
            "UPDATE circles SET parent_id = ?2, name = ?3, purpose = ?4, domains = ?5,
             accountabilities = ?6 WHERE id = ?1",
            vec![
                Value::int(c.id.0),
                Value::Int(c.parent.map(|p| p.0)),
                Value::text(&c.name),
                Value::text(&c.purpose),
                Value::text(list_to_json(&c.domains)),
                Value::text(list_to_json(&c.accountabilities)),
            ],
        ),
        RowWrite::SetRole(r) => (
            "UPDATE roles SET circle_id = ?2, name = ?3, purpose = ?4, domains = ?5,
             accountabilities = ?6, core = ?7 WHERE id = ?1",
            vec![
                Value::int(r.id.0),
                Value::int(r.circle.0),
                Value::text(&r.name),
                Value::text(&r.purpose),
                Value::text(list_to_json(&r.domains)),
                Value::text(list_to_json(&r.accountabilities)),
                core_text(r.core),
            ],
        ),
        RowWrite::SetPolicy(p) => (
            "UPDATE policies SET circle_id = ?2, role_id = ?3, name = ?4, text = ?5 WHERE id = ?1",
            vec![
                Value::int(p.id.0),
                Value::int(p.circle.0),
                Value::Int(p.role.map(|r| r.0)),
                Value::text(&p.name),
                Value::text(&p.text),
            ],
        ),
        _ => return Err(StoreError::Invalid("not a row to set".into())),
    };
    sql.run(statement, &args).map(|_| ())
}

/// Appends a version of a role, policy or sub-circle, linked to the entry `src`.
fn version(sql: &dyn Sql, v: &RecordVersion, src: Source) -> Result<(), StoreError> {
    let [at, m, seq] = src.values();
    let (kind, id) = Versioned::of(v);
    let mut args = vec![Value::int(id)];
    let statement = match kind {
        Versioned::Role => {
            args.extend([
                Value::int(v.circle.0),
                Value::text(&v.name),
                Value::text(&v.text),
                Value::text(list_to_json(&v.domains)),
                Value::text(list_to_json(&v.accountabilities)),
                Value::text(v.core.flatten().map_or("", |c| c.id())),
            ]);
            "INSERT INTO role_versions (role_id, circle_id, name, purpose, domains, accountabilities, core, removed, baseline, recorded_at, meeting_id, event_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        }
        Versioned::Policy => {
            args.extend([
                Value::int(v.circle.0),
                Value::Int(v.holder.map(|r| r.0)),
                Value::text(&v.name),
                Value::text(&v.text),
            ]);
            "INSERT INTO policy_versions (policy_id, circle_id, role_id, name, text, removed, baseline, recorded_at, meeting_id, event_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        }
        Versioned::Circle => {
            args.extend([
                Value::Int((v.circle.0 != 0).then_some(v.circle.0)),
                Value::text(&v.name),
                Value::text(&v.text),
                Value::text(list_to_json(&v.domains)),
                Value::text(list_to_json(&v.accountabilities)),
            ]);
            "INSERT INTO circle_versions (circle_id, parent_id, name, purpose, domains, accountabilities, removed, baseline, recorded_at, meeting_id, event_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        }
    };
    args.extend([Value::Bool(v.removed), Value::Bool(v.baseline), at, m, seq]);
    sql.run(statement, &args).map(|_| ())
}

/// Reverses governance and election effects of the entry `(meeting, seq)`.
pub(super) fn undo(sql: &dyn Sql, meeting: i64, seq: i64) -> Result<(), StoreError> {
    let args = [Value::int(meeting), Value::int(seq)];
    sql.run(
        "DELETE FROM assignments WHERE meeting_id = ?1 AND event_seq = ?2",
        &args,
    )?;
    sql.run(
        "UPDATE assignments SET ended_meeting_id = NULL, ended_seq = NULL, ended_at = NULL WHERE ended_meeting_id = ?1 AND ended_seq = ?2",
        &args,
    )?;
    cross_links::undo(sql, meeting, seq)?;
    undo_versions(sql, Versioned::Role, meeting, seq)?;
    undo_versions(sql, Versioned::Policy, meeting, seq)?;
    // Last: a circle the entry created is deleted once the roles it created within are.
    undo_versions(sql, Versioned::Circle, meeting, seq)?;
    Ok(())
}

/// For each role (or policy) this entry changed, restores the version before it; one it
/// created is deleted. Then the entry's version rows go.
fn undo_versions(sql: &dyn Sql, kind: Versioned, meeting: i64, seq: i64) -> Result<(), StoreError> {
    let (table, versions, id) = tables(kind);
    let columns = match kind {
        Versioned::Role => {
            "circle_id = v.circle_id, name = v.name, purpose = v.purpose, domains = v.domains, accountabilities = v.accountabilities, core = nullif(v.core, '')"
        }
        Versioned::Policy => {
            "circle_id = v.circle_id, role_id = v.role_id, name = v.name, text = v.text"
        }
        Versioned::Circle => {
            "parent_id = v.parent_id, name = v.name, purpose = v.purpose, domains = v.domains, accountabilities = v.accountabilities"
        }
    };
    let args = [Value::int(meeting), Value::int(seq)];
    let touched = sql.ints(
        &format!("SELECT DISTINCT {id} FROM {versions} WHERE meeting_id = ?1 AND event_seq = ?2"),
        &args,
    )?;
    for target in touched {
        let with = [Value::int(target), Value::int(meeting), Value::int(seq)];
        let previous = sql.ints(
            &format!(
                "SELECT id FROM {versions} WHERE {id} = ?1
                 AND NOT (meeting_id IS NOT DISTINCT FROM ?2 AND event_seq IS NOT DISTINCT FROM ?3)
                 ORDER BY id DESC LIMIT 1"
            ),
            &with,
        )?;
        let own_baseline = sql.ints(
            &format!("SELECT id FROM {versions} WHERE {id} = ?1 AND meeting_id = ?2 AND event_seq = ?3 AND baseline"),
            &with,
        )?;
        match previous.first().or(own_baseline.first()) {
            Some(&version) => {
                sql.run(
                    &format!(
                        "UPDATE {table} SET {columns}, removed_at = CASE WHEN v.removed THEN {table}.removed_at ELSE NULL END
                         FROM (SELECT * FROM {versions} WHERE id = ?2) AS v WHERE {table}.id = ?1"
                    ),
                    &[Value::int(target), Value::int(version)],
                )?;
            }
            None => {
                sql.run(
                    &format!("DELETE FROM {versions} WHERE {id} = ?1"),
                    &[Value::int(target)],
                )?;
                sql.run(
                    &format!("DELETE FROM {table} WHERE id = ?1"),
                    &[Value::int(target)],
                )?;
            }
        }
    }
    sql.run(
        &format!("DELETE FROM {versions} WHERE meeting_id = ?1 AND event_seq = ?2"),
        &args,
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
