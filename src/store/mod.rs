//! The store: the only user of rusqlite. One SQLite file holds the whole organisation.
//!
//! Owns: opening (inspection before any write, permissions, pragmas, migrations), the write
//! transaction helper (which first makes sure the file is still the one opened), and typed
//! queries that return domain types.
//! Must not import: ratatui, crossterm, tokio, `crate::app`, `crate::ui`.

mod adoption;
mod backend;
mod core_texts;
mod cross_links;
mod effects;
mod files;
mod first_screen;
mod governance;
mod governed;
mod import;
mod in_use;
mod meeting_pages;
mod meetings;
mod open;
mod org;
mod org_load;
mod org_log;
pub mod postgres;
mod schema;
/// The schema version this build migrates every database to.
pub use schema::latest as latest_schema;
mod sql;
mod sql_types;
pub mod transfer;

pub use adoption::Adopted;
pub use backend::{
    Backend, ChangeFeed, LogOwner, Logs, MeetingLog, OrgLog, OrganisationStore, Staged,
};

/// The store's interfaces, for `use crate::store::prelude::*` where a store is used.
pub mod prelude {
    pub use super::backend::{Backend, ChangeFeed, Logs, MeetingLog, OrgLog, OrganisationStore};
}
use files::FileId;
pub use governance::RoleVersion;
pub use meetings::{Appended, MeetingRow, OpenMeeting};
pub use open::{BUSY_WAIT, StoreError};
pub use postgres::PgStore;
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

/// An open Roundtable database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// SQLite's `data_version` when last looked at (see `changed_elsewhere`).
    data_version: Option<i64>,
    /// The files opened: the database and its `-wal`, as device and inode.
    opened: Option<FileId>,
    wal: Option<FileId>,
    /// Set once the file at the path was found not to be the one opened: what happened, and
    /// where what was recorded went. No write is tried after that.
    lost: Option<(&'static str, String)>,
    /// Who makes the entries written from now on (see `MeetingLog::set_actor`).
    actor: Option<String>,
    /// Inside `batch`: writes are savepoints of its one transaction.
    batching: bool,
    /// Set once a write met an input/output error: the disk failed under the program, so
    /// what SQLite reads afterwards may look damaged when it is the disk that is.
    disk_failed: bool,
    /// The file's checks on open, while they still run beside the first reads.
    checks: Checks,
}

