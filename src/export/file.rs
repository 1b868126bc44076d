//! Writing exports to files: safe default names, and atomic writes (a temporary file in the
//! same directory, synced, then renamed) that never overwrite without being told to.
//!
//! Owns: file names and file writing for exports. Must not import: rusqlite, ratatui, tokio.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file is there already and `--force` was not given: nothing was written.
    #[error("{}: already exists (add --force to overwrite it)", .0.display())]
    Exists(PathBuf),
    /// Creating, writing, flushing or renaming `path` failed; nothing half written is left.
    #[error("{}: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
}

/// A file name made of `parts`: lower case, letters and digits, one `-` between words; no
/// separators, no leading dot, no control characters; at most 80 characters before the
/// extension.
pub fn safe_file_name(parts: &[&str], extension: &str) -> String {
    let mut name = String::new();
    for part in parts {
        for c in part.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() {
                name.push(c);
            } else if !name.is_empty() && !name.ends_with('-') {
                name.push('-');
            }
        }
        if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let mut name: String = name.trim_matches('-').chars().take(80).collect();
    name.truncate(name.trim_end_matches('-').len());
    if name.is_empty() {
        name.push_str("export");
    }
    format!("{name}.{extension}")
}

/// Writes `contents` to `path` all at once: readers see the old file or the new one, never a
/// part. An existing file is replaced only with `force`.
pub fn write_atomic(path: &Path, contents: &[u8], force: bool) -> Result<(), WriteError> {
    let io = |cause| WriteError::Io {
        path: path.to_path_buf(),
        cause,
    };
    if path.exists() && !force {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::File::create(&temp)
        .and_then(|mut file| file.write_all(contents).and_then(|()| file.sync_all()))
        .and_then(|()| fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(io(e));
    }
    Ok(())
}

/// Writes every `(name, contents)` into `dir`, all or none: nothing is written when any of
/// them exists (unless `force`), each goes to a temporary file first, all of them reach the
/// disk with one flush rather than one each (a year of minutes is hundreds of files), and
/// only then are they renamed into place.
pub fn write_all_atomic(
    dir: &Path,
    files: &[(String, String)],
    force: bool,
) -> Result<(), WriteError> {
    if let Some((name, _)) = files.iter().find(|(n, _)| !force && dir.join(n).exists()) {
        return Err(WriteError::Exists(dir.join(name)));
    }
    let temp = |name: &str| dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let clean = || {
        for (name, _) in files {
            let _ = fs::remove_file(temp(name));
        }
    };
    for (name, contents) in files {
        let written =
            fs::File::create(temp(name)).and_then(|mut f| f.write_all(contents.as_bytes()));
        if let Err(cause) = written {
            clean();
            return Err(WriteError::Io {
                path: dir.join(name),
                cause,
            });
        }
    }
    let io = |cause| WriteError::Io {
        path: dir.to_path_buf(),
        cause,
    };
    if let Err(e) = flush_all(dir, files.iter().map(|(n, _)| temp(n))) {
        clean();
        return Err(io(e));
    }
    for (name, _) in files {
        fs::rename(temp(name), dir.join(name)).map_err(io)?;
    }
    fs::File::open(dir).and_then(|d| d.sync_all()).map_err(io)
}

/// Makes the files written reach the disk: on Linux one `syncfs` of the file system that
/// holds `dir`; elsewhere each file's own `fsync`.
fn flush_all(dir: &Path, files: impl Iterator<Item = PathBuf>) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let _ = files;
        let dir = fs::File::open(dir)?;
        // SAFETY: `syncfs` only reads the descriptor, which `dir` keeps open for the call.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } == 0 {
            return Ok(());
        }
        Err(std::io::Error::last_os_error())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        for file in files {
            fs::File::open(file)?.sync_all()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_whatever_the_circle_is_called() {
        assert_eq!(
            safe_file_name(&["2026-11-24", "Bakehouse", "tactical"], "md"),
            "2026-11-24-bakehouse-tactical.md"
        );
        assert_eq!(safe_file_name(&["../../etc/passwd"], "md"), "etc-passwd.md");
        assert_eq!(
            safe_file_name(&[".hidden", "a/b\\c", "x\u{7}y"], "json"),
            "hidden-a-b-c-x-y.json"
        );
        assert_eq!(safe_file_name(&["///"], "eml"), "export.eml");
        assert_eq!(safe_file_name(&["Ølstue Café"], "html"), "ølstue-café.html");
        assert!(safe_file_name(&[&"x".repeat(500)], "md").len() <= 83);
    }

    #[test]
    fn an_existing_file_is_kept_unless_forced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("minutes.md");
        write_atomic(&path, b"first", false).expect("writes");
        assert!(matches!(
            write_atomic(&path, b"second", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(fs::read(&path).expect("read"), b"first");
        write_atomic(&path, b"second", true).expect("forced");
        assert_eq!(fs::read(&path).expect("read"), b"second");
        let leftovers = fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
