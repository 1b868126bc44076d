//! `roundtable declare` run as a person would: a process breakdown declared between meetings
//! by whom the rule set names (4.1 §3.5.2, §3.5.4; 5.0 §5.5), with a reason, refused in one
//! line otherwise, and ended by `restore`.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn roundtable(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_roundtable"));
    cmd.env("ROUNDTABLE_DB", db).env_remove("ROUNDTABLE_LOG");
    cmd
}

/// The demo, under 5.0 or (as its 4.1 file) under 4.1.
fn demo(four_one: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    if four_one {
        let text = include_str!("../data/demo-org.toml")
            .replace("holacracy-5.0", "holacracy-4.1")
            .replace("\"Circle Lead\"", "\"Lead Link\"")
            .replace("\"Circle Rep\"", "\"Rep Link\"");
        let file = dir.path().join("demo41.toml");
        std::fs::write(&file, text).expect("written");
        roundtable(&db).arg("import").arg(&file).assert().success();
    } else {
        roundtable(&db).args(["init", "--demo"]).assert().success();
    }
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

fn declare<'a>(circle: &'a str, reason: &'a str, who: &'a str) -> Vec<&'a str> {
    vec![
        "declare", "--circle", circle, "--reason", reason, "--as", who,
    ]
}

#[test]
fn five_o_5_5_a_facilitator_or_secretary_of_a_containing_circle_declares_with_a_reason() {
    let (_dir, db) = demo(false);
    let bare = [
        "declare",
        "--circle",
        "Bakehouse",
        "--reason",
        "Minutes never kept",
    ];
    refused(&db, &bare, "--as NAME: one who may declare it (5.0 §5.5)");
    // Ravi Patel is Shopfront's Secretary: Shopfront does not contain Bakehouse.
    refused(
        &db,
        &declare("Bakehouse", "Minutes never kept", "Ravi Patel"),
        "(5.0 §5.5)",
    );
    refused(
        &db,
        &declare("Bakehouse", " ", "Mei Chen"),
        "the pattern that conflicts with the constitution",
    );
    roundtable(&db)
        .args(declare("bakehouse", "Minutes never kept", "Mei Chen"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Mei Chen declared a process breakdown in Bakehouse: Minutes never kept.",
        ));
    refused(
        &db,
        &declare("Bakehouse", "Again", "Mei Chen"),
        "is in a process breakdown already",
    );
    roundtable(&db)
        .args(["restore", "--circle", "Bakehouse", "--as", "Priya Raman"])
        .assert()
        .success();
}

#[test]
fn four_one_3_5_2_and_3_5_4_the_super_circles_facilitator_declares_and_escalates() {
    let (_dir, db) = demo(true);
    // 4.1 §3.5.2: "The Facilitator of a Circle may declare a Process Breakdown within one of
    // its Sub-Circles": not the Secretary, and nobody within the anchor circle.
    refused(
        &db,
        &declare("Bakehouse", "Minutes never kept", "Mei Chen"),
        "(4.1 §3.5.2)",
    );
    let anchor = "Riverbend Bakery Cooperative";
    refused(
        &db,
        &declare(anchor, "Stuck", "Priya Raman"),
        "(4.1 §3.5.2)",
    );
    roundtable(&db)
        .args(declare("Bakehouse", "Minutes never kept", "Priya Raman"))
        .assert()
        .success();
    // 4.1 §3.5.4: "if the Process Breakdown is not resolved within a reasonable timeframe,
    // then the Facilitator of any Super-Circle that ultimately contains the offending Circle
    // may declare a Process Breakdown within the offending Circle's Super-Circle as well."
    roundtable(&db)
        .args(declare(
            anchor,
            "Bakehouse unresolved for months",
            "Priya Raman",
        ))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "declared a process breakdown in Riverbend Bakery Cooperative",
        ));
}
