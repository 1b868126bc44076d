//! The real binary in a pseudo-terminal, from an empty database: an organisation adopted on
//! the adoption screens, a governance meeting that creates two roles, the Circle Lead
//! assigning them, a tactical meeting, and its next action in "My work"; and an adoption
//! killed with SIGKILL half-way that comes back as it was.

mod common;

use common::pty::Pty;
use std::path::Path;
use std::process::Command;

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const TAB: &str = "\t";

fn program(db: &Path) -> Pty {
    Pty::spawn(db, &[], &[], 80, 24)
}

/// Types text into the open prompt and confirms it.
fn enter(pty: &mut Pty, text: &str) {
    pty.send(text);
    pty.send(ENTER);
}

fn downs(pty: &mut Pty, n: usize) {
    for _ in 0..n {
        pty.send(DOWN);
    }
}

/// Picks the `n`-th option (from 0) of the picker that just opened.
fn pick(pty: &mut Pty, n: usize) {
    downs(pty, n);
    pty.send(ENTER);
}

/// From the welcome screen: constitution, name, purpose and the first two people.
fn start_adoption(pty: &mut Pty) {
    pty.wait_for("Welcome to Roundtable");
    pty.send("2");
    pty.wait_for("Step 1 of 9");
    pty.send(ENTER);
    pty.wait_for("Step 2 of 9");
    pty.send(ENTER);
    enter(pty, "Riverside Co-op");
    pty.send(ENTER);
    enter(pty, "Good bread for the valley");
    pty.wait_for("Purpose: Good bread");
    pty.send(TAB);
    pty.wait_for("Step 3 of 9");
    for name in ["Ana Silva", "Ben Okoro"] {
        add_person(pty, name);
    }
}

/// Adds `name` (no e-mail) on the people step, waiting for each question before answering
/// it: the name typed shows in its prompt before it is taken, so seeing it there proves
/// nothing was kept yet (a kill right then would rightly lose it).
fn add_person(pty: &mut Pty, name: &str) {
    pty.send("a");
    pty.wait_for("Name of the person");
    enter(pty, name);
    pty.wait_for("E-mail (optional");
    pty.send(ENTER);
    pty.wait_for(name);
}

