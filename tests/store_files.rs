//! The database's files under attack or accident: deleted or replaced while a meeting runs,
//! shared with other users, reached through a symbolic link, left read-only, or with a
//! lowered schema version. Each case: a clear one-line message, and nothing modified.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::Enter;
use roundtable::app::setup;
use roundtable::store::Store;
use roundtable::store::prelude::*;
use rusqlite::Connection;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

const BAKEHOUSE: usize = 1;

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A demo database at `dir/rt.db`, closed (its WAL folded back into the file).
fn demo_db(dir: &Path) -> PathBuf {
    let path = dir.join("rt.db");
    let mut store = Store::open(&path).expect("open");
    setup::load_demo(&mut store).expect("demo");
    path
}

fn open_error(path: &Path) -> String {
    let message = Store::open(path).expect_err("refused").to_string();
    assert!(!message.contains('\n'), "one line: {message}");
    assert!(message.len() < 400, "short: {message}");
    message
}

/// A Bakehouse check-in with "Tired" typed into the note prompt, not yet entered.
fn typing_a_note(path: &Path) -> Harness {
    let mut h = Harness::demo_file(path);
    h.start_tactical(BAKEHOUSE, &[])
        .press(Enter)
        .type_str("Tired");
    assert_eq!(h.prompt_value().as_deref(), Some("Tired"));
    h
}

/// Enter is refused: the status says `what` and that the entry was not saved. (The app
/// closes the prompt on a refused entry; keeping the typed text open is the app's part.)
fn assert_entry_refused(h: &mut Harness, what: &str) -> String {
    h.press(Enter);
    let status = h.status().unwrap_or_default();
    assert!(status.contains(what), "status says {what:?}: {status}");
    assert!(status.contains("not saved"), "{status}");
    status
}

/// Whether any meeting entry in the database at `path` holds `text`.
fn holds_entry(path: &Path, text: &str) -> bool {
    let conn = Connection::open(path).expect("inspect");
    let found: i64 = conn
        .query_row(
            "SELECT count(*) FROM meeting_events WHERE instr(payload, ?1) > 0",
            [text],
            |r| r.get(0),
        )
        .expect("count");
    found > 0
}

#[test]
fn a_database_deleted_mid_meeting_is_noticed_and_what_was_recorded_is_rescued() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    let mut h = typing_a_note(&path);
    std::fs::remove_file(&path).expect("delete the database");
    let status = assert_entry_refused(&mut h, "deleted");
    let rescued = dir.path().join("rt.db.rescued");
    assert!(status.contains(&rescued.display().to_string()), "{status}");
    assert!(!path.exists(), "no new database at the path");
    // Again: the same message, no second rescue file.
    h.press(Enter).type_str("Tired");
    assert_entry_refused(&mut h, "deleted");
    assert!(!dir.path().join("rt.db.rescued-2").exists());
    drop(h);
    assert!(!path.exists(), "closing recreates nothing");
    let message = open_error(&path);
    assert!(message.contains("holds what was rescued"), "{message}");
    assert!(
        !path.exists(),
        "the next start makes no empty database over it"
    );
    assert_eq!(
        std::fs::metadata(&rescued).expect("rescued").mode() & 0o777,
        0o600
    );
    let store = Store::open(&rescued).expect("the rescue is a Roundtable database");
    assert_eq!(
        store.organisation_name().expect("name").as_deref(),
        Some("Riverbend Bakery Cooperative")
    );
    let conn = Connection::open(&rescued).expect("inspect");
    let meetings: i64 = conn
        .query_row(
            "SELECT count(*) FROM meetings WHERE ended_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(meetings, 1, "the open meeting is in the rescue");
    assert!(
        !holds_entry(&rescued, "Tired"),
        "the refused note is nowhere"
    );
}

#[test]
fn a_database_replaced_mid_meeting_is_noticed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    let mut h = typing_a_note(&path);
    let other = dir.path().join("other.db");
    std::fs::copy(&path, &other).expect("copy");
    std::fs::rename(&other, &path).expect("replace the database");
    assert_entry_refused(&mut h, "replaced");
    drop(h);
    assert!(
        !holds_entry(&path, "Tired"),
        "nothing written into the new file"
    );
}

