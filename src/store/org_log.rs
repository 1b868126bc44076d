//! The organisation's own log: `org_log` rows of JSON entries, and what each entry's effects
//! write to people and assignments. The writes go through the shared `Sql` interface, so
//! SQLite and PostgreSQL run the same statements.
//!
//! Owns: appending an entry with its effects (refused as a conflict when the log grew past the
//! entry it was decided on), taking an entry back, and SQLite's `OrgLog`. Must not import:
//! ratatui, crossterm, tokio.

use super::backend::OrgLog;
use super::effects::next_seq;
use super::sql::{Sql, Value};
use super::{Appended, Store, StoreError};
use crate::domain::PersonId;
use crate::domain::org_log::{OrgChange, OrgEffect, OrgEntry};
use chrono::{DateTime, Utc};

/// Appends `change` as entry `after + 1` with its effects. Runs inside the caller's write
/// transaction.
pub fn append(
    sql: &dyn Sql,
    after: u64,
    at: DateTime<Utc>,
    actor: Option<PersonId>,
    change: &OrgChange,
    effects: &[OrgEffect],
) -> Result<Appended, StoreError> {
    let payload = serde_json::to_string(change)
        .map_err(|e| StoreError::Invalid(format!("entry not serialisable: {e}")))?;
    let latest = sql
        .ints("SELECT coalesce(max(seq), 0) FROM org_log", &[])?
        .first()
        .copied()
        .unwrap_or(0);
    let seq = next_seq(u64::try_from(latest).unwrap_or(0), after, "organisation")?;
    sql.run(
        "INSERT INTO org_log (seq, at, actor_id, payload) VALUES (?1, ?2, ?3, ?4)",
        &[
            Value::int(seq),
            Value::Time(at),
            Value::Int(actor.map(|p| p.0)),
            Value::text(&payload),
        ],
    )?;
    let created = effects
        .iter()
        .map(|effect| run_effect(sql, seq, at, actor, effect).map(|id| id.into_iter().collect()))
        .collect::<Result<_, _>>()?;
    Ok(Appended {
        seq: after + 1,
        created,
    })
}

/// An entry read back from its stored columns.
pub fn entry(
    seq: i64,
    at: DateTime<Utc>,
    actor: Option<i64>,
    payload: &str,
) -> Result<OrgEntry, StoreError> {
    let change = serde_json::from_str(payload).map_err(|e| {
        StoreError::Invalid(format!("organisation log entry {seq} cannot be read: {e}"))
    })?;
    Ok(OrgEntry {
        seq: u64::try_from(seq).unwrap_or(0),
        at,
        actor: actor.map(PersonId),
        change,
    })
}

/// Writes one effect of entry `seq`, made at `at` by `actor`: the id of the row it created,
/// if it created one (a person, an assignment, a checklist item or a metric).
fn run_effect(
    sql: &dyn Sql,
    seq: i64,
    at: DateTime<Utc>,
    actor: Option<PersonId>,
    effect: &OrgEffect,
) -> Result<Option<i64>, StoreError> {
    let s = Value::int(seq);
    let t = Value::Time(at);
    let run = |q: &str, args: &[Value]| sql.run(q, args).map(|_| None);
    let insert = |q: &str, args: &[Value]| sql.insert(q, args).map(Some);
    let created = match effect {
        OrgEffect::AddPerson { name, email } => insert(
            "INSERT INTO people (name, email, added_seq) VALUES (?1, ?2, ?3) RETURNING id",
            &[Value::text(name), Value::opt_text(email.as_deref()), s],
        )?,
        OrgEffect::RenamePerson { person, name } => run(
            "UPDATE people SET name = ?2 WHERE id = ?1",
            &[Value::int(person.0), Value::text(name)],
        )?,
        OrgEffect::MarkLeft { person } => run(
            "UPDATE people SET left_at = ?2, left_seq = ?3 WHERE id = ?1",
            &[Value::int(person.0), t, s],
        )?,
        OrgEffect::Assign {
            role,
            person,
            focus,
        } => insert(
            "INSERT INTO assignments (role_id, person_id, focus, started_at, org_seq) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            &[
                Value::int(role.0),
                Value::int(person.0),
                Value::opt_text(focus.as_deref()),
                t,
                s,
            ],
        )?,
        OrgEffect::SetFocus { assignment, focus } => run(
            "UPDATE assignments SET focus = ?2 WHERE id = ?1",
            &[Value::int(assignment.0), Value::opt_text(focus.as_deref())],
        )?,
        OrgEffect::EndAssignment { assignment } => run(
            "UPDATE assignments SET ended_at = ?2, ended_org_seq = ?3
             WHERE id = ?1 AND ended_at IS NULL AND ended_meeting_id IS NULL",
            &[Value::int(assignment.0), t, s],
        )?,
        OrgEffect::AddChecklistItem { .. }
        | OrgEffect::EndChecklistItem { .. }
        | OrgEffect::AddMetric { .. }
        | OrgEffect::EndMetric { .. } => role_record(sql, seq, at, effect)?,
        OrgEffect::RestoreProcess { .. } | OrgEffect::DeclareBreakdown { .. } => {
            breakdown(sql, seq, at, actor, effect)?;
            None
        }
        OrgEffect::TakeBack { seq: undone } => {
            take_back(sql, i64::try_from(*undone).unwrap_or(-1))?;
            None
        }
    };
    Ok(created)
}

