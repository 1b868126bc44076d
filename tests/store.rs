//! The store on in-memory and temp-file databases: migrations, pragmas, permissions, import
//! round trips, rollback, and refusing files that are not ours.

mod common;

use common::damaged::{assert_refused_as_corrupt, damage_first_tables};
use roundtable::app::setup;
use roundtable::data;
use roundtable::domain::orgfile::{CircleEntry, FillerEntry, RoleEntry};
use roundtable::domain::{CoreRole, OrgFile, RuleSet};
use roundtable::store::prelude::*;
use roundtable::store::{Store, StoreError};
use rusqlite::Connection;
use std::path::Path;

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    setup::load_demo(&mut store).expect("demo");
    store
}

fn count(path: &Path, table: &str) -> i64 {
    let conn = Connection::open(path).expect("open for inspection");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

#[test]
fn a_new_database_is_migrated_to_the_latest_schema() {
    let store = Store::open_in_memory().expect("store");
    assert_eq!(
        store.schema_version().expect("version"),
        roundtable::store::latest_schema()
    );
    assert!(store.load_whole_organisation().expect("load").is_none());
}

#[test]
fn a_file_database_runs_in_wal_with_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    let _store = Store::open(&path).expect("open");
    let conn = Connection::open(&path).expect("second connection");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .expect("id");
    assert_ne!(app_id, 0, "the file is marked as Roundtable's");
}

/// Taking an entry back looks, in every table an entry can write to, for the rows it wrote,
/// started or ended (`store/effects.rs`, `store/governance.rs`): each of those looks goes by an
/// index, so a retraction costs the same after ten years of assignments, answers and values
/// as on the first day (issue 11; migrations 017 and 021).
#[test]
fn a_retraction_finds_what_its_entry_wrote_by_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    let _store = Store::open(&path).expect("open");
    let conn = Connection::open(&path).expect("second connection");
    let written = [
        "assignments",
        "update_requests",
        "project_updates",
        "checklist_answers",
        "metric_values",
        "next_actions",
        "projects",
        "tensions",
        "process_breakdowns",
        "cross_links",
        "role_versions",
        "policy_versions",
        "circle_versions",
    ];
    let mut looks: Vec<String> = written
        .iter()
        .map(|t| format!("DELETE FROM {t} WHERE meeting_id = ?1 AND event_seq = ?2"))
        .collect();
    for (table, meeting, seq) in [
        ("assignments", "ended_meeting_id", "ended_seq"),
        ("update_requests", "ended_meeting_id", "ended_seq"),
        ("tensions", "processed_meeting_id", "processed_seq"),
        ("next_actions", "done_meeting_id", "done_seq"),
    ] {
        looks.push(format!(
            "UPDATE {table} SET {meeting} = NULL WHERE {meeting} = ?1 AND {seq} = ?2"
        ));
    }
    for look in looks {
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {look}"))
            .and_then(|mut q| {
                q.query_map([1, 2], |r| r.get::<_, String>(3))?
                    .collect::<Result<_, _>>()
            })
            .expect("plan");
        assert!(
            plan.iter().all(|step| !step.starts_with("SCAN")),
            "{look} reads the whole table: {plan:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn the_database_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nested").join("deeper").join("rt.db");
    let _store = Store::open(&path).expect("open");
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().expect("parent")), 0o700);
    assert_eq!(mode(&dir.path().join("nested")), 0o700);
}

#[test]
fn reopening_a_database_keeps_the_organisation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    {
        let mut store = Store::open(&path).expect("open");
        setup::load_demo(&mut store).expect("demo");
    }
    let store = Store::open(&path).expect("reopen");
    let org = store
        .load_whole_organisation()
        .expect("load")
        .expect("an organisation");
    assert_eq!(org.name(), "Riverbend Bakery Cooperative");
    assert_eq!(org.records().roles.len(), 30);
}

