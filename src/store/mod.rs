//! The store: the only user of rusqlite. One SQLite file holds the whole organisation.
//!
//! Owns: opening (inspection before any write, permissions, pragmas, migrations), the write
//! transaction helper, and typed queries that return domain types.
//! Must not import: ratatui, crossterm, tokio, `crate::app`, `crate::ui`.

mod governance;
mod meetings;
mod open;
mod org;
mod schema;
mod sql_types;

pub use governance::RoleVersion;
pub use meetings::{Appended, MeetingRow, OpenMeeting};
pub use open::StoreError;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// `StoreError::Busy` for SQLite's "busy" and "locked", the error itself otherwise.
fn busy_or(e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            StoreError::Busy
        }
        _ => StoreError::Sql(e),
    }
}

/// An open Roundtable database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// SQLite's `data_version` when last looked at (see `changed_elsewhere`).
    data_version: Option<i64>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating when missing) the database at `path`. An existing file is inspected
    /// read-only first and left untouched unless it is a Roundtable database this version
    /// can read, or an empty SQLite file.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = open::open_for_writing(path)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            data_version: None,
        };
        store.prepare()?;
        Ok(store)
    }

    /// Opens an existing database for reading only; a missing file is an error.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let conn = open::open_read_only(path)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            data_version: None,
        })
    }

    /// A fresh database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            data_version: None,
        };
        store.prepare()?;
        Ok(store)
    }

    /// The file behind this store (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the database.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Whether another connection (another program on the same file) has committed anything
    /// since the last call. The first call answers `false` and starts watching.
    pub fn changed_elsewhere(&mut self) -> Result<bool, StoreError> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let changed = self.data_version.is_some_and(|seen| seen != version);
        self.data_version = Some(version);
        Ok(changed)
    }

    fn prepare(&mut self) -> Result<(), StoreError> {
        open::configure(&self.conn)?;
        schema::migrate(&mut self.conn)
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction: all of it is written, or none.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(busy_or)?;
        let value = work(&tx).map_err(|e| match e {
            StoreError::Sql(e) => busy_or(e),
            other => other,
        })?;
        tx.commit().map_err(busy_or)?;
        Ok(value)
    }
}
