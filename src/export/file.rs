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
    #[error("{}: already exists (add --force to overwrite it)", .0.display())]
    Exists(PathBuf),
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
