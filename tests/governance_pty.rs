//! End to end in a pseudo-terminal with the real binary: a whole governance meeting of
//! Bakehouse that elects a Secretary and adopts a new role after an objection is raised,
//! tested valid and integrated; then the organisation browser shows the new role with its
//! history and the new Secretary with a term.

mod common;

use common::pty::Pty;
use std::path::Path;
use std::process::Command;

const DOWN: &str = "\x1b[B";
const RIGHT: &str = "\x1b[C";
const ENTER: &str = "\r";
const HOME: &str = "\x1b[H";

fn init_demo(db: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .args(["--db", db.to_str().expect("utf-8"), "init", "--demo"])
        .output()
        .expect("init");
    assert!(status.status.success());
}

/// Types text into the open prompt and confirms it.
fn enter(pty: &mut Pty, text: &str) {
    pty.send(text);
    pty.send(ENTER);
}

fn times(pty: &mut Pty, key: &str, n: usize) {
    for _ in 0..n {
        pty.send(key);
    }
}

/// Moves down the browser until `text` is on screen (at most 30 rows).
fn down_to(pty: &mut Pty, text: &str) {
    for _ in 0..30 {
        if pty.screen().contains(text) {
            return;
        }
        pty.send(DOWN);
    }
    pty.wait_for(text);
}

/// Through check-in to agenda building: a proposal by Kwame ("Waste"), then a Secretary
/// election that goes first, and on to it.
fn agenda_with_the_election_first(pty: &mut Pty) {
    pty.wait_for("Attendance");
    pty.send(ENTER);
    pty.wait_for("1. Check-in round");
    pty.send(">");
    pty.wait_for("2. Agenda building");
    // A proposal by Kwame, then a Secretary election that goes first.
    pty.send("a");
    pty.wait_for("Add to the agenda");
    pty.send(ENTER);
    enter(pty, "Waste");
    pty.wait_for("Whose proposal?");
    pty.send(DOWN);
    pty.send(ENTER);
    pty.wait_for("Waste (proposal by Kwame Mensah)");
    pty.send("a");
    times(pty, DOWN, 2);
    pty.send(ENTER);
    pty.send(RIGHT);
    pty.send("f");
    pty.wait_for("Who asks for the election to go first?");
    pty.send(ENTER);
    pty.wait_for("1. Election: Secretary");
    pty.send(">");
}

/// The Secretary election: the term set, everyone nominates Elif (hidden until read) with a
/// reason, nobody changes, Elif is proposed, nobody objects, and she is elected.
fn elect_elif_secretary(pty: &mut Pty) {
    pty.wait_for("Enter sets the term's end");
    pty.send(ENTER);
    pty.wait_for("Term of the Secretary");
    pty.send(ENTER);
    // Ballots: everyone nominates Elif, hidden until read.
    pty.wait_for("Ballots in: 0 of 6");
    for _ in 0..6 {
        pty.send(ENTER);
        pty.send(ENTER);
        times(pty, DOWN, 2);
        pty.send(ENTER);
    }
    pty.wait_for("Ballots in: 6 of 6 (hidden until read)");
    pty.send("n");
    for _ in 0..6 {
        pty.send(ENTER);
        enter(pty, "Careful with records");
    }
    pty.wait_for("Mei Chen → Elif Yılmaz: Careful with records");
    pty.send("n");
    // The change round asks each in turn; nobody changes.
    pty.wait_for("asked now");
    times(pty, ENTER, 6);
    pty.wait_for("Mei Chen: no change");
    pty.send("n");
    pty.wait_for("Make a proposal");
    pty.send(ENTER);
    pty.wait_for("Proposed: Elif Yılmaz");
    times(pty, ENTER, 6);
    pty.send("a");
    pty.wait_for("Elect Elif Yılmaz Secretary");
    pty.send("y");
    pty.wait_for("Elected: the role is assigned with its term.");
}

