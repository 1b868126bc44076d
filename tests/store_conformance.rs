//! Every check of the store conformance suite (`tests/conformance/`), run against SQLite (a
//! new file in a temporary directory) and against PostgreSQL (a new database with a random
//! name on the server `ROUNDTABLE_TEST_PG` names, dropped after).
//!
//! Without `ROUNDTABLE_TEST_PG`, or with a server that cannot be reached, the PostgreSQL
//! half says it was skipped and why, except under CI (the variable `CI` set), where that
//! is a failure: CI starts a server for it (`.ci/run`).

mod common;
mod conformance;

use common::pg::{PgDb, admin_count, admin_run};
use roundtable::store::prelude::*;
use roundtable::store::{PgStore, Store};

/// A new SQLite database file, for one check.
struct SqliteDb {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

impl SqliteDb {
    fn new() -> SqliteDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("conformance.db");
        SqliteDb { _dir: dir, path }
    }

    fn open(&self) -> Box<dyn Backend + Send> {
        Box::new(Store::open(&self.path).expect("SQLite opens"))
    }
}

/// A new PostgreSQL database, for one check.
trait OpenPg {
    fn open(&self) -> Box<dyn Backend + Send>;
}

impl OpenPg for PgDb {
    fn open(&self) -> Box<dyn Backend + Send> {
        Box::new(self.store())
    }
}

/// One test per check and backend: `sqlite::NAME` and `postgres::NAME`.
macro_rules! conformance {
    (single: $($one:ident),*; pair: $($two:ident),*) => {
        mod sqlite {
            use super::*;
            $(#[test] fn $one() {
                let db = SqliteDb::new();
                conformance::$one(&mut *db.open());
            })*
            $(#[test] fn $two() {
                let db = std::sync::Arc::new(SqliteDb::new());
                let again = db.clone();
                conformance::$two(&mut *db.open(), &move || again.open());
            })*
        }
        mod postgres {
            use super::*;
            $(#[test] fn $one() {
                let Some(db) = PgDb::new() else { return };
                conformance::$one(&mut *db.open());
            })*
            $(#[test] fn $two() {
                let Some(db) = PgDb::new() else { return };
                let db = std::sync::Arc::new(db);
                let again = db.clone();
                conformance::$two(&mut *db.open(), &move || again.open());
            })*
        }
    };
}

conformance!(
    single:
        the_organisation_round_trips,
        an_empty_organisation_starts_with_its_anchor_circle,
        meeting_logs_append_in_order_and_refuse_a_stale_entry,
        entries_record_who_made_them,
        drafts_are_kept_replaced_and_forgotten,
        open_meetings_and_reviews_are_found_until_they_end,
        past_meetings_are_read_by_look_newest_first_and_counted,
        every_effect_is_written_as_sqlite_writes_it,
        every_effect_is_undone_exactly,
        every_effect_applied_in_memory_equals_a_reload,
        every_effect_taken_back_in_memory_equals_a_reload,
        an_undone_governance_change_leaves_no_history,
        the_organisation_log_records_people_and_assignments_and_takes_them_back,
        checklist_items_and_metrics_are_added_ended_and_taken_back,
        requests_for_updates_are_kept_ended_and_taken_back,
        a_breakdown_declared_between_meetings_is_kept_and_taken_back,
        org_entries_applied_in_memory_equal_a_reload,
        reports_are_read_by_role_as_the_whole_record_holds_them,
        own_work_is_read_by_role_as_the_whole_record_holds_it;
    pair:
        another_programs_write_is_noticed_and_ones_own_is_not,
        two_programs_appending_at_once_get_one_entry_and_one_conflict,
        an_entry_naming_a_role_taken_back_by_another_program_is_dangling_and_writes_nothing
);

#[test]
fn postgres_refuses_another_programs_database_and_a_newer_one_untouched() {
    let Some(db) = PgDb::new() else { return };
    let target = db.admin.with_database(&db.name);
    admin_run(&target, "CREATE TABLE invoices (id BIGINT PRIMARY KEY)").expect("theirs");
    let refused = PgStore::open_target(target.clone()).expect_err("another program's");
    assert!(
        refused.to_string().contains("not a Roundtable database")
            && refused
                .to_string()
                .ends_with("the database was left untouched"),
        "said of a database, not a file: {refused}"
    );
    let tables = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'";
    assert_eq!(admin_count(&target, tables), 1, "nothing was added");
    admin_run(&target, "DROP TABLE invoices").expect("dropped");
    drop(db.open());
    admin_run(&target, "UPDATE roundtable_schema SET version = 99").expect("newer");
    let refused = PgStore::open_target(target.clone()).expect_err("newer");
    assert!(
        refused.to_string().contains("newer Roundtable (schema 99"),
        "{refused}"
    );
    let version = "SELECT version FROM roundtable_schema";
    assert_eq!(admin_count(&target, version), 99, "left as it was");
    admin_run(
        &target,
        "UPDATE roundtable_schema SET application = 'ledger', version = 5",
    )
    .expect("another application");
    let refused = PgStore::open_target(target).expect_err("another application's");
    assert!(refused.to_string().contains("\"ledger\""), "{refused}");
}

