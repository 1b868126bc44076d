//! Logging to a file beside the database, never to the screen the program draws on.
//!
//! Owns: the log file's place, format and safety: it is opened without following a symbolic
//! link and refused when it is not the user's own or others may read it.
//! Must not import: ratatui, crossterm, rusqlite.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A log file that must not be written: another user's, readable by others, or a link.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct UnsafeLog {
    path: PathBuf,
    reason: String,
}

/// The log file that goes with a database: `roundtable.log` in the same directory.
pub fn log_path(db: &Path) -> PathBuf {
    match db.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join("roundtable.log"),
        _ => PathBuf::from("roundtable.log"),
    }
}

/// Opens (creating 0600 when missing) the log file for appending, never through a symbolic
/// link. `Ok(None)`: it cannot be opened for another reason (a read-only directory), and the
/// program runs without a log.
fn open_log(path: &Path) -> Result<Option<File>, UnsafeLog> {
    let refuse = |reason: String| UnsafeLog {
        path: path.to_path_buf(),
        reason,
    };
    let file = match OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(refuse(
                "a symbolic link, which Roundtable does not follow; remove it (rm) and start again"
                    .into(),
            ));
        }
        Err(_) => return Ok(None),
    };
    let Ok(meta) = file.metadata() else {
        return Ok(None);
    };
    // SAFETY: geteuid has no preconditions, cannot fail and touches no memory of ours.
    let me = unsafe { libc::geteuid() };
    if !meta.is_file() {
        return Err(refuse("not a regular file".into()));
    }
    if meta.uid() != me {
        return Err(refuse(format!(
            "owned by another user (uid {}, this is uid {me}); remove it (rm) and start again",
            meta.uid()
        )));
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(refuse(format!(
            "readable or writable by other users (mode {mode:04o}); fix it with: chmod 600 {}",
            path.display()
        )));
    }
    Ok(Some(file))
}

/// Sends `tracing` events to the log file (level from `ROUNDTABLE_LOG`, default `info`).
/// A log file that is not safe to write is refused; one that cannot be opened at all is
/// not fatal: the program runs without a log.
pub fn init(db: &Path) -> Result<(), UnsafeLog> {
    let Some(file) = open_log(&log_path(db))? else {
        return Ok(());
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("ROUNDTABLE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init();
    Ok(())
}
