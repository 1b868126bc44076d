//! End to end in a pseudo-terminal: a whole tactical meeting of Bakehouse with the real
//! binary, then a meeting killed with SIGKILL mid-triage, relaunched, and finished.

mod common;

use common::pty::Pty;
use rusqlite::Connection;
use std::path::Path;
use std::process::Command;

const DOWN: &str = "\x1b[B";
const RIGHT: &str = "\x1b[C";
const ENTER: &str = "\r";

fn init_demo(db: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .args(["--db", db.to_str().expect("utf-8"), "init", "--demo"])
        .output()
        .expect("init");
    assert!(status.status.success());
}

fn meet(db: &Path) -> Pty {
    Pty::spawn(
        db,
        &["meet", "tactical", "--circle", "Bakehouse"],
        &[],
        120,
        40,
    )
}

/// Types text into the open prompt and confirms it.
fn enter(pty: &mut Pty, text: &str) {
    pty.send(text);
    pty.send(ENTER);
}

fn downs(pty: &mut Pty, n: usize) {
    for _ in 0..n {
        pty.send(DOWN);
    }
}

/// Sets up (everyone present) and runs check-in to agenda building, ending in triage.
fn up_to_triage(pty: &mut Pty) {
    pty.wait_for("Attendance");
    pty.send(ENTER);
    pty.wait_for("1. Check-in round");
    pty.send(ENTER);
    enter(pty, "Tired but happy");
    pty.wait_for("Tired but happy");
    pty.send(RIGHT);
    pty.send(">");
    pty.wait_for("2. Checklist review");
    for _ in 0..5 {
        pty.send("c");
    }
    pty.wait_for("5 of 5 answered");
    pty.send(">");
    pty.wait_for("3. Metrics review");
    for value in ["2050", "5.1", "0.96"] {
        pty.send(ENTER);
        enter(pty, value);
        pty.send(ENTER);
    }
    pty.wait_for("3 of 3 reported");
    pty.send(">");
    pty.wait_for("4. Progress updates");
    pty.send(ENTER);
    enter(pty, "Three test batches baked");
    pty.send("n");
    // The waiting project is offered too (issue 13 item 20): no updates on it either.
    pty.wait_for("2 of 3 updated");
    pty.send("n");
    pty.wait_for("3 of 3 updated");
    pty.send(">");
    pty.wait_for("5. Agenda building");
    pty.send("a");
    enter(pty, "Butter timing");
    pty.wait_for("Whose item is");
    pty.send(ENTER);
    pty.wait_for("1. Butter timing — Jonas Lindqvist");
    pty.send(">");
    pty.wait_for("6. Triage");
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
        .expect("query")
}

#[test]
fn a_whole_tactical_meeting_of_bakehouse_and_its_next_action_in_the_browser() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    init_demo(&db);
    let mut pty = meet(&db);
    up_to_triage(&mut pty);
    // A next action for the Ingredients Buyer (its second filler, Mei Chen).
    pty.send(ENTER);
    pty.wait_for("What came out of it?");
    pty.send(ENTER);
    enter(&mut pty, "Ask the dairy for a 5 am delivery");
    pty.wait_for("Who owns this next action?");
    downs(&mut pty, 9);
    pty.send(ENTER);
    pty.wait_for("Mei Chen (Ingredients Buyer)");
    // A project for the Circle Lead.
    pty.send(ENTER);
    pty.send(DOWN);
    pty.send(ENTER);
    enter(&mut pty, "Dairy contract renegotiated");
    pty.wait_for("Who owns this project?");
    pty.send(ENTER);
    pty.wait_for("project: Dairy contract renegotiated");
    pty.send("c");
    pty.wait_for("did you get what you need?");
    pty.send(ENTER);
    pty.send(">");
    pty.wait_for("7. Closing round");
    pty.send(">");
    pty.wait_for("End the meeting?");
    pty.send("y");
    pty.wait_for("x export");
    pty.send("q");
    pty.wait_for("t tactical");
    // Home has Bakehouse selected; the browser opens on it. Its eighth role is the buyer.
    pty.send(ENTER);
    pty.wait_for("sub-circle of Riverbend");
    downs(&mut pty, 8);
    pty.wait_for("role in Bakehouse");
    pty.wait_for("[ ] Ask the dairy for a 5 am delivery (Mei Chen)");
    pty.send("q");
    pty.send("q");
    assert!(pty.wait_exit().success());
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM meetings WHERE ended_at IS NOT NULL"
        ),
        1
    );
}

