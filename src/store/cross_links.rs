//! Cross Links (4.1 §2.7) in the store: where a Cross Link Role comes from, written for an
//! adopted one (its role and filler are rows like any other: `governance`) or an imported
//! one, taken back with its entry, and read in one query both backends run.
//!
//! Owns: the `cross_links` table's writes and its read. Must not import: ratatui, crossterm,
//! tokio, a database library.

use super::StoreError;
use super::governance::Source;
use super::sql::{Sql, Value};
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

/// Takes back the Cross Links the entry `(meeting, seq)` created, before their roles go.
pub(super) fn undo(sql: &dyn Sql, meeting: i64, seq: i64) -> Result<(), StoreError> {
    sql.run(
        "DELETE FROM cross_links WHERE meeting_id = ?1 AND event_seq = ?2",
        &[Value::int(meeting), Value::int(seq)],
    )?;
    Ok(())
}
