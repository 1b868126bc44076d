//! The password file PostgreSQL's own tools read (`~/.pgpass`, or the file `PGPASSFILE`
//! names): lines of `host:port:database:user:password`, each field `*` for any, `\:` and
//! `\\` for a colon and a backslash in a field. As libpq does, a file that others may read
//! is not used (the log says why), and the first line that matches wins.
//!
//! Owns: finding and reading that file. Must not import: ratatui, crossterm, `crate::app`,
//! `crate::ui`.

use std::path::PathBuf;

/// The fields of one line, unescaped; `None` for a comment, a blank or a short line.
fn fields(line: &str) -> Option<[String; 5]> {
    if line.starts_with('#') || line.trim().is_empty() {
        return None;
    }
    let mut out: Vec<String> = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(field)) = (chars.next(), out.last_mut()) {
                    field.push(next);
                }
            }
            // The password is the rest of the line, colons and all.
            ':' if out.len() < 5 => out.push(String::new()),
            c => {
                if let Some(field) = out.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    out.try_into().ok()
}

/// The password the file's text gives for this connection, if a line matches.
pub fn lookup(text: &str, host: &str, port: u16, database: &str, user: &str) -> Option<String> {
    let port = port.to_string();
    let wanted = [host, port.as_str(), database, user];
    text.lines()
        .filter_map(fields)
        .find_map(|[h, p, d, u, password]| {
            let given = [&h, &p, &d, &u];
            let matches = given
                .iter()
                .zip(wanted)
                .all(|(field, want)| field.as_str() == "*" || field.as_str() == want);
            matches.then_some(password)
        })
}

/// Where the password file is: `PGPASSFILE`, or `.pgpass` in the home directory.
fn location() -> Option<PathBuf> {
    match std::env::var_os("PGPASSFILE") {
        Some(path) => Some(PathBuf::from(path)),
        None => std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".pgpass")),
    }
}

/// The password for this connection from the password file, if there is one that only its
/// owner can read and a line of it matches.
pub fn password(host: &str, port: u16, database: &str, user: &str) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let path = location()?;
    let meta = std::fs::metadata(&path).ok()?;
    if meta.mode() & 0o077 != 0 {
        tracing::warn!(
            "{}: others may read this password file, so it is not used (chmod 600 it)",
            path.display()
        );
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    lookup(&text, host, port, database, user)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# comment\n\
        db.example.org:5432:rt:ana:first\n\
        *:*:rt:ana:second\n\
        *:54329:*:*:co\\:lon\\\\ and:more\n";

    #[test]
    fn the_first_matching_line_gives_the_password() {
        assert_eq!(
            lookup(FILE, "db.example.org", 5432, "rt", "ana").as_deref(),
            Some("first")
        );
        assert_eq!(
            lookup(FILE, "localhost", 5432, "rt", "ana").as_deref(),
            Some("second")
        );
        assert_eq!(
            lookup(FILE, "localhost", 54329, "other", "bo").as_deref(),
            Some("co:lon\\ and:more"),
            "escapes read, and the password is the rest of the line"
        );
        assert_eq!(lookup(FILE, "localhost", 5432, "other", "bo"), None);
    }
}