/// Two programs bringing one PostgreSQL database up to date at once: the second waits for
/// the first's migration however long it runs (minutes, on a large organisation: migration
/// 019 updates every entry's rows) rather than giving up after a round trip's bound (3 s) or
/// the lock wait of the screen's statements (800 ms). The first is played by a connection
/// holding the migration lock for 4.5 s.
#[test]
fn opening_a_postgres_database_waits_for_another_programs_long_migration() {
    use std::time::{Duration, Instant};
    let Some(db) = PgDb::new() else { return };
    let target = db.admin.with_database(&db.name);
    // `MIGRATION_LOCK` of src/store/postgres/schema.rs ("RTBL").
    let lock = 0x5254_424C_i64;
    let other = target.clone();
    let migrating = std::thread::spawn(move || {
        admin_run(
            &other,
            &format!("BEGIN; SELECT pg_advisory_xact_lock({lock}); SELECT pg_sleep(4.5); COMMIT"),
        )
    });
    let held = format!(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
         AND objid::bigint = {lock}"
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while admin_count(&target, &held) == 0 {
        assert!(Instant::now() < deadline, "the other program took the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
    let started = Instant::now();
    let store = PgStore::open_target(target.clone())
        .expect("opens once the other program's migration is done");
    assert!(
        started.elapsed() > Duration::from_secs(3),
        "it waited past one round trip's bound: {:?}",
        started.elapsed()
    );
    migrating
        .join()
        .expect("joins")
        .expect("the other program committed");
    let version = admin_count(&target, "SELECT version FROM roundtable_schema");
    assert!(version >= 21, "brought to the latest schema: {version}");
    drop(store);
}

#[test]
fn a_read_only_command_brings_an_older_postgres_database_up_to_date() {
    let Some(db) = PgDb::new() else { return };
    let target = db.admin.with_database(&db.name);
    let mut store = db.open();
    roundtable::app::setup::load_demo(&mut *store).expect("demo");
    drop(store);
    // As a database of the version before migration 10 (who recorded) holds it: without
    // that column, and without 11's (core role texts), 12's (an index), 13's (process
    // breakdowns), 14's (the adoption draft), 15's (requests for updates), 16's (Cross Links)
    // 18's (two indexes), 19's (entry times on rows) and 20's (the kept counts of meetings
    // and the list's indexes, in place of 12's) and 23's (own work's index), which come after
    // (17's indexes are PostgreSQL's since 002; 21's and 22's are created if missing).
    admin_run(
        &target,
        "DROP TABLE work_index; ALTER TABLE meeting_events DROP COLUMN actor; ALTER TABLE role_versions DROP COLUMN migration; ALTER TABLE policy_versions DROP COLUMN migration; DROP TRIGGER meeting_counts_keep ON meetings; DROP FUNCTION meeting_counts_keep(); DROP TABLE meeting_counts; DROP INDEX meetings_newest; DROP INDEX meetings_of_circle; DROP INDEX meetings_of_kind; DROP INDEX meetings_open_newest; DROP TABLE process_breakdowns; DROP TABLE adoption_draft; DROP TABLE update_requests; DROP TABLE cross_links; DROP INDEX meetings_work; DROP INDEX meetings_open; DROP INDEX project_updates_moves; ALTER TABLE next_actions DROP COLUMN entry_at, DROP COLUMN done_at; ALTER TABLE projects DROP COLUMN entry_at; ALTER TABLE tensions DROP COLUMN entry_at, DROP COLUMN processed_at; ALTER TABLE project_updates DROP COLUMN entry_at; UPDATE roundtable_schema SET version = 9",
    )
    .expect("older");
    let export_org = || {
        assert_cmd::Command::new(env!("CARGO_BIN_EXE_roundtable"))
            .env_remove("ROUNDTABLE_LOG")
            .args([
                "--db",
                target.shown(),
                "export",
                "org",
                "--format",
                "toml",
                "-o",
                "-",
            ])
            .assert()
            .success()
    };
    let export = export_org();
    let text = String::from_utf8_lossy(&export.get_output().stdout).into_owned();
    assert!(text.contains("Riverbend"), "{text}");
    // Said first, as for a file: a migration of a large database takes a while.
    let said = String::from_utf8_lossy(&export.get_output().stderr).into_owned();
    let latest = roundtable::store::latest_schema();
    assert!(
        said.starts_with("Bringing postgres://")
            && said.contains(&format!("up to date (schema 9 to {latest})")),
        "{said}"
    );
    let again = export_org();
    let said = String::from_utf8_lossy(&again.get_output().stderr).into_owned();
    assert!(
        !said.contains("Bringing"),
        "up to date, nothing said: {said}"
    );
    let version = "SELECT version FROM roundtable_schema";
    assert_eq!(
        admin_count(&target, version),
        i64::from(roundtable::store::latest_schema()),
        "migrated as it was opened"
    );
}

#[test]
fn a_password_never_appears_in_what_the_store_says() {
    let Some(db) = PgDb::new() else { return };
    let config = db.admin.config();
    let host = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(name)) => name.clone(),
        _ => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let address = format!("postgres://nobody_here:Sekr3tPw@{host}:{port}/{}", db.name);
    // Trust authentication lets anyone in; a server asking for passwords refuses this one.
    let said = match PgStore::open(&address) {
        Ok(store) => store.location(),
        Err(e) => e.to_string(),
    };
    assert!(!said.contains("Sekr3tPw"), "{said}");
    assert!(said.contains("postgres://nobody_here@"), "{said}");
}

/// Migration 011 on PostgreSQL (SQLite's is checked on a recorded database, in
/// `tests/core_texts.rs`): a database at schema 6 whose Secretary has Roundtable's old words
/// and an addition gets the constitution's texts (5.0 §1.3.5, §5.1.2), the addition kept, with
/// a baseline and a version naming the migration.
#[test]
fn postgres_migration_011_gives_core_roles_the_constitutions_texts() {
    let Some(db) = PgDb::new() else { return };
    let target = db.admin.with_database(&db.name);
    let mut schema_6 = [
        include_str!("../src/store/postgres/migrations/001_organisation.sql"),
        include_str!("../src/store/postgres/migrations/002_meetings.sql"),
        include_str!("../src/store/postgres/migrations/003_governance.sql"),
        include_str!("../src/store/postgres/migrations/004_meeting_kinds.sql"),
        include_str!("../src/store/postgres/migrations/005_drafts.sql"),
        include_str!("../src/store/postgres/migrations/006_people_log.sql"),
    ]
    .join("\n");
    schema_6.push_str(
        "CREATE TABLE roundtable_schema (application TEXT NOT NULL, version BIGINT NOT NULL);
         INSERT INTO roundtable_schema VALUES ('roundtable', 6);
         INSERT INTO organisation (id, name, rule_set) VALUES (1, 'Co', 'holacracy-5.0');
         INSERT INTO circles (name) VALUES ('Co');
         INSERT INTO roles (circle_id, name, purpose, accountabilities, core) VALUES (1, 'Secretary',
           'old', '[\"Scheduling the circle''s meetings and notifying every member\",\"Keeping the archive\"]',
           'secretary');
         INSERT INTO roles (circle_id, name, core) VALUES (1, 'Circle Lead', 'lead');",
    );
    admin_run(&target, &schema_6).expect("a database at schema 6");
    let store = PgStore::open_target(target).expect("opens and migrates");
    let org = store
        .load_organisation()
        .expect("loads")
        .expect("an organisation");
    let anchor = org.anchor().expect("anchor");
    let secretary = org
        .core_role(anchor.id, roundtable::domain::CoreRole::Secretary)
        .expect("secretary");
    let text = roundtable::domain::RuleSet::Holacracy50
        .rules()
        .core(roundtable::domain::CoreRole::Secretary);
    assert_eq!(secretary.purpose, text.purpose);
    assert_eq!(secretary.domains, text.domains);
    assert_eq!(
        secretary.accountabilities.last().map(String::as_str),
        Some("Keeping the archive")
    );
    assert_eq!(
        secretary.accountabilities.len(),
        text.accountabilities.len() + 1
    );
    let history: Vec<_> = org.history_of(secretary.id).collect();
    assert!(history[0].baseline && history[0].text == "old");
    assert!(
        history[1]
            .migration
            .as_deref()
            .is_some_and(|m| m.starts_with("011"))
    );
    // 5.0 §1.4: the anchor's Circle Lead gets the policy that allows one, recorded so.
    assert!(org.governance_log(anchor.id).any(
        |v| v.policy.is_some() && v.migration.as_deref().is_some_and(|m| m.starts_with("011"))
    ));
}
