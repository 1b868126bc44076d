//! A password from the password file, against a server that asks for one: with
//! `PGPASSFILE` (or `~/.pgpass`) holding the line for the database, the program connects as a
//! user the server checks by password (SCRAM); the same file readable by others is not used,
//! and a wrong password is refused — each time saying so in one line, never the password.
//! Needs a server that checks the user `ROUNDTABLE_TEST_PG_PASSWORD` names (`user:password`;
//! `.ci/run` adds one); without it the test says it was skipped, except under CI.

mod common;

use common::pg::{PgDb, admin_run};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

/// The program with `args` on `db`, reading the password file `pgpass`, nothing else of the
/// home directory.
fn roundtable(db: &str, pgpass: &Path, home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("PGPASSFILE", pgpass)
        .env("HOME", home)
        .env_remove("PGPASSWORD")
        .output()
        .expect("the binary runs")
}

#[test]
fn the_password_file_lets_a_checked_user_in_unless_others_can_read_it() {
    let Ok(login) = std::env::var("ROUNDTABLE_TEST_PG_PASSWORD") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the password test must run under CI"
        );
        eprintln!("skipped: ROUNDTABLE_TEST_PG_PASSWORD (user:password) is not set");
        return;
    };
    let (user, password) = login.split_once(':').expect("user:password");
    let Some(db) = PgDb::new() else { return };
    admin_run(
        &db.admin,
        &format!("ALTER DATABASE {} OWNER TO {user}", db.name),
    )
    .expect("owner");
    let config = db.admin.config();
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let address = format!("postgres://{user}@127.0.0.1:{port}/{}", db.name);
    let dir = tempfile::tempdir().expect("dir");
    let pgpass = dir.path().join("pgpass");
    let line = |password: &str| {
        format!(
            "# Roundtable's test\n127.0.0.1:{port}:{}:{user}:{password}\n",
            db.name
        )
    };
    std::fs::write(&pgpass, line(password)).expect("written");
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).expect("0600");

    let made = roundtable(&address, &pgpass, dir.path(), &["init", "--demo"]);
    let said = String::from_utf8_lossy(&made.stderr);
    assert!(
        made.status.success(),
        "connects with the file's password: {said}"
    );
    let listed = roundtable(&address, &pgpass, dir.path(), &["org"]);
    let org = String::from_utf8_lossy(&listed.stdout);
    assert!(org.contains("Kwame Mensah"), "{org}");

    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).expect("0644");
    let refused = roundtable(&address, &pgpass, dir.path(), &["org"]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success(),
        "a file others may read is not used"
    );
    assert!(
        said.contains("the server asks for a password and none was given"),
        "says a password was wanted, not that the server is gone: {said}"
    );
    assert!(!said.contains(password), "never the password: {said}");
    assert_eq!(said.trim().lines().count(), 1, "one line: {said}");

    std::fs::write(&pgpass, line("not-the-password")).expect("written");
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).expect("0600");
    let wrong = roundtable(&address, &pgpass, dir.path(), &["org"]);
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(!wrong.status.success(), "a wrong password is refused");
    assert!(
        said.contains("the server refused the login: password authentication failed"),
        "{said}"
    );
    assert!(
        !said.contains("cannot be reached"),
        "it was reached: {said}"
    );
    assert!(
        !said.contains("not-the-password"),
        "never the password: {said}"
    );
}

#[test]
fn a_database_the_server_does_not_hold_is_said_as_such_not_as_a_server_gone() {
    let Some(db) = PgDb::new() else { return };
    let missing = db.admin.with_database(&format!("{}_missing", db.name));
    let out = Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .args(["--db", missing.shown(), "org"])
        .output()
        .expect("the binary runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("the server holds no such database") && !said.contains("cannot be reached"),
        "{said}"
    );
}
