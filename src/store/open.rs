//! Opening a database file safely.
//!
//! Owns: `StoreError`; the read-only inspection that refuses a foreign, corrupt or newer file
//! before anything is written to it; creating the file 0600 in a 0700 directory; the pragmas.
//! Must not import: ratatui, crossterm, tokio.

use super::schema::{APPLICATION_ID, latest};
use crate::domain::text::clean_line;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What can go wrong in the store. Each message is one line that names the file when there is
/// one.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: no database here", path.display())]
    Missing { path: PathBuf },
    #[error("{}: not a Roundtable database ({reason}); the file was left untouched", path.display())]
    Foreign { path: PathBuf, reason: String },
    #[error("{}: the database is corrupt ({detail}); the file was left untouched", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("{}: written by a newer Roundtable (schema {found}, this version reads up to {known}); the file was left untouched", path.as_deref().map_or_else(|| "database".into(), |p| p.display().to_string()))]
    Newer {
        path: Option<PathBuf>,
        found: u32,
        known: u32,
    },
    #[error("{}: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("the database already holds the organisation \"{0}\"")]
    AlreadyHasOrganisation(String),
    #[error("the database holds no organisation yet")]
    NoOrganisation,
    #[error("{0}")]
    Invalid(String),
    /// Another program held the database for longer than a write waits (`BUSY_WAIT`).
    #[error("the database is busy: another program has been writing to it for a while")]
    Busy,
    /// The log had grown past the entry a decision was made on: someone else appended first.
    #[error("another program recorded {} entr{} in this meeting first", latest - expected, if latest - expected == 1 { "y" } else { "ies" })]
    Conflict { expected: u64, latest: u64 },
    /// An error of the database itself, in its own words.
    #[error("database error: {0}")]
    Sql(String),
}

impl From<rusqlite::Error> for StoreError {
    /// SQLite's "busy" and "locked" become `Busy`; anything else keeps SQLite's words.
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sql(e.to_string()),
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |cause| StoreError::Io {
        path: path.to_path_buf(),
        cause,
    }
}

/// Classifies an SQLite error met while inspecting an existing file.
fn inspection_error(path: &Path, err: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::Foreign {
            path,
            reason: "not an SQLite file".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path,
            detail: err.to_string(),
        },
        _ => StoreError::from(err),
    }
}

/// Looks at an existing, non-empty file without writing to it. Returns whether the file is
/// a Roundtable database (`false`: an empty SQLite database we may initialise).
fn inspect(path: &Path) -> Result<bool, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| inspection_error(path, e))?;
    let pragma = |name: &str| -> Result<i64, StoreError> {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .map_err(|e| inspection_error(path, e))
    };
    let app_id = pragma("application_id")?;
    let version = pragma("user_version")?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| inspection_error(path, e))?;
    if app_id != i64::from(APPLICATION_ID) {
        if app_id == 0 && version == 0 && tables == 0 {
            return Ok(false);
        }
        let reason = if app_id == 0 {
            "an SQLite database of another program".to_string()
        } else {
            format!("an SQLite database with application id {app_id:#x}")
        };
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
            reason,
        });
    }
    let found = u32::try_from(version).unwrap_or(u32::MAX);
    if found > latest() {
        return Err(StoreError::Newer {
            path: Some(path.to_path_buf()),
            found,
            known: latest(),
        });
    }
    let mut check = conn
        .prepare("PRAGMA quick_check(3)")
        .map_err(|e| inspection_error(path, e))?;
    let problems: Vec<String> = check
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| inspection_error(path, e))?;
    if problems.iter().any(|p| p != "ok") {
        let detail = clean_line(&problems.join("; "));
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail,
        });
    }
    Ok(true)
}

/// Creates every missing directory above `path` with mode 0700.
fn create_parent_dirs(path: &Path) -> Result<(), StoreError> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    if parent.exists() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(parent).map_err(io_error(parent))
}

/// Creates an empty database file readable by its owner only.
fn create_file(path: &Path) -> Result<(), StoreError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop).map_err(io_error(path))
}

/// Opens `path` for reading and writing after making sure it is safe to write to.
pub fn open_for_writing(path: &Path) -> Result<Connection, StoreError> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(StoreError::Foreign {
                path: path.into(),
                reason: "a directory".into(),
            });
        }
        Ok(meta) if meta.len() > 0 => {
            inspect(path)?;
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            create_parent_dirs(path)?;
            create_file(path)?;
        }
        Err(e) => return Err(io_error(path)(e)),
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags).map_err(|e| inspection_error(path, e))
}

/// Opens an existing Roundtable database for reading only.
pub fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::Missing { path: path.into() },
        _ => io_error(path)(e),
    })?;
    if meta.is_dir() {
        return Err(StoreError::Foreign {
            path: path.into(),
            reason: "a directory".into(),
        });
    }
    if meta.len() == 0 || !inspect(path)? {
        return Err(StoreError::NoOrganisation);
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| inspection_error(path, e))?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// Sets the pragmas every read-write connection runs with.
pub fn configure(conn: &Connection) -> Result<(), StoreError> {
    // In memory the journal mode stays "memory"; on disk it becomes WAL.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(BUSY_WAIT)?;
    Ok(())
}

/// How long a write waits for another program's write to finish before it reports the
/// database busy. Writes of entries take milliseconds, so this is only reached when something
/// holds the database far longer; the screen must not freeze for longer than this.
pub const BUSY_WAIT: Duration = Duration::from_millis(800);
