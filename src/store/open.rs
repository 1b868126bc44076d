//! Opening a database file safely.
//!
//! Owns: `StoreError`; the read-only inspection that refuses a foreign, corrupt, newer or
//! mismatched file before anything is written to it (and without leaving `-wal` or `-shm`
//! files beside it); creating the file 0600 in a 0700 directory; the pragmas.
//! Must not import: ratatui, crossterm, tokio.

use super::files::{self, FileId};
use super::schema::{APPLICATION_ID, latest, objects_of_version, schema_objects};
use crate::domain::text::clean_line;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Longest SQLite message shown: a failing migration's message quotes its whole SQL.
const MAX_SQL_MESSAGE_CHARS: usize = 160;

/// An SQLite error as one short line.
fn short_sql_error(err: &rusqlite::Error) -> String {
    let line = clean_line(&err.to_string());
    match line.char_indices().nth(MAX_SQL_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// What can go wrong in the store. Each message is one line that names the file when there is
/// one.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Nothing at the path, where an existing database was asked for.
    #[error("{}: no database here", path.display())]
    Missing { path: PathBuf },
    /// The file (or PostgreSQL schema) is not a Roundtable database, or is a directory; it is
    /// not touched.
    #[error("{}: not a Roundtable database ({reason}); {} was left untouched", path.display(), kept(path))]
    Foreign { path: PathBuf, reason: String },
    /// SQLite says the file is corrupt; it is not touched.
    #[error("{}: the database is corrupt ({detail}); the file was left untouched", path.display())]
    Corrupt { path: PathBuf, detail: String },
    /// A newer Roundtable wrote the database (its schema is past what this one reads); it is
    /// not touched. No path for a PostgreSQL database.
    #[error("{}: written by a newer Roundtable (schema {found}, this version reads up to {known}); {} was left untouched", path.as_deref().map_or_else(|| "database".into(), |p| p.display().to_string()), path.as_deref().map_or("it", kept))]
    Newer {
        path: Option<PathBuf>,
        found: u32,
        known: u32,
    },
    /// The tables are not those of the schema version the database says it has; it is not
    /// touched.
    #[error("{}: the tables do not match schema version {version} ({detail}); {} was left untouched", path.display(), kept(path))]
    Mismatch {
        path: PathBuf,
        version: u32,
        detail: String,
    },
    /// Refused to open or create the file: a symbolic link, another user's or readable by
    /// others, an unsafe directory, or a rescued database left where a new one would go.
    #[error("{}: {reason}", path.display())]
    Unsafe { path: PathBuf, reason: String },
    /// The `-wal` file beside the database is missing or shorter than its index says.
    #[error("{}: the database's -wal file is missing or shorter than its index says (deleted while a Roundtable had it open?); close every Roundtable using it and try again; the file was left untouched", path.display())]
    WalMissing { path: PathBuf },
    /// The file at the database's path is not the one opened (deleted, moved or replaced).
    #[error("{}: {what} while Roundtable was running, so this entry was not saved; {rescue}", path.display())]
    Vanished {
        path: PathBuf,
        what: &'static str,
        rescue: String,
    },
    /// The file system failed on `path` (reading, creating, syncing).
    #[error("{}: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    /// An organisation was to be put into a database that holds one already (only one each).
    #[error("the database already holds the organisation \"{0}\"")]
    AlreadyHasOrganisation(String),
    /// The database is empty or new: there is no organisation to open yet.
    #[error("the database holds no organisation yet")]
    NoOrganisation,
    /// Anything else that went wrong, in words: what was stored or asked makes no sense
    /// (an entry that cannot be serialised, an insert with no id, a lost connection thread).
    #[error("{0}")]
    Invalid(String),
    /// Another program held the database for longer than a write waits (`BUSY_WAIT`).
    #[error("the database is busy: another program has been writing to it for a while")]
    Busy,
    /// The database server cannot be reached now (stopped, restarting, the network gone):
    /// nothing was written, and the store is trying to connect again. `location` holds no
    /// password.
    #[error("{location}: the PostgreSQL server cannot be reached ({cause})")]
    Unreachable { location: String, cause: String },
    /// A foreign key not met, in the database's own words: the write names a record that is
    /// no longer there (another program removed it since it was read), or takes away one
    /// that other records name. Nothing was written.
    #[error("database error: {message}")]
    Dangling { message: String },
    /// The log had grown past the entry a decision was made on: someone else appended first.
    #[error("another program recorded {} entr{} in this meeting first", latest - expected, if latest - expected == 1 { "y" } else { "ies" })]
    Conflict { expected: u64, latest: u64 },
    /// Any other error of the database, in its own words shortened to one line (it has no
    /// `source`, so an error chain does not say it again, and no database library type, so
    /// every backend can give one).
    #[error("database error: {message}")]
    Sql {
        message: String,
        /// The database's own (extended) error code, for saying what it means for a file.
        code: Option<i32>,
    },
}

/// What a refusal left untouched, in words for where the store is: a file, or a database on
/// a PostgreSQL server (whose "path" is its address).
fn kept(path: &Path) -> &'static str {
    match path.to_str() {
        Some(address) if super::postgres::is_postgres_address(address) => "the database",
        _ => "the file",
    }
}