/// The proposal: its tension framed, a Waste Tracker role drafted as version 1, then on to
/// the objection round.
fn propose_a_waste_tracker(pty: &mut Pty) {
    pty.send(RIGHT);
    pty.wait_for("Present proposal");
    pty.send(ENTER);
    enter(pty, "Too much bread thrown away");
    enter(pty, "Forty loaves last Friday");
    pty.wait_for("Which of the proposer's roles feels it?");
    pty.send(ENTER);
    pty.send("c");
    pty.wait_for("The proposal's changes");
    pty.send(ENTER);
    enter(pty, "Waste Tracker");
    enter(pty, "Bread that is baked gets eaten");
    enter(pty, "");
    enter(pty, "Weighing unsold bread daily");
    pty.wait_for("Save as version 1");
    pty.send(ENTER);
    pty.wait_for("Proposal · version 1");
    times(pty, "n", 4);
    pty.wait_for("Objection round 1");
}

/// The objection round: four have no objection, Mei objects for one of her roles, and the
/// proposer (asked last) has none; her objection is tested valid.
fn mei_objects_and_it_is_valid(pty: &mut Pty) {
    times(pty, ENTER, 4);
    pty.send("x");
    enter(pty, "Nobody weighs on Sundays");
    pty.wait_for("Which of the objector's roles would it limit?");
    pty.send(ENTER);
    pty.send(ENTER);
    // Tested valid.
    pty.send("w");
    pty.wait_for("1 of 5 — 5.0 §5.3.2(a)");
    for answer in ["y", "y", "y", "y", "n"] {
        pty.send(answer);
    }
    pty.wait_for("Valid objection");
}

/// Integration: a policy added as version 2, both confirm, and a new round adopts it; the
/// meeting closes, its minutes show the proposal adopted, and home is back.
fn integrate_adopt_and_close(pty: &mut Pty) {
    pty.send("n");
    pty.wait_for("Integration");
    pty.send("c");
    pty.wait_for("The proposal's changes");
    times(pty, DOWN, 4);
    pty.send(ENTER);
    enter(pty, "Sunday weighing");
    enter(pty, "The Ovens Keeper weighs unsold bread on Sundays.");
    pty.wait_for("Save as version 2");
    pty.send(ENTER);
    pty.wait_for("Proposal · version 2");
    pty.send("o");
    pty.send("p");
    pty.wait_for("Every valid objection is resolved");
    pty.send("n");
    pty.wait_for("Objection round 2");
    times(pty, ENTER, 6);
    pty.send("a");
    pty.wait_for("Adopt version 2?");
    pty.send("y");
    pty.wait_for("Adopted: the governance record has changed.");
    pty.send(">");
    pty.wait_for("Closing round");
    pty.send(">");
    pty.wait_for("End the meeting?");
    pty.send("y");
    pty.wait_for("x export");
    // The election's ballots and rounds come first: the proposal is further down.
    times(pty, "\x1b[6~", 3);
    pty.wait_for("adopted (version 2)");
    pty.send("q");
    pty.wait_for("g governance");
}

/// The browser: the new role with its history, and the Secretary with a term.
fn browse_the_new_role(pty: &mut Pty) {
    pty.send(ENTER);
    pty.wait_for("sub-circle of Riverbend");
    down_to(pty, "Bread that is baked gets eaten");
    pty.wait_for("proposal “Waste”");
    pty.send(HOME);
    down_to(pty, "Elif Yılmaz — term ends");
}

#[test]
fn a_governance_meeting_elects_a_secretary_and_adopts_a_role_the_browser_then_shows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    init_demo(&db);
    let mut pty = Pty::spawn(
        &db,
        &["meet", "governance", "--circle", "Bakehouse"],
        &[],
        120,
        40,
    );
    agenda_with_the_election_first(&mut pty);
    elect_elif_secretary(&mut pty);
    propose_a_waste_tracker(&mut pty);
    mei_objects_and_it_is_valid(&mut pty);
    integrate_adopt_and_close(&mut pty);
    browse_the_new_role(&mut pty);
    pty.send("q");
    pty.send("q");
    assert!(pty.wait_exit().success());
}