#[test]
fn a_wal_deleted_mid_meeting_is_noticed_and_others_are_told_what_happened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    let mut h = typing_a_note(&path);
    std::fs::remove_file(dir.path().join("rt.db-wal")).expect("delete the WAL");
    // Another program opening the file meanwhile: not "corrupt", and said once.
    let message = open_error(&path);
    assert!(message.contains("-wal file is missing"), "{message}");
    assert!(!message.contains("corrupt"), "{message}");
    assert_entry_refused(&mut h, "-wal file was deleted");
    drop(h);
    assert!(dir.path().join("rt.db.rescued").exists());
    assert!(!holds_entry(&path, "Tired"));
}

#[test]
fn a_file_others_can_read_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = demo_db(dir.path());
    for mode in [0o644, 0o640, 0o602] {
        chmod(&path, mode);
        let message = open_error(&path);
        assert!(
            message.ends_with(&format!(
                "readable or writable by other users (mode {mode:04o}); fix it with: chmod 600 {}",
                path.display()
            )),
            "{message}"
        );
        assert!(Store::open_read_only(&path).is_err(), "read-only too");
    }
    chmod(&path, 0o600);
    assert!(Store::open(&path).is_ok(), "fixed as the message says");
}

#[test]
fn another_users_file_is_refused_whoever_runs_the_test() {
    let dir = tempfile::tempdir().expect("tempdir");
    // As root a file can be given away; otherwise a root-owned file stands in for it.
    let (path, owner) = if unsafe_is_root() {
        let path = demo_db(dir.path());
        std::os::unix::fs::chown(&path, Some(12345), Some(12345)).expect("chown");
        (path, 12345)
    } else {
        (PathBuf::from("/etc/passwd"), 0)
    };
    let before = std::fs::read(&path).expect("read");
    let message = Store::open_read_only(&path)
        .expect_err("refused")
        .to_string();
    assert!(
        message.contains(&format!("owned by another user (uid {owner}")),
        "{message}"
    );
    if owner != 0 {
        assert!(open_error(&path).contains("owned by another user"));
    }
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

fn unsafe_is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn a_symbolic_link_is_not_followed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = demo_db(dir.path());
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    assert!(open_error(&link).contains("a symbolic link"));
    assert!(Store::open_read_only(&link).is_err());
    let dangling = dir.path().join("dangling.db");
    std::os::unix::fs::symlink(dir.path().join("nowhere.db"), &dangling).expect("symlink");
    assert!(open_error(&dangling).contains("a symbolic link"));
    assert!(
        !dir.path().join("nowhere.db").exists(),
        "nothing created through it"
    );
}

#[test]
fn a_directory_others_can_write_is_refused_before_anything_is_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    for mode in [0o1777, 0o777, 0o775] {
        chmod(&shared, mode);
        let message = open_error(&shared.join("rt.db"));
        assert!(
            message.contains("this directory can be written by other users")
                && message.contains("mkdir -m 700"),
            "{message}"
        );
        assert!(listing(&shared).is_empty(), "nothing created");
    }
    chmod(&shared, 0o700);
    assert!(Store::open(&shared.join("rt.db")).is_ok());
}

#[test]
fn a_leftover_read_only_shm_is_named_with_the_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = demo_db(dir.path());
    let shm = dir.path().join("rt.db-shm");
    std::fs::write(&shm, vec![0u8; 32768]).expect("write");
    chmod(&shm, 0o400);
    let message = open_error(&path);
    assert!(
        message.contains("rt.db-shm: read-only (mode 0400")
            && message.ends_with(&format!("chmod 600 {}", shm.display())),
        "{message}"
    );
    chmod(&shm, 0o600);
    assert!(Store::open(&path).is_ok());
}

#[test]
fn a_refused_database_gets_no_wal_or_shm_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.db");
    let conn = Connection::open(&path).expect("other program's database");
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .expect("wal");
    conn.execute_batch("CREATE TABLE t (a);").expect("table");
    drop(conn);
    chmod(&path, 0o600);
    let before = listing(dir.path());
    assert!(open_error(&path).contains("another program"));
    assert!(Store::open_read_only(&path).is_err());
    assert_eq!(listing(dir.path()), before, "no -wal, no -shm");
}

#[test]
fn a_lowered_schema_version_is_refused_in_one_short_line_and_not_modified() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = demo_db(dir.path());
    Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "user_version", 1))
        .expect("lower the version");
    let before = std::fs::read(&path).expect("read");
    let listed = listing(dir.path());
    let message = open_error(&path);
    assert!(
        message.contains("the tables do not match schema version 1 (unexpected: ")
            && message.ends_with("the file was left untouched"),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before, "not modified");
    assert_eq!(listing(dir.path()), listed);
    assert!(Store::open_read_only(&path).is_err());
}