#[test]
fn the_demo_loads_with_everything_it_promises() {
    let org = demo_store()
        .load_whole_organisation()
        .expect("load")
        .expect("org");
    let r = org.records();
    assert_eq!(r.circles.len(), 4);
    assert!((10..=14).contains(&r.people.len()));
    assert!((20..=30).contains(&r.roles.len()));
    assert!(r.checklist.len() >= 10);
    assert!(r.metrics.len() >= 6);
    assert!(r.metrics.iter().all(|m| org.values_of(m.id).count() >= 5));
    assert!(!r.policies.is_empty() && !r.projects.is_empty() && !r.next_actions.is_empty());
    // Some people fill roles in more than one circle.
    let multi_circle = r.people.iter().any(|p| {
        let mut circles: Vec<_> = org
            .assignments_of(p.id)
            .filter_map(|a| org.role(a.role))
            .map(|r| r.circle)
            .collect();
        circles.sort();
        circles.dedup();
        circles.len() > 1
    });
    assert!(multi_circle);
    let bakehouse = org.circle_named("Bakehouse").expect("Bakehouse");
    let head_baker = org
        .roles_in(bakehouse.id)
        .find(|r| r.name == "Head Baker")
        .expect("role");
    assert_eq!(
        head_baker.purpose,
        "Bread that tastes the same on Tuesday as it did on Saturday."
    );
    assert!(
        head_baker
            .accountabilities
            .iter()
            .all(|a| a.split(' ').next().is_some_and(|w| w.ends_with("ing")))
    );
}

#[test]
fn every_circle_gets_its_core_roles_under_each_rule_set() {
    for rules in RuleSet::ALL {
        let mut store = Store::open_in_memory().expect("store");
        let mut demo = data::demo_org().expect("demo");
        demo.rule_set = rules;
        // Core role entries are named for 5.0 in the demo; drop them for this check.
        strip_core_entries(&mut demo.circle);
        store.import(&demo).expect("import");
        let org = store.load_whole_organisation().expect("load").expect("org");
        for circle in &org.records().circles {
            let is_anchor = circle.parent.is_none();
            for &core in rules.core_roles(is_anchor, true) {
                let role = org.core_role(circle.id, core).expect("core role exists");
                assert_eq!(role.name, core.name(rules));
            }
            assert_eq!(
                org.core_role(circle.id, CoreRole::Rep).is_some(),
                !is_anchor
            );
        }
    }
}

fn strip_core_entries(circle: &mut CircleEntry) {
    circle.roles.retain(|r| !r.purpose.is_empty());
    circle.circles.iter_mut().for_each(strip_core_entries);
}

#[test]
fn a_second_organisation_is_refused_and_nothing_changes() {
    let mut store = demo_store();
    let before = store
        .load_whole_organisation()
        .expect("load")
        .expect("org")
        .records()
        .people
        .len();
    let err = setup::load_demo(&mut store).expect_err("refused");
    assert!(
        err.to_string()
            .contains("already holds the organisation \"Riverbend Bakery Cooperative\"")
    );
    let after = store
        .load_whole_organisation()
        .expect("load")
        .expect("org")
        .records()
        .people
        .len();
    assert_eq!(before, after);
}

