//! Schema migrations: numbered SQL files, applied in order, never edited once released.
//!
//! Owns: the list of migrations, `PRAGMA user_version` bookkeeping and the application id
//! that marks a file as a Roundtable database. Must not import: ratatui, crossterm, tokio.

use super::StoreError;
use rusqlite::{Connection, TransactionBehavior};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Marks a SQLite file as Roundtable's (`PRAGMA application_id`): "RTBL".
pub const APPLICATION_ID: i32 = 0x5254_424C;

/// Every migration, in order. Migration `n` (1-based) brings `user_version` to `n`.
/// Append only: a released entry is never changed.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_organisation.sql"),
    include_str!("migrations/002_meetings.sql"),
    include_str!("migrations/003_governance.sql"),
    include_str!("migrations/004_meeting_kinds.sql"),
    include_str!("migrations/005_drafts.sql"),
    include_str!("migrations/006_people_log.sql"),
    include_str!("migrations/007_own_work.sql"),
    include_str!("migrations/008_circle_records.sql"),
    include_str!("migrations/009_sub_circles.sql"),
    include_str!("migrations/010_entry_actor.sql"),
    include_str!("migrations/011_core_role_texts.sql"),
    include_str!("migrations/012_meetings_by_start.sql"),
    include_str!("migrations/013_process_breakdowns.sql"),
    include_str!("migrations/014_adoption_draft.sql"),
    include_str!("migrations/015_update_requests.sql"),
    include_str!("migrations/016_cross_links.sql"),
    include_str!("migrations/017_entry_sources.sql"),
    include_str!("migrations/018_work_and_open_meetings.sql"),
    include_str!("migrations/019_entry_times.sql"),
    include_str!("migrations/020_meeting_list.sql"),
    include_str!("migrations/021_undo_sources.sql"),
    include_str!("migrations/022_report_indexes.sql"),
    include_str!("migrations/023_work_index.sql"),
];

/// The schema version this build writes.
pub fn latest() -> u32 {
    // The list is a short constant; its length always fits in u32.
    MIGRATIONS.len() as u32
}

/// A database's schema objects, as (type, name).
pub type Objects = BTreeSet<(String, String)>;

/// The schema objects (type and name) that migrations `1..=version` create, found by running
/// them on an empty database in memory, once per program (every open compares a file's
/// objects with them).
pub fn objects_of_version(version: u32) -> Result<Objects, StoreError> {
    static BY_VERSION: OnceLock<Result<Vec<Objects>, String>> = OnceLock::new();
    let all = BY_VERSION.get_or_init(|| {
        let run = || -> rusqlite::Result<Vec<Objects>> {
            let conn = Connection::open_in_memory()?;
            let mut all = vec![schema_objects(&conn)?];
            for sql in MIGRATIONS {
                conn.execute_batch(sql)?;
                all.push(schema_objects(&conn)?);
            }
            Ok(all)
        };
        run().map_err(|e| e.to_string())
    });
    match all {
        Ok(all) => Ok(all.get(version as usize).cloned().unwrap_or_default()),
        Err(e) => Err(StoreError::Invalid(format!(
            "the migrations do not run: {e}"
        ))),
    }
}

/// The schema objects (type and name) of a database, SQLite's own left out.
pub fn schema_objects(conn: &Connection) -> rusqlite::Result<BTreeSet<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// Brings the database up to the latest schema, one transaction per migration.
///
/// Migrations run with foreign keys off (as SQLite's procedure for rebuilding a table asks),
/// and each one commits only if `foreign_key_check` then finds nothing wrong.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > latest() {
        return Err(StoreError::Newer {
            path: None,
            found: current,
            known: latest(),
        });
    }
    if current == latest() {
        return Ok(());
    }
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = run_from(conn, current);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrated
}

/// Runs every migration after `current`, each in its own transaction.
fn run_from(conn: &mut Connection, current: u32) -> Result<(), StoreError> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        let version = u32::try_from(index + 1).unwrap_or(u32::MAX);
        super::core_texts::after_migration(version, &*tx)?;
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(StoreError::Invalid(format!(
                "migration {} would leave {broken} broken references; nothing was changed",
                index + 1
            )));
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(index + 1).unwrap_or(i64::MAX),
        )?;
        tx.commit()?;
    }
    Ok(())
}