#[test]
fn a_meeting_killed_mid_triage_resumes_with_everything_and_finishes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    init_demo(&db);
    let mut pty = meet(&db);
    up_to_triage(&mut pty);
    pty.send(ENTER);
    pty.send(ENTER);
    enter(&mut pty, "Order butter from the new dairy");
    pty.wait_for("Who owns this next action?");
    pty.send(ENTER);
    pty.wait_for("next action: Order butter from the new dairy");
    let killed = Command::new("kill")
        .args(["-KILL", &pty.pid().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    pty.wait_exit();
    drop(pty);

    let mut pty = meet(&db);
    pty.wait_for("Resumed the meeting started");
    pty.wait_for("6. Triage");
    pty.wait_for("next action: Order butter from the new dairy");
    pty.send("c");
    pty.send(ENTER);
    pty.send(">");
    pty.wait_for("7. Closing round");
    pty.send("e");
    pty.wait_for("End the meeting?");
    pty.send("y");
    pty.wait_for("Tired but happy");
    pty.wait_for("Three test batches baked");
    pty.send("q");
    pty.send("q");
    assert!(pty.wait_exit().success());
    let actions =
        "SELECT count(*) FROM next_actions WHERE text = 'Order butter from the new dairy'";
    assert_eq!(count(&db, actions), 1, "the next action is there once");
    assert_eq!(count(&db, "SELECT count(*) FROM checklist_answers"), 5);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM metric_values WHERE meeting_id IS NOT NULL"
        ),
        3
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM meetings WHERE ended_at IS NULL"),
        0
    );
}

/// Runs the binary with arguments in `dir`, returning (success, stdout, stderr).
fn run_in(dir: &Path, db: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .args(["--db", db.to_str().expect("utf-8")])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn the_minutes_of_a_meeting_export_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    init_demo(&db);
    let (ok, _, err) = run_in(
        dir.path(),
        &db,
        &["export", "minutes", "--last", "--format", "md"],
    );
    assert!(!ok && err.contains("no ended meeting"), "{err}");
    let mut pty = meet(&db);
    up_to_triage(&mut pty);
    pty.send("e");
    pty.send("y");
    pty.wait_for("x export");
    pty.send("q");
    pty.send("q");
    assert!(pty.wait_exit().success());

    let (ok, out, _) = run_in(
        dir.path(),
        &db,
        &["export", "minutes", "1", "--format", "json", "-o", "-"],
    );
    assert!(
        ok && out.contains("\"schema\": \"roundtable.minutes/1\""),
        "{out}"
    );
    let (ok, out, err) = run_in(
        dir.path(),
        &db,
        &[
            "export",
            "minutes",
            "--last",
            "--circle",
            "bakehouse",
            "--format",
            "html",
        ],
    );
    assert!(ok, "{err}");
    let name = "2026-11-24-bakehouse-tactical-minutes.html";
    let file = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with("-bakehouse-tactical-minutes.html"))
        .unwrap_or_else(|| panic!("no {name}-like file; said {out}"));
    assert!(out.contains(&file));
    let (ok, _, err) = run_in(
        dir.path(),
        &db,
        &["export", "minutes", "--last", "--format", "html"],
    );
    assert!(!ok && err.contains("already exists (add --force"), "{err}");
    let (ok, _, err) = run_in(
        dir.path(),
        &db,
        &["export", "minutes", "--last", "--format", "html", "--force"],
    );
    assert!(ok, "{err}");
    let (ok, _, err) = run_in(
        dir.path(),
        &db,
        &["export", "minutes", "7", "--format", "eml"],
    );
    assert!(
        !ok && err.trim_end().lines().count() == 1 && err.contains("no meeting 7"),
        "{err}"
    );
    let (ok, _, err) = run_in(dir.path(), &db, &["export", "minutes", "--format", "md"]);
    assert!(!ok && err.contains("say which meeting"), "{err}");
}

