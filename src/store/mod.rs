//! The store: the only user of rusqlite. One SQLite file holds the whole organisation.
//!
//! Owns: opening (inspection before any write, permissions, pragmas, migrations), the write
//! transaction helper, and typed queries that return domain types.
//! Must not import: ratatui, crossterm, tokio, `crate::app`, `crate::ui`.

mod backend;
mod governance;
mod meetings;
mod open;
mod org;
mod schema;
mod sql_types;

pub use backend::{Backend, ChangeFeed, LogOwner, Logs, MeetingLog, OrganisationStore};

/// The store's interfaces, for `use crate::store::prelude::*` where a store is used.
pub mod prelude {
    pub use super::backend::{Backend, ChangeFeed, Logs, MeetingLog, OrganisationStore};
}
pub use governance::RoleVersion;
pub use meetings::{Appended, MeetingRow, OpenMeeting};
pub use open::StoreError;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

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
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

impl ChangeFeed for Store {
    fn changed_elsewhere(&mut self) -> Result<bool, StoreError> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let changed = self.data_version.is_some_and(|seen| seen != version);
        self.data_version = Some(version);
        Ok(changed)
    }
}

impl Backend for Store {
    fn location(&self) -> String {
        self.path
            .as_deref()
            .map_or("(in memory)".to_string(), |p| p.display().to_string())
    }

    fn schema_version(&self) -> Result<u32, StoreError> {
        Store::schema_version(self)
    }
}