#[test]
fn a_failing_import_writes_nothing() {
    // Validation would catch this; the store must roll back by itself too.
    let mut file = data::demo_org().expect("demo");
    file.circle.circles[1].roles.push(RoleEntry {
        name: "Ghost".into(),
        purpose: "Haunting".into(),
        domains: vec![],
        accountabilities: vec![],
        fillers: vec![FillerEntry {
            person: "Nobody At All".into(),
            focus: None,
            term_end: None,
        }],
        checklist: vec![],
        metrics: vec![],
        projects: vec![],
        next_actions: vec![],
        cross_link: None,
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    let mut store = Store::open(&path).expect("open");
    let err = store.import(&file).expect_err("unknown person");
    assert!(err.to_string().contains("Nobody At All"), "{err}");
    drop(store);
    for table in ["organisation", "people", "circles", "roles", "assignments"] {
        assert_eq!(
            count(&path, table),
            0,
            "{table} is empty after the rollback"
        );
    }
}

#[test]
fn an_empty_organisation_has_only_its_anchor_circle() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .create_organisation("  Bread\u{202e} & Roses ", RuleSet::Holacracy41)
        .expect("create");
    let org = store.load_whole_organisation().expect("load").expect("org");
    assert_eq!(org.name(), "Bread & Roses");
    assert_eq!(org.rule_set(), RuleSet::Holacracy41);
    let names: Vec<_> = org
        .records()
        .roles
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["Lead Link", "Facilitator", "Secretary"]);
    assert!(matches!(
        store.create_organisation("   ", RuleSet::default()),
        Err(StoreError::Invalid(_)) | Err(StoreError::AlreadyHasOrganisation(_))
    ));
}

#[test]
fn an_organisation_survives_a_trip_through_the_file_format() {
    let demo = data::demo_org().expect("demo");
    let text = demo.to_toml().expect("to toml");
    let again = OrgFile::parse(&text).expect("parses");
    assert_eq!(again, demo);
}

/// Opening `path` is refused with a one-line message naming the file, and its bytes stay.
/// The file is made private first, as the refusal under test is about its content.
fn assert_refused_untouched(path: &Path, expected: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod 600");
    let before = std::fs::read(path).expect("read");
    let message = Store::open(path).expect_err("refused").to_string();
    assert!(message.contains(expected), "{message}");
    assert!(
        message.contains(&path.display().to_string()),
        "names the file: {message}"
    );
    assert!(!message.contains('\n'), "one line: {message}");
    assert_eq!(
        std::fs::read(path).expect("read back"),
        before,
        "file unchanged"
    );
}

#[test]
fn a_text_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "shopping list: flour, butter\n").expect("write");
    assert_refused_untouched(&path, "not a Roundtable database");
}

#[test]
fn another_programs_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.db");
    Connection::open(&path)
        .and_then(|c| c.execute_batch("CREATE TABLE t (a); INSERT INTO t VALUES (1);"))
        .expect("other db");
    assert_refused_untouched(&path, "another program");
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    drop(demo_file(&path));
    Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("bump");
    assert_refused_untouched(&path, "newer Roundtable (schema 99");
}

#[test]
fn a_corrupt_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    drop(demo_file(&path));
    damage_first_tables(&path);
    assert_refused_untouched(&path, "corrupt");
}

/// The full-screen program reads the organisation while the file's checks run beside it
/// (`Store::open_overlapped`): a damaged file is refused all the same, with the same words,
/// before anything is drawn or written; a sound one is written to as soon as it is open.
#[test]
fn the_full_screen_program_refuses_a_corrupt_file_though_its_checks_run_beside_the_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    drop(demo_file(&path));
    let mut sound = Store::open_overlapped(&path).expect("opens");
    let owner = roundtable::store::LogOwner::Circle(
        roundtable::domain::CircleId(1),
        roundtable::domain::meeting::MeetingKind::Tactical,
    );
    sound
        .start_log(owner, chrono::Utc::now(), "{}")
        .expect("written once the checks passed");
    drop(sound);
    let damaged = damage_first_tables(&path);
    let message = match Store::open_overlapped(&path) {
        Err(e) => e.to_string(),
        Ok(store) => roundtable::app::App::on(Box::new(store))
            .err()
            .map(|e| e.to_string())
            .expect("refused"),
    };
    assert_refused_as_corrupt(&message, &path, &damaged);
}

#[test]
fn reading_a_missing_database_does_not_create_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("missing.db");
    assert!(matches!(
        Store::open_read_only(&path),
        Err(StoreError::Missing { .. })
    ));
    assert!(!path.exists());
}

