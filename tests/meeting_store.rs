//! Meeting logs in the store: append-only, effects in the event's own transaction, undo of
//! exactly one entry's effects, open meetings, and the upgrade from the first schema.

use chrono::{DateTime, TimeZone, Utc};
use roundtable::app::setup;
use roundtable::domain::meeting::flow::Recorded;
use roundtable::domain::meeting::{Effect, MeetingKind};
use roundtable::domain::*;
use roundtable::store::Store;
use roundtable::store::prelude::*;
use rusqlite::Connection;

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0)
        .single()
        .expect("a time")
}

fn demo() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    let mut store = Store::open(&path).expect("open");
    setup::load_demo(&mut store).expect("demo");
    (dir, path, store)
}

fn bakehouse(store: &Store) -> (Organisation, CircleId) {
    let org = store.load_whole_organisation().expect("load").expect("org");
    let id = org.circle_named("Bakehouse").expect("Bakehouse").id;
    (org, id)
}

#[test]
fn a_database_of_the_first_schema_is_upgraded_with_its_organisation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    {
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch(include_str!("../src/store/migrations/001_organisation.sql"))
            .expect("schema 1");
        conn.execute_batch(
            "INSERT INTO organisation (id, name, rule_set) VALUES (1, 'Old Co', 'holacracy-5.0');
             INSERT INTO circles (name) VALUES ('Old Co');
             PRAGMA application_id = 1381253708; PRAGMA user_version = 1;",
        )
        .expect("old data");
    }
    // Roundtable always created its file 0600.
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("chmod 600");
    let store = Store::open(&path).expect("upgrades");
    assert_eq!(
        store.schema_version().expect("version"),
        roundtable::store::latest_schema()
    );
    let org = store.load_whole_organisation().expect("load").expect("org");
    assert_eq!(org.name(), "Old Co");
    assert!(store.open_meetings().expect("meetings").is_empty());
}

#[test]
fn effects_are_written_with_their_event_and_undone_with_its_retraction() {
    let (_dir, _path, mut store) = demo();
    let (org, circle) = bakehouse(&store);
    let role = org
        .roles_in(circle)
        .find(|r| r.name == "Head Baker")
        .expect("role")
        .id;
    let jonas = org
        .people()
        .iter()
        .find(|p| p.name == "Jonas Lindqvist")
        .expect("Jonas")
        .id;
    let meeting = store
        .start_meeting(circle, MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    let create = Effect::CreateNextAction {
        role: Some(role),
        person: jonas,
        text: "Order rye".into(),
    };
    let seq = store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(5),
            &"output",
            &[create],
        )
        .expect("append");
    assert_eq!(seq, 2);
    let count = |store: &Store| {
        let org = store.load_whole_organisation().expect("load").expect("org");
        org.next_actions_of(role)
            .filter(|a| a.text == "Order rye")
            .count()
    };
    assert_eq!(count(&store), 1);
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(6),
            &"retracted",
            &[Effect::Undo { seq }],
        )
        .expect("undo");
    assert_eq!(count(&store), 0);
    let log: Vec<Recorded<String>> = store.meeting_events(meeting).expect("log");
    let payloads: Vec<_> = log.iter().map(|r| (r.seq, r.event.as_str())).collect();
    assert_eq!(
        payloads,
        [(1, "started"), (2, "output"), (3, "retracted")],
        "the log keeps all three"
    );
}

#[test]
fn undoing_a_project_update_restores_its_status() {
    let (_dir, _path, mut store) = demo();
    let (org, circle) = bakehouse(&store);
    let project = org
        .records()
        .projects
        .iter()
        .find(|p| p.title == "Rye sourdough line launched")
        .expect("p")
        .id;
    let meeting = store
        .start_meeting(circle, MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    let update = Effect::UpdateProject {
        project,
        update: Some("Launched".into()),
        status: ProjectStatus::Done,
    };
    let seq = store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(1),
            &"update",
            &[update],
        )
        .expect("append");
    let status = |store: &Store| {
        store
            .load_whole_organisation()
            .expect("load")
            .expect("org")
            .project(project)
            .map(|p| p.status)
    };
    assert_eq!(status(&store), Some(ProjectStatus::Done));
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(2),
            &"retracted",
            &[Effect::Undo { seq }],
        )
        .expect("undo");
    assert_eq!(status(&store), Some(ProjectStatus::Current));
}

#[test]
fn a_tension_taken_onto_the_agenda_is_processed_and_reopened_by_a_retraction() {
    let (_dir, _path, mut store) = demo();
    let (org, circle) = bakehouse(&store);
    let tension = org.tensions_in(circle).next().expect("a tension").id;
    let meeting = store
        .start_meeting(circle, MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    let seq = store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(1),
            &"item",
            &[Effect::ProcessTension { tension }],
        )
        .expect("append");
    let open = |store: &Store| {
        let org = store.load_whole_organisation().expect("load").expect("org");
        org.tensions_in(circle)
            .find(|t| t.id == tension)
            .map(|t| t.open)
    };
    assert_eq!(open(&store), Some(false));
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(2),
            &"retracted",
            &[Effect::Undo { seq }],
        )
        .expect("undo");
    assert_eq!(open(&store), Some(true));
}