/// Adds or ends the checklist item or metric `effect` names, at entry `seq` made at `at`:
/// the id of the item or metric added. Any other effect writes nothing here.
fn role_record(
    sql: &dyn Sql,
    seq: i64,
    at: DateTime<Utc>,
    effect: &OrgEffect,
) -> Result<Option<i64>, StoreError> {
    let s = Value::int(seq);
    let t = Value::Time(at);
    let run = |q: &str, args: &[Value]| sql.run(q, args).map(|_| None);
    let insert = |q: &str, args: &[Value]| sql.insert(q, args).map(Some);
    match effect {
        OrgEffect::AddChecklistItem {
            role,
            text,
            frequency,
        } => insert(
            "INSERT INTO checklist_items (role_id, text, frequency, added_seq) VALUES (?1, ?2, ?3, ?4) RETURNING id",
            &[
                Value::int(role.0),
                Value::text(text),
                Value::text(frequency.id()),
                s,
            ],
        ),
        OrgEffect::EndChecklistItem { item } => run(
            "UPDATE checklist_items SET ended_at = ?2, ended_seq = ?3 WHERE id = ?1 AND ended_at IS NULL",
            &[Value::int(item.0), t, s],
        ),
        OrgEffect::AddMetric {
            role,
            name,
            unit,
            frequency,
        } => insert(
            "INSERT INTO metrics (role_id, name, unit, frequency, added_seq) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            &[
                Value::int(role.0),
                Value::text(name),
                Value::opt_text(unit.as_deref()),
                Value::text(frequency.id()),
                s,
            ],
        ),
        OrgEffect::EndMetric { metric } => run(
            "UPDATE metrics SET ended_at = ?2, ended_seq = ?3 WHERE id = ?1 AND ended_at IS NULL",
            &[Value::int(metric.0), t, s],
        ),
        _ => Ok(None),
    }
}

/// Declares the process breakdown `effect` names, or restores the circle's open one (by
/// `actor`), at entry `seq` made at `at`. Any other effect writes nothing here.
fn breakdown(
    sql: &dyn Sql,
    seq: i64,
    at: DateTime<Utc>,
    actor: Option<PersonId>,
    effect: &OrgEffect,
) -> Result<(), StoreError> {
    let s = Value::int(seq);
    let t = Value::Time(at);
    match effect {
        OrgEffect::RestoreProcess { circle } => sql.run(
            "UPDATE process_breakdowns SET restored_at = ?2, restored_seq = ?3, restored_by = ?4
             WHERE circle_id = ?1 AND restored_at IS NULL",
            &[Value::int(circle.0), t, s, Value::Int(actor.map(|p| p.0))],
        ),
        OrgEffect::DeclareBreakdown {
            circle,
            declared_by,
            reason,
        } => sql.run(
            "INSERT INTO process_breakdowns (circle_id, declared_at, declared_by, reason, declared_seq)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            &[
                Value::int(circle.0),
                t,
                Value::text(declared_by),
                Value::text(reason),
                s,
            ],
        ),
        _ => Ok(0),
    }
    .map(|_| ())
}

/// Reverses what entry `undone` wrote.
fn take_back(sql: &dyn Sql, undone: i64) -> Result<(), StoreError> {
    let u = [Value::int(undone)];
    sql.run("DELETE FROM assignments WHERE org_seq = ?1", &u)?;
    sql.run(
        "UPDATE assignments SET ended_at = NULL, ended_org_seq = NULL WHERE ended_org_seq = ?1",
        &u,
    )?;
    sql.run(
        "UPDATE people SET left_at = NULL, left_seq = NULL WHERE left_seq = ?1",
        &u,
    )?;
    sql.run("DELETE FROM people WHERE added_seq = ?1", &u)?;
    sql.run(
        "UPDATE process_breakdowns SET restored_at = NULL, restored_seq = NULL, restored_by = NULL
         WHERE restored_seq = ?1",
        &u,
    )?;
    sql.run("DELETE FROM process_breakdowns WHERE declared_seq = ?1", &u)?;
    for table in ["checklist_items", "metrics"] {
        sql.run(&format!("DELETE FROM {table} WHERE added_seq = ?1"), &u)?;
        sql.run(
            &format!("UPDATE {table} SET ended_at = NULL, ended_seq = NULL WHERE ended_seq = ?1"),
            &u,
        )?;
    }
    Ok(())
}

impl OrgLog for Store {
    fn append_org_entry(
        &mut self,
        after: u64,
        at: DateTime<Utc>,
        actor: Option<PersonId>,
        change: &OrgChange,
        effects: &[OrgEffect],
    ) -> Result<Appended, StoreError> {
        self.write(|conn| append(conn, after, at, actor, change, effects))
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
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.iter()
            .map(|(seq, at, actor, payload)| entry(*seq, *at, *actor, payload))
            .collect()
    }
}
