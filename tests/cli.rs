//! The command line, run as a person would: the real binary, a temp database via
//! `ROUNDTABLE_DB`, its output and exit code.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn roundtable(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .args(args)
        .env("ROUNDTABLE_DB", db)
        .env_remove("ROUNDTABLE_LOG")
        .output()
        .expect("the binary runs")
}

/// A tactical meeting of Bakehouse (home's second row) on the demo in the file `db` (loaded
/// there first when missing), started and ended.
fn end_a_tactical_meeting_of_bakehouse(db: &Path) {
    let mut h = common::Harness::demo_file(db);
    h.start_tactical(1, &[]);
    h.press(ratatui::crossterm::event::KeyCode::Char('e'))
        .press(ratatui::crossterm::event::KeyCode::Char('y'));
    let ended = matches!(h.app.view().screen, roundtable::app::Screen::Minutes(_));
    assert!(ended, "the meeting ended:\n{}", h.screen(80, 24));
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Fails unless stderr is exactly one line and the exit code is non-zero.
fn assert_one_line_error(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "should fail; stdout: {}",
        stdout(out)
    );
    let err = stderr(out);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("roundtable: "), "{err}");
    err
}

#[test]
fn init_demo_then_org_prints_the_tree() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let out = roundtable(&db, &["init", "--demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = roundtable(&db, &["org"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tree = stdout(&out);
    assert!(tree.starts_with(
        "Riverbend Bakery Cooperative (holacracy-5.0)\ncircle Riverbend Bakery Cooperative\n"
    ));
    assert!(tree.contains("\n  circle Bakehouse\n    role Circle Lead: Jonas Lindqvist\n"));
    assert!(
        tree.contains("\n    role Head Baker: Jonas Lindqvist, Elif Yılmaz [Weekend shifts]\n")
    );
    assert!(tree.contains("\n    role Circle Rep: Tomasz Nowak (term ends 2026-12-20)\n"));
}

#[test]
fn init_demo_twice_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    assert!(roundtable(&db, &["init", "--demo"]).status.success());
    let err = assert_one_line_error(&roundtable(&db, &["init", "--demo"]));
    assert!(
        err.contains("already holds the organisation \"Riverbend Bakery Cooperative\""),
        "{err}"
    );
}

#[test]
fn init_with_a_name_starts_an_empty_organisation_under_the_chosen_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let out = roundtable(
        &db,
        &["init", "--name", "Tiny Co", "--rule-set", "holacracy-4.1"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let tree = stdout(&roundtable(&db, &["org"]));
    assert_eq!(
        tree,
        "Tiny Co (holacracy-4.1)\ncircle Tiny Co\n  role Lead Link: (unfilled)\n  role Facilitator: (unfilled)\n  role Secretary: (unfilled)\n"
    );
}

#[test]
fn import_reports_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let file = dir.path().join("org.toml");
    std::fs::write(
        &file,
        "name = \"Co\"\n[circle]\nname = \"Co\"\npurpose = 12x\n",
    )
    .expect("write");
    let err = assert_one_line_error(&roundtable(&db, &["import", file.to_str().expect("utf-8")]));
    assert!(err.contains("org.toml: line 4, column 11:"), "{err}");
    assert!(!db.exists(), "a refused file creates no database");
    let err = assert_one_line_error(&roundtable(&db, &["org"]));
    assert!(err.contains("no database here"), "{err}");
}

#[test]
fn import_names_an_unknown_person_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let file = dir.path().join("org.toml");
    let text = roundtable::data::DEMO_ORG.replace(
        "{ person = \"Kwame Mensah\" }",
        "{ person = \"Kwame Mensa\" }",
    );
    std::fs::write(&file, text).expect("write");
    let err = assert_one_line_error(&roundtable(&db, &["import", file.to_str().expect("utf-8")]));
    assert!(err.contains("unknown person \"Kwame Mensa\""), "{err}");
    assert!(
        !roundtable(&db, &["org"]).status.success(),
        "nothing was imported"
    );
}