/// Where the checks of the file opened are (`open::Checking`).
enum Checks {
    /// Not started yet (`Backend::start_checks`): run before the first write if not.
    Waiting(open::Checking),
    /// Running on their own connection: joined before the first write.
    Running(crate::background::Background<Result<(), StoreError>>),
    /// Done (or never needed: in memory, a new file) and passed.
    Passed,
    /// Failed: what they found was reported once; nothing is written to the file.
    Failed,
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
        Store::open_with(path, false)
    }

    /// The schema version of the file at `path`, read without changing it (`None`: no file
    /// yet). A version below `latest_schema` is brought up to date when the file is opened
    /// for writing.
    pub fn file_schema_version(path: &Path) -> Result<Option<u32>, StoreError> {
        open::file_schema_version(path)
    }

    /// As `open`, with the file's checks left running beside what is read first (the
    /// organisation, at start-up): `Backend::settle_checks` answers what they found, and
    /// nothing is written before they are done. For the full-screen program, whose first
    /// frame waits for both.
    pub fn open_overlapped(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, true)
    }

    fn open_with(path: &Path, overlap: bool) -> Result<Store, StoreError> {
        let (conn, id, checking) = open::open_for_writing(path, overlap)?;
        let mut store = Store {
            opened: Some(id),
            checks: checking.map_or(Checks::Passed, Checks::Waiting),
            ..Store::on(conn, Some(path.to_path_buf()))
        };
        store.prepare().map_err(|e| open::classify(path, e))?;
        store.wal = files::current_id(&files::companion(path, "-wal")).unwrap_or(None);
        Ok(store)
    }

    /// Opens an existing database for reading only; a missing file is an error, and so is
    /// one that fails its checks.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        Store::read_only_with(path, false)
    }

    /// As `open_read_only`, with the file's checks already running on a thread of their own
    /// beside what is read: `Backend::settle_checks` answers what they found, and a command
    /// asks it before it shows or writes anything it read (the command line's exports).
    pub fn open_read_only_overlapped(path: &Path) -> Result<Store, StoreError> {
        let mut store = Store::read_only_with(path, true)?;
        store.start_checks();
        Ok(store)
    }

    fn read_only_with(path: &Path, overlap: bool) -> Result<Store, StoreError> {
        let (conn, checking) = open::open_read_only(path, overlap)?;
        Ok(Store {
            checks: checking.map_or(Checks::Passed, Checks::Waiting),
            ..Store::on(conn, Some(path.to_path_buf()))
        })
    }

    /// A store reading through `conn`, a read-only connection beside the program's own to the
    /// file at `path` (see `open::open_reader`).
    fn reader(conn: Connection, path: PathBuf) -> Store {
        Store::on(conn, Some(path))
    }

    /// A store on `conn` (to the file at `path`, if any) as nothing has happened to it yet:
    /// no file identity kept, nothing lost, no checks to wait for.
    fn on(conn: Connection, path: Option<PathBuf>) -> Store {
        Store {
            conn,
            path,
            data_version: None,
            opened: None,
            wal: None,
            lost: None,
            actor: None,
            batching: false,
            disk_failed: false,
            checks: Checks::Passed,
        }
    }

    /// A fresh database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut store = Store::on(Connection::open_in_memory()?, None);
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
    /// Nothing is written when the file at the path is no longer the one opened. Inside
    /// `batch`, `work` runs in a savepoint of the batch's transaction instead.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.batching {
            self.conn.execute_batch("SAVEPOINT entry")?;
            let value = work(&self.conn);
            let end = match value {
                Ok(_) => "RELEASE entry",
                Err(_) => "ROLLBACK TO entry; RELEASE entry",
            };
            self.conn.execute_batch(end)?;
            return value;
        }
        self.settle_checks()?;
        self.check_still_there()?;
        let written = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)
            .and_then(|tx| {
                let value = work(&tx)?;
                tx.commit()?;
                Ok(value)
            });
        let value = written.map_err(|e| self.disk_said(e))?;
        if self.wal.is_none()
            && let Some(path) = &self.path
        {
            self.wal = files::current_id(&files::companion(path, "-wal")).unwrap_or(None);
        }
        Ok(value)
    }

    /// A write's error, said as a failing disk when it is one: SQLite's "disk I/O error", and
    /// after it the "malformed" it reports for what the failed disk no longer gives back.
    fn disk_said(&mut self, e: StoreError) -> StoreError {
        const IOERR: i32 = 10;
        const CORRUPT: i32 = 11;
        let StoreError::Sql {
            code: Some(code), ..
        } = &e
        else {
            return e;
        };
        let primary = code & 0xff;
        if primary == IOERR {
            self.disk_failed = true;
        }
        if primary == IOERR || (primary == CORRUPT && self.disk_failed) {
            return StoreError::Sql {
                message: "the disk did not take the write (input/output error: failing or gone?)"
                    .into(),
                code: Some(*code),
            };
        }
        e
    }

    /// Runs `work`, and every write it makes through this store, in one `BEGIN IMMEDIATE`
    /// transaction: for writing many entries at once (the generator), where a transaction
    /// per entry would spend its time waiting for the disk. Each write keeps its own
    /// all-or-nothing (a savepoint); when `work` fails, nothing of the batch is written.
    pub fn batch<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.batching {
            return work(self);
        }
        self.settle_checks()?;
        self.check_still_there()?;
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        self.batching = true;
        let value = work(self);
        self.batching = false;
        match value {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(e) => {
                // The batch's error says what went wrong; a failed rollback adds nothing.
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Fails when the database file (or its `-wal`) at the path was deleted, moved or
    /// replaced since it was opened: writing on would put entries into a file nobody will
    /// open again, and the next start would find an empty database. The first time, what was
    /// recorded is copied to a rescue file beside the path.
    fn check_still_there(&mut self) -> Result<(), StoreError> {
        let (Some(path), Some(opened)) = (self.path.clone(), self.opened) else {
            return Ok(());
        };
        if self.lost.is_none() {
            let now = files::current_id(&path).map_err(|cause| StoreError::Io {
                path: path.clone(),
                cause,
            })?;
            let wal_now = files::current_id(&files::companion(&path, "-wal")).unwrap_or(None);
            let what = match now {
                None => Some("the database file was deleted or moved"),
                Some(id) if id != opened => Some("the database file was replaced"),
                _ if self.wal.is_some() && wal_now != self.wal => {
                    Some("the database's -wal file was deleted or replaced")
                }
                _ => None,
            };
            let Some(what) = what else { return Ok(()) };
            tracing::error!("{}: {what}", path.display());
            self.lost = Some((what, self.rescue(&path)));
        }
        let (what, rescue) = self.lost.clone().unwrap_or_default();
        Err(StoreError::Vanished { path, what, rescue })
    }

    /// Copies everything recorded so far, from the file still open, into a new private file
    /// `PATH.rescued` (or `.rescued-2` …), and says where it went or why it could not.
    fn rescue(&self, path: &Path) -> String {
        let mut failure = String::new();
        for n in 1..=9 {
            let suffix = if n == 1 {
                ".rescued".to_string()
            } else {
                format!(".rescued-{n}")
            };
            let target = files::companion(path, &suffix);
            if let Err(e) = files::create_private(&target) {
                failure = e.to_string();
                continue;
            }
            let Some(name) = target.to_str() else {
                failure = "the path is not UTF-8".into();
                continue;
            };
            return match self.conn.execute("VACUUM INTO ?1", [name]) {
                Ok(_) => format!(
                    "everything recorded before is saved in {}: quit, then use --db with that file (or move it to {})",
                    target.display(),
                    path.display()
                ),
                Err(e) => format!(
                    "what was recorded could not be copied to {} ({e})",
                    target.display()
                ),
            };
        }
        format!("what was recorded could not be copied elsewhere ({failure})")
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

    fn set_busy_wait(&mut self, wait: std::time::Duration) {
        // Only fails on a closed connection, which the next write reports itself.
        if let Err(e) = self.conn.busy_timeout(wait) {
            tracing::warn!("the busy wait could not be set: {e}");
        }
    }

    fn load_staged(&self, circles: usize) -> Result<Option<Staged>, StoreError> {
        self.staged(circles)
    }

    /// Waits for the file's checks on open, when they still run: what they found wrong is
    /// answered once, and every write after is refused.
    fn settle_checks(&mut self) -> Result<(), StoreError> {
        match std::mem::replace(&mut self.checks, Checks::Passed) {
            Checks::Passed => Ok(()),
            Checks::Failed => {
                self.checks = Checks::Failed;
                Err(StoreError::Invalid(
                    "the file did not pass its checks when opened: nothing is written to it".into(),
                ))
            }
            Checks::Waiting(checks) => self.checked(checks()),
            Checks::Running(checks) => {
                let found = checks.wait().unwrap_or_else(|| {
                    Err(StoreError::Invalid(
                        "the file's checks stopped before they were done".into(),
                    ))
                });
                self.checked(found)
            }
        }
    }

    fn start_checks(&mut self) {
        if let Checks::Waiting(_) = &self.checks
            && let Checks::Waiting(checks) = std::mem::replace(&mut self.checks, Checks::Passed)
        {
            self.checks =
                Checks::Running(crate::background::Background::start("file checks", checks));
        }
    }
}

impl Store {
    /// What the file's checks `found`: once failed, every write after is refused.
    fn checked(&mut self, found: Result<(), StoreError>) -> Result<(), StoreError> {
        if found.is_err() {
            self.checks = Checks::Failed;
        }
        found
    }
}
