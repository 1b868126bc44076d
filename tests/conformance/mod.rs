//! The store conformance suite: what every backend must do alike. Each check takes the
//! backend under test (a fresh, empty database) and, where it needs them, more connections
//! to the same database; `tests/store_conformance.rs` runs every check on SQLite and on
//! PostgreSQL. Where a result can be compared, it is compared with an in-memory SQLite
//! store given the same calls (the reference), so "alike" means equal, not merely similar.
//!
//! This module holds what the checks share (the demo, the reference, the organisation as
//! text to compare); the checks are in a file each by what they own: `organisation`
//! (importing and creating one), `meetings` (meeting logs, who made an entry, drafts, open
//! meetings), `effects` (every effect written and undone as SQLite does), `programs` (two
//! programs on one database), `org_log` and `reports`.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use roundtable::app::setup;
use roundtable::domain::meeting::governance::Change;
use roundtable::domain::meeting::{Effect, MeetingKind};
use roundtable::domain::*;
use roundtable::store::prelude::*;
use roundtable::store::{LogOwner, Store, StoreError};

mod effects;
mod meeting_list;
mod meetings;
mod org_log;
mod organisation;
mod programs;
mod reports;
pub use effects::*;
pub use meeting_list::*;
pub use meetings::*;
pub use org_log::*;
pub use organisation::*;
pub use programs::*;
pub use reports::*;

/// A backend that another thread can use.
pub type Open = dyn Fn() -> Box<dyn Backend + Send>;

/// A moment with microseconds, which every backend keeps exactly.
fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("a time")
        + Duration::minutes(minute)
        + Duration::microseconds(123_457)
}

fn demo(store: &mut dyn Backend) -> Organisation {
    setup::load_demo(&mut *store).expect("demo loads");
    store
        .load_organisation()
        .expect("load")
        .expect("an organisation")
}

fn reference() -> Store {
    let mut store = Store::open_in_memory().expect("reference");
    setup::load_demo(&mut store).expect("reference demo");
    store
}

/// Everything loaded, every role's reports with it, as text: equal text is an equal
/// organisation. The adoption entry's time is the wall clock of the import, so it is left out.
fn records(store: &dyn Backend) -> String {
    let org = store.load_whole_organisation().expect("load").expect("org");
    let mut r = org.records().clone();
    for e in &mut r.log {
        if matches!(
            e.change,
            roundtable::domain::org_log::OrgChange::Adopted { .. }
        ) {
            e.at = DateTime::UNIX_EPOCH;
        }
    }
    format!("{r:#?}")
}

/// `records` with the log left out, as the checks that take entries back compare them.
fn records_without_log(store: &dyn Backend) -> String {
    let org = store.load_whole_organisation().expect("load").expect("org");
    let mut r = org.records().clone();
    r.log.clear();
    format!("{:#?}", Organisation::new(r).records())
}

/// The latest entry of the organisation's log: the adoption, after an import.
fn latest(store: &dyn Backend) -> u64 {
    store
        .org_entries()
        .expect("entries")
        .last()
        .map_or(0, |e| e.seq)
}

/// Fails with the first lines where two loaded organisations differ.
fn assert_same(found: &str, expected: &str, what: &str) {
    if found == expected {
        return;
    }
    let (a, b): (Vec<_>, Vec<_>) = (found.lines().collect(), expected.lines().collect());
    let first = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = first.saturating_sub(12);
    panic!(
        "{what}: differs from line {first}\nfound:\n{}\nexpected:\n{}",
        a[from..(first + 6).min(a.len())].join("\n"),
        b[from..(first + 6).min(b.len())].join("\n")
    );
}

fn bakehouse(org: &Organisation) -> CircleId {
    org.circle_named("Bakehouse").expect("Bakehouse").id
}

fn role_named(org: &Organisation, circle: CircleId, name: &str) -> RoleId {
    org.roles_in(circle)
        .find(|r| r.name == name)
        .expect("role")
        .id
}

fn person_named(org: &Organisation, name: &str) -> PersonId {
    org.people()
        .iter()
        .find(|p| p.name == name)
        .expect("person")
        .id
}

/// Appends `effect` as entry 2 of a new meeting; answers the meeting.
fn record(store: &mut dyn Backend, circle: CircleId, n: i64, effect: &Effect) -> MeetingId {
    let m = store
        .start_meeting(circle, MeetingKind::Tactical, at(n), &"started")
        .expect("start");
    let written = store
        .append_entry(m, 1, at(n), &"entry", std::slice::from_ref(effect))
        .unwrap_or_else(|e| panic!("{effect:?}: {e}"));
    assert_eq!(written.seq, 2);
    m
}
