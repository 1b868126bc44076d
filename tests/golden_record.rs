//! Records a NEW set of golden fixtures with the code as it is now: whole meetings driven
//! through the headless app, their stored logs, a small database, and what this version makes
//! of them. Ignored by default; run it only to add a set (tests/golden/README.md says how).
//! It refuses to touch a set that exists: old fixtures are never recorded again.

mod common;
#[path = "common/golden.rs"]
mod golden;
#[path = "golden_record/scripts.rs"]
mod scripts;

use common::Harness;
use golden::Row;
use roundtable::domain::MeetingId;
use roundtable::store::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

type Script = fn(&mut Harness) -> MeetingId;

#[test]
#[ignore = "records a new golden fixture set; see tests/golden/README.md"]
fn record_a_new_golden_fixture_set() {
    let name = std::env::var("GOLDEN_SET")
        .expect("name the new set: GOLDEN_SET=<version>-<commit> (see tests/golden/README.md)");
    let set = golden::root().join(&name);
    assert!(
        !set.exists(),
        "{} exists: a recorded set is never recorded again",
        set.display()
    );
    fs::create_dir_all(&set).expect("create the set's folder");
    fs::write(set.join("org.toml"), roundtable::data::DEMO_ORG).expect("write org.toml");
    let org = golden::organisation(&set);
    fs::write(set.join("org-ids.txt"), golden::ids(&org)).expect("write org-ids.txt");
    let mut types = BTreeSet::new();
    let scripts: [(&str, Script); 3] = [
        ("tactical", scripts::tactical),
        ("governance", scripts::governance),
        ("review", scripts::review),
    ];
    for (kind, script) in scripts {
        let rows = record_log(&set, kind, script);
        types.extend(rows.iter().map(|r| format!("{kind}:{}", payload_type(r))));
    }
    record_database(&set);
    println!("recorded {} with event types {types:?}", set.display());
}

/// The `type` tag of a row's payload, with a nested proposal or election event's own tag.
fn payload_type(row: &Row) -> String {
    let value: serde_json::Value = serde_json::from_str(&row.payload).expect("JSON");
    let tag = |v: &serde_json::Value| v["type"].as_str().unwrap_or("?").to_string();
    match value.get("event") {
        Some(inner) => format!("{}/{}", tag(&value), tag(inner)),
        None => tag(&value),
    }
}

/// Runs `script` in a fresh demo database, writes its log as `<kind>.events.jsonl` and what
/// this version makes of it next to it.
fn record_log(set: &Path, kind: &str, script: Script) -> Vec<Row> {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("rt.db");
    let mut h = Harness::demo_file(&db);
    let id = script(&mut h);
    let shown = (kind != "review")
        .then(|| roundtable::app::minutes::load(h.app.store(), id).expect("minutes"));
    drop(h);
    let rows = stored_rows(&db, id);
    let text: String = rows.iter().map(|r| r.line() + "\n").collect();
    let fixture = set.join(format!("{kind}.events.jsonl"));
    fs::write(&fixture, text).expect("write the log");
    let read = golden::rows(&fixture);
    assert_eq!(read, rows, "the fixture reads back as written");
    let org = golden::organisation(set);
    let name = fixture.display().to_string();
    if kind == "review" {
        let summary = golden::review_summary(&name, &read, &org);
        fs::write(set.join("review.summary.txt"), summary).expect("write the summary");
        return rows;
    }
    let minutes = golden::minutes(&name, &read, &org);
    assert_eq!(
        Some(&minutes),
        shown.as_ref(),
        "the log folded against the organisation file gives the minutes the app showed"
    );
    for (ext, text) in golden::rendered(&minutes) {
        fs::write(set.join(format!("{kind}.minutes.{ext}")), text).expect("write minutes");
    }
    rows
}

/// The rows of meeting `id` as stored, text for text.
fn stored_rows(db: &Path, id: MeetingId) -> Vec<Row> {
    let conn = rusqlite::Connection::open(db).expect("open the recording");
    let mut stmt = conn
        .prepare("SELECT seq, at, payload FROM meeting_events WHERE meeting_id = ?1 ORDER BY seq")
        .expect("query");
    stmt.query_map([id.0], |r| {
        Ok(Row {
            meeting: id.0,
            seq: r.get::<_, i64>(0)?.try_into().expect("positive"),
            at: r.get(1)?,
            payload: r.get(2)?,
        })
    })
    .expect("rows")
    .collect::<rusqlite::Result<_>>()
    .expect("rows read")
}

/// One database holding an ended meeting of each kind and open ones mid-way, vacuumed into
/// `roundtable.db`, with the minutes and review summaries this version gives it.
fn record_database(set: &Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("rt.db");
    let mut h = Harness::demo_file(&db);
    let mut ended = Vec::new();
    for script in [scripts::tactical, scripts::governance, scripts::review] {
        ended.push(script(&mut h));
        h.press(ratatui::crossterm::event::KeyCode::Esc);
    }
    let open = [
        scripts::governance_open(&mut h),
        scripts::tactical_open(&mut h),
        scripts::review_open(&mut h),
    ];
    drop(h);
    let out = set.join("roundtable.db");
    let conn = rusqlite::Connection::open(&db).expect("open the recording");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    conn.execute("VACUUM INTO ?1", [out.display().to_string()])
        .expect("vacuum into the set");
    drop(conn);
    let size = fs::metadata(&out).expect("written").len();
    assert!(size < 512 * 1024, "the database is {size} bytes");
    let store = roundtable::store::Store::open_read_only(&out).expect("opens read-only");
    let org = store.load_organisation().expect("loads").expect("an org");
    for row in store.meetings().expect("meetings") {
        if row.ended_at.is_none() {
            continue;
        }
        let minutes = roundtable::app::minutes::load(&store, row.id).expect("minutes");
        for (ext, text) in golden::rendered(&minutes) {
            let name = format!("db-meeting-{}.minutes.{ext}", row.id.0);
            fs::write(set.join(name), text).expect("write minutes");
        }
    }
    for id in [ended[2], open[2]] {
        let log = store
            .meeting_events::<roundtable::domain::review::ReviewEvent>(id)
            .expect("the review's log");
        let review = roundtable::domain::review::Review::fold(&log).expect("folds");
        let name = format!("db-review-{}.summary.txt", id.0);
        fs::write(set.join(name), golden::summary(&review, &org)).expect("write summary");
    }
    println!("database: ended {ended:?}, open {open:?}, {size} bytes");
}