impl From<rusqlite::Error> for StoreError {
    /// SQLite's "busy" and "locked" become `Busy`, a foreign key not met `Dangling`;
    /// anything else keeps SQLite's words.
    fn from(e: rusqlite::Error) -> StoreError {
        /// SQLite's extended code for a foreign key constraint that failed.
        const CONSTRAINT_FOREIGNKEY: i32 = 787;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ if extended_code(&e) == Some(CONSTRAINT_FOREIGNKEY) => StoreError::Dangling {
                message: short_sql_error(&e),
            },
            _ => StoreError::Sql {
                message: short_sql_error(&e),
                code: extended_code(&e),
            },
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
    classify(path, StoreError::from(err))
}

fn extended_code(err: &rusqlite::Error) -> Option<i32> {
    match err {
        rusqlite::Error::SqliteFailure(e, _) => Some(e.extended_code),
        _ => None,
    }
}

/// `path` as an SQLite URI (`file:` with every byte that could mean something escaped).
fn uri(path: &Path, query: &str) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.push('?');
    out.push_str(query);
    out
}

/// Opens `path` for reading only. When there is no `-shm` file and no `-wal` holding
/// anything, no program has the database open and its file is complete: it is opened
/// immutable, so SQLite creates no `-wal` or `-shm` file beside it (a refused file stays
/// exactly as it was).
fn open_for_reading(path: &Path) -> Result<Connection, StoreError> {
    let wal_len = fs::symlink_metadata(files::companion(path, "-wal")).map_or(0, |m| m.len());
    let shm = fs::symlink_metadata(files::companion(path, "-shm")).is_ok();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW
        | OpenFlags::SQLITE_OPEN_URI;
    let query = if wal_len == 0 && !shm {
        "mode=ro&immutable=1"
    } else {
        "mode=ro"
    };
    Connection::open_with_flags(uri(path, query), flags).map_err(|e| inspection_error(path, e))
}

/// The schema version (`PRAGMA user_version`) of the file at `path`, read without changing
/// the file; `None` when there is no file there yet.
pub fn file_schema_version(path: &Path) -> Result<Option<u32>, StoreError> {
    if fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    let conn = open_for_reading(path)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(Some(u32::try_from(version).unwrap_or(0)))
}

/// A read-only connection to a database the program has open for writing (checked and
/// migrated already), for reading beside the main connection: it sees each write as it is
/// committed.
pub(super) fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e.into()))?;
    conn.busy_timeout(BUSY_WAIT)?;
    Ok(conn)
}

/// Refuses a Roundtable file whose tables are not those its schema version says (a lowered
/// `user_version`): migrating it would fail half-way or do harm.
fn check_objects(path: &Path, conn: &Connection, version: u32) -> Result<(), StoreError> {
    let found = schema_objects(conn).map_err(|e| inspection_error(path, e))?;
    let expected = objects_of_version(version)?;
    if found == expected {
        return Ok(());
    }
    let names = |mut set: Vec<&(String, String)>| -> String {
        // Tables first: they say more than their indexes.
        set.sort_by_key(|(kind, name)| (kind != "table", name.clone()));
        let mut list: Vec<&str> = set.iter().take(3).map(|(_, n)| n.as_str()).collect();
        if set.len() > 3 {
            list.push("…");
        }
        clean_line(&list.join(", "))
    };
    let unexpected: Vec<_> = found.difference(&expected).collect();
    let missing: Vec<_> = expected.difference(&found).collect();
    let detail = match (unexpected.is_empty(), missing.is_empty()) {
        (false, true) => format!("unexpected: {}", names(unexpected)),
        (true, false) => format!("missing: {}", names(missing)),
        _ => format!(
            "unexpected: {}; missing: {}",
            names(unexpected),
            names(missing)
        ),
    };
    Err(StoreError::Mismatch {
        path: path.to_path_buf(),
        version,
        detail,
    })
}