#[test]
fn an_effect_that_fails_takes_its_event_with_it() {
    let (_dir, _path, mut store) = demo();
    let (_, circle) = bakehouse(&store);
    let meeting = store
        .start_meeting(circle, MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    let bad = Effect::RecordMetric {
        metric: MetricId(9999),
        period: at(0).date_naive(),
        value: 1.0,
        comment: None,
    };
    assert!(
        store
            .append_event(
                meeting,
                store.last_seq(meeting).expect("last seq"),
                at(1),
                &"report",
                &[bad]
            )
            .is_err()
    );
    let log: Vec<Recorded<String>> = store.meeting_events(meeting).expect("log");
    assert_eq!(log.len(), 1, "the failed event was not written");
}

#[test]
fn the_event_log_cannot_be_edited_or_deleted() {
    let (_dir, path, mut store) = demo();
    let (_, circle) = bakehouse(&store);
    store
        .start_meeting(circle, MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    drop(store);
    let conn = Connection::open(&path).expect("open");
    let update = conn.execute("UPDATE meeting_events SET payload = '\"forged\"'", []);
    assert!(update.is_err_and(|e| e.to_string().contains("append-only")));
    assert!(conn.execute("DELETE FROM meeting_events", []).is_err());
}

#[test]
fn an_ended_meeting_is_no_longer_open() {
    let (_dir, _path, mut store) = demo();
    let (_, circle) = bakehouse(&store);
    let meeting = store
        .start_meeting(circle, MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    assert_eq!(
        store
            .open_meeting(circle, MeetingKind::Tactical)
            .expect("query"),
        Some(meeting)
    );
    assert_eq!(
        store
            .open_meeting(circle, MeetingKind::Governance)
            .expect("query"),
        None
    );
    assert_eq!(store.open_meetings().expect("list").len(), 1);
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(30),
            &"ended",
            &[Effect::EndMeeting],
        )
        .expect("end");
    assert_eq!(
        store
            .open_meeting(circle, MeetingKind::Tactical)
            .expect("query"),
        None
    );
}

#[test]
fn an_append_decided_on_an_older_log_is_a_conflict_and_writes_nothing() {
    let (_dir, path, mut store) = demo();
    let (org, circle) = bakehouse(&store);
    let item = org
        .roles_in(circle)
        .flat_map(|r| org.checklist_of(r.id))
        .next()
        .expect("a checklist item")
        .id;
    let meeting = store
        .start_meeting(circle, MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    let answer = Effect::AnswerChecklist {
        item,
        period: at(0).date_naive(),
        checked: true,
    };
    // A second program on the same file appends first.
    let mut other = Store::open(&path).expect("second program");
    assert_eq!(
        other
            .append_event(meeting, 1, at(1), &"answer", std::slice::from_ref(&answer))
            .expect("first append"),
        2
    );
    let stale = store.append_event(meeting, 1, at(1), &"answer", &[answer]);
    assert!(
        matches!(
            stale,
            Err(roundtable::store::StoreError::Conflict {
                expected: 1,
                latest: 2
            })
        ),
        "a decision made on entry 1 is refused once entry 2 exists: {stale:?}"
    );
    let answers: i64 = Connection::open(&path)
        .expect("open")
        .query_row("SELECT count(*) FROM checklist_answers", [], |r| r.get(0))
        .expect("count");
    assert_eq!(answers, 1, "the conflicting append wrote no effect");
    assert_eq!(store.last_seq(meeting).expect("last"), 2);
}

#[test]
fn a_new_meeting_kind_needs_no_table_rebuild_and_this_version_passes_over_it() {
    let (_dir, path, store) = demo();
    let (_, circle) = bakehouse(&store);
    let conn = Connection::open(&path).expect("open");
    conn.execute(
        "INSERT INTO meetings (circle_id, kind, started_at) VALUES (?1, 'retrospective', '2026-11-24T09:00:00Z')",
        [circle.0],
    )
    .expect("the schema takes a kind it does not list (the program checks kinds)");
    assert!(
        conn.execute(
            "INSERT INTO meetings (circle_id, person_id, kind, started_at) VALUES (?1, 1, 'tactical', '2026-11-24T09:00:00Z')",
            [circle.0],
        )
        .is_err(),
        "a meeting belongs to a circle or to a person, never both"
    );
    assert!(
        store.meetings().expect("list").is_empty(),
        "a kind this version does not know is passed over, not an error"
    );
    use roundtable::domain::meeting_list::Look;
    let page = store.meeting_page(Look::Newest, None, 1).expect("a page");
    assert!(page.rows.is_empty(), "passed over in the list too");
    assert!(page.next.is_some(), "the list reads on below it");
    let below = store
        .meeting_page(Look::Newest, page.next, 1)
        .expect("a page");
    assert_eq!((below.rows.len(), below.next), (0, None));
    assert!(
        store.meeting_counts().expect("counts").is_empty(),
        "and not counted"
    );
    assert!(store.open_meetings().expect("open list").is_empty());
}