fn demo_file(path: &Path) -> Store {
    let mut store = Store::open(path).expect("open");
    setup::load_demo(&mut store).expect("demo");
    // The caller drops the store: closing it folds the WAL back into the file, so byte
    // comparisons see everything.
    store
}

/// The rows entries wrote, with the times they read by (a project's, next action's or
/// tension's since, when an action was done or a tension processed, each status move).
fn entry_times(org: &roundtable::domain::Organisation) -> String {
    let r = org.records();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}",
        r.projects, r.next_actions, r.tensions, r.status_changes
    )
}

/// Migration 019 keeps each entry's time on the rows it wrote. A file from before it reads
/// the same organisation read-only (looking the times up among the entries, the file left as
/// it was) and once migrated (the times copied onto the rows).
/// Migration 022 taken back: the reports' covering indexes, and the indexes before them.
/// Migration 023 taken back: own work's index by role and circle.
const WITHOUT_023: &str = "DROP TABLE work_index;";
/// Migration 022 taken back: the report indexes, and the ones they replaced.
const WITHOUT_022: &str = "DROP INDEX checklist_answers_report; DROP INDEX metric_values_report;
    CREATE INDEX checklist_answers_item ON checklist_answers (item_id, period);
    CREATE INDEX metric_values_metric ON metric_values (metric_id, period);";
/// Migration 021 taken back: the indexes a retraction finds its rows by.
const WITHOUT_021: &str = "DROP INDEX assignments_source; DROP INDEX assignments_ended_source;
    DROP INDEX update_requests_ended_source; DROP INDEX project_updates_project;";
/// Migration 020 taken back: the meeting list's indexes and counts, and the index before them.
const WITHOUT_020: &str = "DROP TRIGGER meeting_counts_insert; DROP TRIGGER meeting_counts_delete;
    DROP TRIGGER meeting_counts_update; DROP TABLE meeting_counts;
    DROP INDEX meetings_newest; DROP INDEX meetings_of_circle;
    DROP INDEX meetings_of_kind; DROP INDEX meetings_open_newest;
    CREATE INDEX meetings_started ON meetings (started_at DESC, id DESC) WHERE circle_id IS NOT NULL;";
/// Migration 019 taken back: the entries' own times.
const WITHOUT_019: &str = "DROP INDEX project_updates_moves;
    ALTER TABLE next_actions DROP COLUMN entry_at; ALTER TABLE next_actions DROP COLUMN done_at;
    ALTER TABLE projects DROP COLUMN entry_at; ALTER TABLE tensions DROP COLUMN entry_at;
    ALTER TABLE tensions DROP COLUMN processed_at; ALTER TABLE project_updates DROP COLUMN entry_at;";

/// The database at `path` made as schema `version` left it, by taking back the migrations
/// after it (`undone`, newest first).
fn as_left_by(path: &Path, undone: &[&str], version: u32) {
    let batch = format!("{} PRAGMA user_version = {version};", undone.join(" "));
    Connection::open(path)
        .expect("open for the older version")
        .execute_batch(&batch)
        .unwrap_or_else(|e| panic!("as version {version} left it: {e}"));
}