#[test]
fn import_of_a_good_file_loads_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let file = dir.path().join("org.toml");
    std::fs::write(&file, roundtable::data::DEMO_ORG).expect("write");
    let out = roundtable(&db, &["import", file.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&roundtable(&db, &["org"])).contains("circle Community"));
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "not a database\n").expect("write");
    std::fs::set_permissions(&db, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("chmod 600");
    for args in [&["org"][..], &["init", "--demo"][..], &[][..]] {
        let err = assert_one_line_error(&roundtable(&db, args));
        assert!(
            err.contains("notes.txt: not a Roundtable database"),
            "{err}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&db).expect("read"),
        "not a database\n"
    );
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    for args in [
        &["--help"][..],
        &["init", "--help"],
        &["import", "--help"],
        &["org", "--help"],
    ] {
        let out = roundtable(&db, args);
        assert!(out.status.success(), "{args:?}");
        assert!(stdout(&out).contains("Usage: roundtable"), "{args:?}");
    }
    assert!(!db.exists(), "help creates no database");
}

#[test]
fn init_needs_to_be_told_what_to_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = roundtable(&dir.path().join("rt.db"), &["init"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--demo"), "{}", stderr(&out));
}

#[test]
fn review_print_shows_a_persons_roles_in_every_circle() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    assert!(roundtable(&db, &["init", "--demo"]).status.success());
    let out = roundtable(&db, &["review", "--person", "mei chen", "--print"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines()
            .next()
            .is_some_and(|l| l.starts_with("Mei Chen: 3 roles in 3 circles")),
        "{text}"
    );
    for line in [
        "Riverbend Bakery Cooperative · Secretary (term ends 2026-12-12)",
        "Bakehouse · Ingredients Buyer (focus: Dairy and fresh)",
        "Shopfront · Orders and Stock",
        "  Project (current): Compostable bags introduced",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
    let err = assert_one_line_error(&roundtable(
        &db,
        &["review", "--person", "Nobody", "--print"],
    ));
    assert!(err.contains("no person named \"Nobody\""), "{err}");
}

#[test]
fn meet_refuses_clearly_what_it_cannot_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    assert!(roundtable(&db, &["init", "--demo"]).status.success());
    let err = assert_one_line_error(&roundtable(
        &db,
        &["meet", "tactical", "--circle", "Bakery"],
    ));
    assert!(err.contains("no circle named \"Bakery\""), "{err}");
    let err = assert_one_line_error(&roundtable(
        &db,
        &["meet", "governance", "--circle", "Shop"],
    ));
    assert!(err.contains("no circle named \"Shop\""), "{err}");
    let err = assert_one_line_error(&roundtable(
        &db,
        &["meet", "party", "--circle", "Bakehouse"],
    ));
    assert!(err.contains("party"), "{err}");
}

#[test]
fn last_minutes_of_a_circle_without_an_ended_meeting_say_that_circle_has_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    end_a_tactical_meeting_of_bakehouse(&db);
    let err = assert_one_line_error(&roundtable(
        &db,
        &[
            "export",
            "minutes",
            "--last",
            "--circle",
            "shopfront",
            "--format",
            "md",
            "-o",
            "-",
        ],
    ));
    assert!(
        err.contains("\"Shopfront\" has no ended meeting"),
        "names the circle asked about: {err}"
    );
    let out = roundtable(
        &db,
        &[
            "export",
            "minutes",
            "--last",
            "--circle",
            "Bakehouse",
            "--format",
            "md",
            "-o",
            "-",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A circle's meetings over a span of days, in every format, in one run into a directory:
/// one file per meeting and format, each the same as that meeting's own export; written all
/// or none (a file there already refuses the whole run, nothing written).
#[test]
fn a_circles_minutes_since_a_day_are_written_in_every_format_in_one_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    for _ in 0..2 {
        // Two tactical meetings of Bakehouse on one day: their files are told apart.
        end_a_tactical_meeting_of_bakehouse(&db);
    }
    let out_dir = dir.path().join("year");
    std::fs::create_dir(&out_dir).expect("dir");
    let out_path = out_dir.to_string_lossy().into_owned();
    let range = [
        "export",
        "minutes",
        "--circle",
        "bakehouse",
        "--since",
        "2000-01-01",
        "--format",
        "md,html,json,eml",
        "-o",
        &out_path,
    ];
    let out = roundtable(&db, &range);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "two meetings, four formats: {names:?}");
    assert!(stdout(&out).contains("Wrote 8 files (2 meetings of bakehouse, 4 formats)"));
    let md: Vec<&String> = names.iter().filter(|n| n.ends_with(".md")).collect();
    assert_ne!(md[0], md[1], "two meetings of one day, two files");
    let single = roundtable(
        &db,
        &["export", "minutes", "--last", "--format", "md", "-o", "-"],
    );
    let newest = md
        .iter()
        .find(|n| n.contains("tactical-minutes-"))
        .expect("numbered");
    let written = std::fs::read_to_string(out_dir.join(newest)).expect("file");
    assert_eq!(
        written,
        stdout(&single),
        "the same as the meeting's own export"
    );
    // Again: every file is there already, so nothing is written and the run says which.
    std::fs::remove_file(out_dir.join(md[0])).expect("remove one");
    let err = assert_one_line_error(&roundtable(&db, &range));
    assert!(err.contains("already exists (add --force"), "{err}");
    assert!(
        !out_dir.join(md[0]).exists(),
        "all or none: not written back"
    );
}

/// A file name that would set the terminal's title and write its clipboard (OSC 0, OSC 52).
const HOSTILE_NAME: &str = "org\u{1b}]0;owned\u{7}\u{1b}]52;c;aGVsbG8=\u{7}\u{9b}2J.toml";

/// Runs with assert_cmd and fails if stdout or stderr holds an ESC (or 8-bit CSI) byte.
fn assert_no_escape(db: &Path, args: &[&std::ffi::OsStr]) -> assert_cmd::assert::Assert {
    let assert = assert_cmd::Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .args(args)
        .env("ROUNDTABLE_DB", db)
        .env_remove("ROUNDTABLE_LOG")
        .assert();
    let out = assert.get_output();
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !bytes.contains(&0x1b) && !text.contains('\u{9b}') && !text.contains('\u{7}'),
            "{name} holds an escape: {text:?}"
        );
    }
    assert
}

