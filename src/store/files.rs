//! The database's files on disk: whose they are, who else could read or replace them, and
//! whether the file at the path is still the one that was opened.
//!
//! Owns: the ownership and mode checks of the database, its `-wal` and `-shm` files and its
//! directory (each refusal says how to fix it), opening without following symbolic links,
//! and the device and inode that identify an open file. Must not import: ratatui,
//! crossterm, tokio.

use super::StoreError;
use std::fs::{self, Metadata};
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Which file a path named when it was looked at: its device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    pub fn of(meta: &Metadata) -> FileId {
        FileId {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }
}

/// The file at `path` now, without following a symbolic link; `None` when nothing is there.
pub fn current_id(path: &Path) -> std::io::Result<Option<FileId>> {
    match fs::symlink_metadata(path) {
        Ok(meta) => Ok(Some(FileId::of(&meta))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The user this program runs as (the owner every file must have, root included).
fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions, cannot fail and touches no memory of ours.
    unsafe { libc::geteuid() }
}

/// `path` with `suffix` added to its file name (`rt.db` and `-wal` give `rt.db-wal`).
pub fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn unsafe_file(path: &Path, reason: String) -> StoreError {
    StoreError::Unsafe {
        path: path.to_path_buf(),
        reason,
    }
}

/// Refuses a file (`meta` from `symlink_metadata`) that is a symbolic link, is not a
/// regular file, is owned by another user, or that other users may read or write.
pub fn check_private(path: &Path, meta: &Metadata) -> Result<(), StoreError> {
    let shown = path.display();
    if meta.file_type().is_symlink() {
        return Err(unsafe_file(
            path,
            "a symbolic link, which Roundtable does not follow; give the path of the file itself"
                .into(),
        ));
    }
    if !meta.is_file() {
        return Err(unsafe_file(path, "not a regular file".into()));
    }
    let me = effective_uid();
    if meta.uid() != me {
        return Err(unsafe_file(
            path,
            format!(
                "owned by another user (uid {}, this is uid {me}); Roundtable opens only its own files: copy it (cp) to a file of your own",
                meta.uid()
            ),
        ));
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(unsafe_file(
            path,
            format!(
                "readable or writable by other users (mode {mode:04o}); fix it with: chmod 600 {shown}"
            ),
        ));
    }
    Ok(())
}

/// Checks the `-wal` and `-shm` files beside the database, when there are any: as private
/// as the database, and writable by their owner when the database is to be written (a
/// read-only `-shm` left by an earlier read-only run blocks every write).
pub fn check_companions(path: &Path, for_writing: bool) -> Result<(), StoreError> {
    for suffix in ["-wal", "-shm"] {
        let file = companion(path, suffix);
        let meta = match fs::symlink_metadata(&file) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(cause) => return Err(StoreError::Io { path: file, cause }),
        };
        check_private(&file, &meta)?;
        if for_writing && meta.mode() & 0o600 != 0o600 {
            return Err(unsafe_file(
                &file,
                format!(
                    "read-only (mode {:04o}, left from a run when the database was read-only), so nothing can be written; with no Roundtable running, fix it with: chmod 600 {}",
                    meta.mode() & 0o777,
                    file.display()
                ),
            ));
        }
    }
    Ok(())
}

/// The directory a file lives in (`.` for a bare file name).
pub fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Refuses a directory that other users can write in (such as `/tmp`): they could replace
/// the database, or plant its `-wal`, `-shm` or log file before Roundtable creates them.
/// A directory owned by another user (root's excepted) is refused for the same reason.
pub fn check_directory(dir: &Path) -> Result<(), StoreError> {
    let meta = fs::metadata(dir).map_err(|cause| StoreError::Io {
        path: dir.to_path_buf(),
        cause,
    })?;
    let me = effective_uid();
    let shared = meta.mode() & 0o022 != 0;
    let foreign = meta.uid() != me && meta.uid() != 0;
    if shared || foreign {
        let whose = if foreign {
            format!("belongs to another user (uid {})", meta.uid())
        } else {
            format!(
                "can be written by other users (mode {:04o})",
                meta.mode() & 0o7777
            )
        };
        return Err(unsafe_file(
            dir,
            format!(
                "this directory {whose}, who could replace the database or its files; keep the database in a directory of your own (mkdir -m 700 {}/roundtable, then --db {}/roundtable/roundtable.db)",
                dir.display(),
                dir.display()
            ),
        ));
    }
    Ok(())
}

/// Refuses a directory the program cannot write in: SQLite keeps a database's `-wal` and
/// `-shm` files beside it, so a read-only directory would fail at the first write with a
/// less clear message.
pub fn check_writable_directory(dir: &Path) -> Result<(), StoreError> {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_dir) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return Err(unsafe_file(dir, "a path with a NUL byte".into()));
    };
    // SAFETY: `c_dir` is a valid NUL-terminated string that outlives the call.
    let writable = unsafe { libc::access(c_dir.as_ptr(), libc::W_OK) } == 0;
    if writable {
        return Ok(());
    }
    Err(StoreError::Io {
        path: dir.to_path_buf(),
        cause: std::io::Error::other(
            "the directory is read-only, and Roundtable writes the database's -wal and -shm files beside it; make it writable (chmod u+w) or choose another --db",
        ),
    })
}

/// The first 100 bytes of the file (SQLite's header), read without following a symbolic
/// link, with the file's metadata taken from the same open file.
pub fn read_header(path: &Path) -> Result<(Vec<u8>, Metadata), StoreError> {
    let io = |cause| StoreError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    let mut header = Vec::with_capacity(100);
    if meta.is_file() {
        file.take(100).read_to_end(&mut header).map_err(io)?;
    }
    Ok((header, meta))
}

/// Creates an empty file readable by its owner only; never follows or replaces anything.
pub fn create_private(path: &Path) -> Result<(), StoreError> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map(drop)
        .map_err(|cause| StoreError::Io {
            path: path.to_path_buf(),
            cause,
        })
}