/// An error met while opening `path`, said as what it means for the file when it can be.
pub fn classify(path: &Path, err: StoreError) -> StoreError {
    let StoreError::Sql { message, code } = err else {
        return err;
    };
    let path = path.to_path_buf();
    match code {
        Some(c) if c & 0xff == rusqlite::ffi::SQLITE_NOTADB => StoreError::Foreign {
            path,
            reason: "not an SQLite file".into(),
        },
        Some(c) if c & 0xff == rusqlite::ffi::SQLITE_CORRUPT => StoreError::Corrupt {
            path,
            detail: message,
        },
        // A read past the end of the -wal file: its index (-shm) counts frames the file does
        // not have, which happens when the -wal was deleted under a running program.
        Some(rusqlite::ffi::SQLITE_IOERR_SHORT_READ) => StoreError::WalMissing { path },
        _ => StoreError::Sql { message, code },
    }
}

/// The checks of a file's structure (`check_integrity`, `check_objects`) on their own
/// connection, to run while the program reads the organisation (two cores do both at once:
/// `Backend::start_checks`). Nothing may be written before they are done: `Store::write`
/// and `Store::batch` wait for them (running them when not started), and so does the app
/// before it goes on from what it read (`Backend::settle_checks`).
pub type Checking = Box<dyn FnOnce() -> Result<(), StoreError> + Send>;

/// Runs the checks of a file at `version` on `conn`. They read each page once, so the
/// connection keeps few in memory (256 KiB, not SQLite's 2 MB): while they run beside the
/// organisation's load, their cache would add to the program's peak.
fn check(path: &Path, conn: &Connection, version: u32, whole: bool) -> Result<(), StoreError> {
    conn.pragma_update(None, "cache_size", -256)
        .map_err(|e| inspection_error(path, e))?;
    check_integrity(path, conn, whole)?;
    check_objects(path, conn, version)
}

/// Looks at an existing, non-empty file without writing to it. Returns whether the file is
/// a Roundtable database (`false`: an empty SQLite database we may initialise), and, when
/// `overlap` is asked and opening the file for writing writes nothing (no migration, WAL
/// mode already), its checks still to run; otherwise they are done when this returns.
fn inspect(path: &Path, overlap: bool) -> Result<(bool, Option<Checking>), StoreError> {
    let (header, _) = files::read_header(path)?;
    if !header.starts_with(b"SQLite format 3\0") {
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
            reason: "not an SQLite file".into(),
        });
    }
    // Asked before this program opens the file: its own connection would hold it open too.
    let whole = left_unclosed(path);
    let conn = open_for_reading(path)?;
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
            return Ok((false, None));
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
    // A file in WAL mode (bytes 18 and 19 of the header) at the latest version is opened
    // without a write: no migration, and the journal mode already set.
    let wal_mode = header.get(18..20) == Some(&[2, 2][..]);
    if overlap && found == latest() && wal_mode {
        let file = path.to_path_buf();
        return Ok((
            true,
            Some(Box::new(move || check(&file, &conn, found, whole))),
        ));
    }
    check(path, &conn, found, whole)?;
    Ok((true, None))
}

/// The bulk of a database with a history, each read by index a piece at a time rather than
/// whole at start: the meetings and the log of their entries (growing by an entry a key
/// press, listed newest first and read one meeting at a time), the updates given on
/// projects, and what roles reported and track (metric values, checklist answers, projects
/// and next actions, read role by role when a screen shows them). See `check_integrity`.
const HISTORY_TABLES: [&str; 7] = [
    "meetings",
    "meeting_events",
    "project_updates",
    "metric_values",
    "checklist_answers",
    "projects",
    "next_actions",
];

/// Whether the last program to have the file open did not close it: a `-wal` holds
/// something and no running program has the file open (`in_use`). A `-wal` a running
/// program writes to is not a sign of that.
fn left_unclosed(path: &Path) -> bool {
    let wal_len = fs::symlink_metadata(files::companion(path, "-wal")).map_or(0, |m| m.len());
    wal_len > 0 && !super::in_use::held_open(path)
}

