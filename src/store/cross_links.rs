//! Writing adopted Cross Links (4.1 §2.7): the Cross Link Role created in the Target Circle
//! with the text §2.7.1 gives it, where it comes from, and its filler; its removal; and taking
//! either back. Reading them is one query both backends run.
//!
//! Owns: the `cross_links` table's writes and its read. Must not import: ratatui, crossterm,
//! tokio, a database library.

use super::StoreError;
use super::governance::{Kind, Source, assign_elected, change, end_fillers, version};
use super::sql::{Sql, Value};
use super::sql_types::list_to_json;
use crate::domain::*;

/// The Cross Links standing: those whose role is not removed, by role.
pub(super) const CROSS_LINKS: &str = "SELECT l.role_id, l.from_circle_id, l.from_name
     FROM cross_links l JOIN roles r ON r.id = l.role_id
     WHERE r.removed_at IS NULL ORDER BY l.role_id";

/// A row of `CROSS_LINKS` as the domain has it.
pub(super) fn from_row(role: RoleId, circle: Option<CircleId>, name: Option<String>) -> CrossLink {
    let from = match circle {
        Some(circle) => LinkedEntity::Circle { circle },
        None => LinkedEntity::Other {
            name: name.unwrap_or_default(),
        },
    };
    CrossLink { role, from }
}

/// The name of circle `id`, as it stands.
fn circle_name(sql: &dyn Sql, id: CircleId) -> Result<String, StoreError> {
    let name = sql.text(
        "SELECT name FROM circles WHERE id = ?1",
        &[Value::int(id.0)],
    )?;
    Ok(name.unwrap_or_default())
}

/// Records where Cross Link Role `role` comes from (`src`: the entry that adopted it, if any).
pub(super) fn link(
    sql: &dyn Sql,
    role: i64,
    from: &LinkedEntity,
    src: Option<Source>,
) -> Result<(), StoreError> {
    let (circle, name) = match from {
        LinkedEntity::Circle { circle } => (Value::int(circle.0), Value::Text(None)),
        LinkedEntity::Other { name } => (Value::Int(None), Value::text(text::clean_line(name))),
    };
    sql.run(
        "INSERT INTO cross_links (role_id, from_circle_id, from_name, meeting_id, event_seq) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[
            Value::int(role),
            circle,
            name,
            Value::Int(src.map(|s| s.meeting)),
            Value::Int(src.map(|s| s.seq)),
        ],
    )?;
    Ok(())
}

/// A Cross Link Policy adopted in `target`: its Cross Link Role, filled by `filler`. Answers
/// the ids of the role and the assignment it made.
pub(super) fn create(
    sql: &dyn Sql,
    target: CircleId,
    (from, filler): (&LinkedEntity, PersonId),
    src: Source,
) -> Result<[i64; 2], StoreError> {
    let entity = match from {
        LinkedEntity::Circle { circle } => circle_name(sql, *circle)?,
        LinkedEntity::Other { name } => text::clean_line(name),
    };
    let role = cross_link_role(&entity, &circle_name(sql, target)?);
    let id = sql.insert(
        "INSERT INTO roles (circle_id, name, purpose, domains, accountabilities) VALUES (?1, ?2, ?3, '[]', ?4) RETURNING id",
        &[
            Value::int(target.0),
            Value::text(role.name),
            Value::text(role.purpose),
            Value::text(list_to_json(&role.accountabilities)),
        ],
    )?;
    version(sql, Kind::Role, id, src, false)?;
    link(sql, id, from, Some(src))?;
    Ok([id, assign_elected(sql, RoleId(id), filler, None, src)?])
}

/// The Cross Link Policy of `role` removed: the role goes, and its filler's assignment ends.
pub(super) fn remove(sql: &dyn Sql, role: RoleId, src: Source) -> Result<(), StoreError> {
    change(
        sql,
        Kind::Role,
        role.0,
        src,
        "UPDATE roles SET removed_at = ?2 WHERE id = ?1",
        &[Value::Time(src.at)],
    )?;
    end_fillers(sql, role, src)
}

/// Takes back the Cross Links the entry `(meeting, seq)` created, before their roles go.
pub(super) fn undo(sql: &dyn Sql, meeting: i64, seq: i64) -> Result<(), StoreError> {
    sql.run(
        "DELETE FROM cross_links WHERE meeting_id = ?1 AND event_seq = ?2",
        &[Value::int(meeting), Value::int(seq)],
    )?;
    Ok(())
}