#[test]
fn file_names_with_escape_sequences_reach_the_terminal_harmless() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let file = dir.path().join(HOSTILE_NAME);
    // Missing, then broken, then good: an error line each time, then a success line.
    assert_no_escape(&db, &["import".as_ref(), file.as_os_str()])
        .failure()
        .stderr(predicates::str::contains("]0;owned"));
    std::fs::write(&file, "name = \"Co\"\n[circle]\nname = 12x\n").expect("write");
    assert_no_escape(&db, &["import".as_ref(), file.as_os_str()])
        .failure()
        .stderr(predicates::str::contains("line 3, column 8"));
    std::fs::write(&file, roundtable::data::DEMO_ORG).expect("write");
    assert_no_escape(&db, &["import".as_ref(), file.as_os_str()])
        .success()
        .stdout(predicates::str::contains("Imported \"Riverbend"));
    let out = dir.path().join(HOSTILE_NAME.replace(".toml", ".md"));
    assert_no_escape(
        &db,
        &[
            "export".as_ref(),
            "org".as_ref(),
            "--format".as_ref(),
            "md".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    )
    .success()
    .stdout(predicates::str::contains("Wrote "));
}

#[test]
fn arguments_and_paths_with_escape_sequences_reach_the_terminal_harmless() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    assert!(roundtable(&db, &["init", "--demo"]).status.success());
    let hostile = HOSTILE_NAME;
    assert_no_escape(
        &db,
        &[
            "review".as_ref(),
            "--person".as_ref(),
            hostile.as_ref(),
            "--print".as_ref(),
        ],
    )
    .failure()
    .stderr(predicates::str::contains("no person named"));
    assert_no_escape(
        &db,
        &["init".as_ref(), "--rule-set".as_ref(), hostile.as_ref()],
    )
    .failure();
    assert_no_escape(
        &db,
        &[
            "meet".as_ref(),
            "tactical".as_ref(),
            "--circle".as_ref(),
            hostile.as_ref(),
        ],
    )
    .failure();
    let bad_db = dir.path().join(hostile).join("rt.db");
    std::fs::write(dir.path().join(hostile), "a file, not a directory").expect("write");
    assert_no_escape(&bad_db, &["org".as_ref()]).failure();
    assert_no_escape(&bad_db, &["init".as_ref(), "--demo".as_ref()]).failure();
}

#[test]
fn import_refuses_endless_and_huge_input_and_says_where_utf8_breaks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let err = assert_one_line_error(&roundtable(&db, &["import", "/dev/zero"]));
    assert!(err.contains("/dev/zero: larger than 32 MB"), "{err}");
    let huge = dir.path().join("huge.toml");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(100 << 20))
        .expect("a sparse 100 MB file");
    let err = assert_one_line_error(&roundtable(&db, &["import", huge.to_str().expect("utf-8")]));
    assert!(err.contains("huge.toml: larger than 32 MB"), "{err}");
    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"name = \"Co\"\n[circle]\nname = \"Caf\xe9\"\n").expect("write");
    let err = assert_one_line_error(&roundtable(
        &db,
        &["import", latin1.to_str().expect("utf-8")],
    ));
    assert!(
        err.contains("latin1.toml: line 3, column 12: not UTF-8"),
        "{err}"
    );
    assert!(!db.exists(), "nothing refused created the database");
}

