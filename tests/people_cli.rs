//! `roundtable person`, `assign`, `unassign` and `undo`, run as a person would: the real
//! binary on a temp database, its output, its one-line refusals, and the organisation file
//! exported afterwards.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn roundtable(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_roundtable"));
    cmd.env("ROUNDTABLE_DB", db).env_remove("ROUNDTABLE_LOG");
    cmd
}

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    roundtable(&db).args(["init", "--demo"]).assert().success();
    (dir, db)
}

/// A refusal: exit code 1, one line on stderr containing `text`, nothing on stdout.
fn refused(db: &Path, args: &[&str], text: &str) {
    roundtable(db)
        .args(args)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("roundtable: ").and(predicate::str::contains(text)))
        .stderr(predicate::function(|e: &str| {
            e.trim_end().lines().count() == 1
        }));
}

#[test]
fn person_add_rename_and_leave_and_duplicates_are_refused() {
    let (_dir, db) = demo();
    roundtable(&db)
        .args(["person", "add", "Zoe Park", "--email", "zoe@example.org"])
        .assert()
        .success()
        .stdout("Zoe Park joined.\n");
    refused(
        &db,
        &["person", "add", "ZOE PARK"],
        "already someone's name",
    );
    roundtable(&db)
        .args(["person", "rename", "zoe park", "Zoë Park"])
        .assert()
        .success()
        .stdout("Zoe Park is now called Zoë Park.\n");
    roundtable(&db)
        .args(["person", "leave", "Mei Chen"])
        .assert()
        .success()
        .stdout("Mei Chen left the organisation (3 roles ended).\n");
    refused(&db, &["person", "leave", "Mei Chen"], "has already left");
    refused(
        &db,
        &["person", "leave", "Nobody"],
        "no person named \"Nobody\"",
    );
    let tree = roundtable(&db).arg("org").assert().success();
    tree.stdout(predicate::str::contains("Mei Chen").not());
}

#[test]
fn assign_and_unassign_as_the_circle_lead_with_refusals_naming_the_rule() {
    let (_dir, db) = demo();
    roundtable(&db)
        .args(["assign", "pastry lead", "Ravi Patel", "--focus", "Croissants", "--as", "Jonas Lindqvist"])
        .assert()
        .success()
        .stdout("Jonas Lindqvist, as Circle Lead of Bakehouse, assigned Ravi Patel to Pastry Lead (focus: Croissants).\n");
    roundtable(&db)
        .arg("org")
        .assert()
        .stdout(predicate::str::contains(
            "role Pastry Lead: Lucía Fernández, Ravi Patel [Croissants]",
        ));
    refused(
        &db,
        &["assign", "Pastry Lead", "Mei Chen", "--as", "Amara Okafor"],
        "only the Circle Lead of Bakehouse assigns here (5.0 §1.4.1), that is Jonas Lindqvist",
    );
    refused(
        &db,
        &[
            "assign",
            "Secretary",
            "Ravi Patel",
            "--circle",
            "Bakehouse",
            "--as",
            "Jonas Lindqvist",
        ],
        "elected (5.0 §5.1.1, §5.1.2): a governance meeting of the circle elects it",
    );
    refused(
        &db,
        &[
            "assign",
            "Secretary",
            "Ravi Patel",
            "--as",
            "Jonas Lindqvist",
        ],
        "say which with --circle",
    );
    refused(
        &db,
        &[
            "assign",
            "Circle Lead",
            "Ravi Patel",
            "--circle",
            "Bakehouse",
            "--as",
            "Jonas Lindqvist",
        ],
        "(5.0 §1.4, §1.4.1), that is Amara Okafor",
    );
    roundtable(&db)
        .args([
            "unassign",
            "Pastry Lead",
            "Ravi Patel",
            "--as",
            "Ravi Patel",
        ])
        .assert()
        .success()
        .stdout("Ravi Patel resigned from Pastry Lead.\n");
    roundtable(&db)
        .arg("undo")
        .assert()
        .success()
        .stdout("Took back: Ravi Patel resigned from Pastry Lead.\n");
    roundtable(&db)
        .args(["assign", "Pastry Lead", "Ravi Patel"])
        .env_remove("ROUNDTABLE_AS")
        .assert()
        .failure()
        .stderr(predicate::str::contains("say who is acting with --as NAME"));
}