#[test]
fn an_adoption_killed_half_way_comes_back_with_everything_entered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let mut pty = program(&db);
    start_adoption(&mut pty);
    pty.send("a");
    pty.wait_for("Name of the person");
    let killed = Command::new("kill")
        .args(["-KILL", &pty.pid().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    pty.wait_exit();
    drop(pty);
    let pty = program(&db);
    pty.wait_for("Back to the adoption you were writing");
    let screen = pty.screen();
    assert!(
        screen.contains("Step 3 of 9")
            && screen.contains("Ana Silva")
            && screen.contains("Ben Okoro")
            && screen.contains("Name of the person"),
        "the step, both people and the open question are back:\n{screen}"
    );
}

/// Two more people; on step 4 Ana is ticked ([x]); then on through steps 5 to 7 to step 8.
fn two_more_people_and_ana_ticked(pty: &mut Pty) {
    for name in ["Chloé Martin", "Dev Patel"] {
        add_person(pty, name);
    }
    pty.send(TAB);
    pty.wait_for("Step 4 of 9");
    pty.send(" ");
    pty.wait_for("[x] Ana Silva");
    for step in ["Step 5 of 9", "Step 6 of 9", "Step 7 of 9"] {
        pty.send(TAB);
        pty.wait_for(step);
    }
    pty.send(ENTER);
    pty.wait_for("Step 8 of 9");
}

/// The ratifiers name the first fillers (the Circle Lead, and the elected roles with terms),
/// and Ana adopts.
fn first_fillers_named_and_adopted(pty: &mut Pty) {
    pty.send(ENTER);
    pick(pty, 0);
    pty.wait_for("Focus for Ana Silva");
    enter(pty, "");
    pty.wait_for("Circle Lead: Ana Silva");
    for (person, role) in [(1, "Facilitator"), (2, "Secretary")] {
        pty.send(DOWN);
        pty.send(ENTER);
        pick(pty, person);
        pty.wait_for("Last day of the term");
        enter(pty, "2027-06-30");
        pty.wait_for(&format!("{role} (elected): "));
    }
    pty.send(TAB);
    pty.wait_for("Step 9 of 9");
    pty.send(ENTER);
    pty.wait_for("Ana Silva adopt");
    pty.send("y");
    pty.wait_for("Adopted by Ana Silva");
}

/// Governance: Ana's proposal creates Baker and Seller; nobody objects; the meeting ends.
fn a_governance_meeting_creates_baker_and_seller(pty: &mut Pty) {
    pty.send("g");
    pty.wait_for("Attendance");
    pty.send(ENTER);
    pty.wait_for("Check-in");
    pty.send(ENTER);
    enter(pty, "Ready");
    pty.send(">");
    pty.send("a");
    pick(pty, 0);
    enter(pty, "Bread");
    pick(pty, 0);
    pty.send(">");
    pty.wait_for("Present proposal");
    pty.send(ENTER);
    enter(pty, "Nobody bakes or sells");
    enter(pty, "No bread on Monday");
    pick(pty, 0);
    for (n, (role, purpose, accountability)) in [
        ("Baker", "Bread every morning", "Baking the bread"),
        ("Seller", "Happy customers", "Selling the bread"),
    ]
    .into_iter()
    .enumerate()
    {
        pty.send("c");
        pick(pty, n);
        for text in [role, purpose, "", accountability] {
            enter(pty, text);
        }
        pick(pty, 0);
        pty.wait_for(&format!("Create role {role}"));
    }
    for _ in 0..4 {
        pty.send("n");
    }
    for _ in 0..3 {
        pty.send(ENTER);
    }
    pty.send("a");
    pty.send("y");
    pty.wait_for("Adopted: the governance record has changed");
    pty.send(">");
    pty.send("e");
    pty.send("y");
    pty.wait_for("The meeting has ended");
    pty.send(ESC);
    pty.wait_for("Tactical meeting");
}

/// The Circle Lead assigns Baker to Dev and Seller to Ben, in the browser.
fn the_lead_assigns_dev_and_ben(pty: &mut Pty) {
    pty.send(ENTER);
    pty.wait_for("Organisation browser");
    for (row, person, shown) in [(4, 3, "Dev Patel to Baker"), (1, 1, "Ben Okoro to Seller")] {
        downs(pty, row);
        pty.send("a");
        pick(pty, person);
        pty.send(ENTER);
        pick(pty, 0);
        pty.wait_for(shown);
    }
    pty.send(ESC);
    pty.wait_for("Tactical meeting");
}

/// A tactical meeting: Dev's "Flour" gets him a next action as Baker; the meeting ends.
fn a_tactical_meeting_gives_dev_a_next_action(pty: &mut Pty) {
    pty.send("t");
    pty.wait_for("Attendance");
    pty.send(ENTER);
    for _ in 0..4 {
        pty.send(">");
    }
    pty.send("a");
    enter(pty, "Flour");
    pick(pty, 3);
    pty.send(">");
    pty.send(ENTER);
    pick(pty, 0);
    enter(pty, "Order rye flour");
    pick(pty, 3);
    pty.send("c");
    pick(pty, 0);
    pty.send(">");
    pty.send(">");
    pty.wait_for("End the meeting?");
    pty.send("y");
    pty.wait_for("The meeting has ended");
    pty.send(ESC);
}

#[test]
fn from_an_empty_database_to_my_work_without_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rt.db");
    let mut pty = program(&db);
    start_adoption(&mut pty);
    two_more_people_and_ana_ticked(&mut pty);
    first_fillers_named_and_adopted(&mut pty);
    a_governance_meeting_creates_baker_and_seller(&mut pty);
    the_lead_assigns_dev_and_ben(&mut pty);
    a_tactical_meeting_gives_dev_a_next_action(&mut pty);
    pty.wait_for("My work");
    pty.send("w");
    pick(&mut pty, 3);
    pty.wait_for("Order rye flour");
    assert!(pty.screen().contains("Baker"), "{}", pty.screen());
}