/// Checks the file's structure before anything is written to it, in time that does not grow
/// with the history. After a clean close, or while other programs have the file open, every
/// table but the history tables is checked (`PRAGMA quick_check(TABLE)`: the table and its
/// indexes), which is the organisation the program reads whole at start anyway; the history
/// is read by index a piece at a time, where damage is an error naming the file. When the
/// last program did not close the file (`whole`, from `left_unclosed`), the whole file is
/// checked.
fn check_integrity(path: &Path, conn: &Connection, whole: bool) -> Result<(), StoreError> {
    let targets: Vec<String> = if whole {
        vec!["PRAGMA quick_check(3)".to_string()]
    } else {
        let mut tables = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table'
                 AND name NOT IN (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(|e| inspection_error(path, e))?;
        let names: Vec<String> = tables
            .query_map(HISTORY_TABLES, |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| inspection_error(path, e))?;
        names
            .iter()
            .map(|name| format!("PRAGMA quick_check(\"{}\")", name.replace('"', "\"\"")))
            .collect()
    };
    let mut problems = Vec::new();
    for sql in targets {
        let mut check = conn.prepare(&sql).map_err(|e| inspection_error(path, e))?;
        let found: Vec<String> = check
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| inspection_error(path, e))?;
        problems.extend(found.into_iter().filter(|p| p != "ok"));
    }
    if problems.is_empty() {
        return Ok(());
    }
    problems.truncate(3);
    Err(StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: clean_line(&problems.join("; ")),
    })
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

/// Looks at what is at `path` before opening it: a symbolic link, another user's file or
/// one others may read is refused, and so is a directory. `None`: nothing is there.
fn examine(path: &Path, for_writing: bool) -> Result<Option<fs::Metadata>, StoreError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(path)(e)),
    };
    if meta.is_dir() {
        return Err(StoreError::Foreign {
            path: path.into(),
            reason: "a directory".into(),
        });
    }
    files::check_private(path, &meta)?;
    files::check_companions(path, for_writing)?;
    Ok(Some(meta))
}

/// Refuses to start an empty database where one was deleted under a running program and its
/// contents rescued (`PATH.rescued`): starting anew there would hide them.
fn refuse_over_a_rescue(path: &Path) -> Result<(), StoreError> {
    let rescued = files::companion(path, ".rescued");
    if fs::symlink_metadata(&rescued).is_err() {
        return Ok(());
    }
    Err(StoreError::Unsafe {
        path: path.to_path_buf(),
        reason: format!(
            "no database here, but {} holds what was rescued when it was deleted: move it here (mv {} {}), or remove it to start anew",
            rescued.display(),
            rescued.display(),
            path.display()
        ),
    })
}

/// Opens `path` for reading and writing after making sure it is safe to write to. Returns
/// the connection, the identity of the file it opened and, when `overlap` is asked, the
/// file's checks if they still run (`inspect`).
pub fn open_for_writing(
    path: &Path,
    overlap: bool,
) -> Result<(Connection, FileId, Option<Checking>), StoreError> {
    let dir = files::directory_of(path);
    if dir.exists() {
        files::check_directory(dir)?;
    }
    let mut checking = None;
    match examine(path, true)? {
        Some(meta) if meta.len() > 0 => {
            files::check_writable_directory(dir)?;
            checking = inspect(path, overlap)?.1;
        }
        Some(_) => files::check_writable_directory(dir)?,
        None => {
            refuse_over_a_rescue(path)?;
            create_parent_dirs(path)?;
            files::check_writable_directory(dir)?;
            files::create_private(path)?;
        }
    }
    let id = files::current_id(path)
        .map_err(io_error(path))?
        .ok_or_else(|| StoreError::Missing { path: path.into() })?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| inspection_error(path, e))?;
    Ok((conn, id, checking))
}

/// Opens an existing Roundtable database for reading only. With `overlap`, the file's checks
/// are returned to run beside the first reads when they still run (`inspect`); otherwise
/// they are done when this returns.
pub fn open_read_only(
    path: &Path,
    overlap: bool,
) -> Result<(Connection, Option<Checking>), StoreError> {
    files::check_directory(files::directory_of(path))?;
    let meta = examine(path, false)?.ok_or_else(|| StoreError::Missing { path: path.into() })?;
    if meta.len() == 0 {
        return Err(StoreError::NoOrganisation);
    }
    let (ours, checking) = inspect(path, overlap)?;
    if !ours {
        return Err(StoreError::NoOrganisation);
    }
    let conn = open_for_reading(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok((conn, checking))
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