#[test]
fn a_solo_review_tension_is_offered_by_the_next_tactical_meeting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    init_demo(&db);
    let mut pty = Pty::spawn(
        &db,
        &["review", "--person", "Jonas Lindqvist"],
        &[],
        120,
        40,
    );
    pty.wait_for("Solo role review · Jonas Lindqvist");
    // The Circle Lead has no accountabilities of its own (5.0 §1.4): past it, and past the
    // Head Baker's role stop, to its first accountability.
    pty.send(RIGHT);
    pty.wait_for("stop 2 of");
    pty.send(RIGHT);
    pty.wait_for("Is there a next action or a project for it?");
    pty.send("n");
    enter(&mut pty, "Write down the rye recipe");
    pty.wait_for("✓ next action for Head Baker: Write down the rye recipe");
    // On to the tensions stop: it is the one before the summary.
    for _ in 0..40 {
        pty.send(RIGHT);
    }
    pty.wait_for("What changed: 1");
    pty.send("\x1b[D");
    pty.wait_for("t tactical");
    pty.send("t");
    pty.wait_for("For which circle's next tactical meeting?");
    pty.send(DOWN);
    pty.send(ENTER);
    enter(&mut pty, "Proofing room too cold");
    pty.wait_for("Noted: it is offered");
    pty.send(RIGHT);
    pty.send(ENTER);
    pty.send("y");
    pty.wait_for("Review finished: 2 changes saved.");
    pty.send("q");
    assert!(pty.wait_exit().success());
    drop(pty);

    let mut pty = meet(&db);
    pty.wait_for("Attendance");
    pty.send(ENTER);
    for _ in 0..4 {
        pty.send(">");
    }
    pty.wait_for("5. Agenda building");
    pty.send("T");
    pty.wait_for("Proofing room too cold (Jonas Lindqvist)");
    pty.send("\x1b");
    pty.send("q");
    pty.send("q");
    assert!(pty.wait_exit().success());
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM next_actions WHERE text = 'Write down the rye recipe'"
        ),
        1
    );
}

#[test]
fn a_paste_into_a_check_in_note_stays_text_and_the_meeting_runs_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    init_demo(&db);
    let mut pty = meet(&db);
    pty.wait_for("Attendance");
    pty.send(ENTER);
    pty.wait_for("1. Check-in round");
    assert!(
        pty.bracketed_paste(),
        "bracketed paste is on in the full screen"
    );
    pty.send(ENTER);
    // Without bracketed paste this was Enter after "Tired", then `e` (end?) and `y` (yes). A
    // note may span lines: the paste's line break is kept as text.
    pty.paste("Tired\nyes, ready");
    pty.wait_for("new line");
    pty.wait_for("yes, ready");
    pty.send(ENTER);
    pty.wait_for("Jonas Lindqvist  “Tired yes, ready”");
    // A 100 KB paste into the next speaker's note lands at once, shortened to the limit.
    pty.send(RIGHT);
    pty.send(ENTER);
    let big = "Ovens ran hot all week.\n".repeat(100 * 1024 / 24 + 1);
    let started = std::time::Instant::now();
    pty.paste(&big);
    pty.wait_for("Paste shortened to the field's limit of 2000 characters");
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(3), "took {took:?}");
    pty.send(ENTER);
    pty.wait_for("1. Check-in round");
    pty.send("\x03");
    assert!(pty.wait_exit().success());
    assert_eq!(
        count(&db, "SELECT count(*) FROM meetings WHERE ended_at IS NULL"),
        1,
        "the meeting is still open"
    );
    let notes = |text: &str| {
        count(
            &db,
            &format!("SELECT count(*) FROM meeting_events WHERE payload LIKE '%{text}%'"),
        )
    };
    assert_eq!(notes("\"Tired\\nyes, ready\""), 1, "the whole pasted note");
    assert_eq!(
        notes("Ovens ran hot all week.\\nOvens ran hot"),
        1,
        "the long note, its lines kept"
    );
}
