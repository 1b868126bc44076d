//! `roundtable generate`: a small generated organisation opens like any other, its meetings'
//! minutes export, and the same sizes and seed write the same database.

mod common;

use roundtable::app::generate::{Sizes, generate};
use roundtable::app::minutes;
use roundtable::domain::MeetingId;
use roundtable::domain::meeting::MeetingKind;
use roundtable::export::{self, Format};
use roundtable::store::Store;
use roundtable::store::prelude::*;

fn small(seed: u64) -> Sizes {
    Sizes {
        circles: 12,
        roles: 120,
        people: 40,
        meetings: 150,
        entries: 3_000,
        years: 2,
        seed,
    }
}

fn generated(dir: &std::path::Path, sizes: &Sizes) -> Store {
    let mut store = Store::open(&dir.join("rt.db")).expect("store");
    let made = generate(&mut store, sizes).expect("generate");
    assert_eq!(
        made.counts.refused, 0,
        "every generated entry keeps the rules"
    );
    assert_eq!(made.circles, 12);
    assert_eq!(made.roles, 120);
    store
}

/// Columns the database fills with the moment a row was written, not with what it says.
const WRITE_CLOCK: [&str; 3] = ["created_at", "recorded_at", "saved_at"];

/// Every row of every table, as text, in order: the database's contents (but for when each
/// row was written).
fn contents(path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).expect("open");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let mut rows = Vec::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
            .or_else(|_| conn.prepare(&format!("SELECT * FROM \"{table}\"")))
            .expect("select");
        let kept: Vec<usize> = (0..stmt.column_count())
            .filter(|&i| !WRITE_CLOCK.contains(&stmt.column_name(i).unwrap_or("")))
            .collect();
        let mut query = stmt.query([]).expect("query");
        while let Some(row) = query.next().expect("row") {
            let values: Vec<String> = kept
                .iter()
                .map(|&i| format!("{:?}", row.get_ref(i).expect("value")))
                .collect();
            rows.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    rows
}

#[test]
fn a_generated_organisation_opens_with_its_meetings_and_their_minutes_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = generated(dir.path(), &small(3));
    let org = store.load_organisation().expect("load").expect("org");
    // Nested several levels deep: some circle's parent has a parent.
    let deep = org.records().circles.iter().any(|c| {
        c.parent
            .and_then(|p| org.circle(p))
            .is_some_and(|p| p.parent.is_some())
    });
    assert!(deep, "circles are nested below sub-circles");
    let meetings = store.meetings().expect("meetings");
    let held = meetings.len();
    assert!(
        meetings.iter().all(|m| m.ended_at.is_some()),
        "every meeting ended"
    );
    for kind in [MeetingKind::Tactical, MeetingKind::Governance] {
        let meeting = meetings.iter().find(|m| m.kind == kind).expect("a meeting");
        let minutes = minutes::load(&store, meeting.id).expect("minutes");
        for format in Format::ALL {
            let text = export::minutes(&minutes, format, chrono::Utc::now().fixed_offset());
            let circle = org.circle(meeting.circle).expect("circle").name.clone();
            assert!(text.contains(&circle), "{format:?} minutes name the circle");
        }
    }
    assert!(minutes::load(&store, MeetingId(i64::MAX)).is_err());

    let mut harness = common::Harness::with_backend(store);
    let screen = harness.screen(80, 24);
    assert!(
        screen.contains("Lakeside Cooperative"),
        "home shows it:\n{screen}"
    );
    harness.press(ratatui::crossterm::event::KeyCode::Char('p'));
    let screen = harness.screen(80, 24);
    let listed = format!("{held} of {held} meetings");
    assert!(
        screen.contains(&listed),
        "past meetings list them:\n{screen}"
    );
}

#[test]
fn the_same_seed_writes_the_same_database_and_another_seed_another() {
    let (a, b, c) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
        tempfile::tempdir().expect("c"),
    );
    drop(generated(a.path(), &small(5)));
    drop(generated(b.path(), &small(5)));
    drop(generated(c.path(), &small(6)));
    let first = contents(&a.path().join("rt.db"));
    assert!(first.len() > 3_000, "the entries and the records are there");
    assert_eq!(first, contents(&b.path().join("rt.db")));
    assert_ne!(first, contents(&c.path().join("rt.db")));
}

#[test]
fn generating_into_a_database_that_holds_an_organisation_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = generated(dir.path(), &small(1));
    let before = store.meetings().expect("meetings").len();
    let err = generate(&mut store, &small(2)).expect_err("refused");
    assert!(err.to_string().contains("already holds"), "{err}");
    assert_eq!(store.meetings().expect("meetings").len(), before);
}

/// The generator's people keep their own work between meetings ("My work"), each entry
/// written with the index it is read by; migration 023 indexes the entries of a file from
/// before it alike, row for row.
#[test]
fn generated_own_work_is_indexed_as_migration_023_indexes_an_older_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sizes = Sizes {
        meetings: 500,
        entries: 8_000,
        ..small(5)
    };
    let store = generated(dir.path(), &sizes);
    let org = store.load_whole_organisation().expect("load").expect("org");
    let kinds: std::collections::BTreeSet<String> = (org.records().work.iter())
        .map(|n| {
            format!("{:?}", n.entry)
                .split(' ')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert!(
        kinds.len() >= 5 && org.records().work.iter().any(|n| n.taken_back.is_some()),
        "entries of every kind, one taken back: {kinds:?}"
    );
    drop(store);
    let path = dir.path().join("rt.db");
    let index = |path: &std::path::Path| -> Vec<(i64, i64, Option<i64>, Option<i64>)> {
        let conn = rusqlite::Connection::open(path).expect("open");
        let mut stmt = conn
            .prepare("SELECT log_id, seq, role_id, circle_id FROM work_index ORDER BY log_id, seq")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    let written = index(&path);
    assert!(written.iter().any(|w| w.2.is_some()) && written.iter().any(|w| w.3.is_some()));
    rusqlite::Connection::open(&path)
        .expect("open")
        .execute_batch("DROP TABLE work_index; PRAGMA user_version = 22;")
        .expect("as 022 left it");
    let migrated = Store::open(&path).expect("migrates");
    drop(migrated);
    assert_eq!(index(&path), written);
}
