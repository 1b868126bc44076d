//! Whether a database file is open in a running program, told from the locks on its `-shm`
//! file, so that a `-wal` a running program writes to is not taken for one a program left
//! when it was killed.
//!
//! Every SQLite connection to a file in WAL mode holds a shared lock on one byte of the
//! `-shm` file, the "dead man switch" at offset 128 of the unix VFS (`UNIX_SHM_DMS`), for as
//! long as it is open; a killed program's lock went with it. Linux lists every lock held in
//! `/proc/locks`, so the file is looked up there by device and inode: nothing is opened, as
//! opening and closing a file descriptor of the `-shm` would drop this process's own locks
//! on it (POSIX locks belong to the process). Elsewhere, or if `/proc/locks` cannot be read,
//! the file counts as not in use, and the whole file is checked as before.
//!
//! Owns: reading `/proc/locks`. Must not import: rusqlite, ratatui, crossterm, tokio.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// The byte of the `-shm` file every open connection holds a shared lock on.
const DEAD_MAN_SWITCH: u64 = 128;

/// Whether a running program (this one included) has the database at `path` open: a lock on
/// its `-shm` file's dead man switch.
pub(super) fn held_open(path: &Path) -> bool {
    let shm = super::files::companion(path, "-shm");
    let Ok(meta) = std::fs::symlink_metadata(shm) else {
        return false;
    };
    let Ok(locks) = std::fs::read_to_string("/proc/locks") else {
        return false;
    };
    let dev = meta.dev();
    let file = (libc::major(dev), libc::minor(dev), meta.ino());
    locks.lines().any(|line| locks_switch(line, file))
}

/// Whether a line of `/proc/locks` ("1: POSIX  ADVISORY  READ 4242 fe:00:1234 128 128") is a
/// lock held (not waited for) on `file` (major, minor, inode) over the dead man switch.
fn locks_switch(line: &str, file: (u32, u32, u64)) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    // A lock waited for is listed with "->" after its number; it is not held.
    if fields.get(1) == Some(&"->") || fields.len() < 8 {
        return false;
    }
    let (Some(id), Some(start), Some(end)) = (fields.get(5), fields.get(6), fields.get(7)) else {
        return false;
    };
    let mut parts = id.split(':');
    let (Some(major), Some(minor), Some(inode)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let same = u32::from_str_radix(major, 16).ok() == Some(file.0)
        && u32::from_str_radix(minor, 16).ok() == Some(file.1)
        && inode.parse::<u64>().ok() == Some(file.2);
    let start = start.parse::<u64>().unwrap_or(u64::MAX);
    let covers = *end == "EOF" || end.parse::<u64>().is_ok_and(|end| end >= DEAD_MAN_SWITCH);
    same && start <= DEAD_MAN_SWITCH && covers
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: (u32, u32, u64) = (254, 0, 10028662);

    #[test]
    fn a_lock_on_the_switch_of_the_file_is_found() {
        let line = "1: POSIX  ADVISORY  READ 25496 fe:00:10028662 128 128";
        assert!(locks_switch(line, FILE));
        let whole = "7: OFDLCK ADVISORY  WRITE -1 fe:00:10028662 0 EOF";
        assert!(
            locks_switch(whole, FILE),
            "a lock over the whole file covers it"
        );
    }

    #[test]
    fn other_files_other_bytes_and_waiting_locks_are_not() {
        let other_inode = "1: POSIX  ADVISORY  READ 25496 fe:00:10028663 128 128";
        let other_device = "1: POSIX  ADVISORY  READ 25496 fe:01:10028662 128 128";
        let other_bytes = "2: POSIX  ADVISORY  READ 25496 fe:00:10028662 120 127";
        let waiting = "3: -> POSIX  ADVISORY  WRITE 26000 fe:00:10028662 128 128";
        for line in [
            other_inode,
            other_device,
            other_bytes,
            waiting,
            "",
            "garbage",
        ] {
            assert!(!locks_switch(line, FILE), "{line}");
        }
    }

    /// A file open in a connection is held open; the same files copied (a program killed
    /// with its `-wal` and `-shm` left) and the file once closed are not.
    #[test]
    fn a_file_is_held_open_while_a_connection_has_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("rt.db");
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "journal_mode", "wal")
            .expect("wal");
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("write");
        assert!(held_open(&path), "open in this process");
        let left = dir.path().join("left.db");
        for end in ["", "-wal", "-shm"] {
            let name = |p: &Path| format!("{}{end}", p.display());
            std::fs::copy(name(&path), name(&left)).expect("copy");
        }
        assert!(!held_open(&left), "left as a killed program leaves it");
        drop(conn);
        assert!(!held_open(&path), "closed");
    }
}
