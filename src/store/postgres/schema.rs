//! PostgreSQL's schema: numbered migrations equivalent to SQLite's (the same tables and
//! meaning, so both stores are at the same schema version), and the marker table that says
//! a database is Roundtable's and at which version.
//!
//! A database holding tables but no marker is another program's, and one whose marker says
//! another application or a newer version is refused; both are left untouched (inspection
//! only reads). Migrations run one transaction each, under an advisory lock, so two programs
//! starting at once migrate once.
//! Owns: the migration list, the marker, inspection. Must not import: ratatui, crossterm,
//! `crate::app`, `crate::ui`.

use super::super::StoreError;
use super::super::sql::{Sql, Value};
use super::session::Session;
use std::path::PathBuf;

/// What the marker's `application` column holds in a Roundtable database.
pub const APPLICATION: &str = "roundtable";

/// Every migration, in order; migration `n` (1-based) brings the version to `n`. Append only.
const MIGRATIONS: &[&str] = &[
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
    // A short constant list: its length always fits in u32.
    MIGRATIONS.len() as u32
}

/// The advisory lock key migrations take ("RTBL", as SQLite's application id).
const MIGRATION_LOCK: i64 = 0x5254_424C;

/// What a database holds, found by reading only.
enum Found {
    /// No table at all: a new database to set up.
    Empty,
    /// A Roundtable database at this version.
    Roundtable(u32),
}

fn foreign(session: &Session, reason: &str) -> StoreError {
    StoreError::Foreign {
        path: PathBuf::from(session.target.shown()),
        reason: reason.into(),
    }
}

/// Reads what the database holds, without writing to it.
fn inspect(session: &Session) -> Result<Found, StoreError> {
    let read = session.read();
    let marker = read
        .row("SELECT to_regclass('roundtable_schema') IS NOT NULL", &[])?
        .map(|r| r.get::<_, bool>(0))
        .unwrap_or(false);
    if !marker {
        let tables: i64 = read
            .row(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
                &[],
            )?
            .map_or(0, |r| r.get(0));
        return match tables {
            0 => Ok(Found::Empty),
            _ => Err(foreign(session, "a PostgreSQL database of another program")),
        };
    }
    let row = read
        .row("SELECT application, version FROM roundtable_schema", &[])
        .map_err(|_| foreign(session, "its roundtable_schema table is not Roundtable's"))?;
    let Some(row) = row else {
        return Err(foreign(session, "its roundtable_schema table is empty"));
    };
    let application: String = row
        .try_get(0)
        .map_err(|_| foreign(session, "its roundtable_schema table is not Roundtable's"))?;
    let version: i64 = row
        .try_get(1)
        .map_err(|_| foreign(session, "its roundtable_schema table is not Roundtable's"))?;
    if application != APPLICATION {
        return Err(foreign(
            session,
            &format!(
                "a database of the application \"{}\"",
                crate::domain::text::clean_line(&application)
            ),
        ));
    }
    let found = u32::try_from(version).unwrap_or(u32::MAX);
    if found > latest() {
        return Err(StoreError::Newer {
            path: Some(PathBuf::from(session.target.shown())),
            found,
            known: latest(),
        });
    }
    Ok(Found::Roundtable(found))
}

/// The version the marker says, read inside a migration's transaction.
fn marked_version(sql: &dyn Sql) -> Result<u32, StoreError> {
    let marker = sql.ints(
        "SELECT count(*) FROM pg_class WHERE oid = to_regclass('roundtable_schema')",
        &[],
    )?;
    if marker.first().copied().unwrap_or(0) == 0 {
        return Ok(0);
    }
    let version = sql.ints("SELECT version FROM roundtable_schema", &[])?;
    Ok(u32::try_from(version.first().copied().unwrap_or(0)).unwrap_or(u32::MAX))
}

/// Checks the database is Roundtable's (or empty) and brings it to the latest schema. A
/// migration may run for minutes on a large organisation (019 updates every entry's rows),
/// and another program opening the database meanwhile waits for it: both are done
/// `patiently`, each migration's transaction waiting as long for the migration lock.
/// `announce` is told the version found and the latest before an older one is migrated.
pub fn prepare(session: &Session, announce: super::Announce) -> Result<(), StoreError> {
    session.patiently(|s| migrate(s, announce))
}

fn migrate(session: &Session, announce: super::Announce) -> Result<(), StoreError> {
    match inspect(session)? {
        Found::Roundtable(v) if v == latest() => return Ok(()),
        Found::Roundtable(v) if v > 0 => announce(v, latest()),
        _ => {}
    }
    for (index, migration) in MIGRATIONS.iter().enumerate() {
        let target = u32::try_from(index + 1).unwrap_or(u32::MAX);
        session.write(|sql| {
            sql.run(
                &format!(
                    "SET LOCAL lock_timeout = '{}s'",
                    super::session::LONG_WORK.as_secs()
                ),
                &[],
            )?;
            sql.run(
                "SELECT pg_advisory_xact_lock(?1)",
                &[Value::int(MIGRATION_LOCK)],
            )?;
            let current = marked_version(sql)?;
            if current >= target {
                return Ok(());
            }
            if current == 0 {
                sql.run(
                    "CREATE TABLE roundtable_schema (
                         application TEXT NOT NULL,
                         version     BIGINT NOT NULL
                     )",
                    &[],
                )?;
                sql.run(
                    "INSERT INTO roundtable_schema (application, version) VALUES (?1, 0)",
                    &[Value::text(APPLICATION)],
                )?;
            }
            sql.batch(migration)?;
            crate::store::core_texts::after_migration(target, sql)?;
            sql.run(
                "UPDATE roundtable_schema SET version = ?1",
                &[Value::Int(Some(i64::from(target)))],
            )?;
            Ok(())
        })?;
    }
    Ok(())
}

/// The version the marker says.
pub fn version(session: &Session) -> Result<u32, StoreError> {
    let row = session
        .read()
        .row("SELECT version FROM roundtable_schema", &[])?;
    Ok(row
        .map(|r| r.get::<_, i64>(0))
        .and_then(|v| u32::try_from(v).ok())
        .unwrap_or(0))
}