#[test]
fn a_database_from_before_entry_times_reads_the_same_read_only_and_migrated() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("history.db");
    let mut store = Store::open(&path).expect("store");
    let sizes = roundtable::app::generate::Sizes {
        circles: 3,
        roles: 30,
        people: 12,
        meetings: 60,
        entries: 1500,
        years: 1,
        seed: 7,
    };
    roundtable::app::generate::generate(&mut store, &sizes).expect("generated");
    // The generated actions were done before the history began: one is marked done by an
    // entry, as a meeting marks one.
    let before = store
        .load_whole_organisation()
        .expect("loads")
        .expect("an organisation");
    let action = before
        .records()
        .next_actions
        .iter()
        .find(|a| !a.done)
        .expect("an open action");
    let at = chrono::Utc::now();
    let circle = before.records().circles[0].id;
    let owner = roundtable::store::LogOwner::Circle(
        circle,
        roundtable::domain::meeting::MeetingKind::Tactical,
    );
    let meeting = store.start_log(owner, at, "{}").expect("a log");
    let done = roundtable::domain::meeting::Effect::CompleteNextAction { action: action.id };
    store
        .append_payload(meeting, 1, at, "{}", &[done])
        .expect("marked done");
    let now = store
        .load_whole_organisation()
        .expect("loads")
        .expect("an organisation");
    drop(store);
    let shown = entry_times(&now);
    assert!(
        now.records()
            .next_actions
            .iter()
            .any(|a| a.done_at.is_some())
            && now.records().tensions.iter().any(|t| t.closed_at.is_some())
            && !now.records().status_changes.is_empty(),
        "the history has done actions, processed tensions and status moves:\n{shown}"
    );
    as_left_by(
        &path,
        &[
            WITHOUT_023,
            WITHOUT_022,
            WITHOUT_021,
            WITHOUT_020,
            WITHOUT_019,
        ],
        18,
    );
    let read_only = Store::open_read_only(&path).expect("opens read-only");
    assert_eq!(
        read_only.schema_version().expect("version"),
        18,
        "not migrated"
    );
    let older = read_only
        .load_whole_organisation()
        .expect("loads")
        .expect("organisation");
    assert_eq!(entry_times(&older), shown, "read-only, from the entries");
    drop(read_only);
    let migrated = Store::open(&path).expect("migrates");
    assert_eq!(
        migrated.schema_version().expect("version"),
        roundtable::store::latest_schema()
    );
    let reloaded = migrated
        .load_whole_organisation()
        .expect("loads")
        .expect("organisation");
    assert_eq!(entry_times(&reloaded), shown, "migrated, from the rows");
}

/// Migration 020 counts the meetings a file already holds, and its trigger counts those
/// started after.
#[test]
fn a_database_from_before_the_kept_counts_is_counted_when_migrated() {
    use roundtable::domain::meeting::MeetingKind;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("counts.db");
    let mut store = Store::open(&path).expect("store");
    setup::load_demo(&mut store).expect("demo");
    let sizes = roundtable::app::generate::Sizes {
        meetings: 30,
        entries: 90,
        ..Default::default()
    };
    roundtable::app::generate::history(&mut store, &sizes).expect("history");
    drop(store);
    let by_kind = |path: &Path| -> Vec<(String, i64)> {
        let conn = Connection::open(path).expect("open for inspection");
        let mut stmt = conn
            .prepare("SELECT kind, count(*) FROM meetings WHERE circle_id IS NOT NULL GROUP BY kind ORDER BY kind")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    let held = by_kind(&path);
    as_left_by(
        &path,
        &[WITHOUT_023, WITHOUT_022, WITHOUT_021, WITHOUT_020],
        19,
    );
    let counted = |store: &Store| -> Vec<(String, i64)> {
        let mut counts: Vec<(String, i64)> = store
            .meeting_counts()
            .expect("counts")
            .into_iter()
            .map(|(k, n)| (k.id().to_string(), i64::try_from(n).expect("small")))
            .collect();
        counts.sort();
        counts
    };
    let read_only = Store::open_read_only(&path).expect("opens read-only");
    assert_eq!(
        counted(&read_only),
        held,
        "read-only: counted from the rows"
    );
    drop(read_only);
    let mut migrated = Store::open(&path).expect("migrates");
    assert_eq!(
        counted(&migrated),
        held,
        "migrated: counted once by the migration"
    );
    let org = migrated
        .load_whole_organisation()
        .expect("load")
        .expect("org");
    let circle = org.records().circles[0].id;
    migrated
        .start_log(
            roundtable::store::LogOwner::Circle(circle, MeetingKind::Governance),
            chrono::Utc::now(),
            "{}",
        )
        .expect("a new meeting");
    assert_eq!(
        counted(&migrated),
        by_kind(&path),
        "and kept as meetings start"
    );
}