#[test]
fn a_person_who_left_exports_as_a_former_member_and_imports_back_the_same() {
    let (dir, db) = demo();
    roundtable(&db)
        .args(["person", "leave", "Daniel Osei"])
        .assert()
        .success();
    let out = roundtable(&db)
        .args(["export", "org", "--format", "toml", "-o", "-"])
        .assert()
        .success();
    let toml = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    let at = toml
        .find("name = \"Daniel Osei\"")
        .expect("still a person of the file");
    assert!(
        toml[at..]
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("left = ")),
        "{toml}"
    );
    assert!(
        !toml.contains("{ person = \"Daniel Osei\""),
        "a former member fills nothing"
    );
    assert!(
        toml.contains("person = \"Daniel Osei\""),
        "their next action stays"
    );
    let file = dir.path().join("org.toml");
    std::fs::write(&file, &toml).expect("write");
    let again = dir.path().join("again.db");
    roundtable(&again)
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    let out = roundtable(&again)
        .args(["export", "org", "--format", "toml", "-o", "-"])
        .assert()
        .success();
    assert_eq!(String::from_utf8_lossy(&out.get_output().stdout), toml);
    refused(
        &again,
        &[
            "assign",
            "Delivery Rider",
            "Daniel Osei",
            "--as",
            "Hannah Becker",
        ],
        "has left the organisation",
    );
}

/// 5.0 §1.4.1: where a policy gives control of the anchor circle's role assignments to a
/// role, its filler assigns `--as` that role and anyone else is refused, told who may. The
/// file's ratifiers are named in the adoption entry the import records.
#[test]
fn a_role_a_policy_delegates_assignments_to_assigns_and_others_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let file = dir.path().join("co.toml");
    std::fs::write(
        &file,
        r#"name = "Co"
ratifiers = ["Ana"]
[[people]]
name = "Ana"
[[people]]
name = "Dev"
[[people]]
name = "Ben"
[circle]
name = "Co"
[[circle.roles]]
name = "Baker"
purpose = "Bread"
fillers = [{ person = "Dev" }]
[[circle.roles]]
name = "Seller"
purpose = "Customers"
[[circle.policies]]
name = "Role assignments of the anchor circle"
text = 'Role assignments of this circle are controlled by the role "Baker" (5.0 §1.4.1).'
"#,
    )
    .expect("write");
    roundtable(&db)
        .args(["import", file.to_str().expect("utf-8")])
        .assert()
        .success();
    refused(
        &db,
        &["--as", "Ana", "assign", "Seller", "Ben"],
        "only the Baker role of Co assigns here (5.0 §1.4.1), that is Dev",
    );
    roundtable(&db)
        .args(["--as", "Dev", "assign", "Seller", "Ben"])
        .assert()
        .success()
        .stdout("Dev, as Baker of Co (by policy), assigned Ben to Seller.\n");
    roundtable(&db)
        .args(["export", "org", "--format", "toml", "-o", "-"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ratifiers = [\"Ana\"]"));
}

/// One e-mail check on every path: the command line refuses what an organisation file would
/// refuse on import (an address needs one @ with something on each side), and adds no one.
#[test]
fn a_bad_email_is_refused_by_the_one_email_rule_and_adds_no_one() {
    let (_dir, db) = demo();
    for bad in ["notanemail", "a@b@c", "@example.org", "zoe @example.org"] {
        refused(
            &db,
            &["person", "add", "Bad Mail", "--email", bad],
            "is not an e-mail address",
        );
    }
    refused(&db, &["person", "leave", "Bad Mail"], "no person named");
}

/// Every command-line lookup of a person ignores case beyond ASCII, the same way: the one
/// lookup `assign` and `person leave` use, also for `work` and `review`.
#[test]
fn work_and_review_find_a_person_named_in_any_case() {
    let (_dir, db) = demo();
    roundtable(&db)
        .args(["person", "add", "Emre Çelik"])
        .assert()
        .success();
    roundtable(&db)
        .args(["work", "--person", "emre çelik", "--print"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Emre Çelik"));
    roundtable(&db)
        .args(["review", "--person", "EMRE ÇELIK", "--print"])
        .assert()
        .success();
}

/// Names are unique ignoring case, and in Turkish the capital of ı is I: "AYŞE YILMAZ" is
/// the name Ayşe Yılmaz already bears.
#[test]
fn a_name_in_turkish_capitals_is_refused_beside_the_same_name() {
    let (_dir, db) = demo();
    roundtable(&db)
        .args(["person", "add", "Ayşe Yılmaz"])
        .assert()
        .success();
    refused(
        &db,
        &["person", "add", "AYŞE YILMAZ"],
        "already someone's name (names are unique, ignoring case)",
    );
}

#[test]
fn a_rename_to_a_name_ending_in_a_stop_prints_one_stop() {
    let (_dir, db) = demo();
    roundtable(&db)
        .args(["person", "add", "Priya"])
        .assert()
        .success();
    roundtable(&db)
        .args(["person", "rename", "Priya", "Priya N."])
        .assert()
        .success()
        .stdout("Priya is now called Priya N.\n");
}
