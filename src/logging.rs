//! Logging to a file beside the database, never to the screen the program draws on.
//!
//! Owns: the log file's place and format. Must not import: ratatui, crossterm, rusqlite.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The log file that goes with a database: `roundtable.log` in the same directory.
pub fn log_path(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("roundtable.log")
}

/// Sends `tracing` events to the log file (level from `ROUNDTABLE_LOG`, default `info`).
/// Failing to open the log is not fatal: the program runs without one.
pub fn init(db: &Path) {
    let path = log_path(db);
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let Ok(file) = options.open(&path) else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("ROUNDTABLE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init();
}
