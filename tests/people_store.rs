//! The organisation's own log in the store: each change written with its effects in one
//! transaction, there after a reload, taken back by undo, append-only, and as of a date.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use roundtable::app::{org_entries, setup};
use roundtable::domain::org_log::{OrgChange, OrgRequest};
use roundtable::domain::{Organisation, PersonId};
use roundtable::store::Store;
use roundtable::store::prelude::*;
use rusqlite::Connection;

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, 10, 0, 0)
        .single()
        .expect("a time")
}

fn load(store: &Store) -> Organisation {
    store
        .load_organisation()
        .expect("load")
        .expect("an organisation")
}

/// Records a request against the organisation as the store holds it now.
fn record(
    store: &mut Store,
    request: OrgRequest,
    actor: Option<&str>,
    at: DateTime<Utc>,
) -> String {
    let org = load(store);
    let actor: Option<PersonId> = actor.map(|a| org_entries::person(&org, a).expect("actor"));
    org_entries::record(store, &org, &request, actor, at)
        .expect("recorded")
        .said
}

fn demo_file() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    let mut store = Store::open(&path).expect("store");
    setup::load_demo(&mut store).expect("demo");
    (dir, path, store)
}

#[test]
fn an_assignment_by_the_circle_lead_is_there_after_reopening_with_its_start_and_actor() {
    let (_dir, path, mut store) = demo_file();
    let org = load(&store);
    let pastry = org_entries::role(&org, "Pastry Lead", None)
        .expect("role")
        .id;
    let ravi = org_entries::person(&org, "Ravi Patel").expect("person");
    let said = record(
        &mut store,
        OrgRequest::Assign {
            role: pastry,
            person: ravi,
            focus: Some("Croissants".into()),
        },
        Some("Jonas Lindqvist"),
        day(1),
    );
    assert_eq!(
        said,
        "Jonas Lindqvist, as Circle Lead of Bakehouse, assigned Ravi Patel to Pastry Lead (focus: Croissants)"
    );
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let org = load(&store);
    let ravis: Vec<_> = org
        .fillers_of(pastry)
        .filter(|a| a.person == ravi)
        .collect();
    assert_eq!(ravis.len(), 1);
    assert_eq!(ravis[0].focus.as_deref(), Some("Croissants"));
    assert_eq!(ravis[0].since, Some(day(1)));
    let entry = org.log_of(pastry).next().expect("in the role's history");
    assert_eq!(
        entry.actor,
        org_entries::person(&org, "Jonas Lindqvist").ok()
    );
    assert_eq!(entry.at, day(1));
}

#[test]
fn undo_restores_what_the_entry_changed_and_the_log_keeps_both() {
    let (_dir, path, mut store) = demo_file();
    let before = load(&store);
    let mei = org_entries::person(&before, "Mei Chen").expect("person");
    let held = before.assignments_of(mei).count();
    assert!(held > 0);
    record(
        &mut store,
        OrgRequest::PersonLeaves { person: mei },
        None,
        day(2),
    );
    let gone = load(&store);
    assert_eq!(gone.assignments_of(mei).count(), 0);
    assert!(!gone.person(mei).expect("kept").is_current());
    assert_eq!(gone.current_people().count(), before.people().len() - 1);
    let said = record(&mut store, OrgRequest::Undo, None, day(3));
    assert!(said.starts_with("Took back: Mei Chen left"), "{said}");
    let back = load(&store);
    assert_eq!(back.assignments_of(mei).count(), held);
    assert!(back.person(mei).expect("kept").is_current());
    // The adoption, the leaving, and the taking back.
    assert_eq!(back.log().len(), 3);
    assert!(matches!(back.log()[0].change, OrgChange::Adopted { .. }));
    assert!(matches!(back.log()[2].change, OrgChange::Undone { seq: 2 }));
    // The log is append-only.
    let conn = Connection::open(&path).expect("inspect");
    assert!(conn.execute("DELETE FROM org_log", []).is_err());
    assert!(
        conn.execute("UPDATE org_log SET payload = '{}'", [])
            .is_err()
    );
}

#[test]
fn taking_back_an_added_person_and_an_assignment_removes_their_rows() {
    let mut store = Store::open_in_memory().expect("store");
    setup::load_demo(&mut store).expect("demo");
    let people = load(&store).people().len();
    record(
        &mut store,
        OrgRequest::AddPerson {
            name: "Zoe Park".into(),
            email: None,
        },
        None,
        day(1),
    );
    let org = load(&store);
    let zoe = org_entries::person(&org, "zoe park").expect("added");
    let baker = org_entries::role(&org, "Delivery Rider", None)
        .expect("role")
        .id;
    record(
        &mut store,
        OrgRequest::Assign {
            role: baker,
            person: zoe,
            focus: None,
        },
        Some("Hannah Becker"),
        day(1),
    );
    assert!(load(&store).fillers_of(baker).any(|a| a.person == zoe));
    record(&mut store, OrgRequest::Undo, None, day(2));
    assert!(!load(&store).fillers_of(baker).any(|a| a.person == zoe));
    record(&mut store, OrgRequest::Undo, None, day(2));
    assert_eq!(load(&store).people().len(), people);
    let org = load(&store);
    let refused = org_entries::record(&mut store, &org, &OrgRequest::Undo, None, day(3));
    assert_eq!(refused, Err("there is nothing to take back".into()));
}

#[test]
fn a_refused_change_writes_nothing() {
    let mut store = Store::open_in_memory().expect("store");
    setup::load_demo(&mut store).expect("demo");
    let org = load(&store);
    let facilitator = org_entries::role(&org, "Facilitator", Some("Bakehouse"))
        .expect("role")
        .id;
    let ravi = org_entries::person(&org, "Ravi Patel").expect("person");
    let jonas = org_entries::person(&org, "Jonas Lindqvist").ok();
    let request = OrgRequest::Assign {
        role: facilitator,
        person: ravi,
        focus: None,
    };
    let refused = org_entries::record(&mut store, &org, &request, jonas, day(1));
    assert!(refused.is_err_and(|e| e.contains("5.0 §5.1.1, §5.1.2")));
    assert_eq!(load(&store).log().len(), 1, "the adoption alone");
}

#[test]
fn as_of_a_date_shows_an_ended_assignment_on_its_days_only() {
    let mut store = Store::open_in_memory().expect("store");
    setup::load_demo(&mut store).expect("demo");
    let org = load(&store);
    let rider = org_entries::role(&org, "Delivery Rider", None).expect("role");
    let daniel = org_entries::person(&org, "Daniel Osei").expect("person");
    let assignment = org_entries::assignment(&org, rider, daniel).expect("fills it");
    let rider = rider.id;
    record(
        &mut store,
        OrgRequest::EndAssignment { assignment },
        Some("Hannah Becker"),
        day(5),
    );
    let org = load(&store);
    let on = |d| org.as_of(NaiveDate::from_ymd_opt(2026, 12, d).expect("date"));
    assert!(on(4).fillers_of(rider).any(|a| a.person == daniel));
    assert!(!on(5).fillers_of(rider).any(|a| a.person == daniel));
    assert!(!org.fillers_of(rider).any(|a| a.person == daniel));
    assert!(
        org.ended_fillers_of(rider)
            .any(|a| a.person == daniel && a.until == Some(day(5)))
    );
}