#[test]
fn circles_nested_a_thousand_deep_import_and_print() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let file = dir.path().join("deep.toml");
    let mut text = String::from("name = \"Deep\"\n[circle]\nname = \"C1\"\n");
    let mut key = String::from("circle");
    for level in 2..=1000 {
        key.push_str(".circles");
        text.push_str(&format!("[[{key}]]\nname = \"C{level}\"\n"));
    }
    std::fs::write(&file, text).expect("write");
    let out = roundtable(&db, &["import", file.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tree = stdout(&roundtable(&db, &["org"]));
    let deepest = format!("{}circle C1000\n", "  ".repeat(999));
    assert!(tree.contains(&deepest), "the 1000th level is printed");
}

#[test]
fn a_log_file_others_can_read_or_a_linked_one_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let log = dir.path().join("roundtable.log");
    std::fs::write(&log, "").expect("write");
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let err = assert_one_line_error(&roundtable(&db, &["init", "--demo"]));
    assert!(
        err.contains(&format!(
            "roundtable.log: readable or writable by other users (mode 0644); fix it with: chmod 600 {}",
            log.display()
        )),
        "{err}"
    );
    std::fs::remove_file(&log).expect("rm");
    let target = dir.path().join("elsewhere.txt");
    std::os::unix::fs::symlink(&target, &log).expect("symlink");
    let err = assert_one_line_error(&roundtable(&db, &["init", "--demo"]));
    assert!(err.contains("roundtable.log: a symbolic link"), "{err}");
    assert!(!target.exists(), "nothing written through the link");
    std::fs::remove_file(&log).expect("rm");
    assert!(roundtable(&db, &["init", "--demo"]).status.success());
    let mode = std::fs::metadata(&log).expect("log").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_read_only_directory_is_said_once() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    assert!(roundtable(&db, &["init", "--demo"]).status.success());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o500)).expect("chmod");
    // Root writes anywhere: as root the program runs as another user owning the files.
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    let mut command = Command::new(env!("CARGO_BIN_EXE_roundtable"));
    if root {
        for path in [
            dir.path().to_path_buf(),
            db.clone(),
            dir.path().join("roundtable.log"),
        ] {
            std::os::unix::fs::chown(&path, Some(65534), Some(65534)).expect("chown");
        }
        command.uid(65534).gid(65534);
    }
    let out = command
        .args(["init", "--name", "Other"])
        .env("ROUNDTABLE_DB", &db)
        .output()
        .expect("runs");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let err = assert_one_line_error(&out);
    assert_eq!(err.matches("read-only").count(), 1, "{err}");
    assert!(err.contains("the directory is read-only"), "{err}");
}

/// The read-only commands read while the file's checks run beside them
/// (`Store::open_read_only_overlapped`): a damaged file is reported as corrupt, by name, in
/// one line, and nothing read from it reaches the screen or a file.
#[test]
fn every_read_only_command_reports_a_damaged_file_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    end_a_tactical_meeting_of_bakehouse(&db);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).expect("dir");
    let out = |name: &str| out_dir.join(name).to_string_lossy().into_owned();
    let (org_file, last_file, year) = (out("org.toml"), out("last.md"), out(""));
    let damaged = common::damaged::damage_first_tables(&db);
    for args in [
        &["org"][..],
        &["export", "org", "--format", "toml", "-o", &org_file][..],
        &[
            "export", "minutes", "--last", "--format", "md", "-o", &last_file,
        ][..],
        &[
            "export",
            "minutes",
            "--circle",
            "Bakehouse",
            "--since",
            "2000-01-01",
            "--format",
            "md,json",
            "-o",
            &year,
        ][..],
        &["review", "--person", "Mei Chen", "--print"][..],
        &["work", "--person", "Mei Chen", "--print"][..],
    ] {
        let ran = roundtable(&db, args);
        let err = assert_one_line_error(&ran);
        common::damaged::assert_refused_as_corrupt(&err, &db, &damaged);
        assert_eq!(stdout(&ran), "", "{args:?} printed nothing");
        let written: Vec<_> = std::fs::read_dir(&out_dir).expect("list").collect();
        assert!(written.is_empty(), "{args:?} wrote nothing: {written:?}");
    }
}

/// Opening a file of an older schema for writing brings it up to date, which on a large file
/// takes seconds before anything else shows: a line on standard error says so first. A file
/// already up to date, or a new one, says nothing.
#[test]
fn bringing_an_older_file_up_to_date_is_announced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    assert!(roundtable(&db, &["init", "--demo"]).status.success());
    let latest = roundtable::store::latest_schema();
    // As a build before migration 023 (own work's index) left it.
    let older = 22;
    rusqlite::Connection::open(&db)
        .and_then(|c| c.execute_batch("DROP TABLE work_index; PRAGMA user_version = 22;"))
        .expect("as the older build left it");
    let out = roundtable(&db, &["person", "add", "Noor Haddad"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.starts_with("Bringing ")
            && said.contains(&format!("up to date (schema {older} to {latest})")),
        "{said}"
    );
    assert_eq!(
        roundtable::store::Store::file_schema_version(&db).expect("reads"),
        Some(latest)
    );
    let again = roundtable(&db, &["person", "add", "Ilse Berg"]);
    assert!(
        again.status.success() && stderr(&again).is_empty(),
        "{}",
        stderr(&again)
    );
}
