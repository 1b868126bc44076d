//! `roundtable db copy`: an organisation with meetings ended and open, reviews and who
//! recorded each entry, copied from a file into PostgreSQL and from there into a new file,
//! reads the same in all three: the governance record and every meeting's minutes, in every
//! export format, byte for byte. Refusals leave nothing behind.

mod common;

use assert_cmd::Command;
use common::Harness;
use common::pg::PgDb;
use predicates::prelude::*;
use ratatui::crossterm::event::KeyCode::Char;
use roundtable::export::org::{OrgFormat, render};
use roundtable::export::{self, Format};
use roundtable::store::Store;
use roundtable::store::prelude::*;
use std::path::Path;

fn roundtable() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_roundtable"));
    cmd.env_remove("ROUNDTABLE_DB")
        .env_remove("ROUNDTABLE_LOG")
        .env_remove("ROUNDTABLE_AS");
    cmd
}

/// Everything a person reads of a store, and who recorded each entry: one text to compare.
fn everything(store: &dyn Backend) -> String {
    let org = store
        .load_organisation()
        .expect("load")
        .expect("an organisation");
    let mut out = String::new();
    for format in [OrgFormat::Toml, OrgFormat::Markdown, OrgFormat::Json] {
        out += &render(&org, &[], format).expect("renders");
    }
    let now = chrono::DateTime::UNIX_EPOCH.fixed_offset();
    for row in store.meetings().expect("meetings") {
        let minutes = roundtable::app::minutes::load(store, row.id).expect("minutes");
        for format in Format::ALL {
            out += &export::minutes(&minutes, format, now);
        }
        out += &format!("{:?}\n", store.actors_after(row.id, 0).expect("actors"));
    }
    // The list of past meetings counts them as the store keeps the count.
    let mut counts = store.meeting_counts().expect("counts");
    counts.sort_by_key(|(kind, _)| kind.id());
    out += &format!(
        "{counts:?} of {}\n",
        store.meetings().expect("meetings").len()
    );
    out
}

/// The golden database of an earlier version, with a meeting added by a named facilitator.
fn golden_with_a_named_entry(path: &Path) {
    let golden = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/0.1.0-3813263/roundtable.db"
    );
    std::fs::copy(golden, path).expect("copy the golden database");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("private");
    let mut h = Harness::with_backend(Store::open(path).expect("opens"));
    h.app.set_actor(Some("Kwame Mensah")).expect("a name");
    h.start_tactical(1, &[]).press(Char('>'));
}

#[test]
fn an_organisation_copied_to_postgres_and_back_reads_the_same() {
    let Some(pg) = PgDb::new() else { return };
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    golden_with_a_named_entry(&a);
    roundtable()
        .arg("--db")
        .arg(&a)
        .args(["db", "copy", "--to", &pg.address()])
        .assert()
        .success()
        .stdout(predicate::str::contains("read the same in both"));
    roundtable()
        .args(["db", "copy", &pg.address()])
        .arg(&b)
        .assert()
        .success();
    let source = Store::open(&a).expect("a");
    assert!(
        source.meetings().expect("meetings").len() >= 4,
        "meetings to compare"
    );
    let original = everything(&source);
    assert!(
        original.contains("Kwame Mensah"),
        "the named entry is there"
    );
    let on_postgres = everything(&pg.store());
    assert!(on_postgres == original, "PostgreSQL reads as the file did");
    let back = everything(&Store::open(&b).expect("b"));
    assert!(
        back == original,
        "the file copied back reads as the original"
    );

    // New rows on the copy get new ids, not the copied ones.
    let mut copy = pg.store();
    let org = copy.load_organisation().expect("load").expect("org");
    let circle = org.circles_depth_first().first().expect("a circle").0.id;
    let before = copy.meetings().expect("meetings");
    let largest = before
        .iter()
        .map(|m| m.id.0)
        .max()
        .expect("meetings copied");
    let started = copy
        .start_meeting(
            circle,
            roundtable::domain::meeting::MeetingKind::Governance,
            chrono::Utc::now(),
            &"started",
        )
        .expect("a new meeting");
    assert!(started.0 > largest, "ids continue after the copied ones");

    roundtable()
        .args(["db", "copy", &pg.address()])
        .arg(&b)
        .assert()
        .failure()
        .stderr(predicate::str::contains("already holds the organisation"));
}

#[test]
fn a_copy_refused_leaves_no_new_file() {
    let dir = tempfile::tempdir().expect("dir");
    let (empty, to) = (dir.path().join("empty.db"), dir.path().join("to.db"));
    drop(Store::open(&empty).expect("an empty database"));
    roundtable()
        .args(["db", "copy"])
        .arg(&empty)
        .arg(&to)
        .assert()
        .failure()
        .stderr(predicate::str::contains("holds no organisation to copy"));
    assert!(!to.exists(), "no file left behind");
    roundtable()
        .args(["db", "copy"])
        .arg(&empty)
        .assert()
        .failure()
        .stderr(predicate::str::contains("say where to copy"));
}

/// Own work copied into PostgreSQL is indexed there as it was in the file, and migration 023
/// indexes it alike on a PostgreSQL database from before it, row for row.
#[test]
fn own_work_copied_to_postgres_is_indexed_as_its_migration_indexes_it() {
    let Some(pg) = PgDb::new() else { return };
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("generated.db");
    let sizes = roundtable::app::generate::Sizes {
        circles: 12,
        roles: 120,
        people: 40,
        meetings: 500,
        entries: 8_000,
        years: 2,
        seed: 5,
    };
    let mut store = Store::open(&file).expect("store");
    roundtable::app::generate::generate(&mut store, &sizes).expect("generated");
    drop(store);
    roundtable()
        .arg("--db")
        .arg(&file)
        .args(["db", "copy", "--to", &pg.address()])
        .assert()
        .success();
    let target = pg.target();
    let count = |sql: &str| common::pg::admin_count(&target, sql);
    let indexed = count("SELECT count(*) FROM work_index");
    assert!(
        indexed > 50 && count("SELECT count(*) FROM work_index WHERE circle_id IS NOT NULL") > 0,
        "own work to index: {indexed} entries"
    );
    common::pg::admin_run(
        &target,
        "CREATE TABLE work_written AS SELECT * FROM work_index; DROP TABLE work_index;
         UPDATE roundtable_schema SET version = 22",
    )
    .expect("as 022 left it");
    drop(pg.store());
    let differ =
        "SELECT count(*) FROM ((SELECT * FROM work_index EXCEPT SELECT * FROM work_written)
         UNION ALL (SELECT * FROM work_written EXCEPT SELECT * FROM work_index)) d";
    assert_eq!(
        count(differ),
        0,
        "the migration indexes each entry as it was written"
    );
    assert_eq!(count("SELECT count(*) FROM work_index"), indexed);
    common::pg::admin_run(&target, "DROP TABLE work_written").expect("dropped");
}
